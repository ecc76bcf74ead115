"""Is the recent movement of an indicator a real signal or noise? A process behaviour chart decides.

The chart follows the indicator (spc.choose_chart): counts over exposure → u-chart, proportions →
p-chart, other values → XmR with the Western Electric rules. Attribute charts switch to Laney's p′/u′
when the data vary more between months than the binomial/Poisson model allows (large samples such
as parts produced or hours worked), where classic limits would call every month a signal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from smqse.analysis import spc

# Fewer points than this give limits too loose to call anything a signal.
MIN_POINTS = 8


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
    center: float | None
    ucl: list[float | None]
    lcl: list[float | None]
    signal: RecentSignal | None  # the latest signal among the recent points
    laney: bool = False  # p′/u′: attribute limits widened to the month-to-month variation seen


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
) -> BehaviourChart:
    """Limits and the latest signal among the last `recent` points of a monthly series.

    For p- and u-charts, values are numerator / denominator × rate_base, and the limits are scaled the
    same way. Missing months are left out of the chart (their positions still count for `recent`)."""
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
        return BehaviourChart(chart_type, None, [None] * n, [None] * n, None)

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
        plotted = [float(values[i]) for i in keep]
        chart = spc.xmr(plotted)
        center, scale = chart.center, 1.0
        ucl_kept, lcl_kept = [chart.ucl] * len(keep), [chart.lcl] * len(keep)
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
    return BehaviourChart(chart_type, center * scale, ucl, lcl, signal, laney)
