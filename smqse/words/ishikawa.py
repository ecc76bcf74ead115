"""What the Ishikawa page says: branch names and weights in words, the fishbone's takeaway, text alternative
and text twin (Markdown), the table of its numbers, the problems of the cause tree, a cause's 5 whys and
its events. `smqse.charts.ishikawa` draws with these words. No Streamlit here.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from smqse.analysis.ishikawa import (
    BRANCHES,
    CauseTree,
    Fishbone,
    FishBranch,
    FishCause,
    Weights,
    compute_why_chain,
)
from smqse.frames import mapped
from smqse.i18n import format_number, format_percent, join_words, t, t_md
from smqse.textsafety import escape_markdown
from smqse.words.shared import short_name


def branch_name(category: str, lang: str) -> str:
    return t(f"ishikawa.branch.{category}", lang)


def format_weight(value: float, measure: str, lang: str) -> str:
    if measure == "cost":
        return t("ishikawa.cost_value", lang, value=format_number(round(value), lang, 0))
    return format_number(int(value), lang, 0)


def share_text(value: float, total: float, lang: str) -> str:
    return format_percent(value / total, lang) if total > 0 else "—"


def chart_title(effect: str, lang: str) -> str:
    return t("ishikawa.chart_title", lang, effect=effect)


def _heaviest_branch(fish: Fishbone) -> FishBranch | None:
    weighted = [b for b in fish.branches if not b.is_empty and b.weight(fish.measure) > 0]
    if not weighted:
        return None
    return max(weighted, key=lambda b: (b.weight(fish.measure), b.count))


def fishbone_takeaway(fish: Fishbone, lang: str) -> str:
    branch = _heaviest_branch(fish)
    if branch is None:
        return t("ishikawa.takeaway_none", lang)
    share = share_text(branch.weight(fish.measure), fish.caused_total, lang)
    name = branch_name(branch.category, lang)
    if not branch.causes:
        return t("ishikawa.takeaway_branch_only", lang, branch=name, share=share)
    cause = branch.causes[0]
    return t(
        "ishikawa.takeaway",
        lang,
        branch=name,
        share=share,
        cause=cause.label(lang),
        weight=format_weight(cause.weight(fish.measure), fish.measure, lang),
    )


def total_lines(fish: Fishbone, lang: str) -> list[str]:
    """The effect's total: its number of events, and their cost when weighted by cost."""
    lines = [t("ishikawa.events_n", lang, n=int(fish.total_count))]
    if fish.measure == "cost":
        lines.append(format_weight(fish.total_cost, "cost", lang))
    return lines


def _total_text(fish: Fishbone, lang: str) -> str:
    return ", ".join(total_lines(fish, lang))


def sub_cause_text(sub: FishCause, fish: Fishbone, lang: str) -> str:
    """A sub-cause and its weight, kept on one line: `Formation (3)`."""
    weight = format_weight(sub.weight(fish.measure), fish.measure, lang).replace(" ", "\u00a0")
    return f"{sub.label(lang)}\u00a0({weight})"


def other_sub_causes_text(cause: FishCause, lang: str) -> str:
    return t("ishikawa.other_subs", lang, n=cause.other_sub_causes)


def branch_extras(branch: FishBranch, fish: Fishbone, lang: str) -> list[str]:
    """What a branch holds beyond its causes drawn: the other causes, the events without a cause."""
    return _branch_extras(
        branch,
        lang,
        lambda count, cost: format_weight(cost if fish.measure == "cost" else count, fish.measure, lang),
    )


def _branch_extras(branch: FishBranch, lang: str, weigh: Callable[[int, float], str]) -> list[str]:
    extras = []
    if branch.other_causes:
        extras.append(
            t(
                "ishikawa.others",
                lang,
                n=branch.other_causes,
                weight=weigh(branch.other_count, branch.other_cost),
            )
        )
    if branch.unspecified_count:
        extras.append(
            t("ishikawa.unspecified", lang, weight=weigh(branch.unspecified_count, branch.unspecified_cost))
        )
    return extras


def fishbone_alt(fish: Fishbone, effect: str, lang: str) -> str:
    parts = [t("ishikawa.alt_intro", lang, effect=effect, total=_total_text(fish, lang))]
    for branch in fish.branches:
        name = branch_name(branch.category, lang)
        if branch.is_empty:
            parts.append(t("ishikawa.alt_empty", lang, branch=name))
            continue
        causes = [
            f"{c.label(lang)} ({format_weight(c.weight(fish.measure), fish.measure, lang)})"
            for c in branch.causes
        ]
        weight = f"({format_weight(branch.weight(fish.measure), fish.measure, lang)})"
        parts.append(
            t("ishikawa.alt_branch", lang, branch=name, weight=weight, causes=join_words(causes, lang))
        )
    return " ".join(p.rstrip(".") + "." for p in parts)


