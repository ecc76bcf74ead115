"""Cached data access at the boundary: small hashable keys in (the frozen Scope, a date, the database
path), collected frames out. The scope is part of every cache key, so two users never share a result
they are not both allowed to see.

The DuckDB connection is `smqse.db.shared_connection(db)`, one per database file for the process (a
cursor per query inside `run_query`). It is not wrapped in `st.cache_resource`: `shared_connection` is
already a process-wide cache, and a second cache holding the same object would keep a connection alive
after `close_shared_connections()` (tests, database rebuilds).
"""

from __future__ import annotations

import functools
import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import polars as pl
import streamlit as st

from smqse import month_state as _month_state
from smqse.db import database_path, run_query, shared_connection
from smqse.scope import Scope, User, list_users, scope_for
from smqse.views import scorecard as _scorecard

TTL_SECONDS = 600
# Bounds, so that memory stays flat with users, scopes and months: a cache keyed by the database alone holds
# little; a view per (scope, month) a few hundred kB; drift, anomalies, causes and the action plan the most.
SMALL_ENTRIES = 16
VIEW_ENTRIES = 64
HEAVY_ENTRIES = 16


def _scope_key(scope: Scope) -> str:
    return repr(scope)  # its fields, tuples of ids: equal scopes, equal keys


# Streamlit hashes a cached function's arguments on every call, field by field through a chain of type checks:
# a Scope (hundreds of site ids at enterprise scale), a User and the dates were a fifth of a warm landing
# page's CPU. Their repr is their value (frozen dataclasses of strings and tuples; ISO dates).
CACHE_KEY_FUNCS = {Scope: _scope_key, User: repr, date: date.isoformat}
cache_view = functools.partial(st.cache_data, hash_funcs=CACHE_KEY_FUNCS)


def db_key() -> str:
    """The database the app reads (SMQSE_DB or data/smqse.duckdb), as a cache key."""
    return _resolved(str(database_path()), os.getcwd())


@functools.lru_cache(maxsize=16)
def _resolved(path: str, cwd: str) -> str:
    """Resolved once per path and working directory, not on every run (a system call per part of the path,
    twice a run)."""
    return str((Path(cwd) / path).resolve())


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=SMALL_ENTRIES)
def users(db: str) -> list[User]:
    return list_users(shared_connection(db))


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=SMALL_ENTRIES)
def user_emails(db: str) -> dict[str, str]:
    """{lower-cased e-mail: user_id} for OIDC sign-in."""
    frame = run_query("users", con=shared_connection(db))
    return {
        str(r["email"]).strip().lower(): r["user_id"] for r in frame.iter_rows(named=True) if r.get("email")
    }


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=SMALL_ENTRIES)
def is_demo_database(db: str) -> bool:
    """Whether the database carries the demo builder's mark (smqse.deployment)."""
    from smqse.deployment import is_demo_database as _is_demo

    return _is_demo(shared_connection(db))


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=SMALL_ENTRIES)
def allowed_scope(user: User, db: str) -> Scope:
    return scope_for(user, shared_connection(db))


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def reference_lists(scope: Scope, db: str) -> dict[str, pl.DataFrame]:
    return _scorecard.reference_lists(scope, shared_connection(db))


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def data_months(scope: Scope, db: str) -> list[date]:
    return list(_scorecard.data_months(scope, shared_connection(db)))


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def default_as_of(scope: Scope, months: tuple[date, ...], db: str) -> date | None:
    """`smqse.views.scorecard.default_as_of` on the months `data_months` has read (the same months: every stored
    version has a current one), so a page scans the measurements for its months once, not twice; the month
    states it reads are the cached ones the month line then shows."""
    return _month_state.default_month(
        shared_connection(db), scope, list(months), state_of=lambda month: month_state(scope, month, db)
    )


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def month_state(scope: Scope, as_of: date, db: str) -> _month_state.MonthState:
    return _month_state.compute_month_state(shared_connection(db), scope, as_of)


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def load_scorecard(scope: Scope, as_of: date, db: str) -> _scorecard.Scorecard:
    return _scorecard.load_scorecard(scope, as_of, shared_connection(db))


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def indicator_catalogue(scope: Scope, db: str) -> pl.DataFrame:
    from smqse.views import indicators as _indicators

    return _indicators.load_catalogue(shared_connection(db), scope)


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def load_attention(scope: Scope, as_of: date, db: str) -> pl.DataFrame:
    """The "My indicators" attention list, built on the cached scorecard of the same scope and month."""
    from smqse.views import my_indicators as _attention

    rows = load_scorecard(scope, as_of, db).rows
    return _attention.compute_from_scorecard(rows, scope, as_of, shared_connection(db))


