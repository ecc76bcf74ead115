"""The anomaly watch's stored scan, recomputed when the data change (called by smqse.refresh.refresh).

What is stored (migration 0009), per as-of month (the organisation's default month and its latest month
with data, as for the drift rows): the detector's flags of every (indicator, site) series over the 48
months read (the page keeps the flags of its window: the window only filters, while the months read end at
the as-of month, so a flag depends on it), the data problems of those months, the unusual sites of the
whole organisation, and per series the versions of its indicator's data (values and catalogue:
smqse.data_version) it was scanned from. A refresh re-scans only the indicators whose versions moved.

Many series stale (a first scan: 45 000 at enterprise scale) are scanned on `WORKERS` child processes
(`python -m smqse.scan_worker`); a few (one indicator written) in this process. Results are written per `BATCH_INDICATORS` indicators, each batch
in one short transaction: a page reads an indicator's old flags or its new ones, never half.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import numpy as np
import polars as pl

from smqse import db
from smqse.analysis.kpi import shift_month
from smqse.scope import Scope
from smqse.views import anomalies as view

ANALYSIS_ANOMALIES = "anomalies"
BATCH_INDICATORS = 40
WORKERS = 2
PARALLEL_MIN_SERIES = 2000  # under this, the processes' start (imports) costs more than they save
SERIES_KEY = ["indicator_id", "site_id"]
NO_SERIES = ""  # the state row of an indicator without any series in the months read


@dataclass
class ScanSummary:
    as_of_months: list[date] = field(default_factory=list)
    indicators: int = 0  # (indicator, month) re-scanned
    series: int = 0
    flags: int = 0
    batches: int = 0
    seconds: float = 0.0
    # where the time went: reading the series, the measurements' read and data-quality pass, the detector,
    # writes. On children the detector runs during the read and the pass: detect_s is the wait left after.
    read_s: float = 0.0
    quality_s: float = 0.0
    detect_s: float = 0.0
    write_s: float = 0.0


def stale_indicators(
    con: duckdb.DuckDBPyConnection, org: Scope, months: list[date], wanted: set[str] | None = None
) -> tuple[dict[date, list[str]], pl.DataFrame]:
    """Per month, the indicators whose stored scan is older than their data (or missing); and the current
    versions (indicator_id, process_id, measurement_version, indicator_version)."""
    versions = db.run_query("data_version_by_indicator", con=con, **org.params()).select(
        "indicator_id", "process_id", "measurement_version", "indicator_version"
    )
    stored = db.run_query("anomaly_stored_versions", con=con, as_of_months=months, **org.params())
    done: dict[tuple[date, str], set[tuple[int, int]]] = {}
    for r in stored.iter_rows(named=True):
        done.setdefault((r["as_of_month"], r["indicator_id"]), set()).add(
            (r["measurement_version"], r["indicator_version"])
        )
    plan: dict[date, list[str]] = {}
    for month in months:
        stale = [
            r["indicator_id"]
            for r in versions.iter_rows(named=True)
            if (wanted is None or r["indicator_id"] in wanted)
            and done.get((month, r["indicator_id"])) != {(r["measurement_version"], r["indicator_version"])}
        ]
        if stale:
            plan[month] = stale
    return plan, versions


def refresh_anomalies(
    con: duckdb.DuckDBPyConnection,
    org: Scope,
    months: list[date],
    *,
    indicators: Iterable[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    stop: threading.Event | None = None,
    workers: int = WORKERS,
) -> ScanSummary:
    """Re-scan the stale series of `months` (the given `indicators`, else all) and store the results."""
    started = time.perf_counter()
    summary = ScanSummary(as_of_months=list(months))
    if not months or not org.process_ids or not org.site_ids:
        return summary
    plan, versions = stale_indicators(con, org, months, set(indicators) if indicators is not None else None)
    total = sum(len(ids) for ids in plan.values())
    if not total:
        summary.seconds = time.perf_counter() - started
        return summary
    from smqse.refresh import tracked_run

    with tracked_run(con, ANALYSIS_ANOMALIES, total) as run:
        for month, ids in plan.items():
            run.done = _scan_month(con, org, month, ids, versions, run.id, run.done, total, summary, progress,
                                   stop, workers)  # fmt: skip
            _store_unusual(con, org, month)
    summary.seconds = time.perf_counter() - started
    return summary


def _scan_month(con, org: Scope, month: date, ids: list[str], versions: pl.DataFrame, run_id: int, done: int,
                total: int, summary: ScanSummary, progress, stop, workers: int) -> int:  # fmt: skip
    clock = time.perf_counter()
    # Many series: the children start now, their imports overlapping the read and the data-quality pass.
    parallel = workers > 1 and len(ids) * len(org.site_ids) >= PARALLEL_MIN_SERIES
    children = _start_workers(workers) if parallel else []
    try:
        return _scan_month_with(con, org, month, ids, versions, run_id, done, total, summary, progress, stop,
                                children, clock)  # fmt: skip
    finally:
        _stop_workers(children)


def _scan_month_with(con, org: Scope, month: date, ids: list[str], versions: pl.DataFrame, run_id: int,
                     done: int, total: int, summary: ScanSummary, progress, stop, children, clock) -> int:  # fmt: skip
    from smqse.analysis import data_quality as dq
    from smqse.refresh import RefreshStopped

    wanted = set(ids)
    process_of = dict(zip(versions["indicator_id"], versions["process_id"], strict=True))
    fetch = Scope(tuple(sorted({process_of[i] for i in ids})), org.site_ids, org.domains)
    series = view.load_series(fetch, month, con).filter(pl.col("indicator_id").is_in(wanted))
    series = series.select(*SERIES_KEY, "period", "value").sort(*SERIES_KEY, "period")
    summary.read_s += time.perf_counter() - clock
    clock = time.perf_counter()
    # On children, the detector starts now on the series as read, while this process reads the measurements
    # and runs the data-quality pass (one core each): the few series it then changes are judged again here.
    collect = _start_detection(series, children) if children else None
    start = shift_month(month, -(view.HISTORY_MONTHS - 1))
    measurements = db.run_query(
        "anomaly_measurements", con=con, **fetch.params(), start_month=start, end_month=month
    ).filter(pl.col("indicator_id").is_in(wanted))
    catalogue = db.run_query("indicator_catalogue", con=con, **fetch.params())
    problems = dq.detect_data_problems(measurements, catalogue, months=dq.month_range(start, month))
    clean = dq.drop_data_problems(series, problems)
    summary.quality_s += time.perf_counter() - clock
    clock = time.perf_counter()
    if collect is None:
        found, points = _detect(clean)
    else:
        found, points = _detect_again_where_cleaned(series, clean, collect())
    summary.detect_s += time.perf_counter() - clock
    series = clean
    clock = time.perf_counter()
    at = datetime.now().replace(microsecond=0)
    state = _state_rows(series, ids, versions, month, at)
    for first in range(0, len(ids), BATCH_INDICATORS):
        if stop is not None and stop.is_set():  # the app is stopping: what is written stays
            raise RefreshStopped
        chunk = ids[first : first + BATCH_INDICATORS]
        in_chunk = pl.col("indicator_id").is_in(chunk)
        flags = found.filter(in_chunk).with_columns(
            pl.lit(month).alias("as_of_month"), pl.lit(at).alias("computed_at")
        )
        done += len(chunk)
        _store(con, org, month, chunk, flags, state.filter(in_chunk),
               problems.filter(in_chunk).with_columns(pl.lit(month).alias("as_of_month"),
                                                      pl.lit(at).alias("computed_at")),
               run_id, done)  # fmt: skip
        summary.indicators += len(chunk)
        summary.flags += flags.height
        summary.batches += 1
        if progress is not None:
            progress(done, total)
    summary.write_s += time.perf_counter() - clock
    summary.series += points
    return done


def _state_rows(series: pl.DataFrame, ids: list[str], versions: pl.DataFrame, month: date, at: datetime):
    per_series = series.group_by("indicator_id", "site_id").agg(pl.len().cast(pl.Int64).alias("points"))
    empty = pl.DataFrame({"indicator_id": ids}).join(per_series.select("indicator_id"), on="indicator_id",
                                                     how="anti")  # fmt: skip
    rows = pl.concat(
        [
            per_series,
            empty.with_columns(pl.lit(NO_SERIES).alias("site_id"), pl.lit(0, pl.Int64).alias("points")),
        ],
        how="diagonal",
    )
    return rows.join(
        versions.select("indicator_id", "measurement_version", "indicator_version"), on="indicator_id"
    ).with_columns(pl.lit(month).alias("as_of_month"), pl.lit(at).alias("computed_at"))


def _store(con, org: Scope, month: date, chunk: list[str], flags: pl.DataFrame, state: pl.DataFrame,
           problems: pl.DataFrame, run_id: int, done: int) -> None:  # fmt: skip
    params = org.params()

    def write() -> None:
        with db.transaction(con) as cur:
            for name, frame in (("flag", flags), ("state", state), ("problem", problems)):
                db.run_in_transaction(cur, f"anomaly_{name}_delete", as_of_month=month, indicator_ids=chunk,
                                      **params)  # fmt: skip
                if frame.height:
                    cur.register(f"anomaly_{name}_new", frame)
                    try:
                        db.run_in_transaction(cur, f"anomaly_{name}_insert", **params)
                    finally:
                        cur.unregister(f"anomaly_{name}_new")
            db.run_in_transaction(cur, "analysis_run_progress", run_id=run_id, done=done, status="running",
                                  finished_at=None)  # fmt: skip

    db.retry_on_conflict(write)


def _store_unusual(con, org: Scope, month: date) -> None:
    """The unusual sites of the whole organisation for the month, from the stored data problems."""
    unusual = view.unusual_sites_from_stored(org, month, con)
    at = datetime.now().replace(microsecond=0)
    as_json = [json.dumps(items or [], ensure_ascii=False) for items in unusual["top_indicators"].to_list()]
    rows = unusual.with_columns(
        pl.Series("top_indicators", as_json, dtype=pl.String),
        pl.lit(month).alias("as_of_month"),
        pl.lit(at).alias("computed_at"),
    )

    def write() -> None:
        with db.transaction(con) as cur:
            db.run_in_transaction(cur, "anomaly_unusual_delete", as_of_month=month,
                                  **org.params())  # fmt: skip
            if rows.height:
                cur.register("anomaly_unusual_new", rows)
                try:
                    db.run_in_transaction(cur, "anomaly_unusual_insert", **org.params())
                finally:
                    cur.unregister("anomaly_unusual_new")

    db.retry_on_conflict(write)


def latest_run(con: duckdb.DuckDBPyConnection | None = None) -> dict | None:
    """The latest anomaly scan (status, done, total, started_at, finished_at), None before the first."""
    frame = db.run_query("analysis_run_latest", con=con, analysis=ANALYSIS_ANOMALIES)
    return frame.row(0, named=True) if frame.height else None


# --- detection, on processes when it pays --------------------------------------------------------------


def _start_workers(count: int) -> list[subprocess.Popen]:
    """`count` `python -m smqse.scan_worker` children (not multiprocessing: its spawn re-runs the parent's
    __main__, inside the server the page script), started before the read so that their imports overlap it."""
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    return [
        subprocess.Popen([sys.executable, "-m", "smqse.scan_worker"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=root)
        for _ in range(count)
    ]  # fmt: skip


def _stop_workers(children: list[subprocess.Popen]) -> None:
    """Children not waited for (a failed read, a stop): ended, so that none outlives the scan."""
    for child in children:
        if child.poll() is None:
            child.kill()  # a thread may be in its communicate(): that returns; this one only waits
            child.wait()


def _spans(series: pl.DataFrame) -> list[tuple[int, int]]:
    """The rows [a, b) of each series of `series` (sorted by key and period) with 3 points or more."""
    starts = series.select(SERIES_KEY).with_row_index("i").group_by(SERIES_KEY, maintain_order=True).agg(
        pl.col("i").first().alias("a"), pl.len().alias("n")
    )  # fmt: skip
    return [(a, a + n) for a, n in zip(starts["a"].to_list(), starts["n"].to_list(), strict=True) if n >= 3]


def _values(series: pl.DataFrame) -> np.ndarray:
    return series["value"].cast(pl.Float64).to_numpy()


def _detect(series: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """The detector's flags of every series of `series` (sorted by key and period) in this process, and the
    number of series judged."""
    spans = _spans(series)
    return _flags_frame(series, [detect_spans(_values(series), spans)]), len(spans)


def _start_detection(series: pl.DataFrame, children: list[subprocess.Popen]) -> Callable[[], list]:
    """The detector started on the children over `series` (sorted by key and period), interleaved chunks of
    series; returns the function that waits for their flagged points."""
    spans = _spans(series)
    return _detect_in_processes(_values(series), [spans[k :: len(children)] for k in range(len(children))],
                                children)  # fmt: skip


def _detect_again_where_cleaned(
    series: pl.DataFrame, clean: pl.DataFrame, parts: list
) -> tuple[pl.DataFrame, int]:
    """The flags of `clean` (`series` without its data problems) from the children's flags of `series`: the
    series the data-quality pass changed are judged again (here: few), the others keep the children's flags."""
    found = _flags_frame(series, parts)
    if clean.height == series.height:  # the pass drops cells, never adds any: nothing changed
        return found, len(_spans(series))
    changed = series.join(clean, on=[*SERIES_KEY, "period"], how="anti").select(SERIES_KEY).unique()
    again = clean.join(changed, on=SERIES_KEY, how="semi", maintain_order="left")
    redone, _ = _detect(again)
    found = pl.concat([found.join(changed, on=SERIES_KEY, how="anti", maintain_order="left"), redone])
    return found.sort(*SERIES_KEY, "period"), len(_spans(clean))


