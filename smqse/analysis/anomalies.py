"""Which points of an indicator's series are anomalies: isolated spikes and dips, and level shifts.

`detect(periods, values, *, season_length=None)` returns one row per input point with the value the
series' own behaviour leads us to expect, a score (distance from it in robust standard deviations),
`is_anomaly`, a reason in words and a `kind` code the UI can translate.

Several methods, none trusted alone:

- **Baseline.** Seasonal series (a season length given, or 12, when `smqse.analysis.seasonality`'s
  decomposition shows a strong pattern, F_s ≥ 0.6, over three seasons at least): that decomposition (one
  index per calendar month, a 2×12 moving-average trend) made robust as STL is, by bisquare reweighting
  (`_seasonal_fit`), expected = trend + seasonal. Other series: a centred rolling median of the
  neighbours (11 points, the point itself left out, odd-reflected at the ends so that a linear trend is
  followed to the last point). Small counts (non-negative integers, mean below 10): the mean of the 24
  neighbouring months (the month itself left out), judged with the Poisson tails — 0 accidents in a month
  is never an anomaly unless the usual level is high. Rare-event rates (≥ 20 % zeros, e.g. a severity
  rate): zeros are normal, a month is judged on the log-spread of the non-zero months.
- **Scale.** Root mean square of the residuals' deviations clipped at 3 MADs (Gaussian-consistent),
  floored by half the noise seen in successive differences (of the deseasonalised series), half the
  residuals' standard deviation and the data's own step (0, 20 … 100 % for 5 inspections planned), so a
  flat or coarse series does not make every wiggle a signal. On a seasonal fit, scaled up by the fit's
  residual degrees of freedom (`_fit_shrinkage`): the remainder is smaller than the noise. Positive series
  whose noise grows with their level (the likelihood says so) get a σ proportional to the expected value
  (`_scale`).
- **Spikes and dips.** |residual| / σ above `SPIKE_SCORE` (`SHORT_SPIKE_SCORE` under two years;
  Poisson: a tail p below `POISSON_P`).
- **Level shifts.** Forward selection of steps in a regression of the deseasonalised series on a
  constant, (if the data call for it) a linear trend, and step indicators: each round takes the position
  whose step has the largest coefficient in standard errors, kept above `SHIFT_Z` with a step above
  `SHIFT_STEP` σ and `SHIFT_MIN_AFTER` points on the new level. Only the first point of the new level
  is flagged, placed by absolute deviations from each side's median (least squares lets one high month
  drag the step onto it). The trend term makes a trending series one line, not a staircase of shifts:
  steps without a slope are kept only when they beat the line by a BIC that charges each step's
  searched position; the steps are then confirmed with the fitted model's own scale when it is larger.
  Proportional series are judged in logs, where a percentage trend is a line.
- **Iteration.** Flagged spikes are masked and the baseline refitted (`PASSES` passes), so one outlier
  does not distort the baseline it is judged against (nor, on a seasonal fit, the same month of the other
  years).

Series shorter than two seasons (`MIN_SEASONAL_POINTS`) get no seasonal adjustment and say so; under
`MIN_POINTS` nothing is judged.
"""

from __future__ import annotations

import functools
import math
import warnings
from typing import Any

import numpy as np
import polars as pl
from scipy import stats

from smqse.analysis import seasonality

