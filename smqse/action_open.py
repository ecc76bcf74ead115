"""Opening an action where the problem is seen (issue 15): from an indicator row (scorecard, my indicators), an
anomaly flag, an Ishikawa cause, a Pareto category or a drift row. No Streamlit here (the form is
smqse.ui.action_form).

Each analysis page describes what it shows as an `ActionOrigin`: the origin recorded on the action
(`action.origin`, `action.origin_id`), the processes it may concern (the likeliest first), its site, and the
defaults a QSE professional expects: a title built from the origin, the type (containment for an anomaly,
corrective for a cause, a Pareto category, a missed objective or an unfavourable signal, preventive when the
verdict is uncertain — at risk —, improvement otherwise), the process pilot as owner, due in
`DEFAULT_DUE_DAYS` days.

`open_action` writes the action and its change_log row and moves the 'action' data version, in one
transaction; the insert itself checks the writer's scope (smqse/queries/action_open_insert.sql): a viewer
writes nothing, a pilot only on their processes. A second submit of the same form instance (`token`) writes
nothing and returns the first action. Ids are `ACT-YYYYMMDD-XXXXXXXX` (8 hex digits of a random UUID, or of the
form's token): no counter to race on, and never one of the imported files' `ACT-000123` ids.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

import duckdb
import polars as pl

from smqse import data_version
from smqse.db import WriteConflict, retry_on_conflict, run_in_transaction, run_query, transaction
from smqse.i18n import t
from smqse.model import ActionType, Role
from smqse.scope import Scope, User, get_user, scope_for
from smqse.submission import Submission, claim_submission, record_submission
from smqse.views.anomalies import flag_key

# action.origin of the actions opened from an analysis (the other origins, 'event', 'audit', 'review' and
# 'objective', come from imports and the review; 'objective' also from a drift row with an objective).
ANALYSIS_ORIGINS: tuple[str, ...] = ("indicator", "anomaly", "cause", "pareto", "objective")
TYPES: tuple[str, ...] = tuple(a.value for a in ActionType)
DEFAULT_DUE_DAYS = 30  # a month: the usual delay to plan a corrective action, editable in the form
MAX_TITLE = 200
# The page each origin links back to (app.py's URL paths) and the query parameters it reads to select the item.
ORIGIN_PAGES: dict[str, str] = {
    "indicator": "dashboard",
    "objective": "objectives-drift",
    "anomaly": "anomaly-watch",
    "cause": "fishbone",
    "pareto": "pareto-analysis",
}
PARETO_SEPARATOR = ":"  # origin_id of a Pareto category: "<grouping>:<key>"


class ActionOpenError(ValueError):
    """An action refused for reasons the writer can fix; `problems` are in the writer's language."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ActionOrigin:
    """Where an action comes from, with the defaults of its form."""

    origin: str
    origin_id: str
    title: str
    action_type: str
    process_ids: tuple[str, ...]  # the processes it may concern, the likeliest first
    site_id: str | None = None  # None: the whole process, on every site
    label: str = ""  # the item in words, for the form ("Cause category (7M): Methods"); else origin_id


@dataclass(frozen=True)
class ActionDraft:
    """What the writer submits."""

    origin: ActionOrigin
    title: str
    action_type: str
    process_id: str
    site_id: str | None
    owner_user_id: str | None
    due_on: date | None


# --- the origins the pages show ---------------------------------------------------------------------------


def _name(row: dict, lang: str) -> str:
    return row.get(f"name_{lang}") or row.get("name_fr") or row.get("indicator_id") or ""


def _cut(title: str) -> str:
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1] + "…"


def indicator_type(status: str | None, signal_favourable: bool | None) -> str:
    """Missed, or an unfavourable signal: corrective; at risk (uncertain): preventive; else improvement."""
    if status == "missed" or signal_favourable is False:
        return ActionType.CORRECTIVE.value
    if status == "at_risk":
        return ActionType.PREVENTIVE.value
    return ActionType.IMPROVEMENT.value


