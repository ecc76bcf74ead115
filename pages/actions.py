"""Act — the action plan (C.33, ISO 9001 §10.2): every action in scope, overdue first; a timeline; the
effectiveness checks due; progress and status updates and effectiveness reviews, each traced in change_log;
one action's history. The data path and the rights are `smqse.words.actions`."""

import functools
from datetime import date

import polars as pl
import streamlit as st

from smqse import action_open
from smqse.charts import actions as charts
from smqse.db import shared_connection
from smqse.i18n import format_date, t, t_md
from smqse.textsafety import escape_markdown
from smqse.ui import data, downloads
from smqse.ui.dates import date_format
from smqse.ui.forms import form_saved, form_token, render_confirmation, submit_key
from smqse.ui.state import current_view
from smqse.ui.tables import MAX_GRID_ROWS, render_capped_dataframe, render_dataframe
from smqse.ui.widgets import render_chart, render_page_header, render_viewer_caption, tile_slots
from smqse.views import actions as service
from smqse.words import actions as words
from smqse.words.shared import describe_as_of

PICK_KEY = "actions_pick"
_LINK_SEEN_KEY = "actions_link_seen"
_SAVED_KEY = "_actions_saved"
_TABLE_IDS_KEY = "_actions_table_ids"
LINK_KEPT_PARAMS = ("lang", "user", "as_of")  # the sidebar's language, "view as" user and month
MAX_PICK_OPTIONS = 200  # a pick list longer than this is unreadable, and slow to send

view = current_view()
lang = view.lang

render_page_header(view, "actions")
st.markdown(describe_as_of(view.as_of, lang))
render_viewer_caption(view)
st.caption(t("actions.intro", lang, days=service.CHECK_AFTER_DAYS))

today = date.today()
plan_key = (view.scope, view.as_of, today, view.db, data.action_data_version(view.scope, view.db))
plan = data.load_action_plan(*plan_key)
actions = plan.actions
if actions.is_empty():
    st.info(t("actions.none", lang), icon=":material/info:")
    st.stop()

writable = service.can_write(view.user)

# --- filters ------------------------------------------------------------------------------------------
# The options come from the distinct values (a few rows), never from a loop over every action.
choices = service.filter_choices(actions)
owners = {
    r["owner_user_id"]: r["owner_name"] or r["owner_user_id"] for r in choices["owners"].iter_rows(named=True)
}
processes = {r["process_id"]: words.process_name(r, lang) for r in choices["processes"].iter_rows(named=True)}
present = {c: set(actions[c].unique().to_list()) for c in ("origin", "action_type", "status")}
columns = st.columns(5)
filters = {}
for column, (name, options, option_words) in zip(
    columns,
    (
        ("origins", [o for o in service.ORIGINS if o in present["origin"]], words.origin_words),
        ("types", [k for k in service.TYPES if k in present["action_type"]], words.type_words),
        ("statuses", [s for s in service.STATUSES if s in present["status"]], words.status_words),
        ("owners", sorted((o for o in owners if o), key=lambda o: owners[o]), lambda o, _: owners.get(o, o)),
        ("processes", sorted(processes, key=processes.get), lambda p, _: processes.get(p, p)),
    ),
    strict=True,
):
    filters[name] = column.multiselect(
        t(f"actions.filter.{name}", lang),
        options,
        format_func=lambda value, option_words=option_words: option_words(value, lang),
        placeholder=t("actions.filter.all", lang),
        key=f"actions_filter_{name}",
    )
search = st.text_input(
    t("actions.search", lang),
    placeholder=t("actions.search_placeholder", lang),
    max_chars=200,
    key="actions_search",
    help=t("actions.search_help", lang),
)
shown = service.filter_actions(actions, **filters, search=search)
counts = service.count_actions(shown)

