"""Process behaviour charts against published worked examples and hand-built rule series.

Expected numbers come from the cited texts (to their printed precision) or from arithmetic done by
hand in the comments, never from the code under test.
"""

import numpy as np
import polars as pl
import pytest

from smqse.analysis import spc
from smqse.analysis.spc import Signal

HALF_CENT = 0.005 + 1e-9  # half a unit of a value printed to 2 decimals

# ---------------------------------------------------------------------------------------------------
# NIST/SEMATECH e-Handbook of Statistical Methods §6.3.2.3 "CUSUM Control Charts", tabular form
# (https://www.itl.nist.gov/div898/handbook/pmc/section3/pmc323.htm): target 325, σ = 1.27/√4 = 0.635,
# k = 0.3175 (= 0.5σ), h = 4.1959 (= 6.6077σ). Columns x − 325, S_hi, S_lo and the cumulative sum,
# printed to 2 decimals; NIST stars S_hi from group 14 to group 20.
# The page itself could not be reached from here: data and table as transcribed in a public oracle file
# (…/oracle_quality.py, "NIST 6.3.2.3"), checked by hand against the recursion for all 20 rows.
NIST_CUSUM_X = [
    324.925, 324.675, 324.725, 324.350, 325.350, 325.225, 324.125, 324.525, 325.225, 324.600,
    324.625, 325.150, 328.325, 327.250, 327.825, 328.500, 326.675, 327.775, 326.875, 328.350,
]  # fmt: skip
NIST_CUSUM_S_HI = [
    0.00, 0.00, 0.00, 0.00, 0.03, 0.00, 0.00, 0.00, 0.00, 0.00,
    0.00, 0.00, 3.01, 4.94, 7.45, 10.63, 11.99, 14.44, 16.00, 19.04,
]  # fmt: skip
NIST_CUSUM_S_LO = [
    0.00, 0.01, 0.00, 0.33, 0.00, 0.00, 0.56, 0.72, 0.17, 0.25,
    0.31, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00,
]  # fmt: skip
NIST_CUSUM_SUM = [
    -0.07, -0.40, -0.67, -1.32, -0.97, -0.75, -1.62, -2.10, -1.87, -2.27,
    -2.65, -2.50, 0.83, 3.08, 5.90, 9.40, 11.08, 13.85, 15.73, 19.08,
]  # fmt: skip


def test_cusum_reproduces_nist_6_3_2_3():
    sigma = 0.635
    r = spc.cusum(NIST_CUSUM_X, target=325, sigma=sigma, k=0.5, h=4.1959 / sigma)
    assert r.s_hi == pytest.approx(NIST_CUSUM_S_HI, abs=HALF_CENT)
    assert r.s_lo == pytest.approx(NIST_CUSUM_S_LO, abs=HALF_CENT)
    assert r.cusum == pytest.approx(NIST_CUSUM_SUM, abs=HALF_CENT)
    assert r.decision_interval == pytest.approx(4.1959)
    # Groups 14–20 starred; the sums keep growing after the first signal (no reset, as NIST prints).
    assert r.signals_hi == list(range(13, 20))
    assert r.signals_lo == []
    assert r.signals == [Signal(i, 1) for i in range(13, 20)]


def test_cusum_lower_side_and_strict_threshold():
    # Target 0, σ 1, k 0.5, h 1. x = −2: S⁻ = 0 + (−0.5) − (−2) = 1.5 > 1, then 1.5 + 1.5 = 3.0.
    r = spc.cusum([-2, -2], target=0, sigma=1, k=0.5, h=1)
    assert r.s_lo == [1.5, 3.0]
    assert r.s_hi == [0.0, 0.0]
    assert (r.signals_hi, r.signals_lo) == ([], [0, 1])
    assert r.signals == [Signal(0, 1), Signal(1, 1)]
    # x = 1.5: S⁺ = 1.5 − 0.5 = 1.0, equal to H → not a signal (strictly greater).
    assert spc.cusum([1.5], target=0, sigma=1, k=0.5, h=1).signals == []