def todo_version(scope: Scope, db: str) -> int:
    """Not cached: `smqse.reminders.todo_version`, the cache key of `load_todo`."""
    from smqse.reminders import todo_version as _todo_version

    return _todo_version(shared_connection(db), scope)


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def load_todo(user_id: str, on: date, version: int, db: str):
    """A user's reminders at day `on` (smqse.reminders, the e-mails' list), per user and day, keyed by
    `todo_version`; the scorecards they judge are this module's cached ones (the landing page's own)."""
    from smqse.reminders import ScorecardCache, compute_reminders

    class PageScorecards(ScorecardCache):
        def get(self, scope: Scope, month: date):
            return load_scorecard(scope, month, db)

    con = shared_connection(db)
    return compute_reminders(con, user_id, on, cards=PageScorecards(con))


def anomaly_data_version(scope: Scope, db: str) -> int:
    """Not cached: what the anomaly view reads (values and the catalogue's bounds) at its version in scope,
    the cache key of `load_anomalies` (a save elsewhere leaves it cached)."""
    from smqse import data_version

    return data_version.in_scope(
        scope, (data_version.MEASUREMENT, data_version.INDICATOR), shared_connection(db)
    )


def event_data_version(scope: Scope, db: str) -> int:
    """Not cached: the version of the events (organisation-wide, smqse.data_version), part of the cache key
    of every view that reads events (Pareto, Ishikawa, causes, review pack). A declaration or an events file
    moves it in its own transaction, so every session of every server process reads the events again after
    it, and after nothing else."""
    from smqse import data_version

    return data_version.organisation_wide(scope, (data_version.EVENT,), shared_connection(db))


def causes_data_version(scope: Scope, db: str) -> int:
    """Not cached: the causes page reads events and actions; the key of its cached base moves with either."""
    from smqse import data_version

    kinds = (data_version.EVENT, data_version.ACTION)
    return data_version.organisation_wide(scope, kinds, shared_connection(db))


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=HEAVY_ENTRIES)
def load_anomalies(scope: Scope, as_of: date, window_months: int, version: int, db: str):
    from smqse.views import anomalies as service  # loaded with its page: some pull in SciPy or scikit-learn

    report = service.load_anomalies(scope, as_of, window_months, shared_connection(db))
    # Without the series read (2 M points at enterprise scale: the 455 MB entry): a flag's series is read
    # on demand (load_flag_series).
    return replace(report, series=report.series.clear())


def anomaly_freshness(scope: Scope, as_of: date, db: str):
    """Not cached: the anomaly page's stored scan for the scope and month (its data version, age, indicators
    scanned and stale: smqse.views.anomalies.Freshness), whose answer keys the reads below."""
    from smqse.views import anomalies as service

    return service.freshness(scope, as_of, shared_connection(db))


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def load_stored_anomalies(scope: Scope, as_of: date, window_months: int, data_version: int, computed_at,
                          db: str):  # fmt: skip
    """The anomaly report read from the stored scan (smqse.refresh_anomalies): a few hundred kB, keyed by
    the data version and the scan's age; the series around a flag is read on demand (load_flag_series)."""
    from smqse.views import anomalies as service

    con = shared_connection(db)
    return service.load_stored_anomalies(
        scope, as_of, window_months, con, fresh=service.freshness(scope, as_of, con)
    )


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def load_flag_series(scope: Scope, as_of: date, indicator_id: str, site_id: str, data_version: int, stored: bool,
                     db: str):  # fmt: skip
    """One flag's series with its expected values (one series through the detector: milliseconds); `stored`:
    the month's scan is stored (its data problems are read, not found again)."""
    from smqse.views import anomalies as service

    return service.flag_series(scope, as_of, indicator_id, site_id, shared_connection(db), stored=stored)


