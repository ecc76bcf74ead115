"""One writer, many readers, beside a running app.

The app's process is the only one holding the DuckDB file. `start_services(db_path)` (called once per
process by app.py, idempotent) starts in it:
- the command service: `python -m smqse import|export-pack|replica …` run elsewhere finds the file locked,
  sends its arguments over `<db>.sock` and the command runs here (smqse.service.server / client);
- the replica refresher: `<stem>.replica.duckdb`, a consistent copy BI tools open read-only
  (smqse.replica).
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from smqse import db
from smqse.replica import ReplicaRefresher, replica_interval
from smqse.service.server import CommandService

log = logging.getLogger(__name__)


@dataclass
class Services:
    command: CommandService | None
    replica: ReplicaRefresher | None

    def stop(self) -> None:
        if self.command is not None:
            self.command.stop()
        if self.replica is not None:
            self.replica.stop()


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
        _started[key] = services = Services(command, replica)
        atexit.register(stop_services, key)  # leave no socket file behind on a normal exit
        log.info(
            "command service on %s; replica every %s s at most", command and command.socket_path, interval
        )
        return services


def stop_services(db_path: Path | str) -> None:
    """Stop what `start_services` started (tests, and at exit; after a crash the next start removes the
    stale socket)."""
    with _lock:
        services = _started.pop(os.path.abspath(db_path), None)
    if services is not None:
        services.stop()
