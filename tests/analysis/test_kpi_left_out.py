"""kpi's part in issue 12: the rows a figure could not use are summed per indicator over the window, with
their sites; a ratio allowed a value alone combines over time as a mean."""

from __future__ import annotations

from datetime import date

import polars as pl

from smqse.analysis import kpi


def _series(rows):
    return pl.DataFrame(
        rows,
        schema={"indicator_id": pl.String, "period_month": pl.Date, "left_out_count": pl.Int64,
                "left_out_sites": pl.List(pl.String)},
        orient="row",
    )  # fmt: skip


def test_left_out_rows_are_summed_over_the_window_with_their_sites():
    series = _series([
        ("Q-FPY", date(2025, 12, 1), 4, ["ROUEN"]),  # before the window
        ("Q-FPY", date(2026, 1, 1), 1, ["LYON"]),
        ("Q-FPY", date(2026, 2, 1), 2, ["LYON", "NANTES"]),
        ("Q-SCRAP", date(2026, 2, 1), 0, []),
    ])  # fmt: skip
    left_out = kpi.compute_left_out(series, date(2026, 1, 1), date(2026, 2, 1))
    assert left_out.rows() == [("Q-FPY", 3, ["LYON", "NANTES"])]


def test_nothing_left_out_gives_an_empty_frame_of_the_same_shape():
    assert kpi.compute_left_out(_series([]), date(2026, 1, 1), date(2026, 2, 1)).schema == kpi.LEFT_OUT_SCHEMA
    assert kpi.compute_left_out(
        pl.DataFrame({"indicator_id": ["A"]}), date(2026, 1, 1), date(2026, 2, 1)
    ).schema == (kpi.LEFT_OUT_SCHEMA)


def test_a_ratio_allowed_a_value_alone_combines_over_time_as_a_mean():
    indicators = pl.DataFrame({
        "indicator_id": ["A", "B", "C"], "aggregation": ["ratio", "ratio", "sum"],
        "rate_base": [100.0, 100.0, None], "value_only_rule": ["mean_of_values", None, None],
    })  # fmt: skip
    effective = kpi.compute_effective_aggregation(indicators)
    assert effective["aggregation"].to_list() == ["mean", "ratio", "sum"]
    totals = pl.DataFrame({
        "indicator_id": ["A", "B"], "numerator_sum": [None, 90.0], "denominator_sum": [None, 100.0],
        "value_sum": [180.0, 180.0], "period_count": [2, 2], "last_value": [92.0, 92.0],
    })  # fmt: skip
    values = kpi.compute_values_from_totals(totals, effective)
    assert values["value"].to_list() == [90.0, 90.0]
    assert kpi.compute_effective_aggregation(indicators.drop("value_only_rule")).equals(
        indicators.drop("value_only_rule")
    )
