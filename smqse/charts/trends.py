"""Views of the trends page: the process behaviour chart of one indicator, its signals in words, one chart
per site (small multiples), the seasonal decomposition and the exposure behind a rate.

Each `build_*_chart` returns a Plotly figure with its title in `layout.title`, and its one-sentence
takeaway and text alternative in `layout.meta` (read with `smqse.charts.figure_takeaway/figure_alt`);
each has a `build_*_table` with the same numbers. Signals are marked by symbol and named in the legend
and the hover text, never by colour alone. No Streamlit here.
"""

from __future__ import annotations

import calendar
import math
from datetime import date
from typing import TYPE_CHECKING

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from smqse.analysis import trends as analysis
from smqse.charts import palette
from smqse.charts.palette import NOISE_ICON, SIGNAL_ICON
from smqse.i18n import (
    chart_separators,
    format_month,
    format_month_iso,
    format_month_short,
    format_number,
    format_value,
    join_words,
    label,
    month_name,
    t,
)
from smqse.model import Polarity
from smqse.words.shared import short_name

if TYPE_CHECKING:
    from smqse.views.trends import TrendView

RECENT_MONTHS = analysis.RECENT_MONTHS

_FONT = {"family": "Source Sans, Segoe UI, Helvetica, Arial, sans-serif", "color": palette.TEXT, "size": 14}
_BASELINE_FILL = "rgba(86, 180, 233, 0.10)"  # sky blue, faint: the reference period
_INTERVAL_COLOUR = "rgba(0, 114, 178, 0.45)"
_MARKERS = {  # pattern family → marker symbol and legend key
    "beyond": ("diamond", "trends.marker.beyond"),
    "run": ("square-open", "trends.marker.run"),
}


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def indicator_name(indicator: dict, lang: str) -> str:
    return indicator.get(f"name_{lang}") or indicator.get("name_fr") or indicator.get("indicator_id", "")


def _unit(indicator: dict) -> str | None:
    return indicator.get("unit")


def _axis_format(lang: str) -> dict:
    return {"tickformat": "%m/%Y" if lang == "fr" else "%b %Y", "gridcolor": palette.GRID, "automargin": True}


# --- signals in words ---------------------------------------------------------------------------------


def _elide(text: str, lang: str) -> str:
    """French elision: "de octobre" → "d'octobre", "de août" → "d'août"."""
    if lang != "fr":
        return text
    for vowel in "aeiouyâéèêîôûAEIOU":
        text = text.replace(f"de {vowel}", f"d'{vowel}").replace(f"De {vowel}", f"D'{vowel}")
    return text


def _when(first: date | None, last: date | None, ongoing: bool, lang: str) -> str:
    if first == last:
        return t("trends.when.in", lang, month=format_month(first, lang))
    if ongoing:
        return t("trends.when.since", lang, month=format_month(first, lang))
    return _elide(
        t("trends.when.between", lang, first=format_month(first, lang), last=format_month(last, lang)), lang
    )


def episode_sentence(
    episode: analysis.Episode,
    n_periods: int,
    polarity: str | None,
    rules: str,
    lang: str,
    *,
    notes: bool = True,
) -> str:
    """ "8 mois de suite au-dessus de la moyenne depuis mars 2025 : un déplacement durable (défavorable ;
    règles 2, 3 et 4 de Western Electric)"."""
    ongoing = episode.last >= n_periods - 1
    head = episode.headline
    when = _when(
        head.first_period if episode.pattern != "beyond" else episode.first_period,
        episode.last_period,
        ongoing,
        lang,
    )
    direction = episode.direction or "none"
    key = f"trends.run.{episode.pattern}"
    if episode.pattern == "beyond":
        key += ".one" if episode.beyond <= 1 else ".many"
    if episode.pattern in ("beyond", "side", "zone1", "zone2", "trend"):
        key += f".{direction}"
    sentence = t(key, lang, n=episode.points if episode.pattern != "beyond" else episode.beyond, when=when)
    if not notes:
        return sentence
    notes = []
    good = analysis.favourable(polarity, episode.direction)
    if good is not None:
        notes.append(t("signal.favourable" if good else "signal.unfavourable", lang))
    rule_words = join_words([str(r) for r in episode.rules], lang)
    notes.append(
        t(
            "trends.rules_one" if len(episode.rules) == 1 else "trends.rules_many",
            lang,
            rules=rule_words,
            set=t(f"trends.ruleset.{rules}", lang),
        )
    )
    return f"{sentence} ({' ; '.join(notes) if lang == 'fr' else '; '.join(notes)})"


