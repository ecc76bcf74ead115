"""Text written by people, made safe where it is shown or saved. No Streamlit here: export, ingest and ui
all use these two rules.

- Spreadsheet cells (OWASP "CSV injection"): a text starting with = + - @ tab or carriage return is read as a
  formula by Excel and LibreOffice (=HYPERLINK(...) becomes a live link, =cmd|... a command). Such a text
  gets a leading apostrophe in CSV and in displayed tables; in an XLSX it is stored as a string with Excel's
  quote prefix. Numbers stay numbers (a negative number is data, not a formula).
- Markdown: Streamlit renders labels, captions and messages as Markdown (plus its own :color[...],
  :material/...:, $LaTeX$ and <autolinks>). A name or a note inserted there is escaped so that it shows as
  typed, never as an image fetched from elsewhere or a live link.
"""

from __future__ import annotations

import re
from typing import Any

import polars as pl

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Every ASCII punctuation character: CommonMark shows "\x" as "x" for each of them, so escaping them all is
# invisible on normal text and disarms every construct (links, images, emphasis, headings, lists, tables,
# autolinks, Streamlit's directives and LaTeX).
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
# A line break would start a new block (heading, list, quote): inside a label it becomes a space.
_LINE_BREAKS = re.compile(r"[\r\n]+")
# A signed number as the tables show it ("-12,3 %", "+1 234.5"): a spreadsheet reads it as a number, no
# formula can hide in it, and an apostrophe would change how a normal table looks.
_SIGNED_NUMBER = re.compile(r"[+-]?\d[\d.,\u202f\u00a0 ]*(?:[\u00a0 ]?%)?")


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet would read this text as a formula."""
    return text.startswith(FORMULA_TRIGGERS) and _SIGNED_NUMBER.fullmatch(text) is None


def neutralise_cell(value: Any) -> Any:
    """A cell value safe for CSV: formula-looking text gets a leading apostrophe, anything else is kept."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


# `is_formula_like` as Polars expressions (Rust regex: `\d` is Unicode there as in Python), so that a table of
# hundreds of thousands of cells is neutralised in one vectorised pass, not a Python call per cell.
_STARTS_LIKE_FORMULA = "^[" + "".join("\\" + c if c in "-^]\\" else c for c in FORMULA_TRIGGERS) + "]"
_WHOLE_SIGNED_NUMBER = "^(?:" + _SIGNED_NUMBER.pattern + ")$"


def formula_like(text: pl.Expr) -> pl.Expr:
    """`is_formula_like` of each text of a String expression (null for null)."""
    return text.str.contains(_STARTS_LIKE_FORMULA) & ~text.str.contains(_WHOLE_SIGNED_NUMBER)


def _neutralised(text: pl.Expr) -> pl.Expr:
    return pl.when(formula_like(text)).then(pl.lit("'") + text).otherwise(text)


def neutralise_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Every text cell (and column name) of a frame neutralised; numbers, dates and booleans untouched."""
    texts = [name for name, dtype in frame.schema.items() if dtype in (pl.String, pl.Categorical, pl.Enum)]
    lists = [name for name, dtype in frame.schema.items() if dtype == pl.List(pl.String)]
    out = frame.with_columns(
        *[_neutralised(pl.col(c).cast(pl.String)).alias(c) for c in texts],
        *[pl.col(c).list.eval(_neutralised(pl.element())).alias(c) for c in lists],
    )
    renamed = {name: neutralise_cell(name) for name in out.columns if is_formula_like(name)}
    return out.rename(renamed) if renamed else out


def store_text(cell: Any, text: str) -> None:
    """Put `text` in an openpyxl cell as a string, never a formula (openpyxl turns "=…" into a formula and
    "#N/A" into an error): the string type is forced, and Excel's quote prefix keeps a formula-looking text
    a text even when someone edits the cell. The text itself is not changed."""
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True


def escape_markdown(value: object) -> str:
    """`value` as text that Markdown (and Streamlit's extensions) shows literally: `![x](http://h/x.png)`
    stays those characters. Letters, digits and spaces are untouched, so normal text looks the same."""
    text = _LINE_BREAKS.sub(" ", str(value))
    return _MARKDOWN_SPECIAL.sub(_escape_one, text)


def _escape_one(match: re.Match[str]) -> str:
    char, text, at = match.group(1), match.string, match.start()
    # A hyphen or underscore inside a word ("Q-SCRAP", "taux_rebut") is never Markdown: left as typed.
    if char in "-_" and 0 < at < len(text) - 1 and text[at - 1].isalnum() and text[at + 1].isalnum():
        return char
    return "\\" + char