def from_indicator(row: dict, lang: str, site_id: str | None = None) -> ActionOrigin:
    """A scorecard or my-indicators row (the scope's value of one indicator)."""
    return ActionOrigin(
        "indicator",
        row["indicator_id"],
        _cut(t("act_open.title.indicator", lang, indicator=row["indicator_id"], name=_name(row, lang))),
        indicator_type(row.get("status"), row.get("signal_favourable")),
        (row["process_id"],),
        site_id,
        f"{row['indicator_id']} — {_name(row, lang)}",
    )


def drift_type(verdict: str | None, drift_unfavourable: bool) -> str:
    """Will miss, or an unfavourable drift: corrective; at risk (uncertain): preventive; else improvement."""
    if verdict == "will_miss" or drift_unfavourable:
        return ActionType.CORRECTIVE.value
    if verdict == "at_risk":
        return ActionType.PREVENTIVE.value
    return ActionType.IMPROVEMENT.value


def from_drift(row: dict, lang: str) -> ActionOrigin:
    """A drift row: its objective when it has one (origin 'objective'), else its indicator on its site."""
    unfavourable = bool(row.get("drift")) and row.get("drift_favourable") is False
    action_type = drift_type(row.get("verdict"), unfavourable)
    name = _name(row, lang)
    if row.get("objective_id"):
        title = t("act_open.title.objective", lang, objective=row["objective_id"], name=name)
        return ActionOrigin(
            "objective",
            row["objective_id"],
            _cut(title),
            action_type,
            (row["process_id"],),
            row.get("site_id"),
            f"{row['objective_id']} — {row['indicator_id']} {name}",
        )
    title = t("act_open.title.indicator", lang, indicator=row["indicator_id"], name=name)
    return ActionOrigin(
        "indicator",
        row["indicator_id"],
        _cut(title),
        action_type,
        (row["process_id"],),
        row.get("site_id"),
        f"{row['indicator_id']} — {name}",
    )


def linked_drift_row(rows: pl.DataFrame, *, objective_id: str | None, indicator_id: str | None) -> str | None:
    """The drift row a link names: the row of the objective, else the indicator's row for the whole scope
    (its first row when it has none)."""
    if objective_id and "objective_id" in rows.columns:
        found = rows.filter(pl.col("objective_id") == objective_id)
        if found.height:
            return found["row_id"][0]
    if indicator_id:
        found = rows.filter(pl.col("indicator_id") == indicator_id).sort("site_id", nulls_last=False)
        if found.height:
            return found["row_id"][0]
    return None


def from_flag(row: dict, lang: str, site_name: str | None = None) -> ActionOrigin:
    """An anomaly flag: something unusual happened, contain it first (then look for its cause). The site's
    short name: "Rouen-Grand-Quevilly", not its description in brackets."""
    site = (site_name or row["site_id"]).split(" (")[0]
    month = row["period"].strftime("%m/%Y")
    name = _name(row, lang)
    title = t(
        "act_open.title.anomaly", lang, indicator=row["indicator_id"], name=name, site=site, month=month
    )
    return ActionOrigin(
        "anomaly",
        flag_key(row),  # the anomaly page's own key for the flag
        _cut(title),
        ActionType.CONTAINMENT.value,
        (row["process_id"],),
        row["site_id"],
        f"{row['indicator_id']} {name} · {site} · {month}",
    )


def likely_processes(events: pl.DataFrame) -> tuple[str, ...]:
    """The processes of some events, the most frequent first (then by id: a stable order)."""
    if events.is_empty():
        return ()
    counted = events.group_by("process_id").len().drop_nulls("process_id")
    return tuple(counted.sort(["len", "process_id"], descending=[True, False])["process_id"].to_list())


def common_site(events: pl.DataFrame) -> str | None:
    """The site of some events when they all happened on one site, else None (the whole process)."""
    sites = events["site_id"].drop_nulls().unique().to_list() if events.height else []
    return sites[0] if len(sites) == 1 else None