def signal_sentences(view: TrendView, lang: str, limit: int = 6) -> list[str]:
    """The episodes of the chart in words, latest first."""
    n = len(view.periods)
    polarity = view.indicator.get("polarity")
    episodes = sorted(view.episodes, key=lambda e: (e.last, e.first), reverse=True)[:limit]
    return [episode_sentence(e, n, polarity, view.chart.rules, lang) for e in episodes]


def _recent(episodes: list[analysis.Episode], n: int) -> list[analysis.Episode]:
    return [e for e in episodes if e.last >= n - RECENT_MONTHS]


def _phase_text(view: TrendView, lang: str) -> str:
    phases = [p for p in view.chart.phases if p.center is not None]
    if len(phases) != 2:
        return ""
    unit = _unit(view.indicator)
    return t(
        "trends.takeaway.phases",
        lang,
        month=format_month(view.periods[phases[1].start], lang),
        before=format_value(phases[0].center, unit, lang),
        after=format_value(phases[1].center, unit, lang),
    )


def behaviour_takeaway(view: TrendView, lang: str) -> str:
    """The latest recent episode in words, else: the process is stable within its limits."""
    chart = view.chart
    n = len(view.periods)
    unit = _unit(view.indicator)
    phase = _phase_text(view, lang)
    if not chart.has_limits:
        return t("trends.takeaway.too_short", lang)
    recent = _recent(view.episodes, n)
    if recent:
        latest = max(recent, key=lambda e: (e.last, -analysis.EPISODE_PRIORITY.index(e.pattern)))
        text = episode_sentence(latest, n, view.indicator.get("polarity"), chart.rules, lang)
        text = text[0].upper() + text[1:] + "."
    else:
        last = next((i for i in range(n - 1, -1, -1) if chart.center[i] is not None), None)
        text = t(
            "trends.takeaway.stable",
            lang,
            months=RECENT_MONTHS,
            lcl=format_value(chart.lcl[last], unit, lang),
            ucl=format_value(chart.ucl[last], unit, lang),
        )
        if view.episodes:
            older = max(view.episodes, key=lambda e: (e.last, -analysis.EPISODE_PRIORITY.index(e.pattern)))
            sentence = episode_sentence(
                older, n, view.indicator.get("polarity"), chart.rules, lang, notes=False
            )
            text += " " + t("trends.takeaway.last_signal", lang, sentence=sentence)
    return f"{text} {phase}".strip()


