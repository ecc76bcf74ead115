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
