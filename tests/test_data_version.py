"""Every write path that changes what the stored analyses read moves the right data version, in its own
transaction; and every writing query is classified, so a new writer cannot be forgotten."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from datetime import date

import polars as pl
import pytest

from smqse import db, month_state
from smqse.db import query_names, query_sql
from smqse.ingest import import_bytes, import_frame
from smqse.scope import get_user
from smqse.views import objectives as admin
from tests.test_catalogue_admin import TODAY, VALID_INDICATOR, VALID_OBJECTIVE

# What each writing query changes for the analyses (a data_version kind), or None when no stored analysis
# reads it (logs, submissions, review records, the stored analyses themselves).
WRITING_QUERIES = {
    "ingest_measurement_insert": "measurement",
    "ingest_indicator_insert": "indicator",
    "ingest_indicator_update": "indicator",
    "ingest_objective_insert": "objective",
    "ingest_objective_update": "objective",
    "ingest_event_insert": "event",
    "ingest_event_update": "event",
    "ingest_action_insert": "action",
    "ingest_action_update": "action",
    "admin_indicator_insert": "indicator",
    "admin_indicator_update": "indicator",
    "admin_objective_insert": "objective",
    "admin_objective_update": "objective",
    "month_close_insert": "month_close",
    "actions_update": "action",
    "anomaly_note_insert": None,
    "change_log_insert": None,
    "admin_change_log_insert": None,
    "actions_change_log_insert": None,
    "ingest_change_log_insert": None,
    "ingest_batch_insert": None,
    "month_close_change_log_insert": None,
    "form_submission_insert": None,
    "review_insert": None,
    "review_input_insert": None,
    "review_decision_insert": None,
    "review_decision_set_action": None,
    "review_action_insert": "action",
    "action_open_insert": "action",
    "action_open_change_log_insert": None,
    "review_change_log_insert": None,
    "data_version_bump": None,
    "drift_result_insert": None,
    "drift_result_delete": None,
    "drift_site_gap_insert": None,
    "drift_site_gap_delete": None,
    "analysis_run_start": None,
    "analysis_run_progress": None,
    "anomaly_flag_insert": None,
    "anomaly_flag_delete": None,
    "anomaly_state_insert": None,
    "anomaly_state_delete": None,
    "anomaly_problem_insert": None,
    "anomaly_problem_delete": None,
    "anomaly_unusual_insert": None,
    "anomaly_unusual_delete": None,
    # A user's e-mail settings (smqse.views.account): no analysis reads them.
    "profile_user_update": None,
    "profile_optout_insert": None,
    "profile_optout_delete": None,
    "profile_change_log_insert": None,
    "profile_submission_insert": None,
    "notify_record_insert": None,
}
_WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE | re.MULTILINE)


def test_every_writing_query_is_classified():
    writing = {name for name in query_names() if _WRITES.search(re.sub(r"--[^\n]*", "", query_sql(name)))}
    assert writing == set(WRITING_QUERIES), (
        "a query writes data: say in WRITING_QUERIES which data_version kind it moves (and bump it in its writer)"
    )


@pytest.fixture
def con(demo_db_path, tmp_path):
    path = tmp_path / "versions.duckdb"
    shutil.copy(demo_db_path, path)
    connection = db.connect(path)
    yield connection
    connection.close()


def _versions(con) -> dict[tuple[str, str], int]:
    rows = con.execute("SELECT kind, indicator_id, version FROM data_version").fetchall()
    return {(kind, iid): version for kind, iid, version in rows}


def _moved(before: dict, after: dict) -> set[tuple[str, str]]:
    return {key for key, version in after.items() if before.get(key, 0) != version}


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def _user(con, user_id):
    return get_user(user_id, con)


def test_a_measurement_import_moves_only_its_indicators(con):
    before = _versions(con)
    data = _csv("indicator_id,site_id,period,value", "Q-OUTPUT,LYON,2026-11,1234", "Q-NC-INT,LYON,2026-11,3")
    result = import_bytes(con, data, "m.csv", user=_user(con, "u-prod"))
    assert result.problems == [] and result.written, [p.message for p in result.problems]
    assert _moved(before, _versions(con)) == {("measurement", "Q-OUTPUT"), ("measurement", "Q-NC-INT")}


def test_a_refused_import_moves_nothing(con):
    before = _versions(con)
    data = _csv("indicator_id,site_id,period,value", "Q-OUTPUT,LYON,2026-11,abc")
    assert import_bytes(con, data, "m.csv", user=_user(con, "u-prod")).problems
    assert _versions(con) == before


def test_the_entry_grid_moves_its_indicator(con):
    before = _versions(con)
    frame = pl.DataFrame({"indicator_id": ["Q-OUTPUT"], "site_id": ["LYON"], "period": ["2026-11"],
                          "value": ["4321"]})  # fmt: skip
    result = import_frame(con, frame, kind="measurements", user=_user(con, "u-prod"), file_name="grid")
    assert result.problems == [] and result.written, [p.message for p in result.problems]
    assert _moved(before, _versions(con)) == {("measurement", "Q-OUTPUT")}


def test_an_objective_saved_in_the_form_moves_its_indicator(con):
    lead = _user(con, "u-qse")
    before = _versions(con)
    admin.save_objective(con, lead, VALID_OBJECTIVE, new=True, lang="en", today=TODAY)
    after_insert = _versions(con)
    assert _moved(before, after_insert) == {("objective", "Q-SCRAP")}
    tighter = replace(VALID_OBJECTIVE, target=1.3)
    admin.save_objective(con, lead, tighter, new=False, reason="Tighter", lang="en", today=TODAY)
    assert _moved(after_insert, _versions(con)) == {("objective", "Q-SCRAP")}


def test_an_indicator_saved_in_the_form_moves_it(con):
    before = _versions(con)
    admin.save_indicator(con, _user(con, "u-qse"), VALID_INDICATOR, new=True, lang="en")
    assert _moved(before, _versions(con)) == {("indicator", "S-TRIR")}


def test_indicator_and_objective_imports_move_their_indicators(con):
    lead = _user(con, "u-qse")
    before = _versions(con)
    indicators = _csv(
        "indicator_id,process_id,domain,kind,name_fr,name_en,unit,polarity,aggregation,rate_base,min_value,max_value",
        "Q-REWORK,P-PRO,Q,result,Taux de retouche,Rework rate,%,lower_better,ratio,100,0,100",
    )
    assert import_bytes(con, indicators, "indicators.csv", user=lead).written
    after = _versions(con)
    assert _moved(before, after) == {("indicator", "Q-REWORK")}
    objectives = _csv(
        "objectif;indicateur;site;référence;cible;seuil d'alerte;début;échéance;responsable",
        "OBJ-2027-Q-SCRAP;Q-SCRAP;;2,1;1,5;1,8;01/01/2027;31/12/2027;u-prod",
    )
    result = import_bytes(con, objectives, "objectifs.csv", user=lead)
    assert result.written, [p.message for p in result.problems]
    assert _moved(after, _versions(con)) == {("objective", "Q-SCRAP")}


def test_event_and_action_imports_move_their_kind(con):
    pilot = _user(con, "u-prod")
    before = _versions(con)
    events = _csv(
        "événement;type;site;processus;date;gravité;coût;cause;titre;description;statut;fournisseur;jours perdus",
        "EV-900001;nonconformity;LYON;P-PRO;15/09/2026;2;1 200,50;C-MO-1a;Cote hors tolérance;;open;;",
    )
    assert import_bytes(con, events, "evenements.csv", user=pilot).written
    after = _versions(con)
    assert _moved(before, after) == {("event", "")}
    actions = _csv(
        "action_id,action_type,title,owner_user_id,process_id,site_id,opened_on,due_on,status,progress_pct",
        "ACT-900001,corrective,Former les régleurs,u-prod,P-PRO,LYON,2026-09-16,2026-12-31,planned,0",
    )
    assert import_bytes(con, actions, "actions.csv", user=pilot).written
    assert _moved(after, _versions(con)) == {("action", "")}


def test_closing_a_month_moves_the_month_close_version(con):
    before = _versions(con)
    month_state.close_month(con, _user(con, "u-qse"), date(2026, 10, 1), lang="en")
    assert _moved(before, _versions(con)) == {("month_close", "")}


def test_a_scopes_version_moves_with_writes_in_it_only(con):
    """The anomaly view's cache key (smqse.ui.data.anomaly_data_version): a save in another pilot's processes
    leaves this scope's cached view in place."""
    from smqse import data_version
    from smqse.scope import scope_for

    production = scope_for(_user(con, "u-prod"), con)
    safety = scope_for(_user(con, "u-hse"), con)
    assert "P-PRO" in production.process_ids and "P-PRO" not in safety.process_ids
    kinds = (data_version.MEASUREMENT, data_version.INDICATOR)
    before = (data_version.in_scope(production, kinds, con), data_version.in_scope(safety, kinds, con))
    data = _csv("indicator_id,site_id,period,value", "Q-OUTPUT,LYON,2026-11,1234")
    assert import_bytes(con, data, "m.csv", user=_user(con, "u-prod")).written
    assert data_version.in_scope(production, kinds, con) > before[0]
    assert data_version.in_scope(safety, kinds, con) == before[1]


def test_an_action_updated_on_the_plan_moves_the_action_version(con):
    from smqse.views import actions as actions_view

    action_id = con.execute(
        "SELECT action_id FROM action WHERE status = 'in_progress' ORDER BY action_id LIMIT 1"
    ).fetchall()[0][0]
    before = _versions(con)
    change = actions_view.ActionChange(
        status="in_progress", progress_pct=55, closed_on=None, reason="Checked"
    )
    actions_view.update_action(con, _user(con, "u-qse"), action_id, change, lang="en", today=TODAY)
    assert _moved(before, _versions(con)) == {("action", "")}
