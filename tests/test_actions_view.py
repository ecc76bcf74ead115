"""The action plan's service: ranking (overdue first), headline counts checked against a hand computation,
updates by role and scope with their change_log row (before, after, reason), validation, and all or nothing.
Every test writes on its own copy of the session's small demo database."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta

import polars as pl
import pytest

from smqse import db
from smqse.model import Role
from smqse.scope import User, get_user, scope_for
from smqse.views import actions as service

AS_OF = date(2026, 10, 1)
TODAY = date(2026, 11, 23)
CUTOFF = date(2026, 11, 1)  # the day after the as-of month
REFERENCE = date(2026, 10, 31)


@pytest.fixture
def con(demo_db_path, tmp_path):
    path = tmp_path / "actions.duckdb"
    shutil.copy(demo_db_path, path)
    connection = db.connect(path)
    yield connection
    connection.close()


def _user(con, user_id: str) -> User:
    user = get_user(user_id, con)
    assert user is not None, user_id
    return user


def _plan(con, user_id: str = "u-dg") -> service.ActionPlan:
    user = _user(con, user_id)
    return service.load_action_plan(scope_for(user, con), AS_OF, con, today=TODAY)


def _action(con, action_id: str) -> dict:
    cur = con.cursor()
    try:
        names = ("status", "progress_pct", "closed_on", "effectiveness")
        row = cur.execute(
            "SELECT status, progress_pct, closed_on, effectiveness FROM action WHERE action_id = $a",
            {"a": action_id},
        ).fetchone()
        return dict(zip(names, row, strict=True))
    finally:
        cur.close()


def _log_count(con) -> int:
    return con.execute("SELECT count(*) FROM change_log WHERE table_name = 'action'").fetchall()[0][0]


def _pick(con, *, process_in: bool, user_id: str = "u-prod", statuses=("planned", "in_progress")) -> dict:
    """An action of (or outside) the user's processes, with one of the statuses."""
    scope = scope_for(_user(con, user_id), con)
    rows = con.execute(
        "SELECT action_id, process_id, status, opened_on, progress_pct FROM action ORDER BY action_id"
    ).fetchall()
    for action_id, process_id, status, opened_on, progress in rows:
        if (process_id in scope.process_ids) == process_in and status in statuses:
            return {
                "action_id": action_id,
                "process_id": process_id,
                "opened_on": opened_on,
                "progress": progress,
            }
    raise AssertionError(f"no action for {user_id} (inside={process_in}) with status {statuses}")


# --- ranking and counts -------------------------------------------------------------------------------


def test_reference_dates():
    assert service.reference_dates(AS_OF, TODAY) == (REFERENCE, CUTOFF)
    # The as-of month is the current month: the plan stands today, and what is due before today is late.
    assert service.reference_dates(date(2026, 11, 1), TODAY) == (TODAY, TODAY)


def test_overdue_actions_come_first_then_by_due_date(con):
    actions = _plan(con).actions
    assert actions.height > 0
    assert actions["rank"].to_list() == list(range(1, actions.height + 1))
    groups = actions["group"].to_list()
    assert groups == sorted(groups)
    overdue = actions.filter(pl.col("overdue"))
    assert overdue.height > 0, "the small demo has overdue actions"
    assert actions.head(overdue.height)["overdue"].all()
    for group in (service.GROUP_OVERDUE, service.GROUP_OPEN):
        due = actions.filter(pl.col("group") == group)["due_on"].drop_nulls().to_list()
        assert due == sorted(due)
    closed_due = actions.filter(pl.col("group") == service.GROUP_CLOSED)["due_on"].drop_nulls().to_list()
    assert closed_due == sorted(closed_due, reverse=True)
    # Overdue: open at the reference date and due before the end of the as-of month.
    for r in overdue.iter_rows(named=True):
        assert r["due_on"] < CUTOFF and r["days_late"] == (CUTOFF - r["due_on"]).days >= 1


