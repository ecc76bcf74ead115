"""The whole pack on the demo organisation and the `export-pack` command: the three files, every §9.3.2
item addressed in each, a pilot's pack holding only their processes, and a clear message without Chromium."""

from __future__ import annotations

import dataclasses
import os
import zipfile
from datetime import date

import openpyxl
import polars as pl
import pytest
from pptx import Presentation
from pypdf import PdfReader

from smqse.cli import main
from smqse.export import pack as pack_module
from smqse.export.images import ChromiumMissingError, find_chromium
from smqse.export.pack import export_pack, pack_file_name, parse_formats
from smqse.review.content import PackOptions, build_review_pack, version_problem
from smqse.scope import get_user, scope_for

AS_OF = date(2026, 10, 1)
needs_chromium = pytest.mark.skipif(
    find_chromium() is None and not os.environ.get("SMQSE_REQUIRE_CHROMIUM"),
    reason="no Chromium on this machine (CI installs it and sets SMQSE_REQUIRE_CHROMIUM)",
)


def _pack(con, user_id: str, lang: str = "en"):
    user = get_user(user_id, con)
    return build_review_pack(con, scope_for(user, con), user, PackOptions(AS_OF, lang=lang))


def _slide_texts(path) -> list[list[str]]:
    slides = []
    for slide in Presentation(str(path)).slides:
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts.extend(cell.text for row in shape.table.rows for cell in row.cells)
        slides.append(texts)
    return slides


def _pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def _xlsx_strings(path) -> set[str]:
    book = openpyxl.load_workbook(path)
    return {
        str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None
    }


@pytest.fixture(scope="module")
def lead_files(demo_con, tmp_path_factory):
    out = tmp_path_factory.mktemp("pack")
    pack = _pack(demo_con, "u-qse")
    return pack, export_pack(pack, out)


@needs_chromium
def test_three_files_named_after_the_cut_off(lead_files):
    pack, paths = lead_files
    assert [p.name for p in paths] == [
        "management-review-2026-10-v1.pptx",
        "management-review-2026-10-v1.pdf",
        "management-review-2026-10-v1.xlsx",
    ]
    assert all(p.stat().st_size > 10_000 for p in paths)
    assert not list(paths[0].parent.glob(".*"))  # no temporary file left behind


@needs_chromium
def test_every_item_is_addressed_in_every_format(lead_files):
    pack, (pptx, pdf, xlsx) = lead_files
    titles = [texts[0] for texts in _slide_texts(pptx) if texts]
    flat = "\n".join(" ".join(t) for t in _slide_texts(pptx))
    pdf_text = " ".join(_pdf_text(pdf).split())
    sheets = openpyxl.load_workbook(xlsx).sheetnames
    for item in pack.items:
        assert any(title.startswith(item.clause) for title in titles), item.clause
        assert item.title in pdf_text, item.title
        assert item.sheet_name in sheets
    assert "Data cut-off" in flat and "31 October 2026" in flat
    assert pack.meta.review_title in pdf_text


@needs_chromium
def test_every_chart_and_picture_has_alt_text(lead_files):
    _, (pptx, _, _) = lead_files
    charts = 0
    for slide in Presentation(str(pptx)).slides:
        for shape in slide.shapes:
            if shape.has_chart or shape.shape_type == 13:  # 13: picture
                charts += 1
                descr = shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
                assert descr, shape.name
    assert charts >= 15


@needs_chromium
def test_no_formula_in_the_appendix(lead_files):
    _, (_, _, xlsx) = lead_files
    with zipfile.ZipFile(xlsx) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in z.read(n) for n in sheets)


def test_pilot_appendix_holds_only_their_processes(demo_con, tmp_path):
    pack = _pack(demo_con, "u-prod")
    (xlsx,) = export_pack(pack, tmp_path, ("xlsx",))
    strings = _xlsx_strings(xlsx)
    catalogue = demo_con.sql("SELECT name_en, process_id FROM indicator").pl()
    others = set(catalogue.filter(pl.col("process_id") != "P-PRO")["name_en"])
    assert not strings & others
    assert "First pass yield" in strings
    assert pack.meta.scope_label in strings


