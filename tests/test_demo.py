"""The seeded demo organisation: determinism, size, realism, and the ground-truth signals it injects."""

from __future__ import annotations

import hashlib
import time
from datetime import date

import numpy as np
import pytest

from smqse.db import connect
from smqse.demo import DEMO_END_MONTH, DemoSize, build_demo, load_ground_truth

TABLES = (
    "site",
    "process",
    "app_user",
    "user_scope",
    "indicator",
    "measurement",
    "objective",
    "cause",
    "event",
    "action",
    "audit",
    "review",
    "review_decision",
)


def _build(size: DemoSize | None = None, seed: int = 20261):
    con = connect(":memory:")
    build_demo(con, size, seed=seed)
    return con


def _rows(con, sql: str, params=None) -> list[tuple]:
    return con.cursor().execute(sql, params or {}).fetchall()


def _one(con, sql: str, params=None):
    return _rows(con, sql, params)[0][0]


def _digest(con, table: str) -> str:
    return hashlib.sha256(repr(_rows(con, f"SELECT * FROM {table} ORDER BY ALL")).encode()).hexdigest()


@pytest.fixture(scope="module")
def demo():
    con = _build()
    yield con
    con.close()


# --- size, speed, determinism ------------------------------------------------------------------------------


def test_small_demo_builds_fast_and_identically():
    start = time.perf_counter()
    first = _build(DemoSize.small())
    assert time.perf_counter() - start < 2.0
    second = _build(DemoSize.small())
    for table in TABLES:
        assert _digest(first, table) == _digest(second, table), table
    assert _one(first, "SELECT count(*) FROM site") == 2
    assert 70 <= _one(first, "SELECT count(*) FROM event") <= 90
    other = _build(DemoSize.small(), seed=7)
    assert _digest(other, "measurement") != _digest(first, "measurement")


def test_measurement_rows_are_sites_times_indicators_times_months():
    con = _build(DemoSize(sites=3, indicators=10, years=2))
    assert _one(con, "SELECT count(*) FROM measurement") == 3 * 10 * 24
    # A small selection still covers the three domains.
    assert {r[0] for r in _rows(con, "SELECT DISTINCT domain FROM indicator")} == {"Q", "S", "E"}
    first, last = _rows(con, "SELECT min(period), max(period) FROM measurement")[0]
    assert (first, last) == (date(2024, 11, 1), DEMO_END_MONTH)


def test_larger_sizes_synthesise_sites_and_indicator_variants():
    con = _build(DemoSize(sites=6, indicators=55, years=1, events=100))
    sites = [r[0] for r in _rows(con, "SELECT site_id FROM site ORDER BY site_id")]
    assert {"S001", "S002", "LYON"} <= set(sites) and len(sites) == 6
    assert _one(con, "SELECT count(*) FROM indicator WHERE indicator_id LIKE '_-X%'") == 5
    # Variants are bilingual too: a French and an English definition each.
    undefined = "SELECT count(*) FROM indicator WHERE coalesce(trim(definition), '') = '' OR "
    assert _one(con, undefined + "coalesce(trim(definition_en), '') = ''") == 0
    assert _one(con, "SELECT count(*) FROM measurement") == 6 * 55 * 12
    bad = "SELECT count(*) FROM measurement JOIN indicator USING (indicator_id) WHERE aggregation = 'ratio' AND "
    assert _one(con, bad + "(denominator IS NULL OR denominator <= 0 OR numerator IS NULL)") == 0
    assert _one(con, bad + "(value < min_value OR value > max_value)") == 0


def test_refuses_a_database_that_is_not_empty():
    con = _build(DemoSize.small())
    before = _one(con, "SELECT count(*) FROM measurement")
    with pytest.raises(ValueError, match="empty"):
        build_demo(con, DemoSize.small())
    assert _one(con, "SELECT count(*) FROM measurement") == before


# --- the organisation ------------------------------------------------------------------------------------------


