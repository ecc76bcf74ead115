"""The data page (imports, templates, history, completeness) and the monthly entry page under AppTest, for
every role, on a copy of the demo."""

from __future__ import annotations

import pytest

from tests.ui.helpers import app_database, open_page

USERS = {"director": "u-dg", "qse_lead": "u-qse", "pilot": "u-prod", "viewer": "u-cse"}


@pytest.fixture(scope="module")
def database(demo_db_path, tmp_path_factory):
    import shutil

    path = tmp_path_factory.mktemp("data_pages") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    with app_database(path):
        yield path


@pytest.mark.parametrize("role", list(USERS))
def test_data_page_runs_for_every_role(database, role):
    at = open_page("pages/data.py", USERS[role], lang="en")
    assert at.title[0].value == "Data imports and completeness"
    labels = [b.label for b in at.get("download_button")]
    assert labels == [
        f"“{k}” template" for k in ("Measurements", "Events", "Actions", "Indicators", "Objectives")
    ]
    if role == "viewer":
        assert any("may not import" in i.value for i in at.info)
    else:
        assert [u.label for u in at.get("file_uploader")] == ["File to import"]
    completeness = [d.value for d in at.dataframe if "Expected" in d.value.columns]
    assert completeness and completeness[0]["Expected"].sum() > 0


def test_pilot_completeness_names_only_their_processes(database):
    at = open_page("pages/data.py", USERS["pilot"], lang="en")
    pilots = {p for d in at.dataframe if "Pilot" in d.value.columns for p in d.value["Pilot"]}
    assert pilots == {"Marc Lambert (Directeur de production)"}


@pytest.mark.parametrize("role", list(USERS))
def test_entry_page_runs_for_every_role(database, role):
    at = open_page("pages/entry.py", USERS[role], lang="en")
    assert at.title[0].value == "Monthly values entry"
    if role == "viewer":
        assert any("may not enter" in i.value for i in at.info)
    else:
        assert [s.label for s in at.selectbox if s.label == "Month entered"] == ["Month entered"]
        assert (
            at.selectbox(key="entry_month").value.isoformat() == "2026-11-01"
        )  # the month after the last data


def test_entry_page_shows_a_values_history(database):
    at = open_page("pages/entry.py", USERS["pilot"], lang="en")
    at.selectbox(key="entry_month").select_index(1).run()  # October 2026: values already entered
    history = [d.value for d in at.dataframe if "Entered by" in d.value.columns]
    assert len(history) == 1 and list(history[0]["Version"]) == [1]
