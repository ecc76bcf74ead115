"""Act — management review preparation: every §9.3.2 input with what the data say, the qualitative inputs
and proposed decisions written by the QSE lead, and the pack (PPTX, PDF, XLSX) in one click."""

import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path

import polars as pl
import streamlit as st

from smqse.db import shared_connection
from smqse.export.images import ChromiumMissingError
from smqse.export.pack import FORMATS, export_pack
from smqse.i18n import format_number, t, t_md, tn
from smqse.review.content import ITEMS, VERSION_MAX, PackOptions, build_review_pack, version_problem
from smqse.scope import list_users
from smqse.textsafety import escape_markdown
from smqse.ui import data
from smqse.ui.dates import date_format
from smqse.ui.forms import form_saved, form_token, render_confirmation, submit_key
from smqse.ui.month import render_month_state, render_provisional_badge
from smqse.ui.number_field import number_field
from smqse.ui.state import current_view
from smqse.ui.tables import render_dataframe, render_static_table
from smqse.ui.widgets import render_chart, render_page_header, render_viewer_caption
from smqse.views import review as service
from smqse.words.actions import table_day
from smqse.words.shared import describe_as_of

REVISION_KEY = "review_revision"
DECISION_FORM = "review_new_decision"
DECISION_FIELDS = tuple(
    f"review_decision_{name}"
    for name in (
        "text",
        "type",
        "input",
        "process",
        "owner",
        "due",
        "argument",
        "cost",
        "benefit",
        "inaction",
    )
)
MIME = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

view = current_view()
lang = view.lang

render_page_header(view, "review")
st.markdown(describe_as_of(view.as_of, lang))
month_state = render_month_state(view)
render_viewer_caption(view)
st.caption(t("review.intro", lang))

writer = service.can_write_review(view.user)
columns = st.columns([1, 1, 2])
period_months = columns[0].selectbox(
    t("review.period_months", lang), (12, 6, 24), key="review_period_months", help=t("review.period", lang)
)
version = columns[1].text_input(
    t("review.version_field", lang), value="v1", max_chars=20, key="review_version"
)
version = version.strip() or "v1"
if version_problem(version, lang):
    st.error(t_md("review.version_invalid", lang, version=version, max=VERSION_MAX), icon=":material/error:")
    st.stop()
options = PackOptions(as_of=view.as_of, lang=lang, period_months=period_months, version=version)
revision = st.session_state.get(REVISION_KEY, 0)

with st.spinner():
    events_version = data.event_data_version(view.scope, view.db)  # a recorded event shows at once
    pack = data.load_review_pack(view.scope, view.user, options, revision, events_version, view.db)

if not writer:
    st.info(t("review.read_only", lang), icon=":material/lock:")
if pack.meta.scope_label != t("review.whole_organisation", lang):
    st.caption(t("review.pilot_scope_note", lang))
st.markdown(t_md("review.heading", lang, title=pack.meta.review_title, scope=pack.meta.scope_label))
corrections = pack.meta.corrections
if corrections is not None:  # the cut-off month is closed: what changed since, as the pack lists it
    with st.expander(f"{corrections.title} ({corrections.frame.height})", icon=":material/history:"):
        if corrections.frame.is_empty():
            st.caption(t("review.no_corrections", lang))
        else:
            render_dataframe(corrections.frame, hide_index=True, key="review_corrections")

render_provisional_badge(month_state, lang)
with_data = sum(1 for i in pack.items if i.has_data)
st.markdown(
    tn("review.item_count", with_data, lang, total=len(pack.items), without=len(pack.items) - with_data)
)
summary = pl.DataFrame(
    {
        t("review.item", lang): [f"{i.clause} — {i.title}" for i in pack.items],
        t("review.col.status", lang): [
            t("review.has_data", lang) if i.has_data else t("review.no_data_flag", lang) for i in pack.items
        ],
        t("review.findings", lang): [i.takeaway for i in pack.items],
    }
)
# A static table: the findings are sentences, each row as tall as its text. The grid cut them after forty
# characters (one line per row), or with taller rows showed three rows at a time.
render_static_table(summary, alt=t("review.summary_alt", lang))


def _bump() -> None:
    st.session_state[REVISION_KEY] = st.session_state.get(REVISION_KEY, 0) + 1


