"""The Ishikawa (fishbone) diagram drawn with Plotly shapes and annotations, its text twin and its numbers.

Layout: a horizontal spine ends in the effect box on the right; four 7M branches slant up from it and three
slant down, each named at its far end with its total. Causes are horizontal ribs on their branch, heaviest
nearest the branch name, labelled with the cause, its number and share; sub-causes are listed in smaller
type under their cause. Weight is told by the numbers, the text size and the rib's line width; the branch
colours (Okabe-Ito) only tell the branches apart. The y axis is in pixels, so a branch with many causes
makes the figure taller instead of crowding it. No Streamlit here.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go
import polars as pl

from smqse.analysis.ishikawa import (
    BRANCHES,
    WRAP_WIDTH,
    CauseTree,
    Fishbone,
    FishBranch,
    FishCause,
    Weights,
    compute_why_chain,
    wrap_label,
)
from smqse.charts import palette
from smqse.frames import mapped
from smqse.i18n import format_number, format_percent, join_words, t, t_md
from smqse.textsafety import escape_markdown
from smqse.words.shared import short_name

_FONT_FAMILY = "Source Sans, Segoe UI, Helvetica, Arial, sans-serif"
BRANCH_COLOURS: dict[str, str] = dict(
    zip(
        BRANCHES,
        (
            palette.BLUE,
            palette.VERMILLION,
            palette.BLUISH_GREEN,
            palette.ORANGE,
            palette.REDDISH_PURPLE,
            palette.SKY_BLUE,
            palette.BLACK,
        ),
        strict=True,
    )
)
TOP_BRANCHES = BRANCHES[:4]
BOTTOM_BRANCHES = BRANCHES[4:]

# Geometry: x in 0..100 (the figure's width), y in pixels around the spine (y = 0).
_SPINE_START, _SPINE_END = 7.0, 83.0
_HEAD_LEFT, _HEAD_RIGHT = 84.0, 99.5
_SLANT = 6.0  # how far left a branch leans over its height (x units)
_RIB = 15.0  # rib length (x units)
_LINE_PX = 15  # line height of cause labels
_SUB_LINE_PX = 14
_BLOCK_GAP_PX = 14
_NAME_PX = 62  # room for the branch name at the far end
_MIN_HALF_PX = 170
_BASE_FONT, _MAX_EXTRA_FONT = 12, 3
_SUB_FONT = 11
_SUB_WRAP = 28


def branch_name(category: str, lang: str) -> str:
    return t(f"ishikawa.branch.{category}", lang)


def format_weight(value: float, measure: str, lang: str) -> str:
    if measure == "cost":
        return t("ishikawa.cost_value", lang, value=format_number(round(value), lang, 0))
    return format_number(int(value), lang, 0)


def _share(value: float, total: float, lang: str) -> str:
    return format_percent(value / total, lang) if total > 0 else "—"


def _cause_text(cause: FishCause, fish: Fishbone, lang: str, ratio: float = 0.0) -> str:
    """The cause's label wrapped (narrower when its font is larger), its weight and share."""
    weight = cause.weight(fish.measure)
    width = round(WRAP_WIDTH * _BASE_FONT / _font_size(ratio))
    return (
        f"{html.escape(wrap_label(cause.label(lang), width, chr(10)), quote=False)}".replace(chr(10), "<br>")
        + f"<br><b>{format_weight(weight, fish.measure, lang)}</b> · {_share(weight, fish.caused_total, lang)}"
    )


def _sub_lines(cause: FishCause, fish: Fishbone, lang: str) -> list[str]:
    lines = []
    for sub in cause.sub_causes:
        weight = format_weight(sub.weight(fish.measure), fish.measure, lang).replace(" ", "\u00a0")
        text = f"{sub.label(lang)}\u00a0({weight})"
        wrapped = wrap_label(text, width=_SUB_WRAP, separator=chr(10)).split(chr(10))
        lines.append("↳ " + html.escape(wrapped[0], quote=False))
        lines += ["   " + html.escape(w, quote=False) for w in wrapped[1:]]
    if cause.other_sub_causes:
        lines.append(t("ishikawa.other_subs", lang, n=cause.other_sub_causes))
    return lines


def _label_px(cause: FishCause, fish: Fishbone, lang: str, ratio: float) -> int:
    lines = _cause_text(cause, fish, lang, ratio).count("<br>") + 1
    return round(lines * _LINE_PX * _font_size(ratio) / _BASE_FONT)


def _font_size(ratio: float) -> int:
    return round(_BASE_FONT + _MAX_EXTRA_FONT * ratio)


def _block_height(cause: FishCause, fish: Fishbone, lang: str, ratio: float = 1.0) -> int:
    subs = len(_sub_lines(cause, fish, lang)) * _SUB_LINE_PX
    return _label_px(cause, fish, lang, ratio) + subs + _BLOCK_GAP_PX


