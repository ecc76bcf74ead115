"""The Ishikawa page's data path: the cause tree and the events of the scope and period from the database,
the effect chosen (an event type, an indicator's process, or every event), and the analysis the page shows.
No Streamlit here; the page caches `load_causes` / `load_totals` (the events added up by type, process and cause
in DuckDB, not the ~1 M events of an enterprise's years: issue 14) / `load_cause_events` (one cause's events,
on demand) and calls `compute_view`; `compute_view` also takes a frame of events (`load_events`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import polars as pl

from smqse.analysis import ishikawa as analysis
from smqse.analysis.kpi import shift_month
from smqse.db import run_query
from smqse.model import EventType
from smqse.scope import Scope

EFFECT_KINDS: tuple[str, ...] = ("type", "indicator", "all")
DEFAULT_MONTHS = 12
EVENT_TYPES: tuple[str, ...] = tuple(e.value for e in EventType)


@dataclass(frozen=True)
class Effect:
    kind: str  # type | indicator | all
    value: str | None = None  # the event type, or the process of the indicator
    indicator_id: str | None = None


@dataclass(frozen=True)
class IshikawaView:
    tree: analysis.CauseTree
    weights: analysis.Weights
    fishbone: analysis.Fishbone
    events: pl.DataFrame  # the effect's events (or their totals: load_totals) in scope and period


def default_period(as_of: date, months: int = DEFAULT_MONTHS) -> tuple[date, date]:
    """The `months` months ending with the as-of month, as first-of-month dates."""
    return shift_month(as_of, -(months - 1)), as_of


def period_bounds(start_month: date, end_month: date) -> tuple[date, date]:
    """[first day of start_month, last day of end_month]."""
    end = shift_month(end_month, 1)
    return start_month, date.fromordinal(end.toordinal() - 1)


def load_causes(scope: Scope, con: duckdb.DuckDBPyConnection | None = None) -> pl.DataFrame:
    return run_query("ishikawa_causes", con=con, **scope.params())


def load_events(
    scope: Scope, start_on: date, end_on: date, con: duckdb.DuckDBPyConnection | None = None
) -> pl.DataFrame:
    return run_query("ishikawa_events", con=con, **scope.params(), start_on=start_on, end_on=end_on)


def load_totals(
    scope: Scope, start_on: date, end_on: date, con: duckdb.DuckDBPyConnection | None = None
) -> pl.DataFrame:
    """event_type, process_id, cause_id, events, cost: what the weights need, a few thousand rows."""
    frame = run_query("ishikawa_totals", con=con, **scope.params(), start_on=start_on, end_on=end_on)
    return frame.cast({"events": pl.Int64, "cost": pl.Float64})


def load_cause_events(
    scope: Scope,
    start_on: date,
    end_on: date,
    cause_ids: tuple[str, ...],
    effect: Effect,
    con: duckdb.DuckDBPyConnection | None = None,
) -> pl.DataFrame:
    """The effect's events recorded on one of `cause_ids` (a cause and its descendants: `CauseTree`), most
    recent first: `analysis.events_of` on `load_events`, read on demand."""
    return run_query(
        "ishikawa_cause_events",
        con=con,
        **scope.params(),
        start_on=start_on,
        end_on=end_on,
        cause_ids=list(cause_ids),
        effect_type=effect.value if effect.kind == "type" and effect.value else None,
        effect_process=effect.value if effect.kind == "indicator" and effect.value else None,
    )


def effect_events(events: pl.DataFrame, effect: Effect) -> pl.DataFrame:
    """The events of the effect: one type, one process (an indicator's), or all of them."""
    if effect.kind == "type" and effect.value:
        return events.filter(pl.col("event_type") == effect.value)
    if effect.kind == "indicator" and effect.value:
        return events.filter(pl.col("process_id") == effect.value)
    return events


def event_types_present(events: pl.DataFrame) -> list[str]:
    """Event types with events, in the model's order."""
    present = set(events["event_type"].to_list()) if len(events) else set()
    return [e for e in EVENT_TYPES if e in present]


def compute_view(causes: pl.DataFrame, events: pl.DataFrame, effect: Effect, measure: str) -> IshikawaView:
    tree = analysis.compute_tree(causes)
    chosen = effect_events(events, effect)
    weights = analysis.compute_weights(tree, chosen)
    fish = analysis.compute_fishbone(tree, weights, measure)
    return IshikawaView(tree=tree, weights=weights, fishbone=fish, events=chosen)
