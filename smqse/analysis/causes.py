"""Causes ranked on explicit criteria, and whether the actions opened on them stopped the events.

Pure Polars, no Streamlit, no database. Used by `smqse.views.causes`, notebooks and the tests.

**Ranking** (`compute_cause_ranking`): per cause, over the events of the period (both ends inclusive):

- frequency  = number of events;
- cost       = total direct cost of the events (a missing cost counts as 0);
- severity   = mean severity (1–5) of the events (the maximum is shown too, not scored);
- recurrence = number of distinct calendar months with at least one event: a cause seen once in each
  of 12 months recurs more than one seen 12 times in a single month (sites are shown, not scored).

Each criterion is normalised to 0–1 by **min–max over the causes ranked** (0 = the lowest cause of the
scope, 1 = the highest); when every cause has the same value the criterion does not discriminate and
gives every cause 1 if the value is above zero, else 0. The criticality score is the weighted mean
Σ wₖ·normₖ / Σ wₖ (0–1 whatever the weights; all weights 0 gives 0). Rank 1 = highest score; causes
with the same score share the rank ("min" ranking), listed by events, then cost, then id.

**Before / after** (`compute_action_effect`): for each action, the events of the **same cause, process
and site as the action** (an action without a site: every site) are counted

- before: in the `window_months` months before the action was opened (shortened to the history
  available, from `history_start`), the event that triggered the action included;
- after: in the same number of months after the action closed (done or verified). An action not closed
  yet gives "not closed", a cancelled one "cancelled", one whose after-window has not ended by `as_of`
  "too early" (the count so far is still given).

Counts become monthly rates (count / window months). Verdict, in words: **stopped** (no event after, at
least one before), **reduced** (after rate ≤ 75 % of the before rate), **increased** (≥ 125 %),
**unchanged** otherwise. These are descriptive counts on small numbers, not a statistical test.
"""

from __future__ import annotations

import calendar
from datetime import date

import numpy as np
import polars as pl

CRITERIA: tuple[str, ...] = ("frequency", "cost", "severity", "recurrence")
DEFAULT_WEIGHTS: dict[str, float] = dict.fromkeys(CRITERIA, 1.0)
CRITERION_COLUMNS: dict[str, str] = {
    "frequency": "event_count",
    "cost": "cost_total",
    "severity": "severity_mean",
    "recurrence": "months_with_events",
}
WINDOW_MONTHS = 6
REDUCED_RATIO = 0.75
INCREASED_RATIO = 1.25
CLOSED_STATUSES = ("done", "verified")
OPEN_STATUSES = ("planned", "in_progress")
ACTION_STATUSES = ("planned", "in_progress", "done", "verified", "cancelled")
CHECKED = ("effective", "not_effective")
VERDICTS = ("stopped", "reduced", "unchanged", "increased", "too_early", "not_closed", "cancelled")

RANKING_SCHEMA: dict[str, pl.DataType] = {
    "rank": pl.Int64,
    "cause_id": pl.String,
    "event_count": pl.Int64,
    "cost_total": pl.Float64,
    "severity_mean": pl.Float64,
    "severity_max": pl.Int64,
    "months_with_events": pl.Int64,
    "site_count": pl.Int64,
    "first_event_on": pl.Date,
    "last_event_on": pl.Date,
    "frequency_norm": pl.Float64,
    "cost_norm": pl.Float64,
    "severity_norm": pl.Float64,
    "recurrence_norm": pl.Float64,
    "score": pl.Float64,
}


