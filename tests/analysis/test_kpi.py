"""Aggregation and status logic on hand-built frames."""

from datetime import date

import polars as pl
import pytest

from smqse.analysis import kpi


def _indicators(aggregation: str, rate_base: float | None = None) -> pl.DataFrame:
    return pl.DataFrame(
        {"indicator_id": ["X"], "aggregation": [aggregation], "rate_base": [rate_base]},
        schema={"indicator_id": pl.String, "aggregation": pl.String, "rate_base": pl.Float64},
    )


def _series(values, numerators=None, denominators=None) -> pl.DataFrame:
    n = len(values)
    return pl.DataFrame(
        {
            "indicator_id": ["X"] * n,
            "period_month": [date(2026, m + 1, 1) for m in range(n)],
            "value": values,
            "numerator_sum": numerators or [None] * n,
            "denominator_sum": denominators or [None] * n,
        },
        schema={
            "indicator_id": pl.String,
            "period_month": pl.Date,
            "value": pl.Float64,
            "numerator_sum": pl.Float64,
            "denominator_sum": pl.Float64,
        },
    )


def _value(series, aggregation, rate_base=None, start=date(2026, 1, 1), end=date(2026, 12, 1)):
    totals = kpi.compute_window_totals(series, start, end)
    return kpi.compute_values_from_totals(totals, _indicators(aggregation, rate_base))["value"][0]


def test_ratio_over_time_is_sum_over_sum_not_mean_of_rates():
    # January: 1 accident in 10 000 h (rate 100); February: 0 in 990 000 h (rate 0).
    series = _series([100.0, 0.0], [1, 0], [10_000, 990_000])
    assert _value(series, "ratio", 1_000_000) == pytest.approx(1.0)  # 1 / 1 000 000 h × 1e6, not 50


def test_sum_mean_and_last_over_time():
    series = _series([10.0, 20.0, None, 30.0])
    assert _value(series, "sum") == 60.0
    assert _value(series, "mean") == pytest.approx(20.0)  # missing month left out, not counted as 0
    assert _value(series, "last") == 30.0


def test_window_bounds_are_inclusive():
    series = _series([1.0, 2.0, 4.0, 8.0])
    assert _value(series, "sum", start=date(2026, 2, 1), end=date(2026, 3, 1)) == 6.0


def test_ratio_without_denominator_is_missing_not_zero():
    series = _series([None], [0], [0])
    assert _value(series, "ratio", 100) is None


def _status(value, target, alert, polarity, tolerance=None, aggregation="ratio", as_of=date(2026, 12, 1)):
    frame = pl.DataFrame(
        {
            "value": [value],
            "target_value": [target],
            "alert_value": [alert],
            "tolerance": [tolerance],
            "polarity": [polarity],
            "aggregation": [aggregation],
            "start_on": [date(2026, 1, 1)],
            "deadline": [date(2026, 12, 31)],
        },
        schema={
            "value": pl.Float64,
            "target_value": pl.Float64,
            "alert_value": pl.Float64,
            "tolerance": pl.Float64,
            "polarity": pl.String,
            "aggregation": pl.String,
            "start_on": pl.Date,
            "deadline": pl.Date,
        },
    )
    return kpi.compute_status(frame, as_of)["status"][0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(4.0, "met"), (5.0, "met"), (5.5, "at_risk"), (6.0, "at_risk"), (6.1, "missed")],
)
def test_lower_better_status(value, expected):
    assert _status(value, 5.0, 6.0, "lower_better") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(98.0, "met"), (95.0, "met"), (93.0, "at_risk"), (92.0, "at_risk"), (91.9, "missed")],
)
def test_higher_better_status(value, expected):
    assert _status(value, 95.0, 92.0, "higher_better") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(7.5, "met"), (8.0, "met"), (8.4, "at_risk"), (6.6, "at_risk"), (9.0, "missed"), (6.0, "missed")],
)
def test_target_band_status(value, expected):
    # pH: band 7.5 ± 0.5 met, ± 1.0 at risk.
    assert _status(value, 7.5, 8.5, "target_band", tolerance=0.5) == expected


def test_zero_accident_objective():
    assert _status(0.0, 0.0, 0.0, "lower_better", aggregation="sum") == "met"
    assert _status(1.0, 0.0, 0.0, "lower_better", aggregation="sum") == "missed"
    assert _status(1.0, 0.0, 1.0, "lower_better", aggregation="sum") == "at_risk"
    # Prorating a zero target mid-year keeps it zero: one accident in March is already a miss.
    assert _status(1.0, 0.0, 0.0, "lower_better", aggregation="sum", as_of=date(2026, 3, 1)) == "missed"


