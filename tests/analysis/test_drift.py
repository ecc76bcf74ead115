"""Drift analysis on hand-built series: gaps, direction, drift detection, projection and verdict."""

from datetime import date

import numpy as np
import pytest

from smqse.analysis import drift
from smqse.analysis.kpi import shift_month


def _months(start: date, n: int) -> list[date]:
    return [shift_month(start, i) for i in range(n)]


def _wiggle(n: int, size: float) -> list[float]:
    """Deterministic small noise: +size, −size, … (mean 0 over an even number of months)."""
    return [size if i % 2 == 0 else -size for i in range(n)]


# --- gap, oriented by polarity ------------------------------------------------------------------------


def test_gap_is_positive_when_worse_for_every_polarity():
    assert drift.compute_gap(12.0, 10.0, "lower_better") == pytest.approx(2.0)
    assert drift.compute_gap(8.0, 10.0, "lower_better") == pytest.approx(-2.0)
    assert drift.compute_gap(90.0, 95.0, "higher_better") == pytest.approx(5.0)
    assert drift.compute_gap(97.0, 95.0, "higher_better") == pytest.approx(-2.0)
    # pH 7 ± 1: 8.5 is 0.5 outside the band (worse), 7.5 is 0.5 inside it (better).
    assert drift.compute_gap(8.5, 7.0, "target_band", 1.0) == pytest.approx(0.5)
    assert drift.compute_gap(7.5, 7.0, "target_band", 1.0) == pytest.approx(-0.5)
    assert drift.compute_gap(5.5, 7.0, "target_band", 1.0) == pytest.approx(0.5)
    assert drift.compute_gap(None, 7.0, "lower_better") is None


def test_gap_in_percent_of_target():
    assert drift.compute_gap_pct(2.0, 10.0) == pytest.approx(20.0)
    assert drift.compute_gap_pct(-5.0, 95.0) == pytest.approx(-5.263, abs=1e-3)
    assert drift.compute_gap_pct(1.0, 0.0) is None  # a zero target has no percentage


# --- a flat series on target ---------------------------------------------------------------------------


def test_flat_series_on_target_is_on_track_and_stable():
    months = _months(date(2024, 1, 1), 34)  # 2024-01 … 2026-10
    values = [10.0 + w for w in _wiggle(34, 0.05)]
    direction = drift.compute_direction(values, "lower_better", 10.0)
    assert direction.direction == drift.STABLE
    assert not drift.detect_drift(values, "lower_better").detected
    projection = drift.compute_projection(values, months, date(2026, 12, 31), aggregation="mean")
    assert projection.method == "model_average"
    assert projection.value == pytest.approx(10.0, abs=0.05)
    verdict = drift.compute_verdict(
        projection.value, projection.value_lower, projection.value_upper,
        target=10.05, alert=11.0, polarity="lower_better",
    )  # fmt: skip
    assert verdict == drift.ON_TRACK


def test_a_constant_series_exactly_on_target_is_on_track():
    months = _months(date(2026, 1, 1), 10)
    values = [10.0] * 10
    projection = drift.compute_projection(values, months, date(2026, 12, 31), aggregation="mean")
    assert projection.value == pytest.approx(10.0)
    assert drift.compute_verdict(projection.value, projection.value_lower, projection.value_upper,
                                 target=10.0, alert=11.0, polarity="lower_better") == drift.ON_TRACK  # fmt: skip
    assert drift.compute_direction(values, "lower_better").direction == drift.STABLE


def test_noise_reads_stable_not_a_direction():
    rng = np.random.default_rng(7)
    values = list(50 + rng.normal(0, 2, 12))
    assert drift.compute_direction(values, "higher_better").direction == drift.STABLE


# --- a steady worsening trend ---------------------------------------------------------------------------


