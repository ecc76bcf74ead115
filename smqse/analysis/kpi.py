"""Indicator arithmetic: how values combine over time, and status against an objective. Pure Polars.

Across sites, the queries already add numerators, denominators and values per month. Over time:
ratio → Σ numerator / Σ denominator × rate_base (never the mean of monthly rates);
sum → Σ values; mean (stocks) → mean of the monthly totals; last (stocks at a date) → the last month's total.
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from smqse.model import Aggregation, Polarity, Status

# Relative slack so that a value equal to its target up to float noise (2.9999999 vs 3) counts as equal.
_EPS = 1e-9

TOTALS_SCHEMA = {
    "numerator_sum": pl.Float64,
    "denominator_sum": pl.Float64,
    "value_sum": pl.Float64,
    "period_count": pl.Int64,
    "last_value": pl.Float64,
}


def compute_window_totals(
    series: pl.DataFrame, start: date, end: date, keys: tuple[str, ...] = ("indicator_id",)
) -> pl.DataFrame:
    """Totals over [start, end] of a monthly series (columns: keys, period_month, value, numerator_sum,
    denominator_sum) in the shape `compute_values_from_totals` takes."""
    return _totals(series.filter(pl.col("period_month").is_between(start, end)), list(keys))


def _totals(window: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    return (
        window.sort("period_month")
        .group_by(keys, maintain_order=True)
        .agg(
            pl.col("numerator_sum").sum().cast(pl.Float64),
            pl.col("denominator_sum").sum().cast(pl.Float64),
            pl.col("value").sum().cast(pl.Float64).alias("value_sum"),
            pl.col("value").count().cast(pl.Int64).alias("period_count"),
            pl.col("value").drop_nulls().last().cast(pl.Float64).alias("last_value"),
        )
    )


def objective_window_start_expr(as_of: date) -> pl.Expr:
    """First month an objective judges: its start_on's month; January of as_of's year without an objective
    (a null start_on keeps the calendar year to date)."""
    return pl.coalesce(pl.col("start_on").cast(pl.Date).dt.month_start(), pl.lit(date(as_of.year, 1, 1)))


def objective_window_end_expr(as_of: date) -> pl.Expr:
    """Last month an objective judges at as_of: as_of, or its deadline's month when that comes first."""
    deadline = pl.col("deadline").cast(pl.Date).dt.month_start()
    return pl.min_horizontal(pl.lit(as_of), deadline.fill_null(pl.lit(as_of)))


