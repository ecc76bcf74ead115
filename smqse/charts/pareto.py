"""The Pareto chart: bars by weight, heaviest first, the cumulative share on a secondary axis, the cut-off
line, the vital few told by a solid fill with a dark outline and a ★ over the bar (not by colour alone).

`build_pareto_chart` returns a figure whose title is in `layout.title` and whose takeaway and text
alternative are in `layout.meta`, written by `smqse.words.pareto` (which also holds the table of the same
numbers). No Streamlit here.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from smqse.charts import palette
from smqse.i18n import chart_separators, format_percent, t
from smqse.views.pareto import ParetoView
from smqse.words import pareto as words

MAX_BARS = 15  # beyond, the lightest categories are drawn as one "Others" bar (the table keeps them all)
VITAL_MARK = "★"

_FONT = {"family": "Source Sans, Segoe UI, Helvetica, Arial, sans-serif", "color": palette.TEXT, "size": 13}
_VITAL_FILL = palette.BLUE
_OTHER_FILL = "#DCE9F5"  # pale blue, with a hatch pattern
_CUMULATIVE = palette.VERMILLION
_CUTOFF = palette.MUTED_TEXT


def _truncate(text: str, width: int = 28) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _unique(ticks: list[str]) -> list[str]:
    """Plotly merges equal category labels: make repeated ones distinct with zero-width spaces."""
    seen: dict[str, int] = {}
    out = []
    for tick in ticks:
        seen[tick] = seen.get(tick, 0) + 1
        out.append(tick + "\u200b" * (seen[tick] - 1))
    return out


def _wrap(text: str, width: int = 16, lines: int = 3) -> str:
    """Break a long label over a few lines for the category axis."""
    words, out, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1] + "…"
    return "<br>".join(out)


def _bars(view: ParetoView, lang: str, max_bars: int) -> pl.DataFrame:
    """The rows drawn: the first `max_bars - 1` and one "Others" bar when there are more."""
    table = view.table
    if len(table) <= max_bars:
        return table
    head, tail = table.head(max_bars - 1), table.slice(max_bars - 1)
    others = pl.DataFrame(
        {
            "rank": [None],
            "key": [None],
            "label": [t("pareto.others_bar", lang, n=len(tail))],
            "weight": [float(tail["weight"].sum())],
            "share": [float(tail["share"].sum())],
            "cumulative_share": [1.0],
            "vital_few": [False],
            "events": [int(tail["events"].sum())],
        },
        schema=table.schema,
    )
    return pl.concat([head, others])


def build_pareto_chart(
    view: ParetoView, lang: str, *, max_bars: int = MAX_BARS, height: int = 460, narrow: bool = False
) -> go.Figure:
    """The Pareto chart; `narrow` when drawn in half the page (two periods side by side)."""
    bars = _bars(view, lang, max_bars)
    ticks, slanted = _ticks(bars["label"].to_list(), narrow)
    fig = go.Figure()
    for vital in (True, False):
        part = [(i, r) for i, r in enumerate(bars.iter_rows(named=True)) if bool(r["vital_few"]) == vital]
        if part:
            fig.add_trace(_bar_trace(view, part, ticks, vital, lang))
    fig.add_trace(_cumulative_trace(bars, ticks, lang))
    _add_cumulative_labels(fig, bars, ticks, lang)
    _add_cutoff_line(fig, view, lang)
    _lay_out(fig, view, bars, ticks, slanted, height, lang)
    return fig


def _ticks(labels: list[str], narrow: bool) -> tuple[list[str], bool]:
    """The category axis' labels, and whether they are slanted. Short labels stay horizontal (wrapped);
    long ones (causes) are slanted on one line, full text in hover."""
    longest = max((len(label) for label in labels), default=0)
    room = 45 if narrow else 110  # characters of labels that fit side by side
    slanted = sum(min(len(label), 16) for label in labels) > room or (len(labels) > 8 and longest > 14)
    return _unique([_truncate(label) if slanted else _wrap(label) for label in labels]), slanted


def _bar_trace(
    view: ParetoView, part: list[tuple[int, dict]], ticks: list[str], vital: bool, lang: str
) -> go.Bar:
    """The bars of the vital few (solid, dark outline, ★) or of the others (pale, hatched): `part` holds
    (position on the axis, row) of each."""
    return go.Bar(
        name=t("pareto.legend_vital", lang, cutoff=format_percent(view.cutoff, lang))
        if vital
        else t("pareto.legend_other", lang),
        x=[ticks[i] for i, _ in part],
        y=[r["weight"] for _, r in part],
        customdata=[
            [
                r["key"] or "",
                r["label"],
                words.format_weight(r["weight"], view.weight, lang),
                format_percent(r["share"], lang, 1),
                format_percent(r["cumulative_share"], lang, 1),
                int(r["events"] or 0),
            ]
            for _, r in part
        ],
        text=[
            (f"{VITAL_MARK} " if vital else "") + words.short_weight(r["weight"], view.weight, lang)
            for _, r in part
        ],
        textposition="outside",
        cliponaxis=False,
        textfont={"color": palette.TEXT, "size": 12, "weight": "bold" if vital else "normal"},
        marker={
            "color": _VITAL_FILL if vital else _OTHER_FILL,
            "line": {"color": palette.BLACK if vital else "#5A7FA0", "width": 2 if vital else 1},
            "pattern": {
                "shape": "" if vital else "/",
                "fgcolor": "#5A7FA0",
                "bgcolor": _OTHER_FILL,
                "fillmode": "replace",
                "size": 7,
                "solidity": 0.2,
            },
        },
        hovertemplate=(
            "<b>%{customdata[1]}</b><br>%{customdata[2]} (%{customdata[3]})<br>"
            + t("pareto.axis.cumulative", lang)
            + " : %{customdata[4]}<br>"
            + (t("pareto.hover_vital", lang) if vital else t("pareto.hover_other", lang))
            + "<extra></extra>"
        ),
    )


def _cumulative_trace(bars: pl.DataFrame, ticks: list[str], lang: str) -> go.Scatter:
    """The cumulative share, a line on the secondary axis."""
    return go.Scatter(
        name=t("pareto.legend_cumulative", lang),
        x=ticks,
        y=bars["cumulative_share"].to_list(),
        yaxis="y2",
        customdata=[[k or ""] for k in bars["key"].to_list()],
        mode="lines+markers",
        line={"color": _CUMULATIVE, "width": 2.5},
        marker={
            "size": 7,
            "symbol": "circle",
            "color": _CUMULATIVE,
            "line": {"color": "#FFFFFF", "width": 1},
        },
        text=[format_percent(c, lang) for c in bars["cumulative_share"].to_list()],
        hovertemplate="%{x}<br>" + t("pareto.axis.cumulative", lang) + " : %{text}<extra></extra>",
    )


def _add_cumulative_labels(fig: go.Figure, bars: pl.DataFrame, ticks: list[str], lang: str) -> None:
    """The cumulative share printed over each point, so that it reads without hovering."""
    for tick, cumulative in zip(ticks, bars["cumulative_share"].to_list(), strict=True):
        fig.add_annotation(
            x=tick,
            y=cumulative,
            yref="y2",
            text=format_percent(cumulative, lang),
            showarrow=False,
            yshift=14,
            font={"color": "#A34700", "size": 11},
            bgcolor="rgba(255,255,255,0.85)",
            borderpad=1,
        )


def _add_cutoff_line(fig: go.Figure, view: ParetoView, lang: str) -> None:
    """The cut-off: a dashed line across the chart at its share, named at the right end."""
    fig.add_shape(
        type="line",
        xref="paper",
        x0=0,
        x1=1,
        yref="y2",
        y0=view.cutoff,
        y1=view.cutoff,
        line={"color": _CUTOFF, "width": 1.5, "dash": "dash"},
    )
    fig.add_annotation(
        xref="paper",
        x=1,
        yref="y2",
        y=view.cutoff,
        text=t("pareto.cutoff_line", lang, cutoff=format_percent(view.cutoff, lang)),
        showarrow=False,
        xanchor="right",
        yanchor="bottom",
        font={"color": _CUTOFF, "size": 12},
        bgcolor="rgba(255,255,255,0.85)",
    )


def _lay_out(
    fig: go.Figure,
    view: ParetoView,
    bars: pl.DataFrame,
    ticks: list[str],
    slanted: bool,
    height: int,
    lang: str,
) -> None:
    """Title, takeaway and text alternative (from `smqse.words.pareto`), the two axes, the legend on top."""
    top = float(bars["weight"].max()) if len(bars) else 1.0
    fig.update_layout(
        title={"text": words.chart_title(view, lang), "font": {"size": 16}},
        meta={
            "takeaway": words.pareto_takeaway(view, lang),
            "alt": words.pareto_alt(view, lang, listed=MAX_BARS),
        },
        height=height,
        font=_FONT,
        plot_bgcolor="#FFFFFF",
        paper_bgcolor="#FFFFFF",
        margin={"l": 70, "r": 70, "t": 70, "b": 8},
        barmode="overlay",
        bargap=0.25,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left"},
        xaxis={
            "categoryorder": "array",
            "categoryarray": ticks,
            "tickangle": -35 if slanted else 0,
            "tickfont": {"size": 11},
            "automargin": True,
        },
        yaxis={
            "title": {"text": t(f"pareto.axis.{view.weight}", lang)},
            "range": [0, max(top, 1e-9) * 1.22],
            "gridcolor": palette.GRID,
            "zeroline": True,
            "zerolinecolor": palette.MUTED_TEXT,
            "rangemode": "tozero",
            "separatethousands": True,
            "automargin": True,
        },
        yaxis2={
            "title": {"text": t("pareto.axis.cumulative", lang)},
            "overlaying": "y",
            "side": "right",
            "range": [0, 1.12],
            "tickmode": "array",
            "tickvals": [0, 0.2, 0.4, 0.6, 0.8, 1.0],
            "ticktext": [format_percent(v, lang) for v in (0, 0.2, 0.4, 0.6, 0.8, 1.0)],
            "showgrid": False,
            "automargin": True,
        },
        clickmode="event+select",
        separators=chart_separators(lang),
    )
