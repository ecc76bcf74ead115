"""Act — causes and actions: causes ranked on explicit criteria (weights chosen here, stated in words),
then one cause's actions — status, effectiveness checked, events before and after — and a before/after
chart. Issue 4, item 4; the analysis is `smqse.analysis.causes`, the data path `smqse.words.causes`.
"""

import functools

import polars as pl
import streamlit as st

from smqse.analysis.causes import ACTION_STATUSES, CRITERIA, DEFAULT_WEIGHTS, WINDOW_MONTHS
from smqse.charts import causes as charts
from smqse.i18n import format_month, format_number, t, tn
from smqse.textsafety import escape_markdown
from smqse.ui import data, downloads
from smqse.ui.state import current_view
from smqse.ui.tables import MAX_GRID_ROWS, render_capped_dataframe, render_dataframe, written_numbers
from smqse.ui.widgets import render_chart, render_page_header, render_viewer_caption
from smqse.views import causes as service
from smqse.words import causes as words

PICK_KEY = "causes_pick"
_CLICKED_KEY = "_causes_clicked_row"


view = current_view()
lang = view.lang

render_page_header(view, "causes")
render_viewer_caption(view)
st.caption(t("causes.intro", lang))

# --- period and weights ----------------------------------------------------------------------------------
c_period, c_weights = st.columns([1, 4], vertical_alignment="top", gap="large")
with c_period:
    period = st.selectbox(
        t("causes.period", lang),
        list(service.PERIODS),
        format_func=lambda n: t("causes.period_option", lang, n=n),
        index=service.PERIODS.index(service.DEFAULT_PERIOD),
        key="causes_period",
        help=t("causes.period_help", lang),
    )
with c_weights:
    st.markdown(f"**{t('causes.weights_heading', lang)}**")
    weight_columns = st.columns(len(CRITERIA))
    weights = {
        criterion: column.number_input(
            t(f"causes.criterion_label.{criterion}", lang),
            min_value=0.0,
            max_value=10.0,
            value=DEFAULT_WEIGHTS[criterion],
            step=0.5,
            key=f"causes_weight_{criterion}",
            help=t("causes.weight_help", lang),
        )
        for criterion, column in zip(CRITERIA, weight_columns, strict=True)
    }

version = data.causes_data_version(view.scope, view.db)  # a recorded event or a changed action: read again
causes_view = data.load_causes_ranking(
    view.scope, view.as_of, period, tuple(weights.items()), version, view.db
)
start, end = causes_view.period_start, causes_view.period_end
if causes_view.ranking.is_empty():
    st.info(
        t("causes.no_events", lang, start=format_month(start, lang), end=format_month(end, lang)),
        icon=":material/info:",
    )
    st.stop()

# --- the ranking ------------------------------------------------------------------------------------------
st.header(t("causes.ranking_heading", lang), anchor=False)
st.markdown(words.criteria_sentence(causes_view.weights, lang))
st.caption(
    t(
        "causes.period_caption",
        lang,
        start=format_month(start, lang),
        end=format_month(end, lang),
    )
)
st.markdown(escape_markdown(words.ranking_takeaway(causes_view.ranking, lang)))  # names the top cause
table = written_numbers(
    words.build_ranking_table(causes_view.ranking, lang),
    {"cost_total": lambda v: format_number(v, lang, 0), "severity_mean": lambda v: format_number(v, lang, 1)},
).with_columns(pl.col("score") * 100)  # a percentage: the bar's printf label has no decimal separator then
labels = words.ranking_table_labels(lang)
picked_rows = render_dataframe(
    table,
    hide_index=True,
    key="causes_ranking",
    on_select="rerun",
    selection_mode="single-row",
    column_config={
        **{k: st.column_config.Column(v) for k, v in labels.items()},
        "cost_total": st.column_config.TextColumn(labels["cost_total"], width=105, alignment="right"),
        "severity_mean": st.column_config.TextColumn(labels["severity_mean"], width=90, alignment="right"),
        "score": st.column_config.ProgressColumn(
            labels["score"], min_value=0.0, max_value=100.0, format="%d %%", width=140
        ),
        "follow_up": st.column_config.Column(labels["follow_up"], width="large"),
        "cause": st.column_config.Column(labels["cause"], width=250),
        "event_count": st.column_config.NumberColumn(labels["event_count"], width=90),
        "months_with_events": st.column_config.NumberColumn(labels["months_with_events"], width=100),
    },
    alt=t("causes.ranking_alt", lang),
)

