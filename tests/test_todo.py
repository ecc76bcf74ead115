"""The to-do in words (smqse.todo) and the data version that keys its cache (smqse.reminders.todo_version)."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from smqse import data_version, db
from smqse import todo as words
from smqse.reminders import TODO_KINDS, Reminder
from smqse.scope import get_user, scope_for

NOV, DEC = date(2026, 11, 1), date(2026, 12, 1)


def _owed(indicator_id: str, period: date, late: int) -> Reminder:
    return Reminder(
        kind="owed_values",
        item_key=f"{indicator_id}|LYON|{period:%Y-%m}|due",
        link=f"monthly-entry?month={period:%Y-%m}",
        indicator_id=indicator_id,
        process_id="P-PRO",
        process_name_fr="Production",
        process_name_en="Production",
        period=period,
        due_on=date(period.year + period.month // 12, period.month % 12 + 1, 10),
        days_overdue=late,
    )


def _action(action_id: str, title: str, late: int, kind: str = "actions_due") -> Reminder:
    return Reminder(
        kind=kind,
        item_key=f"{action_id}|x",
        link=f"action-plan?action={action_id}",
        action_id=action_id,
        title=title,
        owner_name="Marc Lambert",
        process_name_fr="Production",
        process_name_en="Production",
        site_name="Lyon",
        due_on=date(2026, 12, 1),
        days_overdue=late,
    )


@pytest.mark.parametrize(
    ("late", "lang", "expected"),
    [
        (4, "fr", "⚠ **en retard de 4 jours** (échéance le 1 décembre 2026)"),
        (1, "en", "⚠ **overdue by 1 day** (due on 1 December 2026)"),
        (0, "en", "◷ **due today** (1 December 2026)"),
        (0, "fr", "◷ **échéance aujourd'hui** (1 décembre 2026)"),
        (-3, "fr", "◷ échéance dans 3 jours (le 1 décembre 2026)"),
        (-1, "en", "◷ due in 1 day (on 1 December 2026)"),
    ],
)
def test_the_status_is_said_in_words_and_an_icon(late, lang, expected):
    assert words.due_words(date(2026, 12, 1), late, lang) == expected


def test_owed_values_make_one_line_per_month_at_the_place_of_the_most_urgent():
    reminders = [
        _action("ACT-1", "Fix the press", 10),
        _owed("Q-SCRAP", NOV, 4),
        _owed("Q-OEE", NOV, 4),
        _owed("Q-FPY", NOV, 4),
        _action("ACT-2", "Train the team", -2),
    ]
    lines = words.build_lines(reminders, "en")
    assert [(line.kind, line.item) for line in lines] == [
        ("actions_due", "ACT-1"),
        ("owed_values", "2026-11"),
        ("actions_due", "ACT-2"),
    ]
    assert lines[1].text == (
        "**3 values to enter** for November 2026 · Production — ⚠ **overdue by 4 days** (due on 10 December 2026)"
    )
    assert lines[1].target == words.ENTRY and lines[0].target == words.ACTIONS
    assert words.build_counts_line(reminders, "en") == "2 actions due or overdue · 3 values to enter"
    assert (
        words.build_counts_line(reminders[:2], "fr") == "1 action à échéance ou en retard · 1 valeur à saisir"
    )


def test_an_action_title_shows_as_typed_never_as_markdown():
    [line] = words.build_lines([_action("ACT-9", "**Urgent** [click](https://evil.example)", 1)], "fr")
    assert "**Urgent**" not in line.text and "[click](" not in line.text
    assert line.text.startswith(
        r"Action **ACT-9** « \*\*Urgent\*\* \[click\]\(https\:\/\/evil\.example\) » · Production · Lyon"
    )


def test_an_escalation_names_the_owner():
    [line] = words.build_lines([_action("ACT-7", "Fix", 45, kind="escalations")], "en")
    assert line.text.startswith('Escalation: action **ACT-7** "Fix" · Marc Lambert · Production · Lyon')


@pytest.fixture
def con(demo_db_path, tmp_path):
    path = tmp_path / "todo.duckdb"
    shutil.copy(demo_db_path, path)
    connection = db.connect(path)
    yield connection
    connection.close()


def _version(con, user_id: str) -> int:
    scope = scope_for(get_user(user_id, con), con)
    frame = db.run_query("todo_data_version", con=con, kinds=list(TODO_KINDS), **scope.params())
    return int(frame.item(0, 0))


def test_the_to_do_kinds_are_data_version_kinds():
    assert set(TODO_KINDS) == {*data_version.PER_INDICATOR, data_version.ACTION, data_version.MONTH_CLOSE}


def test_the_cache_key_moves_with_what_the_to_do_reads_in_scope_and_only_then(con):
    before = _version(con, "u-prod")
    with db.transaction(con) as cur:
        data_version.bump(cur, data_version.MEASUREMENT, ["E-WATER"])  # the HSE pilot's, not Production's
        data_version.bump(cur, data_version.EVENT)  # the to-do reads no events
    assert _version(con, "u-prod") == before
    for kind, ids in ((data_version.MEASUREMENT, ["Q-SCRAP"]), (data_version.ACTION, None)):
        with db.transaction(con) as cur:
            data_version.bump(cur, kind, ids)
        assert _version(con, "u-prod") > before
        before = _version(con, "u-prod")
