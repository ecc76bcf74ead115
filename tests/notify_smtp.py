"""A real SMTP server for the notify tests: aiosmtpd on 127.0.0.1, on a free port, keeping what it accepts.

`refuse_rcpt` answers 550 to those addresses; `drop_after` closes the connection on the DATA of the message
after that many accepted; `stall_after` waits `stall_seconds` before answering (the client times out).
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


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


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key (PEM files), for a STARTTLS server the client can verify."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "smtp-cert.pem", directory / "smtp-key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


class SmtpServer:
    """`tls=(cert, key)`: STARTTLS required, and sign-in with `login` (only over TLS, aiosmtpd's default)."""

    def __init__(
        self,
        handler: Handler | None = None,
        *,
        tls: tuple[Path, Path] | None = None,
        login: tuple[str, str] | None = None,
    ) -> None:
        self.handler = handler or Handler()
        self.port = free_port()
        self.logins: list[str] = []
        options: dict = {}
        if tls is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*tls)
            options |= {"tls_context": context, "require_starttls": True}
        if login is not None:
            options |= {"authenticator": self._authenticator(login), "auth_required": True}
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **options)

    def _authenticator(self, expected: tuple[str, str]):
        def check(server, session, envelope, mechanism, auth_data) -> AuthResult:
            given = (auth_data.login.decode(), auth_data.password.decode())
            self.logins.append(given[0])
            return AuthResult(success=given == expected)

        return check

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
