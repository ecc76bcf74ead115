"""Declaring an event by form (smqse.views.events): validated like a row of an events file (same messages,
here naming the form's field), written all or nothing with its change_log row and the 'event' data version,
numbered without collision, refused outside the writer's scope by the SQL itself, written once per form."""

from __future__ import annotations

import json
import re
import threading
from dataclasses import replace
from datetime import date, timedelta

import polars as pl
import pytest

from smqse import data_version, db, ingest
from smqse.i18n import t
from smqse.ingest import load
from smqse.ingest.core import reason_only
from smqse.scope import get_user, scope_for
from smqse.views import events as event_record
from smqse.views.events import EventDraft, record_event

VALID = EventDraft(
    event_type="nonconformity",
    occurred_on=date(2026, 10, 15),
    site_id="LYON",
    process_id="P-PRO",
    severity=3,
    cost="1 234,5",
    cause_id="C-MS-1a",
    title="Cote hors tolérance",
    description="Lot 42 : cote 12,5 mesurée 12,9.",
)
BAD = EventDraft(
    event_type="nonconformity",
    occurred_on=date.today() + timedelta(days=3),
    site_id="NOWHERE",
    process_id="P-PRO",
    severity=None,
    cost="douze",
    cause_id="C-NONE",
    title="",
    description="",
    supplier="",
    lost_days="",
)


@pytest.fixture
def con(demo_write_con):
    return demo_write_con


def _counts(con) -> tuple[int, int, int, int]:
    cur = con.cursor()
    try:
        return (
            cur.execute("SELECT count(*) FROM event").fetchall()[0][0],
            cur.execute("SELECT count(*) FROM change_log WHERE table_name = 'event'").fetchall()[0][0],
            cur.execute("SELECT count(*) FROM import_batch").fetchall()[0][0],
            cur.execute("SELECT coalesce(max(version), 0) FROM data_version WHERE kind = 'event'").fetchall()[
                0
            ][0],
        )
    finally:
        cur.close()


def _max_number(con) -> int:
    ids = con.cursor().execute("SELECT event_id FROM event").fetchall()
    return max(int(i[3:]) for (i,) in ids if i.startswith("EV-") and i[3:].isdigit())


def test_a_valid_declaration_is_recorded_with_its_trail_and_data_version(con):
    director = get_user("u-dg", con)
    before = _counts(con)
    expected_id = f"EV-{_max_number(con) + 1:06d}"
    recorded = record_event(con, VALID, user=director, lang="fr", token="t-valid")
    assert recorded.problems == () and recorded.written and recorded.event_id == expected_id
    row = (
        con.cursor()
        .sql("FROM event WHERE event_id = $id", params={"id": expected_id})
        .pl()
        .row(0, named=True)
    )
    assert row["cost"] == 1234.5  # "1 234,5" read by the one number parser, in French
    assert (row["event_type"], row["site_id"], row["process_id"], row["severity"]) == (
        "nonconformity", "LYON", "P-PRO", 3
    )  # fmt: skip
    assert (row["cause_id"], row["title"], row["status"]) == ("C-MS-1a", "Cote hors tolérance", "open")
    assert row["supplier"] is None and row["lost_days"] is None
    log = (
        con.cursor()
        .execute(
            "SELECT changed_by, operation, before, after, reason FROM change_log WHERE row_key = ?",
            [expected_id],
        )
        .fetchall()
    )
    assert len(log) == 1 and log[0][:3] == ("u-dg", "insert", None)
    assert json.loads(log[0][3])["title"] == "Cote hors tolérance" and log[0][4]
    after = _counts(con)
    assert after == (before[0] + 1, before[1] + 1, before[2] + 1, before[3] + 1)
    everything = scope_for(director, con)
    assert data_version.organisation_wide(everything, (data_version.EVENT,), con) == before[3] + 1


def test_invalid_fields_are_each_named_in_french_and_english_and_nothing_is_written(con):
    pilot = get_user("u-prod", con)
    before = _counts(con)
    fr = record_event(con, BAD, user=pilot, lang="fr")
    en = record_event(con, BAD, user=pilot, lang="en")
    assert not fr.written and not en.written and fr.event_id is None
    fields_fr = ["« Titre »", "« Site »", "« Date de l'événement »", "« Coût (€) »", "« Cause »"]
    fields_en = ["\u201cTitle\u201d", "\u201cSite\u201d", "\u201cDate of the event\u201d",
                 "\u201cCost (€)\u201d", "\u201cCause\u201d"]  # fmt: skip
    for fields, recorded in ((fields_fr, fr), (fields_en, en)):
        assert len(recorded.problems) == len(fields), recorded.problems
        for field in fields:
            assert sum(p.startswith(field) for p in recorded.problems) == 1, (field, recorded.problems)
    assert any("douze" in p and "nombre" in p for p in fr.problems)
    assert any("NOWHERE" in p and "unknown" in p for p in en.problems)
    assert _counts(con) == before


