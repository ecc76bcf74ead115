"""Figures of the drift page: the site × indicator heat map of gaps, and one indicator's projection to its
objective's deadline. No Streamlit here.

Each `build_*_chart` returns a Plotly figure whose title is in `layout.title` and whose one-sentence
takeaway and text alternative are in `layout.meta` (see `smqse.charts.figure_takeaway/figure_alt`). Their
words, and the tables with the same numbers, are written by `smqse.words.drift`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go
import polars as pl

from smqse.analysis import drift as analysis
from smqse.analysis.kpi import months_between
from smqse.charts import palette
from smqse.i18n import (
    chart_separators,
    format_month_short,
    format_number,
    format_value,
    t,
)
from smqse.model import Polarity, Status
from smqse.views.drift import heatmap_grid, is_cumulative, running_series
from smqse.words import drift as words
from smqse.words.shared import short_name

_FONT = {"family": "Source Sans, Segoe UI, Helvetica, Arial, sans-serif", "color": palette.TEXT, "size": 14}

VERDICT_COLOURS = {
    analysis.ON_TRACK: palette.STATUS_COLOURS[Status.MET.value],
    analysis.AT_RISK: palette.STATUS_COLOURS[Status.AT_RISK.value],
    analysis.WILL_MISS: palette.STATUS_COLOURS[Status.MISSED.value],
    analysis.NO_OBJECTIVE: palette.GREY,
    analysis.NO_DATA: palette.LIGHT_GREY,
}
# Diverging blue (better than target) – white – orange/vermillion (worse): safe for the common colour
# vision deficiencies (Okabe-Ito blue and vermillion).
GAP_SCALE = [
    [0.0, palette.BLUE],
    [0.25, "#5AA3D6"],
    [0.5, "#F7F7F7"],
    [0.75, "#F0A35E"],
    [1.0, palette.VERMILLION],
]
GAP_CLIP_PCT = 25.0  # colour saturates beyond ±25 % of the target (the cell still prints its value)
BAND_COLOUR = "rgba(0, 114, 178, 0.18)"


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


# --- heat map ------------------------------------------------------------------------------------------------


def build_heatmap_chart(
    site_gaps: pl.DataFrame, indicators: pl.DataFrame, site_names: dict[str, str], lang: str
) -> go.Figure:
    """Site × indicator heat map of the gap to date in % of the target (positive = worse): a
    diverging blue–orange scale clipped at ±25 %, and in each cell the gap printed with the status symbol
    (✓ met, ! at risk, ✗ missed) and ↯ for an unfavourable drift signal, so colour is never the only cue."""
    site_order = sorted(site_names, key=lambda s: short_name(site_names[s]))
    site_order = [s for s in site_order if s in set(site_gaps["site_id"].to_list())] if len(site_gaps) else []
    ids, sites, cells = heatmap_grid(site_gaps, indicators, site_order)
    names = {r["indicator_id"]: words.indicator_name(r, lang) for r in indicators.iter_rows(named=True)}
    z, text, hover = [], [], []
    for iid in ids:
        z_row, t_row, h_row = [], [], []
        for site in sites:
            cell = cells.get((iid, site))
            pct = None if cell is None else cell.get("gap_ytd_pct")
            z_row.append(None if _is_missing(pct) else max(-GAP_CLIP_PCT, min(GAP_CLIP_PCT, pct)))
            t_row.append(words.heatmap_cell_text(cell, lang))
            h_row.append(
                f"{iid} — {names.get(iid, iid)}<br>{short_name(site_names.get(site, site))}: "
                f"{words.heatmap_cell_text(cell, lang)}"
            )
        z.append(z_row)
        text.append(t_row)
        hover.append(h_row)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[_axis_site(site_names.get(s, s)) for s in sites],
            y=[f"{i} · {_truncate(names.get(i, i), 34)}" for i in ids],
            text=text,
            texttemplate="%{text}",
            textfont={"size": 13},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=GAP_SCALE,
            zmin=-GAP_CLIP_PCT,
            zmax=GAP_CLIP_PCT,
            zmid=0,
            xgap=2,
            ygap=2,
            colorbar={
                "title": {"text": t("drift.heatmap.colorbar", lang), "side": "right"},
                "tickvals": [-GAP_CLIP_PCT, 0, GAP_CLIP_PCT],
                "ticktext": [
                    t("drift.heatmap.better", lang, pct=words.gap_pct_text(-GAP_CLIP_PCT, lang)),
                    t("drift.heatmap.on_target", lang),
                    t("drift.heatmap.worse", lang, pct=words.gap_pct_text(GAP_CLIP_PCT, lang)),
                ],
                "thickness": 14,
                "len": min(1.0, 400 / max(160, 26 * len(ids))),
                "yanchor": "top",
                "y": 1,
            },
        )
    )
    fig.update_layout(
        title={"text": t("drift.heatmap.title", lang), "font": {"size": 16}},
        height=120 + 26 * max(len(ids), 1),
        margin={"l": 8, "r": 8, "t": 60, "b": 20},
        font=_FONT,
        xaxis={"side": "top", "title": None, "tickangle": 0, "tickfont": {"size": 14}},
        yaxis={"autorange": "reversed", "automargin": True, "title": None},
        plot_bgcolor="#FFFFFF",
        meta={
            "takeaway": words.heatmap_takeaway(site_gaps, site_names, names, lang),
            "alt": words.heatmap_alt(site_gaps, site_names, lang),
        },
    )
    return fig


def _axis_site(name: str) -> str:
    """ "Rouen-Grand-Quevilly (…)" -> "Rouen": a column header that fits (the full name is in the table)."""
    return short_name(name).split("-", 1)[0].strip() or short_name(name)


def _truncate(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# --- one indicator's projection -------------------------------------------------------------------------------


def _target_path(row: dict, months: list[date]) -> tuple[list[float | None], list[float | None]]:
    """Target and alert for each month: constant levels, or prorated totals for sums."""
    target, alert = row.get("target_value"), row.get("alert_value")
    start, deadline = row.get("start_on"), row.get("deadline")
    if not is_cumulative(row) or start is None or deadline is None:
        return [target] * len(months), [alert] * len(months)
    total = months_between(start, deadline)
    shares = [min(1.0, max(0.0, months_between(start, m) / total)) for m in months]
    return (
        [None if _is_missing(target) else target * s for s in shares],
        [None if _is_missing(alert) else alert * s for s in shares],
    )


@dataclass(frozen=True)
class _ProjectionLines:
    """The points the projection chart joins: actual values, the model's fitted values (none for a running
    total) and the projection with its interval bounds, the projection starting at the last actual point."""

    actual_x: list
    actual_y: list
    fitted_x: list
    fitted_y: list
    proj_x: list
    proj_y: list
    proj_lo: list
    proj_hi: list


def _projection_lines(row: dict) -> _ProjectionLines:
    if is_cumulative(row):
        months, flags, values, lower, upper = running_series(row)
        actual_x = [m for m, f in zip(months, flags, strict=True) if not f]
        actual_y = [v for v, f in zip(values, flags, strict=True) if not f]
        proj_x = [m for m, f in zip(months, flags, strict=True) if f]
        proj_y = [v for v, f in zip(values, flags, strict=True) if f]
        proj_lo = [v for v, f in zip(lower, flags, strict=True) if f]
        proj_hi = [v for v, f in zip(upper, flags, strict=True) if f]
        fitted_x, fitted_y = [], []
    else:
        actual_x = list(row.get("history_periods") or [])
        actual_y = list(row.get("history_values") or [])
        fitted_x, fitted_y = actual_x, list(row.get("fitted_values") or [])
        proj_x = list(row.get("forecast_periods") or [])
        proj_y = list(row.get("forecast_mean") or [])
        proj_lo = list(row.get("forecast_lower") or [])
        proj_hi = list(row.get("forecast_upper") or [])
    # Join the projection to the last actual point so that the line is continuous.
    if actual_x and proj_x and not _is_missing(actual_y[-1]):
        proj_x = [actual_x[-1], *proj_x]
        proj_y = [actual_y[-1], *proj_y]
        proj_lo = [actual_y[-1], *proj_lo]
        proj_hi = [actual_y[-1], *proj_hi]
    return _ProjectionLines(actual_x, actual_y, fitted_x, fitted_y, proj_x, proj_y, proj_lo, proj_hi)


def _add_series(fig: go.Figure, row: dict, lines: _ProjectionLines, lang: str) -> None:
    """The interval band, the fitted values, the actual values and the projection, in that order (the band
    under the lines)."""
    unit = row.get("unit")
    if lines.proj_x:
        level = format_number((row.get("interval_level") or 0.8) * 100, lang, 0)
        fig.add_trace(
            go.Scatter(
                x=lines.proj_x + lines.proj_x[::-1],
                y=lines.proj_hi + lines.proj_lo[::-1],
                mode="lines",
                fill="toself",
                fillcolor=BAND_COLOUR,
                line={"width": 0},
                name=t("drift.projection.band", lang, level=level),
                hoverinfo="skip",
            )
        )
    if any(not _is_missing(v) for v in lines.fitted_y):
        fig.add_trace(
            go.Scatter(
                x=lines.fitted_x,
                y=lines.fitted_y,
                mode="lines",
                name=t("drift.projection.fitted", lang),
                line={"color": palette.LIMIT_COLOUR, "width": 1.5, "dash": "dot"},
                hoverinfo="skip",
            )
        )
    actual_key = "drift.projection.actual_cumulative" if is_cumulative(row) else "drift.projection.actual"
    fig.add_trace(
        go.Scatter(
            x=lines.actual_x,
            y=lines.actual_y,
            mode="lines+markers",
            name=t(actual_key, lang),
            line={"color": palette.SERIES_COLOUR, "width": 2},
            marker={"size": 6, "symbol": "circle"},
            customdata=[format_value(v, unit, lang) for v in lines.actual_y],
            hovertemplate="%{x|%Y-%m} — %{customdata}<extra></extra>",
        )
    )
    if lines.proj_x:
        fig.add_trace(
            go.Scatter(
                x=lines.proj_x,
                y=lines.proj_y,
                mode="lines+markers",
                name=t("drift.projection.forecast", lang),
                line={"color": palette.SERIES_COLOUR, "width": 2.5, "dash": "dash"},
                marker={"size": 7, "symbol": "diamond-open"},
                customdata=[format_value(v, unit, lang) for v in lines.proj_y],
                hovertemplate="%{x|%Y-%m} — %{customdata}<extra></extra>",
            )
        )


def _add_objective(fig: go.Figure, row: dict, months: list[date], lang: str) -> None:
    """The objective (and its tolerance band) and the alert threshold over the months drawn."""
    target_y, alert_y = _target_path(row, months)
    if any(not _is_missing(v) for v in target_y):
        fig.add_trace(
            go.Scatter(
                x=months,
                y=target_y,
                mode="lines",
                name=t("drift.projection.target", lang, value=words.objective_text(row, lang)),
                line={"color": palette.TARGET_COLOUR, "width": 2, "dash": "longdash"},
                hoverinfo="skip",
            )
        )
        if row.get("polarity") == Polarity.TARGET_BAND and not _is_missing(row.get("tolerance")):
            tol = row["tolerance"]
            fig.add_hrect(y0=row["target_value"] - tol, y1=row["target_value"] + tol,
                          fillcolor=palette.TARGET_COLOUR, opacity=0.1, line_width=0)  # fmt: skip
    if any(not _is_missing(v) for v in alert_y):
        fig.add_trace(
            go.Scatter(
                x=months,
                y=alert_y,
                mode="lines",
                name=t(
                    "drift.projection.alert",
                    lang,
                    value=format_value(row.get("alert_value"), row.get("unit"), lang),
                ),
                line={"color": palette.ALERT_COLOUR, "width": 2, "dash": "dot"},
                hoverinfo="skip",
            )
        )


def _add_deadline(fig: go.Figure, row: dict, lang: str) -> None:
    """The objective-period value projected at the deadline (for ratios: the year value, not a monthly
    value; none for a running total, whose last point is that value) and the deadline's line."""
    deadline = row.get("deadline")
    if deadline is None:
        return
    if not _is_missing(row.get("projected_value")) and not is_cumulative(row):
        value = row["projected_value"]
        low, high = row.get("projected_lower"), row.get("projected_upper")
        fig.add_trace(
            go.Scatter(
                x=[date(deadline.year, deadline.month, 1)],
                y=[value],
                mode="markers",
                name=t("drift.projection.year_value", lang),
                marker={"size": 13, "symbol": "star", "color": VERDICT_COLOURS.get(row.get("verdict"), palette.GREY),
                        "line": {"color": palette.TEXT, "width": 1}},
                error_y={"type": "data", "symmetric": False, "array": [max(0.0, (high or value) - value)],
                         "arrayminus": [max(0.0, value - (low or value))], "color": palette.TEXT, "width": 6},
                hovertemplate=words.projection_text(row, lang) + "<extra></extra>",
            )
        )  # fmt: skip
    fig.add_vline(
        x=date(deadline.year, deadline.month, 1).isoformat(),
        line={"color": palette.MUTED_TEXT, "width": 1, "dash": "dash"},
        annotation_text=t("drift.projection.deadline", lang, month=format_month_short(deadline, lang)),
        annotation_position="top left",
        annotation_font={"color": palette.MUTED_TEXT, "size": 12},
    )


