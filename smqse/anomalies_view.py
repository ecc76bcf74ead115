"""The anomaly watch's data path, and the notes people leave on flags. No Streamlit here.

`load_anomalies` reads the monthly series of every (indicator, site) in scope over 48 months up to the
as-of month, runs the data-quality pass first (its problems are listed apart and those points are left
out of the series), runs the anomaly detector on each series, keeps the flags of the chosen window, marks
the flags someone has already noted (latest note per indicator, site and month), and runs the
multivariate detector for the as-of month.

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
    from smqse.analysis import anomalies as detector
    from smqse.analysis import data_quality as dq

    series = load_series(scope, as_of, con)
    problems = _data_problems(scope, as_of, con, dq)
    series = dq.drop_data_problems(series, problems)
    start = window_start(as_of, window_months)
    found: list[pl.DataFrame] = []
    fitted: list[pl.DataFrame] = []
    for (indicator_id, site_id), points in series.group_by(["indicator_id", "site_id"], maintain_order=True):
        points = points.sort("period")
        if points.height < 3:
            continue
        result = detector.detect(points["period"].to_list(), points["value"].to_list())
        if "kind" not in result.columns:
            result = result.with_columns(kind=pl.lit(None, dtype=pl.String))
        fitted.append(
            result.select(
                pl.lit(indicator_id, dtype=pl.String).alias("indicator_id"),
                pl.lit(site_id, dtype=pl.String).alias("site_id"),
                pl.col("period").cast(pl.Date),
                pl.col("expected").cast(pl.Float64),
            )
        )
        # Missing months are data problems, listed apart; they are not process anomalies.
        flagged = result.filter(
            pl.col("is_anomaly") & (pl.col("period") >= start) & (pl.col("kind").fill_null("") != "missing")
        )
        if flagged.is_empty():
            continue
        first = points.row(0, named=True)
        found.append(
            flagged.select(
                pl.lit(indicator_id, dtype=pl.String).alias("indicator_id"),
                pl.lit(site_id, dtype=pl.String).alias("site_id"),
                pl.col("period").cast(pl.Date),
                pl.col("value").cast(pl.Float64),
                pl.col("expected").cast(pl.Float64),
                pl.col("score").cast(pl.Float64),
                pl.col("kind").cast(pl.String),
                pl.col("reason").cast(pl.String),
                *(
                    pl.lit(first[c], dtype=pl.String).alias(c)
                    for c in ("process_id", "domain", "name_fr", "name_en", "unit")
                ),
            )  # fmt: skip
        )
    keys = ["indicator_id", "site_id", "period"]
    notes = load_notes(scope, con).select(
        *keys,
        pl.col("status").alias("note_status"),
        "note",
        pl.col("noted_by_name").alias("noted_by"),
        pl.col("noted_at").cast(pl.Datetime("us")),
    )
    base = {c: t for c, t in FLAG_SCHEMA.items() if c not in NOTE_COLUMNS}
    flags = pl.concat(found, how="vertical") if found else pl.DataFrame(schema=base)
    flags = flags.join(notes, on=keys, how="left")
    flags = flags.select([pl.col(c).cast(t) for c, t in FLAG_SCHEMA.items()])
    flags = flags.sort(["score", "period", "indicator_id", "site_id"], descending=[True, True, False, False])
    return AnomalyReport(
        as_of=_month(as_of),
        window_months=window_months,
        flags=flags,
        series=_with_expected(series, fitted),
        data_problems=problems,
        unusual_sites=_unusual_sites(scope, as_of, problems, con, dq),
        indicators=series.select("indicator_id", "name_fr", "name_en", "unit", "polarity").unique(
            "indicator_id", maintain_order=True
        ),
    )


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
