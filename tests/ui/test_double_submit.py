"""A double click creates one record (issue 12), under AppTest on a copy of the demo: the QSE lead's
decision and objective forms confirm the save, clear, and a second click creates no copy; a second request
carrying the first one's token (a double click reaching the server before the first run renewed it, with
the same inputs) records nothing and confirms the first record again."""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta

import pytest

from smqse import db
from tests.ui.helpers import app_database, fill_review_decision, no_exception, open_page, submit_button

REVIEW, OBJECTIVES = "pages/review.py", "pages/objectives.py"
DECISION_FORM, OBJECTIVE_FORM = "review_new_decision", "admin_objective_form_new"


@pytest.fixture(scope="module")
def database(demo_db_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("double_submit") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    with app_database(path):
        yield path


def _count(path, table: str) -> int:
    cur = db.shared_connection(path).cursor()  # the app's own connection: this process holds the file
    try:
        return cur.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    finally:
        cur.close()


def _successes(at) -> list[str]:
    return [s.value for s in at.success]


def _saved_decision(at) -> str:
    [decision_id] = [m.group(0) for s in _successes(at) if (m := re.search(r"DEC-\d{4}-\d{2}-\d+", s))]
    return decision_id


def test_a_double_click_on_save_decision_records_one_decision(database):
    at = open_page(REVIEW, "u-qse", lang="en")
    before = _count(database, "review_decision")
    fill_review_decision(at)
    first = submit_button(at, DECISION_FORM)
    first.click().run()
    no_exception(at)
    assert _count(database, "review_decision") == before + 1
    decision_id = _saved_decision(at)
    assert f"Decision {decision_id} saved." in _successes(at)
    # The form is cleared for a new decision, and the saved instance's button is gone: a click still on its
    # way for it matches nothing.
    assert at.text_area(key="review_decision_text").value == ""
    assert at.text_input(key="review_decision_inaction").value == ""
    assert first.key not in [b.key for b in at.button]

    submit_button(at, DECISION_FORM).click().run()  # the second click, on the form as it now stands
    no_exception(at)
    assert _count(database, "review_decision") == before + 1


def test_a_resent_decision_confirms_the_first_one(database):
    at = open_page(REVIEW, "u-qse", lang="fr")
    token = at.session_state[f"_form_token_{DECISION_FORM}"]
    fill_review_decision(at)
    submit_button(at, DECISION_FORM).click().run()
    no_exception(at)
    decision_id = _saved_decision(at)
    count = _count(database, "review_decision")

    # The second request of the same instance: its token, and so its button, with the same inputs.
    at.session_state[f"_form_token_{DECISION_FORM}"] = token
    at.run()
    fill_review_decision(at)
    submit_button(at, DECISION_FORM).click().run()
    no_exception(at)
    assert _count(database, "review_decision") == count  # no DEC-…-(n+1) copy
    assert f"Décision {decision_id} enregistrée." in _successes(at)
    assert not at.error


def _fill_objective(at, objective_id: str) -> None:
    at.text_input(key="admin_obj_objective_id_new").set_value(objective_id)
    at.selectbox(key="admin_obj_indicator_id_new").set_value("Q-OEE")
    at.text_input(key="admin_obj_baseline_new").set_value("73,5")
    at.text_input(key="admin_obj_target_new").set_value("76")
    at.date_input(key="admin_obj_deadline_new").set_value(date.today() + timedelta(days=400))
    at.selectbox(key="admin_obj_owner_user_id_new").set_value("u-prod")
    at.text_area(key="admin_obj_rationale_new").set_value("Each OEE point is worth 60 k€ a year.")


def test_a_double_click_on_save_objective_records_one_objective(database):
    at = open_page(OBJECTIVES, "u-qse", lang="en")
    before = _count(database, "objective")
    token = at.session_state[f"_form_token_{OBJECTIVE_FORM}"]
    _fill_objective(at, "OBJ-TWICE-Q-OEE")
    submit_button(at, OBJECTIVE_FORM).click().run()
    no_exception(at)
    assert _count(database, "objective") == before + 1
    assert "Objective OBJ-TWICE-Q-OEE saved" in " ".join(_successes(at))

    # The second request of the same form instance, with the same inputs: confirmed again, not refused as
    # "identifier already taken", and not written twice.
    at.selectbox(key="admin_objective_pick").set_value("__new__").run()
    assert at.text_input(key="admin_obj_objective_id_new").value == ""  # the new-objective form was cleared
    at.session_state[f"_form_token_{OBJECTIVE_FORM}"] = token
    at.run()
    _fill_objective(at, "OBJ-TWICE-Q-OEE")
    submit_button(at, OBJECTIVE_FORM).click().run()
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    assert "Objective OBJ-TWICE-Q-OEE saved" in " ".join(_successes(at))
    assert _count(database, "objective") == before + 1
