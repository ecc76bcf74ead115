"""Stored analyses, recomputed when the data change: `refresh` and the app's background worker.

What is stored (migration 0008): the drift page's rows and heat-map cells per scope key ('group' = every
site, or one site_id) and as-of month, each with the data versions (smqse.data_version) of its indicator
it was computed from. `refresh` compares them with the current versions and recomputes only the
(indicator, scope key, month) entries that changed, with the drift page's own code (smqse.views.drift), in
batches each written in a short transaction of its own: the writer is never held for long, and a page
reads either the old rows of a batch or the new ones.

Months kept up to date: the organisation's default month and its latest month with data; another month is
computed when a page asks for it (`refresh(con, as_of=…, scope_keys=[…])`) and kept up to date from then.

One whole refresh at a time per process (`_refresh_lock`): the worker and a `python -m smqse refresh`
forwarded to the app do not compute the same rows twice at once. A page's request for a month or scope
not stored yet does not wait for it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

import duckdb
import polars as pl

from smqse import db
from smqse.scope import Scope
from smqse.views.drift import (
    DriftInputs,
    DriftReport,
    fetch_drift_inputs,
    load_drift,
    site_inputs,
)

log = logging.getLogger(__name__)

GROUP = "group"
ANALYSIS_DRIFT = "drift"
# Indicators computed together (one load_drift call), and entries ((scope key, indicator) pairs) written per
# transaction: a write holds the file for well under a second, and a one-indicator change across 300 sites
# is a few transactions, not 300.
BATCH_INDICATORS = 40
BATCH_ENTRIES = 200
VERSION_COLUMNS = ("measurement_version", "objective_version", "indicator_version")

_refresh_lock = threading.Lock()


class RefreshStopped(Exception):
    """A refresh left between two batches because the app is stopping."""


@dataclass
class RefreshSummary:
    as_of_months: list[date] = field(default_factory=list)
    entries: int = 0  # (indicator, scope key, month) recomputed
    rows: int = 0  # drift rows written
    batches: int = 0
    seconds: float = 0.0
    anomalies: object = None  # smqse.refresh_anomalies.ScanSummary of the same refresh (None: not run)


def organisation_scope(con: duckdb.DuckDBPyConnection | None = None) -> Scope:
    """Every process and every site: what the stored analyses cover (readers filter by their own scope)."""
    catalogue = db.run_query("scope_catalogue", con=con)
    processes = tuple(sorted(catalogue.filter(pl.col("kind") == "process")["id"].to_list()))
    sites = tuple(sorted(catalogue.filter(pl.col("kind") == "site")["id"].to_list()))
    return Scope(processes, sites)


def scope_key(scope: Scope) -> str | None:
    """'group' for a scope of every site, the site for a one-site scope; None for several sites out of
    more (not stored: computed live)."""
    if scope.all_sites:
        return GROUP
    if len(scope.site_ids) == 1:
        return scope.site_ids[0]
    return None


def precomputed_months(
    con: duckdb.DuckDBPyConnection | None = None, scope: Scope | None = None
) -> list[date]:
    """The organisation's default month and its latest month with data (one month when they are the same)."""
    from smqse.views import scorecard

    scope = scope or organisation_scope(con)
    months = scorecard.data_months(scope, con)
    if not months:
        return []
    default = scorecard.default_as_of(scope, con)
    return sorted({m for m in (default, months[-1]) if m is not None})