# --- headline -----------------------------------------------------------------------------------------
tiles = tile_slots(4)
for column, (key, icon) in zip(
    tiles,
    (
        ("open", ":material/pending:"),
        ("overdue", ":material/warning:"),
        ("done_this_year", ":material/task_alt:"),
        ("checks_due", ":material/fact_check:"),
    ),
    strict=True,
):
    column.metric(
        t(f"actions.tile.{key}", lang, year=plan.as_of.year),
        counts[key],
        help=t(
            f"actions.tile.{key}_help",
            lang,
            days=service.CHECK_AFTER_DAYS,
            date=format_date(plan.reference_date, lang),
        ),
        icon=icon,
        border=True,
    )

render_confirmation(_SAVED_KEY)

# --- the plan -----------------------------------------------------------------------------------------
st.header(t("actions.table_title", lang), anchor=False)
if shown.is_empty():
    st.info(t("actions.none_filtered", lang), icon=":material/filter_alt_off:")
    st.stop()
st.caption(t("actions.table_hint", lang, date=format_date(plan.reference_date, lang)))
# The origin links back to the page and item the action came from, in the same language, user and month.
kept_params = {k: st.query_params.get(k) for k in LINK_KEPT_PARAMS if st.query_params.get(k)}
table = words.build_plan_table(shown.head(MAX_GRID_ROWS), lang).with_columns(
    action_open.origin_links(shown.head(MAX_GRID_ROWS), kept_params)
)
# The link beside the origin it opens.
columns = [c for c in table.columns if c != "origin_link"]
table = table.select(
    [*columns[: columns.index("origin") + 1], "origin_link", *columns[columns.index("origin") + 1 :]]
)
labels = words.plan_table_labels(lang)
st.session_state[_TABLE_IDS_KEY] = table["action_id"].to_list()


def _select_from_table() -> None:
    selected = st.session_state["actions_table"].selection.rows
    ids = st.session_state.get(_TABLE_IDS_KEY, [])
    if selected and selected[0] < len(ids):
        st.session_state[PICK_KEY] = ids[selected[0]]


render_capped_dataframe(
    table,
    shown.height,
    every_row=functools.partial(downloads.action_plan_rows, *plan_key, filters, search, lang),
    more_text=t("actions.table_more", lang, shown=table.height, hidden=shown.height - table.height),
    download_label=t("actions.table_download", lang, total=shown.height),
    file_name=f"action-plan-{plan.reference_date.isoformat()}.csv",
    hide_index=True,
    column_config={
        **{k: st.column_config.TextColumn(v) for k, v in labels.items()},
        "rank": st.column_config.NumberColumn(labels["rank"], width=50),
        "progress_pct": st.column_config.ProgressColumn(
            labels["progress_pct"], min_value=0, max_value=100, format="%d %%", width=100
        ),
        "status": st.column_config.TextColumn(labels["status"], width=210),
        "title": st.column_config.TextColumn(labels["title"], width="medium"),
        "origin_link": st.column_config.LinkColumn(
            t("act_open.col.origin_link", lang),
            display_text=t("act_open.link_text", lang),
            help=t("act_open.link_help", lang),
        ),
    },
    height=min(len(table), 12) * 35 + 38,
    key="actions_table",
    on_select=_select_from_table,
    selection_mode="single-row",
    alt=t("actions.table_alt", lang, n=shown.height, overdue=counts["overdue"]),
)

# --- timeline -----------------------------------------------------------------------------------------
render_chart(
    charts.build_gantt(shown, plan.reference_date, lang),
    words.build_gantt_table(shown, lang),
    words.gantt_table_labels(lang),
    lang,
    key="actions_gantt",
)
drawn, drawable = service.gantt_counts(shown)
if drawable > drawn:
    st.caption(t("actions.gantt.more", lang, shown=drawn, left=drawable - drawn))


