"""What needs a pilot's attention, most urgent first. Pure Polars, no I/O.

Two inputs: the scorecard rows (one per indicator: status, previous status, signal — see
`smqse.views.scorecard.load_scorecard`) and the values missing for the as-of month (one row per indicator and
site, from `queries/attention_missing_values.sql`). One output row per attention item:

1. `missing_data` — a value expected for the as-of month is not there (one item per indicator and site):
   the pilot must enter it, and every other verdict on that indicator is incomplete without it;
2. `objective_missed` — the value since the objective's start (kpi.compute_objective_status) misses it;
3. `unfavourable_signal` — the process behaviour chart shows a real movement in the wrong direction
   (a signal whose direction cannot be judged, on a target-band indicator, counts as unfavourable);
4. `objective_at_risk` — between the objective and the alert threshold;
5. `status_worsened` — the status is worse than last month (met → at risk → missed).

An indicator gets one indicator-level item, under the most urgent of kinds 2–5 that apply; the others are
kept as facts of the item (`worsened`, `also_signal`, `reasons`), so that one indicator does not fill the
list with three cards. Within a kind: indicators whose status worsened first, then those that also show an
unfavourable signal, then domain (Q, S, E), indicator id and site. Indicators with nothing to report are
returned as `all_clear` rows, after every item, with `needs_attention` false.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from smqse.analysis.kpi import DOMAIN_ORDER
from smqse.model import Status

MISSING_DATA = "missing_data"
OBJECTIVE_MISSED = "objective_missed"
UNFAVOURABLE_SIGNAL = "unfavourable_signal"
OBJECTIVE_AT_RISK = "objective_at_risk"
STATUS_WORSENED = "status_worsened"
ALL_CLEAR = "all_clear"

# Severity rank, 1 = most urgent. The order is the contract stated in the module docstring.
SEVERITY: dict[str, int] = {
    MISSING_DATA: 1,
    OBJECTIVE_MISSED: 2,
    UNFAVOURABLE_SIGNAL: 3,
    OBJECTIVE_AT_RISK: 4,
    STATUS_WORSENED: 5,
    ALL_CLEAR: 6,
}
ATTENTION_KINDS: tuple[str, ...] = tuple(k for k in SEVERITY if k != ALL_CLEAR)

# How bad a judged status is, to tell "worsened since last month".
_BADNESS = {Status.MET.value: 0, Status.AT_RISK.value: 1, Status.MISSED.value: 2}

ITEM_SCHEMA: dict[str, pl.DataType] = {
    "indicator_id": pl.String,
    "name_fr": pl.String,
    "name_en": pl.String,
    "domain": pl.String,
    "process_id": pl.String,
    "process_name_fr": pl.String,
    "process_name_en": pl.String,
    "site_id": pl.String,
    "site_name": pl.String,
    "kind": pl.String,
    "severity": pl.Int64,
    "needs_attention": pl.Boolean,
    "period": pl.Date,
    "reasons": pl.List(pl.String),
    "status": pl.String,
    "previous_status": pl.String,
    "worsened": pl.Boolean,
    "also_signal": pl.Boolean,
    "unit": pl.String,
    "polarity": pl.String,
    "aggregation": pl.String,
    "ytd_value": pl.Float64,
    "target_value": pl.Float64,
    "target_due": pl.Float64,
    "alert_value": pl.Float64,
    "alert_due": pl.Float64,
    "tolerance": pl.Float64,
    "deadline": pl.Date,
    "latest_period": pl.Date,
    "chart_type": pl.String,
    "signal": pl.Boolean,
    "signal_rule": pl.Int64,
    "signal_period": pl.Date,
    "signal_direction": pl.String,
    "signal_favourable": pl.Boolean,
    "last_period": pl.Date,
    "months_reported": pl.Int64,
    "pilot_user_id": pl.String,
    "pilot_name": pl.String,
}


def empty_items() -> pl.DataFrame:
    return pl.DataFrame(schema=ITEM_SCHEMA)


def _conform(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with exactly ITEM_SCHEMA's columns, in order (absent ones as nulls)."""
    return frame.select(
        [
            (pl.col(name) if name in frame.columns else pl.lit(None)).cast(dtype).alias(name)
            for name, dtype in ITEM_SCHEMA.items()
        ]
    )


def worsened_expr(status: pl.Expr, previous: pl.Expr) -> pl.Expr:
    """True when both statuses are judged (met / at risk / missed) and the current one is worse."""
    now = status.replace_strict(_BADNESS, default=None, return_dtype=pl.Int64)
    before = previous.replace_strict(_BADNESS, default=None, return_dtype=pl.Int64)
    return (now > before).fill_null(False)


def unfavourable_signal_expr() -> pl.Expr:
    """A recent signal that is not known to be good news."""
    return pl.col("signal").fill_null(False) & ~pl.col("signal_favourable").fill_null(False)


