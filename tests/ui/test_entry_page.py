"""The monthly entry grid under AppTest (issue 12): what a pilot types, in French or English, is stored exactly
or refused with the indicator, the site and the field named; a ratio's value cannot be typed alone."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from smqse import db
from tests.ui.helpers import app_database, open_page

PILOT = "u-prod"  # pilots P-PRO: Q-OUTPUT (t, ≥ 0) takes any of the values below


@pytest.fixture
def database(demo_db_path, tmp_path):
    path = tmp_path / "entry.duckdb"
    shutil.copy(demo_db_path, path)
    with app_database(path):
        yield path


def _type_and_save(at, cells: dict[tuple[str, str], dict[str, str]]):
    """Type `cells` ({(indicator, site): {column: text}}) into November's grid as the browser would send
    them, then save, confirming unusual values when asked."""
    grid = at.data_editor[0].value
    edits = {}
    for (indicator, site), values in cells.items():
        row = grid.index[(grid["indicator_id"] == indicator) & (grid["site_id"] == site)][0]
        edits[int(row)] = values
    at.session_state["entry_grid_2026-11"] = {"edited_rows": edits, "added_rows": [], "deleted_rows": []}
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    if at.warning:
        at.checkbox(key="entry_confirm").check()
        at.button[0].click().run()
        assert not at.exception, [e.value for e in at.exception]
    return at


def _shown(at) -> str:
    """The page's Markdown as read: the sentences quote what was typed, escaped for Markdown."""
    return " ".join(m.value for m in at.markdown).replace("\\", "")


def _stored(path, indicator: str, site: str):
    con = db.shared_connection(path)
    return con.execute(
        "SELECT value, numerator, denominator FROM measurement_current "
        "WHERE indicator_id = ? AND site_id = ? AND period = DATE '2026-11-01'",
        [indicator, site],
    ).fetchall()


CASES = [
    ("fr", "91,5", 91.5), ("fr", "1 234,5", 1234.5), ("fr", "1\u202f234,5", 1234.5), ("fr", "1.234,5", 1234.5),
    ("fr", "1,234.5", 1234.5), ("fr", "1,234", None),
    ("en", "91,5", 91.5), ("en", "1 234,5", 1234.5), ("en", "1.234,5", 1234.5), ("en", "1,234.5", 1234.5),
    ("en", "1,234", 1234.0), ("en", "91.5", 91.5),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_a_typed_number_is_stored_exactly_or_refused_with_the_indicator_named(database, lang, text, expected):
    at = _type_and_save(
        open_page("pages/entry.py", PILOT, lang=lang), {("Q-OUTPUT", "LYON"): {"value": text}}
    )
    if expected is None:
        errors = _shown(at)
        assert at.error and not at.success
        assert "Q-OUTPUT · Production livrée — Lyon" in errors and "Valeur" in errors and "1,234" in errors
        assert "ligne" not in errors
        assert _stored(database, "Q-OUTPUT", "LYON") == []
    else:
        assert [s.value for s in at.success] and not at.error, [e.value for e in at.error]
        assert _stored(database, "Q-OUTPUT", "LYON") == [(expected, None, None)]


def test_a_ratio_is_entered_as_numerator_and_denominator(database):
    at = _type_and_save(
        open_page("pages/entry.py", PILOT, lang="fr"),
        {("Q-FPY", "LYON"): {"numerator": "1 830", "denominator": "2 000"}},
    )
    assert [s.value for s in at.success] and not at.error, [e.value for e in at.error]
    assert _stored(database, "Q-FPY", "LYON") == [(91.5, 1830.0, 2000.0)]


def test_a_ratio_value_alone_is_refused_in_words(database):
    at = _type_and_save(open_page("pages/entry.py", PILOT, lang="en"), {("Q-FPY", "LYON"): {"value": "92"}})
    errors = _shown(at)
    assert at.error and "Q-FPY · First pass yield — Lyon" in errors and "enter the numerator" in errors
    assert _stored(database, "Q-FPY", "LYON") == []


def test_an_unusual_value_is_saved_only_once_confirmed(database):
    at = open_page("pages/entry.py", PILOT, lang="en")
    grid = at.data_editor[0].value
    row = int(grid.index[(grid["indicator_id"] == "Q-OUTPUT") & (grid["site_id"] == "LYON")][0])
    usual = float(grid.loc[row, "last_month"].replace(",", ""))
    typed = f"{usual * 1000:.1f}"
    at.session_state["entry_grid_2026-11"] = {"edited_rows": {row: {"value": typed}}, "added_rows": [],
                                              "deleted_rows": []}  # fmt: skip
    at.button[0].click().run()
    assert at.warning and not at.success and _stored(database, "Q-OUTPUT", "LYON") == []
    assert "times more than its usual level" in _shown(at)
    at.checkbox(key="entry_confirm").check()
    at.button[0].click().run()
    assert [s.value for s in at.success] and _stored(database, "Q-OUTPUT", "LYON") == [
        (float(typed), None, None)
    ]


def test_the_page_opens_on_the_month_owed_and_stays_on_it_after_a_save(database):
    at = open_page("pages/entry.py", PILOT, lang="fr")
    month = at.selectbox(key="entry_month")
    assert month.value.isoformat() == "2026-11-01"
    assert "novembre 2026 — 10 valeurs dues" in month.options
    _type_and_save(at, {("Q-OUTPUT", "LYON"): {"value": "1 234,5"}})
    assert at.success
    at.run()  # the next run: November now has 9 owed, and the page is still on November (not December)
    month = at.selectbox(key="entry_month")
    assert month.value.isoformat() == "2026-11-01"
    assert "novembre 2026 — 9 valeurs dues" in month.options


def test_the_grid_is_built_again_only_when_what_it_shows_changed(database, monkeypatch):
    """Writing tens of thousands of numbers in the user's language took seconds on every rerun (issue 14):
    a rerun with the same values reuses the grid shown; a save (new values) builds it again."""
    from smqse.views import entry as data_entry

    built = []
    entry_grid_view = data_entry.entry_grid_view
    monkeypatch.setattr(
        data_entry, "entry_grid_view", lambda *args: built.append(args[2]) or entry_grid_view(*args)
    )
    at = open_page("pages/entry.py", PILOT, lang="fr")
    assert len(built) == 1
    at.run()
    assert len(built) == 1
    _type_and_save(at, {("Q-OUTPUT", "LYON"): {"value": "1 234,5"}})
    at.run()
    grid = at.data_editor[0].value
    row = grid.index[(grid["indicator_id"] == "Q-OUTPUT") & (grid["site_id"] == "LYON")][0]
    assert grid.loc[row, "value"] == "1\u202f234,5" and len(built) >= 2


def test_the_session_keeps_the_past_values_shown_not_the_whole_history(database):
    """Issue 14: a million values of history per session at enterprise scale; the grid needs two months."""
    at = open_page("pages/entry.py", PILOT, lang="fr")
    assert f"entry_grid_history_{PILOT}_2026-11" not in at.session_state
    previous = at.session_state[f"entry_grid_previous_{PILOT}_2026-11"]
    assert set(previous["period"]) <= {date(2026, 10, 1), date(2025, 11, 1)} and previous.height