def anomaly_progress(db: str) -> dict | None:
    """The latest anomaly scan (status, done, total): not cached, it moves while the page is open."""
    from smqse.refresh_anomalies import latest_run

    return latest_run(shared_connection(db))


def drift_freshness(scope: Scope, as_of: date, db: str):
    """Not cached: one tiny query per view, whose answer keys the drift reads below (a write moves the data
    version of what it changed, a refresh the computed_at)."""
    from smqse import refresh as service

    return service.drift_freshness(scope, as_of, shared_connection(db))


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=HEAVY_ENTRIES)
def load_stored_drift(scope: Scope, as_of: date, key: str, data_version: int, computed_at, db: str):
    """The drift rows stored by the refresh (smqse.refresh); `data_version` and `computed_at` key the cache
    (smqse.refresh.Freshness)."""
    from smqse.views import drift as service

    return service.load_stored_drift(scope, as_of, key, shared_connection(db))


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=HEAVY_ENTRIES)
def load_live_drift(scope: Scope, as_of: date, data_version: int, db: str):
    """A scope of several sites out of more is not stored: computed live, cached per data version."""
    from smqse.views import drift as service  # loaded with its page: some pull in SciPy or scikit-learn

    return service.load_drift(scope, as_of, shared_connection(db))


def compute_drift(as_of: date, key: str, db: str) -> None:
    """A month (or scope key) nothing is stored for yet: computed now by the refresh's own code, and kept up
    to date by the worker from then on."""
    from smqse import refresh as service

    service.refresh(shared_connection(db), as_of=as_of, scope_keys=[key])
    service.request(as_of, key)


def drift_progress(db: str) -> dict | None:
    """The latest drift refresh (status, done, total): not cached, it moves while the page is open."""
    from smqse import refresh as service

    return service.latest_run(shared_connection(db))


def wake_anomaly_refresh() -> None:
    """Stale flags on screen: the worker re-scans them (it keeps the precomputed months up to date)."""
    from smqse import refresh as service

    service.wake_workers()


def wake_refresh(as_of: date, key: str) -> None:
    """Stale rows on screen: the worker recomputes them (whatever the month: it keeps it up to date)."""
    from smqse import refresh as service

    service.request(as_of, key)
    service.wake_workers()


# The causes page: the effects of every action in scope once per scope and month, then small entries per
# period and weights, and per cause picked, so that a rerun reads a small entry and never recomputes. The base
# (a few hundred MB at enterprise scale) is a cached resource: st.cache_data would pickle it on the way in and
# copy it on every read, for frames nobody modifies (Polars frames are immutable; the dataclass is frozen);
# few entries, so memory stays bounded: two (not four), so that six users of six scopes walking the pages
# one after the other leave the server's memory flat (issue 14: each group-wide base or plan is 60-200 MiB
# at enterprise scale); a third scope recomputes its base (2-3 s).
CAUSES_BASE_ENTRIES = 2


def action_data_version(scope: Scope, db: str) -> int:
    """Not cached: the version of the actions (moved by every write to one), the cache key of the views that
    read actions, so that an action opened or updated in any process serving the app shows at once."""
    from smqse import data_version

    return data_version.organisation_wide(scope, (data_version.ACTION,), shared_connection(db))


@st.cache_resource(ttl=TTL_SECONDS, show_spinner=False, max_entries=CAUSES_BASE_ENTRIES)
def load_causes_base(scope: Scope, as_of: date, version: int, db: str):
    """`version`: causes_data_version (events and actions), so a recorded event is counted at once."""
    from smqse.views import causes as service

    return service.compute_causes_base(service.load_causes_data(scope, as_of, shared_connection(db)))


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def load_causes_ranking(
    scope: Scope,
    as_of: date,
    period_months: int,
    weights: tuple[tuple[str, float], ...],
    version: int,
    db: str,
):
    """The causes ranked over the period with the weights ((criterion, weight) pairs, hashable)."""
    from smqse.views import causes as service

    return service.compute_ranking(load_causes_base(scope, as_of, version, db), period_months, dict(weights))


