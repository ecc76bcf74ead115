"""Display columns of large tables without a Python loop over their rows: a cell's words (an icon and a
translated word, a status said with its delay…) depend on a few columns with few distinct values, so the
words are computed once per distinct value and joined back. No Streamlit here."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import polars as pl


def words_by_value(frame: pl.DataFrame, columns: Sequence[str], words: Callable[[dict], str]) -> pl.Series:
    """`words(row)` for every row of `frame` (a dict of `columns`), in row order; `words` is called once per
    distinct combination of `columns`, so it must depend on those columns only."""
    keys = frame.select(columns)
    if keys.is_empty():
        return pl.Series("words", [], dtype=pl.String)
    distinct = keys.unique(maintain_order=True)
    texts = pl.Series("words", [words(r) for r in distinct.iter_rows(named=True)], dtype=pl.String)
    return keys.join(
        distinct.with_columns(texts), on=list(columns), how="left", nulls_equal=True, maintain_order="left"
    )["words"]


def day_text(column: str) -> pl.Expr:
    """An ISO date as text, an em dash when there is none (as the tables' `_day` does)."""
    return pl.col(column).dt.strftime("%Y-%m-%d").fill_null("—")


def first_text(*columns: str, default: str = "—") -> pl.Expr:
    """The first of the columns holding a non-empty text (Python's `a or b or default`)."""
    present = [
        pl.when(pl.col(c).cast(pl.String).str.len_chars() > 0).then(pl.col(c).cast(pl.String))
        for c in columns
    ]
    return pl.coalesce(*present, pl.lit(default))