def test_ranking_on_a_hand_built_frame():
    frame = pl.DataFrame(
        {
            "action_id": ["A", "B", "C", "D", "E"],
            "status": ["done", "in_progress", "planned", "in_progress", "cancelled"],
            "opened_on": [date(2026, 1, 1)] * 5,
            "due_on": [
                date(2026, 3, 1),
                date(2026, 12, 1),
                date(2026, 9, 1),
                date(2026, 5, 1),
                date(2026, 2, 1),
            ],
            "closed_on": [date(2026, 4, 1), None, None, None, date(2026, 2, 1)],
            "effectiveness": ["not_checked", None, None, None, None],
        }
    )
    ranked = service.derive(frame, AS_OF, TODAY)
    assert ranked["action_id"].to_list() == ["D", "C", "B", "A", "E"]
    assert ranked["overdue"].to_list() == [True, True, False, False, False]
    assert ranked.filter(pl.col("action_id") == "A")["check_due"].item() is True
    assert service.count_actions(ranked) == {"open": 3, "overdue": 2, "done_this_year": 1, "checks_due": 1}


def test_an_action_closed_after_the_as_of_month_was_still_open_then():
    frame = pl.DataFrame(
        {
            "action_id": ["A"],
            "status": ["done"],
            "opened_on": [date(2026, 1, 1)],
            "due_on": [date(2026, 6, 1)],
            "closed_on": [date(2026, 11, 10)],
            "effectiveness": ["not_checked"],
        }
    )
    row = service.derive(frame, AS_OF, TODAY).row(0, named=True)
    assert row["open_at_as_of"] and row["overdue"] and not row["closed_this_year"] and not row["check_due"]


@pytest.mark.parametrize("user_id", ["u-dg", "u-prod", "u-scm"])
def test_counts_match_a_hand_computation(con, user_id):
    plan = _plan(con, user_id)
    scope = scope_for(_user(con, user_id), con)
    rows = con.execute(
        "SELECT action_id, process_id, site_id, opened_on, due_on, closed_on, status, effectiveness FROM action"
    ).fetchall()
    mine = [
        r
        for r in rows
        if r[1] in scope.process_ids and (r[2] is None or r[2] in scope.site_ids) and r[3] < CUTOFF
    ]
    assert set(plan.actions["action_id"]) == {r[0] for r in mine}

    def open_then(r):
        closed_later = r[5] is not None and r[5] >= CUTOFF
        return r[6] in ("planned", "in_progress") or (
            r[6] in ("done", "verified", "cancelled") and closed_later
        )

    closed = [r for r in mine if r[6] in ("done", "verified") and r[5] is not None and r[5] < CUTOFF]
    expected = {
        "open": sum(1 for r in mine if open_then(r)),
        "overdue": sum(1 for r in mine if open_then(r) and r[4] is not None and r[4] < CUTOFF),
        "done_this_year": sum(1 for r in closed if r[5].year == AS_OF.year),
        "checks_due": sum(
            1
            for r in closed
            if r[7] in (None, "not_checked") and (REFERENCE - r[5]).days >= service.CHECK_AFTER_DAYS
        ),
    }
    assert plan.counts == expected


def test_a_pilot_sees_only_the_actions_of_their_processes(con):
    plan = _plan(con, "u-prod")
    assert set(plan.actions["process_id"]) == {"P-PRO"}


def test_filters(con):
    actions = _plan(con).actions
    kept = service.filter_actions(actions, statuses=["in_progress"], processes=["P-PRO", "P-ACH"])
    assert set(kept["status"]) <= {"in_progress"} and set(kept["process_id"]) <= {"P-PRO", "P-ACH"}
    assert service.filter_actions(actions).height == actions.height


def test_empty_scope_reads_nothing(con):
    from smqse.scope import Scope

    plan = service.load_action_plan(Scope((), ()), AS_OF, con, today=TODAY)
    assert plan.actions.is_empty() and plan.counts["open"] == 0


# --- updates ------------------------------------------------------------------------------------------


