"""What the causes and actions page says: the causes ranked on explicit criteria (the criteria in a
sentence, a table, a takeaway), one cause's actions (a table) and the before/after chart's labels,
takeaway, text alternative and table. Status and verdict are words with an icon, never a colour alone
(`smqse.charts.causes` draws the chart with these words). No Streamlit here.
"""

from __future__ import annotations

import polars as pl

from smqse.analysis.causes import CRITERIA, OPEN_STATUSES
from smqse.i18n import format_month_short, format_number, join_words, t, tn
from smqse.views.causes import chart_actions
from smqse.words.actions import STATUS_ICONS  # an action's status: the same icon on both pages
from smqse.words.columns import day_text, first_text, words_by_value

VERDICT_ICONS = {
    "stopped": "✓",
    "reduced": "↘",
    "unchanged": "→",
    "increased": "↗",
    "too_early": "◷",
    "not_closed": "—",
    "cancelled": "⊘",
}


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
        day_text(frame, "opened_on", lang).alias("opened_on"),
        day_text(frame, "due_on", lang).alias("due_on"),
        pl.when(pl.col("status") != "cancelled")
        .then(day_text(frame, "closed_on", lang))
        .otherwise(pl.lit("—"))
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


def effect_tick(row: dict, lang: str) -> str:
    """An action on the chart's axis: its id and its verdict in words."""
    return f"<b>{row['action_id']}</b> · {verdict_words(row['verdict'], lang)}"


def before_bar_text(row: dict, lang: str) -> str:
    """The label of the "before" bar: the events counted over the window."""
    return t("causes.effect.bar_label", lang, n=row["before_count"], m=row["window_months"])


def after_bar_text(row: dict, lang: str) -> str:
    """The label of the "after" bar: the events counted over the window, or so far when the window is not
    over; nothing when there is no "after" yet."""
    if row["after_count"] is None:
        return ""
    if row["verdict"] == "too_early":
        return t("causes.effect.bar_so_far", lang, n=row["after_count"])
    return t("causes.effect.bar_label", lang, n=row["after_count"], m=row["window_months"])


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
