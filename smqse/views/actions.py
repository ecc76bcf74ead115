"""The action plan's data path (C.33, ISO 9001 §10.2): load the actions in scope, rank them, count them, and
write their follow-up. No Streamlit here.

`load_action_plan` reads every action in scope opened up to the end of the as-of month, and every action open
today (planned or in progress) whatever its opening date — an action opened this morning shows even when the
month shown is in the past —, and derives, at the plan's reference date (the end of the as-of month, or today when that month is not over):
- `open_at_as_of`: planned or in progress, or closed/cancelled only after the reference date;
- `overdue`: open at the reference date and due before the end of the as-of month (before today when that
  month is not over); `days_late` by how many days (a day at least);
- `check_due`: closed (done or verified) more than `CHECK_AFTER_DAYS` days ago with effectiveness not checked;
and ranks them: overdue first, then the other open actions, each by due date (the earliest first), then the
closed and cancelled ones, the most recent due date first.
`gantt_rows` picks the actions the timeline draws (and its table lists): the first of that ranking.

`update_action` (status, progress, closing date) and `record_effectiveness` (the §10.2 effectiveness review)
write the action row and its change_log row (before and after of the changed fields, who, when, why) in one
transaction. The writer's scope is derived from the user as stored in the database, never taken from the
page: a viewer writes nothing, a pilot only on the actions of their processes, directors and the QSE lead on
every action. The UPDATE itself binds that scope, so an action outside it is never written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import duckdb
import polars as pl

from smqse import data_version
from smqse.analysis.causes import month_end
from smqse.db import WriteConflict, retry_on_conflict, run_in_transaction, run_query, transaction
from smqse.frames import owned_copy
from smqse.i18n import format_date, t
from smqse.model import ActionStatus, ActionType, Role
from smqse.scope import Scope, User, get_user, scope_for
from smqse.submission import Submission, claim_submission, record_submission

# action.origin: imported events and audits, review decisions, objectives; and the analyses an action can be
# opened from (smqse.action_open: an indicator row, an anomaly flag, an Ishikawa cause, a Pareto category).
ORIGINS: tuple[str, ...] = (
    "event",
    "audit",
    "review",
    "objective",
    "indicator",
    "anomaly",
    "cause",
    "pareto",
)
TYPES: tuple[str, ...] = tuple(a.value for a in ActionType)
STATUSES: tuple[str, ...] = tuple(s.value for s in ActionStatus)
OPEN_STATUSES: tuple[str, ...] = ("planned", "in_progress")
CLOSED_STATUSES: tuple[str, ...] = ("done", "verified")
CHECK_RESULTS: tuple[str, ...] = ("effective", "not_effective")
CHECK_AFTER_DAYS = 60  # an effectiveness check is due this many days after closing
MAX_GANTT_ACTIONS = 25  # more bars than this are unreadable: the first ones of the ranking are drawn
UPDATED_FIELDS: tuple[str, ...] = ("status", "progress_pct", "closed_on", "effectiveness")
GROUP_OVERDUE, GROUP_OPEN, GROUP_CLOSED = 0, 1, 2
# Texts repeated on every action (a few distinct values): held as categories, so that the plan of 500 000
# actions weighs a few MB per column instead of tens, and ranking it moves integers, not texts.
REPEATED_TEXT: tuple[str, ...] = (
    "action_type",
    "origin",
    "owner_user_id",
    "owner_name",
    "process_id",
    "process_name_fr",
    "process_name_en",
    "site_id",
    "status",
    "effectiveness",
)

PLAN_SCHEMA: dict[str, pl.DataType] = {
    "action_id": pl.String,
    "action_type": pl.String,
    "origin": pl.String,
    "origin_id": pl.String,
    "title": pl.String,
    "owner_user_id": pl.String,
    "owner_name": pl.String,
    "process_id": pl.String,
    "process_name_fr": pl.String,
    "process_name_en": pl.String,
    "site_id": pl.String,
    "opened_on": pl.Date,
    "due_on": pl.Date,
    "closed_on": pl.Date,
    "status": pl.String,
    "progress_pct": pl.Float64,
    "effectiveness": pl.String,
}


class ActionUpdateError(ValueError):
    """An update refused for reasons the writer can fix; `problems` are in the writer's language."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ActionPlan:
    as_of: date  # first day of the as-of month
    reference_date: date  # last day of the as-of month, or today if earlier
    cutoff: date  # exclusive: due before it = late; closed on or after it = still open at the reference date
    actions: pl.DataFrame  # ranked, with the derived columns
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ActionChange:
    """What a writer asks for on one action (the page's form)."""

    status: str
    progress_pct: float | None
    closed_on: date | None
    reason: str


