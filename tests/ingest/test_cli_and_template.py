"""The `import` command (exit status, summary, every problem on stderr), the XLSX templates, format detection
and the parsing of numbers and periods."""

from __future__ import annotations

import io
from datetime import date

import duckdb
import polars as pl
import pytest
from openpyxl import load_workbook

from smqse.cli import main
from smqse.ingest import KINDS, detect_kind, import_bytes, template_workbook
from smqse.ingest.core import date_exprs
from smqse.ingest.numbers import number_exprs
from smqse.scope import scope_for
from tests.ingest.helpers import fingerprint

GOOD = "indicateur;site;période;valeur\nQ-NC-INT;LYON;2026-09;5\nQ-NC-INT;ROUEN;2026-09;6\n"
BAD = "indicateur;site;période;valeur\nQ-NC-INT;LYON;2026-13;5\nQ-NOPE;ROUEN;2026-09;x\n"


def _count(path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM import_batch").fetchone()[0]
    finally:
        con.close()


def test_cli_import_then_dry_run(db_file, tmp_path, capsys):
    good = tmp_path / "mesures.csv"
    good.write_text(GOOD, encoding="utf-8")
    assert main(["--db", str(db_file), "import", str(good), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2 lignes" in out and "rien n'a été écrit" in out
    assert _count(db_file) == 0
    assert main(["--db", str(db_file), "import", str(good), "--lang", "en"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.count("\n") == 0 and "2 rows" in out and "2 new versions" in out and "import #1" in out
    assert _count(db_file) == 1


def test_cli_summary_counts_one_row_in_the_singular(db_file, tmp_path, capsys):
    one = tmp_path / "mesures.csv"
    one.write_text(GOOD.splitlines(keepends=True)[0] + GOOD.splitlines(keepends=True)[1], encoding="utf-8")
    assert main(["--db", str(db_file), "import", str(one), "--dry-run"]) == 0
    assert (
        ": 1 ligne, 0 nouvelle, 1 nouvelle version ou mise à jour, 0 inchangée — " in capsys.readouterr().out
    )
    assert main(["--db", str(db_file), "import", str(one), "--dry-run", "--lang", "en"]) == 0
    assert ": 1 row, 0 new, 1 new version or update, 0 unchanged — " in capsys.readouterr().out


def test_cli_prints_every_problem_and_exits_1(db_file, tmp_path, capsys):
    bad = tmp_path / "mesures.csv"
    bad.write_text(BAD, encoding="utf-8")
    assert main(["--db", str(db_file), "import", str(bad)]) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert captured.out == ""
    assert lines[:4] == [
        "mesures.csv, ligne 2, colonne « période » : « 2026-13 » : ce mois n'existe pas",
        "mesures.csv, ligne 3, colonne « indicateur » : indicateur « Q-NOPE » inconnu",
        "mesures.csv, ligne 3, colonne « valeur » : « x » n'est pas un nombre",
        "mesures.csv : 3 problèmes, rien n'a été écrit",
    ]
    assert _count(db_file) == 0


def test_cli_refusal_counts_one_problem_in_the_singular(db_file, tmp_path, capsys):
    bad = tmp_path / "mesures.csv"
    bad.write_text("indicateur;site;période;valeur\nQ-NC-INT;LYON;2026-13;5\n", encoding="utf-8")
    assert main(["--db", str(db_file), "import", str(bad)]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == "mesures.csv : 1 problème, rien n'a été écrit"
    assert main(["--db", str(db_file), "import", str(bad), "--lang", "en"]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == "mesures.csv: 1 problem, nothing written"


def test_cli_user_and_kind_options(db_file, tmp_path, capsys):
    good = tmp_path / "mesures.csv"
    good.write_text(GOOD, encoding="utf-8")
    assert main(["--db", str(db_file), "import", str(good), "--user", "u-cse"]) == 1
    assert "ne permet pas" in capsys.readouterr().err
    with pytest.raises(SystemExit, match="u-nobody"):
        main(["--db", str(db_file), "import", str(good), "--user", "u-nobody"])
    assert main(["--db", str(db_file), "import", str(good), "--kind", "events"]) == 1
    assert "colonne obligatoire absente" in capsys.readouterr().err


def test_cli_in_a_subprocess(db_file, tmp_path):
    import subprocess
    import sys

    good = tmp_path / "mesures.csv"
    good.write_text(GOOD, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "smqse", "--db", str(db_file), "import", str(good), "--dry-run"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "rien n'a été écrit" in done.stdout


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_template_per_kind_is_in_the_language_and_reads_back(con, users, kind, lang):
    scope = scope_for(users["u-qse"], con)
    data = template_workbook(con, kind, scope, lang)
    book = load_workbook(io.BytesIO(data), read_only=True)
    first = book.worksheets[0]
    header = [c for c in next(first.iter_rows(values_only=True)) if c]
    assert detect_kind(header) == kind
    assert len(book.sheetnames) >= 2
    book.close()
    if kind == "measurements":
        assert "période" in header if lang == "fr" else "period" in header
        assert ("Indicateurs" if lang == "fr" else "Indicators") in load_workbook(io.BytesIO(data)).sheetnames
    before = fingerprint(con)
    result = import_bytes(con, data, f"template-{kind}.xlsx", user=users["u-qse"], dry_run=True)
    assert result.kind == kind and result.problems == [], [p.message for p in result.problems]
    assert fingerprint(con) == before


def test_template_lists_only_the_pilot_scope(con, users):
    scope = scope_for(users["u-prod"], con)
    book = load_workbook(io.BytesIO(template_workbook(con, "measurements", scope, "fr")), read_only=True)
    ids = [r[0] for r in book["Indicateurs"].iter_rows(min_row=2, values_only=True)]
    processes = {r[2] for r in book["Indicateurs"].iter_rows(min_row=2, values_only=True)}
    assert ids and processes == {"P-PRO"}


def test_detect_kind_from_french_or_english_headers():
    assert detect_kind(["Indicateur", "Site", "Période", "Valeur"]) == "measurements"
    assert detect_kind(["indicator_id", "site_id", "period", "numerator", "denominator"]) == "measurements"
    assert detect_kind(["event_id", "event_type", "site_id", "process_id", "occurred_on"]) == "events"
    assert detect_kind(["Événement", "Type", "Site", "Processus", "Date"]) == "events"
    assert detect_kind(["action", "type", "titre", "processus", "ouverte le", "statut"]) == "actions"
    assert detect_kind(["objectif", "indicateur", "cible", "début", "échéance"]) == "objectives"
    assert (
        detect_kind(
            [
                "indicator_id",
                "process_id",
                "domain",
                "kind",
                "name_fr",
                "name_en",
                "unit",
                "polarity",
                "aggregation",
            ]
        )  # fmt: skip
        == "indicators"
    )
    assert detect_kind(["foo", "bar"]) is None
    assert detect_kind([]) is None


def test_numbers_in_every_usual_form():
    raw = ["12,5", "12.5", "1 234,5", "1\u202f234,5", "1\u00a0234,5", "1.234,5", "1,234.5", "1,234,567", "-3",
           "1e3", "12,3,4", "12 %", "n/a", ".5"]  # fmt: skip
    parsed = pl.DataFrame({"x": raw}).select(number_exprs(pl.col("x"), "fr")[0].alias("x"))["x"].to_list()
    assert parsed == [12.5, 12.5, 1234.5, 1234.5, 1234.5, 1234.5, 1234.5, 1234567.0, -3.0, 1000.0, None, None,
                      None, 0.5]  # fmt: skip


def test_periods_in_every_usual_form():
    raw = ["2026-09", "2026-9", "2026-09-15", "09/2026", "15/09/2026", "46280", "2026-09-15 00:00:00", "sept"]
    parts = pl.DataFrame({"x": raw}).select(**date_exprs("x"))
    got = list(zip(parts["y"], parts["m"], parts["d"], strict=True))
    assert got[:5] == [(2026, 9, None), (2026, 9, None), (2026, 9, 15), (2026, 9, None), (2026, 9, 15)]
    serial = date(1899, 12, 30).toordinal() + 46280
    d = date.fromordinal(serial)
    assert got[5] == (d.year, d.month, d.day)
    assert got[6] == (2026, 9, 15) and got[7] == (None, None, None)


def test_template_reference_names_are_text_not_formulas(con, users):
    """An indicator named like a formula stays a name in the template's reference sheet (issue 11)."""
    hostile = '=HYPERLINK("http://x","y")'
    con.execute("UPDATE indicator SET name_fr = ? WHERE indicator_id = 'Q-NC-INT'", [hostile])
    scope = scope_for(users["u-qse"], con)
    book = load_workbook(io.BytesIO(template_workbook(con, "measurements", scope, "fr")))
    cell = next(r[1] for r in book["Indicateurs"].iter_rows(min_row=2) if r[0].value == "Q-NC-INT")
    assert cell.value == hostile and cell.data_type == "s" and cell.quotePrefix
