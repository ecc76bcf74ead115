"""Charts built once per distinct data, shared by every session of the process (issue 14).

Building and validating a Plotly figure is most of a landing page's CPU: under 20 sessions opening the
scorecard at once, each rebuilt the same four figures from the same cached rows. A chart is keyed by what
it is built from (the builder and a digest of its arguments: frames, row dicts, the language), not by
scope or month, so a cached chart is the figure its builder would return for those data, whoever asks,
and new data make a new key (nothing to invalidate). The cache is bounded (least recently used out).

The shared figure is only read afterwards (`st.plotly_chart` serialises a copy of it): nobody may change
it in place.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go

from smqse.charts import figure_alt, figure_takeaway, figure_title

MAX_CHARTS = 256  # a chart is tens of kB: a few MB at most


@dataclass(frozen=True)
class PreparedChart:
    """What `render_chart` shows of a figure: its title and takeaway (written above it as text), its text
    alternative, and the figure as drawn (without the title)."""

    title: str
    takeaway: str
    alt: str
    shown: go.Figure


def figure_for_display(fig: go.Figure) -> go.Figure:
    """The figure as shown under its title (written above it in text): a copy without the title, made without
    validating every property again (it was validated when built; that took a third of a chart's rerun)."""
    shown = go.Figure(fig.to_dict(), _validate=False)
    shown.update_layout(title={"text": ""}, margin={"t": 40})
    return shown


def prepare_chart(fig: go.Figure) -> PreparedChart:
    return PreparedChart(figure_title(fig), figure_takeaway(fig), figure_alt(fig), figure_for_display(fig))


def inputs_digest(*inputs: object) -> str:
    """A digest of a builder's arguments. Equal plain values (rows, lists, dates, strings) pickle to equal
    bytes, and a Polars frame pickles as its binary serialisation (schema and values); values that pickle
    differently only cost a second build, never a wrong chart."""
    return hashlib.blake2b(pickle.dumps(inputs, protocol=5), digest_size=20).hexdigest()


class ChartCache:
    """A bounded, thread-safe map from (builder, digest of its arguments) to the prepared chart."""

    def __init__(self, max_entries: int = MAX_CHARTS) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple[str, str], PreparedChart] = OrderedDict()
        self._lock = threading.Lock()
        self.builds = 0

    def __len__(self) -> int:
        return len(self._entries)

    def chart(
        self,
        build: Callable[..., go.Figure],
        *inputs: object,
        subject_digest: str | None = None,
        **options: object,
    ) -> PreparedChart:
        """`subject_digest`: the digest of the first input, computed once where it was made (a large view
        read from a cache pickles to other bytes than when it was computed, because of shared references)."""
        rest = inputs[1:] if subject_digest is not None else inputs
        key = (
            f"{build.__module__}.{build.__qualname__}",
            (subject_digest or "") + inputs_digest(*rest, sorted(options.items())),
        )
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        # Built outside the lock: two sessions may build the same chart once each, none waits on another.
        prepared = prepare_chart(build(*inputs, **options))
        with self._lock:
            self.builds += 1
            self._entries[key] = prepared
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return prepared

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_charts = ChartCache()


def cached_chart(
    build: Callable[..., go.Figure], *inputs: object, subject_digest: str | None = None, **options: object
) -> PreparedChart:
    """`build(*inputs, **options)` prepared for display, built once for the same inputs in this process;
    `subject_digest`: `inputs_digest(inputs[0])` taken when that input was computed (see ChartCache.chart)."""
    return _charts.chart(build, *inputs, subject_digest=subject_digest, **options)


def clear_charts() -> None:
    """Every cached chart (a cold benchmark run; tests)."""
    _charts.clear()
