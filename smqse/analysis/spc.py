"""Process behaviour charts: is a movement of an indicator a signal, or the noise of the process?

Pure NumPy; no Streamlit. Every function takes any sequence of numbers (list, tuple, NumPy array, Polars
or pandas Series) and returns frozen records whose series are plain Python lists. Indexes are 0-based.

Charts (formulas in DOMAIN.md, "Statistics for indicators"):
  xmr        individuals and moving range: centre = mean, limits centre ± 2.66·MR̄, URL = 3.267·MR̄
  p_chart    proportions, sizes may vary: per-point limits p̄ ± 3·√(p̄(1−p̄)/nᵢ), clipped to [0, 1]
  np_chart   defectives, constant size n: n·p̄ ± 3·√(n·p̄(1−p̄)), LCL floored at 0
  c_chart    counts, constant exposure: c̄ ± 3·√c̄, LCL floored at 0
  u_chart    counts over varying exposure: per-point limits ū ± 3·√(ū/nᵢ), LCL floored at 0
  cusum      tabular CUSUM (k, h in σ units)
  ewma       exponentially weighted moving average, exact (time-varying) or asymptotic limits

Interpretation choices, made once here:
  * Missing values (None, NaN) and infinities are rejected with ValueError: callers drop missing periods
    (and keep their own map from chart position to period).
  * "Beyond" is strict: a point exactly on a limit is not a signal, a point exactly on the centre line
    is on neither side (it breaks a run on one side), an unchanged value breaks a trend or an
    alternation. Comparisons are made in data units against centre ± m·σ, as the limits are drawn.
  * A rule is reported at every point that completes its pattern: the last point of each qualifying
    window (a run of 10 on one side gives Nelson 2 at its 9th and 10th points). For "k of m" rules the
    flagged point must itself be one of the k points (2 of 3 beyond 2σ flags the second point beyond,
    not a later point inside 2σ); near the start a shorter window counts ("2 of 3" is already
    complete when points 0 and 1 are beyond 2σ).
  * Nelson 3 ("six points in a row steadily increasing or decreasing", Nelson 1984) = 6 points with
    5 successive strict rises (or falls); 5 rising points do not trigger it.
  * Nelson 4 = 14 points whose 13 successive differences alternate in sign.
  * Nelson 7 = 15 points in a row within 1σ (|x − centre| ≤ σ), whichever side.
  * Nelson 8 = 8 points in a row beyond 1σ with at least one on each side (Nelson: "on both sides
    of the centre line with none in zone C"; eight beyond 1σ on one side are Nelson 6's business).
    Minitab's test 8 does not require both sides.
  * XmR: limits use the contract's 2.66·MR̄ and the run rules use σ = 2.66·MR̄/3 (not MR̄/1.128 =
    2.6596·MR̄/3), so that rule 1 fires exactly beyond the limits drawn. A flat series (MR̄ = 0) has
    no signals.
  * Attribute charts report rule 1 (outside their own limits) by default; `rules=` adds the run rules
    on the standardised values zᵢ = (yᵢ − centre)/σᵢ (centre 0, σ 1), rule 1 still from the limits.
  * CUSUM sums are not reset after a signal, as in the NIST/SEMATECH worked example (6.3.2.3).

References: Western Electric, Statistical Quality Control Handbook (1956); L. S. Nelson, "The Shewhart
Control Chart — Tests for Special Causes", J. Quality Technology 16(4), 1984; NIST/SEMATECH e-Handbook
of Statistical Methods §6.3; D. C. Montgomery, Introduction to Statistical Quality Control.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

import numpy as np

D2 = 1.128  # d₂ for moving ranges of two points: σ = MR̄ / d₂
E2 = 2.66  # 3 / d₂, rounded as every XmR text prints it
D4 = 3.267  # upper range limit factor for n = 2

RuleSet = Literal["nelson", "western_electric"]


class Signal(NamedTuple):
    """A rule broken at a point: `rule` is its number in its set (1 = beyond the 3σ limits)."""

    index: int
    rule: int


@dataclass(frozen=True)
class XmR:
    values: list[float]
    center: float
    mr_bar: float
    sigma: float  # 2.66·MR̄ / 3 (≈ MR̄ / 1.128)
    ucl: float
    lcl: float
    url: float  # upper range limit of the moving-range chart
    moving_ranges: list[float]  # len(values) − 1; moving_ranges[j] = |x[j+1] − x[j]|
    signals: list[Signal]
    moving_range_signals: list[int]  # point index i: the range between points i−1 and i is above url


@dataclass(frozen=True)
class PChart:
    values: list[float]  # proportions dᵢ/nᵢ
    sizes: list[float]
    center: float  # p̄ = Σd / Σn
    sigma: list[float]  # √(p̄(1−p̄)/nᵢ), times sigma_z on a Laney p′ chart
    ucl: list[float]
    lcl: list[float]
    signals: list[Signal]
    sigma_z: float = 1.0  # Laney's between-sample dispersion factor (1 on a classic chart)


@dataclass(frozen=True)
class NpChart:
    values: list[float]  # defectives
    size: float
    center: float  # n·p̄
    sigma: float
    ucl: float
    lcl: float
    signals: list[Signal]


@dataclass(frozen=True)
class CChart:
    values: list[float]  # counts
    center: float  # c̄
    sigma: float  # √c̄
    ucl: float
    lcl: float
    signals: list[Signal]


@dataclass(frozen=True)
class UChart:
    values: list[float]  # rates cᵢ/nᵢ
    units: list[float]
    center: float  # ū = Σc / Σunits
    sigma: list[float]  # √(ū/nᵢ), times sigma_z on a Laney u′ chart
    ucl: list[float]
    lcl: list[float]
    signals: list[Signal]
    sigma_z: float = 1.0  # Laney's between-sample dispersion factor (1 on a classic chart)


@dataclass(frozen=True)
class Cusum:
    values: list[float]
    target: float
    sigma: float
    k: float  # reference value, σ units
    h: float  # decision interval, σ units
    s_hi: list[float]  # upper cumulative sums, data units
    s_lo: list[float]  # lower cumulative sums, data units
    cusum: list[float]  # plain cumulative sum of (x − target), for the V-mask view
    signals_hi: list[int]  # S⁺ > h·σ
    signals_lo: list[int]  # S⁻ > h·σ
    signals: list[Signal]  # rule 1 at every index of either list

    @property
    def decision_interval(self) -> float:
        """H in data units (h·σ): the line the sums are compared with."""
        return self.h * self.sigma


@dataclass(frozen=True)
class Ewma:
    values: list[float]
    target: float
    sigma: float
    lam: float
    L: float
    exact: bool
    ewma: list[float]  # z₁ … zₙ (z₀ = target is not repeated)
    ucl: list[float]
    lcl: list[float]
    signals: list[Signal]

    @property
    def center(self) -> float:
        return self.target


# ---------------------------------------------------------------------------------------- validation


def _as_array(values: Any, name: str = "values") -> np.ndarray:
    """A non-empty one-dimensional float array of finite numbers, or ValueError."""
    if hasattr(values, "to_numpy"):  # Polars / pandas Series
        values = values.to_numpy()
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a sequence of numbers") from None
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a one-dimensional sequence of numbers")
    if arr.size == 0:
        raise ValueError(f"{name} is empty")
    bad = np.flatnonzero(~np.isfinite(arr))
    if bad.size:
        raise ValueError(
            f"{name} has a missing or infinite value at index {int(bad[0])}; drop missing periods first"
        )
    return arr


def _number(value: Any, name: str, *, positive: bool = False) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number") from None
    if not math.isfinite(x):
        raise ValueError(f"{name} must be finite")
    if positive and x <= 0:
        raise ValueError(f"{name} must be > 0, got {x:g}")
    return x


def _same_length(a: np.ndarray, b: np.ndarray, names: str) -> None:
    if a.size != b.size:
        raise ValueError(f"{names} have different lengths ({a.size} and {b.size})")


def _non_negative(a: np.ndarray, name: str) -> None:
    bad = np.flatnonzero(a < 0)
    if bad.size:
        raise ValueError(f"{name} must be ≥ 0 (index {int(bad[0])})")


def _positive(a: np.ndarray, name: str) -> None:
    bad = np.flatnonzero(a <= 0)
    if bad.size:
        raise ValueError(f"{name} must be > 0 (index {int(bad[0])})")


def _rule_set(rules: str) -> str:
    key = str(rules).strip().lower().replace("-", "_").replace(" ", "_")
    key = {"we": "western_electric", "westernelectric": "western_electric"}.get(key, key)
    if key not in _RULES:
        raise ValueError(f"unknown rule set {rules!r}: use 'nelson' or 'western_electric'")
    return key


# ---------------------------------------------------------------------------------------- run rules


def _run_ends(mask: np.ndarray, length: int) -> np.ndarray:
    """Indexes i where mask[i − length + 1 … i] are all True."""
    out = []
    run = 0
    for i, m in enumerate(mask):
        run = run + 1 if m else 0
        if run >= length:
            out.append(i)
    return np.asarray(out, dtype=int)


def _k_of_m(mask: np.ndarray, k: int, m: int) -> np.ndarray:
    """Indexes i with mask[i] True and at least k True among the last m points up to i."""
    counts = np.concatenate(([0], np.cumsum(mask)))
    idx = np.arange(mask.size)
    in_window = counts[idx + 1] - counts[np.maximum(0, idx - m + 1)]
    return np.flatnonzero(mask & (in_window >= k))


def _zones(x: np.ndarray, center: float, sigma: float) -> dict[str, np.ndarray]:
    z = {"above0": x > center, "below0": x < center}
    for m in (1, 2, 3):
        z[f"above{m}"] = x > center + m * sigma
        z[f"below{m}"] = x < center - m * sigma
    return z


def _beyond_limits(z: dict[str, np.ndarray]) -> np.ndarray:
    return np.flatnonzero(z["above3"] | z["below3"])


def _one_side_run(z: dict[str, np.ndarray], length: int) -> np.ndarray:
    return np.union1d(_run_ends(z["above0"], length), _run_ends(z["below0"], length))


def _k_of_m_same_side(z: dict[str, np.ndarray], zone: int, k: int, m: int) -> np.ndarray:
    return np.union1d(_k_of_m(z[f"above{zone}"], k, m), _k_of_m(z[f"below{zone}"], k, m))


def _trend(x: np.ndarray, points: int) -> np.ndarray:
    d = np.diff(x)  # d[j] = x[j+1] − x[j]; a run of (points − 1) diffs ending at j ends at point j + 1
    ends = np.union1d(_run_ends(d > 0, points - 1), _run_ends(d < 0, points - 1))
    return ends + 1


def _alternating(x: np.ndarray, points: int) -> np.ndarray:
    d = np.diff(x)
    flips = d[1:] * d[:-1] < 0  # flips[t]: diffs t and t+1 change sign, i.e. points t … t+2 zig-zag
    return _run_ends(flips, points - 2) + 2


def _within_one_sigma(z: dict[str, np.ndarray], length: int) -> np.ndarray:
    return _run_ends(~(z["above1"] | z["below1"]), length)


def _avoid_centre(z: dict[str, np.ndarray], length: int) -> np.ndarray:
    beyond = z["above1"] | z["below1"]
    ends = _run_ends(beyond, length)
    up = np.concatenate(([0], np.cumsum(z["above1"])))
    down = np.concatenate(([0], np.cumsum(z["below1"])))
    both = (up[ends + 1] - up[ends + 1 - length] > 0) & (down[ends + 1] - down[ends + 1 - length] > 0)
    return ends[both]


_NELSON = (
    (1, lambda x, z: _beyond_limits(z)),
    (2, lambda x, z: _one_side_run(z, 9)),
    (3, lambda x, z: _trend(x, 6)),
    (4, lambda x, z: _alternating(x, 14)),
    (5, lambda x, z: _k_of_m_same_side(z, 2, 2, 3)),
    (6, lambda x, z: _k_of_m_same_side(z, 1, 4, 5)),
    (7, lambda x, z: _within_one_sigma(z, 15)),
    (8, lambda x, z: _avoid_centre(z, 8)),
)
_WESTERN_ELECTRIC = (
    (1, lambda x, z: _beyond_limits(z)),
    (2, lambda x, z: _k_of_m_same_side(z, 2, 2, 3)),
    (3, lambda x, z: _k_of_m_same_side(z, 1, 4, 5)),
    (4, lambda x, z: _one_side_run(z, 8)),
)
_RULES = {"nelson": _NELSON, "western_electric": _WESTERN_ELECTRIC}


def run_rules(values: Any, center: float, sigma: float, rules: RuleSet | str = "nelson") -> list[Signal]:
    """Every (index, rule) of the Nelson (1–8) or Western Electric (1–4) rules, sorted, no duplicates."""
    x = _as_array(values)
    c = _number(center, "center")
    s = _number(sigma, "sigma", positive=True)
    zones = _zones(x, c, s)
    found = {Signal(int(i), rule) for rule, check in _RULES[_rule_set(rules)] for i in check(x, zones)}
    return sorted(found)


def _outside(values: np.ndarray, ucl: np.ndarray | float, lcl: np.ndarray | float) -> list[Signal]:
    return [Signal(int(i), 1) for i in np.flatnonzero((values > ucl) | (values < lcl))]


def _attribute_signals(
    values: np.ndarray, center: float, sigma: np.ndarray | float, ucl, lcl, rules: str | None
) -> list[Signal]:
    """Rule 1 from the chart's own limits; with `rules`, the run rules on zᵢ = (yᵢ − centre)/σᵢ too."""
    found = set(_outside(values, ucl, lcl))
    sig = np.broadcast_to(np.asarray(sigma, dtype=float), values.shape)
    if rules is not None and np.all(sig > 0):
        z = (values - center) / sig
        found |= {s for s in run_rules(z, 0.0, 1.0, rules) if s.rule != 1}
    elif rules is not None:
        _rule_set(rules)  # still reject an unknown name; no variation means no run to speak of
    return sorted(found)


