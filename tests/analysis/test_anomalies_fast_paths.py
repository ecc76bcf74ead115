"""The detector's fast paths used by the stored scan (45 000 series): the same answers as the reference.

`flagged_points` (no frame per series) against `detect`'s flagged rows, and the detector's medians against
NumPy's, bit for bit, on seeded series and arrays of every shape the detector meets."""

from __future__ import annotations

import warnings
from datetime import date

import numpy as np
import pytest

from smqse.analysis import anomalies
from smqse.analysis.anomalies import detect, flagged_points


def _months(n: int) -> list[date]:
    return [date(2020 + i // 12, i % 12 + 1, 1) for i in range(n)]


def _series(seed: int) -> np.ndarray:
    """One series of each kind the detector tells apart: plain noise with a spike and a shift, a seasonal
    series (seasonal decomposition), small counts (Poisson), a rare-event rate (intermittent), a positive
    series whose noise grows with its level (proportional), a short series, holes, and a series too short to
    judge."""
    rng = np.random.default_rng(seed)
    kind = seed % 8
    n = 48 if kind != 5 else 20
    t = np.arange(n)
    if kind == 0:
        x = 100 + rng.normal(0, 5, n)
        x[30:] += 40
        x[10] += 60
    elif kind == 1:
        x = 200 + 60 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 4, n)
        x[25] += 80
    elif kind == 2:
        x = rng.poisson(3, n).astype(float)
        x[40] = 25
    elif kind == 3:
        x = np.where(rng.random(n) < 0.4, 0.0, np.exp(rng.normal(1, 0.3, n)))
        x[12] = 500
    elif kind == 4:
        level = 50 * np.exp(0.04 * t) * (1 + 0.5 * np.sin(2 * np.pi * t / 12))
        x = level * (1 + rng.normal(0, 0.05, n))
    elif kind == 5:
        x = 10 + rng.normal(0, 1, n)
        x[15] = 30
    elif kind == 6:
        x = 80 + 0.8 * t + rng.normal(0, 3, n)
        x[rng.choice(n, 5, replace=False)] = np.nan
        x[35] = 200
    else:
        x = np.array([1.0, np.nan, 3.0, 4.0, np.nan])
    return x


@pytest.mark.parametrize("seed", range(48))
def test_flagged_points_are_detects_flagged_rows(seed):
    values = _series(seed)
    frame = detect(_months(values.size), values)
    expected = [
        (i, r["value"], r["expected"], r["score"], r["kind"], r["reason"])
        for i, r in enumerate(frame.iter_rows(named=True))
        if r["is_anomaly"]
    ]
    assert flagged_points(values) == expected
    assert flagged_points(values.tolist()) == expected


def test_the_seeded_series_cover_every_kind_of_flag():
    kinds = {point[4] for seed in range(48) for point in flagged_points(_series(seed))}
    assert {"spike", "dip", "shift_up"} <= kinds


def test_medians_are_numpys_bit_for_bit():
    rng = np.random.default_rng(7)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # NumPy's all-NaN slices
        for _ in range(3000):
            n = int(rng.integers(1, 60))
            a = rng.normal(size=n) * 10.0 ** int(rng.integers(-3, 5))
            if rng.random() < 0.3:
                a = np.round(a)  # ties
            assert np.array_equal(anomalies._median(a), np.median(a))
            if rng.random() < 0.5:
                a[rng.random(n) < 0.4] = np.nan
            assert np.array_equal(anomalies._nanmedian(a), np.nanmedian(a), equal_nan=True)
            assert np.array_equal(anomalies._median(a), np.median(a), equal_nan=True)
            for shape, axis in (((4, 12), 0), ((48, 10), 1)):
                m = rng.normal(size=shape)
                m[rng.random(shape) < 0.5] = np.nan
                m[0] = np.nan  # a row (column) without any value
                assert np.array_equal(anomalies._nanmedian(m, axis=axis), np.nanmedian(m, axis=axis),
                                      equal_nan=True)  # fmt: skip
        assert np.isnan(anomalies._nanmedian(np.full(5, np.nan)))
