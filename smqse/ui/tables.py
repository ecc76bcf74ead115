"""Every table shown to users goes through here. Streamlit's table toolbar offers "Download as CSV" of the
displayed cells, and Streamlit 1.67 can only turn that off for the whole app (client.disableDataExport), not
per table; the export is useful (numbers one click away), so instead the text cells are neutralised where
they are shown: a text starting with = + - @ tab or CR gets a leading apostrophe (smqse.textsafety).
Numbers, dates and signed numbers written as text ("-12,3 %") look the same as before.
A missing value shows as an em dash (MISSING), never the grid's default "None", which is English."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl
import streamlit as st

from smqse.frames import mapped
from smqse.textsafety import escape_markdown, formula_like, neutralise_frame

MISSING = "—"  # what an empty cell shows, in every language (smqse.i18n.format_number writes the same)


def written_numbers(frame: pl.DataFrame, writers: dict[str, Callable[[Any], str]]) -> pl.DataFrame:
    """The number columns named in `writers` as text written by smqse.i18n ("15 000", "0,92", "−12,3 %"): a
    NumberColumn's printf format always writes English numbers ("15000", "0.92"), whatever the language.
    Missing values stay missing (the grid shows MISSING)."""
    return frame.with_columns(
        mapped(frame, name, write) for name, write in writers.items() if name in frame.columns
    )


CHAR_PX = 7.5  # an average character of grid text (Source Sans, 14 px)
CELL_PADDING_PX = 24
NAME_MAX_PX = 420  # wider, a column pushes the numbers off a 1280 px screen: the name wraps there instead


def text_width(texts: list[str | None], min_px: int, max_px: int = NAME_MAX_PX) -> int:
    """A column width (px) that shows the longest of `texts` whole, between `min_px` and `max_px`: names
    were cut mid-word in fixed-width columns ("Modifications techniques traitées c")."""
    longest = max((len(text) for text in texts if text), default=0)
    return int(min(max(longest * CHAR_PX + CELL_PADDING_PX, min_px), max_px))


PRESET_WIDTHS_PX = {"small": 75, "medium": 200, "large": 400}  # Streamlit's named column widths
TEXT_COLUMN_TYPES = {None, "text"}  # Column() and TextColumn(): cells drawn as plain text


def label_width(label: str) -> int:
    """The width (px) a column's header needs to show `label` whole."""
    return int(len(label) * CHAR_PX + CELL_PADDING_PX)


def fitted_column_config(frame: pl.DataFrame, config: dict[str, Any] | None) -> dict[str, Any] | None:
    """`config` with each column given a width at least as wide as its label, and each text column given a
    width at least as wide as its longest cell (up to NAME_MAX_PX; a width set wider is kept). A fixed width
    cut headers ("Depuis le début de l'obje…", "Objective perio…") and cells mid-word ("Mettre à jour
    l'instruction de trava…"); a column without a width is sized to its cells by the grid itself."""
    if not config:
        return config
    fitted: dict[str, Any] = {}
    for name, column in config.items():
        width = (
            PRESET_WIDTHS_PX.get(column.get("width"), column.get("width"))
            if isinstance(column, dict)
            else None
        )
        if not isinstance(width, int):
            fitted[name] = column
            continue
        needed = label_width(column["label"]) if column.get("label") else 0
        kind = (column.get("type_config") or {}).get("type")
        if kind in TEXT_COLUMN_TYPES and name in frame.columns and frame.schema[name] == pl.String:
            needed = max(needed, text_width(frame[name].to_list(), 0, max(width, NAME_MAX_PX)))
        fitted[name] = {**column, "width": max(width, needed)}
    return fitted


def _as_polars(data: Any) -> pl.DataFrame:
    return data if isinstance(data, pl.DataFrame) else pl.DataFrame(data)


def render_dataframe(data: Any, **kwargs: Any) -> Any:
    """`st.dataframe` of the data with its text cells neutralised; returns what st.dataframe returns (the
    selection when `on_select` is given: row positions are unchanged).

    Given as an Arrow table: Streamlit serialises that directly, whereas a Polars frame goes through pandas
    and back to Arrow, which was a sixth of a scorecard run's time with 20 sessions at once (issue 14). Neither
    has an index to show."""
    kwargs.setdefault("placeholder", MISSING)
    frame = neutralise_frame(_as_polars(data))
    kwargs["column_config"] = fitted_column_config(frame, kwargs.get("column_config"))
    return st.dataframe(frame.to_arrow(), **kwargs)


def _restored(text: pl.Expr) -> pl.Expr:
    """The apostrophe `neutralise_frame` put before a formula-looking text taken off again (one vectorised
    pass: an entry grid holds hundreds of thousands of cells)."""
    unquoted = text.str.slice(1)
    return pl.when(text.str.starts_with("'") & formula_like(unquoted)).then(unquoted).otherwise(text)


def render_data_editor(data: Any, **kwargs: Any) -> pl.DataFrame:
    """`st.data_editor` showing neutralised text cells; the edited frame comes back with the apostrophes
    taken off again, so a text nobody touched compares equal to what was stored."""
    kwargs.setdefault("placeholder", MISSING)
    frame = neutralise_frame(_as_polars(data))
    kwargs["column_config"] = fitted_column_config(frame, kwargs.get("column_config"))
    edited = _as_polars(st.data_editor(frame, **kwargs))
    strings = [name for name, dtype in edited.schema.items() if dtype == pl.String]
    return edited.with_columns(_restored(pl.col(name)).alias(name) for name in strings)


def render_static_table(data: Any, *, alt: str) -> None:
    """`st.table` of the data: every row as tall as its text (sentences shown whole, where the grid cuts them
    after one line). Its cells are Markdown: each text is escaped so that it shows as typed (names people
    typed), after the same neutralising as the grids' (no CSV download here, one rule for every table)."""
    frame = neutralise_frame(_as_polars(data))
    strings = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    st.table(
        frame.with_columns(mapped(frame, name, escape_markdown) for name in strings), hide_index=True, alt=alt
    )


MAX_GRID_ROWS = 500  # a grid shows at most this many rows; every row is in its download


def render_capped_dataframe(
    table: pl.DataFrame,
    total: int,
    *,
    every_row: Callable[[], pl.DataFrame],
    more_text: str,
    download_label: str,
    file_name: str,
    key: str,
    **kwargs: Any,
) -> Any:
    """The grid of `table` (the first rows, already cut to at most MAX_GRID_ROWS); when `total` is larger,
    `more_text` (how many are not shown) and a CSV download of `every_row()`, built only when clicked (a
    table of hundreds of thousands of rows is never sent to the browser as a grid). The CSV's text cells are
    neutralised as the grid's are. Returns what st.dataframe returns."""
    selection = render_dataframe(table, key=key, **kwargs)
    if total > table.height:
        st.caption(more_text)
        st.download_button(
            download_label,
            data=lambda: neutralise_frame(every_row()).write_csv(include_bom=True),
            file_name=file_name,
            mime="text/csv",
            key=f"{key}_download",
            on_click="ignore",
            icon=":material/download:",
        )
    return selection
