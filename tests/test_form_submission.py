"""Forms that cannot double-submit (issue 12): every write a form makes, submitted twice with the same token,
creates one record and answers the second submit with the first one's result; two submits racing with the
same token (a double click reaching the server twice) also leave one record, whichever order they commit.

Before the token, a second click on "Enregistrer la décision" recorded DEC-2026-10-2 again as DEC-2026-10-3;
a second note, input or entry was a copy; a second objective or action update was refused with an error."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import polars as pl
import pytest

import smqse.ingest as ingest
import smqse.views.actions as actions_view
import smqse.views.anomalies as anomalies_view
import smqse.views.objectives as admin
import smqse.views.review as records
from smqse import db
from smqse.review.content import PackOptions
from smqse.scope import get_user, scope_for
from smqse.submission import decode_result, encode_result
from tests.test_catalogue_admin import TODAY as ADMIN_TODAY
from tests.test_catalogue_admin import VALID_INDICATOR, VALID_OBJECTIVE

OPTIONS = PackOptions(date(2026, 10, 1), lang="en")
ACTIONS_TODAY = date(2026, 11, 23)


@pytest.fixture
def con(demo_db_path, tmp_path):
    path = tmp_path / "forms.duckdb"
    shutil.copy(demo_db_path, path)
    connection = db.connect(path)
    yield connection
    connection.close()


@pytest.fixture(autouse=True)
def no_pause(monkeypatch):
    monkeypatch.setattr(db, "_RETRY_PAUSE_S", 0.0)


def _count(con, sql: str) -> int:
    return con.execute(sql).fetchall()[0][0]


def _user(con, user_id: str):
    return get_user(user_id, con)


def _decision_draft() -> records.DecisionDraft:
    return records.DecisionDraft(
        input_ref="9.3.2.c.3", decision_type="improvement", text="Launch a SMED plan on the 800 t press",
        owner_user_id="u-prod", due_on=date(2027, 3, 31), process_id="P-PRO",
        rationale="Scrap costs 80 k€ a year.", cost=25_000.0, expected_benefit=60_000.0, cost_of_inaction=80_000.0,
    )  # fmt: skip


def _decision_without_action(con) -> dict:
    lead = _user(con, "u-qse")
    saved = records.save_decision(con, lead, OPTIONS, _decision_draft())
    return records.decision_row(con, lead, OPTIONS, saved["decision_id"])


def _action_of(con, user_id: str, statuses: tuple[str, ...]) -> str:
    scope = scope_for(_user(con, user_id), con)
    rows = con.execute("SELECT action_id, process_id, status FROM action ORDER BY action_id").fetchall()
    return next(a for a, p, s in rows if p in scope.process_ids and s in statuses)


def _entry_frame() -> pl.DataFrame:
    columns = ("indicator_id", "site_id", "period", "value", "numerator", "denominator", "comment")
    values = ("Q-NC-INT", "LYON", "2001-01", "7", None, None, None)
    return pl.DataFrame(
        {c: [v] for c, v in zip(columns, values, strict=True)}, schema=dict.fromkeys(columns, pl.String)
    )


@dataclass(frozen=True)
class Form:
    """One write form: how to prepare the database, submit it once with a token, and count its records."""

    module: object  # where the write looks up its token (patched to interleave a racing submit)
    prepare: Callable  # con -> context passed to submit
    submit: Callable  # (con, context, token) -> result
    records: str  # SQL counting the records the form creates


FORMS = {
    "review input": Form(
        records, lambda con: None,
        lambda con, _, token: records.save_input(con, _user(con, "u-qse"), OPTIONS, "9.3.2.b", "IATF", token=token),
        "SELECT count(*) FROM review_input",
    ),
    "review decision": Form(
        records, lambda con: None,
        lambda con, _, token: records.save_decision(con, _user(con, "u-qse"), OPTIONS, _decision_draft(), token=token),
        "SELECT count(*) FROM review_decision",
    ),
    "open an action from a decision": Form(
        records, _decision_without_action,
        lambda con, decision, token: records.open_action(
            con, _user(con, "u-qse"), records.decision_row(con, _user(con, "u-qse"), OPTIONS, decision["decision_id"]),
            token=token,
        ),
        "SELECT count(*) FROM action WHERE action_id LIKE 'ACT-DEC-%'",
    ),
    "new objective": Form(
        admin, lambda con: None,
        lambda con, _, token: admin.save_objective(
            con, _user(con, "u-qse"), VALID_OBJECTIVE, new=True, lang="en", today=ADMIN_TODAY, token=token
        ),
        "SELECT count(*) FROM objective",
    ),
    "new indicator": Form(
        admin, lambda con: None,
        lambda con, _, token: admin.save_indicator(con, _user(con, "u-qse"), VALID_INDICATOR, new=True, token=token),
        "SELECT count(*) FROM indicator",
    ),
    "objective change": Form(
        admin, lambda con: None,
        lambda con, _, token: admin.save_objective(
            con, _user(con, "u-qse"), admin.objective_draft(
                admin.load_objectives(con, scope_for(_user(con, "u-qse"), con)).row(0, named=True)
                | {"rationale": "Argued again after the audit"}
            ), new=False, reason="audit", lang="en", today=ADMIN_TODAY, token=token,
        ),
        "SELECT count(*) FROM change_log WHERE table_name = 'objective'",
    ),
    "action update": Form(
        actions_view, lambda con: _action_of(con, "u-prod", ("planned", "in_progress")),
        lambda con, action_id, token: actions_view.update_action(
            con, _user(con, "u-prod"), action_id, actions_view.ActionChange("in_progress", 55, None, "Trials"),
            today=ACTIONS_TODAY, token=token,
        ),
        "SELECT count(*) FROM change_log WHERE table_name = 'action'",
    ),
    "effectiveness check": Form(
        actions_view, lambda con: _action_of(con, "u-qse", ("done",)),
        lambda con, action_id, token: actions_view.record_effectiveness(
            con, _user(con, "u-qse"), action_id, "effective", "Scrap back under target", token=token
        ),
        "SELECT count(*) FROM change_log WHERE table_name = 'action'",
    ),
    "anomaly note": Form(
        anomalies_view, lambda con: None,
        lambda con, _, token: anomalies_view.save_note(
            con, _user(con, "u-qse"), scope_for(_user(con, "u-qse"), con), "Q-SCRAP", "LYON", date(2026, 3, 1),
            "explained", "Defective batch", token=token,
        ),
        "SELECT count(*) FROM anomaly_note",
    ),
    "monthly entry": Form(
        ingest, lambda con: None,
        lambda con, _, token: ingest.import_frame(
            con, _entry_frame(), kind="measurements", user=_user(con, "u-prod"), file_name="entry 2001-01",
            lang="en", token=token,
        ),
        "SELECT count(*) FROM import_batch",
    ),
}  # fmt: skip


def _same(first, second) -> bool:
    if isinstance(first, ingest.ImportResult):  # what the page shows of a saved entry
        fields = ("written", "rows", "new_rows", "new_versions", "unchanged", "import_id")
        return all(getattr(first, f) == getattr(second, f) for f in fields) and not second.problems
    return first == second


@pytest.mark.parametrize("name", list(FORMS))
def test_a_second_submit_with_the_same_token_writes_nothing_and_returns_the_first_result(con, name):
    form = FORMS[name]
    context = form.prepare(con)
    before = _count(con, form.records)
    first = form.submit(con, context, "token-1")
    assert _count(con, form.records) == before + 1
    second = form.submit(con, context, "token-1")
    assert _count(con, form.records) == before + 1
    assert _same(first, second)
    assert _count(con, "SELECT count(*) FROM form_submission WHERE token = 'token-1'") == 1


@pytest.mark.parametrize("name", list(FORMS))
def test_a_submit_racing_with_the_same_token_leaves_one_record(con, name, monkeypatch):
    """The second submit commits between the first one's token check and its commit (the order a double
    click takes when both requests reach the server): the primary key decides, the first one's retry finds
    the winner's claim and reports its record."""
    form = FORMS[name]
    context = form.prepare(con)
    before = _count(con, form.records)
    real_claim = form.module.claim_submission
    raced = []

    def claim_then_let_the_other_submit_commit(cursor, submission):
        earlier = real_claim(cursor, submission)
        if not raced and id(cursor) in db._open_transactions:
            raced.append(None)  # once: the racing submit's own check does not start another race
            raced[0] = form.submit(con, context, "token-1")
        return earlier

    monkeypatch.setattr(form.module, "claim_submission", claim_then_let_the_other_submit_commit)
    result = form.submit(con, context, "token-1")
    assert raced, "the racing submit did not run"
    assert _count(con, form.records) == before + 1
    assert _same(raced[0], result)


