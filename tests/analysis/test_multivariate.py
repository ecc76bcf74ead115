"""Multivariate view: a site shifted on 3 indicators is flagged with them as top contributors; a calm month
flags nobody; the result is deterministic and fast enough for an enterprise panel."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pytest

from smqse.analysis.data_quality import month_range
from smqse.analysis.multivariate import RESULT_SCHEMA, detect_unusual_sites

MONTHS = month_range(date(2023, 11, 1), date(2026, 10, 1))
MONTH = MONTHS[-1]
SHIFTED = ["I01", "I04", "I07"]


def panel(
    *, n_sites: int = 20, n_indicators: int = 10, seed: int = 1, shift_sigmas: float = 0.0
) -> pl.DataFrame:
    """Sites of very different sizes, 10 % noise; site S03's last month moved by `shift_sigmas` σ on
    I01 (up), I04 (down) and I07 (up)."""
    rng = np.random.default_rng(seed)
    sizes = 10 ** rng.uniform(0, 3, n_sites)
    levels = sizes[:, None, None] * (np.arange(n_indicators) + 1)[None, None, :] * 10
    noise = 1 + 0.1 * rng.standard_normal((n_sites, len(MONTHS), n_indicators))
    values = levels * noise
    for k, sign in ((1, 1), (4, -1), (7, 1)):
        values[3, -1, k] = levels[3, 0, k] * (1 + sign * 0.1 * shift_sigmas)
    s, t, k = np.meshgrid(np.arange(n_sites), np.arange(len(MONTHS)), np.arange(n_indicators), indexing="ij")
    return pl.DataFrame(
        {
            "site_id": [f"S{i:02d}" for i in s.ravel()],
            "period": [MONTHS[i] for i in t.ravel()],
            "indicator_id": [f"I{i:02d}" for i in k.ravel()],
            "value": values.ravel(),
        }
    )


@pytest.mark.parametrize("n_indicators", [10, 150])
def test_a_shifted_site_is_flagged_with_its_indicators(n_indicators):
    result = detect_unusual_sites(panel(n_indicators=n_indicators, shift_sigmas=6.0), MONTH)
    assert result.schema == pl.Schema(RESULT_SCHEMA)
    assert result.height == 20
    flagged = result.filter("is_unusual")
    assert flagged["site_id"].to_list() == ["S03"]
    top = result.filter(pl.col("site_id") == "S03")["top_indicators"][0]
    assert sorted(t["indicator_id"] for t in top) == SHIFTED
    directions = {t["indicator_id"]: t["direction"] for t in top}
    assert directions == {"I01": "up", "I04": "down", "I07": "up"}
    assert all(abs(t["z"]) >= 4 for t in top)
    assert result["site_id"][0] == "S03"  # sorted by score, most unusual first
    assert result["score"][0] > result["threshold"][0]


def test_a_calm_month_flags_nobody():
    result = detect_unusual_sites(panel(seed=7), MONTH)
    assert result.height == 20
    assert not result["is_unusual"].any()
    assert result["score"].is_between(0, 1).all()


def test_deterministic():
    frame = panel(shift_sigmas=6.0)
    first = detect_unusual_sites(frame, MONTH)
    again = detect_unusual_sites(frame.sample(fraction=1.0, shuffle=True, seed=3), MONTH)
    assert first.equals(again)


def test_sites_without_data_that_month_are_left_out_and_missing_values_are_imputed():
    frame = panel(shift_sigmas=6.0)
    frame = frame.filter(~((pl.col("site_id") == "S05") & (pl.col("period") == MONTH)))
    frame = frame.filter(~((pl.col("site_id") == "S03") & (pl.col("indicator_id") == "I09")))
    result = detect_unusual_sites(frame, MONTH)
    assert "S05" not in result["site_id"].to_list()
    row = result.filter(pl.col("site_id") == "S03").row(0, named=True)
    assert row["n_indicators"] == 9 and row["is_unusual"]


def test_no_data_in_the_month():
    result = detect_unusual_sites(panel(), date(2030, 1, 1))
    assert result.is_empty() and result.schema == pl.Schema(RESULT_SCHEMA)


def test_enterprise_size_flags_few_calm_sites():
    # Its time is measured by the benchmarks (BENCHMARKS.md), never asserted: a loaded machine would fail it.
    frame = panel(n_sites=300, n_indicators=150, seed=2)
    result = detect_unusual_sites(frame, MONTH)
    assert result.height == 300
    assert result["is_unusual"].sum() <= 10  # about 1 % of calm sites at most


def test_demo_month(demo_con):
    from smqse import db
    from smqse.scope import get_user, scope_for

    scope = scope_for(get_user("u-dg", demo_con), demo_con)
    frame = db.run_query(
        "anomaly_site_month",
        con=demo_con,
        start_month=date(2023, 11, 1),
        end_month=date(2026, 10, 1),
        **scope.params(),
    )
    result = detect_unusual_sites(frame, date(2026, 10, 1))
    assert result.height == frame.filter(pl.col("period") == date(2026, 10, 1))["site_id"].n_unique()
    assert result["top_indicators"].list.len().max() == 3