@pytest.fixture
def db_copy(demo_copy):
    """The CLI opens the file read-write (it migrates): a copy, not the session's read-only demo."""
    return demo_copy


def _export(db_path, out, *options: str) -> int:
    return main(["--db", str(db_path), "export-pack", "--out", str(out), *options])


def test_cli_writes_the_appendix_and_refuses_bad_input(db_copy, tmp_path, capsys):
    out = tmp_path / "out"
    assert _export(db_copy, out, "--as-of", "2026-10", "--formats", "xlsx") == 0
    assert (out / "revue-de-direction-2026-10-v1.xlsx").exists()  # French by default
    with pytest.raises(SystemExit) as bad_month:
        _export(db_copy, out, "--as-of", "2026-13x")
    assert bad_month.value.code == 2
    assert _export(db_copy, out, "--as-of", "2026-10", "--formats", "docx") == 1
    assert "unknown format(s) docx" in capsys.readouterr().err


def test_without_chromium_the_command_says_how_to_install_it(
    db_copy, demo_con, tmp_path, capsys, monkeypatch
):
    monkeypatch.setattr(pack_module, "find_chromium", lambda: None)
    out = tmp_path / "out"
    code = _export(db_copy, out, "--as-of", "2026-10", "--formats", "pdf")
    err = capsys.readouterr().err
    assert code == 1 and "ChromiumMissingError" in err and "apt-get install chromium" in err
    assert not out.exists() or not list(out.iterdir())  # nothing half-written
    with pytest.raises(ChromiumMissingError):
        export_pack(_pack(demo_con, "u-qse"), out, ("pptx",))


def test_formats_and_names(demo_con):
    assert parse_formats("pdf, xlsx,pdf") == ("pdf", "xlsx")
    for bad in ("", "pdf,docx"):
        with pytest.raises(ValueError):
            parse_formats(bad)
    assert pack_file_name(_pack(demo_con, "u-qse", "fr"), "pdf") == "revue-de-direction-2026-10-v1.pdf"
    assert pack_file_name(_pack(demo_con, "u-qse", "en"), "pptx") == "management-review-2026-10-v1.pptx"


def test_cli_takes_db_after_the_command_too(db_copy, tmp_path):
    out = tmp_path / "after"
    args = ["export-pack", "--as-of", "2026-10", "--out", str(out), "--formats", "xlsx", "--db", str(db_copy)]
    assert main(args) == 0
    assert (out / "revue-de-direction-2026-10-v1.xlsx").exists()


@pytest.mark.parametrize("version", ["a/b", "../x", "..", "a\\b", "/etc/passwd", ".hidden", "v1\n"])
def test_a_hostile_version_never_leaves_the_output_directory(demo_con, tmp_path, version):
    """The version names the files (issue 11: "a/b" used to raise FileNotFoundError): whatever a caller
    passes, every file lands directly in the output directory."""
    pack = dataclasses.replace(
        _pack(demo_con, "u-qse"), meta=dataclasses.replace(_pack(demo_con, "u-qse").meta, version=version)
    )
    name = pack_file_name(pack, "xlsx")
    assert "/" not in name and "\\" not in name and ".." not in name and not name.startswith(".")
    out = tmp_path / "out"
    [written] = export_pack(pack, out, ("xlsx",))
    assert written.parent == out and written.exists()
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [written.name]


@pytest.mark.parametrize("version", ["a/b", "../x", "", "é", "x" * 21, "v 1"])
def test_the_cli_refuses_a_version_that_cannot_name_a_file_in_words(db_copy, tmp_path, capsys, version):
    out = tmp_path / "out"
    assert (
        _export(db_copy, out, "--as-of", "2026-10", "--formats", "xlsx", "--version", version, "--lang", "en")
        == 1
    )
    err = capsys.readouterr().err
    assert "cannot be used" in err and "no “/”" in err
    assert not out.exists()


@pytest.mark.parametrize("version", ["v1", "v2.1", "2026-10_b", "V" * 20])
def test_ordinary_versions_are_accepted(version):
    assert version_problem(version, "fr") is None
