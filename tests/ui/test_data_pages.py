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


def test_a_typed_value_survives_an_indicator_added_before_the_save(demo_db_path, tmp_path):
    # Issue 11: the QSE lead adds an indicator to the pilot's process while the pilot is typing; the grid read
    # again at the save had more rows, and the value typed was silently dropped (or put on another row).
    import shutil
    from dataclasses import replace

    from smqse import db
    from smqse.scope import get_user
    from smqse.views import objectives as admin
    from tests.test_catalogue_admin import VALID_INDICATOR

    path = tmp_path / "entry.duckdb"
    shutil.copy(demo_db_path, path)
    with app_database(path):
        at = open_page("pages/entry.py", USERS["pilot"], lang="en")
        grid = at.data_editor[0].value
        row = grid.index[(grid["indicator_id"] == "Q-NC-INT") & (grid["site_id"] == "LYON")][0]
        at.session_state["entry_grid_2026-11"] = {
            "edited_rows": {int(row): {"value": 7}}, "added_rows": [], "deleted_rows": []
        }  # fmt: skip
        con = db.shared_connection(path)
        added = replace(VALID_INDICATOR, indicator_id="A-SETUP", process_id="P-PRO", domain="Q")
        admin.save_indicator(con, get_user("u-qse", con), added, new=True, lang="en")
        at.button[0].click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert [s.value for s in at.success] and not at.error
        stored = con.execute(
            "SELECT indicator_id, site_id, value FROM measurement WHERE period = DATE '2026-11-01'"
        ).fetchall()
        assert stored == [("Q-NC-INT", "LYON", 7.0)]


def _measurements_csv(rows: list[str]) -> bytes:
    return ("indicateur;site;période;valeur\n" + "\n".join(rows) + "\n").encode()


def test_a_refused_upload_keeps_only_the_first_problems_in_the_session(database):
    from smqse.ingest import limits

    at = open_page("pages/data.py", USERS["qse_lead"], lang="en")
    data = _measurements_csv([f"Q-NOPE-{i};LYON;2024-01;1" for i in range(5_000)])
    at.file_uploader(key="data_upload").set_value(("unknown.csv", data, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error[0].value == "File refused: 5,000 problems. Nothing was written."
    shown = [d.value for d in at.dataframe if "Problem" in d.value.columns][0]
    assert len(shown) == limits.MAX_PROBLEMS_KEPT + 1
    assert (
        shown["Problem"].iloc[-1] == "unknown.csv: … and 4,800 more problems (only the first 200 are listed)"
    )
    kept = at.session_state["data_check"]
    assert len(kept.problems) == limits.MAX_PROBLEMS_KEPT + 1 and kept.problem_count == 5_000
    assert kept.preview.height == limits.PREVIEW_ROWS


def test_a_valid_upload_previews_its_first_rows_only(database, monkeypatch):
    from smqse.ingest import limits

    monkeypatch.setattr(limits, "PREVIEW_ROWS", 3)
    at = open_page("pages/data.py", USERS["qse_lead"], lang="en")
    data = _measurements_csv([f"Q-NC-INT;LYON;2024-0{m};{m}" for m in range(1, 6)])
    at.file_uploader(key="data_upload").set_value(("valid.csv", data, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.success[0].value.startswith("Valid file: 5 rows — 5 new, 0 new versions, 0 unchanged.")
    assert "The first 3 rows of 5:" in [c.value for c in at.caption]
    preview = [d.value for d in at.dataframe if "Effect" in d.value.columns][0]
    assert len(preview) == 3 and at.session_state["data_check"].preview.height == 3


def test_templates_are_built_when_downloaded_not_when_the_page_opens(database, monkeypatch):
    """Five workbooks on every first view cost ~1 s at enterprise scale; each is built on its click."""
    import streamlit as st

    import smqse.ingest as ingest
    from smqse.ui import data

    built, offered = [], {}
    template_workbook = ingest.template_workbook
    monkeypatch.setattr(ingest, "template_workbook", lambda *a: built.append(a[1]) or template_workbook(*a))
    download_button = st.download_button

    def recording_download_button(label, data=None, **kwargs):
        offered[kwargs["key"]] = data
        return download_button(label, data=data, **kwargs)

    monkeypatch.setattr(st, "download_button", recording_download_button)
    data.template_workbook.clear()
    open_page("pages/data.py", USERS["qse_lead"], lang="en")
    assert built == [] and len(offered) == 5
    workbook = offered["data_template_events"]()
    assert built == ["events"] and workbook[:2] == b"PK"  # an XLSX is a zip
