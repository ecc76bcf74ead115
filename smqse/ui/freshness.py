"""How old a stored analysis is, whether a refresh is running, and whether newer data are not in it yet:
a page reading stored results (smqse.refresh) says all three, never showing a stale result silently."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from smqse.i18n import format_age, t


def render_stored_freshness(report, run: dict | None, lang: str) -> None:
    """`report`: a DriftReport read from the stored rows (computed_at, stale_indicators); `run`: the latest
    refresh (smqse.refresh.latest_run)."""
    if report is None:
        return
    if report.computed_at is not None:
        st.caption(
            ":material/schedule: "
            + t("drift.computed_ago", lang, age=format_age(datetime.now() - report.computed_at, lang))
        )
    if run is not None and run["status"] == "running" and run["total"]:
        st.progress(
            min(1.0, run["done"] / run["total"]),
            text=t("drift.refreshing", lang, done=run["done"], total=run["total"]),
        )
    if report.stale_indicators:
        st.info(t("drift.stale", lang, n=report.stale_indicators), icon=":material/update:")
