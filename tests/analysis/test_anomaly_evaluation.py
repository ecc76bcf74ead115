"""The anomaly detector held to the figures measured on the deterministic evaluation set
(`python -m smqse.evaluation.anomalies`; BENCHMARKS.md, "Anomaly detection (issue 5)")."""

from __future__ import annotations

import pytest

from smqse.analysis.anomalies import detect
from smqse.evaluation import anomalies as evaluation


@pytest.fixture(scope="module")
def synthetic_table():
    table = evaluation.evaluate(evaluation.synthetic_cases())
    return {row["case"]: row for row in table.iter_rows(named=True)}


def test_synthetic_overall(synthetic_table):
    overall = synthetic_table["all"]
    # Issue 13 traded a few false alarms for recall of 4–6 σ spikes (anomaly_recall): still far under 1 / 100.
    assert overall["recall"] >= 0.985  # measured 0.990 (issue 5: 0.975)
    assert overall["precision"] >= 0.94  # measured 0.943 (issue 5: 0.951)
    assert overall["false_alarms_per_100"] <= 0.06  # measured 0.057 (issue 5: 0.048)


def test_synthetic_per_case(synthetic_table):
    assert synthetic_table["spike/dip"]["recall"] == 1.0
    assert synthetic_table["shift"]["recall"] >= 0.95
    assert synthetic_table["small counts + spike"]["recall"] == 1.0
    assert synthetic_table["seasonal + spike"]["recall"] == 1.0  # issue 5: 0.9
    assert synthetic_table["trend (normal)"]["flags"] <= 1  # measured 1 in 2880 points
    assert synthetic_table["small counts (normal)"]["flags"] <= 2  # measured 2 in 2880 points
    assert synthetic_table["seasonal (normal)"]["false_alarms_per_100"] <= 0.18  # measured 0.174


@pytest.fixture(scope="module")
def demo():
    return {case.name: case for case in evaluation.demo_cases()}


def test_demo_ground_truth(demo):
    found, missed, unexplained = [], [], 0
    for name, case in demo.items():
        flagged = detect(evaluation._months(case.values.size), case.values)["is_anomaly"].to_numpy()
        score = evaluation.score_case(case, flagged)
        unexplained += score["flags"] - score["true_flags"]
        (found if score["found"] == score["labels"] else missed).append(name)
    assert len(demo) == 13
    assert missed == [], f"found {found}, missed {missed}"
    assert unexplained <= 1  # measured 1 flag not explained by a label, over 936 points (issue 5: 2)
