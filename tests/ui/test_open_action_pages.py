"""Act where you see (issue 15), under AppTest on a copy of the demo: from each of the six analysis pages the
QSE lead opens an action pre-filled with its origin, sees it in the action plan under the as-of month shown
(a past month: the action was opened today), and a second submit of the same form writes nothing; a pilot is
offered only their processes; a viewer sees no form."""

from __future__ import annotations

import shutil
from datetime import date
from urllib.parse import unquote_plus

import pytest

from smqse import db
from tests.ui.helpers import app_database, no_exception, open_page, submit_button

EXPANDER = {"en": "Open an action", "fr": "Ouvrir une action"}
# page, form, the origin its actions carry
PAGES = (
    ("pages/pareto.py", "act_open_pareto", "pareto"),
    ("pages/ishikawa.py", "act_open_cause", "cause"),
    ("pages/anomalies.py", "act_open_anomaly", "anomaly"),
    ("pages/scorecard.py", "act_open_indicator", "indicator"),
    ("pages/my_indicators.py", "act_open_mine", "indicator"),
    ("pages/drift.py", "act_open_drift", None),  # 'objective', or 'indicator' for a row without one
)


@pytest.fixture(scope="module")
def database(demo_db_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("open_action") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    with app_database(path):
        yield path


def _rows(path, sql: str, *params) -> list[tuple]:
    cur = db.shared_connection(path).cursor()  # the app's own connection: this process holds the file
    try:
        return cur.execute(sql, list(params)).fetchall()
    finally:
        cur.close()


def _opened_today(path) -> list[tuple]:
    return _rows(
        path,
        "SELECT action_id, origin, origin_id, process_id, owner_user_id, action_type, due_on FROM action "
        "WHERE opened_on = ? ORDER BY action_id",
        date.today(),
    )


def _form_widgets(at, form: str, kind: str) -> list:
    return [w for w in getattr(at, kind) if (w.key or "").startswith(f"{form}_")]


def _has_form(at, lang: str = "en") -> bool:
    return any(e.label == EXPANDER[lang] for e in at.expander)


def _open_form(at, form: str) -> None:
    """Expand the form (it runs only when open)."""
    at.session_state[f"{form}_open"] = True
    at.run()
    no_exception(at)


@pytest.mark.parametrize(("page", "form", "origin"), PAGES)
def test_the_qse_lead_opens_an_action_that_shows_in_the_plan(database, page, form, origin):
    at = open_page(page, "u-qse", lang="en")
    assert _has_form(at)
    _open_form(at, form)
    before = {r[0] for r in _opened_today(database)}
    token = at.session_state[f"_form_token_{form}"]
    [title] = _form_widgets(at, form, "text_input")
    assert title.value  # a title built from the origin
    submit_button(at, form).click().run()
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    new = [r for r in _opened_today(database) if r[0] not in before]
    assert len(new) == 1, new
    action_id, stored_origin, origin_id, process_id, owner, action_type, due_on = new[0]
    assert stored_origin == origin or (origin is None and stored_origin in ("objective", "indicator"))
    assert origin_id and process_id and owner
    assert (due_on - date.today()).days == 30
    assert any(action_id in s.value for s in at.success), [s.value for s in at.success]
    pilot = _rows(database, "SELECT pilot_user_id FROM process WHERE process_id = ?", process_id)[0][0]
    assert owner == pilot  # the process pilot by default
    logged = _rows(
        database, "SELECT operation FROM change_log WHERE table_name = 'action' AND row_key = ?", action_id
    )
    assert logged == [("insert",)]

    # The same form instance sent again (a double click reaching the server late): nothing more written.
    at.session_state[f"_form_token_{form}"] = token
    _open_form(at, form)
    submit_button(at, form).click().run()
    no_exception(at)
    assert len([r for r in _opened_today(database) if r[0] not in before]) == 1
    assert any(action_id in s.value for s in at.success)

    # In the action plan, under the as-of month shown (a past month of the demo), with a link to its origin.
    plan = open_page("pages/actions.py", "u-qse", lang="en")
    shown_month = plan.session_state["_actions_table_ids"]
    assert action_id in shown_month
    grid = next(d for d in plan.dataframe if "origin_link" in d.value.columns)
    link = grid.value.set_index("action_id").loc[action_id, "origin_link"]
    # Every page by its URL path, the QSE lead's landing page (the scorecard) included.
    expected = {"pareto": "pareto-analysis", "cause": "fishbone", "anomaly": "anomaly-watch",
                "indicator": "dashboard", "objective": "objectives-drift"}  # fmt: skip
    assert link.split("?")[0] == expected[stored_origin]
    assert f"={origin_id.split(':')[-1]}" in unquote_plus(link)  # the item: indicator, flag, cause, bar…


@pytest.mark.parametrize(("page", "form", "origin"), PAGES)
def test_a_viewer_sees_no_form(database, page, form, origin):
    at = open_page(page, "u-cse", lang="fr")
    assert not _has_form(at, "fr")
    assert not [b for b in at.button if (b.key or "").startswith(f"{form}_submit_")]


@pytest.mark.parametrize(("page", "form", "origin"), PAGES)
def test_a_pilot_is_offered_only_their_processes_and_their_people(database, page, form, origin):
    at = open_page(page, "u-prod", lang="en")
    assert _has_form(at)
    _open_form(at, form)
    processes = [s for s in _form_widgets(at, form, "selectbox") if s.key.endswith("_process")]
    if not processes:  # what is shown concerns none of their processes
        assert any("no process of your scope" in c.value for c in at.caption)
        return
    assert set(processes[0].options) <= {"Production"}
    [owner] = [s for s in _form_widgets(at, form, "selectbox") if s.key.endswith("_owner")]
    allowed = {
        r[0]
        for r in _rows(
            database,
            "SELECT display_name FROM app_user WHERE role IN ('director', 'qse_lead') OR user_id IN "
            "(SELECT user_id FROM user_scope WHERE process_id = 'P-PRO')",
        )
    }
    assert set(owner.options) <= allowed
    assert "Patrick Morel (Secrétaire du CSE)" not in owner.options  # a viewer owns nothing
