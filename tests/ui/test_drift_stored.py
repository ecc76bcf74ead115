"""The drift page reads the stored results: it says how old they are, computes a month nothing is stored
for, and never shows a result older than the latest write without saying so."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest

from smqse import db
from smqse.ingest import import_bytes
from smqse.refresh import refresh
from smqse.scope import get_user
from tests.ui.helpers import app_database, captions, infos, open_page

PAGE = "pages/drift.py"
AS_OF = date(2026, 10, 1)


@pytest.fixture
def refreshed(demo_db_path, tmp_path):
    path = tmp_path / "drift-stored.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path)
    refresh(con, as_of=AS_OF)
    con.close()
    return path


def test_a_fresh_result_says_its_age_and_nothing_stale(refreshed):
    with app_database(refreshed):
        at = open_page(PAGE, "u-dg", lang="en", as_of="2026-10")
        assert any(re.search(r"Computed (just now|\d+ min ago)", c) for c in captions(at)), captions(at)
        assert not any("newer entry" in i for i in infos(at))


def test_a_write_not_yet_recomputed_is_said(refreshed):
    con = db.connect(refreshed)
    data = b"indicator_id,site_id,period,value\nQ-OUTPUT,LYON,2026-10,1234\n"
    assert import_bytes(con, data, "m.csv", user=get_user("u-prod", con)).written
    con.close()
    with app_database(refreshed):
        at = open_page(PAGE, "u-dg", lang="en", as_of="2026-10")
        stale = [i for i in infos(at) if "newer entry is being taken into account" in i]
        assert stale and "1 indicator" in stale[0], infos(at)
        # Refreshed (here by hand: the page tests run without the worker), the page says nothing more.
        refresh(db.shared_connection(refreshed), as_of=AS_OF)
        at.run()
        assert not any("newer entry" in i for i in infos(at)), infos(at)


def test_a_month_nothing_is_stored_for_is_computed_and_stored(refreshed):
    with app_database(refreshed):
        at = open_page(PAGE, "u-dg", lang="en", as_of="2026-03")
        assert not at.exception
        stored = (
            db.shared_connection(refreshed)
            .execute(
                "SELECT count(*) FROM drift_result WHERE as_of_month = DATE '2026-03-01' AND scope_key = 'group'"
            )
            .fetchone()[0]
        )
        assert stored > 0
