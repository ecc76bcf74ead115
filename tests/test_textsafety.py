"""The two rules for text written by people: no formula in a spreadsheet, no Markdown where it is shown."""

from __future__ import annotations

import polars as pl
import pytest

from smqse.textsafety import escape_markdown, is_formula_like, neutralise_cell, neutralise_frame


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x","y")', "+1+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0", "-"],
)
def test_formula_looking_text_gets_an_apostrophe(text):
    assert is_formula_like(text)
    assert neutralise_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["Lyon", "", " =1", "'=1", "-2", "-12,3 %", "+1 234.5", "-1\u202f234,5\u00a0%"]
)
def test_normal_text_and_signed_numbers_stay_as_they_are(value):
    assert neutralise_cell(value) == value


@pytest.mark.parametrize("value", [-2, -2.5, 0, None, True])
def test_non_text_values_stay_as_they_are(value):
    assert neutralise_cell(value) is value


def test_frame_text_cells_and_names_are_neutralised_numbers_kept():
    frame = pl.DataFrame(
        {
            "name": ["=1+1", "Lyon", None],
            "n": [-2, 3, 4],
            "cat": pl.Series(["@x", "y", "z"], dtype=pl.Categorical),
            "tags": [["+a", "b"], [], None],
            "=head": [1.5, -2.0, None],
        }
    )
    out = neutralise_frame(frame)
    assert out["name"].to_list() == ["'=1+1", "Lyon", None]
    assert out["n"].to_list() == [-2, 3, 4] and out["n"].dtype == pl.Int64
    assert out["cat"].to_list() == ["'@x", "y", "z"]
    assert out["tags"].to_list() == [["'+a", "b"], [], None]
    assert out.columns[-1] == "'=head" and out[out.columns[-1]].to_list() == [1.5, -2.0, None]


def test_empty_frame_keeps_its_columns():
    frame = pl.DataFrame(schema={"a": pl.String, "b": pl.List(pl.String), "c": pl.Int64})
    assert neutralise_frame(frame).schema == frame.schema


@pytest.mark.parametrize(
    "hostile",
    [
        "![x](http://host/x.png)",
        "[click](http://host/phish)",
        "<http://host/phish>",
        "http://host/phish",
        "www.host.example",
        ":red[alarm] :material/warning:",
        "$x^2$",
        "**bold** _it_ `code` ~~del~~",
        "# heading",
        "- item",
        "a | b",
        "&amp; &#x41;",
        "<img src=x onerror=alert(1)>",
    ],
)
def test_markdown_syntax_is_escaped(hostile):
    escaped = escape_markdown(hostile)
    # every punctuation character is preceded by a backslash: nothing is left for Markdown to interpret
    chars = list(escaped)
    for i, ch in enumerate(chars):
        if not ch.isalnum() and not ch.isspace() and ch != "\\":
            assert i > 0 and chars[i - 1] == "\\", (hostile, escaped, i)
    assert escaped.replace("\\", "") == hostile.replace("\\", "")


def test_markdown_escape_keeps_letters_and_joins_lines():
    assert escape_markdown("Taux de rebut Lyon 2026") == "Taux de rebut Lyon 2026"
    assert escape_markdown("first\n\n# second") == "first \\# second"
    assert escape_markdown(12) == "12"


def test_t_md_escapes_the_values_not_the_translators_markup():
    from smqse.i18n import t_md

    text = t_md("changes.line", "en", id="Q-1", name="[click](http://h)", before="1", after="2")
    assert text.startswith("**Q-1**") and "\\[click\\]\\(http\\:\\/\\/h\\)" in text and text.endswith("**2**")


def test_hyphens_and_underscores_inside_words_stay_as_typed():
    assert escape_markdown("Q-SCRAP taux_rebut 2026-10_b") == "Q-SCRAP taux_rebut 2026-10_b"
    assert escape_markdown("- item _it_ a-") == "\\- item \\_it\\_ a\\-"


FRAME_CASES = [
    '=HYPERLINK("http://x","y")', "+1+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0", "-", "+",
    "Lyon", "", " =1", "'=1", "-2", "-12,3 %", "+1 234.5", "-1\u202f234,5\u00a0%", "-\u0661\u0662", "-2\n=1",
    "-2 %x", "=", "@", "a=b", None,
]  # fmt: skip


def test_a_frame_is_neutralised_as_each_cell_would_be():
    frame = pl.DataFrame({"text": FRAME_CASES, "tags": [[v, "x"] for v in FRAME_CASES]})
    out = neutralise_frame(frame)
    assert out["text"].to_list() == [neutralise_cell(v) for v in FRAME_CASES]
    assert out["tags"].to_list() == [[neutralise_cell(v), "x"] for v in FRAME_CASES]


def test_a_frame_is_neutralised_without_a_python_call_per_cell(monkeypatch):
    """Tables of hundreds of thousands of cells (the Pareto page's events) are neutralised in one pass."""
    import smqse.textsafety as textsafety

    calls = []
    monkeypatch.setattr(textsafety, "neutralise_cell", lambda v: calls.append(v) or v)
    monkeypatch.setattr(textsafety, "is_formula_like", lambda v: calls.append(v) or False)
    out = textsafety.neutralise_frame(pl.DataFrame({"text": ["=1", "a", "b"], "tags": [["+x"], [], None]}))
    assert out["text"].to_list() == ["'=1", "a", "b"] and out["tags"].to_list() == [["'+x"], [], None]
    assert set(calls) <= {"text", "tags"}  # the column names, not the cells
