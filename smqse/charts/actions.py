"""The action plan's timeline: Gantt-style bars from opening to due or closing date, overdue stretches
hatched and labelled in words, a line at the reference date. Status is always a word with an icon, never a
colour alone. The figure carries its title, takeaway and text alternative
(`smqse.charts.figure_takeaway/figure_alt`); its words and its table (the same numbers) are
`smqse.words.actions`. No Streamlit here.
"""

from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go
import polars as pl

from smqse.charts import palette
from smqse.charts.month_axis import month_ticks
from smqse.i18n import format_date, t
from smqse.views.actions import gantt_rows, gantt_status
from smqse.words import actions as words

_FONT = {"family": "Source Sans, Segoe UI, Helvetica, Arial, sans-serif", "color": palette.TEXT, "size": 13}
_MS_PER_DAY = 86_400_000
STATUS_COLOURS = {
    "planned": palette.SKY_BLUE,
    "in_progress": palette.BLUE,
    "done": palette.BLUISH_GREEN,
    "verified": palette.BLUISH_GREEN,
    "cancelled": palette.LIGHT_GREY,
}
STATUS_PATTERNS = {"planned": ".", "in_progress": "", "done": "/", "verified": "", "cancelled": "-"}
OVERDUE_COLOUR = palette.VERMILLION


def _bar_end(row: dict, reference: date) -> date:
    """Where the planned bar stops: the closing date of a closed action (if closed by the reference date),
    else the due date (the reference date when there is none)."""
    if row["closed_on"] is not None and not row["open_at_as_of"]:
        return row["closed_on"]
    return row["due_on"] or reference


def _span(start: date, end: date) -> float:
    """A bar's length in milliseconds (Plotly's unit on a date axis), at least one day so it shows."""
    return max((end - start).days, 1) * _MS_PER_DAY


def _marker(colour: str, shape: str, solidity: float) -> dict:
    """A bar's fill, outlined, with its pattern over it: the pattern tells the status without colour."""
    return {
        "color": colour,
        "line": {"color": palette.TEXT, "width": 1},
        "pattern": {"shape": shape, "fgcolor": palette.TEXT, "fillmode": "overlay", "solidity": solidity},
    }


def _status_bars(records: list[dict], reference: date, lang: str) -> list[go.Bar]:
    """One trace per status drawn (its legend entry), each action's bar from opening to due or closing."""
    bars = []
    for category in ("planned", "in_progress", "done", "verified"):
        chosen = [r for r in records if gantt_status(r) == category]
        if not chosen:
            continue
        bars.append(
            go.Bar(
                name=words.status_words(category, lang),
                y=[words.gantt_tick(r) for r in chosen],
                base=[r["opened_on"].isoformat() for r in chosen],
                x=[_span(r["opened_on"], _bar_end(r, reference)) for r in chosen],
                orientation="h",
                marker=_marker(STATUS_COLOURS[category], STATUS_PATTERNS[category], 0.2),
                text=[words.bar_text(r, lang) for r in chosen],
                # An overdue bar has its stretch past due on its right: its text stays inside (hidden when it
                # does not fit; the delay and the progress are said on the stretch).
                textposition=["inside" if r["overdue"] else "auto" for r in chosen],
                insidetextanchor="start",
                cliponaxis=False,
                # White on blue only (5:1); dark text on the lighter fills and outside the bars.
                insidetextfont={"color": "#FFFFFF" if category == "in_progress" else palette.TEXT},
                outsidetextfont={"color": palette.TEXT},
                customdata=[
                    [
                        r["title"],
                        words.table_day(r["opened_on"], lang),
                        words.table_day(_bar_end(r, reference), lang),
                    ]
                    for r in chosen
                ],
                hovertemplate="%{y} — %{customdata[0]}<br>%{customdata[1]} → %{customdata[2]}<extra></extra>",
            )
        )
    return bars


def _overdue_bars(records: list[dict], reference: date, lang: str) -> list[go.Bar]:
    """The stretches past due of the overdue actions, hatched and labelled with the delay (none if no
    action is late)."""
    late = [r for r in records if r["overdue"] and r["due_on"] is not None]
    if not late:
        return []
    return [
        go.Bar(
            name=words.overdue_label(lang),
            y=[words.gantt_tick(r) for r in late],
            base=[r["due_on"].isoformat() for r in late],
            x=[_span(r["due_on"], reference) for r in late],
            orientation="h",
            marker=_marker(OVERDUE_COLOUR, "x", 0.3),
            text=[words.late_text(r, lang) for r in late],
            textposition="outside",
            cliponaxis=False,
            textfont={"color": palette.TEXT},
            hovertemplate="%{y} — %{text}<extra></extra>",
        )
    ]


def _add_reference_line(fig: go.Figure, reference: date, lang: str) -> None:
    """A dashed line at the reference date, its label above the plot."""
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
        text=t("actions.gantt.reference", lang, date=format_date(reference, lang)),
        showarrow=False,
        font={"color": palette.TEXT, "size": 12},
    )


def _lay_out(fig: go.Figure, rows: pl.DataFrame, reference: date, lang: str) -> None:
    """Title, size, legend, the date axis (from the first opening to past the last end), one line per
    action in the plan's order, and the takeaway and text alternative."""
    records = list(rows.iter_rows(named=True))
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
            "categoryarray": [words.gantt_tick(r) for r in records],
            "automargin": True,
            "tickfont": {"size": 12},
        },
        meta={
            "takeaway": words.gantt_takeaway(rows, reference, lang),
            "alt": words.gantt_alt(rows, reference, lang),
        },
    )


def build_gantt(actions: pl.DataFrame, reference: date, lang: str) -> go.Figure:
    """Horizontal bars from opening to due date (or closing date), one per action, in the plan's order;
    the stretch past the due date of an overdue action is hatched, in vermillion and labelled with the
    delay; a dashed line marks the reference date. Each status has its own legend entry, icon and word."""
    rows = gantt_rows(actions)
    records = list(rows.iter_rows(named=True))
    fig = go.Figure()
    for bar in [*_status_bars(records, reference, lang), *_overdue_bars(records, reference, lang)]:
        fig.add_trace(bar)
    _add_reference_line(fig, reference, lang)
    _lay_out(fig, rows, reference, lang)
    return fig
