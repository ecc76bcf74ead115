"""What the action plan page says: the ranked action table, the timeline's labels, takeaway, text
alternative and table, the effectiveness checks due and one action's history. Status is always a word with
an icon, never a colour alone (`smqse.charts.actions` draws the timeline with these words). No Streamlit
here.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import polars as pl

from smqse.i18n import TABLE_DATE_LENGTH, format_date, format_datetime, format_percent, t, tn
from smqse.views.actions import gantt_rows, gantt_status
from smqse.words.columns import day_text, first_text, words_by_value

STATUS_ICONS = {
    "planned": "○",
    "in_progress": "◐",
    "done": "●",
    "verified": "✓",
    "cancelled": "⊘",
}
OVERDUE_ICON = "⚠"


def table_day(day: date | None, lang: str) -> str:
    """A date as the tables and the timeline's labels write it (`31/10/2026`); an em dash when there is
    none."""
    return format_date(day, lang, TABLE_DATE_LENGTH)


def status_words(
    status: str | None, lang: str, *, overdue: bool = False, days_late: int | None = None
) -> str:
    """`◷ En cours · ⚠ en retard (12 j)`: icon + word, and the delay in words."""
    if status is None:
        return "—"
    text = f"{STATUS_ICONS.get(status, '')} {t(f'actions.status.{status}', lang)}".strip()
    if overdue:
        late = (
            t("actions.overdue_days", lang, n=days_late)
            if days_late is not None
            else t("actions.overdue", lang)
        )
        text += f" · {OVERDUE_ICON} {late}"
    return text


def effectiveness_words(row: dict, lang: str) -> str:
    """✓ effective / ✗ not effective / ◷ check due / ◷ to check / — not applicable."""
    effectiveness = row.get("effectiveness")
    if effectiveness == "effective":
        return f"✓ {t('actions.effectiveness.effective', lang)}"
    if effectiveness == "not_effective":
        return f"✗ {t('actions.effectiveness.not_effective', lang)}"
    if row.get("status") in ("done", "verified"):
        if row.get("check_due"):
            return f"◷ {t('actions.effectiveness.due', lang)}"
        return f"◷ {t('actions.effectiveness.not_checked', lang)}"
    return f"— {t('actions.effectiveness.na', lang)}"


def origin_words(origin: str | None, lang: str) -> str:
    return "—" if origin is None else t(f"actions.origin.{origin}", lang)


def type_words(action_type: str | None, lang: str) -> str:
    return "—" if action_type is None else t(f"actions.type.{action_type}", lang)


def process_name(row: dict, lang: str) -> str:
    return row.get(f"process_name_{lang}") or row.get("process_name_fr") or row.get("process_id") or "—"


def action_label(row: dict) -> str:
    title = row.get("title") or ""
    return f"{row['action_id']} — {title[:70]}{'…' if len(title) > 70 else ''}"


# --- the ranked table ---------------------------------------------------------------------------------

PLAN_COLUMNS = (
    "rank",
    "action_id",
    "status",
    "progress_pct",
    "due_on",
    "title",
    "owner",
    "process",
    "site",
    "action_type",
    "origin",
    "opened_on",
    "closed_on",
    "effectiveness",
)


def _status_text(frame: pl.DataFrame, lang: str) -> pl.Series:
    return words_by_value(
        frame,
        ("status", "overdue", "days_late"),
        lambda r: status_words(r["status"], lang, overdue=r["overdue"], days_late=r["days_late"]),
    )


def _process_text(frame: pl.DataFrame, lang: str) -> pl.Series:
    columns = ("process_id", "process_name_fr", "process_name_en")
    return words_by_value(frame, columns, lambda r: process_name(r, lang))


def _effectiveness_text(frame: pl.DataFrame, lang: str) -> pl.Series:
    return words_by_value(
        frame, ("effectiveness", "status", "check_due"), lambda r: effectiveness_words(r, lang)
    )


def build_plan_table(actions: pl.DataFrame, lang: str) -> pl.DataFrame:
    """One row per action, in the plan's order: status in words (overdue said), progress, dates, who. Built
    with column expressions; the words are computed once per distinct status, process…"""
    origin = words_by_value(actions, ("origin",), lambda r: origin_words(r["origin"], lang))
    action_type = words_by_value(actions, ("action_type",), lambda r: type_words(r["action_type"], lang))
    return actions.select(
        pl.col("rank").cast(pl.Int64),
        pl.col("action_id").cast(pl.String),
        _status_text(actions, lang).alias("status"),
        pl.col("progress_pct").cast(pl.Float64),
        day_text(actions, "due_on", lang).alias("due_on"),
        pl.col("title").cast(pl.String),
        first_text("owner_name", "owner_user_id").alias("owner"),
        _process_text(actions, lang).alias("process"),
        first_text("site_id", default=t("actions.all_sites", lang)).alias("site"),
        action_type.alias("action_type"),
        pl.format("{} · {}", origin, first_text("origin_id")).alias("origin"),
        day_text(actions, "opened_on", lang).alias("opened_on"),
        day_text(actions, "closed_on", lang).alias("closed_on"),
        _effectiveness_text(actions, lang).alias("effectiveness"),
    )


def plan_table_labels(lang: str) -> dict[str, str]:
    return {c: t(f"actions.col.{c}", lang) for c in PLAN_COLUMNS}


# --- the timeline -------------------------------------------------------------------------------------


def bar_text(row: dict, lang: str) -> str:
    """A timeline bar's label: its status in words, with the progress of an action in progress."""
    category = gantt_status(row)
    text = status_words(category, lang)
    if category == "in_progress" and row["progress_pct"] is not None:
        text += f" {format_percent(row['progress_pct'] / 100, lang)}"
    return text