def behaviour_alt(view: TrendView, lang: str) -> str:
    chart = view.chart
    unit = _unit(view.indicator)
    name = indicator_name(view.indicator, lang)
    points = [(p, v) for p, v in zip(view.periods, chart.values, strict=True) if v is not None]
    if not points:
        return t("trends.alt.empty", lang, name=name)
    low = min(points, key=lambda pv: pv[1])
    high = max(points, key=lambda pv: pv[1])
    text = t(
        "trends.alt.series",
        lang,
        name=name,
        chart=label("chart", chart.chart_type, lang),
        n=len(points),
        start=format_month(points[0][0], lang),
        end=format_month(points[-1][0], lang),
        low=format_value(low[1], unit, lang),
        low_month=format_month(low[0], lang),
        high=format_value(high[1], unit, lang),
        high_month=format_month(high[0], lang),
        last=format_value(points[-1][1], unit, lang),
    )
    for phase in chart.phases:
        if phase.center is None:
            continue
        i = phase.end
        while i > phase.start and chart.ucl[i] is None:
            i -= 1
        text += " " + t(
            "trends.alt.limits",
            lang,
            first=format_month(view.periods[phase.start], lang),
            last=format_month(view.periods[phase.end], lang),
            center=format_value(phase.center, unit, lang),
            lcl=format_value(chart.lcl[i], unit, lang),
            ucl=format_value(chart.ucl[i], unit, lang),
        )
    objective = analysis.objective_lines(view.indicator, view.data.objective)
    if objective:
        text += " " + t("trends.alt.objective", lang, target=format_value(objective[0], unit, lang))
    sentences = signal_sentences(view, lang)
    text += " " + (
        t(
            "trends.alt.signals" if len(view.episodes) > 1 else "trends.alt.signals_one",
            lang,
            n=len(view.episodes),
            list=" ; ".join(sentences),
        )
        if sentences
        else t("trends.alt.no_signal", lang)
    )
    return text


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
                customdata=[
                    t("trends.hover.rules", lang, rules=join_words([str(r) for r in sorted(points[i])], lang))
                    for i in indexes
                ],
                hovertemplate="%{x|%Y-%m} — %{customdata}<extra></extra>",
            ),
            row=row,
            col=col,
        )


def _interval_text(interval: tuple[float, float] | None, unit: str | None, lang: str) -> str:
    if interval is None:
        return ""
    return t(
        "trends.hover.interval",
        lang,
        low=format_value(interval[0], unit, lang),
        high=format_value(interval[1], unit, lang),
    )


