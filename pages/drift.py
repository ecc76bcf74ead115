"""Analyse — drift and objectives: where each objective is heading, which drifts are real, when the alert
threshold would be crossed."""

from pathlib import Path

import streamlit as st

from smqse import action_open
from smqse.analysis import drift as analysis
from smqse.charts import drift as charts
from smqse.i18n import format_number, t, t_md
from smqse.textsafety import escape_markdown
from smqse.ui import data
from smqse.ui.action_form import render_action_form
from smqse.ui.aggregation import render_aggregation_notes
from smqse.ui.freshness import render_stored_freshness
from smqse.ui.month import render_month_state, render_provisional_badge
from smqse.ui.state import current_view
from smqse.ui.tables import render_dataframe, text_width
from smqse.ui.widgets import (
    render_chart,
    render_coloured_metric,
    render_page_header,
    render_viewer_caption,
    tile_slots,
)
from smqse.views import drift as service
from smqse.words import drift as words
from smqse.words.shared import describe_as_of, objective_trace

TRENDS_PAGE = "pages/trends.py"
# Set by the scorecard's "see the projection" button: the indicator whose projection opens first.
DRIFT_FOCUS = "drift_focus"
# A link to one row (an action's origin, in the action plan): ?objective=<id>, or ?indicator=<id> (its row for
# the whole scope). Not ?site=: the sidebar reads it as its site filter.
QP_OBJECTIVE, QP_INDICATOR = "objective", "indicator"
_SEEN_LINK = "_drift_seen_link"
ACTION_FORM = "act_open_drift"


view = current_view()
lang = view.lang

render_page_header(view, "drift")
st.markdown(describe_as_of(view.as_of, lang))
month_state = render_month_state(view)
render_viewer_caption(view)
st.caption(t("drift.intro", lang))

fresh = data.drift_freshness(view.scope, view.as_of, view.db)
if fresh.key is None:
    with st.spinner():
        report = data.load_live_drift(view.scope, view.as_of, fresh.data_version, view.db)
    st.caption(t("drift.live_subset", lang))
else:
    if not fresh.stored_rows:  # a month or scope nothing is stored for yet: computed now, then stored
        with st.spinner(t("drift.computing", lang)):
            data.compute_drift(view.as_of, fresh.key, view.db)
        fresh = data.drift_freshness(view.scope, view.as_of, view.db)
    report = data.load_stored_drift(
        view.scope, view.as_of, fresh.key, fresh.data_version, fresh.computed_at, view.db
    )
    render_stored_freshness(report, data.drift_progress(view.db), lang)
    if report is not None and report.stale_indicators:
        data.wake_refresh(view.as_of, fresh.key)
rows = report.rows if report is not None else None
if rows is None or rows.is_empty():
    st.info(t("drift.no_indicators", lang), icon=":material/info:")
    st.stop()
site_names = {r["site_id"]: r["name"] for r in report.sites.iter_rows(named=True)}
level = format_number((rows["interval_level"][0] or 0.8) * 100, lang, 0)

# --- headline: verdicts at a glance -------------------------------------------------------------------
VERDICT_MATERIAL_ICONS = {
    analysis.ON_TRACK: ":material/check_circle:",
    analysis.AT_RISK: ":material/warning:",
    analysis.WILL_MISS: ":material/cancel:",
}
VERDICT_THEME_COLOURS = {analysis.ON_TRACK: "green", analysis.AT_RISK: "orange", analysis.WILL_MISS: "red"}
counts = service.count_verdicts(rows)
unfavourable = int((rows["drift"] & (rows["drift_favourable"] == False)).sum())  # noqa: E712
render_provisional_badge(month_state, lang)
tiles = tile_slots(4)
for column, verdict in zip(tiles, (analysis.WILL_MISS, analysis.AT_RISK, analysis.ON_TRACK), strict=False):
    render_coloured_metric(
        column,
        f"verdict-{verdict}",
        words.verdict_word(verdict, lang),
        VERDICT_MATERIAL_ICONS[verdict],
        VERDICT_THEME_COLOURS[verdict],
        t("drift.tile.value", lang, n=counts[verdict]),
        help=t(f"drift.tile.help.{verdict}", lang),
        border=True,
    )
