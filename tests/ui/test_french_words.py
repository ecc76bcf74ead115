"""Issue 16, words on French pages: Streamlit's own English texts avoided where Streamlit allows it, dates
typed the French way, empty values as a dash, plural forms."""

from __future__ import annotations

import re
from pathlib import Path

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
    """Streamlit's collapsed navigation hid the pages past the tenth behind an English "View N more" (the
    whole data section, for a director): its own navigation is hidden and the app's lists every page."""
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
    assert calls and all(c.get("position") == "hidden" for c in calls)
    every_page = set(re.findall(r'"(pages/\w+\.py)"', Path(APP).read_text(encoding="utf-8")))
    assert len(at.get("page_link")) == len(every_page)  # a director is offered every page


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
    assert any('content: "Parcourir"' in s for s in styles)  # in place of the button's "Upload"
    assert any("Glissez-déposez" in c.value and "50 Mo au plus" in c.value for c in at.caption)


def test_the_drift_table_writes_its_gaps_the_french_way(demo):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["user"] = "u-dg"
    at.query_params["lang"] = "fr"
    at.run()
    at.switch_page("pages/drift.py").run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "gap_now_pct" in d.value.columns)
    gaps = [v for c in ("gap_now_pct", "gap_ytd_pct", "projected_gap_pct") for v in table[c] if v != "—"]
    assert gaps and all(isinstance(v, str) and v.endswith("\u00a0%") and "." not in v for v in gaps), gaps[:5]


def test_the_review_findings_are_shown_whole(demo):
    """The grid cut "Ce que disent les données" after one line: a static table shows each finding whole."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["user"] = "u-dg"
    at.query_params["lang"] = "fr"
    at.run()
    at.switch_page("pages/review.py").run()
    no_exception(at)
    assert not any("Ce que disent les données" in d.value.columns for d in at.dataframe)
    summary = next(d.value for d in at.table if "Ce que disent les données" in d.value.columns)
    assert len(summary) == 20


def _blocks(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _blocks(child)


def test_the_indicator_figures_are_tiles_that_wrap(demo):
    """Four equal columns cut "Depuis le début de l'obje…" and "≤ 34,1 p…" at 1280 px: the tiles have a width
    of their own in a row that wraps."""
    from smqse.ui.widgets import TILE_WIDTH

    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["user"] = "u-dg"
    at.query_params["lang"] = "fr"
    at.run()
    at.switch_page("pages/scorecard.py").run()
    no_exception(at)
    tiles = [
        b
        for b in _blocks(at.main)
        if getattr(b, "type", None) == "flex_container"
        and b.proto.width_config.pixel_width == TILE_WIDTH
        and any(getattr(c, "type", None) == "metric" for c in _blocks(b))  # the status tiles' in a keyed box
    ]
    assert len(tiles) >= 8  # the status tiles and the chosen indicator's figures


def test_the_fishbone_s_effect_choices_have_the_row_to_themselves(demo):
    """In a third of the page, "Tout le périmètre" was cut to "Tout le périr…" at 1280 px."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["user"] = "u-dg"
    at.query_params["lang"] = "fr"
    at.run()
    at.switch_page("pages/ishikawa.py").run()
    no_exception(at)
    in_columns = [
        c
        for b in _blocks(at.main)
        if getattr(b, "type", None) == "column"
        for c in _blocks(b)
        if getattr(c, "key", None) == "ishikawa_effect_kind"
    ]
    assert at.segmented_control(key="ishikawa_effect_kind") is not None and not in_columns


def test_the_entry_history_writes_numbers_the_french_way(demo):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["user"] = "u-prod"
    at.query_params["lang"] = "fr"
    at.run()
    at.switch_page("pages/entry.py").run()
    no_exception(at)
    at.selectbox(key="entry_month").select_index(1).run()  # a month entered already: it has a history
    history = [d.value for d in at.dataframe if "Valeur" in d.value.columns]
    assert history, [list(d.value.columns) for d in at.dataframe]
    values = [v for v in history[-1]["Valeur"] if not pd.isna(v)]
    assert values and all(isinstance(v, str) and "." not in v for v in values), values
