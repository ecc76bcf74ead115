"""Every named query: documented, scoped, runnable against a fixture database, and deny-by-default."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from smqse import db
from smqse.db import QueryError, query_names, query_parameters, query_sql, run_query
from smqse.scope import Scope, get_user, scope_for

# Identity and deployment lookups run before any scope exists; they read users, reference ids and
# database-wide settings only.
IDENTITY_QUERIES = {"users", "user_scope_rows", "scope_catalogue", "database_setting"}
# A form's token (smqse.submission), for the writer's own user id: scoped, but no data table is read.
SUBMISSION_QUERIES = {"form_submission_lookup", "form_submission_insert"}
# A month's closing is organisation-wide (no data of any scope in it): read without a scope.
IDENTITY_QUERIES |= {
    "month_close_one",
    "month_closed_months",
    "month_close_insert",
    "month_close_change_log_insert",
}
# Data version counters and refresh runs (smqse.data_version, smqse.refresh): system records, no data.
IDENTITY_QUERIES |= {
    "data_version_bump",
    "analysis_run_start",
    "analysis_run_progress",
    "analysis_run_latest",
    "data_version_organisation",
}
# A user's e-mail settings (smqse.views.account): identity, not data of any scope; each query lets only the
# user themselves or the QSE lead read or write (tests/test_user_settings.py).
PROFILE_WRITES = {
    "profile_user_update",
    "profile_optout_insert",
    "profile_optout_delete",
    "profile_change_log_insert",
    "profile_submission_insert",
}
IDENTITY_QUERIES |= {"profile_settings", "profile_submission_lookup", *PROFILE_WRITES}
# Notification records and recipients (smqse.notify): identity and system records, no data of any scope.
IDENTITY_QUERIES |= {"notify_recipients", "notify_optouts", "notify_sent", "notify_record_insert"}
SCOPE_PARAMS = {"process_ids", "site_ids", "domains"}
# Write queries: the demo connection here is read-only and a real insert would change the shared demo, so
# they are not run below; tests/test_anomaly_notes.py runs them on a copy (empty scope: nothing written).
WRITE_QUERIES = {
    "anomaly_note_insert",
    "form_submission_insert",
    "change_log_insert",
    "review_insert",
    "review_input_insert",
    "review_decision_insert",
    "review_decision_set_action",
    "review_action_insert",
    "review_change_log_insert",
    "admin_indicator_insert",
    "admin_indicator_update",
    "admin_objective_insert",
    "admin_objective_update",
    "admin_change_log_insert",
    "actions_update",
    "actions_change_log_insert",
    "ingest_batch_insert",
    "ingest_measurement_insert",
    "ingest_change_log_insert",
    "ingest_event_insert",
    "ingest_event_update",
    "ingest_action_insert",
    "ingest_action_update",
    "ingest_indicator_insert",
    "ingest_indicator_update",
    "ingest_objective_insert",
    "ingest_objective_update",
    "month_close_insert",
    "month_close_change_log_insert",
    "data_version_bump",
    "drift_result_delete",
    "drift_result_insert",
    "drift_site_gap_delete",
    "drift_site_gap_insert",
    "analysis_run_start",
    "analysis_run_progress",
    "anomaly_flag_insert",
    "anomaly_flag_delete",
    "anomaly_state_insert",
    "anomaly_state_delete",
    "anomaly_problem_insert",
    "anomaly_problem_delete",
    "anomaly_unusual_insert",
    "anomaly_unusual_delete",
    *PROFILE_WRITES,
    "notify_record_insert",
    "action_open_insert",
    "action_open_change_log_insert",
}
DATA_TABLES = re.compile(
    r"\b(measurement|measurement_current|indicator|objective|event|action|audit|review|review_decision|"
    r"anomaly_note|cause|site|process)\b"
)


def _params(name: str, scope: Scope) -> dict:
    values = {
        **scope.params(),
        "user_id": "u-dg",
        "start_month": date(2024, 11, 1),
        "end_month": date(2026, 10, 1),
        "start_on": date(2026, 1, 1),
        "end_on": date(2026, 10, 31),
        "as_of": date(2026, 10, 1),
        "indicator_id": "Q-SCRAP",
        "site_id": "LYON",
        "as_of_month": date(2026, 10, 1),
        "review_id": "REV-2025",
        "due_day": 10,
        "action_id": "ACT-000001",
        "ids": ["EV-000001", "ACT-000001", "OBJ-2025-E-AWARE"],
        "period": date(2026, 10, 1),
        "setting": "organisation",
        "token": "0f1e2d3c",
        "form": "review_new_decision",
        "closed_at": datetime(2026, 11, 12, 9, 0),
        "scope_key": "group",
        "as_of_months": [date(2026, 10, 1)],
        "analysis": "drift",
        "kinds": ["measurement", "indicator"],
        "grouping": "process",
        "key": "P-PRO",
        "event_types": [],
        "cause_ids": ["C-MS-2a"],
        "effect_type": None,
        "effect_process": None,
        "last_month": date(2026, 10, 1),
        "last_year": date(2025, 11, 1),
        "indicator_ids": ["Q-SCRAP", "Q-OUTPUT"],
        "editor_user_id": "u-qse",
        "due_by": date(2026, 11, 19),
        "since": date(2026, 1, 1),
        "process_id": "P-PRO",
    }
    return {key: values[key] for key in query_parameters(name)}


def test_there_are_queries():
    assert len(query_names()) >= 8


@pytest.mark.parametrize("name", query_names())
def test_query_header_documents_params_and_columns(name):
    header = query_sql(name).split("\n")
    comments = [line for line in header if line.startswith("--")]
    assert any("params:" in line for line in comments), f"{name}.sql: no 'params:' line"
    assert any("columns:" in line for line in comments), f"{name}.sql: no 'columns:' line"
    for param in query_parameters(name):
        assert f"${param}" in "\n".join(comments), f"{name}.sql: ${param} not documented in the header"


@pytest.mark.parametrize("name", sorted(set(query_names()) - IDENTITY_QUERIES - SUBMISSION_QUERIES))
def test_every_data_query_binds_the_whole_scope(name):
    sql = query_sql(name)
    assert DATA_TABLES.search(sql)
    assert query_parameters(name) >= SCOPE_PARAMS, (
        f"{name}.sql must bind $process_ids, $site_ids and $domains"
    )


@pytest.mark.parametrize("name", sorted(set(query_names()) - WRITE_QUERIES))
def test_every_query_runs_on_the_demo(name, demo_con):
    everything = scope_for(get_user("u-dg", demo_con), demo_con)
    frame = run_query(name, con=demo_con, **_params(name, everything))
    assert frame.width > 0


@pytest.mark.parametrize(
    "name", sorted(set(query_names()) - IDENTITY_QUERIES - SUBMISSION_QUERIES - WRITE_QUERIES)
)
def test_empty_scope_returns_nothing(name, demo_con):
    assert run_query(name, con=demo_con, **_params(name, Scope((), (), ()))).is_empty()


@pytest.mark.parametrize(
    "name", sorted(set(query_names()) - IDENTITY_QUERIES - SUBMISSION_QUERIES - WRITE_QUERIES)
)
def test_a_pilot_gets_only_their_processes(name, demo_con):
    pilots = [u for u in db.run_query("users", con=demo_con).iter_rows(named=True) if u["role"] == "pilot"]
    user = get_user(pilots[0]["user_id"], demo_con)
    scope = scope_for(user, demo_con)
    frame = run_query(name, con=demo_con, **_params(name, scope))
    if "process_id" in frame.columns:
        assert set(frame["process_id"].drop_nulls()) <= set(scope.process_ids)
    if "indicator_id" in frame.columns:
        owners = run_query("scorecard_indicators", con=demo_con, **scope.params())
        assert set(frame["indicator_id"]) <= set(owners["indicator_id"])


def test_run_query_refuses_wrong_parameters(demo_con):
    with pytest.raises(QueryError, match="missing parameters"):
        run_query("sites_in_scope", con=demo_con, site_ids=["X"])
    with pytest.raises(QueryError, match="unexpected"):
        run_query("users", con=demo_con, user_id="u-dg")
    with pytest.raises(QueryError, match="invalid query name"):
        run_query("../secrets", con=demo_con)
