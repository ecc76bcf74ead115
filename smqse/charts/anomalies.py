"""The anomaly watch's chart: the series drawn around one flag, the flagged point marked by its shape and
named in words. Its words and its table (the same numbers) are `smqse.words.anomalies`. No Streamlit
here."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from smqse.charts import palette
from smqse.i18n import chart_separators, t
from smqse.views.anomalies import series_around
from smqse.words import anomalies as words

_FONT = {"family": "Source Sans, Segoe UI, Helvetica, Arial, sans-serif", "color": palette.TEXT, "size": 14}
KIND_SYMBOLS: dict[str, str] = {
    "spike": "triangle-up",
    "dip": "triangle-down",
    "shift_up": "square",
    "shift_down": "square",
    "missing": "x",
}


def build_flag_chart(
    series: pl.DataFrame,
    flag: dict,
    site_names: dict[str, str],
    lang: str,
) -> go.Figure:
    """The series around the flag: values, the expected line (when known), the flagged point marked by its
    shape and labelled with its kind in words."""
    around = series_around(series, flag)
    unit = flag.get("unit") or ""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=around["period"].to_list(),
            y=around["value"].to_list(),
            mode="lines+markers",
            name=t("anomalies.chart.values", lang),
            line={"color": palette.SERIES_COLOUR, "width": 2},
            marker={"size": 6, "color": palette.SERIES_COLOUR},
            hovertemplate="%{x|%m/%Y}: %{y}<extra></extra>",
        )
    )
    if "expected" in around.columns and around["expected"].drop_nulls().len():
        fig.add_trace(
            go.Scatter(
                x=around["period"].to_list(),
                y=around["expected"].to_list(),
                mode="lines",
                name=t("anomalies.chart.expected", lang),
                line={"color": palette.LIMIT_COLOUR, "width": 2, "dash": "dash"},
                hovertemplate="%{x|%m/%Y}: %{y}<extra></extra>",
            )
        )
    kind = flag.get("kind") if flag.get("kind") in words.KIND_ICONS else None
    if not words.is_missing(flag["value"]):
        fig.add_trace(
            go.Scatter(
                x=[flag["period"]],
                y=[flag["value"]],
                mode="markers+text",
                name=t("anomalies.chart.flag", lang),
                marker={"size": 16, "color": palette.SIGNAL_COLOUR, "symbol": KIND_SYMBOLS.get(kind or "", "diamond"),
                        "line": {"color": palette.TEXT, "width": 1}},
                text=[t(f"anomalies.kind.{kind or 'other'}", lang)],
                textposition="top center" if kind != "dip" else "bottom center",
                textfont={"color": palette.TEXT, "size": 13},
                hovertemplate=words.flag_sentence(flag, site_names, lang) + "<extra></extra>",
            )
        )  # fmt: skip
    else:
        fig.add_vline(x=flag["period"].isoformat(), line={"color": palette.SIGNAL_COLOUR, "dash": "dot"})
    name = words.indicator_name(flag, lang)
    site = words.short_site(flag["site_id"], site_names)
    fig.update_layout(
        title={"text": t("anomalies.chart.title", lang, name=name, site=site), "font": {"size": 16}},
        height=400,
        margin={"l": 16, "r": 16, "t": 60, "b": 40},
        font=_FONT,
        showlegend=True,
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "xanchor": "left", "x": 0},
        xaxis={"tickformat": "%m/%Y" if lang == "fr" else "%b %Y", "gridcolor": palette.GRID},
        yaxis={"title": {"text": unit}, "gridcolor": palette.GRID, "automargin": True},
        plot_bgcolor="#FFFFFF",
        separators=chart_separators(lang),
        meta={
            "takeaway": words.flag_sentence(flag, site_names, lang),
            "alt": words.flag_chart_alt(flag, around, site_names, lang),
        },
    )
    return fig
