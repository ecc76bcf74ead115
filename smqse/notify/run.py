"""A run of `python -m smqse notify`: for each user, their reminders and digest at day `on` (smqse.reminders),
minus the kinds they opted out of and the items already sent; one message per user; each item recorded in
`notification` once the SMTP server accepted its message.

Delivery is at least once: the items of a message are recorded in one transaction right after the server
accepted it, so a failure before that leaves them all to the next run (nothing lost); a crash between the
acceptance and the record (rare) would send that message again, never drop it. An SMTP failure on one
message (4xx/5xx reply) leaves it to the next run and the run goes on with the next user; a lost connection
(refused, dropped, timeout) stops the run: every message not sent yet is left to the next run.
"""

from __future__ import annotations

import re
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage

import duckdb

from smqse.db import run_in_transaction, run_query, transaction
from smqse.i18n import normalise_language
from smqse.notify.compose import Recipient, build_message
from smqse.notify.settings import SmtpSettings
from smqse.reminders import (
    MONTHLY_DIGEST,
    Digest,
    Reminder,
    ScorecardCache,
    compute_digest,
    compute_reminders,
)

# A plain address: no display name, no spaces or line breaks (a header could not carry them safely).
_ADDRESS = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")


@dataclass(frozen=True)
class Outgoing:
    """What one user is due to receive in this run (already filtered: opt-outs, items sent before)."""

    recipient: Recipient
    reminders: list[Reminder]
    digest: Digest | None

    @property
    def items(self) -> list[tuple[str, str]]:
        """(kind, item_key) of everything the message carries."""
        found = [(r.kind, r.item_key) for r in self.reminders]
        return found + ([(MONTHLY_DIGEST, self.digest.item_key)] if self.digest else [])


@dataclass
class RunResult:
    sent: list[Outgoing] = field(default_factory=list)
    unsent: list[Outgoing] = field(default_factory=list)
    no_address: list[Outgoing] = field(default_factory=list)
    error: str | None = None  # the first SMTP failure, in words

    @property
    def ok(self) -> bool:
        return not self.unsent


def is_valid_address(email: str | None) -> bool:
    return bool(email) and _ADDRESS.match(email.strip()) is not None


def plan(con: duckdb.DuckDBPyConnection, on: date) -> list[Outgoing]:
    """Every user with something to receive at day `on`, by user id (users without a valid address too:
    the caller says so)."""
    users = run_query("notify_recipients", con=con)
    optouts = run_query("notify_optouts", con=con)
    opted = {(r["user_id"], r["kind"]) for r in optouts.iter_rows(named=True)}
    cards = ScorecardCache(con)
    out = []
    for u in users.iter_rows(named=True):
        user_id = u["user_id"]
        sent = {
            (r["kind"], r["item_key"])
            for r in run_query("notify_sent", con=con, user_id=user_id).iter_rows(named=True)
        }

        def wanted(kind: str, key: str, user_id: str = user_id, sent: set = sent) -> bool:
            return (user_id, kind) not in opted and (kind, key) not in sent

        reminders = [
            r for r in compute_reminders(con, user_id, on, cards=cards) if wanted(r.kind, r.item_key)
        ]
        digest = None
        if (user_id, MONTHLY_DIGEST) not in opted:
            digest = compute_digest(con, user_id, on, cards=cards)
            if digest is not None and not wanted(MONTHLY_DIGEST, digest.item_key):
                digest = None
        if not reminders and digest is None:
            continue
        recipient = Recipient(
            user_id=user_id,
            display_name=u["display_name"],
            email=(u["email"] or "").strip(),
            language=normalise_language(u["language"]),
        )
        out.append(Outgoing(recipient, reminders, digest))
    return out


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if settings.tls == "ssl":
        server: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        if settings.tls == "starttls":
            server.starttls(context=context)
    if settings.user:
        server.login(settings.user, settings.password or "")
    return server


def record(con: duckdb.DuckDBPyConnection, outgoing: Outgoing, on: date, at: datetime) -> None:
    """The items of one accepted message, in one transaction."""
    by_kind: dict[str, list[str]] = {}
    for kind, key in outgoing.items:
        by_kind.setdefault(kind, []).append(key)
    with transaction(con) as cur:
        for kind, keys in by_kind.items():
            run_in_transaction(
                cur, "notify_record_insert", user_id=outgoing.recipient.user_id, kind=kind, item_keys=keys,
                sent_on=on, sent_at=at,
            )  # fmt: skip


def _describe(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        text = (
            error.smtp_error.decode("utf-8", "replace")
            if isinstance(error.smtp_error, bytes)
            else str(error.smtp_error)
        )
        return f"SMTP {error.smtp_code} {text}".strip()
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()))
        return f"SMTP {code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}"
    return f"{type(error).__name__}: {error}".rstrip(": ")


def send(
    con: duckdb.DuckDBPyConnection,
    outgoing: list[Outgoing],
    settings: SmtpSettings,
    *,
    on: date,
    base_url: str,
    now: Callable[[], datetime] = datetime.now,
    on_sent: Callable[[Outgoing, EmailMessage], None] | None = None,
) -> RunResult:
    """Send each message and record its items once accepted (see the module docstring for failures)."""
    result = RunResult()
    pending = []
    for item in outgoing:
        (pending if is_valid_address(item.recipient.email) else result.no_address).append(item)
    if not pending:
        return result
    try:
        server = _connect(settings)
    except (OSError, smtplib.SMTPException) as error:
        result.unsent = pending
        result.error = _describe(error)
        return result
    try:
        for index, item in enumerate(pending):
            message = build_message(
                item.recipient, item.reminders, item.digest, on=on, base_url=base_url, sender=settings.sender
            )
            try:
                server.send_message(message)
            except smtplib.SMTPServerDisconnected as error:
                result.unsent += pending[index:]
                result.error = result.error or _describe(error)
                break
            except smtplib.SMTPException as error:  # a 4xx/5xx reply to this message: the next may pass
                result.unsent.append(item)
                result.error = result.error or _describe(error)
                continue
            except OSError as error:  # SMTPException is an OSError too: this clause comes after it
                # The connection is gone (reset, timed out): this message and the rest wait for the next run.
                result.unsent += pending[index:]
                result.error = result.error or _describe(error)
                break
            record(con, item, on, now().replace(microsecond=0))
            result.sent.append(item)
            if on_sent is not None:
                on_sent(item, message)
    finally:
        try:
            server.quit()
        except (OSError, smtplib.SMTPException):
            server.close()
    return result
