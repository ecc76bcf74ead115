"""Issue 16, words on French pages: Streamlit's own English texts avoided where Streamlit allows it, dates
typed the French way, empty values as a dash, plural forms."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from smqse import db
from tests.ui.helpers import APP, TIMEOUT, app_database, no_exception


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from smqse.demo import DemoSize, build_demo

    path = tmp_path_factory.mktemp("words_ui") / "demo.duckdb"
    con = db.connect(path)
    build_demo(con, DemoSize.small())
    con.close()
    with app_database(path):
        yield path


def test_the_navigation_shows_every_page_without_view_more(demo, monkeypatch):
    """Collapsed, the sidebar navigation hides the pages past the tenth behind an English "View N more"
    (the whole data section, for a director)."""
    calls = []
    real = st.navigation

    def recording(pages, **kwargs):
        calls.append(kwargs)
        return real(pages, **kwargs)

    monkeypatch.setattr(st, "navigation", recording)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["user"] = "u-dg"
    at.run()
    no_exception(at)
    assert calls and all(c.get("expanded") is True for c in calls)


def test_the_file_uploader_s_english_instructions_are_said_in_french(demo):
    """st.file_uploader cannot be given other texts than its label: its English "Drag and drop file here" /
    "50MB per file" are hidden and said in French below it."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["user"] = "u-qse"
    at.query_params["lang"] = "fr"
    at.run()
    at.switch_page("pages/data.py").run()
    no_exception(at)
    styles = [h.proto.body for h in at.get("html")]
    assert any("stFileUploaderDropzoneInstructions" in s and "display: none" in s for s in styles)
    assert any("Glissez-déposez" in c.value and "50 Mo au plus" in c.value for c in at.caption)


def test_the_drift_table_writes_its_gaps_the_french_way(demo):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["user"] = "u-dg"
    at.query_params["lang"] = "fr"
    at.run()
    at.switch_page("pages/drift.py").run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "gap_now_pct" in d.value.columns)
    gaps = [
        v for c in ("gap_now_pct", "gap_ytd_pct", "projected_gap_pct") for v in table[c] if not pd.isna(v)
    ]
    assert gaps and all(isinstance(v, str) and v.endswith("\u00a0%") and "." not in v for v in gaps), gaps[:5]


def test_the_review_findings_wrap_instead_of_being_cut(demo):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["user"] = "u-dg"
    at.query_params["lang"] = "fr"
    at.run()
    at.switch_page("pages/review.py").run()
    no_exception(at)
    summary = next(d for d in at.dataframe if "Ce que disent les données" in d.value.columns)
    assert summary.proto.row_height > 64  # the grid wraps text only in rows taller than 4rem
    assert '"width": "large"' in summary.proto.columns or '"width":"large"' in summary.proto.columns
