"""kpi.compute_objective_status: the objective's value to date over its own period, on hand-built frames."""

from datetime import date

import polars as pl
import pytest

from smqse.analysis import kpi

SCHEMA = {
    "indicator_id": pl.String,
    "period_month": pl.Date,
    "value": pl.Float64,
    "numerator_sum": pl.Float64,
    "denominator_sum": pl.Float64,
}


def _months(start: date, n: int) -> list[date]:
    return [kpi.shift_month(start, i) for i in range(n)]


def _series(start: date, values, numerators=None, denominators=None) -> pl.DataFrame:
    n = len(values)
    return pl.DataFrame(
        {
            "indicator_id": ["X"] * n,
            "period_month": _months(start, n),
            "value": values,
            "numerator_sum": numerators or [None] * n,
            "denominator_sum": denominators or [None] * n,
        },
        schema=SCHEMA,
    )


def _indicator(aggregation: str, polarity: str = "lower_better", rate_base=None) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "indicator_id": ["X"],
            "aggregation": [aggregation],
            "polarity": [polarity],
            "rate_base": [rate_base],
        },
        schema={
            "indicator_id": pl.String,
            "aggregation": pl.String,
            "polarity": pl.String,
            "rate_base": pl.Float64,
        },
    )


def _objective(start_on: date | None, deadline: date | None, target=None, alert=None) -> pl.DataFrame:
    rows = [] if start_on is None else [("X", "O", target, alert, None, start_on, deadline)]
    return pl.DataFrame(
        rows,
        schema={
            "indicator_id": pl.String,
            "objective_id": pl.String,
            "target_value": pl.Float64,
            "alert_value": pl.Float64,
            "tolerance": pl.Float64,
            "start_on": pl.Date,
            "deadline": pl.Date,
        },
        orient="row",
    )


def _judge(series, aggregation, objective, as_of, **kw) -> dict:
    return kpi.compute_objective_status(series, _indicator(aggregation, **kw), objective, as_of).row(
        0, named=True
    )


def test_a_mean_objective_starting_in_july_is_the_mean_from_july():
    # Jan–Jun 2025 at 50 (before the objective), Jul–Dec at 80, Jan–Mar 2026 at 100.
    series = _series(date(2025, 1, 1), [50.0] * 6 + [80.0] * 6 + [100.0] * 3)
    row = _judge(series, "mean", _objective(date(2025, 7, 15), date(2026, 6, 30), 100.0, 90.0), date(2026, 3, 1),
                 polarity="higher_better")  # fmt: skip
    assert row["window_start"] == date(2025, 7, 1)
    assert row["value"] == pytest.approx((6 * 80 + 3 * 100) / 9)
    assert row["target_due"] == pytest.approx(100.0)  # a mean is not prorated
    assert row["status"] == "missed"


def test_a_two_year_sum_cap_is_prorated_over_its_own_period():
    series = _series(date(2025, 1, 1), [100.0] * 6 + [20.0] * 6 + [5.0] * 3)
    row = _judge(
        series, "sum", _objective(date(2025, 7, 1), date(2027, 6, 30), 240.0, 264.0), date(2026, 3, 1)
    )
    assert row["value"] == pytest.approx(135.0)
    assert (row["target_due"], row["alert_due"]) == (pytest.approx(90.0), pytest.approx(99.0))
    assert row["status"] == "missed"


def test_a_ratio_is_the_sum_of_numerators_over_the_sum_of_denominators_since_the_start():
    series = _series(date(2025, 10, 1), [10.0, 20.0, 30.0], [1.0, 2.0, 9.0], [100.0, 100.0, 300.0])
    row = _judge(series, "ratio", _objective(date(2025, 11, 1), date(2026, 10, 31), 3.0, 4.0), date(2025, 12, 1),
                 rate_base=100.0)  # fmt: skip
    assert row["value"] == pytest.approx((2 + 9) / 400 * 100)
    assert row["status"] == "met"


def test_without_an_objective_the_calendar_year_to_date():
    series = _series(date(2025, 11, 1), [7.0, 7.0, 1.0, 2.0])
    row = _judge(series, "sum", _objective(None, None), date(2026, 2, 1))
    assert row["window_start"] == date(2026, 1, 1)
    assert row["value"] == pytest.approx(3.0)
    assert row["status"] == "no_objective"


def test_no_month_in_the_window_is_no_data():
    series = _series(date(2025, 1, 1), [5.0, 5.0])
    row = _judge(series, "sum", _objective(date(2025, 7, 1), date(2026, 6, 30), 10.0, 12.0), date(2025, 9, 1))
    assert row["value"] is None and row["status"] == "no_data" and not row["in_window"]
