"""Figures of the scorecard: attainment bars and the indicator trend. No Streamlit here.

Each `build_*_chart` returns a Plotly figure whose title is in `layout.title` and whose one-sentence
takeaway and text alternative are in `layout.meta` (see `smqse.charts.figure_takeaway/figure_alt`). Their
words, and the tables with the same numbers (for the "show the numbers" expander and the export), are
written by `smqse.words.scorecard`.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
import polars as pl

from smqse.charts import palette
from smqse.i18n import chart_separators, format_value, t
from smqse.model import Aggregation, Polarity
from smqse.views.scorecard import ordered_attainment, trend_limits, trend_points
from smqse.words import scorecard as words
from smqse.words.shared import status_text

GROUPINGS: tuple[str, ...] = ("domain", "process", "site")

_FONT = {"family": "Source Sans, Segoe UI, Helvetica, Arial, sans-serif", "color": palette.TEXT, "size": 14}


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


# --- attainment ---------------------------------------------------------------------------------------


def build_attainment_chart(frame: pl.DataFrame, grouping: str, lang: str) -> go.Figure:
    """Stacked horizontal bars: per group, the number of indicators in each status (colour, pattern and a
    count printed in each segment; the legend names the statuses with their icon)."""
    groups = ordered_attainment(frame, grouping)
    labels = [words.attainment_bar_label(g, grouping, lang) for g in groups]
    fig = go.Figure()
    for status in palette.STATUS_ORDER:
        counts = [int(g.get(status) or 0) for g in groups]
        if not any(counts):
            continue
        fig.add_trace(
            go.Bar(
                name=status_text(status, lang),
                y=labels,
                x=counts,
                orientation="h",
                marker={
                    "color": palette.STATUS_COLOURS[status],
                    "line": {"color": "#FFFFFF", "width": 1},
                    "pattern": {
                        "shape": palette.STATUS_PATTERNS[status],
                        "fgcolor": "rgba(255,255,255,0.55)",
                        "fillmode": "overlay",
                        "size": 10,
                        "solidity": 0.15,
                    },
                },
                text=[str(c) if c else "" for c in counts],
                textposition="inside",
                insidetextanchor="middle",
                textfont={"color": palette.STATUS_TEXT_COLOURS[status], "size": 15, "weight": "bold"},
                hovertemplate="%{y}<br>" + status_text(status, lang) + " — %{x}<extra></extra>",
            )
        )
    height = 110 + 38 * max(len(groups), 1)
    fig.update_layout(
        title={"text": t(f"attainment.title_{grouping}", lang), "font": {"size": 16}},
        barmode="stack",
        showlegend=True,
        height=height,
        margin={"l": 8, "r": 8, "t": 70, "b": 40},
        font=_FONT,
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
            "xanchor": "left",
            "x": 0,
            "title": None,
            "traceorder": "normal",
        },
        xaxis={
            "title": {"text": t(f"attainment.axis_{grouping}", lang)},
            "gridcolor": palette.GRID,
            "dtick": 1 if max((int(g.get("total") or 0) for g in groups), default=0) <= 12 else None,
        },
        yaxis={"autorange": "reversed", "automargin": True},
        plot_bgcolor="#FFFFFF",
        bargap=0.3,
        meta={
            "takeaway": words.attainment_takeaway(frame, grouping, lang),
            "alt": words.attainment_alt(frame, grouping, lang),
        },
    )
    return fig


# --- one indicator ------------------------------------------------------------------------------------


def build_trend_chart(row: dict, lang: str) -> go.Figure:
    """The indicator's monthly values over 24 months with markers, the latest value and any signal
    labelled, the objective (and alert threshold) as reference lines."""
    periods, values = trend_points(row)
    ucl, lcl = trend_limits(row)
    fig = go.Figure(layout=_trend_layout(row, periods, values, [*ucl, *lcl], lang))
    if any(v is not None for v in ucl):
        # Natural process limits first, so that the series is drawn over them.
        for trace in _limit_traces(row, periods, ucl, lcl, lang):
            fig.add_trace(trace)
    fig.add_trace(_series_trace(row, periods, values, lang))
    signal_index = _signal_index(row, periods)
    if signal_index is not None and values[signal_index] is not None:
        fig.add_trace(_signal_trace(row, periods[signal_index], values[signal_index], lang))
    return fig


def _comparable(row: dict) -> bool:
    """A total's target is not a monthly level: no reference line for it."""
    return row.get("aggregation") != Aggregation.SUM


