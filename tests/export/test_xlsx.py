"""The XLSX data appendix: its outline (sheets, captions, types) and that no text ever becomes a formula."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime

import polars as pl
import pytest
from openpyxl import load_workbook

from smqse.export.xlsx import export_xlsx
from smqse.review.model import PackTable, ReviewItem
from tests.export.sample_pack import LABELS_EN, sample_pack

INJECTIONS = ["=cmd|' /C calc'!A0", "@SUM(1+1)", "+Launch a scrap reduction plan at Lyon"]


@pytest.fixture(scope="module")
def pack():
    return sample_pack()


@pytest.fixture(scope="module")
def xlsx(pack, tmp_path_factory):
    return export_xlsx(pack, tmp_path_factory.mktemp("xlsx") / "appendix.xlsx")


@pytest.fixture(scope="module")
def wb(xlsx):
    return load_workbook(xlsx)


def _cells(ws):
    return [cell for row in ws.iter_rows() for cell in row if cell.value is not None]


def _values(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def _find(ws, value):
    return next(c for c in _cells(ws) if c.value == value)


def test_sheets_in_order(wb, pack):
    assert wb.sheetnames == [
        LABELS_EN["sheet_about"][:31],
        *[item.sheet_name for item in pack.items],
        LABELS_EN["objectives_summary"][:31],
        LABELS_EN["decisions"][:31],
    ]


def test_item_sheets_start_with_clause_and_title(wb, pack):
    for item in pack.items:
        ws = wb[item.sheet_name]
        assert ws["A1"].value == item.clause
        assert ws["A2"].value == item.title
        assert ws["A3"].value == item.takeaway


def test_item_without_data_has_its_sheet_and_says_so(wb, pack):
    item = next(i for i in pack.items if not i.has_data)
    texts = [c.value for c in _cells(wb[item.sheet_name])]
    assert LABELS_EN["no_data"] in texts


def test_written_input_and_findings(wb, pack):
    item = pack.item("9.3.2.c.2")
    texts = [c.value for c in _cells(wb[item.sheet_name])]
    assert LABELS_EN["written_input"].format(who="Anne Martin") in texts
    assert item.written in texts  # starts with "-": kept as text, see the injection test
    assert LABELS_EN["findings"] in texts and item.findings[0] in texts


def test_chart_data_values_are_the_frames_numbers(wb, pack):
    item = pack.item("9.3.2.c.2")
    ws = wb[item.sheet_name]
    for chart in item.charts:
        caption = _find(ws, f"{LABELS_EN['chart_data']}: {chart.title}")
        assert caption.font.bold
        header_row = caption.row + 1
        assert [ws.cell(header_row, c + 1).value for c in range(chart.data.width)] == chart.data.columns
        for r, expected in enumerate(chart.data.iter_rows(), start=header_row + 1):
            got = tuple(ws.cell(r, c + 1).value for c in range(chart.data.width))
            assert got == expected
            for value in got[1:]:
                assert isinstance(value, (int, float)) and not isinstance(value, bool)


def test_tables_with_caption_header_and_real_dates(wb, pack):
    item = pack.item("9.3.2.a")
    table = item.tables[0]
    ws = wb[item.sheet_name]
    caption = _find(ws, table.title)
    assert caption.font.bold
    assert all(ws.cell(caption.row + 1, c + 1).font.bold for c in range(table.frame.width))
    due_col = table.frame.columns.index("Due") + 1
    cells = [ws.cell(caption.row + 2 + r, due_col) for r in range(table.frame.height)]
    assert all(cell.is_date and cell.number_format == "yyyy-mm-dd" for cell in cells)
    assert [cell.value.date() for cell in cells] == table.frame["Due"].to_list()


def test_about_sheet(wb, pack):
    ws = wb[LABELS_EN["sheet_about"]]
    meta = pack.meta
    rows = {row[0]: row[1:] for row in _values(ws) if row and row[0] is not None}
    assert rows[LABELS_EN["cut_off"]][0] == datetime.combine(meta.cut_off, datetime.min.time())
    assert rows[LABELS_EN["author"]][0] == meta.author
    assert rows[LABELS_EN["version"]][0] == meta.version
    assert rows[LABELS_EN["organisation"]][0] == meta.organisation
    assert rows[LABELS_EN["generated"]][0] == meta.generated_at
    assert [v.date() for v in rows[LABELS_EN["period"]][:2]] == [meta.period_start, meta.period_end]
    assert ws.cell(_find(ws, LABELS_EN["cut_off"]).row, 2).is_date
    assert rows[LABELS_EN["pack_title"]][:2] == [meta.review_id, meta.review_title]


def test_contents_links_to_every_item_sheet(wb, pack):
    ws = wb[LABELS_EN["sheet_about"]]
    start = _find(ws, LABELS_EN["contents"]).row + 1
    for offset, item in enumerate(pack.items):
        row = [c.value for c in ws[start + offset]]
        assert row[:4] == [item.sheet_name, item.clause, item.title, item.takeaway]
        assert (row[4] if len(row) > 4 else None) == (None if item.has_data else LABELS_EN["no_data"])
        link = ws.cell(start + offset, 1).hyperlink
        assert link is not None and link.location == f"'{item.sheet_name}'!A1"


def test_decisions_sheet(wb, pack):
    ws = wb[LABELS_EN["decisions"][:31]]
    assert ws.auto_filter.ref == "A1:L2"
    assert ws.freeze_panes == "B2"
    d = pack.decisions[0]
    row = [c.value for c in ws[2]]
    assert row[:5] == [d.decision_id, d.input_ref, d.decision_type_label, d.text, d.owner]
    assert row[5] == datetime.combine(d.due_on, datetime.min.time()) and ws["F2"].is_date
    assert row[6:] == [d.process_name, None, d.cost, d.expected_benefit, d.cost_of_inaction, d.argument]
    assert all(isinstance(v, (int, float)) for v in row[8:11])  # 25000.0 reads back as 25000


def test_objectives_sheet(wb, pack):
    ws = wb[LABELS_EN["objectives_summary"]]
    frame = pack.objectives_summary.frame
    assert ws["A1"].value == pack.objectives_summary.title
    assert [c.value for c in ws[2]] == frame.columns
    assert [tuple(c.value for c in row) for row in ws.iter_rows(min_row=3)] == list(frame.iter_rows())


def test_no_text_becomes_a_formula(xlsx, wb):
    found = {}
    for ws in wb.worksheets:
        for cell in _cells(ws):
            assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
            if cell.value in INJECTIONS:
                found[cell.value] = cell
    assert set(found) == set(INJECTIONS)
    for text, cell in found.items():
        assert cell.data_type == "s" and cell.value == text
        assert cell.quotePrefix
    with zipfile.ZipFile(xlsx) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        assert sheets
        for name in sheets:
            xml = archive.read(name).decode("utf-8")
            assert not re.search(r"<(\w+:)?f[\s>/]", xml), name


def test_negative_numbers_stay_numbers_and_risky_text_stays_text(pack, tmp_path):
    frame = pl.DataFrame(
        {
            "Label": ["-5 points", "\tTab", "\rCR", "#N/A", "=1+1"],
            "Value": [-5.0, -1.5, 0.0, None, float("nan")],
            "When": [date(2026, 1, 1), None, None, None, None],
        }
    )
    item = ReviewItem(
        "x",
        '=HYPERLINK("http://evil")',
        "-title",
        "@takeaway",
        True,
        tables=[PackTable("+t", frame)],
        sheet_name="a Previous actions",  # clashes with the first item: must be de-duplicated
    )
    tricky = type(pack)(pack.meta, [*pack.items, item], pack.decisions, pack.objectives_summary, pack.labels)
    wb = load_workbook(export_xlsx(tricky, tmp_path / "tricky.xlsx"))
    ws = wb.worksheets[len(pack.items) + 1]
    assert ws.title != "a Previous actions" and len(ws.title) <= 31
    assert [ws["A1"].value, ws["A2"].value, ws["A3"].value] == [item.clause, item.title, item.takeaway]
    caption = _find(ws, "+t")
    labels = [ws.cell(caption.row + 2 + r, 1) for r in range(frame.height)]
    assert [c.value for c in labels] == frame["Label"].to_list()
    assert all(c.data_type == "s" for c in labels)
    values = [ws.cell(caption.row + 2 + r, 2).value for r in range(frame.height)]
    assert values == [-5.0, -1.5, 0.0, None, None]  # NaN has no Excel value: empty


def test_sheet_names_are_sanitised(pack, tmp_path):
    items = [
        ReviewItem("r1", "c", "t", "k", True, sheet_name="a/b[c]:d*e?f\\g" + "x" * 40),
        ReviewItem("r2", "c", "t", "k", True, sheet_name="A/B[C]:D*E?F\\G" + "X" * 40),
        ReviewItem("r3", "c", "t", "k", True, sheet_name=""),
    ]
    odd = type(pack)(pack.meta, items, [], pack.objectives_summary, pack.labels)
    wb = load_workbook(export_xlsx(odd, tmp_path / "odd.xlsx"))
    names = wb.sheetnames[1:4]
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in names)
    assert len({n.casefold() for n in names}) == 3
    assert names[2] == "r3"
    decisions = wb[LABELS_EN["decisions"][:31]]
    assert decisions["A2"].value == LABELS_EN["no_decisions"]


def test_same_pack_twice_gives_the_same_workbook(pack, xlsx, tmp_path):
    again = export_xlsx(sample_pack(), tmp_path / "again.xlsx")
    first, second = load_workbook(xlsx), load_workbook(again)
    assert first.sheetnames == second.sheetnames
    for a, b in zip(first.worksheets, second.worksheets, strict=True):
        assert _values(a) == _values(b)
    assert xlsx.read_bytes() == again.read_bytes()  # properties and zip dates come from the pack


def test_workbook_properties(wb, pack):
    props = wb.properties
    assert props.creator == pack.meta.author
    assert props.created == props.modified == pack.meta.generated_at
    assert pack.meta.review_title in props.title


def test_progress_is_reported(pack, tmp_path):
    calls = []
    export_xlsx(pack, tmp_path / "p.xlsx", progress=lambda f, m: calls.append((f, m)))
    fractions = [f for f, _ in calls]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and all(0 <= f <= 1 for f in fractions)
    assert all(isinstance(m, str) and m for _, m in calls)
