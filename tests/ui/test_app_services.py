"""The running app is the database's only writer: starting app.py starts the command service and the
replica, so `python -m smqse import` from another process goes through it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from smqse import db
from smqse.replica import replica_path
from smqse.service import protocol, start_services, stop_services
from tests.ui.helpers import APP, TIMEOUT, app_database, no_exception

ROOT = Path(__file__).resolve().parents[2]
GOOD = "indicateur;site;période;valeur\nQ-NC-INT;LYON;2026-09;5\n"


def test_the_app_serves_the_cli_and_writes_the_replica(demo_db_path, monkeypatch):
    monkeypatch.setenv("SMQSE_REPLICA_INTERVAL", "3600")  # the replica written at start only
    workdir = Path(tempfile.mkdtemp(prefix="smqse-app-", dir="/tmp"))
    path = workdir / "smqse.duckdb"
    shutil.copy(demo_db_path, path)
    (workdir / "mesures.csv").write_text(GOOD, encoding="utf-8")
    try:
        with app_database(path):
            at = AppTest.from_file(APP, default_timeout=TIMEOUT)
            at.query_params["user"] = "u-qse"
            at.run()
            no_exception(at)
            assert protocol.socket_path(path).is_socket()
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            done = subprocess.run(
                [sys.executable, "-m", "smqse", "--db", str(path), "import", "mesures.csv", "--lang", "en"],
                cwd=workdir, env=env, capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            assert done.returncode == 0, done.stderr
            assert "import #" in done.stdout
            held = db.shared_connection()
            rows = held.cursor().execute("SELECT count(*) FROM import_batch WHERE file_name = 'mesures.csv'")
            assert rows.fetchall() == [(1,)]
            refresher = start_services(path).replica  # the one app.py started (once per process)
            deadline = time.monotonic() + 60  # bounds a broken run; times nothing
            while refresher.builds < 1 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert replica_path(path).exists() and refresher.last_error is None
    finally:
        stop_services(path)
        shutil.rmtree(workdir, ignore_errors=True)
