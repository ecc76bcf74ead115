"""One number parser for the grid, the forms and the files (issue 12): every text is read exactly or refused."""

from __future__ import annotations

import polars as pl
import pytest

from smqse.ingest import import_bytes, parse_number
from smqse.ingest.numbers import number_exprs
from smqse.scope import list_users

NNBSP, NBSP = "\u202f", "\u00a0"

# (text, French reading, English reading); None = refused.
CASES = [
    ("91,5", 91.5, 91.5),
    ("91.5", 91.5, 91.5),
    ("1 234,5", 1234.5, 1234.5),
    (f"1{NBSP}234,5", 1234.5, 1234.5),
    (f"1{NNBSP}234,5", 1234.5, 1234.5),
    ("1.234,5", 1234.5, 1234.5),
    ("1,234.5", 1234.5, 1234.5),
    ("1,234", None, 1234.0),  # French: a decimal comma or an English thousands separator
    ("1.234", None, 1.234),  # French: a thousands point or an English decimal point
    ("12.500", None, 12.5),
    ("0,125", 0.125, 0.125),  # a grouped number never starts with 0: a decimal
    ("1 234", 1234.0, 1234.0),
    ("1.234.567", 1234567.0, 1234567.0),
    ("1,234,567", 1234567.0, 1234567.0),
    ("-3", -3.0, -3.0),
    ("\u22123,5", -3.5, -3.5),
    ("+4", 4.0, 4.0),
    ("1e3", 1000.0, 1000.0),
    (".5", 0.5, 0.5),
    ("12,3,4", None, None),
    ("1 23,5", None, None),
    ("12 %", None, None),
    ("n/a", None, None),
    ("1e999", None, None),
    ("", None, None),
]


@pytest.mark.parametrize("text, french, english", CASES)
def test_parse_number_reads_exactly_or_refuses(text, french, english):
    for lang, expected in (("fr", french), ("en", english)):
        if expected is None:
            with pytest.raises(ValueError):
                parse_number(text, lang)
        else:
            assert parse_number(text, lang) == expected


def test_the_file_parser_and_parse_number_agree():
    texts = [text for text, _, _ in CASES]
    for lang in ("fr", "en"):
        column = pl.DataFrame({"x": texts}).select(number_exprs(pl.col("x"), lang)[0].alias("x"))["x"]
        for text, parsed in zip(texts, column.to_list(), strict=True):
            try:
                single = parse_number(text, lang)
            except ValueError:
                single = None
            assert parsed == single, (lang, text)


def test_an_ambiguous_number_says_what_to_type_in_words():
    with pytest.raises(ValueError) as error:
        parse_number("1,234", "fr")
    message = str(error.value)
    assert "1,234" in message and "1234" in message and "1,2340" in message
    with pytest.raises(ValueError, match="not a number"):
        parse_number("12 %", "en")
    with pytest.raises(ValueError, match="n'est pas un nombre"):
        parse_number("douze", "fr")


def test_numbers_already_typed_pass_through_and_non_finite_are_refused():
    assert parse_number(12, "fr") == 12.0
    assert parse_number(2.5, "en") == 2.5
    for wrong in (float("nan"), float("inf"), True):
        with pytest.raises(ValueError):
            parse_number(wrong, "fr")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_file_with_an_ambiguous_number_is_refused_at_its_cell(demo_write_con, lang):
    user = next(u for u in list_users(demo_write_con) if u.role.value == "qse_lead")
    data = "indicator_id;site_id;period;value\nQ-NC-INT;LYON;2026-01;1,234\nQ-NC-INT;LYON;2026-02;7\n"
    result = import_bytes(demo_write_con, data.encode(), "mesures.csv", user=user, lang=lang, dry_run=True)
    if lang == "fr":
        assert [(p.row, p.column, p.code) for p in result.problems] == [(2, "value", "ambiguous_number")]
        assert "1234" in result.problems[0].message and "1,2340" in result.problems[0].message
    else:
        assert result.ok
        assert result.preview.filter(pl.col("row") == 2)["value"].to_list() == [1234.0]