def test_sites_processes_users_and_scopes(demo):
    ftes = [r[0] for r in _rows(demo, "SELECT headcount_fte FROM site ORDER BY headcount_fte")]
    assert len(ftes) >= 4 and ftes[-1] >= 4 * ftes[0]
    processes = _rows(
        demo,
        "SELECT p.process_id, p.family, u.role FROM process p JOIN app_user u ON u.user_id = p.pilot_user_id",
    )
    assert len(processes) == 10 and {r[2] for r in processes} == {"pilot"}
    assert {r[1] for r in processes} == {"management", "operational", "support"}
    roles = {r[0]: r[1] for r in _rows(demo, "SELECT role, count(*) FROM app_user GROUP BY role")}
    assert roles["director"] == 1 and roles["qse_lead"] == 1 and roles["viewer"] >= 1
    # Every pilot sees the processes they pilot, at every site (NULL site, not an empty string).
    missing = _rows(
        demo,
        "SELECT process_id FROM process p WHERE NOT EXISTS (SELECT 1 FROM user_scope s "
        "WHERE s.user_id = p.pilot_user_id AND s.process_id = p.process_id AND s.site_id IS NULL)",
    )
    assert missing == []
    assert _one(demo, "SELECT count(*) FROM user_scope WHERE site_id = ''") == 0
    viewer = {r[0] for r in _rows(demo, "SELECT process_id FROM user_scope WHERE user_id = 'u-cse'")}
    assert viewer == {"P-HSE", "P-RH"}


def test_indicator_catalogue(demo):
    rows = _rows(
        demo,
        "SELECT indicator_id, domain, kind, aggregation, rate_base, numerator_label_fr, "
        "denominator_label_en, unit, min_value, max_value, definition, source, definition_en FROM indicator",
    )
    assert len(rows) >= 45
    assert {(r[1], r[2]) for r in rows} == {(d, k) for d in "QSE" for k in ("activity", "result")}
    for r in rows:
        assert r[10] and r[11], r[0]  # definition and source
        assert r[12] and r[12].strip() and r[12] != r[10], r[0]  # English definition, not the French one
        if r[3] == "ratio":
            assert r[4] and r[5] and r[6], r[0]
        else:
            assert r[4] is None, r[0]
        if r[7] == "%":
            assert (r[8], r[9]) == (0, 100), r[0]
    ids = {r[0] for r in rows}
    assert {
        "S-HOURS",
        "S-FTE",
        "S-TF1",
        "S-TF2",
        "S-TG",
        "S-LTA",
        "S-NEARMISS",
        "Q-PPM-CUST",
        "Q-PPM-SUPP",
        "Q-OTD",
        "Q-COMPLAINTS",
        "Q-COMPL-RATE",
        "Q-FPY",
        "Q-SCRAP",
        "Q-COPQ",
        "E-ENERGY",
        "E-ENERGY-INT",
        "E-CO2-S1",
        "E-CO2-S2",
        "E-GHG-INT",
        "E-WASTE-REC",
        "E-PH",
    } <= ids
    assert (
        _one(
            demo,
            "SELECT count(*) FROM indicator i LEFT JOIN process p USING (process_id) "
            "WHERE p.process_id IS NULL",
        )
        == 0
    )


def test_cause_tree(demo):
    rows = _rows(
        demo,
        "SELECT c.cause_id, c.category, p.category, p.parent_id, c.parent_id FROM cause c "
        "LEFT JOIN cause p ON p.cause_id = c.parent_id",
    )
    assert 40 <= len(rows) <= 60
    assert {r[1] for r in rows} == {
        "manpower",
        "method",
        "machine",
        "material",
        "milieu",
        "measurement",
        "management",
    }
    for cause_id, category, parent_category, _grandparent, parent in rows:
        if parent is not None:
            assert parent_category == category, cause_id  # the parent exists, same branch
    assert max(3 if r[3] else 2 if r[4] else 1 for r in rows) == 3


# --- measurements ----------------------------------------------------------------------------------------------