# --- reading and ranking ------------------------------------------------------------------------------


def reference_dates(as_of: date, today: date) -> tuple[date, date]:
    """(reference date, cutoff): the last day of the as-of month — or today when that month is not over —
    and the day after the last day of the month (today itself for the current month)."""
    last = month_end(as_of)
    if today <= last:
        return today, today
    return last, last + timedelta(days=1)


def derive(actions: pl.DataFrame, as_of: date, today: date) -> pl.DataFrame:
    """The derived columns (open_at_as_of, overdue, days_late, closed_this_year, check_due, days_since_closed,
    group), ranked: overdue first, then open, then closed or cancelled; each by due date, then id."""
    reference, cutoff = reference_dates(as_of, today)
    frame = actions if actions.height else pl.DataFrame(schema=PLAN_SCHEMA)
    closed_later = pl.col("closed_on").is_not_null() & (pl.col("closed_on") >= cutoff)
    open_at = pl.col("status").is_in(OPEN_STATUSES) | (
        pl.col("status").is_in([*CLOSED_STATUSES, "cancelled"]) & closed_later
    )
    overdue = open_at & pl.col("due_on").is_not_null() & (pl.col("due_on") < cutoff)
    closed = pl.col("status").is_in(CLOSED_STATUSES) & pl.col("closed_on").is_not_null() & ~closed_later
    unchecked = pl.col("effectiveness").is_null() | (pl.col("effectiveness") == "not_checked")
    since_closed = (pl.lit(reference) - pl.col("closed_on")).dt.total_days()
    return (
        frame.with_columns(
            open_at_as_of=open_at,
            overdue=overdue,
            days_late=pl.when(overdue)
            .then((pl.lit(cutoff) - pl.col("due_on")).dt.total_days())
            .otherwise(None)
            .cast(pl.Int64),
            closed_this_year=closed & (pl.col("closed_on").dt.year() == as_of.year),
            days_since_closed=pl.when(closed).then(since_closed).otherwise(None).cast(pl.Int64),
            check_due=closed & unchecked & (since_closed >= CHECK_AFTER_DAYS),
            group=pl.when(overdue)
            .then(GROUP_OVERDUE)
            .when(open_at)
            .then(GROUP_OPEN)
            .otherwise(GROUP_CLOSED)
            .cast(pl.Int64),
        )
        .with_columns(
            # Open actions by due date (the earliest first); closed ones the most recent first.
            _due_key=pl.when(pl.col("group") == GROUP_CLOSED)
            .then(-pl.col("due_on").cast(pl.Int64))
            .otherwise(pl.col("due_on").cast(pl.Int64))
        )
        .sort(["group", "_due_key", "action_id"], nulls_last=True)
        .drop("_due_key")
        .with_row_index("rank", offset=1)
        .with_columns(pl.col("rank").cast(pl.Int64))
    )


def count_actions(actions: pl.DataFrame) -> dict[str, int]:
    """The headline tiles: open, overdue, done this year, effectiveness checks due."""
    if actions.is_empty():
        return {"open": 0, "overdue": 0, "done_this_year": 0, "checks_due": 0}
    return {
        "open": int(actions["open_at_as_of"].sum()),
        "overdue": int(actions["overdue"].sum()),
        "done_this_year": int(actions["closed_this_year"].sum()),
        "checks_due": int(actions["check_due"].sum()),
    }


def load_action_plan(
    scope: Scope, as_of: date, con: duckdb.DuckDBPyConnection | None = None, *, today: date | None = None
) -> ActionPlan:
    today = today or date.today()
    month = as_of.replace(day=1)
    raw = run_query("actions_plan", con=con, **scope.params(), as_of_month=month)
    names = run_query("actions_plan_names", con=con, **scope.params(), as_of_month=month)
    # Held for the cache's lifetime: in buffers of its own, not in DuckDB's result batches (frames.owned_copy).
    ranked = owned_copy(derive(with_names(raw, names), month, today))
    reference, cutoff = reference_dates(month, today)
    return ActionPlan(month, reference, cutoff, ranked, count_actions(ranked))


