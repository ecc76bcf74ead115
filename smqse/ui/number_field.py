"""A number typed in a form, read by the one parser of the grid and the files (`smqse.ingest.parse_number`).

Why not `st.number_input`: in the browser it drops what it does not expect, so a French `91,5` arrives as 915
and `1 234,5` as 12345 without a word. A text field keeps what the person typed; the parser reads it in the
page's language or refuses it with the reason, and the form shows that reason beside the field's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import streamlit as st

from smqse.i18n import t
from smqse.ingest import parse_number
from smqse.textsafety import escape_markdown


@dataclass(frozen=True)
class TypedNumber:
    value: float | None  # None: empty, or not a number (then `error` says why)
    error: str | None = None


def editable_text(value: float | None, lang: str) -> str:
    """A stored number as a person would type it back, read by `parse_number` as exactly that number: no
    rounding, no grouping, the language's decimal separator, and never the ambiguous `1,234` form."""
    if value is None:
        return ""
    number = float(value)
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    text = repr(number)
    if lang == "fr":
        text = text.replace(".", ",")
    if re.fullmatch(r"[+-]?[1-9]\d{0,2}[.,]\d{3}", text):
        text += "0"  # 1,234 would be refused as ambiguous; 1,2340 is the same number
    return text


def read_number(text: str | None, label: str, lang: str, *, minimum: float | None = None) -> TypedNumber:
    """The number in `text` (None when empty), or the reason it is refused, naming the field."""
    if text is None or not text.strip():
        return TypedNumber(None)
    try:
        value = parse_number(text, lang)
    except ValueError as exc:
        return TypedNumber(None, t("form.number_error", lang, field=label, reason=str(exc)))
    if minimum is not None and value < minimum:
        return TypedNumber(
            None, t("form.number_below", lang, field=label, minimum=editable_text(minimum, lang))
        )
    return TypedNumber(value)


def number_field(
    label: str,
    value: float | None,
    lang: str,
    *,
    key: str | None = None,
    help: str | None = None,
    minimum: float | None = None,
    container=None,
) -> TypedNumber:
    """A text field showing `value` in `lang`; returns what was typed, read as a number or refused in words."""
    text = (container or st).text_input(
        label,
        value=editable_text(value, lang),
        key=key,
        help=help,
        placeholder=t("form.number_placeholder", lang),
    )
    return read_number(text, label, lang, minimum=minimum)


def show_number_errors(errors: list[str]) -> None:
    """Each refused number in words; nothing was saved."""
    for error in errors:
        st.error(escape_markdown(error), icon=":material/error:")  # quotes what was typed: text
