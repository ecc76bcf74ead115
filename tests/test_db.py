"""Schema creation and migration."""

import duckdb
import pytest

from smqse import db


def test_new_database_is_at_the_latest_version(tmp_path):
    con = db.connect(tmp_path / "new.duckdb")
    assert db.schema_version(con) == db.latest_schema_version()
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    for table in [
        "site", "process", "app_user", "user_scope", "indicator", "measurement", "objective", "cause",
        "event", "action", "audit", "review", "review_decision", "anomaly_note", "import_batch", "change_log",
    ]:  # fmt: skip
        assert table in tables
    con.close()


def test_opening_an_older_database_upgrades_it(tmp_path, monkeypatch):
    path = tmp_path / "old.duckdb"
    # A database at the current version, then a release that ships one more migration.
    db.connect(path).close()
    current = db.latest_schema_version()
    later = tmp_path / "migrations"
    later.mkdir()
    for _, migration in db.migrations():
        (later / migration.name).write_text(migration.read_text())
    (later / f"{current + 1:04d}_test_column.sql").write_text("ALTER TABLE site ADD COLUMN region VARCHAR;")
    monkeypatch.setattr(db, "MIGRATIONS_DIR", later)
    con = db.connect(path)
    assert db.schema_version(con) == current + 1
    assert "region" in {r[0] for r in con.execute("DESCRIBE site").fetchall()}
    con.close()


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "old.duckdb"
    db.connect(path).close()
    current = db.latest_schema_version()
    later = tmp_path / "migrations"
    later.mkdir()
    for _, migration in db.migrations():
        (later / migration.name).write_text(migration.read_text())
    (later / f"{current + 1:04d}_broken.sql").write_text(
        "ALTER TABLE site ADD COLUMN region VARCHAR; SELECT nonsense FROM nowhere;"
    )
    monkeypatch.setattr(db, "MIGRATIONS_DIR", later)
    with pytest.raises(duckdb.Error):
        db.connect(path)
    con = db.connect(path, read_only=True)
    assert db.schema_version(con) == current
    assert "region" not in {r[0] for r in con.execute("DESCRIBE site").fetchall()}
    con.close()


def test_run_in_transaction_is_undone_by_a_rollback(tmp_path):
    con = db.connect(tmp_path / "t.duckdb")
    with pytest.raises(RuntimeError), db.transaction(con) as cur:
        db.run_in_transaction(cur, "scope_catalogue")  # a named query runs on the transaction's cursor
        cur.execute("INSERT INTO site VALUES ('X', 'Site X', 'FR', 1)")
        raise RuntimeError("crash mid-way")
    assert con.execute("SELECT count(*) FROM site").fetchall()[0][0] == 0
    con.close()


def _measurement(con, value: float, version: int, entered_at: str, period: str = "2026-09-01") -> None:
    con.execute(
        "INSERT INTO measurement (indicator_id, site_id, period, value, version, entered_at) "
        "VALUES ('Q-X', 'LYON', $period, $value, $version, $entered_at)",
        {"period": period, "value": value, "version": version, "entered_at": entered_at},
    )


def test_migration_3_renumbers_duplicate_versions_keeping_every_row(tmp_path):
    # A database written before the key (schema 2), where two writers both stored version 2 of a value.
    path = tmp_path / "v2.duckdb"
    con = duckdb.connect(str(path))
    assert db.migrate(con, up_to=2) == 2
    _measurement(con, 10.0, 1, "2026-10-01 09:00:00")
    _measurement(con, 30.0, 2, "2026-10-05 09:00:01")  # entered last: must become the current value
    _measurement(con, 20.0, 2, "2026-10-05 09:00:00")
    _measurement(con, 5.0, 1, "2026-10-01 09:00:00", period="2026-08-01")  # same value twice, same time
    _measurement(con, 5.0, 1, "2026-10-01 09:00:00", period="2026-08-01")
    _measurement(con, 7.0, 1, "2026-10-01 09:00:00", period="2026-07-01")  # no duplicate: untouched
    _measurement(con, 8.0, 3, "2026-10-02 09:00:00", period="2026-07-01")
    con.close()

    con = db.connect(path)
    assert db.schema_version(con) == db.latest_schema_version()
    rows = con.execute(
        "SELECT period::VARCHAR, version, value FROM measurement ORDER BY period, version"
    ).fetchall()
    assert rows == [
        ("2026-07-01", 1, 7.0), ("2026-07-01", 3, 8.0),
        ("2026-08-01", 1, 5.0), ("2026-08-01", 2, 5.0),
        ("2026-09-01", 1, 10.0), ("2026-09-01", 2, 20.0), ("2026-09-01", 3, 30.0),
    ]  # fmt: skip
    current = con.execute("SELECT period::VARCHAR, value FROM measurement_current ORDER BY period").fetchall()
    assert current == [("2026-07-01", 8.0), ("2026-08-01", 5.0), ("2026-09-01", 30.0)]
    with pytest.raises(duckdb.ConstraintException):
        _measurement(con, 99.0, 3, "2026-10-06 09:00:00")  # the key now holds
    con.close()


