"""Hostile uploads (issue 11): every one is refused, or read, at a bounded cost, with a located message, and
nothing is written. The files are built here: a zip bomb of shared strings, a sheet declaring a million rows
around one far cell, a CSV whose every row names an unknown indicator, a cell of several MB, a UTF-8 file
with one stray Windows-1252 byte."""

from __future__ import annotations

import gc
import random
import tracemalloc

import openpyxl
import pytest

from smqse.cli import main
from smqse.ingest import ImportResult, Problem, import_bytes, import_file, limits, read
from smqse.ingest.read import RawTable
from tests.ingest.helpers import fingerprint
from tests.ingest.hostile import HEADER, SharedString, huge_shared_string, sheet_xml, xlsx

FR_HEADER = ";".join(HEADER)


def _csv(*rows: str) -> bytes:
    return ("\n".join([FR_HEADER, *rows]) + "\n").encode("utf-8")


def _unknown_indicators(count: int) -> bytes:
    return (FR_HEADER + "\n" + "".join(f"Q-NOPE-{i};LYON;2024-01;1;;;\n" for i in range(count))).encode()


def _codes(result) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.code) for p in result.problems]


# --- XLSX ----------------------------------------------------------------------------------------------


def test_shared_strings_bomb_is_refused_from_the_zip_directory(con, users, monkeypatch):
    """293 KB that inflate to 300 MB of shared strings: refused before openpyxl parses a byte."""
    data = xlsx(
        sheet_xml({1: HEADER, 2: ["Q-NC-INT", "LYON", "2024-01", 3, None, None, SharedString(0)]}),
        huge_shared_string(300),
    )
    assert len(data) < 400_000

    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not open a zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    before = fingerprint(con)
    tracemalloc.start()
    try:
        result = import_bytes(con, data, "bombe.xlsx", user=users["u-qse"])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert _codes(result) == [(None, None, "xlsx_too_large")]
    assert "300.0 Mo" in result.problems[0].message and "256.0 Mo" in result.problems[0].message
    assert peak < 20 * limits.MB
    assert not result.written and fingerprint(con) == before


def test_a_member_that_inflates_too_many_times_is_refused(con, users):
    data = xlsx(sheet_xml({1: HEADER}), huge_shared_string(20))  # under the size bounds, ~1000:1
    result = import_bytes(con, data, "bombe.xlsx", user=users["u-qse"], lang="en")
    assert _codes(result) == [(None, None, "xlsx_ratio")]
    assert "refused for safety" in result.problems[0].message


def test_shared_strings_over_their_own_bound_are_refused(con, users, monkeypatch):
    monkeypatch.setattr(limits, "MAX_XLSX_SHARED_STRINGS_BYTES", 1000)
    monkeypatch.setattr(limits, "MAX_XLSX_RATIO", 10**9)
    data = xlsx(sheet_xml({1: HEADER}), huge_shared_string(2))
    assert _codes(import_bytes(con, data, "m.xlsx", user=users["u-qse"])) == [(None, None, "xlsx_too_large")]


def test_declared_dimension_and_one_far_cell_cost_two_rows_not_a_million(con, users, monkeypatch):
    """A1:XFD1048576 declared, one cell on row 1 048 576: openpyxl's read-only rows would fill the gap with a
    million rows of 16 384 cells (hours of work); only the cells present are converted now."""
    data = xlsx(sheet_xml({1: HEADER, 1_048_576: ["Q-NC-INT"]}, dimension="A1:XFD1048576"))
    converted = 0
    cell_text = read._cell_text

    def counted(value):
        nonlocal converted
        converted += 1
        assert converted < 1_000, "cells that are not in the file are being read"
        return cell_text(value)

    monkeypatch.setattr(read, "_cell_text", counted)
    before = fingerprint(con)
    result = import_bytes(con, data, "loin.xlsx", user=users["u-qse"])
    assert converted < 20
    assert {(1_048_576, "site", "missing_value"), (1_048_576, "période", "missing_value")} <= set(
        _codes(result)
    )
    assert not result.written and fingerprint(con) == before