SPIKE_SCORE = 3.6
CLIP = 3.0
CLIP_VARIANCE = 0.99500727803  # E[min(|z|, 3)²] for a standard normal z
SHORT_SPIKE_SCORE = 4.0  # under two years the scale rests on few points: a higher cut
POISSON_P = 5e-4
POISSON_MAX_MEAN = 10.0
SHIFT_WINDOW = 12
SHIFT_MIN_AFTER = 3
SHIFT_Z = 4.0
SHIFT_STEP = 1.5
SHIFT_PLACE = 6  # months either side of the least-squares position searched for the step
MEDIAN_WINDOW = 11
PASSES = 2
MIN_POINTS = 6
DEFAULT_SEASON = seasonality.SEASON
MIN_SEASONAL_POINTS = 2 * DEFAULT_SEASON  # under two years: a higher spike cut and a note, no season
MAD_TO_SIGMA = 1.4826
ROBUST_PASSES = 3  # reweighted refits of the seasonal baseline (STL's outer iterations)
ROBUST_WIDTH = 7.0  # bisquare weight 0 beyond this many median absolute remainders (STL: 6)
INTERMITTENT_ZEROS = 0.2
COUNT_WINDOW = 25  # months around a small count that give its expected level (the count left out)
STEP_PENALTY = 3  # BIC cost of a level shift, in log n: its position is chosen among n
PROPORTIONAL_MARGIN = 2.0  # log-likelihood the proportional noise model must win by

COLUMNS = ["period", "value", "expected", "score", "is_anomaly", "reason", "kind"]


def _as_float_array(values: Any) -> np.ndarray:
    if isinstance(values, pl.Series):
        return values.cast(pl.Float64, strict=False).to_numpy().astype(float, copy=True)
    if isinstance(values, np.ndarray):
        return values.astype(float, copy=True)
    return np.array([np.nan if v is None else float(v) for v in values], dtype=float)


def _as_list(periods: Any) -> list:
    if isinstance(periods, pl.Series):
        return periods.to_list()
    if isinstance(periods, np.ndarray):
        return periods.tolist()
    return list(periods)


def _median(a: np.ndarray) -> np.floating:
    """np.median of a 1-D array, bit for bit (the mean of the two middle values: (low + high) / 2), without
    its overhead: the detector takes a dozen medians of a few dozen points per series, 45 000 series in a
    full scan."""
    n = a.size
    if n == 0:
        return np.median(a)
    h = n // 2
    part = np.partition(a, sorted({h - 1, h, n - 1} if n % 2 == 0 else {h, n - 1}))
    if np.isnan(part[-1]):  # NaN sorts last: NumPy's median is then NaN
        return part[-1]
    return (part[h - 1] + part[h]) / 2 if n % 2 == 0 else part[h]


