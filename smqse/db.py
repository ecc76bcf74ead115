"""The one way in and out of the DuckDB file: connection, schema migrations, named queries, transactions.

Every SQL statement lives in `queries/<name>.sql` and runs through `run_query`, which binds `$name`
parameters only (never string formatting) and refuses a call whose parameters do not match the file.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

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


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the schema up to the latest version, one migration per transaction. Returns the version."""
    cur = con.cursor()
    cur.execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)"
    )
    current = schema_version(con)
    for version, path in migrations():
        if version <= current:
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


def close_shared_connections() -> None:
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
    """Run `queries/<name>.sql` with exactly the parameters it declares; return a collected Polars frame."""
    _check_parameters(name, params)
    cur = (con or shared_connection()).cursor()
    try:
        return cur.sql(query_sql(name), params=params or None).pl()
    finally:
        cur.close()


def run_in_transaction(cur: duckdb.DuckDBPyConnection, name: str, **params: object) -> pl.DataFrame:
    """`run_query` on the cursor `transaction()` yields. Not `run_query(con=cur)`: a new cursor is, in
    DuckDB, a separate connection whose statements would escape the transaction."""
    _check_parameters(name, params)
    return cur.sql(query_sql(name), params=params or None).pl()


_commit_callbacks: list[Callable[[], None]] = []


def on_commit(callback: Callable[[], None]) -> Callable[[], None]:
    """Call `callback()` after every transaction this process commits (the replica is refreshed so);
    returns a function that unregisters it. Callbacks must be quick and must not raise."""
    _commit_callbacks.append(callback)
    return lambda: _commit_callbacks.remove(callback) if callback in _commit_callbacks else None


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: a cursor inside BEGIN/COMMIT, rolled back on any exception."""
    cur = con.cursor()
    cur.execute("BEGIN TRANSACTION")
    try:
        yield cur
        cur.execute("COMMIT")
    except BaseException:
        cur.execute("ROLLBACK")
        raise
    finally:
        cur.close()
    for callback in list(_commit_callbacks):
        callback()
