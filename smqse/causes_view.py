"""The causes and actions page's data path: events and event actions in scope up to the as-of month, the
causes ranked on explicit criteria over the period, and for each cause its actions with their before/after
event counts. No Streamlit here; the page caches `load_causes_data` and calls `compute_causes_view`.
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


@dataclass(frozen=True)
class CausesData:
    as_of: date  # first day of the as-of month
    events: pl.DataFrame  # causes_events.sql
    actions: pl.DataFrame  # causes_actions.sql


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
    )


def period_bounds(as_of: date, months: int) -> tuple[date, date]:
    """The `months` calendar months ending with the as-of month: (first day, last day)."""
    return add_months(as_of.replace(day=1), -(months - 1)), month_end(as_of)


def compute_causes_view(
    data: CausesData,
    period_months: int = DEFAULT_PERIOD,
    weights: dict[str, float] | None = None,
    window_months: int = analysis.WINDOW_MONTHS,
) -> CausesView:
    start, end = period_bounds(data.as_of, period_months)
    weights = analysis.check_weights(weights)
    labels = {
        r["cause_id"]: r
        for r in data.events.select(
            "cause_id", "cause_label_fr", "cause_label_en", "category", "root_label_fr", "root_label_en"
        )
        .unique("cause_id")
        .iter_rows(named=True)
    }
    ranking = analysis.compute_cause_ranking(data.events, start, end, weights)
    effects = analysis.compute_action_effect(data.events, data.actions, end, window_months=window_months)
    summary = analysis.compute_cause_action_summary(data.actions, effects, end)
    ranking = ranking.join(summary, on="cause_id", how="left").with_columns(
        pl.col(c).fill_null(0) for c in summary.columns if c != "cause_id"
    )
    ranking = ranking.join(
        pl.DataFrame(list(labels.values()), schema=_LABEL_SCHEMA, orient="row")
        if labels
        else _empty_labels(),
        on="cause_id",
        how="left",
    ).sort("rank", "event_count", "cost_total", "cause_id", descending=[False, True, True, False])
    actions = data.actions.join(effects.drop("cause_id"), on="action_id", how="left").sort(
        "opened_on", "action_id", descending=True
    )
    return CausesView(start, end, weights, ranking, actions, labels)


_LABEL_SCHEMA = {
    "cause_id": pl.String,
    "cause_label_fr": pl.String,
    "cause_label_en": pl.String,
    "category": pl.String,
    "root_label_fr": pl.String,
    "root_label_en": pl.String,
}


def _empty_labels() -> pl.DataFrame:
    return pl.DataFrame(schema=_LABEL_SCHEMA)


def actions_of(view: CausesView, cause_id: str) -> pl.DataFrame:
    return view.actions.filter(pl.col("cause_id") == cause_id)