def test_steady_worsening_trend_will_miss_and_crosses_the_alert_in_the_right_month():
    # Lower is better, +0.2 a month from 10 (2024-01) to 15.8 (2026-06). Objective 2026: ≤ 14, alert 15.55,
    # judged on the mean of the year's months. Jan–Jun 2026 average 15.3; the trend projects 16.0 … 17.0
    # for Jul–Dec, so the running mean is 15.4 (Jul), 15.5 (Aug), 15.6 (Sep): beyond 15.55 in September.
    months = _months(date(2024, 1, 1), 30)
    values = [10.0 + 0.2 * i + w for i, w in enumerate(_wiggle(30, 0.01))]
    direction = drift.compute_direction(values, "lower_better", 14.0)
    assert direction.direction == drift.WORSENING
    assert direction.slope_per_month == pytest.approx(0.2, abs=0.01)
    projection = drift.compute_projection(values, months, date(2026, 12, 31), aggregation="mean",
                                          start_on=date(2026, 1, 1))  # fmt: skip
    assert projection.periods[0] == date(2026, 7, 1) and projection.periods[-1] == date(2026, 12, 1)
    assert projection.mean[-1] == pytest.approx(17.0, abs=0.1)
    assert projection.value == pytest.approx(15.9, abs=0.05)
    verdict = drift.compute_verdict(projection.value, projection.value_lower, projection.value_upper,
                                    target=14.0, alert=15.55, polarity="lower_better")  # fmt: skip
    assert verdict == drift.WILL_MISS
    actual = drift.compute_running_actuals(values, months, date(2026, 1, 1), aggregation="mean")
    assert actual[-1] == (date(2026, 6, 1), pytest.approx(15.3, abs=0.01))
    crossing, already = drift.compute_alert_crossing(
        actual, list(zip(projection.periods, projection.running, strict=True)), target=14.0, alert=15.55,
        polarity="lower_better", aggregation="mean", start_on=date(2026, 1, 1), deadline=date(2026, 12, 31),
    )  # fmt: skip
    assert (crossing, already) == (date(2026, 9, 1), False)


def test_an_alert_already_exceeded_reports_the_start_of_the_breach():
    actual = [(date(2026, m, 1), v) for m, v in zip(range(1, 7), [9, 11, 12.5, 12.6, 12.8, 13], strict=True)]
    crossing, already = drift.compute_alert_crossing(
        actual, [], target=10.0, alert=12.0, polarity="lower_better", aggregation="mean",
        start_on=date(2026, 1, 1), deadline=date(2026, 12, 31),
    )  # fmt: skip
    assert (crossing, already) == (date(2026, 3, 1), True)


# --- drift detection ------------------------------------------------------------------------------------------


def test_cusum_signals_a_step_change_near_the_step():
    rng = np.random.default_rng(3)
    values = list(10 + rng.normal(0, 0.3, 36))
    for i in range(28, 36):  # step of +2σ… well beyond: +1.5 on σ = 0.3, from index 28
        values[i] += 1.5
    result = drift.detect_drift(values, "lower_better")
    assert result.detected
    assert result.direction == "up"
    assert result.favourable is False
    assert 28 <= result.first_index <= 30
    assert result.baseline_mean == pytest.approx(10.0, abs=0.3)


def test_an_improvement_is_a_favourable_drift():
    rng = np.random.default_rng(5)
    values = list(90 + rng.normal(0, 0.5, 36))
    for i in range(27, 36):
        values[i] += 3.0
    result = drift.detect_drift(values, "higher_better")
    assert result.detected and result.direction == "up" and result.favourable is True


def test_a_seasonal_series_without_a_shift_is_not_a_drift():
    # A summer shutdown every August and winter peaks: a strong season, no change of level.
    season = [30, 28, 25, 20, 15, 12, 12, 2, 14, 20, 26, 30]
    values = [season[i % 12] + w for i, w in enumerate(_wiggle(48, 0.3))]
    result = drift.detect_drift(values, "lower_better")
    assert result.seasonal_adjusted
    assert not result.detected


def test_three_years_of_noise_are_rarely_deseasonalised():
    # The season is smqse.analysis.seasonality's: its indices come from every month, not only from the
    # months a centred moving average reaches (two values a calendar month on three years: 21 % of noise
    # series were "seasonal" and had a made-up season removed before drift detection).
    rng = np.random.default_rng(23)
    adjusted = [
        drift.detect_drift(list(rng.normal(50, 2, 36)), "lower_better").seasonal_adjusted for _ in range(300)
    ]
    assert sum(adjusted) <= 9  # 3 %; 5 of 300 measured


