"""Measurement files: every bad file refused with a located message and the database unchanged; the formats
Excel writes in France and elsewhere read; re-imports keep history; the load is all or nothing."""

from __future__ import annotations

import io
from datetime import date, datetime

import polars as pl
import pytest

from smqse.ingest import import_bytes, import_frame
from tests.ingest.helpers import fingerprint

FR_HEADER = "indicateur;site;période;valeur;numérateur;dénominateur;commentaire"
EN_HEADER = "indicator_id,site_id,period,value,numerator,denominator,comment"


def fr_csv(*rows: str, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join([FR_HEADER, *rows]) + "\r\n").encode(encoding)


# (case, file bytes, file name, expected (row, column, code))
BAD = [
    ("not_a_number", fr_csv("Q-NC-INT;LYON;2026-09;12,3,4;;;"), "mesures.csv", (2, "valeur", "not_a_number")),
    ("month_13", fr_csv("Q-NC-INT;LYON;2026-13;3;;;"), "mesures.csv", (2, "période", "bad_period")),
    ("garbage_period", fr_csv("Q-NC-INT;LYON;sept. 2026;3;;;"), "mesures.csv", (2, "période", "bad_period")),
    ("before_1990", fr_csv("Q-NC-INT;LYON;1989-12;3;;;"), "mesures.csv", (2, "période", "bad_period")),
    ("future_month", fr_csv("Q-NC-INT;LYON;2099-01;3;;;"), "mesures.csv", (2, "période", "bad_period")),
    ("zero_denominator", fr_csv("Q-SCRAP;LYON;2026-09;;3;0;"), "mesures.csv", (2, "dénominateur", "bad_denominator")),
    ("negative_denominator", fr_csv("Q-SCRAP;LYON;2026-09;;3;-10;"), "mesures.csv",
     (2, "dénominateur", "bad_denominator")),
    ("ratio_without_numerator", fr_csv("Q-SCRAP;LYON;2026-09;;;1000;"), "mesures.csv",
     (2, "numérateur", "missing_value")),
    ("ratio_without_denominator", fr_csv("Q-SCRAP;LYON;2026-09;;3;;"), "mesures.csv",
     (2, "dénominateur", "missing_value")),
    ("sum_without_value", fr_csv("Q-NC-INT;LYON;2026-09;;;;"), "mesures.csv", (2, "valeur", "missing_value")),
    ("missing_site", fr_csv("Q-NC-INT;;2026-09;3;;;"), "mesures.csv", (2, "site", "missing_value")),
    ("duplicate_key", fr_csv("Q-NC-INT;LYON;2026-09;3;;;", "Q-NC-INT;LYON;2026-09-01;4;;;"), "mesures.csv",
     (3, "indicateur", "duplicate_key")),
    ("above_max", fr_csv("Q-SCRAP;LYON;2026-09;150;;;"), "mesures.csv", (2, "valeur", "out_of_range")),
    ("below_min", fr_csv("Q-NC-INT;LYON;2026-09;-2;;;"), "mesures.csv", (2, "valeur", "out_of_range")),
    ("inconsistent", fr_csv("Q-SCRAP;LYON;2026-09;5;15;1000;"), "mesures.csv", (2, "valeur", "inconsistent_value")),
    ("unknown_indicator", fr_csv("Q-NOPE;LYON;2026-09;3;;;"), "mesures.csv", (2, "indicateur", "unknown_indicator")),
    ("unknown_site", fr_csv("Q-NC-INT;PARIS;2026-09;3;;;"), "mesures.csv", (2, "site", "unknown_site")),
    ("empty_file", fr_csv(), "mesures.csv", (None, None, "empty_file")),
    ("zero_bytes", b"", "mesures.csv", (None, None, "empty_file")),
    ("unreadable_xlsx", b"PK\x03\x04 this is not a zip", "mesures.xlsx", (None, None, "unreadable")),
    ("unknown_column", ("indicateur;site;période;valeur;bidule\nQ-NC-INT;LYON;2026-09;3;x\n").encode(),
     "mesures.csv", (1, "bidule", "unknown_column")),
    ("missing_column", (b"indicateur;site;valeur\nQ-NC-INT;LYON;3\n"), "mesures.csv",
     (None, "période", "missing_column")),
    ("ragged_row", fr_csv("Q-NC-INT;LYON;2026-09;3;;;;;extra"), "mesures.csv", (2, None, "bad_row_length")),
]  # fmt: skip


