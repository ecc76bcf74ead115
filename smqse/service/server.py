"""The app's command service: runs `python -m smqse …` commands for callers that cannot open the database
because the app holds it. One thread accepts connections on a Unix socket and runs one command at a time
in-process, against the app's own DuckDB instance (a second `duckdb.connect` to the same file from the
same process shares the instance instead of hitting the lock)."""

from __future__ import annotations

import logging
import os
import socket
import stat
import threading
from pathlib import Path

from smqse.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from smqse.service import protocol
from smqse.service.capture import captured_output

log = logging.getLogger(__name__)

EXIT_REFUSED = 77  # sysexits EX_NOPERM
EXIT_TIMEOUT = 124  # as timeout(1)
_MAX_OUTPUT_CHARS = 1024 * 1024  # × 3 bytes (UTF-8) × 2 streams stays under MAX_REPLY_BYTES


def allowed_peer(uid: int) -> bool:
    """Only processes of the user running the app may use it (no privilege changes hands)."""
    return uid == os.geteuid()


class CommandService:
    def __init__(self, db_path: Path, timeout: float | None = None) -> None:
        self.db_path = Path(os.path.abspath(db_path))
        self.socket_path = protocol.socket_path(self.db_path)
        self.timeout = timeout if timeout is not None else protocol.command_timeout()
        self._listener: socket.socket | None = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="smqse-command-service", daemon=True)
        self._running: threading.Thread | None = None  # a command past its timeout still runs here

    # --- life cycle ---------------------------------------------------------------------------------

    def start(self) -> None:
        path = self.socket_path
        protocol.private_dir(path)
        try:
            if stat.S_ISSOCK(path.lstat().st_mode):
                path.unlink()  # left by a process that died: this one holds the database now
            else:
                raise FileExistsError(f"{path} exists and is not a socket; remove it")
        except FileNotFoundError:
            pass
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(str(path))
        os.chmod(path, 0o600)  # with the usual umask 022 it was 0755: no one else could connect anyway
        listener.listen(8)
        listener.settimeout(0.5)  # to notice stop()
        self._listener = listener
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(5)
        if self._listener is not None:
            self._listener.close()
        try:
            if stat.S_ISSOCK(self.socket_path.lstat().st_mode):
                self.socket_path.unlink()
        except FileNotFoundError:
            pass

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                if self._stopping.is_set():
                    return
                raise
            with conn:
                try:
                    self._handle(conn)
                except Exception as exc:  # a broken caller must not stop the service
                    log.warning("command service: %s", exc)

    # --- one request --------------------------------------------------------------------------------

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        # Read (bounded) before judging, so that a refused caller gets the reason rather than a broken pipe.
        request = protocol.receive(conn, protocol.MAX_REQUEST_BYTES)
        argv, cwd, lang = request.get("argv"), request.get("cwd"), request.get("lang")
        lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        if not allowed_peer(protocol.peer_uid(conn)):
            protocol.send(conn, _reply(EXIT_REFUSED, err=t("service.refused_user", lang)))
            return
        if not (
            isinstance(argv, list)
            and all(isinstance(a, str) for a in argv)
            and isinstance(cwd, str)
            and os.path.isabs(cwd)
        ):
            protocol.send(conn, _reply(2, err=t("service.bad_request", lang)))
            return
        if not _same_file(request.get("db"), self.db_path):
            protocol.send(conn, _reply(2, err=t("service.other_database", lang, path=self.db_path)))
            return
        conn.settimeout(self.timeout * 2 + 30)
        protocol.send(conn, self._run(argv, cwd, lang))

    def _run(self, argv: list[str], cwd: str, lang: str) -> dict:
        if self._running is not None and self._running.is_alive():
            self._running.join(self.timeout)  # the previous command overran: let it finish first
            if self._running.is_alive():
                return _reply(EXIT_TIMEOUT, err=t("service.busy", lang))
        result: dict = {}
        worker = threading.Thread(
            target=self._run_captured, args=(argv, cwd, result), name="smqse-command", daemon=True
        )
        self._running = worker
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive():
            return _reply(EXIT_TIMEOUT, err=t("service.timeout", lang, seconds=round(self.timeout)))
        return result["reply"]

    def _run_captured(self, argv: list[str], cwd: str, result: dict) -> None:
        from smqse.cli import run_forwarded  # the CLI imports this package's client: import late

        with captured_output() as (out, err):
            try:
                status = run_forwarded(argv, cwd=cwd, db_path=self.db_path)
            except SystemExit as exc:  # argparse and the commands' one-line refusals
                status = _exit_status(exc, err)
            except BaseException as exc:
                print(f"smqse: {type(exc).__name__}: {exc}", file=err)
                status = 1
        result["reply"] = _reply(status, out.getvalue(), err.getvalue())


def _exit_status(exc: SystemExit, err) -> int:
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=err)
    return 1


def _same_file(given: object, db_path: Path) -> bool:
    if not isinstance(given, str):
        return False
    try:
        return os.path.samefile(given, db_path)
    except OSError:
        return False


def _reply(status: int, out: str = "", err: str = "") -> dict:
    def bounded(text: str) -> str:
        if len(text) <= _MAX_OUTPUT_CHARS:
            return text
        return text[:_MAX_OUTPUT_CHARS] + f"\n… ({len(text) - _MAX_OUTPUT_CHARS} characters more not sent)\n"

    if err and not err.endswith("\n"):
        err += "\n"
    return {"status": status, "stdout": bounded(out), "stderr": bounded(err)}
