"""Steer — monthly entry: a pilot enters or corrects this month's values for their own indicators and sites,
with the import's validation, a reason for every correction, and every change logged."""

from datetime import date

import polars as pl
import streamlit as st

from smqse import data_entry as service
from smqse import ingest
from smqse.db import shared_connection
from smqse.i18n import format_month, t
from smqse.textsafety import escape_markdown
from smqse.ui.state import current_view
from smqse.ui.tables import render_data_editor, render_dataframe
from smqse.ui.widgets import render_page_header, render_viewer_caption

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
month = st.selectbox(
    t("entry.month", lang), choices, format_func=lambda m: format_month(m, lang), key="entry_month"
)

# The grid the user is typing into is kept until it is saved: the data editor applies the typed cells by row
# position, so a grid read again at the save (where the QSE lead added an indicator meanwhile) would drop
# them (another row count resets the editor) or put them on the wrong row. Reloaded whenever nothing is
# pending, so other people's values appear.
editor_key = f"entry_grid_{month:%Y-%m}"
shown_key = f"entry_grid_shown_{view.user.user_id}_{month:%Y-%m}"
pending = (st.session_state.get(editor_key) or {}).get("edited_rows")
original = st.session_state.get(shown_key) if pending else None
if original is None:
    original = service.load_entry_grid(con, view.user, month)
    st.session_state[shown_key] = original
labels = {
    "indicator": t("entry.col.indicator", lang),
    "site_name": t("entry.col.site", lang),
    "unit": t("entry.col.unit", lang),
    "value": t("entry.col.value", lang),
    "numerator": t("entry.col.numerator", lang),
    "denominator": t("entry.col.denominator", lang),
    "comment": t("entry.col.comment", lang),
    "version": t("entry.col.version", lang),
}
grid = original.select(
    "indicator_id",
    "site_id",
    pl.col(f"name_{lang}").alias("indicator"),
    "site_name",
    "unit",
    "value",
    "numerator",
    "denominator",
    "comment",
    "version",
)
with st.form(f"entry_form_{month:%Y-%m}"):
    edited = render_data_editor(
        grid,
        hide_index=True,
        disabled=["indicator_id", "site_id", "indicator", "site_name", "unit", "version"],
        column_config={
            "indicator_id": None,
            "site_id": None,
            **{
                k: st.column_config.Column(v)
                for k, v in labels.items()
                if k not in ("value", "numerator", "denominator")
            },
            "value": st.column_config.NumberColumn(labels["value"], format="%.4g"),
            "numerator": st.column_config.NumberColumn(labels["numerator"]),
            "denominator": st.column_config.NumberColumn(labels["denominator"]),
        },
        key=editor_key,
    )
    reason = st.text_input(t("entry.reason", lang), help=t("entry.reason_help", lang), key="entry_reason")
    submitted = st.form_submit_button(t("entry.save", lang), type="primary")

if submitted:
    changes = service.changed_rows(
        original, pl.DataFrame(edited) if not isinstance(edited, pl.DataFrame) else edited, month
    )
    if changes.is_empty():
        st.info(t("entry.nothing", lang))
    elif service.is_correction(original, changes) and not reason.strip():
        st.error(t("entry.reason_required", lang))
    else:
        result = ingest.import_frame(
            con, changes, kind="measurements", user=view.user, file_name=f"entry {month:%Y-%m}",
            lang=lang, reason=reason.strip() or None, source="entry",
        )  # fmt: skip
        if result.problems:
            st.error(t("entry.refused", lang, n=len(result.problems)))
            for problem in result.problems:
                st.markdown(f"- {escape_markdown(problem.message)}")  # quotes the typed values
        else:
            st.cache_data.clear()
            st.session_state.pop(shown_key, None)
            st.success(
                t("entry.saved", lang, rows=result.rows, new=result.new_rows, versions=result.new_versions)
            )

# --- a value's history: every version kept, with who, when, where from and why ------------------------
st.subheader(t("entry.history", lang), anchor=False)
pairs = [(r["indicator_id"], r["site_id"]) for r in original.iter_rows(named=True)]
names = {
    (r["indicator_id"], r["site_id"]): f"{r[f'name_{lang}']} — {r['site_name']}"
    for r in original.iter_rows(named=True)
}
pair = st.selectbox(t("entry.history_pick", lang), pairs, format_func=names.get, key="entry_history_pair")
if pair is not None:
    versions = service.load_measurement_history(con, view.scope, pair[0], pair[1], month)
    if versions.is_empty():
        st.markdown(t("entry.history_none", lang))
    else:
        render_dataframe(
            versions.select(
                pl.col("version").alias(t("entry.col.version", lang)),
                pl.col("value").alias(t("entry.col.value", lang)),
                pl.col("numerator").alias(t("entry.col.numerator", lang)),
                pl.col("denominator").alias(t("entry.col.denominator", lang)),
                pl.col("comment").alias(t("entry.col.comment", lang)),
                pl.col("entered_by_name").alias(t("entry.col.entered_by", lang)),
                pl.col("entered_at").dt.strftime("%Y-%m-%d %H:%M").alias(t("entry.col.entered_at", lang)),
                pl.col("file_name")
                .fill_null(t("entry.source_form", lang))
                .alias(t("entry.col.source", lang)),
                pl.col("reason").alias(t("entry.col.reason", lang)),
            ),
            hide_index=True,
            alt=t("entry.history_alt", lang),
        )
