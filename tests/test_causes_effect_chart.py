"""The before/after chart of a cause's actions draws the most recently closed ones, oldest first (issue 14:
picked without sorting every action of the cause)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import polars as pl

from smqse.views.causes import MAX_CHART_ACTIONS, chart_action_count, chart_actions


def test_the_chart_draws_the_last_closed_actions_in_order():
    rng = random.Random(7)
    rows = [
        (
            f"A{rng.randrange(10_000):05d}-{i}",
            rng.choice(["planned", "in_progress", "done", "verified", "cancelled"]),
            # Few distinct dates: many ties on closed_on, broken by action_id.
            date(2025, 1, 1) + timedelta(days=rng.randrange(5)) if rng.random() < 0.8 else None,
        )
        for i in range(300)
    ]
    actions = pl.DataFrame(rows, schema=["action_id", "status", "closed_on"], orient="row")
    shown = chart_actions(actions)
    closed = [(r[2], r[0]) for r in rows if r[1] in ("done", "verified") and r[2] is not None]
    expected = sorted(closed)[-MAX_CHART_ACTIONS:]
    assert list(zip(shown["closed_on"], shown["action_id"], strict=True)) == expected
    assert chart_action_count(actions) == (MAX_CHART_ACTIONS, len(closed))
    assert chart_actions(actions.head(3)).height <= 3
