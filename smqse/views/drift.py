"""The drift page's data path: scoped queries in, one row per indicator and objective out, with gaps,
direction of travel, drift signal, projection to the deadline and verdict; and the site × indicator gaps.

Rows: every indicator in scope at the level of the scope (all its sites together, judged against the
group objective, or the site's own when the scope is one site), plus one row per site objective of a
site in scope (modelled on that site's series). Used by the drift page; the page's verdict counts, the heat
map's cells and order, and what its charts and words both read of a row are here too. No Streamlit here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime

import duckdb
import polars as pl

from smqse.analysis import drift as analysis
from smqse.analysis import kpi
from smqse.db import run_query
from smqse.model import Aggregation, Status
from smqse.scope import Scope

HISTORY_MONTHS = analysis.HISTORY_MONTHS
CHART_MONTHS = 24  # months of history drawn before the projection


@dataclass(frozen=True)
class DriftReport:
    as_of: date
    rows: pl.DataFrame  # one row per indicator (and site objective), worst first
    site_gaps: pl.DataFrame  # one row per indicator × site in scope
    sites: pl.DataFrame  # site_id, name
    # The indicators in scope (name_fr, name_en, value_only_rule…) and, per indicator, the stored rows the
    # figures to date could not use (kpi.LEFT_OUT_SCHEMA): the page says both.
    indicators: pl.DataFrame = field(default_factory=pl.DataFrame)
    left_out: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=kpi.LEFT_OUT_SCHEMA))
    # Read from the stored results (smqse.refresh): when they were computed (the oldest row shown) and how
    # many indicators in scope changed since, or are not computed yet (the page says so). None: live.
    computed_at: datetime | None = None
    stale_indicators: int = 0


ROW_SCHEMA: dict[str, pl.DataType] = {
    "row_id": pl.String,
    "indicator_id": pl.String,
    "site_id": pl.String,
    "name_fr": pl.String,
    "name_en": pl.String,
    "domain": pl.String,
    "process_id": pl.String,
    "unit": pl.String,
    "polarity": pl.String,
    "aggregation": pl.String,
    "objective_id": pl.String,
    "target_value": pl.Float64,
    "alert_value": pl.Float64,
    "tolerance": pl.Float64,
    "start_on": pl.Date,
    "deadline": pl.Date,
    "latest_period": pl.Date,
    "latest_value": pl.Float64,
    "monthly_target": pl.Float64,
    "gap_now": pl.Float64,
    "gap_now_pct": pl.Float64,
    "ytd_value": pl.Float64,
    "target_due": pl.Float64,
    "alert_due": pl.Float64,
    "gap_ytd": pl.Float64,
    "gap_ytd_pct": pl.Float64,
    "status": pl.String,
    "direction": pl.String,
    "slope_per_month": pl.Float64,
    "slope_p_value": pl.Float64,
    "drift": pl.Boolean,
    "drift_period": pl.Date,
    "drift_method": pl.String,
    "drift_direction": pl.String,
    "drift_favourable": pl.Boolean,
    "method": pl.String,
    "model": pl.String,
    "model_points": pl.Int64,
    "model_weight": pl.Float64,
    "projected_value": pl.Float64,
    "projected_lower": pl.Float64,
    "projected_upper": pl.Float64,
    "projected_gap": pl.Float64,
    "projected_gap_pct": pl.Float64,
    "interval_level": pl.Float64,
    "verdict": pl.String,
    "alert_period": pl.Date,
    "alert_already": pl.Boolean,
    "history_periods": pl.List(pl.Date),
    "history_values": pl.List(pl.Float64),
    "fitted_values": pl.List(pl.Float64),
    "forecast_periods": pl.List(pl.Date),
    "forecast_mean": pl.List(pl.Float64),
    "forecast_lower": pl.List(pl.Float64),
    "forecast_upper": pl.List(pl.Float64),
    "running_periods": pl.List(pl.Date),
    "running_values": pl.List(pl.Float64),
    "running_lower": pl.List(pl.Float64),
    "running_upper": pl.List(pl.Float64),
    "running_projected": pl.List(pl.Boolean),
}

SITE_GAP_SCHEMA: dict[str, pl.DataType] = {
    "indicator_id": pl.String,
    "site_id": pl.String,
    "polarity": pl.String,
    "ytd_value": pl.Float64,
    "target_due": pl.Float64,
    "alert_due": pl.Float64,
    "tolerance": pl.Float64,
    "gap_ytd": pl.Float64,
    "gap_ytd_pct": pl.Float64,
    "drift": pl.Boolean,
    "drift_period": pl.Date,
    "drift_direction": pl.String,
    "drift_favourable": pl.Boolean,
    "status": pl.String,
}


@dataclass(frozen=True)
class DriftInputs:
    """What the drift computation reads for a scope and month (smqse.refresh fetches it once for every
    site and derives each site's own with `site_inputs`)."""

    indicators: pl.DataFrame
    objectives: pl.DataFrame
    group_series: pl.DataFrame
    site_series: pl.DataFrame
    sites: pl.DataFrame


def fetch_drift_inputs(
    scope: Scope, as_of: date, con: duckdb.DuckDBPyConnection | None = None
) -> DriftInputs:
    as_of = date(as_of.year, as_of.month, 1)
    params = scope.params()
    start = kpi.shift_month(as_of, -(HISTORY_MONTHS - 1))
    indicators = kpi.compute_effective_aggregation(run_query("scorecard_indicators", con=con, **params))
    objectives = run_query(
        "scorecard_objectives", con=con, start_on=as_of, end_on=kpi.month_end(as_of), **params
    )
    # The status reads every month of each objective's period, however far back it starts (the models and
    # charts use the last HISTORY_MONTHS only).
    series_start = min([start, *[date(d.year, d.month, 1) for d in objectives["start_on"]]])
    group_series = run_query("scorecard_series", con=con, start_month=series_start, end_month=as_of, **params)
    site_series = run_query("drift_site_series", con=con, start_month=series_start, end_month=as_of, **params)
    sites = run_query("sites_in_scope", con=con, **params).select("site_id", "name")
    return DriftInputs(indicators, objectives, group_series, site_series, sites)


def site_inputs(inputs: DriftInputs, site_id: str, site_series: pl.DataFrame | None = None) -> DriftInputs:
    """One site's inputs from inputs fetched for every site: what `fetch_drift_inputs` returns for the scope
    of that site alone (its series is the group series of a one-site scope; its objectives are the group's
    and its own). `site_series`: that site's rows of inputs.site_series when already split."""
    own = site_series if site_series is not None else inputs.site_series.filter(pl.col("site_id") == site_id)
    group = own.select(
        "indicator_id",
        "period_month",
        "value",
        "numerator_sum",
        "denominator_sum",
        pl.lit(1, dtype=pl.Int64).alias("site_count"),
        "left_out_count",
        pl.when(pl.col("left_out_count") > 0)
        .then(pl.lit([site_id], dtype=pl.List(pl.String)))
        .otherwise(pl.lit([], dtype=pl.List(pl.String)))
        .alias("left_out_sites"),
    )
    objectives = inputs.objectives.filter(pl.col("site_id").is_null() | (pl.col("site_id") == site_id))
    sites = inputs.sites.filter(pl.col("site_id") == site_id)
    return DriftInputs(inputs.indicators, objectives, group, own, sites)


def load_drift(
    scope: Scope,
    as_of: date,
    con: duckdb.DuckDBPyConnection | None = None,
    *,
    inputs: DriftInputs | None = None,
    indicator_ids: set[str] | None = None,
    with_site_gaps: bool = True,
) -> DriftReport:
    """The drift rows of `scope` at `as_of` (computed live). `inputs`: already fetched for this scope;
    `indicator_ids`: only these indicators' rows and gaps (the refresh recomputes what changed);
    `with_site_gaps=False`: no site × indicator gaps for a one-site scope (the refresh stores the heat
    map's cells with the group's rows only)."""
    as_of = date(as_of.year, as_of.month, 1)
    inputs = inputs or fetch_drift_inputs(scope, as_of, con)
    start = kpi.shift_month(as_of, -(HISTORY_MONTHS - 1))
    months = [kpi.shift_month(start, i) for i in range(HISTORY_MONTHS)]
    indicators, objectives = inputs.indicators, inputs.objectives
    if indicator_ids is not None:
        indicators = indicators.filter(pl.col("indicator_id").is_in(sorted(indicator_ids)))
    series_start = min([start, *[date(d.year, d.month, 1) for d in objectives["start_on"]]])
    group_series, site_series, sites = inputs.group_series, inputs.site_series, inputs.sites
    if indicator_ids is not None:
        kept = pl.col("indicator_id").is_in(sorted(indicator_ids))
        objectives, group_series, site_series = (
            f.filter(kept) for f in (objectives, group_series, site_series)
        )
    site_ids = list(scope.site_ids)
    single_site = site_ids[0] if len(site_ids) == 1 else None
    # The per-site pass: the gaps, and the site objectives' rows (several sites only).
    site_ids_passed = site_ids if with_site_gaps or single_site is None else []

    # Lists over every month read; the models, drifts and charts take the last HISTORY_MONTHS, the
    # objective-period figures (running value, projection's actuals) go back to the objective's start.
    grid = [kpi.shift_month(series_start, i) for i in range(kpi.months_between(series_start, as_of))]
    group_lists = _lists(group_series, ["indicator_id"], grid)
    site_lists = _lists(site_series, ["indicator_id", "site_id"], grid) if site_ids_passed else {}
    chosen = kpi.pick_objectives(objectives, as_of, single_site, all_sites=scope.all_sites)
    chosen_sites = kpi.pick_site_objectives(objectives, as_of, site_ids)
    group_objectives = {r["indicator_id"]: r for r in chosen.iter_rows(named=True)}
    site_objectives = {(r["indicator_id"], r["site_id"]): r for r in chosen_sites.iter_rows(named=True)}
    own_site_objectives = {
        (r["indicator_id"], r["site_id"]) for r in objectives.filter(pl.col("site_id").is_not_null()).iter_rows(
            named=True)
    }  # fmt: skip
    # The status now: the objective's value to date, as on the scorecard (kpi.compute_objective_status).
    group_status = _by_key(
        kpi.compute_objective_status(group_series, indicators, chosen, as_of), ["indicator_id"]
    )
    every_site = indicators.select("indicator_id").join(
        pl.DataFrame({"site_id": site_ids}, schema={"site_id": pl.String}), how="cross"
    )
    site_status = (
        _by_key(
            kpi.compute_objective_status(
                site_series, indicators, chosen_sites, as_of, keys=("indicator_id", "site_id"),
                frame=every_site,
            ),
            ["indicator_id", "site_id"],
        )
        if site_ids_passed
        else {}
    )  # fmt: skip

    rows = []
    gaps = []
    for ind in indicators.iter_rows(named=True):
        iid = ind["indicator_id"]
        full = group_lists.get((iid,))
        objective = group_objectives.get(iid)
        rows.append(_row(ind, None, _recent(full), months, objective, as_of, group_status[(iid,)],
                         period=_since_start(full, grid, objective, as_of)))  # fmt: skip
        for site in site_ids_passed:
            full_site = site_lists.get((iid, site))
            site_series_row = _recent(full_site)
            objective = site_objectives.get((iid, site))
            own = (iid, site) in own_site_objectives
            judged = site_status[(iid, site)]
            gaps.append(
                _site_gap(ind, site, site_series_row, months, objective, as_of, judged, own_objective=own)
            )
            if single_site is None and (iid, site) in own_site_objectives:
                rows.append(_row(ind, site, site_series_row, months, objective, as_of, judged,
                                 period=_since_start(full_site, grid, objective, as_of)))  # fmt: skip
    frame = pl.DataFrame(rows, schema=ROW_SCHEMA) if rows else pl.DataFrame(schema=ROW_SCHEMA)
    frame = sort_worst_first(frame)
    site_gaps = pl.DataFrame(gaps, schema=SITE_GAP_SCHEMA) if gaps else pl.DataFrame(schema=SITE_GAP_SCHEMA)
    windows = group_series.join(
        pl.DataFrame([(k[0], v["window_start"]) for k, v in group_status.items()],
                     schema={"indicator_id": pl.String, "window_start": pl.Date}, orient="row"),
        on="indicator_id",
    ).filter(pl.col("period_month") >= pl.col("window_start"))  # fmt: skip
    left_out = kpi.compute_left_out(windows, date.min, as_of)
    return DriftReport(
        as_of=as_of, rows=frame, site_gaps=site_gaps, sites=sites, indicators=indicators, left_out=left_out
    )


def sort_worst_first(rows: pl.DataFrame) -> pl.DataFrame:
    """Will miss, at risk, on track, no objective; within a verdict, the largest projected gap first."""
    if rows.is_empty():
        return rows
    return (
        rows.with_columns(
            pl.col("verdict")
            .replace_strict(analysis.VERDICT_ORDER, default=9, return_dtype=pl.Int64)
            .alias("_v"),
            (-pl.col("projected_gap_pct").fill_null(pl.col("gap_ytd_pct")).fill_null(-1e9)).alias("_g"),
        )
        .sort(["_v", "_g", "indicator_id", "site_id"], nulls_last=True)
        .drop("_v", "_g")
    )


# --- what the page shows of the report: counts, the heat map's cells and their order ---------------------


def count_verdicts(rows: pl.DataFrame) -> dict[str, int]:
    return {v: int((rows["verdict"] == v).sum()) if len(rows) else 0 for v in analysis.VERDICT_ORDER}


def is_cumulative(row: dict) -> bool:
    """A SUM indicator is followed as the running total of its objective period (what the target caps)."""
    return row.get("aggregation") == Aggregation.SUM


def running_series(row: dict) -> tuple[list, list, list, list, list]:
    """A running total's months, whether each is projected, its values and their interval bounds."""
    months, flags, values, lower, upper = (
        list(row.get(f"running_{key}") or []) for key in ("periods", "projected", "values", "lower", "upper")
    )
    return months, flags, values, lower, upper


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def heatmap_grid(
    site_gaps: pl.DataFrame, indicators: pl.DataFrame, site_order: list[str]
) -> tuple[list[str], list[str], dict[tuple[str, str], dict]]:
    """The heat map's rows (the indicators with a gap, worst gap first), its columns, and its cells by
    (indicator, site): the same order for the figure and its table."""
    cells = {(r["indicator_id"], r["site_id"]): r for r in site_gaps.iter_rows(named=True)}
    with_gap = {i for (i, _), r in cells.items() if not _is_missing(r.get("gap_ytd_pct"))}

    def worst(iid: str) -> float:
        values = [cells[(iid, s)].get("gap_ytd_pct") for s in site_order if (iid, s) in cells]
        return max((v for v in values if not _is_missing(v)), default=-1e9)

    ids = [i for i in indicators["indicator_id"].to_list() if i in with_gap]
    ids.sort(key=lambda i: (-worst(i), i))
    return ids, site_order, cells


HEATMAP_MAX_SITES = 30
HEATMAP_MAX_INDICATORS = 50


def select_heatmap_cells(
    site_gaps: pl.DataFrame, max_sites: int = HEATMAP_MAX_SITES, max_indicators: int = HEATMAP_MAX_INDICATORS
) -> tuple[pl.DataFrame, int, int]:
    """The cells a readable map can hold: the sites and indicators furthest off target (a missed objective
    counts 2, at risk 1, an unfavourable drift 1), at most `max_sites` × `max_indicators`. Returns the kept
    cells and how many sites and indicators there were."""
    if site_gaps.is_empty():
        return site_gaps, 0, 0
    scored = site_gaps.with_columns(
        (
            pl.col("status").replace_strict(
                {Status.MISSED.value: 2, Status.AT_RISK.value: 1}, default=0, return_dtype=pl.Int64
            )
            + (pl.col("drift").fill_null(False) & ~pl.col("drift_favourable").fill_null(True)).cast(pl.Int64)
        ).alias("_score")
    )

    def top(column: str, n: int) -> list:
        ranked = scored.group_by(column).agg(pl.col("_score").sum()).sort(["_score", column],
                                                                            descending=[True, False])  # fmt: skip
        return ranked[column].head(n).to_list()

    n_sites, n_indicators = scored["site_id"].n_unique(), scored["indicator_id"].n_unique()
    if n_sites <= max_sites and n_indicators <= max_indicators:
        return site_gaps, n_sites, n_indicators
    kept = scored.filter(
        pl.col("site_id").is_in(top("site_id", max_sites))
        & pl.col("indicator_id").is_in(top("indicator_id", max_indicators))
    )
    return kept.drop("_score"), n_sites, n_indicators


def _lists(series: pl.DataFrame, keys: list[str], months: list[date]) -> dict[tuple, dict]:
    """{key tuple: {"value": [...], "numerator_sum": [...], "denominator_sum": [...]}} on the month grid."""
    if series.is_empty():
        return {}
    grid = (
        series.select(keys)
        .unique()
        .join(pl.DataFrame({"period_month": months}, schema={"period_month": pl.Date}), how="cross")
    )
    full = (
        grid.join(series, on=[*keys, "period_month"], how="left")
        .sort([*keys, "period_month"])
        .group_by(keys, maintain_order=True)
        .agg(
            pl.col("value").cast(pl.Float64),
            pl.col("numerator_sum").cast(pl.Float64),
            pl.col("denominator_sum").cast(pl.Float64),
        )
    )
    return {tuple(r[k] for k in keys): r for r in full.iter_rows(named=True)}


def _objective_fields(objective: dict | None, as_of: date) -> dict:
    if objective is None:
        return {
            "objective_id": None,
            "target_value": None,
            "alert_value": None,
            "tolerance": None,
            "start_on": date(as_of.year, 1, 1),
            "deadline": date(as_of.year, 12, 31),
        }
    return {k: objective.get(k) for k in ("objective_id", "target_value", "alert_value", "tolerance",
                                          "start_on", "deadline")}  # fmt: skip


def _recent(series: dict | None) -> dict | None:
    """The last HISTORY_MONTHS of a series' lists: what the models, drift charts and sparklines read."""
    if series is None:
        return None
    return {k: v[-HISTORY_MONTHS:] if isinstance(v, list) else v for k, v in series.items()}


def _since_start(
    series: dict | None, grid: list[date], objective: dict | None, as_of: date
) -> tuple[dict | None, list[date]]:
    """The series from the objective's start when that is before the last HISTORY_MONTHS (else those
    months), with its months: the objective-period figures need every month of the period."""
    start_on = _objective_fields(objective, as_of)["start_on"]
    first = min(len(grid) - HISTORY_MONTHS, max(0, kpi.months_between(grid[0], start_on) - 1))
    if series is None:
        return None, grid[first:]
    return {k: v[first:] if isinstance(v, list) else v for k, v in series.items()}, grid[first:]


def _running(ind: dict, series: dict | None, months: list[date], start_on: date) -> list:
    """The objective-period value at the end of each month of the charted history (the running line)."""
    if series is None:
        return []
    running = analysis.compute_running_actuals(
        series["value"], months, start_on, aggregation=ind["aggregation"],
        numerators=series["numerator_sum"], denominators=series["denominator_sum"], rate_base=ind["rate_base"],
    )  # fmt: skip
    return running


def _by_key(judged: pl.DataFrame, keys: list[str]) -> dict[tuple, dict]:
    return {tuple(r[k] for k in keys): r for r in judged.iter_rows(named=True)}


def _site_gap(
    ind: dict,
    site: str,
    series: dict | None,
    months: list[date],
    objective: dict | None,
    as_of: date,
    judged: dict,
    *,
    own_objective: bool,
) -> dict:
    """Gap to date (the objective's period) of one site against its objective (no model: the heat map),
    and its drift signal.

    The group objective of a flow or a stock (sum, mean, last: values add across sites) is a group
    total, not a site's: without a site objective of its own, such a site has no gap. Ratios compare."""
    if ind["aggregation"] != Aggregation.RATIO and not own_objective:
        objective = None
    fields = _objective_fields(objective, as_of)
    ytd_value, target_due, alert_due = judged["value"], judged["target_due"], judged["alert_due"]
    gap = analysis.compute_gap(ytd_value, target_due, ind["polarity"], fields["tolerance"])
    drift = (
        analysis.detect_drift(series["value"], ind["polarity"], target=fields["target_value"])
        if series
        else None
    )
    return {
        "indicator_id": ind["indicator_id"],
        "site_id": site,
        "polarity": ind["polarity"],
        "ytd_value": ytd_value,
        "target_due": target_due,
        "alert_due": alert_due,
        "tolerance": fields["tolerance"],
        "gap_ytd": gap,
        "gap_ytd_pct": analysis.compute_gap_pct(gap, target_due),
        "drift": bool(drift and drift.detected),
        "drift_period": months[drift.first_index] if drift and drift.detected else None,
        "drift_direction": drift.direction if drift and drift.detected else None,
        "drift_favourable": drift.favourable if drift and drift.detected else None,
        "status": judged["status"],
    }


def _row(
    ind: dict,
    site: str | None,
    series: dict | None,
    months: list[date],
    objective: dict | None,
    as_of: date,
    judged: dict,
    *,
    period: tuple[dict | None, list[date]],
) -> dict:
    fields = _objective_fields(objective, as_of)
    start_on, deadline = fields["start_on"], fields["deadline"]
    target, alert, tolerance = fields["target_value"], fields["alert_value"], fields["tolerance"]
    polarity, aggregation = ind["polarity"], ind["aggregation"]
    values = series["value"] if series else [None] * len(months)

    latest = values[-1] if values else None
    total_months = kpi.months_between(start_on, deadline)
    monthly_target = None
    if target is not None:
        monthly_target = target / total_months if aggregation == Aggregation.SUM else target
    monthly_tolerance = tolerance
    gap_now = analysis.compute_gap(latest, monthly_target, polarity, monthly_tolerance)

    period_series, period_months = period
    running_actual = _running(ind, period_series, period_months, start_on)
    ytd_value, target_due, alert_due = judged["value"], judged["target_due"], judged["alert_due"]
    gap_ytd = analysis.compute_gap(ytd_value, target_due, polarity, tolerance)

    direction = analysis.compute_direction(values, polarity, target, seasonal_history=values)
    drift = analysis.detect_drift(values, polarity, target=target)
    projection = analysis.compute_projection(
        period_series["value"] if period_series else [None] * len(period_months), period_months, deadline,
        aggregation=aggregation, start_on=start_on,
        numerators=period_series["numerator_sum"] if period_series else None,
        denominators=period_series["denominator_sum"] if period_series else None, rate_base=ind["rate_base"],
    )  # fmt: skip
    verdict = analysis.compute_verdict(
        projection.value, projection.value_lower, projection.value_upper, target=target, alert=alert,
        polarity=polarity, tolerance=tolerance,
    )  # fmt: skip
    if ytd_value is None and projection.value is None:
        verdict = analysis.NO_DATA if target is not None else analysis.NO_OBJECTIVE
    projected_running = list(zip(projection.periods, projection.running, strict=True))
    alert_period, already = analysis.compute_alert_crossing(
        running_actual, projected_running, target=target, alert=alert, polarity=polarity,
        aggregation=aggregation, start_on=start_on, deadline=deadline,
    )  # fmt: skip
    projected_gap = analysis.compute_gap(projection.value, target, polarity, tolerance)
    chart_from = len(months) - CHART_MONTHS
    actual_points = [(m, v) for m, v in running_actual if v is not None]
    return {
        "row_id": ind["indicator_id"] if site is None else f"{ind['indicator_id']}@{site}",
        "indicator_id": ind["indicator_id"],
        "site_id": site,
        "name_fr": ind["name_fr"],
        "name_en": ind["name_en"],
        "domain": ind["domain"],
        "process_id": ind["process_id"],
        "unit": ind["unit"],
        "polarity": polarity,
        "aggregation": aggregation,
        **fields,
        "latest_period": as_of,
        "latest_value": latest,
        "monthly_target": monthly_target,
        "gap_now": gap_now,
        "gap_now_pct": analysis.compute_gap_pct(gap_now, monthly_target),
        "ytd_value": ytd_value,
        "target_due": target_due,
        "alert_due": alert_due,
        "gap_ytd": gap_ytd,
        "gap_ytd_pct": analysis.compute_gap_pct(gap_ytd, target_due),
        "status": judged["status"],
        "direction": direction.direction,
        "slope_per_month": direction.slope_per_month,
        "slope_p_value": direction.p_value,
        "drift": drift.detected,
        "drift_period": months[drift.first_index] if drift.detected else None,
        "drift_method": drift.method,
        "drift_direction": drift.direction,
        "drift_favourable": drift.favourable,
        "method": projection.method,
        "model": projection.model,
        "model_points": projection.n_points,
        "model_weight": projection.model_weight,
        "projected_value": projection.value,
        "projected_lower": projection.value_lower,
        "projected_upper": projection.value_upper,
        "projected_gap": projected_gap,
        "projected_gap_pct": analysis.compute_gap_pct(projected_gap, target),
        "interval_level": projection.level,
        "verdict": verdict,
        "alert_period": alert_period,
        "alert_already": already,
        "history_periods": months[chart_from:],
        "history_values": values[chart_from:],
        "fitted_values": projection.fitted[len(period_months) - CHART_MONTHS :],
        "forecast_periods": projection.periods,
        "forecast_mean": projection.mean,
        "forecast_lower": projection.lower,
        "forecast_upper": projection.upper,
        "running_periods": [m for m, _ in actual_points] + projection.periods,
        "running_values": [v for _, v in actual_points] + projection.running,
        "running_lower": [v for _, v in actual_points] + projection.running_lower,
        "running_upper": [v for _, v in actual_points] + projection.running_upper,
        "running_projected": [False] * len(actual_points) + [True] * len(projection.periods),
    }


def load_stored_drift(
    scope: Scope, as_of: date, key: str, con: duckdb.DuckDBPyConnection | None = None
) -> DriftReport | None:
    """The drift report of `scope` read from the rows the refresh stored under `key` (smqse.refresh.scope_key
    of the scope) for `as_of`; None when nothing is stored for them yet."""
    as_of = date(as_of.year, as_of.month, 1)
    params = scope.params()
    stored = run_query("drift_rows_stored", con=con, scope_key=key, as_of_month=as_of, **params)
    if stored.is_empty():
        return None
    indicators = kpi.compute_effective_aggregation(run_query("scorecard_indicators", con=con, **params))
    sites = run_query("sites_in_scope", con=con, **params).select("site_id", "name")
    own = stored.filter(pl.col("site_id").is_null())
    stale = own.filter(pl.col("stale"))["indicator_id"].n_unique()
    missing = indicators.filter(~pl.col("indicator_id").is_in(own["indicator_id"].to_list())).height
    left_out = (
        own.filter(pl.col("left_out_count") > 0)
        .select(*[pl.col(c).cast(t) for c, t in kpi.LEFT_OUT_SCHEMA.items()])
        .sort("indicator_id")
    )
    if len(scope.site_ids) > 1:
        gaps = run_query("drift_site_gaps_stored", con=con, scope_key=key, as_of_month=as_of, **params)
        gaps = gaps.select(*[pl.col(c).cast(t) for c, t in SITE_GAP_SCHEMA.items()])
    else:
        gaps = pl.DataFrame(schema=SITE_GAP_SCHEMA)
    rows = sort_worst_first(stored.select(*[pl.col(c).cast(t) for c, t in ROW_SCHEMA.items()]))
    return DriftReport(
        as_of=as_of, rows=rows, site_gaps=gaps, sites=sites, indicators=indicators, left_out=left_out,
        computed_at=stored["computed_at"].min(), stale_indicators=stale + missing,
    )  # fmt: skip
