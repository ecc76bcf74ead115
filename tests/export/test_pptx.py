"""The review pack as slides: checked through python-pptx's view of the file (outline, shapes, chart data),
not its bytes."""

from __future__ import annotations

import dataclasses
import io
import pathlib

import plotly.graph_objects as go
import polars as pl
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE

from smqse.export import images
from smqse.export import pptx as pptx_export
from smqse.export.pptx import export_pptx
from smqse.review.model import PackChart, PackTable, ReviewItem
from tests.export.sample_pack import LABELS_EN, sample_pack


def _title(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def _texts(slide) -> list[str]:
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if shape.has_table:
            out += [cell.text for row in shape.table.rows for cell in row.cells]
    return out


def _text(slide) -> str:
    return "\n".join(_texts(slide))


def _descr(shape) -> str:
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr", "")


def _export(pack, tmp_path: pathlib.Path, name: str = "pack.pptx"):
    path = export_pptx(pack, tmp_path / name)
    return Presentation(str(path))


@pytest.fixture(scope="module")
def pack():
    return sample_pack()


@pytest.fixture(scope="module")
def deck(pack, tmp_path_factory):
    return _export(pack, tmp_path_factory.mktemp("pptx"))


def test_is_16_9(deck):
    assert deck.slide_width * 9 == deck.slide_height * 16


def test_title_slide_holds_the_meta(deck, pack):
    text = _text(deck.slides[0])
    meta = pack.meta
    for expected in (meta.organisation, meta.scope_label, meta.author, meta.version, meta.review_title):
        assert expected in text
    assert "1 November 2025 – 31 October 2026" in text
    assert f"{LABELS_EN['cut_off']}: 31 October 2026" in text


def test_agenda_lists_items_in_order(deck, pack):
    slide = deck.slides[1]
    assert _title(slide) == LABELS_EN["agenda"]
    text = _text(slide)
    positions = [text.index(f"{item.clause} — {item.title}") for item in pack.items]
    assert positions == sorted(positions)
    assert text.index(LABELS_EN["objectives_summary"]) > positions[-1]
    assert text.index(LABELS_EN["decisions"]) > positions[-1]


def test_every_item_has_a_titled_slide(deck, pack):
    titles = [_title(s) for s in deck.slides]
    for item in pack.items:
        assert any(t.startswith(item.clause) for t in titles), item.ref
    empty = pack.item("9.3.2.b")
    slide = next(s for s in deck.slides if _title(s).startswith(empty.clause))
    assert LABELS_EN["no_data"] in _text(slide)
    assert empty.takeaway in _text(slide)


def test_item_slide_has_takeaway_findings_and_written_input(deck, pack):
    item = pack.item("9.3.2.c.2")
    slide = next(s for s in deck.slides if _title(s) == f"{item.clause} — {item.title}")
    text = _text(slide)
    assert item.takeaway in text
    assert item.findings[0] in text
    assert item.written in text
    assert LABELS_EN["written_input"].format(who=item.written_by) in text


def _charts(deck):
    return [sh.chart for s in deck.slides for sh in s.shapes if sh.has_chart]


def test_stacked_bar_and_line_are_native_charts(deck, pack):
    item = pack.item("9.3.2.c.2")
    by_title = {_title(s): s for s in deck.slides}
    stacked = next(
        sh for sh in by_title[f"{item.clause} — Objectives by domain"].shapes if sh.has_chart
    ).chart
    assert stacked.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    assert list(stacked.plots[0].categories) == ["Quality", "Safety", "Environment"]
    assert [(s.name, s.values) for s in stacked.series] == [("Met", (8, 5, 7)), ("Missed", (3, 2, 1))]
    line = next(sh for sh in by_title[f"{item.clause} — Complaints per month"].shapes if sh.has_chart).chart
    assert line.chart_type == XL_CHART_TYPE.LINE_MARKERS
    assert list(line.plots[0].categories) == ["2026-08", "2026-09", "2026-10"]
    assert [(s.name, s.values) for s in line.series] == [("Complaints", (4.0, 6.0, 3.0))]
    assert by_title[f"{item.clause} — Complaints per month"].shapes  # the takeaway is the caption
    assert "Complaints fell in October." in _text(by_title[f"{item.clause} — Complaints per month"])


def test_objectives_summary_is_a_table_and_a_stacked_chart(deck):
    slide = next(s for s in deck.slides if _title(s) == LABELS_EN["objectives_summary"])
    assert any(sh.has_table for sh in slide.shapes)
    chart = next(sh for sh in slide.shapes if sh.has_chart).chart
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    assert [s.name for s in chart.series] == ["Met", "Missed"]


def test_series_use_the_okabe_ito_palette(deck):
    chart = _charts(deck)[0]
    colours = [str(s.format.fill.fore_color.rgb) for s in chart.plots[0].series]
    assert colours == ["0072B2", "E69F00"]


def test_charts_pictures_and_tables_have_alt_text(deck):
    seen = 0
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_chart or shape.has_table or shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                assert _descr(shape).strip(), (_title(slide), shape.name)
                seen += 1
    assert seen >= 5


def test_table_fonts_are_readable(deck):
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        for run in (r for p in cell.text_frame.paragraphs for r in p.runs):
                            assert run.font.size.pt >= 11


def test_decisions_slide(deck, pack):
    slide = next(s for s in deck.slides if _title(s).startswith(LABELS_EN["decisions"]))
    text = _text(slide)
    decision = pack.decisions[0]
    for expected in (decision.text, decision.owner, "31 Mar 2027", decision.argument, LABELS_EN["owner"]):
        assert expected in text
    assert "25,000" in text  # English grouping in an English pack


def test_no_decisions(tmp_path, pack):
    deck = _export(dataclasses.replace(pack, decisions=[]), tmp_path)
    slide = deck.slides[-1]
    assert _title(slide) == LABELS_EN["decisions"]
    assert LABELS_EN["no_decisions"] in _text(slide)


def test_same_pack_same_slides(tmp_path, pack):
    one = _export(pack, tmp_path, "one.pptx")
    two = _export(sample_pack(), tmp_path, "two.pptx")
    assert [_texts(s) for s in one.slides] == [_texts(s) for s in two.slides]
    assert one.core_properties.title == pack.meta.review_title
    assert one.core_properties.author == pack.meta.author
    assert one.core_properties.created == one.core_properties.modified == two.core_properties.modified
    assert one.core_properties.modified.date() == pack.meta.generated_at.date()
    assert one.core_properties.language == "en"


def test_progress_reaches_one(tmp_path, pack):
    calls: list[tuple[float, str]] = []
    export_pptx(pack, tmp_path / "p.pptx", progress=lambda f, m: calls.append((f, m)))
    fractions = [f for f, _ in calls]
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    assert all(isinstance(m, str) and m for _, m in calls)


def _item(ref: str, **kw) -> ReviewItem:
    base = dict(ref=ref, clause=f"ISO 14001 §{ref}", title="Extra", takeaway="Said.", has_data=True)
    return ReviewItem(**(base | kw))


def test_long_tables_continue_then_truncate(tmp_path, pack):
    medium = PackTable("Medium", pl.DataFrame({"n": list(range(30)), "v": [f"row {i}" for i in range(30)]}))
    huge = PackTable("Huge", pl.DataFrame({"n": list(range(100)), "v": [f"row {i}" for i in range(100)]}))
    item = _item("14001.x", tables=[medium, huge])
    deck = _export(dataclasses.replace(pack, items=[*pack.items, item]), tmp_path)

    def rows(title: str) -> list[list[str]]:
        out = []
        for s in deck.slides:
            if _title(s).startswith(f"{item.clause} — {title}"):
                table = next(sh for sh in s.shapes if sh.has_table).table
                assert len(table.rows) - 1 <= 12
                out += [[c.text for c in r.cells] for r in list(table.rows)[1:]]
        return out

    assert [r[0] for r in rows("Medium")] == [str(i) for i in range(30)]
    shown = rows("Huge")
    note = shown[-1][0]
    assert LABELS_EN["appendix"] in note
    assert f"+{100 - (len(shown) - 1)}" in note
    assert [r[0] for r in shown[:-1]] == [str(i) for i in range(len(shown) - 1)]


def test_findings_are_capped(tmp_path, pack):
    item = _item("14001.y", findings=[f"Finding number {i}." for i in range(9)])
    deck = _export(dataclasses.replace(pack, items=[*pack.items, item]), tmp_path)
    slide = next(s for s in deck.slides if _title(s) == f"{item.clause} — {item.title}")
    text = _text(slide)
    assert "Finding number 0." in text and "Finding number 4." in text
    assert "Finding number 5." not in text


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(buf, "PNG")
    return buf.getvalue()


def _image_chart(data: pl.DataFrame | None = None, kind: str = "image") -> PackChart:
    fig = go.Figure(go.Pie(labels=["A", "B"], values=[1, 2]))
    return PackChart(
        "Share", fig, data if data is not None else pl.DataFrame(), "A is smaller.", "Pie: A 1, B 2.", kind
    )


def test_image_charts_become_pictures_with_alt_text(tmp_path, pack, monkeypatch):
    monkeypatch.setattr(pptx_export.images, "render", lambda *a, **k: _png())
    # kind "image", and a "bar" whose data has no numeric series: both fall back to the figure.
    unusable = pl.DataFrame({"a": ["x"], "b": ["y"]})
    item = _item("45001.z", charts=[_image_chart(), _image_chart(unusable, "bar")])
    deck = _export(dataclasses.replace(pack, items=[*pack.items, item]), tmp_path)
    slides = [s for s in deck.slides if _title(s) == f"{item.clause} — Share"]
    assert len(slides) == 2
    for slide in slides:
        pictures = [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        assert _descr(pictures[0]) == "Pie: A 1, B 2."
        assert "A is smaller." in _text(slide)


@pytest.mark.skipif(images.find_chromium() is None, reason="no Chromium for Kaleido")
def test_real_chart_image(tmp_path, pack):
    item = _item("45001.w", charts=[_image_chart()])
    deck = _export(dataclasses.replace(pack, items=[*pack.items, item]), tmp_path)
    slide = next(s for s in deck.slides if _title(s) == f"{item.clause} — Share")
    picture = next(sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert picture.image.content_type == "image/png"
    assert len(picture.image.blob) > 1000


def test_no_streamlit():
    source = pathlib.Path(pptx_export.__file__).read_text(encoding="utf-8")
    assert "streamlit" not in source


HOSTILE_LABELS = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)"]


def test_embedded_chart_workbooks_hold_no_formula(tmp_path, pack):
    """PowerPoint's "Edit data" opens each native chart's workbook in Excel: a supplier named
    =HYPERLINK(...) must stay a name there, never become a formula (issue 11)."""
    import re
    import zipfile

    data = pl.DataFrame({"Supplier": HOSTILE_LABELS, HOSTILE_LABELS[0]: [4, 3, 2, 1], "=1+1": [1, 1, 1, 1]})
    chart = PackChart("Complaints by supplier", go.Figure(), data, "Said.", "Bars.", kind="bar")
    deck_path = export_pptx(
        dataclasses.replace(pack, items=[_item("14001.z", charts=[chart])]), tmp_path / "p.pptx"
    )
    with zipfile.ZipFile(deck_path) as deck_zip:
        embedded = [n for n in deck_zip.namelist() if n.endswith(".xlsx")]
        assert embedded
        shared_strings = ""
        for name in embedded:
            with zipfile.ZipFile(io.BytesIO(deck_zip.read(name))) as book:
                for part in book.namelist():
                    xml = book.read(part).decode("utf-8")
                    assert not re.search(r"<f[ >]", xml), f"{name}/{part} holds a formula"
                    if part.endswith("sharedStrings.xml"):
                        shared_strings += xml
    for text in HOSTILE_LABELS:  # written as they are, as text
        assert text.replace('"', "&quot;") in shared_strings or text in shared_strings
