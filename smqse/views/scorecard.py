"""The scorecard's data path: scoped queries in, one row per indicator out, with status and signal.

Used by the scorecard page, the benchmark and (later) the review pack; the page's counts, filters and orders,
and what its charts and words both read of a row (its trend series, the attainment groups' order), are here
too. No Streamlit here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import duckdb
import polars as pl

from smqse import month_state
from smqse.analysis import kpi
from smqse.analysis.signals import compute_recent_chart
from smqse.db import run_query
from smqse.model import Aggregation, Domain, Polarity, Status
from smqse.scope import Scope

TREND_MONTHS = 24  # sparkline length (and the limits drawn with it)
HISTORY_MONTHS = 48  # the months the recent-signal chart reads (smqse.analysis.signals.WINDOW_MONTHS)
SIGNAL_MONTHS = 6  # a signal older than this is history, not "recent movement"

_DOMAIN_NAMES = {
    Domain.QUALITY.value: ("Qualité", "Quality"),
    Domain.SAFETY.value: ("Santé-sécurité", "Health & safety"),
    Domain.ENVIRONMENT.value: ("Environnement", "Environment"),
}


@dataclass(frozen=True)
class Scorecard:
    as_of: date
    rows: pl.DataFrame
    attainment_by_domain: pl.DataFrame
    attainment_by_process: pl.DataFrame
    attainment_by_site: pl.DataFrame
    changed: pl.DataFrame
    # Stored rows the figures to date could not use (a ratio row without numerator or denominator), per
    # indicator: indicator_id, left_out_count, left_out_sites (kpi.LEFT_OUT_SCHEMA). Every view says so.
    left_out: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=kpi.LEFT_OUT_SCHEMA))


def reference_lists(scope: Scope, con: duckdb.DuckDBPyConnection | None = None) -> dict[str, pl.DataFrame]:
    """Sites, processes and domains the scope allows (domains: those with an indicator in scope)."""
    return {
        "sites": run_query("sites_in_scope", con=con, **scope.params()),
        "processes": run_query("processes_in_scope", con=con, **scope.params()),
        "domains": run_query("domains_in_scope", con=con, **scope.params()),
    }


def data_months(scope: Scope, con: duckdb.DuckDBPyConnection | None = None) -> list[date]:
    """Months holding data in scope, ascending."""
    return run_query("data_months", con=con, **scope.params())["period_month"].to_list()


def default_as_of(scope: Scope, con: duckdb.DuckDBPyConnection | None = None) -> date | None:
    """The latest month with data that is complete (at least the completeness threshold of its expected
    values) or closed: a month still being entered is never the view everyone opens on
    (`smqse.month_state.default_month`)."""
    counts = run_query("data_month_counts", con=con, **scope.params())
    return month_state.default_month(con, scope, counts["period_month"].to_list())


def load_scorecard(scope: Scope, as_of: date, con: duckdb.DuckDBPyConnection | None = None) -> Scorecard:
    as_of = date(as_of.year, as_of.month, 1)
    params = scope.params()
    history_start = kpi.shift_month(as_of, -(HISTORY_MONTHS - 1))
    previous = kpi.shift_month(as_of, -1)

    indicators = kpi.compute_effective_aggregation(run_query("scorecard_indicators", con=con, **params))
    objectives = run_query(
        "scorecard_objectives", con=con, start_on=previous, end_on=kpi.month_end(as_of), **params
    )
    # The series must cover the start of every objective judged (a period may be longer than the history).
    series_start = min([history_start, *[date(d.year, d.month, 1) for d in objectives["start_on"]]])
    series = run_query("scorecard_series", con=con, start_month=series_start, end_month=as_of, **params)
    single_site = scope.site_ids[0] if len(scope.site_ids) == 1 else None

    rows = _indicator_rows(indicators, series, objectives, as_of, previous, single_site, scope.all_sites)
    rows = rows.join(_trends_and_signals(indicators, series, history_start), on="indicator_id", how="left")
    rows = kpi.sort_most_urgent(rows)

    site_rows = _site_rows(indicators, objectives, as_of, list(scope.site_ids), scope, con)
    sites = run_query("sites_in_scope", con=con, **params)
    return Scorecard(
        as_of=as_of,
        rows=rows,
        attainment_by_domain=_named(
            kpi.summarise_attainment(rows, "domain"),
            pl.DataFrame(
                {
                    "group_id": list(_DOMAIN_NAMES),
                    "name_fr": [v[0] for v in _DOMAIN_NAMES.values()],
                    "name_en": [v[1] for v in _DOMAIN_NAMES.values()],
                }
            ),
        ),
        attainment_by_process=_named(
            kpi.summarise_attainment(rows, "process_id"),
            rows.select(
                pl.col("process_id").alias("group_id"),
                pl.col("process_name_fr").alias("name_fr"),
                pl.col("process_name_en").alias("name_en"),
            ).unique(maintain_order=True),
        ),
        attainment_by_site=_named(
            kpi.summarise_attainment(site_rows, "site_id"),
            sites.select(
                pl.col("site_id").alias("group_id"),
                pl.col("name").alias("name_fr"),
                pl.col("name").alias("name_en"),
            ),
        ),
        changed=rows.filter(pl.col("status_changed")).select(
            "indicator_id", "name_fr", "name_en", "previous_status", "status"
        ),
        left_out=kpi.compute_left_out(_in_objective_windows(series, rows), date.min, as_of),
    )


# --- what the page shows of the scorecard: counts, its filters and orders, one row's series -----------------


def count_statuses(rows: pl.DataFrame) -> dict[str, dict[str, int | None]]:
    """{status: {"now": n, "before": n one month earlier}} for the headline tiles."""
    out: dict[str, dict[str, int | None]] = {}
    has_previous = "previous_status" in rows.columns
    for status in (s.value for s in Status):
        now = int((rows["status"] == status).sum()) if len(rows) else 0
        before = None
        if has_previous and len(rows):
            before = int((rows["previous_status"] == status).sum())
        out[status] = {"now": now, "before": before}
    return out


def filter_rows(
    rows: pl.DataFrame, *, domains: list[str] | tuple[str, ...] = (), attention_only: bool = False
) -> pl.DataFrame:
    """Rows of the chosen domains (empty = all); with `attention_only`, those missed, at risk or showing
    an unfavourable signal."""
    if domains:
        rows = rows.filter(pl.col("domain").is_in(list(domains)))
    if attention_only:
        unfavourable = pl.col("signal").fill_null(False) & ~pl.col("signal_favourable").fill_null(False)
        rows = rows.filter(pl.col("status").is_in([Status.MISSED.value, Status.AT_RISK.value]) | unfavourable)
    return rows


def sort_by_domain(rows: pl.DataFrame) -> pl.DataFrame:
    """Grouped by domain (Quality, Safety, Environment), most urgent first within each."""
    if rows.is_empty():
        return rows
    urgent = kpi.sort_most_urgent(rows).with_row_index("_rank")
    return (
        urgent.with_columns(
            pl.col("domain").replace_strict(kpi.DOMAIN_ORDER, default=9, return_dtype=pl.Int64).alias("_d")
        )
        .sort(["_d", "_rank"])
        .drop("_d", "_rank")
    )


def judged_count(group: dict) -> int:
    """Indicators of an attainment group judged against an objective: met, at risk or missed."""
    return (
        int(group.get(Status.MET.value) or 0)
        + int(group.get(Status.AT_RISK.value) or 0)
        + int(group.get(Status.MISSED.value) or 0)
    )


def ordered_attainment(frame: pl.DataFrame, grouping: str) -> list[dict]:
    """The attainment groups in the order the chart and its table show them: domains Q, S, E; processes and
    sites worst first (lowest share met, then most missed)."""
    groups = list(frame.iter_rows(named=True))
    if grouping == "domain":
        return sorted(groups, key=lambda g: kpi.DOMAIN_ORDER.get(g["group_id"], 9))
    return sorted(
        groups,
        key=lambda g: (
            g["share_met"] if g["share_met"] is not None else 2.0,
            -int(g.get(Status.MISSED.value) or 0),
            str(g["group_id"]),
        ),
    )


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def trend_points(row: dict) -> tuple[list[date], list[float | None]]:
    """One row's 24 months and their values (None for a month without one)."""
    periods = list(row.get("trend_periods") or [])
    values = [None if _is_missing(v) else float(v) for v in (row.get("trend_values") or [])]
    return periods, values


