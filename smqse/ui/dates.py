"""How a date is typed in a date input: the day first in French (31/12/2026), ISO in English. Without a
format, Streamlit shows the placeholder "YYYY/MM/DD", which reads as English on a French page."""

from __future__ import annotations

from smqse.i18n import normalise_language

DATE_INPUT_FORMATS = {"fr": "DD/MM/YYYY", "en": "YYYY-MM-DD"}


def date_format(lang: str) -> str:
    """The `format` to give st.date_input in `lang`."""
    return DATE_INPUT_FORMATS[normalise_language(lang)]
