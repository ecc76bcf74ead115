"""Analyse — anomaly watch: the flags of a window ranked by score, the series around each flag, notes that
stop a flag nagging; data problems and unusual sites apart."""

import polars as pl
import streamlit as st

from smqse import action_open
from smqse.charts import anomalies as charts
from smqse.db import shared_connection
from smqse.i18n import format_number, label, t, t_md
from smqse.ui import data
from smqse.ui.action_form import render_action_form
from smqse.ui.forms import form_saved, form_token, render_confirmation, submit_key
from smqse.ui.freshness import render_stored_freshness
from smqse.ui.state import current_view
from smqse.ui.tables import render_dataframe, written_numbers
from smqse.ui.widgets import render_chart, render_page_header, render_viewer_caption, tile_slots
from smqse.views import anomalies as service
from smqse.words import anomalies as words
from smqse.words.shared import describe_as_of

NOTE_FORM = "anomalies_note_form"
ACTION_FORM = "act_open_anomaly"
QP_FLAG = "flag"  # a link to one flag, "<indicator>|<site>|<YYYY-MM-DD>" (an action's origin, in the plan)
_SEEN_LINK = "_anomalies_seen_link"

view = current_view()
lang = view.lang

# A link names a flag: applied once (noted flags shown too, so that a flag already noted is found).
linked_flag = st.query_params.get(QP_FLAG)
if linked_flag and linked_flag != st.session_state.get(_SEEN_LINK):
    st.session_state["anomalies_show_noted"] = True
else:
    linked_flag = None
st.session_state[_SEEN_LINK] = st.query_params.get(QP_FLAG)

render_page_header(view, "anomalies")
st.markdown(describe_as_of(view.as_of, lang))
render_viewer_caption(view)
st.caption(t("anomalies.intro", lang))

window = st.segmented_control(
    t("anomalies.window", lang),
    service.WINDOWS,
    default=12,
    format_func=lambda n: t("anomalies.window_option", lang, n=n),
    key="anomalies_window",
    wrap=True,
)
window = window or 12
with st.spinner():
    fresh = data.anomaly_freshness(view.scope, view.as_of, view.db)
    if fresh.scanned:  # the stored scan of the month (smqse.refresh_anomalies), with its age
        report = data.load_stored_anomalies(
            view.scope, view.as_of, window, fresh.data_version, fresh.computed_at, view.db
        )
    else:  # a month the refresh does not keep: computed live, cached per data version
        report = data.load_anomalies(view.scope, view.as_of, window, fresh.data_version, view.db)
if fresh.scanned:
    render_stored_freshness(report, data.anomaly_progress(view.db), lang)
    if report.stale_indicators:
        data.wake_anomaly_refresh()

site_names = {r["site_id"]: r["name"] for r in view.sites.iter_rows(named=True)}
process_names = {
    r["process_id"]: r.get(f"name_{lang}") or r["name_fr"] for r in view.processes.iter_rows(named=True)
}
flags = report.flags

# --- filters ------------------------------------------------------------------------------------------
columns = st.columns(4)
domains = sorted(set(flags["domain"].drop_nulls()))
chosen_domains = columns[0].multiselect(
    t("anomalies.filter_domain", lang), domains, format_func=lambda d: label("domain", d, lang),
    placeholder=t("anomalies.filter_placeholder", lang), key="anomalies_domains",
)  # fmt: skip
sites = sorted(set(flags["site_id"].drop_nulls()), key=lambda s: site_names.get(s, s))
chosen_sites = columns[1].multiselect(
    t("anomalies.filter_site", lang), sites, format_func=lambda s: site_names.get(s, s),
    placeholder=t("anomalies.filter_placeholder", lang), key="anomalies_sites",
)  # fmt: skip
processes = sorted(set(flags["process_id"].drop_nulls()), key=lambda p: process_names.get(p, p))
chosen_processes = columns[2].multiselect(
    t("anomalies.filter_process", lang), processes, format_func=lambda p: process_names.get(p, p),
    placeholder=t("anomalies.filter_placeholder", lang), key="anomalies_processes",
)  # fmt: skip
kinds = [k for k in words.KIND_ICONS if k in set(flags["kind"].drop_nulls())]
chosen_kinds = columns[3].multiselect(
    t("anomalies.filter_kind", lang), kinds, format_func=lambda k: words.kind_text(k, lang),
    placeholder=t("anomalies.filter_placeholder", lang), key="anomalies_kinds",
)  # fmt: skip
show_noted = st.toggle(t("anomalies.show_noted", lang), help=t("anomalies.show_noted_help", lang),
                       key="anomalies_show_noted")  # fmt: skip

