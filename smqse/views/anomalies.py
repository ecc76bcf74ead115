"""The anomaly watch's data path, and the notes people leave on flags. No Streamlit here.

`load_anomalies` reads the monthly series of every (indicator, site) in scope over 48 months up to the
as-of month, runs the data-quality pass first (its problems are listed apart and those points are left
out of the series), runs the anomaly detector on each series, keeps the flags of the chosen window, marks
the flags someone has already noted (latest note per indicator, site and month), and runs the
multivariate detector for the as-of month: the live path, for a month the refresh does not keep.

`load_stored_anomalies` reads the same report from the scan the refresh stored (smqse.refresh_anomalies:
`scan_series` and `detect_one` are the code both use), with its age and how many indicators in scope have
newer data; `flag_series` reads the one series a chart draws around a flag, `series_around` keeps the
months drawn.

`save_note` writes one note and its change-log row in a single transaction, after checking the role and
the scope: a viewer cannot write, a pilot only on their processes, directors and QSE leads anywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import polars as pl

from smqse.analysis.kpi import shift_month
from smqse.db import WriteConflict, retry_on_conflict, run_in_transaction, run_query, transaction
from smqse.model import Role
from smqse.scope import Scope, User, scope_for
from smqse.submission import Submission, claim_submission, record_submission

HISTORY_MONTHS = 48  # months read per series (the detector needs a few seasons)
CHART_MONTHS = 24  # months drawn around a flag
WINDOWS: tuple[int, ...] = (3, 6, 12)
NOTE_STATUSES: tuple[str, ...] = ("explained", "false_alarm", "under_investigation")
KINDS: tuple[str, ...] = ("spike", "dip", "shift_up", "shift_down", "missing")

FLAG_SCHEMA: dict[str, pl.DataType] = {
    "indicator_id": pl.String,
    "site_id": pl.String,
    "period": pl.Date,
    "value": pl.Float64,
    "expected": pl.Float64,
    "score": pl.Float64,
    "kind": pl.String,
    "reason": pl.String,
    "process_id": pl.String,
    "domain": pl.String,
    "name_fr": pl.String,
    "name_en": pl.String,
    "unit": pl.String,
    "note_status": pl.String,
    "note": pl.String,
    "noted_by": pl.String,
    "noted_at": pl.Datetime("us"),
}


NOTE_COLUMNS = ("note_status", "note", "noted_by", "noted_at")


class NoteError(ValueError):
    """A note that cannot be written (unknown status, flag outside the writer's scope)."""


@dataclass(frozen=True)
class AnomalyReport:
    as_of: date
    window_months: int
    flags: pl.DataFrame  # FLAG_SCHEMA, highest score first; noted flags included (note_status set)
    series: pl.DataFrame  # the series read (after the data-quality exclusions) with `expected`, for charts
    data_problems: pl.DataFrame  # what the data-quality pass found (not process anomalies)
    unusual_sites: pl.DataFrame  # the multivariate detector's sites for the as-of month, most unusual first
    indicators: pl.DataFrame  # indicator_id, name_fr, name_en, unit, polarity of the series read
    # Read from the stored scan (smqse.refresh_anomalies): when it was computed, and how many indicators in
    # scope have newer data than it (0 and None for a report computed live).
    computed_at: datetime | None = None
    stale_indicators: int = 0

    def open_flags(self) -> pl.DataFrame:
        """Flags nobody has noted yet: the ones that still nag."""
        return self.flags.filter(pl.col("note_status").is_null())


def _month(day: date) -> date:
    return date(day.year, day.month, 1)


def window_start(as_of: date, window_months: int) -> date:
    return shift_month(_month(as_of), -(window_months - 1))


def load_series(scope: Scope, as_of: date, con: duckdb.DuckDBPyConnection | None = None) -> pl.DataFrame:
    end = _month(as_of)
    return run_query(
        "anomaly_series",
        con=con,
        **scope.params(),
        start_month=shift_month(end, -(HISTORY_MONTHS - 1)),
        end_month=end,
    )


def load_notes(scope: Scope, con: duckdb.DuckDBPyConnection | None = None) -> pl.DataFrame:
    return run_query("anomaly_notes", con=con, **scope.params())


def load_anomalies(
    scope: Scope,
    as_of: date,
    window_months: int = 12,
    con: duckdb.DuckDBPyConnection | None = None,
) -> AnomalyReport:
    from smqse.analysis import data_quality as dq

    series = load_series(scope, as_of, con)
    problems = _data_problems(scope, as_of, con, dq)
    series = dq.drop_data_problems(series, problems)
    found, fitted = scan_series(series)
    found = found.filter(pl.col("period") >= window_start(as_of, window_months))
    meta = series.select("indicator_id", "site_id", "process_id", "domain", "name_fr", "name_en", "unit")
    found = found.join(meta.unique(["indicator_id", "site_id"], keep="first"), on=["indicator_id", "site_id"],
                       how="left")  # fmt: skip
    flags = _with_notes(found, scope, con)
    return AnomalyReport(
        as_of=_month(as_of),
        window_months=window_months,
        flags=flags,
        series=_with_expected(series, [fitted] if fitted.height else []),
        data_problems=problems,
        unusual_sites=_unusual_sites(scope, as_of, problems, con, dq),
        indicators=series.select("indicator_id", "name_fr", "name_en", "unit", "polarity").unique(
            "indicator_id", maintain_order=True
        ),
    )


FOUND_SCHEMA: dict[str, pl.DataType] = {
    "indicator_id": pl.String,
    "site_id": pl.String,
    "period": pl.Date,
    "value": pl.Float64,
    "expected": pl.Float64,
    "score": pl.Float64,
    "kind": pl.String,
    "reason": pl.String,
}
FITTED_SCHEMA: dict[str, pl.DataType] = {
    "indicator_id": pl.String,
    "site_id": pl.String,
    "period": pl.Date,
    "expected": pl.Float64,
}


def detect_one(periods: list, values) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The detector on one series (periods sorted): (its flags over the whole series, missing months left out
    — they are data problems, listed apart; the expected value at each point), without the series' keys."""
    from smqse.analysis import anomalies as detector

    result = detector.detect(periods, values)
    if "kind" not in result.columns:
        result = result.with_columns(kind=pl.lit(None, dtype=pl.String))
    fitted = result.select(pl.col("period").cast(pl.Date), pl.col("expected").cast(pl.Float64))
    flagged = result.filter(pl.col("is_anomaly") & (pl.col("kind").fill_null("") != "missing")).select(
        pl.col("period").cast(pl.Date),
        pl.col("value").cast(pl.Float64),
        pl.col("expected").cast(pl.Float64),
        pl.col("score").cast(pl.Float64),
        pl.col("kind").cast(pl.String),
        pl.col("reason").cast(pl.String),
    )
    return flagged, fitted


def scan_series(series: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The detector on every (indicator, site) series of `series` (sorted by key and period, data problems
    already dropped): (flags over the whole history, FOUND_SCHEMA; expected values, FITTED_SCHEMA). Series
    under 3 points are not judged."""
    found: list[pl.DataFrame] = []
    fitted: list[pl.DataFrame] = []
    for (indicator_id, site_id), points in series.group_by(["indicator_id", "site_id"], maintain_order=True):
        points = points.sort("period")
        if points.height < 3:
            continue
        flagged, expected = detect_one(points["period"].to_list(), points["value"].to_list())
        keys = (pl.lit(indicator_id, dtype=pl.String).alias("indicator_id"),
                pl.lit(site_id, dtype=pl.String).alias("site_id"))  # fmt: skip
        fitted.append(expected.select(*keys, pl.all()))
        if flagged.height:
            found.append(flagged.select(*keys, pl.all()))
    return (
        pl.concat(found, how="vertical") if found else pl.DataFrame(schema=FOUND_SCHEMA),
        pl.concat(fitted, how="vertical") if fitted else pl.DataFrame(schema=FITTED_SCHEMA),
    )


def _with_notes(found: pl.DataFrame, scope: Scope, con: duckdb.DuckDBPyConnection | None) -> pl.DataFrame:
    """Flags (FLAG_SCHEMA without the note columns) with the latest note of each, highest score first."""
    keys = ["indicator_id", "site_id", "period"]
    notes = load_notes(scope, con).select(
        *keys,
        pl.col("status").alias("note_status"),
        "note",
        pl.col("noted_by_name").alias("noted_by"),
        pl.col("noted_at").cast(pl.Datetime("us")),
    )
    base = {c: t for c, t in FLAG_SCHEMA.items() if c not in NOTE_COLUMNS}
    flags = found if found.height else pl.DataFrame(schema=base)
    flags = flags.join(notes, on=keys, how="left")
    flags = flags.select([pl.col(c).cast(t) for c, t in FLAG_SCHEMA.items()])
    flags = flags.sort(["score", "period", "indicator_id", "site_id"], descending=[True, True, False, False])
    return flags


# --- the stored scan (smqse.refresh_anomalies) ---------------------------------------------------------


@dataclass(frozen=True)
class Freshness:
    """What a stored read depends on: the data versions in scope, the latest stored scan of the month, how
    many indicators in scope are scanned, and how many from older data than the current."""

    data_version: int
    computed_at: datetime | None
    scanned: int
    stale: int


def freshness(scope: Scope, as_of: date, con: duckdb.DuckDBPyConnection | None = None) -> Freshness:
    frame = run_query("anomaly_freshness", con=con, as_of_month=_month(as_of), **scope.params())
    if frame.is_empty():
        return Freshness(0, None, 0, 0)
    row = frame.row(0, named=True)
    return Freshness(int(row["data_version"]), row["computed_at"], int(row["scanned"]), int(row["stale"]))


def load_stored_anomalies(
    scope: Scope,
    as_of: date,
    window_months: int = 12,
    con: duckdb.DuckDBPyConnection | None = None,
    *,
    fresh: Freshness | None = None,
) -> AnomalyReport:
    """The anomaly report read from the stored scan of the as-of month: one scoped query for the flags of
    the window, one for the data problems; the unusual sites stored for the whole organisation (another
    scope compares other indicators: computed live, from the stored problems). `series` is left empty: the
    series around a flag is read on demand (`flag_series`)."""
    from smqse.analysis import data_quality as dq
    from smqse.analysis import multivariate

    fresh = fresh or freshness(scope, as_of, con)
    month = _month(as_of)
    found = run_query(
        "anomaly_flags_stored", con=con, as_of_month=month, start_month=window_start(as_of, window_months),
        **scope.params(),
    )  # fmt: skip
    problems = run_query("anomaly_problems_stored", con=con, as_of_month=month, **scope.params())
    problems = problems.sort([*dq.KEY, "problem"]).cast(dq.PROBLEM_SCHEMA) if problems.height else (
        dq.empty_problems())  # fmt: skip
    unusual = None
    if _is_whole_organisation(scope, con):
        stored = run_query("anomaly_unusual_stored", con=con, as_of_month=month, **scope.params())
        if stored.height:
            unusual = (
                stored.drop("computed_at")
                .with_columns(pl.col("top_indicators").str.json_decode(pl.List(multivariate.TOP_INDICATOR)))
                .cast(multivariate.RESULT_SCHEMA)
                .sort("score", descending=True, nulls_last=True)
            )
    if unusual is None:
        unusual = _unusual_sites(scope, as_of, problems, con, dq)
    indicators = run_query("anomaly_indicators", con=con, **scope.params())
    return AnomalyReport(
        as_of=month,
        window_months=window_months,
        flags=_with_notes(found, scope, con),
        series=pl.DataFrame(schema={**FITTED_SCHEMA, "value": pl.Float64}),
        data_problems=problems,
        unusual_sites=unusual,
        indicators=indicators,
        computed_at=fresh.computed_at,
        stale_indicators=fresh.stale,
    )


def unusual_sites_from_stored(scope: Scope, as_of: date, con: duckdb.DuckDBPyConnection | None = None):
    """The unusual sites of `scope` for the as-of month, the data problems left out read from the stored
    scan (what the refresh stores for the whole organisation)."""
    from smqse.analysis import data_quality as dq

    problems = run_query("anomaly_problems_stored", con=con, as_of_month=_month(as_of), **scope.params())
    return _unusual_sites(scope, as_of, problems, con, dq)


def _is_whole_organisation(scope: Scope, con: duckdb.DuckDBPyConnection | None) -> bool:
    from smqse.refresh import organisation_scope

    org = organisation_scope(con)
    return (
        set(scope.process_ids) >= set(org.process_ids)
        and set(scope.site_ids) >= set(org.site_ids)
        and set(scope.domains) >= set(org.domains)
    )


def flag_series(
    scope: Scope,
    as_of: date,
    indicator_id: str,
    site_id: str,
    con: duckdb.DuckDBPyConnection | None = None,
    *,
    stored: bool = True,
) -> pl.DataFrame:
    """One flag's series as the scan saw it (the 48 months to the as-of month, its data problems left out:
    the stored ones, or for a month not `stored` those the data-quality pass finds on the flag's site now)
    with the expected value at each point: what the chart around a flag draws."""
    end = _month(as_of)
    points = run_query(
        "anomaly_series_one", con=con, indicator_id=indicator_id, site_id=site_id,
        start_month=shift_month(end, -(HISTORY_MONTHS - 1)), end_month=end, **scope.params(),
    )  # fmt: skip
    from smqse.analysis import data_quality as dq

    if stored:
        problems = run_query("anomaly_problems_stored", con=con, as_of_month=end, **scope.params())
    else:  # the data-quality pass judges each series on its own: the flag's site is enough
        one_site = Scope(scope.process_ids, (site_id,), scope.domains, all_sites=False)
        problems = _data_problems(one_site, as_of, con, dq)
    points = dq.drop_data_problems(points, problems.filter(pl.col("indicator_id") == indicator_id))
    if points.height < 3:
        return points.with_columns(expected=pl.lit(None, dtype=pl.Float64))
    _, fitted = detect_one(points["period"].to_list(), points["value"].to_list())
    return points.join(fitted, on="period", how="left")


def series_around(series: pl.DataFrame, flag: dict, months: int = CHART_MONTHS) -> pl.DataFrame:
    """The flag's (indicator, site) series, `months` months centred on the flag (within the data): what the
    chart around a flag draws, and its table lists."""
    points = series.filter(
        (pl.col("indicator_id") == flag["indicator_id"]) & (pl.col("site_id") == flag["site_id"])
    ).sort("period")
    start = shift_month(flag["period"], -(months // 2))
    end = shift_month(flag["period"], months // 2)
    return points.filter(pl.col("period").is_between(start, end))


def flag_key(row: dict) -> str:
    """A flag's id, `<indicator>|<site>|<YYYY-MM-DD>`: the page's key for it, and its links' parameter."""
    return f"{row['indicator_id']}|{row['site_id']}|{row['period'].isoformat()}"


def unusual_count(unusual: pl.DataFrame) -> int:
    """How many sites the multivariate detector finds unusual in the month."""
    if unusual.is_empty() or "is_unusual" not in unusual.columns:
        return 0
    return int(unusual["is_unusual"].sum())


def _with_expected(series: pl.DataFrame, fitted: list[pl.DataFrame]) -> pl.DataFrame:
    keys = ["indicator_id", "site_id", "period"]
    if not fitted:
        return series.with_columns(expected=pl.lit(None, dtype=pl.Float64))
    return series.join(pl.concat(fitted, how="vertical"), on=keys, how="left")


def _data_problems(scope: Scope, as_of: date, con: duckdb.DuckDBPyConnection | None, dq) -> pl.DataFrame:
    """What the data-quality pass finds over the months read (problems of the data, not of the process)."""
    end = _month(as_of)
    start = shift_month(end, -(HISTORY_MONTHS - 1))
    measurements = run_query(
        "anomaly_measurements", con=con, **scope.params(), start_month=start, end_month=end
    )
    indicators = run_query("indicator_catalogue", con=con, **scope.params())
    return dq.detect_data_problems(measurements, indicators, months=dq.month_range(start, end))


def _unusual_sites(
    scope: Scope, as_of: date, problems: pl.DataFrame, con: duckdb.DuckDBPyConnection | None, dq
) -> pl.DataFrame:
    """Sites whose profile, all indicators together, is unusual in the as-of month (data problems left out)."""
    from smqse.analysis import multivariate

    end = _month(as_of)
    site_month = run_query(
        "anomaly_site_month",
        con=con,
        **scope.params(),
        start_month=shift_month(end, -(multivariate.HISTORY_MONTHS - 1)),
        end_month=end,
    )
    site_month = dq.drop_data_problems(site_month, problems)
    return multivariate.detect_unusual_sites(site_month, end)


# --- notes --------------------------------------------------------------------------------------------


def can_write(user: User) -> bool:
    return user.role != Role.VIEWER


def save_note(
    con: duckdb.DuckDBPyConnection,
    user: User,
    scope: Scope,
    indicator_id: str,
    site_id: str,
    period: date,
    status: str,
    note: str,
    *,
    token: str | None = None,
) -> dict:
    """Write one note on the flag (indicator, site, month) and its change-log row, all or nothing.

    Raises PermissionError for a viewer or a flag outside the writer's scope, NoteError for an unknown
    status (or a write lost to other writers three times). Returns the note row written; a second submit of
    the same form instance (`token`) writes nothing and returns the first one's note.
    """
    if not can_write(user):
        raise PermissionError(f"{user.user_id} is a viewer: viewers cannot note flags")
    if status not in NOTE_STATUSES:
        raise NoteError(f"unknown status {status!r}; expected one of {', '.join(NOTE_STATUSES)}")
    # The writer's own scope, whatever the caller passes: a scope can narrow it, never widen it.
    allowed = scope_for(user, con)
    effective = Scope(
        tuple(p for p in allowed.process_ids if p in set(scope.process_ids)),
        tuple(s for s in allowed.site_ids if s in set(scope.site_ids)),
        tuple(d for d in allowed.domains if d in set(scope.domains)),
    )
    denied = PermissionError(
        f"{user.user_id} may not note {indicator_id} on site {site_id}: outside their scope"
    )
    if effective.is_empty or site_id not in effective.site_ids:
        raise denied
    month = _month(period)
    text = (note or "").strip()
    submission = Submission.of(token, "anomalies_note_form", user, effective)
    key = (indicator_id, site_id, month, status, text)
    try:
        return retry_on_conflict(lambda: _write_note(con, user, effective, key, submission, denied))
    except WriteConflict as error:
        raise NoteError(str(error)) from error


def _write_note(con, user: User, effective: Scope, key: tuple, submission, denied: Exception) -> dict:
    indicator_id, site_id, month, status, text = key
    now = datetime.now().replace(microsecond=0)
    with transaction(con) as cur:
        if (earlier := claim_submission(cur, submission)) is not None:
            return earlier
        written = run_in_transaction(
            cur,
            "anomaly_note_insert",
            **effective.params(),
            indicator_id=indicator_id,
            site_id=site_id,
            period=month,
            status=status,
            note=text or None,
            noted_by=user.user_id,
            noted_at=now,
        )
        if written.is_empty():
            raise denied
        row = written.row(0, named=True)
        after = {k: (v.isoformat() if isinstance(v, date | datetime) else v) for k, v in row.items()}
        run_in_transaction(
            cur,
            "change_log_insert",
            **effective.params(),
            indicator_id=indicator_id,
            site_id=site_id,
            changed_at=now,
            changed_by=user.user_id,
            table_name="anomaly_note",
            row_key=f"{indicator_id}|{site_id}|{month.isoformat()}",
            operation="insert",
            before=None,
            after=json.dumps(after, ensure_ascii=False, sort_keys=True),
            reason=text or status,
        )
        record_submission(cur, submission, f"{indicator_id}|{site_id}|{month.isoformat()}", row)
    return row