def test_the_form_and_an_events_file_give_the_same_reasons(con):
    """The same bad cells through the form and through a file: the same reasons, in both languages."""
    pilot = get_user("u-prod", con)
    bad = EventDraft("accident", date(2026, 10, 2), "LYON", "P-HSE", 4, "1,234", None, "Chute", "",
                     lost_days="2,5")  # fmt: skip
    for lang in ("fr", "en"):
        form = record_event(con, bad, user=pilot, lang=lang)
        row = {"event_id": "EV-999999", **bad.row()}
        data = pl.DataFrame([row]).write_csv().encode()
        file = ingest.import_bytes(con, data, "events.csv", user=pilot, kind="events", lang=lang)
        reasons = sorted(reason_only(p, lang) for p in file.problems)
        assert reasons and not file.written
        assert sorted(p.split(" : " if lang == "fr" else ": ", 1)[1] for p in form.problems) == reasons


def test_a_process_outside_the_pilots_scope_is_refused_by_the_insert_itself(con, monkeypatch):
    """With the validation's scope check switched off, the SQL still writes nothing outside the scope: the
    load sees fewer rows than validated and rolls everything back."""
    pilot = get_user("u-prod", con)
    outside = replace(VALID, process_id="P-HSE")
    refused = record_event(con, outside, user=pilot, lang="en")
    assert refused.problems == ("\u201cProcess\u201d: the process \u201cP-HSE\u201d is outside your scope",)
    monkeypatch.setattr("smqse.ingest.core._check_refs", lambda *args: None)
    before = _counts(con)
    with pytest.raises(load.LoadError, match="0 inserted"):
        record_event(con, outside, user=pilot, lang="en")
    assert _counts(con) == before


def test_a_viewer_records_nothing(con):
    viewer = get_user("u-cse", con)
    before = _counts(con)
    recorded = record_event(con, VALID, user=viewer, lang="en")
    assert not recorded.written and "viewer" in recorded.problems[0]
    assert not event_record.can_record(viewer) and event_record.can_record(get_user("u-prod", con))
    assert _counts(con) == before


def test_a_second_submit_of_the_same_form_writes_nothing(con):
    director = get_user("u-dg", con)
    first = record_event(con, VALID, user=director, lang="fr", token="t-twice")
    after_first = _counts(con)
    second = record_event(con, VALID, user=director, lang="fr", token="t-twice")
    assert first.event_id and second.written and second.event_id is None and second.problems == ()
    assert _counts(con) == after_first
    third = record_event(con, VALID, user=director, lang="fr", token="t-other")  # a new form instance
    assert third.event_id != first.event_id and _counts(con)[0] == after_first[0] + 1


def test_a_failure_after_the_rows_leaves_nothing_half_written(con, monkeypatch):
    def fail(step):
        if step == "change_log":
            raise RuntimeError("disk full")

    monkeypatch.setattr(load, "_checkpoint", fail)
    before = _counts(con)
    with pytest.raises(RuntimeError, match="disk full"):
        record_event(con, VALID, user=get_user("u-dg", con), lang="fr", token="t-fail")
    assert _counts(con) == before


def test_two_declarations_racing_for_one_number_both_get_their_own(con, monkeypatch):
    """Another writer commits the number this declaration has just read: the commit fails on the event's key,
    the declaration is numbered again and recorded under the next number; both events exist."""
    director = get_user("u-dg", con)
    taken = f"EV-{_max_number(con) + 1:06d}"
    numbered = event_record.next_event_ids
    calls = []

    def racing(cur, scope, count):
        ids = numbered(cur, scope, count)
        if not calls:  # the other writer, on its own connection, commits that id first
            other = con.cursor()
            other.execute(
                "INSERT INTO event (event_id, event_type, site_id, process_id, occurred_on) "
                "VALUES (?, 'incident', 'LYON', 'P-PRO', DATE '2026-10-01')",
                [ids[0]],
            )
            other.close()
        calls.append(ids)
        return ids

    monkeypatch.setattr(event_record, "next_event_ids", racing)
    recorded = record_event(con, VALID, user=director, lang="fr", token="t-race")
    assert calls[0] == [taken] and len(calls) >= 2
    assert recorded.written and recorded.event_id == f"EV-{int(taken[3:]) + 1:06d}"
    kinds = dict(
        con.cursor().execute("SELECT event_id, event_type FROM event WHERE event_id >= ?", [taken]).fetchall()
    )
    assert kinds == {taken: "incident", recorded.event_id: "nonconformity"}


