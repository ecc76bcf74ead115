"""Events, actions, indicators and objectives: a good file inserts and updates (before/after in change_log),
a bad one is refused with located messages and the database unchanged."""

from __future__ import annotations

import json

import polars as pl
import pytest

from smqse.ingest import import_bytes, import_frame
from tests.ingest.helpers import fingerprint


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


EVENTS_FR = (
    "événement;type;site;processus;date;gravité;coût;cause;titre;description;statut;fournisseur;jours perdus"
)


def test_events_insert_and_update_with_change_log(con, users):
    stored = con.execute("SELECT title, severity FROM event WHERE event_id = 'EV-000003'").fetchone()
    data = csv(
        EVENTS_FR,
        "EV-900001;nonconformity;LYON;P-PRO;15/09/2026;2;1 200,50;C-MO-1a;Cote hors tolérance;;open;;",
        "EV-000003;nonconformity;LYON;P-PRO;2024-12-02;4;;C-ME-1a;Titre corrigé;;closed;;",
    )
    result = import_bytes(con, data, "evenements.csv", user=users["u-prod"])
    assert result.problems == [], [p.message for p in result.problems]
    assert (result.kind, result.new_rows, result.new_versions) == ("events", 1, 1)
    new = con.execute(
        "SELECT event_type, cost, occurred_on, status FROM event WHERE event_id = 'EV-900001'"
    ).fetchone()
    assert new[0] == "nonconformity" and new[1] == 1200.5 and str(new[2]) == "2026-09-15" and new[3] == "open"
    assert con.execute("SELECT title, severity FROM event WHERE event_id = 'EV-000003'").fetchone() == (
        "Titre corrigé",
        4,
    )
    log = con.execute(
        "SELECT row_key, operation, before, after, changed_by, reason FROM change_log WHERE table_name = 'event'"
        " ORDER BY row_key"
    ).fetchall()
    assert [(k, op) for k, op, *_ in log] == [("EV-000003", "update"), ("EV-900001", "insert")]
    before, after = json.loads(log[0][2]), json.loads(log[0][3])
    assert (before["title"], before["severity"]) == stored and after["title"] == "Titre corrigé"
    assert log[0][4] == "u-prod" and f"import {result.import_id}" in log[0][5]
    again = import_bytes(con, data, "evenements.csv", user=users["u-prod"])
    assert (again.new_rows, again.new_versions, again.unchanged) == (0, 0, 2)


def test_bad_events_are_refused(con, users):
    before = fingerprint(con)
    data = csv(
        "event_id,event_type,site_id,process_id,occurred_on,severity,cost,cause_id,title",
        "EV-900001,explosion,LYON,P-PRO,2026-09-15,7,-5,C-NOPE,x",
        "EV-900002,incident,LYON,P-LOG,2026-02-30,2,,,y",
        "EV-900003,incident,LYON,P-PRO,2099-01-01,2.5,,,z",
        "EV-900001,incident,LYON,P-PRO,2026-09,2,,,dup",
    )
    result = import_bytes(con, data, "events.csv", user=users["u-prod"], lang="en")
    found = {(p.row, p.column, p.code) for p in result.problems}
    assert {
        (2, "event_type", "bad_choice"),
        (2, "severity", "out_of_range"),
        (2, "cost", "out_of_range"),
        (2, "cause_id", "unknown_cause"),
        (3, "process_id", "not_allowed"),  # u-prod pilots P-PRO only
        (3, "occurred_on", "bad_date"),
        (4, "occurred_on", "bad_date"),
        (4, "severity", "not_an_integer"),
        (5, "occurred_on", "bad_date"),  # a month is not a date
        (5, "event_id", "duplicate_key"),
    } <= found, found
    assert all(p.file == "events.csv" and "events.csv, row" in p.message for p in result.problems)
    assert fingerprint(con) == before


def test_a_pilot_may_not_overwrite_another_process_event(con, users):
    other = con.execute(
        "SELECT event_id FROM event WHERE process_id <> 'P-PRO' ORDER BY 1 LIMIT 1"
    ).fetchone()[0]
    data = csv(
        "event_id,event_type,site_id,process_id,occurred_on", f"{other},incident,LYON,P-PRO,2026-09-01"
    )
    result = import_bytes(con, data, "events.csv", user=users["u-prod"])
    assert [(p.row, p.column, p.code) for p in result.problems] == [(2, "event_id", "not_allowed")]


ACTIONS_EN = (
    "action_id,action_type,title,owner_user_id,process_id,site_id,opened_on,due_on,status,progress_pct"
)


