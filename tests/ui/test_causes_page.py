"""The causes and actions page under AppTest: every role runs it, a pilot sees only the causes and actions of
their processes, the weights change the stated criteria, English is English."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from smqse import db
from smqse.scope import get_user, scope_for
from tests.ui.helpers import app_database, no_exception, open_page

PAGE = "pages/causes.py"
ROLES = ["director", "qse_lead", "pilot", "viewer"]


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    """The small demo with more events (the small one's action budget goes to audits and objectives, none
    to events); per role, the causes of events and the actions it may see."""
    from smqse.demo import DemoSize, build_demo

    path = tmp_path_factory.mktemp("causes_ui") / "demo.duckdb"
    con = db.connect(path)
    build_demo(con, DemoSize(sites=2, indicators=None, years=2, events=400))
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
    events = cur.execute("SELECT cause_id, process_id FROM event WHERE cause_id IS NOT NULL").fetchall()
    actions = cur.execute("SELECT action_id, process_id FROM action WHERE origin = 'event'").fetchall()
    expected = {}
    for role, user_id in by_role.items():
        scope = scope_for(get_user(user_id, con), con)
        expected[role] = {
            "causes": {c for c, p in events if p in scope.process_ids},
            "actions": {a for a, p in actions if p in scope.process_ids},
        }
    cur.close()
    con.execute("CHECKPOINT")
    con.close()
    with app_database(path):
        yield {"users": by_role, "expected": expected, "all_actions": {a for a, _ in actions}}


def _causes(user: str, **params) -> AppTest:
    return open_page(PAGE, user, **params)


def _table(at: AppTest, column: str):
    tables = [d.value for d in at.dataframe if column in d.value.columns]
    return tables[0] if tables else None


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [h.value for h in at.header] + [c.value for c in at.caption]
    parts += [w.value for w in at.warning] + [i.value for i in at.info] + [x.value for x in at.title]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_runs_the_page(org, role):
    at = _causes(org["users"][role])
    assert at.title[0].value == "Causes et actions"
    ranking = _table(at, "score")
    if ranking is not None:
        assert set(ranking["cause_id"]) <= org["expected"][role]["causes"]
        assert list(ranking["rank"]) == sorted(ranking["rank"])
        assert "Score de criticité" in _text(at)


def test_a_pilot_sees_only_the_causes_and_actions_of_their_processes(org):
    expected = org["expected"]["pilot"]
    at = _causes(org["users"]["pilot"])
    ranking = _table(at, "score")
    assert ranking is not None and len(ranking) > 0
    assert set(ranking["cause_id"]) <= expected["causes"]
    picker = at.selectbox(key="causes_pick")
    assert len(picker.options) == len(ranking)
    seen: set[str] = set()
    for cause_id in list(ranking["cause_id"])[:5]:
        picker.set_value(cause_id).run()
        no_exception(at)
        actions = _table(at, "before_after")
        if actions is not None:
            seen |= set(actions["action_id"])
    assert seen <= expected["actions"]
    assert seen, "the pilot of production should see actions on their top causes"


def test_the_director_sees_actions_and_the_before_after_chart(org):
    at = _causes(org["users"]["director"])
    actions = _table(at, "before_after")
    assert actions is not None and set(actions["action_id"]) <= org["all_actions"]
    assert len(at.get("plotly_chart")) >= 1


def test_weights_are_stated_and_change_the_ranking(org):
    at = _causes(org["users"]["qse_lead"])
    at.number_input(key="causes_weight_cost").set_value(3.0).run()
    no_exception(at)
    at.number_input(key="causes_weight_frequency").set_value(0.0).run()
    no_exception(at)
    text = _text(at)
    assert "3 × coût" in text
    assert "× fréquence" not in text  # a criterion weighted 0 is left out of the formula
    ranking = _table(at, "score")
    assert ranking is not None
    assert list(ranking["score"]) == sorted(ranking["score"], reverse=True)


def test_all_weights_zero_is_said(org):
    at = _causes(org["users"]["qse_lead"])
    for criterion in ("frequency", "cost", "severity", "recurrence"):
        at.number_input(key=f"causes_weight_{criterion}").set_value(0.0).run()
        no_exception(at)
    assert "Tous les poids sont à 0" in _text(at)


def test_period_choice_runs(org):
    at = _causes(org["users"]["qse_lead"])
    at.selectbox(key="causes_period").set_value(12).run()
    no_exception(at)


def test_english_labels_are_english(org):
    at = _causes(org["users"]["pilot"], lang="en")
    assert at.title[0].value == "Causes and actions"
    text = _text(at)
    assert "Causes ranked" in text and "Criticality score" in text
    assert "Causes classées" not in text and "Score de criticité" not in text
    actions = _table(at, "before_after")
    if actions is not None:
        statuses = " ".join(actions["status"])
        assert not any(word in statuses for word in ("Vérifiée", "Réalisée", "En cours", "Planifiée"))
