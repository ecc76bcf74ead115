"""One indicator over time: its process behaviour chart with limits from a chosen baseline or in phases
around a declared change, the signals as runs a reader can be told about, the uncertainty of rates from
small exposures, and a seasonal decomposition. Pure NumPy / SciPy; no Streamlit.

* Limits come from the baseline (a slice of the periods) and are applied to every point; with a declared
  change (`change_at`), the points before and from that period form two phases, each with its own limits
  computed from its own points. XmR: centre and MR̄ of the baseline (spc.xmr on that slice); p/u:
  p̄ or ū = Σcounts / Σsizes of the baseline, per-point limits from each point's own size, widened by
  Laney's σ_z when the baseline is overdispersed (as `smqse.analysis.signals` decides).
* Signals: the Western Electric (default) or Nelson rules of `spc.run_rules`, on the values (XmR) or on
  the standardised values zᵢ = (yᵢ − centre)/σᵢ (p, u), phase by phase.
* `describe_signals` turns the flagged points into runs: the rule, the first and last period of the
  pattern, its direction and length, so that a page can say "8 months in a row above the average since
  March 2025: a sustained shift"; `marked_points` gives every point of those runs, the ones a chart marks.
* Objective: `objective_lines` gives the target, alert and tolerance as monthly levels (a sum's total
  shared over its period's months), the lines a chart draws.
* Intervals: Garwood's exact Poisson interval for counts over an exposure, Wilson's score interval (or
  Clopper–Pearson's exact one) for proportions.
* Seasonality: the classical decomposition of `smqse.analysis.seasonality` (period 12, from three years),
  the one the alarms use (signals, drift, anomalies), and its strength F_s = max(0, 1 − Var(R) / Var(S + R))
  (Wang, Smith & Hyndman 2006; Hyndman & Athanasopoulos, Forecasting: Principles and Practice, §4.2): the
  page shows the season the verdicts remove.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from scipy import stats

from smqse.analysis import seasonality, spc
from smqse.analysis.kpi import months_between
from smqse.analysis.signals import MIN_POINTS, RecentChart
from smqse.model import Aggregation

MIN_SEASONAL_POINTS = seasonality.MIN_POINTS  # for the page's "too short" note

RECENT_MONTHS = 6  # a pattern ending in the last 6 months is recent, as on the scorecard
SHORT_BASELINE = 12  # limits from fewer points are provisional
RULE_SETS = ("western_electric", "nelson")

# What each rule's pattern is, whatever the set: the words a reader gets.
PATTERNS: dict[str, dict[int, str]] = {
    "western_electric": {1: "beyond", 2: "zone2", 3: "zone1", 4: "side"},
    "nelson": {1: "beyond", 2: "side", 3: "trend", 4: "alternating", 5: "zone2", 6: "zone1", 7: "hugging", 8: "mixture"},
}  # fmt: skip
# Points each rule looks back over (the window ending at a flagged point).
_WINDOWS: dict[str, dict[int, int]] = {
    "western_electric": {1: 1, 2: 3, 3: 5, 4: 8},
    "nelson": {1: 1, 2: 9, 3: 6, 4: 14, 5: 3, 6: 5, 7: 15, 8: 8},
}


# ---------------------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Phase:
    """A stretch of the series with one set of limits, computed from its baseline points."""

    start: int  # first period index of the phase (inclusive)
    end: int  # last period index (inclusive)
    baseline_start: int  # period indexes of the points the limits come from
    baseline_end: int
    baseline_points: int  # how many points the limits come from
    center: float | None
    sigma_z: float = 1.0  # Laney's factor (1: classic limits or XmR)

    @property
    def provisional(self) -> bool:
        return self.baseline_points < SHORT_BASELINE


@dataclass(frozen=True)
class SignalRun:
    """A pattern a rule found: which rule, where it starts and ends, which way it goes."""

    rule: int
    pattern: str  # beyond, zone2, zone1, side, trend, alternating, hugging, mixture
    first: int  # period index of the pattern's first point
    last: int  # period index of its last point
    direction: str | None  # "up", "down", or None (alternating, hugging, mixture)
    points: int  # chart points in the pattern
    first_period: date | None = None
    last_period: date | None = None


@dataclass(frozen=True)
class TrendChart:
    """A process behaviour chart aligned with the periods given (None where a month is missing)."""

    chart_type: str  # "xmr", "p" or "u"
    rules: str
    periods: list[date]
    values: list[float | None]  # plotted values, in the indicator's unit (rates scaled by rate_base)
    center: list[float | None]
    ucl: list[float | None]
    lcl: list[float | None]
    phases: list[Phase]
    signals: list[spc.Signal]  # index = period index
    runs: list[SignalRun] = field(default_factory=list)
    laney: bool = False

    @property
    def has_limits(self) -> bool:
        return any(c is not None for c in self.center)

    def signal_indexes(self) -> set[int]:
        return {s.index for s in self.signals}


# ---------------------------------------------------------------------------------------- helpers


def _present(x: Any) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def _floats(values: Any, n: int | None = None) -> list[float | None]:
    if values is None:
        return [None] * (n or 0)
    if hasattr(values, "to_list"):
        values = values.to_list()
    return [float(v) if _present(v) else None for v in values]


def _index_of(periods: list[date], when: date | None, *, after: bool = False) -> int | None:
    """Index of the first period ≥ when (after=False) — a month not in the list snaps to the next one."""
    if when is None:
        return None
    for i, p in enumerate(periods):
        if p >= when:
            return i
    return len(periods) if after else None


# ---------------------------------------------------------------------------------------- the chart


def compute_trend(
    periods: list[date],
    values: Any,
    numerators: Any = None,
    denominators: Any = None,
    *,
    chart_type: str = "xmr",
    rate_base: float | None = None,
    baseline: tuple[date, date] | None = None,
    change_at: date | None = None,
    rules: str = "western_electric",
    laney: bool | None = None,
) -> TrendChart:
    """The process behaviour chart of a monthly series.

    `baseline=(start, end)`: limits from the points in [start, end], applied to every point. `change_at`:
    two phases, before and from that period, each with limits from its own points (a baseline, if also
    given, is ignored). `laney=None` switches p/u charts to Laney's p′/u′ when the baseline is
    overdispersed; True/False forces it. Phases with too few points (XmR: 2, attribute: 1) have no limits
    and no signals; the chart type falls back to XmR when p/u data are missing or not proportions."""
    periods = list(periods)
    n = len(periods)
    vals = _floats(values, n)
    nums = _floats(numerators, n) if numerators is not None else [None] * n
    dens = _floats(denominators, n) if denominators is not None else [None] * n
    if not (len(vals) == len(nums) == len(dens) == n):
        raise ValueError("periods, values, numerators and denominators must have the same length")
    rules = spc._rule_set(rules)
    if chart_type == "p" and any(
        _present(a) and _present(b) and a > b for a, b in zip(nums, dens, strict=True)
    ):
        chart_type = "xmr"
    if chart_type in ("p", "u"):
        keep = [i for i in range(n) if _present(nums[i]) and _present(dens[i]) and dens[i] > 0]
        if not keep or nums[keep[0]] is None:
            chart_type = "xmr"
    if chart_type not in ("p", "u"):
        chart_type = "xmr"
        keep = [i for i in range(n) if _present(vals[i])]
    scale = float(rate_base or 1.0) if chart_type in ("p", "u") else 1.0

    plotted: list[float | None] = [None] * n
    for i in keep:
        plotted[i] = nums[i] / dens[i] * scale if chart_type in ("p", "u") else vals[i]

    # Phases: [0, change) and [change, n); or one phase with the baseline's limits.
    cut = _index_of(periods, change_at)
    if cut is not None and 0 < cut < n:
        spans = [(0, cut - 1, 0, cut - 1), (cut, n - 1, cut, n - 1)]
    else:
        b0, b1 = 0, n - 1
        if baseline is not None:
            start = _index_of(periods, baseline[0])
            end_next = _index_of(periods, _next_month(baseline[1]), after=True)
            if start is not None and end_next is not None and end_next - 1 >= start:
                b0, b1 = start, end_next - 1
        spans = [(0, n - 1, b0, b1)]

    center: list[float | None] = [None] * n
    ucl: list[float | None] = [None] * n
    lcl: list[float | None] = [None] * n
    phases: list[Phase] = []
    signals: set[spc.Signal] = set()
    any_laney = False
    for start, end, b0, b1 in spans:
        in_phase = [i for i in keep if start <= i <= end]
        in_base = [i for i in keep if b0 <= i <= b1]
        phase, sig, laney_used = _phase_limits(
            chart_type, in_phase, in_base, plotted, nums, dens, scale, rules, laney, center, ucl, lcl
        )
        phases.append(
            Phase(start, end, b0, b1, len(in_base), phase[0], phase[1])
            if phase
            else Phase(start, end, b0, b1, len(in_base), None)
        )
        signals |= sig
        any_laney = any_laney or laney_used

    chart = TrendChart(
        chart_type=chart_type,
        rules=rules,
        periods=periods,
        values=plotted,
        center=center,
        ucl=ucl,
        lcl=lcl,
        phases=phases,
        signals=sorted(signals),
        laney=any_laney,
    )
    return TrendChart(**{**chart.__dict__, "runs": describe_signals(chart)})


def trend_from_recent(
    periods: list[date],
    values: Any,
    numerators: Any,
    denominators: Any,
    recent: RecentChart,
    rate_base: float | None = None,
) -> TrendChart:
    """The chart the scorecard judged (`smqse.analysis.signals.compute_recent_chart` on these months), as a
    TrendChart: same limits, same rules, same signals, so that its markers and the verdict agree. Months
    older than the ones it reads have no limits."""
    periods = list(periods)
    n = len(periods)
    if len(recent.center) != n:
        raise ValueError("the recent chart must be aligned with the periods given")
    vals = _floats(values, n)
    nums = _floats(numerators, n) if numerators is not None else [None] * n
    dens = _floats(denominators, n) if denominators is not None else [None] * n
    scale = float(rate_base or 1.0)
    plotted: list[float | None] = [None] * n
    for i in range(n):
        if recent.chart_type in ("p", "u"):
            if _present(nums[i]) and _present(dens[i]) and dens[i] > 0:
                plotted[i] = nums[i] / dens[i] * scale
        else:
            plotted[i] = vals[i]
    limited = [i for i in range(n) if recent.center[i] is not None]
    first = limited[0] if limited else 0
    phase = Phase(
        0,
        n - 1,
        first,
        n - 1,
        recent.baseline_points,
        recent.center[limited[-1]] if limited else None,
        recent.sigma_z,
    )
    chart = TrendChart(
        chart_type=recent.chart_type,
        rules="western_electric",
        periods=periods,
        values=plotted,
        center=list(recent.center),
        ucl=list(recent.ucl),
        lcl=list(recent.lcl),
        phases=[phase],
        signals=sorted(recent.signals),
        laney=recent.laney,
    )
    return TrendChart(**{**chart.__dict__, "runs": describe_signals(chart)})


def _next_month(month: date) -> date:
    index = month.year * 12 + month.month  # month is 1-based: this is the next month's 0-based index
    return date(index // 12, index % 12 + 1, 1)


def _phase_limits(
    chart_type: str,
    in_phase: list[int],
    in_base: list[int],
    plotted: list[float | None],
    nums: list[float | None],
    dens: list[float | None],
    scale: float,
    rules: str,
    laney: bool | None,
    center: list[float | None],
    ucl: list[float | None],
    lcl: list[float | None],
) -> tuple[tuple[float, float] | None, set[spc.Signal], bool]:
    """Fill centre and limits over the phase's points; return ((centre, σ_z), signals, laney used)."""
    if not in_phase:
        return None, set(), False
    if chart_type == "xmr":
        if len(in_base) < 2:
            return None, set(), False
        base = spc.xmr([plotted[i] for i in in_base], rules=None)
        for i in in_phase:
            center[i], ucl[i], lcl[i] = base.center, base.ucl, base.lcl
        if base.mr_bar == 0:
            return (base.center, 1.0), set(), False
        x = [plotted[i] for i in in_phase]
        found = spc.run_rules(x, base.center, base.sigma, rules)
        return (base.center, 1.0), {spc.Signal(in_phase[s.index], s.rule) for s in found}, False

    if not in_base:
        return None, set(), False
    build = spc.p_chart if chart_type == "p" else spc.u_chart
    counts = [nums[i] for i in in_base]
    sizes = [dens[i] for i in in_base]
    classic = build(counts, sizes)
    if laney is None:
        use_laney = (
            len(in_base) >= 2
            and classic.center > 0
            and spc.laney_sigma_z(np.array(classic.values), classic.center, np.array(classic.sigma)) > 1
        )
    else:
        use_laney = bool(laney) and len(in_base) >= 2 and classic.center > 0
    base = build(counts, sizes, laney=True) if use_laney else classic
    c, sz = base.center, base.sigma_z
    y = np.array([plotted[i] / scale for i in in_phase])
    n = np.array([dens[i] for i in in_phase])
    var = c * (1 - c) if chart_type == "p" else c
    sigma = np.sqrt(var / n) * sz
    upper = c + 3 * sigma
    lower = np.maximum(0.0, c - 3 * sigma)
    if chart_type == "p":
        upper = np.minimum(1.0, upper)
    for k, i in enumerate(in_phase):
        center[i], ucl[i], lcl[i] = c * scale, float(upper[k]) * scale, float(lower[k]) * scale
    found: set[spc.Signal] = {
        spc.Signal(in_phase[int(k)], 1) for k in np.flatnonzero((y > upper) | (y < lower))
    }
    if np.all(sigma > 0):
        z = (y - c) / sigma
        found |= {
            spc.Signal(in_phase[s.index], s.rule) for s in spc.run_rules(z, 0.0, 1.0, rules) if s.rule != 1
        }
    return (c * scale, sz), found, use_laney