def _nanmedian(a: np.ndarray, axis: int | None = None):
    """np.nanmedian, bit for bit (NaN where a row has no value, without the warning), several times faster
    on short arrays, where NumPy goes through masked arrays: (low + high) / 2 of the sorted present values."""
    if axis is None:
        present = a[~np.isnan(a)]
        return _median(present) if present.size else np.float64(np.nan)
    ordered = np.sort(a, axis=axis)  # NaN sort last
    n = np.sum(~np.isnan(a), axis=axis, keepdims=True)
    low = np.take_along_axis(ordered, np.maximum(n - 1, 0) // 2, axis=axis)
    high = np.take_along_axis(ordered, np.maximum(n, 1) // 2, axis=axis)
    return np.where(n > 0, (low + high) / 2, np.nan).squeeze(axis)


def _fill(x: np.ndarray) -> np.ndarray:
    """Missing points linearly interpolated (ends held), for methods that need a complete series."""
    ok = ~np.isnan(x)
    if ok.all():
        return x
    idx = np.arange(x.size)
    return np.interp(idx, idx[ok], x[ok])


def _rolling_median(x: np.ndarray, window: int = MEDIAN_WINDOW) -> np.ndarray:
    """Centred rolling median ignoring NaN; ends padded by odd reflection around the median of the first
    (last) three points, which keeps a linear trend and is not moved by an outlier at the end."""
    half = window // 2
    f = _fill(x)
    n = f.size
    k = min(half, n - 1)
    lo = float(_median(f[:3]))
    hi = float(_median(f[-3:]))
    left = 2 * lo - f[1 : k + 1][::-1]
    right = 2 * hi - f[n - k - 1 : n - 1][::-1]
    padded = np.concatenate([np.full(half - k, np.nan), left, x, right, np.full(half - k, np.nan)])
    view = np.lib.stride_tricks.sliding_window_view(padded, window)
    # Leave the point itself out: a point is judged against its neighbours, not against itself.
    view = np.delete(view, half, axis=1)
    if not np.isnan(view).any():
        return np.median(view, axis=1)  # the common case, several times faster than nanmedian
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        out = _nanmedian(view, axis=1)
    return np.where(np.isnan(out), f, out)


def _rolling_mean(x: np.ndarray, window: int = 13) -> np.ndarray:
    half = window // 2
    padded = np.concatenate([np.full(half, np.nan), x, np.full(half, np.nan)])
    view = np.lib.stride_tricks.sliding_window_view(padded, window)
    # Leave the point itself out, as for the median: a spike must not raise its own expected level.
    view = np.delete(view, half, axis=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        out = np.nanmean(view, axis=1)
    fallback = np.nanmean(x) if np.isfinite(x).any() else 0.0
    return np.where(np.isnan(out), fallback, out)


def _robust_sigma(residuals: np.ndarray, x: np.ndarray) -> float:
    r = residuals[np.isfinite(residuals)]
    if r.size == 0:
        return 1.0
    dev = np.abs(r - _median(r))
    core = mad = MAD_TO_SIGMA * float(_median(dev))
    if mad > 0:
        # Deviations clipped at 3 MADs, then their root mean square (Gaussian-consistent): as robust to a
        # stray month as the MAD, but the MAD's ±14 % on 72 points was what let ordinary months pass 4 σ.
        np.minimum(dev, CLIP * mad, out=dev)
        core = math.sqrt(float(np.dot(dev, dev)) / dev.size / CLIP_VARIANCE)
    xs = x[np.isfinite(x)]
    d = np.diff(xs)
    diff_sigma = MAD_TO_SIGMA * float(_median(np.abs(d))) / math.sqrt(2) if d.size else 0.0
    level = float(_median(np.abs(xs))) if xs.size else 0.0
    # Coarse values (5 inspections planned: 0, 20 … 100 %) or values stuck at a ceiling make the MAD 0:
    # the spread cannot be smaller than the data's step, nor than half the residuals' standard deviation.
    steps = np.diff(np.unique(xs))
    quantum = float(_median(steps)) if steps.size else 0.0
    spread = float(np.std(r)) if r.size > 1 else 0.0
    floor = max(0.5 * diff_sigma, 0.5 * spread, quantum, 1e-3 * level, 1e-9)
    return max(core, floor)


def _scale(
    x: np.ndarray, expected: np.ndarray, resid: np.ndarray, flagged: np.ndarray, sigma: float, inflate: float
) -> tuple[np.ndarray, float, bool]:
    """The noise's standard deviation at each month, and whether it is proportional to the level.

    Energy, absenteeism, waste: a positive indicator's noise often grows with its level, so one σ for the
    whole series hides a spike at a seasonal low and flags ordinary wiggles at a high. The proportional
    model (σ_t = σ_rel × expected_t) is kept when its Gaussian likelihood beats the constant one by
    `PROPORTIONAL_MARGIN`: with a level that barely moves the two are the same, and an additive series must
    not be judged in proportion on a lucky draw. Returns (σ per month, σ or σ_rel, proportional)."""
    constant = (np.full(x.size, sigma), sigma, False)
    present = np.isfinite(x)
    if not (np.all(x[present] > 0) and np.all(expected > 0)):
        return constant
    ok = present & ~flagged
    m = int(ok.sum())
    # When the level barely moves the two models are the same series (the proportional one gains about
    # m × var(log level) in log-likelihood): skip the second scale, the common case and a cost.
    if m == 0 or m * float(np.var(np.log(expected[ok]))) < PROPORTIONAL_MARGIN / 4:
        return constant
    rel = resid / expected
    sigma_rel = inflate * _robust_sigma(
        np.where(flagged, np.nan, rel), np.where(flagged, np.nan, x / expected)
    )
    # Mean squares clipped at 4 σ (an unflagged spike must not decide); the MADs are too noisy to compare
    # (±14 % on 72 points).
    ms_add = float(np.mean(np.minimum(np.abs(resid[ok]), 4 * sigma) ** 2))
    ms_rel = float(np.mean(np.minimum(np.abs(rel[ok]), 4 * sigma_rel) ** 2))
    if ms_add <= 0 or ms_rel <= 0:
        return constant
    loglik_add = -0.5 * m * math.log(ms_add)
    loglik_rel = -0.5 * m * math.log(ms_rel) - float(np.log(expected[ok]).sum())
    if loglik_rel > loglik_add + PROPORTIONAL_MARGIN:
        return sigma_rel * expected, sigma_rel, True
    return constant


def _seasonal_fit(x: np.ndarray, period: int, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """smqse.analysis.seasonality's decomposition of the series, masked points interpolated: (trend +
    seasonal, seasonal). Made robust as STL's outer loop is: each point gets the bisquare weight of its
    remainder over 6 × the median absolute remainder and is refitted as w·x + (1 − w)·fit (the fixed point of
    a weighted fit), so a spike does not pull its own month's index and the trend towards itself before it
    is flagged."""
    y = x.copy()
    y[mask] = np.nan
    y = _fill(y)
    target = y.copy()
    for _ in range(ROBUST_PASSES + 1):
        fit = seasonality.decompose(y, period)
        expected = fit.trend + fit.seasonal
        size = np.abs(target - expected)
        h = ROBUST_WIDTH * float(_median(size[~mask])) if (~mask).any() else 0.0
        if h <= 0:
            break
        weight = np.where(mask, 0.0, np.clip(1 - (size / h) ** 2, 0.0, 1.0) ** 2)
        y = np.where(mask, expected, weight * target + (1 - weight) * expected)
    return expected, fit.seasonal


@functools.lru_cache(maxsize=64)
def _fit_shrinkage(n: int, period: int) -> float:
    """How much smaller than the noise the decomposition's remainder is: sqrt(n / residual degrees of freedom),
    with the degrees of freedom n − 2 tr(H) + tr(HᵀH) of the (linear) decomposition's smoother H, whose
    columns are the fits of the n unit vectors (`seasonality.decompose` of the identity, one call). Without
    it a point 3.5 σ out reads as 4.5 σ on a 6-year series."""
    fit = seasonality.decompose(np.eye(n), period)
    hat = fit.trend + fit.seasonal
    dof = n - 2 * np.trace(hat) + np.sum(hat * hat)
    return math.sqrt(n / max(dof, 1.0))


def _select_steps(
    y: np.ndarray, sigma: float, slope: bool, max_shifts: int = 3, start: tuple[int, ...] = ()
) -> list[int]:
    """Positions of level shifts, by forward selection of steps in a regression y = a + b·t + Σ steps: at each round, the position whose
    step indicator, once the line and the steps already found are partialled out, has the largest
    coefficient in standard errors; kept when it beats `SHIFT_Z` and the step is larger than `SHIFT_STEP` σ.
    The common slope makes a trend one line, not a staircase of shifts."""
    n = y.size
    ok = np.isfinite(y)
    if ok.sum() < 2 * SHIFT_MIN_AFTER + 2:
        return []
    idx = np.arange(n, dtype=float)
    yo = np.where(ok, y, 0.0)
    w = ok.astype(float)
    steps_matrix = (idx[:, None] >= idx[None, :]).astype(float)  # column t: 1 from t on
    # Candidates: enough present points on both sides.
    after = np.cumsum(ok[::-1])[::-1]
    before = np.cumsum(ok) - ok
    candidate = (after >= SHIFT_MIN_AFTER) & (before >= SHIFT_MIN_AFTER + 1) & ok
    found: list[int] = []
    for _ in range(max_shifts):
        cols = [np.ones(n)] + ([idx / n] if slope else []) + [steps_matrix[:, t] for t in found]
        design = np.column_stack(cols) * w[:, None]
        pinv = np.linalg.pinv(design)
        resid_y = yo - design @ (pinv @ yo)
        s = steps_matrix * w[:, None]
        resid_s = s - design @ (pinv @ s)
        ss = np.einsum("ij,ij->j", resid_s, resid_s)
        with np.errstate(divide="ignore", invalid="ignore"):
            coef = (resid_s.T @ resid_y) / ss
            z = np.abs(coef) * np.sqrt(ss) / sigma
        z = np.where(candidate & np.isfinite(z), z, 0.0)
        for t in found:
            z[max(0, t - SHIFT_MIN_AFTER) : t + SHIFT_MIN_AFTER + 1] = 0.0
        t = int(np.argmax(z))
        if z[t] <= SHIFT_Z or abs(coef[t]) <= SHIFT_STEP * sigma:
            break
        found.append(t)
    return found


def _slope_z(y: np.ndarray, sigma: float, steps: list[int]) -> float:
    """The linear trend's coefficient in standard errors, once the given steps are in the model."""
    ok = np.isfinite(y)
    idx = np.arange(y.size, dtype=float)
    cols = [np.ones(y.size), idx] + [(idx >= t).astype(float) for t in steps]
    design = np.column_stack(cols)[ok]
    coef, *_ = np.linalg.lstsq(design, y[ok], rcond=None)
    cov = np.linalg.pinv(design.T @ design)
    return float(abs(coef[1]) / (sigma * math.sqrt(max(cov[1, 1], 1e-300))))


def _rss(y: np.ndarray, steps: list[int], slope: bool) -> tuple[float, int, int]:
    """(residual sum of squares, points, terms) of y on a constant, (slope) a line and the given steps."""
    ok = np.isfinite(y)
    idx = np.arange(y.size, dtype=float)
    cols = [np.ones(y.size)] + ([idx] if slope else []) + [(idx >= t).astype(float) for t in steps]
    design = np.column_stack(cols)[ok]
    coef, *_ = np.linalg.lstsq(design, y[ok], rcond=None)
    return float(np.sum((y[ok] - design @ coef) ** 2)), int(ok.sum()), design.shape[1]


def _fit_sigma(y: np.ndarray, steps: list[int], slope: bool) -> float:
    """Standard deviation of the residuals of y on a constant, (slope) a line and the given steps."""
    rss, m, k = _rss(y, steps, slope)
    return math.sqrt(rss / max(m - k, 1))


def _bic(y: np.ndarray, steps: list[int], slope: bool) -> float:
    """BIC with a step's position counted too: a step chosen among n places costs 3 log n (the modified
    BIC of change-point selection), a slope or constant log n."""
    rss, m, k = _rss(y, steps, slope)
    return m * math.log(max(rss, 1e-300) / m) + (k - len(steps) + STEP_PENALTY * len(steps)) * math.log(m)


def _place_step(y: np.ndarray, t: int, steps: list[int]) -> int:
    """Where, near t, the step fits best by absolute deviations from the medians on each side: least
    squares lets one high month just before a step pull the step onto it."""
    others = sorted(o for o in steps if o != t)
    lo = max([o for o in others if o < t], default=0)
    hi = min([o for o in others if o > t], default=y.size)
    # The same stretch of points for every candidate, so that their costs compare.
    first, last = max(lo, t - SHIFT_PLACE - SHIFT_WINDOW), min(hi, t + SHIFT_PLACE + SHIFT_WINDOW)
    best, best_cost = t, np.inf
    for c in range(
        max(lo + SHIFT_MIN_AFTER, t - SHIFT_PLACE), min(hi - SHIFT_MIN_AFTER, t + SHIFT_PLACE) + 1
    ):
        before, after = y[first:c], y[c:last]
        before, after = before[np.isfinite(before)], after[np.isfinite(after)]
        if before.size < SHIFT_MIN_AFTER or after.size < SHIFT_MIN_AFTER:
            continue
        cost = np.abs(before - _median(before)).sum() + np.abs(after - _median(after)).sum()
        if cost < best_cost - 1e-12:
            best, best_cost = c, cost
    return best


def _shifts(y: np.ndarray, sigma: float) -> list[tuple[int, float, float]]:
    """Level shifts as (first index of the new level, level before, level after).

    Steps are chosen without a trend term when, with them in, the series shows no significant trend (a
    fall in level is then not half-explained by a slope); otherwise with a common slope, so that a
    trending series is one line, not a staircase of shifts."""
    found = _select_steps(y, sigma, slope=False)
    slope = not found or _slope_z(y, sigma, found) > 2.0
    if slope:
        found = _select_steps(y, sigma, slope=True)
    else:
        # Steps without a slope can be a staircase standing for a trend (the steps then leave no trend to
        # see): keep the model with a slope when it explains the series as well with fewer terms (BIC).
        with_slope = _select_steps(y, sigma, slope=True)
        if _bic(y, with_slope, True) < _bic(y, found, False):
            found, slope = with_slope, True
    if found:
        # A robust scale from 72 residuals is noisy (±10 % or more): a low draw turns noise round a trend into a
        # staircase. Confirm the steps with the scale of the fitted model's own residuals when larger.
        fitted = _fit_sigma(y, found, slope)
        if fitted > sigma:
            found = _select_steps(y, fitted, slope=slope)
    found = [_place_step(y, t, found) for t in found]
    n = y.size
    out = []
    for t in sorted(found):
        lo = max(0, t - SHIFT_WINDOW)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            before = float(_nanmedian(y[lo:t]))
            after = float(_nanmedian(y[t + 1 : t + 1 + SHIFT_WINDOW]))
        # The first point of the new level sits nearer the new level than the old one.
        if (
            np.isfinite(y[t])
            and abs(y[t] - before) < abs(y[t] - after)
            and t + 1 < n
            and np.isfinite(y[t + 1])
        ):
            t += 1
        elif t > 0 and np.isfinite(y[t - 1]) and abs(y[t - 1] - after) < abs(y[t - 1] - before):
            t -= 1
        out.append((t, before, after))
    return out


def _fmt(v: float) -> str:
    if not np.isfinite(v):
        return "?"
    a = abs(v)
    if a >= 100:
        return f"{v:,.0f}"
    if a >= 10:
        return f"{v:.1f}"
    return f"{v:.3g}"


def detect(periods: Any, values: Any, *, season_length: int | None = None) -> pl.DataFrame:
    """Anomalies of one series: one row per point, columns period, value, expected, score, is_anomaly,
    reason (words) and kind ('spike', 'dip', 'shift_up', 'shift_down', 'missing' or None)."""
    period_list = _as_list(periods)
    x = _as_float_array(values)
    if len(period_list) != x.size:
        raise ValueError(f"periods ({len(period_list)}) and values ({x.size}) differ in length")
    return _frame(period_list, *_judge(x, season_length))


def flagged_points(values: Any, *, season_length: int | None = None) -> list[tuple]:
    """The flagged points of one series, without building its frame (the stored scan's 45 000 series: the
    frames cost a quarter of the detector's time): (position, value, expected, score, kind, reason), missing
    points left out, NaN as None. The same flags as `detect`'s rows with `is_anomaly`."""
    x, expected, score, kind, reason, flagged = _judge(_as_float_array(values), season_length)
    if flagged is None:
        return []
    return [
        (int(i), float(x[i]), _or_none(expected[i]), _or_none(score[i]), kind[i], reason[i])
        for i in np.flatnonzero(flagged)
    ]


def _or_none(v: float) -> float | None:
    return float(v) if np.isfinite(v) else None


def _judge(x: np.ndarray, season_length: int | None) -> tuple:
    """detect's arrays: (x, expected, score, kind, reason, flagged or None when nothing could be judged)."""
    n = x.size
    missing = ~np.isfinite(x)
    x[missing] = np.nan
    expected = np.full(n, np.nan)
    score = np.full(n, np.nan)
    kind: list[str | None] = [None] * n
    reason: list[str | None] = [None] * n
    present = ~missing
    m = int(present.sum())

    if m < MIN_POINTS:
        note = f"too few values to judge ({m} < {MIN_POINTS})"
        for i in range(n):
            kind[i] = "missing" if missing[i] else None
            reason[i] = "missing" if missing[i] else note
        return x, expected, score, kind, reason, None

    xs = x[present]
    poisson = bool(
        np.all(xs >= 0) and np.all(np.abs(xs - np.round(xs)) < 1e-9) and float(xs.mean()) < POISSON_MAX_MEAN
    )
    # Rare-event rates (severity, frequency rates of a small site): mostly zeros, heavy-tailed otherwise.
    intermittent = not poisson and bool(np.all(xs >= 0)) and float((xs == 0).mean()) >= INTERMITTENT_ZEROS
    period = None
    short = False
    if season_length is not None and season_length >= 2:
        if n >= 2 * season_length and m >= 2 * season_length:
            # A season length given is used only where the series shows that season: a seasonal fit on noise
            # would fit the noise and make its residuals (and σ) too small. Two seasons cannot show it:
            # each month has a single detrended value, so any series looks perfectly seasonal.
            if (
                m >= seasonality.MIN_SEASONS * season_length
                and seasonality.decompose(_fill(x), int(season_length)).is_seasonal
            ):
                period = int(season_length)
        else:
            short = True
    elif (
        n >= seasonality.MIN_POINTS
        and not poisson
        and not intermittent
        and missing.sum() <= n / 10
        and seasonality.decompose(_fill(x), DEFAULT_SEASON).is_seasonal
    ):
        period = DEFAULT_SEASON
    if n < MIN_SEASONAL_POINTS:
        short = True

    flagged = np.zeros(n, dtype=bool)
    seasonal = np.zeros(n)
    sigma = 1.0
    proportional = False
    for _ in range(PASSES):
        xm = x.copy()
        xm[flagged] = np.nan
        if poisson or intermittent:
            expected = np.maximum(_rolling_mean(xm, COUNT_WINDOW if poisson else 13), 0.0)
            if period is not None and poisson:
                expected = np.maximum(_seasonal_fit(x, period, flagged | missing)[0], 0.0)
        elif period is not None:
            expected, seasonal = _seasonal_fit(x, period, flagged | missing)
        else:
            expected = _rolling_median(xm)
        resid = x - expected
        # The floor from successive differences is taken on the deseasonalised series: a season's swing
        # is not noise.
        inflate = 1.0
        if period is not None and not (poisson or intermittent):
            inflate = _fit_shrinkage(n, period)
        sigma = inflate * _robust_sigma(np.where(flagged, np.nan, resid), xm - seasonal)
        if poisson:
            lam = np.maximum(expected, 0.05)
            upper = stats.poisson.sf(np.nan_to_num(x) - 1, lam)
            lower = stats.poisson.cdf(np.nan_to_num(x), lam)
            p = np.minimum(upper, lower)
            score = np.where(present, np.maximum(stats.norm.isf(np.clip(p, 1e-300, 0.5)), 0.0), np.nan)
            new = present & (p < POISSON_P)
        elif intermittent:
            # Judged on the spread of the non-zero values, in logs: zeros are normal, a month must stand
            # far out of the usual range of non-zero months to be a spike.
            pos = x > 0
            logs = np.log(x[pos & ~flagged])
            centre = float(_median(logs)) if logs.size else 0.0
            spread = max(MAD_TO_SIGMA * float(_median(np.abs(logs - centre))) if logs.size else 0.0, 0.25)
            with np.errstate(divide="ignore", invalid="ignore"):
                score = np.where(pos, np.maximum((np.log(np.where(pos, x, 1.0)) - centre) / spread, 0.0), 0.0)
            score = np.where(present, score, np.nan)
            new = present & (score > SPIKE_SCORE)
        else:
            scale, sigma, proportional = _scale(x, expected, resid, flagged, sigma, inflate)
            score = np.abs(resid) / scale
            new = present & (score > (SHORT_SPIKE_SCORE if m < MIN_SEASONAL_POINTS else SPIKE_SCORE))
        if np.array_equal(new, flagged):
            break
        flagged = new

    resid = x - expected
    for i in np.flatnonzero(flagged):
        up = resid[i] > 0
        kind[i] = "spike" if up else "dip"
        reason[i] = f"{'spike' if up else 'dip'}: {_fmt(x[i])} against {_fmt(expected[i])} expected" + (
            " (Poisson tail)" if poisson else f" ({score[i]:.1f} σ)"
        )

    # Level shifts, on the deseasonalised, detrended series with spikes masked.
    if proportional:
        trend = expected - seasonal
        with np.errstate(divide="ignore", invalid="ignore"):
            y = np.log(x) - np.log(np.where(trend > 0, expected / trend, 1.0))
    else:
        y = x - seasonal
    y[flagged] = np.nan
    if (not short or n >= 2 * SHIFT_WINDOW) and not intermittent:
        shift_sigma = sigma
        if poisson:
            shift_sigma = math.sqrt(max(float(np.nanmean(xs)), 0.5))
        for t, before, after in _shifts(y, shift_sigma):
            up = after > before
            same = "spike" if up else "dip"
            if t > 0 and kind[t - 1] == same and not flagged[t]:
                t -= 1  # the spike was the first point of the new level
            elif flagged[t] and kind[t] != same:
                continue
            flagged[t] = True
            kind[t] = "shift_up" if up else "shift_down"
            lvl = x[t - SHIFT_WINDOW : t]
            lvl_after = x[t : t + SHIFT_WINDOW]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                old, new_level = float(_nanmedian(lvl)), float(_nanmedian(lvl_after))
            reason[t] = f"level shift {'up' if up else 'down'} from {_fmt(old)} to {_fmt(new_level)}"
            score[t] = max(
                float(score[t]) if np.isfinite(score[t]) else 0.0, abs(after - before) / shift_sigma
            )

    short_note = (
        f"short series (under two seasons, {n} points): judged against a rolling median, no seasonal adjustment"
        if short
        else None
    )
    for i in range(n):
        if missing[i]:
            kind[i], reason[i] = "missing", "missing"
            expected[i] = expected[i] if np.isfinite(expected[i]) else np.nan
        elif short_note is not None:
            reason[i] = short_note if reason[i] is None else f"{reason[i]}; {short_note}"
    flagged &= present
    return x, expected, score, kind, reason, flagged


def _frame(periods, x, expected, score, kind, reason, flagged=None) -> pl.DataFrame:
    n = x.size
    if flagged is None:
        flagged = np.zeros(n, dtype=bool)
    return pl.DataFrame(
        {
            "period": pl.Series("period", periods) if n else pl.Series("period", [], dtype=pl.Date),
            "value": pl.Series("value", x, dtype=pl.Float64, nan_to_null=True),
            "expected": pl.Series("expected", expected, dtype=pl.Float64, nan_to_null=True),
            "score": pl.Series("score", score, dtype=pl.Float64, nan_to_null=True),
            "is_anomaly": pl.Series("is_anomaly", flagged, dtype=pl.Boolean),
            "reason": pl.Series("reason", reason, dtype=pl.Utf8),
            "kind": pl.Series("kind", kind, dtype=pl.Utf8),
        }
    )
