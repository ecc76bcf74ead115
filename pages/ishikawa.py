"""Analyse — Ishikawa: the fishbone (7M) of an effect (an event type, an indicator's process, or every event
in scope) over a period, weighted by count or cost, with its text twin; one cause's events and 5 whys."""

import streamlit as st

from smqse import action_open
from smqse.analysis import ishikawa as analysis
from smqse.charts import figure_alt, figure_takeaway, figure_title
from smqse.charts import ishikawa as charts
from smqse.i18n import format_month, format_month_short, format_number, format_percent, t, t_md
from smqse.textsafety import escape_markdown
from smqse.ui import data
from smqse.ui.action_form import render_action_form
from smqse.ui.dates import date_format
from smqse.ui.state import current_view
from smqse.ui.tables import render_dataframe, written_numbers
from smqse.ui.widgets import PLOTLY_CONFIG, render_page_header, render_viewer_caption
from smqse.views import ishikawa as service
from smqse.words import ishikawa as words

QP_CAUSE = "cause"  # a link to one cause (an action's origin, in the action plan)
_SEEN_LINK = "_ishikawa_seen_link"
ACTION_FORM = "act_open_cause"

view = current_view()
lang = view.lang

# A link names a cause: shown on the fishbone of every event in scope, applied once.
linked_cause = st.query_params.get(QP_CAUSE)
if linked_cause != st.session_state.get(_SEEN_LINK) and linked_cause:
    st.session_state["ishikawa_effect_kind"] = "all"
else:
    linked_cause = None
st.session_state[_SEEN_LINK] = st.query_params.get(QP_CAUSE)

render_page_header(view, "ishikawa")
render_viewer_caption(view)
st.caption(t("ishikawa.intro", lang))

# --- effect, period, weight ---------------------------------------------------------------------------
months = [m for m in view.months if m <= view.as_of] or [view.as_of]
first, _ = service.default_period(view.as_of)
first = next((m for m in months if m >= first), months[0])
# The effect kind has the row to itself: three long choices cut in a third of the width ("Tout le périr…").
c1 = st.container()  # effect kind
c4 = st.container()  # which type or indicator
c2, c3 = st.columns([4, 3], vertical_alignment="bottom")  # period | weight
with c1:
    kind = st.segmented_control(
        t("ishikawa.effect", lang),
        list(service.EFFECT_KINDS),
        format_func=lambda k: t(f"ishikawa.effect.{k}", lang),
        default=None if "ishikawa_effect_kind" in st.session_state else "type",  # a link may have set it
        required=True,
        key="ishikawa_effect_kind",
        wrap=True,
    )
with c2:
    period = st.select_slider(
        t("ishikawa.period", lang),
        options=months,
        value=(first, months[-1]),
        format_func=lambda m: format_month_short(m, lang),
        key=f"ishikawa_period_{view.as_of:%Y%m}",
    )
with c3:
    measure = st.segmented_control(
        t("ishikawa.measure", lang),
        list(analysis.MEASURES),
        format_func=lambda m: t(f"ishikawa.measure.{m}", lang),
        default="count",
        required=True,
        key="ishikawa_measure",
        wrap=True,
        help=t("ishikawa.measure_help", lang),
    )
start_on, end_on = service.period_bounds(*period)
events_version = data.event_data_version(view.scope, view.db)  # a recorded event is drawn at once
events = data.load_ishikawa_totals(view.scope, start_on, end_on, events_version, view.db)

effect = service.Effect("all")
effect_label = t("ishikawa.effect_label.all", lang)
if kind == "type":
    types = service.event_types_present(events) or list(service.EVENT_TYPES)
    default_type = "customer_complaint" if "customer_complaint" in types else types[0]
    if st.session_state.get("ishikawa_type") not in types:
        st.session_state["ishikawa_type"] = default_type
    event_type = c4.selectbox(
        t("ishikawa.effect_type", lang),
        types,
        format_func=lambda e: t(f"ishikawa.event_type.{e}", lang),
        key="ishikawa_type",
    )
    effect = service.Effect("type", event_type)
    effect_label = t(f"ishikawa.event_type.{event_type}", lang)
elif kind == "indicator":
    catalogue = data.indicator_catalogue(view.scope, view.db)
    if catalogue.is_empty():
        c4.info(t("ishikawa.no_events", lang), icon=":material/info:")
        st.stop()
    rows = {r["indicator_id"]: r for r in catalogue.iter_rows(named=True)}
    indicator_id = c4.selectbox(
        t("ishikawa.effect_indicator", lang),
        list(rows),
        format_func=lambda i: f"{i} — {rows[i].get(f'name_{lang}') or rows[i]['name_fr']}",
        key="ishikawa_indicator",
    )
    row = rows[indicator_id]
    process_name = row.get(f"process_name_{lang}") or row["process_name_fr"]
    effect = service.Effect("indicator", row["process_id"], indicator_id)
    effect_label = t("ishikawa.effect_label.indicator", lang, process=process_name)