def test_xlsx_rows_keep_their_numbers_and_columns_past_the_header_are_not_read(con, users):
    data = xlsx(
        sheet_xml(
            {
                1: HEADER,
                4: ["Q-NC-INT", "LYON", "2024-01", 3, None, None, None, None, "beyond the header"],
                9: ["Q-NC-INT", "ROUEN", "2024-01", 4],
            },
            dimension="A1:XFD1048576",
        )
    )
    result = import_bytes(con, data, "m.xlsx", user=users["u-qse"], dry_run=True)
    assert result.problems == []
    assert result.preview["row"].to_list() == [4, 9]


def test_xlsx_cell_of_several_mb_is_a_located_problem(con, users):
    long_comment = random.Random(0).randbytes(3 * 1024 * 1024 // 2).hex()  # compresses like text, ~2:1
    data = xlsx(sheet_xml({1: HEADER, 2: ["Q-NC-INT", "LYON", "2024-01", 3, None, None, long_comment]}))
    before = fingerprint(con)
    result = import_bytes(con, data, "long.xlsx", user=users["u-qse"])
    assert _codes(result) == [(2, "commentaire", "cell_too_long")]
    assert "3145728 caractères" in result.problems[0].message and "2000" in result.problems[0].message
    assert not result.written and fingerprint(con) == before


def test_a_header_wider_than_the_column_bound_is_refused(con, users):
    wide = xlsx(sheet_xml({1: [*HEADER, *(f"x{i}" for i in range(200))]}))
    assert _codes(import_bytes(con, wide, "m.xlsx", user=users["u-qse"])) == [(1, None, "too_many_columns")]
    far = xlsx(sheet_xml({1: [*HEADER, *([None] * 16_000), "XFD"]}))
    assert _codes(import_bytes(con, far, "m.xlsx", user=users["u-qse"])) == [(1, None, "too_many_columns")]


# --- CSV -----------------------------------------------------------------------------------------------


def test_many_unknown_indicators_keep_a_bounded_number_of_problems(con, users):
    """300 000 rows, each with an unknown indicator: the first 200 located, the rest counted, and neither a
    Problem per row nor the raw rows survive the import."""
    data = _unknown_indicators(300_000)
    before = fingerprint(con)
    gc.collect()
    tracemalloc.start()
    try:
        result = import_bytes(con, data, "inconnus.csv", user=users["u-qse"], lang="en")
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.problem_count == 300_000 and not result.written and fingerprint(con) == before
    assert len(result.problems) == limits.MAX_PROBLEMS_KEPT + 1
    assert _codes(result)[:2] == [
        (2, "indicateur", "unknown_indicator"),
        (3, "indicateur", "unknown_indicator"),
    ]
    assert result.problems[-1].code == "more_problems"
    assert result.problems[-1].message == (
        "inconnus.csv: … and 299,800 more problems (only the first 200 are listed)"
    )
    gc.collect()
    alive = [o for o in gc.get_objects() if isinstance(o, Problem | RawTable)]
    assert sum(isinstance(o, Problem) for o in alive) <= limits.MAX_PROBLEMS_KEPT + 1
    assert not any(isinstance(o, RawTable) for o in alive)
    # Python objects only (Polars' frames live outside tracemalloc). With a Problem per row this import
    # peaked at 141 MB and kept 110 MB after it returned; now about 37 MB and 0.2 MB.
    assert peak < 80 * limits.MB and kept < 5 * limits.MB
    shown = result.for_display(preview_rows=1_000)
    assert shown.preview.height == 1_000 and shown.problem_count == 300_000


def test_the_invalid_rows_are_all_marked_even_beyond_the_listed_problems(con, users):
    result = import_bytes(con, _unknown_indicators(500), "inconnus.csv", user=users["u-qse"], dry_run=True)
    assert result.preview["import_status"].unique().to_list() == ["invalid"]


def test_cli_prints_the_first_problems_then_how_many_more(db_file, tmp_path, capsys):
    path = tmp_path / "inconnus.csv"
    path.write_bytes(_unknown_indicators(1_000))
    assert main(["--db", str(db_file), "import", str(path), "--lang", "en"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == limits.MAX_PROBLEMS_KEPT + 2
    assert (
        lines[0]
        == "inconnus.csv, row 2, column \u201cindicateur\u201d: unknown indicator \u201cQ-NOPE-0\u201d"
    )
    assert lines[-2] == "inconnus.csv: … and 800 more problems (only the first 200 are listed)"
    assert lines[-1] == "inconnus.csv: 1,000 problems, nothing written"


def test_csv_cell_of_several_mb_is_a_located_problem_not_stored(con, users):
    data = _csv("Q-NC-INT;LYON;2024-01;3;;;" + "y" * (3 * 1024 * 1024), "Q-NC-INT;ROUEN;2024-01;3;;;ok")
    before = fingerprint(con)
    result = import_bytes(con, data, "long.csv", user=users["u-qse"], lang="en")
    assert _codes(result) == [(2, "commentaire", "cell_too_long")]
    assert result.problems[0].message == (
        "long.csv, row 2, column \u201ccommentaire\u201d: the cell holds 3145728 characters, over the limit "
        "of 2000: shorten it"
    )
    assert not result.written and fingerprint(con) == before


def test_a_cell_at_the_limit_is_read_whole(con, users):
    text = "z" * limits.MAX_CELL_CHARS
    result = import_bytes(con, _csv(f"Q-NC-INT;LYON;2024-01;3;;;{text}"), "m.csv", user=users["u-qse"])
    assert result.written
    assert con.execute(
        "SELECT comment FROM measurement WHERE import_id = ?", [result.import_id]
    ).fetchall() == [(text,)]


def test_quoted_csv_cell_too_long_is_located_too(con, users):
    data = _csv('Q-NC-INT;LYON;2024-01;3;;;"' + "q" * 5_000 + '"')
    assert _codes(import_bytes(con, data, "q.csv", user=users["u-qse"])) == [
        (2, "commentaire", "cell_too_long")
    ]


def test_utf8_file_with_one_stray_cp1252_byte_is_refused_at_its_line(con, users):
    """Read as Windows-1252 (as before), every é of these comments was stored as Ã©."""
    text = (
        "indicator_id,site_id,period,value,numerator,denominator,comment\n"
        "Q-NC-INT,LYON,2024-01,3,,,relevé à l'atelier été\n"
        "Q-NC-INT,ROUEN,2024-01,4,,,contrôle déjà fait\n"
    )
    data = text.encode().replace(b"atelier", b"atelier\x92s")  # a Windows-1252 quote typed into UTF-8
    before = fingerprint(con)
    result = import_bytes(con, data, "mixte.csv", user=users["u-qse"])
    assert _codes(result) == [(2, None, "not_utf8")]
    assert result.problems[0].message == (
        "mixte.csv, ligne 2 : l'octet 0x92 n'est pas de l'UTF-8 alors que le reste du fichier est en UTF-8 "
        "(1 octet de ce genre en tout) : enregistrez le fichier au format « CSV UTF-8 », puis importez-le "
        "à nouveau"
    )
    assert not result.written and fingerprint(con) == before


def test_utf8_with_bom_and_a_stray_byte_is_refused_too(con, users):
    data = b"\xef\xbb\xbf" + _csv("Q-NC-INT;LYON;2024-01;3;;;caf\u00e9").replace(b"caf\xc3\xa9", b"caf\xe9")
    assert _codes(import_bytes(con, data, "bom.csv", user=users["u-qse"])) == [(2, None, "not_utf8")]


def test_windows_1252_with_a_chance_utf8_pair_still_reads_as_windows_1252(con, users):
    """`É` then a no-break space (C9 A0) is well-formed UTF-8 by chance; the lowercase accents around it
    are not, so the file is Windows-1252."""
    data = _csv("Q-NC-INT;LYON;2024-01;3;;;CONFORMITÉ\u00a0: relevé vérifié").decode().encode("cp1252")
    result = import_bytes(con, data, "m.csv", user=users["u-qse"])
    assert result.written
    assert con.execute(
        "SELECT comment FROM measurement WHERE import_id = ?", [result.import_id]
    ).fetchall() == [("CONFORMITÉ\u00a0: relevé vérifié",)]


# --- other bounds --------------------------------------------------------------------------------------


def test_rows_beyond_the_bound_are_refused(con, users, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 10)
    for data in (_unknown_indicators(11), _csv(*['"Q-NC-INT";LYON;2024-01;3;;;'] * 11)):
        result = import_bytes(con, data, "m.csv", user=users["u-qse"], lang="en")
        assert _codes(result) == [(None, None, "too_many_rows")]
        assert (
            result.problems[0].message == "m.csv: the file has more than 10 rows: split it into several files"
        )
    rows = {1: HEADER, **{n: ["Q-NC-INT", "LYON", "2024-01", n] for n in range(2, 14)}}
    assert _codes(import_bytes(con, xlsx(sheet_xml(rows)), "m.xlsx", user=users["u-qse"])) == [
        (None, None, "too_many_rows")
    ]
    assert import_bytes(con, _unknown_indicators(10), "m.csv", user=users["u-qse"]).problem_count == 10


def test_csv_header_wider_than_the_column_bound_is_refused(con, users):
    data = (FR_HEADER + ";x" * 200 + "\n").encode()
    assert _codes(import_bytes(con, data, "m.csv", user=users["u-qse"])) == [(1, None, "too_many_columns")]


def test_file_over_the_size_bound_is_refused_before_it_is_read(con, users, tmp_path):
    path = tmp_path / "enorme.csv"
    with path.open("wb") as handle:  # sparse: no 50 MB written to disk
        handle.truncate(limits.MAX_FILE_BYTES + 1)
    result = import_file(con, path, user=users["u-qse"], lang="en")
    assert _codes(result) == [(None, None, "file_too_large")]
    assert "over the 50.0 MB limit" in result.problems[0].message


@pytest.mark.parametrize("name", ["m.csv", "m.xlsx"])
def test_a_check_over_its_time_budget_is_stopped_and_says_so(con, users, monkeypatch, name):
    monkeypatch.setattr(limits, "CHECK_SECONDS", 0.0)
    if name.endswith(".csv"):
        data = _csv("Q-NC-INT;LYON;2024-01;3;;;")
    else:
        data = xlsx(sheet_xml({1: HEADER, 2: ["Q-NC-INT", "LYON", "2024-01", 3]}))
    before = fingerprint(con)
    result = import_bytes(con, data, name, user=users["u-qse"], lang="en")
    assert _codes(result) == [(None, None, "check_stopped")]
    assert result.problems[0].message == (
        f"{name}: the check was stopped after 0 seconds, its time limit; nothing was written: split the file "
        "into smaller files"
    )
    assert not result.written and fingerprint(con) == before


def test_the_budget_is_looked_at_inside_the_read_loops(monkeypatch):
    """A clock that jumps past the budget once the loop has started: the read stops there."""
    ticks = iter([0.0, 0.0] + [100.0] * 10)
    budget = limits.Budget(seconds=60, clock=lambda: next(ticks))
    monkeypatch.setattr(limits, "CHECK_EVERY_ROWS", 2)
    rows = {1: HEADER, **{n: ["Q-NC-INT", "LYON", "2024-01", n] for n in range(2, 10)}}
    with pytest.raises(limits.LimitExceeded) as stopped:
        read.read_xlsx(xlsx(sheet_xml(rows)), budget)
    assert stopped.value.code == "check_stopped"


def test_for_display_keeps_a_bounded_preview():
    import polars as pl

    result = ImportResult("measurements", "m.csv", "", 5000, [], preview=pl.DataFrame({"row": range(5000)}))
    shown = result.for_display(preview_rows=100)
    assert shown.preview.height == 100 and shown.rows == 5000 and result.preview.height == 5000


def test_a_typed_text_is_bounded_like_a_file_cell(con, users):
    import polars as pl

    from smqse.ingest import import_frame

    frame = pl.DataFrame({"indicator_id": ["Q-NC-INT"], "site_id": ["LYON"], "period": ["2019-01"],
                          "value": ["3"], "comment": ["c" * 5_000]})  # fmt: skip
    before = fingerprint(con)
    result = import_frame(con, frame, kind="measurements", user=users["u-qse"], file_name="saisie")
    assert _codes(result) == [(1, "comment", "cell_too_long")]
    assert not result.written and fingerprint(con) == before
