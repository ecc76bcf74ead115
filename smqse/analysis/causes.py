"""Causes ranked on explicit criteria, and whether the actions opened on them stopped the events.

Pure Polars, no Streamlit, no database. Used by `smqse.causes_view`, notebooks and the tests.

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
from datetime import date, timedelta

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


def _verdict(before_count: int, before_rate: float | None, after_rate: float | None) -> str:
    if after_rate is None or before_rate is None:
        return "unchanged"
    if after_rate == 0:
        return "stopped" if before_count > 0 else "unchanged"
    if before_rate == 0:
        return "increased"
    ratio = after_rate / before_rate
    if ratio <= REDUCED_RATIO:
        return "reduced"
    if ratio >= INCREASED_RATIO:
        return "increased"
    return "unchanged"


def compute_action_effect(
    events: pl.DataFrame,
    actions: pl.DataFrame,
    as_of: date,
    *,
    window_months: int = WINDOW_MONTHS,
    history_start: date | None = None,
) -> pl.DataFrame:
    """One row per action: events of the same cause, process and site before it opened and after it
    closed, counts, monthly rates and a verdict (see the module docstring). `as_of` is the last day with
    data; `history_start` the first (default: the earliest event given)."""
    if history_start is None and not events.is_empty():
        history_start = events["occurred_on"].min()
    by_key: dict[tuple, list[date]] = {}
    by_cause: dict[str, list[tuple[str, str, date]]] = {}
    for row in events.select("cause_id", "process_id", "site_id", "occurred_on").iter_rows():
        cause_id, process_id, site_id, day = row
        by_key.setdefault((cause_id, process_id, site_id), []).append(day)
        by_cause.setdefault(cause_id, []).append((process_id, site_id, day))

    def days_for(cause_id, process_id, site_id) -> list[date]:
        if site_id is None:
            return [d for p, _, d in by_cause.get(cause_id, []) if p == process_id]
        return by_key.get((cause_id, process_id, site_id), [])

    rows = []
    for a in actions.iter_rows(named=True):
        days = days_for(a["cause_id"], a["process_id"], a.get("site_id"))
        opened: date = a["opened_on"]
        months = window_months
        if history_start is not None:
            months = min(window_months, max(1, months_between(history_start, opened)))
        before_start = add_months(opened, -months)
        before_end = opened - timedelta(days=1)
        before_count = sum(1 for d in days if before_start <= d <= before_end)
        before_rate = before_count / months
        row = {
            "action_id": a["action_id"],
            "cause_id": a["cause_id"],
            "window_months": months,
            "before_start": before_start,
            "before_end": before_end,
            "before_count": before_count,
            "before_rate": before_rate,
            "after_start": None,
            "after_end": None,
            "after_count": None,
            "after_months": None,
            "after_rate": None,
        }
        closed: date | None = a.get("closed_on")
        if a["status"] == "cancelled":
            row["verdict"] = "cancelled"
        elif a["status"] not in CLOSED_STATUSES or closed is None:
            row["verdict"] = "not_closed"
        else:
            after_start = closed + timedelta(days=1)
            after_end = add_months(closed, months)
            seen_until = min(after_end, as_of)
            after_count = sum(1 for d in days if after_start <= d <= seen_until)
            elapsed = max(0, (seen_until - closed).days) / 30.4375
            row.update(
                after_start=after_start,
                after_end=after_end,
                after_count=after_count,
                after_months=round(min(elapsed, months), 2),
            )
            if after_end > as_of:
                row["after_rate"] = after_count / elapsed if elapsed >= 1 else None
                row["verdict"] = "too_early"
            else:
                row["after_rate"] = after_count / months
                row["verdict"] = _verdict(before_count, before_rate, row["after_rate"])
        rows.append(row)
    return pl.DataFrame(rows, schema=EFFECT_SCHEMA, orient="row")


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
