"""The review pack states its cut-off month's completeness beside the cut-off, marks a provisional month on
every slide / page and in the appendix, and lists the corrections made after the month was closed."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date, datetime

import openpyxl
import polars as pl
import pytest
from pptx import Presentation

from smqse import db
from smqse.export import images
from smqse.export.pdf import export_pdf
from smqse.export.pptx import export_pptx
from smqse.export.xlsx import export_xlsx
from smqse.month_state import close_month
from smqse.review.content import PackOptions, build_review_pack, pack_labels
from smqse.review.model import PackTable
from smqse.scope import get_user, scope_for
from tests.export.sample_pack import sample_pack
from tests.export.test_pdf import no_browser, pages_text

OCTOBER = date(2026, 10, 1)


def _lead_pack(con, lang: str = "en"):
    lead = get_user("u-qse", con)
    return build_review_pack(con, scope_for(lead, con), lead, PackOptions(OCTOBER, lang=lang))


@pytest.fixture
def provisional_con(demo_copy):
    con = db.connect(demo_copy)
    con.execute("DELETE FROM measurement WHERE period = DATE '2026-10-01' AND site_id <> 'LYON'")
    yield con
    con.close()


def test_the_pack_states_the_months_completeness(demo_con):
    pack = _lead_pack(demo_con)
    assert pack.meta.month_state.startswith("Data as of October 2026: ")
    assert "values of" in pack.meta.month_state and pack.meta.month_state.endswith("— complete")
    assert not pack.meta.provisional and pack.meta.corrections is None


def test_a_provisional_cut_off_is_said_in_the_pack(provisional_con):
    pack = _lead_pack(provisional_con, lang="fr")
    assert pack.meta.provisional
    assert pack.meta.month_state.endswith("— provisoire")


def _sample(provisional: bool, corrections: PackTable | None):
    pack = sample_pack()
    labels = {**pack.labels, **{k: v for k, v in pack_labels("en").items() if k not in pack.labels}}
    meta = dataclasses.replace(
        pack.meta,
        month_state="Data as of October 2026: 60 values of 200 expected (30%) — provisional",
        provisional=provisional,
        corrections=corrections,
    )
    return dataclasses.replace(pack, meta=meta, labels=labels)


CORRECTIONS = PackTable(
    "Corrections after closing on 12 November 2026, 09:00",
    pl.DataFrame(
        {
            "Indicator": ["Q-SCRAP Scrap rate"],
            "Site": ["Lyon"],
            "Month": ["September 2026"],
            "Value": [2.4],
            "Version": [2],
            "Entered": ["2026-11-20 10:00"],
            "By": ["Karim Benali"],
            "Reason": ["scrap weighed again"],
        }
    ),
)
PROVISIONAL = pack_labels("en")["provisional"]


def _slides_text(path) -> list[str]:
    slides = []
    for slide in Presentation(str(path)).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
        slides.append("\n".join(parts))
    return slides


def test_pptx_marks_every_slide_and_lists_corrections(tmp_path):
    slides = _slides_text(export_pptx(_sample(True, CORRECTIONS), tmp_path / "p.pptx"))
    assert "Data completeness: Data as of October 2026: 60 values of 200 expected" in slides[0]
    assert PROVISIONAL in slides[0]
    assert all(PROVISIONAL in text for text in slides[1:])  # the footer of every slide
    corrections = [s for s in slides if "Corrections after closing on 12 November 2026, 09:00" in s]
    assert corrections and "scrap weighed again" in corrections[0]

    complete = _slides_text(export_pptx(_sample(False, None), tmp_path / "c.pptx"))
    assert not any(PROVISIONAL in text for text in complete)
    assert not any("Corrections after closing" in text for text in complete)


def test_pdf_marks_every_page_and_lists_corrections(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "render_many", no_browser)
    pages = pages_text(export_pdf(_sample(True, CORRECTIONS), tmp_path / "p.pdf"))
    assert "Data as of October 2026: 60 values of 200 expected" in pages[0]
    assert all("Data cut-off: 31 October 2026 · ⚠ PROVISIONAL" in page for page in pages)
    whole = " ".join(pages)
    assert "Corrections after closing on 12 November 2026, 09:00" in whole and "scrap weighed again" in whole


def test_xlsx_about_sheet_states_the_month_and_the_corrections(tmp_path):
    path = export_xlsx(_sample(True, CORRECTIONS), tmp_path / "p.xlsx")
    ws = openpyxl.load_workbook(path).worksheets[0]
    rows = [[c for c in row if c is not None] for row in ws.iter_rows(values_only=True)]
    state = next(r for r in rows if r and r[0] == "Data completeness")
    assert state[1].startswith("Data as of October 2026") and state[2] == PROVISIONAL
    at = next(k for k, r in enumerate(rows) if r and r[0] == CORRECTIONS.title)
    assert rows[at + 1][:2] == ["Indicator", "Site"]
    assert "scrap weighed again" in rows[at + 2]


def test_a_closed_month_lists_the_corrections_made_after(demo_copy):
    from smqse.ingest import import_frame

    con = db.connect(demo_copy)
    try:
        lead = get_user("u-qse", con)
        close_month(con, lead, OCTOBER, lang="en", at=datetime(2026, 11, 12, 9, 0))
        assert _lead_pack(con).meta.corrections.frame.is_empty()
        assert _lead_pack(con).meta.month_state.endswith("— closed")
        frame = pl.DataFrame(
            {
                "indicator_id": ["Q-NC-INT"],
                "site_id": ["LYON"],
                "period": [date(2026, 9, 1)],
                "value": [97.0],
            },
        )
        result = import_frame(
            con, frame, user=lead, kind="measurements", file_name="entry", lang="en", source="entry",
            reason="two NC sheets found late",
        )  # fmt: skip
        assert result.written, result.problems
        table = _lead_pack(con).meta.corrections
        assert table.frame.height == 1
        row = table.frame.row(0, named=True)
        assert row["Reason"] == "two NC sheets found late" and row["Value"] == 97.0 and row["Version"] == 2
        assert row["Month"] == "September 2026" and row["Indicator"].startswith("Q-NC-INT")
    finally:
        con.close()


def test_the_pack_shown_on_copy_stays_independent(demo_db_path, tmp_path):
    """Building a pack reads the month's state without writing anything (the file is unchanged)."""
    path = tmp_path / "ro.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path, read_only=True)
    try:
        assert _lead_pack(con).meta.month_state
    finally:
        con.close()