@pytest.mark.parametrize(("case", "data", "name", "expected"), BAD, ids=[b[0] for b in BAD])
def test_bad_file_is_refused_with_a_located_message(con, users, case, data, name, expected):
    before = fingerprint(con)
    result = import_bytes(con, data, name, user=users["u-qse"], kind="measurements")
    assert not result.written and result.import_id is None
    found = [(p.row, p.column, p.code) for p in result.problems]
    assert expected in found, found
    problem = result.problems[found.index(expected)]
    assert problem.file == name and name in problem.message
    row, column, _ = expected
    if row is not None:
        assert f"ligne {row}" in problem.message
    if column is not None:
        assert f"« {column} »" in problem.message
    assert fingerprint(con) == before


def test_every_problem_is_reported_not_just_the_first(con, users):
    data = fr_csv(
        "Q-NC-INT;LYON;2026-09;12,3,4;;;",
        "Q-NOPE;LYON;2026-13;3;;;",
        "Q-SCRAP;PARIS;2026-09;;3;0;",
        "Q-NC-INT;LYON;2026-09;3;;;",
    )
    result = import_bytes(con, data, "mesures.csv", user=users["u-qse"], dry_run=True)
    found = {(p.row, p.column, p.code) for p in result.problems}
    assert {
        (2, "valeur", "not_a_number"),
        (3, "indicateur", "unknown_indicator"),
        (3, "période", "bad_period"),
        (4, "site", "unknown_site"),
        (4, "dénominateur", "bad_denominator"),
        (5, "indicateur", "duplicate_key"),
    } <= found
    assert [p.row for p in result.problems] == sorted(p.row for p in result.problems)
    assert set(result.preview.filter(pl.col("import_status") == "invalid")["row"]) == {2, 3, 4, 5}


def test_message_is_plain_language_in_french_and_english(con, users):
    data = fr_csv("Q-NC-INT;LYON;2026-09;12,3,4;;;")
    fr = import_bytes(con, data, "mesures.csv", user=users["u-qse"]).problems[0].message
    assert fr == "mesures.csv, ligne 2, colonne « valeur » : « 12,3,4 » n'est pas un nombre"
    en = import_bytes(con, data, "mesures.csv", user=users["u-qse"], lang="en").problems[0].message
    assert en == "mesures.csv, row 2, column \u201cvaleur\u201d: \u201c12,3,4\u201d is not a number"


def test_french_excel_csv_semicolon_decimal_comma_cp1252(con, users):
    data = fr_csv(
        "Q-NC-INT;LYON;2026-09;1\u00a0234,5;;;relevé à l'atelier été",
        "Q-OUTPUT;ROUEN;15/09/2026;2 500;;;",
        "Q-SCRAP;LYON;09/2026;;15;1\u00a0000;",
        encoding="cp1252",
    )
    result = import_bytes(con, data, "mesures.csv", user=users["u-qse"])
    assert result.problems == [] and result.written
    stored = con.execute(
        "SELECT indicator_id, site_id, period, value, comment FROM measurement WHERE import_id = ? ORDER BY 1",
        [result.import_id],
    ).fetchall()
    assert stored == [
        ("Q-NC-INT", "LYON", date(2026, 9, 1), 1234.5, "relevé à l'atelier été"),
        ("Q-OUTPUT", "ROUEN", date(2026, 9, 1), 2500.0, None),
        ("Q-SCRAP", "LYON", date(2026, 9, 1), 1.5, None),  # computed: 15 / 1000 × 100
    ]
    batch = con.execute("SELECT file_name, row_count, imported_by, kind, sha256 FROM import_batch").fetchall()
    assert batch[-1][:4] == ("mesures.csv", 3, "u-qse", "measurements") and len(batch[-1][4]) == 64


def test_utf8_bom_english_headers_comma_separated(con, users):
    text = "\ufeff" + "\n".join(
        [
            EN_HEADER,
            'Q-NC-INT,LYON,2026-09-01,"1,234.5",,,"note, with comma"',
            "Q-SCRAP,ROUEN,2026-08,1.5,15,1000,",
        ]
    )
    result = import_bytes(con, text.encode("utf-8"), "measures.csv", user=users["u-qse"], lang="en")
    assert result.problems == []
    assert result.preview["value"].to_list() == [1234.5, 1.5]
    assert result.preview["comment"].to_list() == ["note, with comma", None]


