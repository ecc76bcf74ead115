"""The notes under a figure that say what it is made of (smqse.aggregation_notes): rows left out are a
warning (word + icon), a simple mean is a caption."""

from __future__ import annotations

import polars as pl
import streamlit as st

from smqse.aggregation_notes import describe_aggregation_notes
from smqse.textsafety import escape_markdown


def render_aggregation_notes(
    indicators: pl.DataFrame, left_out: pl.DataFrame, lang: str, *, only: set[str] | None = None
) -> None:
    for note in describe_aggregation_notes(indicators, left_out, lang, only=only):
        if note.kind == "left_out":
            st.warning(escape_markdown(note.text), icon=":material/warning:")  # names are user text
        else:
            st.caption(f":material/info: {escape_markdown(note.text)}")
