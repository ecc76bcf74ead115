"""The before/after chart of the causes and actions page: the event rates of a cause's closed actions
before and after them, grouped bars with patterns and labels, so colour is never the only cue. The figure
carries its title, takeaway and text alternative (see `smqse.charts.figure_takeaway/figure_alt`); its
words, the ranking and the actions tables are `smqse.words.causes`. No Streamlit here.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from smqse.charts import palette
from smqse.i18n import chart_separators, t
from smqse.views.causes import chart_actions
from smqse.words import causes as words

_FONT = {"family": "Source Sans, Segoe UI, Helvetica, Arial, sans-serif", "color": palette.TEXT, "size": 14}
BEFORE_COLOUR = palette.ORANGE
AFTER_COLOUR = palette.BLUE


def _rate_bar(name: str, ticks: list[str], rates: list[float], marker: dict, text: list[str]) -> go.Bar:
    """One side (before or after) of every action's pair: its rate, labelled with its count outside."""
    return go.Bar(
        name=name,
        y=ticks,
        x=rates,
        orientation="h",
        marker=marker,
        text=text,
        textposition="outside",
        textfont={"size": 13, "color": palette.TEXT},
        cliponaxis=False,
        hovertemplate="%{y}<br>" + name + " — %{x:.2f}<extra></extra>",
    )


def _rate_bars(rows: list[dict], lang: str) -> list[go.Bar]:
    """Before (orange, hatched), then after (blue, solid): with the axis reversed, the first trace of each
    group is drawn on top."""
    ticks = [words.effect_tick(r, lang) for r in rows]
    before = _rate_bar(
        t("causes.effect.before", lang),
        ticks,
        [r["before_rate"] for r in rows],
        {
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
        [words.before_bar_text(r, lang) for r in rows],
    )
    after = _rate_bar(
        t("causes.effect.after", lang),
        ticks,
        [r["after_rate"] if r["after_rate"] is not None else 0 for r in rows],
        {"color": AFTER_COLOUR, "line": {"color": palette.TEXT, "width": 1}},
        [words.after_bar_text(r, lang) for r in rows],
    )
    return [before, after]


def _lay_out(fig: go.Figure, actions: pl.DataFrame, shown: pl.DataFrame, cause: str, lang: str) -> None:
    """Title, size, legend above, the rate axis from zero (room for the labels), and the takeaway (on every
    action of the cause) and text alternative (on the actions drawn)."""
    rows = list(shown.iter_rows(named=True))
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
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0},
        xaxis={
            "title": {"text": t("causes.effect.y_axis", lang)},
            "gridcolor": palette.GRID,
            "range": [0, top * 1.3],
            "zeroline": True,
            "zerolinecolor": palette.TEXT,
        },
        yaxis={"autorange": "reversed", "tickfont": {"size": 13}, "automargin": True},
        meta={"takeaway": words.effect_takeaway(actions, lang), "alt": words.effect_alt(shown, cause, lang)},
    )


def build_effect_chart(actions: pl.DataFrame, cause: str, lang: str) -> go.Figure:
    """Horizontal grouped bars, one pair per closed action: monthly event rate of the cause before the
    action opened (orange, hatched) and after it closed (blue, solid), each labelled with its count; the
    action and its verdict in words on the axis."""
    shown = chart_actions(actions)
    fig = go.Figure()
    for bar in _rate_bars(list(shown.iter_rows(named=True)), lang):
        fig.add_trace(bar)
    _lay_out(fig, actions, shown, cause, lang)
    return fig
