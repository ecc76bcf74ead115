"""The Ishikawa page under AppTest: every role runs it, a pilot's fishbone counts only the events of their
processes (the text twin's totals against the database), all seven branches are in the text twin, English is
English, and the controls (effect, weight, cause) do not break it."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from smqse import db
from smqse.analysis.kpi import shift_month
from smqse.scope import get_user, scope_for
from tests.ui.helpers import app_database, no_exception, open_page

PAGE = "pages/ishikawa.py"
ROLES = ["director", "qse_lead", "pilot", "viewer"]
BRANCHES_FR = ["Main-d'œuvre", "Méthodes", "Matériel", "Matière", "Milieu", "Mesure", "Management"]
BRANCHES_EN = ["Manpower", "Methods", "Machines", "Materials", "Environment", "Measurement", "Management"]


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    """The small demo; who plays each role and which processes they see; SMQSE_DB points at it."""
    from smqse.demo import DemoSize, build_demo

    path = tmp_path_factory.mktemp("ishikawa_ui") / "demo.duckdb"
    con = db.connect(path)
    build_demo(con, DemoSize.small())
    cur = con.cursor()
    users = {
        r[0]: r[1] for r in cur.execute("SELECT user_id, role FROM app_user ORDER BY user_id").fetchall()
    }
    by_role = {}
    for role in ROLES:
        preferred = {"director": "u-dg", "qse_lead": "u-qse", "pilot": "u-prod", "viewer": "u-cse"}[role]
        by_role[role] = (
            preferred if users.get(preferred) == role else next(u for u, r in users.items() if r == role)
        )
    processes = {
        role: scope_for(get_user(user_id, con), con).process_ids for role, user_id in by_role.items()
    }
    events = cur.execute(
        "SELECT e.process_id, e.occurred_on, e.cause_id IS NOT NULL AND c.cause_id IS NOT NULL AS has_cause "
        "FROM event e LEFT JOIN cause c ON c.cause_id = e.cause_id"
    ).fetchall()
    cur.close()
    con.execute("CHECKPOINT")
    con.close()
    with app_database(path):
        yield {"users": by_role, "processes": processes, "events": events}


def _ishikawa(user: str, **params) -> AppTest:
    return open_page(PAGE, user, **params)


def _text_twin(at: AppTest) -> str:
    texts = [m.value for m in at.markdown if m.value.startswith(("**Effet", "**Effect"))]
    assert len(texts) == 1, [m.value[:40] for m in at.markdown]
    return texts[0]


def _branch_counts(text: str) -> dict[str, int]:
    counts = {}
    for line in text.splitlines():
        found = re.match(r"- \*\*(.+?)\*\* — (?:(\d[\d\u202f,]*)|_)", line)
        if found:
            counts[found.group(1)] = int(re.sub(r"\D", "", found.group(2))) if found.group(2) else 0
    return counts


def _total(text: str) -> int:
    found = re.search(r"— ([\d\u202f,]+) (?:événement|event)", text.splitlines()[0])
    assert found, text.splitlines()[0]
    return int(re.sub(r"\D", "", found.group(1)))


@pytest.mark.parametrize("role", ROLES)
def test_every_role_runs_the_page(org, role):
    at = _ishikawa(org["users"][role])
    assert at.title[0].value == "Diagramme d'Ishikawa (causes et effet)"
    assert at.segmented_control(key="ishikawa_effect_kind").value == "type"
    at.segmented_control(key="ishikawa_effect_kind").set_value("all").run()
    no_exception(at)
    text = _text_twin(at)
    assert list(_branch_counts(text)) == BRANCHES_FR  # all seven branches, in the 7M order
    assert len(at.get("plotly_chart")) == 1
    at.segmented_control(key="ishikawa_measure").set_value("cost").run()
    no_exception(at)
    at.segmented_control(key="ishikawa_effect_kind").set_value("indicator").run()
    no_exception(at)


def test_the_pilot_counts_only_the_events_of_their_processes(org):
    pilot = org["users"]["pilot"]
    mine = set(org["processes"]["pilot"])
    assert mine and mine < set(org["processes"]["director"])
    at = _ishikawa(pilot)
    at.segmented_control(key="ishikawa_effect_kind").set_value("all").run()
    no_exception(at)
    as_of = at.session_state["smqse_as_of"]
    start, end = shift_month(as_of, -11), shift_month(as_of, 1)
    in_period = [e for e in org["events"] if start <= e[1] < end]
    expected_total = sum(1 for p, _, _ in in_period if p in mine)
    expected_caused = sum(1 for p, _, caused in in_period if p in mine and caused)
    everyone = sum(1 for _ in in_period)
    assert expected_total < everyone  # the test can tell the pilot's view from everybody's
    text = _text_twin(at)
    assert _total(text) == expected_total
    assert sum(_branch_counts(text).values()) == expected_caused
    # The chosen cause's events are listed.
    events = [d.value for d in at.dataframe if "event_id" in d.value.columns]
    assert events and len(events[0]) > 0


def test_english_branch_names_and_cause_detail(org):
    at = _ishikawa(org["users"]["qse_lead"], lang="en")
    assert at.title[0].value == "Ishikawa diagram (cause and effect)"
    at.segmented_control(key="ishikawa_effect_kind").set_value("all").run()
    no_exception(at)
    text = _text_twin(at)
    assert list(_branch_counts(text)) == BRANCHES_EN
    assert "Main-d'œuvre" not in text and "Méthodes" not in text
    # The cause picker lists causes with weights; the 5 whys is a numbered "Why? →" list.
    picker = next(s for s in at.selectbox if s.label == "Cause")
    assert len(picker.options) >= 2
    picker.select_index(1).run()
    no_exception(at)
    whys = [m.value for m in at.markdown if "Why? →" in m.value]
    assert whys and whys[0].startswith("1. ")


def test_event_type_effect_lists_only_that_type(org):
    at = _ishikawa(org["users"]["qse_lead"])
    types = at.selectbox(key="ishikawa_type")
    assert types.value == "customer_complaint" or "customer_complaint" not in types.options
    events = [d.value for d in at.dataframe if "event_type" in d.value.columns]
    if events and len(events[0]):
        assert set(events[0]["event_type"]) == {"Réclamation client"} or types.value != "customer_complaint"