# ---------------------------------------------------------------------------------------- charts


def xmr(values: Any, *, rules: RuleSet | str | None = "western_electric") -> XmR:
    """Individuals and moving-range chart; `.signals` are `run_rules(values, centre, 2.66·MR̄/3, rules)`.

    `rules=None` reports only the points beyond the limits (rule 1)."""
    x = _as_array(values)
    if x.size < 2:
        raise ValueError("an XmR chart needs at least 2 values")
    mr = np.abs(np.diff(x))
    center = float(x.mean())
    mr_bar = float(mr.mean())
    # σ as the drawn limits imply (2.66·MR̄ = 3σ), so that rule 1 fires exactly beyond the lines a reader
    # sees; it differs from MR̄/1.128 by 0.015 %.
    sigma = E2 * mr_bar / 3
    ucl, lcl, url = center + E2 * mr_bar, center - E2 * mr_bar, D4 * mr_bar
    if rules is not None:
        _rule_set(rules)  # reject an unknown name even when there is nothing to test
    if mr_bar == 0:
        signals: list[Signal] = []  # a flat series: nothing to separate from noise
    elif rules is None:
        signals = _outside(x, ucl, lcl)
    else:
        signals = run_rules(x, center, sigma, rules)
    return XmR(
        values=x.tolist(),
        center=center,
        mr_bar=mr_bar,
        sigma=sigma,
        ucl=ucl,
        lcl=lcl,
        url=url,
        moving_ranges=mr.tolist(),
        signals=signals,
        moving_range_signals=(np.flatnonzero(mr > url) + 1).tolist(),
    )


