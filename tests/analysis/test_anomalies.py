"""smqse.analysis.anomalies.detect: contract, what it finds and where it holds still."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import numpy as np
import polars as pl
import pytest

from smqse.analysis import anomalies
from smqse.analysis.anomalies import detect

CONTRACT = ["period", "value", "expected", "score", "is_anomaly", "reason"]


def months(n: int) -> list[date]:
    return [date(2020 + i // 12, i % 12 + 1, 1) for i in range(n)]


def flags(frame: pl.DataFrame) -> list[int]:
    return frame.with_row_index().filter(pl.col("is_anomaly"))["index"].to_list()


def noise(seed: int, n: int = 72, level: float = 100.0, sigma: float = 5.0) -> np.ndarray:
    return level + np.random.default_rng(seed).normal(0, sigma, n)


def test_contract_columns_and_types():
    out = detect(months(36), noise(0, 36))
    assert out.columns[:6] == CONTRACT
    assert "kind" in out.columns
    assert out.height == 36
    assert out.schema["period"] == pl.Date
    assert out.schema["value"] == pl.Float64
    assert out.schema["expected"] == pl.Float64
    assert out.schema["score"] == pl.Float64
    assert out.schema["is_anomaly"] == pl.Boolean
    assert out.schema["reason"] == pl.Utf8
    assert out["expected"].null_count() == 0


def test_empty_and_length_mismatch():
    assert detect([], []).height == 0
    with pytest.raises(ValueError):
        detect(months(3), [1.0, 2.0])


@pytest.mark.parametrize("sign,kind", [(1, "spike"), (-1, "dip")])
def test_isolated_spike_and_dip_found(sign, kind):
    x = noise(1)
    x[30] += sign * 45
    out = detect(months(72), x)
    assert flags(out) == [30]
    row = out.row(30, named=True)
    assert row["kind"] == kind
    assert kind in row["reason"]
    assert row["score"] > anomalies.SPIKE_SCORE
    assert abs(row["expected"] - 100) < 5  # the baseline is not dragged by the outlier


def test_spike_on_first_and_last_point():
    x = noise(2)
    x[0] += 50
    x[-1] -= 50
    assert flags(detect(months(72), x)) == [0, 71]


def test_level_shift_flags_only_its_first_point():
    x = noise(3)
    x[40:] += 20
    out = detect(months(72), x)
    assert flags(out) == [40]
    row = out.row(40, named=True)
    assert row["kind"] == "shift_up"
    assert row["reason"].startswith("level shift up from")


def test_shift_down_and_two_shifts():
    x = noise(4, n=96)
    x[30:] -= 25
    x[70:] += 25
    out = detect(months(96), x)
    assert flags(out) == [30, 70]
    assert out["kind"].gather([30, 70]).to_list() == ["shift_down", "shift_up"]


def test_seasonal_series_with_normal_winter_peaks_holds_still():
    t = np.arange(72)
    found = set()
    for seed in range(5):
        x = noise(seed) + 40 * np.cos(2 * np.pi * t / 12)  # winter peak 8σ above the mean, every year
        for season_length in (None, 12):
            at = flags(detect(months(72), x, season_length=season_length))
            assert not [i for i in at if i % 12 in (11, 0, 1)]  # never a winter month
            found |= {(seed, i) for i in at}
    # One noise point at 3.9 σ (seed 3, October) passes the 4 σ cut: 1 flag in 360 points.
    assert found <= {(3, 9)}


def test_seasonal_series_spike_is_found_against_the_season():
    t = np.arange(72)
    x = noise(7) + 40 * np.cos(2 * np.pi * t / 12)
    x[42] += 40  # in July: a winter-sized value in summer
    out = detect(months(72), x, season_length=12)
    assert flags(out) == [42]


def test_the_seasonal_baseline_is_the_one_decomposition_and_needs_no_statsmodels():
    # The baseline of a seasonal series is smqse.analysis.seasonality's decomposition (robustly reweighted),
    # pure NumPy: the stored scan runs it on 45 000 series, and the trends page shows the same season.
    code = (
        "import sys, numpy as np\n"
        "from smqse.analysis import seasonality\n"
        "from smqse.analysis.anomalies import _seasonal_fit, detect\n"
        "t = np.arange(72)\n"
        "x = 100 + 40 * np.cos(2 * np.pi * t / 12) + np.random.default_rng(7).normal(0, 5, 72)\n"
        "clean = x.copy()\n"
        "x[42] += 40\n"
        "out = detect(list(range(72)), x)\n"
        "assert out['is_anomaly'].to_list().index(True) == 42\n"
        "expected, seasonal = _seasonal_fit(x, 12, np.zeros(72, dtype=bool))\n"
        "plain = seasonality.decompose(clean)\n"
        "assert np.max(np.abs(seasonal - plain.seasonal)) < 1.5  # the spike barely moves July's index\n"
        "assert not [m for m in sys.modules if m.startswith('statsmodels')]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_linear_trend_holds_still():
    t = np.arange(72)
    for seed, slope in [(0, 2.0), (1, -3.0), (2, 0.5), (3, 8.0)]:
        assert flags(detect(months(72), noise(seed) + slope * t)) == []


def test_poisson_small_counts_hold_still():
    total = 0
    for seed in range(50):
        lam = 0.3 + seed / 10
        x = np.random.default_rng(seed).poisson(lam, 72)
        total += len(flags(detect(months(72), x)))
    assert total <= 2  # 2 in 3600 points: 0.06 per 100 (the budget: under 1)


def test_poisson_zero_is_never_a_dip_and_a_big_count_is_a_spike():
    x = np.random.default_rng(9).poisson(2.0, 72)
    x[10] = 0
    x[50] = 15
    out = detect(months(72), x.tolist())
    assert flags(out) == [50]
    assert "Poisson" in out["reason"][50]


def test_short_series_falls_back_and_says_so():
    x = noise(5, n=18)
    x[9] += 50
    out = detect(months(18), x, season_length=12)
    assert flags(out) == [9]
    assert all("short series" in r for r in out["reason"].to_list())


def test_too_short_series_is_not_judged():
    out = detect(months(4), [1.0, 2.0, 50.0, 1.0])
    assert not out["is_anomaly"].any()
    assert all("too few" in r for r in out["reason"].to_list())


def test_missing_values_kept_not_flagged():
    x = noise(6).tolist()
    x[5] = None
    x[20] = float("nan")
    x[40] = x[40] + 50
    out = detect(months(72), x)
    assert out.height == 72
    assert flags(out) == [40]
    for i in (5, 20):
        row = out.row(i, named=True)
        assert row["value"] is None
        assert row["reason"] == "missing"
        assert row["kind"] == "missing"
        assert row["is_anomaly"] is False


@pytest.mark.parametrize("kind", ["list", "numpy", "polars"])
def test_input_types(kind):
    x = noise(8)
    x[12] += 50
    p = months(72)
    if kind == "list":
        periods, values = p, x.tolist()
    elif kind == "numpy":
        periods, values = np.array(p, dtype="datetime64[D]"), x
    else:
        periods, values = pl.Series(p), pl.Series(x)
    out = detect(periods, values)
    assert out.height == 72
    assert flags(out) == [12]


def test_season_length_given_on_a_non_seasonal_series_holds_still():
    total = sum(len(flags(detect(months(48), noise(seed, n=48), season_length=12))) for seed in range(20))
    # 1 in 960 points (seed 13: a 3.4 σ dip among high neighbours, flagged the same without a season length).
    assert total <= 1


def test_a_spike_in_a_two_year_series_is_found():
    # With exactly 24 months every series looks "perfectly seasonal" to a classical decomposition;
    # the detector must not let a seasonal fit swallow the spike.
    rng = np.random.default_rng(7)
    values = (100 + rng.normal(0, 3, 24)).tolist()
    values[15] = 400.0
    periods = [date(2024 + i // 12, i % 12 + 1, 1) for i in range(24)]
    out = anomalies.detect(periods, values)
    assert out["is_anomaly"].to_list()[15]


def test_shift_placed_at_its_start_not_on_a_high_month_before_it():
    # A high month (not a spike) a few months before the step pulls a least-squares split onto it;
    # the step is placed by absolute deviations from each side's median.
    x = noise(16)
    x[50:] += 12
    x[45] += 15
    out = detect(months(72), x)
    assert flags(out) == [50]  # a plain least-squares split puts it at 45