# ---------------------------------------------------------------------------------------------------
# NIST/SEMATECH e-Handbook §6.3.2.4 "EWMA Control Charts" (…/pmc/section3/pmc324.htm): 20 points,
# EWMA₀ = 50, s = 2.0539, λ = 0.3, k = 3. EWMA₁…EWMA₂₀ printed to 2 decimals; UCL = 50 + 3(0.4201)(2.0539)
# = 52.5884, LCL = 47.4115 (NIST rounds √(λ/(2−λ)) to 0.4201; unrounded the LCL is 47.41157); every EWMA
# lies inside the limits. NIST uses the asymptotic limits.
NIST_EWMA_X = [
    52.0, 47.0, 53.0, 49.3, 50.1, 47.0, 51.0, 50.1, 51.2, 50.5,
    49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1,
]  # fmt: skip
NIST_EWMA_Z = [
    50.60, 49.52, 50.56, 50.18, 50.16, 49.21, 49.75, 49.85, 50.26, 50.33,
    50.11, 49.36, 49.52, 50.05, 49.38, 49.92, 50.73, 51.23, 51.94, 51.99,
]  # fmt: skip


def test_ewma_reproduces_nist_6_3_2_4():
    r = spc.ewma(NIST_EWMA_X, target=50, sigma=2.0539, lam=0.3, L=3, exact=False)
    assert r.ewma == pytest.approx(NIST_EWMA_Z, abs=HALF_CENT)
    assert r.ucl == pytest.approx([52.5884] * 20, abs=1e-4)
    assert r.lcl == pytest.approx([47.4115] * 20, abs=1e-4)
    assert r.center == 50
    assert r.signals == []


def test_ewma_exact_limits_start_at_lambda_sigma_and_widen_to_the_asymptote():
    # i = 1: λ/(2−λ)·(1 − (1−λ)²) = λ², so the first limits are μ₀ ± Lσλ = 50 ± 3·2·0.3 = 50 ± 1.8.
    r = spc.ewma([50.0] * 30, target=50, sigma=2, lam=0.3, L=3, exact=True)
    assert (r.ucl[0], r.lcl[0]) == pytest.approx((51.8, 48.2))
    assert np.all(np.diff(r.ucl) > 0)
    assert r.ucl[-1] == pytest.approx(50 + 3 * 2 * (0.3 / 1.7) ** 0.5)


def test_ewma_signals_outside_the_limits():
    # λ = 1: z = x and the limits are μ₀ ± Lσ = ±3 from the first point on.
    r = spc.ewma([0.0, 3.5, 3.0, -3.2], target=0, sigma=1, lam=1.0)
    assert r.ewma == [0.0, 3.5, 3.0, -3.2]
    assert r.signals == [Signal(1, 1), Signal(3, 1)]


# ---------------------------------------------------------------------------------------------------
# NIST/SEMATECH e-Handbook §6.3.2.2 "Individuals Control Charts" (…/pmc/section3/pmc322.htm), flow-rate
# example: x̄ = 50.81, MR̄ = 1.8778, UCL = 55.8041, LCL = 45.8159; moving ranges printed to 1 decimal;
# "none of the points is outside the limits". NIST computes 3·MR̄/1.128; the contract's 2.66·MR̄ moves
# the limits by 0.0008 here, hence the check to 1e-3 (σ is 2.66·MR̄/3 so rule 1 matches the drawn limits).
NIST_FLOW = [49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1]


def test_xmr_reproduces_nist_6_3_2_2():
    r = spc.xmr(NIST_FLOW)
    assert r.center == pytest.approx(50.81, abs=5e-5)
    assert r.mr_bar == pytest.approx(1.8778, abs=5e-5)
    assert r.moving_ranges == pytest.approx([2.0, 2.3, 1.4, 3.5, 3.4, 1.4, 0.2, 1.2, 1.5])
    assert r.center + 3 * r.mr_bar / 1.128 == pytest.approx(55.8041, abs=5e-5)
    assert r.center - 3 * r.mr_bar / 1.128 == pytest.approx(45.8159, abs=5e-5)
    assert r.center + 3 * r.sigma == pytest.approx(r.ucl)
    assert r.ucl == pytest.approx(55.8041, abs=1e-3)
    assert r.lcl == pytest.approx(45.8159, abs=1e-3)
    assert r.url == pytest.approx(3.267 * 16.9 / 9)  # D₄·MR̄, MR̄ = 16.9 / 9
    assert [s for s in r.signals if s.rule == 1] == []
    # By hand, σ ≈ 1.665: no point beyond 2σ, only two beyond 1σ, at most 5 in a row on one side.
    assert r.signals == []
    assert r.moving_range_signals == []


