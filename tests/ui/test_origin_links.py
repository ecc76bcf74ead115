"""The origin of an action links back (issue 15): each analysis page selects the item its URL parameters name
(the links of the action plan), once; an item not in the view is said, not silently replaced."""

from __future__ import annotations

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from smqse import action_open, db
from tests.ui.helpers import APP, TIMEOUT, no_exception


def _open_link(link: str, user: str = "u-qse") -> AppTest:
    """Open `link` (an action plan's origin link: "<url path>?<params>") as the browser would: app.py with
    the link's parameters, on the page of that URL path."""
    from urllib.parse import parse_qsl

    path, _, query = link.partition("?")
    page = {
        "dashboard": "pages/scorecard.py",
        "objectives-drift": "pages/drift.py",
        "anomaly-watch": "pages/anomalies.py",
        "fishbone": "pages/ishikawa.py",
        "pareto-analysis": "pages/pareto.py",
    }[path]
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["user"] = user
    at.query_params["lang"] = "en"
    for key, value in parse_qsl(query):
        at.query_params[key] = value
    at.run()
    no_exception(at)
    if page != "pages/scorecard.py":  # the root opens the QSE lead's landing page, the scorecard
        at.switch_page(page).run()
        no_exception(at)
    return at


def _not_first(at: AppTest, key: str):
    box = at.selectbox(key=key)
    assert len(box.options) > 1
    return box


def test_the_scorecard_selects_the_linked_indicator(demo_db):
    first = _open_link("dashboard?x=1")
    ids = [o.split(" — ")[0] for o in _not_first(first, "scorecard_detail").options]
    at = _open_link(action_open.origin_link("indicator", ids[-1]))
    assert at.selectbox(key="scorecard_detail").value == ids[-1]
    assert not at.warning


def test_an_unknown_indicator_is_said(demo_db):
    at = _open_link(action_open.origin_link("indicator", "NOPE"))
    assert any("NOPE" in w.value for w in at.warning)


def test_the_drift_page_selects_the_linked_objective(demo_db):
    cur = db.shared_connection(demo_db).cursor()  # the app's own connection: this process holds the file
    try:
        objectives = cur.execute(
            "SELECT objective_id FROM objective WHERE site_id IS NULL ORDER BY objective_id DESC LIMIT 5"
        ).fetchall()
    finally:
        cur.close()
    first = _open_link("objectives-drift?x=1").selectbox(key="drift_detail").value
    for (objective_id,) in objectives:
        at = _open_link(action_open.origin_link("objective", objective_id))
        if at.warning:  # an objective with no row this month
            continue
        chosen = at.selectbox(key="drift_detail").value
        if chosen != first:  # the linked row, not the default one
            return
    pytest.fail("no linked objective selected its drift row")


def test_the_anomaly_watch_selects_the_linked_flag(demo_db):
    first = _open_link("anomaly-watch?x=1")
    keys = first.selectbox(key="anomalies_detail").options
    assert len(keys) > 1
    last = first.session_state["_anomalies_table_ids"][-1]
    at = _open_link(action_open.origin_link("anomaly", last))
    assert at.session_state["anomalies_detail"] == last


def _last_option(at: AppTest, key: str) -> str:
    """The value (not the label) of the last option of a selectbox: picked, then read from the session."""
    box = at.selectbox(key=key)
    box.select_index(len(box.options) - 1).run()
    return at.session_state[key]


def test_the_fishbone_selects_the_linked_cause(demo_db):
    first = _open_link("fishbone?x=1")
    assert first.segmented_control(key="ishikawa_effect_kind").value == "type"
    first.segmented_control(key="ishikawa_effect_kind").set_value("all").run()
    [picker] = [s.key for s in first.selectbox if (s.key or "").startswith("ishikawa_cause_all")]
    shown_first = first.session_state[picker]
    target = _last_option(first, picker)  # the last cause of the ranking
    assert target != shown_first
    at = _open_link(action_open.origin_link("cause", target))
    assert at.segmented_control(key="ishikawa_effect_kind").value == "all"
    [chosen] = [s.key for s in at.selectbox if (s.key or "").startswith("ishikawa_cause_all")]
    assert at.session_state[chosen] == target


def test_the_pareto_selects_the_linked_bar(demo_db):
    first = _open_link("pareto-analysis?x=1")
    first.selectbox(key="pareto_grouping").set_value("site").run()
    shown_first = first.session_state["pareto_detail"]
    target = _last_option(first, "pareto_detail")
    assert target != shown_first
    at = _open_link(action_open.origin_link("pareto", f"site:{target}"))
    assert at.session_state["pareto_grouping"] == "site"
    assert at.session_state["pareto_detail"] == target
    # A later choice on the page is the user's: the link is not applied again.
    at.selectbox(key="pareto_detail").select_index(0).run()
    assert at.session_state["pareto_detail"] == shown_first


@pytest.fixture(scope="module")
def demo_db(demo_db_path, tmp_path_factory):
    import shutil

    from tests.ui.helpers import app_database

    path = tmp_path_factory.mktemp("links") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    with app_database(path):
        yield path


def test_frame_helpers_are_consistent():
    rows = pl.DataFrame({"row_id": ["A", "A@L"], "indicator_id": ["A", "A"], "site_id": [None, "L"],
                         "objective_id": [None, "O"]})  # fmt: skip
    assert action_open.linked_drift_row(rows, objective_id="O", indicator_id=None) == "A@L"
    assert action_open.linked_drift_row(rows, objective_id=None, indicator_id="A") == "A"
    assert action_open.linked_drift_row(rows, objective_id="X", indicator_id=None) is None
