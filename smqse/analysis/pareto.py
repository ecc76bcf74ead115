"""Pareto analysis: categories ranked by weight, their share and cumulative share, and the "vital few".

Contract (DESIGN.md):

    pareto(categories, weights=None, cutoff=0.8) -> polars.DataFrame
        columns: category, weight, share, cumulative_share, vital_few — sorted by weight, descending

Decisions, so that every caller (pages, notebooks, tests) gets the same answer:

- `categories` is any sequence of labels, one per observation (list, tuple, NumPy array, Polars Series).
  Equal labels are aggregated: `weight` is the number of observations when `weights` is None (Int64),
  else the sum of their weights (Float64).
- Order: weight descending, ties broken by category ascending, so the result never depends on input order.
- `share` = weight / total; `cumulative_share` = running total / total (the last row is exactly 1.0).
- `vital_few` marks the smallest set of top rows whose cumulative share reaches the cut-off; reaching it
  exactly counts (with a tolerance of 1e-12, so 0.5 + 0.3 computed as 0.7999999999999999 reaches 0.8).
  With tied weights at the boundary, the tie-break above decides which of the tied rows is in.
- Zero-weight categories are kept (share 0); they are never vital (the positive rows already reach 100 %).
- All weights zero (total 0): shares and cumulative shares are 0 and no row is vital (nothing to explain).
- Empty input: an empty frame with the five columns and their dtypes.
- Errors (ValueError): a null category (the caller names missing values itself, in its own language,
  e.g. "cause not determined"), a null, NaN, infinite or negative weight, lengths that differ, a cut-off
  outside (0, 1].
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import polars as pl

TOLERANCE = 1e-12
COLUMNS: tuple[str, ...] = ("category", "weight", "share", "cumulative_share", "vital_few")


def _as_series(values: object, name: str) -> pl.Series:
    if isinstance(values, pl.Series):
        return values.rename(name)
    if isinstance(values, np.ndarray):
        return pl.Series(name, values.tolist() if values.dtype == object else values)
    if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray)):
        try:
            values = list(values)  # type: ignore[call-overload]
        except TypeError as exc:
            raise ValueError(f"{name} must be a sequence, not {type(values).__name__}") from exc
    return pl.Series(name, list(values), strict=False)


def _check_cutoff(cutoff: float) -> float:
    try:
        value = float(cutoff)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"cutoff must be a number in (0, 1], not {cutoff!r}") from exc
    if math.isnan(value) or not 0.0 < value <= 1.0:
        raise ValueError(f"cutoff must be in (0, 1], not {cutoff!r}")
    return value


def compute_vital_few(cumulative_shares: Sequence[float], cutoff: float, total: float) -> list[bool]:
    """The first rows up to (and including) the one whose cumulative share reaches `cutoff`."""
    if total <= 0:
        return [False] * len(cumulative_shares)
    flags, reached = [], False
    for cumulative in cumulative_shares:
        flags.append(not reached)
        if cumulative >= cutoff - TOLERANCE:
            reached = True
    return flags


def pareto(categories, weights=None, cutoff: float = 0.8) -> pl.DataFrame:
    """Rank categories by weight with share, cumulative share and the vital few (see module docstring)."""
    cutoff = _check_cutoff(cutoff)
    labels = _as_series(categories, "category")
    if labels.dtype == pl.Null:  # an empty list: no type to keep, text labels by default
        labels = labels.cast(pl.String)
    if labels.null_count():
        raise ValueError("categories contain null values; give missing categories a label first")
    if weights is None:
        frame = pl.DataFrame({"category": labels})
        grouped = frame.group_by("category").agg(pl.len().cast(pl.Int64).alias("weight"))
        weight_dtype: type[pl.DataType] = pl.Int64
    else:
        values = _as_series(weights, "weight")
        if len(values) != len(labels):
            raise ValueError(f"{len(labels)} categories but {len(values)} weights")
        if len(values) and not values.dtype.is_numeric():
            raise ValueError(f"weights must be numbers, not {values.dtype}")
        values = values.cast(pl.Float64)
        if values.null_count() or (len(values) and not values.is_finite().all()):
            raise ValueError("weights contain null, NaN or infinite values")
        if len(values) and (values < 0).any():
            raise ValueError("weights must not be negative")
        frame = pl.DataFrame({"category": labels, "weight": values})
        grouped = frame.group_by("category").agg(pl.col("weight").sum())
        weight_dtype = pl.Float64

    grouped = grouped.sort(["weight", "category"], descending=[True, False])
    weight_list = grouped["weight"].to_list()
    total = float(sum(weight_list))
    if total > 0:
        running = np.cumsum(np.asarray(weight_list, dtype=float))
        shares = [w / total for w in weight_list]
        cumulative = [float(r) / total for r in running]
        if cumulative:
            cumulative[-1] = 1.0  # exactly, whatever the rounding of the running sum
    else:
        shares = [0.0] * len(weight_list)
        cumulative = [0.0] * len(weight_list)
    return pl.DataFrame(
        {
            "category": grouped["category"],
            "weight": pl.Series(weight_list, dtype=weight_dtype),
            "share": pl.Series(shares, dtype=pl.Float64),
            "cumulative_share": pl.Series(cumulative, dtype=pl.Float64),
            "vital_few": pl.Series(compute_vital_few(cumulative, cutoff, total), dtype=pl.Boolean),
        }
    )
