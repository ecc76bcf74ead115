"""One writer, many readers, beside a running app.

The app's process is the only one holding the DuckDB file. `start_services(db_path)` (called once per
process by app.py, idempotent) starts in it:
- the command service: `python -m smqse import|export-pack|replica …` run elsewhere finds the file locked,
  sends its arguments over `<db>.sock` and the command runs here (smqse.service.server / client);
- the replica refresher: `<stem>.replica.duckdb`, a consistent copy BI tools open read-only
  (smqse.replica);
- the analysis refresher: the stored analyses recomputed after every committed write and at start
  (smqse.refresh; SMQSE_ANALYSIS_REFRESH=0 turns it off, `python -m smqse refresh` then does it).
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from smqse import db
from smqse.refresh import AnalysisRefresher, start_worker, stop_worker
from smqse.replica import ReplicaRefresher, replica_interval
from smqse.service.server import CommandService

log = logging.getLogger(__name__)


@dataclass
class Services:
    command: CommandService | None
    replica: ReplicaRefresher | None
    analyses: AnalysisRefresher | None = None
    unregister_close: Callable[[], None] = lambda: None

    def stop(self) -> None:
        self.unregister_close()
        if self.command is not None:
            self.command.stop()
        if self.replica is not None:
            self.replica.stop()
        if self.analyses is not None:
            stop_worker(self.analyses)


_lock = threading.Lock()
_started: dict[str, Services] = {}


def start_services(db_path: Path | str) -> Services:
    """Start the command service and the replica refresher for `db_path`, once per process. The process
    holds the database through `db.shared_connection(db_path)` (opened here if it is not yet)."""
    key = os.path.abspath(db_path)
    with _lock:
        running = _started.get(key)
        if running is not None:
            return running
        # Hold the file first: a process that cannot (another one holds it) must not replace its socket.
        con = db.shared_connection(db_path)
        interval = replica_interval()
        command = CommandService(Path(db_path))
        try:
            command.start()
        except OSError as exc:  # the app still works; the CLI will say the database is in use
            log.warning("command service not started on %s: %s", command.socket_path, exc)
            command = None
        replica = ReplicaRefresher(con, Path(db_path), interval) if interval > 0 else None
        if replica is not None:
            replica.start()
        analyses = start_worker(con) if analysis_refresh_enabled() else None
        _started[key] = services = Services(command, replica, analyses)
        atexit.register(stop_services, key)  # leave no socket file behind on a normal exit
        # The replica thread queries the shared connection: stop it before that connection closes.
        services.unregister_close = db.before_close(lambda: stop_services(key))
        log.info(
            "command service on %s; replica every %s s at most", command and command.socket_path, interval
        )
        return services


def analysis_refresh_enabled() -> bool:
    """`SMQSE_ANALYSIS_REFRESH=0` turns the app's analysis refresher off (the page tests; a deployment that
    runs `python -m smqse refresh` from a scheduler instead)."""
    return os.environ.get("SMQSE_ANALYSIS_REFRESH", "1").strip() != "0"


def stop_services(db_path: Path | str) -> None:
    """Stop what `start_services` started (tests, and at exit; after a crash the next start removes the
    stale socket)."""
    with _lock:
        services = _started.pop(os.path.abspath(db_path), None)
    if services is not None:
        services.stop()