def from_cause(cause_id: str, cause_label: str, events: pl.DataFrame, lang: str) -> ActionOrigin:
    """An Ishikawa cause, with the events recorded on it (their processes and site)."""
    return ActionOrigin(
        "cause",
        cause_id,
        _cut(t("act_open.title.cause", lang, cause=cause_label)),
        ActionType.CORRECTIVE.value,
        likely_processes(events),
        common_site(events),
        cause_label,
    )


def from_pareto(
    grouping: str, key: str, label: str, events: pl.DataFrame, lang: str, dimension: str = ""
) -> ActionOrigin:
    """One bar of a Pareto (one category of the dimension ranked, named `dimension` in words), with its
    events."""
    return ActionOrigin(
        "pareto",
        f"{grouping}{PARETO_SEPARATOR}{key}",
        _cut(t("act_open.title.pareto", lang, category=label)),
        ActionType.CORRECTIVE.value,
        likely_processes(events),
        common_site(events),
        f"{dimension}: {label}" if dimension else label,
    )


def origin_link(
    origin: str | None,
    origin_id: str | None,
    keep: dict[str, str] | None = None,
) -> str | None:
    """The relative URL of the page and item an action came from (None for an origin without a page: an
    event, an audit, a review decision); `keep`: query parameters of the current view to carry (language,
    user, month). Every page, the reader's landing page included, opens at its URL path (app.py)."""
    if origin not in ORIGIN_PAGES or not origin_id:
        return None
    params: dict[str, str] = dict(keep or {})
    if origin == "indicator":
        params["indicator"] = origin_id
    elif origin == "objective":
        params["objective"] = origin_id
    elif origin == "anomaly":
        params["flag"] = origin_id
    elif origin == "cause":
        params["cause"] = origin_id
    else:
        grouping, _, key = origin_id.partition(PARETO_SEPARATOR)
        params.update(grouping=grouping, category=key)
    # Relative (no leading slash): right under a base URL path too (server.baseUrlPath).
    return f"{ORIGIN_PAGES[origin]}?{urlencode(params)}"


def origin_links(actions: pl.DataFrame, keep: dict[str, str] | None = None) -> pl.Series:
    """`origin_link` of each action (origin, origin_id columns): the plan's grid shows at most a few hundred."""
    pairs = actions.select(pl.col("origin").cast(pl.String), pl.col("origin_id").cast(pl.String)).iter_rows()
    links = [origin_link(o, i, keep) for o, i in pairs]
    return pl.Series("origin_link", links, dtype=pl.String)


# --- who may open one, and for whom ---------------------------------------------------------------------


def can_open(user: User | None) -> bool:
    """Directors, the QSE lead and pilots (on their processes); viewers never."""
    return user is not None and user.role != Role.VIEWER


def writable_processes(origin: ActionOrigin, allowed: Scope) -> list[str]:
    """The processes the writer may open the action on: the origin's in their scope, the likeliest first;
    an origin that names none (no event yet) offers every process of their scope."""
    if not origin.process_ids:
        return list(allowed.process_ids)
    return [p for p in origin.process_ids if p in allowed.process_ids]


def owner_choices(con: duckdb.DuckDBPyConnection | None, scope: Scope, process_id: str) -> pl.DataFrame:
    """Who may own an action on the process (user_id, display_name, role, is_process_pilot), its pilot first;
    nothing outside the scope."""
    return run_query("action_open_owners", con=con, **scope.params(), process_id=process_id)


def default_due(today: date) -> date:
    return today + timedelta(days=DEFAULT_DUE_DAYS)


def new_action_id(opened_on: date, token: str | None = None) -> str:
    """`ACT-YYYYMMDD-XXXXXXXX`: from the form's token (the same id on a replay), else a random UUID."""
    digits = (token or uuid.uuid4().hex).replace("-", "")[:8].upper()
    return f"ACT-{opened_on:%Y%m%d}-{digits}"


# --- validation and the write -----------------------------------------------------------------------------


