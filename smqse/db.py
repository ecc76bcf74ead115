"""The one way in and out of the DuckDB file: connection, schema migrations, named queries, transactions.

Every SQL statement lives in `queries/<name>.sql` and runs through `run_query`, which binds `$name`
parameters only (never string formatting) and refuses a call whose parameters do not match the file.
"""

from __future__ import annotations

import os
import random
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TypeVar

import duckdb
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
DEFAULT_DB_PATH = ROOT / "data" / "smqse.duckdb"

_PARAM = re.compile(r"(?<![:$\w])\$([a-z_][a-z0-9_]*)")
_COMMENT = re.compile(r"--[^\n]*")


class QueryError(ValueError):
    """A named query was called with the wrong name or parameters."""


# DuckDB's words when another process holds the file (DuckDB 2.0: IOException "Could not set lock on file
# \"…\": Conflicting lock is held in <program> (PID n)").
_LOCK_CONFLICT = re.compile(r"Could not set lock on file .*Conflicting lock is held", re.DOTALL)


def is_lock_conflict(exc: BaseException) -> bool:
    """True when opening a database failed only because another process holds its file."""
    return isinstance(exc, duckdb.IOException) and bool(_LOCK_CONFLICT.search(str(exc)))


def database_path() -> Path:
    """`SMQSE_DB` when set, else data/smqse.duckdb."""
    return Path(os.environ.get("SMQSE_DB") or DEFAULT_DB_PATH)


# --- schema -------------------------------------------------------------------------------------------


def migrations() -> list[tuple[int, Path]]:
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        found.append((int(path.stem.split("_", 1)[0]), path))
    return found


def latest_schema_version() -> int:
    return migrations()[-1][0]


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    cur = con.cursor()
    exists = cur.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchall()[0][0]
    if not exists:
        return 0
    return cur.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()[0][0]


def migrate(con: duckdb.DuckDBPyConnection, up_to: int | None = None) -> int:
    """Bring the schema up to the latest version (or `up_to`), one migration per transaction. Returns the
    version."""
    cur = con.cursor()
    cur.execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)"
    )
    current = schema_version(con)
    for version, path in migrations():
        if version <= current or (up_to is not None and version > up_to):
            continue
        cur.execute("BEGIN TRANSACTION")
        try:
            cur.execute(path.read_text(encoding="utf-8"))
            cur.execute("INSERT INTO schema_version VALUES ($v, current_timestamp)", {"v": version})
            cur.execute("COMMIT")
        except Exception:
            cur.execute("ROLLBACK")
            raise
        current = version
    return current


# --- connection ---------------------------------------------------------------------------------------

_lock = threading.Lock()
_connections: dict[str, duckdb.DuckDBPyConnection] = {}