def test_sum_target_is_prorated_to_the_share_of_year_elapsed():
    # Annual cap of 1 200 t CO2e: 400 t are due by the end of April, so 500 t is a miss and 390 t is met.
    assert _status(500.0, 1200.0, None, "lower_better", aggregation="sum", as_of=date(2026, 4, 1)) == "missed"
    assert _status(390.0, 1200.0, None, "lower_better", aggregation="sum", as_of=date(2026, 4, 1)) == "met"
    # A ratio is never prorated.
    assert _status(390.0, 1200.0, None, "lower_better", aggregation="ratio", as_of=date(2026, 4, 1)) == "met"


def test_missing_value_or_objective():
    assert _status(None, 5.0, 6.0, "lower_better") == "no_data"
    assert _status(3.0, None, None, "lower_better") == "no_objective"


def test_float_noise_at_the_target_counts_as_met():
    assert _status(0.1 + 0.2, 0.3, None, "lower_better") == "met"


def test_pick_objectives_prefers_site_then_group_and_active_ones():
    objectives = pl.DataFrame(
        {
            "objective_id": ["G25", "G26", "S26"],
            "indicator_id": ["X", "X", "X"],
            "site_id": [None, None, "LYON"],
            "target_value": [1.0, 2.0, 3.0],
            "start_on": [date(2025, 1, 1), date(2026, 1, 1), date(2026, 1, 1)],
            "deadline": [date(2025, 12, 31), date(2026, 12, 31), date(2026, 12, 31)],
            "aggregation": ["ratio"] * 3,
        }
    )
    assert kpi.pick_objectives(objectives, date(2026, 5, 1))["objective_id"].to_list() == ["G26"]
    assert kpi.pick_objectives(objectives, date(2026, 5, 1), "LYON")["objective_id"].to_list() == ["S26"]
    assert kpi.pick_objectives(objectives, date(2025, 12, 1), "LYON")["objective_id"].to_list() == ["G25"]
    per_site = kpi.pick_site_objectives(objectives, date(2026, 5, 1), ["LYON", "ROUEN"]).sort("site_id")
    assert per_site["objective_id"].to_list() == ["S26", "G26"]


def test_attainment_share_counts_only_judged_indicators():
    rows = pl.DataFrame(
        {"domain": ["Q", "Q", "Q", "Q", "S"], "status": ["met", "missed", "no_objective", "met", "no_data"]}
    )
    summary = kpi.summarise_attainment(rows, "domain").sort("group_id")
    q = summary.row(0, named=True)
    assert (q["met"], q["missed"], q["no_objective"], q["total"]) == (2, 1, 1, 4)
    assert q["share_met"] == pytest.approx(2 / 3)
    assert summary.row(1, named=True)["share_met"] is None


def test_shift_month_and_month_end():
    assert kpi.shift_month(date(2026, 1, 1), -1) == date(2025, 12, 1)
    assert kpi.shift_month(date(2026, 11, 1), 14) == date(2028, 1, 1)
    assert kpi.month_end(date(2024, 2, 1)) == date(2024, 2, 29)
    assert kpi.months_between(date(2026, 1, 1), date(2026, 3, 1)) == 3


def test_a_group_total_target_does_not_judge_part_of_the_group():
    objectives = pl.DataFrame(
        {
            "objective_id": ["ENERGY-G", "RATE-G"],
            "indicator_id": ["E", "R"],
            "site_id": [None, None],
            "target_value": [12_000.0, 2.0],
            "start_on": [date(2026, 1, 1)] * 2,
            "deadline": [date(2026, 12, 31)] * 2,
            "aggregation": ["sum", "ratio"],
        }
    )
    on = date(2026, 5, 1)
    assert kpi.pick_objectives(objectives, on)["objective_id"].to_list() == ["ENERGY-G", "RATE-G"]
    assert kpi.pick_objectives(objectives, on, "LYON", all_sites=False)["objective_id"].to_list() == [
        "RATE-G"
    ]
    per_site = kpi.pick_site_objectives(objectives, on, ["LYON"])
    assert per_site["objective_id"].to_list() == ["RATE-G"]