def test_xmr_contract():
    values = [10, 10, 10, 10, 30, 10, 10, 10]
    r = spc.xmr(values)
    # MR = 0,0,0,20,20,0,0 → MR̄ = 40/7; URL = 3.267·40/7 = 18.67 < 20: ranges ending at points 4 and 5.
    assert r.mr_bar == pytest.approx(40 / 7)
    assert r.moving_range_signals == [4, 5]
    assert r.center == pytest.approx(12.5)
    assert (r.ucl, r.lcl) == pytest.approx((12.5 + 2.66 * 40 / 7, 12.5 - 2.66 * 40 / 7))
    assert r.sigma == pytest.approx(2.66 * 40 / 7 / 3)
    assert r.values == [10.0, 10.0, 10.0, 10.0, 30.0, 10.0, 10.0, 10.0]
    assert r.signals == spc.run_rules(values, r.center, r.sigma, "western_electric")
    assert r.signals == [Signal(4, 1)]  # 30 > 12.5 + 3·5.066 = 27.7
    assert spc.xmr(values, rules="nelson").signals == spc.run_rules(values, r.center, r.sigma, "nelson")
    assert spc.xmr(values, rules=None).signals == [Signal(4, 1)]


def test_xmr_flat_series_has_no_signal():
    r = spc.xmr([5, 5, 5, 5])
    assert (r.mr_bar, r.ucl, r.lcl, r.url) == (0.0, 5.0, 5.0, 0.0)
    assert r.signals == [] and r.moving_range_signals == []


# ---------------------------------------------------------------------------------------------------
# Montgomery, Introduction to Statistical Quality Control (Table 7.1 in the 6th–8th editions; qcc's
# `orangejuice`): 30 samples of n = 50 cans, 347 nonconforming → p̄ = 0.2313, UCL = 0.4102, LCL = 0.0524;
# samples 15 and 23 plot above the UCL.
ORANGE_JUICE = [
    12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22,
    8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6,
]  # fmt: skip


def test_p_chart_reproduces_montgomery_orange_juice():
    r = spc.p_chart(ORANGE_JUICE, [50] * 30)
    assert r.center == pytest.approx(0.2313, abs=5e-5)
    assert r.ucl == pytest.approx([0.4102] * 30, abs=5e-5)
    assert r.lcl == pytest.approx([0.0524] * 30, abs=5e-5)
    assert r.values[14] == pytest.approx(22 / 50)
    assert r.signals == [Signal(14, 1), Signal(22, 1)]


def test_np_chart_is_the_p_chart_times_n():
    # Same Montgomery data: n·p̄ = 50·0.2313, limits 50·0.4102 and 50·0.0524 (to 50 × half a unit).
    r = spc.np_chart(ORANGE_JUICE, 50)
    assert r.center == pytest.approx(11.565, abs=0.0025)
    assert r.ucl == pytest.approx(20.51, abs=0.0025)
    assert r.lcl == pytest.approx(2.62, abs=0.0025)
    assert r.signals == [Signal(14, 1), Signal(22, 1)]


def test_p_chart_varying_sizes_and_run_rules():
    # p̄ = 30/300 = 0.1; n = 100: σ = 0.03, limits 0.01–0.19; n = 25: σ = 0.06, UCL 0.28, LCL −0.08 → 0.
    r = spc.p_chart([5, 5, 20, 0], [100, 25, 100, 75])
    assert r.center == pytest.approx(0.1)
    assert r.ucl == pytest.approx([0.19, 0.28, 0.19, 0.1 + 3 * (0.09 / 75) ** 0.5])
    assert r.lcl == pytest.approx([0.01, 0.0, 0.01, 0.0])
    assert r.values == pytest.approx([0.05, 0.2, 0.2, 0.0])
    assert r.signals == [Signal(2, 1)]  # 0.20 > 0.19; 0.0 sits on the floored LCL
    # Standardised: z = −1.67, 1.67, 3.33, −2.89 → no two beyond 2σ nor four beyond 1σ on one side.
    assert spc.p_chart([5, 5, 20, 0], [100, 25, 100, 75], rules="western_electric").signals == [Signal(2, 1)]
    mixed = spc.p_chart([17, 17, 3, 3, 10, 10], [100] * 6, rules="western_electric")
    # p̄ = 0.1, σ = 0.03: p = 0.17 → z = 2.33 (beyond 2σ, inside 3σ) twice; 0.03 → z = −2.33 twice.
    assert mixed.signals == [Signal(1, 2), Signal(3, 2)]


