"""One writer, many readers: this test process plays the app (it holds the database file read-write with the
command service running); `python -m smqse …` in subprocesses goes through the service."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from smqse import db
from smqse.cli import main, run_forwarded
from smqse.service import client, protocol, server, start_services, stop_services
from smqse.service.capture import captured_output

ROOT = Path(__file__).resolve().parent.parent
GOOD = "indicateur;site;période;valeur\nQ-NC-INT;LYON;2026-09;5\nQ-NC-INT;ROUEN;2026-09;6\n"


def _smqse(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("SMQSE_DB", None)
    for name in [n for n in env if n.startswith("SMQSE_SMTP_")]:
        env.pop(name)  # a caller's e-mail settings: the app's are the ones used (test of notify below)
    return subprocess.run(
        [sys.executable, "-m", "smqse", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    cur = con.cursor()
    try:
        return cur.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    finally:
        cur.close()


@pytest.fixture
def workdir(tmp_path_factory):
    """A short directory, so that the socket sits beside the database as in production."""
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="smqse-svc-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def app_db(demo_db_path, workdir, monkeypatch):
    """The database held as the app holds it (shared connection), without the automatic replica."""
    monkeypatch.setenv("SMQSE_REPLICA_INTERVAL", "0")
    path = workdir / "smqse.duckdb"
    shutil.copy(demo_db_path, path)
    holder = db.shared_connection(path)
    yield path, holder
    stop_services(path)
    holder.close()
    db._connections.pop(str(path), None)


@pytest.fixture
def served(app_db):
    path, holder = app_db
    services = start_services(path)
    assert services.command.socket_path == Path(str(path) + ".sock")
    return path, holder


# --- the lock and the in-process connection -----------------------------------------------------------


def test_lock_conflict_is_recognised_by_duckdbs_words():
    message = 'IO Error: Could not set lock on file "/x.duckdb": Conflicting lock is held in python (PID 7).'
    assert db.is_lock_conflict(duckdb.IOException(message))
    assert not db.is_lock_conflict(duckdb.IOException("IO Error: No space left on device"))
    assert not db.is_lock_conflict(ValueError(message))


def test_connect_in_the_holding_process_shares_the_instance(app_db):
    path, holder = app_db
    con = db.connect(path)  # what the CLI does when the service runs it: no lock conflict in-process
    with db.transaction(con) as cur:
        cur.execute("CREATE TABLE probe AS SELECT 42 AS x")
    con.close()
    assert _count(holder, "probe") == 1  # same instance, and the holder survives the other one's close


# --- commands through the service ---------------------------------------------------------------------


def test_import_from_another_process_goes_through_the_app(served, workdir):
    path, holder = served
    before = _count(holder, "import_batch")
    (workdir / "in").mkdir()
    (workdir / "in" / "mesures.csv").write_text(GOOD, encoding="utf-8")
    done = _smqse(
        "--db", str(path), "import", "mesures.csv", "--user", "u-qse", "--lang", "en", cwd=workdir / "in"
    )
    assert done.returncode == 0, done.stderr
    assert "mesures.csv (measurements): 2 rows" in done.stdout and "import #" in done.stdout
    assert _count(holder, "import_batch") == before + 1
    who = holder.cursor().execute("SELECT imported_by FROM import_batch ORDER BY import_id DESC LIMIT 1")
    assert who.fetchall() == [("u-qse",)]


def test_refusals_and_exit_status_are_relayed(served, workdir):
    path, holder = served
    (workdir / "bad.csv").write_text(GOOD.replace("2026-09;5", "2026-13;5"), encoding="utf-8")
    done = _smqse("--db", str(path), "import", "bad.csv", cwd=workdir)
    assert done.returncode == 1
    assert "bad.csv, ligne 2, colonne « période »" in done.stderr
    done = _smqse("--db", str(path), "import", "bad.csv", "--user", "u-nobody", cwd=workdir)
    assert done.returncode == 1 and done.stderr.strip().splitlines() == [
        "smqse: utilisateur « u-nobody » inconnu"
    ]


def test_export_pack_writes_into_the_callers_relative_directory(served, workdir):
    path, _ = served
    done = _smqse(
        "--db",
        str(path),
        "export-pack",
        "--as-of",
        "2026-09",
        "--out",
        "pack",
        "--formats",
        "xlsx",
        cwd=workdir,
    )
    assert done.returncode == 0, done.stderr
    written = [Path(line) for line in done.stdout.splitlines()]
    assert written and all(p.parent == workdir / "pack" and p.exists() for p in written)


def test_rebuilding_a_database_in_use_is_refused_without_deleting_it(served, workdir):
    path, holder = served
    inode = path.stat().st_ino
    done = _smqse("--db", str(path), "init", "--demo", "--force", cwd=workdir)
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1
    assert "init" in done.stderr
    assert path.stat().st_ino == inode and _count(holder, "site") > 0


def test_the_service_runs_only_commands_meant_for_it(app_db):
    path, _ = app_db
    with pytest.raises(SystemExit, match="init"):
        run_forwarded(["init", "--demo", "--force"], cwd="/", db_path=path)


def test_a_peer_of_another_user_is_refused(served, workdir, monkeypatch):
    path, holder = served
    assert server.allowed_peer(os.geteuid())
    assert not server.allowed_peer(os.geteuid() + 1)
    (workdir / "mesures.csv").write_text(GOOD, encoding="utf-8")
    before = _count(holder, "import_batch")
    monkeypatch.setattr(protocol, "peer_uid", lambda sock: os.geteuid() + 1)  # the caller looks foreign
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(30)
    sock.connect(str(protocol.socket_path(path)))
    protocol.send(
        sock, {"argv": ["import", "mesures.csv"], "cwd": str(workdir), "db": str(path), "lang": "en"}
    )
    reply = protocol.receive(sock, protocol.MAX_REPLY_BYTES)
    sock.close()
    assert reply["status"] == server.EXIT_REFUSED and "refused" in reply["stderr"]
    assert _count(holder, "import_batch") == before


def test_the_client_does_not_talk_to_another_users_service(served, monkeypatch):
    path, _ = served
    monkeypatch.setattr(protocol, "peer_uid", lambda sock: os.geteuid() + 1)
    with pytest.raises(client.ServiceUnavailable, match="another user"):
        client.forward(path, ["replica"], lang="en")


def test_a_request_for_another_database_is_refused(served, workdir):
    path, _ = served
    other = workdir / "other.duckdb"
    db.connect(other).close()
    with pytest.raises(client.ServiceUnavailable):  # no socket beside the other file
        client.forward(other, ["replica"], lang="en")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(30)
    sock.connect(str(protocol.socket_path(path)))
    protocol.send(sock, {"argv": ["replica"], "cwd": str(workdir), "db": str(other), "lang": "en"})
    reply = protocol.receive(sock, protocol.MAX_REPLY_BYTES)
    sock.close()
    assert reply["status"] == 2 and "only serves" in reply["stderr"]


def test_an_oversized_request_is_refused_and_the_service_goes_on(served, workdir):
    path, _ = served
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(30)
    sock.connect(str(protocol.socket_path(path)))
    sock.sendall((protocol.MAX_REQUEST_BYTES + 1).to_bytes(4, "big"))
    assert sock.recv(1) == b""  # closed without running anything
    sock.close()
    assert client.forward(path, ["replica", "--lang", "en"], lang="en").status == 0


def test_a_command_past_the_timeout_returns_an_error(app_db, monkeypatch):
    path, _ = app_db
    release = threading.Event()
    monkeypatch.setattr("smqse.cli.run_forwarded", lambda argv, cwd, db_path: release.wait(30) and 0)
    service = server.CommandService(path, timeout=0.2)
    service.start()
    try:
        reply = client.forward(path, ["replica"], lang="en")
    finally:
        release.set()
        service.stop()
    assert reply.status == server.EXIT_TIMEOUT and "goes on inside the app" in reply.stderr


def test_without_a_service_the_cli_says_in_one_line_that_the_database_is_in_use(app_db, workdir):
    path, _ = app_db  # held, but no service started
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(protocol.socket_path(path)))  # a socket file left by a process that died
    stale.close()
    (workdir / "mesures.csv").write_text(GOOD, encoding="utf-8")
    for args in (["import", "mesures.csv", "--lang", "en"], ["replica", "--lang", "en"]):
        done = _smqse("--db", str(path), *args, cwd=workdir)
        assert done.returncode == 1 and done.stdout == ""
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "is in use by another process" in lines[0], done.stderr


def test_a_stale_socket_is_replaced_at_start(app_db):
    path, _ = app_db
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(protocol.socket_path(path)))
    stale.close()
    services = start_services(path)
    assert start_services(path) is services  # once per process
    assert client.forward(path, ["replica", "--lang", "en"], lang="en").status == 0
    assert oct(protocol.socket_path(path).stat().st_mode & 0o777) == "0o600"


def test_a_second_process_that_cannot_hold_the_database_leaves_the_service_alone(served, workdir):
    path, _ = served
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = "import sys\nfrom smqse.service import start_services\nstart_services(sys.argv[1])\n"
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=workdir,
    )
    assert done.returncode != 0 and "Could not set lock" in done.stderr
    assert client.forward(path, ["replica", "--lang", "en"], lang="en").status == 0  # still served


def test_the_app_starts_even_when_the_socket_cannot_be_made(app_db, caplog):
    path, holder = app_db
    protocol.socket_path(path).mkdir()  # something that is not a socket is in the way
    services = start_services(path)
    assert services.command is None and "command service not started" in caplog.text
    assert protocol.socket_path(path).is_dir()  # left as it was


def test_a_long_database_path_gets_a_private_socket(tmp_path):
    long = tmp_path / ("d" * 120) / "smqse.duckdb"
    path = protocol.socket_path(long)
    assert len(os.fsencode(path)) <= 100 and path.parent.name == f"smqse-{os.geteuid()}"
    assert protocol.socket_path(long) == path and protocol.socket_path(long.with_name("x.duckdb")) != path


# --- captured output ----------------------------------------------------------------------------------


def test_capture_takes_only_the_capturing_threads_output(capsys):
    def other_thread():
        print("from the web server")

    with captured_output() as (out, err):
        print("from the command")
        print("a problem", file=sys.stderr)
        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
    assert out.getvalue() == "from the command\n" and err.getvalue() == "a problem\n"
    assert "from the web server" in capsys.readouterr().out


def test_main_without_a_lock_conflict_runs_directly(app_db, capsys, monkeypatch):
    path, _ = app_db  # this process holds it: main() opens it in-process, no forwarding needed
    monkeypatch.setenv("SMQSE_DB", str(path))  # main() sets it; restored after the test
    assert main(["--db", str(path), "replica", "--lang", "en"]) == 0
    assert "read-only replica written" in capsys.readouterr().out


# --- the stored analyses (issue 14) -------------------------------------------------------------------


def test_the_app_refreshes_its_analyses_unless_told_not_to(app_db, monkeypatch):
    path, _ = app_db
    services = start_services(path)
    assert services.analyses is not None  # started with the app: a refresh at start and after each write
    stop_services(path)
    monkeypatch.setenv("SMQSE_ANALYSIS_REFRESH", "0")
    assert start_services(path).analyses is None


def test_refresh_from_another_process_goes_through_the_app(app_db, workdir, monkeypatch):
    monkeypatch.setenv("SMQSE_ANALYSIS_REFRESH", "0")  # the command, not the app's own worker, computes
    path, holder = app_db
    start_services(path)
    done = _smqse("--db", str(path), "refresh", "--as-of", "2026-10", "--lang", "en", cwd=workdir)
    assert done.returncode == 0, done.stderr
    assert " recomputed, " in done.stdout and "2026-10" in done.stdout
    assert _count(holder, "drift_result") > 0
    assert " re-scanned, " in done.stdout  # and the anomaly scan, in the same refresh
    assert _count(holder, "anomaly_series_state") > 0


def test_notify_from_a_scheduler_goes_through_the_app_with_the_apps_settings(served, workdir, monkeypatch):
    """While the app runs, `notify` runs inside it: the SMTP settings are the app's (its environment or its
    .streamlit/secrets.toml), not the scheduler's; a --preview directory is the caller's."""
    from tests.notify_smtp import SmtpServer

    path, holder = served
    monkeypatch.chdir(workdir)  # the app's working directory: no .streamlit/secrets.toml there
    with SmtpServer() as smtp:
        for name, value in smtp.environ().items():
            monkeypatch.setenv(name, value)  # the app's environment; the caller below has none of them
        (workdir / "caller").mkdir()
        shown = _smqse("--db", str(path), "notify", "--as-of", "2026-12-03", "--preview", "mails",
                       cwd=workdir / "caller")  # fmt: skip
        assert shown.returncode == 0, shown.stderr
        assert len(list((workdir / "caller" / "mails").glob("*.html"))) == 11
        done = _smqse("--db", str(path), "notify", "--as-of", "2026-12-03", "--lang", "en", cwd=workdir)
    assert done.returncode == 0, done.stderr
    assert "11 messages sent" in done.stdout
    assert len(smtp.received) == 11 and _count(holder, "notification") > 11