# ---------------------------------------------------------------------------------------- signals in words


def describe_signals(chart: TrendChart) -> list[SignalRun]:
    """The flagged points grouped into runs: one per rule and stretch of overlapping patterns.

    Each flagged point stands for the window of its rule (8 points for "8 in a row on one side"); windows
    of the same rule and direction that overlap or touch merge, so 10 months above the centre line make
    one run of 10 months, from the first to the last. Sorted by first period, then rule."""
    if not chart.signals:
        return []
    positions = [i for i, v in enumerate(chart.values) if v is not None]
    rank = {i: k for k, i in enumerate(positions)}
    windows = _WINDOWS[chart.rules]
    patterns = PATTERNS[chart.rules]
    spans: list[tuple[int, str | None, int, int]] = []  # rule, direction, first rank, last rank
    for s in chart.signals:
        k = rank[s.index]
        pattern = patterns[s.rule]
        first = max(0, k - windows[s.rule] + 1)
        direction = _direction(chart, pattern, positions, first, k)
        if pattern in ("zone2", "zone1", "side"):
            # Start at the first point of the window on the flagged side (k of m rules may begin inside).
            while first < k and not _on_side(chart, positions[first], direction, pattern):
                first += 1
        spans.append((s.rule, direction, first, k))
    spans.sort(key=lambda r: (r[0], str(r[1]), r[2]))
    merged: list[list] = []
    for rule, direction, first, last in spans:
        if merged and merged[-1][0] == rule and merged[-1][1] == direction and first <= merged[-1][3] + 1:
            merged[-1][3] = max(merged[-1][3], last)
        else:
            merged.append([rule, direction, first, last])
    runs = [
        SignalRun(
            rule=rule,
            pattern=patterns[rule],
            first=positions[first],
            last=positions[last],
            direction=direction,
            points=last - first + 1,
            first_period=chart.periods[positions[first]],
            last_period=chart.periods[positions[last]],
        )
        for rule, direction, first, last in merged
    ]
    return sorted(runs, key=lambda r: (r.first, r.rule))