tiles[3].metric(
    t("drift.tile.drifts", lang),
    t("drift.tile.value", lang, n=unfavourable),
    help=t("drift.tile.help.drifts", lang),
    border=True,
)
render_aggregation_notes(report.indicators, report.left_out, lang)
with st.expander(t("drift.method_title", lang), icon=":material/functions:"):
    st.markdown(t("drift.method_text", lang, level=level))

# --- the worst drifts ---------------------------------------------------------------------------------
st.header(t("drift.table_title", lang), anchor=False)
verdicts_present = [v for v in analysis.VERDICT_ORDER if counts.get(v)]
chosen_verdicts = st.pills(
    t("drift.filter_verdict", lang),
    verdicts_present,
    selection_mode="multi",
    format_func=lambda v: words.verdict_text(v, lang),
    key="drift_verdicts",
    wrap=True,
)
shown = rows.filter(rows["verdict"].is_in(chosen_verdicts)) if chosen_verdicts else rows
table = words.build_drift_table(shown, site_names, lang)
labels = words.drift_table_labels(lang)
st.session_state["_drift_table_ids"] = table["row_id"].to_list()


def _select_from_table() -> None:
    selected = st.session_state["drift_table"].selection.rows
    ids = st.session_state.get("_drift_table_ids", [])
    if selected and selected[0] < len(ids):
        st.session_state["drift_detail"] = ids[selected[0]]


def _pct_column(key: str, width: int = 95):
    # Text written by smqse.i18n ("−12,3 %"): a NumberColumn's printf format always writes "-12.3 %".
    return st.column_config.TextColumn(
        labels[key], width=width, alignment="right", help=t(f"drift.col.{key}_help", lang)
    )


st.caption(t("drift.table_hint", lang))
st.caption(t("status.vs_verdict", lang))
render_dataframe(
    table,  # its gaps already written the page's way (smqse.words.drift.build_drift_table)
    hide_index=True,
    column_order=[
        "verdict",
        "status",
        "indicator_id",
        "indicator",
        "site",
        "gap_now_pct",
        "gap_ytd_pct",
        "projection",
        "objective",
        "alert",
        "direction",
        "drift",
        "trend",
        "trend_words",
        "projected_gap_pct",
        "model",
    ],  # fmt: skip
    column_config={
        "verdict": st.column_config.TextColumn(
            labels["verdict"], width=200, pinned=True, help=t("drift.col.verdict_help", lang)
        ),  # fmt: skip
        "status": st.column_config.TextColumn(
            labels["status"], width=140, help=t("drift.col.status_help", lang)
        ),  # fmt: skip
        "indicator_id": st.column_config.TextColumn(labels["indicator_id"], width=105, pinned=True),
        "indicator": st.column_config.TextColumn(
            labels["indicator"], width=text_width(table["indicator"].to_list(), 180)
        ),
        "site": st.column_config.TextColumn(labels["site"], width=120),
        "gap_now_pct": _pct_column("gap_now_pct"),
        "gap_ytd_pct": _pct_column("gap_ytd_pct"),
        "direction": st.column_config.TextColumn(
            labels["direction"], width=140, help=t("drift.col.direction_help", lang)
        ),  # fmt: skip
        "drift": st.column_config.TextColumn(
            labels["drift"], width=190, help=t("drift.col.drift_help", lang)
        ),
        "trend": st.column_config.LineChartColumn(labels["trend"], width=110),
        "trend_words": st.column_config.TextColumn(labels["trend_words"], width=230),
        "objective": st.column_config.TextColumn(labels["objective"], width=110, alignment="right"),
        "projection": st.column_config.TextColumn(
            labels["projection"], width=200, alignment="right", help=t("drift.col.projection_help", lang)
        ),  # fmt: skip
        "projected_gap_pct": _pct_column("projected_gap_pct"),
        "alert": st.column_config.TextColumn(
            labels["alert"], width=160, help=t("drift.col.alert_help", lang)
        ),
        "model": st.column_config.TextColumn(labels["model"], help=t("drift.col.model_help", lang)),
    },
    height=min(len(table), 14) * 35 + 38,
    key="drift_table",
    on_select=_select_from_table,
    selection_mode="single-row",
    alt=t("drift.table_alt", lang, n=len(table)),
)
if table.is_empty():
    st.caption(t("drift.filter_empty", lang))

