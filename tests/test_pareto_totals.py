"""The Pareto page's aggregated path (events added up by key in DuckDB, queries/pareto_totals.sql; one bar's
events by queries/pareto_category_events.sql) gives the same rankings, labels, counts and event lists as the
frame-based path on every event (queries/pareto_events.sql), on the demo, for every grouping and weight."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from smqse.scope import get_user, scope_for
from smqse.views import pareto as service

PERIODS = (
    service.default_period(date(2026, 10, 1)),
    service.Period(date(2024, 11, 1), date(2026, 10, 1)),  # every event of the demo
)
TYPE_CHOICES = ((), ("customer_complaint",), ("nonconformity", "incident"))


@pytest.fixture(scope="module")
def scopes(demo_con):
    return {u: scope_for(get_user(u, demo_con), demo_con) for u in ("u-dg", "u-prod")}


@pytest.mark.parametrize("grouping", service.GROUPINGS)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_aggregated_ranking_is_the_frame_based_one(demo_con, scopes, grouping, lang):
    compared = 0
    for scope in scopes.values():
        for period in PERIODS:
            events = service.load_events(scope, period.start_on, period.end_on, demo_con)
            for types in TYPE_CHOICES:
                chosen = service.filter_event_types(events, types)
                totals = service.load_totals(scope, period.start_on, period.end_on, grouping, types, demo_con)
                for weight in service.WEIGHTS:
                    expected = service.compute_pareto(chosen, grouping, weight, 0.8, period, lang)
                    got = service.compute_pareto_from_totals(totals, grouping, weight, 0.8, period, lang)
                    assert (got.events, got.excluded) == (expected.events, expected.excluded)
                    # sums of costs added in another order may differ in the last bit: not the ranking
                    assert_frame_equal(got.table, expected.table, check_exact=False, rel_tol=1e-9)
                    compared += len(expected.table)
    assert compared > 0


@pytest.mark.parametrize("grouping", service.GROUPINGS)
def test_one_bars_events_are_the_frame_based_ones(demo_con, scopes, grouping):
    scope, period = scopes["u-dg"], PERIODS[0]
    events = service.load_events(scope, period.start_on, period.end_on, demo_con)
    listed_any = False
    for types in TYPE_CHOICES[:2]:
        chosen = service.filter_event_types(events, types)
        totals = service.load_totals(scope, period.start_on, period.end_on, grouping, types, demo_con)
        keys = totals["key"].drop_nulls().to_list()
        listed_any = listed_any or bool(keys)
        for key in keys[:3] + keys[-2:]:
            expected = service.category_events(chosen, grouping, key, "en")
            listed = service.load_category_events(
                scope, period.start_on, period.end_on, grouping, key, types, demo_con
            )
            assert_frame_equal(service.events_table(listed, "en"), expected)
    assert listed_any


def test_groupings_and_event_types_come_from_allow_lists(demo_con, scopes):
    scope, period = scopes["u-dg"], PERIODS[0]
    with pytest.raises(ValueError, match="grouping"):
        service.load_totals(scope, period.start_on, period.end_on, "title", (), demo_con)
    with pytest.raises(ValueError, match="grouping"):
        service.load_category_events(scope, period.start_on, period.end_on, "title", "x", (), demo_con)
    with pytest.raises(ValueError, match="event types"):
        service.load_totals(scope, period.start_on, period.end_on, "site", ("x') OR 1=1 --",), demo_con)


def test_the_totals_hold_one_row_per_key_not_the_events(demo_con, scopes):
    scope, period = scopes["u-dg"], PERIODS[0]
    events = service.load_events(scope, period.start_on, period.end_on, demo_con)
    totals = service.load_totals(scope, period.start_on, period.end_on, "category", (), demo_con)
    assert len(totals) <= len(service.CATEGORY_ORDER) + 1 < len(events)
    assert totals["events"].sum() == len(events)
    assert totals.schema["key"] == pl.String
