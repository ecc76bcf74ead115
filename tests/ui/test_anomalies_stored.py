"""The anomaly page reads the stored scan: it says how old it is, draws a flag's series read on demand, and
never shows flags older than the latest write without saying so."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest

from smqse import db
from smqse.ingest import import_bytes
from smqse.refresh import organisation_scope
from smqse.refresh_anomalies import refresh_anomalies
from smqse.scope import get_user
from tests.ui.helpers import app_database, captions, infos, open_page

PAGE = "pages/anomalies.py"
AS_OF = date(2026, 10, 1)


@pytest.fixture
def scanned(demo_db_path, tmp_path):
    path = tmp_path / "anomalies-stored.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path)
    refresh_anomalies(con, organisation_scope(con), [AS_OF], workers=1)
    con.close()
    return path


def test_the_stored_scan_says_its_age_and_draws_a_flag(scanned):
    with app_database(scanned):
        at = open_page(PAGE, "u-dg", lang="en", as_of="2026-10")
        assert any(re.search(r"Computed (just now|\d+ min ago)", c) for c in captions(at)), captions(at)
        assert not any("newer entry" in i for i in infos(at))
        flags = [d.value for d in at.dataframe if "note_status" in d.value.columns]
        assert flags and len(flags[0]) > 0
        assert at.get("plotly_chart"), "the series around the chosen flag is drawn"


def test_a_write_not_yet_rescanned_is_said(scanned):
    con = db.connect(scanned)
    data = b"indicator_id,site_id,period,value\nQ-OUTPUT,LYON,2026-10,1234\n"
    assert import_bytes(con, data, "m.csv", user=get_user("u-prod", con)).written
    con.close()
    with app_database(scanned):
        at = open_page(PAGE, "u-dg", lang="en", as_of="2026-10")
        stale = [i for i in infos(at) if "newer entry is being taken into account" in i]
        assert stale and "1 indicator" in stale[0], infos(at)
        # Re-scanned (here by hand: the page tests run without the worker), the page says nothing more.
        shared = db.shared_connection(scanned)
        refresh_anomalies(shared, organisation_scope(shared), [AS_OF], workers=1)
        at.run()
        assert not any("newer entry" in i for i in infos(at)), infos(at)
