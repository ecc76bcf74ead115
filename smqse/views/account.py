"""A user's e-mail settings: their address, the language of their e-mails and the kinds of e-mail they opted
out of (smqse.notify reads them). No Streamlit here; the page is pages/profile.py.

Who may edit whose: every user their own (viewers included: these are not data of the management system),
and the QSE lead anyone's, as the owner of the reminders. The guard is in every query as well as here.
The address is also the one a user signs in with (smqse.ui.identity matches it, case aside), so an address
another user already has is refused: it would hand that user's sign-in to someone else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from email.errors import HeaderParseError
from email.headerregistry import Address

import duckdb

from smqse.db import WriteConflict, retry_on_conflict, run_in_transaction, run_query, transaction
from smqse.i18n import LANGUAGES  # every language with a catalogue
from smqse.model import Role
from smqse.reminders import NOTIFICATION_KINDS  # the kinds of e-mail (notification_optout.kind)
from smqse.scope import User
from smqse.submission import decode_result, encode_result

# What each role is sent, as the reminders address them: pilots owe values and own indicators, actions and
# objectives; overdue actions are escalated to the QSE lead; the digest goes to directors and the QSE lead.
# A viewer owns nothing and is sent nothing.
KINDS_BY_ROLE: dict[Role, tuple[str, ...]] = {
    Role.DIRECTOR: ("actions_due", "objective_alerts", "monthly_digest"),
    Role.QSE_LEAD: ("actions_due", "escalations", "objective_alerts", "monthly_digest"),
    Role.PILOT: ("owed_values", "unfavourable_indicators", "actions_due", "objective_alerts"),
    Role.VIEWER: (),
}
MAX_EMAIL_LENGTH = 254  # RFC 5321's longest path, less its angle brackets
MAX_LOCAL_PART_LENGTH = 64
MAX_DOMAIN_LABEL_LENGTH = 63
FORM = "profile_settings_form"


class SettingsError(ValueError):
    """A setting refused: `field` (email, language, kinds) and `reason` name the message (profile.error.*)."""

    def __init__(self, field: str, reason: str, value: str = "") -> None:
        super().__init__(f"{field}: {reason} ({value!r})")
        self.field = field
        self.reason = reason
        self.value = value


@dataclass(frozen=True)
class Settings:
    user_id: str
    display_name: str
    role: Role
    email: str | None
    language: str
    opted_out: frozenset[str]

    def as_record(self) -> dict:
        """The settings as the change log and the form token's result keep them."""
        return {"email": self.email, "language": self.language, "opted_out": sorted(self.opted_out)}


