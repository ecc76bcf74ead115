"""What a user owes or must act on, on a given day: the one definition behind the e-mails (`smqse.notify`) and
the to-do of the landing page. No Streamlit here.

Every list is computed in the user's own scope (`smqse.scope.scope_for`): nobody is told of anything they may
not see. Kinds (NOTIFICATION_KINDS), and who receives them:

- `owed_values` — to the pilot of a process (process.pilot_user_id): each monthly value of their processes
  still missing (the entry page's "owed values", queries/data_completeness.sql) for the months before the
  current one, back to OWED_MONTHS months, closed months excepted. On day `on`, the month owed is the
  previous month, due the 10th of `on`'s month (`smqse.views.entry.due_date`); older months still missing
  are overdue.
- `unfavourable_indicators` — to the same pilot: their indicators whose scorecard status turned worse into
  at risk or missed at the scorecard month, or that show a new unfavourable signal that month (the
  scorecard's own rows: `smqse.views.scorecard.load_scorecard`, kpi.compute_objective_status and
  smqse.analysis.signals).
- `actions_due` — to an action's owner: their open actions due within ACTION_DUE_DAYS days, or overdue.
- `escalations` — to the QSE lead (the process pilot's manager: the data model has no line manager, and
  the QSE lead is who chases actions for the management system): open actions more than ESCALATION_DAYS
  days overdue.
- `objective_alerts` — to an objective's owner: their objectives that crossed the alert threshold at the
  scorecard month (status missed, and not missed the month before).
- `monthly_digest` (compute_digest) — to directors and the QSE lead: the scorecard's status counts at the
  scorecard month, the statuses that changed since the month before, the top unfavourable signals.

The scorecard month at day `on` is the month the scorecard opens on that day (month_state.default_month:
the latest complete or closed month), among the months before `on`'s own month.

Cadence, encoded in `item_key` so that `notification` (user, kind, item_key) sends each reminder once:
- an owed value: once when its month becomes owed (`…|due`), then once a week while overdue (`…|late-wN`,
  N = week overdue, from 0);
- an action due: once per due date when it comes within 7 days (`…|due`), then weekly while overdue
  (`…|late-wN`); a new due date is a new reminder;
- an escalation: when the action passes 30 days overdue, then every 30 days (`…|esc-N`);
- an unfavourable indicator: once per indicator, scorecard month and status (or signal month);
- an objective alert: once per objective and scorecard month;
- the digest: once per scorecard month, so it goes out the first day that month is complete or closed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

import duckdb
import polars as pl

from smqse import month_state
from smqse.analysis import kpi
from smqse.db import run_query
from smqse.i18n import format_month_iso
from smqse.model import Role, Status
from smqse.scope import Scope, User, get_user, scope_for
from smqse.views.entry import DUE_DAY, due_date
from smqse.views.scorecard import Scorecard, load_scorecard

# What a to-do reads: smqse.data_version kinds.
TODO_KINDS = ("measurement", "objective", "indicator", "action", "month_close")

NOTIFICATION_KINDS = (
    "owed_values",
    "unfavourable_indicators",
    "actions_due",
    "escalations",
    "objective_alerts",
    "monthly_digest",
)
OWED_VALUES, UNFAVOURABLE, ACTIONS_DUE, ESCALATIONS, OBJECTIVE_ALERTS, MONTHLY_DIGEST = NOTIFICATION_KINDS

OWED_MONTHS = 3  # the owed month and the two before it: older gaps are the data page's, not a reminder's
ACTION_DUE_DAYS = 7
ESCALATION_DAYS = 30
ESCALATION_EVERY_DAYS = 30
REMINDER_EVERY_DAYS = 7
TOP_SIGNALS = 5

# The pages' URL paths (app.py PAGES).
ENTRY_PAGE = "monthly-entry"
ACTIONS_PAGE = "action-plan"
TRENDS_PAGE = "indicator-trends"
SCORECARD_PAGE = "dashboard"

_UNFAVOURABLE_STATUSES = (Status.AT_RISK.value, Status.MISSED.value)
_BADNESS = {Status.MET.value: 0, Status.AT_RISK.value: 1, Status.MISSED.value: 2}


@dataclass(frozen=True)
class Reminder:
    """One thing a user owes or must act on. Names in both languages (the caller picks one); user text
    (an action's title) as typed: whoever renders it escapes it."""

    kind: str
    item_key: str
    link: str  # the app's URL path with its query parameters, e.g. "action-plan?action=ACT-000123"
    indicator_id: str | None = None
    action_id: str | None = None
    objective_id: str | None = None
    site_id: str | None = None
    site_name: str | None = None
    process_id: str | None = None
    process_name_fr: str | None = None
    process_name_en: str | None = None
    name_fr: str | None = None  # the indicator's name
    name_en: str | None = None
    title: str | None = None  # the action's title (user text)
    owner_name: str | None = None  # an escalated action's owner
    period: date | None = None  # the month owed, or the scorecard month judged
    due_on: date | None = None
    days_overdue: int = 0  # days past due_on (negative: days left)
    value: float | None = None
    threshold: float | None = None  # the target due (indicator) or the alert threshold (objective)
    status: str | None = None
    previous_status: str | None = None
    signal_direction: str | None = None

    def name(self, lang: str) -> str | None:
        return self.name_en if lang == "en" else self.name_fr

    def process_name(self, lang: str) -> str | None:
        return self.process_name_en if lang == "en" else self.process_name_fr


@dataclass(frozen=True)
class Digest:
    """The monthly digest of a director or QSE lead: the scorecard at `month` in their scope."""

    month: date
    item_key: str
    link: str
    status_counts: dict[str, int]
    changed: list[dict] = field(
        default_factory=list
    )  # indicator_id, name_fr, name_en, previous_status, status
    top_signals: list[dict] = field(default_factory=list)  # indicator_id, names, signal_period, direction…
    indicator_count: int = 0


def _first_day(day: date) -> date:
    return date(day.year, day.month, 1)


def _month_link(page: str, month: date | None = None, **params: str) -> str:
    query = {**({"month": format_month_iso(month)} if month else {}), **params}
    return f"{page}?{urlencode(query)}" if query else page


def scorecard_month(con: duckdb.DuckDBPyConnection | None, scope: Scope, on: date) -> date | None:
    """The month the scorecard opens on at day `on` for this scope: the latest complete or closed month
    before `on`'s month (month_state.default_month), or None when the scope holds no data."""
    if scope.is_empty:
        return None
    counts = run_query("data_month_counts", con=con, **scope.params())
    months = [m for m in counts["period_month"].to_list() if m < _first_day(on)]
    return month_state.default_month(con, scope, months)


class ScorecardCache:
    """Scorecards loaded once per (scope, month) within one computation."""

    def __init__(self, con: duckdb.DuckDBPyConnection | None) -> None:
        self.con = con
        self._cards: dict[tuple[Scope, date], Scorecard] = {}
        self._months: dict[tuple[Scope, date], date | None] = {}

    def month(self, scope: Scope, on: date) -> date | None:
        """`scorecard_month`, once per scope and day."""
        key = (scope, on)
        if key not in self._months:
            self._months[key] = scorecard_month(self.con, scope, on)
        return self._months[key]

    def get(self, scope: Scope, month: date) -> Scorecard:
        key = (scope, month)
        if key not in self._cards:
            self._cards[key] = load_scorecard(scope, month, self.con)
        return self._cards[key]


def compute_reminders(
    con: duckdb.DuckDBPyConnection | None, user_id: str, on: date, *, cards: ScorecardCache | None = None
) -> list[Reminder]:
    """Everything `user_id` owes or must act on at day `on`, most urgent first (see the module docstring).
    An unknown user, or one without scope, gets nothing."""
    user = get_user(user_id, con)
    if user is None:
        return []
    scope = scope_for(user, con)
    if scope.is_empty:
        return []
    cards = cards or ScorecardCache(con)
    piloted = _piloted_scope(con, user, scope)
    reminders: list[Reminder] = []
    if piloted is not None:
        reminders += _owed_values(con, user, piloted, on)
        reminders += _unfavourable_indicators(con, piloted, on, cards)
    open_actions = run_query("reminders_open_actions", con=con, **scope.params(), due_by=on + timedelta(7))
    reminders += _actions_due(open_actions, user, on)
    if user.role == Role.QSE_LEAD:
        reminders += _escalations(open_actions, on)
    reminders += _objective_alerts(con, user, scope, on, cards)
    return sorted(reminders, key=_urgency)


def _urgency(r: Reminder) -> tuple:
    """Escalations, then what is overdue (most overdue first), then objective alerts and unfavourable
    indicators, then what is due soon (soonest first)."""
    if r.kind == ESCALATIONS:
        rank = 0
    elif r.days_overdue > 0:
        rank = 1
    elif r.kind == OBJECTIVE_ALERTS:
        rank = 2
    elif r.kind == UNFAVOURABLE:
        rank = 3
    else:
        rank = 4
    severity = 0 if r.status == Status.MISSED.value else 1
    return (rank, -r.days_overdue, severity, r.kind, r.item_key)


def _piloted_scope(con: duckdb.DuckDBPyConnection | None, user: User, scope: Scope) -> Scope | None:
    """The user's scope narrowed to the processes they pilot (None when they pilot none)."""
    processes = run_query("processes_in_scope", con=con, **scope.params())
    mine = processes.filter(pl.col("pilot_user_id") == user.user_id)["process_id"].to_list()
    if not mine:
        return None
    return Scope(
        tuple(p for p in scope.process_ids if p in set(mine)),
        scope.site_ids,
        scope.domains,
        all_sites=scope.all_sites,
    )


def _weekly(days_overdue: int, every: int = REMINDER_EVERY_DAYS) -> str:
    """`due` before the due date is passed, then one key per week overdue: one reminder each."""
    return "due" if days_overdue <= 0 else f"late-w{(days_overdue - 1) // every}"


def _owed_values(con: duckdb.DuckDBPyConnection | None, user: User, scope: Scope, on: date) -> list[Reminder]:
    owed_month = kpi.shift_month(_first_day(on), -1)
    start = kpi.shift_month(owed_month, -(OWED_MONTHS - 1))
    frame = run_query(
        "data_completeness",
        con=con,
        **scope.params(),
        start_month=start,
        end_month=owed_month,
        due_day=DUE_DAY,
    )
    closed = month_state.closed_months(con)
    frame = frame.filter(
        (pl.col("state") == "missing")
        & (pl.col("pilot_user_id") == user.user_id)
        & ~pl.col("period_month").is_in(sorted(closed))
    )
    out = []
    for r in frame.iter_rows(named=True):
        month = r["period_month"]
        due = due_date(month)
        late = (on - due).days
        out.append(
            Reminder(
                kind=OWED_VALUES,
                item_key=f"{r['indicator_id']}|{r['site_id']}|{format_month_iso(month)}|{_weekly(late)}",
                link=_month_link(ENTRY_PAGE, month),
                indicator_id=r["indicator_id"],
                site_id=r["site_id"],
                site_name=r["site_name"],
                process_id=r["process_id"],
                process_name_fr=r["process_name_fr"],
                process_name_en=r["process_name_en"],
                name_fr=r["name_fr"],
                name_en=r["name_en"],
                period=month,
                due_on=due,
                days_overdue=late,
            )
        )
    return out


def _turned_unfavourable(row: dict, month: date) -> bool:
    status, before = row["status"], row["previous_status"]
    if status in _UNFAVOURABLE_STATUSES and _BADNESS[status] > _BADNESS.get(before, 0):
        return True
    return _new_unfavourable_signal(row, month)


def _new_unfavourable_signal(row: dict, month: date) -> bool:
    # A signal that cannot be judged (target-band indicator) counts as unfavourable, as on "My indicators".
    return bool(row["signal"]) and row["signal_favourable"] is not True and row["signal_period"] == month


def _unfavourable_indicators(
    con: duckdb.DuckDBPyConnection | None, scope: Scope, on: date, cards: ScorecardCache
) -> list[Reminder]:
    month = cards.month(scope, on)
    if month is None:
        return []
    rows = cards.get(scope, month).rows
    out = []
    for r in rows.iter_rows(named=True):
        if not _turned_unfavourable(r, month):
            continue
        signal = _new_unfavourable_signal(r, month)
        # The status judged, and the signal's direction when it is the signal that is new: one reminder each.
        what = r["status"] + (f"+signal-{r['signal_direction']}" if signal else "")
        out.append(
            Reminder(
                kind=UNFAVOURABLE,
                item_key=f"{r['indicator_id']}|{format_month_iso(month)}|{what}",
                link=_month_link(
                    TRENDS_PAGE, None, indicator=r["indicator_id"], as_of=format_month_iso(month)
                ),
                indicator_id=r["indicator_id"],
                process_id=r["process_id"],
                process_name_fr=r["process_name_fr"],
                process_name_en=r["process_name_en"],
                name_fr=r["name_fr"],
                name_en=r["name_en"],
                period=month,
                value=r["ytd_value"],
                threshold=r["target_due"],
                status=r["status"],
                previous_status=r["previous_status"],
                signal_direction=r["signal_direction"] if signal else None,
            )
        )
    return out


def _action_reminder(kind: str, r: dict, on: date, key: str) -> Reminder:
    return Reminder(
        kind=kind,
        item_key=key,
        link=_month_link(ACTIONS_PAGE, None, action=r["action_id"]),
        action_id=r["action_id"],
        site_id=r["site_id"],
        site_name=r["site_name"],
        process_id=r["process_id"],
        process_name_fr=r["process_name_fr"],
        process_name_en=r["process_name_en"],
        title=r["title"],
        owner_name=r["owner_name"],
        due_on=r["due_on"],
        days_overdue=(on - r["due_on"]).days,
        status=r["status"],
    )


def _actions_due(actions: pl.DataFrame, user: User, on: date) -> list[Reminder]:
    mine = actions.filter(pl.col("owner_user_id") == user.user_id)
    out = []
    for r in mine.iter_rows(named=True):
        late = (on - r["due_on"]).days
        key = f"{r['action_id']}|{r['due_on'].isoformat()}|{_weekly(late)}"
        out.append(_action_reminder(ACTIONS_DUE, r, on, key))
    return out


def _escalations(actions: pl.DataFrame, on: date) -> list[Reminder]:
    out = []
    for r in actions.iter_rows(named=True):
        late = (on - r["due_on"]).days
        if late <= ESCALATION_DAYS:
            continue
        step = (late - ESCALATION_DAYS - 1) // ESCALATION_EVERY_DAYS
        key = f"{r['action_id']}|{r['due_on'].isoformat()}|esc-{step}"
        out.append(_action_reminder(ESCALATIONS, r, on, key))
    return out


def _objective_alerts(
    con: duckdb.DuckDBPyConnection | None, user: User, scope: Scope, on: date, cards: ScorecardCache
) -> list[Reminder]:
    """The user's objectives missed at the scorecard month and not the month before: judged on the
    scorecard of the objective's own site (its objective picked first there), or of the user's scope for a
    group objective — as the scorecard filtered that way shows it."""
    month = cards.month(scope, on)
    if month is None:
        return []
    owned = run_query(
        "reminders_owned_objectives", con=con, **scope.params(), user_id=user.user_id,
        start_on=month, end_on=kpi.month_end(month),
    )  # fmt: skip
    out = []
    for o in owned.iter_rows(named=True):
        judged_scope = scope.narrowed(site_ids=[o["site_id"]]) if o["site_id"] else scope
        rows = cards.get(judged_scope, month).rows.filter(
            (pl.col("indicator_id") == o["indicator_id"]) & (pl.col("objective_id") == o["objective_id"])
        )
        if rows.is_empty():
            continue
        r = rows.row(0, named=True)
        if r["status"] != Status.MISSED.value or r["previous_status"] == Status.MISSED.value:
            continue
        params = {"indicator": o["indicator_id"], "as_of": format_month_iso(month)}
        if o["site_id"]:
            params["site"] = o["site_id"]
        out.append(
            Reminder(
                kind=OBJECTIVE_ALERTS,
                item_key=f"{o['objective_id']}|{format_month_iso(month)}",
                link=_month_link(TRENDS_PAGE, None, **params),
                indicator_id=o["indicator_id"],
                objective_id=o["objective_id"],
                site_id=o["site_id"],
                site_name=o["site_name"],
                process_id=o["process_id"],
                process_name_fr=r["process_name_fr"],
                process_name_en=r["process_name_en"],
                name_fr=o["name_fr"],
                name_en=o["name_en"],
                period=month,
                value=r["ytd_value"],
                threshold=r["alert_due"],
                status=r["status"],
                previous_status=r["previous_status"],
            )
        )
    return out


def compute_digest(
    con: duckdb.DuckDBPyConnection | None, user_id: str, on: date, *, cards: ScorecardCache | None = None
) -> Digest | None:
    """The monthly digest of a director or the QSE lead at day `on` (None for anyone else, or without
    data): the scorecard at the scorecard month, in the user's scope, with a link to it (scope and month
    in the URL)."""
    user = get_user(user_id, con)
    if user is None or user.role not in (Role.DIRECTOR, Role.QSE_LEAD):
        return None
    scope = scope_for(user, con)
    cards = cards or ScorecardCache(con)
    month = cards.month(scope, on)
    if month is None:
        return None
    card = cards.get(scope, month)
    rows = card.rows
    counts = {s.value: int((rows["status"] == s.value).sum()) for s in Status}
    unfavourable = rows.filter(
        pl.col("signal").fill_null(False) & (pl.col("signal_favourable") != True).fill_null(True)  # noqa: E712
    ).sort("signal_period", "indicator_id", descending=[True, False], nulls_last=True)
    top = [
        {
            k: r[k]
            for k in ("indicator_id", "name_fr", "name_en", "signal_period", "signal_direction", "status")
        }
        for r in unfavourable.head(TOP_SIGNALS).iter_rows(named=True)
    ]
    link_params: list[tuple[str, str]] = [("as_of", format_month_iso(month))]
    if not scope.all_sites:
        link_params += [("site", s) for s in scope.site_ids]
    return Digest(
        month=month,
        item_key=format_month_iso(month),
        link=f"{SCORECARD_PAGE}?{urlencode(link_params)}",
        status_counts=counts,
        changed=card.changed.to_dicts(),
        top_signals=top,
        indicator_count=rows.height,
    )


def todo_version(con: duckdb.DuckDBPyConnection, scope: Scope) -> int:
    """The version of what a to-do reads in the user's (allowed) scope, the cache key of the landing page's
    to-do: values, objectives and the catalogue in scope, actions and month closings."""
    frame = run_query("todo_data_version", con=con, kinds=list(TODO_KINDS), **scope.params())
    return int(frame.item(0, 0)) if frame.height else 0
