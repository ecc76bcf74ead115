"""The review pack's data appendix as an XLSX workbook: the data behind every chart and table.

Sheets, in order: "about" (the pack's metadata and a contents table linking to every sheet), one sheet
per review item in pack order (even without data), the objectives summary, then the decisions. Every
fixed string comes from `pack.labels`; all other text is already in the pack's language.

Security: the text comes from people (written inputs, comments, decisions). No cell text is ever written
as a formula, whatever it starts with (OWASP formula / CSV injection: = + - @ tab CR): strings are forced
to the string type, and risky ones also get Excel's quote prefix so that editing the cell keeps it text.

Determinism: workbook properties and the zip entries' timestamps come from `meta.generated_at`, so the
same pack gives the same file, byte for byte.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from smqse.review.model import PackTable, ReviewItem, ReviewPack
from smqse.textsafety import store_text

Progress = Callable[[float, str], None]

SHEET_NAME_MAX = 31
CELL_TEXT_MAX = 32_767  # Excel's limit on the characters of one cell
_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MIN_WIDTH, MAX_WIDTH = 8, 60
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")


def export_xlsx(pack: ReviewPack, path: Path, *, progress: Progress | None = None) -> Path:
    """Write the data appendix of `pack` to `path` (an .xlsx file) and return `path`."""
    labels = pack.labels
    steps = len(pack.items) + 3  # about, items, objectives, decisions
    done = 0

    def report(message: str) -> None:
        nonlocal done
        if progress is not None:
            progress(min(done / steps, 1.0), message)
        done += 1

    wb = Workbook()
    names = _SheetNames()
    about = wb.active
    about.title = names.add(labels["sheet_about"], fallback="about")
    item_sheets = [names.add(item.sheet_name, fallback=item.ref) for item in pack.items]
    objectives_name = names.add(labels["objectives_summary"], fallback="objectives")
    decisions_name = names.add(labels["decisions"], fallback="decisions")

    # Sheets are created first so that the contents table can link to all of them.
    for name in item_sheets:
        wb.create_sheet(name)
    objectives_ws = wb.create_sheet(objectives_name)
    decisions_ws = wb.create_sheet(decisions_name)

    report(labels["sheet_about"])
    _write_about(about, pack, item_sheets, objectives_name, decisions_name)
    for item, name in zip(pack.items, item_sheets, strict=True):
        report(item.title)
        _write_item(wb[name], item, labels)
    report(labels["objectives_summary"])
    _write_objectives(objectives_ws, pack.objectives_summary)
    report(labels["decisions"])
    _write_decisions(decisions_ws, pack)

    _set_properties(wb, pack)
    path = Path(path)
    path.write_bytes(_deterministic_zip(_save(wb), pack.meta.generated_at))
    if progress is not None:
        progress(1.0, labels["appendix"])
    return path


# --- sheet names -------------------------------------------------------------------------------------


class _SheetNames:
    """Excel-valid, unique sheet names (Excel compares them case-insensitively)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def add(self, wanted: str, *, fallback: str) -> str:
        base = _clean_sheet_name(wanted) or _clean_sheet_name(fallback) or str(len(self._taken) + 1)
        name, n = base, 1
        while name.casefold() in self._taken:
            n += 1
            suffix = f" ({n})"
            name = base[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        self._taken.add(name.casefold())
        return name


def _clean_sheet_name(name: str) -> str:
    name = ILLEGAL_CHARACTERS_RE.sub("", _FORBIDDEN_IN_SHEET_NAME.sub(" ", name or ""))
    # Excel also refuses a leading or trailing apostrophe.
    return name.strip().strip("'").strip()[:SHEET_NAME_MAX].rstrip()


# --- cells ---------------------------------------------------------------------------------------------


def _put(ws: Worksheet, row: int, col: int, value: Any, *, font: Font | None = None) -> Cell:
    """Write one value with its real Excel type; text is always text, never a formula."""
    cell = ws.cell(row=row, column=col)
    value = _excel_value(value)
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)[:CELL_TEXT_MAX]
        store_text(cell, text)
    elif value is not None:
        cell.value = value
        if isinstance(value, datetime):
            cell.number_format = DATETIME_FORMAT
        elif isinstance(value, date):
            cell.number_format = DATE_FORMAT
    if font is not None:
        cell.font = font
    return cell