# --- the inputs, item by item -------------------------------------------------------------------------
st.header(t("review.items_heading", lang), anchor=False)
render_confirmation("review_input")  # outside the expanders, which open closed
for item in pack.items:
    flag = t("review.has_data", lang) if item.has_data else t("review.no_data_flag", lang)
    # Titles, takeaways and findings hold names and texts people wrote: shown as text, not Markdown.
    # Charts and tables are drawn only in an open expander (opening it reruns the page): twenty inputs'
    # figures sent closed were most of the page's time.
    box = st.expander(
        f"{escape_markdown(item.clause)} — {escape_markdown(item.title)} · {flag}",
        key=f"review_item_{item.ref}",
        on_change="rerun",
    )
    with box:
        st.markdown(f"**{escape_markdown(item.takeaway)}**")
        for finding in item.findings:
            st.markdown(f"- {escape_markdown(finding)}")
        for k, chart in enumerate(item.charts if box.open else ()):
            labels = {c: c for c in chart.data.columns}
            render_chart(chart.figure, chart.data, labels, lang, key=f"review_chart_{item.ref}_{k}")
        for k, table in enumerate(item.tables if box.open else ()):
            st.markdown(f"**{escape_markdown(table.title)}**")
            render_dataframe(
                table.frame,
                hide_index=True,
                alt=t("review.table_alt", lang, title=table.title),
                key=f"review_table_{item.ref}_{k}",
            )
        if item.written:
            st.markdown(f"*{t_md('review.written_input', lang, who=item.written_by or '—')}*")
            st.text(item.written)
        if writer:
            input_form = f"review_input_{item.ref}"
            with st.form(input_form, border=False):
                text = st.text_area(
                    t("review.write_input", lang), value=item.written or "", help=t("review.write_help", lang),
                    key=f"review_input_text_{item.ref}",
                )  # fmt: skip
                if st.form_submit_button(t("review.save_input", lang), key=submit_key(input_form)):
                    try:
                        service.save_input(
                            shared_connection(view.db), view.user, options, item.ref, text,
                            token=form_token(input_form),
                        )  # fmt: skip
                    except (service.ReviewRecordError, PermissionError) as exc:
                        st.error(escape_markdown(str(exc)))
                    else:
                        _bump()
                        form_saved(
                            input_form, f"{escape_markdown(item.clause)} — {t('review.saved', lang)}",
                            clear=[f"review_input_text_{item.ref}"], shown_at="review_input",
                        )  # fmt: skip
                        st.rerun()

# --- decisions (§9.3.3) -------------------------------------------------------------------------------
st.header(t("review.decisions", lang), anchor=False)
if pack.decisions:
    render_dataframe(
        pl.DataFrame(
            {
                t("review.col.id", lang): [d.decision_id for d in pack.decisions],
                t("review.decision", lang): [d.text for d in pack.decisions],
                t("review.decision_type", lang): [d.decision_type_label for d in pack.decisions],
                t("review.owner", lang): [d.owner or "—" for d in pack.decisions],
                t("review.due", lang): [table_day(d.due_on, lang) for d in pack.decisions],
                t("review.process", lang): [d.process_name or "—" for d in pack.decisions],
                t("review.cost", lang): [format_number(d.cost, lang) for d in pack.decisions],
                t("review.benefit", lang): [format_number(d.expected_benefit, lang) for d in pack.decisions],
                t("review.cost_of_inaction", lang): [
                    format_number(d.cost_of_inaction, lang) for d in pack.decisions
                ],
                t("review.argument", lang): [d.argument or "—" for d in pack.decisions],
                t("review.action", lang): [d.action_id or "—" for d in pack.decisions],
            }
        ),
        hide_index=True,
        alt=t("review.table_alt", lang, title=t("review.decisions", lang)),
    )
else:
    st.markdown(t("review.no_decisions", lang))

