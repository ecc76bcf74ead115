"""Act — declare an event (nonconformity … supplier nonconformity): checked like a row of an events file,
recorded in one transaction, counted at once by the Pareto, the Ishikawa, the causes and the review; the
events recorded lately in the user's scope below the form."""

from datetime import date

import streamlit as st

from smqse.db import shared_connection
from smqse.i18n import t, t_md
from smqse.textsafety import escape_markdown
from smqse.ui import data
from smqse.ui.dates import date_format
from smqse.ui.forms import form_saved, form_token, render_confirmation, submit_key
from smqse.ui.state import current_view
from smqse.ui.tables import MAX_GRID_ROWS, render_capped_dataframe
from smqse.ui.widgets import render_scope_line, render_viewer_caption
from smqse.views import events as service
from smqse.views.pareto import CATEGORY_ORDER

FORM = service.FORM

view = current_view()
lang = view.lang
con = shared_connection(view.db)

st.title(t("events.title", lang), anchor=False)
render_scope_line(view)
render_viewer_caption(view)
st.caption(t("events.intro", lang))
if not service.can_record(view.user):  # hiding the page is not enough: the write refuses them too
    st.info(t("events.not_allowed", lang), icon=":material/lock:")
    st.stop()
if view.allowed.is_empty:
    st.info(t("events.empty_scope", lang), icon=":material/info:")
    st.stop()

render_confirmation(FORM)
# The fields of one declaration are keyed by its form instance: after a save the token is renewed and the
# next declaration starts from empty fields (a widget's key removed from the session keeps, in the browser,
# what was typed). The type, site and process keep stable keys: several events of one kind, on one site,
# are often declared in a row.
instance = form_token(FORM)[:12]
today = date.today()
name_col = f"name_{lang}"
site_names = dict(zip(view.sites["site_id"].to_list(), view.sites["name"].to_list(), strict=True))
process_names = dict(
    zip(view.processes["process_id"].to_list(), view.processes[name_col].to_list(), strict=True)
)
site_ids = [s for s in site_names if s in view.allowed.site_ids]
process_ids = [p for p in process_names if p in view.allowed.process_ids]

# The type and the cause family are outside the form: they change which fields it asks for.
top = st.columns(2)
event_type = top[0].selectbox(
    t("events.type", lang), service.EVENT_TYPES, format_func=lambda v: t(f"pareto.event_type.{v}", lang),
    help=t("events.type_help", lang), key="events_type",
)  # fmt: skip
category = top[1].selectbox(
    t("events.category", lang), (None, *CATEGORY_ORDER),
    format_func=lambda c: t("events.category.none", lang) if c is None else t(f"pareto.7m.{c}", lang),
    help=t("events.category_help", lang), key=f"events_category_{instance}",
)  # fmt: skip

