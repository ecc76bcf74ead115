"""Chart images for the review pack: the `smqse.charts` Plotly figures drawn by Kaleido.

Kaleido 1.x drives a Chromium installed on the machine. One export server per process, started on first
use and stopped at exit; it is not thread-safe, so every call goes through one lock.
"""

from __future__ import annotations

import atexit
import os
import shutil
import threading
import warnings

import plotly.graph_objects as go

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
INSTALL_HINT = (
    "Chart images need a Chromium browser, and none was found. Install one, e.g. on Debian/Ubuntu "
    "`sudo apt-get install chromium`, or set BROWSER_PATH to a Chrome/Chromium executable."
)

_lock = threading.Lock()
_server_started = False


class ChromiumMissingError(RuntimeError):
    """No Chromium on the machine: Kaleido cannot draw chart images."""


def find_chromium() -> str | None:
    """The browser Kaleido will use: $BROWSER_PATH if set, else the first Chromium on the PATH."""
    explicit = os.environ.get("BROWSER_PATH")
    if explicit and os.path.exists(explicit):
        return explicit
    for name in CHROMIUM_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def _ensure_server() -> None:
    global _server_started
    if _server_started:
        return
    browser = find_chromium()
    if browser is None:
        raise ChromiumMissingError(INSTALL_HINT)
    os.environ.setdefault("BROWSER_PATH", browser)  # choreographer (Kaleido's browser driver) reads it
    import kaleido

    # No MathJax: it loads from a CDN, which a closed network turns into stalls, and no chart uses LaTeX.
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    _server_started = True
    atexit.register(stop_server)


def stop_server() -> None:
    global _server_started
    with _lock:
        if _server_started:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)
            _server_started = False


def render(
    figure: go.Figure, fmt: str = "png", width: int = 1000, height: int = 520, scale: float = 2.0
) -> bytes:
    """The figure as PNG (or SVG) bytes, drawn on a white background at the given size."""
    fig = go.Figure(figure)
    fig.update_layout(paper_bgcolor="white", plot_bgcolor="white")
    with _lock, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "kopts ignored when using a server": expected
        _ensure_server()
        return fig.to_image(format=fmt, width=width, height=height, scale=scale if fmt == "png" else 1)
