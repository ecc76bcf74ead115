"""Cells and fields of the exported pack (PPTX and PDF) written in the pack's language by Babel (issue 16):
numbers with the language's separators, dates in words, yes/no in words, a missing value as the em dash.
Chart data stay numbers in the deck's embedded workbook: only the labels become text."""

from __future__ import annotations

import dataclasses
import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import plotly.graph_objects as go
import polars as pl
import pytest
from pptx import Presentation

from smqse.export import images
from smqse.export.pdf import export_pdf
from smqse.export.pptx import export_pptx
from smqse.i18n import NNBSP, format_cell
from smqse.review.model import PackChart, PackTable, ReviewItem
from tests.export.sample_pack import LABELS_EN, sample_pack
from tests.export.test_pdf import no_browser, pages_text

CLAUSE = "ISO 14001 §9.3 z)"
TABLE = pl.DataFrame(
    {
        "Site": ["Lyon", "Valence"],
        "Tonnes": [1234.5, None],
        "Audited": [True, False],
        "Due": [date(2026, 12, 6), None],
    }
)
CHART = pl.DataFrame({"Day": [date(2026, 12, 6), date(2026, 12, 7)], "Waste (t)": [1234.5, 2.0]})

# What each language writes for the cells above (Babel's own characters: a narrow no-break space in French).
EXPECTED = {
    "fr": {"number": f"1{NNBSP}234,5", "day": "6 déc. 2026", "next_day": "7 déc. 2026", "yes": "Oui", "no": "Non",
           "cut_off": "31 octobre 2026", "period": "1 novembre 2025 – 31 octobre 2026",
           "generated": "23 novembre 2026"},
    "en": {"number": "1,234.5", "day": "6 Dec 2026", "next_day": "7 Dec 2026", "yes": "Yes", "no": "No",
           "cut_off": "31 October 2026", "period": "1 November 2025 – 31 October 2026",
           "generated": "23 November 2026"},
}  # fmt: skip


def _pack(lang: str):
    pack = sample_pack(lang)
    chart = PackChart("Waste per day", go.Figure(), CHART, "Waste fell.", "Bars.", kind="bar")
    item = ReviewItem(
        ref="14001.z",
        clause=CLAUSE,
        title="Waste",
        takeaway="Waste is down.",
        has_data=True,
        tables=[PackTable("Waste by site", TABLE)],
        charts=[chart],
        sheet_name="z Waste",
    )
    # The same data as the objectives summary: that chart's alternative text is written from its data.
    summary = PackTable("Waste per day", CHART)
    return dataclasses.replace(pack, items=[*pack.items, item], objectives_summary=summary)


def _table_rows(deck) -> list[list[str]]:
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_table and shape.table.cell(0, 0).text == "Site":
                return [[cell.text for cell in row.cells] for row in shape.table.rows]
    raise AssertionError("table not in the deck")


def _chart(deck, title: str = f"{CLAUSE} — Waste per day"):
    slide = next(s for s in deck.slides if s.shapes.title and s.shapes.title.text_frame.text == title)
    return next(shape for shape in slide.shapes if shape.has_chart)


@pytest.fixture(scope="module", params=["fr", "en"])
def deck(request, tmp_path_factory):
    lang = request.param
    path = export_pptx(_pack(lang), tmp_path_factory.mktemp("cells") / f"{lang}.pptx")
    return lang, path, Presentation(str(path))


def test_table_cells_are_written_in_the_pack_language(deck):
    lang, _, prs = deck
    words = EXPECTED[lang]
    assert _table_rows(prs)[1:] == [
        ["Lyon", words["number"], words["yes"], words["day"]],
        ["Valence", "—", words["no"], "—"],
    ]


def test_title_slide_dates_are_written_in_the_pack_language(deck):
    lang, _, prs = deck
    words = EXPECTED[lang]
    text = "\n".join(shape.text_frame.text for shape in prs.slides[0].shapes if shape.has_text_frame)
    assert f": {words['period']}" in text
    assert f": {words['cut_off']}" in text
    assert f": {words['generated']}" in text


def test_chart_labels_are_text_and_its_data_stay_numbers(deck):
    lang, _, prs = deck
    words = EXPECTED[lang]
    shape = _chart(prs)
    plot = shape.chart.plots[0]
    assert list(plot.categories) == [words["day"], words["next_day"]]
    assert plot.series[0].values == (1234.5, 2.0)
    summary = _chart(prs, LABELS_EN["objectives_summary"])
    descr = summary._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
    assert (
        descr
        == f"Waste per day. {words['day']}: Waste (t) {words['number']}; {words['next_day']}: Waste (t) 2"
    )
    # The workbook PowerPoint's "Edit data" opens: numbers there, or the chart could not be re-plotted.
    workbook = shape.chart.part.chart_workbook.xlsx_part.blob
    sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active
    assert [row for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        (words["day"], 1234.5),
        (words["next_day"], 2.0),
    ]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pdf_cells_and_fields_are_written_in_the_pack_language(lang, tmp_path, monkeypatch):
    monkeypatch.setattr(images, "render_many", no_browser)
    words = EXPECTED[lang]
    whole = " ".join(pages_text(export_pdf(_pack(lang), tmp_path / f"{lang}.pdf")))
    assert f"Lyon {words['number']} {words['yes']} {words['day']}" in whole
    assert f"Valence — {words['no']} —" in whole
    assert words["period"] in whole and words["generated"] in whole


def test_format_cell_of_each_kind():
    assert (
        format_cell(None, "fr") == format_cell(float("nan"), "en") == format_cell(Decimal("NaN"), "fr") == "—"
    )
    assert format_cell(Decimal("25000.50"), "fr") == f"25{NNBSP}000,5"
    assert format_cell(7, "en") == "7"
    assert format_cell(False, "en") == "No"  # a bool is an int: written as a word, not 0
    assert format_cell(datetime(2026, 11, 23, 10, 5, 59), "fr") == "23 nov. 2026, 10:05"
    assert format_cell(date(2026, 12, 6), "fr", date_length="long") == "6 décembre 2026"
    assert format_cell("2026-08", "fr") == "2026-08"  # a text is the pack's own words, kept as it is
