"""The trends page's data path: one indicator's monthly series in scope, per site and combined, its
objective, and the analysis the page shows (process behaviour chart, signals, intervals, seasonality,
one chart per site). No Streamlit here; the page caches `load_trend_data` and calls `compute_trend_view`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb
import polars as pl

from smqse.analysis import kpi, spc
from smqse.analysis import trends as analysis
from smqse.analysis.signals import RecentChart, compute_recent_chart
from smqse.db import run_query
from smqse.model import Aggregation
from smqse.scope import Scope

HISTORY_MONTHS = 120  # how far back the page reads (the demo has 72 months)
WINDOWS = (24, 36, 60, 0)  # months displayed; 0 = all the history
DEFAULT_WINDOW = 36
MAX_SITES = 12  # small multiples beyond this are unreadable
RECENT_MONTHS = analysis.RECENT_MONTHS

_SERIES_SCHEMA = {
    "site_id": pl.String,
    "site_name": pl.String,
    "period_month": pl.Date,
    "value": pl.Float64,
    "numerator": pl.Float64,
    "denominator": pl.Float64,
    "comment": pl.String,
}


@dataclass(frozen=True)
class TrendData:
    """What the database says about one indicator in a scope, up to the as-of month."""

    indicator: dict
    as_of: date
    months: list[date]  # every month from the first with data to as_of
    combined: (
        pl.DataFrame
    )  # period_month, value, numerator_sum, denominator_sum, site_count (one row a month)
    sites: pl.DataFrame  # per site and month on the same grid (missing months as nulls)
    site_names: dict[str, str]
    objective: dict | None  # target_value, alert_value, tolerance of the objective active at as_of
    site_objectives: dict[str, dict] = field(default_factory=dict)
    chart_type: str = "xmr"
    # Stored rows the combined figure could not use over the months loaded (a ratio row without numerator or
    # denominator): kpi.LEFT_OUT_SCHEMA, one row at most. The page says so.
    left_out: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=kpi.LEFT_OUT_SCHEMA))


@dataclass(frozen=True)
class SiteTrend:
    site_id: str
    name: str
    chart: analysis.TrendChart
    episodes: list[analysis.Episode]
    objective: dict | None
    intervals: list[tuple[float, float] | None]


@dataclass(frozen=True)
class TrendView:
    """Everything the page draws for one indicator and one set of choices."""

    data: TrendData
    periods: list[date]  # the months displayed
    chart: analysis.TrendChart
    episodes: list[analysis.Episode]
    intervals: list[tuple[float, float] | None]
    numerators: list[float | None]
    denominators: list[float | None]
    seasonality: analysis.Seasonality | None  # on the whole history; None when too short
    seasonally_adjusted: bool
    sites: list[SiteTrend]
    sites_total: int  # sites with data in scope (may exceed MAX_SITES)
    # The verdict on recent movement, the scorecard's own (detect_recent_signal on the last 48 months of the
    # whole history), whatever the window, limits and rules chosen for the chart.
    verdict: RecentChart | None = None

    @property
    def indicator(self) -> dict:
        return self.data.indicator

    @property
    def has_exposure(self) -> bool:
        return self.data.indicator.get("aggregation") == Aggregation.RATIO and any(
            d is not None for d in self.denominators
        )

    @property
    def imprecise_months(self) -> list[int]:
        """Indexes of the months whose rate is too imprecise to read (analysis.is_imprecise)."""
        return [
            i
            for i, (v, iv) in enumerate(zip(self.chart.values, self.intervals, strict=True))
            if analysis.is_imprecise(v, iv)
        ]


# ---------------------------------------------------------------------------------------- loading


def load_indicators(scope: Scope, con: duckdb.DuckDBPyConnection | None = None) -> pl.DataFrame:
    """Indicators in scope, in catalogue order (domain, process, id)."""
    return run_query("trends_indicators", con=con, **scope.params())


def _has_counts(numerators: list[float | None]) -> bool:
    present = [x for x in numerators if x is not None]
    return bool(present) and all(float(x).is_integer() for x in present)


def combine_sites(
    series: pl.DataFrame, aggregation: str, rate_base: float | None, value_only_rule: str | None = None
) -> pl.DataFrame:
    """One row a month across the sites: ratio = Σ numerator / Σ denominator × rate_base over the rows that
    carry both, others Σ value (flows and stocks add across sites; see smqse.model.Aggregation). A ratio
    allowed a value alone (value_only_rule = mean_of_values): the unweighted mean of the sites' values."""
    base = float(rate_base or 1.0)
    if aggregation == Aggregation.RATIO and value_only_rule == kpi.MEAN_OF_VALUES:
        return (
            series.group_by("period_month")
            .agg(
                pl.col("value").mean().cast(pl.Float64).alias("value"),
                pl.lit(None, pl.Float64).alias("numerator_sum"),
                pl.lit(None, pl.Float64).alias("denominator_sum"),
                pl.len().cast(pl.Int64).alias("site_count"),
            )
            .sort("period_month")
        )
    if aggregation == Aggregation.RATIO:  # a row without both numbers cannot take part (see _left_out)
        series = series.filter(pl.col("numerator").is_not_null() & pl.col("denominator").is_not_null())
    grouped = series.group_by("period_month").agg(
        pl.col("value").sum().alias("value_sum"),
        pl.col("value").count().alias("value_count"),
        pl.col("numerator").sum().alias("numerator_sum"),
        pl.col("numerator").count().alias("numerator_count"),
        pl.col("denominator").sum().alias("denominator_sum"),
        pl.len().alias("site_count"),
    )
    if aggregation == Aggregation.RATIO:
        value = (
            pl.when((pl.col("denominator_sum") > 0) & (pl.col("numerator_count") > 0))
            .then(pl.col("numerator_sum") / pl.col("denominator_sum") * base)
            .otherwise(None)
        )
    else:
        value = pl.when(pl.col("value_count") > 0).then(pl.col("value_sum")).otherwise(None)
    return grouped.select(
        "period_month",
        value.cast(pl.Float64).alias("value"),
        pl.when(pl.col("numerator_count") > 0)
        .then(pl.col("numerator_sum"))
        .cast(pl.Float64)
        .alias("numerator_sum"),
        pl.when(pl.col("denominator_sum").is_not_null())
        .then(pl.col("denominator_sum"))
        .cast(pl.Float64)
        .alias("denominator_sum"),
        pl.col("site_count").cast(pl.Int64),
    ).sort("period_month")


