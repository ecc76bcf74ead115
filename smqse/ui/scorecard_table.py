"""The scorecard table's columns, as the scorecard and "My indicators" show them: one definition, so the two
pages' tables read alike (widths, help texts, the sparkline and its trend in words)."""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl
import streamlit as st

from smqse.i18n import format_month_short, t
from smqse.ui.tables import text_width

# The columns both pages show, in order; the scorecard adds the latest month and the classification.
MAIN_COLUMNS = ["indicator_id", "status", "indicator", "ytd", "objective", "trend", "trend_words", "signal"]
DETAIL_COLUMNS = ["latest", "domain", "process", "kind"]


def scorecard_columns(
    table: pl.DataFrame, labels: dict[str, str], lang: str, latest_month: date | None = None
) -> tuple[list[str], dict[str, Any]]:
    """The column order and configuration of a scorecard table; with `latest_month`, also the latest value
    and the domain, process and kind columns (the scorecard's)."""
    config: dict[str, Any] = {
        "indicator_id": st.column_config.TextColumn(labels["indicator_id"], width=105, pinned=True),
        "status": st.column_config.TextColumn(labels["status"], width=140, help=t("table.status_help", lang)),
        "indicator": st.column_config.TextColumn(
            labels["indicator"], width=text_width(table["indicator"].to_list(), 210)
        ),
        "ytd": st.column_config.TextColumn(
            labels["ytd"], width=150, help=t("table.ytd_help", lang), alignment="right"
        ),
        "objective": st.column_config.TextColumn(
            labels["objective"], width=110, help=t("table.objective_help", lang), alignment="right"
        ),
        "trend": st.column_config.LineChartColumn(labels["trend"], width=110),
        "trend_words": st.column_config.TextColumn(labels["trend_words"], width=230),
        "signal": st.column_config.TextColumn(
            labels["signal"],
            width=text_width(table["signal"].to_list(), 235),
            help=t("table.signal_help", lang),
        ),
    }
    if latest_month is None:
        return MAIN_COLUMNS, config
    config |= {
        "latest": st.column_config.TextColumn(
            t("table.latest_month", lang, month=format_month_short(latest_month, lang)), alignment="right"
        ),
        "domain": st.column_config.TextColumn(labels["domain"]),
        "process": st.column_config.TextColumn(labels["process"]),
        "kind": st.column_config.TextColumn(labels["kind"], help=t("table.kind_help", lang)),
    }
    return MAIN_COLUMNS + DETAIL_COLUMNS, config