# --- site × indicator heat map ------------------------------------------------------------------------
st.header(t("drift.heatmap_section", lang), anchor=False)
if len(site_names) < 2:
    st.caption(t("drift.heatmap_single_site", lang))
else:
    indicators = rows.filter(rows["site_id"].is_null()).select("indicator_id", "name_fr", "name_en", "unit")
    st.caption(t("drift.heatmap.legend", lang))
    # A readable map, not every cell: the sites and indicators furthest off target.
    cells, all_sites, all_indicators = service.select_heatmap_cells(report.site_gaps)
    if len(cells) < len(report.site_gaps):
        st.caption(t("drift.heatmap.limited", lang, sites=cells["site_id"].n_unique(),
                     indicators=cells["indicator_id"].n_unique(), all_sites=all_sites,
                     all_indicators=all_indicators))  # fmt: skip
    render_chart(
        charts.build_heatmap_chart(cells, indicators, site_names, lang),
        words.build_heatmap_table(cells, indicators, site_names, lang),
        words.heatmap_table_labels(lang),
        lang,
        key="drift_heatmap",
    )

# --- one indicator's projection -----------------------------------------------------------------------
st.header(t("drift.detail_title", lang), anchor=False)
detail_rows = {r["row_id"]: r for r in rows.iter_rows(named=True)}
detail_ids = list(detail_rows)
focus = st.session_state.pop(DRIFT_FOCUS, None)
if focus in detail_rows:
    st.session_state["drift_detail"] = focus
link = tuple(st.query_params.get(k) for k in (QP_OBJECTIVE, QP_INDICATOR))
if any(link) and link != st.session_state.get(_SEEN_LINK):  # applied once: a later pick is the user's
    linked = action_open.linked_drift_row(rows, objective_id=link[0], indicator_id=link[1])
    if linked in detail_rows:
        st.session_state["drift_detail"] = linked
    else:
        st.warning(t_md("act_open.link_missing", lang, item=link[0] or link[1]), icon=":material/info:")
st.session_state[_SEEN_LINK] = link
if st.session_state.get("drift_detail") not in detail_rows:
    st.session_state["drift_detail"] = detail_ids[0]


def _detail_label(row_id: str) -> str:
    row = detail_rows[row_id]
    name = row.get(f"name_{lang}") or row["name_fr"]
    site = f" · {words.site_label(row, site_names, lang)}" if row["site_id"] else ""
    return f"{words.verdict_text(row['verdict'], lang)} — {row['indicator_id']} — {name}{site}"


# A fifth of the page cut the button's words at 1280 px ("See the detailed tr…"): a quarter shows them whole.
pick, action = st.columns([3, 1], vertical_alignment="bottom")
with pick:
    chosen = st.selectbox(
        t("drift.detail_pick", lang), detail_ids, format_func=_detail_label, key="drift_detail"
    )
row = detail_rows[chosen]
with action:
    if Path(TRENDS_PAGE).exists():
        if st.button(
            t("drift.drilldown", lang), icon=":material/show_chart:", help=t("drift.drilldown_help", lang)
        ):
            st.session_state["trends_indicator"] = row["indicator_id"]
            st.switch_page(TRENDS_PAGE)
    else:
        st.button(t("drift.drilldown", lang), icon=":material/show_chart:", disabled=True,
                  help=t("drift.drilldown_unavailable", lang))  # fmt: skip

st.caption(escape_markdown(objective_trace(row, lang)))
render_action_form(view, action_open.from_drift(row, lang), ACTION_FORM)
for column, (name, value, help_text) in zip(tile_slots(4), words.detail_figures(row, lang), strict=True):
    # Labels, helps and sentences carry the catalogue's unit: shown as text, not Markdown.
    column.metric(escape_markdown(name), escape_markdown(value), help=escape_markdown(help_text), border=True)
st.markdown(
    f"**{t('drift.col.direction', lang)}** — {escape_markdown(words.direction_text(row, lang))} · "
    f"**{t('drift.col.drift', lang)}** — {escape_markdown(words.drift_text(row, lang))} · "
    f"**{t('drift.col.model', lang)}** — {escape_markdown(words.model_text(row, lang))}"
)
render_chart(
    charts.build_projection_chart(row, lang),
    words.build_projection_table(row, lang),
    words.projection_table_labels(row, lang),
    lang,
    key="drift_projection",
)
