"""The to-do of the landing page in words: a user's reminders (smqse.reminders, the list the e-mails send) as
a few lines, most urgent first. No Streamlit here; smqse.ui.todo renders it.

Owed values are one line per month (a pilot may owe dozens of values for one month: the entry page takes
them all at once); every other reminder is one line. Status is said in words and an icon, never by colour:
overdue by N days, due today, due in N days.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from smqse.i18n import format_date, format_month, format_month_iso, label, t, t_md, tn
from smqse.reminders import (
    ACTIONS_DUE,
    ESCALATIONS,
    OBJECTIVE_ALERTS,
    OWED_VALUES,
    UNFAVOURABLE,
    Reminder,
)
from smqse.textsafety import escape_markdown

# Where each kind of line opens (the page file; smqse.ui.todo hands the item over in the session).
ENTRY, ACTIONS, TRENDS = "entry", "actions", "trends"
TARGETS = {
    OWED_VALUES: ENTRY,
    ACTIONS_DUE: ACTIONS,
    ESCALATIONS: ACTIONS,
    UNFAVOURABLE: TRENDS,
    OBJECTIVE_ALERTS: TRENDS,
}
KIND_ORDER = (ESCALATIONS, ACTIONS_DUE, OWED_VALUES, OBJECTIVE_ALERTS, UNFAVOURABLE)


@dataclass(frozen=True)
class TodoLine:
    """One line: its Markdown text (values escaped), the page it opens and the item there (an action id, an
    indicator id or a month)."""

    kind: str
    text: str
    target: str
    item: str


def format_day(day: date, lang: str) -> str:
    """`10 décembre 2026` / `10 December 2026`."""
    return format_date(day, lang)


def due_words(due_on: date | None, days_overdue: int, lang: str) -> str:
    """`⚠ en retard de 4 jours (échéance le 10 décembre 2026)`, `◷ échéance aujourd'hui (…)`,
    `◷ échéance dans 3 jours (le …)`."""
    if due_on is None:
        return ""
    day = format_day(due_on, lang)
    if days_overdue == 0:
        return t("todo.due_today", lang, day=day)
    n = abs(days_overdue)
    days = tn("todo.days", n, lang)
    return t("todo.overdue" if days_overdue > 0 else "todo.due_in", lang, days=days, day=day)


def count_by_kind(reminders: list[Reminder]) -> dict[str, int]:
    """How many reminders of each kind (owed values counted one by one, as the e-mail lists them)."""
    counts = Counter(r.kind for r in reminders)
    return {kind: counts[kind] for kind in KIND_ORDER if counts[kind]}


def build_counts_line(reminders: list[Reminder], lang: str) -> str:
    """`2 escalades · 7 actions à échéance ou en retard · 20 valeurs à saisir`."""
    return " · ".join(tn(f"todo.count.{kind}", n, lang) for kind, n in count_by_kind(reminders).items())


def build_lines(reminders: list[Reminder], lang: str) -> list[TodoLine]:
    """The lines of the to-do, in the reminders' order (most urgent first); owed values grouped by month at
    the place of the month's first (most overdue) reminder."""
    order: list[date | Reminder] = []
    owed: dict[date, list[Reminder]] = {}
    for r in reminders:
        if r.kind == OWED_VALUES and r.period is not None:
            if r.period not in owed:
                owed[r.period] = []
                order.append(r.period)
            owed[r.period].append(r)
        elif r.kind in TARGETS:
            order.append(r)
    return [_owed_line(owed[x], lang) if isinstance(x, date) else _line(x, lang) for x in order]


def _owed_line(items: list[Reminder], lang: str) -> TodoLine:
    first = max(items, key=lambda r: r.days_overdue)
    processes = sorted({r.process_name(lang) or r.process_id or "" for r in items})
    text = t_md(
        "todo.line.owed_values",
        lang,
        n=len(items),
        month=format_month(first.period, lang),
        processes=" · ".join(processes),
    )
    return TodoLine(
        OWED_VALUES,
        f"{text} — {due_words(first.due_on, first.days_overdue, lang)}",
        ENTRY,
        format_month_iso(first.period),
    )


def _where(r: Reminder, lang: str) -> str:
    return " · ".join(p for p in (r.process_name(lang), r.site_name) if p)


def _line(r: Reminder, lang: str) -> TodoLine:
    if r.kind in (ACTIONS_DUE, ESCALATIONS):
        key = "todo.line.escalation" if r.kind == ESCALATIONS else "todo.line.action"
        text = t_md(
            key, lang, id=r.action_id, title=r.title or "", where=_where(r, lang), owner=r.owner_name or ""
        )
        text = f"{text} — {due_words(r.due_on, r.days_overdue, lang)}"
        return TodoLine(r.kind, text, ACTIONS, r.action_id or "")
    name = r.name(lang) or ""
    month = format_month(r.period, lang)
    status = escape_markdown(label("status", r.status, lang)) if r.status else "—"
    if r.kind == OBJECTIVE_ALERTS:
        text = t_md(
            "todo.line.objective", lang, id=r.objective_id, indicator=r.indicator_id, name=name, month=month
        )
        text += t("todo.line.objective_site", lang, site=escape_markdown(r.site_name)) if r.site_name else ""
    else:
        text = t_md("todo.line.unfavourable", lang, id=r.indicator_id, name=name, month=month, status=status)
        if r.signal_direction:
            text += t("todo.line.signal", lang, direction=t(f"signal.direction.{r.signal_direction}", lang))
    return TodoLine(r.kind, text, TRENDS, r.indicator_id or "")
