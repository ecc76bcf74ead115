"""Views of the scorecard: attainment bars, the indicator trend, and the display tables behind them.

Each `build_*_chart` returns a Plotly figure whose title is in `layout.title` and whose one-sentence
takeaway and text alternative are in `layout.meta` (see `smqse.charts.figure_takeaway/figure_alt`).
Each chart has a `build_*_table` with the same numbers, for the "show the numbers" expander and the
export. No Streamlit here.
"""

from __future__ import annotations

import math
from datetime import date

import plotly.graph_objects as go
import polars as pl

from smqse.analysis.kpi import URGENCY, sort_most_urgent
from smqse.charts import palette
from smqse.i18n import (
    chart_separators,
    format_month,
    format_month_iso,
    format_month_short,
    format_number,
    format_percent,
    format_value,
    join_words,
    label,
    t,
    t_md,
)
from smqse.model import Aggregation, Polarity, Status
from smqse.views.scorecard import (
    judged_count,
    ordered_attainment,
    sort_by_domain,
    trend_limits,
    trend_points,
)
from smqse.words.shared import (
    describe_signal,
    domain_text,
    short_name,
    signal_words,
    sparkline_values,
    status_text,
    trend_words,
)

GROUPINGS: tuple[str, ...] = ("domain", "process", "site")

_FONT = {"family": "Source Sans, Segoe UI, Helvetica, Arial, sans-serif", "color": palette.TEXT, "size": 14}


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _name(row: dict, lang: str, prefix: str = "") -> str:
    return row.get(f"{prefix}name_{lang}") or row.get(f"{prefix}name_fr") or ""


# --- attainment ---------------------------------------------------------------------------------------


def _group_label(group: dict, grouping: str, lang: str) -> str:
    if grouping == "domain":
        return domain_text(group["group_id"], lang)
    return short_name(_name(group, lang)) or str(group["group_id"])


def attainment_takeaway(frame: pl.DataFrame, grouping: str, lang: str) -> str:
    groups = ordered_attainment(frame, grouping)
    judged = sum(judged_count(g) for g in groups)
    if not groups or judged == 0:
        return t("attainment.takeaway_none", lang)
    met = sum(int(g.get(Status.MET.value) or 0) for g in groups)
    overall = t(
        "attainment.takeaway_overall", lang, met=met, judged=judged, share=format_percent(met / judged, lang)
    )
    if met == judged:
        return f"{overall} {t('attainment.takeaway_all_met', lang)}"
    rated = [g for g in groups if judged_count(g) > 0]
    if len(rated) == 1:
        return overall
    # The group to look at first: the most objectives missed, then the lowest share met.
    worst = min(rated, key=lambda g: (-int(g.get(Status.MISSED.value) or 0), g["share_met"]))
    missed = int(worst.get(Status.MISSED.value) or 0)
    key = f"attainment.takeaway_worst_{grouping}" if missed else f"attainment.takeaway_lowest_{grouping}"
    detail = t(
        key,
        lang,
        name=_group_label(worst, grouping, lang),
        missed=missed,
        met=int(worst.get(Status.MET.value) or 0),
        judged=judged_count(worst),
        share=format_percent(worst["share_met"], lang),
    )
    return f"{overall} {detail}"


def attainment_alt(frame: pl.DataFrame, grouping: str, lang: str) -> str:
    parts = []
    for group in ordered_attainment(frame, grouping):
        counts = [
            f"{int(group.get(s) or 0)} {label('status_plural', s, lang)}"
            for s in palette.STATUS_ORDER
            if int(group.get(s) or 0) > 0
        ]
        parts.append(
            t(
                "attainment.alt_group",
                lang,
                name=_group_label(group, grouping, lang),
                counts=join_words(counts, lang),
            )
        )
    intro = t(f"attainment.alt_intro_{grouping}", lang)
    return f"{intro} {'; '.join(parts)}." if parts else intro


def build_attainment_chart(frame: pl.DataFrame, grouping: str, lang: str) -> go.Figure:
    """Stacked horizontal bars: per group, the number of indicators in each status (colour, pattern and a
    count printed in each segment; the legend names the statuses with their icon)."""
    groups = ordered_attainment(frame, grouping)
    labels = [
        t(
            "attainment.bar_label",
            lang,
            name=_group_label(g, grouping, lang),
            met=int(g.get(Status.MET.value) or 0),
            judged=judged_count(g),
        )
        if judged_count(g)
        else _group_label(g, grouping, lang)
        for g in groups
    ]
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
            "takeaway": attainment_takeaway(frame, grouping, lang),
            "alt": attainment_alt(frame, grouping, lang),
        },
    )
    return fig


