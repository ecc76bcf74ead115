"""A real SMTP server for the notify tests: aiosmtpd on 127.0.0.1, on a free port, keeping what it accepts.

`refuse_rcpt` answers 550 to those addresses; `drop_after` closes the connection on the DATA of the message
after that many accepted; `stall_after` waits `stall_seconds` before answering (the client times out).
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


@dataclass
class Handler:
    received: list[Received] = field(default_factory=list)
    refuse_rcpt: set[str] = field(default_factory=set)
    drop_after: int | None = None
    stall_after: int | None = None
    stall_seconds: float = 3.0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse_rcpt:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.drop_after is not None and len(self.received) >= self.drop_after:
            server.transport.close()  # the connection drops mid-run, nothing accepted
            return "421 4.3.0 closing"
        if self.stall_after is not None and len(self.received) >= self.stall_after:
            await asyncio.sleep(self.stall_seconds)
            return "451 4.3.0 too late"
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"


class SmtpServer:
    def __init__(self, handler: Handler | None = None) -> None:
        self.handler = handler or Handler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def environ(self, **extra: str) -> dict[str, str]:
        return {
            "SMQSE_SMTP_HOST": "127.0.0.1",
            "SMQSE_SMTP_PORT": str(self.port),
            "SMQSE_SMTP_SENDER": "SMQSE <smqse@durand-industrie.example>",
            "SMQSE_SMTP_TLS": "none",
            "SMQSE_BASE_URL": "https://smqse.durand-industrie.example/",
            **extra,
        }

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()
