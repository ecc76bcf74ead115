"""A chart is shown as built, without its title (written above it), and copied without validating every
property a second time (it was validated when built): the copy cost as much as building it, on every rerun."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio
import polars as pl

from smqse.ui import widgets


def test_the_chart_shown_is_the_built_one_without_its_title(monkeypatch):
    fig = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h", marker={"color": "#123456"}))
    fig.update_layout(title={"text": "Title"}, margin={"l": 8, "t": 70}, meta={"takeaway": "T", "alt": "A"})
    sent = {}
    monkeypatch.setattr(
        widgets.st, "plotly_chart", lambda shown, **kwargs: sent.update(shown=shown, **kwargs)
    )
    widgets.render_chart(fig, pl.DataFrame({"x": [1, 2]}), {"x": "X"}, "en", key="chart")

    expected = go.Figure(fig)
    expected.update_layout(title={"text": ""}, margin={"t": 40})
    assert pio.to_json(sent["shown"], validate=False) == pio.to_json(expected, validate=False)
    assert sent["alt"] == "A" and fig.layout.title.text == "Title"  # the built figure is left as it was
    assert sent["shown"]._validate is False


def test_the_pareto_page_shows_its_charts_copied_the_same_way(demo_copy, monkeypatch):
    import streamlit as st

    from tests.ui.helpers import app_database, open_page

    sent = []
    plotly_chart = st.plotly_chart
    monkeypatch.setattr(
        st, "plotly_chart", lambda fig, **kwargs: sent.append(fig) or plotly_chart(fig, **kwargs)
    )
    with app_database(demo_copy):
        open_page("pages/pareto.py", "u-dg")
    assert sent and all(fig._validate is False and not fig.layout.title.text for fig in sent)
