"""Signal or noise on a monthly series: the chart chosen, the limits returned, the recent signal found."""

import pytest

from smqse.analysis import spc
from smqse.analysis.signals import compute_behaviour_chart, compute_seasonal_component

NOISE = [10.2, 9.8, 10.5, 9.9, 10.1, 10.4, 9.7, 10.0, 10.3, 9.9, 10.2, 10.1]


def test_noise_has_no_signal_and_xmr_limits_align_with_the_series():
    chart = compute_behaviour_chart("xmr", NOISE)
    reference = spc.xmr(NOISE)
    assert chart.signal is None
    assert chart.center == pytest.approx([reference.center] * 12)
    assert chart.ucl == pytest.approx([reference.ucl] * 12)


def test_a_spike_in_the_last_month_is_a_recent_upward_signal():
    chart = compute_behaviour_chart("xmr", [*NOISE, 14.0])
    assert (chart.signal.index, chart.signal.rule, chart.signal.direction) == (12, 1, "up")


def test_an_old_spike_is_history_not_recent_movement():
    # A spike and a dip of the same size early on, so the centre line stays where the noise is.
    values = [*NOISE[:3], 14.0, 6.0, *NOISE[3:], *NOISE[:3]]
    assert compute_behaviour_chart("xmr", values, recent=6).signal is None


def test_missing_months_are_left_out_but_keep_their_position():
    values = [*NOISE, None, 14.0]
    chart = compute_behaviour_chart("xmr", values)
    assert chart.signal.index == 13
    assert chart.ucl[12] is None and chart.ucl[13] is not None


def test_too_short_a_series_says_nothing():
    chart = compute_behaviour_chart("xmr", [1.0, 9.0, 1.0, 50.0])
    assert chart.signal is None and chart.center == [None] * 4


def test_a_flat_series_has_no_signal():
    assert compute_behaviour_chart("xmr", [0.0] * 12).signal is None


def test_u_chart_limits_are_scaled_to_the_rate_base():
    accidents = [1, 0, 2, 1, 0, 1, 1, 0, 2, 1, 0, 1]
    hours = [100_000.0] * 12
    rates = [a / h * 1e6 for a, h in zip(accidents, hours, strict=True)]
    chart = compute_behaviour_chart("u", rates, accidents, hours, rate_base=1e6)
    reference = spc.u_chart(accidents, hours, laney=chart.laney)
    assert chart.chart_type == "u"
    assert chart.center[0] == pytest.approx(reference.center * 1e6)
    assert chart.ucl[0] == pytest.approx(reference.ucl[0] * 1e6)
    assert chart.signal is None


def test_overdispersed_proportions_use_laney_and_stop_flagging_every_month():
    # Scrap in 50 000 parts a month: a binomial model allows ±0.07 points, real months vary by ±0.5.
    scrapped = [1000, 1250, 900, 1150, 1050, 950, 1200, 980, 1100, 1020, 1180, 930]
    parts = [50_000.0] * 12
    rates = [s / p * 100 for s, p in zip(scrapped, parts, strict=True)]
    assert len(spc.p_chart(scrapped, parts).signals) >= 6
    chart = compute_behaviour_chart("p", rates, scrapped, parts, rate_base=100)
    assert chart.laney
    assert chart.signal is None


def test_a_ratio_above_one_falls_back_to_xmr():
    done, planned = [12, 10, 11, 9, 13, 10, 12, 11, 10, 12], [10] * 10
    chart = compute_behaviour_chart("p", [d * 10.0 for d in done], done, planned, rate_base=100)
    assert chart.chart_type == "xmr"


def _seasonal_series(years: int = 4) -> list[float]:
    # Hours worked: a deep August shutdown and a December dip every year, small noise.
    pattern = [100, 100, 102, 101, 100, 98, 95, 40, 100, 102, 101, 80]
    noise = [0.8, -0.5, 0.3, -0.9, 0.6, 0.1, -0.4, 0.7, -0.2, 0.5, -0.6, 0.2]
    return [float(p + noise[(i * 5 + y) % 12]) for y in range(years) for i, p in enumerate(pattern)]


def test_a_yearly_shutdown_is_season_not_signal():
    values = _seasonal_series()
    plain = compute_behaviour_chart("xmr", values[-24:], recent=6)
    assert plain.signal is not None  # August reads as a signal on a plain XmR chart
    seasonal = compute_seasonal_component(values)
    assert seasonal is not None
    adjusted = compute_behaviour_chart("xmr", values[-24:], recent=6, seasonal=seasonal[-24:])
    assert adjusted.seasonal and adjusted.signal is None
    # the limits follow the season: August's limits sit far below the others
    assert adjusted.ucl[-5] < adjusted.ucl[-6] - 30


def test_a_real_drop_still_signals_on_a_seasonal_series():
    values = _seasonal_series()
    values[-2] -= 25  # September collapses, on top of the season
    seasonal = compute_seasonal_component(values)
    chart = compute_behaviour_chart("xmr", values[-24:], recent=6, seasonal=seasonal[-24:])
    assert chart.signal is not None and chart.signal.index == 22 and chart.signal.direction == "down"


def test_noise_has_no_seasonal_component():
    noise = [10 + ((i * 7919) % 13 - 6) / 10 for i in range(48)]  # no 12-month pattern in it
    assert compute_seasonal_component(noise) is None
    assert compute_seasonal_component(_seasonal_series(2)) is None  # too short to tell