def test_a_commit_refused_for_a_concurrent_write_is_reported_as_such(tmp_path):
    # DuckDB ends a transaction whose COMMIT fails; the error must not become "cannot rollback".
    con = db.connect(tmp_path / "t.duckdb")
    other = con.cursor()
    with pytest.raises(duckdb.TransactionException) as refused, db.transaction(con) as cur:
        cur.execute(
            "INSERT INTO measurement (indicator_id, site_id, period, version) VALUES ('Q', 'S', '2026-09-01', 1)"
        )
        other.execute(
            "INSERT INTO measurement (indicator_id, site_id, period, version) VALUES ('Q', 'S', '2026-09-01', 1)"
        )
    assert db.is_write_conflict(refused.value), refused.value
    assert con.execute("SELECT count(*) FROM measurement").fetchall() == [(1,)]
    con.close()


def test_retry_on_conflict_retries_then_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(db, "_RETRY_PAUSE_S", 0.0)
    calls = []

    def lose(times: int):
        def write():
            calls.append(1)
            if len(calls) <= times:
                raise duckdb.TransactionException("TransactionContext Error: Conflict on update!")
            return "written"

        return write

    assert db.retry_on_conflict(lose(2)) == "written" and len(calls) == 3
    calls.clear()
    with pytest.raises(db.WriteConflict):
        db.retry_on_conflict(lose(3))
    assert len(calls) == db.WRITE_ATTEMPTS
    with pytest.raises(duckdb.ConstraintException):  # not a race: raised at once
        db.retry_on_conflict(
            lambda: (_ for _ in ()).throw(duckdb.ConstraintException("CHECK constraint failed"))
        )


def _placeholder(column_type: str) -> str:
    """A value of a stored column's type, for a row that only has to exist."""
    if column_type == "DATE":
        return "DATE '2026-10-01'"
    if column_type.startswith("TIMESTAMP"):
        return "now()"
    return "0" if column_type in {"BIGINT", "DOUBLE", "INTEGER", "BOOLEAN"} else "'x'"


def test_the_seasonal_method_change_deletes_what_the_old_methods_stored(tmp_path):
    """Migration 0011: drift verdicts and anomaly flags stored by the former seasonal methods are deleted, so
    the refresh recomputes them (a missing stored row is stale) with the one decomposition the pages name."""
    con = duckdb.connect(str(tmp_path / "stored.duckdb"))
    db.migrate(con, up_to=10)
    derived = ["anomaly_flag", "anomaly_series_state", "drift_result", "drift_site_gap"]
    for table in derived:
        columns = con.execute(f"DESCRIBE {table}").fetchall()  # name, type, null ("YES"/"NO"), …
        values = ", ".join("NULL" if null == "YES" else _placeholder(kind) for _, kind, null, *_ in columns)
        con.execute(f"INSERT INTO {table} VALUES ({values})")
    count = "SELECT (SELECT count(*) FROM anomaly_flag) + (SELECT count(*) FROM anomaly_series_state) + "
    count += "(SELECT count(*) FROM drift_result) + (SELECT count(*) FROM drift_site_gap)"
    assert con.execute(count).fetchall()[0][0] == 4
    db.migrate(con)
    assert db.schema_version(con) >= 11
    assert con.execute(count).fetchall()[0][0] == 0
    con.close()
