"""The vectorised `compute_action_effect` gives, on generated data, exactly what the former per-action Python
loop gave (kept here only, as the oracle): same rows, same order, same counts, rates and verdicts."""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from smqse.analysis.causes import (
    CLOSED_STATUSES,
    EFFECT_SCHEMA,
    INCREASED_RATIO,
    REDUCED_RATIO,
    _combined,
    add_months,
    compute_action_effect,
    months_between,
)

# --- the oracle: the per-action loop as it was before issue 14 -----------------------------------------


def _oracle_verdict(before_count: int, before_rate: float | None, after_rate: float | None) -> str:
    if after_rate is None or before_rate is None:
        return "unchanged"
    if after_rate == 0:
        return "stopped" if before_count > 0 else "unchanged"
    if before_rate == 0:
        return "increased"
    ratio = after_rate / before_rate
    if ratio <= REDUCED_RATIO:
        return "reduced"
    if ratio >= INCREASED_RATIO:
        return "increased"
    return "unchanged"


def _oracle(events, actions, as_of, *, window_months=6, history_start=None) -> pl.DataFrame:
    if history_start is None and not events.is_empty():
        history_start = events["occurred_on"].min()
    by_key: dict[tuple, list[date]] = {}
    by_cause: dict[str, list[tuple[str, str, date]]] = {}
    for cause_id, process_id, site_id, day in events.select(
        "cause_id", "process_id", "site_id", "occurred_on"
    ).iter_rows():
        by_key.setdefault((cause_id, process_id, site_id), []).append(day)
        by_cause.setdefault(cause_id, []).append((process_id, site_id, day))

    def days_for(cause_id, process_id, site_id) -> list[date]:
        if site_id is None:
            return [d for p, _, d in by_cause.get(cause_id, []) if p == process_id]
        return by_key.get((cause_id, process_id, site_id), [])

    rows = []
    for a in actions.iter_rows(named=True):
        days = days_for(a["cause_id"], a["process_id"], a.get("site_id"))
        opened = a["opened_on"]
        months = window_months
        if history_start is not None:
            months = min(window_months, max(1, months_between(history_start, opened)))
        before_start = add_months(opened, -months)
        before_end = opened - timedelta(days=1)
        before_count = sum(1 for d in days if before_start <= d <= before_end)
        before_rate = before_count / months
        row = {
            "action_id": a["action_id"],
            "cause_id": a["cause_id"],
            "window_months": months,
            "before_start": before_start,
            "before_end": before_end,
            "before_count": before_count,
            "before_rate": before_rate,
            "after_start": None,
            "after_end": None,
            "after_count": None,
            "after_months": None,
            "after_rate": None,
        }
        closed = a.get("closed_on")
        if a["status"] == "cancelled":
            row["verdict"] = "cancelled"
        elif a["status"] not in CLOSED_STATUSES or closed is None:
            row["verdict"] = "not_closed"
        else:
            after_start = closed + timedelta(days=1)
            after_end = add_months(closed, months)
            seen_until = min(after_end, as_of)
            after_count = sum(1 for d in days if after_start <= d <= seen_until)
            elapsed = max(0, (seen_until - closed).days) / 30.4375
            row.update(
                after_start=after_start,
                after_end=after_end,
                after_count=after_count,
                after_months=round(min(elapsed, months), 2),
            )
            if after_end > as_of:
                row["after_rate"] = after_count / elapsed if elapsed >= 1 else None
                row["verdict"] = "too_early"
            else:
                row["after_rate"] = after_count / months
                row["verdict"] = _oracle_verdict(before_count, before_rate, row["after_rate"])
        rows.append(row)
    return pl.DataFrame(rows, schema=EFFECT_SCHEMA, orient="row")


# --- generated data -------------------------------------------------------------------------------------

START = date(2022, 1, 31)  # a 31st, so that month arithmetic clips
SPAN_DAYS = 4 * 365
STATUSES = ("planned", "in_progress", "done", "verified", "cancelled")


def _day(rng: random.Random) -> date:
    # Month ends and the 29th-31st often, where adding months clips.
    day = START + timedelta(days=rng.randrange(SPAN_DAYS))
    if rng.random() < 0.2:
        day = add_months(date(day.year, day.month, 1), 1) - timedelta(days=rng.randrange(3))
    return day


