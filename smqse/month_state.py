"""How complete a month is, for a scope: values in / values expected, and its state.

What is expected is the data page's rule (queries/data_completeness.sql, run here on the one month): every
monthly (indicator, site) pair in scope that reported at least once in the 12 months before the month. A
value is in when a version with a value or a numerator exists. Below the completeness threshold
(`SMQSE_COMPLETE_THRESHOLD`, default 0.9) a month is *provisional*: every status computed on it says so,
and it is not the month a view opens on. The QSE lead (or a director) may *close* a month, organisation-wide:
it is then the review's reference, and any value entered afterwards for a period up to it is a correction
after closing, listed in the review pack. A closed month is "closed" whatever its completeness (the closing
page shows it before confirming): closing is the QSE lead's decision that the month is what it will be.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

import duckdb
import polars as pl

from smqse import data_version
from smqse.db import run_in_transaction, run_query, transaction
from smqse.i18n import format_datetime, format_month, t, t_md
from smqse.model import Role
from smqse.scope import Scope, User

THRESHOLD_ENV = "SMQSE_COMPLETE_THRESHOLD"
DEFAULT_THRESHOLD = 0.9
PROVISIONAL, COMPLETE, CLOSED = "provisional", "complete", "closed"
# Closing is organisation-wide and makes the month the review's reference: for those who run the review.
CLOSING_ROLES = (Role.QSE_LEAD, Role.DIRECTOR)
# How far back the default as-of month is looked for before falling back to the latest month with data.
DEFAULT_LOOKBACK_MONTHS = 24


def completeness_threshold() -> float:
    """The share of expected values a month needs to be complete, from `SMQSE_COMPLETE_THRESHOLD` (a number
    in (0, 1], e.g. 0.9). A bad value is an error, never silently replaced by the default."""
    text = os.environ.get(THRESHOLD_ENV, "").strip()
    if not text:
        return DEFAULT_THRESHOLD
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value <= 1:  # NaN fails this too
        raise ValueError(
            f"{THRESHOLD_ENV}={text!r}: expected a share between 0 (excluded) and 1, e.g. 0.9 for 90 %"
        )
    return value


@dataclass(frozen=True)
class MonthState:
    month: date
    values_in: int
    values_expected: int
    threshold: float
    closed_at: datetime | None = None
    closed_by: str | None = None
    closed_by_name: str | None = None
    by_site: pl.DataFrame = field(default_factory=pl.DataFrame, compare=False)
    by_process: pl.DataFrame = field(default_factory=pl.DataFrame, compare=False)

    @property
    def ratio(self) -> float:
        """Share of the expected values that are in; a month that owes nothing is whole."""
        return self.values_in / self.values_expected if self.values_expected else 1.0

    @property
    def state(self) -> str:
        if self.closed_at is not None:
            return CLOSED
        return COMPLETE if self.ratio >= self.threshold else PROVISIONAL

    @property
    def is_provisional(self) -> bool:
        return self.state == PROVISIONAL

    def as_dict(self) -> dict:
        """The machine-readable form (`python -m smqse status --json`)."""
        return {
            "month": f"{self.month:%Y-%m}",
            "values_in": self.values_in,
            "values_expected": self.values_expected,
            "ratio": round(self.ratio, 4),
            "threshold": self.threshold,
            "state": self.state,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "closed_by": self.closed_by,
            "by_site": self.by_site.select("site_id", "values_in", "values_expected").to_dicts(),
            "by_process": self.by_process.select("process_id", "values_in", "values_expected").to_dicts(),
        }


def _first_day(month: date) -> date:
    return date(month.year, month.month, 1)


def _counts(frame: pl.DataFrame, *keys: str) -> pl.DataFrame:
    return (
        frame.group_by(*keys)
        .agg(
            (pl.col("state") != "missing").sum().cast(pl.Int64).alias("values_in"),
            pl.len().cast(pl.Int64).alias("values_expected"),
        )
        .sort(keys[0])
    )


def load_close(con: duckdb.DuckDBPyConnection | None, month: date) -> dict | None:
    rows = run_query("month_close_one", con=con, period=_first_day(month))
    return rows.row(0, named=True) if rows.height else None


def compute_month_state(
    con: duckdb.DuckDBPyConnection | None, scope: Scope, month: date, threshold: float | None = None
) -> MonthState:
    month = _first_day(month)
    threshold = completeness_threshold() if threshold is None else threshold
    # The data page's query on a single month: same expectation, same "in" rule. Lateness does not matter.
    pairs = run_query(
        "data_completeness", con=con, **scope.params(), start_month=month, end_month=month, due_day=1
    )
    closed = load_close(con, month)
    return MonthState(
        month=month,
        values_in=int((pairs["state"] != "missing").sum()),
        values_expected=pairs.height,
        threshold=threshold,
        closed_at=closed["closed_at"] if closed else None,
        closed_by=closed["closed_by"] if closed else None,
        closed_by_name=closed["closed_by_name"] if closed else None,
        by_site=_counts(pairs, "site_id", "site_name"),
        by_process=_counts(pairs, "process_id", "process_name_fr", "process_name_en"),
    )


def closed_months(con: duckdb.DuckDBPyConnection | None) -> set[date]:
    return set(run_query("month_closed_months", con=con)["period"].to_list())


def default_month(
    con: duckdb.DuckDBPyConnection | None,
    scope: Scope,
    months: list[date],
    threshold: float | None = None,
    state_of: Callable[[date], MonthState] | None = None,
) -> date | None:
    """The month a view opens on: the latest of `months` (ascending, those holding data) that is closed or
    complete. When none of the last `DEFAULT_LOOKBACK_MONTHS` is, the latest month (shown as provisional).
    `state_of(month)`, when given, stands for `compute_month_state` (the app passes its cached one, so the
    state read here is the one the page then shows, not computed twice)."""
    if not months:
        return None
    threshold = completeness_threshold() if threshold is None else threshold
    if state_of is None:
        state_of = lambda month: compute_month_state(con, scope, month, threshold)  # noqa: E731
    closed = closed_months(con)
    for month in list(reversed(months))[:DEFAULT_LOOKBACK_MONTHS]:
        if month in closed or state_of(month).ratio >= threshold:
            return month
    return months[-1]


@dataclass(frozen=True)
class CloseOutcome:
    closed_now: bool  # False: the month was already closed, nothing changed
    closed_at: datetime
    closed_by: str
    message: str


def can_close(user: User | None) -> bool:
    return user is not None and user.role in CLOSING_ROLES


def close_month(
    con: duckdb.DuckDBPyConnection,
    user: User,
    month: date,
    *,
    lang: str,
    note: str | None = None,
    at: datetime | None = None,
) -> CloseOutcome:
    """Close `month` for the whole organisation (logged in change_log). Refused in words for anyone but the
    QSE lead or a director; closing a closed month changes nothing and says so."""
    month = _first_day(month)
    label = f"{month:%Y-%m}"
    if not can_close(user):
        raise PermissionError(
            t_md("month.close.refused", lang, user=user.display_name, month=format_month(month, lang))
        )
    at = at or datetime.now().replace(microsecond=0)
    note = (note or "").strip() or None
    with transaction(con) as cur:
        written = run_in_transaction(
            cur, "month_close_insert", period=month, closed_by=user.user_id, closed_at=at, note=note
        )
        if written.height:
            after = json.dumps({"period": label, "closed_by": user.user_id, "closed_at": at.isoformat()})
            run_in_transaction(
                cur, "month_close_change_log_insert", changed_at=at, changed_by=user.user_id,
                row_key=label, after=after, reason=note,
            )  # fmt: skip
            data_version.bump(cur, data_version.MONTH_CLOSE)
    if written.height:
        return CloseOutcome(
            True, at, user.user_id, t("month.close.done", lang, month=format_month(month, lang))
        )
    existing = load_close(con, month)
    return CloseOutcome(
        False,
        existing["closed_at"],
        existing["closed_by"],
        t_md("month.close.already", lang, month=format_month(month, lang),
             by=existing["closed_by_name"] or existing["closed_by"],
             at=format_datetime(existing["closed_at"], lang, "long")),
    )  # fmt: skip


def load_corrections_after_close(
    con: duckdb.DuckDBPyConnection | None, scope: Scope, state: MonthState
) -> pl.DataFrame:
    """Values entered in scope after the month was closed, for periods up to it (empty when it is open)."""
    if state.closed_at is None:
        return pl.DataFrame()
    return run_query(
        "month_corrections_after_close",
        con=con,
        **scope.params(),
        period=state.month,
        closed_at=state.closed_at,
    )