def _flags_frame(series: pl.DataFrame, parts: list) -> pl.DataFrame:
    """FOUND_SCHEMA rows of the flagged points [(a, [(position, value, expected, score, kind, reason), …]), …]
    of `series` (a: the series' first row)."""
    rows: list[int] = []
    columns: tuple[list, ...] = ([], [], [], [], [])
    for part in parts:
        for a, points in part:
            for position, *cells in points:
                rows.append(a + position)
                for column, cell in zip(columns, cells, strict=True):
                    column.append(cell)
    names = ("value", "expected", "score", "kind", "reason")
    found = series.select(*SERIES_KEY, "period")[rows].with_columns(
        pl.Series(name, column, dtype=view.FOUND_SCHEMA[name]) for name, column in zip(names, columns, strict=True)
    )  # fmt: skip
    return found.cast(view.FOUND_SCHEMA)


def detect_spans(values: np.ndarray, spans: list[tuple[int, int]]) -> list[tuple[int, list[tuple]]]:
    """The flagged points of each series values[a:b] that has some: [(a, flagged_points), …]."""
    from smqse.analysis.anomalies import flagged_points

    out = []
    for a, b in spans:
        points = flagged_points(values[a:b])
        if points:
            out.append((a, points))
    return out


def _detect_in_processes(values: np.ndarray, chunks: list[list[tuple[int, int]]],
                         children: list[subprocess.Popen]) -> Callable[[], list]:  # fmt: skip
    """Each chunk of series sent to a child (only its values: one float array, the spans in it; the points
    come back as positions in it), from threads; returns the function that waits for the children's points.
    A child that fails fails the refresh."""
    payloads, origins = [], []
    for chunk in chunks:
        lengths = np.array([b - a for a, b in chunk], dtype=np.int64)
        local = np.concatenate([[0], np.cumsum(lengths)]).tolist()
        data = np.concatenate([values[a:b] for a, b in chunk]) if chunk else np.empty(0)
        spans = list(zip(local[:-1], local[1:], strict=True))
        payloads.append(pickle.dumps((data, spans), protocol=pickle.HIGHEST_PROTOCOL))
        origins.append({start: a for start, (a, _) in zip(local[:-1], chunk, strict=True)})
    threads = ThreadPoolExecutor(len(children))
    pending = [
        threads.submit(child.communicate, data) for child, data in zip(children, payloads, strict=True)
    ]
    threads.shutdown(wait=False)

    def collect() -> list:
        outputs = [future.result() for future in pending]
        for child, (_, err) in zip(children, outputs, strict=True):
            if child.returncode != 0:
                raise RuntimeError(
                    f"anomaly scan process failed ({child.returncode}): {err.decode()[-2000:]}"
                )
        return [
            [(origin[start], points) for start, points in pickle.loads(out)]
            for (out, _), origin in zip(outputs, origins, strict=True)
        ]

    return collect
