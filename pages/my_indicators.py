"""Steer — My indicators: what needs the user's attention in their scope, most urgent first.

A pilot lands here; a director or QSE lead sees the same list for their whole (sidebar-narrowed) scope.
"""

from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitAPIException

from smqse import action_open
from smqse.i18n import format_month, t
from smqse.model import Role
from smqse.ui import data
from smqse.ui.action_form import render_action_form
from smqse.ui.aggregation import render_aggregation_notes
from smqse.ui.month import render_month_state, render_provisional_badge
from smqse.ui.scorecard_table import scorecard_columns
from smqse.ui.state import current_view
from smqse.ui.tables import render_dataframe
from smqse.ui.todo import render_todo
from smqse.ui.widgets import render_page_header, render_viewer_caption
from smqse.words import my_indicators as words
from smqse.words.scorecard import build_scorecard_table, scorecard_table_labels

TRENDS_PAGE = Path(__file__).resolve().parent / "trends.py"
SHOWN_FIRST = 8  # items shown at once; the rest one click away
ACTION_FORM = "act_open_mine"
ACTION_PICK = "mine_action_indicator"

view = current_view()
lang = view.lang

render_page_header(view, "mine")
st.markdown(t("mine.intro", lang, month=format_month(view.as_of, lang)))
month_state = render_month_state(view)
render_viewer_caption(view)
render_todo(view, "pages/my_indicators.py")  # on the landing page only: what the user owes, what is due

card = data.load_scorecard(view.scope, view.as_of, view.db)
rows = card.rows
if rows.is_empty():
    st.info(t("mine.no_indicators", lang), icon=":material/info:")
    st.stop()
render_aggregation_notes(rows, card.left_out, lang)
items = data.load_attention(view.scope, view.as_of, view.db)
texts = words.build_item_texts(items, lang, view.user.user_id)

# --- headline -----------------------------------------------------------------------------------------
st.header(words.build_headline(items, lang), anchor=False)
render_provisional_badge(month_state, lang)
if texts:
    st.markdown(words.build_kind_counts(items, lang))
    st.caption(t("mine.order_note", lang))
else:
    st.success(t("mine.all_fine", lang, month=format_month(view.as_of, lang)), icon=":material/task_alt:")
if view.user.role == Role.VIEWER:
    st.caption(t("mine.readonly", lang))


# --- the ranked list ----------------------------------------------------------------------------------
def _open_trend(indicator_id: str) -> None:
    st.session_state["trends_indicator"] = indicator_id
    try:
        st.switch_page("pages/trends.py")
    except StreamlitAPIException:  # the file exists but is not in the navigation yet
        st.warning(t("mine.trends_unavailable", lang), icon=":material/info:")


def _render_item(index: int, item: words.ItemText) -> None:
    with st.container(border=True):
        if TRENDS_PAGE.exists():
            # A sixth of the card cut the button's word at 1280 px ("Tendanc"): a fifth shows it whole.
            text, action = st.columns([4, 1], vertical_alignment="center")
        else:
            text, action = st.container(), None
        with text:
            st.markdown(item.title)
            if item.details:
                st.markdown("  \n".join(item.details))
        if action is not None and action.button(
            t("mine.open_trend", lang),
            key=f"mine_trend_{index}",
            icon=":material/show_chart:",
            help=t("mine.open_trend_help", lang, indicator=item.indicator_id),
            width="stretch",
        ):
            _open_trend(item.indicator_id)


for index, item in enumerate(texts[:SHOWN_FIRST]):
    _render_item(index, item)
if len(texts) > SHOWN_FIRST:
    with st.expander(t("mine.more", lang, n=len(texts) - SHOWN_FIRST), icon=":material/expand_more:"):
        for index, item in enumerate(texts[SHOWN_FIRST:], start=SHOWN_FIRST):
            _render_item(index, item)

# --- what needs nothing -------------------------------------------------------------------------------
clear = words.build_all_clear_lines(items, lang)
with st.expander(
    t("mine.all_clear_title", lang, n=len(clear)), icon=":material/check_circle:", expanded=not texts
):
    if clear:
        st.markdown("\n".join(f"- {line}" for line in clear))
    else:
        st.markdown(t("mine.all_clear_none", lang))

# --- every indicator of the scope, compact ------------------------------------------------------------
is_pilot = view.user.role == Role.PILOT
st.header(t("mine.table_title" if is_pilot else "mine.table_title_scope", lang), anchor=False)
table = build_scorecard_table(rows, lang)
labels = scorecard_table_labels(lang)
st.session_state["_mine_table_ids"] = table["indicator_id"].to_list()


def _select_from_table() -> None:
    selected = st.session_state["mine_table"].selection.rows
    ids = st.session_state.get("_mine_table_ids", [])
    if selected and selected[0] < len(ids):
        st.session_state[ACTION_PICK] = ids[selected[0]]


columns, column_config = scorecard_columns(table, labels, lang)
render_dataframe(
    table,
    hide_index=True,
    column_order=columns,
    column_config=column_config,
    height=min(len(table), 15) * 35 + 38,
    key="mine_table",
    on_select=_select_from_table,
    selection_mode="single-row",
    alt=t("mine.table_alt", lang, n=len(table)),
)

# --- act on a row: the indicator picked here (or a row selected above), the most urgent first ----------------
if action_open.can_open(view.user):
    by_id = {r["indicator_id"]: r for r in rows.iter_rows(named=True)}
    urgent = [i.indicator_id for i in texts if i.indicator_id in by_id]
    ordered = list(dict.fromkeys([*urgent, *table["indicator_id"].to_list()]))
    if st.session_state.get(ACTION_PICK) not in by_id:
        st.session_state[ACTION_PICK] = ordered[0]
    picked = st.selectbox(
        t("act_open.pick.indicator", lang),
        ordered,
        format_func=lambda i: f"{i} — {by_id[i].get(f'name_{lang}') or by_id[i]['name_fr']}",
        key=ACTION_PICK,
        help=t("act_open.pick.indicator_help", lang),
    )
    render_action_form(view, action_open.from_indicator(by_id[picked], lang), ACTION_FORM)
