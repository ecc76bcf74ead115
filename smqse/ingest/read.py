"""Reading a file into a table of strings: CSV (sniffed `,` `;` or tab, UTF-8 with or without BOM, else
Windows-1252) or XLSX (openpyxl, read-only, cached values only: formulas are never evaluated).

The result keeps every cell as text (None when empty) and the row number the spreadsheet shows (header = 1),
so that validation can point at the cell. Blank lines are skipped (their numbers are kept for the others).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

import polars as pl


@dataclass
class RawTable:
    headers: list[str]
    frame: pl.DataFrame  # one Utf8 column per header position ("c0", "c1"…), plus "_row" (spreadsheet row)
    # (row, header position, code, value) found while reading: ragged lines, formulas without a value.
    issues: list[tuple[int, int | None, str, str]] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str | None = None


class Unreadable(ValueError):
    """The bytes are not a CSV or XLSX file we can read."""


def is_xlsx(data: bytes, file_name: str) -> bool:
    return data[:4] == b"PK\x03\x04" or file_name.lower().endswith((".xlsx", ".xlsm"))


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding: UTF-8 (BOM removed) first, Windows-1252 when that fails."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:  # bytes cp1252 leaves undefined (0x81, 0x8d…)
            raise Unreadable(str(exc)) from None


def sniff_delimiter(first_line: str) -> str:
    """The separator of the header line: the most frequent of `;` `,` tab outside quotes (`,` on a tie)."""
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for ch in first_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda k: (counts[k], k == ","))
    return best if counts[best] else ","


def _columns_frame(headers: list[str], columns: list[list], rows: list[int]) -> pl.DataFrame:
    data = {f"c{i}": pl.Series(f"c{i}", col, dtype=pl.Utf8) for i, col in enumerate(columns)}
    frame = pl.DataFrame({**data, "_row": pl.Series("_row", rows, dtype=pl.Int64)})
    return frame.with_columns(
        [pl.col(f"c{i}").str.strip_chars().replace("", None) for i in range(len(headers))]
    )


def _fast_csv(text: str, delimiter: str, headers: list[str]) -> pl.DataFrame | None:
    """Polars' reader for the common case (no quotes, no blank or ragged line: row = record + 1); None
    otherwise, and the careful reader below locates every irregular line."""
    if '"' in text or "\r" in text.replace("\r\n", ""):
        return None
    lines = pl.Series("line", text.splitlines()[1:], dtype=pl.Utf8)
    if lines.is_empty() or (lines.str.count_matches(delimiter, literal=True) != len(headers) - 1).any():
        return None
    if (lines.str.strip_chars(" \t" + delimiter) == "").any():
        return None
    try:
        frame = pl.read_csv(
            text.encode("utf-8"),
            separator=delimiter,
            has_header=False,
            skip_rows=1,
            infer_schema=False,
            quote_char=None,
            new_columns=[f"c{i}" for i in range(len(headers))],
        )
    except (pl.exceptions.PolarsError, ValueError):
        return None
    if frame.height != lines.len() or frame.width != len(headers):
        return None
    frame = frame.with_columns(pl.int_range(2, frame.height + 2, dtype=pl.Int64).alias("_row"))
    return frame.with_columns(
        [pl.col(f"c{i}").str.strip_chars().replace("", None) for i in range(len(headers))]
    )


def read_csv(data: bytes) -> RawTable:
    text, encoding = decode(data)
    if "\x00" in text:
        raise Unreadable("binary content (NUL bytes)")
    first = text.split("\n", 1)[0]
    delimiter = sniff_delimiter(first)
    if first.strip() and '"' not in first:
        headers = [h.strip() for h in first.rstrip("\r").split(delimiter)]
        fast = _fast_csv(text, delimiter, headers)
        if fast is not None:
            return RawTable(headers, fast, [], encoding, delimiter)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return RawTable([], pl.DataFrame({"_row": pl.Series([], dtype=pl.Int64)}), [], encoding, delimiter)
    except csv.Error as exc:
        raise Unreadable(str(exc)) from None
    headers = [h.strip() for h in header]
    width = len(headers)
    issues: list[tuple[int, int | None, str, str]] = []
    kept: list[list[str]] = []
    numbers: list[int] = []
    try:
        # A spreadsheet shows one row per record (a quoted cell may span lines), blank lines included.
        for line, record in enumerate(reader, start=2):
            if not record or all(not cell.strip() for cell in record):
                continue
            if len(record) != width:
                if len(record) > width and all(not c.strip() for c in record[width:]):
                    record = record[:width]  # trailing empty cells, as Excel writes them
                else:
                    issues.append((line, None, "bad_row_length", f"{len(record)}/{width}"))
                    continue
            kept.append(record)
            numbers.append(line)
    except csv.Error as exc:
        raise Unreadable(f"line {reader.line_num}: {exc}") from None
    columns = [list(col) for col in zip(*kept, strict=True)] if kept else [[] for _ in headers]
    return RawTable(headers, _columns_frame(headers, columns, numbers), issues, encoding, delimiter)


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def read_xlsx(data: bytes) -> RawTable:
    """The first worksheet; cached values only. A formula cell with no cached value is reported, not computed."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise Unreadable(str(exc) or type(exc).__name__) from None
    try:
        sheet = book.worksheets[0]
        rows_iter = sheet.iter_rows(values_only=True)
        header_row = next(rows_iter, None)
        if header_row is None:
            return RawTable([], pl.DataFrame({"_row": pl.Series([], dtype=pl.Int64)}))
        while header_row and header_row[-1] is None:  # trailing empty header cells
            header_row = header_row[:-1]
        headers = [_cell_text(h) or "" for h in header_row]
        width = len(headers)
        kept, numbers, empty_cells = [], [], []
        for number, row in enumerate(rows_iter, start=2):
            cells = [_cell_text(v) for v in row[:width]]
            cells += [None] * (width - len(cells))
            if all(c is None or not c.strip() for c in cells):
                continue
            kept.append(cells)
            numbers.append(number)
            empty_cells.extend((number, i) for i, c in enumerate(cells) if c is None)
    finally:
        book.close()
    issues = _formulas_without_value(data, set(empty_cells)) if empty_cells else []
    for row, col, _, _ in issues:  # the cell stays empty; the issue makes it an error
        kept[numbers.index(row)][col] = None
    columns = [list(col) for col in zip(*kept, strict=True)] if kept else [[] for _ in headers]
    return RawTable(headers, _columns_frame(headers, columns, numbers), issues, "xlsx", None)


def _formulas_without_value(
    data: bytes, empty: set[tuple[int, int]]
) -> list[tuple[int, int | None, str, str]]:
    """Empty cached cells that hold a formula: the workbook was saved without computing it."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    found = []
    try:
        sheet = book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            for col, value in enumerate(row):
                if (number, col) in empty and isinstance(value, str) and value.startswith("="):
                    found.append((number, col, "formula_without_value", value))
    finally:
        book.close()
    return found


def read_table(data: bytes, file_name: str) -> RawTable:
    if is_xlsx(data, file_name):
        return read_xlsx(data)
    return read_csv(data)