def _reference_lines(row: dict, has_periods: bool, lang: str) -> tuple[list[dict], list[dict]]:
    """The objective (its tolerance band) and alert threshold as shapes, and their labels as annotations:
    what fig.add_hrect / add_hline add, written out (they re-validated the whole layout per line)."""
    unit = row.get("unit")
    target, alert, tolerance = row.get("target_value"), row.get("alert_value"), row.get("tolerance")
    shapes, annotations = [], []
    if not (_comparable(row) and not _is_missing(target) and has_periods):
        return shapes, annotations
    # Labels go on the outer side of each line so that close target and alert labels do not collide.
    alert_above = not _is_missing(alert) and not _is_missing(target) and alert > target
    if row.get("polarity") == Polarity.TARGET_BAND and not _is_missing(tolerance):
        shapes.append(_band(target - tolerance, target + tolerance, palette.TARGET_COLOUR, 0.12))
    target_text = t("trend.target_line", lang, value=format_value(target, unit, lang))
    shapes.append(_hline(target, {"color": palette.TARGET_COLOUR, "width": 2, "dash": "dash"}))
    annotations.append(_hline_label(target, target_text, -8 if alert_above else 8, "#00684A"))
    if not _is_missing(alert):
        alert_text = t("trend.alert_line", lang, value=format_value(alert, unit, lang))
        shapes.append(_hline(alert, {"color": palette.ALERT_COLOUR, "width": 2, "dash": "dot"}))
        annotations.append(_hline_label(alert, alert_text, 8 if alert_above else -8, "#8A5A00"))
    return shapes, annotations


def _trend_layout(
    row: dict, periods: list, values: list[float | None], limits: list[float | None], lang: str
) -> dict:
    """The layout given whole when the figure is made: Plotly's update_layout on a figure with traces
    validated each key path against the figure again (half of a chart's build; a review pack draws dozens)."""
    unit = row.get("unit")
    target, alert = row.get("target_value"), row.get("alert_value")
    comparable = _comparable(row)
    layout = dict(
        title={"text": t("trend.title", lang, name=words.indicator_name(row, lang)), "font": {"size": 16}},
        height=380,
        margin={"l": 16, "r": 150 if comparable and not _is_missing(target) else 16, "t": 60, "b": 40},
        font=_FONT,
        showlegend=True,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        xaxis={
            "tickformat": "%m/%Y" if lang == "fr" else "%b %Y",
            "gridcolor": palette.GRID,
            "automargin": True,
        },
        yaxis={
            "title": {"text": unit or ""},
            "gridcolor": palette.GRID,
            "automargin": True,
            "range": _padded_range(values, [*([target, alert] if comparable else []), *limits]),
        },
        plot_bgcolor="#FFFFFF",
        separators=chart_separators(lang),
        meta={"takeaway": words.trend_takeaway(row, lang), "alt": words.trend_alt(row, lang)},
    )
    shapes, annotations = _reference_lines(row, bool(periods), lang)
    if shapes:
        layout.update(shapes=shapes, annotations=annotations)
    return layout


def _limit_traces(
    row: dict, periods: list, ucl: list[float | None], lcl: list[float | None], lang: str
) -> list[go.Scatter]:
    """The natural process limits (one legend entry for both) and the centre line."""
    step = "hv" if row.get("chart_type") in ("p", "u") else "linear"
    limits_name = t("trend.limits", lang)
    traces = [
        go.Scatter(
            x=periods,
            y=bound,
            mode="lines",
            name=limits_name,
            legendgroup="limits",
            showlegend=show,
            line={"color": palette.LIMIT_COLOUR, "width": 1.5, "dash": "longdash", "shape": step},
            hoverinfo="skip",
        )
        for bound, show in ((ucl, True), (lcl, False))
    ]
    traces.append(
        go.Scatter(
            x=periods,
            y=list(row.get("control_center") or [None] * len(periods)),
            mode="lines",
            name=t("trend.center", lang),
            line={"color": palette.LIMIT_COLOUR, "width": 1},
            hoverinfo="skip",
        )
    )
    return traces