# --- projection methods by length ---------------------------------------------------------------------------------


def test_short_series_use_a_linear_trend_and_very_short_ones_the_last_value():
    months = _months(date(2026, 1, 1), 10)
    values = [5.0 + 0.5 * i + w for i, w in enumerate(_wiggle(10, 0.1))]
    trend = drift.compute_projection(values, months, date(2026, 12, 31), aggregation="mean")
    assert (trend.method, trend.model) == ("model_average", "trend")
    assert trend.mean == pytest.approx([10.0, 10.5], abs=0.15)
    assert trend.lower[0] < trend.mean[0] < trend.upper[0]
    naive = drift.compute_projection(values[:4], months[:4], date(2026, 12, 31), aggregation="mean")
    assert naive.method == "naive"
    assert naive.mean == pytest.approx([values[3]] * 8)


def test_seasonal_series_get_a_seasonal_model():
    months = _months(date(2022, 11, 1), 48)
    season = [30, 28, 25, 20, 15, 12, 12, 2, 14, 20, 26, 30]
    values = [season[(m.month - 1)] + w for m, w in zip(months, _wiggle(48, 0.5), strict=True)]
    projection = drift.compute_projection(values, months, date(2026, 12, 31), aggregation="sum")
    assert projection.model.endswith("+season")
    assert projection.mean == pytest.approx([26, 30], abs=1.5)


# --- SUM indicators: the annual total ------------------------------------------------------------------------


def test_sum_indicator_projects_the_annual_total():
    months = _months(date(2024, 1, 1), 34)  # to 2026-10
    noise = np.random.default_rng(11).normal(0, 5, 34)
    noise[-10:] -= noise[-10:].mean()  # so that Jan–Oct 2026 add up to exactly 1 000
    values = list(100.0 + noise)
    projection = drift.compute_projection(values, months, date(2026, 12, 31), aggregation="sum")
    # Jan–Oct 2026 add up to 1 000; two more months of ~100.
    assert projection.running[0] == pytest.approx(1100, abs=10)
    assert projection.value == pytest.approx(1200, abs=15)
    assert projection.value_lower < projection.value < projection.value_upper
    assert projection.value_upper - projection.value_lower < 60
    on_track = drift.compute_verdict(projection.value, projection.value_lower, projection.value_upper,
                                     target=1300, alert=1400, polarity="lower_better")  # fmt: skip
    will_miss = drift.compute_verdict(projection.value, projection.value_lower, projection.value_upper,
                                      target=1100, alert=1150, polarity="lower_better")  # fmt: skip
    assert (on_track, will_miss) == (drift.ON_TRACK, drift.WILL_MISS)


def test_ratio_indicator_aggregates_numerators_and_denominators():
    months = _months(date(2026, 1, 1), 3)
    actuals = drift.compute_period_actuals(
        [10.0, 20.0, 30.0], months, date(2026, 1, 1), date(2026, 12, 31),
        numerators=[1, 4, 3], denominators=[10, 20, 10], rate_base=100,
    )  # fmt: skip
    # Σ 8 / Σ 40 × 100 = 20 %, not the mean of the monthly rates (20 %… here by design: 10, 20, 30 → 20).
    assert drift.compute_period_value("ratio", actuals) == pytest.approx(20.0)
    assert actuals.future_denominator == pytest.approx(40 / 3)
    weighted = drift.compute_period_actuals(
        [10.0, 50.0], months[:2], date(2026, 1, 1), date(2026, 12, 31), numerators=[1, 5],
        denominators=[10, 10], rate_base=100,
    )  # fmt: skip
    assert drift.compute_period_value("ratio", weighted) == pytest.approx(30.0)


# --- polarity in verdicts and direction -----------------------------------------------------------------------


