"""The month's completeness on every page that computes statuses on it: one line "values in / expected ·
state" (word + icon), a warning when the month is provisional, the breakdown by site and process one click
away, and a badge beside the statuses themselves."""

from __future__ import annotations

import polars as pl
import streamlit as st

from smqse.i18n import format_datetime, format_month, format_percent, t, t_md
from smqse.month_state import CLOSED, COMPLETE, PROVISIONAL, MonthState
from smqse.ui import data
from smqse.ui.state import ViewContext
from smqse.ui.tables import render_dataframe

# Markdown icons from the Material Symbols font Streamlit ships (never a colour emoji).
STATE_ICONS = {
    PROVISIONAL: ":material/warning:",
    COMPLETE: ":material/check_circle:",
    CLOSED: ":material/lock:",
}


def month_state_line(state: MonthState, lang: str) -> str:
    line = t(
        "month.line",
        lang,
        icon=STATE_ICONS[state.state],
        month=format_month(state.month, lang),
        values_in=state.values_in,
        expected=state.values_expected,
        ratio=format_percent(state.ratio, lang),
        state=t(f"month.state.{state.state}", lang),
    )
    if state.closed_at is not None:
        by = state.closed_by_name or state.closed_by
        line += " · " + t_md(
            "month.line_closed", lang, at=format_datetime(state.closed_at, lang, "long"), by=by
        )
    return line


def _breakdown(frame: pl.DataFrame, name_col: str, heading: str, lang: str) -> None:
    shares = frame.select(
        pl.when(pl.col("values_expected") > 0)
        .then(pl.col("values_in") / pl.col("values_expected"))
        .otherwise(1.0)
    ).to_series()
    # Formatted in Python, not with map_elements: a Python callback inside Polars deadlocked concurrent sessions.
    table = frame.select(
        pl.col(name_col).alias(heading),
        pl.col("values_in").alias(t("month.col.values_in", lang)),
        pl.col("values_expected").alias(t("month.col.values_expected", lang)),
    ).with_columns(pl.Series(t("month.col.ratio", lang), [format_percent(s, lang) for s in shares], pl.Utf8))
    render_dataframe(table, hide_index=True)


def render_month_state(view: ViewContext) -> MonthState | None:
    """The as-of month's completeness for the view's scope; returns it so the page can mark its statuses."""
    if view.as_of is None or view.scope.is_empty:
        return None
    state = data.month_state(view.scope, view.as_of, view.db)
    lang = view.lang
    line = month_state_line(state, lang)
    if state.is_provisional:
        threshold = format_percent(state.threshold, lang)
        st.warning(t("month.provisional_note", lang, threshold=threshold) + "\n\n" + line)
    else:
        st.caption(line)
    with st.expander(t("month.breakdown", lang), icon=":material/fact_check:"):
        left, right = st.columns(2)
        with left:
            _breakdown(state.by_site, "site_name", t("month.col.site", lang), lang)
        with right:
            name_col = "process_name_fr" if lang == "fr" else "process_name_en"
            _breakdown(state.by_process, name_col, t("month.col.process", lang), lang)
    return state


def render_provisional_badge(state: MonthState | None, lang: str) -> None:
    """Beside statuses computed on the month: said in words and with an icon, not by colour alone."""
    if state is not None and state.is_provisional:
        st.caption(t("month.status_badge", lang))