for column, chosen in (
    ("domain", chosen_domains),
    ("site_id", chosen_sites),
    ("process_id", chosen_processes),
    ("kind", chosen_kinds),
):
    if chosen:
        flags = flags.filter(pl.col(column).is_in(chosen))
open_flags = flags.filter(pl.col("note_status").is_null())
noted_count = flags.height - open_flags.height
shown = flags if show_noted else open_flags

# --- headline -----------------------------------------------------------------------------------------
tiles = tile_slots(4)
tiles[0].metric(t("anomalies.tile.open", lang), open_flags.height, help=t("anomalies.tile.open_help", lang),
                border=True)  # fmt: skip
tiles[1].metric(t("anomalies.tile.noted", lang), noted_count, help=t("anomalies.tile.noted_help", lang),
                border=True)  # fmt: skip
tiles[2].metric(t("anomalies.tile.problems", lang), report.data_problems.height,
                help=t("anomalies.tile.problems_help", lang), border=True)  # fmt: skip
tiles[3].metric(t("anomalies.tile.sites", lang), service.unusual_count(report.unusual_sites),
                help=t("anomalies.tile.sites_help", lang), border=True)  # fmt: skip

render_confirmation(NOTE_FORM)

# --- the ranked table ---------------------------------------------------------------------------------
st.header(t("anomalies.table_title", lang), anchor=False)
table = words.build_flag_table(shown, site_names, lang)
labels = words.flag_table_labels(lang)
st.session_state["_anomalies_table_ids"] = table["flag_id"].to_list()


def _select_from_table() -> None:
    selected = st.session_state["anomalies_table"].selection.rows
    ids = st.session_state.get("_anomalies_table_ids", [])
    if selected and selected[0] < len(ids):
        st.session_state["anomalies_detail"] = ids[selected[0]]


if table.is_empty():
    st.info(t("anomalies.none", lang), icon=":material/task_alt:")
    if noted_count and not show_noted:
        st.caption(t("anomalies.none_noted", lang, n=noted_count))
else:
    st.caption(t("anomalies.table_hint", lang))
    render_dataframe(
        table,
        hide_index=True,
        column_order=[
            "score",
            "kind",
            "indicator_id",
            "indicator",
            "site",
            "month",
            "value",
            "expected",
            "note_status",
        ],  # fmt: skip
        column_config={
            "score": st.column_config.TextColumn(
                labels["score"], width=65, alignment="right", help=t("anomalies.col.score_help", lang)
            ),
            "kind": st.column_config.TextColumn(labels["kind"], width=125),
            "indicator_id": st.column_config.TextColumn(labels["indicator_id"], width=95),
            "indicator": st.column_config.TextColumn(labels["indicator"], width=170),
            "site": st.column_config.TextColumn(labels["site"], width=110),
            "month": st.column_config.TextColumn(labels["month"], width=105),
            "value": st.column_config.TextColumn(labels["value"], width=95, alignment="right"),
            "expected": st.column_config.TextColumn(labels["expected"], width=95, alignment="right"),
            "note_status": st.column_config.TextColumn(labels["note_status"], width=135),
        },
        height=min(len(table), 12) * 35 + 38,
        key="anomalies_table",
        on_select=_select_from_table,
        selection_mode="single-row",
        alt=t("anomalies.table_alt", lang, n=len(table)),
    )