def laney_sigma_z(values: np.ndarray, center: float, sigma: np.ndarray) -> float:
    """Laney's σ_z: the moving-range estimate of the spread of zᵢ = (yᵢ − centre)/σᵢ (MR̄_z / 1.128).

    With large samples, real processes vary more between samples than the binomial or Poisson model
    allows (overdispersion) and every point falls outside classic limits; σ_z > 1 measures by how much.
    Laney, "Improved control charts for attributes", Quality Engineering 14(4), 2002."""
    z = (values - center) / sigma
    if z.size < 2:
        return 1.0
    return float(np.abs(np.diff(z)).mean() / D2)


def p_chart(
    defectives: Any, sizes: Any, *, rules: RuleSet | str | None = None, laney: bool = False
) -> PChart:
    """Proportion chart with per-point limits (sizes may vary); `laney=True` gives Laney's p′ chart,
    whose limits widen by σ_z to the variation actually seen between samples."""
    d = _as_array(defectives, "defectives")
    n = _as_array(sizes, "sizes")
    _same_length(d, n, "defectives and sizes")
    _positive(n, "sizes")
    _non_negative(d, "defectives")
    over = np.flatnonzero(d > n)
    if over.size:
        raise ValueError(f"defectives exceed the sample size at index {int(over[0])}")
    p = d / n
    p_bar = float(d.sum() / n.sum())
    sigma = np.sqrt(p_bar * (1 - p_bar) / n)
    sigma_z = laney_sigma_z(p, p_bar, sigma) if laney and p_bar * (1 - p_bar) > 0 else 1.0
    sigma = sigma * sigma_z
    ucl = np.minimum(1.0, p_bar + 3 * sigma)
    lcl = np.maximum(0.0, p_bar - 3 * sigma)
    return PChart(
        values=p.tolist(),
        sizes=n.tolist(),
        center=p_bar,
        sigma=sigma.tolist(),
        ucl=ucl.tolist(),
        lcl=lcl.tolist(),
        signals=_attribute_signals(p, p_bar, sigma, ucl, lcl, rules),
        sigma_z=sigma_z,
    )


