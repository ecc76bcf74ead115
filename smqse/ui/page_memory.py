"""A page's frames are released once the page has run (issue 14).

Streamlit runs a page's file in a fresh module namespace, and every function the page defines (a widget's
`format_func` lambda, an `on_select` callback, a download's deferred `data`) keeps that namespace alive
through its `__globals__` for as long as the session keeps the widget: until the next run, and for a
session that disconnected, `server.disconnectedSessionTTL` (120 s) more. Every frame the run built (the
action plan filtered, one cause's 200 000 actions, the effectiveness checks…) stayed in memory with each
session: at enterprise scale the server climbed from 1.3 to 1.7 GB with six users walking the pages, and
stays at 1.0–1.2 GB once the frames are released.

`current_view()` (every page calls it first) records the page's namespace; app.py calls
`release_page_frames()` once the page has run (stopped or not), which replaces each of the page's Polars
frames and series by an empty one of the same schema. What runs after the page therefore must not read a
page's frame by its global name: a download built when clicked is a module function bound to its keys
(`smqse.ui.downloads`), and the callbacks and `format_func`s read dictionaries or session state.
"""

from __future__ import annotations

import sys
import threading
from types import FrameType

import polars as pl

_PAGE_MODULE_NAME = "__main__"  # streamlit.navigation.page.StreamlitPage.run: types.ModuleType("__main__")
_recorded = threading.local()  # one script thread per session run


def remember_page_namespace(frame: FrameType | None) -> None:
    """Record the namespace of the page whose code is running in `frame` (a page's module level, or a
    function it defines); anything else (a module of the package) is never recorded."""
    namespace = frame.f_globals if frame is not None else None
    if namespace is not None and namespace.get("__name__") == _PAGE_MODULE_NAME:
        _recorded.namespace = namespace


def release_page_frames() -> int:
    """Empty the frames and series of the page recorded for this thread; returns how many were released."""
    namespace = getattr(_recorded, "namespace", None)
    _recorded.namespace = None
    if namespace is None:
        return 0
    released = 0
    for name, value in list(namespace.items()):
        if isinstance(value, (pl.DataFrame, pl.Series)):
            namespace[name] = value.clear()
            released += 1
    return released


def calling_frame(depth: int) -> FrameType | None:
    """The frame `depth` levels above the caller's (None when the stack is shorter)."""
    try:
        return sys._getframe(depth + 1)
    except ValueError:
        return None