def _excel_value(value: Any) -> Any:
    """A Python / Polars value as something openpyxl writes with the right type (None = empty cell)."""
    if value is None or isinstance(value, (str, bool, int, Decimal, date, time, timedelta)):
        if isinstance(value, datetime) and value.tzinfo is not None:
            # Excel has no time zones: store the instant in UTC.
            return value.astimezone(UTC).replace(tzinfo=None)
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value  # Excel has no NaN / inf
    if isinstance(value, (list, tuple, dict)):
        return ", ".join(str(v) for v in value) if not isinstance(value, dict) else str(value)
    return str(value)


def _write_block(ws: Worksheet, row: int, caption: str, frame: pl.DataFrame) -> int:
    """A caption row, a header row and the frame's rows from `row`; returns the next free row."""
    _put(ws, row, 1, caption, font=BOLD)
    row += 1
    for col, name in enumerate(frame.columns, start=1):
        _put(ws, row, col, name, font=BOLD)
    row += 1
    for values in frame.iter_rows():
        for col, value in enumerate(values, start=1):
            _put(ws, row, col, value)
        row += 1
    return row


def _fit_columns(ws: Worksheet, first_row: int = 1) -> None:
    """Column widths from the content below `first_row`; long text wraps instead of widening."""
    widths: dict[int, int] = {}
    for cells in ws.iter_rows(min_row=first_row):
        for cell in cells:
            if cell.value is None:
                continue
            if isinstance(cell.value, datetime):
                length = 16
            elif isinstance(cell.value, date):
                length = 10
            else:
                length = max(len(line) for line in str(cell.value).splitlines() or [""])
            if length > MAX_WIDTH and isinstance(cell.value, str):
                cell.alignment = WRAP
            widths[cell.column] = max(widths.get(cell.column, 0), length)
    for col, length in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(max(length + 2, MIN_WIDTH), MAX_WIDTH)


# --- sheets --------------------------------------------------------------------------------------------


def _write_about(
    ws: Worksheet, pack: ReviewPack, item_sheets: Sequence[str], objectives_name: str, decisions_name: str
) -> None:
    meta, labels = pack.meta, pack.labels
    _put(ws, 1, 1, f"{labels['appendix']} — {meta.review_title}", font=TITLE)
    rows: list[tuple[str, Iterable[Any]]] = [
        (labels["organisation"], [meta.organisation]),
        (labels["scope"], [meta.scope_label]),
        (labels["period"], [meta.period_start, meta.period_end]),
        (labels["cut_off"], [meta.cut_off]),
        *(
            [(labels["data_state"], [meta.month_state, labels["provisional"] if meta.provisional else None])]
            if meta.month_state
            else []
        ),
        (labels["author"], [meta.author]),
        (labels["version"], [meta.version]),
        (labels["generated"], [meta.generated_at]),
        (labels["pack_title"], [meta.review_id, meta.review_title]),
    ]
    row = 3
    for label, values in rows:
        _put(ws, row, 1, label, font=BOLD)
        for col, value in enumerate(values, start=2):
            _put(ws, row, col, value)
        row += 1

    row += 1
    _put(ws, row, 1, labels["contents"], font=BOLD)
    row += 1
    entries: list[tuple[str, Sequence[Any]]] = [
        (name, [item.clause, item.title, item.takeaway, None if item.has_data else labels["no_data"]])
        for item, name in zip(pack.items, item_sheets, strict=True)
    ]
    entries += [
        (objectives_name, [None, pack.objectives_summary.title]),
        (decisions_name, [None, labels["decisions"]]),
    ]
    for name, values in entries:
        ws.cell(row=row, column=1).style = "Hyperlink"  # before the value: a named style resets quotePrefix
        link = _put(ws, row, 1, name)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=_sheet_ref(name), display=name)
        for col, value in enumerate(values, start=2):
            _put(ws, row, col, value)
        row += 1
    if meta.corrections is not None:
        row = _write_corrections(ws, row + 1, meta.corrections, labels)
    _fit_columns(ws, first_row=2)