def _objective_fields(row: dict | None) -> dict | None:
    if not row:
        return None
    return {k: row.get(k) for k in ("target_value", "alert_value", "tolerance", "start_on", "deadline")}


def load_trend_data(
    scope: Scope, indicator_id: str, as_of: date, con: duckdb.DuckDBPyConnection | None = None
) -> TrendData | None:
    """One indicator's series up to `as_of` (per site and combined) and its objectives; None when the
    indicator is not in the scope."""
    indicators = load_indicators(scope, con).filter(pl.col("indicator_id") == indicator_id)
    if indicators.is_empty():
        return None
    indicator = indicators.row(0, named=True)
    as_of = date(as_of.year, as_of.month, 1)
    start = kpi.shift_month(as_of, -(HISTORY_MONTHS - 1))
    params = scope.params()
    raw = run_query(
        "trends_indicator_series",
        con=con,
        indicator_id=indicator_id,
        start_month=start,
        end_month=as_of,
        **params,
    )
    series = raw.select(
        *[pl.col(c).cast(t) for c, t in _SERIES_SCHEMA.items()]
    )  # a fixed schema, empty or not
    if series.is_empty():
        months: list[date] = []
    else:
        first = series["period_month"].min()
        months = [kpi.shift_month(first, i) for i in range(kpi.months_between(first, as_of))]
    site_names = dict(zip(series["site_id"].to_list(), series["site_name"].to_list(), strict=False))
    grid = pl.DataFrame({"period_month": months}, schema={"period_month": pl.Date})
    site_grid = (
        pl.DataFrame({"site_id": list(site_names)}, schema={"site_id": pl.String})
        .join(grid, how="cross")
        .join(series.drop("site_name"), on=["site_id", "period_month"], how="left")
        .with_columns(pl.col("site_id").replace_strict(site_names, default=None).alias("site_name"))
        .sort("site_name", "period_month")
    )
    rule = indicator.get("value_only_rule")
    combined = grid.join(
        combine_sites(series, indicator["aggregation"], indicator["rate_base"], rule),
        on="period_month",
        how="left",
    ).sort("period_month")
    left_out = _left_out(series, indicator, start, as_of)
    # A ratio allowed a value alone combines over time as a mean of its monthly values (no denominator).
    if indicator["aggregation"] == Aggregation.RATIO and rule == kpi.MEAN_OF_VALUES:
        indicator = {**indicator, "aggregation": Aggregation.MEAN.value}

    objectives = run_query(
        "scorecard_objectives", con=con, start_on=as_of, end_on=kpi.month_end(as_of), **params
    ).filter(pl.col("indicator_id") == indicator_id)
    single_site = scope.site_ids[0] if len(scope.site_ids) == 1 else None
    chosen = kpi.pick_objectives(objectives, as_of, single_site, all_sites=scope.all_sites)
    objective = _objective_fields(chosen.row(0, named=True)) if len(chosen) else None
    per_site = kpi.pick_site_objectives(objectives, as_of, list(site_names)) if site_names else objectives
    site_objectives = (
        {r["site_id"]: _objective_fields(r) for r in per_site.iter_rows(named=True)} if site_names else {}
    )
    numerators = combined["numerator_sum"].to_list()
    chart_type = spc.choose_chart(indicator["aggregation"], indicator["rate_base"], _has_counts(numerators))
    return TrendData(
        indicator=indicator,
        as_of=as_of,
        months=months,
        combined=combined,
        sites=site_grid,
        site_names=site_names,
        objective=objective,
        site_objectives=site_objectives,
        chart_type=chart_type,
        left_out=left_out,
    )


