"""Plotly figures only, one module per page named as the page (`pages/drift.py` ↔ `smqse/charts/drift.py`),
shared by the pages and the export. A page's tables and sentences are in `smqse.words.<page>`.

Every figure carries its title (layout.title), a one-sentence takeaway and a text alternative in
`layout.meta` (their words written by `smqse.words`); read them with `figure_takeaway(fig)` and
`figure_alt(fig)`. No Streamlit here.
"""

from __future__ import annotations

import copyreg

import plotly.graph_objects as go


def _figure_from_dict(props: dict) -> go.Figure:
    return go.Figure(props, _validate=False)


def _reduce_figure(fig: go.Figure):
    """A figure is pickled as its dict and brought back without validating every property again: it was
    validated when built. Plotly's own way validated it all on every load, and Streamlit's cache loads a
    cached figure on every rerun (the review page's 37 figures: most of its rerun)."""
    props = fig.to_dict()
    props["_grid_str"] = fig._grid_str
    props["_grid_ref"] = fig._grid_ref
    return _figure_from_dict, (props,)


copyreg.pickle(go.Figure, _reduce_figure)


def figure_title(fig: go.Figure) -> str:
    return fig.layout.title.text or ""


def figure_takeaway(fig: go.Figure) -> str:
    return (fig.layout.meta or {}).get("takeaway", "")


def figure_alt(fig: go.Figure) -> str:
    return (fig.layout.meta or {}).get("alt", "")
