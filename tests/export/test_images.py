"""Chart images: a batch of figures draws in one call with one page reload per tab, not one per figure
(the reload parses plotly.js again, most of a chart's cost), and gives the bytes Plotly's own
`Figure.to_image` gives through stock Kaleido."""

from __future__ import annotations

import os

import plotly.graph_objects as go
import pytest
from kaleido._kaleido_tab._tab import _KaleidoTab

from smqse.export import images

pytestmark = pytest.mark.skipif(images.find_chromium() is None, reason="no Chromium for Kaleido")


def _figures() -> list[go.Figure]:
    line = go.Figure(go.Scatter(x=[1, 2, 3, 4], y=[3, 1, 4, 1], mode="lines+markers", name="é ✓"))
    line.add_hline(y=2, line_dash="dash", annotation_text="objectif")
    line.update_layout(title="Line", font_size=14)
    bars = go.Figure(go.Bar(x=["A", "B", "C"], y=[5, 2, 7]))
    pie = go.Figure(go.Pie(labels=["x", "y"], values=[1, 3]))
    return [line, bars, pie, go.Figure(line)]


@pytest.fixture
def fresh_server():
    images.stop_server()
    yield
    images.stop_server()


def test_one_reload_per_tab_per_call(fresh_server, monkeypatch):
    images.render(go.Figure(), "png", 50, 50)  # the server up, its tabs loaded
    reloads = []
    original = _KaleidoTab.reload

    async def counting(self):
        reloads.append(self)
        return await original(self)

    monkeypatch.setattr(_KaleidoTab, "reload", counting)
    pictures = images.render_many([(fig, 400, 300) for fig in _figures()])
    assert len(pictures) == 4 and all(p.startswith(b"\x89PNG") for p in pictures)
    # Stock Kaleido reloads after each figure (4 here); a call reloads each of its tabs once.
    assert len(reloads) == images.TABS


def test_same_bytes_as_plotly_to_image(fresh_server):
    import kaleido

    figures = _figures()
    ours = images.render_many([(fig, 500, 260) for fig in figures])
    ours.append(images.render(figures[0], "png", 320, 200, scale=1.0))
    os.environ.setdefault("BROWSER_PATH", images.find_chromium())
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    try:
        stock = [
            images._on_white(fig).to_image(format="png", width=500, height=260, scale=2.0) for fig in figures
        ]
        stock.append(images._on_white(figures[0]).to_image(format="png", width=320, height=200, scale=1.0))
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
    assert ours == stock


def test_a_failing_figure_raises_and_the_server_still_draws(fresh_server):
    broken = go.Figure(go.Scatter(x=[1, 2], y=[1, 2]))
    with pytest.raises(Exception):  # noqa: B017 - Kaleido's own error type, whatever it is
        images.render_many([(broken, 400, 300)], fmt="no-such-format")
    assert images.render(broken, "png", 100, 100).startswith(b"\x89PNG")
