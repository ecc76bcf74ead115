"""The attention list on a hand-built organisation whose gaps are known: missing values are reported per
site, a pilot gets only their processes, and the words say what to do."""

from datetime import date

import pytest

from smqse.analysis.attention import ALL_CLEAR, MISSING_DATA, OBJECTIVE_MISSED, count_items
from smqse.db import run_query
from smqse.scope import Scope, get_user, scope_for
from smqse.views.my_indicators import load_attention, load_missing_values
from smqse.words.my_indicators import build_headline, build_item_texts, build_kind_counts
from tests.fixtures import empty_database, insert

AS_OF = date(2026, 10, 1)
MONTHS = [date(2025, m, 1) for m in range(1, 13)] + [date(2026, m, 1) for m in range(1, 11)]


@pytest.fixture(scope="module")
def con():
    con = empty_database()
    insert(
        con,
        "site",
        [
            {"site_id": "ROU", "name": "Rouen (usinage)", "country": "FR", "headcount_fte": 300.0},
            {"site_id": "VAL", "name": "Valence", "country": "FR", "headcount_fte": 200.0},
        ],
    )
    insert(
        con,
        "process",
        [
            {"process_id": "P-PRO", "name_fr": "Production", "name_en": "Production", "family": "operational",
             "pilot_user_id": "u-prod"},
            {"process_id": "P-HSE", "name_fr": "HSE", "name_en": "HSE", "family": "support",
             "pilot_user_id": "u-hse"},
        ],
    )  # fmt: skip
    insert(
        con,
        "app_user",
        [
            {"user_id": "u-dg", "display_name": "Claire Durand (Directrice)", "role": "director"},
            {"user_id": "u-prod", "display_name": "Marc Lambert (Production)", "role": "pilot"},
            {"user_id": "u-hse", "display_name": "Sandrine Faure (HSE)", "role": "pilot"},
        ],
    )
    insert(
        con,
        "user_scope",
        [
            {"user_id": "u-prod", "process_id": "P-PRO", "site_id": None},
            {"user_id": "u-hse", "process_id": "P-HSE", "site_id": "ROU"},
        ],
    )
    common = {"kind": "result", "definition": "", "source": "", "rate_base": None}
    insert(
        con,
        "indicator",
        [
            {**common, "indicator_id": "Q-SCRAP", "process_id": "P-PRO", "domain": "Q", "name_fr": "Taux de rebut",
             "name_en": "Scrap rate", "unit": "t", "polarity": "lower_better", "aggregation": "sum",
             "frequency": "monthly"},
            {**common, "indicator_id": "Q-STAFF", "process_id": "P-PRO", "domain": "Q", "name_fr": "Effectif qualité",
             "name_en": "Quality staff", "unit": "FTE", "polarity": "higher_better", "aggregation": "mean",
             "frequency": "monthly"},
            # Last reported more than 12 months ago: not expected any more.
            {**common, "indicator_id": "Q-OLD", "process_id": "P-PRO", "domain": "Q", "name_fr": "Ancien",
             "name_en": "Old", "unit": "", "polarity": "lower_better", "aggregation": "sum",
             "frequency": "monthly"},
            # Quarterly: not expected every month.
            {**common, "indicator_id": "Q-AUDIT", "process_id": "P-PRO", "domain": "Q", "name_fr": "Audits",
             "name_en": "Audits", "unit": "", "polarity": "higher_better", "aggregation": "sum",
             "frequency": "quarterly"},
            {**common, "indicator_id": "S-TF1", "process_id": "P-HSE", "domain": "S", "name_fr": "TF1",
             "name_en": "LTIFR", "unit": "", "polarity": "lower_better", "aggregation": "ratio",
             "rate_base": 1_000_000.0, "frequency": "monthly"},
        ],
    )  # fmt: skip
    rows = []
    for period in MONTHS:
        for site in ("ROU", "VAL"):
            if not (period == AS_OF and site == "ROU"):  # Rouen's October scrap is late
                rows.append({"indicator_id": "Q-SCRAP", "site_id": site, "period": period, "value": 10.0})
            rows.append({"indicator_id": "Q-STAFF", "site_id": site, "period": period, "value": 80.0})
            if period == AS_OF and site == "VAL":
                continue  # Valence's October TF1 is missing
            if period == AS_OF and site == "ROU":
                # A row without a value (an empty line of an import) is not a value.
                rows.append({"indicator_id": "S-TF1", "site_id": site, "period": period})
                continue
            rows.append(
                {"indicator_id": "S-TF1", "site_id": site, "period": period, "numerator": 3.0,
                 "denominator": 100_000.0, "value": 30.0}
            )  # fmt: skip
        if period.month in (1, 4, 7):
            rows.append({"indicator_id": "Q-AUDIT", "site_id": "ROU", "period": period, "value": 2.0})
    rows.append({"indicator_id": "Q-OLD", "site_id": "ROU", "period": date(2025, 6, 1), "value": 1.0})
    insert(con, "measurement", [{"version": 1, **r} for r in rows])
    insert(
        con,
        "objective",
        [
            # 10 t a month on each site = 200 t by October against 120 t a year: missed.
            {"objective_id": "O-SCRAP", "indicator_id": "Q-SCRAP", "site_id": None, "target": 120.0,
             "alert_threshold": 150.0, "start_on": date(2026, 1, 1), "deadline": date(2026, 12, 31)},
            # Headcount adds across sites (160 FTE a month here) against 200 FTE: missed.
            {"objective_id": "O-STAFF", "indicator_id": "Q-STAFF", "site_id": None, "target": 200.0,
             "alert_threshold": 180.0, "start_on": date(2026, 1, 1), "deadline": date(2026, 12, 31)},
        ],
    )  # fmt: skip
    return con