def load_cause_actions(scope: Scope, as_of: date, cause_id: str, version: int, db: str) -> pl.DataFrame:
    """Not cached: a filter of the cached base (milliseconds), where an `st.cache_data` entry held the cause's
    actions pickled (34 MB for the group's first cause, 200 000 actions) and unpickled a copy on every rerun,
    up to VIEW_ENTRIES causes (issue 14)."""
    from smqse.views import causes as service

    return service.actions_of_cause(load_causes_base(scope, as_of, version, db), cause_id)


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def load_cause_tree(scope: Scope, db: str):
    from smqse.views import ishikawa as service  # loaded with its page: some pull in SciPy or scikit-learn

    return service.load_causes(scope, shared_connection(db))


# The Ishikawa page holds the events added up by type, process and cause (where the events were 48 MB at
# enterprise scale, issue 14), and reads the events of the cause picked.
@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def load_ishikawa_totals(scope: Scope, start_on: date, end_on: date, version: int, db: str):
    """`version`: event_data_version, so a recorded event is drawn at once."""
    from smqse.views import ishikawa as service  # loaded with its page: some pull in SciPy or scikit-learn

    return service.load_totals(scope, start_on, end_on, shared_connection(db))


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def load_ishikawa_cause_events(
    scope: Scope, start_on: date, end_on: date, cause_ids: tuple[str, ...], effect, version: int, db: str
):
    from smqse.views import ishikawa as service

    return service.load_cause_events(scope, start_on, end_on, cause_ids, effect, shared_connection(db))


# The Pareto page holds what it shows, not the events: a period's events added up by key in DuckDB (a few
# hundred rows, where the events were 86 MB pickled plus a copy per rerun at enterprise scale, issue 14), and
# the events of the bar picked.
@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def load_pareto_totals(
    scope: Scope,
    start_on: date,
    end_on: date,
    grouping: str,
    event_types: tuple[str, ...],
    version: int,
    db: str,
):
    """`version`: event_data_version, so a recorded event is counted at once."""
    from smqse.views import pareto as service  # loaded with its page: some pull in SciPy or scikit-learn

    return service.load_totals(scope, start_on, end_on, grouping, event_types, shared_connection(db))


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def load_pareto_category_events(
    scope: Scope,
    start_on: date,
    end_on: date,
    grouping: str,
    key: str,
    event_types: tuple[str, ...],
    version: int,
    db: str,
):
    from smqse.views import pareto as service

    return service.load_category_events(
        scope, start_on, end_on, grouping, key, event_types, shared_connection(db)
    )


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def load_trend_indicators(scope: Scope, db: str):
    from smqse.views import trends as service  # loaded with its page: some pull in SciPy or scikit-learn

    return service.load_indicators(scope, shared_connection(db))


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def load_trend_data(scope: Scope, indicator_id: str, as_of: date, db: str):
    from smqse.views import trends as service  # loaded with its page: some pull in SciPy or scikit-learn

    return service.load_trend_data(scope, indicator_id, as_of, shared_connection(db))


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def trend_seasonality(scope: Scope, indicator_id: str, as_of: date, db: str):
    """The STL verdict on the indicator's whole history (None without data), once per data, not per rerun."""
    from smqse.views import trends as service

    trend_data = load_trend_data(scope, indicator_id, as_of, db)
    return None if trend_data is None or not trend_data.months else service.compute_seasonality(trend_data)


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def trend_view(scope: Scope, indicator_id: str, as_of: date, db: str, **settings):
    """`smqse.views.trends.compute_trend_view` for the page's settings (window, baseline, change, rules, seasonal
    adjustment, same as the scorecard): a rerun that changes none of them (a toggle, a table's expander)
    reads it instead of charting every site again. Returns the view and its digest."""
    from smqse.ui.figure_cache import inputs_digest
    from smqse.views import trends as service

    trend_data = load_trend_data(scope, indicator_id, as_of, db)
    season = trend_seasonality(scope, indicator_id, as_of, db)
    trend = service.compute_trend_view(trend_data, seasonality=season, **settings)
    return trend, inputs_digest(trend)  # the key of its charts (smqse.ui.figure_cache), taken once


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=32)
def load_review_pack(scope: Scope, user: User, options, revision: int, events_version: int, db: str):
    """The review pack for the scope; `revision` changes after every write of the review page and
    `events_version` (event_data_version) after every recorded event, so the page shows them at once."""
    from smqse.review.content import build_review_pack

    return build_review_pack(shared_connection(db), scope, user, options)