def connect(path: Path | str | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A fresh connection with the schema migrated (not cached: for the CLI, generators and tests)."""
    path = Path(path) if path else database_path()
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    if not read_only:
        try:
            migrate(con)
        except Exception:
            con.close()
            raise
    return con


def shared_connection(path: Path | str | None = None) -> duckdb.DuckDBPyConnection:
    """One connection per database file for the whole process; callers take a cursor per query."""
    key = str(Path(path) if path else database_path())
    with _lock:
        con = _connections.get(key)
        if con is None:
            con = connect(key)
            _connections[key] = con
        return con


_close_callbacks: list[Callable[[], None]] = []


def before_close(callback: Callable[[], None]) -> Callable[[], None]:
    """Call `callback()` before the shared connections close (threads using them stop first: a connection
    closed under a running query raises in both); returns a function that unregisters it."""
    _close_callbacks.append(callback)
    return lambda: _close_callbacks.remove(callback) if callback in _close_callbacks else None


def close_shared_connections() -> None:
    for callback in list(_close_callbacks):
        callback()
    with _lock:
        for con in _connections.values():
            con.close()
        _connections.clear()


# --- named queries ------------------------------------------------------------------------------------


@cache
def query_sql(name: str) -> str:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise QueryError(f"invalid query name {name!r}")
    path = QUERIES_DIR / f"{name}.sql"
    if not path.exists():
        raise QueryError(f"no query named {name!r} in {QUERIES_DIR}")
    return path.read_text(encoding="utf-8")


@cache
def query_parameters(name: str) -> frozenset[str]:
    """The `$name` parameters a query file uses (comments ignored)."""
    return frozenset(_PARAM.findall(_COMMENT.sub("", query_sql(name))))


def query_names() -> list[str]:
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


def _check_parameters(name: str, params: dict[str, object]) -> None:
    expected = query_parameters(name)
    given = set(params)
    if given != expected:
        missing = ", ".join(sorted(expected - given)) or "-"
        extra = ", ".join(sorted(given - expected)) or "-"
        raise QueryError(f"query {name!r}: missing parameters [{missing}], unexpected [{extra}]")


def run_query(name: str, *, con: duckdb.DuckDBPyConnection | None = None, **params: object) -> pl.DataFrame:
    """Run `queries/<name>.sql` with exactly the parameters it declares; return a collected Polars frame.

    `con` may be the cursor `transaction()` yields: the query then runs inside that transaction (and sees
    its snapshot and its own writes), so code that reads through `run_query` can be run inside a write."""
    _check_parameters(name, params)
    started = time.perf_counter()
    if con is not None and id(con) in _open_transactions:
        frame = con.sql(query_sql(name), params=params or None).pl()
    else:
        cur = (con or shared_connection()).cursor()
        try:
            frame = cur.sql(query_sql(name), params=params or None).pl()
        finally:
            cur.close()
    _notify_query_observers(name, time.perf_counter() - started)
    return frame


def run_in_transaction(cur: duckdb.DuckDBPyConnection, name: str, **params: object) -> pl.DataFrame:
    """`run_query` on the cursor `transaction()` yields (a new cursor is, in DuckDB, a separate connection
    whose statements would escape the transaction)."""
    _check_parameters(name, params)
    started = time.perf_counter()
    frame = cur.sql(query_sql(name), params=params or None).pl()
    _notify_query_observers(name, time.perf_counter() - started)
    return frame


# Who is told how long each named query took (`python -m smqse bench pages` sums a page's query time).
_query_observers: list[Callable[[str, float], None]] = []


def observe_queries(callback: Callable[[str, float], None]) -> Callable[[], None]:
    """Call `callback(query name, seconds)` after every `run_query` / `run_in_transaction` of this process,
    from the thread that ran it; returns a function that unregisters it. Callbacks must be quick."""
    _query_observers.append(callback)
    return lambda: _query_observers.remove(callback) if callback in _query_observers else None


def _notify_query_observers(name: str, seconds: float) -> None:
    for callback in list(_query_observers):
        callback(name, seconds)


# The cursors of the transactions now open (by id): `run_query(con=cur)` runs on them rather than on a new
# cursor, which would be a separate connection outside the transaction.
_open_transactions: set[int] = set()

_commit_callbacks: list[Callable[[], None]] = []


def on_commit(callback: Callable[[], None]) -> Callable[[], None]:
    """Call `callback()` after every transaction this process commits (the replica is refreshed so);
    returns a function that unregisters it. Callbacks must be quick and must not raise."""
    _commit_callbacks.append(callback)
    return lambda: _commit_callbacks.remove(callback) if callback in _commit_callbacks else None


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: a cursor inside BEGIN/COMMIT, rolled back on any exception.

    A COMMIT that fails (another transaction committed a conflicting write first) has already ended the
    transaction in DuckDB: its error is raised as is, not hidden behind a failed ROLLBACK."""
    cur = con.cursor()
    cur.execute("BEGIN TRANSACTION")
    _open_transactions.add(id(cur))
    try:
        try:
            yield cur
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        cur.execute("COMMIT")
    finally:
        _open_transactions.discard(id(cur))
        cur.close()
    for callback in list(_commit_callbacks):
        callback()


# --- concurrent writers -------------------------------------------------------------------------------

WRITE_ATTEMPTS = 3
_RETRY_PAUSE_S = 0.05  # doubled at each attempt, with jitter, so two retrying writers drift apart

T = TypeVar("T")


class WriteConflict(RuntimeError):
    """Another writer changed the same rows at the same moment, on every attempt: nothing was written."""


def is_write_conflict(error: BaseException) -> bool:
    """DuckDB's optimistic concurrency: a row updated by a transaction not yet committed ("Conflict on
    update"), a commit refused because another one wrote first ("Failed to commit: … constraint violation"),
    or a key another transaction committed since this one's snapshot ("Duplicate key"). Writers check
    their keys inside their own transaction, so a duplicate key there can only come from a concurrent
    writer."""
    message = str(error).lower()
    if isinstance(error, duckdb.TransactionException):
        return "conflict" in message or "failed to commit" in message
    if isinstance(error, duckdb.ConstraintException):
        return "duplicate key" in message
    return False


def _pause(seconds: float) -> None:
    time.sleep(seconds)


def retry_on_conflict(write: Callable[[], T], attempts: int = WRITE_ATTEMPTS) -> T:
    """Run `write` — a whole read-check-write that opens its own transaction — again when it loses a race
    with another writer; after `attempts` losses raise WriteConflict (callers say so in words)."""
    lost: duckdb.Error | None = None
    for attempt in range(attempts):
        if attempt:
            _pause(_RETRY_PAUSE_S * 2 ** (attempt - 1) * (0.5 + random.random()))
        try:
            return write()
        except duckdb.Error as error:
            if not is_write_conflict(error):
                raise
            lost = error
    raise WriteConflict(str(lost)) from lost
