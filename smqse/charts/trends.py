"""Figures of the trends page: the process behaviour chart of one indicator, one chart per site (small
multiples), the seasonal decomposition and the exposure behind a rate.

Each `build_*_chart` returns a Plotly figure with its title in `layout.title`, and its one-sentence
takeaway and text alternative in `layout.meta` (read with `smqse.charts.figure_takeaway/figure_alt`);
their words, and a table with the same numbers for each chart, come from `smqse.words.trends`. Signals
are marked by symbol and named in the legend and the hover text, never by colour alone. No Streamlit here.
"""

from __future__ import annotations

import calendar
import math
from datetime import date
from typing import TYPE_CHECKING

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from smqse.analysis import trends as analysis
from smqse.charts import palette
from smqse.i18n import chart_separators, t
from smqse.model import Polarity
from smqse.words import trends as words
from smqse.words.shared import short_name

if TYPE_CHECKING:
    from smqse.views.trends import TrendView

_FONT = {"family": "Source Sans, Segoe UI, Helvetica, Arial, sans-serif", "color": palette.TEXT, "size": 14}
_BASELINE_FILL = "rgba(86, 180, 233, 0.10)"  # sky blue, faint: the reference period
_INTERVAL_COLOUR = "rgba(0, 114, 178, 0.45)"
_MARKERS = {  # pattern family → marker symbol and legend key
    "beyond": ("diamond", "trends.marker.beyond"),
    "run": ("square-open", "trends.marker.run"),
}


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _unit(indicator: dict) -> str | None:
    return indicator.get("unit")


def _axis_format(lang: str) -> dict:
    return {"tickformat": "%m/%Y" if lang == "fr" else "%b %Y", "gridcolor": palette.GRID, "automargin": True}


# --- the process behaviour chart ----------------------------------------------------------------------


def _phase_lines(periods: list[date], series: list[float | None], phases: list[analysis.Phase]):
    """x, y with a gap between phases so that limits are not joined across a declared change."""
    xs: list = []
    ys: list = []
    for k, phase in enumerate(phases):
        if k:
            xs.append(None)
            ys.append(None)
        xs.extend(periods[phase.start : phase.end + 1])
        ys.extend(series[phase.start : phase.end + 1])
    return xs, ys


def _add_limits(
    fig: go.Figure, chart: analysis.TrendChart, lang: str, *, row=None, col=None, legend=True
) -> None:
    if not chart.has_limits:
        return
    shape = "hvh" if chart.chart_type in ("p", "u") else "linear"
    for bound, show in ((chart.ucl, legend), (chart.lcl, False)):
        x, y = _phase_lines(chart.periods, bound, chart.phases)
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                mode="lines",
                name=t("trends.legend.limits", lang),
                legendgroup="limits",
                showlegend=show,
                # Solid: dashes break up on the monthly steps of p/u limits.
                line={"color": palette.GREY, "width": 1.3, "shape": shape},
                hoverinfo="skip",
                connectgaps=False,
            ),
            row=row,
            col=col,
        )
    x, y = _phase_lines(chart.periods, chart.center, chart.phases)
    fig.add_trace(
        go.Scatter(
            x=x,
            y=y,
            mode="lines",
            name=t("trends.legend.center", lang),
            legendgroup="center",
            showlegend=legend,
            line={"color": palette.MUTED_TEXT, "width": 1.2, "dash": "dot"},
            hoverinfo="skip",
            connectgaps=False,
        ),
        row=row,
        col=col,
    )


def _add_signal_markers(
    fig: go.Figure, chart: analysis.TrendChart, lang: str, *, row=None, col=None, legend=True, size=14
) -> None:
    for family, points in analysis.marked_points(chart).items():
        if not points:
            continue
        indexes = sorted(points)
        symbol, key = _MARKERS[family]
        fig.add_trace(
            go.Scatter(
                x=[chart.periods[i] for i in indexes],
                y=[chart.values[i] for i in indexes],
                mode="markers",
                name=t(key, lang),
                legendgroup=f"signal_{family}",
                showlegend=legend,
                marker={
                    "size": size if family == "beyond" else size - 2,
                    "symbol": symbol,
                    "color": palette.SIGNAL_COLOUR,  # an open symbol is drawn in this colour
                    "line": {"color": palette.SIGNAL_COLOUR, "width": 2},
                },
                customdata=words.marker_hover(chart, family, lang),
                hovertemplate="%{x|%Y-%m} — %{customdata}<extra></extra>",
            ),
            row=row,
            col=col,
        )


