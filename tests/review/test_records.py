"""Writing the review record: inputs and decisions by directors and the QSE lead only, validated, each write
one transaction with its change_log row; an action opened for a decision is linked to it."""

from __future__ import annotations

from datetime import date

import pytest

from smqse.review.content import PackOptions, build_review_pack
from smqse.scope import get_user, scope_for
from smqse.views import review as records

OPTIONS = PackOptions(date(2026, 10, 1), lang="en")


@pytest.fixture
def con(demo_write_con):
    return demo_write_con


def _count(con, table: str) -> int:
    return con.sql(f"SELECT count(*) FROM {table}").fetchall()[0][0]


def _draft(**overrides) -> records.DecisionDraft:
    base = dict(
        input_ref="9.3.2.c.3", decision_type="improvement", text="Launch a SMED plan on the 800 t press",
        owner_user_id="u-prod", due_on=date(2027, 3, 31), process_id="P-PRO",
        rationale="Scrap costs 80 k€ a year; the plan costs 25 k€.", cost=25_000.0, expected_benefit=60_000.0,
        cost_of_inaction=80_000.0,
    )  # fmt: skip
    return records.DecisionDraft(**(base | overrides))


def test_input_versions_are_kept_and_logged(con):
    lead = get_user("u-qse", con)
    records.save_input(con, lead, OPTIONS, "9.3.2.b", "First text")
    records.save_input(con, lead, OPTIONS, "9.3.2.b", "=Second text, with a formula-looking start")
    assert _count(con, "review_input") == 2  # the first version is kept
    item = build_review_pack(con, scope_for(lead, con), lead, OPTIONS).item("9.3.2.b")
    assert item.written == "=Second text, with a formula-looking start"
    assert item.has_data and item.written_by.startswith("Karim Benali")
    logged = con.sql(
        "SELECT table_name, changed_by FROM change_log WHERE table_name LIKE 'review%'"
    ).fetchall()
    assert ("review", "u-qse") in logged and logged.count(("review_input", "u-qse")) == 2


@pytest.mark.parametrize("user_id", ["u-prod", "u-cse"])
def test_pilots_and_viewers_cannot_write(con, user_id):
    user = get_user(user_id, con)
    with pytest.raises(PermissionError):
        records.save_input(con, user, OPTIONS, "9.3.2.b", "text")
    with pytest.raises(PermissionError):
        records.save_decision(con, user, OPTIONS, _draft())
    assert _count(con, "review_input") == 0


def test_decision_validation(con):
    problems = records.validate_decision(
        _draft(text=" ", owner_user_id=None, due_on=date(2026, 10, 31), rationale="", cost_of_inaction=None),
        OPTIONS,
    )
    assert "Write the decision." in problems
    assert "Choose an owner." in problems
    assert "The due date must be after the cut-off month." in problems
    assert any("cost/benefit" in p for p in problems)
    assert any("cost of not acting" in p for p in problems)
    assert records.validate_decision(_draft(process_id=None), OPTIONS) == ["Choose the process concerned."]
    with pytest.raises(records.ReviewRecordError):
        records.save_decision(con, get_user("u-qse", con), OPTIONS, _draft(text=""))
    assert records.validate_decision(_draft(decision_type="resources", rationale=None), OPTIONS) == []


def test_decision_then_action(con):
    lead = get_user("u-qse", con)
    saved = records.save_decision(con, lead, OPTIONS, _draft())
    assert saved["decision_id"] == "DEC-2026-10-1"
    second = records.save_decision(
        con, lead, OPTIONS, _draft(decision_type="resources", text="Hire a technician")
    )
    assert second["decision_id"] == "DEC-2026-10-2"
    row = records.decision_row(con, lead, OPTIONS, "DEC-2026-10-1")
    action = records.open_action(con, lead, row)
    assert (action["origin"], action["origin_id"], action["owner_user_id"]) == (
        "review",
        "DEC-2026-10-1",
        "u-prod",
    )
    assert action["status"] == "planned" and action["due_on"] == date(2027, 3, 31)
    with pytest.raises(records.ReviewRecordError):
        records.open_action(con, lead, records.decision_row(con, lead, OPTIONS, "DEC-2026-10-1"))
    pack = build_review_pack(con, scope_for(lead, con), lead, OPTIONS)
    decisions = {d.decision_id: d for d in pack.decisions}
    assert decisions["DEC-2026-10-1"].action_id == action["action_id"]
    assert decisions["DEC-2026-10-1"].cost_of_inaction == 80_000.0
    assert decisions["DEC-2026-10-2"].decision_type_label == "Resource need"
    # The production pilot's pack carries the decision about their process.
    pilot = get_user("u-prod", con)
    assert [
        d.decision_id for d in build_review_pack(con, scope_for(pilot, con), pilot, OPTIONS).decisions
    ] == [
        "DEC-2026-10-1",
        "DEC-2026-10-2",
    ]


def test_a_failed_write_leaves_nothing(con, monkeypatch):
    lead = get_user("u-qse", con)
    before = {t: _count(con, t) for t in ("review", "review_decision", "change_log")}

    def broken_log(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(records, "_log", broken_log)
    with pytest.raises(RuntimeError):
        records.save_decision(con, lead, OPTIONS, _draft())
    assert {t: _count(con, t) for t in before} == before


def test_two_decisions_saved_at_the_same_moment_are_both_kept(con, monkeypatch):
    # Issue 11: both writers numbered their decision DEC-…-1; the second commit failed uncaught. Now it is
    # numbered again in a new transaction and saved as DEC-…-2.
    from smqse import db

    lead, director = get_user("u-qse", con), get_user("u-dg", con)
    monkeypatch.setattr(db, "_pause", lambda seconds: None)
    log = records._log
    raced = []

    def other_writer_saves_first(cur, scope, user, table, *args):
        if table == "review_decision" and not raced:
            raced.append(True)
            records.save_decision(con, director, OPTIONS, _draft(text="Second press: preventive plan"))
        return log(cur, scope, user, table, *args)

    monkeypatch.setattr(records, "_log", other_writer_saves_first)
    mine = records.save_decision(con, lead, OPTIONS, _draft())
    stored = dict(
        con.sql("SELECT created_by, decision_id FROM review_decision WHERE created_by IS NOT NULL").fetchall()
    )
    assert set(stored) == {"u-dg", "u-qse"} and stored["u-dg"] != stored["u-qse"]
    assert mine["decision_id"] == stored["u-qse"]
