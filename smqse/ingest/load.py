"""The load: one transaction, set-based statements on a registered Polars frame, all or nothing.

`import_*` validate and load in the same transaction (`write_rows`), so the statuses, the versions and the
change_log's "before" are read in the snapshot the rows are written against; a concurrent writer on the
same keys makes the commit fail (the measurement key, DuckDB's write conflicts) and the whole validation
and load is tried again (smqse.ingest._run). Order inside the transaction: the import_batch row (its import_id goes on the measurement rows and in the
change_log reason), the rows (measurements appended as versions; other kinds updated then inserted), the
change_log. Each statement's row count is checked against the validation's statuses: a difference (the data
changed in between, or a row outside the scope slipped through) raises, and the transaction rolls back.
"""

from __future__ import annotations

import contextlib

import duckdb
import polars as pl

from smqse import data_version
from smqse.db import run_in_transaction, transaction
from smqse.ingest.core import Validated, now, to_json
from smqse.ingest.formats import FORMATS, KEYS, TABLES
from smqse.scope import User

SINGULAR = {"events": "event", "actions": "action", "indicators": "indicator", "objectives": "objective"}
MEASURED = ("value", "numerator", "denominator", "comment")


class LoadError(RuntimeError):
    """The database did not take the rows the validation expected: nothing was written."""


def _checkpoint(step: str) -> None:
    """Called after each step of the load (tests make it raise to prove the load is all or nothing)."""


def _unregister(cur, name: str) -> None:
    """Drop a registered frame; after a failed statement DuckDB refuses until the rollback, which closes it."""
    with contextlib.suppress(duckdb.Error):
        cur.unregister(name)


def _count(frame: pl.DataFrame) -> int:
    return int(frame.item(0, 0)) if frame.height else 0


def _measurement_log(checked: Validated, user: User, at, reason: str) -> pl.DataFrame:
    keys = ["indicator_id", "site_id", "period"]
    changed = checked.rows.filter(pl.col("import_status") != "unchanged")
    before = {(r["indicator_id"], r["site_id"], r["period"]): r for r in checked.stored.iter_rows(named=True)}
    records = []
    for r in changed.iter_rows(named=True):
        key = (r["indicator_id"], r["site_id"], r["period"])
        old = before.get(key)
        after = {k: r[k] for k in (*keys, *MEASURED)}
        after["version"] = (r["current_version"] or 0) + 1
        records.append(
            {
                "changed_at": at,
                "changed_by": user.user_id,
                "table_name": "measurement",
                "row_key": f"{key[0]}/{key[1]}/{key[2].isoformat()}",
                "operation": "insert" if old is None else "new_version",
                "before": to_json({k: old[k] for k in (*keys, *MEASURED, "version")} if old else None),
                "after": to_json(after),
                "reason": reason,
            }
        )
    return pl.DataFrame(records, schema=_LOG_SCHEMA)


_LOG_SCHEMA = {
    "changed_at": pl.Datetime("us"),
    "changed_by": pl.Utf8,
    "table_name": pl.Utf8,
    "row_key": pl.Utf8,
    "operation": pl.Utf8,
    "before": pl.Utf8,
    "after": pl.Utf8,
    "reason": pl.Utf8,
}


def _record_log(checked: Validated, user: User, at, reason: str) -> pl.DataFrame:
    kind = checked.kind
    key = KEYS[kind][0]
    names = [c.name for c in FORMATS[kind]]
    before = {r[key]: r for r in checked.stored.iter_rows(named=True)}
    records = []
    for r in checked.rows.filter(pl.col("import_status") != "unchanged").iter_rows(named=True):
        old = before.get(r[key])
        records.append(
            {
                "changed_at": at,
                "changed_by": user.user_id,
                "table_name": TABLES[kind],
                "row_key": r[key],
                "operation": "insert" if old is None else "update",
                "before": to_json(old),
                "after": to_json({c: r[c] for c in names}),
                "reason": reason,
            }
        )
    return pl.DataFrame(records, schema=_LOG_SCHEMA)