def _add_objective(
    fig: go.Figure, indicator: dict, objective: dict | None, lang: str, *, row=None, col=None, labels=True
):
    lines = analysis.objective_lines(indicator, objective)
    if lines is None:
        return None
    target, alert, tolerance = lines
    alert_above = alert is not None and alert > target
    kwargs = {} if row is None else {"row": row, "col": col}
    if indicator.get("polarity") == Polarity.TARGET_BAND and tolerance is not None:
        fig.add_hrect(
            y0=target - tolerance,
            y1=target + tolerance,
            fillcolor=palette.TARGET_COLOUR,
            opacity=0.1,
            line_width=0,
            **kwargs,
        )
    fig.add_hline(
        y=target,
        line={"color": palette.TARGET_COLOUR, "width": 2, "dash": "dash"},
        annotation_text=words.target_label(indicator, target, lang) if labels else None,
        annotation_position="right",
        annotation_yshift=-9 if alert_above else 9,
        annotation_font={"color": "#00684A", "size": 13},
        **kwargs,
    )
    if alert is not None:
        fig.add_hline(
            y=alert,
            line={"color": palette.ALERT_COLOUR, "width": 2, "dash": "dot"},
            annotation_text=words.alert_label(indicator, alert, lang) if labels else None,
            annotation_position="right",
            annotation_yshift=9 if alert_above else -9,
            annotation_font={"color": "#8A5A00", "size": 13},
            **kwargs,
        )
    return lines


def _padded_range(values: list[float | None], references: list[float | None]) -> list[float] | None:
    points = [v for v in [*values, *references] if not _missing(v)]
    if not points:
        return None
    low, high = min(points), max(points)
    pad = (high - low) * 0.12 or max(abs(high) * 0.1, 1.0)
    bottom = low - pad
    if low >= 0:
        bottom = max(bottom, 0.0)
    return [bottom, high + pad]


def _add_reference_period(fig: go.Figure, view: TrendView, lang: str) -> None:
    """The months the limits come from, shaded, when they are not all the months shown."""
    chart, periods = view.chart, view.periods
    if not (periods and len(chart.phases) == 1 and chart.has_limits):
        return
    phase = chart.phases[0]
    if (phase.baseline_start, phase.baseline_end) == (0, len(periods) - 1):
        return
    # Shapes and annotations drawn separately: plotly's vrect/vline annotations fail on dates.
    fig.add_shape(
        type="rect",
        xref="x",
        yref="paper",
        x0=periods[phase.baseline_start],
        x1=periods[phase.baseline_end],
        y0=0,
        y1=1,
        fillcolor=_BASELINE_FILL,
        line_width=0,
        layer="below",
    )
    fig.add_annotation(
        x=periods[phase.baseline_start],
        y=1,
        xref="x",
        yref="paper",
        text=t("trends.legend.baseline", lang),
        showarrow=False,
        xanchor="left",
        yanchor="top",
        font={"color": palette.MUTED_TEXT, "size": 12},
    )


def _add_change(fig: go.Figure, view: TrendView, lang: str) -> None:
    """The declared change between two phases, a vertical line named with its month."""
    if len(view.chart.phases) != 2:
        return
    change = view.periods[view.chart.phases[1].start]
    fig.add_shape(
        type="line",
        xref="x",
        yref="paper",
        x0=change,
        x1=change,
        y0=0,
        y1=1,
        line={"color": palette.TEXT, "width": 1.5, "dash": "dashdot"},
    )
    fig.add_annotation(
        x=change,
        y=1,
        xref="x",
        yref="paper",
        text=words.change_label(change, lang),
        showarrow=False,
        xanchor="left",
        yanchor="top",
        xshift=4,
        font={"color": palette.TEXT, "size": 12},
    )