def _add_objective(
    fig: go.Figure, indicator: dict, objective: dict | None, lang: str, *, row=None, col=None, labels=True
):
    lines = analysis.objective_lines(indicator, objective)
    if lines is None:
        return None
    target, alert, tolerance = lines
    unit = _unit(indicator)
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
        annotation_text=t(
            "words.target_per_month" if analysis.objective_per_month(indicator) else "trends.legend.target",
            lang,
            value=format_value(target, unit, lang),
        )
        if labels
        else None,
        annotation_position="right",
        annotation_yshift=-9 if alert_above else 9,
        annotation_font={"color": "#00684A", "size": 13},
        **kwargs,
    )
    if alert is not None:
        fig.add_hline(
            y=alert,
            line={"color": palette.ALERT_COLOUR, "width": 2, "dash": "dot"},
            annotation_text=t("trends.legend.alert", lang, value=format_value(alert, unit, lang))
            if labels
            else None,
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


def build_behaviour_chart(view: TrendView, lang: str, *, show_intervals: bool = False) -> go.Figure:
    """Values with markers, centre line and natural process limits (per phase), the reference period
    shaded or the declared change drawn, signals marked by symbol, objective and alert threshold."""
    chart = view.chart
    indicator = view.indicator
    unit = _unit(indicator)
    name = indicator_name(indicator, lang)
    fig = go.Figure()
    periods = view.periods
    if periods and len(chart.phases) == 1 and chart.has_limits:
        phase = chart.phases[0]
        if (phase.baseline_start, phase.baseline_end) != (0, len(periods) - 1):
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
    if len(chart.phases) == 2:
        change = periods[chart.phases[1].start]
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
            text=t("trends.legend.change", lang, month=format_month_short(change, lang)),
            showarrow=False,
            xanchor="left",
            yanchor="top",
            xshift=4,
            font={"color": palette.TEXT, "size": 12},
        )
    _add_limits(fig, chart, lang)
    marked = analysis.marked_points(chart)
    rules = {**marked["run"], **marked["beyond"]}
    hover = []
    for i, v in enumerate(chart.values):
        text = format_value(v, unit, lang)
        if show_intervals or view.intervals[i] is not None:
            text += _interval_text(view.intervals[i], unit, lang)
        if i in rules:
            text += " — " + t(
                "trends.hover.rules", lang, rules=join_words([str(r) for r in sorted(rules[i])], lang)
            )
        hover.append(text)
    error = None
    if show_intervals and any(iv is not None for iv in view.intervals):
        error = {
            "type": "data",
            "symmetric": False,
            "array": [
                None if iv is None or v is None else iv[1] - v
                for iv, v in zip(view.intervals, chart.values, strict=True)
            ],
            "arrayminus": [
                None if iv is None or v is None else v - iv[0]
                for iv, v in zip(view.intervals, chart.values, strict=True)
            ],
            "color": _INTERVAL_COLOUR,
            "thickness": 1.2,
            "width": 3,
        }
    last = max((i for i, v in enumerate(chart.values) if v is not None), default=None)
    texts = ["" for _ in chart.values]
    if last is not None:
        texts[last] = format_value(chart.values[last], unit, lang)
    series_name = t("trends.legend.adjusted" if view.seasonally_adjusted else "trends.legend.values", lang)
    fig.add_trace(
        go.Scatter(
            x=periods,
            y=chart.values,
            mode="lines+markers+text",
            name=series_name,
            line={"color": palette.SERIES_COLOUR, "width": 2},
            marker={"size": 6, "color": palette.SERIES_COLOUR, "symbol": "circle"},
            text=texts,
            textposition="top left",
            textfont={"color": palette.TEXT, "size": 13},
            customdata=hover,
            hovertemplate="%{x|%Y-%m} — %{customdata}<extra></extra>",
            error_y=error,
            connectgaps=False,
        )
    )
    _add_signal_markers(fig, chart, lang)
    lines = None if view.seasonally_adjusted else _add_objective(fig, indicator, view.data.objective, lang)
    references = [*chart.ucl, *chart.lcl]
    if lines:
        references += [lines[0], lines[1]]
    if error:
        references += [iv[1] for iv in view.intervals if iv is not None] + [
            iv[0] for iv in view.intervals if iv is not None
        ]
    fig.update_layout(
        title={"text": t("trends.chart.title", lang, name=name), "font": {"size": 16}},
        height=460,
        margin={"l": 16, "r": 170 if lines else 16, "t": 70, "b": 40},
        font=_FONT,
        showlegend=True,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        xaxis=_axis_format(lang),
        yaxis={
            "title": {"text": unit or ""},
            "gridcolor": palette.GRID,
            "automargin": True,
            "range": _padded_range(chart.values, references),
        },
        plot_bgcolor="#FFFFFF",
        separators=chart_separators(lang),
        hovermode="closest",
        meta={"takeaway": behaviour_takeaway(view, lang), "alt": behaviour_alt(view, lang)},
    )
    return fig


def build_behaviour_table(view: TrendView, lang: str) -> pl.DataFrame:
    """The chart's numbers: month, value, its 95 % interval, centre, limits, rules broken."""
    chart = view.chart
    unit = _unit(view.indicator)
    marked = analysis.marked_points(chart)
    rules = {**marked["run"], **marked["beyond"]}
    return pl.DataFrame(
        {
            "month": [format_month_short(p, lang) for p in view.periods],
            "period": [format_month_iso(p) for p in view.periods],
            "value": [format_value(v, unit, lang) for v in chart.values],
            "interval": [
                "—" if iv is None else f"{format_number(iv[0], lang)} – {format_number(iv[1], lang)}"
                for iv in view.intervals
            ],
            "center": [format_value(v, unit, lang) for v in chart.center],
            "lcl": [format_value(v, unit, lang) for v in chart.lcl],
            "ucl": [format_value(v, unit, lang) for v in chart.ucl],
            "signal": [
                f"{SIGNAL_ICON} "
                + t("trends.hover.rules", lang, rules=join_words([str(r) for r in sorted(rules[i])], lang))
                if i in rules
                else ""
                for i in range(len(view.periods))
            ],
        },
        schema={
            k: pl.String for k in ("month", "period", "value", "interval", "center", "lcl", "ucl", "signal")
        },
    )