def late_text(row: dict, lang: str) -> str:
    """The label of an overdue stretch: the delay in words, and the progress."""
    text = f"{OVERDUE_ICON} {t('actions.overdue_days', lang, n=row['days_late'])}"
    if row["progress_pct"] is not None:
        text += f" · {format_percent(row['progress_pct'] / 100, lang)}"
    return text


def overdue_label(lang: str) -> str:
    """The legend entry of the overdue stretches."""
    return f"{OVERDUE_ICON} {t('actions.overdue', lang)}"


def gantt_tick(row: dict) -> str:
    """An action on the timeline's axis: its id, with the overdue icon when it is late."""
    return f"{row['action_id']}{' ' + OVERDUE_ICON if row['overdue'] else ''}"


def gantt_takeaway(rows: pl.DataFrame, reference: date, lang: str) -> str:
    if rows.is_empty():
        return t("actions.gantt.takeaway_none", lang)
    overdue = rows.filter(pl.col("overdue"))
    open_on_time = int((rows["open_at_as_of"] & ~rows["overdue"]).sum())
    closed = rows.height - overdue.height - open_on_time
    text = tn(
        "actions.gantt.takeaway",
        rows.height,
        lang,
        overdue=overdue.height,
        open=open_on_time,
        closed=closed,
        date=format_date(reference, lang),
    )
    if overdue.height:
        worst = overdue.sort("days_late", descending=True).row(0, named=True)
        text += " " + t("actions.gantt.worst", lang, action=worst["action_id"], days=worst["days_late"])
    return text


def gantt_alt(rows: pl.DataFrame, reference: date, lang: str) -> str:
    parts = []
    for r in rows.iter_rows(named=True):
        part = t(
            "actions.gantt.alt_action",
            lang,
            action=r["action_id"],
            opened=format_date(r["opened_on"], lang),
            due=format_date(r["due_on"], lang),
            status=t(f"actions.status.{gantt_status(r)}", lang),
            progress=format_percent(r["progress_pct"] / 100, lang) if r["progress_pct"] is not None else "—",
        )
        if r["overdue"]:
            part += " " + t("actions.gantt.alt_late", lang, n=r["days_late"])
        elif r["closed_on"] is not None and not r["open_at_as_of"]:
            part += " " + t("actions.gantt.alt_closed", lang, closed=format_date(r["closed_on"], lang))
        parts.append(part)
    intro = t(
        "actions.gantt.alt_intro",
        lang,
        n=rows.height,
        date=format_date(reference, lang),
    )
    return f"{intro} {'; '.join(parts)}." if parts else intro


