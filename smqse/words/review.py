"""What the management review pack's small figures say: their text alternatives, each value of the figure
in words. `smqse.charts.review` draws with these words. No Streamlit here."""

from __future__ import annotations

import polars as pl

from smqse.i18n import format_number, t


def count_bars_alt(frame: pl.DataFrame, title: str, lang: str) -> str:
    """The text alternative of `build_count_bars`: its title, then each category's numbers."""
    return t("review.alt.bars", lang, title=title, values=_values_text(frame, lang))


def monthly_lines_alt(frame: pl.DataFrame, title: str, lang: str) -> str:
    """The text alternative of `build_monthly_lines`: its title, its number of months, then each month's
    numbers."""
    return t("review.alt.lines", lang, title=title, n=frame.height, values=_values_text(frame, lang))


def _values_text(frame: pl.DataFrame, lang: str, limit: int = 14) -> str:
    category = frame.columns[0]
    series = frame.columns[1:]
    parts = []
    for row in frame.head(limit).iter_rows(named=True):
        numbers = (
            ", ".join(f"{s} {format_number(row[s], lang)}" for s in series)
            if len(series) > 1
            else (format_number(row[series[0]], lang))
        )
        parts.append(t("review.alt.value", lang, category=row[category], values=numbers))
    if frame.height > limit:
        parts.append("…")
    return t("review.alt.separator", lang).join(parts)  # "; " in English, " ; " held by a no-break space
