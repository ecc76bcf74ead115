"""The CLI's side: send a command to the app's command service and bring back its output and status."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

from smqse.service import protocol


class ServiceUnavailable(ConnectionError):
    """No command service answered for this database (the reason is in the message)."""


@dataclass(frozen=True)
class Reply:
    status: int
    stdout: str
    stderr: str


def forward(db_path: Path | str, argv: list[str], *, lang: str, cwd: str | None = None) -> Reply:
    """Run `python -m smqse <argv>` in the process holding `db_path`. Relative paths in argv are resolved
    against `cwd` (default: this process's working directory) by the service."""
    path = protocol.socket_path(db_path)
    if not path.exists():
        raise ServiceUnavailable(f"no command service socket at {path}")
    request = {
        "argv": list(argv),
        "cwd": os.path.abspath(cwd or os.getcwd()),
        "db": os.path.abspath(db_path),
        "lang": lang,
    }
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(5)
        sock.connect(str(path))
        if protocol.peer_uid(sock) != os.geteuid():
            raise ServiceUnavailable(f"{path} is served by another user; not sending the command")
        protocol.send(sock, request)
        # A command may wait for one that overran before it, then run for the timeout itself.
        sock.settimeout(protocol.command_timeout() * 2 + 60)
        reply = protocol.receive(sock, protocol.MAX_REPLY_BYTES)
    except (OSError, protocol.ProtocolError) as exc:
        if isinstance(exc, ServiceUnavailable):
            raise
        raise ServiceUnavailable(f"{path}: {exc}") from exc
    finally:
        sock.close()
    status, out, err = reply.get("status"), reply.get("stdout"), reply.get("stderr")
    if not (isinstance(status, int) and isinstance(out, str) and isinstance(err, str)):
        raise ServiceUnavailable(f"{path}: malformed reply")
    return Reply(status, out, err)
