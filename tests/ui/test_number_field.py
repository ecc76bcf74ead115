"""Numbers typed in forms are read by the one parser (issue 12): what a person typed, exactly, or a reason."""

from __future__ import annotations

import pytest

from smqse.ui.number_field import editable_text, read_number


@pytest.mark.parametrize(
    "text, lang, expected",
    [("91,5", "fr", 91.5), ("1 234,5", "fr", 1234.5), ("1.234,5", "en", 1234.5), ("1,234.5", "fr", 1234.5),
     ("1,234", "en", 1234.0), ("", "fr", None)],
)  # fmt: skip
def test_typed_numbers_are_read_exactly(text, lang, expected):
    typed = read_number(text, "Coût", lang)
    assert typed.error is None and typed.value == expected


def test_a_refused_number_names_the_field_and_says_why():
    typed = read_number("1,234", "Coût estimé", "fr")
    assert typed.value is None
    assert typed.error.startswith("Coût estimé :") and "1234" in typed.error and "1,2340" in typed.error
    assert "Cost" in read_number("12 %", "Cost", "en").error
    assert "0" in read_number("-5", "Coût", "fr", minimum=0).error


@pytest.mark.parametrize("value", [91.5, 1234.5, 1.234, -12.5, 1e-7, 1234567.0, 0.125, 15000.0])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_stored_number_shown_in_a_field_reads_back_as_the_same_number(value, lang):
    assert read_number(editable_text(value, lang), "x", lang).value == value
