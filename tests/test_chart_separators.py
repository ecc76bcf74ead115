"""Plotly writes its own numbers (axes, hover texts) with the figure's `separators`: "0.25" on a French page
without them (issue 16)."""

from __future__ import annotations

import polars as pl

from smqse.charts.causes import build_effect_chart
from smqse.charts.review import build_count_bars, build_monthly_lines
from smqse.i18n import chart_separators

FRAME = pl.DataFrame({"Mois": ["janv. 2026", "févr. 2026"], "Nombre": [1.5, 2.0]})


def test_the_review_charts_write_french_numbers():
    for build in (build_count_bars, build_monthly_lines):
        assert build(FRAME, "Titre", "Constat", "fr").layout.separators == chart_separators("fr")
        assert build(FRAME, "Title", "Finding", "en").layout.separators == ".,"


def test_the_effect_chart_writes_french_numbers():
    # No closed action: the chart's layout is all this checks.
    actions = pl.DataFrame(
        {"action_id": ["A-1"], "status": ["planned"], "closed_on": [None], "verdict": ["not_closed"]}
    )
    assert build_effect_chart(actions, "Cause", "fr").layout.separators == chart_separators("fr")
