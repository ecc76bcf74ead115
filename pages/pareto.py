"""Analyse — Pareto of causes: events in scope ranked by cause category, cause, type, site, process or
supplier, weighted by count, cost or severity; the vital few; two periods side by side; one category's
events one click away. Groupings and weights come from allow-lists in `smqse.views.pareto`.
"""

import streamlit as st

from smqse import action_open
from smqse.charts import figure_alt, figure_takeaway, figure_title
from smqse.charts import pareto as charts
from smqse.i18n import format_month_short, format_number, t, t_md
from smqse.textsafety import escape_markdown
from smqse.ui import data
from smqse.ui.action_form import render_action_form
from smqse.ui.dates import date_format
from smqse.ui.figure_cache import figure_for_display
from smqse.ui.state import current_view
from smqse.ui.tables import render_dataframe, written_numbers
from smqse.ui.widgets import PLOTLY_CONFIG, render_page_header, render_viewer_caption
from smqse.views import pareto as service
from smqse.words import pareto as words

DETAIL_KEY = "pareto_detail"
_SEEN_CLICK = "_pareto_seen_click"
# A link to one bar (an action's origin, in the action plan): ?grouping=<dimension>&category=<key>.
QP_GROUPING, QP_CATEGORY = "grouping", "category"
_SEEN_LINK = "_pareto_seen_link"
ACTION_FORM = "act_open_pareto"


def _render(pareto: service.ParetoView, key: str, *, max_bars: int, selectable: bool, narrow: bool = False):
    """Title, takeaway, the chart (bars clickable when `selectable`) and its numbers; the selection event."""
    fig = charts.build_pareto_chart(pareto, lang, max_bars=max_bars, narrow=narrow)
    st.markdown(f"**{escape_markdown(figure_title(fig))}**")  # names of causes, sites…: text, not Markdown
    st.markdown(escape_markdown(figure_takeaway(fig)))
    event = st.plotly_chart(
        figure_for_display(fig),
        key=key,
        alt=figure_alt(fig),
        config=PLOTLY_CONFIG,
        theme=None,
        on_select="rerun" if selectable else "ignore",
        selection_mode="points",
    )
    if pareto.excluded:
        st.caption(t(f"pareto.excluded.{pareto.grouping}", lang, n=pareto.excluded))
    with st.expander(t("chart.numbers", lang), icon=":material/table_view:"):
        render_dataframe(
            words.build_pareto_table(pareto, lang),
            hide_index=True,
            column_config={
                k: st.column_config.Column(v) for k, v in words.pareto_table_labels(pareto, lang).items()
            },
            alt=t("chart.numbers_alt", lang, title=figure_title(fig)),
        )
    return event


view = current_view()
lang = view.lang

render_page_header(view, "pareto")
render_viewer_caption(view)
st.caption(t("pareto.intro", lang))

# A link names a dimension and a bar: applied once (a later choice on the page is the user's).
link = (st.query_params.get(QP_GROUPING), st.query_params.get(QP_CATEGORY))
linked_category = None
if link[0] in service.GROUPINGS and link != st.session_state.get(_SEEN_LINK):
    st.session_state["pareto_grouping"] = link[0]
    linked_category = link[1]
st.session_state[_SEEN_LINK] = link

months = [m for m in view.months if m <= view.as_of] or [view.as_of]
default = service.default_period(view.as_of)
default_range = (max(default.first_month, months[0]), default.last_month)

# --- the choices: period, grouping, cut-off; weight, comparison; event types, comparison period ----------
c1, c2, c3 = st.columns([4, 3, 2], vertical_alignment="bottom")
with c1:
    first, last = st.select_slider(
        t("pareto.period", lang),
        options=months,
        value=default_range,
        format_func=lambda m: format_month_short(m, lang),
        key=f"pareto_period_{view.as_of:%Y%m}",
        help=t("pareto.period_help", lang),
    )
with c2:
    grouping = st.selectbox(
        t("pareto.grouping", lang),
        list(service.GROUPINGS),
        format_func=lambda g: t(f"pareto.grouping.{g}", lang),
        key="pareto_grouping",
    )
with c3:
    cutoff_pct = st.number_input(
        t("pareto.cutoff", lang),
        min_value=50,
        max_value=100,
        value=round(service.DEFAULT_CUTOFF * 100),
        step=5,
        format="%d",
        key="pareto_cutoff",
        help=t("pareto.cutoff_help", lang),
    )
d1, d2 = st.columns(2, vertical_alignment="bottom")
with d1:
    weight = st.segmented_control(
        t("pareto.weight", lang),
        list(service.WEIGHTS),
        format_func=lambda w: t(f"pareto.weight.{w}", lang),
        default=service.DEFAULT_WEIGHT,
        required=True,
        key="pareto_weight",
        wrap=True,
        help=t("pareto.weight_help", lang),
    )
with d2:
    compare = st.segmented_control(
        t("pareto.compare", lang),
        ["previous", "chosen", "none"],
        format_func=lambda c: t(f"pareto.compare.{c}", lang),
        default="previous",
        required=True,
        key="pareto_compare",
        wrap=True,
    )
