"""Causes ranked on explicit criteria, and before/after event counts around actions, on hand-built frames."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from smqse.analysis.causes import (
    add_months,
    check_weights,
    compute_action_effect,
    compute_cause_action_summary,
    compute_cause_ranking,
    months_between,
)

START, END = date(2025, 1, 1), date(2025, 12, 31)


def _events(rows: list[tuple]) -> pl.DataFrame:
    """(cause_id, occurred_on, severity, cost[, site_id[, process_id]])"""
    full = [(*r, *("S1", "P1")[len(r) - 4 :]) if len(r) < 6 else r for r in rows]
    return pl.DataFrame(
        full,
        schema={
            "cause_id": pl.String,
            "occurred_on": pl.Date,
            "severity": pl.Int32,
            "cost": pl.Float64,
            "site_id": pl.String,
            "process_id": pl.String,
        },
        orient="row",
    )


# --- ranking ------------------------------------------------------------------------------------------

# A: 3 events in 3 months, cost 300, severity 2 → frequent and recurring, cheap, mild.
# B: 2 events in one month, cost 1 000, severity 4 → costly and serious, not recurring.
# C: 1 event, cost 0, severity 1 → lowest on every criterion.
RANKED = _events(
    [
        ("A", date(2025, 1, 10), 2, 100.0),
        ("A", date(2025, 2, 10), 2, 100.0),
        ("A", date(2025, 3, 10), 2, 100.0),
        ("B", date(2025, 5, 1), 4, 500.0),
        ("B", date(2025, 5, 20), 4, 500.0),
        ("C", date(2025, 6, 1), 1, 0.0),
        ("A", date(2024, 12, 31), 5, 9999.0),  # outside the period
        (None, date(2025, 6, 1), 5, 9999.0),  # no cause: not ranked
    ]
)


def _by_cause(frame: pl.DataFrame) -> dict[str, dict]:
    return {r["cause_id"]: r for r in frame.iter_rows(named=True)}


def test_criteria_per_cause_and_period_bounds():
    rows = _by_cause(compute_cause_ranking(RANKED, START, END))
    assert set(rows) == {"A", "B", "C"}
    assert (rows["A"]["event_count"], rows["A"]["cost_total"], rows["A"]["months_with_events"]) == (
        3,
        300.0,
        3,
    )
    assert (rows["B"]["event_count"], rows["B"]["severity_mean"], rows["B"]["months_with_events"]) == (
        2,
        4.0,
        1,
    )
    assert rows["B"]["severity_max"] == 4
    assert rows["C"]["site_count"] == 1


def test_min_max_normalisation():
    rows = _by_cause(compute_cause_ranking(RANKED, START, END))
    # frequency 3, 2, 1 → 1, 0.5, 0; cost 300, 1000, 0 → 0.3, 1, 0; severity 2, 4, 1 → 1/3, 1, 0;
    # recurrence (months) 3, 1, 1 → 1, 0, 0.
    assert rows["A"]["frequency_norm"] == pytest.approx(1.0)
    assert rows["B"]["frequency_norm"] == pytest.approx(0.5)
    assert rows["A"]["cost_norm"] == pytest.approx(0.3)
    assert rows["A"]["severity_norm"] == pytest.approx(1 / 3)
    assert rows["B"]["recurrence_norm"] == pytest.approx(0.0)
    for r in rows.values():
        assert r["frequency_norm"] >= 0 and r["frequency_norm"] <= 1
    assert rows["C"]["score"] == pytest.approx(0.0)


def test_equal_weights_score_is_the_mean_of_the_normalised_criteria():
    rows = _by_cause(compute_cause_ranking(RANKED, START, END))
    assert rows["A"]["score"] == pytest.approx((1 + 0.3 + 1 / 3 + 1) / 4, abs=1e-6)
    assert rows["B"]["score"] == pytest.approx((0.5 + 1 + 1 + 0) / 4, abs=1e-6)


def test_explicit_weights_change_the_ranking():
    frequency_only = compute_cause_ranking(
        RANKED, START, END, {"frequency": 1, "cost": 0, "severity": 0, "recurrence": 0}
    )
    assert frequency_only["cause_id"].to_list() == ["A", "B", "C"]
    cost_first = compute_cause_ranking(
        RANKED, START, END, {"frequency": 0, "cost": 3, "severity": 1, "recurrence": 0}
    )
    assert cost_first["cause_id"].to_list() == ["B", "A", "C"]
    assert cost_first["score"][0] == pytest.approx(1.0)  # (3·1 + 1·1) / 4
    assert cost_first["rank"].to_list() == [1, 2, 3]


def test_ties_share_a_rank_and_are_listed_by_events_then_cost():
    events = _events(
        [
            ("X", date(2025, 1, 1), 3, 100.0),
            ("Y", date(2025, 1, 1), 3, 100.0),
            ("Z", date(2025, 1, 1), 1, 0.0),
        ]
    )
    ranking = compute_cause_ranking(events, START, END, {"severity": 1})
    assert ranking["rank"].to_list() == [1, 1, 3]
    assert ranking["cause_id"].to_list() == ["X", "Y", "Z"]


def test_a_criterion_every_cause_shares_does_not_discriminate():
    events = _events([("X", date(2025, 1, 1), 2, 50.0), ("Y", date(2025, 2, 1), 2, 50.0)])
    ranking = compute_cause_ranking(events, START, END)
    assert ranking["frequency_norm"].to_list() == [1.0, 1.0]
    assert ranking["rank"].to_list() == [1, 1]
    single = compute_cause_ranking(events.head(1), START, END)
    assert single["score"][0] == pytest.approx(1.0)


def test_all_weights_zero_and_empty_input():
    zero = compute_cause_ranking(
        RANKED, START, END, {c: 0 for c in ("frequency", "cost", "severity", "recurrence")}
    )
    assert zero["score"].to_list() == [0.0, 0.0, 0.0]
    assert zero["cause_id"].to_list() == ["A", "B", "C"]  # by events
    assert compute_cause_ranking(RANKED, date(2030, 1, 1), date(2030, 12, 31)).is_empty()


def test_weights_are_checked():
    assert check_weights(None) == {"frequency": 1.0, "cost": 1.0, "severity": 1.0, "recurrence": 1.0}
    assert check_weights({"cost": 2})["frequency"] == 0.0
    with pytest.raises(ValueError):
        check_weights({"cost": -1})
    with pytest.raises(ValueError):
        check_weights({"probability": 1})


def test_month_arithmetic():
    assert add_months(date(2025, 8, 31), -6) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 15), 3) == date(2026, 2, 15)
    assert months_between(date(2025, 1, 15), date(2025, 7, 14)) == 5
    assert months_between(date(2025, 1, 15), date(2025, 7, 15)) == 6


# --- before / after -------------------------------------------------------------------------------------

AS_OF = date(2026, 6, 30)
HISTORY = [
    # cause K at site S1: 4 events in the 6 months before 2025-07-01, none after the closing in August.
    ("K", date(2025, 1, 15), 2, 0.0, "S1", "P1"),
    ("K", date(2025, 3, 15), 2, 0.0, "S1", "P1"),
    ("K", date(2025, 5, 15), 2, 0.0, "S1", "P1"),
    ("K", date(2025, 6, 20), 2, 0.0, "S1", "P1"),
    ("K", date(2024, 12, 1), 2, 0.0, "S1", "P1"),  # before the 6-month window
    ("K", date(2025, 6, 25), 2, 0.0, "S2", "P1"),  # another site: not counted for an S1 action
    # cause L at S1: 2 events before, 3 after.
    ("L", date(2025, 2, 1), 3, 0.0, "S1", "P1"),
    ("L", date(2025, 4, 1), 3, 0.0, "S1", "P1"),
    ("L", date(2025, 9, 1), 3, 0.0, "S1", "P1"),
    ("L", date(2025, 10, 1), 3, 0.0, "S1", "P1"),
    ("L", date(2025, 11, 1), 3, 0.0, "S1", "P1"),
]


def _actions(rows: list[tuple]) -> pl.DataFrame:
    """(action_id, cause_id, status, opened_on, closed_on[, site_id])"""
    return pl.DataFrame(
        [
            {
                "action_id": r[0],
                "cause_id": r[1],
                "status": r[2],
                "opened_on": r[3],
                "closed_on": r[4],
                "site_id": r[5] if len(r) > 5 else "S1",
                "process_id": "P1",
                "action_type": "corrective",
                "due_on": date(2025, 12, 31),
                "effectiveness": "effective" if r[2] == "verified" else None,
            }
            for r in rows
        ],
        schema={
            "action_id": pl.String,
            "cause_id": pl.String,
            "status": pl.String,
            "opened_on": pl.Date,
            "closed_on": pl.Date,
            "site_id": pl.String,
            "process_id": pl.String,
            "action_type": pl.String,
            "due_on": pl.Date,
            "effectiveness": pl.String,
        },
    )


ACTIONS = _actions(
    [
        ("STOP", "K", "verified", date(2025, 7, 1), date(2025, 8, 1)),
        ("UP", "L", "done", date(2025, 6, 1), date(2025, 7, 1)),
        ("OPEN", "K", "in_progress", date(2025, 7, 1), None),
        ("RECENT", "K", "done", date(2026, 2, 1), date(2026, 3, 1)),
        ("DROP", "K", "cancelled", date(2025, 7, 1), date(2025, 7, 10)),
        ("ANYSITE", "K", "verified", date(2025, 7, 1), date(2025, 8, 1), None),
    ]
)


def _effects() -> dict[str, dict]:
    events = _events(HISTORY)
    return _by_action(compute_action_effect(events, ACTIONS, AS_OF, history_start=date(2024, 1, 1)))


def _by_action(frame: pl.DataFrame) -> dict[str, dict]:
    return {r["action_id"]: r for r in frame.iter_rows(named=True)}


def test_an_action_that_stopped_the_events():
    stop = _effects()["STOP"]
    assert (stop["before_start"], stop["before_end"]) == (date(2025, 1, 1), date(2025, 6, 30))
    assert stop["before_count"] == 4
    assert stop["before_rate"] == pytest.approx(4 / 6)
    assert (stop["after_start"], stop["after_end"]) == (date(2025, 8, 2), date(2026, 2, 1))
    assert stop["after_count"] == 0 and stop["after_rate"] == 0
    assert stop["verdict"] == "stopped"


def test_events_increased_after_closing():
    up = _effects()["UP"]
    assert up["before_count"] == 2 and up["after_count"] == 3
    assert up["verdict"] == "increased"


def test_not_closed_too_early_and_cancelled():
    effects = _effects()
    assert effects["OPEN"]["verdict"] == "not_closed"
    assert effects["OPEN"]["after_count"] is None
    assert effects["OPEN"]["before_count"] == 4
    recent = effects["RECENT"]
    assert recent["verdict"] == "too_early"  # closed 2026-03-01, 6 months not over by 2026-06-30
    assert recent["after_count"] == 0 and recent["after_months"] == pytest.approx(4.0, abs=0.1)
    assert effects["DROP"]["verdict"] == "cancelled"


def test_an_action_without_a_site_counts_every_site_of_its_process():
    assert _effects()["ANYSITE"]["before_count"] == 5


def test_the_before_window_shrinks_to_the_history_available():
    events = _events([("K", date(2025, 1, 15), 2, 0.0), ("K", date(2025, 2, 15), 2, 0.0)])
    actions = _actions([("A", "K", "verified", date(2025, 4, 1), date(2025, 5, 1))])
    effect = compute_action_effect(events, actions, AS_OF).row(0, named=True)
    assert effect["window_months"] == 2  # history starts 2025-01-15: 2 whole months before April 1st
    assert effect["before_count"] == 1 and effect["before_rate"] == pytest.approx(0.5)
    assert effect["after_end"] == date(2025, 7, 1)
    assert effect["verdict"] == "stopped"


def test_reduced_and_unchanged():
    before = [("K", date(2025, m, 1), 2, 0.0) for m in (1, 2, 3, 4, 5, 6)]
    after_one = [("K", date(2025, 9, 1), 2, 0.0)]
    actions = _actions([("A", "K", "done", date(2025, 7, 1), date(2025, 7, 15))])
    reduced = compute_action_effect(
        _events(before + after_one), actions, AS_OF, history_start=date(2024, 1, 1)
    )
    assert reduced["verdict"][0] == "reduced"
    after_six = [("K", date(2025, m, 20), 2, 0.0) for m in (8, 9, 10, 11, 12)] + [
        ("K", date(2026, 1, 5), 2, 0.0)
    ]
    same = compute_action_effect(_events(before + after_six), actions, AS_OF, history_start=date(2024, 1, 1))
    assert same["verdict"][0] == "unchanged"


def test_summary_per_cause():
    effects = compute_action_effect(_events(HISTORY), ACTIONS, AS_OF, history_start=date(2024, 1, 1))
    summary = _by_cause(compute_cause_action_summary(ACTIONS, effects, AS_OF))
    k = summary["K"]
    assert k["action_count"] == 5
    assert k["status_verified"] == 2 and k["status_cancelled"] == 1 and k["status_in_progress"] == 1
    assert k["checked_count"] == 2  # the verified ones are marked effective
    assert k["closed_unchecked"] == 1  # RECENT: done, not checked
    assert k["overdue_count"] == 1  # OPEN: due 2025-12-31, still in progress at AS_OF
    assert k["stopped_count"] == 2
    assert summary["L"]["closed_unchecked"] == 1


def test_action_summary_same_with_effects_in_another_order():
    """The summary reads the effects row for row when they are in the actions' order (no join) and joins them
    on the action otherwise: both give the same counts, here with every stopped action."""
    effects = compute_action_effect(_events(HISTORY), ACTIONS, AS_OF, history_start=date(2024, 1, 1))
    aligned = compute_cause_action_summary(ACTIONS, effects, AS_OF)
    reordered = compute_cause_action_summary(ACTIONS, effects.reverse(), AS_OF)
    assert aligned.equals(reordered)
    assert aligned["stopped_count"].sum() == effects["verdict"].eq("stopped").sum() > 0
