"""The Ishikawa (fishbone) diagram drawn with Plotly shapes and annotations (its words, text twin and numbers
are in `smqse.words.ishikawa`).

Layout: a horizontal spine ends in the effect box on the right; four 7M branches slant up from it and three
slant down, each named at its far end with its total. Causes are horizontal ribs on their branch, heaviest
nearest the branch name, labelled with the cause, its number and share; sub-causes are listed in smaller
type under their cause. Weight is told by the numbers, the text size and the rib's line width; the branch
colours (Okabe-Ito) only tell the branches apart. The y axis is in pixels, so a branch with many causes
makes the figure taller instead of crowding it. No Streamlit here.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import plotly.graph_objects as go

from smqse.analysis.ishikawa import BRANCHES, WRAP_WIDTH, Fishbone, FishBranch, FishCause, wrap_label
from smqse.charts import palette
from smqse.i18n import t
from smqse.words import ishikawa as words

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


def _cause_text(cause: FishCause, fish: Fishbone, lang: str, ratio: float = 0.0) -> str:
    """The cause's label wrapped (narrower when its font is larger), its weight and share."""
    weight = cause.weight(fish.measure)
    width = round(WRAP_WIDTH * _BASE_FONT / _font_size(ratio))
    return (
        f"{html.escape(wrap_label(cause.label(lang), width, chr(10)), quote=False)}".replace(chr(10), "<br>")
        + f"<br><b>{words.format_weight(weight, fish.measure, lang)}</b> · "
        + words.share_text(weight, fish.caused_total, lang)
    )


def _sub_lines(cause: FishCause, fish: Fishbone, lang: str) -> list[str]:
    lines = []
    for sub in cause.sub_causes:
        text = words.sub_cause_text(sub, fish, lang)
        wrapped = wrap_label(text, width=_SUB_WRAP, separator=chr(10)).split(chr(10))
        lines.append("↳ " + html.escape(wrapped[0], quote=False))
        lines += ["   " + html.escape(w, quote=False) for w in wrapped[1:]]
    if cause.other_sub_causes:
        lines.append(words.other_sub_causes_text(cause, lang))
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
    drawing = _Drawing()
    _draw_head(drawing, fish, effect, lang)
    for names, half, sign in ((TOP_BRANCHES, top_h, 1), (BOTTOM_BRANCHES, bottom_h, -1)):
        for spine_x, category in zip(_spine_points(len(names)), names, strict=True):
            # The branch's far end is `reach` pixels from the spine.
            bone = _Bone(spine_x, half - _NAME_PX + 10, sign, BRANCH_COLOURS[category])
            _draw_branch(drawing, fish, fish.branches[BRANCHES.index(category)], bone, max_weight, lang)
    fig = go.Figure()
    fig.update_layout(
        title={"text": words.chart_title(effect, lang)},
        shapes=drawing.shapes,
        annotations=drawing.notes,
        height=top_h + bottom_h + 90,
        margin={"l": 10, "r": 10, "t": 40, "b": 20},
        xaxis={"range": [0, 100], "visible": False, "fixedrange": True},
        yaxis={"range": [-bottom_h - 10, top_h + 10], "visible": False, "fixedrange": True},
        plot_bgcolor="#FFFFFF",
        paper_bgcolor="#FFFFFF",
        font={"family": _FONT_FAMILY, "color": palette.TEXT, "size": _BASE_FONT},
        showlegend=False,
        meta={"takeaway": words.fishbone_takeaway(fish, lang), "alt": words.fishbone_alt(fish, effect, lang)},
    )
    if subtitle:
        fig.update_layout(title={"text": f"{fig.layout.title.text}<br><sup>{subtitle}</sup>"})
    return fig


