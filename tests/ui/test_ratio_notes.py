"""Issue 12 under AppTest: where a stored ratio row cannot take part in the group figure (no denominator),
the scorecard, drift and trends pages say so, with the count and the sites, in the user's language."""

from __future__ import annotations

import shutil

import pytest

from smqse import db
from tests.ui.helpers import app_database, open_page, rendered

INDICATOR = "Q-FPY"
FR = "1 valeur sans dénominateur non comptée (sites LYON)"
EN = "1 value without a denominator not counted (sites LYON)"


@pytest.fixture(scope="module")
def left_out_db(demo_db_path, tmp_path_factory):
    """The small demo with Lyon's October first pass yield stored as a value alone (a direct write)."""
    path = tmp_path_factory.mktemp("ratio") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path)
    con.execute(
        "INSERT INTO measurement (indicator_id, site_id, period, value, version) "
        "SELECT indicator_id, site_id, period, 92.0, max(version) + 1 FROM measurement "
        "WHERE indicator_id = $i AND site_id = 'LYON' AND period = DATE '2026-10-01' GROUP BY ALL",
        {"i": INDICATOR},
    )
    con.execute("CHECKPOINT")
    con.close()
    with app_database(path):
        yield path


def _warnings(at) -> str:
    return " ".join(rendered(w.value) for w in at.warning)


@pytest.mark.parametrize(("lang", "words"), [("fr", FR), ("en", EN)])
def test_the_scorecard_says_which_values_it_could_not_count(left_out_db, lang, words):
    at = open_page("pages/scorecard.py", "u-qse", as_of="2026-10", lang=lang)
    assert words in _warnings(at) and INDICATOR in _warnings(at)


def test_drift_and_trends_say_it_too(left_out_db):
    at = open_page("pages/drift.py", "u-qse", as_of="2026-10")
    assert FR in _warnings(at)
    at = open_page("pages/trends.py", "u-qse", as_of="2026-10", indicator=INDICATOR)
    assert FR in _warnings(at)


def test_a_viewer_outside_the_indicator_sees_no_note_about_it(left_out_db):
    at = open_page("pages/scorecard.py", "u-hse", as_of="2026-10")
    assert INDICATOR not in _warnings(at)


def test_the_pilot_of_the_indicator_sees_it_on_my_indicators(left_out_db):
    at = open_page("pages/my_indicators.py", "u-prod", as_of="2026-10")
    assert FR in _warnings(at)


@pytest.fixture
def mean_of_values_db(demo_db_path, tmp_path):
    """The small demo with first pass yield allowed a value alone, and Lyon's October given that way."""
    path = tmp_path / "mean.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path)
    con.execute(
        "UPDATE indicator SET value_only_rule = 'mean_of_values' WHERE indicator_id = $i", {"i": INDICATOR}
    )
    con.execute(
        "INSERT INTO measurement (indicator_id, site_id, period, value, version) "
        "SELECT indicator_id, site_id, period, 92.0, max(version) + 1 FROM measurement "
        "WHERE indicator_id = $i AND site_id = 'LYON' AND period = DATE '2026-10-01' GROUP BY ALL",
        {"i": INDICATOR},
    )
    con.execute("CHECKPOINT")
    con.close()
    with app_database(path):
        yield path


def test_a_ratio_allowed_a_value_alone_says_how_it_aggregates_on_every_view(mean_of_values_db):
    for page, params in (("pages/scorecard.py", {}), ("pages/drift.py", {}),
                         ("pages/trends.py", {"indicator": INDICATOR})):  # fmt: skip
        at = open_page(page, "u-qse", as_of="2026-10", **params)
        captions = " ".join(rendered(c.value) for c in at.caption)
        assert "moyenne simple des valeurs : pas de dénominateur" in captions, page
        assert INDICATOR not in _warnings(at), page  # nothing is left out