def compute_objective_status(
    series: pl.DataFrame,
    indicators: pl.DataFrame,
    chosen: pl.DataFrame,
    as_of: date,
    *,
    keys: tuple[str, ...] = ("indicator_id",),
    frame: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """THE objective's value to date and its status — one definition for every page and the pack.

    value: the aggregate over [objective start_on, as_of] ∩ [start_on, deadline] of a monthly series
    (columns: keys, period_month, value, numerator_sum, denominator_sum) following the indicator's
    aggregation (sum: Σ; mean: mean of the months; ratio: Σnum / Σden × rate_base; last: the last month);
    without an objective, the calendar year to date. Status: `compute_status` (sum targets prorated by the
    share of the objective's own period elapsed).

    `chosen` holds one objective per key (pick_objectives / pick_site_objectives: keys, objective_id,
    target_value, alert_value, tolerance, start_on, deadline…); `frame` the rows to judge (keys), by default
    every indicator. Returns frame + indicator_id's polarity, aggregation, rate_base, the objective's
    columns, window_start, in_window (a stored month falls in the window), value, target_due, alert_due,
    status."""
    keys = list(keys)
    judged = _judged_rows(indicators, chosen, as_of, keys, frame)
    window = series.select(*keys, "period_month", "value", "numerator_sum", "denominator_sum").join(
        judged.select(*keys, "window_start", "window_end"), on=keys, how="inner"
    )
    window = window.filter(pl.col("period_month").is_between(pl.col("window_start"), pl.col("window_end")))
    return _judge(judged, _totals(window, keys), keys, as_of)


def objective_window_starts(chosen: pl.DataFrame, as_of: date) -> list[date]:
    """The distinct first months of the windows judged at as_of: the chosen objectives' start months and
    January of as_of's year (keys without an objective). Totals computed in SQL are read once per start."""
    starts = chosen.select(objective_window_start_expr(as_of).alias("s"))["s"].to_list()
    return sorted({date(as_of.year, 1, 1), *starts})


def compute_objective_status_from_totals(
    window_totals: pl.DataFrame,
    indicators: pl.DataFrame,
    chosen: pl.DataFrame,
    as_of: date,
    *,
    keys: tuple[str, ...] = ("indicator_id",),
    frame: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """`compute_objective_status` from totals already summed over [window_start, as_of] per key
    (window_totals: keys, window_start and the TOTALS_SCHEMA columns — e.g.
    queries/scorecard_site_totals.sql run once per `objective_window_starts`): each key takes the totals of its own window."""
    keys = list(keys)
    judged = _judged_rows(indicators, chosen, as_of, keys, frame)
    totals = window_totals.join(judged.select(*keys, "window_start"), on=[*keys, "window_start"], how="inner")
    return _judge(judged, totals.select(*keys, *TOTALS_SCHEMA), keys, as_of)


def _judged_rows(
    indicators: pl.DataFrame, chosen: pl.DataFrame, as_of: date, keys: list[str], frame: pl.DataFrame | None
) -> pl.DataFrame:
    rows = (
        indicators.select("indicator_id") if frame is None else frame.select(keys).unique(maintain_order=True)
    )
    meta = indicators.select("indicator_id", "polarity", "aggregation", "rate_base")
    judged = rows.join(meta, on="indicator_id", how="left").join(chosen, on=keys, how="left")
    return judged.with_columns(
        objective_window_start_expr(as_of).alias("window_start"),
        objective_window_end_expr(as_of).alias("window_end"),
    )


def _judge(judged: pl.DataFrame, totals: pl.DataFrame, keys: list[str], as_of: date) -> pl.DataFrame:
    totals = totals.with_columns(
        *[pl.col(c).cast(t) for c, t in TOTALS_SCHEMA.items()], pl.lit(True).alias("in_window")
    )
    judged = judged.join(totals, on=keys, how="left").with_columns(
        value_from_totals_expr().alias("value"), pl.col("in_window").fill_null(False)
    )
    return compute_status(judged.drop(*TOTALS_SCHEMA, "window_end"), as_of)


def value_from_totals_expr() -> pl.Expr:
    """The value over a window from its totals, following the indicator's aggregation.

    Needs columns aggregation, rate_base and the TOTALS_SCHEMA columns."""
    ratio = (
        pl.when(pl.col("denominator_sum") > 0)
        .then(pl.col("numerator_sum") / pl.col("denominator_sum") * pl.col("rate_base").fill_null(1.0))
        .otherwise(None)
    )
    has_values = pl.col("period_count") > 0
    return (
        pl.when(pl.col("aggregation") == Aggregation.RATIO)
        .then(ratio)
        .when(~has_values)
        .then(None)
        .when(pl.col("aggregation") == Aggregation.SUM)
        .then(pl.col("value_sum"))
        .when(pl.col("aggregation") == Aggregation.MEAN)
        .then(pl.col("value_sum") / pl.col("period_count"))
        .otherwise(pl.col("last_value"))
        .cast(pl.Float64)
    )


def compute_values_from_totals(totals: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    """Join totals with indicator metadata (indicator_id, aggregation, rate_base) and add `value`."""
    joined = totals.join(
        indicators.select("indicator_id", "aggregation", "rate_base"), on="indicator_id", how="left"
    )
    return joined.with_columns(value_from_totals_expr().alias("value"))


# A ratio indicator whose definition allows a value alone (indicator.value_only_rule): it aggregates as the
# unweighted mean of its values, across sites (done by the series queries) and over time (as a `mean`).
MEAN_OF_VALUES = "mean_of_values"


def compute_effective_aggregation(indicators: pl.DataFrame) -> pl.DataFrame:
    """Indicators with `aggregation` as their figures combine over time: a ratio allowed a value alone
    (value_only_rule = mean_of_values) is a `mean` of its monthly values, since it has no denominator to
    weigh them by. Frames without value_only_rule are returned as they are."""
    if "value_only_rule" not in indicators.columns:
        return indicators
    return indicators.with_columns(
        pl.when((pl.col("aggregation") == Aggregation.RATIO) & (pl.col("value_only_rule") == MEAN_OF_VALUES))
        .then(pl.lit(Aggregation.MEAN.value))
        .otherwise(pl.col("aggregation"))
        .alias("aggregation")
    )


LEFT_OUT_SCHEMA = {
    "indicator_id": pl.String,
    "left_out_count": pl.Int64,
    "left_out_sites": pl.List(pl.String),
}


def compute_left_out(series: pl.DataFrame, start: date, end: date) -> pl.DataFrame:
    """Per indicator, the stored rows a figure over [start, end] could not use (a ratio row without its
    numerator or denominator) and their sites, from a monthly series with left_out_count and left_out_sites
    (queries/scorecard_series.sql). Only indicators with at least one such row."""
    if "left_out_count" not in series.columns:
        return pl.DataFrame(schema=LEFT_OUT_SCHEMA)
    window = series.filter(pl.col("period_month").is_between(start, end) & (pl.col("left_out_count") > 0))
    return (
        window.group_by("indicator_id", maintain_order=True)
        .agg(
            pl.col("left_out_count").sum().cast(pl.Int64),
            pl.col("left_out_sites")
            .list.explode(keep_nulls=False, empty_as_null=False)
            .unique()
            .sort()
            .alias("left_out_sites"),
        )
        .select(*[pl.col(c).cast(t) for c, t in LEFT_OUT_SCHEMA.items()])
        .sort("indicator_id")
    )


def months_between(start: date, end: date) -> int:
    """Whole months from start's month to end's month, inclusive (Jan → Mar = 3)."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def prorate_expr(aggregation: pl.Expr, start_on: pl.Expr, deadline: pl.Expr, as_of: date) -> pl.Expr:
    """Share of an objective's period elapsed at as_of, for SUM indicators (targets are totals over the
    objective's period, so a total since its start is judged against the matching share); 1 otherwise."""
    as_of_index = as_of.year * 12 + as_of.month
    start_index = start_on.dt.year().cast(pl.Int64) * 12 + start_on.dt.month().cast(pl.Int64)
    end_index = deadline.dt.year().cast(pl.Int64) * 12 + deadline.dt.month().cast(pl.Int64)
    elapsed = (pl.lit(as_of_index) - start_index + 1).clip(lower_bound=0)
    total = (end_index - start_index + 1).clip(lower_bound=1)
    share = (elapsed.cast(pl.Float64) / total.cast(pl.Float64)).clip(0.0, 1.0)
    return pl.when(aggregation == Aggregation.SUM).then(share).otherwise(1.0)


def status_expr(
    value: pl.Expr, target: pl.Expr, alert: pl.Expr, tolerance: pl.Expr, polarity: pl.Expr
) -> pl.Expr:
    """met / at_risk / missed from polarity and alert threshold; no_data and no_objective when missing.

    lower_better: met while value ≤ target, at risk while ≤ alert threshold, missed above.
    higher_better: the mirror. target_band: met while |value − target| ≤ tolerance, at risk while
    |value − target| ≤ |alert − target|. Without an alert threshold there is no "at risk" band.
    """
    slack = pl.max_horizontal(target.abs(), pl.lit(1.0)) * _EPS
    gap = (value - target).abs()
    lower_met = value <= target + slack
    lower_risk = alert.is_not_null() & (value <= alert + slack)
    higher_met = value >= target - slack
    higher_risk = alert.is_not_null() & (value >= alert - slack)
    band_met = gap <= tolerance.fill_null(0.0) + slack
    band_risk = alert.is_not_null() & (gap <= (alert - target).abs() + slack)

    met = (
        pl.when(polarity == Polarity.LOWER_BETTER)
        .then(lower_met)
        .when(polarity == Polarity.HIGHER_BETTER)
        .then(higher_met)
        .otherwise(band_met)
    )
    risk = (
        pl.when(polarity == Polarity.LOWER_BETTER)
        .then(lower_risk)
        .when(polarity == Polarity.HIGHER_BETTER)
        .then(higher_risk)
        .otherwise(band_risk)
    )
    return (
        pl.when(value.is_null() | value.is_nan())
        .then(pl.lit(Status.NO_DATA.value))
        .when(target.is_null())
        .then(pl.lit(Status.NO_OBJECTIVE.value))
        .when(met)
        .then(pl.lit(Status.MET.value))
        .when(risk)
        .then(pl.lit(Status.AT_RISK.value))
        .otherwise(pl.lit(Status.MISSED.value))
    )


def compute_status(
    frame: pl.DataFrame,
    as_of: date,
    *,
    value: str = "value",
) -> pl.DataFrame:
    """Add `target_due`, `alert_due` (targets prorated for sums) and `status` to a frame that has
    value, target_value, alert_value, tolerance, polarity, aggregation, start_on, deadline."""
    share = prorate_expr(pl.col("aggregation"), pl.col("start_on"), pl.col("deadline"), as_of)
    frame = frame.with_columns(
        (pl.col("target_value") * share).alias("target_due"),
        (pl.col("alert_value") * share).alias("alert_due"),
    )
    return frame.with_columns(
        status_expr(
            pl.col(value),
            pl.col("target_due"),
            pl.col("alert_due"),
            pl.col("tolerance"),
            pl.col("polarity"),
        ).alias("status")
    )


def _group_target_applies(all_sites: bool) -> pl.Expr:
    """A group objective (site_id NULL) judges a part of the group only for ratios: a rate target holds at
    any scale, a total (energy, tCO2e, accidents) is the whole group's and says nothing of one site's."""
    return pl.col("site_id").is_not_null() | pl.lit(all_sites) | (pl.col("aggregation") == Aggregation.RATIO)


def pick_objectives(
    objectives: pl.DataFrame, on: date, site_id: str | None = None, *, all_sites: bool = True
) -> pl.DataFrame:
    """One objective per indicator active in `on`'s month: the site's own when `site_id` is given and one
    exists, the group objective (site_id NULL) otherwise — for a scope short of some sites
    (`all_sites=False`) only where the indicator is a ratio. The latest-starting wins ties.

    `objectives` has the columns of queries/scorecard_objectives.sql (aggregation included)."""
    active = objectives.filter(
        (pl.col("start_on") <= month_end(on)) & (pl.col("deadline") >= on) & _group_target_applies(all_sites)
    )
    ranked = active.with_columns(
        pl.when(pl.col("site_id").is_null())
        .then(1)
        .when(pl.col("site_id") == pl.lit(site_id, dtype=pl.String))
        .then(0)
        .otherwise(None)
        .alias("_rank")
    ).filter(pl.col("_rank").is_not_null())
    return (
        ranked.sort(["_rank", "start_on"], descending=[False, True])
        .group_by("indicator_id", maintain_order=True)
        .first()
        .drop("_rank", "site_id", "aggregation")
    )


def pick_site_objectives(objectives: pl.DataFrame, on: date, site_ids: list[str]) -> pl.DataFrame:
    """One objective per (indicator, site) active on `on`: the site's own, else the group objective for
    ratio indicators (see _group_target_applies)."""
    active = objectives.with_columns(pl.col("site_id").cast(pl.String)).filter(
        (pl.col("start_on") <= month_end(on)) & (pl.col("deadline") >= on) & _group_target_applies(False)
    )
    sites = pl.DataFrame({"site": site_ids}, schema={"site": pl.String})
    group = active.filter(pl.col("site_id").is_null()).join(sites, how="cross").with_columns(_rank=1)
    own = active.filter(pl.col("site_id").is_not_null()).with_columns(
        pl.col("site_id").alias("site"), _rank=0
    )
    both = pl.concat([own, group.select(own.columns)], how="vertical")
    return (
        both.sort(["_rank", "start_on"], descending=[False, True])
        .group_by(["indicator_id", "site"], maintain_order=True)
        .first()
        .drop("_rank", "site_id", "aggregation")
        .rename({"site": "site_id"})
    )


def month_end(month_start: date) -> date:
    """Last day of the month."""
    return shift_month(month_start, 1) - timedelta(days=1)


def shift_month(month: date, delta: int) -> date:
    """First day of the month `delta` months away."""
    index = month.year * 12 + (month.month - 1) + delta
    return date(index // 12, index % 12 + 1, 1)


def summarise_attainment(rows: pl.DataFrame, group_col: str) -> pl.DataFrame:
    """Count statuses per group; share_met over indicators that have both an objective and data."""
    counts = rows.group_by(group_col, maintain_order=True).agg(
        *[(pl.col("status") == s.value).sum().cast(pl.Int64).alias(s.value) for s in Status],
        pl.len().cast(pl.Int64).alias("total"),
    )
    judged = pl.col(Status.MET.value) + pl.col(Status.AT_RISK.value) + pl.col(Status.MISSED.value)
    return counts.with_columns(
        pl.when(judged > 0).then(pl.col(Status.MET.value) / judged).otherwise(None).alias("share_met")
    ).rename({group_col: "group_id"})


# Most urgent first: missed, at risk, missing data, met, no objective.
URGENCY = {
    Status.MISSED.value: 0,
    Status.AT_RISK.value: 1,
    Status.NO_DATA.value: 2,
    Status.MET.value: 3,
    Status.NO_OBJECTIVE.value: 4,
}
DOMAIN_ORDER = {"Q": 0, "S": 1, "E": 2}


def sort_most_urgent(rows: pl.DataFrame) -> pl.DataFrame:
    """By status urgency; within a status, unfavourable signals first, then domain Q, S, E and id."""
    if rows.is_empty():
        return rows
    unfavourable = pl.col("signal").fill_null(False) & ~pl.col("signal_favourable").fill_null(False)
    return (
        rows.with_columns(
            pl.col("status").replace_strict(URGENCY, default=5, return_dtype=pl.Int64).alias("_urgency"),
            (~unfavourable).alias("_calm"),
            pl.col("domain").replace_strict(DOMAIN_ORDER, default=9, return_dtype=pl.Int64).alias("_domain"),
        )
        .sort(["_urgency", "_calm", "_domain", "indicator_id"])
        .drop("_urgency", "_calm", "_domain")
    )
