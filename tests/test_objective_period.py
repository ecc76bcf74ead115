"""Objectives judged on their own period, whatever its start and end: the scorecard (group and per site),
my indicators, the drift page and the review pack give the same status (kpi.compute_objective_status)."""

from datetime import date

import polars as pl
import pytest

from smqse.review.content import PackOptions, _load
from smqse.scope import get_user, scope_for
from smqse.views.drift import load_drift
from smqse.views.my_indicators import load_attention
from smqse.views.scorecard import load_scorecard
from tests.fixtures import empty_database, insert

AS_OF = date(2026, 3, 1)


def _months(start: date, end: date) -> list[date]:
    out, month = [], start
    while month <= end:
        out.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return out


@pytest.fixture(scope="module")
def con():
    con = empty_database()
    insert(con, "site", [{"site_id": "A", "name": "Site A", "country": "FR", "headcount_fte": 100.0}])
    insert(
        con,
        "process",
        [
            {
                "process_id": "P-E",
                "name_fr": "Env",
                "name_en": "Env",
                "family": "support",
                "pilot_user_id": "u-p",
            }
        ],
    )
    insert(
        con,
        "app_user",
        [
            {"user_id": "u-dg", "display_name": "Directrice", "role": "director"},
            {"user_id": "u-p", "display_name": "Pilote", "role": "pilot"},
        ],
    )
    insert(con, "user_scope", [{"user_id": "u-p", "process_id": "P-E", "site_id": None}])
    common = {"kind": "result", "frequency": "monthly", "definition": "", "source": "", "process_id": "P-E",
              "domain": "E", "unit": "t", "rate_base": None}  # fmt: skip
    insert(
        con,
        "indicator",
        [
            {**common, "indicator_id": "E-CAP2", "name_fr": "Plafond 2 ans", "name_en": "Two-year cap",
             "polarity": "lower_better", "aggregation": "sum"},
            {**common, "indicator_id": "E-CAP5", "name_fr": "Plafond 5 ans", "name_en": "Five-year cap",
             "polarity": "lower_better", "aggregation": "sum"},
            {**common, "indicator_id": "E-MEAN", "name_fr": "Moyenne", "name_en": "Mean",
             "polarity": "higher_better", "aggregation": "mean"},
        ],
    )  # fmt: skip
    rows = []
    # Two-year cap, July 2025 → June 2027, 240 t (10 a month), alert 264: 20 t a month in 2025, then 5 t.
    # At March 2026: 6 × 20 + 3 × 5 = 135 t for 9 of 24 months — 90 t due, alert at 99 t: beyond the alert.
    # The calendar year to date (15 t) would look fine.
    for m in _months(date(2025, 1, 1), AS_OF):
        rows.append({"indicator_id": "E-CAP2", "period": m, "value": 100.0 if m < date(2025, 7, 1) else
                     20.0 if m.year == 2025 else 5.0})  # fmt: skip
    # Five-year cap, July 2021 → June 2026 (60 months, longer than the 48 months of history read), 600 t,
    # alert 660: 30 t a month until December 2022, 5 t after. March 2026: 540 + 39 × 5 = 735 t for 57 of
    # 60 months — 570 due, alert at 627: beyond the alert (the last 48 months alone hold 465 t).
    for m in _months(date(2021, 7, 1), AS_OF):
        rows.append({"indicator_id": "E-CAP5", "period": m, "value": 30.0 if m.year <= 2022 else 5.0})
    # Mean, July 2025 → June 2026, target 100, alert 90 (higher is better): 50 before July (outside the
    # period), 80 from July to December, 100 since January. Mean over July..March = 86.7: missed, where the
    # calendar year (100) would be met.
    for m in _months(date(2025, 1, 1), AS_OF):
        value = 50.0 if m < date(2025, 7, 1) else 80.0 if m.year == 2025 else 100.0
        rows.append({"indicator_id": "E-MEAN", "period": m, "value": value})
    insert(con, "measurement", [{"version": 1, "site_id": "A", **r} for r in rows])
    objective = {"baseline": None, "tolerance": None}
    insert(
        con,
        "objective",
        [
            {**objective, "objective_id": "O-CAP2", "indicator_id": "E-CAP2", "site_id": None, "target": 240.0,
             "alert_threshold": 264.0, "start_on": date(2025, 7, 1), "deadline": date(2027, 6, 30)},
            {**objective, "objective_id": "O-CAP2-A", "indicator_id": "E-CAP2", "site_id": "A",
             "target": 240.0, "alert_threshold": 264.0, "start_on": date(2025, 7, 1),
             "deadline": date(2027, 6, 30)},
            {**objective, "objective_id": "O-CAP5", "indicator_id": "E-CAP5", "site_id": None, "target": 600.0,
             "alert_threshold": 660.0, "start_on": date(2021, 7, 1), "deadline": date(2026, 6, 30)},
            {**objective, "objective_id": "O-MEAN", "indicator_id": "E-MEAN", "site_id": None, "target": 100.0,
             "alert_threshold": 90.0, "start_on": date(2025, 7, 1), "deadline": date(2026, 6, 30)},
        ],
    )  # fmt: skip
    return con