# --- one flag: its series and its note ----------------------------------------------------------------
if not table.is_empty():
    st.header(t("anomalies.detail_title", lang), anchor=False)
    detail_rows = {service.flag_key(r): r for r in shown.iter_rows(named=True)}
    detail_ids = list(detail_rows)
    if linked_flag in detail_rows:
        st.session_state["anomalies_detail"] = linked_flag
    elif linked_flag is not None:
        st.warning(t_md("act_open.link_missing", lang, item=linked_flag), icon=":material/info:")
    if st.session_state.get("anomalies_detail") not in detail_rows:
        st.session_state["anomalies_detail"] = detail_ids[0]
    chosen = st.selectbox(
        t("anomalies.detail_pick", lang),
        detail_ids,
        format_func=lambda k: words.flag_label(detail_rows[k], site_names, lang),
        key="anomalies_detail",
    )
    flag = detail_rows[chosen]
    chart_column, form_column = st.columns([3, 1.3], gap="large")
    with chart_column:
        # The reports keep flags only: the chosen flag's series is read now.
        around = data.load_flag_series(
            view.scope, view.as_of, flag["indicator_id"], flag["site_id"], fresh.data_version,
            bool(fresh.scanned), view.db,
        )  # fmt: skip
        render_chart(
            charts.build_flag_chart(around, flag, site_names, lang),
            words.build_flag_numbers(around, flag, lang),
            words.flag_numbers_labels(lang),
            lang,
            key="anomalies_chart",
        )
    with form_column:
        st.markdown(f"**{t('anomalies.form_title', lang)}**")
        if flag.get("note_status"):
            st.caption(words.noted_text(flag, lang))
        writable = service.can_write(view.user)
        if not writable:
            st.caption(t("anomalies.form_viewer", lang))
        # Cleared after a save only (form_saved), never after a refusal: the note typed is kept to retry.
        with st.form(NOTE_FORM, border=False):
            status = st.radio(
                t("anomalies.form_status", lang),
                service.NOTE_STATUSES,
                format_func=lambda s: words.note_status_text(s, lang),
                disabled=not writable,
                key="anomalies_form_status",
            )
            note = st.text_area(
                t("anomalies.form_note", lang),
                placeholder=t("anomalies.form_note_placeholder", lang),
                max_chars=1000,
                disabled=not writable,
                key="anomalies_form_note",
            )
            submitted = st.form_submit_button(
                t("anomalies.form_submit", lang),
                key=submit_key(NOTE_FORM),
                icon=":material/save:",
                type="primary",
                disabled=not writable,
            )
        if submitted and writable:
            try:
                service.save_note(
                    shared_connection(view.db),
                    view.user,
                    view.allowed,
                    flag["indicator_id"],
                    flag["site_id"],
                    flag["period"],
                    status,
                    note,
                    token=form_token(NOTE_FORM),
                )
            except (PermissionError, service.NoteError) as error:
                st.error(t_md("anomalies.form_denied", lang, error=error), icon=":material/block:")
            else:
                data.load_anomalies.clear()  # the notes are read with the flags
                data.load_stored_anomalies.clear()
                form_saved(
                    NOTE_FORM,
                    t("anomalies.form_saved", lang),
                    clear=("anomalies_form_status", "anomalies_form_note"),
                )
                st.rerun()

    # --- act on this flag: a containment action whose origin is the flag -------------------------------
    render_action_form(view, action_open.from_flag(flag, lang, site_names.get(flag["site_id"])), ACTION_FORM)

# --- data problems ------------------------------------------------------------------------------------
st.header(t("anomalies.problems_title", lang), anchor=False)
st.caption(t("anomalies.problems_intro", lang))
problems = words.build_problem_table(report.data_problems, site_names, lang)
if problems.is_empty():
    st.success(t("anomalies.problems_none", lang), icon=":material/task_alt:")
else:
    render_dataframe(
        problems,
        hide_index=True,
        column_config={
            k: st.column_config.TextColumn(v) for k, v in words.problem_table_labels(lang).items()
        },
        height=min(len(problems), 10) * 35 + 38,
        key="anomalies_problems",
    )

# --- unusual sites ------------------------------------------------------------------------------------
st.header(t("anomalies.sites_title", lang), anchor=False)
month_text = words.month_text(view.as_of, lang)
sites_table = words.build_sites_table(report.unusual_sites, report.indicators, site_names, lang)
if sites_table.is_empty():
    st.caption(t("anomalies.sites_single", lang))
else:
    st.caption(t("anomalies.sites_intro", lang, month=month_text))
    if not service.unusual_count(report.unusual_sites):
        st.success(t("anomalies.sites_none", lang, month=month_text), icon=":material/task_alt:")
    render_dataframe(
        written_numbers(sites_table, {"score": lambda v: format_number(v, lang, 2)}),
        hide_index=True,
        column_config={
            "verdict": st.column_config.TextColumn(t("anomalies.col.verdict", lang), width=120),
            "site": st.column_config.TextColumn(t("anomalies.col.site", lang), width=110),
            "score": st.column_config.TextColumn(
                t("anomalies.col.site_score", lang),
                alignment="right",
                width=80,
                help=t("anomalies.col.site_score_help", lang),
            ),  # fmt: skip
            "contributors": st.column_config.TextColumn(t("anomalies.col.contributors", lang)),
        },
        height=min(len(sites_table), 10) * 35 + 38,
        key="anomalies_sites_table",
    )
