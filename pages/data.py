"""Data — imports (check, preview, confirm), templates per kind, import history, completeness per pilot."""

import functools
import hashlib
from datetime import date

import polars as pl
import streamlit as st

from smqse import ingest
from smqse import month_state as months
from smqse.db import shared_connection
from smqse.frames import mapped
from smqse.i18n import format_month, format_month_short, format_number, format_percent, t, table_date_pattern
from smqse.ingest import limits
from smqse.model import Role
from smqse.ui import data
from smqse.ui.a11y import render_button_name
from smqse.ui.month import month_state_line
from smqse.ui.state import current_view
from smqse.ui.tables import render_dataframe
from smqse.ui.widgets import render_page_header, render_viewer_caption
from smqse.views import entry as service
from smqse.views.data import check_summary, import_summary, preview_for_display

CLOSE_FLASH = "_month_close_flash"

view = current_view()
lang = view.lang
con = shared_connection(view.db)

render_page_header(view, "data")
render_viewer_caption(view)
st.caption(t("data.intro", lang))

can_import = view.user.role != Role.VIEWER
tab_import, tab_templates, tab_history, tab_completeness = st.tabs(
    [
        t("data.tab.import", lang),
        t("data.tab.templates", lang),
        t("data.tab.history", lang),
        t("data.tab.completeness", lang),
    ]
)


def _problems_table(problems: list) -> pl.DataFrame:
    return pl.DataFrame(
        {
            t("data.col.file", lang): [p.file for p in problems],
            t("data.col.row", lang): [p.row for p in problems],
            t("data.col.column", lang): [p.column or "—" for p in problems],
            t("data.col.problem", lang): [p.message for p in problems],
        },
        schema={
            t("data.col.file", lang): pl.String,
            t("data.col.row", lang): pl.Int64,
            t("data.col.column", lang): pl.String,
            t("data.col.problem", lang): pl.String,
        },
    )


def _show_problems(result: ingest.ImportResult) -> None:
    """The first problems (the import keeps no more), their total in the headline."""
    st.error(t("data.refused", lang, n=result.problem_count), icon=":material/error:")  # n written by tn
    problems = result.problems
    render_dataframe(_problems_table(problems), hide_index=True, alt=t("data.problems_alt", lang))


UPLOADER = ".st-key-data_upload [data-testid='stFileUploaderDropzone']"


def uploader_style(button: str) -> str:
    """CSS that hides the drop zone's English instructions and writes `button` in place of its English
    "Upload": the word hidden (hidden text is left out of the button's accessible name), the generated
    text shown (and read) instead."""
    words = button.replace("\\", "").replace('"', "")
    return (
        "<style>"
        f"{UPLOADER} [data-testid='stFileUploaderDropzoneInstructions'] {{display: none;}}"
        f"{UPLOADER} button [data-testid='stMarkdownContainer'] p {{visibility: hidden; font-size: 0;}}"
        f"{UPLOADER} button [data-testid='stMarkdownContainer'] p::after "
        f'{{content: "{words}"; visibility: visible; font-size: 1rem;}}'
        "</style>"
    )


with tab_import:
    if not can_import:
        st.info(t("data.not_allowed", lang), icon=":material/lock:")
    else:
        uploaded = st.file_uploader(
            t("data.upload", lang),
            type=["csv", "txt", "xlsx"],
            help=t("data.upload_help", lang),
            key="data_upload",
        )
        # Streamlit's drop zone writes "Drag and drop file here", "50MB per file" and "Upload" in English and
        # cannot be given other texts (st.file_uploader takes a label only): hidden, and said in the user's
        # language (the button through CSS, the rest in a caption).
        st.html(uploader_style(t("words.upload_button", lang)))
        render_button_name(f"{UPLOADER} button", t("words.upload_button", lang))
        st.caption(
            t(
                "words.upload_instructions",
                lang,
                size=format_number(st.get_option("server.maxUploadSize"), lang),
            )
        )
        kind = st.selectbox(
            t("data.kind", lang), [None, *ingest.KINDS], key="data_kind",
            format_func=lambda k: t("data.kind_auto", lang) if k is None else t(f"data.kind.{k}", lang),
        )  # fmt: skip
        if uploaded is not None:
            content = uploaded.getvalue()
            # The check reads the whole file: once per file, kind and language, not on every rerun.
            check_key = (hashlib.sha256(content).hexdigest(), uploaded.name, kind, lang, view.user.user_id)
            if st.session_state.get("data_check_key") != check_key:
                # Kept in the session: the first problems and a bounded preview, never the file's rows.
                st.session_state["data_check"] = ingest.import_bytes(
                    con, content, uploaded.name, user=view.user, kind=kind, dry_run=True, lang=lang
                ).for_display(limits.PREVIEW_ROWS)
                st.session_state["data_check_key"] = check_key
            check = st.session_state["data_check"]
            if check.problems:
                _show_problems(check)
            else:
                st.success(check_summary(check, lang))
                with st.expander(t("data.preview", lang), expanded=True):
                    if check.preview.height < check.rows:
                        st.caption(t("data.preview_first", lang, shown=check.preview.height, rows=check.rows))
                    render_dataframe(
                        preview_for_display(check.preview, check.kind, lang),
                        hide_index=True,
                        alt=t("data.preview_alt", lang),
                    )
                if st.session_state.get("data_imported_sha") == check.sha256:
                    st.info(t("data.already_imported", lang), icon=":material/check_circle:")
                elif st.button(t("data.confirm", lang), type="primary", key="data_confirm"):
                    done = ingest.import_bytes(
                        con, content, uploaded.name, user=view.user, kind=kind, lang=lang
                    )
                    if done.problems:
                        _show_problems(done)
                    else:
                        st.session_state["data_imported_sha"] = done.sha256  # one click, one import
                        data.clear_after_measurements()
                        data.clear_after_action_change()  # a file of events or actions
                        st.success(import_summary(done, lang))