def _names(names: pl.DataFrame, kind: str, column: str) -> dict[str, str]:
    chosen = names.filter(pl.col("kind") == kind)
    return dict(zip(chosen["id"].to_list(), chosen[column].to_list(), strict=True))


def with_names(actions: pl.DataFrame, names: pl.DataFrame) -> pl.DataFrame:
    """The plan's columns (PLAN_SCHEMA order): the owners' and processes' names (actions_plan_names.sql)
    beside their ids, and the repeated texts as categories."""
    owner, french, english = (
        _names(names, k, c) for k, c in (("owner", "name_fr"), ("process", "name_fr"), ("process", "name_en"))
    )

    def named(column: str, mapping: dict[str, str]) -> pl.Expr:
        return pl.col(column).cast(pl.String).replace_strict(mapping, default=None, return_dtype=pl.String)

    return actions.with_columns(
        owner_name=named("owner_user_id", owner),
        process_name_fr=named("process_id", french),
        process_name_en=named("process_id", english),
    ).select(
        pl.col(name).cast(pl.Categorical if name in REPEATED_TEXT else dtype)
        for name, dtype in PLAN_SCHEMA.items()
    )


def filter_actions(
    actions: pl.DataFrame,
    *,
    origins=None,
    types=None,
    statuses=None,
    owners=None,
    processes=None,
    search: str | None = None,
) -> pl.DataFrame:
    """Keep the rows matching every non-empty selection (an empty selection keeps everything) and, when
    `search` has words, the actions whose code or title holds each of them (letter case ignored)."""
    for column, chosen in (
        ("origin", origins),
        ("action_type", types),
        ("status", statuses),
        ("owner_user_id", owners),
        ("process_id", processes),
    ):
        if chosen:
            actions = actions.filter(pl.col(column).is_in(list(chosen)))
    words = (search or "").lower().split()
    if words:
        text = pl.concat_str(
            pl.col("action_id"), pl.col("title").fill_null(""), separator=" "
        ).str.to_lowercase()
        actions = actions.filter(pl.all_horizontal(text.str.contains(word, literal=True) for word in words))
    return actions


def filter_choices(actions: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """The distinct owners and processes of the plan (a few rows, however many actions), for the filters."""
    return {
        "owners": actions.select("owner_user_id", "owner_name").unique(maintain_order=True),
        "processes": actions.select("process_id", "process_name_fr", "process_name_en").unique(
            maintain_order=True
        ),
    }


def gantt_rows(actions: pl.DataFrame) -> pl.DataFrame:
    """The actions the timeline draws (and its table lists): the first of the ranking (overdue first),
    cancelled ones left out."""
    return actions.filter(pl.col("status") != "cancelled").head(MAX_GANTT_ACTIONS)


def gantt_counts(actions: pl.DataFrame) -> tuple[int, int]:
    """(drawn, drawable): how many actions the timeline shows, out of how many it could."""
    drawable = int((actions["status"] != "cancelled").sum()) if actions.height else 0
    return min(drawable, MAX_GANTT_ACTIONS), drawable


def gantt_status(row: dict) -> str:
    """The status a timeline bar shows: an action still open at the reference date is planned or in
    progress there, whatever it became after."""
    if row["open_at_as_of"]:
        return row["status"] if row["status"] in ("planned", "in_progress") else "in_progress"
    return row["status"]


def checks_due(actions: pl.DataFrame) -> pl.DataFrame:
    """Closed actions whose effectiveness check is due, the longest-waiting first."""
    return actions.filter(pl.col("check_due")).sort(
        ["days_since_closed", "action_id"], descending=[True, False]
    )


def checkable(actions: pl.DataFrame) -> pl.DataFrame:
    """Closed actions (done or verified) whose effectiveness has not been checked yet, due ones first."""
    unchecked = pl.col("effectiveness").is_null() | (pl.col("effectiveness") == "not_checked")
    return actions.filter(pl.col("status").is_in(CLOSED_STATUSES) & unchecked).sort(
        ["check_due", "days_since_closed", "action_id"], descending=[True, True, False], nulls_last=True
    )


def load_history(scope: Scope, action_id: str, con: duckdb.DuckDBPyConnection | None = None) -> pl.DataFrame:
    """The change_log rows of one action in scope, oldest first (empty outside the scope)."""
    return run_query("actions_history", con=con, **scope.params(), action_id=action_id)


# --- who may write ------------------------------------------------------------------------------------


def can_write(user: User | None) -> bool:
    """Directors, the QSE lead and pilots write (pilots on their processes only); viewers read."""
    return user is not None and user.role != Role.VIEWER


def can_update(user: User | None, allowed: Scope, action: dict) -> bool:
    """Whether to offer the forms on this action (the service checks again on write)."""
    if not can_write(user) or allowed.is_empty:
        return False
    site_ok = action.get("site_id") is None or action["site_id"] in allowed.site_ids
    return action.get("process_id") in allowed.process_ids and site_ok


def updatable(actions: pl.DataFrame, user: User | None, allowed: Scope) -> pl.DataFrame:
    """The actions `can_update` offers the forms on, as one filter (not a call per row)."""
    if not can_write(user) or allowed.is_empty:
        return actions.clear()
    site_ok = pl.col("site_id").is_null() | pl.col("site_id").is_in(list(allowed.site_ids))
    return actions.filter(pl.col("process_id").is_in(list(allowed.process_ids)) & site_ok)


def _writer_scope(con: duckdb.DuckDBPyConnection, user: User) -> tuple[User, Scope]:
    """The writer as stored (role) and their own scope, whatever the page shows."""
    stored = get_user(user.user_id, con)
    if stored is None or not can_write(stored):
        raise PermissionError(f"{user.user_id} may not update actions (viewer or unknown user)")
    scope = scope_for(stored, con)
    if scope.is_empty:
        raise PermissionError(f"{user.user_id} has no process in scope: cannot update actions")
    return stored, scope


# --- validation ---------------------------------------------------------------------------------------


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value))


