"""smqse.analysis.pareto against hand computations and its documented edge cases."""

from __future__ import annotations

import math
import random

import numpy as np
import polars as pl
import pytest

from smqse.analysis.pareto import COLUMNS, pareto

# A textbook-style defect tally: 10 categories, 100 defects. Cumulative: 45, 70, 80 (the cut-off exactly),
# 86, 91, 94, 96, 98, 99, 100 — so the vital few are the first three.
TALLY = {
    "scratch": 45,
    "dent": 25,
    "burr": 10,
    "porosity": 6,
    "crack": 5,
    "misalignment": 3,
    "colour": 2,
    "label": 2,
    "missing part": 1,
    "wrong part": 1,
}


def _events(tally: dict[str, int], seed: int = 7) -> list[str]:
    labels = [name for name, n in tally.items() for _ in range(n)]
    random.Random(seed).shuffle(labels)
    return labels


def test_columns_order_and_dtypes():
    frame = pareto(["a", "b", "a"])
    assert tuple(frame.columns) == COLUMNS
    assert frame.schema == pl.Schema(
        {
            "category": pl.String,
            "weight": pl.Int64,
            "share": pl.Float64,
            "cumulative_share": pl.Float64,
            "vital_few": pl.Boolean,
        }
    )
    assert pareto(["a"], [2.5]).schema["weight"] == pl.Float64


def test_textbook_tally_by_hand():
    frame = pareto(_events(TALLY))
    assert frame["category"].to_list() == [
        "scratch",
        "dent",
        "burr",
        "porosity",
        "crack",
        "misalignment",
        "colour",
        "label",
        "missing part",
        "wrong part",
    ]  # fmt: skip  (colour/label and missing/wrong part tie: label order)
    assert frame["weight"].to_list() == [45, 25, 10, 6, 5, 3, 2, 2, 1, 1]
    assert frame["share"].to_list() == pytest.approx(
        [0.45, 0.25, 0.10, 0.06, 0.05, 0.03, 0.02, 0.02, 0.01, 0.01]
    )
    assert frame["cumulative_share"].to_list() == pytest.approx(
        [0.45, 0.70, 0.80, 0.86, 0.91, 0.94, 0.96, 0.98, 0.99, 1.0]
    )
    assert frame["cumulative_share"][-1] == 1.0
    # 80 % exactly reached by the third: the vital few are scratch, dent and burr.
    assert frame.filter(pl.col("vital_few"))["category"].to_list() == ["scratch", "dent", "burr"]
    # A higher cut-off needs the fourth; a lower one only two.
    assert pareto(_events(TALLY), cutoff=0.81)["vital_few"].sum() == 4
    assert pareto(_events(TALLY), cutoff=0.70)["vital_few"].sum() == 2
    assert pareto(_events(TALLY), cutoff=1.0)["vital_few"].sum() == 10


def test_weights_are_summed_per_category():
    # Costs by defect: a rare but expensive category leads a cost Pareto.
    categories = ["scratch", "scratch", "crack", "dent", "scratch", "dent"]
    costs = [10.0, 20.0, 900.0, 50.0, 30.0, 40.0]
    frame = pareto(categories, costs)
    assert frame["category"].to_list() == ["crack", "dent", "scratch"]
    assert frame["weight"].to_list() == [900.0, 90.0, 60.0]
    assert frame["share"].to_list() == pytest.approx([900 / 1050, 90 / 1050, 60 / 1050])
    assert frame["vital_few"].to_list() == [True, False, False]  # 85.7 % ≥ 80 %


def test_cutoff_exactly_reached_despite_floating_point():
    # 0.04 / 0.05 computes as 0.7999999999999999 in binary floating point: it still reaches 0.8.
    assert (0.02 + 0.02) / (0.02 + 0.02 + 0.01) < 0.8
    frame = pareto(["a", "b", "c"], [0.02, 0.02, 0.01], cutoff=0.8)
    assert frame["vital_few"].to_list() == [True, True, False]
    # A cut-off given as a sum (0.1 + 0.7 = 0.7999999999999999) behaves as 0.8 too.
    assert pareto(["a", "b", "c"], [5, 3, 2], cutoff=0.1 + 0.7)["vital_few"].to_list() == [True, True, False]
    assert pareto(["a", "b", "c"], [5, 3, 2], cutoff=0.3 + 0.5)["vital_few"].to_list() == [True, True, False]
    # Just above: the next category is needed.
    assert pareto(["a", "b", "c"], [5, 3, 2], cutoff=0.800001)["vital_few"].to_list() == [True, True, True]