def _write(form: str, write, message: str) -> None:
    """Run one write with the form's token (`write(token)`: a second submit of the same form changes
    nothing); a refusal or the validation problems are shown and what was typed is kept; a success reloads
    the plan and clears the forms."""
    try:
        write(form_token(form))
    except PermissionError as error:
        st.error(t_md("actions.denied", lang, error=error), icon=":material/block:")
    except service.ActionUpdateError as error:
        for problem in error.problems:
            st.error(escape_markdown(problem), icon=":material/error:")
    else:
        data.clear_after_action_change()
        # The forms show the action as now stored: drop what was typed.
        typed = [k for k in st.session_state if str(k).startswith(("actions_update_", "actions_check_"))]
        form_saved(form, message, clear=typed, shown_at=_SAVED_KEY)
        st.rerun()


# --- effectiveness checks -----------------------------------------------------------------------------
st.header(t("actions.checks_title", lang), anchor=False)
st.caption(t("actions.checks_intro", lang, days=service.CHECK_AFTER_DAYS))
due = service.checks_due(shown)
if due.is_empty():
    st.success(t("actions.checks_none", lang), icon=":material/task_alt:")
else:
    check_labels = words.checks_table_labels(lang)
    due_table = words.build_checks_table(due.head(MAX_GRID_ROWS), lang)
    render_capped_dataframe(
        due_table,
        due.height,
        every_row=functools.partial(downloads.checks_due_rows, *plan_key, filters, search, lang),
        more_text=t(
            "actions.checks_more", lang, shown=due_table.height, hidden=due.height - due_table.height
        ),
        download_label=t("actions.checks_download", lang, total=due.height),
        file_name=f"effectiveness-checks-{plan.reference_date.isoformat()}.csv",
        hide_index=True,
        column_config={k: st.column_config.TextColumn(v) for k, v in check_labels.items()}
        | {"days_since_closed": st.column_config.NumberColumn(t("actions.col.days_since_closed", lang))},
        height=min(due_table.height, 8) * 35 + 38,
        key="actions_checks_table",
        alt=t("actions.checks_alt", lang, n=due.height),
    )
if writable:
    checkable = service.updatable(service.checkable(shown), view.user, view.allowed)
    candidates = {r["action_id"]: r for r in checkable.head(MAX_PICK_OPTIONS).iter_rows(named=True)}
    if candidates:
        with st.form("actions_check_form"):
            st.markdown(f"**{t('actions.check_form_title', lang)}**")
            check_id = st.selectbox(
                t("actions.check_pick", lang),
                list(candidates),
                format_func=lambda a: words.action_label(candidates[a]),
                key="actions_check_pick",
            )
            if checkable.height > len(candidates):
                st.caption(t("actions.check_pick_more", lang, shown=len(candidates), total=checkable.height))
            result = st.radio(
                t("actions.check_result", lang),
                service.CHECK_RESULTS,
                format_func=lambda r: words.effectiveness_words({"effectiveness": r}, lang),
                horizontal=True,
                key="actions_check_result",
            )
            comment = st.text_area(
                t("actions.check_comment", lang),
                placeholder=t("actions.check_comment_placeholder", lang),
                max_chars=1000,
                key="actions_check_comment",
            )
            checked = st.form_submit_button(
                t("actions.check_submit", lang), icon=":material/fact_check:", type="primary",
                key=submit_key("actions_check_form"),
            )  # fmt: skip
        if checked:
            _write(
                "actions_check_form",
                lambda token: service.record_effectiveness(
                    shared_connection(view.db), view.user, check_id, result, comment, lang=lang, token=token
                ),
                t_md("actions.check_saved", lang, action=check_id),
            )

# --- one action: update and history -------------------------------------------------------------------
st.header(t("actions.detail_title", lang), anchor=False)
# At most MAX_PICK_OPTIONS options (the first of the ranking, after the filters and the search), plus the
# action picked in the table: a selectbox of hundreds of thousands of options would not render.
offered = shown.head(MAX_PICK_OPTIONS)
# A reminder's link (action-plan?action=<id>, smqse.reminders) picks its action: applied once (a later choice
# on the page is the user's); an action outside the plan shown is ignored below.
linked_action = st.query_params.get("action")
if linked_action and linked_action != st.session_state.get(_LINK_SEEN_KEY):
    st.session_state[PICK_KEY] = linked_action
