"""Drift against objectives: gap to target, direction of travel, drift detection and projection to the
objective's deadline with a prediction interval, and a verdict. Pure NumPy / SciPy.

Conventions
- Every gap is *oriented by polarity*: positive = worse than the target, negative = better.
  lower_better: value − target; higher_better: target − value; target_band: |value − target| − tolerance.
  In % of target: gap / |target| × 100 (None when the target is 0).
- Monthly series are lists aligned on consecutive months (None for a missing month).
- The quantity an objective judges is the value over its period (January → deadline): a ratio is
  Σ numerator / Σ denominator × base, a sum the total, a mean the mean of monthly values, a last the
  deadline month's value (see `smqse.analysis.kpi`). Projections aggregate simulated future months the
  same way. Simplification for ratios: the model projects the monthly rate and the future months weigh
  as much as the mean denominator of the last 12 months.
- Projection method per series (history of up to 48 months, internal gaps interpolated): from 6 points,
  an average of Gaussian structural models weighed by AICc — constant level, linear trend, evolving level
  (a random walk plus noise, its signal-to-noise ratio integrated over a grid) and evolving level with a
  drift, each also with 12 monthly effects from 24 points — every one solved exactly (generalised least
  squares; Student t predictive including the uncertainty of the level, slope, seasonal effects and σ);
  fewer than 6 points: naive (last value, random walk with Student t steps). Why: simulating from fitted
  parameters as if they were known gave 80 % intervals that held the realised period value 67 % of the
  time (50 % for a trend); `python -m smqse.evaluation.projections` measures the coverage (BENCHMARKS.md).
  Intervals come from 1 000 simulated paths, so the interval of a year total or a year ratio accounts for
  the correlation between months. A series that has never been negative is floored at 0; a series of
  whole numbers (counts) is projected in whole numbers.
- Verdict on the projected value P at the deadline and its interval (80 % by default), judged on the target:
  will miss — the whole interval on the wrong side of the target (its better end misses it);
  on track — the whole interval meets the target (its worse end meets it);
  at risk — the interval straddles the target.
- The alert crossing month is the month the running objective-period value (what the scorecard judges,
  with SUM thresholds prorated) goes beyond the alert threshold: already crossed (the start of the
  current breach) or the first projected month.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy import stats

from smqse.analysis import seasonality, spc
from smqse.analysis.kpi import months_between, shift_month
from smqse.model import Aggregation, Polarity

ON_TRACK = "on_track"
AT_RISK = "at_risk"
WILL_MISS = "will_miss"
NO_OBJECTIVE = "no_objective"
NO_DATA = "no_data"
VERDICT_ORDER = {WILL_MISS: 0, AT_RISK: 1, ON_TRACK: 2, NO_OBJECTIVE: 3, NO_DATA: 4}

IMPROVING = "improving"
STABLE = "stable"
WORSENING = "worsening"

SEASON = seasonality.SEASON
MIN_TREND_POINTS = 6
HISTORY_MONTHS = 48
DIRECTION_MONTHS = 12
DIRECTION_ALPHA = 0.05
REPETITIONS = 1000
_EPS = 1e-9


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _clean(values: Sequence[float | None]) -> list[float | None]:
    return [None if _is_missing(v) else float(v) for v in values]


# --- gap to target ------------------------------------------------------------------------------------


def compute_gap(
    value: float | None, target: float | None, polarity: str, tolerance: float | None = None
) -> float | None:
    """Oriented gap: positive = worse than the target (see module docstring); None when unknown."""
    if _is_missing(value) or _is_missing(target):
        return None
    if polarity == Polarity.LOWER_BETTER:
        return float(value) - float(target)
    if polarity == Polarity.HIGHER_BETTER:
        return float(target) - float(value)
    return abs(float(value) - float(target)) - (0.0 if _is_missing(tolerance) else float(tolerance))


def compute_gap_pct(gap: float | None, target: float | None) -> float | None:
    """The oriented gap in % of the target; None when the target is 0 or unknown."""
    if _is_missing(gap) or _is_missing(target) or abs(float(target)) < _EPS:
        return None
    return float(gap) / abs(float(target)) * 100.0


def _alert_gap(value: float, target: float, alert: float, polarity: str) -> float:
    """Oriented distance beyond the alert threshold: positive = beyond it (worse)."""
    if polarity == Polarity.LOWER_BETTER:
        return value - alert
    if polarity == Polarity.HIGHER_BETTER:
        return alert - value
    return abs(value - target) - abs(alert - target)


# --- seasonality ----------------------------------------------------------------------------------------


def _deseasonalised(x: np.ndarray) -> tuple[np.ndarray, bool]:
    """The series minus its seasonal component when `smqse.analysis.seasonality` finds a strong season (from
    `seasonality.MIN_POINTS` months), else unchanged."""
    if x.size < seasonality.MIN_POINTS:
        return x, False
    decomposition = seasonality.decompose(x)
    if not decomposition.is_seasonal:
        return x, False
    return decomposition.adjusted, True


# --- direction of travel --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Direction:
    direction: str  # improving / stable / worsening
    slope_per_month: float | None
    p_value: float | None
    months: int


def compute_direction(
    values: Sequence[float | None],
    polarity: str,
    target: float | None = None,
    *,
    months: int = DIRECTION_MONTHS,
    alpha: float = DIRECTION_ALPHA,
    seasonal_history: Sequence[float | None] | None = None,
) -> Direction:
    """Slope of the last `months` values (OLS on the month index) and whether it is significantly
    different from 0 (two-sided t-test at `alpha`); its sign read against the polarity. A slope that
    is not significant reads "stable": noise is not a direction. target_band: moving towards the
    target improves. `seasonal_history` (a longer series ending with the same months) lets a strongly
    seasonal indicator be read on deseasonalised values."""
    clean = _clean(values)
    tail = clean[-months:]
    if seasonal_history is not None:
        history = _interpolated(_clean(seasonal_history))
        if history is not None and history.size >= seasonality.MIN_POINTS:
            adjusted, seasonal = _deseasonalised(history)
            if seasonal:
                mask = [v is not None for v in tail]
                tail = [float(a) if m else None for a, m in zip(adjusted[-len(tail) :], mask, strict=True)]
    points = [(i, v) for i, v in enumerate(tail) if v is not None]
    if len(points) < 3:
        return Direction(STABLE, None, None, len(points))
    xs = np.array([p[0] for p in points], dtype=float)
    ys = np.array([p[1] for p in points], dtype=float)
    if np.ptp(ys) <= _EPS:
        return Direction(STABLE, 0.0, 1.0, len(points))
    fit = stats.linregress(xs, ys)
    slope, p_value = float(fit.slope), float(fit.pvalue)
    if not math.isfinite(p_value) or p_value >= alpha:
        return Direction(STABLE, slope, p_value if math.isfinite(p_value) else None, len(points))
    if polarity == Polarity.LOWER_BETTER:
        better = slope < 0
    elif polarity == Polarity.HIGHER_BETTER:
        better = slope > 0
    else:
        level = float(np.mean(ys[-3:]))
        reference = level if _is_missing(target) else float(target)
        better = (level - reference) * slope < 0 if not _is_missing(target) else False
    return Direction(IMPROVING if better else WORSENING, slope, p_value, len(points))


# --- drift detection --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Drift:
    detected: bool
    first_index: int | None  # index in the input series of the first month signalled
    method: str | None  # cusum / ewma / cusum+ewma
    direction: str | None  # up / down
    favourable: bool | None
    baseline_mean: float | None
    sigma: float | None
    seasonal_adjusted: bool = False


def detect_drift(
    values: Sequence[float | None],
    polarity: str,
    *,
    target: float | None = None,
    baseline_months: int = 12,
    monitor_months: int = 12,
    k: float = 0.5,
    h: float = 5.0,
    lam: float = 0.2,
    L: float = 3.0,
) -> Drift:
    """Tabular CUSUM (k = 0.5σ, h = 5σ) and EWMA (λ = 0.2, L = 3, exact limits) of the last
    `monitor_months` values against a baseline: the mean of the `baseline_months` before them, and
    σ = MR̄ / 1.128 over the months before the monitored ones (up to 36: a 12-month moving range
    alone is too noisy an estimate of σ and makes a tabular CUSUM fire on noise). Strongly seasonal series are deseasonalised first (a summer
    shutdown is not a drift). The first month either chart signals is reported, with the side; when
    both sides signal, the side signalling last.

    Missing months are interpolated; a baseline with no variation (σ = 0) cannot signal."""
    clean = _clean(values)
    x = _interpolated(clean)
    none = Drift(False, None, None, None, None, None, None)
    if x is None or x.size < baseline_months + 3:
        return none
    offset = len(clean) - x.size  # leading missing months dropped by _interpolated
    adjusted, seasonal = _deseasonalised(x)
    monitor = min(monitor_months, adjusted.size - baseline_months)
    base = adjusted[-(monitor + baseline_months) : -monitor]
    watched = adjusted[-monitor:]
    mu = float(base.mean())
    sigma_window = adjusted[max(0, adjusted.size - monitor - 36) : adjusted.size - monitor]
    sigma = float(np.mean(np.abs(np.diff(sigma_window)))) / 1.128
    if not math.isfinite(sigma) or sigma <= _EPS * max(1.0, abs(mu)):
        return Drift(False, None, None, None, None, mu, None, seasonal)
    cus = spc.cusum(watched, mu, sigma, k=k, h=h)
    ew = spc.ewma(watched, mu, sigma, lam=lam, L=L, exact=True)
    # Per side, the signals of either chart; when both sides signal, the side signalling last is the
    # current drift (an early favourable blip must not hide a later unfavourable drift).
    sides: dict[str, list[tuple[int, str]]] = {"up": [], "down": []}
    sides["up"] += [(i, "cusum") for i in cus.signals_hi]
    sides["down"] += [(i, "cusum") for i in cus.signals_lo]
    for sig in ew.signals:
        sides["up" if ew.ewma[sig.index] > mu else "down"].append((sig.index, "ewma"))
    active = [side for side in ("up", "down") if sides[side]]
    if not active:
        return Drift(False, None, None, None, None, mu, sigma, seasonal)
    direction = max(active, key=lambda side: max(i for i, _ in sides[side]))
    first = min(i for i, _ in sides[direction])
    method = "+".join(sorted({m for i, m in sides[direction] if i == first}))
    start = offset + len(x) - monitor
    return Drift(True, start + first, method, direction, _favourable(polarity, direction, mu, target), mu,
                 sigma, seasonal)  # fmt: skip


def _favourable(polarity: str, direction: str, level: float, target: float | None) -> bool | None:
    if polarity == Polarity.LOWER_BETTER:
        return direction == "down"
    if polarity == Polarity.HIGHER_BETTER:
        return direction == "up"
    if _is_missing(target):
        return None
    return (direction == "up") == (level < float(target))


# --- projection --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    """Monthly projection from the month after the last value to the deadline, and the objective-period
    value at the deadline (point and interval)."""

    method: str  # model_average / naive / none
    model: str  # the leading model class, e.g. "local_level_drift+season" (drift.model.* in smqse.i18n)
    n_points: int
    aicc: float | None
    fitted: list[float | None]  # in-sample fitted values aligned with the input series
    periods: list[date]  # future months
    mean: list[float]
    lower: list[float]
    upper: list[float]
    running: list[float]  # objective-period value if the period ended that month (point)
    running_lower: list[float]
    running_upper: list[float]
    value: float | None  # objective-period value at the deadline
    value_lower: float | None
    value_upper: float | None
    level: float = 0.8
    paths: np.ndarray | None = field(default=None, repr=False, compare=False)
    model_weight: float | None = None  # weight of the leading model class (model averaging)


def _interpolated(values: list[float | None]) -> np.ndarray | None:
    """Leading and trailing missing months dropped, internal gaps linearly interpolated."""
    idx = [i for i, v in enumerate(values) if v is not None]
    if not idx:
        return None
    first, last = idx[0], idx[-1]
    part = values[first : last + 1]
    known = np.array([i for i, v in enumerate(part) if v is not None])
    y = np.array([v for v in part if v is not None], dtype=float)
    return np.interp(np.arange(len(part)), known, y)


# Signal-to-noise ratios q = σ²(level step) / σ²(noise) of the stochastic-level candidates: from an almost
# constant level (0.01) to an almost pure random walk (100).
_Q_GRID = np.array([0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 100.0, 1000.0])
MIN_SEASONAL_FIT = 2 * SEASON  # a seasonal candidate needs two full seasons
# Candidate designs: (trend column, seasonal columns).
_DESIGNS = ((False, False), (True, False), (False, True), (True, True))
# Model classes by (trend column, stochastic level), as named on screen (drift.model.* in smqse.i18n).
_CLASS_NAMES = {
    (False, False): "level",
    (True, False): "trend",
    (False, True): "local_level",
    (True, True): "local_level_drift",
}


def _aicc(llf: float, k: int, n: int) -> float:
    if n - k - 1 <= 0:
        return math.inf
    return -2.0 * llf + 2.0 * k + 2.0 * k * (k + 1) / (n - k - 1)


MIN_WEIGHT = 1e-3  # candidates below this weight get no path (their weight goes to the others)
AICC_TEMPERATURE = 1.0


@dataclass(frozen=True)
class _Candidates:
    """The retained candidates (rows), their model-class names and weights, and their predictive
    distributions: Student t with `dof` degrees of freedom, location `mean`, scale² `s2` × `scale`."""

    names: list[str]
    weights: np.ndarray  # (m,), sum 1
    mean: np.ndarray  # (m, horizon)
    scale: np.ndarray  # (m, horizon, horizon)
    s2: np.ndarray  # (m,)
    dof: np.ndarray  # (m,)
    fitted: list[np.ndarray]  # one-step-ahead predictions of the history
    aicc: list[float]


def _design(size: int, seasonal: bool) -> np.ndarray:
    """Intercept, month index and 11 sum-to-zero seasonal columns (season = position modulo 12)."""
    columns = [np.ones(size), np.arange(size, dtype=float)]
    if seasonal:
        position = np.arange(size) % SEASON
        for s in range(SEASON - 1):
            columns.append((position == s).astype(float) - (position == SEASON - 1).astype(float))
    return np.column_stack(columns)


def _fit_models(y: np.ndarray, horizon: int) -> _Candidates:
    """Every candidate's exact Bayesian predictive distribution and its weight.

    Model: y_t = x_t'β + μ_t + ε_t, ε ~ N(0, σ²), μ a random walk from 0 with steps N(0, qσ²) (q = 0: a
    regression; q large: a random walk). Designs x_t: level, linear trend (a drift when q > 0), each with or
    without 12 seasonal effects (from two full seasons). For a given q the model is linear Gaussian: with flat
    priors on β and log σ, the future is multivariate Student t with n − p degrees of freedom around the
    generalised-least-squares forecast, its scale including the uncertainty of β (level, slope, seasonal
    effects) and of σ. The q grid is integrated with restricted-likelihood weights; the eight model classes
    (design × q = 0 or q > 0) are weighed by AICc (q counting as a parameter). One Cholesky factor per q
    serves every design: the whole fit is a handful of batched 48 × 48 linear solves."""
    n = y.size
    size = n + horizon
    index = np.arange(size, dtype=float)
    walk = np.minimum.outer(index, index)  # Cov of a random walk started at 0 at the first month
    qs = np.r_[0.0, _Q_GRID]
    V = np.eye(size)[None] + qs[:, None, None] * walk[None]
    chol = np.linalg.cholesky(V[:, :n, :n])
    diag = np.diagonal(chol, axis1=1, axis2=2)
    log_det = 2.0 * np.log(diag).sum(axis=1)
    X_all = _design(size, n >= MIN_SEASONAL_FIT)
    width = X_all.shape[1]
    rhs = np.concatenate([np.broadcast_to(X_all[:n], (qs.size, n, width)), np.broadcast_to(
        y[:, None], (qs.size, n, 1)), V[:, :n, n:]], axis=2)  # fmt: skip
    solved = np.linalg.solve(chol, rhs)
    Xt_all, yt, W = solved[:, :, :width], solved[:, :, width], solved[:, :, width + 1 :]
    rows = []  # (class name, q index, weight within the class, design columns, β, residuals, S, p)
    class_aicc: dict[str, float] = {}
    for trend, seasonal in _DESIGNS:
        if seasonal and n < MIN_SEASONAL_FIT:
            continue
        cols = [0] + ([1] if trend else []) + (list(range(2, 2 + SEASON - 1)) if seasonal else [])
        p = len(cols)
        Xt = Xt_all[:, :, cols]
        A = np.einsum("gni,gnj->gij", Xt, Xt)
        beta = np.linalg.solve(A, np.einsum("gni,gn->gi", Xt, yt)[..., None])[..., 0]
        resid = yt - np.einsum("gni,gi->gn", Xt, beta)
        S = np.maximum(np.sum(resid**2, axis=1), _EPS * max(1.0, float(np.mean(y**2))))
        llf = -0.5 * n * (np.log(2 * np.pi * S / n) + 1) - 0.5 * log_det
        restricted = -0.5 * (n - p) * np.log(S) - 0.5 * log_det - 0.5 * np.linalg.slogdet(A)[1]
        for stochastic, members in ((False, np.array([0])), (True, np.arange(1, qs.size))):
            k = p + 1 + int(stochastic)
            if n - k - 1 <= 0 or n - p < 2:
                continue
            name = _CLASS_NAMES[(trend, stochastic)] + ("+season" if seasonal else "")
            class_aicc[name] = _aicc(float(llf[members].max()), k, n)
            within = np.exp(restricted[members] - restricted[members].max())
            for g, share in zip(members, within / within.sum(), strict=True):
                rows.append((name, g, share, cols, beta[g], resid[g], S[g], p, Xt[g], A[g]))
    best = min(class_aicc.values())
    weights = np.array([r[2] * math.exp(-0.5 * (class_aicc[r[0]] - best) / AICC_TEMPERATURE) for r in rows])
    weights /= weights.sum()
    keep = [i for i in np.argsort(-weights) if weights[i] >= MIN_WEIGHT] or [int(np.argmax(weights))]
    kept = [rows[i] for i in keep]
    g = np.array([r[1] for r in kept])
    Wk = W[g]  # (m, n, horizon)
    means, scales = [], []
    for (_, _, _, cols, beta, resid, _, _, Xt, A), Wg in zip(kept, Wk, strict=True):
        Xf = X_all[n:, cols]
        Af = Xf - Wg.T @ Xt
        means.append(Xf @ beta + Wg.T @ resid)
        scales.append(Af @ np.linalg.solve(A, Af.T))
    scale = V[g, n:, n:] - np.einsum("mni,mnj->mij", Wk, Wk) + np.array(scales).reshape(len(kept), horizon,
                                                                                       horizon)  # fmt: skip
    return _Candidates(
        names=[r[0] for r in kept],
        weights=weights[keep] / weights[keep].sum(),
        mean=np.array(means).reshape(len(kept), horizon),
        scale=scale,
        s2=np.array([r[6] / (n - r[7]) for r in kept]),
        dof=np.array([n - r[7] for r in kept]),
        fitted=[y - diag[r[1]] * r[5] for r in kept],
        aicc=[class_aicc[r[0]] for r in kept],
    )


def _factor(covariances: np.ndarray) -> np.ndarray:
    """Cholesky factors; a covariance that rounding left barely indefinite is factored through its
    eigenvalues clipped at 0 instead of failing the page."""
    try:
        return np.linalg.cholesky(covariances)
    except np.linalg.LinAlgError:
        values, vectors = np.linalg.eigh(covariances)
        return vectors * np.sqrt(np.clip(values, 0.0, None))[..., None, :]


def _fit_average(y: np.ndarray, horizon: int, rng: np.random.Generator, repetitions: int):
    """Paths drawn from the weighted candidates: each path picks a candidate by weight, a σ² from its
    scaled inverse χ², then a Gaussian future with that σ² (together: the Student t predictive)."""
    fit = _fit_models(y, horizon)
    shares: dict[str, float] = {}
    for name, w in zip(fit.names, fit.weights, strict=True):
        shares[name] = shares.get(name, 0.0) + float(w)
    top = max(shares, key=shares.get)
    leader = fit.names.index(top)  # candidates come by decreasing weight
    if horizon == 0:
        return top, fit.aicc[leader], fit.fitted[leader], np.zeros(0), np.zeros((0, repetitions)), shares[top]
    counts = rng.multinomial(repetitions, fit.weights)
    used = np.flatnonzero(counts)
    jitter = _EPS * np.maximum(1.0, np.trace(fit.scale[used], axis1=1, axis2=2) / horizon)
    factors = _factor(fit.scale[used] + jitter[:, None, None] * np.eye(horizon)[None])
    blocks = []
    for factor, c in zip(factors, used, strict=True):
        sigma = np.sqrt(fit.s2[c] * fit.dof[c] / rng.chisquare(fit.dof[c], size=counts[c]))
        blocks.append(fit.mean[c][:, None] + (factor @ rng.standard_normal((horizon, counts[c]))) * sigma)
    paths = np.concatenate(blocks, axis=1)
    return top, fit.aicc[leader], fit.fitted[leader], fit.weights @ fit.mean, paths, shares[top]


def _fit_naive(y: np.ndarray, horizon: int, rng: np.random.Generator, repetitions: int):
    """Random walk from the last value; its step σ estimated from the few steps there are, so the steps are
    Student t (a σ² drawn per path from its scaled inverse χ²)."""
    steps = np.diff(y)
    sigma = float(np.sqrt(np.mean(steps**2))) if steps.size else 0.0
    mean = np.full(horizon, y[-1])
    fitted = np.r_[np.nan, y[:-1]]
    scale = sigma * np.sqrt(steps.size / rng.chisquare(steps.size, size=repetitions)) if steps.size else 0.0
    paths = y[-1] + np.cumsum(rng.standard_normal((horizon, repetitions)) * scale, axis=0)
    return "naive", None, fitted, mean, paths, None


@dataclass(frozen=True)
class PeriodActuals:
    """What the objective period already holds at the last month with data."""

    months: int  # months with a value in the objective period so far
    total_months: int  # months in the objective period up to the deadline
    value_sum: float  # Σ values (sum / mean)
    numerator_sum: float | None  # Σ numerators (ratio)
    denominator_sum: float | None  # Σ denominators (ratio)
    last_value: float | None
    future_denominator: float | None  # weight of a future month (ratio): mean denominator of 12 months
    rate_base: float = 1.0


def compute_period_actuals(
    values: Sequence[float | None],
    periods: Sequence[date],
    start_on: date,
    deadline: date,
    *,
    numerators: Sequence[float | None] | None = None,
    denominators: Sequence[float | None] | None = None,
    rate_base: float | None = None,
) -> PeriodActuals:
    """Totals of the objective period [start_on, last month] from a monthly series."""
    start = date(start_on.year, start_on.month, 1)
    values = _clean(values)
    nums = _clean(numerators) if numerators is not None else [None] * len(values)
    dens = _clean(denominators) if denominators is not None else [None] * len(values)
    inside = [i for i, p in enumerate(periods) if p >= start and values[i] is not None]
    has_ratio = all(nums[i] is not None and dens[i] is not None for i in inside) and any(
        d is not None for d in dens
    )
    recent_dens = [d for d in dens[-12:] if d is not None]
    return PeriodActuals(
        months=len(inside),
        total_months=months_between(start, deadline),
        value_sum=float(sum(values[i] for i in inside)),
        numerator_sum=float(sum(nums[i] for i in inside)) if has_ratio else None,
        denominator_sum=float(sum(dens[i] for i in inside)) if has_ratio else None,
        last_value=values[inside[-1]] if inside else None,
        future_denominator=float(np.mean(recent_dens)) if has_ratio and recent_dens else None,
        rate_base=1.0 if _is_missing(rate_base) else float(rate_base),
    )


def _aggregate(paths: np.ndarray, aggregation: str, actuals: PeriodActuals) -> np.ndarray:
    """Objective-period value after each future month, for every path: shape (horizon, repetitions)."""
    horizon = paths.shape[0]
    k = np.arange(1, horizon + 1, dtype=float)[:, None]
    cumulative = np.cumsum(paths, axis=0)
    if aggregation == Aggregation.SUM:
        return actuals.value_sum + cumulative
    if aggregation == Aggregation.LAST:
        return paths
    if (
        aggregation == Aggregation.RATIO
        and actuals.denominator_sum is not None
        and actuals.future_denominator is not None
    ):
        d = actuals.future_denominator
        num = actuals.numerator_sum + cumulative * d / actuals.rate_base
        den = actuals.denominator_sum + k * d
        return np.where(den > 0, num / np.where(den > 0, den, 1.0) * actuals.rate_base, np.nan)
    # mean, or a ratio without numerators/denominators: every month weighs the same.
    return (actuals.value_sum + cumulative) / (actuals.months + k)


def compute_period_value(aggregation: str, actuals: PeriodActuals) -> float | None:
    if actuals.months == 0:
        return None
    if aggregation == Aggregation.SUM:
        return actuals.value_sum
    if aggregation == Aggregation.LAST:
        return actuals.last_value
    if aggregation == Aggregation.RATIO and actuals.denominator_sum:
        return actuals.numerator_sum / actuals.denominator_sum * actuals.rate_base
    return actuals.value_sum / actuals.months


def compute_projection(
    values: Sequence[float | None],
    periods: Sequence[date],
    deadline: date,
    *,
    aggregation: str,
    start_on: date | None = None,
    numerators: Sequence[float | None] | None = None,
    denominators: Sequence[float | None] | None = None,
    rate_base: float | None = None,
    level: float = 0.8,
    repetitions: int = REPETITIONS,
    seed: int = 20261,
    history_months: int = HISTORY_MONTHS,
) -> Projection:
    """Project a monthly series to the deadline's month and aggregate to the objective-period value.

    `periods` are the months of `values` (consecutive). `start_on` is the objective period's start
    (default: January of the deadline's year)."""
    clean = _clean(values)
    periods = list(periods)
    deadline_month = date(deadline.year, deadline.month, 1)
    start_on = start_on or date(deadline.year, 1, 1)
    actuals = compute_period_actuals(
        clean, periods, start_on, deadline_month, numerators=numerators, denominators=denominators,
        rate_base=rate_base,
    )  # fmt: skip
    known = [i for i, v in enumerate(clean) if v is not None]
    empty = Projection("none", "—", 0, None, [None] * len(clean), [], [], [], [], [], [], [], None, None,
                       None, level)  # fmt: skip
    if not known:
        return empty
    last_month = periods[known[-1]]
    horizon = max(0, months_between(last_month, deadline_month) - 1)
    window_start = max(0, known[-1] + 1 - history_months)
    y = _interpolated(clean[window_start : known[-1] + 1])
    first_known = window_start + next(i for i, v in enumerate(clean[window_start:]) if v is not None)
    rng = np.random.default_rng(seed)
    if y.size >= MIN_TREND_POINTS and np.ptp(y) > _EPS:
        fit, method = _fit_average(y, horizon, rng, repetitions), "model_average"
    else:
        fit, method = _fit_naive(y, horizon, rng, repetitions), "naive"
    model, aicc, fitted, mean, paths, model_weight = fit
    if np.min(y) >= 0:  # counts, rates, totals: a non-negative series stays non-negative
        paths = np.maximum(paths, 0.0)
        mean = np.maximum(mean, 0.0)
    if all(v == round(v) for v in clean if v is not None):  # counts: future months are whole numbers too
        paths = np.round(paths)
    fitted_full: list[float | None] = [None] * len(clean)
    for j, v in enumerate(fitted):
        if first_known + j < len(clean) and not _is_missing(float(v)):
            fitted_full[first_known + j] = float(v)
    alpha = (1 - level) / 2
    future = [shift_month(last_month, i + 1) for i in range(horizon)]
    if horizon == 0:
        current = compute_period_value(aggregation, actuals)
        return Projection(method, model, int(y.size), aicc, fitted_full, [], [], [], [], [], [], [],
                          current, current, current, level, model_weight=model_weight)  # fmt: skip
    lower, upper = np.quantile(paths, [alpha, 1 - alpha], axis=1)
    running_paths = _aggregate(paths, aggregation, actuals)
    running = _aggregate(mean[:, None], aggregation, actuals)[:, 0]
    quantile = np.nanquantile if np.isnan(running_paths).any() else np.quantile
    r_lower, r_upper = quantile(running_paths, [alpha, 1 - alpha], axis=1)
    return Projection(
        method=method,
        model=model,
        n_points=int(y.size),
        aicc=aicc,
        fitted=fitted_full,
        periods=future,
        mean=[float(v) for v in mean],
        lower=[float(v) for v in lower],
        upper=[float(v) for v in upper],
        running=[float(v) for v in running],
        running_lower=[float(v) for v in r_lower],
        running_upper=[float(v) for v in r_upper],
        value=float(running[-1]),
        value_lower=float(r_lower[-1]),
        value_upper=float(r_upper[-1]),
        level=level,
        paths=paths,
        model_weight=model_weight,
    )


# --- verdict -----------------------------------------------------------------------------------------------


def compute_verdict(
    value: float | None,
    lower: float | None,
    upper: float | None,
    *,
    target: float | None,
    alert: float | None,
    polarity: str,
    tolerance: float | None = None,
) -> str:
    """on_track / at_risk / will_miss for a projected value and its interval (module docstring): the verdict
    is what the interval supports — on track when its worse end meets the target, will miss when even its
    better end misses it, at risk when it straddles the target. The alert threshold lies beyond the target,
    so it adds nothing to a verdict judged on the target; it dates the alert crossing instead."""
    if _is_missing(target):
        return NO_OBJECTIVE
    if _is_missing(value):
        return NO_DATA
    lower = value if _is_missing(lower) else lower
    upper = value if _is_missing(upper) else upper
    target = float(target)
    if polarity == Polarity.TARGET_BAND:
        best = min(max(target, lower), upper)  # the point of the interval closest to the target
        worst = lower if abs(lower - target) >= abs(upper - target) else upper
    elif polarity == Polarity.LOWER_BETTER:
        best, worst = lower, upper
    else:
        best, worst = upper, lower
    slack = max(abs(target), 1.0) * _EPS
    if compute_gap(best, target, polarity, tolerance) > slack:
        return WILL_MISS
    if compute_gap(worst, target, polarity, tolerance) <= slack:
        return ON_TRACK
    return AT_RISK


def compute_alert_crossing(
    actual_running: Sequence[tuple[date, float | None]],
    projected_running: Sequence[tuple[date, float]],
    *,
    target: float | None,
    alert: float | None,
    polarity: str,
    aggregation: str,
    start_on: date,
    deadline: date,
) -> tuple[date | None, bool]:
    """(month, already): the month the running objective-period value goes beyond the alert threshold
    (prorated for SUM indicators). `already` when it is beyond at the last actual month: the month is
    then the start of the current breach. (None, False) when it does not cross before the deadline."""
    if _is_missing(alert) or _is_missing(target):
        return None, False
    start = date(start_on.year, start_on.month, 1)
    total = months_between(start, deadline)

    def beyond(month: date, value: float | None) -> bool:
        if value is None:
            return False
        share = 1.0
        if aggregation == Aggregation.SUM:
            share = min(1.0, max(0.0, months_between(start, month) / total))
        return _alert_gap(value, float(target) * share, float(alert) * share, polarity) > _EPS * max(
            1.0, abs(float(alert))
        )

    actual = [(m, v) for m, v in actual_running if v is not None and m >= start]
    if actual and beyond(*actual[-1]):
        first = actual[-1][0]
        for month, value in reversed(actual):
            if not beyond(month, value):
                break
            first = month
        return first, True
    for month, value in projected_running:
        if beyond(month, value):
            return month, False
    return None, False


def compute_running_actuals(
    values: Sequence[float | None],
    periods: Sequence[date],
    start_on: date,
    *,
    aggregation: str,
    numerators: Sequence[float | None] | None = None,
    denominators: Sequence[float | None] | None = None,
    rate_base: float | None = None,
) -> list[tuple[date, float | None]]:
    """The objective-period value at the end of each actual month of the period (year to date)."""
    start = date(start_on.year, start_on.month, 1)
    out = []
    values = _clean(values)
    for i, month in enumerate(periods):
        if month < start:
            continue
        actuals = compute_period_actuals(
            values[: i + 1], periods[: i + 1], start, month, numerators=None if numerators is None else
            numerators[: i + 1], denominators=None if denominators is None else denominators[: i + 1],
            rate_base=rate_base,
        )  # fmt: skip
        out.append((month, compute_period_value(aggregation, actuals)))
    return out
