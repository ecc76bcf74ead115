"""How often `smqse.analysis.signals.detect_recent_signal` cries wolf, and how often it sees a real shift.

`python -m smqse.evaluation.signals` draws seeded 48-month series of five kinds of stable processes —
individuals (normal), seasonal individuals (sinusoidal season of 15–40 % of the level, noise 3–10 %),
proportions (p, 40–400 a month), overdispersed large-sample proportions (p′, 5 000–50 000 a month, the
true proportion wandering 5–20 % from month to month) and rates over exposure with small counts (u, 0.5–5
events expected a month) — and prints, per kind, the share of series with a signal in the last 6 months:
stable (a false alarm), then with a sustained upward shift of 1σ, 2σ and 3σ over those 6 months (a
detection). σ is the month-to-month standard deviation of the stable process (for p and u, at the mean
size; for p′, binomial and extra-binomial variation together; for seasonal series, the noise around the
season).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from smqse.analysis.signals import RECENT_MONTHS, detect_recent_signal

MONTHS = 48
SHIFTS = (0.0, 1.0, 2.0, 3.0)
KINDS = ("individuals", "seasonal", "proportions", "proportions_laney", "rates_small_counts")


@dataclass(frozen=True)
class Series:
    values: list[float | None]
    numerators: list[float] | None = None
    denominators: list[float] | None = None
    rate_base: float | None = None


def _step(shift: float) -> np.ndarray:
    """0 before the last RECENT_MONTHS months, `shift` during them."""
    out = np.zeros(MONTHS)
    out[-RECENT_MONTHS:] = shift
    return out


def _individuals(rng: np.random.Generator, shift: float) -> Series:
    level, sigma = rng.uniform(20, 500), 0.0
    sigma = level * rng.uniform(0.03, 0.15)
    x = level + sigma * (rng.standard_normal(MONTHS) + _step(shift))
    return Series(x.tolist())


def _seasonal(rng: np.random.Generator, shift: float) -> Series:
    level = rng.uniform(50, 500)
    amplitude = level * rng.uniform(0.15, 0.40)
    sigma = level * rng.uniform(0.03, 0.10)
    phase = rng.uniform(0, 2 * np.pi)
    season = amplitude * np.sin(2 * np.pi * np.arange(MONTHS) / 12 + phase)
    x = level + season + sigma * (rng.standard_normal(MONTHS) + _step(shift))
    return Series(x.tolist())


def _proportions(rng: np.random.Generator, shift: float) -> Series:
    p = rng.uniform(0.03, 0.30)
    mean_size = rng.uniform(40, 400)
    sizes = np.maximum(10, np.round(mean_size * rng.uniform(0.8, 1.2, MONTHS)))
    sigma = np.sqrt(p * (1 - p) / mean_size)
    p_t = np.clip(p + shift * sigma * (_step(1.0)), 0, 1)
    counts = rng.binomial(sizes.astype(int), p_t).astype(float)
    return Series((counts / sizes * 100).tolist(), counts.tolist(), sizes.tolist(), 100.0)


def _proportions_laney(rng: np.random.Generator, shift: float) -> Series:
    p = rng.uniform(0.005, 0.05)
    mean_size = rng.uniform(5_000, 50_000)
    sizes = np.round(mean_size * rng.uniform(0.9, 1.1, MONTHS))
    wander = rng.uniform(0.05, 0.20)  # relative month-to-month variation of the true proportion
    sigma = np.sqrt(p * (1 - p) / mean_size + (p * wander) ** 2)
    p_t = np.clip(p * (1 + wander * rng.standard_normal(MONTHS)) + shift * sigma * _step(1.0), 0, 1)
    counts = rng.binomial(sizes.astype(int), p_t).astype(float)
    return Series((counts / sizes * 100).tolist(), counts.tolist(), sizes.tolist(), 100.0)


def _rates(rng: np.random.Generator, shift: float) -> Series:
    expected = rng.uniform(0.5, 5.0)  # events a month at the mean exposure
    mean_hours = rng.uniform(50_000, 300_000)
    hours = np.round(mean_hours * rng.uniform(0.8, 1.2, MONTHS))
    rate = expected / mean_hours
    sigma = np.sqrt(rate / mean_hours)
    counts = rng.poisson((rate + shift * sigma * _step(1.0)) * hours).astype(float)
    return Series((counts / hours * 1e6).tolist(), counts.tolist(), hours.tolist(), 1e6)


GENERATORS: dict[str, Callable[[np.random.Generator, float], Series]] = {
    "individuals": _individuals,
    "seasonal": _seasonal,
    "proportions": _proportions,
    "proportions_laney": _proportions_laney,
    "rates_small_counts": _rates,
}


def signal_rate(
    kind: str,
    shift: float,
    count: int,
    seed: int,
    detect: Callable[..., object] = detect_recent_signal,
) -> float:
    """Share of `count` seeded series of `kind` (shifted by `shift`σ over the last 6 months) with a signal."""
    # One stream per (kind, shift), independent of the other cells of the table.
    rng = np.random.default_rng([seed, KINDS.index(kind), int(shift * 10)])
    hits = 0
    for _ in range(count):
        s = GENERATORS[kind](rng, shift)
        found = detect(s.values, numerators=s.numerators, denominators=s.denominators, rate_base=s.rate_base)
        hits += found is not None
    return hits / count


def evaluate(count: int = 2000, seed: int = 13, shifts: tuple[float, ...] = SHIFTS) -> dict[str, dict]:
    return {kind: {shift: signal_rate(kind, shift, count, seed) for shift in shifts} for kind in KINDS}


def markdown_table(results: dict[str, dict], count: int) -> str:
    shifts = sorted(next(iter(results.values())))
    head = ["kind", "false alarms (stable)"] + [f"detected, {s:g}σ shift" for s in shifts if s > 0]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for kind, rates in results.items():
        cells = [kind] + [f"{100 * rates[s]:.1f} %" for s in shifts]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        f"{count} series of {MONTHS} months per kind and cell; signal = one in the last {RECENT_MONTHS}."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="series per kind and shift")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = evaluate(args.count, args.seed)
    print(markdown_table(results, args.count))
    print(f"\n({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