def _branch_height(branch: FishBranch, fish: Fishbone, lang: str) -> int:
    height = sum(_block_height(c, fish, lang) for c in branch.causes)
    if branch.other_causes or branch.unspecified_count:
        height += 2 * _SUB_LINE_PX
    return height + _NAME_PX + 20


def _spine_points(n: int) -> list[float]:
    step = (_SPINE_END - _SPINE_START) / n
    return [_SPINE_START + step * (i + 1) for i in range(n)]


def build_fishbone(fish: Fishbone, effect: str, lang: str, *, subtitle: str = "") -> go.Figure:
    """The fishbone of `fish` for the effect `effect`; title, takeaway and alt text in the layout."""
    top_h = max([_MIN_HALF_PX] + [_branch_height(b, fish, lang) for b in fish.branches[:4]])
    bottom_h = max([_MIN_HALF_PX] + [_branch_height(b, fish, lang) for b in fish.branches[4:]])
    max_weight = max(
        [c.weight(fish.measure) for b in fish.branches for c in b.causes] + [0.0]
    )  # fmt: skip
    shapes: list[dict] = []
    notes: list[dict] = []

    def line(x0, y0, x1, y1, colour, width):
        shapes.append(
            {
                "type": "line",
                "x0": x0,
                "y0": y0,
                "x1": x1,
                "y1": y1,
                "line": {"color": colour, "width": width},
                "layer": "below",
            }
        )

    def note(x, y, text, *, size=_BASE_FONT, colour=palette.TEXT, xanchor="right", yanchor="bottom", **kw):
        notes.append(
            {
                "x": x,
                "y": y,
                "text": text,
                "showarrow": False,
                "xanchor": xanchor,
                "yanchor": yanchor,
                "align": kw.pop("align", "right" if xanchor == "right" else "left"),
                "font": {"size": size, "color": colour, "family": _FONT_FAMILY},
                **kw,
            }
        )

    # Spine and head.
    line(_SPINE_START, 0, _HEAD_LEFT, 0, palette.TEXT, 4)
    head_half = 70
    shapes.append(
        {
            "type": "rect",
            "x0": _HEAD_LEFT,
            "x1": _HEAD_RIGHT,
            "y0": -head_half,
            "y1": head_half,
            "line": {"color": palette.TEXT, "width": 2},
            "fillcolor": "#F2F2F2",
        }
    )
    total = t("ishikawa.events_n", lang, n=int(fish.total_count))
    if fish.measure == "cost":
        total += "<br>" + format_weight(fish.total_cost, "cost", lang)
    note(
        (_HEAD_LEFT + _HEAD_RIGHT) / 2,
        0,
        f"<b>{html.escape(wrap_label(effect, 20, chr(10)), quote=False).replace(chr(10), '<br>')}</b>"
        f"<br>{total}",
        size=13,
        xanchor="center",
        yanchor="middle",
        align="center",
    )

    for names, half, sign in ((TOP_BRANCHES, top_h, 1), (BOTTOM_BRANCHES, bottom_h, -1)):
        points = _spine_points(len(names))
        for spine_x, category in zip(points, names, strict=True):
            branch = fish.branches[BRANCHES.index(category)]
            colour = BRANCH_COLOURS[category]
            reach = half - _NAME_PX + 10  # the branch's far end (pixels from the spine)
            end_x = spine_x - _SLANT
            line(spine_x, 0, end_x, sign * reach, colour, 3)
            weight = branch.weight(fish.measure)
            name = f"<b>{branch_name(category, lang)}</b>"
            if branch.is_empty:
                name += "<br>0"
            else:
                name += f"<br>{format_weight(weight, fish.measure, lang)} · {_share(weight, fish.caused_total, lang)}"
            note(
                end_x,
                sign * (reach + 6),
                name,
                size=14,
                xanchor="center",
                yanchor="bottom" if sign > 0 else "top",
                align="center",
                bgcolor="#FFFFFF",
                bordercolor=colour,
                borderwidth=2,
                borderpad=4,
            )

            def x_on_branch(dist: float, spine_x=spine_x, reach=reach) -> float:
                return spine_x - _SLANT * dist / reach

            if branch.is_empty:
                note(
                    x_on_branch(reach / 2) - 1,
                    sign * reach / 2,
                    f"<i>{t('ishikawa.no_cause', lang)}</i>",
                    colour=palette.MUTED_TEXT,
                    yanchor="middle",
                )
                continue
            # Heaviest cause nearest the branch name: blocks stacked from the far end towards the spine.
            dist = reach - 12
            for cause in branch.causes:
                ratio = cause.weight(fish.measure) / max_weight if max_weight > 0 else 0.0
                block = _block_height(cause, fish, lang, ratio)
                label_px = _label_px(cause, fish, lang, ratio)
                subs_px = block - label_px - _BLOCK_GAP_PX
                # The rib sits under the cause's label; sub-causes hang below the rib.
                rib_dist = dist - label_px if sign > 0 else dist - block + label_px + _BLOCK_GAP_PX
                rib_dist = max(rib_dist, 8)
                x_end = x_on_branch(rib_dist)
                line(x_end - _RIB, sign * rib_dist, x_end, sign * rib_dist, colour, 1 + 5 * ratio)
                # Anchor each text where the slanted branch is furthest left along its height.
                label_x = x_on_branch(rib_dist + label_px) if sign > 0 else x_end
                subs_x = x_end if sign > 0 else x_on_branch(rib_dist + subs_px)
                note(
                    label_x - 0.6,
                    sign * rib_dist + 1,
                    _cause_text(cause, fish, lang, ratio),
                    size=_font_size(ratio),
                    yanchor="bottom",
                )
                subs = _sub_lines(cause, fish, lang)
                if subs:
                    note(
                        subs_x - 0.6,
                        sign * rib_dist - 3,
                        "<br>".join(subs),
                        size=_SUB_FONT,
                        colour=palette.MUTED_TEXT,
                        yanchor="top",
                    )
                dist -= block
            extras = []
            if branch.other_causes:
                extras.append(
                    t(
                        "ishikawa.others",
                        lang,
                        n=branch.other_causes,
                        weight=format_weight(
                            branch.other_cost if fish.measure == "cost" else branch.other_count,
                            fish.measure,
                            lang,
                        ),
                    )
                )
            if branch.unspecified_count:
                extras.append(
                    t(
                        "ishikawa.unspecified",
                        lang,
                        weight=format_weight(
                            branch.unspecified_cost if fish.measure == "cost" else branch.unspecified_count,
                            fish.measure,
                            lang,
                        ),
                    )
                )
            if extras:
                at = max(dist - 4, 10)
                note(
                    x_on_branch(at) - 0.4,
                    sign * at,
                    "<br>".join(f"<i>{e}</i>" for e in extras),
                    size=_SUB_FONT,
                    colour=palette.MUTED_TEXT,
                    yanchor="top" if sign > 0 else "bottom",
                )

    height = top_h + bottom_h + 90
    fig = go.Figure()
    fig.update_layout(
        title={"text": t("ishikawa.chart_title", lang, effect=effect)},
        shapes=shapes,
        annotations=notes,
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 20},
        xaxis={"range": [0, 100], "visible": False, "fixedrange": True},
        yaxis={"range": [-bottom_h - 10, top_h + 10], "visible": False, "fixedrange": True},
        plot_bgcolor="#FFFFFF",
        paper_bgcolor="#FFFFFF",
        font={"family": _FONT_FAMILY, "color": palette.TEXT, "size": _BASE_FONT},
        showlegend=False,
        meta={"takeaway": fishbone_takeaway(fish, lang), "alt": fishbone_alt(fish, effect, lang)},
    )
    if subtitle:
        fig.update_layout(title={"text": f"{fig.layout.title.text}<br><sup>{subtitle}</sup>"})
    return fig