@st.cache_resource(ttl=TTL_SECONDS, show_spinner=False, max_entries=CAUSES_BASE_ENTRIES)
def load_action_plan(scope: Scope, as_of: date, today: date, db: str, action_version: int = 0):
    """The action plan of the scope at the as-of month (`today` bounds the reference date); `action_version`
    (action_data_version) keys the entry, so an action opened or updated anywhere shows at once. A cached
    resource, as the causes base is: at enterprise scale (500 000 actions, 130 MB) st.cache_data's pickling
    on the way in and its copy on every rerun doubled the page's memory and cost a second per rerun; the
    plan (a frozen dataclass of Polars frames) is never modified by the page."""
    from smqse.views import actions as service

    return service.load_action_plan(scope, as_of, shared_connection(db), today=today)


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def action_owners(scope: Scope, process_id: str, db: str) -> pl.DataFrame:
    """Who may own an action on a process of the writer's scope (smqse.action_open.owner_choices)."""
    from smqse import action_open as service

    return service.owner_choices(shared_connection(db), scope, process_id)


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def load_action_history(scope: Scope, action_id: str, db: str) -> pl.DataFrame:
    from smqse.views import actions as service

    return service.load_history(scope, action_id, shared_connection(db))


# --- objectives and indicators management (pages/objectives.py) ---------------------------------------


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def admin_indicators(scope: Scope, db: str) -> pl.DataFrame:
    """Every stored column of the indicators in scope."""
    from smqse.views import objectives as _objectives

    return _objectives.load_indicators(shared_connection(db), scope)


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def admin_objectives(scope: Scope, db: str) -> pl.DataFrame:
    """Every stored column of the objectives in scope, with what the page needs of their indicator."""
    from smqse.views import objectives as _objectives

    return _objectives.load_objectives(shared_connection(db), scope)


def clear_after_month_close() -> None:
    """A closed month changes the month line, the default month and the review pack: those, not every cache."""
    for cached in (month_state, default_as_of, load_review_pack):
        cached.clear()


def clear_after_measurements() -> None:
    """New or corrected values: every view that reads measurements, not the users, the cause tree, the
    catalogue or the templates. The drift and anomaly views are not cleared: their reads are keyed by the
    data version of their scope (drift_freshness, anomaly_data_version), so a write invalidates exactly the
    scopes it changed."""
    for cached in (data_months, default_as_of, month_state, load_scorecard, load_attention, load_trend_data,
                   trend_seasonality, trend_view, load_review_pack):  # fmt: skip
        cached.clear()


def clear_after_catalogue_change() -> None:
    """Indicators and objectives feed every page (scorecard, drift, review pack…): after a change, every view
    is read again; only the users and the database's own facts stay."""
    clear_after_measurements()
    for cached in (reference_lists, indicator_catalogue, load_trend_indicators,
                   admin_indicators, admin_objectives, template_workbook):  # fmt: skip
        cached.clear()
    clear_after_action_change()


def clear_after_action_change() -> None:
    """An action's status, progress or effectiveness: the action plan and the causes page (their summaries
    and before/after verdicts)."""
    for cached in (load_action_plan, load_action_history, load_causes_base, load_causes_ranking):
        cached.clear()


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def template_workbook(kind: str, scope: Scope, lang: str, db: str) -> bytes:
    """The XLSX template of a kind with the scope's reference lists (built once, not on every rerun)."""
    from smqse import ingest

    return ingest.template_workbook(shared_connection(db), kind, scope, lang)


# --- the event declaration page (pages/events.py) ------------------------------------------------------


@cache_view(ttl=TTL_SECONDS, show_spinner=False, max_entries=VIEW_ENTRIES)
def load_recent_events(scope: Scope, today: date, version: int, db: str) -> pl.DataFrame:
    """The scope's events recorded or occurred lately; `version` (event_data_version) reads them again after
    every recorded event."""
    from smqse.views import events as service

    return service.load_recent_events(shared_connection(db), scope, today)
