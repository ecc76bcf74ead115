"""Issue 12: a ratio is entered as what it counts. A value without numerator and denominator is refused (file and
entry grid alike) with the indicator, site and period named in words, unless the indicator's definition allows
a value alone; then it is accepted and the indicator says how it aggregates."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from smqse import db
from smqse.ingest import import_bytes, import_frame
from tests.ingest.helpers import fingerprint

FR_HEADER = "indicateur;site;période;valeur;numérateur;dénominateur;commentaire"
EN_HEADER = "indicator_id,site_id,period,value,numerator,denominator,comment"

# Q-FPY "Rendement du premier coup" / "First pass yield": a ratio of good parts to parts started.
WORDS = {"fr": "donnez le numérateur", "en": "give the numerator"}


def _labels(con, lang):
    cur = con.cursor()
    row = cur.execute(
        f"SELECT name_{lang}, numerator_label_{lang}, denominator_label_{lang} FROM indicator "
        "WHERE indicator_id = 'Q-FPY'"
    ).fetchall()[0]
    cur.close()
    return row


def _assert_names_the_row(message: str, con, lang: str) -> None:
    name, numerator, denominator = _labels(con, lang)
    for words in ("Q-FPY", name, "LYON", "2026-09", numerator, denominator, WORDS[lang]):
        assert words in message, (words, message)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_value_alone_in_a_file_is_refused_with_the_indicator_site_and_period_named(con, users, lang):
    before = fingerprint(con)
    data = (
        f"{FR_HEADER}\nQ-FPY;LYON;2026-09;92,0;;;\n"
        if lang == "fr"
        else f"{EN_HEADER}\nQ-FPY,LYON,2026-09,92.0,,,\n"
    ).encode()
    result = import_bytes(con, data, "mesures.csv", user=users["u-qse"], kind="measurements", lang=lang)
    assert not result.written
    assert [(p.row, p.code) for p in result.problems] == [(2, "missing_value")]
    message = result.problems[0].message
    _assert_names_the_row(message, con, lang)
    assert ("ligne 2" if lang == "fr" else "row 2") in message  # a file keeps its location too
    assert fingerprint(con) == before


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_value_alone_typed_in_the_entry_grid_is_refused_in_words(con, users, lang):
    before = fingerprint(con)
    frame = pl.DataFrame(
        {"indicator_id": ["Q-FPY"], "site_id": ["LYON"], "period": ["2026-09"], "value": ["92"],
         "numerator": [None], "denominator": [None], "comment": [None]},
        schema_overrides={"numerator": pl.Utf8, "denominator": pl.Utf8, "comment": pl.Utf8},
    )  # fmt: skip
    result = import_frame(
        con,
        frame,
        kind="measurements",
        user=users["u-qse"],
        file_name="entry 2026-09",
        lang=lang,
        reason="relevé corrigé",
    )
    assert not result.written and len(result.problems) == 1
    _assert_names_the_row(result.problems[0].message, con, lang)
    assert fingerprint(con) == before


def test_a_numerator_without_its_denominator_is_refused_even_with_a_value(con, users):
    data = f"{FR_HEADER}\nQ-FPY;LYON;2026-09;92;920;;\n".encode()
    result = import_bytes(con, data, "mesures.csv", user=users["u-qse"], kind="measurements")
    assert [(p.column, p.code) for p in result.problems] == [("dénominateur", "missing_value")]
    assert "Q-FPY" in result.problems[0].message


def test_numerator_and_denominator_without_value_are_saved_with_the_value_computed(con, users):
    data = f"{FR_HEADER}\nQ-FPY;LYON;2026-09;;920;1000;\n".encode()
    result = import_bytes(con, data, "mesures.csv", user=users["u-qse"], kind="measurements")
    assert result.ok and result.written, result.problems
    cur = con.cursor()
    stored = cur.execute(
        "SELECT value, numerator, denominator FROM measurement_current "
        "WHERE indicator_id = 'Q-FPY' AND site_id = 'LYON' AND period = DATE '2026-09-01'"
    ).fetchall()
    assert stored == [(92.0, 920.0, 1000.0)]


def test_where_the_indicator_allows_a_value_alone_it_is_accepted(con, users):
    cur = con.cursor()
    cur.execute("UPDATE indicator SET value_only_rule = 'mean_of_values' WHERE indicator_id = 'Q-FPY'")
    data = f"{FR_HEADER}\nQ-FPY;LYON;2026-09;92;;;\n".encode()
    result = import_bytes(con, data, "mesures.csv", user=users["u-qse"], kind="measurements")
    assert result.ok and result.written, result.problems
    stored = cur.execute(
        "SELECT value, numerator, denominator FROM measurement_current "
        "WHERE indicator_id = 'Q-FPY' AND site_id = 'LYON' AND period = DATE '2026-09-01'"
    ).fetchall()
    assert stored == [(92.0, None, None)]
    # Allowed a value alone, it still needs something: nothing at all is refused.
    empty = import_bytes(con, f"{FR_HEADER}\nQ-FPY;LYON;2026-08;;;;\n".encode(), "m.csv",
                         user=users["u-qse"], kind="measurements")  # fmt: skip
    assert {p.code for p in empty.problems} == {"missing_value"}


INDICATOR_HEADER = (
    "indicator_id,process_id,domain,kind,name_fr,name_en,unit,polarity,aggregation,rate_base,value_only_rule"
)


def test_the_indicators_file_sets_the_value_only_rule_for_ratios_only(con, users):
    good = (
        f"{INDICATOR_HEADER}\nQ-NEWR,P-PRO,Q,result,Taux X,Rate X,%,higher_better,ratio,100,mean_of_values\n"
    )
    result = import_bytes(con, good.encode(), "ind.csv", user=users["u-qse"], kind="indicators")
    assert result.ok and result.written, result.problems
    cur = con.cursor()
    rule = cur.execute("SELECT value_only_rule FROM indicator WHERE indicator_id = 'Q-NEWR'").fetchall()
    assert rule == [("mean_of_values",)]
    on_a_sum = f"{INDICATOR_HEADER}\nQ-NEWS,P-PRO,Q,result,Somme,Sum,u,lower_better,sum,,mean_of_values\n"
    refused = import_bytes(con, on_a_sum.encode(), "ind.csv", user=users["u-qse"], kind="indicators")
    assert [p.code for p in refused.problems] == ["bad_choice"]
    unknown = f"{INDICATOR_HEADER}\nQ-NEWT,P-PRO,Q,result,T,T,%,higher_better,ratio,100,average\n"
    refused = import_bytes(con, unknown.encode(), "ind.csv", user=users["u-qse"], kind="indicators")
    assert [p.code for p in refused.problems] == ["bad_choice"]


def test_the_migration_keeps_every_existing_indicator_refusing_a_value_alone(con, tmp_path):
    cur = con.cursor()
    assert cur.execute("SELECT count(*) FROM indicator WHERE value_only_rule IS NOT NULL").fetchall() == [
        (0,)
    ]
    raw = duckdb.connect(str(tmp_path / "v6.duckdb"))
    db.migrate(raw, up_to=6)
    raw.execute(
        "INSERT INTO indicator (indicator_id, process_id, domain, kind, name_fr, name_en, unit, polarity, "
        "aggregation, rate_base) VALUES ('Q-OLD', 'P-PRO', 'Q', 'result', 'Ancien', 'Old', '%', "
        "'higher_better', 'ratio', 100)"
    )
    db.migrate(raw)
    assert raw.execute("SELECT value_only_rule FROM indicator").fetchall() == [(None,)]
    raw.close()


def test_the_refusal_names_the_month_whatever_day_the_file_gave(con, users):
    data = f"{FR_HEADER}\nQ-FPY;LYON;15/08/2026;92;;;\n".encode()
    result = import_bytes(con, data, "mesures.csv", user=users["u-qse"], kind="measurements")
    assert "LYON, 2026-08 : " in result.problems[0].message