# ---------------------------------------------------------------------------------------------------
# Montgomery, Introduction to SQC, c-chart for nonconformities in samples of 100 printed circuit boards
# (qcc's `circuit`, first 26 samples): 516 nonconformities → c̄ = 19.85, UCL = 33.22, LCL = 6.48; samples 6
# and 20 are outside. (Montgomery rounds c̄ before adding 3√c̄: unrounded, UCL = 33.211.)
CIRCUIT = [
    21,
    24,
    16,
    12,
    15,
    5,
    28,
    20,
    31,
    25,
    20,
    24,
    16,
    19,
    10,
    17,
    13,
    22,
    18,
    39,
    30,
    24,
    16,
    19,
    17,
    15,
]


def test_c_chart_reproduces_montgomery_circuit_boards():
    r = spc.c_chart(CIRCUIT)
    assert r.center == pytest.approx(19.85, abs=HALF_CENT)
    assert r.ucl == pytest.approx(33.22, abs=0.01)
    assert r.lcl == pytest.approx(6.48, abs=HALF_CENT)
    assert r.signals == [Signal(5, 1), Signal(19, 1)]


def test_c_chart_nist_wafer_defects():
    # NIST/SEMATECH §6.3.3.1 "Counts Control Charts", wafer defects (data as transcribed in a public test
    # file; they sum to 400 as NIST's c̄ = 16 requires): c̄ = 16, UCL = 16 + 3·4 = 28, LCL = 4.
    wafers = [
        16,
        14,
        28,
        16,
        12,
        20,
        10,
        12,
        10,
        17,
        19,
        17,
        14,
        16,
        15,
        13,
        14,
        16,
        11,
        20,
        11,
        19,
        16,
        31,
        13,
    ]
    r = spc.c_chart(wafers)
    assert (r.center, r.ucl, r.lcl) == pytest.approx((16, 28, 4))
    # 28 sits exactly on the UCL (not beyond); 31 is beyond.
    assert r.signals == [Signal(23, 1)]


def test_c_chart_floors_lcl_at_zero():
    r = spc.c_chart([0, 1, 2, 1])  # c̄ = 1: 1 − 3 < 0
    assert (r.center, r.ucl, r.lcl) == pytest.approx((1, 4, 0))


# Montgomery, Introduction to SQC, u-chart for nonconformities in personal computers (qcc's `pcmanufact`):
# 20 samples of 5 computers, 193 nonconformities → ū = 1.93, UCL = 3.79, LCL = 0.07, no point outside.
PC_NONCONFORMITIES = [10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5]


def test_u_chart_reproduces_montgomery_personal_computers():
    r = spc.u_chart(PC_NONCONFORMITIES, [5] * 20)
    assert r.center == pytest.approx(1.93, abs=HALF_CENT)
    assert r.ucl == pytest.approx([3.79] * 20, abs=HALF_CENT)
    assert r.lcl == pytest.approx([0.07] * 20, abs=HALF_CENT)
    assert r.values[5] == pytest.approx(16 / 5)
    assert r.signals == []  # highest rate 16/5 = 3.2, lowest 5/5 = 1.0


def test_u_chart_varying_exposure():
    # 4 accidents over 2 000 000 h → ū = 2e-6 per hour; 1e6 h: σ = √(2e-6/1e6) = 1.414e-6.
    r = spc.u_chart([0, 4, 0], [500_000, 1_000_000, 500_000])
    assert r.center == pytest.approx(2e-6)
    assert r.ucl[1] == pytest.approx(2e-6 + 3 * (2e-6 / 1e6) ** 0.5)
    assert r.lcl == [0.0, 0.0, 0.0]
    assert r.values == pytest.approx([0.0, 4e-6, 0.0])
    assert r.signals == []