@pytest.mark.parametrize("name", ["review decision", "anomaly note", "monthly entry"])
def test_two_threads_with_the_same_token_leave_one_record(con, name):
    form = FORMS[name]
    context = form.prepare(con)
    before = _count(con, form.records)
    start = threading.Barrier(2)
    results, errors = [], []

    def submit() -> None:
        start.wait()
        try:
            results.append(form.submit(con, context, "token-1"))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _count(con, form.records) == before + 1
    assert _same(results[0], results[1])


def test_without_a_token_each_submit_is_a_new_record(con):
    # Scripts and the import page have no form instance: nothing deduplicates them.
    lead = _user(con, "u-qse")
    first = records.save_decision(con, lead, OPTIONS, _decision_draft())
    second = records.save_decision(con, lead, OPTIONS, _decision_draft())
    assert (first["decision_id"], second["decision_id"]) == ("DEC-2026-10-1", "DEC-2026-10-2")


def test_another_writer_cannot_replay_a_token(con):
    before = _count(con, "SELECT count(*) FROM review_decision")
    first = records.save_decision(con, _user(con, "u-qse"), OPTIONS, _decision_draft(), token="token-1")
    assert first["decision_id"] == "DEC-2026-10-1"
    # Same token, another writer: not their submission; the key still refuses a second claim of it.
    with pytest.raises(records.ReviewRecordError):
        records.save_decision(con, _user(con, "u-dg"), OPTIONS, _decision_draft(), token="token-1")
    assert _count(con, "SELECT count(*) FROM review_decision") == before + 1


def test_the_stored_result_keeps_its_types():
    row = {
        "d": date(2027, 3, 31),
        "t": datetime(2026, 12, 6, 3, 0),
        "x": 1.5,
        "n": None,
        "m": Decimal("2.50"),
    }
    assert decode_result(encode_result(row)) == row
