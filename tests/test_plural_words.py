"""Plural forms (issue 16: "1 actions"): one action is "1 action" in both languages, and 0 is singular in
French."""

from __future__ import annotations

from datetime import date

import polars as pl

from smqse.i18n import tn
from smqse.words.actions import gantt_alt, gantt_takeaway
from smqse.words.causes import effect_takeaway


def test_the_plural_rule_of_each_language():
    assert tn("words.actions", 1, "fr") == "1 action"
    assert tn("words.actions", 0, "fr") == "0 action"
    assert tn("words.actions", 0, "en") == "0 actions"
    assert tn("words.actions", 3, "fr") == "3 actions"


def one_action() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "action_id": ["A-1"], "opened_on": [date(2026, 1, 5)], "due_on": [date(2026, 3, 1)],
            "closed_on": [None], "progress_pct": [50.0], "overdue": [False], "open_at_as_of": [True],
            "days_late": [0], "status": ["in_progress"], "title": ["Former"],
        },
        schema_overrides={"closed_on": pl.Date},
    )  # fmt: skip


def test_one_action_on_the_gantt_is_one_action():
    for lang in ("fr", "en"):
        text = gantt_takeaway(one_action(), date(2026, 2, 1), lang) + gantt_alt(
            one_action(), date(2026, 2, 1), lang
        )
        assert "1 actions" not in text and "1 action " in text, text


def test_one_judged_action_is_one_action():
    actions = pl.DataFrame({"verdict": ["stopped", "too_early"]})
    assert effect_takeaway(actions, "fr").startswith("Sur 1 action close ")
    assert effect_takeaway(actions, "en").startswith("Of 1 action closed ")
