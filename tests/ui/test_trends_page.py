"""The trends page under AppTest: every role runs it and picks only indicators of its scope, English is
English, other pages can drill down to an indicator, and no control breaks it."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from smqse import db
from smqse.scope import get_user, scope_for
from smqse.textsafety import escape_markdown
from smqse.views.scorecard import default_as_of, load_scorecard
from smqse.words.shared import describe_signal
from tests.ui.helpers import APP, TIMEOUT, app_database, assert_shown_escaped, no_exception, open_page

PAGE = "pages/trends.py"
ROLES = ["director", "qse_lead", "pilot", "viewer"]


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    """The small demo (2 sites, 2 years), who sees which indicators; SMQSE_DB points at it."""
    from smqse.demo import DemoSize, build_demo

    path = tmp_path_factory.mktemp("trends_ui") / "demo.duckdb"
    con = db.connect(path)
    build_demo(con, DemoSize.small())
    cur = con.cursor()
    users = {
        r[0]: r[1] for r in cur.execute("SELECT user_id, role FROM app_user ORDER BY user_id").fetchall()
    }
    by_role = {}
    for role in ROLES:
        preferred = {"director": "u-dg", "qse_lead": "u-qse", "viewer": "u-cse"}.get(role)
        by_role[role] = (
            preferred if users.get(preferred) == role else next(u for u, r in users.items() if r == role)
        )
    pilot = cur.execute(
        "SELECT pilot_user_id FROM process WHERE process_id = 'P-PRO' AND pilot_user_id IS NOT NULL"
    ).fetchall()
    if pilot:
        by_role["pilot"] = pilot[0][0]
    indicators = cur.execute("SELECT indicator_id, process_id FROM indicator").fetchall()
    expected = {}
    for role, user_id in by_role.items():
        scope = scope_for(get_user(user_id, con), con)
        expected[role] = {i for i, p in indicators if p in scope.process_ids}
    director = scope_for(get_user(by_role["director"], con), con)
    card = load_scorecard(director, default_as_of(director, con), con).rows
    cur.close()
    con.execute("CHECKPOINT")
    con.close()
    with app_database(path):
        yield {"users": by_role, "expected": expected, "all": {i for i, _ in indicators}, "card": card}


def _trends(user: str, **params) -> AppTest:
    return open_page(PAGE, user, **params)


def _offered(at: AppTest) -> set[str]:
    return {option.split(" — ")[0] for option in at.selectbox(key="trends_pick").options}


@pytest.mark.parametrize("role", ROLES)
def test_every_role_runs_the_page_and_sees_only_its_scope(org, role):
    at = _trends(org["users"][role])
    assert at.title[0].value == "Tendances d'un indicateur"
    offered = _offered(at)
    assert offered == org["expected"][role]
    assert at.selectbox(key="trends_pick").value in org["expected"][role]
    # Every chart comes with its numbers.
    assert len(at.expander) >= 1
    assert any("carte de comportement du processus" in m.value for m in at.markdown)


def test_english_shows_english_text(org):
    at = _trends(org["users"]["director"], lang="en")
    assert at.title[0].value == "Indicator trends"
    text = " ".join(m.value for m in at.markdown)
    assert "process behaviour chart" in text
    assert "carte de comportement" not in text and "Tendances" not in text
    assert at.segmented_control(key="trends_rules").label == "Detection rules"


def test_drill_down_through_session_state(org):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["user"] = org["users"]["director"]
    at.run()
    wanted = "S-TF1" if "S-TF1" in org["all"] else sorted(org["all"])[-1]
    at.session_state["trends_indicator"] = wanted
    at.switch_page(PAGE).run()
    no_exception(at)
    assert at.selectbox(key="trends_pick").value == wanted
    assert "trends_indicator" not in at.session_state  # a one-shot request
    # The choice then belongs to the user.
    other = next(i for i in sorted(org["all"]) if i != wanted)
    at.selectbox(key="trends_pick").set_value(other).run()
    no_exception(at)
    assert at.selectbox(key="trends_pick").value == other


def test_a_drill_down_outside_the_scope_is_refused(org):
    pilot = org["users"]["pilot"]
    outside = sorted(org["all"] - org["expected"]["pilot"])[0]
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["user"] = pilot
    at.run()
    at.session_state["trends_indicator"] = outside
    at.switch_page(PAGE).run()
    no_exception(at)
    assert at.selectbox(key="trends_pick").value in org["expected"]["pilot"]
    assert any(outside in w.value for w in at.warning)


def test_the_controls_do_not_break_the_page(org):
    at = _trends(org["users"]["qse_lead"])
    # Default: the scorecard's chart and rules; the rule set is the scorecard's, not a choice.
    assert at.segmented_control(key="trends_limits_mode").value == "scorecard"
    assert at.segmented_control(key="trends_rules").disabled
    for indicator in ("S-TF1", "Q-SCRAP", "E-WATER", "S-HOURS", "E-PH"):
        if indicator in org["expected"]["qse_lead"]:
            at.selectbox(key="trends_pick").set_value(indicator).run()
            no_exception(at)
    at.segmented_control(key="trends_limits_mode").set_value("reference").run()
    at.segmented_control(key="trends_rules").set_value("nelson").run()
    no_exception(at)
    at.segmented_control(key="trends_window").set_value(0).run()
    no_exception(at)
    at.segmented_control(key="trends_limits_mode").set_value("change").run()
    no_exception(at)
    assert at.selectbox(key="trends_change_at").value is not None
    at.segmented_control(key="trends_limits_mode").set_value("all").run()
    no_exception(at)
    for indicator in ("S-TF1", "Q-SCRAP", "E-WATER", "S-HOURS", "E-PH"):
        if indicator in org["expected"]["qse_lead"]:
            at.selectbox(key="trends_pick").set_value(indicator).run()
            no_exception(at)
    if [t for t in at.toggle if t.key == "trends_stl"]:
        at.toggle(key="trends_stl").set_value(True).run()
        no_exception(at)


def test_drill_down_through_the_link(org):
    wanted = "Q-SCRAP" if "Q-SCRAP" in org["all"] else sorted(org["all"])[0]
    at = _trends(org["users"]["director"], indicator=wanted)
    assert at.selectbox(key="trends_pick").value == wanted
    assert at.query_params["indicator"] in (wanted, [wanted])
    # The URL follows the picker, and the link no longer overrides the user's choice.
    other = next(i for i in sorted(org["all"]) if i != wanted)
    at.selectbox(key="trends_pick").set_value(other).run()
    no_exception(at)
    assert at.selectbox(key="trends_pick").value == other
    assert at.query_params["indicator"] in (other, [other])


def test_a_crafted_link_is_echoed_as_text(org):
    """?indicator=![x](http://h/x.png) is named in the warning as typed, never fetched as an image."""
    at = _trends(org["users"]["director"], indicator="![x](http://h/x.png)")
    assert_shown_escaped(at, "![x](http", r"\!\[x\]\(http\:\/\/h\/x\.png\)")
    assert len(at.warning) == 1


HOSTILE_NAME = "![x](http://h/x.png) [click](http://h/phish) Scrap"


@pytest.fixture
def hostile_name(org, tmp_path):
    """A copy of the small demo where one indicator the director sees is named with Markdown."""
    path = tmp_path / "hostile.duckdb"
    db.close_shared_connections()
    shutil.copy(db.database_path(), path)
    indicator = (
        "Q-SCRAP" if "Q-SCRAP" in org["expected"]["director"] else sorted(org["expected"]["director"])[0]
    )
    con = db.connect(path)
    con.execute(
        "UPDATE indicator SET name_fr = $n, name_en = $n WHERE indicator_id = $i",
        {"n": HOSTILE_NAME, "i": indicator},
    )
    con.execute("CHECKPOINT")
    con.close()
    with app_database(path):
        yield indicator


@pytest.mark.parametrize("page", [PAGE, "pages/scorecard.py"])
def test_an_indicator_named_with_markdown_is_shown_as_text(org, hostile_name, page):
    """Names come from the catalogue file: shown as typed in every Markdown text of the page (issue 11)."""
    at = open_page(page, org["users"]["director"], indicator=hostile_name)
    if page != PAGE:  # the scorecard's detail shows the chosen indicator
        at.selectbox(key="scorecard_detail").set_value(hostile_name).run()
        no_exception(at)
    assert_shown_escaped(at, "![x](http", r"\!\[x\]\(http\:\/\/h\/x\.png\)")


def test_the_page_states_the_scorecards_verdict_for_the_indicator(org):
    """The verdict line is the scorecard's own sentence for the indicator (same scope, same month)."""
    rows = org["card"]
    signalled = rows.filter(rows["signal"])["indicator_id"].to_list()
    quiet = rows.filter(~rows["signal"])["indicator_id"].to_list()
    assert signalled and quiet
    for indicator in (signalled[0], quiet[0]):
        at = _trends(org["users"]["director"], lang="en", indicator=indicator)
        row = rows.filter(rows["indicator_id"] == indicator).row(0, named=True)
        expected = escape_markdown(describe_signal(row, "en"))
        assert any(expected in m.value and "scorecard's verdict" in m.value for m in at.markdown), indicator
