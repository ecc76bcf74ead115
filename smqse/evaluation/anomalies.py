"""How well `smqse.analysis.anomalies.detect` does on labelled series, and how fast it scans a group.

`python -m smqse.evaluation.anomalies` builds a labelled evaluation set — the demo organisation's
ground truth (outlier months; the first month of each shift, ±1 month allowed) on the per-site series of
the indicators involved, plus synthetic cases from a seeded generator (spikes, dips, shifts, seasonal
series whose peaks are normal, small Poisson counts, trends, short series) — and prints precision, recall
and false alarms per 100 points, overall and per case type.

`--scan` times a full scan of the enterprise-scale benchmark organisation (bench_data/enterprise.duckdb,
built if missing): every (indicator, site) series of `measurement_current`, read in one query.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from smqse.analysis.anomalies import detect


def _all_series(con) -> pl.DataFrame:
    """Every series of the organisation, as the director sees it (the whole scope)."""
    from smqse.db import run_query
    from smqse.scope import get_user, scope_for

    return run_query("evaluation_series", con=con, **scope_for(get_user("u-dg", con), con).params())


SHIFT_TOLERANCE = 1


@dataclass
class Case:
    kind: str  # case type, for the per-type table
    values: np.ndarray
    spikes: list[int] = field(default_factory=list)  # exact index must be flagged
    shifts: list[int] = field(default_factory=list)  # first index of the new level, ± SHIFT_TOLERANCE
    season_length: int | None = None
    name: str = ""


def _months(n: int, start: date = date(2020, 1, 1)) -> list[date]:
    return [
        date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1) for i in range(n)
    ]


def synthetic_cases(seed: int = 5, per_type: int = 40, n: int = 72) -> list[Case]:
    rng = np.random.default_rng(seed)
    cases: list[Case] = []
    t = np.arange(n)
    for _ in range(per_type):
        level, sigma = rng.uniform(20, 500), 0.0
        sigma = level * rng.uniform(0.03, 0.12)
        base = level + rng.normal(0, sigma, n)
        i = int(rng.integers(0, n))
        x = base.copy()
        x[i] += rng.choice([-1, 1]) * rng.uniform(6, 10) * sigma
        cases.append(Case("spike/dip", x, spikes=[i]))

        x = level + rng.normal(0, sigma, n)
        s = int(rng.integers(12, n - 8))
        x[s:] += rng.choice([-1, 1]) * rng.uniform(3, 5) * sigma
        cases.append(Case("shift", x, shifts=[s]))

        amp = rng.uniform(3, 6) * sigma
        x = level + amp * np.cos(2 * np.pi * (t - rng.integers(0, 12)) / 12) + rng.normal(0, sigma, n)
        cases.append(Case("seasonal (normal)", x))

        x = level + amp * np.cos(2 * np.pi * t / 12) + rng.normal(0, sigma, n)
        i = int(rng.integers(0, n))
        x[i] += rng.choice([-1, 1]) * rng.uniform(7, 10) * sigma
        cases.append(Case("seasonal + spike", x, spikes=[i]))

        x = level + rng.uniform(-1, 1) * sigma * t / 4 + rng.normal(0, sigma, n)
        cases.append(Case("trend (normal)", x))

        lam = rng.uniform(0.2, 5)
        x = rng.poisson(lam, n).astype(float)
        cases.append(Case("small counts (normal)", x))

        x = rng.poisson(lam, n).astype(float)
        i = int(rng.integers(0, n))
        x[i] = lam + 6 * np.sqrt(lam) + 6
        x[i] = np.round(x[i])
        cases.append(Case("small counts + spike", x, spikes=[i]))

        m = 18
        x = level + rng.normal(0, sigma, m)
        i = int(rng.integers(0, m))
        x[i] += rng.choice([-1, 1]) * rng.uniform(6, 10) * sigma
        cases.append(Case("short series + spike", x, spikes=[i]))
    return cases


def demo_cases() -> list[Case]:
    """The demo organisation's ground-truth outliers and shifts, on their per-site series (drifts left out:
    they are the drift detector's job, and a slow ramp is not labelled as a point anomaly)."""
    from smqse import db
    from smqse.demo import build_demo, load_ground_truth

    con = db.connect(":memory:")
    build_demo(con)
    signals = [s for s in load_ground_truth()["signals"] if s["type"] in ("shift", "outlier")]
    keys = sorted({(s["indicator_id"], s["site_id"]) for s in signals})
    frame = _all_series(con)
    con.close()
    cases = []
    for ind, site in keys:
        series = frame.filter((pl.col("indicator_id") == ind) & (pl.col("site_id") == site))
        months = [p.strftime("%Y-%m") for p in series["period"].to_list()]
        case = Case("demo ground truth", series["value"].to_numpy().astype(float), name=f"{ind} {site}")
        for s in signals:
            if (s["indicator_id"], s["site_id"]) == (ind, site) and s["start"] in months:
                (case.spikes if s["type"] == "outlier" else case.shifts).append(months.index(s["start"]))
        cases.append(case)
    return cases


