"""Display columns of large tables without a Python loop over their rows: a cell's words (an icon and a
translated word, a status said with its delay…) depend on a few columns with few distinct values, so the
words are computed once per distinct value and joined back. No Streamlit here."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import polars as pl

from smqse.frames import mapped
from smqse.i18n import TABLE_DATE_LENGTH, format_date, format_datetime


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


def day_text(frame: pl.DataFrame, column: str, lang: str) -> pl.Expr:
    """A date column as the tables write it in `lang` (Babel's short form, once per distinct day), an em
    dash when there is none."""
    return mapped(frame, column, lambda d: format_date(d, lang, TABLE_DATE_LENGTH)).fill_null("—")


def moment_text(frame: pl.DataFrame, column: str, lang: str) -> pl.Expr:
    """A timestamp column as the tables write it in `lang` (`31/10/2026 14:05`), an em dash when there is
    none."""
    return mapped(frame, column, lambda m: format_datetime(m, lang, TABLE_DATE_LENGTH)).fill_null("—")


def first_text(*columns: str, default: str = "—") -> pl.Expr:
    """The first of the columns holding a non-empty text (Python's `a or b or default`)."""
    present = [
        pl.when(pl.col(c).cast(pl.String).str.len_chars() > 0).then(pl.col(c).cast(pl.String))
        for c in columns
    ]
    return pl.coalesce(*present, pl.lit(default))