def test_a_pilot_updates_an_action_of_their_process_and_the_change_is_logged(con):
    pick = _pick(con, process_in=True)
    before = _action(con, pick["action_id"])
    new_progress = 70.0 if before["progress_pct"] != 70 else 80.0
    written = service.update_action(
        con,
        _user(con, "u-prod"),
        pick["action_id"],
        service.ActionChange("in_progress", new_progress, None, "Trials validated on line 2"),
        today=TODAY,
    )
    assert written["progress_pct"] == new_progress and written["status"] == "in_progress"
    assert _action(con, pick["action_id"])["progress_pct"] == new_progress
    logs = con.execute(
        "SELECT changed_by, table_name, row_key, operation, before, after, reason, changed_at "
        "FROM change_log WHERE table_name = 'action'"
    ).fetchall()
    assert len(logs) == 1
    changed_by, table, key, operation, old, new, reason, changed_at = logs[0]
    assert (changed_by, table, key, operation) == ("u-prod", "action", pick["action_id"], "update")
    assert json.loads(new)["progress_pct"] == new_progress
    assert json.loads(old)["progress_pct"] == before["progress_pct"]
    assert set(json.loads(new)) <= set(service.UPDATED_FIELDS)
    assert reason == "Trials validated on line 2" and changed_at is not None
    # The history shows it, in scope only.
    history = service.load_history(scope_for(_user(con, "u-prod"), con), pick["action_id"], con)
    assert history.height == 1 and history["reason"].item() == reason
    assert service.load_history(scope_for(_user(con, "u-hse"), con), pick["action_id"], con).is_empty()


def test_closing_an_action_sets_the_date_and_awaits_the_effectiveness_check(con):
    pick = _pick(con, process_in=True)
    closed_on = TODAY - timedelta(days=2)
    written = service.update_action(
        con, _user(con, "u-prod"), pick["action_id"],
        service.ActionChange("done", 100, closed_on, "Finished"), today=TODAY,
    )  # fmt: skip
    assert written["status"] == "done" and written["closed_on"] == closed_on
    assert written["effectiveness"] == "not_checked"
    after = json.loads(con.execute("SELECT after FROM change_log").fetchall()[0][0])
    assert after["closed_on"] == closed_on.isoformat() and after["status"] == "done"


def test_a_pilot_cannot_update_another_process_action(con):
    pick = _pick(con, process_in=False, statuses=service.STATUSES)
    before, logs = _action(con, pick["action_id"]), _log_count(con)
    with pytest.raises(PermissionError):
        service.update_action(
            con, _user(con, "u-prod"), pick["action_id"],
            service.ActionChange("in_progress", 50, None, "not mine"), today=TODAY,
        )  # fmt: skip
    assert _action(con, pick["action_id"]) == before and _log_count(con) == logs


def test_a_forged_role_does_not_widen_the_scope(con):
    """The service reads the role from the database, not from the User the page hands it."""
    pick = _pick(con, process_in=False, statuses=service.STATUSES)
    forged = User("u-prod", "Marc Lambert", Role.DIRECTOR)
    with pytest.raises(PermissionError):
        service.update_action(
            con, forged, pick["action_id"], service.ActionChange("in_progress", 50, None, "x"), today=TODAY
        )


def test_a_viewer_cannot_update(con):
    pick = _pick(con, process_in=True, user_id="u-cse", statuses=service.STATUSES)
    before, logs = _action(con, pick["action_id"]), _log_count(con)
    viewer = _user(con, "u-cse")
    assert not service.can_write(viewer)
    with pytest.raises(PermissionError):
        service.update_action(
            con, viewer, pick["action_id"], service.ActionChange("in_progress", 10, None, "x"), today=TODAY
        )
    with pytest.raises(PermissionError):
        service.record_effectiveness(con, viewer, pick["action_id"], "effective", "x")
    assert _action(con, pick["action_id"]) == before and _log_count(con) == logs