def _direction(chart: TrendChart, pattern: str, positions: list[int], first: int, last: int) -> str | None:
    if pattern in ("alternating", "hugging", "mixture"):
        return None
    i = positions[last]
    if pattern == "trend":
        return "up" if chart.values[i] > chart.values[positions[first]] else "down"
    centre = chart.center[i]
    if centre is None:
        return None
    return "up" if chart.values[i] > centre else "down"


def _on_side(chart: TrendChart, i: int, direction: str | None, pattern: str) -> bool:
    """Is point i beyond the zone its pattern counts, on the given side?"""
    value, centre, upper = chart.values[i], chart.center[i], chart.ucl[i]
    if value is None or centre is None or direction is None:
        return True
    m = {"zone2": 2 / 3, "zone1": 1 / 3, "side": 0.0}[pattern]
    if direction == "up":
        return value > centre + m * ((upper or centre) - centre)
    # Below the centre, the lower limit may be floored at zero: use the upper half-width instead.
    return value < centre - m * ((upper or centre) - centre)


@dataclass(frozen=True)
class Episode:
    """Overlapping runs in the same direction, told as one story: the most telling pattern leads."""

    pattern: str  # the headline pattern (see EPISODE_PRIORITY)
    direction: str | None
    first: int  # period index of the earliest point of any run in the episode
    last: int
    first_period: date | None
    last_period: date | None
    points: int  # points of the headline run
    rules: tuple[int, ...]  # every rule broken in the episode
    beyond: int  # points beyond the limits in the episode
    headline: SignalRun


