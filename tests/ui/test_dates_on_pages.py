"""Dates on the pages through Babel (issue 16), in French: the action plan's sentences in the long form, the
history grids' timestamps kept as timestamps (the grid sorts them by time) and shown with the language's
pattern, never "2026-10-31" nor "%Y-%m-%d %H:%M" text."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from smqse import db
from smqse.ingest import import_bytes
from smqse.scope import get_user
from tests.ui.helpers import (
    app_database,
    captions,
    fill_review_decision,
    no_exception,
    open_page,
    rendered,
    submit_button,
)

LONG_FRENCH_DATE = (
    r"\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}"
)


@pytest.fixture(scope="module")
def database(demo_db_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("dates_ui") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path)  # one import: the imports history and a value's history have a row to show
    data = b"indicator_id,site_id,period,value\nQ-OUTPUT,LYON,2026-11,1234\n"
    assert import_bytes(con, data, "m.csv", user=get_user("u-prod", con)).written
    con.close()
    with app_database(path):
        yield path


def test_the_action_plan_says_its_reference_date_and_an_action_s_dates_in_french_words(database):
    at = open_page("pages/actions.py", "u-qse")
    hint = next(c for c in captions(at) if c.startswith("Situation au "))
    assert re.match(rf"Situation au {LONG_FRENCH_DATE}\. Cliquez", hint), hint
    detail = next(rendered(m.value) for m in at.markdown if "ouverte le" in rendered(m.value))
    assert re.search(rf"ouverte le {LONG_FRENCH_DATE} · échéance : ({LONG_FRENCH_DATE}|—)", detail), detail
    table = next(d.value for d in at.dataframe if "due_on" in d.value.columns and "rank" in d.value.columns)
    assert all(d == "—" or re.fullmatch(r"\d\d/\d\d/\d{4}", d) for d in table["due_on"]), table["due_on"]


@pytest.mark.parametrize(
    ("page", "column", "lang", "pattern"),
    [
        ("pages/data.py", "Le", "fr", "DD/MM/YYYY HH:mm"),
        ("pages/data.py", "At", "en", "DD/MM/YYYY, HH:mm"),
        ("pages/entry.py", "Le", "fr", "DD/MM/YYYY HH:mm"),
    ],
)
def test_a_history_grid_keeps_its_timestamps_and_shows_them_the_language_s_way(
    database, page, column, lang, pattern
):
    at = open_page(page, "u-prod", lang=lang)
    if page == "pages/entry.py":
        at.selectbox(key="entry_history_pair").set_value(("Q-OUTPUT", "LYON")).run()
    no_exception(at)
    grids = [d for d in at.dataframe if column in d.value.columns]
    assert grids, [list(d.value.columns) for d in at.dataframe]
    assert str(grids[0].value[column].dtype).startswith("datetime64")  # sorts by time, not as text
    assert pattern in json.dumps(grids[0].proto.columns), grids[0].proto.columns


def test_the_review_s_decisions_say_their_due_date_in_the_tables_short_form(database):
    at = open_page("pages/review.py", "u-qse")
    fill_review_decision(at, "Lancer un plan SMED sur la presse 800 t")
    submit_button(at, "review_new_decision").click().run()
    no_exception(at)
    decisions = next(d.value for d in at.dataframe if "Échéance" in d.value.columns)
    assert "31/03/2027" in set(decisions["Échéance"]), decisions