def behaviour_table_labels(lang: str) -> dict[str, str]:
    return {
        k: t(f"trends.col.{k}", lang)
        for k in ("month", "period", "value", "interval", "center", "lcl", "ucl", "signal")
    }


# --- small multiples: one chart per site ----------------------------------------------------------------


def _site_verdict(site, n: int, polarity: str | None, lang: str) -> str:
    recent = _recent(site.episodes, n)
    if not recent:
        return f"{NOISE_ICON} {t('trends.sites.stable', lang)}"
    bad = any(analysis.favourable(polarity, e.direction) is False for e in recent)
    good = any(analysis.favourable(polarity, e.direction) is True for e in recent)
    word = "unfavourable" if bad else "favourable" if good else "neutral"
    return f"{SIGNAL_ICON} {t(f'trends.sites.signal_{word}', lang)}"


def sites_takeaway(view: TrendView, lang: str) -> str:
    n = len(view.periods)
    polarity = view.indicator.get("polarity")
    flagged = [s for s in view.sites if _recent(s.episodes, n)]
    if not flagged:
        return t("trends.sites.takeaway_none", lang, n=len(view.sites), months=RECENT_MONTHS)
    key = "trends.sites.takeaway_one" if len(flagged) == 1 else "trends.sites.takeaway"
    # Sites telling the same story share one sentence: "Lyon and Nantes: one point below … in August 2026".
    stories: dict[str, list[str]] = {}
    for site in flagged:
        latest = max(
            _recent(site.episodes, n), key=lambda e: (e.last, -analysis.EPISODE_PRIORITY.index(e.pattern))
        )
        sentence = episode_sentence(latest, n, polarity, view.chart.rules, lang, notes=False)
        stories.setdefault(sentence, []).append(short_name(site.name))
    colon = " : " if lang == "fr" else ": "
    parts = [f"{join_words(names, lang)}{colon}{sentence}" for sentence, names in stories.items()]
    key = "trends.sites.takeaway_one" if len(flagged) == 1 else "trends.sites.takeaway"
    head = t(key, lang, n=len(flagged), total=len(view.sites), months=RECENT_MONTHS)
    return f"{head} {' · '.join(parts)}."


def sites_alt(view: TrendView, lang: str) -> str:
    unit = _unit(view.indicator)
    n = len(view.periods)
    parts = []
    for site in view.sites:
        chart = site.chart
        last = max((i for i, v in enumerate(chart.values) if v is not None), default=None)
        centre = next((p.center for p in reversed(chart.phases) if p.center is not None), None)
        parts.append(
            t(
                "trends.sites.alt_site",
                lang,
                site=short_name(site.name),
                last=format_value(chart.values[last], unit, lang) if last is not None else "—",
                center=format_value(centre, unit, lang),
                verdict=_site_verdict(site, n, view.indicator.get("polarity"), lang),
            )
        )
    return (
        t("trends.sites.alt", lang, name=indicator_name(view.indicator, lang), n=len(view.sites))
        + " "
        + " ; ".join(parts)
        + "."
    )