def write_import(
    con, checked: Validated, *, user: User, file_name: str, sha256: str, reason: str | None, source: str
) -> tuple[int, int, int]:
    """Write a validated import in a transaction of its own. Returns (import_id, rows inserted, rows updated
    or versioned)."""
    with transaction(con) as cur:
        return write_rows(cur, checked, user=user, file_name=file_name, sha256=sha256, reason=reason,
                          source=source)  # fmt: skip


def write_rows(
    cur, checked: Validated, *, user: User, file_name: str, sha256: str, reason: str | None, source: str
) -> tuple[int, int, int]:
    """Write a validated import with the cursor of an open transaction (`smqse.db.transaction`)."""
    kind, scope = checked.kind, checked.scope
    rows = checked.rows
    expected_new = rows.filter(pl.col("import_status") == "new").height
    expected_changed = rows.filter(pl.col("import_status").is_in(["new_version", "updated"])).height
    at = now()
    batch = run_in_transaction(
        cur, "ingest_batch_insert", **scope.params(), file_name=file_name, sha256=sha256,
        row_count=rows.height, imported_by=user.user_id, imported_at=at, kind=kind,
    )  # fmt: skip
    if batch.is_empty():
        raise PermissionError(f"{user.user_id} may not import into this database")
    import_id = int(batch["import_id"][0])
    _checkpoint("batch")
    trail = reason.strip() if reason and reason.strip() else f"import {import_id}: {file_name} ({source})"
    if kind == "measurements":
        frame = rows.filter(pl.col("import_status") != "unchanged").select(
            "indicator_id", "site_id", "period", "value", "numerator", "denominator", "comment"
        )
        cur.register("ingest_rows", frame)
        try:
            written = _count(
                run_in_transaction(
                    cur, "ingest_measurement_insert", **scope.params(), entered_by=user.user_id,
                    entered_at=at, import_id=import_id,
                )
            )  # fmt: skip
        finally:
            _unregister(cur, "ingest_rows")
        if written != expected_new + expected_changed:
            raise LoadError(f"{written} measurement rows written, {expected_new + expected_changed} expected")
        _checkpoint("rows")
        log = _measurement_log(checked, user, at, reason.strip()) if reason and reason.strip() else None
    else:
        names = [c.name for c in FORMATS[kind]]
        frame = rows.filter(pl.col("import_status") != "unchanged").select(
            *names, pl.col("import_status").alias("_status")
        )
        singular = SINGULAR[kind]
        cur.register("ingest_rows", frame)
        try:
            updated = _count(run_in_transaction(cur, f"ingest_{singular}_update", **scope.params()))
            _checkpoint("update")
            inserted = _count(run_in_transaction(cur, f"ingest_{singular}_insert", **scope.params()))
        finally:
            _unregister(cur, "ingest_rows")
        if (inserted, updated) != (expected_new, expected_changed):
            raise LoadError(
                f"{inserted} inserted and {updated} updated, {expected_new} and {expected_changed} expected"
            )
        _checkpoint("rows")
        log = _record_log(checked, user, at, trail)
    if log is not None and log.height:
        cur.register("ingest_log", log)
        try:
            logged = _count(run_in_transaction(cur, "ingest_change_log_insert", **scope.params()))
        finally:
            _unregister(cur, "ingest_log")
        if logged != log.height:
            raise LoadError(f"{logged} change_log rows written, {log.height} expected")
    _bump_versions(cur, checked)
    _checkpoint("change_log")
    return import_id, expected_new, expected_changed


def _bump_versions(cur, checked: Validated) -> None:
    """Move the data versions of what the import changed, in its transaction (smqse.data_version): per
    indicator for measurements, indicators and objectives (an objective moved to another indicator changes
    both), once for events and actions."""
    changed = checked.rows.filter(pl.col("import_status") != "unchanged")
    if changed.is_empty():
        return
    kind = data_version.IMPORT_KINDS[checked.kind]
    keys = list(KEYS[checked.kind])
    before = checked.stored
    if not before.is_empty() and set(keys) <= set(before.columns):
        before = before.join(changed.select(keys), on=keys, how="semi")
    ids: set[str] = set()
    for frame in (changed, before):
        if "indicator_id" in frame.columns:
            ids |= set(frame["indicator_id"].drop_nulls().to_list())
    data_version.bump(cur, kind, ids)
