"""Small figures of the management review pack (counts per month, per category), each with its title,
takeaway and text alternative (written by `smqse.words.review`) in `layout.meta`, like every `smqse.charts`
figure."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from smqse.charts.palette import CATEGORICAL, GRID, TEXT
from smqse.i18n import chart_separators, format_number
from smqse.words import review as words


def _layout(fig: go.Figure, title: str, takeaway: str, alt: str, lang: str) -> go.Figure:
    fig.update_layout(
        separators=chart_separators(lang),  # Plotly's own numbers (axes, hover): 1 234,5 in French
        title={"text": title, "font": {"size": 16, "color": TEXT}},
        meta={"takeaway": takeaway, "alt": alt},
        font={"color": TEXT},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "y": -0.18},
        margin={"l": 60, "r": 20, "t": 60, "b": 60},
    )
    fig.update_yaxes(gridcolor=GRID, rangemode="tozero")
    return fig


# Characters of category labels a row of columns can hold: the pack's pictures are ~650 px of plot at 14 px
# text (~7.7 px a character). Past that the labels are tilted and squash the plot into a strip.
LABEL_CHARS_UNDER_COLUMNS = 80


def build_count_bars(
    frame: pl.DataFrame, title: str, takeaway: str, lang: str, *, stacked: bool = False
) -> go.Figure:
    """Columns per category (first column), one series per other column; counts printed on the bars so the
    figure reads without colour. Horizontal bars, first category on top, when the labels are too long to
    stand under their columns."""
    category = frame.columns[0]
    labels = frame[category].to_list()
    longest = max((len(str(v)) for v in labels), default=0)
    horizontal = longest * len(labels) > LABEL_CHARS_UNDER_COLUMNS
    fig = go.Figure(
        [
            go.Bar(
                **(
                    {"y": labels, "x": frame[s].to_list()}
                    if horizontal
                    else {"x": labels, "y": frame[s].to_list()}
                ),
                orientation="h" if horizontal else "v",
                name=s,
                marker_color=CATEGORICAL[k % len(CATEGORICAL)],
                text=[format_number(v, lang) for v in frame[s].to_list()],
                textposition="inside" if stacked else "outside",
            )
            for k, s in enumerate(frame.columns[1:])
        ]
    )
    fig.update_layout(barmode="stack" if stacked else "group", showlegend=len(frame.columns) > 2)
    alt = words.count_bars_alt(frame, title, lang)
    fig = _layout(fig, title, takeaway, alt, lang)
    if horizontal:
        fig.update_traces(textangle=0)  # Plotly would turn the counts in short bars on their side
        fig.update_layout(legend_traceorder="normal")  # the series in the table's order, not reversed
        fig.update_yaxes(autorange="reversed", automargin=True, gridcolor=None)
        fig.update_xaxes(gridcolor=GRID, rangemode="tozero")
    return fig


def build_monthly_lines(frame: pl.DataFrame, title: str, takeaway: str, lang: str) -> go.Figure:
    """One line per series over the months of the first column, markers on every point."""
    category = frame.columns[0]
    fig = go.Figure(
        [
            go.Scatter(
                x=frame[category].to_list(),
                y=frame[s].to_list(),
                name=s,
                mode="lines+markers",
                line={"color": CATEGORICAL[k % len(CATEGORICAL)], "dash": ("solid", "dash", "dot")[k % 3]},
            )
            for k, s in enumerate(frame.columns[1:])
        ]
    )
    fig.update_layout(showlegend=len(frame.columns) > 2)
    alt = words.monthly_lines_alt(frame, title, lang)
    return _layout(fig, title, takeaway, alt, lang)