def test_every_indicator_site_month_once(demo):
    n = _one(demo, "SELECT count(*) FROM measurement")
    assert n == _one(demo, "SELECT count(*) FROM indicator") * _one(demo, "SELECT count(*) FROM site") * 72
    assert _one(demo, "SELECT count(DISTINCT (indicator_id, site_id, period)) FROM measurement") == n
    assert (
        _one(
            demo,
            "SELECT count(*) FROM measurement WHERE day(period) <> 1 OR version <> 1 "
            "OR import_id IS NOT NULL OR entered_at < period + INTERVAL 1 MONTH",
        )
        == 0
    )
    assert (
        _one(
            demo,
            "SELECT count(*) FROM measurement m JOIN indicator i USING (indicator_id) "
            "JOIN process p USING (process_id) WHERE m.entered_by <> p.pilot_user_id",
        )
        == 0
    )


def test_values_are_consistent_and_in_range(demo):
    base = "SELECT count(*) FROM measurement m JOIN indicator i USING (indicator_id) WHERE "
    assert (
        _one(
            demo,
            base + "aggregation = 'ratio' AND (numerator IS NULL OR denominator IS NULL OR denominator <= 0)",
        )
        == 0
    )
    assert (
        _one(demo, base + "aggregation <> 'ratio' AND (numerator IS NOT NULL OR denominator IS NOT NULL)")
        == 0
    )
    assert _one(demo, base + "value IS NULL OR value < min_value OR value > max_value") == 0
    # value = numerator / denominator × base, up to the rounding of the stored value (one decimal at least)
    assert (
        _one(
            demo, base + "aggregation = 'ratio' AND abs(value - numerator / denominator * rate_base) > 0.0501"
        )
        == 0
    )
    assert _one(demo, base + "unit = 'nb' AND value <> round(value)") == 0
    assert (
        _one(
            demo,
            base + "indicator_id IN ('S-HOURS', 'S-TF1') AND (coalesce(numerator, value) "
            "<> round(coalesce(numerator, value)))",
        )
        == 0
    )


def test_indicators_share_their_underlying_quantities(demo):
    def pairs(a: str, b: str) -> int:
        return _one(
            demo,
            f"SELECT count(*) FROM measurement x JOIN measurement y USING (site_id, period) "
            f"WHERE x.indicator_id = '{a.split('.')[0]}' AND y.indicator_id = '{b.split('.')[0]}' "
            f"AND x.{a.split('.')[1]} <> y.{b.split('.')[1]}",
        )

    assert pairs("S-TF1.numerator", "S-LTA.value") == 0
    assert pairs("S-TF1.denominator", "S-HOURS.value") == 0
    assert pairs("S-TG.denominator", "S-HOURS.value") == 0
    assert pairs("E-ENERGY-INT.numerator", "E-ENERGY.value") == 0
    assert pairs("E-ENERGY-INT.denominator", "Q-OUTPUT.value") == 0
    assert pairs("Q-COMPL-RATE.numerator", "Q-COMPLAINTS.value") == 0


def test_accident_log_matches_safety_indicators(demo):
    mismatches = _rows(
        demo,
        """
        WITH log AS (
            SELECT site_id, date_trunc('month', occurred_on)::DATE AS period,
                   count(*) FILTER (WHERE lost_days > 0) AS lta, count(*) AS accidents, sum(lost_days) AS days
            FROM event WHERE event_type = 'accident' GROUP BY ALL)
        SELECT tf2.site_id, tf2.period FROM measurement tf2
        JOIN measurement tg ON tg.site_id = tf2.site_id AND tg.period = tf2.period AND tg.indicator_id = 'S-TG'
        JOIN measurement lta ON lta.site_id = tf2.site_id AND lta.period = tf2.period AND lta.indicator_id = 'S-LTA'
        LEFT JOIN log ON log.site_id = tf2.site_id AND log.period = tf2.period
        WHERE tf2.indicator_id = 'S-TF2'
          AND (coalesce(log.accidents, 0) <> tf2.numerator OR coalesce(log.lta, 0) <> lta.value
               OR coalesce(log.days, 0) <> tg.numerator)
        """,
    )
    assert mismatches == []