def test_the_update_query_itself_refuses_an_action_outside_the_scope(con):
    pick = _pick(con, process_in=False, statuses=service.STATUSES)
    scope = scope_for(_user(con, "u-prod"), con)
    with db.transaction(con) as cur:
        written = db.run_in_transaction(
            cur, "actions_update", **scope.params(), action_id=pick["action_id"], status="cancelled",
            progress_pct=0.0, closed_on=None, effectiveness=None,
        )  # fmt: skip
        logged = db.run_in_transaction(
            cur, "actions_change_log_insert", **scope.params(), action_id=pick["action_id"],
            changed_at=None, changed_by="u-prod", before="{}", after="{}", reason="x",
        )  # fmt: skip
    assert written.item() == 0 and logged.is_empty()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (service.ActionChange("in_progress", 120, None, "too much"), "0 and 100"),
        (service.ActionChange("in_progress", -5, None, "negative"), "0 and 100"),
        (service.ActionChange("done", 100, None, "no date"), "closing date"),
        (service.ActionChange("done", 80, TODAY, "not finished"), "100%"),
        (service.ActionChange("done", 100, date(2000, 1, 1), "before opening"), "before the opening"),
        (service.ActionChange("done", 100, TODAY + timedelta(days=1), "future"), "future"),
        (service.ActionChange("in_progress", 30, None, "   "), "reason"),
        (service.ActionChange("finished", 30, None, "unknown"), "Unknown status"),
    ],
)
def test_invalid_updates_are_refused_and_write_nothing(con, change, message):
    pick = _pick(con, process_in=True)
    before, logs = _action(con, pick["action_id"]), _log_count(con)
    with pytest.raises(service.ActionUpdateError) as caught:
        service.update_action(con, _user(con, "u-prod"), pick["action_id"], change, lang="en", today=TODAY)
    assert any(message in p for p in caught.value.problems), caught.value.problems
    assert _action(con, pick["action_id"]) == before and _log_count(con) == logs


def test_an_update_that_changes_nothing_is_refused(con):
    pick = _pick(con, process_in=True)
    before = _action(con, pick["action_id"])
    with pytest.raises(service.ActionUpdateError):
        service.update_action(
            con, _user(con, "u-prod"), pick["action_id"],
            service.ActionChange(before["status"], before["progress_pct"] or 0, None, "same"), today=TODAY,
        )  # fmt: skip


def test_the_update_and_its_log_are_all_or_nothing(con, monkeypatch):
    pick = _pick(con, process_in=True)
    before, logs = _action(con, pick["action_id"]), _log_count(con)
    real = service.run_in_transaction

    def failing(cur, name, **params):
        if name == "actions_change_log_insert":
            raise RuntimeError("disk full")
        return real(cur, name, **params)

    monkeypatch.setattr(service, "run_in_transaction", failing)
    with pytest.raises(RuntimeError):
        service.update_action(
            con, _user(con, "u-qse"), pick["action_id"],
            service.ActionChange("in_progress", 35, None, "partial"), today=TODAY,
        )  # fmt: skip
    assert _action(con, pick["action_id"]) == before and _log_count(con) == logs


# --- effectiveness checks -----------------------------------------------------------------------------


def test_the_qse_lead_records_an_effectiveness_check(con):
    due = service.checks_due(_plan(con).actions)
    assert due.height > 0, "the small demo has checks due"
    action_id = due["action_id"][0]
    written = service.record_effectiveness(
        con, _user(con, "u-qse"), action_id, "not_effective", "Same complaint again in May", lang="en"
    )
    assert written["effectiveness"] == "not_effective" and written["status"] == "verified"
    old, new, reason = con.execute("SELECT before, after, reason FROM change_log").fetchall()[0]
    assert json.loads(new)["effectiveness"] == "not_effective"
    assert json.loads(old)["effectiveness"] == "not_checked" and reason == "Same complaint again in May"
    assert action_id not in set(service.checks_due(_plan(con).actions)["action_id"])


def test_a_pilot_checks_their_own_action_only(con):
    actions = _plan(con).actions
    closed = actions.filter(pl.col("status").is_in(service.CLOSED_STATUSES))
    mine = closed.filter(pl.col("process_id") == "P-PRO")["action_id"][0]
    other = closed.filter(pl.col("process_id") != "P-PRO")["action_id"][0]
    pilot = _user(con, "u-prod")
    assert service.record_effectiveness(con, pilot, mine, "effective", "No recurrence")["effectiveness"] == (
        "effective"
    )
    with pytest.raises(PermissionError):
        service.record_effectiveness(con, pilot, other, "effective", "not mine")


def test_an_open_action_or_a_missing_comment_cannot_be_checked(con):
    pick = _pick(con, process_in=True)
    pilot = _user(con, "u-prod")
    with pytest.raises(service.ActionUpdateError):
        service.record_effectiveness(con, pilot, pick["action_id"], "effective", "too early", lang="en")
    closed = _pick(con, process_in=True, statuses=service.CLOSED_STATUSES)
    with pytest.raises(service.ActionUpdateError):
        service.record_effectiveness(con, pilot, closed["action_id"], "effective", "  ")
    with pytest.raises(service.ActionUpdateError):
        service.record_effectiveness(con, pilot, closed["action_id"], "maybe", "comment")
    assert _log_count(con) == 0