def validate(draft: ActionDraft, lang: str, today: date) -> list[str]:
    """Every problem with a draft, in the writer's language (empty: it can be written)."""
    problems = []
    if not (draft.title or "").strip():
        problems.append(t("act_open.error.title", lang))
    elif len(draft.title.strip()) > MAX_TITLE:
        problems.append(t("act_open.error.title_long", lang, n=MAX_TITLE))
    if draft.action_type not in TYPES:
        problems.append(t("act_open.error.type", lang))
    if not draft.process_id:
        problems.append(t("act_open.error.process", lang))
    if not draft.owner_user_id:
        problems.append(t("act_open.error.owner", lang))
    if draft.due_on is None or draft.due_on < today:
        problems.append(t("act_open.error.due", lang))
    if draft.origin.origin not in ANALYSIS_ORIGINS or not draft.origin.origin_id:
        problems.append(t("act_open.error.origin", lang))
    return problems


def _writer_scope(con: duckdb.DuckDBPyConnection, user: User) -> tuple[User, Scope]:
    """The writer as stored (role) and their own scope, whatever the page shows."""
    stored = get_user(user.user_id, con)
    if stored is None or not can_open(stored):
        raise PermissionError(f"{user.user_id} may not open actions (viewer or unknown user)")
    scope = scope_for(stored, con)
    if scope.is_empty:
        raise PermissionError(f"{user.user_id} has no process in scope: cannot open actions")
    return stored, scope


def open_action(
    con: duckdb.DuckDBPyConnection,
    user: User,
    draft: ActionDraft,
    *,
    lang: str = "fr",
    token: str | None = None,
    today: date | None = None,
) -> dict:
    """Open the action (status planned, progress 0, effectiveness not checked), with its change_log row and
    the 'action' data version moved; all or nothing. Raises PermissionError (a viewer, a process, site or owner
    outside the writer's scope) or ActionOpenError (the draft is invalid). Returns the action row written."""
    today = today or date.today()
    writer, scope = _writer_scope(con, user)
    problems = validate(draft, lang, today)
    if problems:
        raise ActionOpenError(problems)
    submission = Submission.of(token, f"act_open_{draft.origin.origin}", writer, scope)
    action_id = new_action_id(today, token)
    try:
        return retry_on_conflict(lambda: _open_once(con, writer, scope, draft, action_id, today, submission))
    except WriteConflict as error:
        raise ActionOpenError([t("write.conflict", lang)]) from error


def _open_once(con, writer: User, scope: Scope, draft: ActionDraft, action_id: str, today: date, submission):
    with transaction(con) as cur:
        if (earlier := claim_submission(cur, submission)) is not None:
            return earlier
        written = run_in_transaction(
            cur, "action_open_insert", **scope.params(), writer_user_id=writer.user_id, action_id=action_id,
            action_type=draft.action_type, origin=draft.origin.origin, origin_id=draft.origin.origin_id,
            title=draft.title.strip(), owner_user_id=draft.owner_user_id, process_id=draft.process_id,
            site_id=draft.site_id, opened_on=today, due_on=draft.due_on,
        )  # fmt: skip
        if written.is_empty():
            raise PermissionError(
                f"{writer.user_id} may not open an action on process {draft.process_id}"
                f" (site {draft.site_id or 'all'}, owner {draft.owner_user_id})"
            )
        row = written.row(0, named=True)
        logged = run_in_transaction(
            cur,
            "action_open_change_log_insert",
            **scope.params(),
            action_id=action_id,
            changed_at=datetime.now().replace(microsecond=0),
            changed_by=writer.user_id,
            after=json.dumps(row, default=str, ensure_ascii=False, sort_keys=True),
            reason=f"{draft.origin.origin} {draft.origin.origin_id}",
        )
        if logged.is_empty():
            raise PermissionError(f"{writer.user_id} may not open {action_id}")
        data_version.bump(cur, data_version.ACTION)
        record_submission(cur, submission, action_id, row)
    return row
