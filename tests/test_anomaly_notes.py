"""Notes on anomaly flags: written with their change-log row, all or nothing; refused outside the writer's
role and scope; a noted flag stops nagging (hidden from the open flags by default)."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest

from smqse import db
from smqse.scope import get_user, scope_for
from smqse.views import anomalies as service

AS_OF = date(2026, 10, 1)


@pytest.fixture
def con(demo_db_path, tmp_path):
    """A writable copy of the session's demo database (the shared one stays untouched)."""
    path = tmp_path / "notes.duckdb"
    shutil.copy(demo_db_path, path)
    connection = db.connect(path)
    # An unmistakable spike, so the flag tests do not hang on the detector's sensitivity to the small demo.
    connection.execute(
        "UPDATE measurement SET value = round(value * 8, 1) "
        "WHERE indicator_id = 'E-WATER' AND site_id = 'LYON' AND period = DATE '2026-06-01'"
    )
    yield connection
    connection.close()


def _user_of_role(con, role: str):
    frame = db.run_query("users", con=con)
    user_id = next(r["user_id"] for r in frame.iter_rows(named=True) if r["role"] == role)
    return get_user(user_id, con)


def _indicator_outside(con, scope) -> str:
    rows = con.execute("SELECT indicator_id, process_id FROM indicator ORDER BY indicator_id").fetchall()
    return next(i for i, p in rows if p not in scope.process_ids)


def _indicator_inside(con, scope) -> str:
    rows = con.execute("SELECT indicator_id, process_id FROM indicator ORDER BY indicator_id").fetchall()
    return next(i for i, p in rows if p in scope.process_ids)


def _counts(con) -> tuple[int, int]:
    return (
        con.execute("SELECT count(*) FROM anomaly_note").fetchall()[0][0],
        con.execute("SELECT count(*) FROM change_log WHERE table_name = 'anomaly_note'").fetchall()[0][0],
    )


def test_save_note_writes_the_note_and_its_change_log(con):
    user = _user_of_role(con, "qse_lead")
    scope = scope_for(user, con)
    site = scope.site_ids[0]
    row = service.save_note(
        con, user, scope, "Q-SCRAP", site, date(2026, 3, 15), "explained", "  Lot de matière défectueux  "
    )
    assert row["period"] == date(2026, 3, 1)  # the month of the flag
    notes = con.execute(
        "SELECT indicator_id, site_id, period, status, note, noted_by FROM anomaly_note"
    ).fetchall()
    assert notes == [
        ("Q-SCRAP", site, date(2026, 3, 1), "explained", "Lot de matière défectueux", user.user_id)
    ]
    log = con.execute(
        "SELECT changed_by, table_name, row_key, operation, after, reason FROM change_log"
    ).fetchall()
    assert len(log) == 1
    changed_by, table_name, row_key, operation, after, reason = log[0]
    assert (changed_by, table_name, operation) == (user.user_id, "anomaly_note", "insert")
    assert row_key == f"Q-SCRAP|{site}|2026-03-01"
    assert json.loads(after)["status"] == "explained"
    assert reason == "Lot de matière défectueux"


def test_the_note_and_the_log_are_all_or_nothing(con, monkeypatch):
    user = _user_of_role(con, "director")
    scope = scope_for(user, con)
    real = service.run_in_transaction

    def failing(cur, name, **params):
        if name == "change_log_insert":
            raise RuntimeError("disk full")
        return real(cur, name, **params)

    monkeypatch.setattr(service, "run_in_transaction", failing)
    with pytest.raises(RuntimeError):
        service.save_note(con, user, scope, "Q-SCRAP", scope.site_ids[0], AS_OF, "false_alarm", "x")
    assert _counts(con) == (0, 0)


def test_a_pilot_cannot_note_another_process(con):
    pilot = _user_of_role(con, "pilot")
    scope = scope_for(pilot, con)
    outside = _indicator_outside(con, scope)
    with pytest.raises(PermissionError, match="outside their scope"):
        service.save_note(con, pilot, scope, outside, scope.site_ids[0], AS_OF, "explained", "not mine")
    # A wider scope passed by the caller does not widen the pilot's own.
    everything = scope_for(_user_of_role(con, "director"), con)
    with pytest.raises(PermissionError):
        service.save_note(con, pilot, everything, outside, scope.site_ids[0], AS_OF, "explained", "not mine")
    assert _counts(con) == (0, 0)
    # Their own process is fine.
    inside = _indicator_inside(con, scope)
    service.save_note(con, pilot, scope, inside, scope.site_ids[0], AS_OF, "under_investigation", "on it")
    assert _counts(con) == (1, 1)