def np_chart(defectives: Any, size: float, *, rules: RuleSet | str | None = None) -> NpChart:
    """Number-defective chart for a constant sample size."""
    d = _as_array(defectives, "defectives")
    n = _number(size, "size", positive=True)
    _non_negative(d, "defectives")
    over = np.flatnonzero(d > n)
    if over.size:
        raise ValueError(f"defectives exceed the sample size at index {int(over[0])}")
    p_bar = float(d.mean() / n)
    center = n * p_bar
    sigma = math.sqrt(n * p_bar * (1 - p_bar))
    ucl, lcl = min(n, center + 3 * sigma), max(0.0, center - 3 * sigma)
    return NpChart(
        values=d.tolist(),
        size=n,
        center=center,
        sigma=sigma,
        ucl=ucl,
        lcl=lcl,
        signals=_attribute_signals(d, center, sigma, ucl, lcl, rules),
    )


def c_chart(counts: Any, *, rules: RuleSet | str | None = None) -> CChart:
    """Count chart for a constant area of opportunity."""
    c = _as_array(counts, "counts")
    _non_negative(c, "counts")
    c_bar = float(c.mean())
    sigma = math.sqrt(c_bar)
    ucl, lcl = c_bar + 3 * sigma, max(0.0, c_bar - 3 * sigma)
    return CChart(
        values=c.tolist(),
        center=c_bar,
        sigma=sigma,
        ucl=ucl,
        lcl=lcl,
        signals=_attribute_signals(c, c_bar, sigma, ucl, lcl, rules),
    )