st.session_state[_LINK_SEEN_KEY] = linked_action
current = st.session_state.get(PICK_KEY)
if current not in set(offered["action_id"]):
    kept = shown.filter(pl.col("action_id") == current) if isinstance(current, str) else shown.clear()
    if kept.height:
        offered = pl.concat([kept, offered])
    else:
        st.session_state[PICK_KEY] = offered["action_id"][0]
rows = {r["action_id"]: r for r in offered.iter_rows(named=True)}
picked = st.selectbox(
    t("actions.pick", lang),
    list(rows),
    format_func=lambda a: words.action_label(rows[a]),
    key=PICK_KEY,
    help=t("actions.pick_help", lang),
)
if shown.height > MAX_PICK_OPTIONS:
    st.caption(t("actions.pick_more", lang, shown=MAX_PICK_OPTIONS, total=shown.height))
action = rows[picked]
st.markdown(
    t_md(
        "actions.detail_summary",
        lang,
        status=words.status_words(
            action["status"], lang, overdue=action["overdue"], days_late=action["days_late"]
        ),
        owner=action.get("owner_name") or action.get("owner_user_id") or "—",
        process=words.process_name(action, lang),
        opened=format_date(action["opened_on"], lang),
        due=format_date(action["due_on"], lang),
        effectiveness=words.effectiveness_words(action, lang),
    )
)

form_column, history_column = st.columns([1, 1.4], gap="large")
with form_column:
    st.markdown(f"**{t('actions.update_title', lang)}**")
    if not writable:
        st.caption(t("actions.read_only", lang))
    elif not service.can_update(view.user, view.allowed, action):
        st.caption(t("actions.not_yours", lang))
    else:
        with st.form("actions_update_form", clear_on_submit=False):
            status = st.selectbox(
                t("actions.update_status", lang),
                service.STATUSES,
                index=service.STATUSES.index(action["status"]),
                format_func=lambda s: words.status_words(s, lang),
                key=f"actions_update_status_{picked}",
            )
            progress = st.number_input(
                t("actions.update_progress", lang),
                min_value=0,
                max_value=100,
                value=int(action["progress_pct"] or 0),
                step=5,
                key=f"actions_update_progress_{picked}",
                help=t("actions.update_progress_help", lang),
            )
            closed_on = st.date_input(
                t("actions.update_closed_on", lang),
                value=action["closed_on"],
                min_value=action["opened_on"],
                max_value=max(today, action["opened_on"]),
                format=date_format(lang),
                key=f"actions_update_closed_{picked}",
                help=t("actions.update_closed_on_help", lang),
            )
            reason = st.text_area(
                t("actions.update_reason", lang),
                placeholder=t("actions.update_reason_placeholder", lang),
                max_chars=1000,
                key=f"actions_update_reason_{picked}",
            )
            submitted = st.form_submit_button(
                t("actions.update_submit", lang), icon=":material/save:", type="primary",
                key=submit_key("actions_update_form"),
            )  # fmt: skip
        if submitted:
            change = service.ActionChange(status, progress, closed_on, reason)
            _write(
                "actions_update_form",
                lambda token: service.update_action(
                    shared_connection(view.db), view.user, picked, change, lang=lang, token=token
                ),
                t_md("actions.update_saved", lang, action=picked),
            )

with history_column:
    st.markdown(f"**{t('actions.history_title', lang)}**")
    history = words.build_history_table(data.load_action_history(view.scope, picked, view.db), lang)
    if history.is_empty():
        st.caption(t("actions.history_none", lang))
    else:
        render_dataframe(
            history,
            hide_index=True,
            column_config={
                k: st.column_config.TextColumn(v) for k, v in words.history_table_labels(lang).items()
            },
            key="actions_history_table",
            alt=t("actions.history_alt", lang, action=picked, n=history.height),
        )