@dataclass
class _Drawing:
    """The diagram's shapes and annotations, in drawing order."""

    shapes: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)

    def line(self, x0: float, y0: float, x1: float, y1: float, colour: str, width: float) -> None:
        self.shapes.append(
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

    def note(
        self, x, y, text, *, size=_BASE_FONT, colour=palette.TEXT, xanchor="right", yanchor="bottom", **kw
    ) -> None:
        self.notes.append(
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


@dataclass(frozen=True)
class _Bone:
    """One branch's place: where it leaves the spine, how far it reaches (pixels), up (1) or down (-1)."""

    spine_x: float
    reach: float
    sign: int
    colour: str

    @property
    def end_x(self) -> float:
        return self.spine_x - _SLANT

    def x_at(self, dist: float) -> float:
        """The branch's x at `dist` pixels from the spine (it slants left as it goes)."""
        return self.spine_x - _SLANT * dist / self.reach


def _draw_head(drawing: _Drawing, fish: Fishbone, effect: str, lang: str) -> None:
    """The spine, and the effect's box at its right end with the effect's total."""
    drawing.line(_SPINE_START, 0, _HEAD_LEFT, 0, palette.TEXT, 4)
    head_half = 70
    drawing.shapes.append(
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
    total = "<br>".join(words.total_lines(fish, lang))
    drawing.note(
        (_HEAD_LEFT + _HEAD_RIGHT) / 2,
        0,
        f"<b>{html.escape(wrap_label(effect, 20, chr(10)), quote=False).replace(chr(10), '<br>')}</b>"
        f"<br>{total}",
        size=13,
        xanchor="center",
        yanchor="middle",
        align="center",
    )


def _draw_branch(
    drawing: _Drawing, fish: Fishbone, branch: FishBranch, bone: _Bone, max_weight: float, lang: str
) -> None:
    """A branch: its slanted line, its name and total at the far end, then its causes (or "no cause")."""
    drawing.line(bone.spine_x, 0, bone.end_x, bone.sign * bone.reach, bone.colour, 3)
    drawing.note(
        bone.end_x,
        bone.sign * (bone.reach + 6),
        _branch_text(branch, fish, lang),
        size=14,
        xanchor="center",
        yanchor="bottom" if bone.sign > 0 else "top",
        align="center",
        bgcolor="#FFFFFF",
        bordercolor=bone.colour,
        borderwidth=2,
        borderpad=4,
    )
    if branch.is_empty:
        drawing.note(
            bone.x_at(bone.reach / 2) - 1,
            bone.sign * bone.reach / 2,
            f"<i>{t('ishikawa.no_cause', lang)}</i>",
            colour=palette.MUTED_TEXT,
            yanchor="middle",
        )
        return
    # Heaviest cause nearest the branch name: blocks stacked from the far end towards the spine.
    dist = bone.reach - 12
    for cause in branch.causes:
        ratio = cause.weight(fish.measure) / max_weight if max_weight > 0 else 0.0
        _draw_cause(drawing, fish, cause, bone, dist, ratio, lang)
        dist -= _block_height(cause, fish, lang, ratio)
    extras = words.branch_extras(branch, fish, lang)
    if extras:
        at = max(dist - 4, 10)
        drawing.note(
            bone.x_at(at) - 0.4,
            bone.sign * at,
            "<br>".join(f"<i>{e}</i>" for e in extras),
            size=_SUB_FONT,
            colour=palette.MUTED_TEXT,
            yanchor="top" if bone.sign > 0 else "bottom",
        )


def _branch_text(branch: FishBranch, fish: Fishbone, lang: str) -> str:
    """The branch's name in bold over its weight and share."""
    name = f"<b>{words.branch_name(branch.category, lang)}</b>"
    if branch.is_empty:
        return name + "<br>0"
    weight = branch.weight(fish.measure)
    return (
        name
        + f"<br>{words.format_weight(weight, fish.measure, lang)} · "
        + words.share_text(weight, fish.caused_total, lang)
    )


def _draw_cause(
    drawing: _Drawing, fish: Fishbone, cause: FishCause, bone: _Bone, dist: float, ratio: float, lang: str
) -> None:
    """A cause's block, `dist` pixels from the spine: its rib (thicker when heavier), its label over the
    rib and its sub-causes under it."""
    sign = bone.sign
    block = _block_height(cause, fish, lang, ratio)
    label_px = _label_px(cause, fish, lang, ratio)
    subs_px = block - label_px - _BLOCK_GAP_PX
    # The rib sits under the cause's label; sub-causes hang below the rib.
    rib_dist = dist - label_px if sign > 0 else dist - block + label_px + _BLOCK_GAP_PX
    rib_dist = max(rib_dist, 8)
    x_end = bone.x_at(rib_dist)
    drawing.line(x_end - _RIB, sign * rib_dist, x_end, sign * rib_dist, bone.colour, 1 + 5 * ratio)
    # Anchor each text where the slanted branch is furthest left along its height.
    label_x = bone.x_at(rib_dist + label_px) if sign > 0 else x_end
    subs_x = x_end if sign > 0 else bone.x_at(rib_dist + subs_px)
    drawing.note(
        label_x - 0.6,
        sign * rib_dist + 1,
        _cause_text(cause, fish, lang, ratio),
        size=_font_size(ratio),
        yanchor="bottom",
    )
    subs = _sub_lines(cause, fish, lang)
    if subs:
        drawing.note(
            subs_x - 0.6,
            sign * rib_dist - 3,
            "<br>".join(subs),
            size=_SUB_FONT,
            colour=palette.MUTED_TEXT,
            yanchor="top",
        )