# A sustained shift tells more than a point beyond the limits within it.
EPISODE_PRIORITY = ("side", "trend", "mixture", "zone1", "zone2", "alternating", "hugging", "beyond")


def compute_episodes(runs: list[SignalRun]) -> list[Episode]:
    """Group runs of the same direction whose stretches overlap or touch into episodes, latest last."""
    groups: list[list[SignalRun]] = []
    for run in sorted(runs, key=lambda r: (r.first, r.last)):
        for group in groups:
            if (
                group[0].direction == run.direction
                and run.first <= max(r.last for r in group) + 1
                and (run.last >= min(r.first for r in group) - 1)
            ):
                group.append(run)
                break
        else:
            groups.append([run])
    episodes = []
    for group in groups:
        headline = min(group, key=lambda r: (EPISODE_PRIORITY.index(r.pattern), -r.points, r.first))
        first = min(group, key=lambda r: r.first)
        last = max(group, key=lambda r: r.last)
        beyond_points = {i for r in group if r.pattern == "beyond" for i in range(r.first, r.last + 1)}
        episodes.append(
            Episode(
                pattern=headline.pattern,
                direction=headline.direction,
                first=first.first,
                last=last.last,
                first_period=first.first_period,
                last_period=last.last_period,
                points=headline.points,
                rules=tuple(sorted({r.rule for r in group})),
                beyond=sum(r.points for r in group if r.pattern == "beyond") if beyond_points else 0,
                headline=headline,
            )
        )
    return sorted(episodes, key=lambda e: (e.last, e.first))


