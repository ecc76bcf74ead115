"""Views of the causes and actions page: the causes ranked on explicit criteria (a table), one cause's
actions (a table), and the before/after event rates of those actions (grouped bars with patterns and
labels, so colour is never the only cue). Each figure carries its title, takeaway and text alternative
(see `smqse.charts.figure_takeaway/figure_alt`) and has a table with the same numbers. No Streamlit here.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from smqse.analysis.causes import CRITERIA, OPEN_STATUSES
from smqse.charts import palette
from smqse.i18n import chart_separators, format_month_short, format_number, join_words, t, tn
from smqse.views.causes import chart_actions
from smqse.words.columns import day_text, first_text, words_by_value

_FONT = {"family": "Source Sans, Segoe UI, Helvetica, Arial, sans-serif", "color": palette.TEXT, "size": 14}

STATUS_ICONS = {
    "planned": "○",
    "in_progress": "◐",
    "done": "●",
    "verified": "✓",
    "cancelled": "⊘",
}
VERDICT_ICONS = {
    "stopped": "✓",
    "reduced": "↘",
    "unchanged": "→",
    "increased": "↗",
    "too_early": "◷",
    "not_closed": "—",
    "cancelled": "⊘",
}
BEFORE_COLOUR = palette.ORANGE
AFTER_COLOUR = palette.BLUE


def cause_label(row: dict, lang: str) -> str:
    return row.get(f"cause_label_{lang}") or row.get("cause_label_fr") or str(row.get("cause_id") or "")


def category_label(row: dict, lang: str) -> str:
    return row.get(f"root_label_{lang}") or row.get("root_label_fr") or str(row.get("category") or "—")


def status_words(status: str | None, lang: str, *, overdue: bool = False) -> str:
    if status is None:
        return "—"
    text = f"{STATUS_ICONS.get(status, '')} {t(f'causes.status.{status}', lang)}".strip()
    if overdue:
        text += f" · ⚠ {t('causes.overdue', lang)}"
    return text


def verdict_words(verdict: str | None, lang: str) -> str:
    if verdict is None:
        return "—"
    return f"{VERDICT_ICONS.get(verdict, '')} {t(f'causes.verdict.{verdict}', lang)}".strip()


def effectiveness_words(row: dict, lang: str) -> str:
    """✓ checked (and its result), ✗ closed but not checked, — not applicable yet (open or cancelled)."""
    effectiveness = row.get("effectiveness")
    if effectiveness in ("effective", "not_effective"):
        return f"✓ {t(f'causes.checked.{effectiveness}', lang)}"
    if row.get("status") in ("done", "verified"):
        return f"✗ {t('causes.checked.no', lang)}"
    return f"— {t('causes.checked.na', lang)}"


def follow_up_words(row: dict, lang: str) -> str:
    """The flag of the ranking: a cause with events but no action, or only containment."""
    if not row.get("action_count"):
        return f"⚠ {t('causes.flag.no_action', lang)}"
    if not row.get("cause_actions"):
        return f"⚠ {t('causes.flag.containment_only', lang)}"
    n = int(row["action_count"])
    parts = [t("causes.flag.action_one", lang) if n == 1 else t("causes.flag.actions", lang, n=n)]
    if row.get("overdue_count"):
        parts.append(t("causes.flag.overdue", lang, n=int(row["overdue_count"])))
    if row.get("closed_unchecked"):
        parts.append(t("causes.flag.unchecked", lang, n=int(row["closed_unchecked"])))
    return " · ".join(parts)


# --- the ranking --------------------------------------------------------------------------------------


def criteria_sentence(weights: dict[str, float], lang: str) -> str:
    """The criteria and their weights, in words, stated above the ranking."""
    total = sum(weights.values())
    if total == 0:
        return t("causes.criteria.none", lang)
    terms = [
        t(
            "causes.criteria.term",
            lang,
            weight=format_number(weights[c], lang),
            name=t(f"causes.criterion.{c}", lang),
        )
        for c in CRITERIA
        if weights[c] > 0
    ]
    return t("causes.criteria.sentence", lang, terms=" + ".join(terms), total=format_number(total, lang))


def build_ranking_table(ranking: pl.DataFrame, lang: str) -> pl.DataFrame:
    """One row per cause, by rank: the criteria, the score (0–1) and the follow-up flag."""
    rows = [
        {
            "rank": r["rank"],
            "cause": cause_label(r, lang),
            "category": category_label(r, lang),
            "event_count": r["event_count"],
            "cost_total": r["cost_total"],
            "severity_mean": round(r["severity_mean"], 2),
            "severity_max": r["severity_max"],
            "months_with_events": r["months_with_events"],
            "site_count": r["site_count"],
            "score": round(r["score"], 3),
            "follow_up": follow_up_words(r, lang),
            "cause_id": r["cause_id"],
        }
        for r in ranking.iter_rows(named=True)
    ]
    schema = {
        "rank": pl.Int64,
        "cause": pl.String,
        "category": pl.String,
        "event_count": pl.Int64,
        "cost_total": pl.Float64,
        "severity_mean": pl.Float64,
        "severity_max": pl.Int64,
        "months_with_events": pl.Int64,
        "site_count": pl.Int64,
        "score": pl.Float64,
        "follow_up": pl.String,
        "cause_id": pl.String,
    }
    return pl.DataFrame(rows, schema=schema, orient="row").select(RANKING_COLUMNS)


RANKING_COLUMNS = (
    "rank",
    "cause",
    "score",
    "event_count",
    "cost_total",
    "severity_mean",
    "months_with_events",
    "follow_up",
    "category",
    "severity_max",
    "site_count",
    "cause_id",
)
ACTION_COLUMNS = (
    "action_id",
    "action_type",
    "status",
    "effectiveness",
    "before_after",
    "verdict",
    "due_on",
    "closed_on",
    "owner",
    "title",
    "site",
    "opened_on",
    "progress_pct",
    "window_months",
)


def ranking_table_labels(lang: str) -> dict[str, str]:
    return {
        c: t(f"causes.col.{c}", lang)
        for c in (
            "rank",
            "cause",
            "category",
            "event_count",
            "cost_total",
            "severity_mean",
            "severity_max",
            "months_with_events",
            "site_count",
            "score",
            "follow_up",
            "cause_id",
        )
    }


def ranking_takeaway(ranking: pl.DataFrame, lang: str) -> str:
    if ranking.is_empty():
        return t("causes.ranking.none", lang)
    top = ranking.row(0, named=True)
    without = int((ranking["action_count"] == 0).sum()) if "action_count" in ranking.columns else 0
    text = t(
        "causes.ranking.takeaway",
        lang,
        n=ranking.height,
        cause=cause_label(top, lang),
        events=int(top["event_count"]),
        months=int(top["months_with_events"]),
        score=format_number(top["score"], lang, 2),
    )
    if without:
        text += " " + t("causes.ranking.without", lang, n=without)
    return text


def _day(day) -> str:
    """ISO date (sorts as text, reads in every language); an em dash when there is none."""
    return "—" if day is None else day.isoformat()


# --- one cause's actions ------------------------------------------------------------------------------


def build_actions_table(actions: pl.DataFrame, lang: str, as_of) -> pl.DataFrame:
    """One row per action of a cause: what, who, status in words, dates, effectiveness, before → after.
    Built with column expressions (a cause can have hundreds of thousands of actions)."""
    frame = actions.with_columns(
        _overdue=(
            pl.col("status").is_in(OPEN_STATUSES)
            & pl.col("due_on").is_not_null()
            & (pl.col("due_on") < as_of)
        ).fill_null(False)
    )
    after = pl.col("after_count").cast(pl.String).fill_null("—")
    text = {
        "status": words_by_value(
            frame, ("status", "_overdue"), lambda r: status_words(r["status"], lang, overdue=r["_overdue"])
        ),
        "action_type": words_by_value(
            frame, ("action_type",), lambda r: t(f"causes.type.{r['action_type']}", lang)
        ),
        "effectiveness": words_by_value(
            frame, ("effectiveness", "status"), lambda r: effectiveness_words(r, lang)
        ),
        "verdict": words_by_value(frame, ("verdict",), lambda r: verdict_words(r["verdict"], lang)),
    }
    return frame.select(
        pl.col("action_id").cast(pl.String),
        pl.col("title").cast(pl.String),
        text["action_type"].alias("action_type"),
        text["status"].alias("status"),
        first_text("owner_name", "owner_user_id").alias("owner"),
        first_text("site_id").alias("site"),
        day_text("opened_on").alias("opened_on"),
        day_text("due_on").alias("due_on"),
        pl.when(pl.col("status") != "cancelled")
        .then(pl.col("closed_on"))
        .dt.strftime("%Y-%m-%d")
        .fill_null("—")
        .alias("closed_on"),
        pl.col("progress_pct").cast(pl.Float64),
        text["effectiveness"].alias("effectiveness"),
        pl.format("{} → {}", pl.col("before_count"), after).alias("before_after"),
        pl.col("window_months").cast(pl.Int64),
        text["verdict"].alias("verdict"),
    ).select(ACTION_COLUMNS)


def actions_table_labels(lang: str) -> dict[str, str]:
    keys = (
        "action_id",
        "title",
        "action_type",
        "status",
        "owner",
        "site",
        "opened_on",
        "due_on",
        "closed_on",
        "progress_pct",
        "effectiveness",
        "before_after",
        "window_months",
        "verdict",
    )
    return {k: t(f"causes.col.{k}", lang) for k in keys}


# --- before / after chart -----------------------------------------------------------------------------


def effect_takeaway(actions: pl.DataFrame, lang: str) -> str:
    judged = actions.filter(pl.col("verdict").is_in(["stopped", "reduced", "unchanged", "increased"]))
    waiting = int(actions["verdict"].is_in(["too_early", "not_closed"]).sum())
    if judged.is_empty():
        return t("causes.effect.takeaway_none", lang, waiting=waiting)
    counts = {
        v: int((judged["verdict"] == v).sum()) for v in ("stopped", "reduced", "unchanged", "increased")
    }
    parts = [t(f"causes.effect.count.{v}", lang, n=n) for v, n in counts.items() if n]
    text = tn("causes.effect.takeaway", judged.height, lang, parts=join_words(parts, lang))
    if waiting:
        text += " " + t("causes.effect.waiting", lang, n=waiting)
    return text


def _tick(row: dict, lang: str) -> str:
    return f"<b>{row['action_id']}</b> · {verdict_words(row['verdict'], lang)}"


def build_effect_chart(actions: pl.DataFrame, cause: str, lang: str) -> go.Figure:
    """Horizontal grouped bars, one pair per closed action: monthly event rate of the cause before the
    action opened (orange, hatched) and after it closed (blue, solid), each labelled with its count; the
    action and its verdict in words on the axis."""
    shown = chart_actions(actions)
    rows = list(shown.iter_rows(named=True))
    ticks = [_tick(r, lang) for r in rows]
    before_name = t("causes.effect.before", lang)
    after_name = t("causes.effect.after", lang)
    after_text = []
    for r in rows:
        if r["after_count"] is None:
            after_text.append("")
        elif r["verdict"] == "too_early":
            after_text.append(t("causes.effect.bar_so_far", lang, n=r["after_count"]))
        else:
            after_text.append(t("causes.effect.bar_label", lang, n=r["after_count"], m=r["window_months"]))
    fig = go.Figure()
    # With the axis reversed, the first trace of each group is drawn on top: before, then after.
    fig.add_trace(
        go.Bar(
            name=before_name,
            y=ticks,
            x=[r["before_rate"] for r in rows],
            orientation="h",
            marker={
                "color": BEFORE_COLOUR,
                "line": {"color": palette.TEXT, "width": 1},
                "pattern": {
                    "shape": "/",
                    "fgcolor": palette.TEXT,
                    "fillmode": "overlay",
                    "size": 8,
                    "solidity": 0.2,
                },
            },
            text=[
                t("causes.effect.bar_label", lang, n=r["before_count"], m=r["window_months"]) for r in rows
            ],
            textposition="outside",
            textfont={"size": 13, "color": palette.TEXT},
            cliponaxis=False,
            hovertemplate="%{y}<br>" + before_name + " — %{x:.2f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            name=after_name,
            y=ticks,
            x=[r["after_rate"] if r["after_rate"] is not None else 0 for r in rows],
            orientation="h",
            marker={"color": AFTER_COLOUR, "line": {"color": palette.TEXT, "width": 1}},
            text=after_text,
            textposition="outside",
            textfont={"size": 13, "color": palette.TEXT},
            cliponaxis=False,
            hovertemplate="%{y}<br>" + after_name + " — %{x:.2f}<extra></extra>",
        )
    )
    top = max([r["before_rate"] or 0 for r in rows] + [r["after_rate"] or 0 for r in rows] + [0.5])
    fig.update_layout(
        title={"text": t("causes.effect.title", lang, cause=cause), "font": {"size": 16}},
        separators=chart_separators(lang),  # the hover's rates: 0,25 in French
        barmode="group",
        bargap=0.25,
        height=130 + 62 * max(len(rows), 1),
        margin={"l": 24, "r": 24, "t": 70, "b": 50},
        font=_FONT,
        plot_bgcolor="#FFFFFF",
        paper_bgcolor="#FFFFFF",
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
            "xanchor": "left",
            "x": 0,
        },
        xaxis={
            "title": {"text": t("causes.effect.y_axis", lang)},
            "gridcolor": palette.GRID,
            "range": [0, top * 1.3],
            "zeroline": True,
            "zerolinecolor": palette.TEXT,
        },
        yaxis={"autorange": "reversed", "tickfont": {"size": 13}, "automargin": True},
        meta={"takeaway": effect_takeaway(actions, lang), "alt": effect_alt(shown, cause, lang)},
    )
    return fig


def effect_alt(actions: pl.DataFrame, cause: str, lang: str) -> str:
    parts = [
        t(
            "causes.effect.alt_action",
            lang,
            action=r["action_id"],
            before=r["before_count"],
            after="—" if r["after_count"] is None else r["after_count"],
            months=r["window_months"],
            verdict=t(f"causes.verdict.{r['verdict']}", lang),
        )
        for r in actions.iter_rows(named=True)
    ]
    return f"{t('causes.effect.alt_intro', lang, cause=cause)} {'; '.join(parts)}."


def build_effect_table(actions: pl.DataFrame, lang: str) -> pl.DataFrame:
    rows = [
        {
            "action_id": r["action_id"],
            "before_period": f"{format_month_short(r['before_start'], lang)} – {format_month_short(r['before_end'], lang)}",
            "before_count": r["before_count"],
            "before_rate": round(r["before_rate"], 3),
            "after_period": (
                f"{format_month_short(r['after_start'], lang)} – {format_month_short(r['after_end'], lang)}"
                if r["after_start"] is not None
                else "—"
            ),
            "after_count": r["after_count"],
            "after_rate": None if r["after_rate"] is None else round(r["after_rate"], 3),
            "verdict": verdict_words(r["verdict"], lang),
        }
        for r in chart_actions(actions).iter_rows(named=True)
    ]
    schema = {
        "action_id": pl.String,
        "before_period": pl.String,
        "before_count": pl.Int64,
        "before_rate": pl.Float64,
        "after_period": pl.String,
        "after_count": pl.Int64,
        "after_rate": pl.Float64,
        "verdict": pl.String,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def effect_table_labels(lang: str) -> dict[str, str]:
    keys = (
        "action_id",
        "before_period",
        "before_count",
        "before_rate",
        "after_period",
        "after_count",
        "after_rate",
        "verdict",
    )
    return {k: t(f"causes.col.{k}", lang) for k in keys}
