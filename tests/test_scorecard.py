"""The scorecard data path on a hand-built organisation whose figures are known."""

from datetime import date

import pytest

from smqse.scope import Scope, get_user, scope_for
from smqse.views.scorecard import data_months, load_scorecard, reference_lists
from tests.fixtures import empty_database, insert

MONTHS = [date(2025, m, 1) for m in range(1, 13)] + [date(2026, m, 1) for m in range(1, 4)]


@pytest.fixture(scope="module")
def con():
    con = empty_database()
    insert(
        con,
        "site",
        [
            {"site_id": "BIG", "name": "Grand site", "country": "FR", "headcount_fte": 600.0},
            {"site_id": "SMALL", "name": "Petit site", "country": "FR", "headcount_fte": 6.0},
        ],
    )
    insert(
        con,
        "process",
        [
            {"process_id": "P-HSE", "name_fr": "HSE", "name_en": "HSE", "family": "support", "pilot_user_id": "u-hse"},
            {"process_id": "P-PRO", "name_fr": "Production", "name_en": "Production", "family": "operational",
             "pilot_user_id": "u-pro"},
        ],
    )  # fmt: skip
    insert(
        con,
        "app_user",
        [
            {"user_id": "u-dg", "display_name": "Directrice", "role": "director"},
            {"user_id": "u-pro", "display_name": "Pilote production", "role": "pilot"},
            {"user_id": "u-hse", "display_name": "Pilote HSE", "role": "pilot"},
            {"user_id": "u-nobody", "display_name": "Sans périmètre", "role": "viewer"},
        ],
    )
    insert(
        con,
        "user_scope",
        [
            {"user_id": "u-pro", "process_id": "P-PRO", "site_id": None},
            {"user_id": "u-hse", "process_id": "P-HSE", "site_id": "SMALL"},
        ],
    )
    common = {"kind": "result", "frequency": "monthly", "definition": "", "source": ""}
    insert(
        con,
        "indicator",
        [
            {**common, "indicator_id": "S-TF1", "process_id": "P-HSE", "domain": "S", "name_fr": "TF1",
             "name_en": "LTIFR", "unit": "", "polarity": "lower_better", "aggregation": "ratio",
             "rate_base": 1_000_000.0},
            {**common, "indicator_id": "Q-SCRAP", "process_id": "P-PRO", "domain": "Q", "name_fr": "Rebuts",
             "name_en": "Scrap", "unit": "t", "polarity": "lower_better", "aggregation": "sum",
             "rate_base": None},
        ],
    )  # fmt: skip
    rows = []
    for period in MONTHS:
        # The big site has 2 lost-time accidents in 1 000 000 h, the small one 1 in 10 000 h.
        rows.append(
            {
                "indicator_id": "S-TF1",
                "site_id": "BIG",
                "period": period,
                "numerator": 2.0,
                "denominator": 1_000_000.0,
                "value": 2.0,
            }
        )
        rows.append(
            {
                "indicator_id": "S-TF1",
                "site_id": "SMALL",
                "period": period,
                "numerator": 1.0,
                "denominator": 10_000.0,
                "value": 100.0,
            }
        )
        rows.append({"indicator_id": "Q-SCRAP", "site_id": "BIG", "period": period, "value": 10.0})
        rows.append({"indicator_id": "Q-SCRAP", "site_id": "SMALL", "period": period, "value": 1.0})
    # A correction: the current value of BIG's scrap in March 2026 is version 2.
    rows.append(
        {"indicator_id": "Q-SCRAP", "site_id": "BIG", "period": date(2026, 3, 1), "value": 40.0, "version": 2}
    )
    insert(con, "measurement", [{"version": 1, **r} for r in rows])  # fmt: skip
    insert(
        con,
        "objective",
        [
            {"objective_id": "O-TF1", "indicator_id": "S-TF1", "site_id": None, "target": 3.0,
             "alert_threshold": 5.0, "start_on": date(2026, 1, 1), "deadline": date(2026, 12, 31)},
            # 120 t a year for the group: 30 t due by the end of March.
            {"objective_id": "O-SCRAP", "indicator_id": "Q-SCRAP", "site_id": None, "target": 120.0,
             "alert_threshold": 160.0, "start_on": date(2026, 1, 1), "deadline": date(2026, 12, 31)},
            {"objective_id": "O-SCRAP-S", "indicator_id": "Q-SCRAP", "site_id": "SMALL", "target": 6.0,
             "alert_threshold": None, "start_on": date(2026, 1, 1), "deadline": date(2026, 12, 31)},
        ],
    )  # fmt: skip
    return con


def _row(card, indicator_id):
    return card.rows.filter(card.rows["indicator_id"] == indicator_id).row(0, named=True)