def recent_runs(chart: TrendChart, months: int = 6) -> list[SignalRun]:
    """Runs whose last point is among the last `months` periods."""
    return [r for r in chart.runs if r.last >= len(chart.periods) - months]


def favourable(polarity: str | None, direction: str | None) -> bool | None:
    """Is a movement good news for this indicator? None when it cannot say (bands, no direction)."""
    if direction not in ("up", "down"):
        return None
    if polarity == "higher_better":
        return direction == "up"
    if polarity == "lower_better":
        return direction == "down"
    return None


# ---------------------------------------------------------------------------------------- intervals


def poisson_interval(count: float, confidence: float = 0.95) -> tuple[float, float]:
    """Garwood's exact interval for a Poisson count: [χ²(α/2; 2k)/2, χ²(1−α/2; 2k+2)/2] (lower 0 when k = 0).

    Garwood, Biometrika 28 (1936). For k = 0 the 95 % upper bound is 3.689; for k = 5, [1.623, 11.668]."""
    k = float(count)
    if k < 0 or not math.isfinite(k):
        raise ValueError("a count must be a finite number ≥ 0")
    alpha = 1 - confidence
    lower = 0.0 if k == 0 else float(stats.chi2.ppf(alpha / 2, 2 * k) / 2)
    upper = float(stats.chi2.ppf(1 - alpha / 2, 2 * k + 2) / 2)
    return lower, upper