def test_realistic_texture(demo):
    # Small sites have many months without lost-time accident; the August shutdown lowers the hours.
    zero_share = _one(
        demo,
        "SELECT avg((value = 0)::INT) FROM measurement WHERE indicator_id = 'S-LTA' AND site_id = 'VALENCE'",
    )
    assert zero_share > 0.6
    august = _one(
        demo,
        "SELECT avg(value) FILTER (WHERE month(period) = 8) / avg(value) FROM measurement "
        "WHERE indicator_id = 'S-HOURS'",
    )
    assert august < 0.6
    winter = _one(
        demo,
        "SELECT avg(value) FILTER (WHERE month(period) IN (1, 2)) / avg(value) FILTER "
        "(WHERE month(period) IN (6, 7)) FROM measurement WHERE indicator_id = 'E-ENERGY'",
    )
    assert winter > 1.1


# --- events, actions, audits, review ---------------------------------------------------------------------------


def test_events(demo):
    assert 550 <= _one(demo, "SELECT count(*) FROM event") <= 650
    types = {r[0] for r in _rows(demo, "SELECT DISTINCT event_type FROM event")}
    assert len(types) == 8
    statuses = {r[0] for r in _rows(demo, "SELECT DISTINCT status FROM event")}
    assert statuses == {"open", "in_analysis", "action_in_progress", "closed"}
    assert (
        _one(
            demo,
            "SELECT count(*) FROM event WHERE severity NOT BETWEEN 1 AND 5 OR cost < 0 "
            "OR occurred_on > DATE '2026-10-31' OR title IS NULL OR description IS NULL",
        )
        == 0
    )
    assert (
        _one(
            demo,
            "SELECT count(*) FROM event WHERE (supplier IS NOT NULL) "
            "<> (event_type = 'supplier_nonconformity')",
        )
        == 0
    )
    assert (
        _one(demo, "SELECT count(*) FROM event WHERE (lost_days IS NOT NULL) <> (event_type = 'accident')")
        == 0
    )
    assert (
        _one(
            demo,
            "SELECT count(*) FROM event e WHERE cause_id IS NOT NULL AND EXISTS "
            "(SELECT 1 FROM cause c WHERE c.parent_id = e.cause_id)",
        )
        == 0
    )  # only leaf causes
    costs = np.array([r[0] for r in _rows(demo, "SELECT cost FROM event WHERE cost > 0")])
    assert costs.max() > 10 * np.median(costs)  # heavy tail


def test_causes_follow_a_pareto(demo):
    counts = sorted(
        (
            r[0]
            for r in _rows(demo, "SELECT count(*) FROM event WHERE cause_id IS NOT NULL GROUP BY cause_id")
        ),
        reverse=True,
    )
    leaves = _one(
        demo,
        "SELECT count(*) FROM cause c WHERE NOT EXISTS (SELECT 1 FROM cause k "
        "WHERE k.parent_id = c.cause_id)",
    )
    top = int(np.ceil(0.2 * leaves))
    assert sum(counts[:top]) / sum(counts) >= 0.7


def test_actions(demo):
    assert 250 <= _one(demo, "SELECT count(*) FROM action") <= 350

    def distinct(col):
        return {r[0] for r in _rows(demo, f"SELECT DISTINCT {col} FROM action")}

    assert distinct("status") == {"planned", "in_progress", "done", "verified", "cancelled"}
    assert distinct("action_type") == {"corrective", "preventive", "improvement", "containment"}
    assert distinct("origin") == {"event", "audit", "review", "objective"}
    assert (
        _one(
            demo,
            "SELECT count(*) FROM action WHERE due_on < DATE '2026-10-01' "
            "AND status IN ('planned', 'in_progress')",
        )
        >= 5
    )  # overdue
    assert (
        _one(
            demo,
            "SELECT count(*) FROM action WHERE (effectiveness IS NULL) "
            "<> (status IN ('planned', 'in_progress', 'cancelled'))",
        )
        == 0
    )
    assert (
        _one(
            demo,
            "SELECT count(*) FROM action WHERE (closed_on IS NULL) <> (status IN ('planned', 'in_progress'))",
        )
        == 0
    )
    assert (
        _one(
            demo,
            "SELECT count(*) FROM action WHERE due_on < opened_on OR closed_on < opened_on "
            "OR progress_pct NOT BETWEEN 0 AND 100",
        )
        == 0
    )
    assert (
        _one(
            demo,
            "SELECT count(*) FROM action a JOIN process p USING (process_id) "
            "WHERE origin <> 'review' AND a.owner_user_id <> p.pilot_user_id",
        )
        == 0
    )
    assert (
        _one(
            demo,
            "SELECT count(*) FROM action a LEFT JOIN event e ON e.event_id = a.origin_id "
            "WHERE a.origin = 'event' AND e.event_id IS NULL",
        )
        == 0
    )


