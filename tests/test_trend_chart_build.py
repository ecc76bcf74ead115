"""The scorecard's trend chart is built in one pass (issue 14): its layout, objective band and lines given
when the figure is made, not through update_layout / add_hline, which re-validated the whole layout for each
call (a review pack draws dozens of these charts, 118 ms each; 7 ms now). The figure is the one Plotly's
helpers make."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from smqse.charts import palette
from smqse.charts import scorecard as charts
from smqse.model import Polarity
from smqse.scope import get_user, scope_for
from smqse.views.scorecard import default_as_of, load_scorecard


@pytest.fixture(scope="module")
def rows(demo_con):
    scope = scope_for(get_user("u-dg", demo_con), demo_con)
    return list(load_scorecard(scope, default_as_of(scope, demo_con), demo_con).rows.iter_rows(named=True))


def _with_plotly_helpers(fig: go.Figure, row: dict) -> go.Figure:
    """The same figure with its band and lines drawn by Plotly's own add_hrect / add_hline."""
    layout = fig.layout.to_plotly_json()
    shapes, annotations = layout.pop("shapes", []), layout.pop("annotations", [])
    ref = go.Figure(data=fig.data, layout=layout)
    lines = [s for s in shapes if s["type"] == "line"]
    for shape in shapes:
        if shape["type"] == "rect":
            ref.add_hrect(
                y0=shape["y0"], y1=shape["y1"], fillcolor=shape["fillcolor"], opacity=0.12, line_width=0
            )
    for shape, note in zip(lines, annotations, strict=True):
        ref.add_hline(
            y=shape["y0"],
            line=shape["line"],
            annotation_text=note["text"],
            annotation_position="right",
            annotation_yshift=note["yshift"],
            annotation_font=note["font"],
        )
    return ref


def test_the_trend_chart_is_the_figure_plotlys_helpers_make(rows, monkeypatch):
    built = {
        (r["indicator_id"], lang): charts.build_trend_chart(r, lang) for r in rows for lang in ("fr", "en")
    }
    with_lines = [f for f in built.values() if f.layout.shapes]
    assert with_lines and any(s.type == "rect" for f in with_lines for s in f.layout.shapes)
    assert any(len(f.layout.annotations) == 2 for f in with_lines)  # an alert line beside the target
    for (indicator_id, lang), fig in built.items():
        row = next(r for r in rows if r["indicator_id"] == indicator_id)
        assert fig.to_dict() == _with_plotly_helpers(fig, row).to_dict(), (indicator_id, lang)
        if fig.layout.shapes and row["polarity"] == Polarity.TARGET_BAND:
            assert fig.layout.shapes[0].fillcolor == palette.TARGET_COLOUR


def test_the_trend_chart_does_not_update_its_layout_call_by_call(rows, monkeypatch):
    def refused(*args, **kwargs):
        raise AssertionError("re-validates the whole layout")

    for name in ("update_layout", "add_hline", "add_hrect"):
        monkeypatch.setattr(go.Figure, name, refused)
    for row in rows:
        charts.build_trend_chart(row, "fr")
