"""The drift page under AppTest: every role runs it and sees only the indicators of their scope; it speaks
the chosen language; every verdict is said with an icon and a word."""

from __future__ import annotations

import pytest

from tests.ui import test_app
from tests.ui.test_app import ROLES, _app, _no_exception

org = test_app.org  # the module-scoped small demo of the app tests (a pytest fixture)

PAGE = "pages/drift.py"
VERDICT_WORDS = {
    "fr": ("✓ Tenu à l'échéance", "⚠ Incertain à l'échéance", "✗ Manqué à l'échéance"),
    "en": ("✓ On track for deadline", "⚠ Uncertain at deadline", "✗ Will miss the deadline"),
}


def _open(org, role: str, **params):
    at = _app(org, user=org["users"][role], **params).run()
    _no_exception(at)
    at.switch_page(PAGE).run()
    _no_exception(at)
    return at


def _drift_table(at):
    tables = [d.value for d in at.dataframe if "projection" in d.value.columns]
    assert len(tables) == 1, [list(d.value.columns) for d in at.dataframe]
    return tables[0]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_runs_the_page_and_sees_only_their_scope(org, role):
    at = _open(org, role)
    assert at.title[0].value == "Dérives et objectifs"
    table = _drift_table(at)
    assert set(table["indicator_id"]) == org["expected"][role]
    # Every verdict is an icon and a word, never a colour alone.
    words = set(VERDICT_WORDS["fr"]) | {"– Sans objectif", "? Sans données"}
    assert set(table["verdict"]) <= words
    # The heat map's numbers name only the sites and indicators the role may see.
    site_names = {name.split(" (", 1)[0] for name in org["site_names"].values()}
    for frame in (d.value for d in at.dataframe if "gap" in d.value.columns and "site" in d.value.columns):
        assert set(frame["indicator_id"]) <= org["expected"][role]
        assert set(frame["site"]) <= site_names
    # The projection of one indicator, with its takeaway.
    assert any("projeté" in m.value for m in at.markdown)


def test_english_shows_english_verdicts(org):
    at = _open(org, "qse_lead", lang="en")
    assert at.title[0].value == "Drift and objectives"
    # The tiles' labels are the plain words (their icons are Material symbols); the table keeps the symbol.
    labels = {m.label for m in at.metric}
    assert {word.split(" ", 1)[1] for word in VERDICT_WORDS["en"]} <= labels
    table = _drift_table(at)
    assert set(table["verdict"]) <= set(VERDICT_WORDS["en"]) | {"– No objective", "? No data"}
    assert not any("Manqué à l'échéance" in v for v in table["verdict"])
    assert any("projected" in m.value for m in at.markdown)


def test_choosing_an_indicator_shows_its_projection(org):
    at = _open(org, "director")
    table = _drift_table(at)
    last = table["row_id"][len(table) - 1]
    at.selectbox(key="drift_detail").set_value(last).run()
    _no_exception(at)
    indicator = last.split("@", 1)[0]
    assert any(indicator in s.value or indicator in str(s.label) for s in at.selectbox)
    assert any("projet" in m.value.lower() or "sans objectif" in m.value.lower() for m in at.markdown)


def test_verdict_filter_keeps_only_the_chosen_verdicts(org):
    at = _open(org, "qse_lead")
    present = at.pills(key="drift_verdicts").options
    assert present
    at.pills(key="drift_verdicts").set_value(["will_miss"]).run()
    _no_exception(at)
    table = _drift_table(at)
    assert set(table["verdict"]) <= {"✗ Manqué à l'échéance"}


def test_drill_down_opens_the_trends_page_on_the_chosen_indicator(org):
    from pathlib import Path

    if not (Path(test_app.APP).parent / "pages" / "trends.py").exists():
        pytest.skip("the trends page is not there yet")
    at = _open(org, "qse_lead")
    chosen = at.selectbox(key="drift_detail").value
    button = next(b for b in at.button if b.label == "Voir la tendance")
    button.click().run()
    _no_exception(at)
    assert at.title[0].value != "Dérives et objectifs"
    # The trends page takes the request and opens on the indicator (its picker shows the id).
    assert any(s.value == chosen.split("@", 1)[0] for s in at.selectbox)


def test_the_scorecard_opens_the_drift_page_on_the_same_objective(org):
    at = _app(org, user=org["users"]["qse_lead"]).run()
    _no_exception(at)
    at.switch_page("pages/scorecard.py").run()
    _no_exception(at)
    at.selectbox(key="scorecard_detail").set_value("E-ENERGY").run()
    trace = next(c.value for c in at.caption if "OBJ-" in c.value and "→" in c.value)
    button = next(b for b in at.button if b.label == "Voir la projection à l'échéance")
    button.click().run()
    _no_exception(at)
    assert at.title[0].value == "Dérives et objectifs"
    assert at.selectbox(key="drift_detail").value == "E-ENERGY"
    # The same objective, named the same way on both pages; both say status and verdict differ in kind.
    assert any(c.value == trace for c in at.caption)
    assert any("Verdict à l'échéance" in c.value for c in at.caption)
    table = _drift_table(at)
    assert "status" in table.columns
