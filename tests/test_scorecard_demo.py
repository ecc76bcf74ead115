"""The scorecard on the demo organisation, recomputed independently from the raw measurement rows."""

from datetime import date

import polars as pl
import pytest

from smqse.scope import get_user, scope_for
from smqse.views.scorecard import load_scorecard

AS_OF = date(2026, 10, 1)


@pytest.fixture(scope="module")
def raw(demo_con):
    # Straight from the table, every row at version 1 in the demo: no query layer involved.
    return pl.from_arrow(demo_con.cursor().sql("SELECT * FROM measurement").to_arrow_table())


@pytest.fixture(scope="module")
def card(demo_con):
    return load_scorecard(scope_for(get_user("u-dg", demo_con), demo_con), AS_OF, demo_con)


def _ytd(raw: pl.DataFrame, indicator_id: str) -> pl.DataFrame:
    return raw.filter(
        (pl.col("indicator_id") == indicator_id) & pl.col("period").is_between(date(2026, 1, 1), AS_OF)
    )


def _row(card, indicator_id):
    return card.rows.filter(pl.col("indicator_id") == indicator_id).row(0, named=True)


def test_tf1_is_total_accidents_over_total_hours(raw, card):
    rows = _ytd(raw, "S-TF1")
    expected = rows["numerator"].sum() / rows["denominator"].sum() * 1e6
    assert _row(card, "S-TF1")["ytd_value"] == pytest.approx(expected)
    # and its denominator is the hours worked indicator, site by site
    hours = _ytd(raw, "S-HOURS")["value"].sum()
    assert rows["denominator"].sum() == pytest.approx(hours)


def test_energy_is_a_sum_and_headcount_a_mean_of_monthly_totals(raw, card):
    assert _row(card, "E-ENERGY")["ytd_value"] == pytest.approx(_ytd(raw, "E-ENERGY")["value"].sum())
    fte = _ytd(raw, "S-FTE").group_by("period").agg(pl.col("value").sum())["value"].mean()
    assert _row(card, "S-FTE")["ytd_value"] == pytest.approx(fte)


def test_latest_value_is_the_as_of_month_across_sites(raw, card):
    month = raw.filter((pl.col("indicator_id") == "Q-OTD") & (pl.col("period") == AS_OF))
    expected = month["numerator"].sum() / month["denominator"].sum() * 100
    assert _row(card, "Q-OTD")["latest_value"] == pytest.approx(expected)


def test_statuses_are_all_known_and_every_indicator_is_listed(card, demo_con):
    count = demo_con.cursor().execute("SELECT count(*) FROM indicator").fetchall()[0][0]
    assert card.rows.height == count
    assert set(card.rows["status"]) <= {"met", "at_risk", "missed", "no_objective", "no_data"}
    assert card.attainment_by_domain["total"].sum() == count


def test_a_few_early_values_do_not_move_the_default_month(demo_write_con):
    from smqse.views.scorecard import data_months, default_as_of

    con = demo_write_con
    lead = get_user("u-qse", con)
    scope = scope_for(lead, con)
    assert default_as_of(scope, con) == date(2026, 10, 1)  # the demo's last month, fully entered
    con.execute(
        "INSERT INTO measurement (indicator_id, site_id, period, value, entered_by, entered_at, version) "
        "VALUES ('Q-NC-INT', 'LYON', DATE '2026-11-01', 12, 'u-prod', TIMESTAMP '2026-11-20 09:00:00', 1), "
        "('Q-SCRAP', 'LYON', DATE '2026-11-01', 1.9, 'u-prod', TIMESTAMP '2026-11-20 09:00:00', 1)"
    )
    assert data_months(scope, con)[-1] == date(2026, 11, 1)  # November can still be chosen…
    assert default_as_of(scope, con) == date(2026, 10, 1)  # …but views open on October
    con.execute(
        "INSERT INTO measurement (indicator_id, site_id, period, value, entered_by, entered_at, version) "
        "SELECT indicator_id, site_id, DATE '2026-11-01', value, entered_by, entered_at, 1 "
        "FROM measurement_current WHERE period = DATE '2026-10-01' "
        "AND NOT (indicator_id IN ('Q-NC-INT', 'Q-SCRAP') AND site_id = 'LYON')"
    )
    assert default_as_of(scope, con) == date(2026, 11, 1)  # once November is entered, it is the default
