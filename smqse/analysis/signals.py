"""Is the recent movement of an indicator a real signal or noise? One process behaviour chart decides,
for the scorecard, my indicators, the review pack and the trends page's verdict alike.

`detect_recent_signal(values, numerators=, denominators=, rate_base=)` reads up to the last 48 months and
says whether the last 6 hold a signal (which rule, which month, which way). The method, measured by
`python -m smqse.evaluation.signals` (BENCHMARKS.md, "Recent signals"):

* The chart follows the data (as spc.choose_chart): whole counts over an exposure with a rate base ≥ 1 000 →
  u-chart, whole counts over a size with rate base 100 (numerator ≤ denominator) → p-chart, anything else →
  XmR. Attribute charts switch to Laney's p′/u′ when the months vary more than the binomial/Poisson model
  allows (σ_z > 1), as large samples do; otherwise classic limits would call every month a signal.
* Limits from the months read (up to 48, the judged ones included: a Phase I chart). Limits from the
  months before the last 6 only (Phase II) made stable series signal on 9–12 % of scorecards.
* Seasonal individuals: a strongly seasonal series (`smqse.analysis.seasonality`'s decomposition of the
  months read, F_s ≥ 0.6, three years at least, every calendar month at least twice) is charted as
  departures from the mean of its calendar month, each month's departure measured from the mean of the
  same calendar month in the *other* years (leave one year out) and divided by √(k/(k−1)) for k years:
  every month, the last six included, is out of sample and on the same scale, so the months where
  signals are read are not judged more harshly than the rest (the former decomposition, whose trend was
  undefined at the ends, flagged 21 % of stable seasonal series).
* Rules: Western Electric rules 1, 2 and 4 on every chart (on the values for XmR, on zᵢ = (yᵢ − centre)/σᵢ
  for p/u, on the scaled departures for seasonal series): 1 point beyond 3σ, 2 of 3 beyond 2σ on one
  side, 8 in a row on one side. Rule 3 (4 of 5 beyond 1σ on one side) is left out: with it, stable
  series signalled on up to 8 % of scorecards, above the 6 % aimed at. A signal is recent when its last point
  is among the last 6 months; the pattern may start earlier.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from smqse.analysis import seasonality, spc

# Fewer points than this give limits too loose to call anything a signal.
MIN_POINTS = 8
WINDOW_MONTHS = 48  # the months read; older ones are history
RECENT_MONTHS = 6  # a signal ending in these months is "recent movement"
RULES = "western_electric"
# The Western Electric rules applied. Rule 3 (4 of 5 beyond 1σ on one side) is left out: with it, stable
# series signalled on up to 8 % of scorecards (target: at most 6 %), see BENCHMARKS.md.
RULE_NUMBERS = (1, 2, 4)
SEASON = seasonality.SEASON


@dataclass(frozen=True)
class RecentSignal:
    index: int  # position in the series given
    rule: int  # Western Electric rule number (1 = beyond the 3σ limits)
    direction: str  # "up" or "down": the signalling point is above or below the centre line


@dataclass(frozen=True)
class RecentChart:
    """The chart `detect_recent_signal` judged, aligned with the series given (None where a month is
    missing, too old or the series too short for limits): what a page draws next to the verdict."""

    chart_type: str  # "xmr", "p" or "u"
    center: list[float | None]  # in the indicator's unit; follows the season on a seasonal chart
    ucl: list[float | None]
    lcl: list[float | None]
    signals: list[spc.Signal] = field(default_factory=list)  # every WE 1–4 point, index = position given
    signal: RecentSignal | None = None  # the latest among the last RECENT_MONTHS
    laney: bool = False  # p′/u′: attribute limits widened to the month-to-month variation seen
    seasonal: bool = False  # XmR on departures from the season; limits drawn around the season
    baseline_points: int = 0  # the months the centre and σ come from
    sigma_z: float = 1.0  # Laney's factor on a p′/u′ chart


def _floats(values: Any, n: int) -> np.ndarray:
    out = np.full(n, np.nan)
    if values is None:
        return out
    for i, v in enumerate(list(values)[:n]):
        try:
            out[i] = float(v) if v is not None else np.nan
        except (TypeError, ValueError):
            out[i] = np.nan
    out[~np.isfinite(out)] = np.nan
    return out


def choose_recent_chart(
    values: np.ndarray, numerators: np.ndarray, denominators: np.ndarray, rate_base: float | None
) -> str:
    """XmR, p or u, as spc.choose_chart would for a ratio indicator with these numbers.

    Without a rate base, it is read from the values (value ≈ numerator / denominator × base); without
    values either, whole counts never above their denominator are proportions, others rates."""
    pairs = ~np.isnan(numerators) & ~np.isnan(denominators) & (denominators > 0)
    if not pairs.any():
        return "xmr"
    nums, dens = numerators[pairs], denominators[pairs]
    has_counts = bool(np.all(np.mod(nums, 1) == 0) and np.all(nums >= 0))
    base = rate_base
    if base is None:
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = values[pairs] / (nums / dens)
        ratio = ratio[np.isfinite(ratio) & (nums > 0)]
        if ratio.size:
            base = float(f"{np.median(ratio):.6g}")  # 99.99999999999999 is a base of 100
        elif has_counts:
            return "p" if np.all(nums <= dens) else "u"
        else:
            return "xmr"
        if has_counts and math.isclose(base, 1.0, rel_tol=1e-6):
            return "p" if np.all(nums <= dens) else "u"
    kind = spc.choose_chart("ratio", base, has_counts)
    if kind == "p" and np.any(nums > dens):
        return "xmr"  # a "done / planned" ratio can exceed 100 %: not a proportion
    return kind


def detect_recent_signal(
    values: Any,
    *,
    numerators: Any = None,
    denominators: Any = None,
    rate_base: float | None = None,
) -> RecentSignal | None:
    """None when the last 6 of the (up to 48) monthly values given hold no signal, else the latest signal
    (its rule, its position in the series given, its direction). Missing months: None or NaN."""
    return compute_recent_chart(
        values, numerators=numerators, denominators=denominators, rate_base=rate_base
    ).signal


def compute_recent_chart(
    values: Any,
    *,
    numerators: Any = None,
    denominators: Any = None,
    rate_base: float | None = None,
) -> RecentChart:
    """The chart behind `detect_recent_signal`: limits, every rule broken, the recent signal."""
    values = list(values) if values is not None else []
    n = len(values)
    empty: list[float | None] = [None] * n
    start = max(0, n - WINDOW_MONTHS)  # older months are read by no one
    m = n - start
    y = _floats(values[start:], m)
    nums = _floats(list(numerators)[start:] if numerators is not None else None, m)
    dens = _floats(list(denominators)[start:] if denominators is not None else None, m)
    try:
        base = float(rate_base) if rate_base is not None else None
    except (TypeError, ValueError):
        base = None
    if base is not None and not (math.isfinite(base) and base > 0):
        base = None
    kind = choose_recent_chart(y, nums, dens, base)
    if kind in ("p", "u"):
        keep = np.flatnonzero(~np.isnan(nums) & ~np.isnan(dens) & (dens > 0) & (nums >= 0))
    else:
        keep = np.flatnonzero(~np.isnan(y))
    if keep.size < MIN_POINTS:
        return RecentChart(kind, empty, list(empty), list(empty))
    # Limits from every month read, the judged ones included (Phase I): with limits from the months
    # before the last 6 only, stable series signalled 9–12 % of the time (estimated limits, rules 1–4).
    if kind in ("p", "u"):
        standard = _attribute(kind, nums[keep], dens[keep], base or 1.0)
    else:
        standard = _seasonal(y[keep], keep) or _individuals(y[keep])
    if standard is None:  # no variation: nothing to separate from noise
        return RecentChart(kind, empty, list(empty), list(empty), baseline_points=int(keep.size))
    z, center, ucl, lcl, sigma_z, seasonal = standard
    found = [
        spc.Signal(start + int(keep[s.index]), s.rule)
        for s in spc.run_rules(z, 0.0, 1.0, RULES)
        if s.rule in RULE_NUMBERS
    ]
    recent = [s for s in found if s.index >= n - RECENT_MONTHS]
    signal = None
    if recent:
        latest = max(recent, key=lambda s: (s.index, -s.rule))
        position = int(np.searchsorted(keep, latest.index - start))
        signal = RecentSignal(latest.index, latest.rule, "up" if z[position] > 0 else "down")
    lines = []
    for line in (center, ucl, lcl):
        full: list[float | None] = [None] * n
        for position, i in enumerate(keep):
            full[start + int(i)] = float(line[position])
        lines.append(full)
    return RecentChart(kind, *lines, found, signal, sigma_z > 1, seasonal, int(keep.size), sigma_z)


# z (in σ), centre, upper and lower limits (in the indicator's unit), σ_z (Laney, 1 if not), seasonal?
_Standardised = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float, bool]


def _individuals(x: np.ndarray) -> _Standardised | None:
    """XmR: centre and MR̄ of the months; z in units of σ = 2.66·MR̄/3 (rule 1 = beyond the lines drawn)."""
    chart = spc.xmr(x, rules=None)
    if chart.mr_bar == 0:
        return None
    z = (x - chart.center) / chart.sigma
    ones = np.ones(x.size)
    return z, ones * chart.center, ones * chart.ucl, ones * chart.lcl, 1.0, False


def _attribute(kind: str, counts: np.ndarray, sizes: np.ndarray, scale: float) -> _Standardised | None:
    """p or u: centre Σcounts/Σsizes, σᵢ from each month's size, times Laney's σ_z (from the standardised
    moving ranges) when it exceeds 1."""
    rate = counts / sizes
    center = float(counts.sum() / sizes.sum())
    spread = center * (1 - center) if kind == "p" else center
    if spread <= 0:
        return None
    sigma = np.sqrt(spread / sizes)
    sigma_z = spc.laney_sigma_z(rate, center, sigma)
    laney = sigma_z > 1
    if laney:
        sigma = sigma * sigma_z
    z = (rate - center) / sigma
    ucl = center + 3 * sigma
    lcl = np.maximum(0.0, center - 3 * sigma)
    if kind == "p":
        ucl = np.minimum(1.0, ucl)
    ones = np.ones(counts.size)
    return z, ones * center * scale, ucl * scale, lcl * scale, float(sigma_z) if laney else 1.0, False


def _seasonal(x: np.ndarray, keep: np.ndarray) -> _Standardised | None:
    """Leave-one-year-out departures from the calendar month's mean (see the module's docstring), charted as
    individuals; None when there are too few years or the season is not strong enough. `keep`: the months'
    positions in the window read (gaps between them are months without a value)."""
    if x.size < seasonality.MIN_POINTS:
        return None
    month = keep % SEASON
    k = np.bincount(month, minlength=SEASON).astype(float)
    if k.min() < 2:  # leave one year out: every calendar month needs another year to be compared with
        return None
    # Is there a season? The one decomposition's verdict, on the months read (gaps interpolated).
    span = np.arange(keep[0], keep[-1] + 1)
    if not seasonality.decompose(np.interp(span, keep, x)).is_seasonal:
        return None
    sums = np.bincount(month, weights=x, minlength=SEASON)
    years = k[month]
    others = (sums[month] - x) / (years - 1)  # the same calendar month in the other years
    scale = np.sqrt(years / (years - 1))  # sd of x − others is σ·√(k/(k−1))
    chart = spc.xmr((x - others) / scale, rules=None)
    if chart.mr_bar == 0:
        return None
    z = ((x - others) / scale - chart.center) / chart.sigma
    # Drawn where rule 1 fires: x beyond others + scale·(centre ± 3σ).
    center = others + chart.center * scale
    half = 3 * chart.sigma * scale
    return z, center, center + half, center - half, 1.0, True