# --- one cause --------------------------------------------------------------------------------------------
names = {r["cause_id"]: f"{r['rank']}. {r['cause']}" for r in table.iter_rows(named=True)}
# A row clicked in the table picks its cause (once per new click, so the picker below still works).
clicked = [table["cause_id"][i] for i in picked_rows.selection.rows if i < table.height]
if clicked and clicked != st.session_state.get(_CLICKED_KEY):
    st.session_state[PICK_KEY] = clicked[0]
st.session_state[_CLICKED_KEY] = clicked
if st.session_state.get(PICK_KEY) not in names:
    st.session_state[PICK_KEY] = next(iter(names))
cause_id = st.selectbox(
    t("causes.pick", lang),
    list(names),
    format_func=names.get,
    key=PICK_KEY,
    help=t("causes.pick_help", lang),
)
row = causes_view.ranking.filter(causes_view.ranking["cause_id"] == cause_id).row(0, named=True)
cause_name = words.cause_label(row, lang)

st.header(f"{t('causes.actions_heading', lang)} — {escape_markdown(cause_name)}", anchor=False)
actions = data.load_cause_actions(view.scope, view.as_of, cause_id, version, view.db)
if actions.is_empty():
    st.warning(t("causes.no_action_warning", lang, events=row["event_count"]))
    st.stop()

statuses = [
    f"{row[f'status_{s}']} {words.status_words(s, lang).lower()}"
    for s in ACTION_STATUSES
    if row[f"status_{s}"]
]
st.markdown(
    t(
        "causes.summary",
        lang,
        actions=tn("words.actions", row["action_count"], lang),
        cp=tn("words.corrective_preventive", row["cause_actions"], lang),
        statuses=", ".join(statuses),
        checked=row["checked_count"],
        unchecked=row["closed_unchecked"],
        overdue=row["overdue_count"],
    )
)
action_labels = words.actions_table_labels(lang)
render_capped_dataframe(
    words.build_actions_table(actions.head(MAX_GRID_ROWS), lang, end),
    actions.height,
    every_row=functools.partial(
        downloads.cause_action_rows, view.scope, view.as_of, cause_id, version, end, view.db, lang
    ),
    more_text=t(
        "causes.actions_more",
        lang,
        shown=min(actions.height, MAX_GRID_ROWS),
        hidden=actions.height - MAX_GRID_ROWS,
    ),
    download_label=t("causes.actions_download", lang, total=actions.height),
    file_name=f"actions-{cause_id}.csv",
    hide_index=True,
    key="causes_actions",
    column_config={
        **{k: st.column_config.Column(v) for k, v in action_labels.items()},
        "progress_pct": st.column_config.ProgressColumn(
            action_labels["progress_pct"], min_value=0, max_value=100, format="%d %%"
        ),
        "title": st.column_config.Column(action_labels["title"], width="medium"),
    },
)

drawn, closed = service.chart_action_count(actions)
if closed:
    render_chart(
        charts.build_effect_chart(actions, cause_name, lang),
        words.build_effect_table(actions, lang),
        words.effect_table_labels(lang),
        lang,
        key="causes_effect_chart",
    )
else:
    st.markdown(words.effect_takeaway(actions, lang))
st.caption(t("causes.effect_caption", lang, months=WINDOW_MONTHS))
if closed > drawn:
    st.caption(t("causes.chart_more", lang, shown=drawn, total=closed))
