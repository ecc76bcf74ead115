"""Data versions: one counter per kind of data the stored analyses read, per indicator where it matters.

Every write path that changes what an analysis reads calls `bump` with the cursor of its own transaction,
so the version moves if and only if the write commits. The refresh (smqse.refresh) recomputes what was
computed from an older version; the pages compare the versions stored with a result against the current
ones and say when what they show is being recomputed.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from smqse.db import run_in_transaction, run_query
from smqse.scope import Scope

MEASUREMENT = "measurement"
OBJECTIVE = "objective"
INDICATOR = "indicator"
MONTH_CLOSE = "month_close"
EVENT = "event"
ACTION = "action"
PER_INDICATOR = (MEASUREMENT, OBJECTIVE, INDICATOR)
KINDS = (*PER_INDICATOR, MONTH_CLOSE, EVENT, ACTION)
# What an import of each file kind (smqse.ingest.formats.KINDS) changes.
IMPORT_KINDS = {
    "measurements": MEASUREMENT,
    "objectives": OBJECTIVE,
    "indicators": INDICATOR,
    "events": EVENT,
    "actions": ACTION,
}


def bump(cur: duckdb.DuckDBPyConnection, kind: str, indicator_ids: Iterable[str] | None = None) -> None:
    """Move `kind`'s version for these indicators (a kind not per indicator: no ids), inside the writer's
    open transaction `cur` (smqse.db.transaction)."""
    if kind not in KINDS:
        raise ValueError(f"unknown data kind {kind!r}")
    if kind in PER_INDICATOR:
        ids = sorted({str(i) for i in indicator_ids or () if i is not None})
        if not ids:
            return
    else:
        ids = [""]
    run_in_transaction(cur, "data_version_bump", kind=kind, indicator_ids=ids)


def in_scope(scope: Scope, kinds: Iterable[str], con: duckdb.DuckDBPyConnection | None = None) -> int:
    """The version of `kinds` of data for the indicators in `scope`: it moves with every write to one of
    them, and only then (a cache key: a write elsewhere leaves the views of this scope cached)."""
    frame = run_query("data_version_in_scope", con=con, kinds=list(kinds), **scope.params())
    return int(frame.item(0, 0)) if frame.height else 0


def organisation_wide(
    scope: Scope, kinds: Iterable[str], con: duckdb.DuckDBPyConnection | None = None
) -> int:
    """The version of kinds not counted per indicator (events, actions, the month close): one counter for the
    whole organisation, so a write anywhere moves it (a cache key: a view keyed by it is read again after
    every such write, in every process, and only then). 0 for an empty scope."""
    kinds = tuple(kinds)
    unknown = set(kinds) - {MONTH_CLOSE, EVENT, ACTION}
    if unknown:
        raise ValueError(f"counted per indicator, not organisation-wide: {sorted(unknown)}")
    frame = run_query("data_version_organisation", con=con, kinds=list(kinds), **scope.params())
    return int(frame.item(0, 0)) if frame.height else 0
