"""Writing the management review record: qualitative inputs, proposed decisions (§9.3.3) and the actions
that carry them. Directors and the QSE lead write, for the whole organisation; every write is one transaction
with its change_log row (who, what, when, before, after), so a failure leaves nothing half-written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from smqse import data_version
from smqse.db import WriteConflict, retry_on_conflict, run_in_transaction, transaction
from smqse.i18n import t
from smqse.model import Role
from smqse.review.content import ITEM_REFS, PackOptions, is_whole_organisation, review_id_for, review_period
from smqse.scope import Scope, User, scope_for
from smqse.submission import Submission, claim_submission, record_submission

DECISION_TYPES = ("improvement", "system_change", "resources")
WRITERS = (Role.DIRECTOR, Role.QSE_LEAD)


class ReviewRecordError(ValueError):
    """A write refused for a reason the writer can fix (message in their language)."""


def can_write_review(user: User | None) -> bool:
    return user is not None and user.role in WRITERS


@dataclass(frozen=True)
class DecisionDraft:
    input_ref: str | None
    decision_type: str
    text: str
    owner_user_id: str | None
    due_on: date | None
    process_id: str | None
    rationale: str | None = None
    cost: float | None = None
    expected_benefit: float | None = None
    cost_of_inaction: float | None = None


def _writer_scope(con, user: User) -> Scope:
    """The writer's own scope, whatever the page shows: the review record is the whole organisation's."""
    if not can_write_review(user):
        raise PermissionError(f"{user.user_id} ({user.role.value}) may not write the management review")
    scope = scope_for(user, con)
    if not is_whole_organisation(scope, con):
        raise PermissionError(f"{user.user_id} does not see the whole organisation: cannot write the review")
    return scope


def _retried(write, lang: str):
    """`write` (one transaction) again when another writer wrote the same rows at the same moment (two
    decisions numbered alike, one decision carried twice); after 3 losses, said in words."""
    try:
        return retry_on_conflict(write)
    except WriteConflict as error:
        raise ReviewRecordError(t("write.conflict", lang)) from error


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _log(
    cur, scope: Scope, user: User, table: str, key: str, operation: str, after: dict, reason: str | None
):
    run_in_transaction(
        cur,
        "review_change_log_insert",
        **scope.params(),
        changed_at=_now(),
        changed_by=user.user_id,
        table_name=table,
        row_key=key,
        operation=operation,
        before=None,
        after=json.dumps(after, default=str, ensure_ascii=False, sort_keys=True),
        reason=reason,
    )


def _ensure_review(cur, scope: Scope, user: User, options: PackOptions) -> str:
    start, end = review_period(options.as_of, options.period_months)
    review_id = review_id_for(end)
    title = t("review.review_title", "fr", start=start.isoformat(), end=end.isoformat())
    created = run_in_transaction(
        cur,
        "review_insert",
        **scope.params(),
        review_id=review_id,
        period_start=start,
        period_end=end,
        title=title,
    )
    if created.height:
        _log(cur, scope, user, "review", review_id, "insert", created.row(0, named=True), None)
    return review_id


def save_input(
    con: duckdb.DuckDBPyConnection,
    user: User,
    options: PackOptions,
    input_ref: str,
    text: str,
    *,
    token: str | None = None,
) -> dict:
    """Append a version of a qualitative input; the earlier text is kept. A second submit of the same form
    instance (`token`) writes nothing and returns what the first one wrote."""
    scope = _writer_scope(con, user)
    if input_ref not in ITEM_REFS:
        raise ReviewRecordError(f"unknown review input {input_ref!r}")
    text = (text or "").strip()
    if not text:
        raise ReviewRecordError(t("review.error.text", options.lang))
    submission = Submission.of(token, f"review_input_{input_ref}", user, scope)
    return _retried(lambda: _save_input(con, scope, user, options, input_ref, text, submission), options.lang)


def _save_input(
    con, scope: Scope, user: User, options: PackOptions, input_ref: str, text: str, submission
) -> dict:
    with transaction(con) as cur:
        if (earlier := claim_submission(cur, submission)) is not None:
            return earlier
        review_id = _ensure_review(cur, scope, user, options)
        row = run_in_transaction(
            cur, "review_input_insert", **scope.params(), review_id=review_id, input_ref=input_ref, text=text,
            written_by=user.user_id, written_at=_now(),
        )  # fmt: skip
        if row.is_empty():
            raise PermissionError(f"{user.user_id} may not write review {review_id}")
        written = row.row(0, named=True)
        _log(cur, scope, user, "review_input", f"{review_id}/{input_ref}", "insert", written, None)
        record_submission(cur, submission, f"{review_id}/{input_ref}", written)
    return written


def validate_decision(draft: DecisionDraft, options: PackOptions) -> list[str]:
    """Every problem with a proposed decision, in the writer's language (empty: it can be saved)."""
    lang = options.lang
    _, cut_off = review_period(options.as_of, options.period_months)
    problems = []
    if not (draft.text or "").strip():
        problems.append(t("review.error.text", lang))
    if not draft.owner_user_id:
        problems.append(t("review.error.owner", lang))
    if draft.due_on is None or draft.due_on <= cut_off:
        problems.append(t("review.error.due", lang))
    if draft.decision_type not in DECISION_TYPES:
        problems.append(f"decision_type: {draft.decision_type!r}")
    if draft.decision_type == "improvement":
        # A corrective or improvement proposal argues cost against benefit, the cost of not acting included.
        if not (draft.rationale or "").strip():
            problems.append(t("review.error.argument", lang))
        if draft.cost_of_inaction is None:
            problems.append(t("review.error.inaction", lang))
    if draft.input_ref is not None and draft.input_ref not in ITEM_REFS:
        problems.append(f"input_ref: {draft.input_ref!r}")
    if not draft.process_id:
        problems.append(t("review.process_required", lang))
    return problems


