"""Numbers read exactly as people write them, the same way in the entry grid, in forms and in files.

One set of rules, written once as Polars expressions (files of a million rows are parsed in one pass) and
used for a single cell by `parse_number`, so that a value typed in a form and the same text in a file can
never be read differently.

Accepted, in French and in English: `91,5` and `91.5`; thousands grouped by spaces (plain, no-break U+00A0,
narrow no-break U+202F, thin U+2009: `1 234,5`), by `.` before a decimal comma (`1.234,5`) or by `,` before a
decimal point (`1,234.5`); several groups without decimals (`1.234.567`, `1,234,567`); a sign (`-`, `+`, `−`);
an exponent after a decimal point (`1.5e3`).

Ambiguous, and never guessed: one separator followed by exactly three digits after a first group of one to three
digits not starting with 0 (`1,234`, `12.500`). In French both readings are common (a French decimal comma, or
an English thousands separator; a French thousands point, or an English decimal point): refused, with what to
type instead. In English `1,234` is a thousands separator (1234) and `1.234` a decimal point (1.234), as English
writes them. Written by hand rather than with Babel's `parse_decimal`, which reads `1,234` in French as 1.234
without a word.
"""

from __future__ import annotations

import polars as pl

LANGUAGES = ("fr", "en")
_SPACE_CHARS = " \u00a0\u202f\u2009"
_SIGN = r"^[+-]?"
_FIRST_GROUP = r"[1-9]\d{0,2}"  # a grouped number never starts with 0 (`0,125` is a decimal)

PLAIN = _SIGN + r"(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"  # 12, 12.5, .5, 1.5e3
DECIMAL_COMMA = _SIGN + r"\d*,\d+$"  # 12,5  ,5
SPACE_GROUPED = _SIGN + _FIRST_GROUP + r"( \d{3})+([.,]\d+)?$"  # 1 234  1 234,5  1 234.5
POINT_GROUPED = _SIGN + _FIRST_GROUP + r"((\.\d{3})+,\d+|(\.\d{3}){2,})$"  # 1.234,5  1.234.567
COMMA_GROUPED = _SIGN + _FIRST_GROUP + r"((,\d{3})+\.\d+|(,\d{3}){2,})$"  # 1,234.5  1,234,567
AMBIGUOUS = _SIGN + _FIRST_GROUP + r"[.,]\d{3}$"  # 1,234  12.500


def _normalised(text: pl.Expr) -> pl.Expr:
    """Trimmed; the typographic minus as `-`; every kind of space as a plain space."""
    return (
        text.str.strip_chars()
        .str.replace_all("\u2212", "-", literal=True)
        .str.replace_all(f"[{_SPACE_CHARS[1:]}]", " ")
    )


def number_exprs(text: pl.Expr, lang: str) -> tuple[pl.Expr, pl.Expr]:
    """(value, ambiguous) for a column of text: value is the float read (null when the text is not a number
    or is ambiguous in `lang`); ambiguous is true where the text has two readings in `lang`."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    s = _normalised(text)
    digits_only = s.str.replace_all(" ", "", literal=True)
    ambiguous = s.str.contains(AMBIGUOUS)
    # English reads `1,234` as a thousands separator and `1.234` as a decimal point; French refuses both.
    ambiguous_reading = s.str.replace(",", "", literal=True) if lang == "en" else pl.lit(None, dtype=pl.Utf8)
    value = (
        pl.when(ambiguous)
        .then(ambiguous_reading)
        .when(s.str.contains(PLAIN))
        .then(s)
        .when(s.str.contains(DECIMAL_COMMA))
        .then(s.str.replace(",", ".", literal=True))
        .when(s.str.contains(SPACE_GROUPED))
        .then(digits_only.str.replace(",", ".", literal=True))
        .when(s.str.contains(POINT_GROUPED))
        .then(s.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True))
        .when(s.str.contains(COMMA_GROUPED))
        .then(s.str.replace_all(",", "", literal=True))
        .otherwise(None)
        .cast(pl.Float64, strict=False)
    )
    value = pl.when(value.is_finite()).then(value)  # `1e999` is not a measurement
    return value, (ambiguous & pl.lit(lang == "fr")).fill_null(False)


def ambiguity_hint_exprs(text: pl.Expr) -> dict[str, pl.Expr]:
    """For an ambiguous French text (`-1,234`): its two readings (`-1 234`, `-1,234`) and how to type each
    without ambiguity (`-1234`, `-1,2340`)."""
    s = _normalised(text)
    head = s.str.slice(0, s.str.len_chars() - 4)  # sign and first group
    tail = s.str.slice(-3)
    return {
        "grouped": pl.concat_str(head, pl.lit("\u202f"), tail),
        "grouped_typed": pl.concat_str(head, tail),
        "decimal": pl.concat_str(head, pl.lit(","), tail),
        "decimal_typed": pl.concat_str(head, pl.lit(","), tail, pl.lit("0")),
    }


def number_reason(text: str | None, lang: str, *, ambiguous: bool) -> str:
    """Why `text` is not a number in `lang`, in words."""
    from smqse.i18n import t

    if text is None or not str(text).strip():
        return t("number.empty", lang)
    if ambiguous:  # only French has ambiguous texts
        hint = (
            pl.DataFrame({"text": [str(text)]})
            .select(**ambiguity_hint_exprs(pl.col("text")))
            .row(0, named=True)
        )
        return t("number.ambiguous", lang, value=text, **hint)
    return t("number.invalid", lang, value=text)


def parse_number(text: str | float | int | None, lang: str) -> float:
    """The number `text` writes, read with the conventions of `lang` ("fr" or "en"); ValueError, with the
    reason in words in that language, when it is empty, not a number, or ambiguous (`1,234` in French)."""
    if isinstance(text, bool):
        raise ValueError(number_reason(str(text), lang, ambiguous=False))
    if isinstance(text, int | float):
        value = float(text)
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(number_reason(str(text), lang, ambiguous=False))
        return value
    value_expr, ambiguous_expr = number_exprs(pl.col("text"), lang)
    row = pl.DataFrame({"text": [text]}, schema={"text": pl.Utf8}).select(
        value_expr.alias("value"), ambiguous_expr.alias("ambiguous")
    )
    value, ambiguous = row.item(0, "value"), row.item(0, "ambiguous")
    if value is None:
        raise ValueError(number_reason(text, lang, ambiguous=bool(ambiguous)))
    return float(value)