period = service.Period(first, last)
before = service.previous_period(period)
e1, e2 = st.columns(2, vertical_alignment="bottom")
with e1:
    event_types = st.multiselect(
        t("pareto.event_types", lang),
        list(service.EVENT_TYPES),
        format_func=lambda e: service.event_type_label(e, lang),
        placeholder=t("pareto.event_types_placeholder", lang),
        key="pareto_event_types",
    )
with e2:
    if compare == "chosen":
        before_first, before_last = st.select_slider(
            t("pareto.compare_period", lang),
            options=months,
            value=(max(before.first_month, months[0]), max(before.last_month, months[0])),
            format_func=lambda m: format_month_short(m, lang),
            key=f"pareto_compare_period_{view.as_of:%Y%m}",
        )
        before = service.Period(before_first, before_last)

cutoff = float(cutoff_pct) / 100
chosen_types = tuple(event_types)
events_version = data.event_data_version(view.scope, view.db)  # a recorded event is counted at once
current = service.compute_pareto_from_totals(
    data.load_pareto_totals(
        view.scope, period.start_on, period.end_on, grouping, chosen_types, events_version, view.db
    ),
    grouping,
    weight,
    cutoff,
    period,
    lang,
)
previous = None
if compare != "none":
    before_totals = data.load_pareto_totals(
        view.scope, before.start_on, before.end_on, grouping, chosen_types, events_version, view.db
    )
    previous = service.compute_pareto_from_totals(before_totals, grouping, weight, cutoff, before, lang)

# --- the charts ------------------------------------------------------------------------------------------
if current.table.is_empty():
    st.info(t("pareto.no_events", lang, period=words.period_text(period, lang)), icon=":material/info:")
    st.stop()
if previous is None:
    selection = _render(current, "pareto_chart", max_bars=charts.MAX_BARS, selectable=True)
else:
    left, right = st.columns(2, gap="large")
    with left:
        st.header(t("pareto.heading_current", lang), anchor=False)
        selection = _render(current, "pareto_chart", max_bars=10, selectable=True, narrow=True)
    with right:
        st.header(t("pareto.heading_previous", lang), anchor=False)
        if previous.table.is_empty():
            st.info(
                t("pareto.no_events", lang, period=words.period_text(before, lang)), icon=":material/info:"
            )
        else:
            _render(previous, "pareto_chart_previous", max_bars=10, selectable=False, narrow=True)
    st.header(t("pareto.moves_heading", lang), anchor=False)
    moves = service.compare(current, previous)
    entered, left_vital = service.vital_change(current, previous)
    st.markdown(
        "\n".join(
            f"- {escape_markdown(s)}"
            for s in words.describe_moves(current, previous, moves, entered, left_vital, lang)
        )
    )

# --- one category's events: a click on a bar, or the picker -----------------------------------------------
keys = current.table["key"].to_list()
names = dict(zip(keys, current.table["label"].to_list(), strict=True))
weights = dict(zip(keys, current.table["weight"].to_list(), strict=True))
points = selection["selection"]["points"] if selection and "selection" in selection else []
clicked = next(
    (p["customdata"][0] for p in points if p.get("customdata") and p["customdata"][0] in names), None
)
if clicked and clicked != st.session_state.get(_SEEN_CLICK):
    st.session_state[DETAIL_KEY] = clicked
st.session_state[_SEEN_CLICK] = clicked
if linked_category in names:
    st.session_state[DETAIL_KEY] = linked_category
elif linked_category is not None:
    st.warning(t_md("act_open.link_missing", lang, item=linked_category), icon=":material/info:")
if st.session_state.get(DETAIL_KEY) not in names:
    st.session_state[DETAIL_KEY] = keys[0]

st.header(t("pareto.detail_heading", lang), anchor=False)
chosen = st.selectbox(
    t(f"pareto.grouping.{grouping}", lang),
    keys,
    format_func=lambda k: f"{names[k]} ({words.format_weight(weights[k], weight, lang)})",
    key=DETAIL_KEY,
    help=t("pareto.detail_help", lang),
)
bar_events = data.load_pareto_category_events(
    view.scope, period.start_on, period.end_on, grouping, chosen, chosen_types, events_version, view.db
)
listed = service.events_table(bar_events, lang)
caption = t_md(
    "pareto.detail_caption", lang, n=len(listed), label=names[chosen], period=words.period_text(period, lang)
)
st.caption(caption)
render_dataframe(
    written_numbers(listed, {"cost": lambda v: format_number(v, lang, 0)}),
    hide_index=True,
    column_config={
        **{k: st.column_config.Column(v) for k, v in words.events_table_labels(lang).items()},
        "occurred_on": st.column_config.DateColumn(
            t("pareto.ev.occurred_on", lang), format=date_format(lang)
        ),
        "cost": st.column_config.TextColumn(t("pareto.ev.cost", lang), alignment="right"),
    },
    alt=caption,
)

# --- act on this bar: an action whose origin is this category of this dimension ---------------------------
render_action_form(
    view,
    action_open.from_pareto(
        grouping, chosen, names[chosen], bar_events, lang, t(f"pareto.grouping.{grouping}", lang)
    ),
    ACTION_FORM,
)
