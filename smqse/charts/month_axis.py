"""Month ticks written by smqse.i18n: the plotly.js bundled with Streamlit registers no French locale, so a
date axis left to Plotly reads "Jul 2024" on a French page. No Streamlit here."""

from __future__ import annotations

from datetime import date

from smqse.i18n import format_month_short

MONTH_STEPS = (1, 2, 3, 6, 12)  # months between two ticks: the smallest that keeps at most `max_ticks`


def _first_of_month(day: date) -> date:
    return date(day.year, day.month, 1)


def _add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def month_ticks(start: date, end: date, lang: str, max_ticks: int = 12) -> dict[str, list]:
    """`tickvals` (first days of months, ISO) and `ticktext` ("juil. 2024") for a date axis from `start` to
    `end`; steps of 1, 2, 3, 6 or 12 months, quarters and years starting in January."""
    first = _first_of_month(start)
    if first < start:
        first = _add_months(first, 1)
    months = (end.year - first.year) * 12 + end.month - first.month + 1
    step = next((s for s in MONTH_STEPS if months / s <= max_ticks), MONTH_STEPS[-1])
    while (first.month - 1) % step:  # a quarter or a year starts the ticks
        first = _add_months(first, 1)
    ticks = []
    month = first
    while month <= end:
        ticks.append(month)
        month = _add_months(month, step)
    return {
        "tickmode": "array",
        "tickvals": [m.isoformat() for m in ticks],
        "ticktext": [format_month_short(m, lang) for m in ticks],
    }
