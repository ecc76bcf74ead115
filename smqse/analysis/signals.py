"""Is the recent movement of an indicator a real signal or noise? A process behaviour chart decides.

The chart follows the indicator (spc.choose_chart): counts over exposure → u-chart, proportions →
p-chart, other values → XmR with the Western Electric rules. Attribute charts switch to Laney's p′/u′
when the data vary more between months than the binomial/Poisson model allows (large samples such
as parts produced or hours worked), where classic limits would call every month a signal.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from smqse.analysis import spc

# Fewer points than this give limits too loose to call anything a signal.
MIN_POINTS = 8
# A seasonal pattern whose strength F_s reaches this is worth showing and removing (see trends.py).
SEASONAL_STRENGTH_THRESHOLD = 0.6


@dataclass(frozen=True)
class RecentSignal:
    index: int  # position in the series given
    rule: int  # Western Electric rule number (1 = beyond the 3σ limits)
    direction: str  # "up" or "down": the signalling point is above or below the centre line


@dataclass(frozen=True)
class BehaviourChart:
    """A series' process behaviour chart, in the indicator's own unit, aligned with the series given
    (None where a month is missing or the series is too short for limits)."""

    chart_type: str  # "xmr", "p" or "u"
    center: list[float | None]  # constant, except on a seasonal XmR chart where it follows the season
    ucl: list[float | None]
    lcl: list[float | None]
    signal: RecentSignal | None  # the latest signal among the recent points
    laney: bool = False  # p′/u′: attribute limits widened to the month-to-month variation seen
    seasonal: bool = False  # XmR on seasonally adjusted values; limits drawn around the seasonal pattern


def _present(x: float | None) -> bool:
    return x is not None and not np.isnan(x)


def compute_behaviour_chart(
    chart_type: str,
    values: list[float | None],
    numerators: list[float | None] | None = None,
    denominators: list[float | None] | None = None,
    *,
    rate_base: float | None = None,
    recent: int = 6,
    seasonal: list[float | None] | None = None,
) -> BehaviourChart:
    """Limits and the latest signal among the last `recent` points of a monthly series.

    For p- and u-charts, values are numerator / denominator × rate_base, and the limits are scaled the
    same way. Missing months are left out of the chart (their positions still count for `recent`).
    `seasonal` (a seasonal component aligned with `values`, e.g. from STL) makes an XmR chart judge the
    seasonally adjusted values, so that a yearly August shutdown is not read as a signal."""
    n = len(values)
    numerators = numerators or [None] * n
    denominators = denominators or [None] * n
    if chart_type == "p" and any(
        _present(a) and _present(b) and a > b for a, b in zip(numerators, denominators, strict=True)
    ):
        chart_type = "xmr"  # a "done / planned" ratio can exceed 100 %: not a proportion
    if chart_type in ("p", "u"):
        keep = [
            i
            for i in range(n)
            if _present(numerators[i]) and _present(denominators[i]) and denominators[i] > 0
        ]
    else:
        chart_type = "xmr"
        keep = [i for i in range(n) if _present(values[i])]
    if len(keep) < MIN_POINTS:
        return BehaviourChart(chart_type, [None] * n, [None] * n, [None] * n, None)
    season = [0.0] * n
    if chart_type == "xmr" and seasonal is not None:
        season = [s if _present(s) else 0.0 for s in seasonal]

    if chart_type in ("p", "u"):
        build = spc.p_chart if chart_type == "p" else spc.u_chart
        counts, sizes = [numerators[i] for i in keep], [denominators[i] for i in keep]
        chart = build(counts, sizes)
        laney = spc.laney_sigma_z(np.array(chart.values), chart.center, np.array(chart.sigma)) > 1
        if laney:  # overdispersed: classic limits would flag nearly every month
            chart = build(counts, sizes, laney=True)
        scale = rate_base or 1.0
        plotted, center = list(chart.values), chart.center
        ucl_kept = [u * scale for u in chart.ucl]
        lcl_kept = [lo * scale for lo in chart.lcl]
        flat = False
    else:
        plotted = [float(values[i]) - season[i] for i in keep]
        chart = spc.xmr(plotted)
        center, scale = chart.center, 1.0
        ucl_kept = [chart.ucl + season[i] for i in keep]
        lcl_kept = [chart.lcl + season[i] for i in keep]
        flat = chart.mr_bar == 0  # no variation, no signal to speak of
        laney = False

    ucl: list[float | None] = [None] * n
    lcl: list[float | None] = [None] * n
    for position, i in enumerate(keep):
        ucl[i], lcl[i] = ucl_kept[position], lcl_kept[position]

    signal = None
    recent_signals = [s for s in chart.signals if keep[s.index] >= n - recent]
    if recent_signals and not flat:
        latest = max(recent_signals, key=lambda s: (s.index, -s.rule))
        direction = "up" if plotted[latest.index] >= center else "down"
        signal = RecentSignal(index=keep[latest.index], rule=latest.rule, direction=direction)
    centers: list[float | None] = [None] * n
    for i in keep:
        centers[i] = center * scale + season[i]
    return BehaviourChart(chart_type, centers, ucl, lcl, signal, laney, seasonal=any(season))


def compute_seasonal_component(values: list[float | None], period: int = 12) -> list[float | None] | None:
    """The seasonal pattern of a monthly series when it is strongly seasonal, else None.

    Classical decomposition, made robust: a centred 12-month moving average removes the trend, the
    seasonal index of a calendar month is the median of its detrended values (one outlier cannot make a
    season), and the pattern counts only if its strength F_s = 1 − Var(R)/Var(S + R) (Wang, Smith &
    Hyndman 2006) reaches the threshold the trends page uses for STL. Fast enough to run on every
    indicator of the scorecard, where a robust STL per series would not be. Needs three full years."""
    x = np.array([np.nan if v is None else float(v) for v in values], dtype=float)
    n = x.size
    if n < 3 * period or np.isnan(x).sum() > n / 10:
        return None
    # Centred 2×12 moving average: weights 1/24 at both ends, 1/12 in between.
    weights = np.r_[0.5, np.ones(period - 1), 0.5] / period
    trend = np.convolve(x, weights, mode="same")
    half = period // 2
    trend[:half] = np.nan
    trend[-half:] = np.nan
    detrended = x - trend
    month = np.arange(n) % period
    by_year = np.full(((n + period - 1) // period) * period, np.nan)
    by_year[:n] = detrended
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a month with no value: handled just below
        indices = np.nanmedian(by_year.reshape(-1, period), axis=0)  # one row per year, one column per month
    if np.isnan(indices).any():
        return None
    indices -= indices.mean()
    seasonal = indices[month]
    usable = ~np.isnan(detrended)
    remainder = detrended[usable] - seasonal[usable]
    if seasonal_strength(seasonal[usable], remainder) < SEASONAL_STRENGTH_THRESHOLD:
        return None
    return seasonal.tolist()


def seasonal_strength(seasonal: Any, remainder: Any) -> float:
    """F_s = max(0, 1 − Var(R) / Var(S + R)) (Wang, Smith & Hyndman 2006)."""
    s = np.asarray(seasonal, dtype=float)
    r = np.asarray(remainder, dtype=float)
    total = np.var(s + r)
    if total == 0:
        return 0.0
    return float(max(0.0, 1 - np.var(r) / total))
