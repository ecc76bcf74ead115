"""Steer — monthly entry: a pilot enters or corrects this month's values for their own indicators and sites,
with the import's validation, a reason for every correction, and every change logged."""

import contextlib
import functools
from datetime import date

import polars as pl
import streamlit as st

from smqse import ingest, month_state
from smqse.db import shared_connection
from smqse.i18n import t, table_date_pattern
from smqse.textsafety import escape_markdown
from smqse.ui import data
from smqse.ui.forms import form_token, renew_form_token
from smqse.ui.state import current_view
from smqse.ui.tables import render_data_editor, render_dataframe, written_numbers
from smqse.ui.widgets import render_page_header, render_viewer_caption
from smqse.views import entry as service

view = current_view()
lang = view.lang
con = shared_connection(view.db)

render_page_header(view, "entry")
render_viewer_caption(view)
st.caption(t("entry.intro", lang))

if not service.can_enter(view.user):
    st.info(t("entry.not_allowed", lang), icon=":material/lock:")
    st.stop()

choices = service.entry_months(view.months[-1] if view.months else None, date.today())
# Opens on what the user owes (the earliest month with a value missing); after a save, stays on the month
# saved: the labels (counts) change, which makes a new widget, so the month chosen is kept aside.
owed = service.owed_by_month(con, view.user, choices, date.today())
kept = st.session_state.get("entry_month_kept")
# A reminder's link (monthly-entry?month=YYYY-MM, smqse.reminders) opens on its month: applied once (a later
# choice on the page is the user's).
linked = st.query_params.get("month")
if linked and linked != st.session_state.get("entry_month_link_seen"):
    with contextlib.suppress(ValueError):  # not a month: the page opens as usual
        kept = date.fromisoformat(f"{linked}-01")
st.session_state["entry_month_link_seen"] = linked
if kept not in choices:
    kept = service.opening_month(owed, choices, month_state.closed_months(con))
month = st.selectbox(
    t("entry.month", lang), choices, index=choices.index(kept) if kept in choices else 0,
    format_func=lambda m: service.month_label(m, owed.get(m, 0), lang), key="entry_month",
)  # fmt: skip
st.session_state["entry_month_kept"] = month

# The grid the user is typing into is kept until it is saved: the data editor applies the typed cells by row
# position, so a grid read again at the save (where the QSE lead added an indicator meanwhile) would drop
# them (another row count resets the editor) or put them on the wrong row. Reloaded whenever nothing is
# pending, so other people's values appear.
editor_key = f"entry_grid_{month:%Y-%m}"
shown_key = f"entry_grid_shown_{view.user.user_id}_{month:%Y-%m}"
# Kept with the grid: last month's and last year's values it shows, not its whole history (a million values
# at enterprise scale, held per session: issue 14); the history of the indicators entered is read at the save.
previous_key = f"entry_grid_previous_{view.user.user_id}_{month:%Y-%m}"
pending = (st.session_state.get(editor_key) or {}).get("edited_rows")
original = st.session_state.get(shown_key) if pending else None
if original is None:
    original = service.load_entry_grid(con, view.user, month)
    st.session_state[shown_key] = original
    st.session_state.pop(previous_key, None)
if previous_key not in st.session_state:  # read with the grid, kept with it
    st.session_state[previous_key] = service.load_entry_previous(con, view.user, month)
previous = st.session_state[previous_key]
# The grid as shown (every number written in the user's language: seconds for tens of thousands of cells) is
# built again only when what it shows changed, not on every rerun.
view_key = f"entry_grid_view_{view.user.user_id}_{month:%Y-%m}"
built = st.session_state.get(view_key)
if built is not None and built[0] == lang and built[1].equals(original) and built[2].equals(previous):
    grid = built[3]
else:
    grid = service.entry_grid_view(original, previous, month, lang)
    st.session_state[view_key] = (lang, original, previous, grid)

text = st.column_config.TextColumn
read_only = [
    "indicator",
    "site_name",
    "unit",
    "range",
    "last_month",
    "last_year",
    "ratio",
    "computed",
    "version",
]
with st.form(f"entry_form_{month:%Y-%m}"):
    edited = render_data_editor(
        grid,
        hide_index=True,
        disabled=["indicator_id", "site_id", *read_only],
        column_config={
            "indicator_id": None,
            "site_id": None,
            # Pinned: the row's indicator and site stay in view while typing in the columns on the right.
            "indicator": text(t("entry.col.code_name", lang), pinned=True),
            "site_name": text(t("entry.col.site", lang), pinned=True),
            "unit": text(t("entry.col.unit", lang)),
            "range": text(t("entry.col.range", lang)),
            "last_month": text(t("entry.col.last_month", lang)),
            "last_year": text(t("entry.col.last_year", lang)),
            "ratio": text(t("entry.col.ratio", lang)),
            # Text, not NumberColumn: the browser's number cell drops a decimal comma (91,5 became 915).
            "value": text(t("entry.col.value", lang), help=t("entry.value_help", lang)),
            "computed": text(t("entry.col.computed", lang), help=t("entry.computed_help", lang)),
            "numerator": text(t("entry.col.numerator", lang), help=t("entry.number_help", lang)),
            "denominator": text(t("entry.col.denominator", lang), help=t("entry.number_help", lang)),
            "comment": text(t("entry.col.comment", lang)),
            "version": st.column_config.NumberColumn(t("entry.col.version", lang)),
        },
        key=editor_key,
    )
    corrections_possible = original["version"].is_not_null().any()
    reason = (
        st.text_input(
            t("entry.reason_corrections", lang), help=t("entry.reason_help", lang), key="entry_reason"
        )
        if corrections_possible
        else ""
    )
    confirm = st.checkbox(
        t("entry.confirm_unusual", lang), help=t("entry.confirm_unusual_help", lang), key="entry_confirm"
    )
    submitted = st.form_submit_button(t("entry.save", lang), type="primary")

