"""Chart images for the review pack: the `smqse.charts` Plotly figures drawn by Kaleido.

Kaleido 1.x drives a Chromium installed on the machine. One export server per process (an event loop in
a daemon thread holding a Kaleido), started on first use and stopped at exit; every call goes through one
lock. Kaleido reloads its page after every figure, which parses plotly.js again: about 0.3 s of Chromium's
CPU per chart, most of what a chart costs. Here the page is reloaded once before each call instead, and a
pack's charts go in few calls (`render_many`) that the server's tabs draw side by side.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

import plotly.graph_objects as go

log = logging.getLogger(__name__)

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
INSTALL_HINT = (
    "Chart images need a Chromium browser, and none was found. Install one, e.g. on Debian/Ubuntu "
    "`sudo apt-get install chromium`, or set BROWSER_PATH to a Chrome/Chromium executable."
)

# Chromium tabs drawing at once in a batch: one per core of the two-core machine it runs on.
TABS = 2

# Seconds a call may take before the export gives up (Kaleido's own limit is 90 s per figure).
CALL_TIMEOUT = 600

_lock = threading.Lock()
_server: _Server | None = None


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


class _Server:
    """A Kaleido on an event loop of its own, in a daemon thread; callers block on its results."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="smqse-kaleido", daemon=True)
        self._thread.start()
        self._used = False  # whether the tabs drew since their page was loaded
        try:
            self._kaleido = self._call(self._open())
        except BaseException:
            self._stop_loop()
            raise

    @staticmethod
    async def _open():
        import kaleido

        class BatchKaleido(kaleido.Kaleido):
            async def _return_kaleido_tab(self, tab) -> None:
                await self.tabs_ready.put(tab)  # no reload per figure: `_Server.draw` reloads before a call

        # No MathJax: it loads from a CDN, which a closed network turns into stalls, and no chart uses LaTeX.
        k = BatchKaleido(n=TABS, mathjax=False)
        await k.open()
        return k

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(CALL_TIMEOUT)

    def draw(self, specs: list[dict]) -> None:
        self._call(self._draw(specs))

    async def _draw(self, specs: list[dict]) -> None:
        k = self._kaleido
        if self._used:
            # A clean page for this call: every tab back (cancelled figures return theirs), reloaded. Done
            # before a call rather than after one, so that an export does not wait for it.
            tabs = [await k.tabs_ready.get() for _ in range(TABS)]
            await asyncio.gather(*(tab.reload() for tab in tabs))
            for tab in tabs:
                await k.tabs_ready.put(tab)
        self._used = True
        await k.write_fig_from_object(specs, cancel_on_error=True)

    def close(self) -> None:
        try:
            self._call(self._kaleido.close())
        finally:
            self._stop_loop()

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)


def _ensure_server() -> _Server:
    global _server
    if _server is not None:
        return _server
    browser = find_chromium()
    if browser is None:
        raise ChromiumMissingError(INSTALL_HINT)
    os.environ.setdefault("BROWSER_PATH", browser)  # choreographer (Kaleido's browser driver) reads it
    _server = _Server()
    atexit.register(stop_server)
    return _server


def start_in_background() -> None:
    """Start the export server now in a thread, so that a command which will draw charts spends Chromium's
    start (seconds on a busy machine) on its own work; a failure shows again on the first drawing."""
    if find_chromium() is not None and _server is None:
        threading.Thread(target=_start_quietly, name="smqse-kaleido-start", daemon=True).start()


def _start_quietly() -> None:
    with _lock:
        try:
            _ensure_server()
        except Exception:  # noqa: BLE001 - the drawing call starts it again and reports the error
            log.warning(
                "chart export server did not start; it is retried when a chart is drawn", exc_info=True
            )


def stop_server() -> None:
    global _server
    with _lock:
        if _server is not None:
            server, _server = _server, None
            server.close()


def render(
    figure: go.Figure, fmt: str = "png", width: int = 1000, height: int = 520, scale: float = 2.0
) -> bytes:
    """The figure as PNG (or SVG) bytes, drawn on a white background at the given size."""
    return render_many([(figure, width, height)], fmt, scale)[0]


def render_many(
    jobs: Sequence[tuple[go.Figure, int, int]], fmt: str = "png", scale: float = 2.0
) -> list[bytes]:
    """Each (figure, width, height) drawn on a white background, in one call whose figures the server's
    tabs draw in parallel; the bytes `Figure.to_image` gives. Raises on the first figure that fails."""
    if not jobs:
        return []
    with tempfile.TemporaryDirectory(prefix="smqse-charts-") as tmp:
        # What `Figure.to_image` sends Kaleido: the figure as a dict, and these options.
        specs = [
            {
                "fig": _on_white(figure).to_dict(),
                "path": str(Path(tmp) / f"chart-{k}.{fmt}"),
                "opts": {
                    "format": fmt,
                    "width": width,
                    "height": height,
                    "scale": scale if fmt == "png" else 1,
                },
            }
            for k, (figure, width, height) in enumerate(jobs)
        ]
        with _lock:
            _ensure_server().draw(specs)
        return [Path(spec["path"]).read_bytes() for spec in specs]


def _on_white(figure: go.Figure) -> go.Figure:
    fig = go.Figure(figure)
    fig.update_layout(paper_bgcolor="white", plot_bgcolor="white")
    return fig