def save_decision(
    con: duckdb.DuckDBPyConnection,
    user: User,
    options: PackOptions,
    draft: DecisionDraft,
    *,
    token: str | None = None,
) -> dict:
    """Record a proposed decision, numbered in its review. A second submit of the same form instance
    (`token`) writes nothing and returns the decision the first one recorded."""
    scope = _writer_scope(con, user)
    problems = validate_decision(draft, options)
    if problems:
        raise ReviewRecordError(" ".join(problems))
    submission = Submission.of(token, "review_new_decision", user, scope)
    return _retried(lambda: _save_decision(con, scope, user, options, draft, submission), options.lang)


def _save_decision(
    con, scope: Scope, user: User, options: PackOptions, draft: DecisionDraft, submission
) -> dict:
    with transaction(con) as cur:
        if (earlier := claim_submission(cur, submission)) is not None:
            return earlier
        review_id = _ensure_review(cur, scope, user, options)
        _, end = review_period(options.as_of, options.period_months)
        decisions = run_in_transaction(cur, "review_decisions", **scope.params(), end_on=end)
        existing = decisions.filter(decisions["review_id"] == review_id).height
        decision_id = f"DEC-{review_id.removeprefix('REV-')}-{existing + 1}"
        row = run_in_transaction(
            cur, "review_decision_insert", **scope.params(), decision_id=decision_id, review_id=review_id,
            input_ref=draft.input_ref, decision_type=draft.decision_type, text=draft.text.strip(),
            owner_user_id=draft.owner_user_id, due_on=draft.due_on, process_id=draft.process_id,
            rationale=(draft.rationale or "").strip() or None, cost=draft.cost,
            expected_benefit=draft.expected_benefit, cost_of_inaction=draft.cost_of_inaction,
            created_by=user.user_id, created_at=_now(),
        )  # fmt: skip
        if row.is_empty():
            raise PermissionError(f"{user.user_id} may not record a decision on process {draft.process_id}")
        written = row.row(0, named=True)
        _log(cur, scope, user, "review_decision", decision_id, "insert", written, None)
        record_submission(cur, submission, decision_id, written)
    return written


def decision_row(con: duckdb.DuckDBPyConnection, user: User, options: PackOptions, decision_id: str) -> dict:
    """A decision of the review being prepared, as stored (owner and process ids), read in the writer's scope."""
    scope = _writer_scope(con, user)
    _, end = review_period(options.as_of, options.period_months)
    from smqse.db import run_query

    rows = run_query("review_decisions", con=con, **scope.params(), end_on=end)
    found = rows.filter(rows["decision_id"] == decision_id)
    if found.is_empty():
        raise ReviewRecordError(f"unknown decision {decision_id!r}")
    return found.row(0, named=True)


def open_action(
    con: duckdb.DuckDBPyConnection,
    user: User,
    decision: dict,
    *,
    lang: str = "fr",
    token: str | None = None,
) -> dict:
    """Open the action that carries a decision (once); the decision is linked to it in the same transaction.
    A second click on the same button (`token`) returns the action the first click opened."""
    scope = _writer_scope(con, user)
    submission = Submission.of(token, f"review_open_action_{decision['decision_id']}", user, scope)
    # Checked before "already carried": the second click finds the decision carried by its own first click.
    if (earlier := claim_submission(con, submission)) is not None:
        return earlier
    if decision.get("action_id"):
        raise ReviewRecordError(f"{decision['decision_id']} is already carried by {decision['action_id']}")
    return _retried(lambda: _open_action(con, scope, user, decision, submission), lang)


def _open_action(con, scope: Scope, user: User, decision: dict, submission) -> dict:
    action_id = f"ACT-{decision['decision_id']}"
    with transaction(con) as cur:
        if (earlier := claim_submission(cur, submission)) is not None:
            return earlier
        action = run_in_transaction(
            cur, "review_action_insert", **scope.params(), action_id=action_id, action_type="improvement",
            decision_id=decision["decision_id"], title=decision["text"][:200], owner_user_id=decision["owner_user_id"],
            process_id=decision["process_id"], opened_on=date.today(), due_on=decision["due_on"],
            cost=decision.get("cost"), expected_benefit=decision.get("expected_benefit"),
        )  # fmt: skip
        linked = run_in_transaction(
            cur,
            "review_decision_set_action",
            **scope.params(),
            decision_id=decision["decision_id"],
            action_id=action_id,
        )
        if action.is_empty() or linked.is_empty() or linked.item(0, 0) == 0:
            raise PermissionError(f"{user.user_id} may not open an action for {decision['decision_id']}")
        data_version.bump(cur, data_version.ACTION)
        written = action.row(0, named=True)
        _log(
            cur,
            scope,
            user,
            "action",
            action_id,
            "insert",
            written,
            f"review decision {decision['decision_id']}",
        )
        _log(
            cur,
            scope,
            user,
            "review_decision",
            decision["decision_id"],
            "update",
            {"action_id": action_id},
            None,
        )
        record_submission(cur, submission, action_id, written)
    return written
