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


def detect_recent_signal(
    chart_type: str,
    values: list[float | None],
    numerators: list[float | None] | None = None,
    denominators: list[float | None] | None = None,
    *,
    recent: int = 6,
) -> RecentSignal | None:
    """The latest signal among the last `recent` points of a monthly series, or None for noise.

    Missing months are left out of the chart (their positions still count for `recent`)."""
    n = len(values)
    if chart_type == "p" and any(
        num is not None and den is not None and num > den
        for num, den in zip(numerators or [], denominators or [], strict=False)
    ):
        chart_type = "xmr"  # a "done / planned" ratio can exceed 100 %: not a proportion
    if chart_type in ("p", "u") and numerators is not None and denominators is not None:
        keep = [
            i
            for i in range(n)
            if numerators[i] is not None
            and denominators[i] is not None
            and denominators[i] > 0
            and not np.isnan(numerators[i])
        ]
    else:
        chart_type = "xmr"
        keep = [i for i in range(n) if values[i] is not None and not np.isnan(values[i])]
    if len(keep) < MIN_POINTS:
        return None

    if chart_type in ("p", "u"):
        build = spc.p_chart if chart_type == "p" else spc.u_chart
        counts, sizes = [numerators[i] for i in keep], [denominators[i] for i in keep]
        chart = build(counts, sizes)
        if spc.laney_sigma_z(np.array(chart.values), chart.center, np.array(chart.sigma)) > 1:
            chart = build(counts, sizes, laney=True)  # overdispersed: classic limits would flag everything
        plotted, center = list(chart.values), chart.center
    else:
        plotted = [float(values[i]) for i in keep]
        chart = spc.xmr(plotted)
        center = chart.center
        if chart.mr_bar == 0:  # a flat series: no variation, no signal to speak of
            return None

    first_recent = n - recent
    recent_signals = [s for s in chart.signals if keep[s.index] >= first_recent]
    if not recent_signals:
        return None
    latest = max(recent_signals, key=lambda s: (s.index, -s.rule))
    direction = "up" if plotted[latest.index] >= center else "down"
    return RecentSignal(index=keep[latest.index], rule=latest.rule, direction=direction)
