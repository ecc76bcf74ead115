"""How often the drift page's 80 % projection intervals hold the value that then happens.

`python -m smqse.evaluation.projections` simulates families of synthetic monthly series whose future is known
— random walk, level (stationary noise), linear trend, seasonal (15–40 % amplitude), small Poisson counts
(summed objectives), proportions (numerators / denominators, ratio objectives) — fits
`smqse.analysis.drift.compute_projection` on 12 to 60 months and counts how often the realised value falls
inside the interval: the monthly value 3, 6 and 12 months ahead (`lower` / `upper`) and the value of a
12-month objective period with 0–9 months already observed (`value_lower` / `value_upper`, what the verdict
reads). Widths are given relative to the oracle's: the 80 % interval of the true conditional distribution,
sampled from the generator itself, so that 100 % coverage from absurdly wide intervals shows.

Each aggregate projection is also judged against a target set from the last year's pace (± 15 %, either
polarity): the share of "on track" verdicts whose realised period value missed the target, and of "will miss"
verdicts that met it. Deterministic (seeded).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np

from smqse.analysis import drift
from smqse.analysis.kpi import shift_month

FAMILIES = ("random_walk", "level", "trend", "seasonal", "counts", "proportions")
HORIZONS = (3, 6, 12)
PERIOD = 12  # months in the objective period of the aggregate check
RATE_BASE = 100.0
ORACLE_DRAWS = 2000


@dataclass
class Series:
    family: str
    values: np.ndarray
    numerators: np.ndarray | None
    denominators: np.ndarray | None
    aggregation: str
    # (rng, first future index, draws) -> (values, numerators, denominators) of the future months, each
    # (draws, months): the true conditional distribution of the future given the history.
    future: Callable[[np.random.Generator, int, int], tuple[np.ndarray, np.ndarray | None, np.ndarray | None]]


def _iid(sampler: Callable[[np.random.Generator, np.ndarray], np.ndarray]):
    """Future of a series whose months are independent given its parameters: `sampler(rng, t)` draws the
    values at month indices `t` (shape (draws, months))."""

    def future(rng: np.random.Generator, start: int, draws: int):
        t = np.broadcast_to(np.arange(start, start + PERIOD + max(HORIZONS)), (draws, PERIOD + max(HORIZONS)))
        return sampler(rng, t), None, None

    return future


def make_series(family: str, rng: np.random.Generator, n: int, index: int) -> Series:
    """One synthetic series of `n` months (history and future) of the family."""
    t = np.arange(n)
    continuous = ("mean", "sum", "last")[index % 3]
    if family == "random_walk":
        sigma = rng.uniform(1.0, 5.0)
        values = 200.0 + np.cumsum(rng.normal(0.0, sigma, n))  # stays positive, like QSE indicators

        def future(g, start, draws, values=values, sigma=sigma):
            months = PERIOD + max(HORIZONS)
            steps = g.normal(0.0, sigma, (draws, months))
            return values[start - 1] + np.cumsum(steps, axis=1), None, None

        return Series(family, values, None, None, continuous, future)
    if family == "level":
        level = rng.uniform(20.0, 200.0)
        sigma = level * rng.uniform(0.05, 0.2)

        def sample(g, tt, level=level, sigma=sigma):
            return level + g.normal(0.0, sigma, tt.shape)

        return Series(family, sample(rng, t), None, None, continuous, _iid(sample))
    if family == "trend":
        level = rng.uniform(100.0, 200.0)
        sigma = level * rng.uniform(0.03, 0.1)
        slope = rng.choice([-1.0, 1.0]) * sigma * rng.uniform(0.05, 0.3)

        def sample(g, tt, level=level, sigma=sigma, slope=slope):
            return level + slope * tt + g.normal(0.0, sigma, tt.shape)

        return Series(family, sample(rng, t), None, None, continuous, _iid(sample))
    if family == "seasonal":
        level = rng.uniform(50.0, 200.0)
        amplitude = level * rng.uniform(0.15, 0.4)
        sigma = level * rng.uniform(0.03, 0.1)
        phase = rng.uniform(0.0, 2 * np.pi)

        def sample(g, tt, level=level, amplitude=amplitude, sigma=sigma, phase=phase):
            return level + amplitude * np.sin(2 * np.pi * tt / 12 + phase) + g.normal(0.0, sigma, tt.shape)

        return Series(family, sample(rng, t), None, None, continuous, _iid(sample))
    if family == "counts":
        mean = rng.uniform(0.3, 5.0)

        def sample(g, tt, mean=mean):
            return g.poisson(mean, tt.shape).astype(float)

        return Series(family, sample(rng, t), None, None, "sum", _iid(sample))
    if family == "proportions":
        size = rng.uniform(50.0, 500.0)
        share = rng.uniform(0.02, 0.2)

        def draw(g, shape, size=size, share=share):
            dens = np.maximum(1.0, np.round(size * g.uniform(0.7, 1.3, shape)))
            nums = g.binomial(dens.astype(int), share).astype(float)
            return nums / dens * RATE_BASE, nums, dens

        values, nums, dens = draw(rng, (n,))

        def future(g, start, draws, draw=draw):
            return draw(g, (draws, PERIOD + max(HORIZONS)))

        return Series(family, values, nums, dens, "ratio", future)
    raise ValueError(f"unknown family {family!r}")


def period_value(aggregation: str, values, numerators=None, denominators=None) -> np.ndarray:
    """The objective-period value of whole periods along the last axis (as `smqse.analysis.kpi` judges)."""
    values = np.asarray(values, dtype=float)
    if aggregation == "sum":
        return values.sum(axis=-1)
    if aggregation == "last":
        return values[..., -1]
    if aggregation == "ratio":
        return np.asarray(numerators).sum(axis=-1) / np.asarray(denominators).sum(axis=-1) * RATE_BASE
    return values.mean(axis=-1)


@dataclass
class Check:
    family: str
    kind: str  # "h3", "h6", "h12", "aggregate"
    inside: bool
    width: float
    oracle_width: float
    verdict: str | None = None
    met: bool | None = None
    oracle_inside: bool | None = None  # the realised value inside the oracle's interval (None: no oracle)


def _inside(value: float, lower: float, upper: float) -> bool:
    slack = 1e-9 * max(1.0, abs(value))
    return lower - slack <= value <= upper + slack


def _oracle(samples: np.ndarray, level: float, realised: float) -> tuple[float, bool | None]:
    """Width of the true conditional distribution's interval, and whether it holds the realised value
    (small counts are whole numbers: even this interval holds them more than 80 % of the time)."""
    if samples.shape[0] < 2:
        return float("nan"), None
    alpha = (1 - level) / 2
    lower, upper = np.quantile(samples, [alpha, 1 - alpha])
    return float(upper - lower), _inside(realised, lower, upper)


def evaluate_series(series: Series, n_fit: int, observed: int, rng: np.random.Generator, *,
                    level: float = 0.8, polarity: str = "lower_better", offset: float = 0.0,
                    start: date = date(2020, 1, 1), oracle_draws: int = ORACLE_DRAWS) -> list[Check]:  # fmt: skip
    """Monthly checks at HORIZONS and one objective-period check with `observed` months of the period known.
    `oracle_draws` = 0 skips the oracle (widths are then NaN): coverage only, faster."""
    months = [shift_month(start, i) for i in range(series.values.size)]
    history = series.values[:n_fit]
    oracle_values, oracle_nums, oracle_dens = series.future(rng, n_fit, max(oracle_draws, 1))
    checks = []
    monthly = drift.compute_projection(
        list(history), months[:n_fit], months[n_fit + max(HORIZONS) - 1], aggregation="mean", level=level
    )
    for h in HORIZONS:
        lower, upper = monthly.lower[h - 1], monthly.upper[h - 1]
        realised = float(series.values[n_fit + h - 1])
        width, oracle_inside = _oracle(oracle_values[:, h - 1], level, realised)
        checks.append(Check(series.family, f"h{h}", _inside(realised, lower, upper), upper - lower, width,
                            oracle_inside=oracle_inside))  # fmt: skip
    first = n_fit - observed  # first month of the objective period
    nums = None if series.numerators is None else list(series.numerators[:n_fit])
    dens = None if series.denominators is None else list(series.denominators[:n_fit])
    projection = drift.compute_projection(
        list(history), months[:n_fit], months[first + PERIOD - 1], aggregation=series.aggregation,
        start_on=months[first], numerators=nums, denominators=dens,
        rate_base=RATE_BASE if series.aggregation == "ratio" else None, level=level,
    )  # fmt: skip
    span = slice(first, first + PERIOD)

    def part(full, oracle):
        if full is None:
            return None, None
        known = np.broadcast_to(full[first:n_fit], (oracle.shape[0], observed))
        return full[span], np.concatenate([known, oracle[:, : PERIOD - observed]], axis=1)

    real_v, draws_v = part(series.values, oracle_values)
    real_n, draws_n = part(series.numerators, oracle_nums)
    real_d, draws_d = part(series.denominators, oracle_dens)
    realised = float(period_value(series.aggregation, real_v, real_n, real_d))
    oracle = period_value(series.aggregation, draws_v, draws_n, draws_d)
    # A target from the last year's pace, ± 15 %: what a QSE lead might set, blind to the projection.
    recent = slice(max(0, n_fit - 12), n_fit)
    pace = float(period_value(series.aggregation, series.values[recent],
                              None if series.numerators is None else series.numerators[recent],
                              None if series.denominators is None else series.denominators[recent]))  # fmt: skip
    if series.aggregation == "sum":
        pace *= PERIOD / (recent.stop - recent.start)
    target = pace * (1.0 + offset)
    alert = target * (1.1 if polarity == "lower_better" else 0.9)
    verdict = drift.compute_verdict(projection.value, projection.value_lower, projection.value_upper,
                                    target=target, alert=alert, polarity=polarity)  # fmt: skip
    met = drift.compute_gap(realised, target, polarity) <= 0
    width, oracle_inside = _oracle(oracle, level, realised)
    checks.append(Check(series.family, "aggregate",
                        _inside(realised, projection.value_lower, projection.value_upper),
                        projection.value_upper - projection.value_lower, width, verdict, met, oracle_inside))  # fmt: skip
    return checks


def run(per_family: int = 150, seed: int = 13, families: tuple[str, ...] = FAMILIES, *,
        oracle_draws: int = ORACLE_DRAWS) -> list[Check]:  # fmt: skip
    checks: list[Check] = []
    for family in families:
        f = FAMILIES.index(family)  # the same series whichever families are asked for
        for i in range(per_family):
            rng = np.random.default_rng([seed, f, i])
            n_fit = int(rng.integers(12, 61))
            observed = int(rng.integers(0, 10))
            series = make_series(family, rng, n_fit + PERIOD + max(HORIZONS), i)
            polarity = ("lower_better", "higher_better")[i % 2]
            offset = float(rng.uniform(-0.15, 0.15))
            start = shift_month(date(2018, 1, 1), int(rng.integers(0, 12)))
            checks += evaluate_series(series, n_fit, observed, rng, polarity=polarity, offset=offset,
                                      start=start, oracle_draws=oracle_draws)  # fmt: skip
    return checks


KINDS = tuple(f"h{h}" for h in HORIZONS) + ("aggregate",)


def coverage(checks: list[Check], family: str | None, kind: str, *, oracle: bool = False) -> float:
    """Share of checks whose interval (the oracle's when `oracle`) holds the realised value."""
    chosen = [c.oracle_inside if oracle else c.inside for c in checks
              if c.kind == kind and (family is None or c.family == family)]  # fmt: skip
    chosen = [x for x in chosen if x is not None]
    return float(np.mean(chosen)) if chosen else float("nan")


def relative_width(checks: list[Check], family: str | None, kind: str) -> float:
    """Mean of interval width / oracle width (checks whose oracle width is 0 are left out)."""
    chosen = [c.width / c.oracle_width for c in checks
              if c.kind == kind and (family is None or c.family == family) and c.oracle_width > 0]  # fmt: skip
    return float(np.mean(chosen)) if chosen else float("nan")


def verdict_errors(checks: list[Check]) -> dict[str, tuple[int, int]]:
    """{"on_track": (missed, total), "will_miss": (met, total)} over the aggregate checks."""
    agg = [c for c in checks if c.kind == "aggregate"]
    on = [c for c in agg if c.verdict == drift.ON_TRACK]
    miss = [c for c in agg if c.verdict == drift.WILL_MISS]
    return {
        drift.ON_TRACK: (sum(not c.met for c in on), len(on)),
        drift.WILL_MISS: (sum(bool(c.met) for c in miss), len(miss)),
        drift.AT_RISK: (0, sum(c.verdict == drift.AT_RISK for c in agg)),
    }


def markdown(checks: list[Check]) -> str:
    families = sorted({c.family for c in checks}, key=FAMILIES.index)
    head = "| family | series | " + " | ".join(f"{k} coverage" for k in KINDS)
    head += " | " + " | ".join(f"{k} width / oracle" for k in KINDS) + " |"
    lines = [head, "|" + "---|" * (2 + 2 * len(KINDS))]
    for family in [*families, None]:
        n = sum(1 for c in checks if c.kind == "aggregate" and (family is None or c.family == family))
        cov = " | ".join(f"{coverage(checks, family, k):.1%}" for k in KINDS)
        wid = " | ".join(f"{relative_width(checks, family, k):.2f}" for k in KINDS)
        name = family or "**overall**"
        lines.append(f"| {name} | {n} | {cov} | {wid} |")
    lines.append("")
    lines.append("Oracle coverage (the true conditional distribution's own 80 % interval):")
    lines.append("")
    lines.append("| family | " + " | ".join(KINDS) + " |")
    lines.append("|" + "---|" * (1 + len(KINDS)))
    for family in [*families, None]:
        cov = " | ".join(f"{coverage(checks, family, k, oracle=True):.1%}" for k in KINDS)
        lines.append(f"| {family or '**overall**'} | {cov} |")
    errors = verdict_errors(checks)
    missed, on = errors[drift.ON_TRACK]
    met, miss = errors[drift.WILL_MISS]
    lines.append("")
    lines.append(f"- on track: {on} verdicts, {missed} missed their target ({missed / max(on, 1):.1%})")
    lines.append(f"- will miss: {miss} verdicts, {met} met their target ({met / max(miss, 1):.1%})")
    lines.append(f"- at risk: {errors[drift.AT_RISK][1]} verdicts")
    return "\n".join(lines)


def time_projections(repeats: int = 3) -> float:
    """Median CPU seconds per compute_projection call over demo-like series (48 months, 3–15 months ahead).
    CPU time of this process, not wall time: the figure should not depend on what else the machine runs."""
    rng = np.random.default_rng(7)
    cases = []
    for i in range(60):
        family = FAMILIES[i % len(FAMILIES)]
        series = make_series(family, rng, 48, i)
        months = [shift_month(date(2022, 10, 1), k) for k in range(48)]
        deadline = shift_month(months[-1], 3 + i % 13)
        kwargs = {"aggregation": series.aggregation, "start_on": date(deadline.year, 1, 1)}
        if series.numerators is not None:
            kwargs.update(numerators=list(series.numerators), denominators=list(series.denominators),
                          rate_base=RATE_BASE)  # fmt: skip
        cases.append((list(series.values), months, deadline, kwargs))
    drift.compute_projection(*cases[0][:3], **cases[0][3])  # imports and first-call costs
    times = []
    for _ in range(repeats):
        for values, months, deadline, kwargs in cases:
            begin = time.process_time()
            drift.compute_projection(values, months, deadline, **kwargs)
            times.append(time.process_time() - begin)
    return float(np.median(times))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-family", type=int, default=150)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    begin = time.perf_counter()
    checks = run(args.per_family, args.seed)
    elapsed = time.perf_counter() - begin
    print(markdown(checks))
    print()
    print(f"{len(checks) // (len(HORIZONS) + 1)} series, evaluation {elapsed:.1f} s")
    print(
        f"compute_projection, median CPU time per call over 60 demo-like series: {time_projections() * 1000:.2f} ms"
    )


if __name__ == "__main__":
    main()