def test_audits_and_review(demo):
    kinds = {r[0] for r in _rows(demo, "SELECT DISTINCT audit_type FROM audit")}
    assert {"internal", "certification", "surveillance"} <= kinds
    assert (
        _one(demo, "SELECT count(*) FROM audit WHERE planned_on > DATE '2026-10-31' AND done_on IS NULL") > 0
    )
    assert (
        _one(
            demo,
            "SELECT count(*) FROM audit WHERE done_on > DATE '2026-10-31' "
            "OR (done_on IS NULL) <> (nc_minor IS NULL)",
        )
        == 0
    )
    assert _rows(demo, "SELECT held_on, period_start, period_end FROM review") == [
        (date(2026, 1, 22), date(2025, 1, 1), date(2025, 12, 31))
    ]
    decisions = _rows(
        demo,
        "SELECT d.decision_type, d.action_id, a.origin_id, d.decision_id FROM review_decision d "
        "LEFT JOIN action a USING (action_id)",
    )
    assert 6 <= len(decisions) <= 8
    assert {d[0] for d in decisions} == {"improvement", "system_change", "resources"}
    linked = [d for d in decisions if d[1]]
    assert len(linked) >= 3 and all(d[2] == d[3] for d in linked)


# --- objectives --------------------------------------------------------------------------------------------


def _status(polarity, actual, target, alert, tolerance):
    if polarity == "target_band":
        gap = abs(actual - target)
        return "met" if gap <= tolerance else "at_risk" if gap <= abs(alert - target) else "missed"
    sign = 1 if polarity == "higher_better" else -1
    return (
        "met" if sign * actual >= sign * target else "at_risk" if sign * actual >= sign * alert else "missed"
    )


def _objectives_2026(con) -> dict[str, tuple[str | None, str]]:
    """(site, status) of each 2026 objective from the data, read as documented in smqse.demo.objectives."""
    rows = _rows(
        con,
        """
        SELECT o.objective_id, i.polarity, o.target, o.alert_threshold, o.tolerance, o.site_id,
               CASE i.aggregation
                   WHEN 'ratio' THEN sum(m.numerator) / sum(m.denominator) * any_value(i.rate_base)
                   WHEN 'sum' THEN sum(m.value) * 12 / count(DISTINCT m.period)
                   ELSE sum(m.value) / count(DISTINCT m.period) END
        FROM objective o JOIN indicator i USING (indicator_id)
        JOIN measurement m ON m.indicator_id = o.indicator_id AND (o.site_id IS NULL OR m.site_id = o.site_id)
             AND m.period BETWEEN o.start_on AND o.deadline
        WHERE o.deadline = DATE '2026-12-31' AND i.aggregation <> 'last'
        GROUP BY o.objective_id, i.polarity, o.target, o.alert_threshold, o.tolerance, o.site_id, i.aggregation
        """,
    )
    return {r[0]: (r[5], _status(r[1], r[6], r[2], r[3], r[4])) for r in rows}