def trend_limits(row: dict) -> tuple[list[float | None], list[float | None]]:
    """Upper and lower natural process limits aligned with the trend (None where there are none)."""
    n = len(row.get("trend_periods") or [])
    ucl = [None if _is_missing(v) else float(v) for v in (row.get("control_ucl") or [None] * n)]
    lcl = [None if _is_missing(v) else float(v) for v in (row.get("control_lcl") or [None] * n)]
    return ucl, lcl


def _status_at(
    indicators: pl.DataFrame,
    series: pl.DataFrame,
    objectives: pl.DataFrame,
    month: date,
    site: str | None,
    all_sites: bool,
) -> pl.DataFrame:
    """The objective's value to date at `month` and its status against the objective active that month
    (kpi.compute_objective_status: the objective's own period; the calendar year without an objective)."""
    chosen = kpi.pick_objectives(objectives, month, site, all_sites=all_sites)
    return kpi.compute_objective_status(
        series.filter(pl.col("period_month") <= month), indicators, chosen, month
    )


def _in_objective_windows(series: pl.DataFrame, rows: pl.DataFrame) -> pl.DataFrame:
    """The monthly rows each indicator's value to date is computed from (for the rows it had to leave out)."""
    return series.join(rows.select("indicator_id", "window_start"), on="indicator_id", how="inner").filter(
        pl.col("period_month") >= pl.col("window_start")
    )