# --- views --------------------------------------------------------------------------------------------


def test_the_timeline_has_its_title_takeaway_text_alternative_and_cap(con):
    from smqse.charts import actions as charts
    from smqse.charts import figure_alt, figure_takeaway, figure_title
    from smqse.words import actions as words

    plan = _plan(con)
    fig = charts.build_gantt(plan.actions, plan.reference_date, "en")
    assert figure_title(fig) == "Action timeline"
    assert "overdue" in figure_takeaway(fig) and figure_alt(fig).startswith("Gantt chart of")
    drawn, drawable = service.gantt_counts(plan.actions)
    assert drawn == min(drawable, service.MAX_GANTT_ACTIONS)
    ticks = {y for trace in fig.data for y in trace.y}
    assert len(ticks) == drawn
    # Overdue is told by a pattern and a word, not by colour alone.
    late = [trace for trace in fig.data if "overdue" in trace.name]
    assert late and late[0].marker.pattern.shape == "x" and all("overdue" in x for x in late[0].text)
    assert words.build_gantt_table(plan.actions, "en").height == drawn


def test_the_history_says_before_after_who_and_why(con):
    from smqse.words import actions as words

    pick = _pick(con, process_in=True)
    service.update_action(
        con, _user(con, "u-prod"), pick["action_id"],
        service.ActionChange("in_progress", 42, None, "Half the stations done"), today=TODAY,
    )  # fmt: skip
    history = service.load_history(scope_for(_user(con, "u-dg"), con), pick["action_id"], con)
    table = words.build_history_table(history, "en")
    row = table.row(0, named=True)
    assert "Progress: " in row["change"] and "→ 42%" in row["change"]
    assert row["reason"] == "Half the stations done" and row["changed_by"].startswith("Marc Lambert")


# --- two writers on one action at the same moment (issue 11) -----------------------------------------


def _hold_update(con, action_id: str, progress: float):
    """Another writer's transaction that has updated the action and not committed yet."""
    other = con.cursor()
    other.execute("BEGIN TRANSACTION")
    other.execute("UPDATE action SET progress_pct = $p WHERE action_id = $a", {"p": progress, "a": action_id})
    return other


def test_an_update_that_meets_another_writer_is_done_again_on_their_row(con, monkeypatch):
    pick = _pick(con, process_in=True)
    other = _hold_update(con, pick["action_id"], 55.0)
    pauses = []

    def other_commits_meanwhile(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 1:
            other.execute("COMMIT")

    monkeypatch.setattr(db, "_pause", other_commits_meanwhile)
    written = service.update_action(
        con, _user(con, "u-prod"), pick["action_id"],
        service.ActionChange("in_progress", 70.0, None, "Trials validated"), today=TODAY, lang="en",
    )  # fmt: skip
    assert written["progress_pct"] == 70.0 and len(pauses) == 1
    old, new = con.execute("SELECT before, after FROM change_log WHERE table_name = 'action'").fetchone()
    # The "before" logged is the row the update replaced: the other writer's, read in the same transaction.
    assert json.loads(old)["progress_pct"] == 55.0 and json.loads(new)["progress_pct"] == 70.0


def test_an_update_that_keeps_meeting_another_writer_is_refused_in_words(con, monkeypatch):
    pick = _pick(con, process_in=True)
    before = _action(con, pick["action_id"])
    other = _hold_update(con, pick["action_id"], 55.0)
    monkeypatch.setattr(db, "_pause", lambda seconds: None)
    with pytest.raises(service.ActionUpdateError) as refused:
        service.update_action(
            con, _user(con, "u-prod"), pick["action_id"],
            service.ActionChange("in_progress", 70.0, None, "Trials validated"), today=TODAY, lang="en",
        )  # fmt: skip
    assert refused.value.problems == [
        "Someone else changed the same data at the same moment: nothing was saved. Reload the page and try again."
    ]
    other.execute("ROLLBACK")
    assert _action(con, pick["action_id"]) == before
    assert con.execute("SELECT count(*) FROM change_log WHERE table_name = 'action'").fetchone() == (0,)
