"""Build the demo organisation into an empty, migrated database: one transaction, same seed → same bytes.

The reference data come from data/*.csv, the injected signals from data/demo_ground_truth.json; everything
else is drawn from `numpy.random.default_rng` streams derived from the seed, with dates relative to
DEMO_END_MONTH (never the clock), so two builds of the same size and seed are identical.
"""

from __future__ import annotations

from datetime import date

import duckdb
import numpy as np
import polars as pl

from smqse.db import transaction
from smqse.demo.actions import build_actions
from smqse.demo.audits import build_audits
from smqse.demo.catalogue import (
    DemoSize,
    load_ground_truth,
    month_axis,
    read_csv,
    select_indicators,
    select_sites,
)
from smqse.demo.events import build_events, with_texts
from smqse.demo.measurements import generate, measurement_frames, signal_comments
from smqse.demo.objectives import build_objectives
from smqse.deployment import DEMO_ORGANISATION, ORGANISATION_SETTING

DEMO_FTE = 755.0  # headcount of the real sites: the reference for the default number of events
EVENTS_PER_YEAR = 100  # for DEMO_FTE (≈ 600 over the demo's 6 years)
_CHECKED_TABLES = ("site", "process", "app_user", "indicator", "measurement", "event", "action", "objective")
_INDICATOR_COLUMNS = (
    "indicator_id", "process_id", "domain", "kind", "name_fr", "name_en", "unit", "polarity", "frequency",
    "aggregation", "rate_base", "definition", "definition_en", "source", "numerator_label_fr",
    "numerator_label_en", "denominator_label_fr", "denominator_label_en", "min_value", "max_value", "review_input",
)  # fmt: skip


def _insert(cur: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame | list[dict]) -> None:
    """Append a frame (or rows) to a table, matching columns by name."""
    if isinstance(frame, list):
        frame = pl.DataFrame(frame)
    if frame.height == 0:
        return
    cur.register("demo_rows", frame)
    try:
        cur.execute(f"INSERT INTO {table} BY NAME SELECT * FROM demo_rows")
    finally:
        cur.unregister("demo_rows")


def _default_events(size: DemoSize, sites: list[dict]) -> int:
    fte = sum(s["headcount_fte"] for s in sites)
    return max(40, round(EVENTS_PER_YEAR * size.years * fte / DEMO_FTE))


def build_demo(con: duckdb.DuckDBPyConnection, size: DemoSize | None = None, seed: int = 20261) -> None:
    """Fill an empty migrated database (`smqse.db.connect(path)`) with the demo organisation."""
    base_indicators = read_csv("indicators.csv")
    size = (size or DemoSize()).resolved(len(read_csv("sites.csv")), len(base_indicators))
    sites = select_sites(size.sites, seed)
    indicators = select_indicators(size.indicators)
    processes = read_csv("processes.csv")
    users = read_csv("users.csv")
    causes = read_csv("causes.csv")
    pilots = {p["process_id"]: p["pilot_user_id"] for p in processes}
    months = month_axis(size.years)
    signals = load_ground_truth()["signals"]
    site_ids = [s["site_id"] for s in sites]
    n_events = size.events if size.events is not None else _default_events(size, sites)

    with transaction(con) as cur:
        for table in _CHECKED_TABLES:
            if cur.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]:
                raise ValueError(f"build_demo needs an empty database: table {table} has rows")
        _insert(cur, "site", sites)
        _insert(cur, "process", processes)
        _insert(cur, "app_user", users)
        scope_schema = {c: pl.String for c in ("user_id", "process_id", "site_id")}
        _insert(cur, "user_scope", pl.DataFrame(read_csv("user_scope.csv"), schema=scope_schema))
        _insert(cur, "indicator", [{c: m[c] for c in _INDICATOR_COLUMNS} for m in indicators])
        _insert(cur, "cause", [{k: v for k, v in c.items() if k != "weight"} for c in causes])

        # Built table by table and released once inserted, to keep the enterprise size's memory low.
        data, accidents, hours = generate(seed, sites, indicators, months, signals)
        comments = signal_comments(signals, site_ids, months)
        for frame in measurement_frames(data, sites, months, pilots, comments, seed):
            _insert(cur, "measurement", frame)
        objectives, outcomes = build_objectives(data, sites, months, pilots, signals, seed)
        _insert(cur, "objective", objectives)
        del data, objectives

        events = build_events(
            np.random.default_rng([seed, 21]), sites, months, hours, accidents, causes, n_events
        )
        for frame in with_texts(events, causes):
            _insert(cur, "event", frame)
        first = date.fromisoformat(str(months[0].astype("datetime64[D]")))
        audits = build_audits(np.random.default_rng([seed, 31]), sites, processes, first)
        _insert(cur, "audit", audits)
        by_id = {m["indicator_id"]: m for m in indicators}
        n_actions = round(n_events / 2)
        actions, review, decisions = build_actions(
            np.random.default_rng([seed, 41]), events, causes, audits, outcomes, by_id, pilots, n_actions
        )
        _insert(cur, "action", actions)
        _insert(cur, "review", review)
        _insert(cur, "review_decision", decisions)
        # The durable mark that this database is the demo organisation (see smqse.deployment).
        _insert(cur, "database_setting", [{"name": ORGANISATION_SETTING, "value": DEMO_ORGANISATION}])