if submitted:
    edited = edited if isinstance(edited, pl.DataFrame) else pl.from_pandas(edited)
    changes = service.changed_rows(original, edited, month, lang)
    refused = service.ratio_value_problems(original, changes, lang)
    if changes.is_empty():
        st.info(t("entry.nothing", lang))
    elif refused:
        st.error(t("entry.refused", lang, n=len(refused)))
        st.markdown("\n".join(f"- {escape_markdown(s)}" for s in refused))
    elif service.is_correction(original, changes) and not reason.strip():
        st.error(t("entry.reason_required", lang))
    else:
        options = dict(kind="measurements", user=view.user, file_name=f"entry {month:%Y-%m}", lang=lang,
                       reason=reason.strip() or None, source="entry")  # fmt: skip
        checked = ingest.import_frame(con, changes, dry_run=True, **options)
        unusual = (
            []
            if checked.problems
            else service.unusual_entries(con, view.user, checked.preview, original, month, lang)
        )
        # A confirmation holds for the values it was given for, not for others typed after it.
        confirmed = confirm and st.session_state.get("entry_unusual_shown") == unusual
        if checked.problems:
            sentences = service.problem_sentences(checked.problems, changes, original, lang)
            st.error(t("entry.refused", lang, n=len(sentences)))
            st.markdown("\n".join(f"- {escape_markdown(s)}" for s in sentences))
        elif unusual and not confirmed:
            st.session_state["entry_unusual_shown"] = unusual
            st.warning(t("entry.unusual_heading", lang))
            st.markdown("\n".join(f"- {escape_markdown(s)}" for s in unusual))
        else:
            result = ingest.import_frame(
                con, changes, token=form_token(f"entry_form_{month:%Y-%m}"), **options
            )
            if result.problems:
                sentences = service.problem_sentences(result.problems, changes, original, lang)
                st.error(t("entry.refused", lang, n=len(sentences)))
                st.markdown("\n".join(f"- {escape_markdown(s)}" for s in sentences))
            else:
                data.clear_after_measurements()
                st.session_state.pop(shown_key, None)
                st.session_state.pop("entry_unusual_shown", None)
                renew_form_token(f"entry_form_{month:%Y-%m}")  # the next save is a new submission
                st.success(service.saved_summary(result, lang))

# --- a value's history: every version kept, with who, when, where from and why ------------------------
st.header(t("entry.history", lang), anchor=False)
pairs = list(zip(original["indicator_id"].to_list(), original["site_id"].to_list(), strict=True))
shown_names = original.select(
    pl.format("{} — {}", *(pl.col(c).cast(pl.String).fill_null("—") for c in (f"name_{lang}", "site_name")))
)
names = dict(zip(pairs, shown_names.to_series().to_list(), strict=True))
pair = st.selectbox(t("entry.history_pick", lang), pairs, format_func=names.get, key="entry_history_pair")
if pair is not None:
    versions = service.load_measurement_history(con, view.scope, pair[0], pair[1], month)
    if versions.is_empty():
        st.markdown(t("entry.history_none", lang))
    else:
        # Numbers as the grid writes them (every decimal kept), not Streamlit's "15000.0000".
        exact = {
            c: functools.partial(service.exact_text, lang=lang) for c in ("value", "numerator", "denominator")
        }
        render_dataframe(
            written_numbers(versions, exact).select(
                pl.col("version").alias(t("entry.col.version", lang)),
                pl.col("value").alias(t("entry.col.value", lang)),
                pl.col("numerator").alias(t("entry.col.numerator", lang)),
                pl.col("denominator").alias(t("entry.col.denominator", lang)),
                pl.col("comment").alias(t("entry.col.comment", lang)),
                pl.col("entered_by_name").alias(t("entry.col.entered_by", lang)),
                pl.col("entered_at").alias(t("entry.col.entered_at", lang)),
                pl.col("file_name")
                .fill_null(t("entry.source_form", lang))
                .alias(t("entry.col.source", lang)),
                pl.col("reason").alias(t("entry.col.reason", lang)),
            ),
            hide_index=True,
            # A real timestamp column (the grid sorts it by time), written the language's way.
            column_config={
                t("entry.col.entered_at", lang): st.column_config.DatetimeColumn(
                    format=table_date_pattern(lang, True)
                )
            },
            alt=t("entry.history_alt", lang),
        )
