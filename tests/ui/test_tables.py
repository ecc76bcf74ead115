"""The table helpers: what Streamlit is given is neutralised; what the editor gives back is what was stored."""

from __future__ import annotations

import polars as pl

from smqse.ui import tables

HOSTILE = '=HYPERLINK("http://x","y")'


def test_the_editor_shows_neutralised_text_and_gives_back_the_stored_text(monkeypatch):
    shown = {}

    def fake_editor(data, **kwargs):  # the user edits nothing
        shown["data"] = data
        return data

    monkeypatch.setattr(tables.st, "data_editor", fake_editor)
    grid = pl.DataFrame({"site_id": ["LYON"], "comment": [HOSTILE], "value": [-2.0]})
    edited = tables.render_data_editor(grid, key="grid")
    assert shown["data"]["comment"].to_list() == ["'" + HOSTILE]
    assert edited.equals(grid)


def test_the_dataframe_shows_neutralised_text(monkeypatch):
    shown = {}
    monkeypatch.setattr(tables.st, "dataframe", lambda data, **kwargs: shown.setdefault("data", data))
    tables.render_dataframe(pl.DataFrame({"title": ["@SUM(A1)", "Fix the press"], "n": [-1, 2]}))
    assert shown["data"]["title"].to_list() == ["'@SUM(A1)", "Fix the press"]
    assert shown["data"]["n"].to_list() == [-1, 2]