def build_sites_chart(view: TrendView, lang: str, *, show_intervals: bool = False) -> go.Figure:
    """One small chart per site on a shared y axis, each with its own limits, signals and objective."""
    sites = view.sites
    n = len(view.periods)
    unit = _unit(view.indicator)
    polarity = view.indicator.get("polarity")
    cols = 1 if len(sites) == 1 else 2 if len(sites) in (2, 4) else 3
    rows = max(1, math.ceil(len(sites) / cols))
    titles = [f"{short_name(s.name)} — {_site_verdict(s, n, polarity, lang)}" for s in sites]
    fig = make_subplots(
        rows=rows,
        cols=cols,
        shared_xaxes="all",
        shared_yaxes="all",
        subplot_titles=titles,
        vertical_spacing=0.12 if rows > 1 else 0.0,
        horizontal_spacing=0.04,
    )
    all_values: list[float | None] = []
    for k, site in enumerate(sites):
        row, col = k // cols + 1, k % cols + 1
        chart = site.chart
        first = k == 0
        _add_limits(fig, chart, lang, row=row, col=col, legend=first)
        error = None
        if show_intervals and any(iv is not None for iv in site.intervals):
            error = {
                "type": "data",
                "symmetric": False,
                "array": [
                    None if iv is None or v is None else iv[1] - v
                    for iv, v in zip(site.intervals, chart.values, strict=True)
                ],
                "arrayminus": [
                    None if iv is None or v is None else v - iv[0]
                    for iv, v in zip(site.intervals, chart.values, strict=True)
                ],
                "color": _INTERVAL_COLOUR,
                "thickness": 1,
                "width": 2,
            }
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
                customdata=[
                    format_value(v, unit, lang) + _interval_text(iv, unit, lang)
                    for v, iv in zip(chart.values, site.intervals, strict=True)
                ],
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
        all_values += [*chart.values, *chart.ucl, *chart.lcl]
    # Target lines carry no label in the panels: say it once in the legend.
    if any(analysis.objective_lines(view.indicator, s.objective) for s in sites):
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
    fig.update_annotations(font={"size": 13, "color": palette.TEXT})
    if n > 30:
        fig.update_xaxes(gridcolor=palette.GRID, tickformat="%Y", dtick="M12", ticklabelmode="period")
    else:
        fig.update_xaxes(gridcolor=palette.GRID, tickformat="%m/%Y" if lang == "fr" else "%b %Y", dtick="M6")
    fig.update_yaxes(gridcolor=palette.GRID, range=_padded_range(all_values, []), automargin=True)
    fig.update_yaxes(title={"text": unit or ""}, col=1)
    fig.update_layout(
        title={
            "text": t("trends.sites.title", lang, name=indicator_name(view.indicator, lang)),
            "font": {"size": 16},
        },
        height=150 + 240 * rows,
        margin={"l": 70, "r": 16, "t": 90, "b": 30},
        font=_FONT,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.04, "xanchor": "left", "x": 0},
        plot_bgcolor="#FFFFFF",
        separators=chart_separators(lang),
        meta={"takeaway": sites_takeaway(view, lang), "alt": sites_alt(view, lang)},
    )
    return fig


def build_sites_table(view: TrendView, lang: str) -> pl.DataFrame:
    """Month × site: each site's monthly value (signals flagged with ↯)."""
    unit = _unit(view.indicator)
    data: dict[str, list[str]] = {
        "month": [format_month_short(p, lang) for p in view.periods],
        "period": [format_month_iso(p) for p in view.periods],
    }
    for site in view.sites:
        flagged = site.chart.signal_indexes()
        data[site.site_id] = [
            format_value(v, unit, lang) + (f" {SIGNAL_ICON}" if i in flagged else "")
            for i, v in enumerate(site.chart.values)
        ]
    return pl.DataFrame(data, schema={k: pl.String for k in data})


def sites_table_labels(view: TrendView, lang: str) -> dict[str, str]:
    labels = {"month": t("trends.col.month", lang), "period": t("trends.col.period", lang)}
    labels.update({s.site_id: short_name(s.name) for s in view.sites})
    return labels


# --- seasonal decomposition ---------------------------------------------------------------------------


def seasonality_takeaway(view: TrendView, lang: str) -> str:
    season = view.seasonality
    if season is None:
        return t("trends.stl.too_short", lang)
    unit = _unit(view.indicator)
    by_month: dict[int, list[float]] = {}
    for p, s in zip(season.periods, season.seasonal, strict=True):
        by_month.setdefault(p.month, []).append(s)
    means = {m: sum(v) / len(v) for m, v in by_month.items()}
    low = min(means, key=means.get)
    high = max(means, key=means.get)
    key = "trends.stl.takeaway_seasonal" if season.is_seasonal else "trends.stl.takeaway_weak"
    return t(
        key,
        lang,
        strength=format_number(season.strength, lang, 2),
        low_month=month_name(low, lang),
        low=format_value(means[low], unit, lang),
        high_month=month_name(high, lang),
        high=format_value(means[high], unit, lang),
    )