def test_headers_are_case_accent_and_space_insensitive(con, users):
    data = b"INDICATEUR ; Site ; Periode ; Valeur\nQ-NC-INT;LYON;2026-09;3\n"
    result = import_bytes(con, data, "m.csv", user=users["u-qse"], dry_run=True)
    assert result.kind == "measurements" and result.problems == []


def _xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_with_dates_and_numbers_loads(con, users):
    data = _xlsx(
        [
            ["Indicateur", "Site", "Période", "Valeur", "Numérateur", "Dénominateur", "Commentaire"],
            ["Q-NC-INT", "LYON", datetime(2026, 9, 1), 4, None, None, None],
            ["Q-SCRAP", "ROUEN", "2026-09", None, 15, 1000, "ok"],
            [None, None, None, None, None, None, None],
            ["Q-OUTPUT", "LYON", 46265, 1200.5, None, None, None],  # Excel serial day 46265 = 2026-08-31
        ]
    )
    result = import_bytes(con, data, "mesures.xlsx", user=users["u-qse"])
    assert result.problems == []
    assert result.preview["row"].to_list() == [2, 3, 5]
    assert result.preview["period"].to_list() == [date(2026, 9, 1), date(2026, 9, 1), date(2026, 8, 1)]
    assert result.preview["value"].to_list() == [4.0, 1.5, 1200.5]


def test_xlsx_formula_without_cached_value_is_a_problem_not_a_crash(con, users):
    data = _xlsx(
        [
            ["indicator_id", "site_id", "period", "value"],
            ["Q-NC-INT", "LYON", "2026-09", "=2+2"],
        ]
    )
    before = fingerprint(con)
    result = import_bytes(con, data, "formula.xlsx", user=users["u-qse"])
    found = [(p.row, p.column, p.code) for p in result.problems]
    assert (2, "value", "formula_without_value") in found
    assert fingerprint(con) == before


def _current(con, indicator="Q-NC-INT", site="LYON", period=date(2026, 9, 1)):
    return con.execute(
        "SELECT version, value FROM measurement WHERE indicator_id = ? AND site_id = ? AND period = ? ORDER BY version",
        [indicator, site, period],
    ).fetchall()


def test_reimport_adds_a_version_and_keeps_history(con, users):
    history = _current(con)
    assert len(history) == 1  # the demo's version 1
    first = import_bytes(con, fr_csv("Q-NC-INT;LYON;2026-09;7;;;"), "a.csv", user=users["u-qse"])
    assert (first.new_rows, first.new_versions, first.unchanged) == (0, 1, 0)
    second = import_bytes(con, fr_csv("Q-NC-INT;LYON;2026-09;8;;;"), "b.csv", user=users["u-qse"])
    assert second.new_versions == 1
    assert _current(con) == [history[0], (2, 7.0), (3, 8.0)]
    current = con.execute(
        "SELECT value, version FROM measurement_current WHERE indicator_id = 'Q-NC-INT' AND site_id = 'LYON'"
        " AND period = DATE '2026-09-01'"
    ).fetchall()
    assert current == [(8.0, 3)]


def test_unchanged_reimport_writes_no_new_version(con, users):
    data = fr_csv("Q-NC-INT;LYON;2026-09;7;;;", "Q-NC-INT;LYON;2024-01;7;;;")
    first = import_bytes(con, data, "a.csv", user=users["u-qse"])
    assert (first.new_rows, first.new_versions) == (1, 1)
    count = con.execute("SELECT count(*) FROM measurement").fetchone()[0]
    again = import_bytes(con, data, "a.csv", user=users["u-qse"])
    assert (again.new_rows, again.new_versions, again.unchanged) == (0, 0, 2)
    assert set(again.preview["import_status"]) == {"unchanged"}
    assert con.execute("SELECT count(*) FROM measurement").fetchone()[0] == count