def score_case(case: Case, flagged: np.ndarray) -> dict:
    hits = np.zeros(flagged.size, dtype=bool)  # flags explained by a label
    found = 0
    for i in case.spikes:
        if flagged[i]:
            found += 1
            hits[i] = True
    for s in case.shifts:
        lo, hi = max(0, s - SHIFT_TOLERANCE), min(flagged.size, s + SHIFT_TOLERANCE + 1)
        if flagged[lo:hi].any():
            found += 1
            hits[lo:hi] |= flagged[lo:hi]
    return {
        "labels": len(case.spikes) + len(case.shifts),
        "found": found,
        "flags": int(flagged.sum()),
        "true_flags": int(hits.sum()),
        "points": int(flagged.size),
    }


def evaluate(cases: list[Case]) -> pl.DataFrame:
    rows = []
    for case in cases:
        out = detect(_months(case.values.size), case.values, season_length=case.season_length)
        rows.append({"case": case.kind, **score_case(case, out["is_anomaly"].to_numpy())})
    per_case = pl.DataFrame(rows)
    return summarise(per_case)


def summarise(per_case: pl.DataFrame) -> pl.DataFrame:
    def table(frame: pl.DataFrame) -> pl.DataFrame:
        return frame.select(
            pl.len().alias("series"),
            pl.col("points").sum(),
            pl.col("labels").sum(),
            pl.col("found").sum(),
            pl.col("flags").sum(),
            (pl.col("found").sum() / pl.col("labels").sum()).alias("recall"),
            (pl.col("true_flags").sum() / pl.col("flags").sum()).alias("precision"),
            ((pl.col("flags").sum() - pl.col("true_flags").sum()) / pl.col("points").sum() * 100).alias(
                "false_alarms_per_100"
            ),
        )

    by_type = per_case.group_by("case", maintain_order=True).agg(pl.all()).explode(pl.exclude("case"))
    parts = [
        table(by_type.filter(pl.col("case") == c)).with_columns(case=pl.lit(c))
        for c in per_case["case"].unique(maintain_order=True)
    ]
    parts.append(table(per_case).with_columns(case=pl.lit("all")))
    return pl.concat(parts).select("case", pl.exclude("case"))


_SCAN: dict = {}


def _init_worker(periods: list, values: np.ndarray) -> None:
    _SCAN["periods"], _SCAN["values"] = periods, values


def _scan_chunk(pairs: list[tuple[int, int]]) -> int:
    periods, values = _SCAN["periods"], _SCAN["values"]
    return sum(int(detect(periods[a:b], values[a:b])["is_anomaly"].sum()) for a, b in pairs)


def scan(path: Path = Path("bench_data/enterprise.duckdb"), workers: int | None = None) -> dict:
    """Detect on every (indicator, site) series of the benchmark organisation, on `workers` processes
    (default: the CPUs available)."""
    import os

    from smqse import db

    workers = workers or len(os.sched_getaffinity(0))
    if not path.exists():
        from smqse.bench import build_enterprise

        path.parent.mkdir(parents=True, exist_ok=True)
        build_enterprise(path)
    started = time.perf_counter()
    con = db.connect(path, read_only=True)
    frame = _all_series(con)
    con.close()
    read_s = time.perf_counter() - started
    keys = frame.select("indicator_id", "site_id").to_numpy()
    change = np.flatnonzero((keys[1:, 0] != keys[:-1, 0]) | (keys[1:, 1] != keys[:-1, 1])) + 1
    bounds = np.r_[0, change, frame.height]
    periods = frame["period"].to_list()
    values = frame["value"].cast(pl.Float64).to_numpy()
    t0 = time.perf_counter()
    pairs = list(zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True))
    chunks = [pairs[i::workers] for i in range(workers)]
    if workers > 1:
        import multiprocessing as mp

        ctx = mp.get_context("fork")
        with ctx.Pool(workers, initializer=_init_worker, initargs=(periods, values)) as pool:
            flags = sum(pool.map(_scan_chunk, chunks))
    else:
        _init_worker(periods, values)
        flags = _scan_chunk(pairs)
    detect_s = time.perf_counter() - t0
    return {
        "series": len(bounds) - 1,
        "points": frame.height,
        "read_s": round(read_s, 2),
        "detect_s": round(detect_s, 2),
        "total_s": round(time.perf_counter() - started, 2),
        "flags": flags,
        "workers": workers,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scan", action="store_true", help="time a full scan of the enterprise benchmark")
    parser.add_argument("--no-demo", action="store_true", help="synthetic cases only")
    args = parser.parse_args(argv)
    pl.Config.set_tbl_rows(50)
    pl.Config.set_tbl_cols(20)
    pl.Config.set_tbl_width_chars(200)
    cases = synthetic_cases()
    if not args.no_demo:
        cases += demo_cases()
    t0 = time.perf_counter()
    print(evaluate(cases).with_columns(pl.col(pl.Float64).round(3)))
    print(f"evaluation: {len(cases)} series in {time.perf_counter() - t0:.2f} s")
    if args.scan:
        print(scan())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