def rate_interval(
    count: float, exposure: float, rate_base: float = 1.0, confidence: float = 0.95
) -> tuple[float, float]:
    """Exact interval of a rate count / exposure × base (TF1 per million hours, PPM…)."""
    if exposure is None or exposure <= 0:
        raise ValueError("the exposure must be > 0")
    low, high = poisson_interval(count, confidence)
    return low / exposure * rate_base, high / exposure * rate_base


def wilson_interval(successes: float, trials: float, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson's score interval for a proportion (Wilson 1927; Newcombe 1998: 81/263 → [0.2553, 0.3662])."""
    x, n = float(successes), float(trials)
    if n <= 0 or x < 0 or x > n:
        raise ValueError("need 0 ≤ successes ≤ trials and trials > 0")
    z = float(stats.norm.ppf(1 - (1 - confidence) / 2))
    p = x / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def clopper_pearson_interval(
    successes: float, trials: float, confidence: float = 0.95
) -> tuple[float, float]:
    """Clopper–Pearson's exact interval for a proportion (beta quantiles)."""
    x, n = float(successes), float(trials)
    if n <= 0 or x < 0 or x > n:
        raise ValueError("need 0 ≤ successes ≤ trials and trials > 0")
    alpha = 1 - confidence
    lower = 0.0 if x == 0 else float(stats.beta.ppf(alpha / 2, x, n - x + 1))
    upper = 1.0 if x == n else float(stats.beta.ppf(1 - alpha / 2, x + 1, n - x))
    return lower, upper


def compute_intervals(
    chart_type: str,
    numerators: Any,
    denominators: Any,
    rate_base: float | None,
    confidence: float = 0.95,
) -> list[tuple[float, float] | None]:
    """Per point, the interval of the plotted rate (u: Garwood; p: Wilson), scaled by rate_base; None where
    the chart is not a count over an exposure or the numbers are missing."""
    nums, dens = _floats(numerators), _floats(denominators)
    scale = float(rate_base or 1.0)
    out: list[tuple[float, float] | None] = []
    for x, n in zip(nums, dens, strict=True):
        if chart_type not in ("p", "u") or x is None or n is None or n <= 0 or x < 0:
            out.append(None)
        elif chart_type == "p":
            if x > n:
                out.append(None)
            else:
                low, high = wilson_interval(x, n, confidence)
                out.append((low * scale, high * scale))
        else:
            out.append(rate_interval(x, n, scale, confidence))
    return out


def is_imprecise(value: float | None, interval: tuple[float, float] | None) -> bool:
    """A rate is imprecise when its 95 % interval is wider than the rate itself (or the rate is 0 and the
    interval is not): a month's TF1 of 0 from 8 000 hours says little."""
    if interval is None or value is None:
        return False
    width = interval[1] - interval[0]
    return width > abs(value) if value else width > 0


def marked_points(chart: TrendChart) -> dict[str, dict[int, list[int]]]:
    """{"beyond": {index: rules}, "run": {index: rules}}: points beyond the limits, and every point of a
    run pattern (the whole 8 months of "8 in a row", not only the point that completes it)."""
    beyond: dict[int, list[int]] = {}
    run: dict[int, list[int]] = {}
    for s in chart.signals:
        if s.rule == 1:
            beyond.setdefault(s.index, []).append(1)
    for r in chart.runs:
        if r.pattern == "beyond":
            continue
        for i in range(r.first, r.last + 1):
            if chart.values[i] is None:
                continue
            target = beyond if i in beyond else run
            if r.rule not in target.setdefault(i, []):
                target[i].append(r.rule)
    return {"beyond": beyond, "run": run}


# ---------------------------------------------------------------------------------------- objective


def objective_per_month(indicator: dict) -> bool:
    """Whether the objective is a total over its period that the chart shows month by month."""
    return indicator.get("aggregation") == Aggregation.SUM


def objective_lines(
    indicator: dict, objective: dict | None
) -> tuple[float, float | None, float | None] | None:
    """(target, alert, tolerance) as monthly levels. A sum's target and alert are totals over the objective's
    period: each month's share is the total divided by the period's months, as the drift page judges a
    month (smqse.views.drift: monthly_target)."""
    if not objective or not _present(objective.get("target_value")):
        return None
    months = 1
    if objective_per_month(indicator):
        start, deadline = objective.get("start_on"), objective.get("deadline")
        if start is None or deadline is None:
            return None
        months = max(months_between(start, deadline), 1)
    alert = objective.get("alert_value")
    tolerance = objective.get("tolerance")
    return (
        float(objective["target_value"]) / months,
        float(alert) / months if _present(alert) else None,
        float(tolerance) if _present(tolerance) else None,
    )


# ---------------------------------------------------------------------------------------- seasonality


@dataclass(frozen=True)
class Seasonality:
    periods: list[date]
    observed: list[float]
    trend: list[float]
    seasonal: list[float]
    remainder: list[float]
    strength: float  # F_s in [0, 1]
    filled: int = 0  # missing months filled by linear interpolation before decomposing

    @property
    def adjusted(self) -> list[float]:
        """Seasonally adjusted values: observed − seasonal."""
        return [o - s for o, s in zip(self.observed, self.seasonal, strict=True)]

    @property
    def is_seasonal(self) -> bool:
        return self.strength >= seasonality.STRENGTH_THRESHOLD


def compute_decomposition(periods: list[date], values: Any) -> Seasonality | None:
    """`smqse.analysis.seasonality`'s decomposition of a monthly series with at least
    `MIN_SEASONAL_POINTS` (= seasonality.MIN_POINTS) values; None when the series is too short or more than a tenth of it is missing
    (a few gaps are interpolated). The verdict is made on the whole history given, not the months displayed:
    F_s on noise reaches 0.6 far more often on short series."""
    vals = _floats(values, len(periods))
    # Leading and trailing gaps are cut; inner gaps are interpolated if few.
    present = [i for i, v in enumerate(vals) if v is not None]
    if not present:
        return None
    lo, hi = present[0], present[-1]
    periods, vals = list(periods)[lo : hi + 1], vals[lo : hi + 1]
    missing = sum(v is None for v in vals)
    if len(vals) - missing < MIN_SEASONAL_POINTS or missing > len(vals) / 10:
        return None
    x = np.array([np.nan if v is None else v for v in vals], dtype=float)
    if missing:
        idx = np.arange(x.size)
        ok = ~np.isnan(x)
        x = np.interp(idx, idx[ok], x[ok])
    if np.ptp(x) == 0:
        return None
    # Positions modulo 12 from the first month: the calendar month, whatever the month the series starts in.
    result = seasonality.decompose(x)
    return Seasonality(
        periods=periods,
        observed=x.tolist(),
        trend=result.trend.tolist(),
        seasonal=result.seasonal.tolist(),
        remainder=result.remainder.tolist(),
        strength=result.strength,
        filled=missing,
    )


__all__ = [
    "MIN_POINTS",
    "MIN_SEASONAL_POINTS",
    "PATTERNS",
    "Phase",
    "Seasonality",
    "SignalRun",
    "TrendChart",
    "clopper_pearson_interval",
    "Episode",
    "compute_episodes",
    "compute_intervals",
    "compute_decomposition",
    "compute_trend",
    "describe_signals",
    "favourable",
    "is_imprecise",
    "poisson_interval",
    "rate_interval",
    "recent_runs",
    "trend_from_recent",
    "wilson_interval",
]