def _error_bars(
    intervals: list[tuple[float, float] | None], values: list[float | None], *, thickness: float, width: int
) -> dict | None:
    """Each value's 95 % interval as asymmetric error bars; None when no month has one."""
    if not any(iv is not None for iv in intervals):
        return None
    return {
        "type": "data",
        "symmetric": False,
        "array": [
            None if iv is None or v is None else iv[1] - v for iv, v in zip(intervals, values, strict=True)
        ],
        "arrayminus": [
            None if iv is None or v is None else v - iv[0] for iv, v in zip(intervals, values, strict=True)
        ],
        "color": _INTERVAL_COLOUR,
        "thickness": thickness,
        "width": width,
    }


def _add_values(fig: go.Figure, view: TrendView, lang: str, error: dict | None) -> None:
    """The monthly values, the last one written beside its point."""
    series_name = t("trends.legend.adjusted" if view.seasonally_adjusted else "trends.legend.values", lang)
    fig.add_trace(
        go.Scatter(
            x=view.periods,
            y=view.chart.values,
            mode="lines+markers+text",
            name=series_name,
            line={"color": palette.SERIES_COLOUR, "width": 2},
            marker={"size": 6, "color": palette.SERIES_COLOUR, "symbol": "circle"},
            text=words.last_value_labels(view, lang),
            textposition="top left",
            textfont={"color": palette.TEXT, "size": 13},
            customdata=words.behaviour_hover(view, lang),
            hovertemplate="%{x|%Y-%m} — %{customdata}<extra></extra>",
            error_y=error,
            connectgaps=False,
        )
    )


def _behaviour_range(view: TrendView, lines: tuple | None, error: dict | None) -> list[float] | None:
    """The y range: values, limits, target and alert, and the intervals when drawn."""
    chart = view.chart
    references = [*chart.ucl, *chart.lcl]
    if lines:
        references += [lines[0], lines[1]]
    if error:
        references += [iv[1] for iv in view.intervals if iv is not None] + [
            iv[0] for iv in view.intervals if iv is not None
        ]
    return _padded_range(chart.values, references)


def build_behaviour_chart(view: TrendView, lang: str, *, show_intervals: bool = False) -> go.Figure:
    """Values with markers, centre line and natural process limits (per phase), the reference period
    shaded or the declared change drawn, signals marked by symbol, objective and alert threshold."""
    chart = view.chart
    fig = go.Figure()
    _add_reference_period(fig, view, lang)
    _add_change(fig, view, lang)
    _add_limits(fig, chart, lang)
    error = _error_bars(view.intervals, chart.values, thickness=1.2, width=3) if show_intervals else None
    _add_values(fig, view, lang, error)
    _add_signal_markers(fig, chart, lang)
    lines = (
        None if view.seasonally_adjusted else _add_objective(fig, view.indicator, view.data.objective, lang)
    )
    fig.update_layout(
        title={"text": words.behaviour_title(view, lang), "font": {"size": 16}},
        height=460,
        margin={"l": 16, "r": 170 if lines else 16, "t": 70, "b": 40},
        font=_FONT,
        showlegend=True,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        xaxis=_axis_format(lang),
        yaxis={
            "title": {"text": _unit(view.indicator) or ""},
            "gridcolor": palette.GRID,
            "automargin": True,
            "range": _behaviour_range(view, lines, error),
        },
        plot_bgcolor="#FFFFFF",
        separators=chart_separators(lang),
        hovermode="closest",
        meta={"takeaway": words.behaviour_takeaway(view, lang), "alt": words.behaviour_alt(view, lang)},
    )
    return fig


# --- small multiples: one chart per site ----------------------------------------------------------------


def _grid(n_sites: int) -> tuple[int, int]:
    """(rows, columns) of the small multiples: 2 columns for 2 or 4 sites, else 3."""
    cols = 1 if n_sites == 1 else 2 if n_sites in (2, 4) else 3
    return max(1, math.ceil(n_sites / cols)), cols


