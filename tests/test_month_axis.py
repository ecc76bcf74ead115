"""Month labels on date axes are written by smqse.i18n (issue 16: the Gantt read "Jul 2024" in French)."""

from __future__ import annotations

from datetime import date

from smqse.charts.actions import build_gantt
from smqse.charts.month_axis import month_ticks
from tests.test_plural_words import one_action


def test_ticks_are_french_month_names_every_quarter_on_a_long_axis():
    ticks = month_ticks(date(2024, 6, 17), date(2026, 12, 30), "fr")
    assert ticks["tickvals"][:2] == ["2024-07-01", "2024-10-01"]
    assert ticks["ticktext"][:3] == ["juil. 2024", "oct. 2024", "janv. 2025"]
    assert len(ticks["tickvals"]) <= 12


def test_ticks_every_month_on_a_short_axis():
    ticks = month_ticks(date(2026, 1, 1), date(2026, 3, 31), "en")
    assert ticks["ticktext"] == ["Jan 2026", "Feb 2026", "Mar 2026"]


def test_the_gantt_names_its_months_in_french():
    fig = build_gantt(one_action(), date(2026, 2, 1), "fr")
    axis = fig.layout.xaxis
    assert axis.tickmode == "array"
    assert "févr. 2026" in axis.ticktext and not any("Feb" in text for text in axis.ticktext)
