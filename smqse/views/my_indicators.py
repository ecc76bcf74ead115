"""What needs attention in a scope at a month: the data path of the "My indicators" page. No Streamlit.

Most urgent first (ranking in `smqse.analysis.attention`):

1. missing data — a value for the as-of month is missing on a site that reported in the 12 months before
   (one item per indicator and site: it must be entered);
2. objective missed — the value since the objective's start (kpi.compute_objective_status) misses it;
3. unfavourable signal — a real movement (process behaviour chart) in the wrong direction;
4. objective at risk — between the objective and its alert threshold;
5. status worsened since last month.

Each indicator appears once at most among kinds 2–5, under its most urgent one. The rows after the items
(`kind == "all_clear"`, `needs_attention` false) are the indicators of the scope that need nothing.
"""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl

from smqse.analysis import attention
from smqse.db import run_query
from smqse.scope import Scope
from smqse.views.scorecard import load_scorecard


def load_missing_values(
    scope: Scope, as_of: date, con: duckdb.DuckDBPyConnection | None = None
) -> pl.DataFrame:
    """(indicator, site) pairs in scope that reported in the 12 months before `as_of` but not in it."""
    return run_query(
        "attention_missing_values", con=con, as_of_month=date(as_of.year, as_of.month, 1), **scope.params()
    )


def compute_from_scorecard(
    rows: pl.DataFrame, scope: Scope, as_of: date, con: duckdb.DuckDBPyConnection | None = None
) -> pl.DataFrame:
    """The attention list from scorecard rows already loaded (the page has them for its table)."""
    as_of = date(as_of.year, as_of.month, 1)
    return attention.compute_attention(rows, load_missing_values(scope, as_of, con), as_of)


def load_attention(scope: Scope, as_of: date, con: duckdb.DuckDBPyConnection | None = None) -> pl.DataFrame:
    """One row per attention item, most urgent first, then one `all_clear` row per indicator that needs
    nothing. Columns: `smqse.analysis.attention.ITEM_SCHEMA` — indicator_id, name_fr, name_en, process_id,
    site_id (missing data only), kind, severity (1 = most urgent), needs_attention, period, and the facts
    a sentence needs (status, previous_status, worsened, also_signal, ytd_value, target_due, signal_*,
    last_period, pilot_name…). An empty scope gives an empty frame."""
    if scope.is_empty:
        return attention.empty_items()
    as_of = date(as_of.year, as_of.month, 1)
    card = load_scorecard(scope, as_of, con)
    return compute_from_scorecard(card.rows, scope, as_of, con)
