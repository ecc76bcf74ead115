"""Completeness of monthly values (on time, late, missing, not yet due) and the entry grid's change detection."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl
import pytest

from smqse.scope import get_user, scope_for
from smqse.views import entry as service


@pytest.fixture
def con(demo_write_con):
    return demo_write_con


def test_entry_months():
    assert service.entry_months(date(2026, 10, 1), date(2026, 11, 23), 3) == [
        date(2026, 11, 1), date(2026, 10, 1), date(2026, 9, 1)
    ]  # fmt: skip
    # November partly entered already: still November, never December before it has begun.
    assert service.entry_months(date(2026, 11, 1), date(2026, 11, 23), 2) == [
        date(2026, 11, 1),
        date(2026, 10, 1),
    ]
    assert service.entry_months(None, date(2026, 11, 23), 1) == [date(2026, 11, 1)]


def test_due_date():
    assert service.due_date(date(2026, 10, 1)) == date(2026, 11, 10)
    assert service.due_date(date(2026, 12, 17)) == date(2027, 1, 10)


def test_completeness_states(con):
    # Late: Q-SCRAP at Lyon for September entered on 20 October; missing: Q-FPY Lyon October deleted.
    con.execute(
        "UPDATE measurement SET entered_at = TIMESTAMP '2026-10-20 09:00:00' "
        "WHERE indicator_id = 'Q-SCRAP' AND site_id = 'LYON' AND period = DATE '2026-09-01'"
    )
    con.execute(
        "DELETE FROM measurement WHERE indicator_id = 'Q-FPY' AND site_id = 'LYON' AND period = DATE '2026-10-01'"
    )
    pilot = get_user("u-prod", con)
    frame = service.load_completeness(con, scope_for(pilot, con), date(2026, 10, 1), today=date(2026, 11, 23))
    state = {
        (r["indicator_id"], r["site_id"], r["period_month"]): r["state"] for r in frame.iter_rows(named=True)
    }
    assert state[("Q-SCRAP", "LYON", date(2026, 9, 1))] == "late"
    assert state[("Q-FPY", "LYON", date(2026, 10, 1))] == "missing"  # due 10 November, past
    assert state[("Q-FPY", "LYON", date(2026, 11, 1))] == "not_due"  # November is due on 10 December
    assert state[("Q-FPY", "ROUEN", date(2026, 10, 1))] == "on_time"
    assert set(frame["process_id"]) == {"P-PRO"}  # a pilot's completeness covers their processes only
    summary = service.summarise_completeness(frame)
    october = summary.filter(pl.col("period_month") == date(2026, 10, 1)).row(0, named=True)
    expected = frame.filter(pl.col("period_month") == date(2026, 10, 1)).height
    assert october["expected"] == expected and october["missing"] == 1
    assert october["on_time"] + october["late"] + october["missing"] + october["not_due"] == expected


def test_changed_rows_and_corrections():
    original = pl.DataFrame(
        {
            "indicator_id": ["Q-SCRAP", "Q-FPY"],
            "site_id": ["LYON", "LYON"],
            "value": [1.5, None],
            "numerator": [None, None],
            "denominator": [None, None],
            "comment": [None, None],
            "version": [1, None],
        }
    )
    unchanged = original.clone()
    assert service.changed_rows(original, unchanged, date(2026, 11, 1)).is_empty()
    first_entry = original.with_columns(value=pl.Series([1.5, 92.0]))
    changes = service.changed_rows(original, first_entry, date(2026, 11, 1))
    assert changes.to_dicts() == [
        {"indicator_id": "Q-FPY", "site_id": "LYON", "period": "2026-11", "value": "92.0", "numerator": None,
         "denominator": None, "comment": None}
    ]  # fmt: skip
    assert not service.is_correction(original, changes)
    correction = original.with_columns(value=pl.Series([1.7, None]))
    assert service.is_correction(original, service.changed_rows(original, correction, date(2026, 11, 1)))


def test_entry_grid_is_the_users_own_scope(con):
    pilot = get_user("u-prod", con)
    grid = service.load_entry_grid(con, pilot, date(2026, 11, 1))
    assert set(grid["process_id"]) == {"P-PRO"} and grid["value"].null_count() == grid.height
    october = service.load_entry_grid(con, pilot, date(2026, 10, 17))
    assert october["version"].null_count() < october.height


def test_history_is_scoped(con):
    con.execute(
        "INSERT INTO import_batch VALUES (1, 'a.csv', 'x', 3, 'u-qse', $at, 'measurements'), "
        "(2, 'b.csv', 'y', 2, 'u-prod', $at, 'measurements')",
        {"at": datetime(2026, 11, 2, 9, 0)},
    )
    lead, pilot = get_user("u-qse", con), get_user("u-prod", con)
    assert service.load_import_history(con, scope_for(lead, con), lead)["import_id"].to_list() == [2, 1]
    assert service.load_import_history(con, scope_for(pilot, con), pilot)["import_id"].to_list() == [2]


def test_a_pilot_enters_and_corrects_their_values(con):
    from smqse import ingest

    pilot = get_user("u-prod", con)
    november = date(2026, 11, 1)
    grid = service.load_entry_grid(con, pilot, november)
    typed = grid.with_columns(
        value=pl.when((pl.col("indicator_id") == "Q-NC-INT") & (pl.col("site_id") == "LYON"))
        .then(pl.lit(7.0))
        .otherwise(pl.col("value"))
    )
    changes = service.changed_rows(grid, typed, november)
    first = ingest.import_frame(
        con, changes, kind="measurements", user=pilot, file_name="entry 2026-11", lang="en"
    )
    assert first.written and first.new_rows == 1 and not first.problems

    grid = service.load_entry_grid(con, pilot, november)
    corrected = grid.with_columns(
        value=pl.when((pl.col("indicator_id") == "Q-NC-INT") & (pl.col("site_id") == "LYON"))
        .then(pl.lit(8.0))
        .otherwise(pl.col("value"))
    )
    changes = service.changed_rows(grid, corrected, november)
    assert service.is_correction(grid, changes)
    refused = ingest.import_frame(con, changes, kind="measurements", user=pilot, file_name="entry", lang="en")
    assert not refused.written and [p.code for p in refused.problems] == ["reason_required"]
    done = ingest.import_frame(
        con,
        changes,
        kind="measurements",
        user=pilot,
        file_name="entry",
        lang="en",
        reason="typo: 8 NC, not 7",
    )
    assert done.written and done.new_versions == 1
    versions = con.sql(
        "SELECT version, value FROM measurement WHERE indicator_id = 'Q-NC-INT' AND site_id = 'LYON' "
        "AND period = DATE '2026-11-01' ORDER BY version"
    ).fetchall()
    assert versions == [(1, 7.0), (2, 8.0)]  # the earlier value is kept
    log = con.sql("SELECT changed_by, reason FROM change_log WHERE table_name = 'measurement'").fetchall()
    assert ("u-prod", "typo: 8 NC, not 7") in log
    history = service.load_measurement_history(con, scope_for(pilot, con), "Q-NC-INT", "LYON", november)
    assert history.select("version", "value", "entered_by", "reason").rows() == [
        (2, 8.0, "u-prod", "typo: 8 NC, not 7"),
        (1, 7.0, "u-prod", None),
    ]


def test_a_pilot_cannot_enter_another_process(con):
    from smqse import ingest

    pilot = get_user("u-prod", con)
    row = pl.DataFrame(
        {"indicator_id": ["S-TF1"], "site_id": ["LYON"], "period": ["2026-11"], "value": ["3"],
         "numerator": [None], "denominator": [None], "comment": [None]},
        schema={c: pl.String for c in service.ENTRY_COLUMNS},
    )  # fmt: skip
    before = con.sql("SELECT count(*) FROM measurement").fetchall()
    result = ingest.import_frame(con, row, kind="measurements", user=pilot, file_name="entry", lang="en")
    assert not result.written and "not_allowed" in {p.code for p in result.problems}
    assert con.sql("SELECT count(*) FROM measurement").fetchall() == before


# --- issue 12: the grid that reads numbers as typed, names what is wrong and asks about unusual values ----

GRID = pl.DataFrame(
    {
        "indicator_id": ["Q-OUTPUT", "Q-FPY"],
        "site_id": ["LYON", "LYON"],
        "name_fr": ["Production", "Rendement premier passage"],
        "name_en": ["Output", "First pass yield"],
        "site_name": ["Lyon", "Lyon"],
        "unit": ["t", "%"],
        "min_value": [0.0, 0.0],
        "max_value": [None, 100.0],
        "aggregation": ["sum", "ratio"],
        "rate_base": [None, 100.0],
        "numerator_label_fr": [None, "Pièces bonnes du premier coup"],
        "numerator_label_en": [None, "Parts right first time"],
        "denominator_label_fr": [None, "Pièces produites"],
        "denominator_label_en": [None, "Parts produced"],
        "value": [1234.5, 91.5],
        "numerator": [None, 915.0],
        "denominator": [None, 1000.0],
        "comment": [None, None],
        "version": [1, 1],
    }
)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("text", ["1\u202f234,5", "1 234,5", "1.234,5", "1,234.5", "1234,50"])
def test_a_cell_retyped_as_the_stored_number_is_no_change(lang, text):
    # Parsed, then compared (not compared as text): 1 234,5 typed over a stored 1234.5 changes nothing.
    edited = GRID.with_columns(value=pl.Series([text, None])).cast({"numerator": pl.String})
    assert service.changed_rows(GRID, edited, date(2026, 11, 1), lang).is_empty()


@pytest.mark.parametrize(("lang", "text"), [("fr", "91,5"), ("en", "91.5"), ("fr", "1,234"), ("en", "1,234")])
def test_a_changed_cell_is_passed_as_typed_for_the_import_to_read(lang, text):
    # One parser: the import reads the text in the user's language (and refuses 1,234 in French).
    edited = GRID.with_columns(value=pl.Series([text, None])).cast({"numerator": pl.String})
    changes = service.changed_rows(GRID, edited, date(2026, 11, 1), lang)
    assert changes.select("indicator_id", "value", "numerator").to_dicts() == [
        {"indicator_id": "Q-OUTPUT", "value": text, "numerator": None}
    ]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_grid_left_as_shown_has_no_change(lang):
    view = service.entry_grid_view(GRID, pl.DataFrame(schema=HISTORY_SCHEMA), date(2026, 11, 1), lang)
    assert view["value"].to_list() == [service.exact_text(1234.5, lang), ""]  # a ratio's value is computed
    assert view["computed"].to_list() == ["", service.exact_text(91.5, lang)]
    assert service.changed_rows(GRID, view, date(2026, 11, 1), lang).is_empty()


def test_stored_numbers_are_shown_exactly_and_never_ambiguously():
    assert service.exact_text(1234.5, "fr") == "1\u202f234,5"
    assert service.exact_text(1234.5, "en") == "1,234.5"
    assert service.exact_text(91.52, "fr") == "91,52"  # not rounded to 91,5 by the display
    assert service.exact_text(91.523, "fr") == "91,5230"  # 91,523 would be refused as ambiguous
    assert service.exact_text(1.125, "fr") == "1,1250"  # 1,125 would be refused as ambiguous
    assert service.exact_text(1234.0, "en") == "1,234"  # English reads it back as 1234


def test_the_grid_shows_history_range_and_what_a_ratio_counts():
    history = pl.DataFrame(
        {"indicator_id": ["Q-OUTPUT", "Q-OUTPUT"], "site_id": ["LYON", "LYON"],
         "period": [date(2026, 10, 1), date(2025, 11, 1)], "value": [1200.0, 1100.0],
         "numerator": [None, None], "denominator": [None, None]},
        schema=HISTORY_SCHEMA,
    )  # fmt: skip
    view = service.entry_grid_view(GRID, history, date(2026, 11, 1), "en")
    first, ratio = view.row(0, named=True), view.row(1, named=True)
    assert first["indicator"] == "Q-OUTPUT · Output" and first["range"] == "≥ 0"
    assert (first["last_month"], first["last_year"]) == ("1,200", "1,100")
    assert ratio["range"] == "0 – 100" and ratio["ratio"] == "Parts right first time / Parts produced × 100"


def test_a_ratio_value_typed_alone_is_refused_in_words():
    edited = GRID.with_columns(
        value=pl.Series([None, "92"]), numerator=pl.Series([None, None], dtype=pl.String),
        denominator=pl.Series([None, None], dtype=pl.String),
    )  # fmt: skip
    changes = service.changed_rows(GRID, edited, date(2026, 11, 1), "fr")
    assert service.ratio_value_problems(GRID, changes, "fr") == [
        "Q-FPY · Rendement premier passage — Lyon, Valeur : ce ratio se calcule à partir de ce qui est "
        "compté (Pièces bonnes du premier coup / Pièces produites × 100) : saisissez le numérateur et le "
        "dénominateur, pas la valeur seule"
    ]


def test_import_problems_name_indicator_site_and_field(con):
    from smqse import ingest

    pilot = get_user("u-prod", con)
    original = service.load_entry_grid(con, pilot, date(2026, 11, 1))
    edited = service.entry_grid_view(original, pl.DataFrame(schema=HISTORY_SCHEMA), date(2026, 11, 1), "fr")
    edited = edited.with_columns(
        value=pl.when((pl.col("indicator_id") == "Q-OUTPUT") & (pl.col("site_id") == "ROUEN"))
        .then(pl.lit("1,234"))
        .otherwise("value")
    )
    changes = service.changed_rows(original, edited, date(2026, 11, 1), "fr")
    result = ingest.import_frame(con, changes, kind="measurements", user=pilot, file_name="entry 2026-11",
                                 dry_run=True, lang="fr")  # fmt: skip
    [sentence] = service.problem_sentences(result.problems, changes, original, "fr")
    assert sentence.startswith("Q-OUTPUT · Production livrée — Rouen-Grand-Quevilly")
    assert "surface), Valeur : « 1,234 » peut se lire de deux façons" in sentence
    assert "ligne" not in sentence and "value" not in sentence and "2026-11" not in sentence


def test_unusual_values_ask_for_confirmation_with_the_reason():
    months = [date(2025, m, 1) for m in range(11, 13)] + [date(2026, m, 1) for m in range(1, 11)]
    history = pl.DataFrame(
        {"indicator_id": ["Q-OUTPUT"] * 12, "site_id": ["LYON"] * 12, "period": months,
         "value": [100.0, 104.0, 98.0, 101.0, 99.0, 103.0, 97.0, 100.0, 102.0, 98.0, 101.0, 100.0],
         "numerator": [None] * 12, "denominator": [None] * 12},
        schema=HISTORY_SCHEMA,
    )  # fmt: skip

    def unusual(value: float, lang: str = "en") -> list[str]:
        entered = pl.DataFrame({"indicator_id": ["Q-OUTPUT"], "site_id": ["LYON"], "value": [value],
                                "numerator": [None], "denominator": [None]})  # fmt: skip
        return service.unusual_values(entered, history, GRID, date(2026, 11, 1), lang)

    assert unusual(101.5) == []
    assert unusual(1015.0) == [
        "Q-OUTPUT · Output — Lyon: 1,015 is about 10 times more than its usual level (100, median of the last "
        "12 months)"
    ]
    assert "about 1,005 times more" in unusual(100_500.0)[0]
    assert "about 10 times less" in unusual(10.0)[0]
    [limits] = unusual(125.0, "fr")
    assert "sort des limites du processus" in limits


def test_the_page_opens_on_the_earliest_month_owed(con):
    pilot = get_user("u-prod", con)
    months = service.entry_months(date(2026, 10, 1), date(2026, 12, 6))
    owed = service.owed_by_month(con, pilot, months, date(2026, 12, 6))
    # Hand count: u-prod pilots P-PRO, 5 monthly indicators × 2 sites, all reported until October 2026.
    assert owed[date(2026, 11, 1)] == 10 and owed[date(2026, 10, 1)] == 0
    assert service.opening_month(owed, months) == date(2026, 11, 1)
    owed_earlier = {**owed, date(2026, 9, 1): 3}
    assert service.opening_month(owed_earlier, months) == date(2026, 9, 1)
    assert service.opening_month(dict.fromkeys(months, 0), months) == months[0]
    # A closed month is not open: a value still missing there is a correction, not what is owed.
    assert service.opening_month(owed_earlier, months, {date(2026, 9, 1)}) == date(2026, 11, 1)
    assert service.month_label(date(2026, 10, 1), 3, "fr") == "octobre 2026 — 3 valeurs dues"
    assert service.month_label(date(2026, 10, 1), 0, "en") == "October 2026 — complete"


HISTORY_SCHEMA = {
    "indicator_id": pl.String, "site_id": pl.String, "period": pl.Date, "value": pl.Float64,
    "numerator": pl.Float64, "denominator": pl.Float64,
}  # fmt: skip


def test_a_ratio_allowed_a_value_alone_gets_a_value_cell():
    # The indicator's definition allows a value alone (value_only_rule, issue 12 item 2): the grid offers
    # the value cell, and the import says how it aggregates; without the rule the value is computed.
    allowed = GRID.with_columns(value_only_rule=pl.Series([None, "mean of the sites"]))
    view = service.entry_grid_view(allowed, pl.DataFrame(schema=HISTORY_SCHEMA), date(2026, 11, 1), "fr")
    assert view["value"].to_list() == [service.exact_text(1234.5, "fr"), "91,5"]
    assert view["computed"].to_list() == ["", ""]
    edited = view.with_columns(value=pl.Series(["1 234,5", "92"]))
    changes = service.changed_rows(allowed, edited, date(2026, 11, 1), "fr")
    assert changes["value"].to_list() == ["92"]
    assert service.ratio_value_problems(allowed, changes, "fr") == []
