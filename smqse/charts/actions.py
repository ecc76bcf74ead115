"""Views of the action plan page: the ranked action table, a Gantt-style timeline (bars from opening to due
or closing date, overdue stretches hatched and labelled in words, a line at the reference date), the
effectiveness checks due and one action's history. Status is always a word with an icon, never a colour
alone. The figure carries its title, takeaway and text alternative (`smqse.charts.figure_takeaway/figure_alt`)
and has a table with the same numbers. No Streamlit here.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import plotly.graph_objects as go
import polars as pl

from smqse.charts import palette
from smqse.charts.month_axis import month_ticks
from smqse.i18n import format_percent, t, tn
from smqse.views.actions import gantt_rows, gantt_status
from smqse.words.columns import day_text, first_text, words_by_value

_FONT = {"family": "Source Sans, Segoe UI, Helvetica, Arial, sans-serif", "color": palette.TEXT, "size": 13}
_MS_PER_DAY = 86_400_000

STATUS_ICONS = {
    "planned": "○",
    "in_progress": "◐",
    "done": "●",
    "verified": "✓",
    "cancelled": "⊘",
}
OVERDUE_ICON = "⚠"
STATUS_COLOURS = {
    "planned": palette.SKY_BLUE,
    "in_progress": palette.BLUE,
    "done": palette.BLUISH_GREEN,
    "verified": palette.BLUISH_GREEN,
    "cancelled": palette.LIGHT_GREY,
}
STATUS_PATTERNS = {"planned": ".", "in_progress": "", "done": "/", "verified": "", "cancelled": "-"}
OVERDUE_COLOUR = palette.VERMILLION


def _day(day) -> str:
    return "—" if day is None else day.isoformat()


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
        day_text("due_on").alias("due_on"),
        pl.col("title").cast(pl.String),
        first_text("owner_name", "owner_user_id").alias("owner"),
        _process_text(actions, lang).alias("process"),
        first_text("site_id", default=t("actions.all_sites", lang)).alias("site"),
        action_type.alias("action_type"),
        pl.format("{} · {}", origin, first_text("origin_id")).alias("origin"),
        day_text("opened_on").alias("opened_on"),
        day_text("closed_on").alias("closed_on"),
        _effectiveness_text(actions, lang).alias("effectiveness"),
    )


def plan_table_labels(lang: str) -> dict[str, str]:
    return {c: t(f"actions.col.{c}", lang) for c in PLAN_COLUMNS}


# --- the timeline -------------------------------------------------------------------------------------


def _bar_end(row: dict, reference: date) -> date:
    """Where the planned bar stops: the closing date of a closed action (if closed by the reference date),
    else the due date (the reference date when there is none)."""
    if row["closed_on"] is not None and not row["open_at_as_of"]:
        return row["closed_on"]
    return row["due_on"] or reference


def _bar_text(row: dict, lang: str) -> str:
    category = gantt_status(row)
    text = f"{STATUS_ICONS[category]} {t(f'actions.status.{category}', lang)}"
    if category == "in_progress" and row["progress_pct"] is not None:
        text += f" {format_percent(row['progress_pct'] / 100, lang)}"
    return text


def _late_text(row: dict, lang: str) -> str:
    text = f"{OVERDUE_ICON} {t('actions.overdue_days', lang, n=row['days_late'])}"
    if row["progress_pct"] is not None:
        text += f" · {format_percent(row['progress_pct'] / 100, lang)}"
    return text


def _tick(row: dict) -> str:
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
        date=reference.isoformat(),
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
            opened=_day(r["opened_on"]),
            due=_day(r["due_on"]),
            status=t(f"actions.status.{gantt_status(r)}", lang),
            progress=format_percent(r["progress_pct"] / 100, lang) if r["progress_pct"] is not None else "—",
        )
        if r["overdue"]:
            part += " " + t("actions.gantt.alt_late", lang, n=r["days_late"])
        elif r["closed_on"] is not None and not r["open_at_as_of"]:
            part += " " + t("actions.gantt.alt_closed", lang, closed=_day(r["closed_on"]))
        parts.append(part)
    intro = t(
        "actions.gantt.alt_intro",
        lang,
        n=rows.height,
        date=reference.isoformat(),
    )
    return f"{intro} {'; '.join(parts)}." if parts else intro


def _span(start: date, end: date) -> float:
    """A bar's length in milliseconds (Plotly's unit on a date axis), at least one day so it shows."""
    return max((end - start).days, 1) * _MS_PER_DAY


def build_gantt(actions: pl.DataFrame, reference: date, lang: str) -> go.Figure:
    """Horizontal bars from opening to due date (or closing date), one per action, in the plan's order;
    the stretch past the due date of an overdue action is hatched, in vermillion and labelled with the
    delay; a dashed line marks the reference date. Each status has its own legend entry, icon and word."""
    rows = gantt_rows(actions)
    records = list(rows.iter_rows(named=True))
    fig = go.Figure()
    for category in ("planned", "in_progress", "done", "verified"):
        chosen = [r for r in records if gantt_status(r) == category]
        if not chosen:
            continue
        fig.add_trace(
            go.Bar(
                name=f"{STATUS_ICONS[category]} {t(f'actions.status.{category}', lang)}",
                y=[_tick(r) for r in chosen],
                base=[r["opened_on"].isoformat() for r in chosen],
                x=[_span(r["opened_on"], _bar_end(r, reference)) for r in chosen],
                orientation="h",
                marker={
                    "color": STATUS_COLOURS[category],
                    "line": {"color": palette.TEXT, "width": 1},
                    "pattern": {
                        "shape": STATUS_PATTERNS[category],
                        "fgcolor": palette.TEXT,
                        "fillmode": "overlay",
                        "solidity": 0.2,
                    },
                },
                text=[_bar_text(r, lang) for r in chosen],
                # An overdue bar has its stretch past due on its right: its text stays inside (hidden when it
                # does not fit; the delay and the progress are said on the stretch).
                textposition=["inside" if r["overdue"] else "auto" for r in chosen],
                insidetextanchor="start",
                cliponaxis=False,
                # White on blue only (5:1); dark text on the lighter fills and outside the bars.
                insidetextfont={"color": "#FFFFFF" if category == "in_progress" else palette.TEXT},
                outsidetextfont={"color": palette.TEXT},
                customdata=[[r["title"], _day(r["opened_on"]), _day(_bar_end(r, reference))] for r in chosen],
                hovertemplate="%{y} — %{customdata[0]}<br>%{customdata[1]} → %{customdata[2]}<extra></extra>",
            )
        )
    late = [r for r in records if r["overdue"] and r["due_on"] is not None]
    if late:
        fig.add_trace(
            go.Bar(
                name=f"{OVERDUE_ICON} {t('actions.overdue', lang)}",
                y=[_tick(r) for r in late],
                base=[r["due_on"].isoformat() for r in late],
                x=[_span(r["due_on"], reference) for r in late],
                orientation="h",
                marker={
                    "color": OVERDUE_COLOUR,
                    "line": {"color": palette.TEXT, "width": 1},
                    "pattern": {
                        "shape": "x",
                        "fgcolor": palette.TEXT,
                        "fillmode": "overlay",
                        "solidity": 0.3,
                    },
                },
                text=[_late_text(r, lang) for r in late],
                textposition="outside",
                cliponaxis=False,
                textfont={"color": palette.TEXT},
                hovertemplate="%{y} — %{text}<extra></extra>",
            )
        )
    ticks = [_tick(r) for r in records]
    fig.add_shape(
        type="line",
        x0=reference.isoformat(),
        x1=reference.isoformat(),
        y0=0,
        y1=1,
        yref="paper",
        line={"color": palette.TEXT, "width": 2, "dash": "dash"},
    )
    fig.add_annotation(
        x=reference.isoformat(),
        y=1,
        yref="paper",
        yanchor="bottom",
        text=t("actions.gantt.reference", lang, date=reference.isoformat()),
        showarrow=False,
        font={"color": palette.TEXT, "size": 12},
    )
    plot_height = 30 * max(len(records), 1)
    starts = [r["opened_on"] for r in records] or [reference]
    ends = [max(_bar_end(r, reference), reference) for r in records] or [reference]
    axis_start, axis_end = min(starts) - timedelta(days=15), max(ends) + timedelta(days=60)
    fig.update_layout(
        title={"text": t("actions.gantt.title", lang), "font": {"size": 16}},
        barmode="overlay",
        uniformtext={"minsize": 10, "mode": "hide"},
        bargap=0.3,
        height=plot_height + 150,
        margin={"l": 24, "r": 130, "t": 70, "b": 80},
        font=_FONT,
        plot_bgcolor="#FFFFFF",
        paper_bgcolor="#FFFFFF",
        # The legend under the axis (its dates), the reference date's label above the plot.
        legend={"orientation": "h", "yanchor": "top", "y": -45 / plot_height, "xanchor": "left", "x": 0},
        xaxis={
            "type": "date",
            "gridcolor": palette.GRID,
            "range": [axis_start.isoformat(), axis_end.isoformat()],
            # Months named by smqse.i18n ("juil. 2024"): Plotly would write "Jul 2024" on a French page.
            **month_ticks(axis_start, axis_end, lang),
        },
        yaxis={
            "autorange": "reversed",
            "categoryorder": "array",
            "categoryarray": ticks,
            "automargin": True,
            "tickfont": {"size": 12},
        },
        meta={"takeaway": gantt_takeaway(rows, reference, lang), "alt": gantt_alt(rows, reference, lang)},
    )
    return fig


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
            "opened_on": _day(r["opened_on"]),
            "due_on": _day(r["due_on"]),
            "closed_on": _day(r["closed_on"]),
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
        day_text("closed_on").alias("closed_on"),
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
            "changed_at": r["changed_at"].isoformat(sep=" ", timespec="minutes")
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