def test_objectives_are_smart_and_mixed(demo):
    rows = _rows(
        demo,
        "SELECT o.objective_id, i.polarity, o.baseline, o.target, o.alert_threshold, o.tolerance, "
        "o.site_id, o.owner_user_id = p.pilot_user_id, o.start_on, o.deadline FROM objective o "
        "JOIN indicator i USING (indicator_id) JOIN process p USING (process_id)",
    )
    for oid, polarity, baseline, target, alert, tolerance, _, owner_ok, start, deadline in rows:
        assert owner_ok and start.month == start.day == 1 and (deadline.month, deadline.day) == (12, 31), oid
        if polarity == "lower_better":
            assert alert > target and (target < baseline or target == 0), oid
        elif polarity == "higher_better":
            assert alert < target and target > baseline, oid
        else:
            assert tolerance > 0 and abs(alert - target) > tolerance, oid
    years = {r[8].year for r in rows}
    assert years == {2024, 2025, 2026}
    without = _one(
        demo,
        "SELECT count(*) FROM indicator i WHERE NOT EXISTS (SELECT 1 FROM objective o "
        "WHERE o.indicator_id = i.indicator_id)",
    )
    assert 2 <= without <= 3
    assert (
        _one(
            demo,
            "SELECT count(*) FROM objective WHERE indicator_id = 'S-LTA' AND target = 0 "
            "AND site_id IS NOT NULL",
        )
        > 0
    )  # zero-accident objectives
    assert _one(demo, "SELECT count(*) FROM objective WHERE cost > 0 AND expected_benefit > cost") > 0

    status = _objectives_2026(demo)
    group = [s for site, s in status.values() if site is None]
    shares = {s: group.count(s) / len(group) for s in ("met", "at_risk", "missed")}
    assert shares["met"] >= 0.35 and shares["at_risk"] >= 0.15 and shares["missed"] >= 0.15, shares


def test_forced_objective_statuses_hold(demo):
    status = _objectives_2026(demo)
    for sig in load_ground_truth()["signals"]:
        if sig.get("objective_2026"):
            oid = f"OBJ-2026-{sig['indicator_id']}-{sig['site_id']}"
            assert status[oid] == (sig["site_id"], sig["objective_2026"]), oid


# --- ground truth ------------------------------------------------------------------------------------------


def test_ground_truth_is_well_formed(demo):
    truth = load_ground_truth()
    assert load_ground_truth() is not truth  # a fresh copy each time
    signals = truth["signals"]
    kinds = [s["type"] for s in signals]
    assert kinds.count("shift") >= 4 and kinds.count("outlier") >= 5 and kinds.count("drift") >= 3
    indicators = {r[0] for r in _rows(demo, "SELECT indicator_id FROM indicator")}
    sites = {r[0] for r in _rows(demo, "SELECT site_id FROM site")}
    for s in signals:
        assert s["indicator_id"] in indicators and s["site_id"] in sites, s
        assert s["description"] and isinstance(s["magnitude"], (int, float))
        assert "2020-11" <= s["start"] <= "2026-10" and s.get("end", s["start"]) >= s["start"]
    recent = {s["type"] for s in signals if s["start"] >= "2026-05"}
    assert {"shift", "outlier"} <= recent


def _series(con, indicator_id: str, site_id: str) -> tuple[list[str], np.ndarray]:
    rows = _rows(
        con,
        "SELECT strftime(period, '%Y-%m'), value FROM measurement WHERE indicator_id = $i "
        "AND site_id = $s ORDER BY period",
        {"i": indicator_id, "s": site_id},
    )
    return [r[0] for r in rows], np.array([r[1] for r in rows])


@pytest.mark.parametrize(
    "signal", load_ground_truth()["signals"], ids=lambda s: f"{s['type']}-{s['indicator_id']}"
)
def test_injected_signal_is_visible(demo, signal):
    """Outliers stand out from their neighbours; shifts and drifts from the same months a year before."""
    periods, values = _series(demo, signal["indicator_id"], signal["site_id"])
    i, m = periods.index(signal["start"]), signal["magnitude"]
    if signal["type"] == "outlier":
        neighbours = np.r_[values[max(0, i - 3) : i], values[i + 1 : i + 4]]
        change = values[i] / np.median(neighbours) - 1
    else:
        end = periods.index(signal["end"]) if signal.get("end") else len(periods) - 1
        window = (
            range(max(i, end - 2), end + 1) if signal["type"] == "drift" else range(i, min(end, i + 11) + 1)
        )
        change = values[list(window)].mean() / values[[k - 12 for k in window]].mean() - 1
    assert np.sign(change) == np.sign(m) and abs(change) >= 0.5 * abs(m), change
