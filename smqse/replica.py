"""The read replica for BI tools and analysts: a consistent copy of the database next to it.

DuckDB lets one process hold a database file read-write and then no other process may open it, not even
read-only. The app is that process; analysts open `<stem>.replica.duckdb` read-only instead. The copy is
made inside the holder's DuckDB instance: ATTACH a temporary file, COPY FROM DATABASE in one transaction
(one MVCC snapshot: writes committed meanwhile are simply not in it, and they are not blocked), DETACH
(which checkpoints it), then `os.replace` onto the replica: a reader sees the old file or the new one,
never a half-written one, and a reader that has the old file open keeps reading it (same inode) until it
reconnects.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from pathlib import Path

import duckdb

from smqse import db

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_S = 60.0
_ALIAS = "smqse_replica_build"
_build_lock = threading.Lock()  # one build at a time per process (the alias and temp file are shared)


def replica_path(db_path: Path | str) -> Path:
    """data/smqse.duckdb → data/smqse.replica.duckdb."""
    path = Path(db_path)
    return path.with_name(f"{path.stem}.replica{path.suffix or '.duckdb'}")


def replica_interval() -> float:
    """`SMQSE_REPLICA_INTERVAL` seconds between two automatic refreshes at most (0: no automatic replica)."""
    text = os.environ.get("SMQSE_REPLICA_INTERVAL", "").strip()
    if not text:
        return DEFAULT_INTERVAL_S
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"SMQSE_REPLICA_INTERVAL={text!r} is not a number of seconds") from None
    if value < 0 or not math.isfinite(value):
        raise ValueError(f"SMQSE_REPLICA_INTERVAL={text!r} must be 0 (off) or a positive number of seconds")
    return value


def build_replica(con: duckdb.DuckDBPyConnection, db_path: Path | str) -> Path:
    """Write the replica of the database `con` is connected to (whose file is `db_path`); return its path.
    `con` may be any connection of the holding process (it shares the one DuckDB instance)."""
    target = replica_path(db_path)
    tmp = target.with_name(f"{target.name}.tmp")
    with _build_lock:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)  # from a build interrupted by a crash
        cur = con.cursor()
        try:
            source = cur.execute("SELECT current_database()").fetchall()[0][0]
            cur.execute(f"ATTACH $path AS {_ALIAS}", {"path": str(tmp)})
            try:
                cur.execute("BEGIN TRANSACTION")
                try:
                    cur.execute(f'COPY FROM DATABASE "{source}" TO {_ALIAS}')
                    cur.execute("COMMIT")
                except BaseException:
                    cur.execute("ROLLBACK")
                    raise
            finally:
                cur.execute(f"DETACH {_ALIAS}")
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        finally:
            cur.close()
    return target


class ReplicaRefresher:
    """Rebuilds the replica at start, then after committed writes, at most once every `interval` seconds.

    Commits only set a flag (`db.on_commit`); the build runs on this thread, never in a user's request.
    It uses the holder's connection `con` and never opens one: once that is closed, builds fail (logged)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, db_path: Path, interval: float) -> None:
        self.con = con
        self.db_path = db_path
        self.interval = interval
        self.last_error: BaseException | None = None
        self.builds = 0
        self._dirty = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="smqse-replica", daemon=True)
        self._unregister = lambda: None

    def start(self) -> None:
        self._unregister = db.on_commit(self._dirty.set)
        self._dirty.set()  # the first build, at start
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._unregister()
        self._stopping.set()
        self._dirty.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        last_build = -math.inf
        while True:
            self._dirty.wait()
            if self._stopping.is_set():
                return
            wait = last_build + self.interval - time.monotonic()
            if wait > 0 and self._stopping.wait(wait):
                return
            self._dirty.clear()  # commits from now on call for the next build
            last_build = time.monotonic()
            self._build()

    def _build(self) -> None:
        started = time.perf_counter()
        try:
            target = build_replica(self.con, self.db_path)
        except Exception as exc:  # kept for the next attempt; the app must not fail for its replica
            self.last_error = exc
            log.warning("replica of %s not written: %s", self.db_path, exc)
            return
        self.last_error = None
        self.builds += 1
        log.info("replica %s written in %.2f s", target, time.perf_counter() - started)