def build_seasonality_chart(view: TrendView, lang: str) -> go.Figure:
    """STL components on four rows: observed, trend, seasonal pattern, remainder."""
    season = view.seasonality
    unit = _unit(view.indicator)
    names = [t(f"trends.stl.{k}", lang) for k in ("observed", "trend", "seasonal", "remainder")]
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
                    customdata=[format_value(v, unit, lang) for v in values],
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
        title={
            "text": t("trends.stl.title", lang, name=indicator_name(view.indicator, lang)),
            "font": {"size": 16},
        },
        height=620,
        margin={"l": 16, "r": 16, "t": 70, "b": 30},
        font=_FONT,
        plot_bgcolor="#FFFFFF",
        separators=chart_separators(lang),
        meta={
            "takeaway": seasonality_takeaway(view, lang),
            "alt": t("trends.stl.alt", lang, name=indicator_name(view.indicator, lang))
            + " "
            + seasonality_takeaway(view, lang),
        },
    )
    return fig


def build_seasonality_table(view: TrendView, lang: str) -> pl.DataFrame:
    season = view.seasonality
    unit = _unit(view.indicator)
    cols = ("month", "observed", "trend", "seasonal", "remainder")
    if season is None:
        return pl.DataFrame({k: [] for k in cols}, schema={k: pl.String for k in cols})
    return pl.DataFrame(
        {
            "month": [format_month_short(p, lang) for p in season.periods],
            "observed": [format_value(v, unit, lang) for v in season.observed],
            "trend": [format_value(v, unit, lang) for v in season.trend],
            "seasonal": [format_value(v, unit, lang) for v in season.seasonal],
            "remainder": [format_value(v, unit, lang) for v in season.remainder],
        },
        schema={k: pl.String for k in cols},
    )


def seasonality_table_labels(lang: str) -> dict[str, str]:
    return {
        "month": t("trends.col.month", lang),
        **{k: t(f"trends.stl.{k}", lang) for k in ("observed", "trend", "seasonal", "remainder")},
    }


# --- exposure -----------------------------------------------------------------------------------------


def exposure_label(indicator: dict, lang: str) -> str:
    return (
        indicator.get(f"denominator_label_{lang}")
        or indicator.get("denominator_label_fr")
        or t("trends.exposure.default", lang)
    )