GANTT_COLUMNS = (
    "action_id",
    "status",
    "opened_on",
    "due_on",
    "closed_on",
    "progress_pct",
    "days_late",
    "title",
)


def build_gantt_table(actions: pl.DataFrame, lang: str) -> pl.DataFrame:
    rows = [
        {
            "action_id": r["action_id"],
            "status": status_words(r["status"], lang, overdue=r["overdue"], days_late=r["days_late"]),
            "opened_on": table_day(r["opened_on"], lang),
            "due_on": table_day(r["due_on"], lang),
            "closed_on": table_day(r["closed_on"], lang),
            "progress_pct": r["progress_pct"],
            "days_late": r["days_late"],
            "title": r["title"],
        }
        for r in gantt_rows(actions).iter_rows(named=True)
    ]
    schema = {c: pl.String for c in GANTT_COLUMNS} | {"progress_pct": pl.Float64, "days_late": pl.Int64}
    return pl.DataFrame(rows, schema=schema, orient="row")


def gantt_table_labels(lang: str) -> dict[str, str]:
    return {c: t(f"actions.col.{c}", lang) for c in GANTT_COLUMNS}


# --- effectiveness checks -----------------------------------------------------------------------------

CHECK_COLUMNS = ("action_id", "closed_on", "days_since_closed", "effectiveness", "owner", "process", "title")


def build_checks_table(due: pl.DataFrame, lang: str) -> pl.DataFrame:
    return due.select(
        pl.col("action_id").cast(pl.String),
        day_text(due, "closed_on", lang).alias("closed_on"),
        pl.col("days_since_closed").cast(pl.Int64),
        _effectiveness_text(due, lang).alias("effectiveness"),
        first_text("owner_name", "owner_user_id").alias("owner"),
        _process_text(due, lang).alias("process"),
        pl.col("title").cast(pl.String),
    )


def checks_table_labels(lang: str) -> dict[str, str]:
    return {c: t(f"actions.col.{c}", lang) for c in CHECK_COLUMNS}


# --- history ------------------------------------------------------------------------------------------

HISTORY_COLUMNS = ("changed_at", "changed_by", "change", "reason")


def _field_value(name: str, value, lang: str) -> str:
    if value is None:
        return "—"
    if name == "status":
        return status_words(value, lang)
    if name == "effectiveness":
        return t(f"actions.effectiveness.{value}", lang)
    if name == "progress_pct":
        return format_percent(float(value) / 100, lang)
    return str(value)


def describe_change(before: str | None, after: str | None, lang: str) -> str:
    """`Statut : ◷ En cours → ✓ Fait ; Avancement : 60 % → 100 %` from the JSON before/after."""
    old = json.loads(before) if before else {}
    new = json.loads(after) if after else {}
    parts = []
    for name in sorted(set(old) | set(new), key=lambda n: (n not in HISTORY_FIELD_ORDER, n)):
        label = t(f"actions.field.{name}", lang) if name in HISTORY_FIELD_ORDER else name
        parts.append(
            f"{label}{t('actions.colon', lang)} {_field_value(name, old.get(name), lang)} → "
            f"{_field_value(name, new.get(name), lang)}"
        )
    return " ; ".join(parts) if parts else "—"


HISTORY_FIELD_ORDER = ("status", "progress_pct", "closed_on", "effectiveness")


def build_history_table(history: pl.DataFrame, lang: str) -> pl.DataFrame:
    rows = [
        {
            "changed_at": format_datetime(r["changed_at"], lang, TABLE_DATE_LENGTH)
            if isinstance(r["changed_at"], datetime)
            else str(r["changed_at"]),
            "changed_by": r.get("changed_by_name") or r.get("changed_by") or "—",
            "change": describe_change(r["before"], r["after"], lang)
            if r["operation"] == "update"
            else t("actions.history.created", lang),
            "reason": r.get("reason") or "—",
        }
        for r in history.iter_rows(named=True)
    ]
    return pl.DataFrame(rows, schema={c: pl.String for c in HISTORY_COLUMNS}, orient="row")


def history_table_labels(lang: str) -> dict[str, str]:
    return {c: t(f"actions.col.{c}", lang) for c in HISTORY_COLUMNS}