def _scope(con, user_id: str) -> Scope:
    return scope_for(get_user(user_id, con), con)


def _missing_pairs(items) -> set[tuple[str, str]]:
    missing = items.filter(items["kind"] == MISSING_DATA)
    return set(zip(missing["indicator_id"], missing["site_id"], strict=True))


def test_a_missing_as_of_value_is_reported_per_site(con):
    items = load_attention(_scope(con, "u-dg"), AS_OF, con)
    assert _missing_pairs(items) == {("Q-SCRAP", "ROU"), ("S-TF1", "ROU"), ("S-TF1", "VAL")}
    # Most urgent first: the values to enter lead the list.
    assert items["kind"].to_list()[:3] == [MISSING_DATA] * 3
    first = items.row(0, named=True)
    assert first["period"] == AS_OF
    assert first["last_period"] == date(2026, 9, 1)
    assert first["months_reported"] == 12
    # Neither an indicator silent for more than 12 months nor a quarterly one is "missing".
    assert not {"Q-OLD", "Q-AUDIT"} & {i for i, _ in _missing_pairs(items)}


def test_the_query_gives_the_pilot_and_the_site(con):
    frame = load_missing_values(_scope(con, "u-dg"), date(2026, 10, 17), con)
    scrap = frame.filter(frame["indicator_id"] == "Q-SCRAP").row(0, named=True)
    assert scrap["site_id"] == "ROU" and scrap["site_name"] == "Rouen (usinage)"
    assert scrap["pilot_user_id"] == "u-prod" and scrap["pilot_name"].startswith("Marc Lambert")
    assert scrap["process_id"] == "P-PRO"
    assert load_missing_values(_scope(con, "u-dg"), date(2026, 9, 1), con).is_empty()


def test_every_indicator_appears_and_the_ranking_holds(con):
    items = load_attention(_scope(con, "u-dg"), AS_OF, con)
    assert set(items["indicator_id"]) == {"Q-SCRAP", "Q-STAFF", "Q-OLD", "Q-AUDIT", "S-TF1"}
    assert items["severity"].to_list() == sorted(items["severity"].to_list())
    kinds = {(r["indicator_id"], r["kind"]) for r in items.iter_rows(named=True)}
    assert ("Q-SCRAP", OBJECTIVE_MISSED) in kinds
    assert ("Q-STAFF", OBJECTIVE_MISSED) in kinds
    # S-TF1 has a missing value, so it is not "all clear" even without an objective.
    assert ("S-TF1", ALL_CLEAR) not in kinds


def test_a_pilot_gets_only_their_processes(con):
    prod = load_attention(_scope(con, "u-prod"), AS_OF, con)
    assert set(prod["process_id"]) == {"P-PRO"}
    assert _missing_pairs(prod) == {("Q-SCRAP", "ROU")}
    assert "S-TF1" not in set(prod["indicator_id"])
    # The HSE pilot sees Rouen only: Valence's missing TF1 is not theirs.
    hse = load_attention(_scope(con, "u-hse"), AS_OF, con)
    assert set(hse["process_id"]) == {"P-HSE"}
    assert _missing_pairs(hse) == {("S-TF1", "ROU")}


def test_an_empty_scope_sees_nothing(con):
    assert load_attention(Scope((), (), ()), AS_OF, con).is_empty()
    assert run_query(
        "attention_missing_values", con=con, as_of_month=AS_OF, **Scope((), (), ()).params()
    ).is_empty()


def test_the_words(con):
    items = load_attention(_scope(con, "u-prod"), AS_OF, con)
    texts = build_item_texts(items, "fr", "u-prod")
    assert len(texts) == count_items(items) == 3
    assert texts[0].title.startswith(
        "○ **Valeur d'octobre 2026 manquante** — **Q-SCRAP** Taux de rebut, site Rouen"
    )
    assert "À vous de la saisir." in texts[0].details
    assert texts[1].title.startswith("✗ **Objectif non atteint**")
    assert build_headline(items, "fr") == "3 points demandent votre attention"
    assert "1 valeur à saisir" in build_kind_counts(items, "fr")
    english = build_item_texts(items, "en", "u-dg")
    assert english[0].title.startswith(
        "○ **October 2026 value missing** — **Q-SCRAP** Scrap rate, site Rouen"
    )
    assert "Expected from Marc Lambert." in english[0].details
    assert build_headline(items, "en") == "3 points need your attention"