def numerator_label(indicator: dict, lang: str) -> str:
    return (
        indicator.get(f"numerator_label_{lang}")
        or indicator.get("numerator_label_fr")
        or t("trends.exposure.numerator", lang)
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def exposure_takeaway(view: TrendView, lang: str) -> str:
    indicator = view.indicator
    dens = view.denominators
    present = [(p, d) for p, d in zip(view.periods, dens, strict=True) if d is not None]
    if not present:
        return t("trends.exposure.none", lang)
    low = min(present, key=lambda pd: pd[1])
    high = max(present, key=lambda pd: pd[1])
    text = t(
        "trends.exposure.takeaway",
        lang,
        label=exposure_label(indicator, lang),
        low=format_number(low[1], lang),
        low_month=format_month(low[0], lang),
        high=format_number(high[1], lang),
        high_month=format_month(high[0], lang),
    )
    if any(iv is not None for iv in view.intervals):
        loose = view.imprecise_months
        key = "trends.exposure.imprecise" if loose else "trends.exposure.precise"
        text += " " + t(key, lang, n=len(loose), total=len(present))
    return text


_MS_PER_DAY = 86_400_000
_BAR_SHARE = 0.8  # of a month: the gap between two bars


def _month_width(month: date) -> float:
    """A month's bar width on a date axis, in milliseconds (Plotly's unit there)."""
    return _BAR_SHARE * calendar.monthrange(month.year, month.month)[1] * _MS_PER_DAY


def build_exposure_chart(view: TrendView, lang: str) -> go.Figure:
    """The monthly exposure (hours worked, parts delivered…) behind the rate; months whose rate is too
    imprecise to read (95 % interval wider than the rate) hatched and named."""
    indicator = view.indicator
    loose = set(view.imprecise_months)
    dens = view.denominators
    label_text = exposure_label(indicator, lang)
    fig = go.Figure()
    for imprecise in (False, True):
        idx = [i for i, d in enumerate(dens) if d is not None and ((i in loose) == imprecise)]
        if not idx:
            continue
        name = t(
            "trends.exposure.bar_imprecise" if imprecise else "trends.exposure.bar", lang, label=label_text
        )
        fig.add_trace(
            go.Bar(
                x=[view.periods[i] for i in idx],
                y=[dens[i] for i in idx],
                # Widths given: Plotly sizes a trace's bars from the gaps between its own points, so a
                # trace of one month (the imprecise month the takeaway warns about) was drawn zero wide.
                width=[_month_width(view.periods[i]) for i in idx],
                name=name,
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
                customdata=[
                    format_number(dens[i], lang)
                    + (
                        " — " + numerator_label(indicator, lang) + " : "
                        if lang == "fr"
                        else " — " + numerator_label(indicator, lang) + ": "
                    )
                    + format_number(view.numerators[i], lang)
                    + _interval_text(view.intervals[i], indicator.get("unit"), lang)
                    for i in idx
                ],
                hovertemplate="%{x|%Y-%m} — %{customdata}<extra></extra>",
            )
        )
    fig.update_layout(
        title={"text": t("trends.exposure.title", lang, label=label_text), "font": {"size": 16}},
        barmode="overlay",
        height=300,
        margin={"l": 16, "r": 16, "t": 60, "b": 30},
        font=_FONT,
        showlegend=True,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        xaxis=_axis_format(lang),
        yaxis={
            "title": {"text": label_text},
            "gridcolor": palette.GRID,
            "automargin": True,
            "rangemode": "tozero",
        },
        plot_bgcolor="#FFFFFF",
        separators=chart_separators(lang),
        meta={
            "takeaway": exposure_takeaway(view, lang),
            "alt": t("trends.exposure.alt", lang, label=label_text, n=len([d for d in dens if d is not None]))
            + " "
            + exposure_takeaway(view, lang),
        },
    )
    return fig


def build_exposure_table(view: TrendView, lang: str) -> pl.DataFrame:
    unit = _unit(view.indicator)
    loose = set(view.imprecise_months)
    cols = ("month", "numerator", "denominator", "value", "interval", "precision")
    return pl.DataFrame(
        {
            "month": [format_month_short(p, lang) for p in view.periods],
            "numerator": [format_number(v, lang) for v in view.numerators],
            "denominator": [format_number(v, lang) for v in view.denominators],
            "value": [format_value(v, unit, lang) for v in view.chart.values],
            "interval": [
                "—" if iv is None else f"{format_number(iv[0], lang)} – {format_number(iv[1], lang)}"
                for iv in view.intervals
            ],
            "precision": [
                ""
                if view.intervals[i] is None
                else t(
                    "trends.exposure.imprecise_word" if i in loose else "trends.exposure.precise_word", lang
                )
                for i in range(len(view.periods))
            ],
        },
        schema={k: pl.String for k in cols},
    )


def exposure_table_labels(view: TrendView, lang: str) -> dict[str, str]:
    return {
        "month": t("trends.col.month", lang),
        "numerator": numerator_label(view.indicator, lang),
        "denominator": exposure_label(view.indicator, lang),
        "value": t("trends.col.value", lang),
        "interval": t("trends.col.interval", lang),
        "precision": t("trends.col.precision", lang),
    }