def test_ratio_across_sites_of_very_different_size(con):
    director = scope_for(get_user("u-dg", con), con)
    card = load_scorecard(director, date(2026, 3, 1), con)
    tf1 = _row(card, "S-TF1")
    # Σ accidents / Σ hours × 10⁶ = 3 / 1 010 000 × 10⁶ ≈ 2.97, not the mean of rates (51).
    assert tf1["latest_value"] == pytest.approx(3 / 1_010_000 * 1e6)
    assert tf1["ytd_value"] == pytest.approx(9 / 3_030_000 * 1e6)
    assert tf1["status"] == "met"


def test_sum_uses_the_latest_version_and_a_prorated_target(con):
    director = scope_for(get_user("u-dg", con), con)
    card = load_scorecard(director, date(2026, 3, 1), con)
    scrap = _row(card, "Q-SCRAP")
    assert scrap["latest_value"] == 41.0  # version 2 (40) + SMALL (1), not version 1
    assert scrap["ytd_value"] == 63.0  # 11 + 11 + 41
    assert scrap["target_due"] == pytest.approx(30.0)
    assert scrap["alert_due"] == pytest.approx(40.0)
    assert scrap["status"] == "missed"
    # February: 22 t against 20 t due and a 26.7 t alert threshold.
    assert scrap["previous_status"] == "at_risk"
    assert scrap["status_changed"] is True
    assert card.changed["indicator_id"].to_list() == ["Q-SCRAP"]


def test_site_objective_applies_when_one_site_is_chosen(con):
    small = scope_for(get_user("u-dg", con), con).narrowed(site_ids=["SMALL"])
    scrap = _row(load_scorecard(small, date(2026, 3, 1), con), "Q-SCRAP")
    assert scrap["ytd_value"] == 3.0
    assert scrap["objective_id"] == "O-SCRAP-S"
    assert scrap["target_due"] == pytest.approx(1.5)  # 6 t a year, 3 months elapsed
    assert scrap["status"] == "missed"


def test_attainment_by_site_uses_site_objectives(con):
    director = scope_for(get_user("u-dg", con), con)
    card = load_scorecard(director, date(2026, 3, 1), con)
    by_site = {r["group_id"]: r for r in card.attainment_by_site.iter_rows(named=True)}
    assert set(by_site) == {"BIG", "SMALL"}
    assert by_site["BIG"]["total"] == 2


def test_pilot_sees_only_their_process(con):
    pilot = scope_for(get_user("u-pro", con), con)
    assert pilot.process_ids == ("P-PRO",)
    assert pilot.site_ids == ("BIG", "SMALL")
    card = load_scorecard(pilot, date(2026, 3, 1), con)
    assert card.rows["indicator_id"].to_list() == ["Q-SCRAP"]
    assert card.attainment_by_process["group_id"].to_list() == ["P-PRO"]
    assert reference_lists(pilot, con)["processes"]["process_id"].to_list() == ["P-PRO"]


def test_site_restricted_pilot_sees_only_their_site(con):
    hse = scope_for(get_user("u-hse", con), con)
    assert hse == Scope(("P-HSE",), ("SMALL",), all_sites=False)
    tf1 = _row(load_scorecard(hse, date(2026, 3, 1), con), "S-TF1")
    assert tf1["latest_value"] == pytest.approx(100.0)


def test_a_user_without_scope_sees_nothing(con):
    nobody = scope_for(get_user("u-nobody", con), con)
    assert nobody.is_empty
    card = load_scorecard(nobody, date(2026, 3, 1), con)
    assert card.rows.is_empty()
    assert data_months(nobody, con) == []


def test_narrowing_never_widens(con):
    pilot = scope_for(get_user("u-pro", con), con)
    assert pilot.narrowed(process_ids=["P-HSE"]).process_ids == ()


def test_a_group_total_target_does_not_judge_one_site(con):
    big = scope_for(get_user("u-dg", con), con).narrowed(site_ids=["BIG"])
    assert not big.all_sites
    card = load_scorecard(big, date(2026, 3, 1), con)
    # 120 t a year is the group's cap: BIG alone has no scrap objective of its own.
    assert _row(card, "Q-SCRAP")["status"] == "no_objective"
    # A rate target holds at any scale.
    assert _row(card, "S-TF1")["objective_id"] == "O-TF1"
    by_site = {
        r["group_id"]: r
        for r in load_scorecard(
            scope_for(get_user("u-dg", con), con), date(2026, 3, 1), con
        ).attainment_by_site.iter_rows(named=True)
    }
    assert by_site["BIG"]["no_objective"] == 1  # Q-SCRAP: judged on SMALL only, which has its own target
