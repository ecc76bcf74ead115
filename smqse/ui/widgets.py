"""Shared Streamlit pieces: the page header, status tiles, a chart with its takeaway and its numbers."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from smqse.charts.palette import STATUS_THEME_COLOURS
from smqse.i18n import label, t, t_md
from smqse.model import Status
from smqse.textsafety import escape_markdown
from smqse.ui.figure_cache import PreparedChart, prepare_chart
from smqse.ui.identity import user_label
from smqse.ui.state import ViewContext
from smqse.ui.tables import render_dataframe
from smqse.words.shared import describe_scope

# No modebar: its 8 buttons are 8 tab stops with English names on every chart; the "see the numbers" table
# beside each chart is the accessible twin, and the review pack exports the images.
PLOTLY_CONFIG = {"displaylogo": False, "displayModeBar": False, "responsive": True}

# Status icons from the Material Symbols font Streamlit ships (never a colour emoji).
STATUS_MATERIAL_ICONS = {
    Status.MET.value: ":material/check_circle:",
    Status.AT_RISK.value: ":material/warning:",
    Status.MISSED.value: ":material/cancel:",
    Status.NO_OBJECTIVE.value: ":material/remove:",
    Status.NO_DATA.value: ":material/help:",
}

# Whether more of a status is good news (delta colour of the tiles).
_DELTA_COLOURS = {
    Status.MET.value: "normal",
    Status.AT_RISK.value: "inverse",
    Status.MISSED.value: "inverse",
    Status.NO_OBJECTIVE.value: "off",
    Status.NO_DATA.value: "inverse",
}


def render_scope_line(view: ViewContext) -> None:
    """The scope in words, and who is looking."""
    st.markdown(
        describe_scope(
            site_ids=view.scope.site_ids,
            process_ids=view.scope.process_ids,
            domains=view.scope.domains,
            allowed_site_ids=view.allowed.site_ids,
            allowed_process_ids=view.allowed.process_ids,
            sites=view.sites,
            processes=view.processes,
            lang=view.lang,
        )
    )


def render_viewer_caption(view: ViewContext) -> None:
    st.caption(t_md("page.viewed_as", view.lang, user=user_label(view.user, view.lang)))


def render_coloured_metric(column, key: str, word: str, icon: str, colour: str, value, **options) -> None:
    """A tile whose label is the plain word, with a Material icon, in a theme colour (`green`, `red`…).
    Streamlit reads a metric's label raw in its help icon's name ("Aide pour :green[**Atteint**]"), so the
    label carries no Markdown: the colour comes from the tile's key (smqse.ui.a11y.page_styles)."""
    column.container(key=f"tile-{colour}-{key}").metric(word, value, icon=icon, **options)


TILE_WIDTH = 300  # px: a French tile's label ("Depuis le début de l'objectif") and value ("≤ 34,1 ppm") whole


def tile_slots(n: int) -> list:
    """`n` places for tiles (st.metric), side by side while they fit and wrapping onto another row when they
    do not: four equal columns cut labels and values at 1280 px ("Depuis le début de l'obje…", "≤ 34,1 p…")."""
    row = st.container(horizontal=True, gap="small")
    return [row.container(width=TILE_WIDTH) for _ in range(n)]


def render_status_tiles(counts: dict[str, dict[str, int | None]], lang: str) -> None:
    """One tile per status: count, change against the previous month, and what the status means."""
    shown = [Status.MET.value, Status.AT_RISK.value, Status.MISSED.value, Status.NO_OBJECTIVE.value]
    if counts.get(Status.NO_DATA.value, {}).get("now"):
        shown.append(Status.NO_DATA.value)
    for column, status in zip(tile_slots(len(shown)), shown, strict=True):
        now = counts[status]["now"] or 0
        before = counts[status]["before"]
        delta = None if before is None or before == now else now - before
        render_coloured_metric(
            column,
            f"status-{status}",
            label("status", status, lang),
            STATUS_MATERIAL_ICONS[status],
            STATUS_THEME_COLOURS[status],
            t("tiles.value", lang, n=now),
            delta=f"{delta:+d}" if delta is not None else None,
            delta_color=_DELTA_COLOURS[status],
            delta_description=t("tiles.vs_previous", lang) if delta is not None else None,
            help=t(f"tiles.help.{status}", lang),
            border=True,
            height="stretch",
        )


def render_chart(
    fig: go.Figure | PreparedChart,
    table: pl.DataFrame,
    column_labels: dict[str, str],
    lang: str,
    *,
    key: str,
) -> None:
    """Title, one-sentence takeaway, the chart with its text alternative, and its numbers one click away.
    `fig`: a figure, or one prepared once for many sessions (smqse.ui.figure_cache.cached_chart)."""
    chart = fig if isinstance(fig, PreparedChart) else prepare_chart(fig)
    # Titles and takeaways are plain sentences holding names people typed: shown as text, not Markdown.
    st.markdown(f"**{escape_markdown(chart.title)}**")
    st.markdown(escape_markdown(chart.takeaway))
    # theme=None: the figure's own high-contrast layout (dark text, Okabe-Ito colours), not Streamlit's greys.
    st.plotly_chart(chart.shown, key=key, alt=chart.alt, config=PLOTLY_CONFIG, theme=None)
    with st.expander(t("chart.numbers", lang), icon=":material/table_view:"):
        render_dataframe(
            table,
            hide_index=True,
            column_config={k: st.column_config.Column(v) for k, v in column_labels.items()},
            alt=t("chart.numbers_alt", lang, title=chart.title),
        )


def render_page_header(view: ViewContext, page: str) -> None:
    """Title and scope of a page, and a stop with a message when there is nothing to show: no scope, or no
    month with data. Messages are `<page>.title`, `<page>.empty_scope`, `<page>.no_months`."""
    st.title(t(f"{page}.title", view.lang), anchor=False)
    render_scope_line(view)
    for missing, key in ((view.scope.is_empty, "empty_scope"), (view.as_of is None, "no_months")):
        if missing:
            st.info(t(f"{page}.{key}", view.lang), icon=":material/info:")
            st.stop()
