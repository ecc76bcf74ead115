"""The "My indicators" page under AppTest: every role runs it, a pilot lands on it, it speaks the chosen
language, a pilot sees only their indicators, and a value missing for the as-of month leads the list."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from smqse import db
from tests.ui import test_app
from tests.ui.test_app import ROLES, _app, _no_exception

org = test_app.org  # the module-scoped small demo of the app tests (a pytest fixture)

PAGE = "pages/my_indicators.py"
TRENDS = Path(__file__).resolve().parents[2] / "pages" / "trends.py"
ITEM_ID = re.compile(r"— \*\*([A-Z0-9][A-Z0-9-]*)\*\*")


def _item_titles(at) -> list[str]:
    return [m.value for m in at.markdown if ITEM_ID.search(m.value) and m.value.split(" ", 1)[0] in ICONS]


ICONS = {"○", "✗", "↯", "⚠", "↘"}


def _item_ids(at) -> set[str]:
    return {ITEM_ID.search(title).group(1) for title in _item_titles(at)}


def _table_ids(at) -> set[str]:
    tables = [d.value for d in at.dataframe if "trend" in d.value.columns]
    assert len(tables) == 1
    return set(tables[0]["indicator_id"])


def _open(org, role: str, **params):
    at = _app(org, user=org["users"][role], **params).run()
    _no_exception(at)
    if role != "pilot":
        at.switch_page(PAGE).run()
        _no_exception(at)
    return at


@pytest.mark.parametrize("role", ROLES)
def test_every_role_runs_the_page_on_their_scope(org, role):
    at = _open(org, role)
    assert at.title[0].value == "Mes indicateurs"
    headline = at.main.header[0].value
    assert "attention" in headline
    assert _table_ids(at) == org["expected"][role]
    assert _item_ids(at) <= org["expected"][role]
    if not headline.startswith("Rien"):
        assert _item_titles(at), "a headline with points and no item"
    if role == "viewer":
        assert any("Consultation seule" in c.value for c in at.caption)


def test_a_pilot_lands_on_my_indicators_and_a_director_on_the_scorecard(org):
    pilot = _app(org, user=org["users"]["pilot"]).run()
    _no_exception(pilot)
    assert pilot.title[0].value == "Mes indicateurs"
    for role in ("director", "qse_lead", "viewer"):
        at = _app(org, user=org["users"][role]).run()
        _no_exception(at)
        assert at.title[0].value == "Tableau de bord QSE", role


def test_a_pilot_sees_only_their_indicators(org):
    at = _open(org, "pilot")
    pilot_ids = org["expected"]["pilot"]
    hidden = org["all_indicators"] - pilot_ids
    assert _table_ids(at) == pilot_ids
    shown = _item_ids(at)
    assert shown and shown <= pilot_ids and not shown & hidden
    text = " ".join(m.value for m in at.markdown)
    assert not any(f"**{i}**" in text for i in hidden)


def test_english(org):
    at = _open(org, "pilot", lang="en")
    assert at.title[0].value == "My indicators"
    assert "attention" in at.main.header[0].value
    assert any(word in at.main.header[0].value for word in ("need", "Nothing"))
    text = " ".join(m.value for m in at.markdown)
    assert "Objectif" not in text and "demandent" not in text
    assert any(t in text for t in ("Objective missed", "Objective at risk", "Unfavourable signal"))
    director = _open(org, "director", lang="en")
    assert director.title[0].value == "My indicators"
    assert director.main.header[-1].value == "All indicators in scope"


@pytest.fixture
def org_with_gap(org, tmp_path):
    """The demo with one site's value of one pilot indicator missing for the latest month."""
    path = tmp_path / "gap.duckdb"
    db.close_shared_connections()
    shutil.copy(org["path"], path)
    con = db.connect(path)
    pilot_ids = sorted(org["expected"]["pilot"])
    indicator = "Q-SCRAP" if "Q-SCRAP" in pilot_ids else pilot_ids[0]
    latest, site = con.execute(
        "SELECT max(period), min(site_id) FROM measurement WHERE indicator_id = $i", {"i": indicator}
    ).fetchone()
    con.execute(
        "DELETE FROM measurement WHERE indicator_id = $i AND site_id = $s AND period = $p",
        {"i": indicator, "s": site, "p": latest},
    )
    # Another site keeps its value, so the month stays in the as-of list.
    con.execute("CHECKPOINT")
    con.close()
    previous = os.environ["SMQSE_DB"]
    os.environ["SMQSE_DB"] = str(path)
    yield {**org, "gap": (indicator, site, latest)}
    db.close_shared_connections()
    os.environ["SMQSE_DB"] = previous


def test_a_missing_value_leads_the_pilot_list(org_with_gap):
    indicator, site, _ = org_with_gap["gap"]
    site_name = org_with_gap["site_names"][site].split(" (")[0]
    at = _open(org_with_gap, "pilot")
    titles = _item_titles(at)
    assert titles[0].startswith("○ **Valeur d")
    assert f"**{indicator}**" in titles[0] and f"site {site_name}" in titles[0]
    assert "À vous de la saisir." in " ".join(m.value for m in at.markdown)
    # The director sees it too, with who is expected to enter it.
    director = _open(org_with_gap, "director")
    first = _item_titles(director)[0]
    assert first.startswith("○") and f"**{indicator}**" in first
    assert any("Saisie attendue de" in m.value for m in director.markdown)


@pytest.mark.skipif(not TRENDS.exists(), reason="the trends page is being built")
def test_the_trend_button_opens_the_indicator_on_the_trends_page(org):
    at = _open(org, "pilot")
    first = ITEM_ID.search(_item_titles(at)[0]).group(1)
    buttons = [b for b in at.button if (b.key or "").startswith("mine_trend_")]
    assert buttons
    buttons[0].click().run()
    _no_exception(at)
    if at.title[0].value == "Mes indicateurs":  # the file exists but is not in the navigation yet
        assert any("pas encore disponible" in w.value for w in at.warning)
    else:
        assert any(box.value == first for box in at.selectbox), [b.value for b in at.selectbox]
