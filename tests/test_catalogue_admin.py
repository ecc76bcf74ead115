"""Managing indicators and SMART objectives: every validation rule in words naming its field, saves with their
change_log row (before/after, a reason for an update), pilots and viewers refused, all or nothing."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import date

import pytest

from smqse import db
from smqse.scope import get_user, scope_for
from smqse.views import objectives as admin
from smqse.views.objectives import CatalogueAdminError, IndicatorDraft, ObjectiveDraft

TODAY = date(2026, 6, 1)  # fixed: validation never depends on the day the tests run

VALID_OBJECTIVE = ObjectiveDraft(
    objective_id="OBJ-2027-Q-SCRAP",
    indicator_id="Q-SCRAP",  # ratio, lower_better, 0..100 %
    site_id=None,
    baseline=1.6,
    target=1.4,
    alert_threshold=1.7,
    start_on=date(2027, 1, 1),
    deadline=date(2027, 12, 31),
    owner_user_id="u-prod",
    rationale="Scrap costs 280 k€ a year; the SMED plan removes a third of set-up scrap.",
    cost=50_000.0,
    expected_benefit=90_000.0,
)
VALID_INDICATOR = IndicatorDraft(
    indicator_id="S-TRIR",
    process_id="P-HSE",
    domain="S",
    kind="result",
    name_fr="Taux de cas enregistrables (TRIR)",
    name_en="Total recordable incident rate (TRIR)",
    unit="/200 000 h",
    polarity="lower_better",
    frequency="monthly",
    aggregation="ratio",
    rate_base=200_000.0,
    definition="Cas enregistrables OSHA / heures travaillées × 200 000",
    definition_en="OSHA recordable cases / hours worked × 200,000",
    source="OSHA 29 CFR 1904",
    numerator_label_fr="Cas enregistrables",
    numerator_label_en="Recordable cases",
    denominator_label_fr="Heures travaillées",
    denominator_label_en="Hours worked",
    min_value=0.0,
    review_input="45001.incidents",
)


@pytest.fixture
def con(demo_db_path, tmp_path):
    path = tmp_path / "admin.duckdb"
    shutil.copy(demo_db_path, path)
    connection = db.connect(path)
    yield connection
    connection.close()


def _user(con, user_id):
    return get_user(user_id, con)


def _count(con, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _log_rows(con, table_name: str) -> list[dict]:
    cur = con.execute(
        "SELECT * FROM change_log WHERE table_name = ? ORDER BY changed_at, operation", [table_name]
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _problems(con, draft, *, new=True, reason=None, lang="en", user="u-qse"):
    return admin.validate_objective(
        con, _user(con, user), draft, new=new, lang=lang, reason=reason, today=TODAY
    )


def _fields(problems) -> set[str]:
    return {p.field for p in problems}


# --- objectives: validation -----------------------------------------------------------------------------


def test_a_valid_objective_has_no_problem_and_meets_smart(con):
    assert _problems(con, VALID_OBJECTIVE) == []
    indicator = {"min_value": 0.0, "max_value": 100.0, "polarity": "lower_better"}
    checks = admin.smart_checklist(VALID_OBJECTIVE, indicator, "en", TODAY)
    assert [c.criterion for c in checks] == list(admin.SMART_CRITERIA)
    assert all(c.met for c in checks)


def test_an_empty_objective_lists_every_required_field_and_fails_smart(con):
    problems = _problems(con, ObjectiveDraft())
    assert _fields(problems) >= {
        "objective_id", "indicator_id", "baseline", "target", "start_on", "deadline", "owner_user_id", "rationale",
    }  # fmt: skip
    assert "Target: required." in [p.message for p in problems]
    assert not any(c.met for c in admin.smart_checklist(ObjectiveDraft(), None, "en", TODAY))


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"target": 1.7}, "target", "better when lower"),  # lower_better: target above the baseline
        ({"indicator_id": "Q-OTD", "baseline": 93.0, "target": 92.0, "alert_threshold": 91.0}, "target",
         "better when higher"),
        ({"deadline": date(2026, 5, 31), "start_on": date(2026, 1, 1)}, "deadline", "after today"),
        ({"deadline": date(2026, 12, 31), "start_on": date(2027, 1, 1)}, "deadline", "after the start date"),
        ({"alert_threshold": 1.3}, "alert_threshold", "must be above the target"),
        ({"indicator_id": "Q-OTD", "baseline": 92.0, "target": 94.0, "alert_threshold": 95.0}, "alert_threshold",
         "must be below the target"),
        ({"indicator_id": "E-PH", "baseline": 7.2, "target": 7.0, "alert_threshold": 8.5}, "tolerance",
         "needs a tolerance greater than 0"),
        ({"indicator_id": "E-PH", "baseline": 7.2, "target": 7.0, "alert_threshold": 7.5, "tolerance": 1.0},
         "alert_threshold", "further from the target"),
        ({"tolerance": 0.1}, "tolerance", "only target-band indicators"),
        ({"indicator_id": "Q-OTD", "baseline": 95.0, "target": 120.0, "alert_threshold": 94.0}, "target",
         "outside the indicator's possible values"),
        ({"owner_user_id": "u-nobody"}, "owner_user_id", "not a known user"),
        ({"site_id": "PARIS"}, "site_id", "unknown site"),
        ({"indicator_id": "Q-NOPE"}, "indicator_id", "unknown indicator"),
        ({"objective_id": "OBJ-2026-Q-SCRAP"}, "objective_id", "already exists"),
        ({"objective_id": "OBJ 2027/scrap"}, "objective_id", "letters, digits"),
        ({"rationale": "   "}, "rationale", "required"),
        ({"cost": -5.0}, "cost", "negative"),
    ],
)  # fmt: skip
def test_each_objective_rule_names_its_field_in_words(con, changes, field, words):
    problems = _problems(con, replace(VALID_OBJECTIVE, **changes))
    assert field in _fields(problems), problems
    message = next(p.message for p in problems if p.field == field)
    assert words in message
    assert message.startswith(admin.field_label(field, "en"))


def test_messages_are_french_by_default(con):
    problems = _problems(con, replace(VALID_OBJECTIVE, target=1.7, owner_user_id="u-x"), lang="fr")
    messages = [p.message for p in problems]
    assert any(m.startswith("Cible : pour cet indicateur, plus bas = mieux") for m in messages)
    assert any(m.startswith("Responsable : u-x n'est pas un utilisateur connu") for m in messages)


def test_every_problem_is_reported_at_once(con):
    draft = replace(
        VALID_OBJECTIVE, target=1.7, alert_threshold=1.0, deadline=date(2026, 1, 1), owner_user_id="x"
    )
    assert _fields(_problems(con, draft)) >= {"target", "alert_threshold", "deadline", "owner_user_id"}


def test_holding_the_best_possible_value_is_an_objective(con):
    zero = replace(VALID_OBJECTIVE, indicator_id="S-LTA", baseline=0.0, target=0.0, alert_threshold=1.0)
    assert _problems(con, zero) == []


def test_a_site_objective_in_scope_is_valid(con):
    assert _problems(con, replace(VALID_OBJECTIVE, site_id="LYON")) == []


# --- indicators: validation -----------------------------------------------------------------------------


def _indicator_problems(con, draft, *, new=True, reason=None, lang="en"):
    return admin.validate_indicator(con, _user(con, "u-qse"), draft, new=new, lang=lang, reason=reason)


def test_a_valid_indicator_has_no_problem(con):
    assert _indicator_problems(con, VALID_INDICATOR) == []


@pytest.mark.parametrize(
    ("changes", "fields", "words"),
    [
        ({"rate_base": None}, {"rate_base"}, "needs a rate base greater than 0"),
        ({"rate_base": 0.0}, {"rate_base"}, "needs a rate base greater than 0"),
        ({"numerator_label_fr": "", "denominator_label_en": None},
         {"numerator_label_fr", "denominator_label_en"}, "required for a ratio indicator"),
        ({"min_value": 10.0, "max_value": 10.0}, {"max_value"}, "must be lower than the maximum"),
        ({"min_value": 10.0, "max_value": 5.0}, {"max_value"}, "must be lower than the maximum"),
        ({"indicator_id": "S-TF1"}, {"indicator_id"}, "already exists"),
        ({"process_id": "P-NOPE"}, {"process_id"}, "unknown process"),
        ({"polarity": "sideways"}, {"polarity"}, "not an allowed value"),
        ({"aggregation": "median"}, {"aggregation"}, "not an allowed value"),
        ({"domain": "X"}, {"domain"}, "not an allowed value"),
        ({"review_input": "9.9.9"}, {"review_input"}, "not an allowed value"),
        ({"value_only_rule": "median"}, {"value_only_rule"}, "not an allowed value"),
        ({"value_only_rule": "mean_of_values", "aggregation": "sum"}, {"value_only_rule"},
         "only for a ratio indicator"),
        ({"name_en": " ", "unit": None}, {"name_en", "unit"}, "required"),
    ],
)  # fmt: skip
def test_each_indicator_rule_names_its_field_in_words(con, changes, fields, words):
    problems = _indicator_problems(con, replace(VALID_INDICATOR, **changes))
    assert _fields(problems) == fields, problems
    for problem in problems:
        assert words in problem.message
        assert problem.message.startswith(admin.field_label(problem.field, "en"))


def test_a_sum_indicator_needs_no_rate_base_nor_labels(con):
    draft = replace(
        VALID_INDICATOR, aggregation="sum", rate_base=None, numerator_label_fr=None, numerator_label_en=None,
        denominator_label_fr=None, denominator_label_en=None, unit="nb",
    )  # fmt: skip
    assert _indicator_problems(con, draft) == []


# --- saving ---------------------------------------------------------------------------------------------


def test_a_valid_objective_is_created_and_logged(con):
    saved = admin.save_objective(con, _user(con, "u-qse"), VALID_OBJECTIVE, new=True, lang="en", today=TODAY)
    assert saved["objective_id"] == "OBJ-2027-Q-SCRAP" and saved["target"] == 1.4
    stored = admin.load_objectives(con, scope_for(_user(con, "u-dg"), con))
    assert stored.filter(stored["objective_id"] == "OBJ-2027-Q-SCRAP").height == 1
    [log] = _log_rows(con, "objective")
    assert (log["changed_by"], log["row_key"], log["operation"], log["before"]) == (
        "u-qse", "OBJ-2027-Q-SCRAP", "insert", None,
    )  # fmt: skip
    assert json.loads(log["after"])["target"] == 1.4


def test_an_update_keeps_before_and_after_and_needs_a_reason(con):
    lead = _user(con, "u-qse")
    admin.save_objective(con, lead, VALID_OBJECTIVE, new=True, lang="en", today=TODAY)
    tighter = replace(VALID_OBJECTIVE, target=1.3, site_id="LYON")
    with pytest.raises(CatalogueAdminError) as refused:
        admin.save_objective(con, lead, tighter, new=False, reason="  ", lang="en", today=TODAY)
    assert [p.field for p in refused.value.problems] == ["reason"]
    assert len(_log_rows(con, "objective")) == 1

    admin.save_objective(con, lead, tighter, new=False, reason="Lyon press line leads the plan", today=TODAY)
    logs = _log_rows(con, "objective")
    update = next(r for r in logs if r["operation"] == "update")
    assert json.loads(update["before"])["target"] == 1.4 and json.loads(update["before"])["site_id"] is None
    assert json.loads(update["after"])["target"] == 1.3 and json.loads(update["after"])["site_id"] == "LYON"
    assert update["reason"] == "Lyon press line leads the plan"
    row = con.execute(
        "SELECT target, site_id FROM objective WHERE objective_id = 'OBJ-2027-Q-SCRAP'"
    ).fetchone()
    assert row == (1.3, "LYON")


def test_an_update_with_nothing_changed_is_refused(con):
    lead = _user(con, "u-qse")
    admin.save_objective(con, lead, VALID_OBJECTIVE, new=True, today=TODAY)
    with pytest.raises(CatalogueAdminError, match="Rien n'a changé"):
        admin.save_objective(con, lead, VALID_OBJECTIVE, new=False, reason="again", today=TODAY)


def test_updating_an_unknown_objective_is_refused(con):
    problems = _problems(con, replace(VALID_OBJECTIVE, objective_id="OBJ-NOPE"), new=False, reason="x")
    assert "does not exist" in next(p.message for p in problems if p.field == "objective_id")


def test_an_indicator_is_created_then_updated_with_its_log(con):
    director = _user(con, "u-dg")
    admin.save_indicator(con, director, VALID_INDICATOR, new=True, lang="en")
    changed = replace(VALID_INDICATOR, max_value=1000.0, source="OSHA")
    with pytest.raises(CatalogueAdminError):
        admin.save_indicator(con, director, changed, new=False, lang="en")
    admin.save_indicator(con, director, changed, new=False, reason="Plausibility cap", lang="en")
    stored = con.execute("SELECT max_value, source FROM indicator WHERE indicator_id = 'S-TRIR'").fetchone()
    assert stored == (1000.0, "OSHA")
    logs = _log_rows(con, "indicator")
    assert [r["operation"] for r in logs] == ["insert", "update"]
    assert (
        json.loads(logs[1]["before"])["max_value"] is None
        and json.loads(logs[1]["after"])["max_value"] == 1000
    )
    assert logs[1]["reason"] == "Plausibility cap"


def test_a_ratio_may_be_allowed_a_value_alone_and_the_rule_is_stored(con):
    director = _user(con, "u-dg")
    allowed = replace(VALID_INDICATOR, value_only_rule="mean_of_values")
    admin.save_indicator(con, director, allowed, new=True, lang="en")
    stored = con.execute("SELECT value_only_rule FROM indicator WHERE indicator_id = 'S-TRIR'").fetchone()
    assert stored == ("mean_of_values",)
    admin.save_indicator(con, director, VALID_INDICATOR, new=False, reason="Hours now known", lang="en")
    stored = con.execute("SELECT value_only_rule FROM indicator WHERE indicator_id = 'S-TRIR'").fetchone()
    assert stored == (None,)


@pytest.mark.parametrize("user_id", ["u-prod", "u-cse"])
def test_pilots_and_viewers_are_refused_and_nothing_is_written(con, user_id):
    before = (_count(con, "objective"), _count(con, "indicator"), _count(con, "change_log"))
    user = _user(con, user_id)
    assert not admin.can_edit_catalogue(user)
    own = replace(VALID_OBJECTIVE, owner_user_id=user_id)  # even on the pilot's own process
    with pytest.raises(PermissionError):
        admin.save_objective(con, user, own, new=True, today=TODAY)
    with pytest.raises(PermissionError):
        admin.save_objective(con, user, replace(own, objective_id="OBJ-2026-Q-SCRAP"), new=False, reason="x")
    with pytest.raises(PermissionError):
        admin.save_indicator(con, user, replace(VALID_INDICATOR, process_id="P-PRO"), new=True)
    with pytest.raises(PermissionError):
        admin.validate_objective(con, user, own, new=True)
    assert (_count(con, "objective"), _count(con, "indicator"), _count(con, "change_log")) == before


def _failing_log(monkeypatch):
    real = admin.run_in_transaction

    def run(cur, name, **params):
        if name == "admin_change_log_insert":
            raise RuntimeError("disk full while writing the change log")
        return real(cur, name, **params)

    monkeypatch.setattr(admin, "run_in_transaction", run)


def test_all_or_nothing_when_the_change_log_fails(con, monkeypatch):
    lead = _user(con, "u-qse")
    _failing_log(monkeypatch)
    before = (_count(con, "objective"), _count(con, "indicator"), _count(con, "change_log"))
    with pytest.raises(RuntimeError, match="change log"):
        admin.save_objective(con, lead, VALID_OBJECTIVE, new=True, today=TODAY)
    with pytest.raises(RuntimeError, match="change log"):
        admin.save_indicator(con, lead, VALID_INDICATOR, new=True)
    with pytest.raises(RuntimeError, match="change log"):
        admin.save_objective(
            con, lead, replace(VALID_OBJECTIVE, objective_id="OBJ-2026-Q-SCRAP", start_on=date(2026, 1, 1),
                               deadline=date(2026, 12, 31), baseline=1.73, target=1.5, alert_threshold=1.95),
            new=False, reason="retry", today=TODAY,
        )  # fmt: skip
    assert (_count(con, "objective"), _count(con, "indicator"), _count(con, "change_log")) == before
    assert con.execute("SELECT target FROM objective WHERE objective_id = 'OBJ-2026-Q-SCRAP'").fetchone() == (
        1.52,
    )


def test_all_or_nothing_when_the_change_log_refuses(con, monkeypatch):
    """The log query writes nothing (e.g. outside the scope): the row written before it is rolled back."""
    lead = _user(con, "u-qse")
    real = admin.run_in_transaction

    def run(cur, name, **params):
        if name == "admin_change_log_insert":
            params = {**params, "process_ids": []}
        return real(cur, name, **params)

    monkeypatch.setattr(admin, "run_in_transaction", run)
    before = _count(con, "objective")
    with pytest.raises(PermissionError):
        admin.save_objective(con, lead, VALID_OBJECTIVE, new=True, today=TODAY)
    assert _count(con, "objective") == before and _count(con, "change_log") == 0


# --- the write queries bind the scope themselves ----------------------------------------------------------


def _objective_params(scope, **changes):
    values = {k: getattr(VALID_OBJECTIVE, k) for k in admin.OBJECTIVE_COLUMNS}
    return {**scope.params(), **values, **changes}


def test_write_queries_refuse_rows_outside_the_scope(con):
    pilot = scope_for(_user(con, "u-prod"), con)  # P-PRO only
    # an objective of another process (TF1, P-HSE): nothing inserted
    written = db.run_query(
        "admin_objective_insert", con=con, **_objective_params(pilot, indicator_id="S-TF1")
    )
    assert written.is_empty()
    # a whole-scope objective needs every site
    narrow = scope_for(_user(con, "u-qse"), con).narrowed(site_ids=["LYON"])
    assert db.run_query("admin_objective_insert", con=con, **_objective_params(narrow)).is_empty()
    assert not db.run_query(
        "admin_objective_insert", con=con, **_objective_params(narrow, site_id="LYON")
    ).is_empty()
    # an update that moves an objective out of the scope
    moved = _objective_params(pilot, objective_id="OBJ-2026-Q-SCRAP", indicator_id="S-TF1")
    assert db.run_query("admin_objective_update", con=con, **moved).item() == 0
    # an indicator of a process outside the scope
    values = {k: getattr(VALID_INDICATOR, k) for k in admin.INDICATOR_COLUMNS}
    assert db.run_query("admin_indicator_insert", con=con, **pilot.params(), **values).is_empty()
    assert (
        db.run_query(
            "admin_indicator_update", con=con, **pilot.params(), **{**values, "indicator_id": "S-TF1"}
        ).item()
        == 0
    )
    # a change_log update without a reason
    log = dict(
        indicator_id="Q-SCRAP", changed_at=None, changed_by="u-qse", table_name="objective", row_key="x",
        operation="update", before="{}", after="{}", reason=" ",
    )  # fmt: skip
    everything = scope_for(_user(con, "u-qse"), con)
    assert db.run_query("admin_change_log_insert", con=con, **everything.params(), **log).is_empty()
    assert _count(con, "change_log") == 0


def test_reading_follows_the_scope(con):
    pilot = scope_for(_user(con, "u-prod"), con)
    objectives = admin.load_objectives(con, pilot)
    assert not objectives.is_empty() and set(objectives["process_id"]) == {"P-PRO"}
    assert set(admin.load_indicators(con, pilot)["process_id"]) == {"P-PRO"}


def test_display_tables(con):
    scope = scope_for(_user(con, "u-dg"), con)
    table = admin.build_objective_table(
        admin.load_objectives(con, scope),
        users={"u-prod": "Marc"},
        sites={"LYON": "Lyon"},
        lang="en",
        today=TODAY,
    )
    scrap = table.filter(table["objective_id"] == "OBJ-2026-Q-SCRAP").row(0, named=True)
    assert scrap["status"] == "► In progress" and scrap["site"] == "Whole scope (all sites)"
    assert scrap["owner_user_id"] == "Marc" and scrap["smart"].endswith("/5")
    ph = table.filter(table["objective_id"] == "OBJ-2026-E-PH").row(0, named=True)
    assert ph["target"] == "7 ± 1"
    indicators = admin.build_indicator_table(admin.load_indicators(con, scope), processes={}, lang="fr")
    assert indicators.columns == list(admin.INDICATOR_TABLE_COLUMNS)


def test_an_indicator_edit_that_meets_another_writer_is_done_again_on_their_row(con, monkeypatch):
    # Issue 11: "Conflict on update!" escaped uncaught; the retry validates and logs against their row.
    director = _user(con, "u-dg")
    admin.save_indicator(con, director, VALID_INDICATOR, new=True, lang="en")
    other = con.cursor()
    other.execute("BEGIN TRANSACTION")
    other.execute("UPDATE indicator SET source = 'HR records' WHERE indicator_id = 'S-TRIR'")
    monkeypatch.setattr(db, "_pause", lambda seconds: other.execute("COMMIT"))
    changed = replace(VALID_INDICATOR, max_value=1000.0)
    admin.save_indicator(con, director, changed, new=False, reason="Plausibility cap", lang="en")
    update = _log_rows(con, "indicator")[-1]
    assert json.loads(update["before"])["source"] == "HR records"  # read in the write's own transaction
    assert json.loads(update["after"])["max_value"] == 1000


def test_an_indicator_edit_that_keeps_meeting_another_writer_is_refused_in_words(con, monkeypatch):
    director = _user(con, "u-dg")
    admin.save_indicator(con, director, VALID_INDICATOR, new=True, lang="en")
    logged = _count(con, "change_log")
    other = con.cursor()
    other.execute("BEGIN TRANSACTION")
    other.execute("UPDATE indicator SET source = 'HR records' WHERE indicator_id = 'S-TRIR'")
    monkeypatch.setattr(db, "_pause", lambda seconds: None)
    with pytest.raises(CatalogueAdminError) as refused:
        admin.save_indicator(con, director, replace(VALID_INDICATOR, max_value=1000.0), new=False,
                             reason="Plausibility cap", lang="fr")  # fmt: skip
    assert [p.message for p in refused.value.problems] == [
        "Quelqu'un d'autre a modifié les mêmes données au même moment : rien n'a été enregistré. "
        "Rechargez la page et réessayez."
    ]
    other.execute("ROLLBACK")
    assert _count(con, "change_log") == logged
    assert con.execute("SELECT max_value FROM indicator WHERE indicator_id = 'S-TRIR'").fetchone() == (None,)
