"""Completeness of monthly values (on time, late, missing, not yet due) and the entry grid's change detection."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl
import pytest

from smqse import data_entry as service
from smqse.scope import get_user, scope_for


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