def test_actions_good_and_bad(con, users):
    good = csv(
        ACTIONS_EN,
        "ACT-900001,corrective,Former les régleurs,u-prod,P-PRO,LYON,2026-09-16,2026-12-31,planned,0",
    )
    result = import_bytes(con, good, "actions.csv", user=users["u-prod"])
    assert result.problems == [] and result.new_rows == 1 and result.written
    assert (
        con.execute("SELECT status, due_on FROM action WHERE action_id = 'ACT-900001'").fetchone()[0]
        == "planned"
    )
    before = fingerprint(con)
    bad = csv(
        ACTIONS_EN,
        "ACT-900002,corrective,,u-nobody,P-PRO,LYON,2026-09-16,2026-01-31,maybe,120",
    )
    refused = import_bytes(con, bad, "actions.csv", user=users["u-prod"])
    found = {(p.row, p.column, p.code) for p in refused.problems}
    assert {
        (2, "title", "missing_value"),
        (2, "owner_user_id", "unknown_user"),
        (2, "due_on", "bad_date_order"),
        (2, "status", "bad_choice"),
        (2, "progress_pct", "out_of_range"),
    } <= found, found
    assert fingerprint(con) == before


INDICATORS_EN = "indicator_id,process_id,domain,kind,name_fr,name_en,unit,polarity,aggregation,rate_base,min_value,max_value"


def test_indicators_only_by_the_qse_lead_or_director(con, users):
    data = csv(
        INDICATORS_EN, "Q-REWORK,P-PRO,Q,result,Taux de retouche,Rework rate,%,lower_better,ratio,100,0,100"
    )
    pilot = import_bytes(con, data, "indicators.csv", user=users["u-prod"])
    assert [(p.row, p.code) for p in pilot.problems] == [(None, "not_allowed")]
    lead = import_bytes(con, data, "indicators.csv", user=users["u-qse"])
    assert lead.problems == [] and lead.new_rows == 1
    row = con.execute("SELECT frequency, rate_base FROM indicator WHERE indicator_id = 'Q-REWORK'").fetchone()
    assert row == ("monthly", 100.0)
    # an update keeps the columns the file does not carry
    upd = import_bytes(con, csv("indicator_id,process_id,domain,kind,name_fr,name_en,unit,polarity,aggregation",
                                "Q-REWORK,P-PRO,Q,result,Taux de retouches,Rework rate,%,lower_better,ratio"),
                       "indicators.csv", user=users["u-qse"])  # fmt: skip
    assert upd.problems == [] and upd.new_versions == 1
    row = con.execute(
        "SELECT name_fr, rate_base, max_value FROM indicator WHERE indicator_id = 'Q-REWORK'"
    ).fetchone()
    assert row == ("Taux de retouches", 100.0, 100.0)


def test_bad_indicators_are_refused(con, users):
    before = fingerprint(con)
    data = csv(INDICATORS_EN, "Q-REWORK,P-NOPE,X,result,Taux,Rate,%,up,ratio,abc,100,0")
    result = import_bytes(con, data, "indicators.csv", user=users["u-dg"])
    found = {(p.row, p.column, p.code) for p in result.problems}
    assert {
        (2, "process_id", "unknown_process"),
        (2, "domain", "bad_choice"),
        (2, "polarity", "bad_choice"),
        (2, "rate_base", "not_a_number"),
        (2, "max_value", "bad_range"),
    } <= found, found
    assert fingerprint(con) == before


OBJECTIVES_FR = "objectif;indicateur;site;référence;cible;seuil d'alerte;début;échéance;responsable"


def test_objectives_good_and_bad(con, users):
    good = csv(OBJECTIVES_FR, "OBJ-2027-Q-SCRAP;Q-SCRAP;;2,1;1,5;1,8;01/01/2027;31/12/2027;u-prod")
    result = import_bytes(con, good, "objectifs.csv", user=users["u-qse"])
    assert result.problems == [] and result.new_rows == 1
    before = fingerprint(con)
    bad = csv(OBJECTIVES_FR, "OBJ-2028;Q-NOPE;PARIS;;;;2028-01-01;2027-12-31;")
    refused = import_bytes(con, bad, "objectifs.csv", user=users["u-qse"])
    found = {(p.row, p.column, p.code) for p in refused.problems}
    assert {
        (2, "indicateur", "unknown_indicator"),
        (2, "site", "unknown_site"),
        (2, "cible", "missing_value"),
        (2, "échéance", "bad_date_order"),
    } <= found, found
    pilot = import_bytes(con, good, "objectifs.csv", user=users["u-prod"])
    assert [p.code for p in pilot.problems] == ["not_allowed"]
    assert fingerprint(con) == before


