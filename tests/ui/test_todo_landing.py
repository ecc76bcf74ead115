"""The to-do on the landing page (issue 15): what the user owes and what is due, the same list as the
e-mails (smqse.reminders), on "My indicators" for a pilot and on the scorecard for everyone else, at a
fixed day of the demo; each line opens its page on its item."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from smqse import db
from smqse.reminders import compute_reminders
from smqse.ui import todo
from tests.ui.helpers import app_database, no_exception, open_page, rendered

# The demo's data end in October 2026: on 14 December the November values are 4 days overdue.
ON = date(2026, 12, 14)
SCORECARD, MINE = "pages/scorecard.py", "pages/my_indicators.py"


@pytest.fixture(scope="module")
def database(demo_db_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("todo") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    with app_database(path):
        yield path


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    monkeypatch.setattr(todo, "today", lambda: ON)


def _reminders(path, user_id: str):
    return compute_reminders(db.shared_connection(path), user_id, ON)


def _texts(at) -> list[str]:
    return [rendered(m.value) for m in at.markdown]


def _todo_buttons(at) -> list:
    return [b for b in at.button if (b.key or "").startswith("todo_open_")]


def test_a_pilot_sees_the_values_they_owe_and_their_overdue_action_on_my_indicators(database):
    reminders = _reminders(database, "u-prod")
    owed = [r for r in reminders if r.kind == "owed_values"]
    late_actions = [r for r in reminders if r.kind == "actions_due" and r.days_overdue > 0]
    assert owed and late_actions  # the demo at that day: the test means something
    at = open_page(MINE, "u-prod", lang="en")
    texts = _texts(at)
    head = f"**To do ({len(reminders)})**"
    assert any(t.startswith(head) and f"{len(owed)} values to enter" in t for t in texts), texts
    [owed_line] = [t for t in texts if "values to enter** for November 2026" in t]
    assert "overdue by 4 days** (due on 10 December 2026)" in owed_line
    action = late_actions[0]
    [action_line] = [t for t in texts if f"Action **{action.action_id}**" in t]
    assert f"overdue by {action.days_overdue} days" in action_line and action.title in action_line
    assert any("as of 14 December 2026" in c.value for c in at.caption)


def test_a_line_opens_its_page_on_its_item(database):
    # Elsewhere first, so that the page's own choice is not the item by chance.
    at = open_page("pages/entry.py", "u-prod", lang="en")
    at.selectbox(key="entry_month").set_value(date(2026, 10, 1)).run()
    action = next(r for r in _reminders(database, "u-prod") if r.kind == "actions_due")
    at.switch_page("pages/actions.py").run()
    pick = at.selectbox(key="actions_pick")
    pick.set_value(next(o for o in pick.options if action.action_id not in o).split(" ")[0]).run()
    assert at.selectbox(key="actions_pick").value not in (None, action.action_id)
    at.switch_page(MINE).run()
    [enter] = [b for b in _todo_buttons(at) if b.label == "Enter"]
    enter.click().run()
    no_exception(at)
    assert at.selectbox(key="entry_month").value == date(2026, 11, 1)

    at.switch_page(MINE).run()
    [see] = [b for b in _todo_buttons(at) if b.label == "See the action" and action.action_id in b.help]
    see.click().run()
    no_exception(at)
    assert at.selectbox(key="actions_pick").value == action.action_id


def test_the_qse_lead_sees_escalations_on_the_scorecard_in_french(database):
    escalations = [r for r in _reminders(database, "u-qse") if r.kind == "escalations"]
    assert escalations
    at = open_page(SCORECARD, "u-qse", lang="fr")
    texts = _texts(at)
    assert any(f"{len(escalations)} escalade" in t for t in texts), texts
    first = escalations[0]
    assert any(
        f"Escalade : action **{first.action_id}**" in t and f"en retard de {first.days_overdue} jours" in t
        for t in texts
    ), texts


def test_nothing_to_do_is_said(database):
    assert _reminders(database, "u-cse") == []
    at = open_page(SCORECARD, "u-cse", lang="fr")
    assert any(t.startswith("**À faire** — Rien à faire") for t in _texts(at))
    assert not _todo_buttons(at)


@pytest.mark.parametrize(("page", "user_id"), [(SCORECARD, "u-prod"), (MINE, "u-dg")])
def test_the_to_do_is_on_the_landing_page_only(database, page, user_id):
    at = open_page(page, user_id, lang="en")
    assert not [t for t in _texts(at) if t.startswith("**To do")]
