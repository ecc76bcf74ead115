"""The action plan page under AppTest: every role runs it; a pilot sees only the actions of their processes and
updates one through the form (on a copy of the demo database); the viewer gets no form."""

from __future__ import annotations

import shutil

import pytest

from smqse import db
from tests.ui.helpers import app_database, no_exception, open_page

PAGE = "pages/actions.py"
USERS = {"director": "u-dg", "qse_lead": "u-qse", "pilot": "u-prod", "viewer": "u-cse"}
UPDATE_SUBMIT = {"fr": "Enregistrer la mise à jour", "en": "Save the update"}


@pytest.fixture(scope="module")
def org(demo_db_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("actions_ui") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path, read_only=True)
    process_of = dict(con.execute("SELECT action_id, process_id FROM action").fetchall())
    con.close()
    with app_database(path):
        yield {"path": path, "process_of": process_of}


def _plan_table(at):
    tables = [d.value for d in at.dataframe if "rank" in d.value.columns and "owner" in d.value.columns]
    assert len(tables) == 1, [list(d.value.columns) for d in at.dataframe]
    return tables[0]


def _row(at, action_id: str) -> dict:
    table = _plan_table(at)
    return table[table["action_id"] == action_id].to_dict("records")[0]


def _update_buttons(at):
    return [b for b in at.button if b.label in UPDATE_SUBMIT.values()]


@pytest.mark.parametrize("role", list(USERS))
def test_every_role_runs_the_page(org, role):
    at = open_page(PAGE, USERS[role])
    assert at.title[0].value == "Plan d'actions"
    table = _plan_table(at)
    assert len(table) > 0
    # Status is a word with an icon, never a colour alone; the timeline is there with its takeaway.
    assert all(" " in s for s in table["status"])
    assert any("actions dessinées" in m.value for m in at.markdown)
    assert len(at.metric) == 4
    if role == "viewer":
        assert _update_buttons(at) == [] and len(at.number_input) == 0
        assert any("Lecture seule" in c.value for c in at.caption)
    elif role in ("director", "qse_lead"):
        assert len(_update_buttons(at)) == 1


def test_a_pilot_sees_only_the_actions_of_their_processes(org):
    at = open_page(PAGE, USERS["pilot"])
    ids = set(_plan_table(at)["action_id"])
    assert ids and {org["process_of"][a] for a in ids} == {"P-PRO"}
    everything = set(_plan_table(open_page(PAGE, USERS["director"]))["action_id"])
    assert ids < everything


def test_a_pilot_updates_progress_through_the_form(org):
    at = open_page(PAGE, USERS["pilot"], lang="en")
    table = _plan_table(at)
    open_rows = [
        r for r in table.to_dict("records") if "In progress" in r["status"] or "Planned" in r["status"]
    ]
    assert open_rows, "the pilot has an open action in the small demo"
    action_id = open_rows[0]["action_id"]
    at.selectbox(key="actions_pick").set_value(action_id).run()
    no_exception(at)
    new_progress = 65 if open_rows[0]["progress_pct"] != 65 else 70
    at.number_input(key=f"actions_update_progress_{action_id}").set_value(new_progress)
    at.text_area(key=f"actions_update_reason_{action_id}").set_value("Second press adjusted")
    next(b for b in at.button if b.label == UPDATE_SUBMIT["en"]).click().run()
    no_exception(at)
    assert any(f"{action_id} updated" in s.value for s in at.success), [e.value for e in at.error]
    row = _row(at, action_id)
    assert row["progress_pct"] == new_progress
    # The change is in the action's history, with the reason.
    history = [d.value for d in at.dataframe if "reason" in d.value.columns]
    assert history and "Second press adjusted" in history[0]["reason"].to_list()


def test_a_missing_reason_is_said_and_nothing_changes(org):
    at = open_page(PAGE, USERS["qse_lead"], lang="en")
    action_id = at.selectbox(key="actions_pick").value
    before = _row(at, action_id)
    at.number_input(key=f"actions_update_progress_{action_id}").set_value(
        5 if before["progress_pct"] != 5 else 10
    )
    next(b for b in at.button if b.label == UPDATE_SUBMIT["en"]).click().run()
    no_exception(at)
    assert any("reason" in e.value for e in at.error)
    after = _row(at, action_id)
    assert after["progress_pct"] == before["progress_pct"]


def test_english(org):
    at = open_page(PAGE, USERS["director"], lang="en")
    assert at.title[0].value == "Action plan"
    assert any("actions drawn" in m.value for m in at.markdown)


def test_the_plan_table_shows_formula_looking_titles_neutralised(demo_db_path, tmp_path):
    """The table's "Download as CSV" writes the displayed cells: an action titled like a formula is shown
    (and so exported) with a leading apostrophe, never as a live formula (issue 11)."""
    path = tmp_path / "hostile.duckdb"
    shutil.copy(demo_db_path, path)
    hostile = '=HYPERLINK("http://x","y")'
    con = db.connect(path)
    action_id = con.execute("SELECT min(action_id) FROM action").fetchall()[0][0]
    con.execute("UPDATE action SET title = ? WHERE action_id = ?", [hostile, action_id])
    con.close()
    with app_database(path):
        at = open_page(PAGE, USERS["director"])
        row = _row(at, action_id)
    assert "'" + hostile in row.values()
    assert hostile not in row.values()