def build_attainment_table(frame: pl.DataFrame, grouping: str, lang: str) -> pl.DataFrame:
    """The attainment chart's numbers: one row per group, counts per status and share met."""
    groups = ordered_attainment(frame, grouping)
    data: dict[str, list] = {"group": [_group_label(g, grouping, lang) for g in groups]}
    for status in palette.STATUS_ORDER:
        data[status] = [int(g.get(status) or 0) for g in groups]
    data["total"] = [int(g.get("total") or 0) for g in groups]
    data["share_met"] = [format_percent(g["share_met"], lang) for g in groups]
    return pl.DataFrame(
        data,
        schema={
            "group": pl.String,
            **{s: pl.Int64 for s in palette.STATUS_ORDER},
            "total": pl.Int64,
            "share_met": pl.String,
        },
    )


def attainment_table_labels(grouping: str, lang: str) -> dict[str, str]:
    labels = {"group": t(f"attainment.group_{grouping}", lang)}
    labels.update({s: status_text(s, lang) for s in palette.STATUS_ORDER})
    labels["total"] = t("attainment.total", lang)
    labels["share_met"] = t("attainment.share_met", lang)
    return labels


# --- the main table -----------------------------------------------------------------------------------


def objective_text(row: dict, lang: str) -> str:
    """The objective the value to date is compared with: `≤ 4,0`, `≥ 95 %`, `10 ± 2`."""
    target = row.get("target_due")
    if _is_missing(target):
        target = row.get("target_value")
    if _is_missing(target):
        return "—"
    unit = row.get("unit")
    polarity = row.get("polarity")
    if polarity == Polarity.TARGET_BAND:
        tolerance = row.get("tolerance")
        if _is_missing(tolerance):
            return format_value(target, unit, lang)
        return f"{format_number(target, lang)} ± {format_value(tolerance, unit, lang)}"
    comparator = "≤" if polarity == Polarity.LOWER_BETTER else "≥"
    return f"{comparator} {format_value(target, unit, lang)}"


def build_scorecard_table(rows: pl.DataFrame, lang: str, *, by_domain: bool = False) -> pl.DataFrame:
    """One display row per indicator, most urgent first: words and formatted numbers with units, and the
    24-month series for a sparkline. Column keys are stable; `scorecard_table_labels` translates them."""
    ordered = sort_by_domain(rows) if by_domain else sort_most_urgent(rows)
    out: dict[str, list] = {
        "indicator_id": [],
        "status": [],
        "signal": [],
        "domain": [],
        "indicator": [],
        "process": [],
        "kind": [],
        "latest": [],
        "ytd": [],
        "objective": [],
        "trend": [],
        "trend_words": [],
    }
    for row in ordered.iter_rows(named=True):
        out["indicator_id"].append(row["indicator_id"])
        out["status"].append(status_text(row["status"], lang))
        out["signal"].append(signal_words(row, lang))
        out["domain"].append(domain_text(row["domain"], lang))
        out["indicator"].append(_name(row, lang))
        out["process"].append(_name(row, lang, "process_"))
        out["kind"].append(label("kind", row.get("kind"), lang))
        out["latest"].append(format_value(row.get("latest_value"), row.get("unit"), lang))
        out["ytd"].append(format_value(row.get("ytd_value"), row.get("unit"), lang))
        out["objective"].append(objective_text(row, lang))
        values = row.get("trend_values") or []
        out["trend"].append(sparkline_values(values))
        out["trend_words"].append(trend_words(values, lang))
    schema = {k: pl.String for k in out}
    schema["trend"] = pl.List(pl.Float64)
    return pl.DataFrame(out, schema=schema)


def scorecard_table_labels(lang: str) -> dict[str, str]:
    return {key: t(f"table.{key}", lang) for key in (
        "indicator_id", "status", "signal", "domain", "indicator", "process", "kind", "latest", "ytd",
        "objective", "trend")} | {"trend_words": t("a11y.trend_col", lang)}  # fmt: skip


def build_changes(changed: pl.DataFrame, lang: str) -> list[str]:
    """ "✗ TF1 — Lost-time injury frequency rate: ⚠ At risk → ✗ Missed", one line per changed status, as
    Markdown (the names are escaped)."""
    lines = []
    ordered = (
        changed.with_columns(
            pl.col("status").replace_strict(URGENCY, default=5, return_dtype=pl.Int64).alias("_u")
        ).sort(["_u", "indicator_id"])
        if len(changed)
        else changed
    )
    for row in ordered.iter_rows(named=True):
        lines.append(
            t_md(
                "changes.line",
                lang,
                id=row["indicator_id"],
                name=_name(row, lang),
                before=status_text(row["previous_status"], lang),
                after=status_text(row["status"], lang),
            )
        )
    return lines


# --- one indicator ------------------------------------------------------------------------------------