def add_months(day: date, months: int) -> date:
    """The same day `months` later (earlier if negative), clipped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end` (0 when end is before start + 1 month)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(0, months)


def month_end(month: date) -> date:
    return date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])


def check_weights(weights: dict[str, float] | None) -> dict[str, float]:
    """Every criterion with a weight ≥ 0 (missing ones 0); None gives the equal default weights."""
    if weights is None:
        return dict(DEFAULT_WEIGHTS)
    unknown = set(weights) - set(CRITERIA)
    if unknown:
        raise ValueError(f"unknown criteria: {sorted(unknown)}")
    out = {c: float(weights.get(c, 0.0) or 0.0) for c in CRITERIA}
    if any(w < 0 for w in out.values()):
        raise ValueError("weights must be zero or positive")
    return out


def _min_max(column: str) -> pl.Expr:
    col = pl.col(column).cast(pl.Float64)
    low, high = col.min(), col.max()
    flat = pl.when(col > 0).then(1.0).otherwise(0.0)
    return pl.when(high == low).then(flat).otherwise((col - low) / (high - low))


def compute_cause_ranking(
    events: pl.DataFrame,
    period_start: date,
    period_end: date,
    weights: dict[str, float] | None = None,
) -> pl.DataFrame:
    """One row per cause with events in [period_start, period_end]: the criteria, each normalised, the
    score and the rank (see the module docstring). `events` needs cause_id, occurred_on, severity, cost,
    site_id. Sorted by rank."""
    w = check_weights(weights)
    total = sum(w.values())
    scoped = events.filter(
        pl.col("cause_id").is_not_null() & pl.col("occurred_on").is_between(period_start, period_end)
    )
    if scoped.is_empty():
        return pl.DataFrame(schema=RANKING_SCHEMA)
    per_cause = scoped.group_by("cause_id").agg(
        event_count=pl.len().cast(pl.Int64),
        cost_total=pl.col("cost").cast(pl.Float64).fill_null(0.0).sum(),
        severity_mean=pl.col("severity").cast(pl.Float64).mean(),
        severity_max=pl.col("severity").cast(pl.Int64).max(),
        months_with_events=pl.col("occurred_on").dt.truncate("1mo").n_unique().cast(pl.Int64),
        site_count=pl.col("site_id").n_unique().cast(pl.Int64),
        first_event_on=pl.col("occurred_on").min(),
        last_event_on=pl.col("occurred_on").max(),
    )
    per_cause = per_cause.with_columns(pl.col("severity_mean").fill_null(0.0))
    per_cause = per_cause.with_columns(**{f"{c}_norm": _min_max(CRITERION_COLUMNS[c]) for c in CRITERIA})
    score = (
        pl.sum_horizontal([pl.col(f"{c}_norm") * w[c] for c in CRITERIA]) / total if total else pl.lit(0.0)
    )
    per_cause = per_cause.with_columns(score=score.cast(pl.Float64).round(6))
    per_cause = per_cause.with_columns(rank=pl.col("score").rank("min", descending=True).cast(pl.Int64))
    return per_cause.sort(
        ["rank", "event_count", "cost_total", "cause_id"], descending=[False, True, True, False]
    ).select(list(RANKING_SCHEMA))


EFFECT_SCHEMA: dict[str, pl.DataType] = {
    "action_id": pl.String,
    "cause_id": pl.String,
    "window_months": pl.Int64,
    "before_start": pl.Date,
    "before_end": pl.Date,
    "before_count": pl.Int64,
    "before_rate": pl.Float64,
    "after_start": pl.Date,
    "after_end": pl.Date,
    "after_count": pl.Int64,
    "after_months": pl.Float64,
    "after_rate": pl.Float64,
    "verdict": pl.String,
}


# Counting events in a window without a loop: each event becomes one integer, its key's code times
# 2**22 plus its day, and the integers are sorted; the events of a key on or before a day are then a
# binary search away, and a window's count the difference of two searches. A key is the cause, process and
# site (an action without a site reads its cause and process over every site, a second sorted array); its
# code combines one small code per column (a null a value of its own, as a Python dict key would be), so that
# a million events cast three short columns, not a million joined texts.
_DAY_BITS = 22
_DAY_OFFSET = 1 << (_DAY_BITS - 1)  # days since 1970 fit in ±2**21 (about ±5 700 years)
_KEY_LIMIT = 1 << (62 - _DAY_BITS)  # codes below it leave room for the day


def _column_codes(events: pl.Series, actions: pl.Series) -> tuple[np.ndarray, np.ndarray, int]:
    """The same code (0…n-1, a null n) for the same value in both, and n + 1, the number of codes."""
    events, actions = events.cast(pl.String), actions.cast(pl.String)
    values = pl.concat([events.unique(), actions.unique()]).drop_nulls().unique()
    codes = pl.Enum(values)
    null = values.len()
    return (
        *(s.cast(codes).to_physical().cast(pl.Int64).fill_null(null).to_numpy() for s in (events, actions)),
        null + 1,
    )


def _combined(
    high: tuple[np.ndarray, np.ndarray], low: tuple[np.ndarray, np.ndarray], low_count: int
) -> tuple[np.ndarray, np.ndarray]:
    """One code per (high, low) pair, for events and actions alike; renumbered densely when the product
    would leave no room for the day."""
    pairs = [h * low_count + lo for h, lo in zip(high, low, strict=True)]
    if max((p.max() for p in pairs if len(p)), default=0) < _KEY_LIMIT:
        return pairs[0], pairs[1]
    _, dense = np.unique(np.concatenate(pairs), return_inverse=True)
    return dense[: len(pairs[0])], dense[len(pairs[0]) :]


def _day_numbers(days: pl.Series) -> np.ndarray:
    return days.cast(pl.Date).cast(pl.Int64).fill_null(0).to_numpy() + _DAY_OFFSET


class _EventIndex:
    """The events of one kind of key, as sorted (code, day) integers."""

    def __init__(self, codes: np.ndarray, days: np.ndarray):
        self.sorted = np.sort((codes << _DAY_BITS) + days)

    def up_to(self, codes: np.ndarray, order: np.ndarray, days: np.ndarray) -> np.ndarray:
        """Per query: how many events of its key on or before its day (any value for a null day). `order`
        sorts the queries by key: searched in that order, each search lands near the previous one (a key has
        few events), far fewer cache misses, and one sort serves every window bound."""
        queries = (codes << _DAY_BITS) + days
        found = np.empty(len(queries), dtype=np.int64)
        found[order] = np.searchsorted(self.sorted, queries[order], side="right")
        return found


def _window_counts(events: pl.DataFrame, actions: pl.DataFrame, bounds: dict[str, pl.Series]) -> dict:
    """{name: events of each action's key on or before each bound}: the action's cause, process and site,
    or its cause and process over every site when it has none."""
    events = events.filter(pl.col("occurred_on").is_not_null())
    event_days = _day_numbers(events["occurred_on"])
    cause, process, site = (
        _column_codes(events[c], actions[c]) for c in ("cause_id", "process_id", "site_id")
    )
    every_keys = _combined(cause[:2], process[:2], process[2])
    site_keys = _combined(every_keys, site[:2], site[2])
    no_site = actions["site_id"].is_null().to_numpy()
    indexes = []
    for keys, chosen in ((site_keys, ~no_site), (every_keys, no_site)):
        if chosen.any():  # most actions have a site: the every-site index is often not needed at all
            codes = keys[1][chosen]
            indexes.append(
                (_EventIndex(keys[0], event_days), chosen, codes, np.argsort(codes, kind="stable"))
            )
    out = {}
    for name, days in bounds.items():
        day_numbers = _day_numbers(days)
        found = np.empty(len(day_numbers), dtype=np.int64)
        for index, chosen, codes, order in indexes:
            found[chosen] = index.up_to(codes, order, day_numbers[chosen])
        out[name] = pl.Series(name, found, dtype=pl.Int64)
    return out


def _verdict_expr(before_count: pl.Expr, before_rate: pl.Expr, after_rate: pl.Expr) -> pl.Expr:
    """The verdict of a judged action (its after-window over), as `_verdict` words it."""
    ratio = after_rate / before_rate
    return (
        pl.when(after_rate.is_null() | before_rate.is_null())
        .then(pl.lit("unchanged"))
        .when(after_rate == 0)
        .then(pl.when(before_count > 0).then(pl.lit("stopped")).otherwise(pl.lit("unchanged")))
        .when(before_rate == 0)
        .then(pl.lit("increased"))
        .when(ratio <= REDUCED_RATIO)
        .then(pl.lit("reduced"))
        .when(ratio >= INCREASED_RATIO)
        .then(pl.lit("increased"))
        .otherwise(pl.lit("unchanged"))
    )


def _offset_months(column: str, months: pl.Expr, sign: int) -> pl.Expr:
    """`add_months` on a column: Polars clips to the end of a shorter month as `add_months` does."""
    return pl.col(column).dt.offset_by(pl.format("{}mo", months * sign))


def compute_action_effect(
    events: pl.DataFrame,
    actions: pl.DataFrame,
    as_of: date,
    *,
    window_months: int = WINDOW_MONTHS,
    history_start: date | None = None,
) -> pl.DataFrame:
    """One row per action, in the order given: events of the same cause, process and site before it opened
    and after it closed, counts, monthly rates and a verdict (see the module docstring). `as_of` is the last
    day with data; `history_start` the first (default: the earliest event given).

    Vectorised: each window's count is the difference of two binary searches in the sorted events (see
    `_EventIndex`), so the cost grows with the number of events plus the number of actions, not with their
    product."""
    if history_start is None and not events.is_empty():
        history_start = events["occurred_on"].min()
    if actions.is_empty():
        return pl.DataFrame(schema=EFFECT_SCHEMA)
    missing = [pl.lit(None, dtype=pl.Date).alias("closed_on")] if "closed_on" not in actions.columns else []
    if "site_id" not in actions.columns:
        missing.append(pl.lit(None, dtype=pl.String).alias("site_id"))
    opened = pl.col("opened_on")
    if history_start is None:
        months = pl.lit(window_months, dtype=pl.Int64)
    else:
        start = pl.lit(history_start, dtype=pl.Date)
        whole = (
            (opened.dt.year().cast(pl.Int64) - start.dt.year().cast(pl.Int64)) * 12
            + opened.dt.month().cast(pl.Int64)
            - start.dt.month().cast(pl.Int64)
            - (opened.dt.day() < start.dt.day()).cast(pl.Int64)
        ).clip(lower_bound=0)
        months = pl.min_horizontal(pl.lit(window_months, dtype=pl.Int64), whole.clip(lower_bound=1))
    as_of_lit = pl.lit(as_of, dtype=pl.Date)
    # One lazy plan per side of the counts, on the columns read only; whether the action is closed is a
    # column, computed once and read by every expression below.
    closed_branch = pl.col("closed")
    frame = (
        actions.lazy()
        .with_columns(missing)
        .select(
            "action_id",
            "cause_id",
            "process_id",
            "site_id",
            "status",
            pl.col("opened_on", "closed_on").cast(pl.Date),
        )
        .with_columns(
            window_months=months.cast(pl.Int64),
            closed=pl.col("status").is_in(CLOSED_STATUSES) & pl.col("closed_on").is_not_null(),
        )
        .with_columns(
            before_start=_offset_months("opened_on", pl.col("window_months"), -1),
            before_end=opened - pl.duration(days=1),
            after_end=pl.when(closed_branch).then(_offset_months("closed_on", pl.col("window_months"), 1)),
        )
        .with_columns(
            before_lower=pl.col("before_start") - pl.duration(days=1),
            after_lower=pl.when(closed_branch).then(pl.col("closed_on")),
            seen_until=pl.min_horizontal("after_end", as_of_lit),
        )
        .collect()
    )
    counted = _window_counts(
        events,
        frame,
        {day: frame[day] for day in ("before_end", "before_lower", "after_lower", "seen_until")},
    )
    frame = frame.with_columns(pl.Series(f"upto_{day}", values) for day, values in counted.items()).lazy()
    window = pl.col("window_months")
    elapsed = (pl.col("seen_until") - pl.col("closed_on")).dt.total_days().clip(lower_bound=0) / 30.4375
    after_count = (pl.col("upto_seen_until") - pl.col("upto_after_lower")).clip(lower_bound=0)
    frame = frame.with_columns(
        before_count=(pl.col("upto_before_end") - pl.col("upto_before_lower")).cast(pl.Int64),
        after_start=pl.when(closed_branch).then(pl.col("closed_on") + pl.duration(days=1)),
        after_count=pl.when(closed_branch).then(after_count).cast(pl.Int64),
        after_months=pl.when(closed_branch).then(
            pl.min_horizontal(elapsed, window.cast(pl.Float64)).round(2)
        ),
        elapsed=pl.when(closed_branch).then(elapsed),
        too_early=closed_branch & (pl.col("after_end") > as_of_lit),
    ).with_columns(
        before_rate=pl.col("before_count") / window,
        after_rate=pl.when(~closed_branch)
        .then(None)
        .when(pl.col("too_early"))
        .then(pl.when(pl.col("elapsed") >= 1).then(pl.col("after_count") / pl.col("elapsed")))
        .otherwise(pl.col("after_count") / window),
    )
    verdict = (
        pl.when(pl.col("status") == "cancelled")
        .then(pl.lit("cancelled"))
        .when(~closed_branch)
        .then(pl.lit("not_closed"))
        .when(pl.col("too_early"))
        .then(pl.lit("too_early"))
        .otherwise(_verdict_expr(pl.col("before_count"), pl.col("before_rate"), pl.col("after_rate")))
    )
    return (
        frame.with_columns(verdict=verdict)
        .select(pl.col(name).cast(dtype) for name, dtype in EFFECT_SCHEMA.items())
        .collect()
    )


SUMMARY_SCHEMA: dict[str, pl.DataType] = {
    "cause_id": pl.String,
    "action_count": pl.Int64,
    "cause_actions": pl.Int64,  # corrective or preventive: the ones that act on the cause
    **{f"status_{s}": pl.Int64 for s in ACTION_STATUSES},
    "checked_count": pl.Int64,
    "closed_unchecked": pl.Int64,
    "overdue_count": pl.Int64,
    "stopped_count": pl.Int64,
}


def compute_cause_action_summary(actions: pl.DataFrame, effects: pl.DataFrame, as_of: date) -> pl.DataFrame:
    """Per cause: actions opened, of which corrective/preventive, by status, effectiveness checked
    (effective or not effective), closed but not checked, overdue (open past its due date at `as_of`),
    and how many stopped the events."""
    if actions.is_empty():
        return pl.DataFrame(schema=SUMMARY_SCHEMA)
    if effects.height == actions.height and effects["action_id"].equals(actions["action_id"]):
        # The effects as compute_action_effect gives them, row for row: no join on 500 000 ids.
        frame = actions.with_columns(effects["verdict"])
    else:
        frame = actions.join(effects.select("action_id", "verdict"), on="action_id", how="left")
    closed = pl.col("status").is_in(CLOSED_STATUSES)
    return (
        frame.group_by("cause_id")
        .agg(
            action_count=pl.len().cast(pl.Int64),
            cause_actions=pl.col("action_type").is_in(["corrective", "preventive"]).sum().cast(pl.Int64),
            **{f"status_{s}": (pl.col("status") == s).sum().cast(pl.Int64) for s in ACTION_STATUSES},
            checked_count=pl.col("effectiveness").is_in(CHECKED).sum().cast(pl.Int64),
            closed_unchecked=(closed & ~pl.col("effectiveness").is_in(CHECKED).fill_null(False))
            .sum()
            .cast(pl.Int64),
            overdue_count=(pl.col("status").is_in(OPEN_STATUSES) & (pl.col("due_on") < as_of))
            .sum()
            .cast(pl.Int64),
            stopped_count=(pl.col("verdict") == "stopped").sum().cast(pl.Int64),
        )
        .select(list(SUMMARY_SCHEMA))
        .sort("cause_id")
    )
