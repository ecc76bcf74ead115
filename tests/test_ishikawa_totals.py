"""The Ishikawa page's aggregated path (events added up by type, process and cause in DuckDB,
queries/ishikawa_totals.sql; one cause's events by queries/ishikawa_cause_events.sql) gives the same weights,
fishbone, ranking and event lists as the path on every event (queries/ishikawa_events.sql), on the demo, for
every effect and measure."""

from __future__ import annotations

from datetime import date

import pytest
from polars.testing import assert_frame_equal

from smqse.analysis import ishikawa as analysis
from smqse.scope import get_user, scope_for
from smqse.views import ishikawa as service

PERIODS = (
    service.period_bounds(date(2024, 11, 1), date(2026, 10, 1)),  # every event of the demo
    service.period_bounds(date(2025, 3, 1), date(2025, 8, 1)),
)


def _effects(events) -> list[service.Effect]:
    processes = sorted(set(events["process_id"].to_list()))[:3]
    return [
        service.Effect("all"),
        *(service.Effect("type", e) for e in service.event_types_present(events)),
        *(service.Effect("indicator", p) for p in processes),
    ]


@pytest.mark.parametrize("user", ["u-dg", "u-prod"])
def test_the_totals_weigh_the_causes_as_the_events_do(demo_con, user):
    scope = scope_for(get_user(user, demo_con), demo_con)
    causes = service.load_causes(scope, demo_con)
    compared, grouped = 0, 0
    for start_on, end_on in PERIODS:
        events = service.load_events(scope, start_on, end_on, demo_con)
        totals = service.load_totals(scope, start_on, end_on, demo_con)
        grouped += int((totals["events"] > 1).sum())  # rows standing for several events
        assert len(totals) <= len(events) and totals["events"].sum() == len(events)
        assert service.event_types_present(totals) == service.event_types_present(events)
        for effect in _effects(events):
            for measure in analysis.MEASURES:
                expected = service.compute_view(causes, events, effect, measure)
                got = service.compute_view(causes, totals, effect, measure)
                w, x = got.weights, expected.weights
                assert (w.own_count, w.count, w.total_count, w.unassigned_count) == (
                    x.own_count, x.count, x.total_count, x.unassigned_count
                )  # fmt: skip
                for mine, theirs in ((w.own_cost, x.own_cost), (w.cost, x.cost)):
                    assert mine.keys() == theirs.keys()
                    assert all(mine[k] == pytest.approx(theirs[k], rel=1e-9) for k in mine)
                assert w.total_cost == pytest.approx(x.total_cost, rel=1e-9)
                ranked = analysis.ranked_causes(got.tree, got.weights, measure)
                assert ranked == analysis.ranked_causes(expected.tree, expected.weights, measure)
                assert got.events.is_empty() == expected.events.is_empty()
                compared += len(ranked)
    assert compared > 0
    assert grouped > 0


def test_one_causes_events_are_those_of_the_frame(demo_con):
    scope = scope_for(get_user("u-dg", demo_con), demo_con)
    causes = service.load_causes(scope, demo_con)
    start_on, end_on = PERIODS[0]
    events = service.load_events(scope, start_on, end_on, demo_con)
    listed_any = 0
    for effect in _effects(events):
        view = service.compute_view(causes, events, effect, "count")
        for cause_id in analysis.ranked_causes(view.tree, view.weights)[:4]:
            expected = analysis.events_of(view.tree, view.events, cause_id)
            ids = (cause_id, *view.tree.descendants(cause_id))
            got = service.load_cause_events(scope, start_on, end_on, ids, effect, demo_con)
            assert_frame_equal(got, expected)
            listed_any += len(got)
    assert listed_any > 0