def test_concurrent_declarations_from_threads_never_share_a_number(demo_copy):
    shared = db.connect(demo_copy)
    director = get_user("u-dg", shared)
    results, errors = [], []

    def declare(k: int) -> None:
        try:
            results.append(record_event(shared, VALID, user=director, lang="fr", token=f"t-thread-{k}"))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=declare, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    shared.close()
    written = [r for r in results if r.written]
    refused = [r for r in results if not r.written]
    assert not errors and written and len(written) + len(refused) == 4
    # A writer that lost three races in a row is told so in words; every one written has its own number.
    assert all(r.problems == (t("ingest.problem.write_conflict", "fr"),) for r in refused)
    ids = [r.event_id for r in written]
    assert len(ids) == len(set(ids))


def test_supplier_and_days_lost_are_kept_only_for_their_types():
    draft = EventDraft("nonconformity", date(2026, 10, 1), "LYON", "P-PRO", supplier="ACME", lost_days="3")
    assert draft.row()["supplier"] is None and draft.row()["lost_days"] is None
    supplier = replace(draft, event_type="supplier_nonconformity")
    accident = replace(draft, event_type="accident")
    assert supplier.row()["supplier"] == "ACME" and supplier.row()["lost_days"] is None
    assert accident.row()["lost_days"] == "3" and accident.row()["supplier"] is None


def test_cause_choices_list_a_family_in_tree_order(demo_con):
    tree = db.run_query(
        "ishikawa_causes", con=demo_con, process_ids=["P-PRO"], site_ids=["LYON"], domains=["Q"]
    )
    choices = event_record.cause_choices(tree, "measurement", "en")
    ids = list(choices)
    assert ids[0] == "C-MS" and choices["C-MS"].startswith("The whole family")
    assert ids.index("C-MS-1") < ids.index("C-MS-1a") < ids.index("C-MS-2")
    assert choices["C-MS-1a"].startswith(f"{choices['C-MS-1']} › ")
    assert all(tree.filter(pl.col("cause_id") == c)["category"].item() == "measurement" for c in ids)


def test_the_recent_list_puts_the_latest_declaration_first_in_the_writers_words(con):
    pilot = get_user("u-prod", con)
    scope = scope_for(pilot, con)
    recorded = record_event(con, replace(VALID, severity=None, cause_id=None), user=pilot, lang="fr")
    recent = event_record.load_recent_events(con, scope, date(2026, 12, 6))
    assert recent["event_id"][0] == recorded.event_id and recent["recorded_by_name"][0]
    assert set(recent["process_id"]) == {"P-PRO"}  # the pilot's process only
    table = event_record.build_recent_table(recent, "fr")
    first = table.row(0, named=True)
    assert (first["severity"], first["category"], first["cause"]) == (
        "Non évaluée",
        "À déterminer",
        "À déterminer",
    )
    assert first["cost"] == "1\u202f234,50" and first["occurred_on"] == "15/10/2026"
    # When it was recorded, in the tables' short form (not "2026-12-06 10:00").
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", first["recorded_at"]), first["recorded_at"]
    assert first["event_type"] == "Non-conformité" and first["status"] == "Ouvert"
    assert table.columns == list(event_record.RECENT_COLUMNS)


def test_texts_beyond_their_length_are_refused_naming_the_field(con):
    director = get_user("u-dg", con)
    before = _counts(con)
    long = replace(VALID, title="T" * 201, description="D" * 2001)
    recorded = record_event(con, long, user=director, lang="en")
    assert len(recorded.problems) == 2 and not recorded.written
    assert recorded.problems[0].startswith(
        "\u201cTitle\u201d: the cell holds 201 characters, over the limit of 200"
    )
    assert recorded.problems[1].startswith("\u201cDescription\u201d: the cell holds 2001 characters")
    assert _counts(con) == before