def test_entry_update_of_an_event_needs_a_reason(con, users):
    frame = pl.DataFrame(
        {"event_id": ["EV-000003"], "event_type": ["nonconformity"], "site_id": ["LYON"], "process_id": ["P-PRO"],
         "occurred_on": ["2024-12-02"], "severity": [5]}
    )  # fmt: skip
    refused = import_frame(con, frame, kind="events", user=users["u-prod"], file_name="form")
    assert [p.code for p in refused.problems] == ["reason_required"]
    done = import_frame(
        con, frame, kind="events", user=users["u-prod"], file_name="form", reason="gravité revue"
    )
    assert done.written
    reason = con.execute("SELECT reason FROM change_log WHERE row_key = 'EV-000003'").fetchone()[0]
    assert reason == "gravité revue"


@pytest.mark.parametrize("kind", ["events", "actions"])
def test_a_load_killed_during_updates_leaves_nothing(con, users, monkeypatch, kind):
    import smqse.ingest.load as loader

    def crash(at: str) -> None:
        if at == "update":
            raise RuntimeError("killed")

    monkeypatch.setattr(loader, "_checkpoint", crash)
    data = {
        "events": csv(EVENTS_FR, "EV-000003;incident;LYON;P-PRO;2024-12-02;4;;;Titre;;closed;;"),
        "actions": csv(
            ACTIONS_EN, "ACT-900001,corrective,T,u-prod,P-PRO,LYON,2026-09-16,2026-12-31,planned,0"
        ),
    }[kind]
    before = fingerprint(con)
    with pytest.raises(RuntimeError, match="killed"):
        import_bytes(con, data, "f.csv", user=users["u-prod"])
    assert fingerprint(con) == before


WRITES = [
    "ingest_batch_insert",
    "ingest_measurement_insert",
    "ingest_change_log_insert",
    *[
        f"ingest_{t}_{op}"
        for t in ("event", "action", "indicator", "objective")
        for op in ("insert", "update")
    ],
]


@pytest.mark.parametrize("name", WRITES)
def test_write_queries_write_nothing_for_an_empty_scope(con, users, name):
    """Deny by default in SQL too: whatever Python validated, an empty scope writes nothing."""
    from datetime import date, datetime

    from smqse.db import query_parameters, run_in_transaction, transaction
    from smqse.ingest.formats import FORMATS
    from smqse.scope import Scope

    empty = Scope((), (), ())
    rows = {
        "ingest_measurement_insert": pl.DataFrame(
            {
                "indicator_id": ["Q-NC-INT"],
                "site_id": ["LYON"],
                "period": [date(2019, 1, 1)],
                "value": [1.0],
                "numerator": [None],
                "denominator": [None],
                "comment": [None],
            },
            schema_overrides={"numerator": pl.Float64, "denominator": pl.Float64, "comment": pl.Utf8},
        ),  # fmt: skip
    }
    before = fingerprint(con)
    extra = {
        "file_name": "f.csv", "sha256": "0" * 64, "row_count": 1, "imported_by": "u-qse",
        "imported_at": datetime(2026, 11, 1), "kind": "measurements", "entered_by": "u-qse",
        "entered_at": datetime(2026, 11, 1), "import_id": 1,
    }  # fmt: skip
    kind = {"event": "events", "action": "actions", "indicator": "indicators", "objective": "objectives"}
    table = name.split("_")[1]
    frame = rows.get(name)
    if frame is None and table in kind:
        stored = con.sql(f"SELECT * FROM {table} LIMIT 1").pl()
        frame = stored.select([c.name for c in FORMATS[kind[table]]]).with_columns(
            pl.lit("new" if name.endswith("insert") else "updated").alias("_status")
        )
        frame = frame.with_columns(pl.col(frame.columns[0]) + ("-NEW" if name.endswith("insert") else ""))
    log = pl.DataFrame(
        {"changed_at": [datetime(2026, 11, 1)], "changed_by": ["u-qse"], "table_name": ["measurement"],
         "row_key": ["k"], "operation": ["insert"], "before": [None], "after": ["{}"], "reason": [None]},
        schema_overrides={"before": pl.Utf8},
    )  # fmt: skip
    with transaction(con) as cur:
        if frame is not None:
            cur.register("ingest_rows", frame)
        cur.register("ingest_log", log)
        params = {k: v for k, v in extra.items() if k in query_parameters(name)}
        out = run_in_transaction(cur, name, **empty.params(), **params)
        written = out.height if "Count" not in out.columns else int(out["Count"][0])
    assert written == 0
    assert fingerprint(con) == before