def validate_change(before: dict, change: ActionChange, lang: str, today: date) -> list[str]:
    """Every problem with a requested update, in the writer's language (empty: it can be written)."""
    problems = []
    if change.status not in STATUSES:
        problems.append(t("actions.error.status", lang, status=change.status))
    progress = change.progress_pct
    if progress is None or not 0 <= float(progress) <= 100:
        problems.append(t("actions.error.progress", lang))
    closed_on = _as_date(change.closed_on)
    if change.status in CLOSED_STATUSES:
        if closed_on is None:
            problems.append(t("actions.error.closed_on_missing", lang))
        if progress is not None and float(progress) != 100:
            problems.append(t("actions.error.progress_done", lang))
    if closed_on is not None and change.status not in OPEN_STATUSES:
        if closed_on > today:
            problems.append(t("actions.error.closed_on_future", lang))
        opened = _as_date(before.get("opened_on"))
        if opened is not None and closed_on < opened:
            problems.append(t("actions.error.closed_before_opened", lang, opened=format_date(opened, lang)))
    if not (change.reason or "").strip():
        problems.append(t("actions.error.reason", lang))
    return problems


def _after_update(before: dict, change: ActionChange, today: date) -> dict:
    """The follow-up fields once the change is applied: an open action has no closing date and no
    effectiveness; a closed one keeps its check (or awaits one); a cancelled one closes today by default."""
    status = change.status
    closed_on = _as_date(change.closed_on)
    if status in OPEN_STATUSES:
        closed_on, effectiveness = None, None
    elif status == "cancelled":
        closed_on, effectiveness = closed_on or today, None
    else:
        kept = before.get("effectiveness")
        effectiveness = kept if kept in CHECK_RESULTS else "not_checked"
    return {
        "status": status,
        "progress_pct": float(change.progress_pct),
        "closed_on": closed_on,
        "effectiveness": effectiveness,
    }


# --- writing ------------------------------------------------------------------------------------------


def _json(fields: dict) -> str:
    return json.dumps(
        {k: (v.isoformat() if isinstance(v, date) else v) for k, v in fields.items()},
        ensure_ascii=False,
        sort_keys=True,
    )


def _same(a, b) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return _as_date(a) == _as_date(b) if isinstance(a, date) or isinstance(b, date) else a == b


