"""Forms that cannot double-submit: the database side (no Streamlit here; the page side is smqse.ui.forms).

Every write form carries a token generated once per rendered form instance. The write claims it in the SAME
transaction as the record (`record_submission`, a primary key on `form_submission.token`), so:
- a second submit with the same token first finds the earlier claim (`claim_submission`) and returns what
  the first submit returned, writing nothing;
- two submits racing with the same token both pass that check, but only one commits its claim: the other
  fails on the key (a write conflict), its transaction rolls back with its record, and its retry finds the
  winner's claim and reports the winner's record.
A write without a token (scripts, tests of the record itself) is not deduplicated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import duckdb

from smqse.db import run_query
from smqse.scope import Scope, User


@dataclass(frozen=True)
class Submission:
    """One submit of one form instance by one writer (in their scope: an empty one claims nothing)."""

    token: str
    form: str
    user_id: str
    scope: Scope

    @classmethod
    def of(cls, token: str | None, form: str, user: User, scope: Scope) -> Submission | None:
        """The submission of `form` when the page gave its token, else None (a write not deduplicated)."""
        return cls(token, form, user.user_id, scope) if token else None


def _encode(value: object) -> object:
    # Tagged so that a replay returns values of the same types as the first write (dates stay dates).
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    return value


def _decode(value: object) -> object:
    if isinstance(value, dict):
        if len(value) == 1:
            ((tag, text),) = value.items()
            if tag == "$datetime":
                return datetime.fromisoformat(text)
            if tag == "$date":
                return date.fromisoformat(text)
            if tag == "$decimal":
                return Decimal(text)
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def encode_result(result: dict) -> str:
    return json.dumps(_encode(result), ensure_ascii=False, sort_keys=True)


def decode_result(text: str) -> dict:
    return _decode(json.loads(text))


def claim_submission(con: duckdb.DuckDBPyConnection, submission: Submission | None) -> dict | None:
    """What the earlier submit of this form instance returned, or None when there was none (or no token).
    `con` is a connection, or the cursor of the write's transaction (the check then sees that snapshot)."""
    if submission is None:
        return None
    found = run_query(
        "form_submission_lookup",
        con=con,
        **submission.scope.params(),
        token=submission.token,
        form=submission.form,
        user_id=submission.user_id,
    )
    if found.is_empty():
        return None
    return decode_result(found["result"][0])


def record_submission(
    cur: duckdb.DuckDBPyConnection, submission: Submission | None, result_key: str, result: dict
) -> None:
    """Claim the token in the write's transaction (`cur`): a concurrent claim of the same token makes one of
    the two transactions fail on the primary key (a write conflict the caller retries)."""
    if submission is None:
        return
    claimed = run_query(
        "form_submission_insert",
        con=cur,
        **submission.scope.params(),
        token=submission.token,
        form=submission.form,
        user_id=submission.user_id,
        submitted_at=datetime.now().replace(microsecond=0),
        result_key=result_key,
        result=encode_result(result),
    )
    if claimed.is_empty():
        raise PermissionError(f"{submission.user_id} has an empty scope: nothing may be written")