def test_a_site_outside_the_scope_is_refused(con):
    pilot = _user_of_role(con, "pilot")
    scope = scope_for(pilot, con)
    with pytest.raises(PermissionError):
        service.save_note(con, pilot, scope, _indicator_inside(con, scope), "NOWHERE", AS_OF, "explained", "")
    assert _counts(con) == (0, 0)


def test_a_viewer_cannot_write(con):
    viewer = _user_of_role(con, "viewer")
    scope = scope_for(viewer, con)
    with pytest.raises(PermissionError, match="viewer"):
        service.save_note(con, viewer, scope, "Q-SCRAP", scope.site_ids[0], AS_OF, "explained", "")
    assert _counts(con) == (0, 0)


def test_an_invalid_status_is_refused(con):
    user = _user_of_role(con, "qse_lead")
    scope = scope_for(user, con)
    with pytest.raises(service.NoteError, match="unknown status"):
        service.save_note(con, user, scope, "Q-SCRAP", scope.site_ids[0], AS_OF, "fixed", "")
    assert _counts(con) == (0, 0)


def test_an_empty_scope_writes_nothing(con):
    """The write queries insert nothing for an empty scope (deny by default, in SQL too)."""
    params = dict(process_ids=[], site_ids=[], domains=[], indicator_id="Q-SCRAP", site_id="LYON")
    note = db.run_query(
        "anomaly_note_insert", con=con, **params, period=AS_OF, status="explained", note=None,
        noted_by="u-dg", noted_at=None,
    )  # fmt: skip
    log = db.run_query(
        "change_log_insert", con=con, **params, changed_at=AS_OF, changed_by="u-dg",
        table_name="anomaly_note", row_key="k", operation="insert", before=None, after=None, reason=None,
    )  # fmt: skip
    assert note.is_empty() and log.is_empty()
    assert _counts(con) == (0, 0)


def test_a_noted_flag_is_hidden_by_default(con):
    user = _user_of_role(con, "qse_lead")
    scope = scope_for(user, con)
    report = service.load_anomalies(scope, AS_OF, 12, con)
    assert not report.flags.is_empty(), "the planted spike is flagged"
    assert report.open_flags().height == report.flags.height
    flag = report.flags.row(0, named=True)
    service.save_note(
        con, user, scope, flag["indicator_id"], flag["site_id"], flag["period"], "explained", "ok"
    )
    again = service.load_anomalies(scope, AS_OF, 12, con)
    assert again.flags.height == report.flags.height  # still there for whoever asks…
    assert again.open_flags().height == report.flags.height - 1  # …but no longer nagging
    noted = again.flags.filter(again.flags["note_status"].is_not_null()).row(0, named=True)
    assert (noted["indicator_id"], noted["site_id"], noted["period"]) == (
        flag["indicator_id"],
        flag["site_id"],
        flag["period"],
    )
    assert noted["note"] == "ok" and noted["noted_by"]


def test_the_latest_note_wins(con):
    user = _user_of_role(con, "qse_lead")
    scope = scope_for(user, con)
    site = scope.site_ids[0]
    service.save_note(con, user, scope, "Q-SCRAP", site, AS_OF, "under_investigation", "looking")
    con.execute("UPDATE anomaly_note SET noted_at = noted_at - INTERVAL 1 DAY")
    service.save_note(con, user, scope, "Q-SCRAP", site, AS_OF, "explained", "found it")
    notes = service.load_notes(scope, con)
    assert notes.select("status", "note").rows() == [("explained", "found it")]


def test_pilots_see_only_their_own_flags(con):
    pilot = _user_of_role(con, "pilot")
    scope = scope_for(pilot, con)
    report = service.load_anomalies(scope, AS_OF, 12, con)
    assert set(report.flags["process_id"]) <= set(scope.process_ids)
    assert set(report.flags["site_id"]) <= set(scope.site_ids)