def _signal_index(row: dict, periods: list) -> int | None:
    if row.get("signal") and row.get("signal_period") in periods:
        return periods.index(row["signal_period"])
    return None


def _series_trace(row: dict, periods: list, values: list[float | None], lang: str) -> go.Scatter:
    """The monthly values, the latest and the signal's labelled with their value."""
    unit = row.get("unit")
    texts = [""] * len(values)
    last_index = max((i for i, v in enumerate(values) if v is not None), default=None)
    for i in {last_index, _signal_index(row, periods)} - {None}:
        texts[i] = format_value(values[i], unit, lang)
    return go.Scatter(
        x=periods,
        y=values,
        mode="lines+markers+text",
        name=t("trend.series", lang),
        line={"color": palette.SERIES_COLOUR, "width": 2},
        marker={"size": 7, "color": palette.SERIES_COLOUR, "symbol": "circle"},
        text=texts,
        textposition=["top left" if i == last_index else "top center" for i in range(len(values))],
        textfont={"color": palette.TEXT, "size": 13},
        customdata=[format_value(v, unit, lang) for v in values],
        hovertemplate="%{x|%Y-%m} — %{customdata}<extra></extra>",
        connectgaps=False,
    )


def _signal_trace(row: dict, period: object, value: float, lang: str) -> go.Scatter:
    """The month that completes the signal's pattern, circled and named with its rule."""
    name = t("trend.signal_marker", lang, rule=row.get("signal_rule") or 1)
    return go.Scatter(
        x=[period],
        y=[value],
        mode="markers",
        name=name,
        marker={
            "size": 18,
            "color": palette.SIGNAL_COLOUR,
            "symbol": "diamond-open",
            "line": {"color": palette.SIGNAL_COLOUR, "width": 3},
        },
        hovertemplate=name + "<extra></extra>",
    )


def _band(y0: float, y1: float, colour: str, opacity: float) -> dict:
    """The shape `fig.add_hrect(y0=…, y1=…, fillcolor=…, opacity=…, line_width=0)` adds."""
    return {"fillcolor": colour, "line": {"width": 0}, "opacity": opacity, "type": "rect",
            "x0": 0, "x1": 1, "xref": "x domain", "y0": y0, "y1": y1, "yref": "y"}  # fmt: skip


def _hline(y: float, line: dict) -> dict:
    """The shape `fig.add_hline(y=…, line=…)` adds."""
    return {"line": line, "type": "line", "x0": 0, "x1": 1, "xref": "x domain", "y0": y, "y1": y, "yref": "y"}


def _hline_label(y: float, text: str, yshift: int, colour: str) -> dict:
    """The annotation `add_hline(annotation_position="right", annotation_yshift=…, annotation_font=…)` adds."""
    return {"font": {"color": colour, "size": 13}, "showarrow": False, "text": text, "x": 1, "xanchor": "left",
            "xref": "x domain", "y": y, "yanchor": "middle", "yref": "y", "yshift": yshift}  # fmt: skip


def _padded_range(values: list[float | None], references: list[float | None]) -> list[float] | None:
    """A y range that shows the series and its reference lines with room for labels (not forced to zero,
    so that a process's variation stays visible; never below zero for non-negative data)."""
    points = [v for v in [*values, *references] if not _is_missing(v)]
    if not points:
        return None
    low, high = min(points), max(points)
    pad = (high - low) * 0.15 or max(abs(high) * 0.1, 1.0)
    bottom = low - pad
    if low >= 0:
        bottom = max(bottom, 0.0)
    return [bottom, high + pad]
