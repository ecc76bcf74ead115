"""Small Polars helpers shared by the views, the charts and the pages."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl


def mapped(frame: pl.DataFrame, column: str, fn: Callable[[object], str]) -> pl.Expr:
    """`fn` (a label, a formatted month…) applied to `column` of `frame`, as an expression over its distinct
    values. Not `map_elements`: a Python callback run inside Polars' thread pool deadlocked concurrent
    Streamlit sessions (20 sessions on the scorecard hung for good). Nulls stay null."""
    values = frame.get_column(column).drop_nulls().unique().to_list()
    return pl.col(column).replace_strict({v: fn(v) for v in values}, default=None, return_dtype=pl.String)