def kinds_for(role: Role, opted_out: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The kinds of e-mail a user of `role` is sent, and any they opted out of (so that they can undo it)."""
    shown = set(KINDS_BY_ROLE[role]) | set(opted_out)
    return tuple(kind for kind in NOTIFICATION_KINDS if kind in shown)


def can_edit(editor: User, user_id: str) -> bool:
    return editor.user_id == user_id or editor.role == Role.QSE_LEAD


def _valid_domain(domain: str) -> bool:
    labels = domain.split(".")
    return len(labels) >= 2 and all(
        0 < len(part) <= MAX_DOMAIN_LABEL_LENGTH
        and part.replace("-", "").isalnum()
        and not part.startswith("-")
        and not part.endswith("-")
        for part in labels
    )


def validate_email(text: str | None) -> str | None:
    """One plain address (`name@domain.tld`, ASCII, at most 254 characters), or None for an empty field.
    Raises SettingsError naming why not."""
    value = (text or "").strip()
    if not value:
        return None
    if len(value) > MAX_EMAIL_LENGTH:
        raise SettingsError("email", "too_long", value[:40] + "…")
    if not value.isascii():
        raise SettingsError("email", "not_ascii", value)
    # A list ("a@x.fr, b@x.fr") or a name with its address ("Marc <m@x.fr>"): the header syntax of several.
    if any(c in value for c in ",;<>"):
        raise SettingsError("email", "several", value)
    try:
        address = Address(addr_spec=value)
    except (ValueError, IndexError, HeaderParseError):  # the header parser's refusals, all of them
        raise SettingsError("email", "invalid", value) from None
    # Comments and quoted local parts are valid RFC 5322 but no mail system of a company uses them.
    if address.addr_spec != value or value.startswith('"') or any(c.isspace() for c in value):
        raise SettingsError("email", "invalid", value)
    if len(address.username) > MAX_LOCAL_PART_LENGTH:
        raise SettingsError("email", "too_long", value)
    if not _valid_domain(address.domain):
        raise SettingsError("email", "domain", value)
    return value


def load_settings(con: duckdb.DuckDBPyConnection, editor: User, user_id: str) -> Settings:
    """`user_id`'s settings as `editor` may read them; PermissionError when they may not."""
    frame = run_query("profile_settings", con=con, user_id=user_id, editor_user_id=editor.user_id)
    if frame.is_empty():
        raise PermissionError(f"{editor.user_id} may not read the settings of {user_id}")
    return _settings(frame.row(0, named=True))


def _settings(row: dict) -> Settings:
    return Settings(
        row["user_id"],
        row["display_name"],
        Role(row["role"]),
        row["email"] or None,
        row["language"] if row["language"] in LANGUAGES else LANGUAGES[0],
        frozenset(row["opted_out"] or ()),
    )


@dataclass(frozen=True)
class SaveResult:
    user_id: str
    changed: bool
    settings: dict


def save_settings(
    con: duckdb.DuckDBPyConnection,
    editor: User,
    user_id: str,
    *,
    email: str | None,
    language: str,
    opted_out: frozenset[str] | set[str],
    token: str | None = None,
) -> SaveResult:
    """Write `user_id`'s settings (and one change_log row) as `editor`, all or nothing. Unchanged settings
    write nothing; a second submit of the same form instance (`token`) writes nothing and returns the first.
    Raises PermissionError, or SettingsError for a value refused (WriteConflict's too, as "conflict")."""
    if not can_edit(editor, user_id):
        raise PermissionError(f"{editor.user_id} may not edit the settings of {user_id}")
    address = validate_email(email)
    if language not in LANGUAGES:
        raise SettingsError("language", "unknown", str(language))
    unknown = set(opted_out) - set(NOTIFICATION_KINDS)
    if unknown:
        raise SettingsError("kinds", "unknown", ", ".join(sorted(unknown)))
    wanted = {"email": address, "language": language, "opted_out": sorted(set(opted_out))}
    try:
        return retry_on_conflict(lambda: _write(con, editor, user_id, wanted, token))
    except WriteConflict as error:
        raise SettingsError("email", "conflict", str(error)) from error


def _write(con, editor: User, user_id: str, wanted: dict, token: str | None) -> SaveResult:
    with transaction(con) as cur:
        if token:
            earlier = run_in_transaction(
                cur, "profile_submission_lookup", token=token, form=FORM, user_id=editor.user_id
            )
            if not earlier.is_empty():
                return SaveResult(**decode_result(earlier["result"][0]))
        current = run_in_transaction(cur, "profile_settings", user_id=user_id, editor_user_id=editor.user_id)
        if current.is_empty():
            raise PermissionError(f"{editor.user_id} may not edit the settings of {user_id}")
        before = _settings(current.row(0, named=True)).as_record()
        changed = before != wanted
        if changed:
            _apply(cur, editor, user_id, before, wanted)
        result = SaveResult(user_id, changed, wanted)
        if token:
            run_in_transaction(
                cur,
                "profile_submission_insert",
                token=token,
                form=FORM,
                user_id=editor.user_id,
                submitted_at=datetime.now().replace(microsecond=0),
                result_key=user_id,
                result=encode_result(result.__dict__),
            )
        return result


def _apply(cur, editor: User, user_id: str, before: dict, wanted: dict) -> None:
    who = {"user_id": user_id, "editor_user_id": editor.user_id}
    if (before["email"], before["language"]) != (wanted["email"], wanted["language"]):
        written = run_in_transaction(
            cur, "profile_user_update", **who, email=wanted["email"], language=wanted["language"]
        )
        if written.is_empty():  # the guard let the read through, so only the address can be the reason
            raise SettingsError("email", "taken", wanted["email"] or "")
    dropped = sorted(set(before["opted_out"]) - set(wanted["opted_out"]))
    added = sorted(set(wanted["opted_out"]) - set(before["opted_out"]))
    now = datetime.now().replace(microsecond=0)
    if dropped:
        run_in_transaction(cur, "profile_optout_delete", **who, kinds=dropped)
    if added:
        run_in_transaction(cur, "profile_optout_insert", **who, kinds=added, opted_out_at=now)
    reason = "own settings" if editor.user_id == user_id else "settings edited by the QSE lead"
    run_in_transaction(
        cur,
        "profile_change_log_insert",
        **who,
        changed_at=now,
        before=json.dumps(before, ensure_ascii=False),
        after=json.dumps(wanted, ensure_ascii=False),
        reason=reason,
    )
