"""Plotly figures and display tables, one builder per view, shared by the pages and the export.

Every figure carries its title (layout.title), a one-sentence takeaway and a text alternative in
`layout.meta`; read them with `figure_takeaway(fig)` and `figure_alt(fig)`. No Streamlit here.
"""

from __future__ import annotations

import plotly.graph_objects as go


def figure_title(fig: go.Figure) -> str:
    return fig.layout.title.text or ""


def figure_takeaway(fig: go.Figure) -> str:
    return (fig.layout.meta or {}).get("takeaway", "")


def figure_alt(fig: go.Figure) -> str:
    return (fig.layout.meta or {}).get("alt", "")