def _write(
    con, user: User, action_id: str, make_after, reason: str, lang: str, form: str, token: str | None
) -> dict:
    """Read the action in the writer's scope, compute and check the new fields, write the row and its
    change_log row; all in one transaction, so the "before" logged is the row the update replaced. When
    another writer updates the same action at the same moment, all of it is done again on the row they
    left (their change is checked against, and logged as the "before"); after 3 such losses the writer is
    told in words. A second submit of the same form instance (`token`) writes nothing and returns the row
    the first one wrote."""
    writer, scope = _writer_scope(con, user)
    submission = Submission.of(token, form, writer, scope)
    try:
        return retry_on_conflict(
            lambda: _write_once(con, writer, scope, action_id, make_after, reason, lang, submission)
        )
    except WriteConflict as error:
        raise ActionUpdateError([t("write.conflict", lang)]) from error


def _write_once(
    con, writer: User, scope, action_id: str, make_after, reason: str, lang: str, submission
) -> dict:
    denied = PermissionError(f"{writer.user_id} may not update {action_id}: outside their scope")
    now = datetime.now().replace(microsecond=0)
    with transaction(con) as cur:
        # Before the checks, which would refuse the replay ("changes nothing", "not closed").
        if (earlier := claim_submission(cur, submission)) is not None:
            return earlier
        found = run_in_transaction(cur, "actions_one", **scope.params(), action_id=action_id)
        if found.is_empty():
            raise denied
        before = found.row(0, named=True)
        after = make_after(before)
        changed = [k for k in UPDATED_FIELDS if not _same(before.get(k), after[k])]
        if not changed:
            raise ActionUpdateError([t("actions.error.unchanged", lang)])
        updated = run_in_transaction(
            cur, "actions_update", **scope.params(), action_id=action_id, status=after["status"],
            progress_pct=after["progress_pct"], closed_on=after["closed_on"],
            effectiveness=after["effectiveness"],
        )  # fmt: skip
        if updated.is_empty() or updated.item(0, 0) == 0:
            raise denied
        data_version.bump(cur, data_version.ACTION)
        written = run_in_transaction(cur, "actions_one", **scope.params(), action_id=action_id)
        logged = run_in_transaction(
            cur,
            "actions_change_log_insert",
            **scope.params(),
            action_id=action_id,
            changed_at=now,
            changed_by=writer.user_id,
            before=_json({k: before.get(k) for k in changed}),
            after=_json({k: after[k] for k in changed}),
            reason=reason.strip(),
        )
        if logged.is_empty():
            raise denied
        row = written.row(0, named=True)
        record_submission(cur, submission, action_id, row)
        return row


def update_action(
    con: duckdb.DuckDBPyConnection,
    user: User,
    action_id: str,
    change: ActionChange,
    *,
    lang: str = "fr",
    today: date | None = None,
    token: str | None = None,
) -> dict:
    """Update status, progress and closing date of one action, with its change_log row; all or nothing.

    Raises PermissionError (viewer, or an action outside the writer's scope) or ActionUpdateError (the
    change is invalid or changes nothing). Returns the action row written."""
    today = today or date.today()

    def make_after(before: dict) -> dict:
        problems = validate_change(before, change, lang, today)
        if problems:
            raise ActionUpdateError(problems)
        return _after_update(before, change, today)

    return _write(con, user, action_id, make_after, change.reason or "", lang, "actions_update", token)


def record_effectiveness(
    con: duckdb.DuckDBPyConnection,
    user: User,
    action_id: str,
    result: str,
    comment: str,
    *,
    lang: str = "fr",
    token: str | None = None,
) -> dict:
    """Record the effectiveness review (§10.2) of a closed action: effective or not effective, with a
    comment; the action becomes verified. Same rights and trail as `update_action`."""

    def make_after(before: dict) -> dict:
        problems = []
        if result not in CHECK_RESULTS:
            problems.append(t("actions.error.result", lang))
        if before["status"] not in CLOSED_STATUSES:
            problems.append(t("actions.error.not_closed", lang))
        if not (comment or "").strip():
            problems.append(t("actions.error.reason", lang))
        if problems:
            raise ActionUpdateError(problems)
        return {
            "status": "verified",
            "progress_pct": before["progress_pct"],
            "closed_on": before["closed_on"],
            "effectiveness": result,
        }

    return _write(con, user, action_id, make_after, comment or "", lang, "actions_effectiveness", token)
