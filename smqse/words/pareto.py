"""What the Pareto page says: the chart's title, takeaway and text alternative, the weights in words, the
table of its numbers and of one bar's events, and the sentences comparing two periods. `smqse.charts.pareto`
draws with these words. No Streamlit here.
"""

from __future__ import annotations

import polars as pl

from smqse.i18n import format_month_short, format_number, format_percent, join_words, t
from smqse.views.pareto import ParetoView, Period

MAX_NAMES = 4  # names listed in the takeaway


def period_text(period: Period, lang: str) -> str:
    first = format_month_short(period.first_month, lang)
    last = format_month_short(period.last_month, lang)
    return first if first == last else t("pareto.period_range", lang, first=first, last=last)


def format_weight(value: float, weight: str, lang: str) -> str:
    if weight == "cost":
        return f"{format_number(value, lang, 0)}\u00a0€"
    return format_number(value, lang, 0)


def short_weight(value: float, weight: str, lang: str) -> str:
    """Compact text over a bar: `108 k€` for large costs."""
    if weight == "cost" and abs(value) >= 10_000:
        return f"{format_number(value / 1000, lang, 0)}\u00a0k€"
    return format_weight(value, weight, lang)


def pareto_takeaway(view: ParetoView, lang: str) -> str:
    """ "3 causes sur 12 font 82 % des coûts : A, B et C."""
    if view.table.is_empty():
        return t("pareto.takeaway_empty", lang)
    if view.total <= 0:
        return t("pareto.takeaway_zero", lang)
    vital = view.vital
    k, n = len(vital), len(view.table)
    names = vital["label"].to_list()
    shown = names[:MAX_NAMES] + ([f"… (+{len(names) - MAX_NAMES})"] if len(names) > MAX_NAMES else [])
    key = "pareto.takeaway_one" if k == 1 else "pareto.takeaway"
    noun = t(f"pareto.noun_one.{view.grouping}" if k == 1 else f"pareto.noun.{view.grouping}", lang)
    return t(
        key,
        lang,
        k=k,
        n=n,
        noun=noun,
        share=format_percent(float(vital["cumulative_share"][-1]), lang),
        weight_of=t(f"pareto.weight_of.{view.weight}", lang),
        names=join_words(shown, lang) if len(names) <= MAX_NAMES else ", ".join(shown),
    )


def pareto_alt(view: ParetoView, lang: str, *, listed: int) -> str:
    """The text alternative: the weight, the cut-off and the first `listed` categories with their numbers."""
    items = [
        t(
            "pareto.alt_item",
            lang,
            rank=r["rank"],
            label=r["label"],
            value=format_weight(r["weight"], view.weight, lang),
            share=format_percent(r["share"], lang),
            cumulative=format_percent(r["cumulative_share"], lang),
            vital=t("pareto.alt_vital", lang) if r["vital_few"] else "",
        )
        for r in view.table.head(listed).iter_rows(named=True)
    ]
    return t(
        "pareto.alt",
        lang,
        weight=_lower_first(t(f"pareto.weight.{view.weight}", lang)),
        cutoff=format_percent(view.cutoff, lang),
        items="; ".join(items) or "—",
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def chart_title(view: ParetoView, lang: str) -> str:
    return t(
        "pareto.chart_title",
        lang,
        grouping=_lower_first(t(f"pareto.grouping.{view.grouping}", lang)),
        weight=_lower_first(t(f"pareto.weight.{view.weight}", lang)),
        period=period_text(view.period, lang),
    )


def build_pareto_table(view: ParetoView, lang: str) -> pl.DataFrame:
    """The chart's numbers, every category (shares as percentages)."""
    return view.table.select(
        pl.col("rank"),
        pl.col("label"),
        pl.col("weight").round(2),
        pl.col("events"),
        (pl.col("share") * 100).round(1).alias("share"),
        (pl.col("cumulative_share") * 100).round(1).alias("cumulative_share"),
        pl.when(pl.col("vital_few"))
        .then(pl.lit(t("pareto.yes", lang)))
        .otherwise(pl.lit(t("pareto.no", lang)))
        .alias("vital_few"),
    )


def pareto_table_labels(view: ParetoView, lang: str) -> dict[str, str]:
    return {
        "rank": t("pareto.col.rank", lang),
        "label": t(f"pareto.grouping.{view.grouping}", lang),
        "weight": t(f"pareto.axis.{view.weight}", lang),
        "events": t("pareto.col.events", lang),
        "share": f"{t('pareto.col.share', lang)} (%)",
        "cumulative_share": f"{t('pareto.col.cumulative_share', lang)} (%)",
        "vital_few": t("pareto.col.vital_few", lang),
    }


def events_table_labels(lang: str) -> dict[str, str]:
    columns = (
        "event_id",
        "occurred_on",
        "site",
        "event_type",
        "title",
        "severity",
        "cost",
        "cause",
        "status",
    )
    return {c: t(f"pareto.ev.{c}", lang) for c in columns}


def describe_moves(current: ParetoView, previous: ParetoView, moves, entered, left, lang: str) -> list[str]:
    """Sentences saying which categories rose or fell in rank, and how the vital few changed."""
    period = period_text(previous.period, lang)
    if not moves:
        return [t("pareto.moves_none", lang, period=period)]
    parts = []
    for move in moves[:5]:
        if move.rank_before is None:
            parts.append(t("pareto.move_new", lang, label=move.label, now=move.rank_now))
        elif move.rank_now is None:
            parts.append(t("pareto.move_gone", lang, label=move.label, before=move.rank_before))
        elif move.rank_now < move.rank_before:
            parts.append(
                t("pareto.move_up", lang, label=move.label, before=move.rank_before, now=move.rank_now)
            )
        else:
            parts.append(
                t("pareto.move_down", lang, label=move.label, before=move.rank_before, now=move.rank_now)
            )
    separator = "\u00a0; " if lang == "fr" else "; "
    sentences = [f"{t('pareto.moves_intro', lang, period=period)} {separator.join(parts)}."]
    if entered:
        sentences.append(t("pareto.vital_entered", lang, names=join_words(entered, lang)))
    if left:
        sentences.append(t("pareto.vital_left", lang, names=join_words(left, lang)))
    if not entered and not left:
        sentences.append(t("pareto.vital_same", lang))
    return sentences
