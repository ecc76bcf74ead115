"""Data in, as the data page and the entry form see it: completeness of the monthly values, import history,
and a pilot's monthly entry grid, saved through the same validation and load as a file
(`smqse.ingest.import_frame`), with a reason for every correction."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import polars as pl

from smqse.analysis import kpi
from smqse.db import run_query
from smqse.model import Role
from smqse.scope import Scope, User, scope_for

DUE_DAY = 10  # a month's values are due by the 10th of the following month
COMPLETENESS_MONTHS = 3
ENTRY_COLUMNS = ("indicator_id", "site_id", "period", "value", "numerator", "denominator", "comment")


def can_enter(user: User | None) -> bool:
    return user is not None and user.role in (Role.PILOT, Role.QSE_LEAD, Role.DIRECTOR)


def due_date(month: date, due_day: int = DUE_DAY) -> date:
    """The day a month's value is due: `due_day` of the following month."""
    return kpi.shift_month(date(month.year, month.month, 1), 1) + timedelta(days=due_day - 1)


def entry_months(latest: date | None, today: date, count: int = 6) -> list[date]:
    """The months offered for entry, newest first: the one after the last with data (never after the current
    month) and those before it, for corrections."""
    this_month = date(today.year, today.month, 1)
    first = min(kpi.shift_month(latest, 1), this_month) if latest else this_month
    return [kpi.shift_month(first, -k) for k in range(count)]


def load_completeness(
    con: duckdb.DuckDBPyConnection | None,
    scope: Scope,
    as_of: date,
    today: date,
    months: int = COMPLETENESS_MONTHS,
    due_day: int = DUE_DAY,
) -> pl.DataFrame:
    """Per (indicator, site, month) of the last `months` months up to the one after `as_of` (the month being
    entered now): on time, late, missing (overdue) or not due yet."""
    end = kpi.shift_month(date(as_of.year, as_of.month, 1), 1)
    start = kpi.shift_month(end, -(months - 1))
    frame = run_query(
        "data_completeness", con=con, **scope.params(), start_month=start, end_month=end, due_day=due_day
    )
    # due_date as an expression: a Python callback in Polars (map_elements) deadlocked concurrent sessions.
    due = pl.col("period_month").dt.month_start().dt.offset_by("1mo") + pl.duration(days=due_day - 1)
    return frame.with_columns(
        due_on=due,
        state=pl.when((pl.col("state") == "missing") & (due > today))
        .then(pl.lit("not_due"))
        .otherwise("state"),
    )


def summarise_completeness(frame: pl.DataFrame) -> pl.DataFrame:
    """Per pilot and month: values expected, on time, late, missing (overdue), not yet due."""
    return (
        frame.group_by("pilot_user_id", "pilot_name", "period_month")
        .agg(
            pl.len().alias("expected"),
            (pl.col("state") == "on_time").sum().alias("on_time"),
            (pl.col("state") == "late").sum().alias("late"),
            (pl.col("state") == "missing").sum().alias("missing"),
            (pl.col("state") == "not_due").sum().alias("not_due"),
        )
        .sort("period_month", "missing", "pilot_name", descending=[True, True, False])
    )


def load_import_history(con: duckdb.DuckDBPyConnection | None, scope: Scope, user: User) -> pl.DataFrame:
    return run_query("data_import_history", con=con, **scope.params(), user_id=user.user_id)


def load_entry_grid(con: duckdb.DuckDBPyConnection | None, user: User, month: date) -> pl.DataFrame:
    """The indicators × sites the user may enter for `month`, in the user's own scope (never wider)."""
    scope = scope_for(user, con)
    return run_query("data_entry_grid", con=con, **scope.params(), period=date(month.year, month.month, 1))


def changed_rows(original: pl.DataFrame, edited: pl.DataFrame, month: date) -> pl.DataFrame:
    """The rows of the entry grid whose value, numerator, denominator or comment the user changed, in the
    canonical measurement-file columns (strings, as typed)."""
    keys = ["indicator_id", "site_id"]
    fields = ["value", "numerator", "denominator", "comment"]
    before = original.select(keys + fields).rename({f: f"{f}_before" for f in fields})
    joined = edited.select(keys + fields).join(before, on=keys, how="left")

    def differs(f: str) -> pl.Expr:
        a, b = pl.col(f).cast(pl.String), pl.col(f"{f}_before").cast(pl.String)
        return a.ne_missing(b)

    changed = joined.filter(pl.any_horizontal([differs(f) for f in fields]))
    changed = changed.filter(pl.any_horizontal([pl.col(f).is_not_null() for f in fields]))
    period = f"{month.year:04d}-{month.month:02d}"
    return changed.select(
        "indicator_id",
        "site_id",
        pl.lit(period).alias("period"),
        *[pl.col(f).cast(pl.String) for f in fields[:3]],
        pl.col("comment").cast(pl.String),
    )


def is_correction(original: pl.DataFrame, changed: pl.DataFrame) -> bool:
    """A change to a value already entered (not a first entry): it needs a reason."""
    entered = original.filter(pl.col("version").is_not_null()).select("indicator_id", "site_id")
    return changed.join(entered, on=["indicator_id", "site_id"], how="semi").height > 0


def load_measurement_history(
    con: duckdb.DuckDBPyConnection | None, scope: Scope, indicator_id: str, site_id: str, month: date
) -> pl.DataFrame:
    """Every version of one value, newest first: who, when, from which import or entry, and why."""
    return run_query(
        "data_measurement_history", con=con, **scope.params(), indicator_id=indicator_id, site_id=site_id,
        period=date(month.year, month.month, 1),
    )  # fmt: skip