def describe_status(row: dict, lang: str) -> str:
    """Why the indicator has its status, in a sentence with the numbers."""
    status = row.get("status")
    as_of = row.get("latest_period")
    # The value to date starts with the objective's period (January without an objective).
    window_start = row.get("window_start") or (date(as_of.year, 1, 1) if as_of else None)
    year_start = format_month(window_start, lang) if window_start else ""
    if status == Status.NO_DATA:
        return t("status_explain.no_data", lang, start=year_start)
    if status == Status.NO_OBJECTIVE:
        return t("status_explain.no_objective", lang, month=format_month(as_of, lang))
    unit = row.get("unit")
    target = row.get("target_due")
    if _is_missing(target):
        target = row.get("target_value")
    alert = row.get("alert_due")
    if _is_missing(alert):
        alert = row.get("alert_value")
    polarity = row.get("polarity") or Polarity.LOWER_BETTER
    values = {
        "value": format_value(row.get("ytd_value"), unit, lang),
        "target": format_value(target, unit, lang),
        "alert": format_value(alert, unit, lang),
        "tolerance": format_value(row.get("tolerance"), unit, lang),
        "start": year_start,
    }
    key = f"status_explain.{status}.{polarity}"
    if status == Status.MISSED and _is_missing(alert):
        key += ".no_alert"
    sentence = t(key, lang, **values)
    if row.get("aggregation") == Aggregation.SUM and not _is_missing(row.get("target_value")):
        total = row.get("target_value")
        if not _is_missing(target) and abs(float(total) - float(target)) > 1e-9:
            deadline = row.get("deadline")
            sentence += " " + t(
                "status_explain.prorated",
                lang,
                total=format_value(total, unit, lang),
                deadline=format_month(deadline, lang) if deadline else "—",
            )
    return sentence


def trend_takeaway(row: dict, lang: str) -> str:
    """The latest value against the 24-month mean, then the control chart's verdict."""
    periods, values = trend_points(row)
    points = [(p, v) for p, v in zip(periods, values, strict=False) if v is not None]
    if not points:
        return t("trend.takeaway_empty", lang)
    unit = row.get("unit")
    mean = sum(v for _, v in points) / len(points)
    text = t(
        "trend.takeaway",
        lang,
        month=format_month(points[-1][0], lang),
        last=format_value(points[-1][1], unit, lang),
        mean=format_value(mean, unit, lang),
    )
    return f"{text} {signal_words(row, lang)}."


def trend_alt(row: dict, lang: str) -> str:
    periods, values = trend_points(row)
    unit = row.get("unit")
    points = [(p, v) for p, v in zip(periods, values, strict=False) if v is not None]
    name = _name(row, lang)
    if not points:
        return t("trend.alt_empty", lang, name=name)
    low = min(points, key=lambda pv: pv[1])
    high = max(points, key=lambda pv: pv[1])
    last = points[-1]
    text = t(
        "trend.alt",
        lang,
        name=name,
        n=len(points),
        start=format_month(periods[0], lang),
        end=format_month(periods[-1], lang),
        last=format_value(last[1], unit, lang),
        last_month=format_month(last[0], lang),
        low=format_value(low[1], unit, lang),
        low_month=format_month(low[0], lang),
        high=format_value(high[1], unit, lang),
        high_month=format_month(high[0], lang),
    )
    target = row.get("target_value")
    if not _is_missing(target) and row.get("aggregation") != Aggregation.SUM:
        text += " " + t("trend.alt_target", lang, target=format_value(target, unit, lang))
    return f"{text} {describe_signal(row, lang)}"


