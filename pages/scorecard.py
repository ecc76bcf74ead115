"""Steer — the QSE scorecard: are we meeting our objectives, what changed, which movements are real."""

from pathlib import Path

import streamlit as st

from smqse import action_open
from smqse.analysis.kpi import shift_month
from smqse.charts import scorecard as charts
from smqse.i18n import format_month, label, t, t_md
from smqse.textsafety import escape_markdown
from smqse.ui import data
from smqse.ui.action_form import render_action_form
from smqse.ui.aggregation import render_aggregation_notes
from smqse.ui.figure_cache import cached_chart
from smqse.ui.month import render_month_state, render_provisional_badge
from smqse.ui.scorecard_table import scorecard_columns
from smqse.ui.state import current_view
from smqse.ui.tables import render_dataframe
from smqse.ui.todo import render_todo
from smqse.ui.widgets import (
    render_chart,
    render_page_header,
    render_status_tiles,
    render_viewer_caption,
    tile_slots,
)
from smqse.views import scorecard as service
from smqse.words import scorecard as words
from smqse.words.shared import describe_as_of, describe_signal, objective_trace, status_text

DRIFT_PAGE = "pages/drift.py"
DRIFT_FOCUS = "drift_focus"  # read by the drift page: the indicator whose projection opens first
QP_INDICATOR = "indicator"  # a link to one indicator's detail (an action's origin, in the action plan)
_SEEN_LINK = "_scorecard_seen_link"
ACTION_FORM = "act_open_indicator"

view = current_view()
lang = view.lang

render_page_header(view, "scorecard")
st.markdown(describe_as_of(view.as_of, lang))
month_state = render_month_state(view)
render_viewer_caption(view)
render_todo(view, "pages/scorecard.py")  # on the landing page only: what the user owes, what is due

card = data.load_scorecard(view.scope, view.as_of, view.db)
if card.rows.is_empty():
    st.info(t("scorecard.no_indicators", lang), icon=":material/info:")
    st.stop()

# --- headline: statuses at a glance -------------------------------------------------------------------
render_provisional_badge(month_state, lang)
render_status_tiles(service.count_statuses(card.rows), lang)
render_aggregation_notes(card.rows, card.left_out, lang)

previous_month = shift_month(view.as_of, -1)
left, right = st.columns([3, 2], gap="large")
with left:
    st.header(t("scorecard.attainment", lang), anchor=False)
    frames = {
        "domain": card.attainment_by_domain,
        "process": card.attainment_by_process,
        "site": card.attainment_by_site,
    }
    tabs = st.tabs([t(f"scorecard.by_{grouping}", lang) for grouping in frames])
    for tab, (grouping, frame) in zip(tabs, frames.items(), strict=True):
        with tab:
            render_chart(
                cached_chart(charts.build_attainment_chart, frame, grouping, lang),
                words.build_attainment_table(frame, grouping, lang),
                words.attainment_table_labels(grouping, lang),
                lang,
                key=f"attainment_{grouping}",
            )
with right:
    st.header(t("scorecard.changes", lang, month=format_month(previous_month, lang)), anchor=False)
    changes = words.build_changes(card.changed, lang)
    if changes:
        st.markdown("\n".join(f"- {line}" for line in changes))
    else:
        st.markdown(t("scorecard.no_changes", lang))

# --- every indicator, most urgent first ---------------------------------------------------------------
st.header(t("scorecard.table_title", lang), anchor=False)
domains_present = [d for d in ("Q", "S", "E") if d in set(card.rows["domain"].to_list())]
f1, f2, f3 = st.columns([2, 2, 2], vertical_alignment="bottom")
with f1:
    table_domains = st.pills(
        t("scorecard.filter_domain", lang),
        domains_present,
        selection_mode="multi",
        format_func=lambda d: label("domain", d, lang),
        key="scorecard_domains",
        wrap=True,
    )
with f2:
    order = st.segmented_control(
        t("scorecard.order", lang),
        ["urgency", "domain"],
        format_func=lambda o: t(f"scorecard.order.{o}", lang),
        default="urgency",
        required=True,
        key="scorecard_order",
        wrap=True,
    )