def test_ties_are_broken_by_category_label_whatever_the_input_order():
    expected = ["b", "c", "a", "d"]
    for seed in range(5):
        labels = ["a"] * 2 + ["b"] * 3 + ["c"] * 3 + ["d"]
        random.Random(seed).shuffle(labels)
        assert pareto(labels)["category"].to_list() == expected
    # At the boundary the tie-break decides: 40/40/20 with an 80 % cut-off → the first two, by label.
    frame = pareto(["y", "x", "z"], [40, 40, 20])
    assert frame["category"].to_list() == ["x", "y", "z"]
    assert frame["vital_few"].to_list() == [True, True, False]
    frame = pareto(["y", "x", "z"], [40, 40, 20], cutoff=0.3)
    assert frame["vital_few"].to_list() == [True, False, False]


def test_zero_weight_categories_are_kept_and_never_vital():
    frame = pareto(["a", "b", "c", "d"], [0, 5, 0, 5], cutoff=1.0)
    assert frame["category"].to_list() == ["b", "d", "a", "c"]
    assert frame["share"].to_list() == [0.5, 0.5, 0.0, 0.0]
    assert frame["cumulative_share"].to_list() == [0.5, 1.0, 1.0, 1.0]
    assert frame["vital_few"].to_list() == [True, True, False, False]


def test_all_weights_zero_gives_zero_shares_and_no_vital_few():
    frame = pareto(["a", "b", "a"], [0, 0, 0])
    assert frame["category"].to_list() == ["a", "b"]
    assert frame["share"].to_list() == [0.0, 0.0]
    assert frame["cumulative_share"].to_list() == [0.0, 0.0]
    assert not frame["vital_few"].any()


def test_a_single_category_is_the_vital_few():
    frame = pareto(["only"] * 4)
    assert frame.rows() == [("only", 4, 1.0, 1.0, True)]
    assert pareto(["only"], [3.0], cutoff=0.01)["vital_few"].to_list() == [True]


def test_empty_input_gives_an_empty_frame_with_the_columns():
    for frame in (
        pareto([]),
        pareto([], []),
        pareto(np.array([], dtype=str)),
        pareto(pl.Series([], dtype=pl.String)),
    ):
        assert frame.is_empty()
        assert tuple(frame.columns) == COLUMNS
        assert frame.schema["category"] == pl.String
        assert frame.schema["share"] == pl.Float64
        assert frame.schema["vital_few"] == pl.Boolean


@pytest.mark.parametrize(
    "categories, weights",
    [
        (["a", "b", "a"], None),
        (("a", "b", "a"), None),
        (np.array(["a", "b", "a"]), None),
        (pl.Series(["a", "b", "a"]), None),
        (["a", "b", "a"], [1, 1, 1]),
        (["a", "b", "a"], np.array([1.0, 1.0, 1.0])),
        (pl.Series(["a", "b", "a"]), pl.Series([1, 1, 1])),
        ((c for c in "aba"), None),
    ],
)
def test_input_types(categories, weights):
    frame = pareto(categories, weights)
    assert frame["category"].to_list() == ["a", "b"]
    assert frame["weight"].to_list() == [2, 1]
    assert frame["vital_few"].to_list() == [True, True]  # 67 % then 100 %


def test_numeric_categories_keep_their_type():
    frame = pareto([3, 1, 3, 2])
    assert frame["category"].to_list() == [3, 1, 2]
    assert frame.schema["category"] == pl.Int64


@pytest.mark.parametrize("cutoff", [0, -0.1, 1.01, 80, math.nan, "high", None])
def test_cutoff_outside_the_unit_interval_is_refused(cutoff):
    with pytest.raises(ValueError, match="cutoff"):
        pareto(["a"], cutoff=cutoff)


@pytest.mark.parametrize(
    "categories, weights, message",
    [
        (["a", "b"], [1, -1], "negative"),
        (["a", "b"], [1, None], "null"),
        (["a", "b"], [1, math.nan], "NaN"),
        (["a", "b"], [1, math.inf], "infinite"),
        (["a", "b"], [1], "weights"),
        (["a", None], None, "null"),
        ([None, None], None, "null"),
        (["a", "b"], ["x", "y"], "numbers"),
    ],
)
def test_invalid_input_is_refused(categories, weights, message):
    with pytest.raises(ValueError, match=message):
        pareto(categories, weights)