@pytest.mark.parametrize("step", ["batch", "rows", "change_log"])
def test_a_load_killed_midway_leaves_the_database_as_it_was(con, users, monkeypatch, step):
    import smqse.ingest.load as loader

    def crash(at: str) -> None:
        if at == step:
            raise RuntimeError(f"killed after {at}")

    monkeypatch.setattr(loader, "_checkpoint", crash)
    before = fingerprint(con)
    with pytest.raises(RuntimeError, match="killed"):
        import_bytes(con, fr_csv("Q-NC-INT;LYON;2026-09;7;;;", "Q-NC-INT;LYON;2024-01;7;;;"), "a.csv",
                     user=users["u-qse"])  # fmt: skip
    assert fingerprint(con) == before
    monkeypatch.undo()
    assert import_bytes(con, fr_csv("Q-NC-INT;LYON;2026-09;7;;;"), "a.csv", user=users["u-qse"]).written


def test_a_pilot_may_not_write_another_process(con, users):
    before = fingerprint(con)
    # u-prod pilots P-PRO; Q-OTD belongs to P-LOG.
    result = import_bytes(
        con,
        fr_csv("Q-SCRAP;LYON;2026-09;;15;1000;", "Q-OTD;LYON;2026-09;;95;100;"),
        "m.csv",
        user=users["u-prod"],
    )
    assert [(p.row, p.column, p.code) for p in result.problems] == [(3, "indicateur", "not_allowed")]
    assert "périmètre" in result.problems[0].message
    assert fingerprint(con) == before
    own = import_bytes(con, fr_csv("Q-SCRAP;LYON;2026-09;;15;1000;"), "m.csv", user=users["u-prod"])
    assert own.written


def test_a_viewer_may_not_import(con, users):
    before = fingerprint(con)
    result = import_bytes(con, fr_csv("S-LTA;LYON;2026-09;1;;;"), "m.csv", user=users["u-cse"])
    assert [(p.row, p.column, p.code) for p in result.problems] == [(None, None, "not_allowed")]
    assert fingerprint(con) == before


def test_entry_correction_needs_a_reason_and_is_logged(con, users):
    frame = pl.DataFrame(
        {"indicator_id": ["Q-NC-INT"], "site_id": ["LYON"], "period": ["2026-09"], "value": [9]}
    )
    refused = import_frame(con, frame, kind="measurements", user=users["u-qse"], file_name="saisie")
    assert [(p.row, p.code) for p in refused.problems] == [(1, "reason_required")]
    done = import_frame(
        con, frame, kind="measurements", user=users["u-qse"], file_name="saisie", reason="erreur de saisie"
    )
    assert done.written and done.new_versions == 1
    log = con.execute(
        "SELECT table_name, row_key, operation, before, after, reason, changed_by FROM change_log"
        " WHERE table_name = 'measurement'"
    ).fetchall()
    assert len(log) == 1
    table, key, operation, before, after, reason, who = log[0]
    assert (table, key, operation, reason, who) == (
        "measurement", "Q-NC-INT/LYON/2026-09-01", "new_version", "erreur de saisie", "u-qse"
    )  # fmt: skip
    assert '"version": 1' in before and '"value": 9.0' in after


def test_entry_of_a_new_value_needs_no_reason(con, users):
    frame = pl.DataFrame({"indicator_id": ["Q-NC-INT"], "site_id": ["LYON"], "period": [date(2019, 1, 1)],
                          "value": ["3,5"]})  # fmt: skip
    result = import_frame(con, frame, kind="measurements", user=users["u-qse"], file_name="saisie")
    assert result.problems == [] and result.new_rows == 1


def test_a_column_named_twice_is_refused(con, users):
    data = "indicateur;site;période;valeur;Valeur\nQ-NC-INT;LYON;2026-09;3;4\n".encode()
    result = import_bytes(con, data, "m.csv", user=users["u-qse"])
    assert [(p.row, p.column, p.code) for p in result.problems] == [(1, "Valeur", "duplicate_column")]


def test_quoted_cells_with_line_breaks_keep_spreadsheet_row_numbers(con, users):
    data = (
        "indicateur;site;période;valeur;commentaire\n"
        'Q-NC-INT;LYON;2026-09;3;"première ligne\nseconde ligne"\n'
        "\n"
        'Q-NC-INT;ROUEN;2026-09;abc;"x"\n'
    ).encode()
    result = import_bytes(con, data, "m.csv", user=users["u-qse"])
    # Rows as a spreadsheet shows them: the two-line cell is one row, the blank line one row.
    assert [(p.row, p.column, p.code) for p in result.problems] == [(4, "valeur", "not_a_number")]
