"""Dates through Babel everywhere a reader sees one (issue 16): sentences in the long form ("31 octobre
2026"), tables and grids in the one short form ("31/10/2026", "31/10/2026 14:05"), never ISO nor a
hand-made "%d/%m/%Y"."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl
import pytest

from smqse import i18n
from smqse.views import actions as actions_view
from smqse.views.data import preview_for_display
from smqse.views.events import format_day
from smqse.words import actions as words
from smqse.words import causes as cause_words
from smqse.words import columns

AS_OF = date(2026, 10, 1)
TODAY = date(2026, 10, 31)


def test_the_table_helpers_write_the_short_form_once_per_value_and_a_dash_for_none():
    frame = pl.DataFrame(
        {
            "day": [date(2026, 10, 31), None, date(2026, 11, 1), date(2026, 10, 31)],
            "at": [datetime(2026, 10, 31, 14, 5), None, None, datetime(2026, 11, 1, 9, 0)],
        }
    )
    fr = frame.select(columns.day_text(frame, "day", "fr"), columns.moment_text(frame, "at", "fr"))
    assert fr["day"].to_list() == ["31/10/2026", "—", "01/11/2026", "31/10/2026"]
    assert fr["at"].to_list() == ["31/10/2026 14:05", "—", "—", "01/11/2026 09:00"]
    en = frame.select(columns.moment_text(frame, "at", "en"))
    assert en["at"][0] == "31/10/2026, 14:05"


def test_a_grid_s_date_column_pattern_is_babel_s_short_pattern_in_moment_tokens():
    assert i18n.table_date_pattern("fr") == "DD/MM/YYYY"
    assert i18n.table_date_pattern("fr", with_time=True) == "DD/MM/YYYY HH:mm"
    assert i18n.table_date_pattern("en", with_time=True) == "DD/MM/YYYY, HH:mm"
    assert i18n._moment_pattern("d/M/yy 'à' h:mm a") == "D/M/YY [à] h:mm A"  # literals escaped, not tokens
    with pytest.raises(ValueError, match="'G'"):
        i18n._moment_pattern("G y")


def _plan(demo_con) -> pl.DataFrame:
    from smqse.scope import get_user, scope_for

    scope = scope_for(get_user("u-dg", demo_con), demo_con)
    return actions_view.load_action_plan(scope, AS_OF, demo_con, today=TODAY).actions


def test_the_action_plan_and_its_checks_write_dates_in_the_short_form(demo_con):
    actions = _plan(demo_con)
    table = words.build_plan_table(actions, "fr")
    expected = [d.strftime("%d/%m/%Y") for d in actions["due_on"].to_list() if d is not None]
    assert [d for d in table["due_on"].to_list() if d != "—"] == expected
    assert all("-" not in d for d in table["opened_on"].to_list())
    closed = actions.filter(pl.col("closed_on").is_not_null()).head(3)
    checks = words.build_checks_table(closed.with_columns(days_since_closed=pl.lit(10)), "en")
    assert checks["closed_on"].to_list() == [d.strftime("%d/%m/%Y") for d in closed["closed_on"].to_list()]


def test_the_timeline_speaks_long_dates_and_labels_short_ones(demo_con):
    actions = _plan(demo_con)
    reference = date(2026, 10, 31)
    rows = actions_view.gantt_rows(actions)
    assert "31 octobre 2026" in words.gantt_takeaway(rows, reference, "fr")
    alt = words.gantt_alt(rows, reference, "en")
    assert "31 October 2026" in alt and "2026-" not in alt
    gantt = words.build_gantt_table(actions, "fr")
    assert all(d == "—" or d.count("/") == 2 for d in gantt["due_on"].to_list())


def test_an_action_s_history_writes_when_in_the_short_form():
    history = pl.DataFrame(
        {
            "changed_at": [datetime(2026, 10, 31, 14, 5)],
            "changed_by": ["u-qse"],
            "before": [None],
            "after": [None],
            "operation": ["insert"],
            "reason": [None],
        }
    )
    assert words.build_history_table(history, "fr")["changed_at"].to_list() == ["31/10/2026 14:05"]


def test_the_causes_action_table_writes_short_dates_and_no_closing_for_a_cancelled_action():
    actions = pl.DataFrame(
        {
            "action_id": ["A-1", "A-2"],
            "title": ["Former", "Annulée"],
            "action_type": ["corrective", "corrective"],
            "status": ["done", "cancelled"],
            "owner_name": ["Ana", "Bo"],
            "owner_user_id": ["u-a", "u-b"],
            "site_id": ["LYON", None],
            "opened_on": [date(2026, 3, 2), date(2026, 4, 1)],
            "due_on": [date(2026, 6, 30), None],
            "closed_on": [date(2026, 6, 15), date(2026, 5, 1)],
            "progress_pct": [100.0, 0.0],
            "effectiveness": [None, None],
            "before_count": [4, 2],
            "after_count": [1, None],
            "window_months": [3, None],
            "verdict": ["too_early", "too_early"],
        }
    )
    table = cause_words.build_actions_table(actions, "fr", date(2026, 10, 31))
    assert table["opened_on"].to_list() == ["02/03/2026", "01/04/2026"]
    assert table["due_on"].to_list() == ["30/06/2026", "—"]
    assert table["closed_on"].to_list() == ["15/06/2026", "—"]


def test_a_closing_before_the_opening_is_refused_with_the_french_date():
    before = {"status": "in_progress", "progress_pct": 50, "opened_on": date(2026, 10, 15)}
    change = actions_view.ActionChange("done", 100, date(2026, 10, 1), "fini")
    problems = actions_view.validate_change(before, change, "fr", TODAY)
    assert "La date de clôture ne peut pas précéder l'ouverture (15 octobre 2026)." in problems


def test_the_import_preview_writes_dates_and_timestamps_the_short_way_in_english_too():
    preview = pl.DataFrame(
        {
            "row": [2],
            "due_on": [date(2026, 10, 31)],
            "entered_at": [datetime(2026, 10, 31, 14, 5)],
            "import_status": ["new"],
        }
    )
    shown = preview_for_display(preview, None, "en")
    assert shown["due_on"].to_list() == ["31/10/2026"]
    assert shown["entered_at"].to_list() == ["31/10/2026, 14:05"]


def test_the_events_page_sentences_use_the_long_date():
    assert format_day(date(2026, 10, 15), "fr") == "15 octobre 2026"
    assert format_day(date(2026, 10, 15), "en") == "15 October 2026"
    assert format_day(None, "fr") == "—"
