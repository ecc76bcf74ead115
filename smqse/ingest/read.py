"""Reading a file into a table of strings: CSV (sniffed `,` `;` or tab, UTF-8 with or without BOM, else
Windows-1252) or XLSX (openpyxl's sheet parser, cached values only: formulas are never evaluated).

The result keeps every cell as text (None when empty) and the row number the spreadsheet shows (header = 1),
so that validation can point at the cell. Blank lines are skipped (their numbers are kept for the others).

Every read is bounded (limits.py): rows, columns, cell length, time; an XLSX's zip directory is checked
before anything is inflated, and its rows are read as they are present in the sheet, whatever dimension the
sheet declares.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from array import array
from dataclasses import dataclass, field
from datetime import date, datetime, time

import polars as pl

from smqse.ingest import limits
from smqse.ingest.limits import Budget, LimitExceeded


@dataclass
class RawTable:
    headers: list[str]
    frame: pl.DataFrame  # one Utf8 column per header position ("c0", "c1"…), plus "_row" (spreadsheet row)
    # (row, header position, code, value) found while reading: ragged lines, formulas without a value, cells
    # too long. Only the first ones of each code are kept; issue_count counts them all.
    issues: list[tuple[int, int | None, str, str]] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str | None = None
    issue_count: int = 0
    issue_rows: array = field(default_factory=lambda: array("q"))  # every row with an issue


class ReadIssues:
    """Issues found while reading, kept up to MAX_PROBLEMS_KEPT per code (they come in row order, so these
    are the first ones), counted all, their rows kept compactly."""

    def __init__(self) -> None:
        self.kept: list[tuple[int, int | None, str, str]] = []
        self.count = 0
        self.rows = array("q")
        self._per_code: dict[str, int] = {}

    def add(self, row: int, col: int | None, code: str, value: str) -> None:
        self.count += 1
        self.rows.append(row)
        if self._per_code.get(code, 0) < limits.MAX_PROBLEMS_KEPT:
            self._per_code[code] = self._per_code.get(code, 0) + 1
            self.kept.append((row, col, code, value))

    def table(self, headers, frame, encoding, delimiter) -> RawTable:
        return RawTable(headers, frame, self.kept, encoding, delimiter, self.count, self.rows)


class Unreadable(ValueError):
    """The bytes are not a CSV or XLSX file we can read."""


def is_xlsx(data: bytes, file_name: str) -> bool:
    return data[:4] == b"PK\x03\x04" or file_name.lower().endswith((".xlsx", ".xlsm"))


# A well-formed UTF-8 sequence of two to four bytes (RFC 3629: no overlong forms, no surrogates).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH_BYTES = bytes(range(0x80, 0x100))


def _not_utf8(data: bytes, exc: UnicodeDecodeError, offset: int = 0) -> LimitExceeded:
    start = exc.start + offset
    stray = _UTF8_MULTIBYTE.sub(b"", data)
    count = len(stray) - len(stray.translate(None, _HIGH_BYTES))
    return LimitExceeded(
        "not_utf8", row=data.count(b"\n", 0, start) + 1, value=f"0x{data[start]:02X}", n=count
    )


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding: UTF-8 (BOM removed) first, Windows-1252 when the file is not UTF-8.

    A file that is UTF-8 except for a few bytes (one character typed in another program) is refused, with
    the line of the first bad byte: read as Windows-1252 it would store every accented letter garbled
    (`é` as `Ã©`). The test: in Windows-1252 French text, accented letters are mostly followed by plain
    letters, which is never valid UTF-8; a well-formed UTF-8 sequence only appears by chance (a capital
    `É` before `’`, `«` or a no-break space). So a file holding at least as many well-formed multi-byte
    sequences as stray bytes is UTF-8 with damage, not Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):  # the BOM says UTF-8: any bad byte is damage
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _not_utf8(data, exc, offset=3) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        stray_free, well_formed = _UTF8_MULTIBYTE.subn(b"", data)
        stray = len(stray_free) - len(stray_free.translate(None, _HIGH_BYTES))
        if well_formed and well_formed >= stray:
            raise _not_utf8(data, exc) from None
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
    return _trimmed(frame, len(headers))


def _trimmed(frame: pl.DataFrame, width: int) -> pl.DataFrame:
    """Cells without surrounding spaces, an empty cell null. Only the columns that need it are rewritten:
    rewriting a million-row column of strings costs tens of MB for nothing."""
    exprs = []
    for i in range(width):
        column = frame[f"c{i}"]
        if column.str.contains(r"^\s|\s$").any() or (column == "").any():
            stripped = pl.col(f"c{i}").str.strip_chars()
            exprs.append(pl.when(stripped != "").then(stripped).alias(f"c{i}"))
    return frame.with_columns(exprs) if exprs else frame


def _check_headers(headers: list[str]) -> None:
    if len(headers) > limits.MAX_COLUMNS:
        raise LimitExceeded("too_many_columns", row=1, count=len(headers), limit=limits.MAX_COLUMNS)
    for header in headers:
        if len(header) > limits.MAX_CELL_CHARS:
            raise LimitExceeded("cell_too_long", row=1, value=len(header), limit=limits.MAX_CELL_CHARS)


def _check_rows(count: int) -> None:
    """`count` rows after the header, blank ones included (they cost reading too)."""
    if count > limits.MAX_ROWS:
        raise LimitExceeded("too_many_rows", limit=limits.MAX_ROWS)


def drop_long_cells(frame: pl.DataFrame, width: int, issues: ReadIssues) -> pl.DataFrame:
    """A cell longer than MAX_CELL_CHARS is a problem at its row and column; its text is dropped (the file
    is refused anyway) so that no copy of it travels further."""
    too_long = [i for i in range(width) if (frame[f"c{i}"].str.len_chars() > limits.MAX_CELL_CHARS).any()]
    for i in too_long:
        length = pl.col(f"c{i}").str.len_chars()
        hits = frame.filter(length > limits.MAX_CELL_CHARS).select("_row", length.alias("n"))
        for row, n in hits.head(limits.MAX_PROBLEMS_KEPT).iter_rows():
            issues.add(row, i, "cell_too_long", str(n))
        rest = hits["_row"].slice(limits.MAX_PROBLEMS_KEPT)
        issues.count += rest.len()
        issues.rows.extend(rest.to_list())
    if not too_long:
        return frame
    return frame.with_columns(
        pl.when(pl.col(f"c{i}").str.len_chars() > limits.MAX_CELL_CHARS)
        .then(None)
        .otherwise(pl.col(f"c{i}"))
        .alias(f"c{i}")
        for i in too_long
    )


def _fast_csv(text: str, delimiter: str, headers: list[str], encoded: bytes | None) -> pl.DataFrame | None:
    """Polars' reader for the common case (no quotes, no blank or ragged line: row = record + 1); None
    otherwise, and the careful reader below locates every irregular line. `encoded`: the UTF-8 bytes of
    `text` when the file already is them."""
    if '"' in text or text.count("\r") != text.count("\r\n"):
        return None
    _check_rows(text.count("\n") - 1)  # no quotes: one line, one record
    encoded = encoded if encoded is not None else text.encode("utf-8")
    try:
        # The lines, split by Polars (NUL, refused earlier, is never in the text): a Python list of them
        # would take several times the file's size. A blank line comes back null.
        lines = pl.read_csv(
            encoded, separator="\x00", has_header=False, quote_char=None, schema={"line": pl.Utf8}
        )["line"].slice(1)
        if lines.is_empty() or (lines.str.count_matches(delimiter, literal=True) != len(headers) - 1).any():
            return None
        if lines.is_null().any() or lines.str.contains(f"^[ \\t{re.escape(delimiter)}]*$").any():
            return None
        frame = pl.read_csv(
            encoded,
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
    return _trimmed(frame, len(headers))


def read_csv(data: bytes, budget: Budget | None = None) -> RawTable:
    budget = budget or Budget()
    text, encoding = decode(data)
    if "\x00" in text:
        raise Unreadable("binary content (NUL bytes)")
    first = text.split("\n", 1)[0]
    delimiter = sniff_delimiter(first)
    issues = ReadIssues()
    if first.strip() and '"' not in first:
        headers = [h.strip() for h in first.rstrip("\r").split(delimiter)]
        _check_headers(headers)
        fast = _fast_csv(text, delimiter, headers, data if encoding == "utf-8" else None)
        if fast is not None:
            budget.check()
            fast = drop_long_cells(fast, len(headers), issues)
            return issues.table(headers, fast, encoding, delimiter)
    budget.check()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return RawTable([], pl.DataFrame({"_row": pl.Series([], dtype=pl.Int64)}), [], encoding, delimiter)
    except csv.Error as exc:
        raise Unreadable(str(exc)) from None
    headers = [h.strip() for h in header]
    _check_headers(headers)
    width = len(headers)
    columns: list[list[str]] = [[] for _ in headers]
    numbers: list[int] = []
    try:
        # A spreadsheet shows one row per record (a quoted cell may span lines), blank lines included.
        for line, record in enumerate(reader, start=2):
            if line % limits.CHECK_EVERY_ROWS == 0:
                budget.check()
            _check_rows(line - 1)
            if not record or all(not cell.strip() for cell in record):
                continue
            if len(record) != width:
                if len(record) > width and all(not c.strip() for c in record[width:]):
                    record = record[:width]  # trailing empty cells, as Excel writes them
                else:
                    issues.add(line, None, "bad_row_length", f"{len(record)}/{width}")
                    continue
            for column, cell in zip(columns, record, strict=True):
                column.append(cell)
            numbers.append(line)
    except csv.Error as exc:  # among others, a cell over csv.field_size_limit() (128 KiB)
        raise Unreadable(f"line {reader.line_num}: {exc}") from None
    frame = drop_long_cells(_columns_frame(headers, columns, numbers), width, issues)
    return issues.table(headers, frame, encoding, delimiter)


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


def _sheet_rows(book, sheet):
    """(row number, cells) for each row present in the sheet's XML, in order; never the rows between.

    openpyxl's read-only iter_rows() trusts the sheet's declared dimension: with A1:XFD1048576 and one cell
    on the last row it yields a million rows of 16 384 empty cells each. Its sheet parser, used here as
    ReadOnlyWorksheet._cells_by_row uses it but without that gap filling, yields only the rows written.
    Cells are dicts (column, value, data_type…); `formula` is added to an empty cell holding a formula."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class CachedValuesParser(WorkSheetParser):
        def parse_cell(self, element):
            cell = super().parse_cell(element)
            if element.find(FORMULA_TAG) is not None:
                formula = self.parse_formula(element)  # also keeps shared formulas translatable
                if cell["value"] is None:
                    cell["formula"] = formula if isinstance(formula, str) else getattr(formula, "text", "=")
            return cell

    with book._archive.open(sheet._worksheet_path) as source:
        parser = CachedValuesParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        yield from parser.parse()