def u_chart(counts: Any, units: Any, *, rules: RuleSet | str | None = None, laney: bool = False) -> UChart:
    """Rate chart (counts per unit of exposure, e.g. accidents per hour worked), per-point limits;
    `laney=True` gives Laney's u′ chart (limits widened by σ_z, see laney_sigma_z).

    Callers scale to their rate base (×10⁶ for a frequency rate): centre, limits and values scale alike."""
    c = _as_array(counts, "counts")
    n = _as_array(units, "units")
    _same_length(c, n, "counts and units")
    _positive(n, "units")
    _non_negative(c, "counts")
    u = c / n
    u_bar = float(c.sum() / n.sum())
    sigma = np.sqrt(u_bar / n)
    sigma_z = laney_sigma_z(u, u_bar, sigma) if laney and u_bar > 0 else 1.0
    sigma = sigma * sigma_z
    ucl = u_bar + 3 * sigma
    lcl = np.maximum(0.0, u_bar - 3 * sigma)
    return UChart(
        values=u.tolist(),
        units=n.tolist(),
        center=u_bar,
        sigma=sigma.tolist(),
        ucl=ucl.tolist(),
        lcl=lcl.tolist(),
        signals=_attribute_signals(u, u_bar, sigma, ucl, lcl, rules),
        sigma_z=sigma_z,
    )