def build_fishbone_text(fish: Fishbone, effect: str, period: str, lang: str) -> str:
    """The text twin: the effect, then each 7M branch → its causes → their sub-causes, with weights."""

    def weight(count: int, cost: float) -> str:
        text = format_weight(count, "count", lang)
        if fish.measure == "cost":
            return f"{format_weight(cost, 'cost', lang)} ({text})"
        if fish.total_cost > 0:
            return f"{text} · {format_weight(cost, 'cost', lang)}"
        return text

    def share(value: float) -> str:
        return share_text(value, fish.caused_total, lang)

    # Markdown (shown and downloaded as .md): names typed by people are escaped, the structure is ours.
    lines = [
        t_md("ishikawa.text_effect", lang, effect=effect, total=_total_text(fish, lang), period=period),
        "",
    ]
    for branch in fish.branches:
        name = branch_name(branch.category, lang)
        if branch.is_empty:
            lines.append(f"- **{name}** — _{t('ishikawa.no_cause', lang)}_")
            continue
        lines.append(
            f"- **{name}** — {weight(branch.count, branch.cost)} ({share(branch.weight(fish.measure))})"
        )
        for cause in branch.causes:
            lines.append(
                f"    - {escape_markdown(cause.label(lang))} — {weight(cause.count, cause.cost)} "
                f"({share(cause.weight(fish.measure))})"
            )
            for sub in cause.sub_causes:
                lines.append(f"        - {escape_markdown(sub.label(lang))} — {weight(sub.count, sub.cost)}")
            if cause.other_sub_causes:
                lines.append(f"        - {other_sub_causes_text(cause, lang)}")
        lines += [f"    - {extra}" for extra in _branch_extras(branch, lang, weight)]
    if fish.unassigned_count:
        lines += ["", t("ishikawa.text_unassigned", lang, n=fish.unassigned_count)]
    return "\n".join(lines)


def build_fishbone_table(fish: Fishbone, lang: str) -> pl.DataFrame:
    """The numbers behind the diagram: one row per branch, cause and listed sub-cause."""
    rows = []
    for branch in fish.branches:
        name = branch_name(branch.category, lang)
        rows.append(
            {"branch": name, "cause": "", "sub_cause": "", "count": branch.count, "cost": branch.cost}
        )
        for cause in branch.causes:
            rows.append(
                {
                    "branch": name,
                    "cause": cause.label(lang),
                    "sub_cause": "",
                    "count": cause.count,
                    "cost": cause.cost,
                }
            )
            for sub in cause.sub_causes:
                rows.append(
                    {
                        "branch": name,
                        "cause": cause.label(lang),
                        "sub_cause": sub.label(lang),
                        "count": sub.count,
                        "cost": sub.cost,
                    }
                )
    frame = pl.DataFrame(
        rows,
        schema={
            "branch": pl.String,
            "cause": pl.String,
            "sub_cause": pl.String,
            "count": pl.Int64,
            "cost": pl.Float64,
        },
    )
    base = fish.caused_total
    column = "cost" if fish.measure == "cost" else "count"
    return frame.with_columns(
        (pl.col(column).cast(pl.Float64) / base if base > 0 else pl.lit(None, pl.Float64)).alias("share")
    )


def fishbone_table_labels(lang: str) -> dict[str, str]:
    return {
        c: t(f"ishikawa.col.{c}", lang) for c in ("branch", "cause", "sub_cause", "count", "cost", "share")
    }


def describe_problems(fish: Fishbone, lang: str, limit: int = 5) -> str | None:
    if not fish.problems:
        return None
    details = [
        t(f"ishikawa.problem.{p.kind}", lang, cause=p.cause_id, detail=p.detail)
        for p in fish.problems[:limit]
    ]
    if len(fish.problems) > limit:
        details.append("…")
    return t("ishikawa.problems", lang, n=len(fish.problems), details="; ".join(details))


def build_why_list(
    tree: CauseTree, weights: Weights, fish: Fishbone, cause_id: str, effect: str, lang: str
) -> str:
    """The 5-whys chain as a numbered markdown list: the effect, its branch, then "Why? → …" down the tree."""
    node = tree.nodes[cause_id]
    branch = fish.branches[BRANCHES.index(node.branch)]
    lines = [
        f"1. {t_md('ishikawa.why_effect', lang, effect=effect)}",
        "1. "
        + t(
            "ishikawa.why_step",
            lang,
            label=branch_name(node.branch, lang),
            weight=format_weight(branch.weight(fish.measure), fish.measure, lang),
        ),
    ]
    for step in compute_why_chain(tree, weights, cause_id, fish.measure):
        label = escape_markdown(tree.nodes[step.cause_id].label(lang))
        if step.role == "selected":
            label = f"**{label}**"
        weight = format_weight(weights.of(step.cause_id, fish.measure), fish.measure, lang)
        key = "ishikawa.why_deeper" if step.role == "deeper" else "ishikawa.why_step"
        lines.append(f"1. {t(key, lang, label=label, weight=weight)}")
    return "\n".join(lines)


EVENT_COLUMNS = (
    "event_id",
    "occurred_on",
    "event_type",
    "title",
    "site",
    "process",
    "severity",
    "cost",
    "status",
)


def build_events_table(events: pl.DataFrame, lang: str) -> pl.DataFrame:
    """A cause's events for display: type in words, site and process names."""
    process_col = "process_name_en" if lang == "en" else "process_name_fr"
    names = {e: t(f"ishikawa.event_one.{e}", lang) for e in set(events["event_type"].to_list())}
    return events.select(
        "event_id",
        "occurred_on",
        pl.col("event_type").replace_strict(names, default=pl.col("event_type"), return_dtype=pl.String),
        "title",
        mapped(events, "site_name", short_name).alias("site"),
        pl.col(process_col).alias("process"),
        "severity",
        "cost",
        "status",
    )


def events_table_labels(lang: str) -> dict[str, str]:
    return {c: t(f"ishikawa.col.{c}", lang) for c in EVENT_COLUMNS}