def _write_corrections(ws: Worksheet, row: int, table: PackTable, labels: dict[str, str]) -> int:
    """The values entered after the cut-off month was closed, under the contents; returns the next row."""
    _put(ws, row, 1, table.title, font=BOLD)
    row += 1
    if table.frame.is_empty():
        _put(ws, row, 1, labels["no_corrections"])
        return row + 1
    for col, name in enumerate(table.frame.columns, start=1):
        _put(ws, row, col, name, font=BOLD)
    for values in table.frame.iter_rows():
        row += 1
        for col, value in enumerate(values, start=1):
            _put(ws, row, col, value)
    return row + 1


def _sheet_ref(name: str) -> str:
    quoted = name.replace("'", "''")
    return f"'{quoted}'!A1"


def _write_item(ws: Worksheet, item: ReviewItem, labels: dict[str, str]) -> None:
    _put(ws, 1, 1, item.clause, font=BOLD)
    _put(ws, 2, 1, item.title, font=TITLE)
    _put(ws, 3, 1, item.takeaway)
    row = 4
    if not item.has_data:
        _put(ws, row, 1, labels["no_data"], font=BOLD)
        row += 1
    if item.written:
        _put(ws, row, 1, labels["written_input"].format(who=item.written_by or "").strip(), font=BOLD)
        _put(ws, row + 1, 1, item.written)
        row += 2
    if item.findings:
        _put(ws, row, 1, labels["findings"], font=BOLD)
        row += 1
        for finding in item.findings:
            _put(ws, row, 1, finding)
            row += 1
    # The text above overflows into the empty cells to its right; only the data sets column widths.
    data_start = row + 1
    blocks = [(table.title, table.appendix) for table in item.tables]
    blocks += [(f"{labels['chart_data']}: {chart.title}", chart.data) for chart in item.charts]
    for caption, frame in blocks:
        row = _write_block(ws, row + 1, caption, frame)
    _fit_columns(ws, first_row=data_start)
    ws.freeze_panes = "A3"  # clause and title stay in view


def _write_objectives(ws: Worksheet, table: PackTable) -> None:
    _write_block(ws, 1, table.title, table.frame)
    ws.freeze_panes = "A3"
    _fit_columns(ws, first_row=2)


def _write_decisions(ws: Worksheet, pack: ReviewPack) -> None:
    labels = pack.labels
    headers = [
        "#",  # the decision id: a symbol, not a word, so no label is needed
        labels["item"],
        labels["decision_type"],
        labels["decision"],
        labels["owner"],
        labels["due"],
        labels["process"],
        labels["action"],
        labels["cost"],
        labels["benefit"],
        labels["cost_of_inaction"],
        labels["argument"],
    ]
    for col, header in enumerate(headers, start=1):
        _put(ws, 1, col, header, font=BOLD)
    row = 2
    for d in pack.decisions:
        values = [
            d.decision_id,
            d.input_ref,
            d.decision_type_label,
            d.text,
            d.owner,
            d.due_on,
            d.process_name,
            d.action_id,
            d.cost,
            d.expected_benefit,
            d.cost_of_inaction,
            d.argument,
        ]
        for col, value in enumerate(values, start=1):
            _put(ws, row, col, value)
        row += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(row - 1, 1)}"
    if not pack.decisions:
        _put(ws, 2, 1, labels["no_decisions"])
    ws.freeze_panes = "B2"  # header row and decision id stay in view
    _fit_columns(ws)


# --- file ----------------------------------------------------------------------------------------------


def _naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo is not None else moment


def _set_properties(wb: Workbook, pack: ReviewPack) -> None:
    meta = pack.meta
    props = wb.properties
    props.title = f"{meta.review_title} — {pack.labels['appendix']}"
    props.creator = meta.author
    props.lastModifiedBy = meta.author
    props.language = meta.lang
    props.identifier = meta.review_id
    props.version = meta.version
    props.created = props.modified = _naive_utc(meta.generated_at)


def _save(wb: Workbook) -> bytes:
    # ExcelWriter directly, not openpyxl.save_workbook: the latter stamps "modified" with the clock.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    return buffer.getvalue()


def _deterministic_zip(data: bytes, moment: datetime) -> bytes:
    """Re-pack the archive with every entry dated `moment` (zip entries otherwise carry the clock)."""
    moment = _naive_utc(moment)
    stamp = (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, moment.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