with st.form(FORM):
    row = st.columns(3)
    occurred_on = row[0].date_input(
        t("events.occurred_on", lang), value=today, min_value=date(1990, 1, 1), max_value=today,
        format=date_format(lang), help=t("events.occurred_on_help", lang),
        key=f"events_occurred_on_{instance}",
    )  # fmt: skip
    # Opens on the sidebar's choice when it names one site or process.
    chosen_site = view.scope.site_ids[0] if len(view.scope.site_ids) == 1 else None
    chosen_process = view.scope.process_ids[0] if len(view.scope.process_ids) == 1 else None
    site_id = row[1].selectbox(
        t("events.site", lang), site_ids, index=site_ids.index(chosen_site) if chosen_site in site_ids else 0,
        format_func=lambda s: site_names.get(s, s), key="events_site",
    )  # fmt: skip
    process_id = row[2].selectbox(
        t("events.process", lang), process_ids,
        index=process_ids.index(chosen_process) if chosen_process in process_ids else 0,
        format_func=lambda p: process_names.get(p, p), key="events_process",
    )  # fmt: skip
    title = st.text_input(
        t("events.title_field", lang), max_chars=service.TITLE_MAX_CHARS,
        help=t("events.title_help", lang, max=service.TITLE_MAX_CHARS), key=f"events_title_{instance}",
    )  # fmt: skip
    row = st.columns(3)
    severity = row[0].selectbox(
        t("events.severity", lang), (None, *service.SEVERITIES),
        format_func=lambda s: t(f"events.severity.{'none' if s is None else s}", lang),
        help=t("events.severity_help", lang), key=f"events_severity_{instance}",
    )  # fmt: skip
    # Text, not st.number_input: the browser's number field drops a decimal comma (1234,5 became 12345).
    cost = row[1].text_input(
        t("events.cost", lang), help=t("events.cost_help", lang),
        placeholder=t("form.number_placeholder", lang), key=f"events_cost_{instance}",
    )  # fmt: skip
    cause_id = None
    if category is not None:
        causes = service.cause_choices(data.load_cause_tree(view.allowed, view.db), category, lang)
        cause_id = row[2].selectbox(
            t("events.cause", lang), list(causes), format_func=causes.get, help=t("events.cause_help", lang),
            key=f"events_cause_{instance}",
        )  # fmt: skip
    supplier = lost_days = ""
    if event_type in service.SUPPLIER_TYPES:
        supplier = st.text_input(
            t("events.supplier", lang), max_chars=service.TITLE_MAX_CHARS,
            help=t("events.supplier_help", lang), key=f"events_supplier_{instance}",
        )  # fmt: skip
    if event_type in service.LOST_DAYS_TYPES:
        lost_days = st.text_input(
            t("events.lost_days", lang),
            help=t("events.lost_days_help", lang),
            key=f"events_lost_days_{instance}",
        )
    description = st.text_area(
        t("events.description", lang), max_chars=service.description_max_chars(),
        help=t("events.description_help", lang, max=service.description_max_chars()),
        key=f"events_description_{instance}",
    )  # fmt: skip
    submitted = st.form_submit_button(t("events.submit", lang), type="primary", key=submit_key(FORM))

if submitted:
    draft = service.EventDraft(
        event_type=event_type, occurred_on=occurred_on, site_id=site_id, process_id=process_id,
        severity=severity, cost=cost, cause_id=cause_id, title=title, description=description,
        supplier=supplier, lost_days=lost_days,
    )  # fmt: skip
    recorded = service.record_event(con, draft, user=view.user, lang=lang, token=form_token(FORM))
    if recorded.problems:
        st.error(t("events.refused", lang, n=len(recorded.problems)), icon=":material/error:")
        st.markdown("\n".join(f"- {escape_markdown(p)}" for p in recorded.problems))
    else:
        message = (
            t("events.saved_again", lang)
            if recorded.event_id is None
            else t_md("events.saved", lang, event_id=recorded.event_id, title=title.strip(),
                      type=t(f"pareto.event_type.{event_type}", lang), site=site_names.get(site_id, site_id),
                      date=service.format_day(occurred_on, lang))
        )  # fmt: skip
        form_saved(FORM, message)
        st.rerun()

# --- what was recorded lately -----------------------------------------------------------------------------
st.header(t("events.recent_heading", lang), anchor=False)
since = date.fromordinal(today.toordinal() - service.RECENT_DAYS)
recent = data.load_recent_events(view.scope, today, data.event_data_version(view.scope, view.db), view.db)
st.caption(t("events.recent_caption", lang, since=service.format_day(since, lang)))
if recent.is_empty():
    st.info(t("events.recent_none", lang, since=service.format_day(since, lang)), icon=":material/info:")
else:
    labels = service.recent_table_labels(lang)
    table = service.build_recent_table(recent.head(MAX_GRID_ROWS), lang)
    render_capped_dataframe(
        table.rename(labels),
        recent.height,
        every_row=lambda: service.build_recent_table(recent, lang).rename(labels),
        more_text=t("events.recent_more", lang, shown=table.height, hidden=recent.height - table.height),
        download_label=t("events.recent_download", lang, total=recent.height),
        file_name=f"events-{today.isoformat()}.csv",
        key="events_recent",
        hide_index=True,
        alt=t("events.recent_alt", lang),
    )