EXPECTED = {  # indicator: (value to date, target due, status)
    "E-CAP2": (135.0, 90.0, "missed"),
    "E-CAP5": (735.0, 570.0, "missed"),
    "E-MEAN": ((6 * 80 + 3 * 100) / 9, 100.0, "missed"),
}


@pytest.fixture(scope="module", params=["u-dg", "u-p"])
def scope(request, con):
    return scope_for(get_user(request.param, con), con)


def _by_id(frame: pl.DataFrame, column: str) -> dict[str, object]:
    return dict(zip(frame["indicator_id"], frame[column], strict=True))


def test_scorecard_judges_each_objective_on_its_own_period(con, scope):
    rows = load_scorecard(scope, AS_OF, con).rows
    for indicator_id, (value, due, status) in EXPECTED.items():
        row = rows.filter(pl.col("indicator_id") == indicator_id).row(0, named=True)
        assert row["ytd_value"] == pytest.approx(value), indicator_id
        assert row["target_due"] == pytest.approx(due), indicator_id
        assert row["status"] == status, indicator_id


def test_per_site_attainment_uses_the_site_objective_period(con):
    card = load_scorecard(scope_for(get_user("u-dg", con), con), AS_OF, con)
    site = card.attainment_by_site.row(0, named=True)
    # E-CAP2 has a site objective on A (missed on its own period); the other two are group totals.
    assert site["group_id"] == "A" and site["missed"] == 1 and site["met"] == 0


def test_my_indicators_report_the_objective_missed(con, scope):
    items = load_attention(scope, AS_OF, con)
    kinds = _by_id(items.filter(pl.col("kind") != "missing_data"), "kind")
    assert {kinds[i] for i in EXPECTED} == {"objective_missed"}


def test_drift_status_now_is_the_same_and_its_projection_is_a_separate_verdict(con, scope):
    report = load_drift(scope, AS_OF, con)
    group = report.rows.filter(pl.col("site_id").is_null())
    for indicator_id, (value, due, status) in EXPECTED.items():
        row = group.filter(pl.col("indicator_id") == indicator_id).row(0, named=True)
        assert row["ytd_value"] == pytest.approx(value), indicator_id
        assert row["target_due"] == pytest.approx(due), indicator_id
        assert row["status"] == status, indicator_id
        assert row["verdict"] in {"will_miss", "at_risk", "on_track"}
    cell = report.site_gaps.filter(pl.col("indicator_id") == "E-CAP2").row(0, named=True)
    assert cell["status"] == "missed" and cell["gap_ytd"] == pytest.approx(45.0)


def test_review_pack_status_is_the_scorecard_status(con, scope):
    rows = _load(con, scope, PackOptions(as_of=AS_OF)).scorecard_rows
    assert {i: s for i, s in _by_id(rows, "status").items() if i in EXPECTED} == {
        i: e[2] for i, e in EXPECTED.items()
    }


def test_the_status_sentence_and_the_trace_name_the_objective_period(con):
    from smqse.words.scorecard import describe_status
    from smqse.words.shared import objective_trace

    scope = scope_for(get_user("u-dg", con), con)
    card = (
        load_scorecard(scope, AS_OF, con).rows.filter(pl.col("indicator_id") == "E-CAP2").row(0, named=True)
    )
    drift = load_drift(scope, AS_OF, con).rows.filter(pl.col("indicator_id") == "E-CAP2").row(0, named=True)
    assert "July 2025" in describe_status(card, "en") and "January" not in describe_status(card, "en")
    assert objective_trace(card, "en") == objective_trace(drift, "en")
    assert "O-CAP2-A" in objective_trace(card, "en") and "June 2027" in objective_trace(card, "en")


def test_drift_running_value_and_projection_cover_an_objective_longer_than_the_history(con):
    report = load_drift(scope_for(get_user("u-dg", con), con), AS_OF, con)
    row = report.rows.filter(pl.col("indicator_id") == "E-CAP5").row(0, named=True)
    actual = [
        v
        for v, projected in zip(row["running_values"], row["running_projected"], strict=True)
        if not projected
    ]
    assert row["running_periods"][0] == date(2021, 7, 1)
    assert actual[-1] == pytest.approx(735.0)  # the chart's last actual point is the status's value
    assert row["projected_value"] >= 735.0  # three more months of a non-negative total, from 735 t
    assert row["verdict"] == "will_miss" and row["alert_already"]