def _indicator_rows(
    indicators: pl.DataFrame,
    series: pl.DataFrame,
    objectives: pl.DataFrame,
    as_of: date,
    previous: date,
    single_site: str | None,
    all_sites: bool,
) -> pl.DataFrame:
    now = _status_at(indicators, series, objectives, as_of, single_site, all_sites)
    before = _status_at(indicators, series, objectives, previous, single_site, all_sites).select(
        "indicator_id", pl.col("status").alias("previous_status")
    )
    latest = series.filter(pl.col("period_month") == as_of).select(
        "indicator_id", pl.col("value").alias("latest_value")
    )
    rows = (
        indicators.join(latest, on="indicator_id", how="left")
        .join(
            now.select(
                "indicator_id",
                pl.col("value").alias("ytd_value"),
                "target_value",
                "alert_value",
                "tolerance",
                "target_due",
                "alert_due",
                "objective_id",
                "start_on",
                "deadline",
                "window_start",
                "status",
            ),
            on="indicator_id",
            how="left",
        )
        .join(before, on="indicator_id", how="left")
    )
    return rows.with_columns(
        pl.lit(as_of).alias("latest_period"),
        (pl.col("status") != pl.col("previous_status")).fill_null(False).alias("status_changed"),
    )


def _trends_and_signals(indicators: pl.DataFrame, series: pl.DataFrame, history_start: date) -> pl.DataFrame:
    history = [kpi.shift_month(history_start, i) for i in range(HISTORY_MONTHS)]
    months = history[-TREND_MONTHS:]
    # Every indicator × every month, missing months as nulls, one list per indicator (one join in all).
    grid = indicators.select("indicator_id").join(
        pl.DataFrame({"period_month": history}, schema={"period_month": pl.Date}), how="cross"
    )
    full = (
        grid.join(series, on=["indicator_id", "period_month"], how="left")
        .sort("indicator_id", "period_month")
        .group_by("indicator_id", maintain_order=True)
        .agg(pl.col("value"), pl.col("numerator_sum"), pl.col("denominator_sum"))
    )
    lists = {r["indicator_id"]: r for r in full.iter_rows(named=True)}
    out = []
    for ind in indicators.iter_rows(named=True):
        trend = lists[ind["indicator_id"]]
        all_values = [None if v is None else float(v) for v in trend["value"]]
        values = all_values[-TREND_MONTHS:]
        ratio = ind["aggregation"] == Aggregation.RATIO
        # The one signal logic (smqse.analysis.signals), on the 48 months read, as the trends page's verdict.
        chart = compute_recent_chart(
            all_values,
            numerators=trend["numerator_sum"] if ratio else None,
            denominators=trend["denominator_sum"] if ratio else None,
            rate_base=ind["rate_base"],
        )
        signal = chart.signal
        out.append(
            {
                "indicator_id": ind["indicator_id"],
                "chart_type": chart.chart_type,
                "chart_laney": chart.laney,
                "chart_seasonal": chart.seasonal,
                "control_center": chart.center[-TREND_MONTHS:],
                "control_ucl": chart.ucl[-TREND_MONTHS:],
                "control_lcl": chart.lcl[-TREND_MONTHS:],
                "signal": signal is not None,
                "signal_rule": signal.rule if signal else None,
                "signal_period": history[signal.index] if signal else None,
                "signal_direction": signal.direction if signal else None,
                "signal_favourable": _favourable(ind["polarity"], signal.direction) if signal else None,
                "trend_periods": months,
                "trend_values": values,
            }
        )
    schema = {
        "indicator_id": pl.String,
        "chart_type": pl.String,
        "chart_laney": pl.Boolean,
        "chart_seasonal": pl.Boolean,
        "control_center": pl.List(pl.Float64),
        "control_ucl": pl.List(pl.Float64),
        "control_lcl": pl.List(pl.Float64),
        "signal": pl.Boolean,
        "signal_rule": pl.Int64,
        "signal_period": pl.Date,
        "signal_direction": pl.String,
        "signal_favourable": pl.Boolean,
        "trend_periods": pl.List(pl.Date),
        "trend_values": pl.List(pl.Float64),
    }
    return pl.DataFrame(out, schema=schema)


