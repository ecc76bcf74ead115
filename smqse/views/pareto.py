"""The Pareto page's data path: events in scope and period → a Pareto of the chosen grouping and weight,
two periods compared, one category's events. No Streamlit here; the page caches `load_totals` (the events
added up by key in DuckDB: a few hundred rows, not the ~1 M events of an enterprise's year, issue 14) and
`load_category_events` (one bar's events). `load_events` / `compute_pareto` / `category_events` do the same
on a frame of events (notebooks, and the reference tests/test_pareto_totals.py compares the page's path with).

Groupings and weights come from allow-lists (`GROUPINGS`, `WEIGHTS`): a widget value picks a column from
a dict, it never reaches SQL. Events with no value for the grouping (cause not yet determined, no supplier)
are left out of the Pareto and counted in `ParetoView.excluded`: they are not a cause.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import duckdb
import polars as pl

from smqse.analysis import pareto as analysis
from smqse.analysis.kpi import shift_month
from smqse.db import run_query
from smqse.i18n import label, t
from smqse.model import Cause7M, EventType
from smqse.scope import Scope

GROUPINGS: tuple[str, ...] = ("category", "cause", "event_type", "site", "process", "supplier")
WEIGHTS: tuple[str, ...] = ("count", "cost", "severity")
DEFAULT_GROUPING = "category"
DEFAULT_WEIGHT = "count"
DEFAULT_CUTOFF = 0.8
DEFAULT_MONTHS = 12
CATEGORY_ORDER: tuple[str, ...] = tuple(c.value for c in Cause7M)
EVENT_TYPES: tuple[str, ...] = tuple(e.value for e in EventType)

# grouping -> the column holding its key (the allow-list between widgets and data)
_KEY_COLUMNS: dict[str, str] = {
    "category": "cause_category",
    "cause": "cause_id",
    "event_type": "event_type",
    "site": "site_id",
    "process": "process_id",
    "supplier": "supplier",
}
# weight -> the column summed (None: each event counts 1)
_WEIGHT_COLUMNS: dict[str, str | None] = {"count": None, "cost": "cost", "severity": "severity"}

EVENTS_SCHEMA = {
    "event_id": pl.String,
    "occurred_on": pl.Date,
    "event_type": pl.String,
    "site_id": pl.String,
    "site_name": pl.String,
    "process_id": pl.String,
    "process_name_fr": pl.String,
    "process_name_en": pl.String,
    "severity": pl.Int64,
    "cost": pl.Float64,
    "cause_id": pl.String,
    "cause_label_fr": pl.String,
    "cause_label_en": pl.String,
    "cause_category": pl.String,
    "supplier": pl.String,
    "title": pl.String,
    "status": pl.String,
}


@dataclass(frozen=True)
class Period:
    """Whole months, first and last included."""

    first_month: date
    last_month: date

    @property
    def start_on(self) -> date:
        return self.first_month.replace(day=1)

    @property
    def end_on(self) -> date:
        last = self.last_month
        return last.replace(day=calendar.monthrange(last.year, last.month)[1])

    @property
    def months(self) -> int:
        return (
            (self.last_month.year - self.first_month.year) * 12
            + self.last_month.month
            - self.first_month.month
            + 1
        )


@dataclass(frozen=True)
class ParetoView:
    """One Pareto: the analysis frame with labels, and what it was computed on."""

    grouping: str
    weight: str
    cutoff: float
    period: Period
    table: pl.DataFrame  # key, label, weight, share, cumulative_share, vital_few, events, rank
    events: int  # events counted (with a value for the grouping)
    excluded: int  # events in period and filter without a value for the grouping

    @property
    def total(self) -> float:
        return float(self.table["weight"].sum()) if len(self.table) else 0.0

    @property
    def vital(self) -> pl.DataFrame:
        return self.table.filter(pl.col("vital_few"))


# ------------------------------------------------------------------------------------------- periods


def default_period(as_of: date, months: int = DEFAULT_MONTHS) -> Period:
    """The `months` months up to and including the as-of month."""
    last = as_of.replace(day=1)
    return Period(shift_month(last, -(months - 1)), last)


def previous_period(period: Period) -> Period:
    """The period of equal length just before."""
    n = period.months
    return Period(shift_month(period.first_month, -n), shift_month(period.last_month, -n))


# ------------------------------------------------------------------------------------------- loading


def load_events(
    scope: Scope, start_on: date, end_on: date, con: duckdb.DuckDBPyConnection | None = None
) -> pl.DataFrame:
    """Events in scope that occurred between the two dates (both included)."""
    frame = run_query("pareto_events", con=con, start_on=start_on, end_on=end_on, **scope.params())
    return frame.cast({k: v for k, v in EVENTS_SCHEMA.items() if k in frame.columns})  # type: ignore[arg-type]


def load_totals(
    scope: Scope,
    start_on: date,
    end_on: date,
    grouping: str,
    event_types: tuple[str, ...] = (),
    con: duckdb.DuckDBPyConnection | None = None,
) -> pl.DataFrame:
    """The events in scope, period and types added up by the grouping's key in DuckDB (key, label_fr,
    label_en, events, cost, severity; the NULL key: events without a value), what a Pareto ranks: a few
    hundred rows where the events themselves are ~1 M at enterprise scale (issue 14)."""
    grouping_key(grouping)
    frame = run_query(
        "pareto_totals",
        con=con,
        start_on=start_on,
        end_on=end_on,
        grouping=grouping,
        event_types=_checked_event_types(event_types),
        **scope.params(),
    )
    return frame.cast({"key": pl.String, "events": pl.Int64, "cost": pl.Float64, "severity": pl.Float64})


def load_category_events(
    scope: Scope,
    start_on: date,
    end_on: date,
    grouping: str,
    key: str,
    event_types: tuple[str, ...] = (),
    con: duckdb.DuckDBPyConnection | None = None,
) -> pl.DataFrame:
    """The events of one bar (the grouping's `key`) in scope, period and types, most recent first."""
    grouping_key(grouping)
    frame = run_query(
        "pareto_category_events",
        con=con,
        start_on=start_on,
        end_on=end_on,
        grouping=grouping,
        key=key,
        event_types=_checked_event_types(event_types),
        **scope.params(),
    )
    return frame.cast({k: v for k, v in EVENTS_SCHEMA.items() if k in frame.columns})  # type: ignore[arg-type]


def _checked_event_types(event_types: tuple[str, ...] | list[str]) -> list[str]:
    unknown = [e for e in event_types if e not in EVENT_TYPES]
    if unknown:
        raise ValueError(f"unknown event types {unknown!r}")
    return list(event_types)


def filter_event_types(events: pl.DataFrame, event_types: list[str] | tuple[str, ...] | None) -> pl.DataFrame:
    """Keep the chosen event types; none chosen keeps every type."""
    if not event_types:
        return events
    return events.filter(pl.col("event_type").is_in([e for e in event_types if e in EVENT_TYPES]))


# ------------------------------------------------------------------------------------------- labels


def category_label(category: str | None, lang: str) -> str:
    return label("pareto.7m", category, lang)


def event_type_label(event_type: str | None, lang: str) -> str:
    return label("pareto.event_type", event_type, lang)


def key_label(events: pl.DataFrame, grouping: str, key: str, lang: str) -> str:
    """The words for one key of a grouping, in the language."""
    if grouping == "category":
        return category_label(key, lang)
    if grouping == "event_type":
        return event_type_label(key, lang)
    if grouping == "supplier":
        return key
    column = {
        "cause": f"cause_label_{lang}",
        "site": "site_name",
        "process": f"process_name_{lang}",
    }[grouping]
    match = events.filter(pl.col(_KEY_COLUMNS[grouping]) == key)
    value = match[column][0] if len(match) else None
    if grouping == "site" and value:
        return value.split(" (", 1)[0]
    return value or key


def grouping_key(grouping: str) -> str:
    if grouping not in _KEY_COLUMNS:
        raise ValueError(f"unknown grouping {grouping!r}")
    return _KEY_COLUMNS[grouping]


# ------------------------------------------------------------------------------------------- analysis


def compute_pareto(
    events: pl.DataFrame,
    grouping: str,
    weight: str,
    cutoff: float,
    period: Period,
    lang: str,
) -> ParetoView:
    """The Pareto of `events` by `grouping` weighted by `weight` (allow-lists), labels in `lang`."""
    key_column = grouping_key(grouping)
    if weight not in _WEIGHT_COLUMNS:
        raise ValueError(f"unknown weight {weight!r}")
    known = events.filter(pl.col(key_column).is_not_null())
    excluded = len(events) - len(known)
    weight_column = _WEIGHT_COLUMNS[weight]
    weights = None if weight_column is None else known[weight_column].fill_null(0).cast(pl.Float64)
    frame = analysis.pareto(known[key_column].cast(pl.String), weights, cutoff)
    counts = known.group_by(key_column).agg(pl.len().cast(pl.Int64).alias("events"))
    frame = frame.rename({"category": "key"}).join(counts.rename({key_column: "key"}), on="key", how="left")
    labels = [key_label(known, grouping, k, lang) for k in frame["key"].to_list()]
    table = frame.with_columns(
        pl.Series("label", labels, dtype=pl.String),
        pl.int_range(1, pl.len() + 1).cast(pl.Int64).alias("rank"),
        pl.col("weight").cast(pl.Float64),
    ).select("rank", "key", "label", "weight", "share", "cumulative_share", "vital_few", "events")
    return ParetoView(grouping, weight, cutoff, period, table, len(known), excluded)


def compute_pareto_from_totals(
    totals: pl.DataFrame,
    grouping: str,
    weight: str,
    cutoff: float,
    period: Period,
    lang: str,
) -> ParetoView:
    """`compute_pareto` on the events already added up by key (`load_totals`): the same table."""
    grouping_key(grouping)
    if weight not in _WEIGHT_COLUMNS:
        raise ValueError(f"unknown weight {weight!r}")
    known = totals.filter(pl.col("key").is_not_null())
    excluded = int(totals.filter(pl.col("key").is_null())["events"].sum())
    weight_column = _WEIGHT_COLUMNS[weight] or "events"
    frame = analysis.pareto(known["key"], known[weight_column].cast(pl.Float64), cutoff)
    frame = frame.rename({"category": "key"}).join(known.select("key", "events"), on="key", how="left")
    words = dict(zip(known["key"].to_list(), known[f"label_{lang}"].to_list(), strict=True))
    labels = [_total_label(grouping, k, words.get(k), lang) for k in frame["key"].to_list()]
    table = frame.with_columns(
        pl.Series("label", labels, dtype=pl.String),
        pl.int_range(1, pl.len() + 1).cast(pl.Int64).alias("rank"),
        pl.col("weight").cast(pl.Float64),
    ).select("rank", "key", "label", "weight", "share", "cumulative_share", "vital_few", "events")
    return ParetoView(grouping, weight, cutoff, period, table, int(known["events"].sum()), excluded)


def _total_label(grouping: str, key: str, stored: str | None, lang: str) -> str:
    """`key_label` with the key's stored words read by the totals query."""
    if grouping == "category":
        return category_label(key, lang)
    if grouping == "event_type":
        return event_type_label(key, lang)
    if grouping == "supplier":
        return key
    if grouping == "site" and stored:
        return stored.split(" (", 1)[0]
    return stored or key


@dataclass(frozen=True)
class RankMove:
    key: str
    label: str
    rank_now: int | None  # None: absent now
    rank_before: int | None  # None: absent before


def compare(current: ParetoView, previous: ParetoView) -> list[RankMove]:
    """Categories whose rank changed between two Paretos of the same grouping and weight, biggest moves first
    (a category absent from one period counts as one rank below the last)."""
    now = dict(zip(current.table["key"], current.table["rank"], strict=True))
    before = dict(zip(previous.table["key"], previous.table["rank"], strict=True))
    labels = dict(zip(previous.table["key"], previous.table["label"], strict=True))
    labels.update(dict(zip(current.table["key"], current.table["label"], strict=True)))
    moves = []
    for key in sorted(set(now) | set(before)):
        if now.get(key) != before.get(key):
            moves.append(RankMove(key, labels[key], now.get(key), before.get(key)))
    bottom_now, bottom_before = len(now) + 1, len(before) + 1

    def size(m: RankMove) -> tuple[int, int, str]:
        change = abs((m.rank_now or bottom_now) - (m.rank_before or bottom_before))
        return (-change, m.rank_now or bottom_now, m.label)

    return sorted(moves, key=size)


def vital_change(current: ParetoView, previous: ParetoView) -> tuple[list[str], list[str]]:
    """(labels that entered the vital few, labels that left it)."""
    now = set(current.vital["key"])
    before = set(previous.vital["key"])
    entered = [r["label"] for r in current.vital.iter_rows(named=True) if r["key"] not in before]
    left = [r["label"] for r in previous.vital.iter_rows(named=True) if r["key"] not in now]
    return entered, left


# ------------------------------------------------------------------------------------------- events list


def category_events(events: pl.DataFrame, grouping: str, key: str, lang: str) -> pl.DataFrame:
    """One category's events for the table under the chart: date, site, type, title, severity, cost, cause,
    status — most recent first."""
    chosen = events.filter(pl.col(grouping_key(grouping)) == key).sort(
        ["occurred_on", "event_id"], descending=True
    )
    return events_table(chosen, lang)


def events_table(chosen: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The table under the chart from one category's events (`category_events`, `load_category_events`)."""
    return chosen.select(
        pl.col("event_id"),
        pl.col("occurred_on"),
        pl.col("site_name").str.split(" (").list.first().alias("site"),
        pl.col("event_type")
        .replace_strict({e: event_type_label(e, lang) for e in EVENT_TYPES}, default=pl.col("event_type"))
        .alias("event_type"),
        pl.col("title"),
        pl.col("severity"),
        pl.col("cost"),
        pl.coalesce(pl.col(f"cause_label_{lang}"), pl.lit(t("pareto.no_cause", lang))).alias("cause"),
        pl.col("status")
        .replace_strict(
            {
                s: label("pareto.status", s, lang)
                for s in ("open", "in_analysis", "action_in_progress", "closed")
            },
            default=pl.col("status"),
        )
        .alias("status"),
    )
