"""What the CLI and the app's command service say to each other over a Unix domain socket.

A frame is a 4-byte big-endian length then that many bytes of UTF-8 JSON. Request:
`{"argv": [...], "cwd": "/abs", "db": "/abs/smqse.duckdb", "lang": "fr"}`; reply:
`{"status": int, "stdout": str, "stderr": str}`. Both ends check the other is the same OS user
(SO_PEERCRED), so no privilege changes hands: the service reads and writes files as the caller could.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import struct
import tempfile
from pathlib import Path

MAX_REQUEST_BYTES = 64 * 1024
MAX_REPLY_BYTES = 8 * 1024 * 1024
DEFAULT_TIMEOUT_S = 300.0  # export-pack takes ~15 s; a finite bound still frees a stuck caller
_SUN_PATH_MAX = 100  # sockaddr_un holds 108 bytes on Linux, 104 on macOS


class ProtocolError(ConnectionError):
    """The other end sent something that is not a well-formed frame."""


def command_timeout() -> float:
    """`SMQSE_SERVICE_TIMEOUT` seconds a forwarded command may run (default 300)."""
    text = os.environ.get("SMQSE_SERVICE_TIMEOUT", "").strip()
    try:
        value = float(text) if text else DEFAULT_TIMEOUT_S
    except ValueError:
        raise ValueError(f"SMQSE_SERVICE_TIMEOUT={text!r} is not a number of seconds") from None
    if not 0 < value < 86_400:
        raise ValueError(f"SMQSE_SERVICE_TIMEOUT={text!r} must be between 0 and 86400 seconds")
    return value


def socket_path(db_path: Path | str) -> Path:
    """`<db path>.sock` next to the database; when that path is too long for a socket address, a
    per-user private directory in the temp folder (named from the database's absolute path)."""
    db_abs = Path(os.path.abspath(db_path))
    beside = db_abs.with_name(db_abs.name + ".sock")
    if len(os.fsencode(beside)) <= _SUN_PATH_MAX:
        return beside
    digest = hashlib.sha256(os.fsencode(db_abs)).hexdigest()[:24]
    return Path(tempfile.gettempdir()) / f"smqse-{os.geteuid()}" / f"{digest}.sock"


def private_dir(path: Path) -> None:
    """Create the fallback socket directory 0700; refuse one another user owns or others may write."""
    if path.parent == Path(tempfile.gettempdir()) / f"smqse-{os.geteuid()}":
        path.parent.mkdir(mode=0o700, exist_ok=True)
        st = path.parent.lstat()
        if st.st_uid != os.geteuid() or st.st_mode & 0o077:
            raise PermissionError(f"{path.parent} must belong to this user with mode 0700")


def peer_uid(sock: socket.socket) -> int:
    """The uid of the process at the other end of a connected Unix socket (Linux SO_PEERCRED)."""
    creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return uid


def send(sock: socket.socket, message: dict) -> None:
    data = json.dumps(message, ensure_ascii=False).encode("utf-8")
    sock.sendall(struct.pack(">I", len(data)) + data)


def receive(sock: socket.socket, limit: int) -> dict:
    (length,) = struct.unpack(">I", _exactly(sock, 4))
    if length > limit:
        raise ProtocolError(f"frame of {length} bytes exceeds the limit of {limit}")
    try:
        message = json.loads(_exactly(sock, length).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProtocolError(f"frame is not UTF-8 JSON: {exc}") from None
    if not isinstance(message, dict):
        raise ProtocolError("frame is not a JSON object")
    return message


def _exactly(sock: socket.socket, n: int) -> bytes:
    chunks, remaining = [], n
    while remaining:
        chunk = sock.recv(min(remaining, 1 << 16))
        if not chunk:
            raise ProtocolError("connection closed mid-frame")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
