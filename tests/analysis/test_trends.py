"""Trends analysis: limits from a baseline or in phases, runs told with their dates, exact intervals
checked against published values, seasonality strength."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

from smqse.analysis import seasonality, spc
from smqse.analysis import trends as tr


def months(n: int, start: date = date(2024, 1, 1)) -> list[date]:
    return [
        date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1) for i in range(n)
    ]


NOISE = [10.2, 9.6, 10.5, 9.9, 10.1, 9.4, 10.8, 10.0, 9.7, 10.3, 9.8, 10.4]


# --- limits ----------------------------------------------------------------------------------------------


def test_xmr_limits_from_a_baseline_are_spc_on_that_slice():
    values = NOISE + [x + 3 for x in NOISE]
    periods = months(len(values))
    chart = tr.compute_trend(periods, values, baseline=(periods[0], periods[11]))
    reference = spc.xmr(values[:12])
    assert chart.chart_type == "xmr"
    assert chart.center[-1] == pytest.approx(reference.center)
    assert chart.ucl[0] == pytest.approx(reference.ucl) and chart.ucl[-1] == pytest.approx(reference.ucl)
    assert chart.lcl[-1] == pytest.approx(reference.lcl)
    assert chart.phases[0].baseline_points == 12
    # The shifted year is above the baseline's limits: rule 1 at every one of its points, and a run.
    assert {s.index for s in chart.signals if s.rule == 1} == set(range(12, 24))
    side = [r for r in chart.runs if r.pattern == "side"]
    assert side and side[0].direction == "up" and side[0].last_period == periods[23]
    assert side[0].first_period == periods[11]  # December 2024 (10.4) is already above the average (10.06)


def test_the_whole_period_as_baseline_gives_spc_xmr_signals():
    rng = np.random.default_rng(3)
    values = list(rng.normal(50, 4, 30))
    values[20] = 80.0
    chart = tr.compute_trend(months(30), values)
    assert sorted(chart.signals) == spc.xmr(values).signals


def test_attribute_limits_from_a_baseline_match_spc_u_chart():
    counts = [3, 5, 2, 4, 6, 3, 4, 5, 2, 3, 4, 5, 9, 10, 8, 11]
    hours = [100_000.0] * 16
    periods = months(16)
    chart = tr.compute_trend(
        periods,
        [None] * 16,
        counts,
        hours,
        chart_type="u",
        rate_base=1e6,
        baseline=(periods[0], periods[11]),
        laney=False,
    )
    reference = spc.u_chart(counts[:12], hours[:12])
    assert chart.chart_type == "u"
    assert chart.center[0] == pytest.approx(reference.center * 1e6)
    assert chart.ucl[-1] == pytest.approx(reference.ucl[0] * 1e6)
    assert chart.values[12] == pytest.approx(90.0)
    assert 13 in {s.index for s in chart.signals if s.rule == 1}


def test_a_declared_change_gives_two_phases_with_their_own_limits():
    values = NOISE + [x + 5 for x in NOISE]
    periods = months(len(values))
    chart = tr.compute_trend(periods, values, change_at=periods[12])
    assert len(chart.phases) == 2
    before, after = chart.phases
    assert (before.start, before.end, after.start, after.end) == (0, 11, 12, 23)
    assert before.center == pytest.approx(spc.xmr(values[:12]).center)
    assert after.center == pytest.approx(spc.xmr(values[12:]).center)
    assert chart.ucl[11] == pytest.approx(spc.xmr(values[:12]).ucl)
    assert chart.ucl[12] == pytest.approx(spc.xmr(values[12:]).ucl)
    assert chart.signals == []  # each phase is stable on its own


def test_missing_months_stay_missing_and_p_falls_back_to_xmr_when_not_a_proportion():
    periods = months(10)
    values = [1.0, 2.0, None, 1.5, 1.2, 1.8, 1.1, 1.4, 1.6, 1.3]
    chart = tr.compute_trend(periods, values)
    assert chart.values[2] is None and chart.center[2] is None and chart.center[3] is not None
    done = [5, 6, 7, 12, 5, 6, 7, 5, 6, 7]
    planned = [10] * 10
    assert tr.compute_trend(periods, values, done, planned, chart_type="p").chart_type == "xmr"


def test_nelson_rules_are_selectable():
    values = [1, 2, 3, 4, 5, 6, 7, 3, 4, 3, 4, 3, 4, 3]
    chart = tr.compute_trend(months(len(values)), values, rules="nelson")
    assert chart.rules == "nelson"
    trend = [r for r in chart.runs if r.pattern == "trend"]
    assert trend and trend[0].direction == "up" and trend[0].first == 0 and trend[0].last >= 5


# --- runs in words -------------------------------------------------------------------------------------


def test_run_description_dates_and_length():
    # Ten months at the average, then eight months above it from March 2025 (Western Electric rule 4).
    base = [10.0, 10.4, 9.6, 10.2, 9.8, 10.1, 9.9, 10.3, 9.7, 10.0]
    high = [10.6, 10.7, 10.5, 10.8, 10.6, 10.7, 10.5, 10.9]
    periods = months(18, date(2024, 5, 1))
    chart = tr.compute_trend(periods, base + high, baseline=(periods[0], periods[9]))
    side = [r for r in chart.runs if r.pattern == "side"]
    assert len(side) == 1
    run = side[0]
    assert run.rule == 4 and run.direction == "up"
    assert run.first_period == date(2025, 3, 1) and run.last_period == date(2025, 10, 1)
    assert run.points == 8
    episodes = tr.compute_episodes(chart.runs)
    assert episodes[-1].pattern == "side" and episodes[-1].points == 8
    assert episodes[-1].first_period == date(2025, 3, 1)


def test_ten_points_on_one_side_make_one_run_of_ten():
    values = [5.0, 5.2, 4.8, 5.1, 4.9] + [5.3] * 0 + [5.4, 5.6, 5.5, 5.7, 5.45, 5.65, 5.5, 5.6, 5.55, 5.7]
    periods = months(len(values))
    chart = tr.compute_trend(periods, values, baseline=(periods[0], periods[4]))
    side = [r for r in chart.runs if r.pattern == "side"]
    assert len(side) == 1 and side[0].points == 10 and side[0].first == 5 and side[0].last == 14


def test_favourable_follows_polarity():
    assert tr.favourable("lower_better", "up") is False
    assert tr.favourable("higher_better", "up") is True
    assert tr.favourable("target_band", "up") is None
    assert tr.favourable("lower_better", None) is None


# --- intervals -----------------------------------------------------------------------------------------


def test_garwood_poisson_interval_published_values():
    # Garwood (1936); e.g. Ulm (1990) table of exact 95 % limits for a Poisson count.
    low, high = tr.poisson_interval(0)
    assert low == 0.0 and high == pytest.approx(3.689, abs=1e-3)
    low, high = tr.poisson_interval(5)
    assert low == pytest.approx(1.623, abs=1e-3) and high == pytest.approx(11.668, abs=1e-3)
    low, high = tr.poisson_interval(10)
    assert low == pytest.approx(4.795, abs=1e-3) and high == pytest.approx(18.390, abs=1e-3)


def test_rate_interval_scales_by_exposure():
    low, high = tr.rate_interval(0, 8_000, 1e6)  # TF1 of 0 from 8 000 hours: up to 461 per million hours
    assert low == 0.0 and high == pytest.approx(3.689 / 8_000 * 1e6, rel=1e-3)


def test_wilson_interval_textbook_values():
    # Newcombe, Statistics in Medicine 17 (1998), Table I, method 3 (Wilson score).
    assert tr.wilson_interval(81, 263) == pytest.approx((0.2553, 0.3662), abs=1e-4)
    assert tr.wilson_interval(15, 148) == pytest.approx((0.0624, 0.1605), abs=1e-4)
    assert tr.wilson_interval(0, 20) == pytest.approx((0.0, 0.1611), abs=1e-4)


def test_clopper_pearson_contains_wilson_for_extremes():
    low, high = tr.clopper_pearson_interval(0, 20)
    assert low == 0.0 and high == pytest.approx(0.1684, abs=1e-4)  # 1 − 0.025^(1/20)


def test_intervals_per_point_and_imprecision():
    intervals = tr.compute_intervals("u", [0, 5, None, 100], [8_000, 1_000_000, 10, 1_000_000], 1e6)
    assert intervals[2] is None
    assert tr.is_imprecise(0.0, intervals[0])
    assert tr.is_imprecise(5.0, intervals[1])  # 5 events: [1.6, 11.7], wider than the rate itself
    assert not tr.is_imprecise(100.0, intervals[3])
    assert tr.compute_intervals("xmr", [1], [2], 100) == [None]
    p = tr.compute_intervals("p", [81], [263], 100)[0]
    assert p == pytest.approx((25.53, 36.62), abs=1e-2)


def test_interval_arguments_are_checked():
    with pytest.raises(ValueError):
        tr.poisson_interval(-1)
    with pytest.raises(ValueError):
        tr.wilson_interval(5, 3)


# --- seasonality ---------------------------------------------------------------------------------------


def test_the_decomposition_is_strong_on_a_seasonal_series_and_weak_on_white_noise():
    n = 72
    periods = months(n, date(2020, 11, 1))
    t = np.arange(n)
    rng = np.random.default_rng(7)
    seasonal = (
        100 + 20 * np.sin(2 * np.pi * t / 12) - 40 * (periods_month(periods) == 8) + rng.normal(0, 3, n)
    )
    fitted = tr.compute_decomposition(periods, seasonal)
    assert fitted is not None and fitted.strength > 0.9 and fitted.is_seasonal
    assert len(fitted.adjusted) == n
    # August (the shutdown) is the month with the lowest seasonal component, whatever the start month.
    lowest = min(range(n), key=lambda i: fitted.seasonal[i])
    assert periods[lowest].month == 8
    noise = tr.compute_decomposition(periods, np.random.default_rng(11).normal(100, 5, n))
    assert noise is not None and noise.strength < 0.45 and not noise.is_seasonal


def test_the_page_shows_the_decomposition_the_alarms_use():
    # The trends page's chart and the verdicts of signals, drift and anomalies are one decomposition.
    n = 60
    rng = np.random.default_rng(4)
    values = 50 + 0.2 * np.arange(n) + 8 * np.cos(2 * np.pi * np.arange(n) / 12) + rng.normal(0, 2, n)
    shown = tr.compute_decomposition(months(n), values)
    used = seasonality.decompose(values)
    assert shown is not None and shown.strength == pytest.approx(used.strength)
    np.testing.assert_allclose(shown.seasonal, used.seasonal)
    np.testing.assert_allclose(shown.trend, used.trend)
    np.testing.assert_allclose(shown.remainder, used.remainder)


def periods_month(periods: list[date]) -> np.ndarray:
    return np.array([p.month for p in periods])


def test_the_decomposition_needs_three_years():
    assert tr.MIN_SEASONAL_POINTS == seasonality.MIN_POINTS == 36
    assert tr.compute_decomposition(months(35), [math.sin(i) for i in range(35)]) is None
    assert tr.compute_decomposition(months(36), [math.sin(i) for i in range(36)]) is not None


def test_objective_lines_are_monthly_levels_a_sums_total_shared_over_its_months():
    objective = {
        "target_value": 1200.0,
        "alert_value": 1500.0,
        "tolerance": float("nan"),
        "start_on": date(2026, 1, 1),
        "deadline": date(2026, 12, 1),
    }
    assert tr.objective_lines({"aggregation": "sum"}, objective) == (100.0, 125.0, None)
    assert tr.objective_lines({"aggregation": "mean"}, objective) == (1200.0, 1500.0, None)
    assert tr.objective_lines({"aggregation": "sum"}, {**objective, "deadline": None}) is None
    assert tr.objective_lines({"aggregation": "mean"}, {**objective, "target_value": None}) is None


def test_marked_points_mark_every_point_of_a_run_and_keep_beyond_points_apart():
    values = [9.0, 11.0] * 6 + [10.5] * 8 + [30.0]
    periods = months(len(values))
    chart = tr.compute_trend(periods, values, baseline=(periods[0], periods[11]))
    marked = tr.marked_points(chart)
    # Rule 4 (8 in a row above the centre) flags points 18 to 20; the whole run, from month 11, is marked.
    assert marked == {"beyond": {20: [1, 4]}, "run": {i: [4] for i in range(11, 20)}}


# --- the service and the figures on the small demo ---------------------------------------------------


def test_service_combines_sites_and_every_figure_is_described(demo_con):
    import polars as pl

    from smqse.charts import figure_alt, figure_takeaway, figure_title
    from smqse.charts import trends as charts
    from smqse.scope import get_user, scope_for
    from smqse.views import trends as service
    from smqse.words import trends as words

    scope = scope_for(get_user("u-dg", demo_con), demo_con)
    as_of = service.load_indicators(scope, demo_con).height and date(2026, 10, 1)
    data = service.load_trend_data(scope, "Q-SCRAP", as_of, demo_con)
    assert data is not None and data.months[-1] == as_of
    month = data.combined.filter(pl.col("value").is_not_null()).row(-1, named=True)
    sites = data.sites.filter(pl.col("period_month") == month["period_month"])
    ratio = sites["numerator"].sum() / sites["denominator"].sum() * data.indicator["rate_base"]
    assert month["value"] == pytest.approx(ratio)  # Σ numerator / Σ denominator × base, not a mean of rates
    assert service.load_trend_data(scope.narrowed(process_ids=["NOPE"]), "Q-SCRAP", as_of, demo_con) is None

    view = service.compute_trend_view(data, window=24, baseline=service.default_baseline(data.months[-24:]))
    assert len(view.periods) == 24 and view.chart.chart_type in ("p", "xmr")
    for lang in ("fr", "en"):
        figures = [
            charts.build_behaviour_chart(view, lang, show_intervals=True),
            charts.build_exposure_chart(view, lang),
        ]
        if len(view.sites) > 1:
            figures.append(charts.build_sites_chart(view, lang))
        for fig in figures:
            assert figure_title(fig) and figure_takeaway(fig) and figure_alt(fig)
        table = words.build_behaviour_table(view, lang)
        assert table.height == 24 and set(words.behaviour_table_labels(lang)) == set(table.columns)
    adjusted = service.compute_trend_view(data, seasonally_adjusted=True)
    assert adjusted.seasonally_adjusted == (adjusted.seasonality is not None)


def test_default_indicator_prefers_a_request_then_an_unfavourable_signal():
    import polars as pl

    from smqse.views.trends import default_indicator

    rows = pl.DataFrame(
        {
            "indicator_id": ["A", "B", "C"],
            "signal": [True, True, False],
            "signal_favourable": [True, False, None],
        }
    )
    assert default_indicator(["A", "B", "C"], rows) == "B"
    assert default_indicator(["A", "B", "C"], rows, preferred="C") == "C"
    assert default_indicator(["A", "C"], rows) == "A"
    assert default_indicator([], rows) is None
