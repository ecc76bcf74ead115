"""Issue 12: the indicator form offers the value-alone rule of a ratio (refused by default, or a simple mean),
in the user's language, and stores it."""

from __future__ import annotations

import shutil

import pytest

from smqse.db import shared_connection
from tests.ui.helpers import app_database, no_exception, open_page, submit_button

PAGE = "pages/objectives.py"


@pytest.fixture
def database(demo_db_path, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    with app_database(path):
        yield path


def test_the_lead_creates_a_ratio_allowed_a_value_alone(database):
    at = open_page(PAGE, "u-qse", lang="en")
    rule = at.selectbox(key="admin_ind_value_only_rule_new")
    assert rule.label == "Value alone (no numerator or denominator)"
    assert rule.value == ""  # refused by default
    assert rule.format_func("") == "Refused: numerator and denominator required"
    texts = {
        "admin_ind_indicator_id_new": "Q-AUDIT-SCORE", "admin_ind_name_fr_new": "Score d'audit client",
        "admin_ind_name_en_new": "Customer audit score", "admin_ind_unit_new": "%",
        "admin_ind_numerator_label_fr_new": "Points obtenus", "admin_ind_numerator_label_en_new": "Points scored",
        "admin_ind_denominator_label_fr_new": "Points possibles",
        "admin_ind_denominator_label_en_new": "Points possible",
    }  # fmt: skip
    for key, value in texts.items():
        at.text_input(key=key).set_value(value)
    choices = {
        "admin_ind_process_id_new": "P-PRO", "admin_ind_domain_new": "Q", "admin_ind_kind_new": "result",
        "admin_ind_polarity_new": "higher_better", "admin_ind_aggregation_new": "ratio",
        "admin_ind_value_only_rule_new": "mean_of_values",
    }  # fmt: skip
    for key, value in choices.items():
        at.selectbox(key=key).set_value(value)
    at.text_input(key="admin_ind_rate_base_new").set_value("100")
    submit_button(at, "admin_indicator_form_new").click().run()
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    stored = (
        shared_connection(str(database))
        .cursor()
        .execute("SELECT value_only_rule FROM indicator WHERE indicator_id = 'Q-AUDIT-SCORE'")
        .fetchall()
    )
    assert stored == [("mean_of_values",)]