def read_xlsx(data: bytes, budget: Budget | None = None) -> RawTable:
    """The first worksheet; cached values only. A formula cell with no cached value is reported, not computed."""
    from openpyxl import load_workbook

    budget = budget or Budget()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            limits.check_zip_directory(archive)  # before openpyxl inflates anything
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError) as exc:
        raise Unreadable(str(exc) or type(exc).__name__) from None
    issues = ReadIssues()
    try:
        budget.check()
        rows = _sheet_rows(book, book.worksheets[0])
        headers: list[str] = []
        for number, cells in rows:  # the header: the first row holding a value
            named = {c["column"]: c["value"] for c in cells if c["value"] is not None}
            if named:
                if max(named) > limits.MAX_COLUMNS:
                    raise LimitExceeded(
                        "too_many_columns", row=number, count=max(named), limit=limits.MAX_COLUMNS
                    )
                headers = [_cell_text(named.get(i)) or "" for i in range(1, max(named) + 1)]
                break
        if not headers:
            return RawTable([], pl.DataFrame({"_row": pl.Series([], dtype=pl.Int64)}))
        _check_headers(headers)
        width = len(headers)
        columns: list[list[str | None]] = [[] for _ in headers]
        numbers: list[int] = []
        for seen, (number, cells) in enumerate(rows, start=1):
            if seen % limits.CHECK_EVERY_ROWS == 0:
                budget.check()
            _check_rows(seen)
            values: list[str | None] = [None] * width
            found: list[tuple[int, str, str]] = []
            for cell in cells:
                i = cell["column"] - 1
                if i >= width:  # beyond the header: not read
                    continue
                text = _cell_text(cell["value"])
                if text is not None and len(text) > limits.MAX_CELL_CHARS:
                    found.append((i, "cell_too_long", str(len(text))))
                    text = None
                elif text is None and "formula" in cell:  # the cell stays empty; the issue makes it an error
                    found.append((i, "formula_without_value", cell["formula"]))
                values[i] = text
            if all(v is None or not v.strip() for v in values) and not any(
                code == "cell_too_long" for _, code, _ in found
            ):
                continue  # a blank row (a formula alone on it is not data either)
            for i, code, value in found:
                issues.add(number, i, code, value)
            for column, value in zip(columns, values, strict=True):
                column.append(value)
            numbers.append(number)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError, EOFError) as exc:
        raise Unreadable(str(exc) or type(exc).__name__) from None
    finally:
        book.close()
    return issues.table(headers, _columns_frame(headers, columns, numbers), "xlsx", None)


def read_table(data: bytes, file_name: str, budget: Budget | None = None) -> RawTable:
    """Raises Unreadable, or LimitExceeded when the file goes beyond a bound of limits.py."""
    if is_xlsx(data, file_name):
        return read_xlsx(data, budget)
    return read_csv(data, budget)
