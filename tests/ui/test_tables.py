"""The table helpers: what Streamlit is given is neutralised; what the editor gives back is what was stored."""

from __future__ import annotations

from datetime import date

import polars as pl
import pyarrow as pa

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
    assert shown["data"]["title"].to_pylist() == ["'@SUM(A1)", "Fix the press"]
    assert shown["data"]["n"].to_pylist() == [-1, 2]


def test_the_dataframe_is_given_as_an_arrow_table(monkeypatch):
    """Streamlit serialises an Arrow table as it is; a Polars frame would go through pandas first (a sixth of
    a scorecard run with 20 sessions at once)."""
    shown = {}
    monkeypatch.setattr(tables.st, "dataframe", lambda data, **kwargs: shown.setdefault("data", data))
    tables.render_dataframe(pl.DataFrame({"day": [date(2026, 1, 31)], "share": [0.5]}))
    assert isinstance(shown["data"], pa.Table)
    assert shown["data"].to_pylist() == [{"day": date(2026, 1, 31), "share": 0.5}]


def test_the_editor_takes_the_apostrophes_off_as_the_cell_rule_does(monkeypatch):
    """The apostrophes go back off in one vectorised pass, cell for cell as the rule of one cell says: an
    apostrophe before a formula-looking text is taken off (a stored "'=1" comes back "=1", as ever)."""
    from smqse.textsafety import is_formula_like, neutralise_cell
    from tests.test_textsafety import FRAME_CASES

    stored = [*FRAME_CASES, "'=1", "''=1", "'Lyon", "'-2"]
    shown = [neutralise_cell(v) for v in stored]
    expected = [v[1:] if v and v.startswith("'") and is_formula_like(v[1:]) else v for v in shown]
    monkeypatch.setattr(tables.st, "data_editor", lambda data, **kwargs: data)
    grid = pl.DataFrame({"comment": stored})
    assert tables.render_data_editor(grid, key="grid")["comment"].to_list() == expected


def test_a_missing_value_shows_as_a_dash_not_none(monkeypatch):
    """Streamlit writes a null cell as "None" (English) unless given a placeholder (issue 16)."""
    given = {}
    monkeypatch.setattr(tables.st, "dataframe", lambda data, **kwargs: given.setdefault("table", kwargs))
    monkeypatch.setattr(
        tables.st, "data_editor", lambda data, **kwargs: given.setdefault("editor", kwargs) and data
    )
    tables.render_dataframe(pl.DataFrame({"n": [None, 2]}))
    tables.render_data_editor(pl.DataFrame({"n": [None, 2]}), key="grid")
    assert given["table"]["placeholder"] == "—"
    assert given["editor"]["placeholder"] == "—"


def test_numbers_are_written_the_french_way():
    """A NumberColumn's printf format writes "15000" and "0.92" whatever the language (issue 16)."""
    frame = pl.DataFrame({"cost": [15000.0, None], "score": [0.92, 0.5], "name": ["a", "b"]})
    shown = tables.written_numbers(frame, {"cost": lambda v: f"{v:,.0f}".replace(",", " "), "absent": str})
    assert shown["cost"].to_list() == ["15 000", None]
    assert shown["score"].to_list() == [0.92, 0.5]  # not named: unchanged


def test_a_name_column_is_as_wide_as_its_longest_name():
    """Names were cut mid-word in fixed-width columns (issue 16)."""
    name = "Modifications techniques traitées conformément"
    assert tables.text_width([name, None], 180) >= len(name) * tables.CHAR_PX
    assert tables.text_width(["PPM client"], 180) == 180
    assert tables.text_width(["x" * 300], 180) == tables.NAME_MAX_PX


def test_the_static_table_shows_text_as_typed(monkeypatch):
    """st.table renders its cells as Markdown: a typed "**" or "[x](y)" is escaped, a formula neutralised."""
    shown = {}
    monkeypatch.setattr(tables.st, "table", lambda data, **kwargs: shown.update(data=data, **kwargs))
    tables.render_static_table(pl.DataFrame({"name": ["**Four** [x](y)", HOSTILE], "n": [1, 2]}), alt="Table")
    names = shown["data"]["name"].to_list()
    assert names[0] == "\\*\\*Four\\*\\* \\[x\\]\\(y\\)" and names[1].startswith("\\'")
    assert shown["hide_index"] is True and shown["alt"] == "Table"


def _shown_config(monkeypatch, frame: pl.DataFrame, config: dict) -> dict:
    given = {}
    monkeypatch.setattr(tables.st, "dataframe", lambda data, **kwargs: given.update(kwargs))
    tables.render_dataframe(frame, column_config=config)
    return given["column_config"]


def test_a_column_is_as_wide_as_its_label(monkeypatch):
    """Issue 16: the scorecard's "Depuis le début de l'objectif" in 150 px showed "Depuis le début de
    l'obje…" at 1280 px; a wider width set by the page is kept."""
    import streamlit as st

    label = "Depuis le début de l'objectif"
    shown = _shown_config(
        monkeypatch,
        pl.DataFrame({"ytd": ["61,4 ppm"], "n": [1]}),
        {
            "ytd": st.column_config.TextColumn(label, width=150, help="…"),
            "n": st.column_config.NumberColumn("Rang", width=50),
            "wide": st.column_config.TextColumn("Code", width=300),
        },
    )
    assert shown["ytd"]["width"] >= len(label) * tables.CHAR_PX > 150
    assert shown["ytd"]["help"] == "…"  # the rest of the column's settings unchanged
    assert shown["n"]["width"] == tables.label_width("Rang") > 50
    assert shown["wide"]["width"] == 300


def test_a_text_column_is_as_wide_as_its_longest_cell_up_to_a_limit(monkeypatch):
    """Issue 16: the action plan's titles in a "medium" (200 px) column were cut mid-word ("Mettre à jour
    l'instruction de trava…"); a text longer than NAME_MAX_PX still stops there (the numbers stay on screen).
    Number and link columns, and columns without a width (sized by the grid), are left as they are."""
    import streamlit as st

    title = "Mettre à jour l'instruction de travail du poste 4"
    frame = pl.DataFrame(
        {"title": [title, None], "essay": ["x" * 300, "y"], "link": ["/a", "/b"], "free": ["z" * 80, "z"]}
    )
    shown = _shown_config(
        monkeypatch,
        frame,
        {
            "title": st.column_config.TextColumn("Intitulé", width="medium"),
            "essay": st.column_config.Column("Texte", width=100),
            "link": st.column_config.LinkColumn("Ouvrir l'origine", width=60),
            "free": st.column_config.TextColumn("Libre"),
            "plain": "Étiquette seule",
        },
    )
    assert shown["title"]["width"] >= len(title) * tables.CHAR_PX > 200
    assert shown["essay"]["width"] == tables.NAME_MAX_PX
    assert shown["link"]["width"] == tables.label_width("Ouvrir l'origine")
    assert shown["free"]["width"] is None
    assert shown["plain"] == "Étiquette seule"


def test_the_editor_fits_its_columns_too(monkeypatch):
    import streamlit as st

    given = {}
    monkeypatch.setattr(tables.st, "data_editor", lambda data, **kwargs: given.update(kwargs) or data)
    label = "Commentaire de la saisie du mois"
    tables.render_data_editor(
        pl.DataFrame({"comment": ["ok"]}),
        key="grid",
        column_config={"comment": st.column_config.TextColumn(label, width="small")},
    )
    assert given["column_config"]["comment"]["width"] == tables.label_width(label)