# ---------------------------------------------------------------------------------------------------
# Run rules, centre 0 and σ 1 unless said: hand-built series and the points that complete each pattern.


def nelson(values, center=0.0, sigma=1.0):
    return spc.run_rules(values, center, sigma, "nelson")


def we(values, center=0.0, sigma=1.0):
    return spc.run_rules(values, center, sigma, "western_electric")


def test_rule_1_beyond_three_sigma_strictly():
    series = [0, 0, 3.5, 0, -3.2, 0, 3.0]  # 3.0 sits on the limit: not beyond
    assert nelson(series) == [Signal(2, 1), Signal(4, 1)]
    assert we(series) == [Signal(2, 1), Signal(4, 1)]
    # Any centre and σ: limits 100 ± 15.
    assert nelson([100, 116, 100, 100, 115, 100, 100, 84], center=100, sigma=5) == [
        Signal(1, 1),
        Signal(7, 1),
    ]


def test_nelson_2_nine_on_one_side():
    run_of_10 = [-0.5] + [0.5] * 10 + [-0.5]  # the run occupies indexes 1…10
    assert nelson(run_of_10) == [Signal(9, 2), Signal(10, 2)]
    assert nelson([0.5] * 8) == []  # 8 on one side is not 9
    assert nelson([-0.5] * 9) == [Signal(8, 2)]
    assert nelson([0.5] * 4 + [0.0] + [0.5] * 5) == []  # a point on the centre line breaks the run


def test_nelson_3_six_points_steadily_increasing_or_decreasing():
    assert nelson([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]) == [Signal(5, 3), Signal(6, 3)]
    assert nelson([0.5, 0.4, 0.3, 0.2, 0.1, 0.0]) == [Signal(5, 3)]
    assert nelson([0, 0.1, 0.2, 0.3, 0.4]) == []  # 5 increasing points
    assert nelson([0, 0.1, 0.2, 0.2, 0.3, 0.4, 0.5]) == []  # a tie breaks the trend


def test_nelson_4_fourteen_alternating():
    assert nelson([0.5, -0.5] * 7) == [Signal(13, 4)]
    assert nelson([0.5, -0.5] * 6 + [0.5]) == []  # 13 points
    assert nelson([0.5, -0.5] * 3 + [-0.5] + [0.5, -0.5] * 3 + [0.5]) == []  # a repeat breaks the zig-zag


def test_nelson_5_two_of_three_beyond_two_sigma_same_side():
    assert nelson([0, 2.5, 0, 2.5, 0]) == [Signal(3, 5)]
    assert nelson([2.5, 2.5, 0]) == [Signal(1, 5)]
    assert nelson([-2.5, 0, -2.5]) == [Signal(2, 5)]
    assert nelson([2.5, 0, -2.5]) == []  # opposite sides
    assert nelson([2.5, 0, 0, 2.5]) == []  # 2 of 4


def test_nelson_6_four_of_five_beyond_one_sigma_same_side():
    assert nelson([1.5, 1.5, 0, 1.5, 1.5, 0]) == [Signal(4, 6)]
    assert nelson([1.5, 0, 1.5, 0, 1.5]) == []  # 3 of 5
    assert nelson([-1.5, -1.5, -1.5, 1.5, -1.5]) == [Signal(4, 6)]


def test_nelson_7_fifteen_within_one_sigma():
    hugging = [0.5, 0.5, -0.5, -0.5] * 4  # 16 points, no run of 9, no zig-zag, no trend
    assert nelson(hugging) == [Signal(14, 7), Signal(15, 7)]
    assert nelson(hugging[:14]) == []
    assert nelson(hugging[:7] + [1.5] + hugging[:8]) == []  # the point beyond 1σ breaks the run


def test_nelson_8_eight_beyond_one_sigma_on_both_sides():
    mixture = [1.5, 1.5, -1.5, -1.5] * 2
    assert nelson(mixture) == [Signal(7, 8)]
    assert nelson(mixture[:7]) == []
    # Eight beyond 1σ on one side only: Nelson 6 (and 2 at nine), not Nelson 8.
    assert all(s.rule != 8 for s in nelson([1.5] * 8))


