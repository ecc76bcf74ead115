"""The one seasonal decomposition (smqse.analysis.seasonality): known indices recovered, F_s near 1 on a
pure season and low on noise, indices summing to 0, trends followed to the ends."""

import numpy as np
import pytest

from smqse.analysis import seasonality

SHAPE = np.array([30, 28, 25, 20, 15, 12, 12, 2, 14, 20, 26, 30], dtype=float)
KNOWN = SHAPE - SHAPE.mean()  # indices summing to 0


def test_a_pure_season_gives_its_indices_and_a_strength_of_one():
    x = 100 + np.tile(KNOWN, 4)
    d = seasonality.decompose(x)
    np.testing.assert_allclose(d.indices, KNOWN, atol=1e-9)
    np.testing.assert_allclose(d.trend, 100, atol=1e-9)
    np.testing.assert_allclose(d.remainder, 0, atol=1e-9)
    assert d.strength == pytest.approx(1.0)
    assert d.is_seasonal


def test_known_indices_are_recovered_under_a_trend_and_noise():
    rng = np.random.default_rng(3)
    n = 72
    x = 50 + 0.4 * np.arange(n) + np.tile(KNOWN, n // 12) + rng.normal(0, 1, n)
    d = seasonality.decompose(x)
    # six values a month, noise sd 1: each index within ±1.5 of the truth
    assert np.max(np.abs(d.indices - KNOWN)) < 1.5
    assert d.strength > 0.95
    # the trend follows the line to both ends (line-extended average), where the alarms look
    assert abs(d.trend[-1] - (50 + 0.4 * (n - 1))) < 1.5
    assert abs(d.trend[0] - 50) < 1.5


def test_indices_sum_to_zero_and_the_parts_add_up():
    rng = np.random.default_rng(5)
    x = rng.normal(100, 10, 45)  # not a whole number of years
    d = seasonality.decompose(x)
    assert d.indices.sum() == pytest.approx(0.0, abs=1e-9)
    np.testing.assert_allclose(d.trend + d.seasonal + d.remainder, x)
    np.testing.assert_allclose(d.adjusted, x - d.seasonal)
    np.testing.assert_allclose(d.seasonal, d.indices[np.arange(45) % 12])


@pytest.mark.parametrize(("months", "at_most"), [(36, 0.04), (48, 0.01), (72, 0.0)])
def test_white_noise_is_rarely_called_seasonal(months, at_most):
    rng = np.random.default_rng(17)
    strengths = np.array([seasonality.decompose(rng.normal(0, 1, months)).strength for _ in range(1000)])
    assert np.median(strengths) < 0.4
    assert np.mean(strengths >= seasonality.STRENGTH_THRESHOLD) <= at_most


def test_a_linear_trend_is_not_a_season():
    d = seasonality.decompose(3.0 * np.arange(48) + 7)
    np.testing.assert_allclose(d.indices, 0, atol=1e-9)
    np.testing.assert_allclose(d.trend, 3.0 * np.arange(48) + 7, atol=1e-9)
    assert d.strength == 0.0


def test_the_strength_formula():
    assert seasonality.strength([1, -1, 1, -1], [0, 0, 0, 0]) == 1.0
    assert seasonality.strength([0, 0, 0, 0], [1, -1, 1, -1]) == 0.0
    assert seasonality.strength([0, 0], [0, 0]) == 0.0  # a constant series has no season
    assert seasonality.strength([1, -1, 1, -1], [0.5, 0.5, -0.5, -0.5]) == pytest.approx(0.8)


def test_columns_are_decomposed_one_by_one():
    rng = np.random.default_rng(9)
    x = rng.normal(0, 1, (40, 3))
    together = seasonality.decompose(x)
    for j in range(3):
        alone = seasonality.decompose(x[:, j])
        np.testing.assert_allclose(together.trend[:, j], alone.trend)
        np.testing.assert_allclose(together.seasonal[:, j], alone.seasonal)


def test_short_or_incomplete_series_are_refused():
    with pytest.raises(ValueError, match="two periods"):
        seasonality.decompose(np.arange(23.0))
    with pytest.raises(ValueError, match="complete series"):
        seasonality.decompose([1.0] * 30 + [np.nan] + [1.0] * 10)