def compute_indicator_items(rows: pl.DataFrame) -> pl.DataFrame:
    """Indicator-level items from scorecard rows: one per indicator that is missed, at risk, shows an
    unfavourable signal or worsened, under its most urgent kind; the rest as `all_clear`."""
    if rows.is_empty():
        return empty_items()
    previous = pl.col("previous_status") if "previous_status" in rows.columns else pl.lit(None, pl.String)
    flagged = rows.with_columns(
        worsened_expr(pl.col("status"), previous).alias("worsened"),
        unfavourable_signal_expr().alias("_unfavourable"),
    )
    reasons = pl.concat_list(
        pl.when(pl.col("status") == Status.MISSED.value).then(pl.lit(OBJECTIVE_MISSED)),
        pl.when(pl.col("_unfavourable")).then(pl.lit(UNFAVOURABLE_SIGNAL)),
        pl.when(pl.col("status") == Status.AT_RISK.value).then(pl.lit(OBJECTIVE_AT_RISK)),
        pl.when(pl.col("worsened")).then(pl.lit(STATUS_WORSENED)),
    ).list.drop_nulls()
    flagged = flagged.with_columns(reasons.alias("reasons"))
    flagged = flagged.with_columns(
        pl.col("reasons").list.first().fill_null(ALL_CLEAR).alias("kind"),
    )
    flagged = flagged.with_columns(
        pl.col("kind").replace_strict(SEVERITY, return_dtype=pl.Int64).alias("severity"),
        (pl.col("kind") != ALL_CLEAR).alias("needs_attention"),
        (pl.col("_unfavourable") & (pl.col("kind") != UNFAVOURABLE_SIGNAL)).alias("also_signal"),
        pl.when(pl.col("kind") == UNFAVOURABLE_SIGNAL)
        .then(pl.col("signal_period"))
        .otherwise(pl.col("latest_period"))
        .alias("period"),
    )
    return _conform(flagged)


def compute_missing_items(missing: pl.DataFrame, rows: pl.DataFrame | None = None) -> pl.DataFrame:
    """One `missing_data` item per (indicator, site) missing its as-of value; indicator facts (status,
    unit…) are taken from the scorecard rows when given."""
    if missing.is_empty():
        return empty_items()
    frame = missing.rename({"period_month": "period"}) if "period_month" in missing.columns else missing
    if rows is not None and not rows.is_empty():
        extra = [c for c in rows.columns if c in ITEM_SCHEMA and c not in frame.columns]
        frame = frame.join(rows.select("indicator_id", *extra), on="indicator_id", how="left")
    frame = frame.with_columns(
        pl.lit(MISSING_DATA).alias("kind"),
        pl.lit(SEVERITY[MISSING_DATA]).alias("severity"),
        pl.lit(True).alias("needs_attention"),
        pl.lit([MISSING_DATA], dtype=pl.List(pl.String)).alias("reasons"),
        pl.lit(False).alias("worsened"),
        pl.lit(False).alias("also_signal"),
    )
    return _conform(frame)


def rank_items(items: pl.DataFrame) -> pl.DataFrame:
    """Most urgent first (see the module docstring for the order)."""
    if items.is_empty():
        return items
    return (
        items.with_columns(
            (~pl.col("worsened").fill_null(False)).alias("_stable"),
            (~pl.col("also_signal").fill_null(False)).alias("_calm"),
            pl.col("domain").replace_strict(DOMAIN_ORDER, default=9, return_dtype=pl.Int64).alias("_domain"),
        )
        .sort(
            ["severity", "_stable", "_calm", "_domain", "indicator_id", "site_id"],
            nulls_last=True,
        )
        .drop("_stable", "_calm", "_domain")
    )


def compute_attention(rows: pl.DataFrame, missing: pl.DataFrame, as_of: date | None = None) -> pl.DataFrame:
    """Every attention item, most urgent first, then the indicators with nothing to report (`all_clear`).

    An indicator missing a value on one site is not "all clear" even when its status to date is fine.
    `as_of` fills `period` where the scorecard rows give none."""
    indicator_items = compute_indicator_items(rows)
    missing_items = compute_missing_items(missing, rows)
    with_missing = set(missing_items["indicator_id"].to_list())
    indicator_items = indicator_items.filter(
        (pl.col("kind") != ALL_CLEAR) | ~pl.col("indicator_id").is_in(list(with_missing))
    )
    items = pl.concat([missing_items, indicator_items], how="vertical")
    if as_of is not None:
        items = items.with_columns(pl.col("period").fill_null(pl.lit(as_of)))
    return rank_items(items)


def count_items(items: pl.DataFrame) -> int:
    """Number of attention items (all_clear rows excluded)."""
    return int(items["needs_attention"].sum()) if len(items) else 0