def test_western_electric_rules_2_to_4():
    assert we([0, 2.5, 0, 2.5, 0]) == [Signal(3, 2)]
    assert we([1.5, 1.5, 0, 1.5, 1.5, 0]) == [Signal(4, 3)]
    assert we([0.5] * 7) == []
    assert we([0.5] * 8) == [Signal(7, 4)]
    assert we([-0.5] * 9) == [Signal(7, 4), Signal(8, 4)]
    assert we([0.5] * 5 + [0.0] + [0.5] * 5) == []


def test_signals_sorted_by_index_then_rule_and_not_duplicated():
    # Both points beyond 3σ; the second also completes "2 of 3 beyond 2σ" (Nelson 5).
    assert nelson([3.5, 3.5]) == [Signal(0, 1), Signal(1, 1), Signal(1, 5)]
    # 9 above with the last 4 rising beyond 1σ: Nelson 2 at 8, Nelson 6 at 8 (4 of 5 beyond 1σ).
    series = [0.5, 0.5, 0.5, 0.5, 0.5, 1.2, 1.4, 1.6, 1.8]
    assert nelson(series) == [Signal(8, 2), Signal(8, 6)]
    assert Signal(8, 2) == (8, 2)  # a NamedTuple: compares as a plain tuple too


# ---------------------------------------------------------------------------------------------------
# Input types and validation


@pytest.mark.parametrize("wrap", [list, np.array, pl.Series, tuple])
def test_input_types_give_identical_results(wrap):
    flow = spc.xmr(wrap(NIST_FLOW))
    assert flow == spc.xmr(NIST_FLOW)
    assert spc.p_chart(wrap(ORANGE_JUICE), wrap([50] * 30)) == spc.p_chart(ORANGE_JUICE, [50] * 30)
    assert spc.u_chart(wrap(PC_NONCONFORMITIES), wrap([5] * 20)) == spc.u_chart(PC_NONCONFORMITIES, [5] * 20)
    assert spc.c_chart(wrap(CIRCUIT)) == spc.c_chart(CIRCUIT)
    assert spc.np_chart(wrap(ORANGE_JUICE), 50) == spc.np_chart(ORANGE_JUICE, 50)
    assert spc.cusum(wrap(NIST_CUSUM_X), 325, 0.635) == spc.cusum(NIST_CUSUM_X, 325, 0.635)
    assert spc.ewma(wrap(NIST_EWMA_X), 50, 2.0539) == spc.ewma(NIST_EWMA_X, 50, 2.0539)
    assert nelson(wrap([0.5] * 10)) == nelson([0.5] * 10)
    assert all(type(v) is float for v in flow.values + flow.moving_ranges)


@pytest.mark.parametrize(
    "call",
    [
        lambda: spc.xmr([]),
        lambda: spc.xmr([1.0]),
        lambda: spc.xmr([1.0, float("nan"), 2.0]),
        lambda: spc.xmr([1.0, None, 2.0]),
        lambda: spc.xmr(pl.Series([1.0, None, 2.0])),
        lambda: spc.xmr([1.0, float("inf")]),
        lambda: spc.xmr(["a", "b"]),
        lambda: spc.xmr([[1.0, 2.0], [3.0, 4.0]]),
        lambda: spc.xmr([1.0, 2.0], rules="shewhart"),
        lambda: spc.run_rules([1.0, 2.0], 0, 0),
        lambda: spc.run_rules([1.0, 2.0], 0, -1),
        lambda: spc.run_rules([1.0, 2.0], float("nan"), 1),
        lambda: spc.run_rules([1.0, 2.0], 0, 1, rules="minitab"),
        lambda: spc.p_chart([1, 2], [10]),
        lambda: spc.p_chart([1, 2], [10, 0]),
        lambda: spc.p_chart([1, 12], [10, 10]),
        lambda: spc.p_chart([-1, 2], [10, 10]),
        lambda: spc.p_chart([], []),
        lambda: spc.np_chart([1, 2], 0),
        lambda: spc.np_chart([1, 12], 10),
        lambda: spc.c_chart([1, -2]),
        lambda: spc.u_chart([1, 2], [1.0, -5.0]),
        lambda: spc.u_chart([1, 2, 3], [1.0, 2.0]),
        lambda: spc.cusum([1.0], 0, 0),
        lambda: spc.cusum([1.0], 0, 1, k=-0.5),
        lambda: spc.cusum([1.0], 0, 1, h=0),
        lambda: spc.ewma([1.0], 0, 0),
        lambda: spc.ewma([1.0], 0, 1, lam=0),
        lambda: spc.ewma([1.0], 0, 1, lam=1.5),
        lambda: spc.ewma([1.0], 0, 1, L=0),
    ],
)
def test_bad_input_raises_value_error(call):
    with pytest.raises(ValueError):
        call()