if writer:
    render_confirmation("review_open_action")
    without_action = [d for d in pack.decisions if d.action_id is None]
    for d in without_action:
        action_form = f"review_open_action_{d.decision_id}"
        if st.button(f"{t('review.open_action', lang)} — {d.decision_id}", key=action_form):
            try:
                con = shared_connection(view.db)
                action = service.open_action(
                    con, view.user, service.decision_row(con, view.user, options, d.decision_id), lang=lang,
                    token=form_token(action_form),
                )  # fmt: skip
            except (service.ReviewRecordError, PermissionError) as exc:
                st.error(escape_markdown(str(exc)))
            else:
                _bump()
                data.clear_after_action_change()  # the action plan and the causes page show it at once
                opened = t_md("review.action_opened", lang, id=action["action_id"], decision=d.decision_id)
                form_saved(action_form, opened, shown_at="review_open_action")  # the button is then gone
                st.rerun()

    users = list_users(shared_connection(view.db))
    processes = {
        r["process_id"]: r.get(f"name_{lang}") or r["name_fr"] for r in view.processes.iter_rows(named=True)
    }
    render_confirmation(DECISION_FORM)
    with st.form(DECISION_FORM):
        st.markdown(f"**{t('review.new_decision', lang)}**")
        text = st.text_area(t("review.decision_text", lang), key="review_decision_text")
        cols = st.columns(3)
        decision_type = cols[0].selectbox(
            t("review.decision_type", lang),
            service.DECISION_TYPES,
            format_func=lambda k: t(f"review.type.{k}", lang),
            key="review_decision_type",
        )
        input_ref = cols[1].selectbox(
            t("review.decision_input", lang), [ref for ref, _ in ITEMS],
            format_func=lambda ref: f"{dict(ITEMS)[ref]} — {t(f'review.item.{ref}', lang)}",
            key="review_decision_input",
        )  # fmt: skip
        process_id = cols[2].selectbox(
            t("review.decision_process", lang), list(processes), format_func=lambda p: processes[p], index=None,
            placeholder=t("review.process_required", lang), key="review_decision_process",
        )  # fmt: skip
        cols = st.columns(2)
        owner = cols[0].selectbox(
            t("review.decision_owner", lang), [u.user_id for u in users],
            format_func=lambda uid: next(u.display_name for u in users if u.user_id == uid), index=None,
            placeholder=t("page.choose", lang), key="review_decision_owner",
        )  # fmt: skip
        due = cols[1].date_input(
            t("review.decision_due", lang),
            value=None,
            min_value=date(2000, 1, 1),
            key="review_decision_due",
            format=date_format(lang),
        )
        rationale = st.text_area(t("review.decision_argument", lang), key="review_decision_argument")
        cols = st.columns(3)
        typed = [
            number_field(t(f"review.decision_{name}", lang), None, lang, key=f"review_decision_{name}",
                         minimum=0.0, container=col)
            for col, name in zip(cols, ("cost", "benefit", "inaction"), strict=True)
        ]  # fmt: skip
        cost, benefit, inaction = (number.value for number in typed)
        if st.form_submit_button(t("review.add_decision", lang), key=submit_key(DECISION_FORM)):
            draft = service.DecisionDraft(
                input_ref=input_ref, decision_type=decision_type, text=text, owner_user_id=owner, due_on=due,
                process_id=process_id, rationale=rationale, cost=cost, expected_benefit=benefit,
                cost_of_inaction=inaction,
            )  # fmt: skip
            problems = [n.error for n in typed if n.error] + service.validate_decision(draft, options)
            if problems:
                for problem in problems:
                    st.error(escape_markdown(problem))
            else:
                try:
                    saved = service.save_decision(
                        shared_connection(view.db), view.user, options, draft, token=form_token(DECISION_FORM)
                    )
                except (service.ReviewRecordError, PermissionError) as exc:
                    st.error(escape_markdown(str(exc)))
                else:
                    _bump()
                    # A second submit of this form returns the same decision: the same confirmation.
                    form_saved(
                        DECISION_FORM, t_md("review.decision_saved", lang, id=saved["decision_id"]),
                        clear=DECISION_FIELDS,
                    )  # fmt: skip
                    st.rerun()

# --- the pack -----------------------------------------------------------------------------------------
st.header(t("review.export", lang), anchor=False)
st.caption(t("review.export_intro", lang))
formats = st.multiselect(t("review.formats", lang), FORMATS, default=list(FORMATS), key="review_formats")
if st.button(t("review.generate", lang), type="primary", disabled=not formats, key="review_generate"):
    bar = st.progress(0.0, text=t("review.generating", lang))
    fresh = build_review_pack(
        shared_connection(view.db),
        view.scope,
        view.user,
        options,
        generated_at=datetime.now().replace(microsecond=0),
    )
    out_dir = Path(tempfile.mkdtemp(prefix="smqse-pack-"))
    try:
        paths = export_pack(
            fresh, out_dir, tuple(formats),
            progress=lambda f, m: bar.progress(min(f, 1.0), text=m or t("review.generating", lang)),
        )  # fmt: skip
        st.session_state["review_files"] = [(p.name, p.read_bytes()) for p in paths]
    except ChromiumMissingError as exc:
        st.error(t("review.chromium_missing", lang, reason=exc))
    else:
        bar.empty()
        st.success(t("review.exported", lang, n=len(paths)))
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)  # the files live in the session, not on the server's disk
for name, content in st.session_state.get("review_files", []):
    st.download_button(
        t("review.download", lang, name=name), content, file_name=name, mime=MIME[name.rsplit(".", 1)[-1]],
        key=f"review_download_{name}",
    )  # fmt: skip