with f3:
    attention_only = st.toggle(t("scorecard.attention_only", lang), key="scorecard_attention")

shown = service.filter_rows(card.rows, domains=table_domains or [], attention_only=attention_only)
table = words.build_scorecard_table(shown, lang, by_domain=order == "domain")
labels = words.scorecard_table_labels(lang)
st.session_state["_scorecard_table_ids"] = table["indicator_id"].to_list()


def _select_from_table() -> None:
    rows = st.session_state["scorecard_table"].selection.rows
    ids = st.session_state.get("_scorecard_table_ids", [])
    if rows and rows[0] < len(ids):
        st.session_state["scorecard_detail"] = ids[rows[0]]


render_provisional_badge(month_state, lang)
st.caption(t("scorecard.table_hint", lang))
st.caption(t("status.vs_verdict", lang))
columns, column_config = scorecard_columns(table, labels, lang, view.as_of)
render_dataframe(
    table,
    hide_index=True,
    column_order=columns,
    column_config=column_config,
    height=min(len(table), 15) * 35 + 38,
    key="scorecard_table",
    on_select=_select_from_table,
    selection_mode="single-row",
    alt=t("table.alt", lang, n=len(table)),
)
if table.is_empty():
    st.caption(t("scorecard.filter_empty", lang))

# --- one indicator, its numbers and its story --------------------------------------------------------
st.header(t("scorecard.detail", lang), anchor=False)
detail_rows = {r["indicator_id"]: r for r in card.rows.iter_rows(named=True)}
detail_ids = list(detail_rows)
linked = st.query_params.get(QP_INDICATOR)
if linked and linked != st.session_state.get(_SEEN_LINK):  # applied once: a later pick is the user's
    if linked in detail_rows:
        st.session_state["scorecard_detail"] = linked
    else:
        st.warning(t_md("act_open.link_missing", lang, item=linked), icon=":material/info:")
st.session_state[_SEEN_LINK] = linked
if st.session_state.get("scorecard_detail") not in detail_rows:
    st.session_state["scorecard_detail"] = detail_ids[0]
chosen = st.selectbox(
    t("scorecard.detail_pick", lang),
    detail_ids,
    format_func=lambda i: f"{i} — {detail_rows[i].get(f'name_{lang}') or detail_rows[i]['name_fr']}",
    key="scorecard_detail",
)
row = detail_rows[chosen]
for column, (name, value) in zip(tile_slots(4), words.detail_figures(row, lang), strict=True):
    column.metric(name, escape_markdown(value), border=True)  # a value carries the catalogue's unit
# Sentences with numbers and the catalogue's unit: shown as text, not Markdown.
st.markdown(f"**{status_text(row['status'], lang)}** — {escape_markdown(words.describe_status(row, lang))}")
# The same objective on the drift page: its id and period here and there, and a way across (on a row of its
# own: beside the caption, a fifth of the page cut the button's words at 1280 px).
st.caption(escape_markdown(objective_trace(row, lang)))
if Path(DRIFT_PAGE).exists() and st.button(
    t("scorecard.to_drift", lang), icon=":material/trending_up:", help=t("scorecard.to_drift_help", lang)
):
    st.session_state[DRIFT_FOCUS] = row["indicator_id"]
    st.switch_page(DRIFT_PAGE)
# Act on this indicator: an action whose origin is the indicator (site: the view's, when it shows one).
only_site = view.scope.site_ids[0] if len(view.scope.site_ids) == 1 else None
render_action_form(view, action_open.from_indicator(row, lang, only_site), ACTION_FORM)
st.markdown(f"**{t('scorecard.signal_heading', lang)}** — {escape_markdown(describe_signal(row, lang))}")
render_chart(
    cached_chart(charts.build_trend_chart, row, lang),
    words.build_trend_table(row, lang),
    words.trend_table_labels(lang),
    lang,
    key="trend_chart",
)
