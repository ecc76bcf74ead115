"""Data-quality pass before anomaly detection: problems of the *data*, not of the process. Polars (+ NumPy).

API (stable; the anomaly page and the univariate detector rely on it)

    from smqse.analysis import data_quality as dq

    dq.detect_data_problems(measurements, indicators, *, months) -> pl.DataFrame
        # one row per problem, columns (PROBLEM_SCHEMA):
        #   indicator_id, site_id, period (date), problem, value (float, may be null), detail (English words),
        #   severity ('error' | 'warning'), excludes_value (bool: the cell's value must not feed detection)
        # sorted by indicator_id, site_id, period, problem
    dq.drop_data_problems(frame, problems, *, period_col="period") -> pl.DataFrame
        # `frame` (indicator_id, site_id, <period_col>, …) without the cells whose value is a data problem
    dq.month_range(start, end) -> list[date]              # the `months` argument for a window
    dq.clean_series_mask(periods, problems, *, indicator_id, site_id) -> list[bool]
        # for one series: True where the point may feed `anomalies.detect`, False where it is a data problem

Inputs
- `measurements`: rows of the `measurement` table, *all versions* (query `anomaly_measurements`): indicator_id,
  site_id, period, value, numerator, denominator, and when available version, import_id, entered_at.
  Missing optional columns are taken as version 1, no import, no timestamp.
- `indicators`: indicator_id, aggregation, rate_base, min_value, max_value and optionally frequency
  (query `indicator_catalogue`). An indicator absent from the frame gets no range or ratio check.
- `months`: the months (first day) the pass covers: a month of this list without a value is a missing period.

Problems (`problem` codes; the UI translates by code, `detail` is for logs and English readers)
- missing_period (warning): a monthly indicator-site pair that has reported a value has none for a month of
  `months`, from its first reported month on. A pair silent for the last 12 months of `months` is taken as
  discontinued: only its internal gaps are reported, not every month since. A row without value and without
  numerator counts as missing. Indicators whose `frequency` is not monthly are not checked.
- duplicate_entry (warning): two rows with the same (indicator, site, period) and the same version (a
  correction must add a version), or the same key entered twice in one import (same import_id). One row per
  key; the detail says which and lists the values. The current value of such a key is ambiguous (SQL sums
  would count it twice), so it is excluded from detection.
- out_of_range (error): the value is below the indicator's min_value or above its max_value (a percentage
  above 100, a negative count).
- zero_denominator (error): a ratio indicator with a denominator of 0: the rate is undefined.
- ratio_inconsistent (error): a ratio whose value differs from numerator / denominator × rate_base by more
  than the rounding of the value allows (half a unit of its last decimal, at most 6 decimals, with 0.1 %
  slack for floating point; at least 1e-6 relative): 9.38 for 3 / 320 × 1000 = 9.375 is consistent.
- unit_slip (warning): |log10(value / median of its neighbours)| ≥ UNIT_SLIP_LOG10 (2.5, a factor ≥ ~316:
  catches ×1000 / ÷1000 and kg↔t, Wh↔kWh slips, not a ×10 extra zero), where the neighbours are the up to
  6 current values before and 6 after in the same series, at least 4 of them positive, at least 3/4 of them
  positive, and consistent among themselves (MAD of their log10 ≤ 0.3, a factor 2). A zero or negative value
  is never a unit slip. A seasonal dip (August hours at 45 %) is a factor 2, far from the threshold.
- One *value* problem per cell, by precedence out_of_range > zero_denominator > ratio_inconsistent >
  unit_slip (a 1000× percentage is reported once, as out of range). duplicate_entry and missing_period are
  reported alongside.

Range, ratio and unit-slip checks run on the *current* value of each key (highest version; among rows of
the same version, the latest entered, then the last row): a superseded version that was wrong and has been
corrected is no longer a problem. A ratio given as numerator and denominator only is checked on
numerator / denominator × base.

A ×10 slip (an extra zero) is not a data problem here: at 10× it cannot be told from a genuine spike
(a recall, a burst of complaints, a tank clean-out) by the numbers alone. The univariate detector flags it as
a spike and the user classifies it (anomaly note). This is the case of the demo's E-WATER ROUEN 2026-02.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import numpy as np
import polars as pl

MISSING_PERIOD = "missing_period"
DUPLICATE_ENTRY = "duplicate_entry"
OUT_OF_RANGE = "out_of_range"
ZERO_DENOMINATOR = "zero_denominator"
RATIO_INCONSISTENT = "ratio_inconsistent"
UNIT_SLIP = "unit_slip"
PROBLEMS: tuple[str, ...] = (
    MISSING_PERIOD,
    DUPLICATE_ENTRY,
    OUT_OF_RANGE,
    ZERO_DENOMINATOR,
    RATIO_INCONSISTENT,
    UNIT_SLIP,
)

ERROR = "error"
WARNING = "warning"
SEVERITY: dict[str, str] = {
    MISSING_PERIOD: WARNING,
    DUPLICATE_ENTRY: WARNING,
    OUT_OF_RANGE: ERROR,
    ZERO_DENOMINATOR: ERROR,
    RATIO_INCONSISTENT: ERROR,
    UNIT_SLIP: WARNING,
}
# Problems whose cell value must not feed anomaly detection (missing periods have no value to exclude).
EXCLUDING: frozenset[str] = frozenset(
    {DUPLICATE_ENTRY, OUT_OF_RANGE, ZERO_DENOMINATOR, RATIO_INCONSISTENT, UNIT_SLIP}
)

UNIT_SLIP_LOG10 = 2.5  # factor 10**2.5 ≈ 316
SLIP_NEIGHBOURS = 6  # on each side
SLIP_MIN_NEIGHBOURS = 4
SLIP_MIN_POSITIVE_SHARE = 0.75
SLIP_NEIGHBOUR_MAD_LOG10 = 0.3  # neighbours within about a factor 2 of one another
CANDIDATE_LOG10 = UNIT_SLIP_LOG10 - 0.1  # below this from its neighbours' range, a value cannot be a slip
MAX_DECIMALS = 6
DISCONTINUED_MONTHS = 12

KEY = ["indicator_id", "site_id", "period"]
PROBLEM_SCHEMA: dict[str, pl.DataType] = {
    "indicator_id": pl.String(),
    "site_id": pl.String(),
    "period": pl.Date(),
    "problem": pl.String(),
    "value": pl.Float64(),
    "detail": pl.String(),
    "severity": pl.String(),
    "excludes_value": pl.Boolean(),
}


def empty_problems() -> pl.DataFrame:
    return pl.DataFrame(schema=PROBLEM_SCHEMA)


def month_range(start: date, end: date) -> list[date]:
    """First days of the months from start's month to end's month, inclusive."""
    first = start.year * 12 + start.month - 1
    last = end.year * 12 + end.month - 1
    return [date(i // 12, i % 12 + 1, 1) for i in range(first, last + 1)]


# --- preparation --------------------------------------------------------------------------------------


def _prepare(measurements: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    m = measurements
    defaults = {
        "value": pl.lit(None, pl.Float64),
        "numerator": pl.lit(None, pl.Float64),
        "denominator": pl.lit(None, pl.Float64),
        "version": pl.lit(1, pl.Int64),
        "import_id": pl.lit(None, pl.Int64),
        "entered_at": pl.lit(None, pl.Datetime("us")),
    }
    m = m.with_columns([expr.alias(name) for name, expr in defaults.items() if name not in m.columns])
    m = m.select(
        pl.col("indicator_id").cast(pl.String),
        pl.col("site_id").cast(pl.String),
        pl.col("period").cast(pl.Date),
        pl.col("value").cast(pl.Float64),
        pl.col("numerator").cast(pl.Float64),
        pl.col("denominator").cast(pl.Float64),
        pl.col("version").cast(pl.Int64),
        pl.col("import_id").cast(pl.Int64),
        pl.col("entered_at").cast(pl.Datetime("us")),
    ).with_row_index("_row")

    ind = indicators
    ind_defaults = {
        "aggregation": pl.lit(None, pl.String),
        "rate_base": pl.lit(None, pl.Float64),
        "min_value": pl.lit(None, pl.Float64),
        "max_value": pl.lit(None, pl.Float64),
        "frequency": pl.lit("monthly", pl.String),
    }
    ind = ind.with_columns(
        [expr.alias(name) for name, expr in ind_defaults.items() if name not in ind.columns]
    ).select(
        pl.col("indicator_id").cast(pl.String),
        pl.col("aggregation").cast(pl.String),
        pl.col("rate_base").cast(pl.Float64),
        pl.col("min_value").cast(pl.Float64),
        pl.col("max_value").cast(pl.Float64),
        pl.col("frequency").cast(pl.String).fill_null("monthly"),
    )
    m = m.join(ind.unique("indicator_id"), on="indicator_id", how="left")
    is_ratio = pl.col("aggregation") == "ratio"
    computed = pl.col("numerator") / pl.col("denominator") * pl.col("rate_base").fill_null(1.0)
    return m.with_columns(
        pl.col("frequency").fill_null("monthly"),
        pl.when(pl.col("value").is_not_null())
        .then(pl.col("value"))
        .when(is_ratio & (pl.col("denominator") != 0))
        .then(computed)
        .otherwise(None)
        .alias("v"),
    )


def _current(m: pl.DataFrame) -> pl.DataFrame:
    """The current row of each key: highest version, then latest entered, then last row."""
    if m.select(KEY).n_unique() == m.height:
        # One row per key (no correction, no duplicate: the usual case, 2 M rows at enterprise scale): the
        # row is the current one; the group_by below takes 5 s of CPU to find that out.
        return m.select(*KEY, pl.exclude(KEY)).sort(KEY)
    return _current_by_version(m)


def _current_by_version(m: pl.DataFrame) -> pl.DataFrame:
    return (
        m.sort(["version", "entered_at", "_row"], nulls_last=False)
        .group_by(KEY, maintain_order=True)
        .last()
        .sort(KEY)
    )


def _num(expr: pl.Expr) -> pl.Expr:
    """A number as short text (up to 6 significant decimals, no trailing zeros)."""
    return (
        expr.round(6).cast(pl.String).str.replace(r"(\.\d*?)0+$", "$1").str.replace(r"\.$", "").fill_null("?")
    )


def _problem(frame: pl.DataFrame, problem: str, detail: pl.Expr, value: pl.Expr) -> pl.DataFrame:
    return frame.select(
        "indicator_id",
        "site_id",
        "period",
        pl.lit(problem).alias("problem"),
        value.cast(pl.Float64).alias("value"),
        detail.alias("detail"),
        pl.lit(SEVERITY[problem]).alias("severity"),
        pl.lit(problem in EXCLUDING).alias("excludes_value"),
    )


# --- checks -------------------------------------------------------------------------------------------


def _duplicates(m: pl.DataFrame, current: pl.DataFrame) -> pl.DataFrame:
    same_version = (
        m.group_by([*KEY, "version"])
        .agg(pl.len().alias("n"), _num(pl.col("value")).alias("values"))
        .filter(pl.col("n") > 1)
        .select(
            *KEY,
            pl.format(
                "{} rows with version {} (values {})",
                pl.col("n"),
                pl.col("version"),
                pl.col("values").list.join(", "),
            ).alias("why"),
        )
    )
    same_import = (
        m.filter(pl.col("import_id").is_not_null())
        .group_by([*KEY, "import_id"])
        .agg(
            pl.len().alias("n"),
            pl.col("version").n_unique().alias("versions"),
            _num(pl.col("value")).alias("values"),
        )
        .filter((pl.col("n") > 1) & (pl.col("versions") > 1))  # same version is reported above
        .select(
            *KEY,
            pl.format(
                "entered {} times in import {} (values {})",
                pl.col("n"),
                pl.col("import_id"),
                pl.col("values").list.join(", "),
            ).alias("why"),
        )
    )
    found = pl.concat([same_version, same_import]).sort([*KEY, "why"])
    if found.is_empty():
        return empty_problems()
    found = found.group_by(KEY, maintain_order=True).agg(pl.col("why").str.join("; "))
    found = found.join(current.select(*KEY, "v"), on=KEY, how="left")
    return _problem(
        found,
        DUPLICATE_ENTRY,
        pl.format("duplicated entry: {}", pl.col("why")),
        pl.col("v"),
    )


def _missing(current: pl.DataFrame, months: Sequence[date]) -> pl.DataFrame:
    if not months:
        return empty_problems()
    month_frame = pl.DataFrame({"period": sorted(set(months))}, schema={"period": pl.Date})
    last_month = month_frame["period"].max()
    month_list = month_frame["period"].to_list()
    recent_from = month_list[max(0, len(month_list) - DISCONTINUED_MONTHS)]
    reported = current.filter(
        (pl.col("frequency") == "monthly")
        & (pl.col("value").is_not_null() | pl.col("numerator").is_not_null())
    )
    if reported.is_empty():
        return empty_problems()
    pairs = reported.group_by(["indicator_id", "site_id"]).agg(
        pl.col("period").min().alias("first"), pl.col("period").max().alias("last")
    )
    pairs = pairs.with_columns(
        pl.when(pl.col("last") >= recent_from)
        .then(pl.lit(last_month))
        .otherwise(pl.col("last"))
        .alias("until")
    )
    expected = pairs.join(month_frame, how="cross").filter(
        (pl.col("period") >= pl.col("first")) & (pl.col("period") <= pl.col("until"))
    )
    gaps = expected.join(reported.select(KEY), on=KEY, how="anti").sort(KEY)
    return _problem(
        gaps,
        MISSING_PERIOD,
        pl.lit("no value entered for this month"),
        pl.lit(None, pl.Float64),
    )


def _decimals(value: pl.Expr) -> pl.Expr:
    """How many decimals a keyed value carries (0…MAX_DECIMALS)."""
    expr = pl.lit(MAX_DECIMALS, pl.Int32)
    for d in range(MAX_DECIMALS - 1, -1, -1):
        scaled = value * 10.0**d
        whole = (scaled - scaled.round(0)).abs() <= 1e-6 * pl.max_horizontal(scaled.abs(), pl.lit(1.0))
        expr = pl.when(whole).then(pl.lit(d, pl.Int32)).otherwise(expr)
    return expr


def _row_median(values: np.ndarray) -> np.ndarray:
    """Median of each row ignoring NaN (NaN for an empty row); np.nanmedian is slow on many short rows."""
    ordered = np.sort(values, axis=1)  # NaN sort last
    n = (~np.isnan(values)).sum(axis=1)
    rows = np.arange(len(values))
    low = ordered[rows, np.maximum(n - 1, 0) // 2]
    high = ordered[rows, np.maximum(n, 1) // 2]
    return np.where(n > 0, (low + high) / 2, np.nan)


def _neighbour_stats(neighbours: np.ndarray) -> list[pl.Series]:
    """Per row of neighbour values (NaN = none): how many, how many positive, the median and the MAD of the
    log10 of the positive ones (NumPy: far faster than list expressions at 1.6 M rows)."""
    neighbours = neighbours.astype(float)
    present = ~np.isnan(neighbours)
    positive = present & (np.nan_to_num(neighbours, nan=0.0) > 0)
    logs = np.where(positive, np.log10(np.where(positive, neighbours, 1.0)), np.nan)
    median = _row_median(logs)
    mad = _row_median(np.abs(logs - median[:, None]))
    return [
        pl.Series("_n_nb", present.sum(axis=1)),
        pl.Series("_n_pos", positive.sum(axis=1)),
        pl.Series("_med", median, nan_to_null=True),
        pl.Series("_mad", mad, nan_to_null=True),
    ]


def _neighbour_stats_where_needed(neighbours: pl.DataFrame) -> list[pl.Series]:
    """`_neighbour_stats` of the rows that can be a unit slip, null elsewhere (a slip needs them all; they are
    read for slips only). A slip is 10**2.5 times the median of its positive neighbours, which lies between
    their smallest and largest: a value within 10**2.4 of both cannot be one. Sorting 12 neighbours of each
    of 2 M rows for their median took most of the pass."""
    v = pl.col("v")
    positive = [pl.when(pl.col(c) > 0).then(pl.col(c)) for c in neighbours.columns if c != "v"]
    can_slip = (
        (v > 0)
        & (
            (v >= 10.0**CANDIDATE_LOG10 * pl.min_horizontal(positive))
            | (v <= 10.0**-CANDIDATE_LOG10 * pl.max_horizontal(positive))
        )  # fmt: skip
    ).fill_null(False)
    rows = neighbours.select(can_slip.alias("can")).to_series().arg_true()
    found = _neighbour_stats(neighbours.drop("v")[rows].to_numpy())
    names = [s.name for s in found]
    sparse = pl.DataFrame({"_i": rows, **{s.name: s for s in found}})
    full = pl.DataFrame({"_i": pl.int_range(neighbours.height, eager=True, dtype=rows.dtype)})
    full = full.join(sparse, on="_i", how="left", maintain_order="left")
    return [full[name] for name in names]


def _value_checks(current: pl.DataFrame) -> pl.DataFrame:
    c = current.sort(KEY)
    is_ratio = pl.col("aggregation") == "ratio"
    expected = pl.col("numerator") / pl.col("denominator") * pl.col("rate_base").fill_null(1.0)
    tolerance = pl.max_horizontal(
        0.5005 * pl.lit(10.0).pow(-_decimals(pl.col("value")).cast(pl.Float64)),
        1e-6 * expected.abs(),
    )

    side = ["indicator_id", "site_id"]
    offsets = [*range(1, SLIP_NEIGHBOURS + 1), *range(-SLIP_NEIGHBOURS, 0)]
    shifted = [pl.col("v").shift(k).over(side).alias(f"_nb{i}") for i, k in enumerate(offsets)]
    c = c.with_columns(_neighbour_stats_where_needed(c.select("v", *shifted)))
    slip_log = pl.col("v").log10() - pl.col("_med")

    c = c.with_columns(
        (
            (pl.col("min_value").is_not_null() & (pl.col("v") < pl.col("min_value")))
            | (pl.col("max_value").is_not_null() & (pl.col("v") > pl.col("max_value")))
        )
        .fill_null(False)
        .alias("_range"),
        (is_ratio & (pl.col("denominator") == 0)).fill_null(False).alias("_zero"),
        (
            is_ratio
            & pl.col("value").is_not_null()
            & pl.col("numerator").is_not_null()
            & (pl.col("denominator") != 0)
            & ((pl.col("value") - expected).abs() > tolerance)
        )
        .fill_null(False)
        .alias("_ratio"),
        (
            (pl.col("v") > 0)
            & (pl.col("_n_pos") >= SLIP_MIN_NEIGHBOURS)
            & (pl.col("_n_pos") >= SLIP_MIN_POSITIVE_SHARE * pl.col("_n_nb"))
            & (pl.col("_mad") <= SLIP_NEIGHBOUR_MAD_LOG10)
            & (slip_log.abs() >= UNIT_SLIP_LOG10)
        )
        .fill_null(False)
        .alias("_slip"),
    )
    out_of_range = c.filter("_range")
    zero = c.filter(~pl.col("_range") & pl.col("_zero"))
    ratio = c.filter(~pl.col("_range") & ~pl.col("_zero") & pl.col("_ratio"))
    slip = c.filter(~pl.col("_range") & ~pl.col("_zero") & ~pl.col("_ratio") & pl.col("_slip"))

    bound = {
        "lo": _num(pl.col("min_value")).replace("?", "-inf"),
        "hi": _num(pl.col("max_value")).replace("?", "+inf"),
    }
    parts = [
        _problem(
            out_of_range,
            OUT_OF_RANGE,
            pl.format(
                "value {} is outside the indicator's possible range [{}, {}]",
                _num(pl.col("v")),
                bound["lo"],
                bound["hi"],
            ),
            pl.col("v"),
        ),
        _problem(
            zero,
            ZERO_DENOMINATOR,
            pl.format("denominator is 0 (numerator {}): the rate is undefined", _num(pl.col("numerator"))),
            pl.col("value"),
        ),
        _problem(
            ratio,
            RATIO_INCONSISTENT,
            pl.format(
                "value {} but numerator / denominator x base = {} / {} x {} = {}",
                _num(pl.col("value")),
                _num(pl.col("numerator")),
                _num(pl.col("denominator")),
                _num(pl.col("rate_base").fill_null(1.0)),
                _num(expected),
            ),
            pl.col("value"),
        ),
        _problem(
            slip,
            UNIT_SLIP,
            pl.format(
                "value {} is {} times the median of its {} neighbouring months ({}): "
                "a likely unit or decimal slip",
                _num(pl.col("v")),
                _num(pl.lit(10.0).pow(slip_log).round_sig_figs(3)),
                pl.col("_n_pos"),
                _num(pl.lit(10.0).pow(pl.col("_med")).round_sig_figs(4)),
            ),
            pl.col("v"),
        ),
    ]
    return pl.concat(parts)


# --- public API ---------------------------------------------------------------------------------------


def detect_data_problems(
    measurements: pl.DataFrame, indicators: pl.DataFrame, *, months: Sequence[date]
) -> pl.DataFrame:
    """Data problems of `measurements` (all versions) for `months`; see the module docstring."""
    if measurements.is_empty():
        return empty_problems()
    m = _prepare(measurements, indicators)
    current = _current(m)
    found = pl.concat(
        [
            _missing(current, months),
            _duplicates(m, current),
            _value_checks(current),
        ]
    )
    order = {p: i for i, p in enumerate(PROBLEMS)}
    return (
        found.with_columns(pl.col("problem").replace_strict(order).alias("_o"))
        .sort([*KEY, "_o"])
        .drop("_o")
        .cast(PROBLEM_SCHEMA)
    )


def _excluded_cells(problems: pl.DataFrame) -> pl.DataFrame:
    return (
        problems.filter(pl.col("excludes_value"))
        .select(
            pl.col("indicator_id").cast(pl.String),
            pl.col("site_id").cast(pl.String),
            pl.col("period").cast(pl.Date),
        )
        .unique()
    )


def drop_data_problems(
    frame: pl.DataFrame, problems: pl.DataFrame, *, period_col: str = "period"
) -> pl.DataFrame:
    """`frame` (indicator_id, site_id, `period_col`, …) without the cells whose value is a data problem."""
    cells = _excluded_cells(problems).rename({"period": period_col})
    if cells.is_empty():
        return frame
    cells = cells.with_columns(pl.col(period_col).cast(frame.schema[period_col]))
    return frame.join(cells, on=["indicator_id", "site_id", period_col], how="anti", maintain_order="left")


def clean_series_mask(
    periods: Sequence[date], problems: pl.DataFrame, *, indicator_id: str, site_id: str
) -> list[bool]:
    """For one series: True where the point may feed anomaly detection, False where it is a data problem."""
    cells = _excluded_cells(problems).filter(
        (pl.col("indicator_id") == indicator_id) & (pl.col("site_id") == site_id)
    )
    bad = set(cells["period"].to_list())
    return [(p.date() if isinstance(p, datetime) else p) not in bad for p in periods]
