"""A cached figure comes back from Streamlit's cache (a pickle) as it was built, without Plotly validating
every property again on each rerun (smqse.charts)."""

from __future__ import annotations

import copy
import pickle

import plotly.graph_objects as go
from plotly.subplots import make_subplots

import smqse.charts  # noqa: F401  (registers how figures are pickled)


def _figure() -> go.Figure:
    fig = make_subplots(rows=1, cols=2)
    fig.add_trace(go.Bar(x=[1, 2], y=["a", "b"], orientation="h", marker={"color": "#123456"}), row=1, col=1)
    fig.add_trace(go.Scatter(x=[1, 2], y=[3, 4], mode="lines+markers"), row=1, col=2)
    fig.update_layout(title={"text": "T"}, meta={"takeaway": "k", "alt": "a"}, margin={"l": 8})
    return fig


def test_a_pickled_figure_comes_back_the_same_without_validation():
    fig = _figure()
    back = pickle.loads(pickle.dumps(fig))
    assert back.to_dict() == fig.to_dict()
    assert back._validate is False
    back.add_trace(go.Scatter(x=[5], y=[6]), row=1, col=1)  # still a figure with its subplot grid
    assert len(back.data) == 3


def test_a_deep_copy_is_the_same_figure():
    fig = _figure()
    assert copy.deepcopy(fig).to_dict() == fig.to_dict()