# --- words --------------------------------------------------------------------------------------------


def _heaviest_branch(fish: Fishbone) -> FishBranch | None:
    weighted = [b for b in fish.branches if not b.is_empty and b.weight(fish.measure) > 0]
    if not weighted:
        return None
    return max(weighted, key=lambda b: (b.weight(fish.measure), b.count))


def fishbone_takeaway(fish: Fishbone, lang: str) -> str:
    branch = _heaviest_branch(fish)
    if branch is None:
        return t("ishikawa.takeaway_none", lang)
    share = _share(branch.weight(fish.measure), fish.caused_total, lang)
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


def _total_text(fish: Fishbone, lang: str) -> str:
    text = t("ishikawa.events_n", lang, n=int(fish.total_count))
    if fish.measure == "cost":
        text += f", {format_weight(fish.total_cost, 'cost', lang)}"
    return text


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
        return _share(value, fish.caused_total, lang)

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
                lines.append(f"        - {t('ishikawa.other_subs', lang, n=cause.other_sub_causes)}")
        if branch.other_causes:
            lines.append(
                "    - "
                + t(
                    "ishikawa.others",
                    lang,
                    n=branch.other_causes,
                    weight=weight(branch.other_count, branch.other_cost),
                )
            )
        if branch.unspecified_count:
            lines.append(
                "    - "
                + t(
                    "ishikawa.unspecified",
                    lang,
                    weight=weight(branch.unspecified_count, branch.unspecified_cost),
                )
            )
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


# --- one cause ----------------------------------------------------------------------------------------


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