def test_verdict_follows_polarity():
    # Higher is better, target 95, alert 90.
    assert (
        drift.compute_verdict(96, 95.5, 96.5, target=95, alert=90, polarity="higher_better") == drift.ON_TRACK
    )
    assert drift.compute_verdict(94, 93, 96, target=95, alert=90, polarity="higher_better") == drift.AT_RISK
    assert (
        drift.compute_verdict(94, 93, 94.5, target=95, alert=90, polarity="higher_better") == drift.WILL_MISS
    )
    # Projected beyond the alert threshold but the interval still reaches the target: at risk, not will miss.
    assert drift.compute_verdict(89, 85, 96, target=95, alert=90, polarity="higher_better") == drift.AT_RISK
    # Meets the target but the interval reaches beyond the alert threshold: at risk.
    assert drift.compute_verdict(96, 88, 99, target=95, alert=90, polarity="higher_better") == drift.AT_RISK
    # Lower is better, the mirror.
    assert drift.compute_verdict(4, 3.5, 4.5, target=5, alert=6, polarity="lower_better") == drift.ON_TRACK
    assert drift.compute_verdict(5.5, 5.2, 5.8, target=5, alert=6, polarity="lower_better") == drift.WILL_MISS
    # Target band 7 ± 1, alert at 8.5 (1.5 away).
    band = {"target": 7.0, "alert": 8.5, "polarity": "target_band", "tolerance": 1.0}
    assert drift.compute_verdict(7.3, 7.1, 7.5, **band) == drift.ON_TRACK
    assert drift.compute_verdict(7.9, 7.5, 8.7, **band) == drift.AT_RISK
    assert drift.compute_verdict(8.2, 8.1, 8.3, **band) == drift.WILL_MISS
    assert drift.compute_verdict(5.3, 5.1, 5.6, **band) == drift.WILL_MISS
    assert drift.compute_verdict(7.0, 6.9, 7.1, target=None, alert=None, polarity="lower_better") == (
        drift.NO_OBJECTIVE
    )


def test_direction_follows_polarity():
    rising = [50 + i for i in range(12)]
    falling = [50 - i for i in range(12)]
    assert drift.compute_direction(rising, "higher_better").direction == drift.IMPROVING
    assert drift.compute_direction(rising, "lower_better").direction == drift.WORSENING
    assert drift.compute_direction(falling, "lower_better").direction == drift.IMPROVING
    # Target band: falling towards 7 from above improves; rising away from 7 worsens.
    towards = [9.0 - 0.1 * i for i in range(12)]
    away = [7.2 + 0.1 * i for i in range(12)]
    assert drift.compute_direction(towards, "target_band", 7.0).direction == drift.IMPROVING
    assert drift.compute_direction(away, "target_band", 7.0).direction == drift.WORSENING


def test_missing_months_are_tolerated():
    months = _months(date(2024, 1, 1), 34)
    values: list[float | None] = [10.0 + w for w in _wiggle(34, 0.1)]
    values[5] = None
    values[20] = None
    projection = drift.compute_projection(values, months, date(2026, 12, 31), aggregation="mean")
    assert projection.value == pytest.approx(10.0, abs=0.1)
    assert not drift.detect_drift(values, "lower_better").detected
    empty = drift.compute_projection([None] * 5, months[:5], date(2026, 12, 31), aggregation="mean")
    assert empty.method == "none" and empty.value is None


def test_the_model_named_on_screen_is_the_model_applied():
    from smqse.words.drift import model_text

    months = _months(date(2022, 11, 1), 48)
    season = [30, 28, 25, 20, 15, 12, 12, 2, 14, 20, 26, 30]
    values = [season[(m.month - 1)] + w for m, w in zip(months, _wiggle(48, 0.5), strict=True)]
    projection = drift.compute_projection(values, months, date(2026, 12, 31), aggregation="sum")
    row = {"method": projection.method, "model": projection.model, "model_weight": projection.model_weight,
           "model_points": projection.n_points}  # fmt: skip
    assert 0.5 < projection.model_weight <= 1.0
    share = round(100 * projection.model_weight)
    assert model_text(row, "fr").startswith("Surtout") and f"+ saison ({share} %), 48 mois" in model_text(
        row, "fr"
    )
    assert f"+ season ({share}%), 48 months" in model_text(row, "en")


def test_a_barely_indefinite_predictive_covariance_is_still_sampled():
    # Rounding can leave a predictive covariance a hair from positive definite: the page must not fail.
    covariance = np.array([[[1.0, 1.0], [1.0, 1.0 - 1e-12]]])
    factor = drift._factor(covariance)
    assert np.allclose(factor @ factor.transpose(0, 2, 1), covariance)
