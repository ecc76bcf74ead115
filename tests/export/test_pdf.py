"""The review record PDF: its outline read back as text, its tagging and PDF/UA declaration.

Text is read back twice: by pypdf (a test dependency) always, and by poppler's `pdftotext` when it is
installed (Debian: poppler-utils), so the checks do not hang on one extractor's quirks. Charts are drawn by Kaleido when a
Chromium is installed and replaced by their data tables otherwise, so these tests run either way.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from smqse.export import images
from smqse.export.pdf import export_pdf
from tests.export.sample_pack import LABELS_EN, sample_pack

READERS = ["pypdf", "pdftotext"]


def pages_text(pdf, reader: str = "pypdf") -> list[str]:
    """One string per page, whitespace runs collapsed so wrapped lines still match."""
    if reader == "pdftotext":
        if shutil.which("pdftotext") is None:
            pytest.skip("pdftotext missing (apt-get install poppler-utils)")
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
        pages = [p for p in out.stdout.decode("utf-8").split("\f") if p.strip()]
    else:
        pages = [page.extract_text() for page in PdfReader(str(pdf)).pages]
    # Only ASCII whitespace: the no-break spaces of French typography must survive.
    return [re.sub(r"[ \t\r\n]+", " ", p).strip() for p in pages]


def no_browser(*args, **kwargs):
    raise images.ChromiumMissingError("no browser")


@pytest.fixture(scope="module")
def record(tmp_path_factory):
    calls: list[tuple[float, str]] = []
    path = export_pdf(
        sample_pack(),
        tmp_path_factory.mktemp("pdf") / "record.pdf",
        progress=lambda f, m: calls.append((f, m)),
    )
    return path, calls


@pytest.fixture(scope="module", params=READERS)
def text(record, request):
    return pages_text(record[0], request.param)


def test_returns_path_and_reports_progress(record):
    path, calls = record
    assert path.exists() and path.read_bytes().startswith(b"%PDF-")
    fractions = [f for f, _ in calls]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert all(isinstance(m, str) for _, m in calls)


def test_tagged_and_declares_pdf_ua(record):
    data = record[0].read_bytes()
    assert b"/StructTreeRoot" in data
    assert b"/MarkInfo<</Marked true" in data
    assert b"pdfuaid:part>1<" in data  # XMP metadata: PDF/UA-1
    assert b"/Lang(en)" in data
    # The document title (XMP dc:title), which PDF/UA has readers show instead of the file name.
    assert 'x-default">Management review 2026 — Demo Industries<'.encode() in data
    # The structure a screen reader walks: title, contents, one H1 per input, tables with header cells.
    for role in (b"Title", b"TOC", b"H1", b"H2", b"Table", b"TH", b"L", b"BlockQuote"):
        assert b"/S/" + role + b"/" in data or b"/S/" + role + b">" in data, role
    assert data.count(b"/S/H1") >= len(sample_pack().items) + 2  # + objectives summary, decisions
    charts = [chart for item in sample_pack().items for chart in item.charts]
    if images.find_chromium() is None:
        # No browser: the charts were drawn as tables, with no image to describe. CI has one and says so.
        assert not os.environ.get("SMQSE_REQUIRE_CHROMIUM"), "SMQSE_REQUIRE_CHROMIUM is set but no Chromium"
        charts = []
    for chart in charts:  # alternative text on every chart image
        assert f"/Alt({chart.alt})".encode() in data


def test_title_block(text):
    first = text[0]
    pack = sample_pack()
    meta = pack.meta
    assert LABELS_EN["pack_title"].upper() in first and meta.review_title in first
    for label, value in [
        ("organisation", meta.organisation),
        ("scope", meta.scope_label),
        ("period", "1 November 2025 – 31 October 2026"),
        ("cut_off", "31 October 2026"),
        ("author", meta.author),
        ("version", meta.version),
        ("generated", "23 November 2026, 10:00"),
    ]:
        assert f"{LABELS_EN[label]}: {value}" in first
    assert LABELS_EN["contents"] in first


def test_items_in_order_then_summary_and_decisions(text):
    pack = sample_pack()
    whole = " ".join(text)
    # The contents list names every heading once; the body follows it.
    body = whole[whole.index(LABELS_EN["decisions"]) + len(LABELS_EN["decisions"]) :]
    headings = [f"{i.clause} — {i.title}" for i in pack.items]
    headings += [LABELS_EN["objectives_summary"], LABELS_EN["decisions"]]
    positions = [body.index(h) for h in headings]
    assert positions == sorted(positions)
    for item in pack.items:
        assert item.takeaway in body
        for finding in item.findings:
            assert finding in body
    no_data = body[positions[1] : positions[2]]
    assert f"{LABELS_EN['no_data']}: {pack.items[1].takeaway}" in no_data
    assert LABELS_EN["written_input"].format(who="Anne Martin") in body
    assert pack.items[2].written in body
    for chart in pack.items[2].charts:
        assert f"{chart.title}. {chart.takeaway}" in body  # the caption


def test_user_text_prints_literally(text):
    whole = " ".join(text)
    for hostile in ("=cmd|' /C calc'!A0", "@SUM(1+1)", "+Launch a scrap reduction plan at Lyon"):
        assert hostile in whole


def test_decisions(text):
    whole = " ".join(text)
    decisions = whole[whole.rindex(LABELS_EN["decisions"]) :]
    for expected in [
        "DEC-2026-1 — +Launch a scrap reduction plan at Lyon",
        "Type: Improvement",
        "Owner: Paul Durand",
        "Due: 31 Mar 2027",
        "Input: ISO 9001 §9.3.2 c) 2)",
        "Process: Production",
        "Cost (€): 25,000",
        "Expected benefit (€/year): 60,000",
        "Cost of not acting (€/year): 80,000",
        "Cost/benefit argument: Scrap costs 80 k€ a year; the plan pays back in 5 months.",
    ]:
        assert expected in decisions


def test_footer_on_every_page(text):
    assert len(text) >= 2
    for n, page in enumerate(text, start=1):
        assert f"Page {n} / {len(text)}" in page
        assert "Data cut-off: 31 October 2026" in page


def test_same_pack_same_text(record, tmp_path):
    again = export_pdf(sample_pack(), tmp_path / "again.pdf")
    assert pages_text(again) == pages_text(record[0])


def test_no_decisions_and_no_browser(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "render_many", no_browser)
    pack = dataclasses.replace(sample_pack(), decisions=[])
    whole = " ".join(pages_text(export_pdf(pack, tmp_path / "bare.pdf")))
    assert LABELS_EN["no_decisions"] in whole
    # Each chart becomes its data table, under the same caption.
    assert "Objectives by domain. Quality holds most misses." in whole
    assert "Month Complaints 2026-08 4 2026-09 6 2026-10 3" in whole


def test_french_pack(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "render_many", no_browser)
    data = export_pdf(sample_pack("fr"), tmp_path / "fr.pdf").read_bytes()
    assert b"/Lang(fr)" in data
    whole = " ".join(pages_text(tmp_path / "fr.pdf"))
    # French conventions: thousands grouped by a narrow no-break space, a no-break space before a colon.
    assert "Cost (€)\u00a0: 25\u202f000" in whole
    assert "Data cut-off\u00a0: 31 octobre 2026" in whole  # dates in French too


def test_markup_and_unshowable_characters(tmp_path, monkeypatch):
    """Typst markup in user text prints as typed; a character no font has becomes U+FFFD instead of
    failing the PDF/UA check, and control characters are dropped."""
    monkeypatch.setattr(images, "render_many", no_browser)
    markup = '#set text(red) [x] *b* _i_ $x^2$ \\ "q" <lab> @ref `raw` // c /* c */'
    pack = sample_pack()
    item = dataclasses.replace(pack.items[2], written=f"{markup} Runes: \u16a0\u16a2. Bell:\x07 end.")
    pack = dataclasses.replace(pack, items=[pack.items[0], pack.items[1], item])
    whole = " ".join(pages_text(export_pdf(pack, tmp_path / "odd.pdf")))
    assert markup in whole
    assert re.search("Runes: [\u16a0\ufffd][\u16a2\ufffd]\\. Bell: end\\.", whole)


def test_every_status_and_signal_icon_prints_as_a_text_symbol():
    """The PDF's font has no colour emoji: each icon the tables carry becomes a text symbol (a "➖" printed as
    "�" and made Typst compile the pack twice)."""
    from smqse.charts import palette
    from smqse.export.pdf import ICON_SYMBOLS
    from smqse.words.drift import VERDICT_ICONS

    icons = [*palette.STATUS_ICONS.values(), *VERDICT_ICONS.values(), palette.SIGNAL_ICON, palette.NOISE_ICON]
    for icon in icons:
        printed = icon.translate(ICON_SYMBOLS)
        assert printed and set(printed) <= set("✓✗○ϟ↯~–?⚠"), (icon, printed)  # glyphs the PDF font has