def _favourable(polarity: str, direction: str) -> bool | None:
    if polarity == Polarity.HIGHER_BETTER:
        return direction == "up"
    if polarity == Polarity.LOWER_BETTER:
        return direction == "down"
    return None


def _site_rows(
    indicators: pl.DataFrame,
    objectives: pl.DataFrame,
    as_of: date,
    sites: list[str],
    scope: Scope,
    con: duckdb.DuckDBPyConnection | None,
) -> pl.DataFrame:
    """Status of every indicator on every site in scope with data in its objective's period to date (site
    objective, else group's for ratios; the calendar year without an objective). The per-site totals are
    summed in SQL, once per distinct window start (few: the objectives' start months and January)."""
    chosen = kpi.pick_site_objectives(objectives, as_of, sites)
    window_totals = pl.concat(
        [
            run_query(
                "scorecard_site_totals", con=con, start_month=start, end_month=as_of, **scope.params()
            ).with_columns(pl.lit(start).alias("window_start"))
            for start in kpi.objective_window_starts(chosen, as_of)
        ],
        how="vertical_relaxed",
    )
    judged = kpi.compute_objective_status_from_totals(
        window_totals, indicators, chosen, as_of, keys=("indicator_id", "site_id"), frame=window_totals
    )
    return judged.filter(pl.col("in_window"))


def _named(summary: pl.DataFrame, names: pl.DataFrame) -> pl.DataFrame:
    return names.join(summary, on="group_id", how="inner").select(
        "group_id",
        "name_fr",
        "name_en",
        *[s.value for s in Status],
        "total",
        "share_met",
    )