def cusum(values: Any, target: float, sigma: float, k: float = 0.5, h: float = 5.0) -> Cusum:
    """Tabular CUSUM: S⁺ᵢ = max(0, xᵢ − (μ₀ + kσ) + S⁺ᵢ₋₁), S⁻ᵢ = max(0, (μ₀ − kσ) − xᵢ + S⁻ᵢ₋₁), S₀ = 0.

    A point signals when a sum is strictly above hσ. Sums are not reset after a signal (NIST 6.3.2.3)."""
    x = _as_array(values)
    mu = _number(target, "target")
    s = _number(sigma, "sigma", positive=True)
    k = _number(k, "k")
    h = _number(h, "h", positive=True)
    if k < 0:
        raise ValueError(f"k must be ≥ 0, got {k:g}")
    K, H = k * s, h * s
    hi, lo = np.empty_like(x), np.empty_like(x)
    s_hi = s_lo = 0.0
    for i, xi in enumerate(x):
        s_hi = max(0.0, xi - (mu + K) + s_hi)
        s_lo = max(0.0, (mu - K) - xi + s_lo)
        hi[i], lo[i] = s_hi, s_lo
    up, down = np.flatnonzero(hi > H), np.flatnonzero(lo > H)
    return Cusum(
        values=x.tolist(),
        target=mu,
        sigma=s,
        k=k,
        h=h,
        s_hi=hi.tolist(),
        s_lo=lo.tolist(),
        cusum=np.cumsum(x - mu).tolist(),
        signals_hi=up.tolist(),
        signals_lo=down.tolist(),
        signals=[Signal(int(i), 1) for i in np.union1d(up, down)],
    )


def ewma(
    values: Any, target: float, sigma: float, lam: float = 0.2, L: float = 3.0, exact: bool = True
) -> Ewma:
    """EWMA chart: zᵢ = λxᵢ + (1−λ)zᵢ₋₁, z₀ = target; limits target ± Lσ√(λ/(2−λ)·(1−(1−λ)^2i)).

    `exact=False` drops the last factor (the asymptotic limits NIST 6.3.2.4 uses); rule 1 when zᵢ is
    strictly outside its limits."""
    x = _as_array(values)
    mu = _number(target, "target")
    s = _number(sigma, "sigma", positive=True)
    lam = _number(lam, "lam")
    if not 0 < lam <= 1:
        raise ValueError(f"lam must be in (0, 1], got {lam:g}")
    L = _number(L, "L", positive=True)
    z = np.empty_like(x)
    prev = mu
    for i, xi in enumerate(x):
        prev = lam * xi + (1 - lam) * prev
        z[i] = prev
    factor = np.full(x.size, lam / (2 - lam))
    if exact:
        i = np.arange(1, x.size + 1)
        factor = factor * (1 - (1 - lam) ** (2 * i))
    half = L * s * np.sqrt(factor)
    ucl, lcl = mu + half, mu - half
    return Ewma(
        values=x.tolist(),
        target=mu,
        sigma=s,
        lam=lam,
        L=L,
        exact=bool(exact),
        ewma=z.tolist(),
        ucl=ucl.tolist(),
        lcl=lcl.tolist(),
        signals=_outside(z, ucl, lcl),
    )


# ---------------------------------------------------------------------------------------- chart choice


def choose_chart(aggregation: str, rate_base: float | None, has_counts: bool) -> Literal["xmr", "p", "u"]:
    """Which chart suits an indicator.

    "u": a ratio of whole counts over an exposure with a rate base ≥ 1 000 (accidents per million
    hours, TRIR per 200 000 hours, PPM, days lost per 1 000 hours);
    "p": a ratio of whole counts with rate base 100 (on-time deliveries / deliveries) — the caller must
    also know numerator ≤ denominator, which p_chart checks;
    "xmr": anything else (sums, stocks, intensities, ratios of non-integer amounts). XmR is the safe
    default: it assumes no distribution, only a stable process.
    """
    if str(aggregation).strip().lower() != "ratio" or not has_counts or rate_base is None:
        return "xmr"
    try:
        base = float(rate_base)
    except (TypeError, ValueError):
        return "xmr"
    if base >= 1000:
        return "u"
    if base == 100:
        return "p"
    return "xmr"