def test_error_messages_say_what_is_wrong():
    with pytest.raises(ValueError, match="empty"):
        spc.cusum([], 0, 1)
    with pytest.raises(ValueError, match="different lengths"):
        spc.u_chart([1, 2], [1.0])
    with pytest.raises(ValueError, match="index 1"):
        spc.p_chart([1, 12], [10, 10])
    with pytest.raises(ValueError, match="sigma"):
        spc.ewma([1.0], 0, -2)


# ---------------------------------------------------------------------------------------------------
# Chart choice


@pytest.mark.parametrize(
    ("aggregation", "rate_base", "has_counts", "expected"),
    [
        ("ratio", 1_000_000, True, "u"),  # TF1, LTIFR, PPM
        ("ratio", 200_000, True, "u"),  # TRIR, DART
        ("ratio", 1_000, True, "u"),  # TG, IF
        ("ratio", 100, True, "p"),  # on-time delivery, first pass yield
        ("ratio", 100, False, "xmr"),  # percentages of non-count amounts
        ("ratio", 1_000_000, False, "xmr"),
        ("ratio", None, True, "xmr"),  # intensities (MWh per unit)
        ("ratio", 1, True, "xmr"),
        ("ratio", 500, True, "xmr"),
        ("sum", 1_000_000, True, "xmr"),  # complaints: a sum
        ("mean", None, False, "xmr"),
        ("last", 100, True, "xmr"),
        ("RATIO", 100.0, True, "p"),
        ("ratio", float("nan"), True, "xmr"),
    ],
)
def test_choose_chart(aggregation, rate_base, has_counts, expected):
    assert spc.choose_chart(aggregation, rate_base, has_counts) == expected


# ---------------------------------------------------------------------------------------------------
# Laney p′ / u′ (Laney 2002): with equal sample sizes, σᵢ·σ_z = MR̄(p)/1.128, so the p′ chart's limits are
# exactly the individuals chart's limits on the proportions (3·MR̄/1.128 around p̄ = mean p).
def test_laney_p_chart_equals_individuals_chart_for_equal_sizes():
    defectives = [120, 135, 110, 190, 125, 118, 142, 131, 150, 80]
    sizes = [10_000] * 10
    classic = spc.p_chart(defectives, sizes)
    laney = spc.p_chart(defectives, sizes, laney=True)
    proportions = [d / 10_000 for d in defectives]
    mr_bar = sum(abs(a - b) for a, b in zip(proportions[1:], proportions[:-1], strict=True)) / 9
    assert laney.center == pytest.approx(sum(proportions) / 10)
    assert laney.ucl[0] == pytest.approx(laney.center + 3 * mr_bar / 1.128)
    assert laney.sigma_z == pytest.approx(laney.sigma[0] / classic.sigma[0])
    assert laney.sigma_z > 1  # these data vary more than a binomial with n = 10 000 allows
    assert len(classic.signals) > len(laney.signals)


def test_laney_u_chart_widens_only_by_sigma_z():
    counts, units = [3, 9, 4, 12, 5, 7], [1e5, 2e5, 1e5, 3e5, 1e5, 2e5]
    classic, laney = spc.u_chart(counts, units), spc.u_chart(counts, units, laney=True)
    assert laney.center == classic.center
    for a, b in zip(laney.sigma, classic.sigma, strict=True):
        assert a == pytest.approx(b * laney.sigma_z)
    assert classic.sigma_z == 1.0