with tab_templates:
    st.caption(t("data.template_intro", lang))
    for kind in ingest.KINDS:
        st.download_button(
            t("data.template_download", lang, kind=t(f"data.kind.{kind}", lang)),
            # Built when clicked (then cached), not five workbooks on every first view of the page.
            data=functools.partial(data.template_workbook, kind, view.scope, lang, view.db),
            file_name=f"smqse-{kind}-template.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"data_template_{kind}",
        )

with tab_history:
    history = service.load_import_history(con, view.scope, view.user)
    if history.is_empty():
        st.markdown(t("data.history_empty", lang))
    else:
        render_dataframe(
            history.select(
                pl.col("import_id").alias("#"),
                pl.col("file_name").alias(t("data.col.file", lang)),
                mapped(history, "kind", lambda k: t(f"data.kind.{k}", lang)).alias(t("data.col.kind", lang)),
                pl.col("row_count").alias(t("data.col.rows", lang)),
                pl.col("importer_name").alias(t("data.col.by", lang)),
                pl.col("imported_at").alias(t("data.col.at", lang)),
                pl.col("sha256").alias(t("data.col.sha256", lang)),
            ),
            hide_index=True,
            # A real timestamp column (the grid sorts it by time), written the language's way.
            column_config={
                t("data.col.at", lang): st.column_config.DatetimeColumn(format=table_date_pattern(lang, True))
            },
            alt=t("data.history_alt", lang),
        )


def _render_month_close() -> None:
    """The QSE lead's (or a director's) "close the month": the month's completeness, for the whole
    organisation, shown before the confirmation."""
    st.header(t("month.close.title", lang), anchor=False)
    st.caption(t("month.close.intro", lang))
    flash = st.session_state.pop(CLOSE_FLASH, None)
    if flash:
        closed_now, message = flash
        (st.success if closed_now else st.info)(message)
    if not months.can_close(view.user):
        st.info(t("month.close.not_allowed", lang), icon=":material/lock:")
        return
    choices = list(reversed(view.months))[:12]
    if not choices:
        return
    month = st.selectbox(
        t("month.close.month", lang),
        choices,
        format_func=lambda m: format_month(m, lang),
        key="month_close_month",
    )
    state = months.compute_month_state(con, data.allowed_scope(view.user, view.db), month)
    st.markdown(month_state_line(state, lang))
    if state.state == months.CLOSED:
        return
    if state.is_provisional:
        st.warning(t("month.close.below_threshold", lang, threshold=format_percent(state.threshold, lang)))
    with st.form("month_close_form", clear_on_submit=True):
        note = st.text_input(t("month.close.note", lang), max_chars=300)
        confirmed = st.checkbox(
            t("month.close.confirm", lang, month=format_month(month, lang), values_in=state.values_in,
              expected=state.values_expected, ratio=format_percent(state.ratio, lang))
        )  # fmt: skip
        submitted = st.form_submit_button(t("month.close.button", lang))
    if submitted and not confirmed:
        st.warning(t("month.close.confirm_needed", lang))
    if submitted and confirmed:
        try:
            outcome = months.close_month(con, view.user, month, lang=lang, note=note)
        except PermissionError as exc:
            st.error(str(exc))
            return
        data.clear_after_month_close()
        # Shown after the rerun, above the month's line as it now is (closed).
        st.session_state[CLOSE_FLASH] = (outcome.closed_now, outcome.message)
        st.rerun()


with tab_completeness:
    _render_month_close()
    st.divider()
    st.caption(t("data.completeness_intro", lang, day=service.DUE_DAY))
    frame = service.load_completeness(con, view.scope, view.as_of, date.today())
    summary = service.summarise_completeness(frame)
    render_dataframe(
        summary.select(
            pl.col("pilot_name").fill_null("—").alias(t("data.col.pilot", lang)),
            mapped(summary, "period_month", lambda m: format_month_short(m, lang)).alias(
                t("data.col.month", lang)
            ),
            pl.col("expected").alias(t("data.col.expected", lang)),
            pl.col("on_time").alias(t("data.col.on_time", lang)),
            pl.col("late").alias(t("data.col.late", lang)),
            pl.col("missing").alias(t("data.col.missing", lang)),
            pl.col("not_due").alias(t("data.col.not_due", lang)),
        ),
        hide_index=True,
        alt=t("data.completeness_alt", lang),
    )
    gaps = frame.filter(pl.col("state").is_in(["missing", "late"]))
    st.markdown(f"**{t('data.missing_heading', lang)}**")
    if gaps.is_empty():
        st.markdown(t("data.all_complete", lang))
    else:
        render_dataframe(
            gaps.select(
                pl.col(f"name_{lang}").alias(t("data.col.indicator", lang)),
                pl.col("site_name").alias(t("data.col.site", lang)),
                pl.col("pilot_name").fill_null("—").alias(t("data.col.pilot", lang)),
                mapped(gaps, "period_month", lambda m: format_month_short(m, lang)).alias(
                    t("data.col.month", lang)
                ),
                mapped(gaps, "state", lambda s: t(f"data.state.{s}", lang)).alias(t("data.col.state", lang)),
                pl.col("due_on").cast(pl.String).alias(t("data.col.due", lang)),
            ),
            hide_index=True,
            alt=t("data.missing_alt", lang),
        )
