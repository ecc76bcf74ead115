"""The objectives and indicators page under AppTest: every role runs it on its own scope; the QSE lead creates
an objective and an indicator through the forms (on a copy of the demo) and sees them listed; an invalid
objective is refused in words; pilots and viewers read only (a pilot sees their processes' objectives)."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest

from tests.ui.helpers import app_database, no_exception, open_page, rendered, submit_button

PAGE = "pages/objectives.py"
USERS = {"director": "u-dg", "qse_lead": "u-qse", "pilot": "u-prod", "viewer": "u-cse"}
PRODUCTION_INDICATORS = {"Q-SCRAP", "Q-FPY", "Q-OEE", "Q-NC-INT", "Q-OUTPUT"}


@pytest.fixture(scope="module")
def database(demo_db_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("objectives_page") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    with app_database(path):
        yield path


def _table(at, column: str):
    frames = [d.value for d in at.dataframe if column in d.value.columns]
    return frames[0] if frames else None


def _buttons(at) -> set[str]:
    return {b.label for b in at.button}


@pytest.mark.parametrize("role", list(USERS))
def test_every_role_runs_the_page(database, role):
    at = open_page(PAGE, USERS[role], lang="en")
    assert at.title[0].value == "Objectives and indicators"
    objectives = _table(at, "Objective")
    indicators = _table(at, "Code")
    assert objectives is not None and len(objectives) > 0
    assert indicators is not None and len(indicators) > 0
    writer = role in ("director", "qse_lead")
    assert {"Save objective", "Save indicator"} <= _buttons(at) if writer else not at.button
    if not writer:
        assert any("Read only" in i.value for i in at.info)
    assert any("SMART check" in m.value for m in at.markdown)


def test_a_pilot_reads_only_their_processes(database):
    at = open_page(PAGE, USERS["pilot"], lang="en")
    objectives = _table(at, "Objective")
    assert {i.split(" — ")[0] for i in objectives["Indicator"]} <= PRODUCTION_INDICATORS
    assert set(_table(at, "Code")["Code"]) <= PRODUCTION_INDICATORS
    assert not at.text_input and not at.number_input and not at.date_input  # no edit form


def test_french_is_the_default(database):
    at = open_page(PAGE, USERS["qse_lead"])
    assert at.title[0].value == "Objectifs et indicateurs"
    assert "Enregistrer l'objectif" in _buttons(at)


def test_lead_creates_an_objective_and_sees_it_listed(database):
    at = open_page(PAGE, USERS["qse_lead"], lang="en")
    at.text_input(key="admin_obj_objective_id_new").set_value("OBJ-NEXT-Q-OEE")
    at.selectbox(key="admin_obj_indicator_id_new").set_value("Q-OEE")
    at.text_input(key="admin_obj_baseline_new").set_value("73,5")
    at.text_input(key="admin_obj_target_new").set_value("76")
    at.text_input(key="admin_obj_alert_threshold_new").set_value("72,0")
    at.date_input(key="admin_obj_deadline_new").set_value(date.today() + timedelta(days=400))
    at.selectbox(key="admin_obj_owner_user_id_new").set_value("u-prod")
    at.text_area(key="admin_obj_rationale_new").set_value("Each OEE point is worth 60 k€ a year.")
    submit_button(at, "admin_objective_form_new").click().run()
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    assert any("OBJ-NEXT-Q-OEE saved" in s.value for s in at.success)
    row = _table(at, "Objective").set_index("Objective").loc["OBJ-NEXT-Q-OEE"]
    assert row["Indicator"].startswith("Q-OEE") and row["SMART"] == "5/5" and row["Site"].startswith("Whole")
    # the form now edits the objective just written; a change needs a reason
    at.text_input(key="admin_obj_target_OBJ-NEXT-Q-OEE").set_value("77")
    submit_button(at, "admin_objective_form_OBJ-NEXT-Q-OEE").click().run()
    no_exception(at)
    assert any(rendered(e.value).startswith("Reason for the change: say why") for e in at.error)
    at.text_input(key="admin_obj_reason_OBJ-NEXT-Q-OEE").set_value("Budget 2027 agreed")
    submit_button(at, "admin_objective_form_OBJ-NEXT-Q-OEE").click().run()
    no_exception(at)
    assert not at.error
    assert _table(at, "Objective").set_index("Objective").loc["OBJ-NEXT-Q-OEE"]["Target"] == "77"


def test_an_invalid_objective_is_refused_in_words(database):
    at = open_page(PAGE, USERS["qse_lead"], lang="en")
    at.text_input(key="admin_obj_objective_id_new").set_value("OBJ-BAD")
    at.selectbox(key="admin_obj_indicator_id_new").set_value("Q-SCRAP")
    at.text_input(key="admin_obj_baseline_new").set_value("1,5")
    at.text_input(key="admin_obj_target_new").set_value("1,8")
    at.date_input(key="admin_obj_deadline_new").set_value(date(2020, 1, 1))
    submit_button(at, "admin_objective_form_new").click().run()
    no_exception(at)
    errors = [rendered(e.value) for e in at.error]
    assert any(e.startswith("Target: this indicator is better when lower") for e in errors)
    assert any(e.startswith("Deadline: the deadline (1 January 2020) must be after today") for e in errors)
    assert any(e.startswith("Owner: required") for e in errors)
    assert "OBJ-BAD" not in set(_table(at, "Objective")["Objective"])
    assert any("✗ to complete · **Time-bound" in rendered(m.value) for m in at.markdown)


def test_lead_creates_an_indicator(database):
    at = open_page(PAGE, USERS["qse_lead"], lang="en")
    values = {
        "admin_ind_indicator_id_new": "S-TRIR",
        "admin_ind_name_fr_new": "Taux de cas enregistrables",
        "admin_ind_name_en_new": "Total recordable incident rate",
        "admin_ind_unit_new": "/200 000 h",
        "admin_ind_numerator_label_fr_new": "Cas enregistrables",
        "admin_ind_numerator_label_en_new": "Recordable cases",
        "admin_ind_denominator_label_fr_new": "Heures travaillées",
        "admin_ind_denominator_label_en_new": "Hours worked",
        "admin_ind_source_new": "OSHA",
    }
    for key, value in values.items():
        at.text_input(key=key).set_value(value)
    choices = {
        "admin_ind_process_id_new": "P-HSE",
        "admin_ind_domain_new": "S",
        "admin_ind_kind_new": "result",
        "admin_ind_polarity_new": "lower_better",
        "admin_ind_aggregation_new": "ratio",
    }
    for key, value in choices.items():
        at.selectbox(key=key).set_value(value)
    submit_button(at, "admin_indicator_form_new").click().run()
    no_exception(at)
    assert any(
        rendered(e.value).startswith("Rate base: a ratio indicator needs a rate base") for e in at.error
    )
    at.text_input(key="admin_ind_rate_base_new").set_value("200 000")
    submit_button(at, "admin_indicator_form_new").click().run()
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    assert "S-TRIR" in set(_table(at, "Code")["Code"])


def test_numbers_typed_the_french_way_are_stored_exactly_or_refused_in_words(database):
    # Issue 12: st.number_input turned a French "91,5" into 915; the form now reads what was typed.
    from smqse import db

    at = open_page(PAGE, USERS["qse_lead"])
    at.text_input(key="admin_obj_objective_id_new").set_value("OBJ-FR-NUMBERS")
    at.selectbox(key="admin_obj_indicator_id_new").set_value("Q-OEE")
    at.text_input(key="admin_obj_baseline_new").set_value("73,5")
    at.text_input(key="admin_obj_target_new").set_value("1,234")  # ambiguous in French: refused
    at.date_input(key="admin_obj_deadline_new").set_value(date.today() + timedelta(days=400))
    at.selectbox(key="admin_obj_owner_user_id_new").set_value("u-prod")
    at.text_area(key="admin_obj_rationale_new").set_value("Chaque point de TRS vaut 60 k€ par an.")
    submit_button(at, "admin_objective_form_new").click().run()
    no_exception(at)
    errors = [rendered(e.value) for e in at.error]
    assert any(e.startswith("Cible") and "1234" in e and "1,2340" in e for e in errors), errors
    at.text_input(key="admin_obj_target_new").set_value("76,5")
    submit_button(at, "admin_objective_form_new").click().run()
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    stored = (
        db.shared_connection(database)
        .sql("SELECT baseline, target FROM objective WHERE objective_id = 'OBJ-FR-NUMBERS'")
        .fetchall()
    )
    assert stored == [(73.5, 76.5)]