result = service.compute_view(data.load_cause_tree(view.scope, view.db), events, effect, measure)
fish = result.fishbone
period_text = f"{format_month(period[0], lang)} – {format_month(period[1], lang)}"
if result.events.is_empty():
    st.info(t("ishikawa.no_events", lang), icon=":material/info:")
    st.stop()
problems = words.describe_problems(fish, lang)
if problems:
    st.warning(escape_markdown(problems), icon=":material/warning:")

# --- the fishbone and its text twin --------------------------------------------------------------------
fig = charts.build_fishbone(fish, effect_label, lang)
st.markdown(f"**{escape_markdown(figure_title(fig))}** · {period_text}")
st.markdown(escape_markdown(figure_takeaway(fig)))
shown = fig.update_layout(title={"text": ""}, margin={"t": 10})
st.plotly_chart(
    shown,
    key="ishikawa_chart",
    alt=figure_alt(fig),
    config=PLOTLY_CONFIG,
    theme=None,
)
ranked = analysis.ranked_causes(result.tree, result.weights, measure)
left, right = st.columns([3, 2], gap="large")
with left:
    st.header(t("ishikawa.text_heading", lang), anchor=False)
    st.caption(t("ishikawa.text_caption", lang))
    text_twin = words.build_fishbone_text(fish, effect_label, period_text, lang)
    with st.container(border=True, key="ishikawa_text"):
        st.markdown(text_twin)
    st.download_button(
        t("ishikawa.download", lang),
        text_twin,
        file_name=f"ishikawa_{start_on:%Y-%m}_{end_on:%Y-%m}.md",
        mime="text/markdown",
        icon=":material/download:",
        key="ishikawa_download",
    )
    with st.expander(t("chart.numbers", lang), icon=":material/table_view:"):
        render_dataframe(
            written_numbers(
                words.build_fishbone_table(fish, lang),
                {"share": lambda v: format_percent(v, lang, 1), "cost": lambda v: format_number(v, lang, 0)},
            ),
            hide_index=True,
            column_config={
                **{k: st.column_config.Column(v) for k, v in words.fishbone_table_labels(lang).items()},
                "share": st.column_config.TextColumn(t("ishikawa.col.share", lang), alignment="right"),
                "cost": st.column_config.TextColumn(t("ishikawa.col.cost", lang), alignment="right"),
            },
            key="ishikawa_numbers",
        )


def _cause_option(cause_id: str) -> str:
    node = result.tree.nodes[cause_id]
    weight = words.format_weight(result.weights.of(cause_id, measure), measure, lang)
    indent = "· " * max(node.level - 1, 0)
    return f"{indent}{node.label(lang)} — {words.branch_name(node.branch, lang)} ({weight})"


if not ranked:
    st.stop()
cause_key = f"ishikawa_cause_{kind}_{effect.value}_{measure}_{start_on:%Y%m}_{end_on:%Y%m}"
if linked_cause in ranked:
    st.session_state[cause_key] = linked_cause
elif linked_cause is not None:
    st.warning(t_md("act_open.link_missing", lang, item=linked_cause), icon=":material/info:")
with right:
    st.header(t("ishikawa.pick_heading", lang), anchor=False)
    # The options' weights change with the effect, period and weight: a new widget for each, so that the
    # browser never shows a label computed for another effect.
    cause_id = st.selectbox(
        t("ishikawa.pick", lang),
        ranked,
        format_func=_cause_option,
        key=cause_key,
        help=t("ishikawa.pick_help", lang),
    )
    st.markdown(f"**{t('ishikawa.why_heading', lang)}**")
    st.markdown(words.build_why_list(result.tree, result.weights, fish, cause_id, effect_label, lang))
    st.caption(t("ishikawa.why_caption", lang))

chosen = data.load_ishikawa_cause_events(
    view.scope,
    start_on,
    end_on,
    (cause_id, *result.tree.descendants(cause_id)),
    effect,
    events_version,
    view.db,
)
st.markdown(f"**{t('ishikawa.events_heading', lang, n=len(chosen))}**")
render_dataframe(
    written_numbers(words.build_events_table(chosen, lang), {"cost": lambda v: format_number(v, lang, 0)}),
    hide_index=True,
    column_config={k: st.column_config.Column(v) for k, v in words.events_table_labels(lang).items()}
    | {
        "occurred_on": st.column_config.DateColumn(
            t("ishikawa.col.occurred_on", lang), format=date_format(lang)
        ),
        "cost": st.column_config.TextColumn(t("ishikawa.col.cost", lang), alignment="right"),
    },
    key="ishikawa_events",
)

# --- act on this cause: an action whose origin is the cause, on the processes of its events ---------------
cause_label = result.tree.nodes[cause_id].label(lang)
render_action_form(view, action_open.from_cause(cause_id, cause_label, chosen, lang), ACTION_FORM)
