"""The read replica: consistent, replaced atomically, readable from another process while the app holds the
database, refreshed after committed writes at most once per interval."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pytest

from smqse import db, replica
from smqse.service import start_services, stop_services

ROOT = Path(__file__).resolve().parent.parent


def _read_in_subprocess(path: Path, sql: str) -> str:
    code = (
        "import duckdb, sys\n"
        "con = duckdb.connect(sys.argv[1], read_only=True)\n"
        "print(con.execute(sys.argv[2]).fetchall()[0][0])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), sql], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _add_site(con: duckdb.DuckDBPyConnection, site_id: str) -> None:
    with db.transaction(con) as cur:
        cur.execute(
            "INSERT INTO site SELECT * REPLACE ($id AS site_id) FROM site ORDER BY site_id LIMIT 1",
            {"id": site_id},
        )


def _sites(con: duckdb.DuckDBPyConnection) -> int:
    return con.cursor().execute("SELECT count(*) FROM site").fetchall()[0][0]


def _wait_for(condition, what: str, limit_s: float = 60.0) -> None:
    """Wait for a background thread; the limit only bounds a broken run, it times nothing."""
    deadline = time.monotonic() + limit_s
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"still waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def held(demo_db_path, monkeypatch):
    """The database held read-write by this process, as the app holds it."""
    monkeypatch.setenv("SMQSE_REPLICA_INTERVAL", "0")
    workdir = Path(tempfile.mkdtemp(prefix="smqse-rep-", dir="/tmp"))
    path = workdir / "smqse.duckdb"
    shutil.copy(demo_db_path, path)
    holder = db.shared_connection(path)
    yield path, holder
    stop_services(path)
    holder.close()
    db._connections.pop(str(path), None)
    shutil.rmtree(workdir, ignore_errors=True)


def test_replica_path_is_beside_the_database():
    assert replica.replica_path(Path("data/smqse.duckdb")) == Path("data/smqse.replica.duckdb")


def test_interval_setting(monkeypatch):
    monkeypatch.delenv("SMQSE_REPLICA_INTERVAL", raising=False)
    assert replica.replica_interval() == 60
    monkeypatch.setenv("SMQSE_REPLICA_INTERVAL", "0")
    assert replica.replica_interval() == 0
    for wrong in ("-1", "soon", "inf"):
        monkeypatch.setenv("SMQSE_REPLICA_INTERVAL", wrong)
        with pytest.raises(ValueError, match="SMQSE_REPLICA_INTERVAL"):
            replica.replica_interval()


def test_replica_is_readable_from_another_process_and_follows_a_rebuild(held):
    path, holder = held
    target = replica.build_replica(holder, path)
    # The holder keeps the database file; another process still opens the replica (read-only).
    assert _read_in_subprocess(target, "SELECT count(*) FROM site") == str(_sites(holder))
    assert int(_read_in_subprocess(target, "SELECT count(*) FROM measurement_current")) > 0  # views too
    open_before = duckdb.connect(str(target), read_only=True)  # an analyst's session left open
    before = _sites(open_before)
    _add_site(holder, "ZZ-NEW")
    replica.build_replica(holder, path)
    assert _read_in_subprocess(target, "SELECT count(*) FROM site") == str(before + 1)
    # The open session still reads the file it opened (the old inode), whole, until it reconnects.
    assert _sites(open_before) == before
    open_before.close()


def test_the_replica_appears_only_once_complete(held, monkeypatch):
    path, holder = held
    target = replica.replica_path(path)
    seen = []
    real_replace = os.replace

    def checking_replace(src, dst):
        # At the moment of the swap the new file is a complete database on its own: no WAL beside it.
        assert Path(dst) == target and Path(src) != target
        assert not Path(str(src) + ".wal").exists()
        con = duckdb.connect(str(src), read_only=True)
        seen.append(_sites(con))
        con.close()
        real_replace(src, dst)

    monkeypatch.setattr(replica.os, "replace", checking_replace)
    replica.build_replica(holder, path)
    assert seen == [_sites(holder)]


def test_a_failed_build_leaves_the_previous_replica_whole(held, monkeypatch):
    path, holder = held
    target = replica.build_replica(holder, path)
    before = target.read_bytes()
    _add_site(holder, "ZZ-NEW")

    def failing_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(replica.os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        replica.build_replica(holder, path)
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir() if ".replica." in p.name) == [target.name]
    assert "smqse_replica_build" not in {
        r[0] for r in holder.cursor().execute("SELECT database_name FROM duckdb_databases()").fetchall()
    }


def test_replica_command_through_the_app(held):
    path, holder = held
    start_services(path)
    _add_site(holder, "ZZ-CLI")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "smqse", "--db", str(path), "replica", "--lang", "en"],
        capture_output=True, text=True, timeout=120, env=env, cwd=path.parent,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"read-only replica written: {replica.replica_path(path)}")
    target = replica.replica_path(path)
    assert _read_in_subprocess(target, "SELECT count(*) FROM site WHERE site_id = 'ZZ-CLI'") == "1"


def test_the_app_refreshes_the_replica_after_a_commit(held, monkeypatch):
    path, holder = held
    monkeypatch.setenv("SMQSE_REPLICA_INTERVAL", "0.05")
    services = start_services(path)
    refresher = services.replica
    _wait_for(lambda: refresher.builds >= 1, "the replica written at start")
    _add_site(holder, "ZZ-LIVE")
    target = replica.replica_path(path)
    _wait_for(
        lambda: (
            refresher.builds >= 2
            and _read_in_subprocess(target, "SELECT count(*) FROM site") == str(_sites(holder))
        ),
        "the replica refreshed after the commit",
    )
    assert refresher.last_error is None


def test_refreshes_are_spaced_by_the_interval(held, monkeypatch):
    path, holder = held
    monkeypatch.setenv("SMQSE_REPLICA_INTERVAL", "3600")
    refresher = start_services(path).replica
    _wait_for(lambda: refresher.builds >= 1, "the replica written at start")
    _add_site(holder, "ZZ-ONE")
    _add_site(holder, "ZZ-TWO")
    time.sleep(0.5)  # a refresh would start at once if commits were not debounced
    assert refresher.builds == 1


def test_no_automatic_replica_when_the_interval_is_zero(held):
    path, _ = held
    assert start_services(path).replica is None
    assert not replica.replica_path(path).exists()