def _left_out(series: pl.DataFrame, indicator: dict, start: date, end: date) -> pl.DataFrame:
    """The ratio rows without numerator or denominator among the sites' rows, in kpi.LEFT_OUT_SCHEMA."""
    if indicator["aggregation"] != Aggregation.RATIO or indicator.get("value_only_rule") is not None:
        return pl.DataFrame(schema=kpi.LEFT_OUT_SCHEMA)
    missing = series.filter(pl.col("numerator").is_null() | pl.col("denominator").is_null())
    monthly = missing.group_by("period_month").agg(
        pl.lit(indicator["indicator_id"]).alias("indicator_id"),
        pl.len().alias("left_out_count"),
        pl.col("site_id").sort().alias("left_out_sites"),
    )
    return kpi.compute_left_out(monthly, start, end)


# ---------------------------------------------------------------------------------------- analysis


def window_periods(months: list[date], window: int) -> list[date]:
    """The last `window` months of the history (all of it for 0)."""
    return list(months if window <= 0 else months[-window:])


def default_baseline(periods: list[date]) -> tuple[date, date] | None:
    """The reference period offered first: the first half of the months shown (at least 12 months), so
    that limits come from the past and a recent shift stands out instead of moving the average; None
    (the whole period) when fewer than 24 months are shown."""
    if len(periods) < 24:
        return None
    return periods[0], periods[len(periods) // 2 - 1]


def _slice(frame: pl.DataFrame, periods: list[date]) -> pl.DataFrame:
    if not periods:
        return frame.head(0)
    return frame.filter(pl.col("period_month").is_between(periods[0], periods[-1]))


def compute_seasonality(data: TrendData) -> analysis.Seasonality | None:
    """The seasonal decomposition (smqse.analysis.seasonality, the one the alarms use) of the indicator's
    whole history: the verdict needs years, whatever the window shown."""
    return analysis.compute_decomposition(data.months, data.combined["value"].to_list())


def _recent_inputs(aggregation: str, frame: pl.DataFrame, numerator: str, denominator: str) -> dict:
    """What detect_recent_signal reads of a series: counts only for a ratio (as the scorecard)."""
    ratio = aggregation == Aggregation.RATIO
    return {
        "numerators": frame[numerator].to_list() if ratio else None,
        "denominators": frame[denominator].to_list() if ratio else None,
    }


def compute_verdict(data: TrendData) -> RecentChart:
    """The scorecard's verdict on the indicator's recent movement: the same function on the same months
    (the last 48 up to the as-of month), so that the two pages cannot disagree."""
    ind = data.indicator
    return compute_recent_chart(
        data.combined["value"].to_list(),
        **_recent_inputs(ind["aggregation"], data.combined, "numerator_sum", "denominator_sum"),
        rate_base=ind["rate_base"],
    )


def _scorecard_chart(
    periods: list[date], months: list[date], frame: pl.DataFrame, ind: dict, numerator: str, denominator: str
) -> analysis.TrendChart:
    """The chart as the scorecard judges it (limits, rules, signals of compute_recent_chart on the whole
    history), cut to the months displayed (`periods`, the last months of `months`)."""
    inputs = _recent_inputs(ind["aggregation"], frame, numerator, denominator)
    recent = compute_recent_chart(frame["value"].to_list(), **inputs, rate_base=ind["rate_base"])
    full = analysis.trend_from_recent(
        months,
        frame["value"].to_list(),
        frame[numerator].to_list(),
        frame[denominator].to_list(),
        recent,
        ind["rate_base"],
    )
    return _cut(full, len(months) - len(periods))


def _cut(chart: analysis.TrendChart, offset: int) -> analysis.TrendChart:
    """The chart without its first `offset` months (signals and runs told on the months left)."""
    if offset <= 0:
        return chart
    phases = [
        analysis.Phase(
            0,
            p.end - offset,
            max(0, p.baseline_start - offset),
            p.baseline_end - offset,
            p.baseline_points,
            p.center,
            p.sigma_z,
        )
        for p in chart.phases
    ]
    cut = analysis.TrendChart(
        chart_type=chart.chart_type,
        rules=chart.rules,
        periods=chart.periods[offset:],
        values=chart.values[offset:],
        center=chart.center[offset:],
        ucl=chart.ucl[offset:],
        lcl=chart.lcl[offset:],
        phases=phases,
        signals=[spc.Signal(s.index - offset, s.rule) for s in chart.signals if s.index >= offset],
        laney=chart.laney,
    )
    return analysis.TrendChart(**{**cut.__dict__, "runs": analysis.describe_signals(cut)})


def compute_trend_view(
    data: TrendData,
    *,
    window: int = DEFAULT_WINDOW,
    baseline: tuple[date, date] | None = None,
    change_at: date | None = None,
    rules: str = "western_electric",
    seasonally_adjusted: bool = False,
    seasonality: analysis.Seasonality | None = None,
    same_as_scorecard: bool = False,
) -> TrendView:
    """The chart, its signals told as episodes, the intervals of small-exposure rates, the seasonal
    decomposition and one chart per site (at most MAX_SITES, those with recent unfavourable signals first).

    `seasonally_adjusted` charts the values minus their seasonal component (an XmR chart), when the
    history is long and seasonal enough. `same_as_scorecard` draws the chart the scorecard judges (limits,
    rules and season handling of smqse.analysis.signals on the last 48 months; baseline, change, rules and
    seasonal adjustment are then ignored), per site as well."""
    ind = data.indicator
    periods = window_periods(data.months, window)
    combined = _slice(data.combined, periods)
    values = combined["value"].to_list()
    numerators = combined["numerator_sum"].to_list()
    denominators = combined["denominator_sum"].to_list()
    if seasonality is None:
        seasonality = compute_seasonality(data)
    adjusted = bool(seasonally_adjusted and seasonality is not None and not same_as_scorecard)
    chart_type = data.chart_type
    if adjusted:
        by_month = dict(zip(seasonality.periods, seasonality.adjusted, strict=True))
        values = [by_month.get(p) if v is not None else None for p, v in zip(periods, values, strict=True)]
        chart_type = "xmr"
    if same_as_scorecard:
        chart = _scorecard_chart(periods, data.months, data.combined, ind, "numerator_sum", "denominator_sum")
    else:
        chart = analysis.compute_trend(
            periods,
            values,
            numerators,
            denominators,
            chart_type=chart_type,
            rate_base=ind["rate_base"],
            baseline=baseline,
            change_at=change_at,
            rules=rules,
        )
    intervals = analysis.compute_intervals(chart.chart_type, numerators, denominators, ind["rate_base"])
    site_trends = []
    # One pass over the sites' rows, not a filter of all of them per site (300 sites at enterprise scale).
    by_site = data.sites.partition_by("site_id", as_dict=True, maintain_order=True)
    empty_site = data.sites.head(0)
    for site_id, name in data.site_names.items():
        site_history = by_site.get((site_id,), empty_site)
        rows = _slice(site_history, periods)
        if rows["value"].drop_nulls().is_empty() and rows["numerator"].drop_nulls().is_empty():
            continue
        site_values = rows["value"].to_list()
        site_nums, site_dens = rows["numerator"].to_list(), rows["denominator"].to_list()
        if ind["aggregation"] == Aggregation.RATIO:  # the value of a ratio is its numbers' ratio
            base = float(ind["rate_base"] or 1.0)
            site_values = [
                (a / b * base) if a is not None and b else v
                for a, b, v in zip(site_nums, site_dens, site_values, strict=True)
            ]
        site_type = data.chart_type
        if adjusted:  # each site has its own seasonal pattern, decomposed on its whole history
            site_season = analysis.compute_decomposition(data.months, site_history["value"].to_list())
            if site_season is not None:
                by_month = dict(zip(site_season.periods, site_season.adjusted, strict=True))
                site_values = [
                    by_month.get(p) if v is not None else None
                    for p, v in zip(periods, site_values, strict=True)
                ]
                site_type = "xmr"
        if same_as_scorecard:
            site_rows = site_history
            if ind["aggregation"] == Aggregation.RATIO:
                base = float(ind["rate_base"] or 1.0)
                site_rows = site_rows.with_columns(
                    pl.when(pl.col("denominator") > 0)
                    .then(pl.col("numerator") / pl.col("denominator") * base)
                    .otherwise(pl.col("value"))
                    .alias("value")
                )
            site_chart = _scorecard_chart(periods, data.months, site_rows, ind, "numerator", "denominator")
        else:
            site_chart = analysis.compute_trend(
                periods,
                site_values,
                site_nums,
                site_dens,
                chart_type=site_type,
                rate_base=ind["rate_base"],
                baseline=baseline,
                change_at=change_at,
                rules=rules,
            )
        site_trends.append(
            SiteTrend(
                site_id=site_id,
                name=name,
                chart=site_chart,
                episodes=analysis.compute_episodes(site_chart.runs),
                objective=data.site_objectives.get(site_id),
                intervals=analysis.compute_intervals(
                    site_chart.chart_type, site_nums, site_dens, ind["rate_base"]
                ),
            )
        )
    total = len(site_trends)
    site_trends.sort(
        key=lambda s: (not _recent_unfavourable(s.episodes, len(periods), ind["polarity"]), s.name)
    )
    return TrendView(
        data=data,
        periods=periods,
        chart=chart,
        episodes=analysis.compute_episodes(chart.runs),
        intervals=intervals,
        numerators=numerators,
        denominators=denominators,
        seasonality=seasonality,
        seasonally_adjusted=adjusted,
        sites=sorted(site_trends[:MAX_SITES], key=lambda s: s.name),
        sites_total=total,
        verdict=compute_verdict(data),
    )


def verdict_row(view: TrendView) -> dict:
    """The verdict in the scorecard's signal columns (signal, signal_rule, signal_period, signal_direction,
    signal_favourable, chart_type), to be told with the scorecard's own sentence."""
    verdict = view.verdict if view.verdict is not None else compute_verdict(view.data)
    signal = verdict.signal
    return {
        "chart_type": verdict.chart_type,
        "signal": signal is not None,
        "signal_rule": signal.rule if signal else None,
        "signal_period": view.data.months[signal.index] if signal else None,
        "signal_direction": signal.direction if signal else None,
        "signal_favourable": analysis.favourable(view.indicator.get("polarity"), signal.direction)
        if signal
        else None,
    }


def _recent_unfavourable(episodes: list[analysis.Episode], n: int, polarity: str | None) -> bool:
    return any(
        e.last >= n - RECENT_MONTHS and analysis.favourable(polarity, e.direction) is False for e in episodes
    )


def default_indicator(
    indicator_ids: list[str], signal_rows: pl.DataFrame | None = None, preferred: str | None = None
) -> str | None:
    """The indicator the page opens on: `preferred` if in scope, else the first (in the scorecard's order
    of urgency) with a recent unfavourable signal, else the first."""
    if not indicator_ids:
        return None
    if preferred in indicator_ids:
        return preferred
    if signal_rows is not None and not signal_rows.is_empty() and "signal" in signal_rows.columns:
        unfavourable = signal_rows.filter(
            pl.col("signal").fill_null(False) & (pl.col("signal_favourable") == False)  # noqa: E712
        )
        for indicator_id in unfavourable["indicator_id"].to_list():
            if indicator_id in indicator_ids:
                return indicator_id
    return indicator_ids[0]