def _generated(seed: int, n_events: int, n_actions: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    rng = random.Random(seed)
    causes, processes, sites = ["C1", "C2", "C3", "C4"], ["P1", "P2"], ["S1", "S2", "S3", None]
    events = pl.DataFrame(
        [(rng.choice(causes), rng.choice(processes), rng.choice(sites), _day(rng)) for _ in range(n_events)],
        schema={"cause_id": pl.String, "process_id": pl.String, "site_id": pl.String, "occurred_on": pl.Date},
        orient="row",
    )
    rows = []
    for i in range(n_actions):
        opened = _day(rng)
        status = rng.choice(STATUSES)
        closed = opened + timedelta(days=rng.randrange(0, 400)) if rng.random() < 0.85 else None
        rows.append(
            (
                f"A{i:04d}",
                rng.choice(causes + ["C-none"]),
                rng.choice(processes),
                rng.choice(sites),
                status,
                opened,
                closed,
            )
        )
    actions = pl.DataFrame(
        rows,
        schema={
            "action_id": pl.String,
            "cause_id": pl.String,
            "process_id": pl.String,
            "site_id": pl.String,
            "status": pl.String,
            "opened_on": pl.Date,
            "closed_on": pl.Date,
        },
        orient="row",
    )
    return events, actions


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("window_months", [1, 3, 6, 12])
@pytest.mark.parametrize("history_start", [None, date(2023, 3, 31)])
@pytest.mark.parametrize("as_of", [date(2024, 6, 30), date(2026, 2, 28)])
def test_same_effects_as_the_per_action_loop(seed, window_months, history_start, as_of):
    events, actions = _generated(seed, n_events=600, n_actions=250)
    kwargs = {"window_months": window_months, "history_start": history_start}
    expected = _oracle(events, actions, as_of, **kwargs)
    assert expected["verdict"].n_unique() >= 4
    assert_frame_equal(compute_action_effect(events, actions, as_of, **kwargs), expected)


def test_the_generated_data_reach_every_verdict_and_every_window():
    """So that the comparison above covers every branch: each verdict, clipped and full windows."""
    verdicts, windows = set(), set()
    for seed in (1, 2, 3):
        events, actions = _generated(seed, n_events=600, n_actions=250)
        for as_of in (date(2024, 6, 30), date(2026, 2, 28)):
            frame = _oracle(events, actions, as_of, window_months=12)
            verdicts |= set(frame["verdict"])
            windows |= set(frame["window_months"])
    assert verdicts == {
        "stopped",
        "reduced",
        "unchanged",
        "increased",
        "too_early",
        "not_closed",
        "cancelled",
    }
    assert {1, 12} <= windows


def test_same_effects_with_few_events_and_columns_left_out():
    """No event at all, then actions without a site or closing-date column (both read as missing)."""
    events, actions = _generated(4, n_events=40, n_actions=60)
    as_of = date(2025, 12, 31)
    for frame in (events.clear(), events):
        assert_frame_equal(compute_action_effect(frame, actions, as_of), _oracle(frame, actions, as_of))
    bare = actions.drop("site_id", "closed_on")
    assert_frame_equal(compute_action_effect(events, bare, as_of), _oracle(events, bare, as_of))
    assert compute_action_effect(events, actions.clear(), as_of).schema == pl.Schema(EFFECT_SCHEMA)


def test_same_effects_on_the_edges_of_the_windows():
    """Issue 14, second pass (keys coded per column): events on the day an action opened (not before it) and
    on the day it closed (not after it), on the first day of the before-window, an action without a site
    (every site counts, a site-less event too), a null process, open, closed and cancelled actions, a cause
    the events never name."""
    d = date
    events = pl.DataFrame(
        [
            ("C1", "P1", "S1", d(2024, 3, 15)),  # the open date of A1, A2, A3
            ("C1", "P1", "S1", d(2024, 3, 14)),  # the day before
            ("C1", "P1", "S1", d(2023, 9, 15)),  # first day of A1's six-month window
            ("C1", "P1", "S1", d(2023, 9, 14)),  # one day before it
            ("C1", "P1", "S2", d(2024, 1, 10)),  # another site: A1 ignores it, A2 (no site) counts it
            ("C1", "P1", None, d(2024, 2, 1)),  # an event without a site: only A2 counts it
            ("C1", "P1", "S1", d(2024, 5, 31)),  # A1's close date (not after)
            ("C1", "P1", "S1", d(2024, 6, 1)),  # the day after
            ("C1", "P2", "S1", d(2024, 2, 2)),  # another process
            ("C1", None, "S1", d(2024, 2, 3)),  # no process: only an action without a process counts it
            ("C2", "P1", "S1", d(2024, 2, 4)),  # another cause
        ],
        schema={"cause_id": pl.String, "process_id": pl.String, "site_id": pl.String, "occurred_on": pl.Date},
        orient="row",
    )
    actions = pl.DataFrame(
        [
            ("A1", "C1", "P1", "S1", "done", d(2024, 3, 15), d(2024, 5, 31)),
            ("A2", "C1", "P1", None, "verified", d(2024, 3, 15), d(2024, 5, 31)),
            ("A3", "C1", "P1", "S1", "in_progress", d(2024, 3, 15), None),
            ("A4", "C1", "P1", "S1", "cancelled", d(2024, 3, 15), d(2024, 4, 1)),
            ("A5", "C1", None, "S1", "done", d(2024, 3, 1), d(2024, 3, 2)),
            ("A6", "C9", "P1", "S1", "done", d(2024, 3, 1), d(2024, 3, 2)),
            ("A7", "C1", "P1", "S1", "done", d(2024, 3, 15), d(2024, 12, 1)),  # too early
        ],
        schema={
            "action_id": pl.String,
            "cause_id": pl.String,
            "process_id": pl.String,
            "site_id": pl.String,
            "status": pl.String,
            "opened_on": pl.Date,
            "closed_on": pl.Date,
        },
        orient="row",
    )
    as_of = date(2025, 1, 31)
    effects = compute_action_effect(events, actions, as_of)
    assert_frame_equal(effects, _oracle(events, actions, as_of))
    counts = dict(zip(effects["action_id"], effects["before_count"], strict=True))
    # A1: 2024-03-14 and 2023-09-15 (the window is 2023-09-15 – 2024-03-14); A2 adds S2's and the site-less one.
    assert counts == {"A1": 2, "A2": 4, "A3": 2, "A4": 2, "A5": 1, "A6": 0, "A7": 2}
    assert effects.filter(pl.col("action_id") == "A1")["after_count"].item() == 1


def test_combined_codes_renumbered_when_they_leave_no_room_for_the_day():
    """Pairs of codes too large to leave 22 bits for the day are renumbered: equal pairs one code, different
    pairs different codes, in events and actions alike."""
    high = (np.array([0, 5, 5, 0]), np.array([5, 0]))
    low = (np.array([1, 2, 2, 3]), np.array([2, 3]))
    events, actions = _combined(high, low, 1 << 45)
    assert events.max() < (1 << 40)
    assert events[1] == events[2] == actions[0] and events[3] == actions[1]
    assert len({events[0], events[1], events[3]}) == 3
