"""Capture what one thread prints, leaving the other threads' output alone.

The CLI prints to `sys.stdout` / `sys.stderr`. In the app's process other threads (the web server, user
sessions) keep printing to the real streams, so the streams are replaced once by proxies that send a
thread's writes to its buffer while that thread is capturing, and everything else to the original.
"""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_local = threading.local()
_install_lock = threading.Lock()


class _RoutedStream:
    def __init__(self, original, which: str) -> None:
        self._original = original
        self._which = which

    def _target(self):
        buffers = getattr(_local, "buffers", None)
        return buffers[self._which] if buffers else self._original

    def write(self, text: str) -> int:
        return self._target().write(text)

    def writelines(self, lines) -> None:
        self._target().writelines(lines)

    def flush(self) -> None:
        self._target().flush()

    def __getattr__(self, name: str):  # encoding, isatty, fileno… of the real stream
        return getattr(self._original, name)


def _install() -> None:
    with _install_lock:
        if not isinstance(sys.stdout, _RoutedStream):
            sys.stdout = _RoutedStream(sys.stdout, "stdout")
        if not isinstance(sys.stderr, _RoutedStream):
            sys.stderr = _RoutedStream(sys.stderr, "stderr")


@contextmanager
def captured_output() -> Iterator[tuple[io.StringIO, io.StringIO]]:
    """(stdout, stderr) buffers receiving what this thread prints inside the block."""
    _install()
    out, err = io.StringIO(), io.StringIO()
    _local.buffers = {"stdout": out, "stderr": err}
    try:
        yield out, err
    finally:
        _local.buffers = None