def build_projection_chart(row: dict, lang: str) -> go.Figure:
    """History (24 months), the model's fitted values, the projection to the deadline with its interval
    band, the objective and alert threshold, and the deadline. SUM indicators are drawn as the running
    total of the objective period (what the annual target caps), with prorated target and alert."""
    fig = go.Figure()
    lines = _projection_lines(row)
    _add_series(fig, row, lines, lang)
    _add_objective(fig, row, sorted({*lines.actual_x, *lines.proj_x}), lang)
    _add_deadline(fig, row, lang)
    title_key = "drift.projection.title_cumulative" if is_cumulative(row) else "drift.projection.title"
    fig.update_layout(
        title={"text": t(title_key, lang, name=words.indicator_name(row, lang)), "font": {"size": 16}},
        height=420,
        margin={"l": 16, "r": 16, "t": 60, "b": 40},
        font=_FONT,
        showlegend=True,
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "xanchor": "left", "x": 0},
        xaxis={"tickformat": "%m/%Y" if lang == "fr" else "%b %Y", "gridcolor": palette.GRID},
        yaxis={"title": {"text": row.get("unit") or ""}, "gridcolor": palette.GRID, "automargin": True},
        plot_bgcolor="#FFFFFF",
        separators=chart_separators(lang),
        meta={"takeaway": words.projection_takeaway(row, lang), "alt": words.projection_alt(row, lang)},
    )
    return fig