def refresh(
    con: duckdb.DuckDBPyConnection,
    *,
    as_of: date | None = None,
    indicators: Iterable[str] | None = None,
    scope_keys: Iterable[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    stop: threading.Event | None = None,
) -> RefreshSummary:
    """Recompute the stored drift rows whose data changed: for `as_of` (else the precomputed months), the
    given `indicators` (else all) and `scope_keys` (else 'group' and every site). Returns what was done."""
    if scope_keys is not None:
        # A page asking for what is not stored yet does not wait for a whole refresh to end: it computes its
        # own entries beside it (the same rows written twice at worst, each write replacing the other).
        return _refresh(con, as_of=as_of, indicators=indicators, scope_keys=scope_keys, progress=progress,
                        stop=stop)  # fmt: skip
    with _refresh_lock:
        summary = _refresh(con, as_of=as_of, indicators=indicators, scope_keys=scope_keys, progress=progress,
                           stop=stop)  # fmt: skip
        summary.anomalies = _refresh_anomalies(con, as_of, indicators, progress, stop)
        return summary


def _refresh_anomalies(con, as_of, indicators, progress, stop):
    """The anomaly watch's stored scan (smqse.refresh_anomalies), for the same months as the drift rows."""
    from smqse.refresh_anomalies import refresh_anomalies

    org = organisation_scope(con)
    months = [date(as_of.year, as_of.month, 1)] if as_of else precomputed_months(con, org)
    return refresh_anomalies(con, org, months, indicators=indicators, progress=progress, stop=stop)


def _refresh(con, *, as_of, indicators, scope_keys, progress, stop) -> RefreshSummary:
    started = time.perf_counter()
    org = organisation_scope(con)
    months = [date(as_of.year, as_of.month, 1)] if as_of else precomputed_months(con, org)
    keys = list(scope_keys) if scope_keys is not None else _every_key(org)
    targets = [(m, k) for m in months for k in keys]
    if as_of is None and scope_keys is None:  # and what pages asked for lately, kept up to date too
        targets += [t for t in list(_requested) if t not in set(targets)]
        months = sorted({m for m, _ in targets})
    summary = RefreshSummary(as_of_months=months)
    if not months or not org.process_ids or not org.site_ids:
        return summary
    versions = db.run_query("data_version_by_indicator", con=con, **org.params())
    wanted = set(indicators) if indicators is not None else None
    current = {
        r["indicator_id"]: tuple(r[c] for c in VERSION_COLUMNS)
        for r in versions.iter_rows(named=True)
        if wanted is None or r["indicator_id"] in wanted
    }
    process_of = dict(zip(versions["indicator_id"], versions["process_id"], strict=True))
    stored = db.run_query("drift_stored_versions", con=con, as_of_months=months, **org.params())
    done_versions = {
        (r["scope_key"], r["as_of_month"], r["indicator_id"]): tuple(r[c] for c in VERSION_COLUMNS)
        for r in stored.iter_rows(named=True)
    }
    plan: dict[tuple[date, str], list[str]] = {}
    for month, key in targets:
        stale = [i for i, v in current.items() if done_versions.get((key, month, i)) != v]
        if stale:
            plan[(month, key)] = stale
    total = sum(len(v) for v in plan.values())
    if not total:
        summary.seconds = time.perf_counter() - started
        return summary
    with tracked_run(con, ANALYSIS_DRIFT, total) as run:
        # The group views first (every month), then the sites: what most readers open is ready soonest.
        for month, in_phase in [(m, phase) for phase in (True, False) for m in months]:
            month_plan = {k: ids for (m, k), ids in plan.items() if m == month and (k == GROUP) == in_phase}
            if not month_plan:
                continue
            needed = sorted({i for ids in month_plan.values() for i in ids})
            fetch_scope = Scope(tuple(sorted({process_of[i] for i in needed})), org.site_ids)
            inputs = fetch_drift_inputs(fetch_scope, month, con)
            by_site = inputs.site_series.partition_by("site_id", as_dict=True)
            pending: list[tuple[str, set[str], DriftReport]] = []
            for key, ids in month_plan.items():
                for start in range(0, len(ids), BATCH_INDICATORS):
                    if stop is not None and stop.is_set():  # the app is stopping: what is written stays
                        raise RefreshStopped
                    chunk = set(ids[start : start + BATCH_INDICATORS])
                    pending.append(
                        (key, chunk, _compute(fetch_scope, key, month, inputs, by_site, chunk, org))
                    )
                    if sum(len(c) for _, c, _ in pending) >= BATCH_ENTRIES:
                        run.done = _flush(
                            con, month, pending, versions, run.id, run.done, org, summary, progress, total
                        )
            run.done = _flush(con, month, pending, versions, run.id, run.done, org, summary, progress, total)
    summary.seconds = time.perf_counter() - started
    return summary


# (month, scope key) pairs pages asked for outside the precomputed months, newest last: the worker keeps
# them up to date as well (bounded: the oldest is forgotten, and computed again if asked again).
_requested: dict[tuple[date, str], None] = {}
REQUESTED_KEPT = 24


def request(as_of: date, key: str) -> None:
    """Keep (as_of, key) up to date from now on (a page read it; smqse.ui.data)."""
    pair = (date(as_of.year, as_of.month, 1), key)
    _requested.pop(pair, None)
    _requested[pair] = None
    while len(_requested) > REQUESTED_KEPT:
        _requested.pop(next(iter(_requested)))


def _every_key(org: Scope) -> list[str]:
    # An organisation of one site: its one-site scope is the whole organisation ('group').
    return [GROUP, *org.site_ids] if len(org.site_ids) > 1 else [GROUP]


def _compute(fetch_scope: Scope, key: str, month: date, inputs: DriftInputs, by_site: dict, chunk: set[str],
             org: Scope):  # fmt: skip
    if key == GROUP:
        return load_drift(fetch_scope, month, inputs=inputs, indicator_ids=chunk)
    own = by_site.get((key,))
    if own is None:
        own = inputs.site_series.clear()
    one_site = Scope(fetch_scope.process_ids, (key,), all_sites=len(org.site_ids) == 1)
    return load_drift(one_site, month, inputs=site_inputs(inputs, key, own), indicator_ids=chunk,
                      with_site_gaps=False)  # fmt: skip


def _flush(con, month: date, pending: list, versions: pl.DataFrame, run_id: int, done: int, org: Scope,
           summary: RefreshSummary, progress, total: int) -> int:  # fmt: skip
    """Write the pending computed entries in one short transaction; empty the list; return entries done."""
    if not pending:
        return done
    entries = sum(len(chunk) for _, chunk, _ in pending)
    done += entries
    summary.rows += _store(con, month, pending, versions, run_id, done, org)
    summary.entries += entries
    summary.batches += 1
    pending.clear()
    if progress is not None:
        progress(done, total)
    return done


def _store(
    con, month: date, pending: list, versions: pl.DataFrame, run_id: int, done: int, org: Scope
) -> int:
    """Replace the stored rows (and heat-map cells, for 'group') of each (scope key, indicator) computed in
    `pending` by the new ones, in one transaction."""
    at = datetime.now().replace(microsecond=0)
    rows = pl.concat([_stored_rows(key, month, report, versions, at) for key, _, report in pending])
    gaps = [
        report.site_gaps.with_columns(
            pl.lit(key).alias("scope_key"),
            pl.lit(month).alias("as_of_month"),
            pl.lit(at).alias("computed_at"),
        )
        for key, _, report in pending
        if key == GROUP
    ]
    pairs = [(key, iid) for key, chunk, _ in pending for iid in sorted(chunk)]
    keys, ids = [k for k, _ in pairs], [i for _, i in pairs]
    group_ids = [i for k, i in pairs if k == GROUP]
    params = org.params()

    def write() -> None:
        with db.transaction(con) as cur:
            db.run_in_transaction(cur, "drift_result_delete", as_of_month=month, scope_keys=keys,
                                  indicator_ids=ids, **params)  # fmt: skip
            cur.register("drift_rows_new", rows)
            try:
                db.run_in_transaction(cur, "drift_result_insert", **params)
            finally:
                cur.unregister("drift_rows_new")
            if gaps:
                db.run_in_transaction(cur, "drift_site_gap_delete", scope_key=GROUP, as_of_month=month,
                                      indicator_ids=group_ids, **params)  # fmt: skip
                cur.register("drift_gaps_new", pl.concat(gaps))
                try:
                    db.run_in_transaction(cur, "drift_site_gap_insert", **params)
                finally:
                    cur.unregister("drift_gaps_new")
            db.run_in_transaction(cur, "analysis_run_progress", run_id=run_id, done=done, status="running",
                                  finished_at=None)  # fmt: skip

    db.retry_on_conflict(write)
    return rows.height


def _stored_rows(key: str, month: date, report, versions: pl.DataFrame, at: datetime) -> pl.DataFrame:
    left_out = report.left_out.with_columns(pl.lit(None, dtype=pl.String).alias("site_id"))
    return (
        report.rows.join(versions.select("indicator_id", *VERSION_COLUMNS), on="indicator_id", how="left")
        .join(left_out, on=["indicator_id", "site_id"], how="left", nulls_equal=True)
        .with_columns(
            pl.lit(key).alias("scope_key"),
            pl.lit(month).alias("as_of_month"),
            pl.lit(at).alias("computed_at"),
            *[pl.col(c).fill_null(0) for c in VERSION_COLUMNS],
        )
    )


@dataclass
class TrackedRun:
    id: int
    done: int = 0  # entries computed so far: the block keeps it up to date


@contextmanager
def tracked_run(con: duckdb.DuckDBPyConnection, analysis: str, total: int) -> Iterator[TrackedRun]:
    """One `analysis_run` row for the block (progress and age on the pages), marked done, stopped
    (RefreshStopped) or failed as the block ends."""
    with db.transaction(con) as cur:
        row = db.run_in_transaction(cur, "analysis_run_start", analysis=analysis,
                                    started_at=datetime.now().replace(microsecond=0), total=total)  # fmt: skip
    run = TrackedRun(int(row.item(0, 0)))
    try:
        yield run
    except RefreshStopped:
        _finish_run(con, run.id, run.done, "stopped")
        raise
    except BaseException:
        _finish_run(con, run.id, run.done, "failed")
        raise
    _finish_run(con, run.id, run.done, "done")


def _finish_run(con, run_id: int, done: int, status: str) -> None:
    try:
        with db.transaction(con) as cur:
            db.run_in_transaction(cur, "analysis_run_progress", run_id=run_id, done=done, status=status,
                                  finished_at=datetime.now().replace(microsecond=0))  # fmt: skip
    except duckdb.Error as exc:  # the run row is informative: a failed update must not hide the real error
        log.warning("analysis run %s not marked %s: %s", run_id, status, exc)


def latest_run(con: duckdb.DuckDBPyConnection | None = None) -> dict | None:
    """The latest drift refresh (status, done, total, started_at, finished_at), None before the first."""
    frame = db.run_query("analysis_run_latest", con=con, analysis=ANALYSIS_DRIFT)
    return frame.row(0, named=True) if frame.height else None


# --- the app's background worker ----------------------------------------------------------------------


class AnalysisRefresher:
    """One thread per app process: a refresh at start, then after every committed write (smqse.db.on_commit,
    its own commits excepted), several writes in a row making one refresh."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="smqse-analysis-refresh", daemon=True)
        self._unregister: Callable[[], None] = lambda: None
        self.last_error: BaseException | None = None
        self.refreshes = 0

    def start(self) -> None:
        self._unregister = db.on_commit(self._on_commit)
        self._wake.set()  # the first refresh, at start
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        self._unregister()
        self._stopping.set()
        self._wake.set()
        self._thread.join(timeout)

    def _on_commit(self) -> None:
        if threading.current_thread() is not self._thread:
            self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            if self._stopping.is_set():
                return
            self._wake.clear()  # writes committed from now on call for the next refresh
            try:
                summary = refresh(self.con, stop=self._stopping)
            except RefreshStopped:
                return
            except Exception as exc:  # kept for the next attempt; the app must not fail for a refresh
                self.last_error = exc
                log.warning("analysis refresh failed: %s", exc)
                continue
            self.last_error = None
            self.refreshes += 1
            if summary.entries:
                log.info("analyses refreshed: %s entries in %.1f s", summary.entries, summary.seconds)
            if summary.anomalies is not None and summary.anomalies.indicators:
                log.info("anomalies re-scanned: %s indicators, %s series in %.1f s",
                         summary.anomalies.indicators, summary.anomalies.series, summary.anomalies.seconds)  # fmt: skip


_workers: dict[int, AnalysisRefresher] = {}


def wake_workers() -> None:
    """Ask the running worker(s) of this process for a refresh now (a page that found stale rows)."""
    for worker in list(_workers.values()):
        worker.wake()


def start_worker(con: duckdb.DuckDBPyConnection) -> AnalysisRefresher:
    worker = AnalysisRefresher(con)
    worker.start()
    _workers[id(worker)] = worker
    return worker


def stop_worker(worker: AnalysisRefresher) -> None:
    _workers.pop(id(worker), None)
    worker.stop()


# --- what a page reads ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Freshness:
    """What the drift page's cached read depends on: the data versions in the reader's scope and the
    latest stored computation for its scope key and month (a write or a refresh changes one of them)."""

    key: str | None
    data_version: int
    computed_at: datetime | None
    stored_rows: int


def drift_freshness(scope: Scope, as_of: date, con: duckdb.DuckDBPyConnection | None = None) -> Freshness:
    key = scope_key(scope)
    frame = db.run_query(
        "drift_freshness", con=con, scope_key=key or GROUP, as_of_month=date(as_of.year, as_of.month, 1),
        **scope.params(),
    )  # fmt: skip
    if frame.is_empty():
        return Freshness(key, 0, None, 0)
    row = frame.row(0, named=True)
    if key is None:  # computed live: only the data versions matter
        return Freshness(None, int(row["data_version"]), None, 0)
    return Freshness(key, int(row["data_version"]), row["computed_at"], int(row["stored_rows"]))