def _add_site_panel(
    fig: go.Figure, view: TrendView, k: int, lang: str, *, cols: int, show_intervals: bool
) -> list[float | None]:
    """The k-th site's limits, values, signals and target in its panel; returns what the y axis must show."""
    site = view.sites[k]
    row, col = k // cols + 1, k % cols + 1
    chart = site.chart
    first = k == 0
    _add_limits(fig, chart, lang, row=row, col=col, legend=first)
    error = _error_bars(site.intervals, chart.values, thickness=1, width=2) if show_intervals else None
    fig.add_trace(
        go.Scatter(
            x=chart.periods,
            y=chart.values,
            mode="lines+markers",
            name=t("trends.legend.values", lang),
            legendgroup="values",
            showlegend=first,
            line={"color": palette.SERIES_COLOUR, "width": 1.6},
            marker={"size": 4, "color": palette.SERIES_COLOUR},
            customdata=words.site_hover(view, site, lang),
            hovertemplate=short_name(site.name) + " — %{x|%Y-%m} — %{customdata}<extra></extra>",
            error_y=error,
            connectgaps=False,
        ),
        row=row,
        col=col,
    )
    _add_signal_markers(fig, chart, lang, row=row, col=col, legend=first, size=10)
    lines = analysis.objective_lines(view.indicator, site.objective)
    if lines:
        fig.add_hline(
            y=lines[0],
            line={"color": palette.TARGET_COLOUR, "width": 1.5, "dash": "dash"},
            row=row,
            col=col,
        )
    return [*chart.values, *chart.ucl, *chart.lcl]


def _add_target_legend(fig: go.Figure, view: TrendView, lang: str) -> None:
    """Target lines carry no label in the panels: say it once in the legend."""
    if not any(analysis.objective_lines(view.indicator, s.objective) for s in view.sites):
        return
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="lines",
            name=t("trends.legend.target_plain", lang),
            line={"color": palette.TARGET_COLOUR, "width": 1.5, "dash": "dash"},
        ),
        row=1,
        col=1,
    )


def build_sites_chart(view: TrendView, lang: str, *, show_intervals: bool = False) -> go.Figure:
    """One small chart per site on a shared y axis, each with its own limits, signals and objective."""
    rows, cols = _grid(len(view.sites))
    fig = make_subplots(
        rows=rows,
        cols=cols,
        shared_xaxes="all",
        shared_yaxes="all",
        subplot_titles=words.site_titles(view, lang),
        vertical_spacing=0.12 if rows > 1 else 0.0,
        horizontal_spacing=0.04,
    )
    all_values: list[float | None] = []
    for k in range(len(view.sites)):
        all_values += _add_site_panel(fig, view, k, lang, cols=cols, show_intervals=show_intervals)
    _add_target_legend(fig, view, lang)
    fig.update_annotations(font={"size": 13, "color": palette.TEXT})
    if len(view.periods) > 30:
        fig.update_xaxes(gridcolor=palette.GRID, tickformat="%Y", dtick="M12", ticklabelmode="period")
    else:
        fig.update_xaxes(gridcolor=palette.GRID, tickformat="%m/%Y" if lang == "fr" else "%b %Y", dtick="M6")
    fig.update_yaxes(gridcolor=palette.GRID, range=_padded_range(all_values, []), automargin=True)
    fig.update_yaxes(title={"text": _unit(view.indicator) or ""}, col=1)
    fig.update_layout(
        title={"text": words.sites_title(view, lang), "font": {"size": 16}},
        height=150 + 240 * rows,
        margin={"l": 70, "r": 16, "t": 90, "b": 30},
        font=_FONT,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.04, "xanchor": "left", "x": 0},
        plot_bgcolor="#FFFFFF",
        separators=chart_separators(lang),
        meta={"takeaway": words.sites_takeaway(view, lang), "alt": words.sites_alt(view, lang)},
    )
    return fig


# --- seasonal decomposition ---------------------------------------------------------------------------


