"""The causes and actions page's data path: events and event actions in scope up to the as-of month, the
causes ranked on explicit criteria over the period, and for each cause its actions with their before/after
event counts. No Streamlit here.

Split by what each part depends on, so that the page caches each at its own key (smqse.ui.data): the
before/after effects and the per-cause action summary depend on the scope and the month only (the effect
windows end at the as-of month whatever the period ranked): `compute_causes_base`, once; the ranking on
the period and the weights: `compute_ranking`; the table of one cause's actions on the cause picked:
`actions_of_cause`. `compute_causes_view` chains them for callers that want everything at once.
`chart_actions` picks the closed actions the before/after chart draws (and its table lists).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import polars as pl

from smqse.analysis import causes as analysis
from smqse.analysis.causes import add_months, month_end
from smqse.db import run_query
from smqse.scope import Scope

PERIODS: tuple[int, ...] = (12, 24, 36, 60)  # months ranked, ending with the as-of month
DEFAULT_PERIOD = 24
MAX_CHART_ACTIONS = 12  # more bars than this are unreadable: the most recent ones are drawn


@dataclass(frozen=True)
class CausesData:
    as_of: date  # first day of the as-of month
    events: pl.DataFrame  # causes_events.sql
    actions: pl.DataFrame  # causes_actions.sql
    labels: pl.DataFrame  # causes_labels.sql


@dataclass(frozen=True)
class CausesBase:
    """What every period and weighting of the page share, for one scope and month."""

    as_of: date
    events: pl.DataFrame  # causes_events.sql
    labels: pl.DataFrame  # one row per cause with events: _LABEL_SCHEMA
    summary: pl.DataFrame  # compute_cause_action_summary over every action in scope
    actions: pl.DataFrame  # every event action in scope + its before/after effect, most recent first


@dataclass(frozen=True)
class CausesRanking:
    period_start: date
    period_end: date
    weights: dict[str, float]
    ranking: pl.DataFrame  # compute_cause_ranking + labels + action summary, by rank


@dataclass(frozen=True)
class CausesView:
    period_start: date
    period_end: date
    weights: dict[str, float]
    ranking: pl.DataFrame  # compute_cause_ranking + labels + action summary, by rank
    actions: pl.DataFrame  # every event action in scope + its before/after effect
    labels: dict[str, dict]  # cause_id -> cause_label_fr/en, category, root_label_fr/en


def load_causes_data(scope: Scope, as_of: date, con: duckdb.DuckDBPyConnection | None = None) -> CausesData:
    params = {**scope.params(), "as_of_month": as_of}
    return CausesData(
        as_of=as_of,
        events=run_query("causes_events", con=con, **params),
        actions=run_query("causes_actions", con=con, **params),
        labels=run_query("causes_labels", con=con, **params),
    )


def period_bounds(as_of: date, months: int) -> tuple[date, date]:
    """The `months` calendar months ending with the as-of month: (first day, last day)."""
    return add_months(as_of.replace(day=1), -(months - 1)), month_end(as_of)


def compute_causes_base(data: CausesData, window_months: int = analysis.WINDOW_MONTHS) -> CausesBase:
    """The effects of every action (vectorised: seconds for hundreds of thousands of actions) and the
    per-cause summary, both at the end of the as-of month."""
    end = month_end(data.as_of)
    labels = data.labels.select(list(_LABEL_SCHEMA)).cast(_LABEL_SCHEMA)
    effects = analysis.compute_action_effect(data.events, data.actions, end, window_months=window_months)
    summary = analysis.compute_cause_action_summary(data.actions, effects, end)
    # Most recent first, as causes_actions.sql reads them (the effects keep the order of the actions).
    actions = pl.concat([data.actions, effects.drop("action_id", "cause_id")], how="horizontal")
    return CausesBase(
        data.as_of, compact(data.events, _REPEATED_EVENT_TEXT), labels, summary,
        compact(actions, _REPEATED_ACTION_TEXT),
    )  # fmt: skip


# The base is held in the server's memory for each scope and month (smqse.ui.data): texts repeated on every
# row (a few hundred distinct values over a million events, half a million actions) are stored once each
# (Categorical). On the enterprise database the group's base went from ≈ 230 to ≈ 60 MiB (issue 14). The
# cause_id stays text: the join key of the ranking and the labels, and the cause the page filters on.
_REPEATED_EVENT_TEXT = ("process_id", "site_id")
_REPEATED_ACTION_TEXT = ("action_type", "title", "status", "effectiveness", "owner_user_id", "owner_name",
                         "process_id", "site_id", "verdict")  # fmt: skip


def compact(frame: pl.DataFrame, repeated: tuple[str, ...]) -> pl.DataFrame:
    return frame.with_columns(pl.col(repeated).cast(pl.Categorical))


def compute_ranking(
    base: CausesBase, period_months: int = DEFAULT_PERIOD, weights: dict[str, float] | None = None
) -> CausesRanking:
    start, end = period_bounds(base.as_of, period_months)
    weights = analysis.check_weights(weights)
    ranking = analysis.compute_cause_ranking(base.events, start, end, weights)
    summary = base.summary
    ranking = ranking.join(summary, on="cause_id", how="left").with_columns(
        pl.col(c).fill_null(0) for c in summary.columns if c != "cause_id"
    )
    ranking = ranking.join(base.labels, on="cause_id", how="left").sort(
        "rank", "event_count", "cost_total", "cause_id", descending=[False, True, True, False]
    )
    return CausesRanking(start, end, weights, ranking)


def actions_of_cause(base: CausesBase, cause_id: str) -> pl.DataFrame:
    """One cause's actions with their effects, most recent first."""
    return base.actions.filter(pl.col("cause_id") == cause_id)


def chart_actions(actions: pl.DataFrame) -> pl.DataFrame:
    """The actions the before/after chart draws (and its table lists): closed ones (done or verified, the
    only ones with an "after"), most recent last."""
    closed = actions.filter(
        pl.col("status").is_in(analysis.CLOSED_STATUSES) & pl.col("closed_on").is_not_null()
    )
    # The last few of (closed_on, action_id), unique per action: a partial selection, not a sort of the
    # cause's 200 000 actions at enterprise scale.
    latest = closed.top_k(MAX_CHART_ACTIONS, by=["closed_on", "action_id"])
    return latest.sort("closed_on", "action_id")


def chart_action_count(actions: pl.DataFrame) -> tuple[int, int]:
    """(drawn, closed): how many closed actions the chart shows, out of how many."""
    closed = int(
        (actions["status"].is_in(analysis.CLOSED_STATUSES) & actions["closed_on"].is_not_null()).sum()
    )
    return min(closed, MAX_CHART_ACTIONS), closed


def compute_causes_view(
    data: CausesData,
    period_months: int = DEFAULT_PERIOD,
    weights: dict[str, float] | None = None,
    window_months: int = analysis.WINDOW_MONTHS,
) -> CausesView:
    base = compute_causes_base(data, window_months)
    ranked = compute_ranking(base, period_months, weights)
    labels = {r["cause_id"]: r for r in base.labels.iter_rows(named=True)}
    return CausesView(
        ranked.period_start, ranked.period_end, ranked.weights, ranked.ranking, base.actions, labels
    )


_LABEL_SCHEMA = {
    "cause_id": pl.String,
    "cause_label_fr": pl.String,
    "cause_label_en": pl.String,
    "category": pl.String,
    "root_label_fr": pl.String,
    "root_label_en": pl.String,
}


def actions_of(view: CausesView, cause_id: str) -> pl.DataFrame:
    return view.actions.filter(pl.col("cause_id") == cause_id)
