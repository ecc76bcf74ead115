"""The causes page is cached per scope and month (issue 14): an action updated on the action plan shows on the
causes page at once, not after the cache's time to live."""

from __future__ import annotations

import pytest

from smqse import db
from tests.ui.helpers import app_database, no_exception, open_page

UPDATE_SUBMIT = "Save the update"


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    """The small demo with events (as tests/ui/test_causes_page.py builds it) and one open event action."""
    from smqse.demo import DemoSize, build_demo

    path = tmp_path_factory.mktemp("causes_update") / "demo.duckdb"
    con = db.connect(path)
    build_demo(con, DemoSize(sites=2, indicators=None, years=2, events=400))
    action_id, cause_id, progress = con.execute(
        """
        SELECT a.action_id, e.cause_id, a.progress_pct
        FROM action a JOIN event e ON a.origin = 'event' AND e.event_id = a.origin_id
        WHERE a.status = 'in_progress' AND e.cause_id IS NOT NULL
        ORDER BY a.opened_on DESC, a.action_id
        LIMIT 1
        """
    ).fetchall()[0]
    con.execute("CHECKPOINT")
    con.close()
    with app_database(path):
        yield {"action_id": action_id, "cause_id": cause_id, "progress": progress}


def _progress_on_the_causes_page(action_id: str, cause_id: str) -> float:
    at = open_page("pages/causes.py", "u-dg", lang="en")
    at.selectbox(key="causes_pick").set_value(cause_id).run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "before_after" in d.value.columns)
    return float(table[table["action_id"] == action_id]["progress_pct"].iloc[0])


def test_an_update_on_the_action_plan_shows_on_the_causes_page(org):
    action_id = org["action_id"]
    assert _progress_on_the_causes_page(action_id, org["cause_id"]) == org["progress"]  # now cached
    new_progress = 95 if org["progress"] != 95 else 90
    at = open_page("pages/actions.py", "u-dg", lang="en")
    at.text_input(key="actions_search").set_value(action_id).run()
    at.number_input(key=f"actions_update_progress_{action_id}").set_value(new_progress)
    at.text_area(key=f"actions_update_reason_{action_id}").set_value("Checked on site")
    next(b for b in at.button if b.label == UPDATE_SUBMIT).click().run()
    no_exception(at)
    assert any(f"{action_id} updated" in s.value for s in at.success), [e.value for e in at.error]
    assert _progress_on_the_causes_page(action_id, org["cause_id"]) == new_progress