def build_seasonality_chart(view: TrendView, lang: str) -> go.Figure:
    """The decomposition on four rows: observed, trend, seasonal pattern, remainder."""
    season = view.seasonality
    unit = _unit(view.indicator)
    names = words.seasonality_components(lang)
    fig = make_subplots(rows=4, cols=1, shared_xaxes=True, subplot_titles=names, vertical_spacing=0.07)
    if season is not None:
        series = (season.observed, season.trend, season.seasonal, season.remainder)
        for k, (name, values) in enumerate(zip(names, series, strict=True)):
            fig.add_trace(
                go.Scatter(
                    x=season.periods,
                    y=values,
                    mode="lines+markers" if k in (0, 3) else "lines",
                    name=name,
                    line={
                        "color": (palette.SERIES_COLOUR, palette.BLACK, palette.ORANGE, palette.GREY)[k],
                        "width": 1.8,
                    },
                    marker={"size": 3},
                    customdata=words.values_text(values, unit, lang),
                    hovertemplate=name + " — %{x|%Y-%m} — %{customdata}<extra></extra>",
                    showlegend=False,
                ),
                row=k + 1,
                col=1,
            )
        for k in (3, 4):
            fig.add_hline(y=0, line={"color": palette.LIMIT_COLOUR, "width": 1}, row=k, col=1)
    fig.update_annotations(font={"size": 13, "color": palette.TEXT}, xanchor="left", x=0)
    fig.update_xaxes(gridcolor=palette.GRID, tickformat="%Y")
    fig.update_yaxes(gridcolor=palette.GRID, automargin=True)
    fig.update_layout(
        title={"text": words.seasonality_title(view, lang), "font": {"size": 16}},
        height=620,
        margin={"l": 16, "r": 16, "t": 70, "b": 30},
        font=_FONT,
        plot_bgcolor="#FFFFFF",
        separators=chart_separators(lang),
        meta={"takeaway": words.seasonality_takeaway(view, lang), "alt": words.seasonality_alt(view, lang)},
    )
    return fig


# --- exposure -----------------------------------------------------------------------------------------


_MS_PER_DAY = 86_400_000
_BAR_SHARE = 0.8  # of a month: the gap between two bars


def _month_width(month: date) -> float:
    """A month's bar width on a date axis, in milliseconds (Plotly's unit there)."""
    return _BAR_SHARE * calendar.monthrange(month.year, month.month)[1] * _MS_PER_DAY


def build_exposure_chart(view: TrendView, lang: str) -> go.Figure:
    """The monthly exposure (hours worked, parts delivered…) behind the rate; months whose rate is too
    imprecise to read (95 % interval wider than the rate) hatched and named."""
    loose = set(view.imprecise_months)
    dens = view.denominators
    fig = go.Figure()
    for imprecise in (False, True):
        idx = [i for i, d in enumerate(dens) if d is not None and ((i in loose) == imprecise)]
        if not idx:
            continue
        fig.add_trace(
            go.Bar(
                x=[view.periods[i] for i in idx],
                y=[dens[i] for i in idx],
                # Widths given: Plotly sizes a trace's bars from the gaps between its own points, so a
                # trace of one month (the imprecise month the takeaway warns about) was drawn zero wide.
                width=[_month_width(view.periods[i]) for i in idx],
                name=words.exposure_bar_name(view, imprecise, lang),
                marker={
                    "color": palette.SKY_BLUE if not imprecise else palette.ORANGE,
                    # Overlay: the stripes over the bar's colour. Plotly's default ("replace") draws white
                    # stripes on a transparent bar, which the browser showed as no bar at all.
                    "pattern": {
                        "shape": "/" if imprecise else "",
                        "fgcolor": "#FFFFFF",
                        "solidity": 0.25,
                        "fillmode": "overlay",
                    },
                    "line": {"color": "#FFFFFF", "width": 0.5},
                },
                customdata=words.exposure_hover(view, idx, lang),
                hovertemplate="%{x|%Y-%m} — %{customdata}<extra></extra>",
            )
        )
    fig.update_layout(
        title={"text": words.exposure_title(view, lang), "font": {"size": 16}},
        barmode="overlay",
        height=300,
        margin={"l": 16, "r": 16, "t": 60, "b": 30},
        font=_FONT,
        showlegend=True,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        xaxis=_axis_format(lang),
        yaxis={
            "title": {"text": words.exposure_label(view.indicator, lang)},
            "gridcolor": palette.GRID,
            "automargin": True,
            "rangemode": "tozero",
        },
        plot_bgcolor="#FFFFFF",
        separators=chart_separators(lang),
        meta={"takeaway": words.exposure_takeaway(view, lang), "alt": words.exposure_alt(view, lang)},
    )
    return fig