def build_trend_chart(row: dict, lang: str) -> go.Figure:
    """The indicator's monthly values over 24 months with markers, the latest value and any signal
    labelled, the objective (and alert threshold) as reference lines."""
    periods, values = trend_points(row)
    unit = row.get("unit")
    name = _name(row, lang)
    texts = [""] * len(values)
    signal_index = None
    if row.get("signal") and row.get("signal_period") in periods:
        signal_index = periods.index(row["signal_period"])
    last_index = max((i for i, v in enumerate(values) if v is not None), default=None)
    for i in {last_index, signal_index} - {None}:
        texts[i] = format_value(values[i], unit, lang)
    hover = [format_value(v, unit, lang) for v in values]
    ucl, lcl = trend_limits(row)
    target = row.get("target_value")
    alert = row.get("alert_value")
    tolerance = row.get("tolerance")
    comparable = row.get("aggregation") != Aggregation.SUM  # a total's target is not a monthly level
    # Labels go on the outer side of each line so that close target and alert labels do not collide.
    alert_above = not _is_missing(alert) and not _is_missing(target) and alert > target
    shapes, annotations = [], []
    if comparable and not _is_missing(target) and periods:
        # What fig.add_hrect / add_hline add, written out: they re-validated the whole layout per line.
        if row.get("polarity") == Polarity.TARGET_BAND and not _is_missing(tolerance):
            shapes.append(_band(target - tolerance, target + tolerance, palette.TARGET_COLOUR, 0.12))
        target_text = t("trend.target_line", lang, value=format_value(target, unit, lang))
        shapes.append(_hline(target, {"color": palette.TARGET_COLOUR, "width": 2, "dash": "dash"}))
        annotations.append(_hline_label(target, target_text, -8 if alert_above else 8, "#00684A"))
        if not _is_missing(alert):
            alert_text = t("trend.alert_line", lang, value=format_value(alert, unit, lang))
            shapes.append(_hline(alert, {"color": palette.ALERT_COLOUR, "width": 2, "dash": "dot"}))
            annotations.append(_hline_label(alert, alert_text, 8 if alert_above else -8, "#8A5A00"))
    # The layout given whole when the figure is made: Plotly's update_layout on a figure with traces
    # validated each key path against the figure again (half of a chart's build; a review pack draws dozens).
    layout = dict(
        title={"text": t("trend.title", lang, name=name), "font": {"size": 16}},
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
            "range": _padded_range(values, [*([target, alert] if comparable else []), *ucl, *lcl]),
        },
        plot_bgcolor="#FFFFFF",
        separators=chart_separators(lang),
        meta={"takeaway": trend_takeaway(row, lang), "alt": trend_alt(row, lang)},
    )
    if shapes:
        layout.update(shapes=shapes, annotations=annotations)
    fig = go.Figure(layout=layout)
    if any(v is not None for v in ucl):
        # Natural process limits first, so that the series is drawn over them.
        step = "hv" if row.get("chart_type") in ("p", "u") else "linear"
        limits_name = t("trend.limits", lang)
        for bound, show in ((ucl, True), (lcl, False)):
            fig.add_trace(
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
            )
        fig.add_trace(
            go.Scatter(
                x=periods,
                y=list(row.get("control_center") or [None] * len(periods)),
                mode="lines",
                name=t("trend.center", lang),
                line={"color": palette.LIMIT_COLOUR, "width": 1},
                hoverinfo="skip",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=periods,
            y=values,
            mode="lines+markers+text",
            name=t("trend.series", lang),
            line={"color": palette.SERIES_COLOUR, "width": 2},
            marker={"size": 7, "color": palette.SERIES_COLOUR, "symbol": "circle"},
            text=texts,
            textposition=["top left" if i == last_index else "top center" for i in range(len(values))],
            textfont={"color": palette.TEXT, "size": 13},
            customdata=hover,
            hovertemplate="%{x|%Y-%m} — %{customdata}<extra></extra>",
            connectgaps=False,
        )
    )
    if signal_index is not None and values[signal_index] is not None:
        fig.add_trace(
            go.Scatter(
                x=[periods[signal_index]],
                y=[values[signal_index]],
                mode="markers",
                name=t("trend.signal_marker", lang, rule=row.get("signal_rule") or 1),
                marker={
                    "size": 18,
                    "color": palette.SIGNAL_COLOUR,
                    "symbol": "diamond-open",
                    "line": {"color": palette.SIGNAL_COLOUR, "width": 3},
                },
                hovertemplate=t("trend.signal_marker", lang, rule=row.get("signal_rule") or 1)
                + "<extra></extra>",
            )
        )
    return fig


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


def build_trend_table(row: dict, lang: str) -> pl.DataFrame:
    """The trend chart's numbers: month, formatted value and the natural process limits."""
    periods, values = trend_points(row)
    ucl, lcl = trend_limits(row)
    unit = row.get("unit")
    return pl.DataFrame(
        {
            "month": [format_month_short(p, lang) for p in periods],
            "period": [format_month_iso(p) for p in periods],
            "value": [format_value(v, unit, lang) for v in values],
            "lcl": [format_value(v, unit, lang) for v in lcl],
            "ucl": [format_value(v, unit, lang) for v in ucl],
        },
        schema={
            "month": pl.String,
            "period": pl.String,
            "value": pl.String,
            "lcl": pl.String,
            "ucl": pl.String,
        },
    )


def detail_figures(row: dict, lang: str) -> list[tuple[str, str]]:
    """The headline numbers of one indicator, as (label, formatted value) pairs."""
    unit = row.get("unit")
    as_of = row.get("latest_period")
    return [
        (
            t("detail.latest", lang, month=format_month_short(as_of, lang)),
            format_value(row.get("latest_value"), unit, lang),
        ),
        (t("detail.ytd", lang), format_value(row.get("ytd_value"), unit, lang)),
        (t("detail.objective", lang), objective_text(row, lang)),
        (
            t("detail.alert", lang),
            format_value(
                row.get("alert_due") if not _is_missing(row.get("alert_due")) else row.get("alert_value"),
                unit,
                lang,
            ),
        ),
    ]
