"""Importing data files and form entries: read, validate everything, load all or nothing, keep the trail.

    from smqse.ingest import import_bytes, import_file, import_frame, template_workbook, detect_kind, KINDS
    result = import_file(con, "mesures.csv", user=user, dry_run=True, lang="fr")
    result.problems      # every Problem(file, row, column, code, message) — empty: the file can be loaded
    result.preview       # the parsed rows with `row` and `status` (new / new_version / unchanged / invalid)

Formats (one per kind; French or English headers, in any order, case/accents/spaces ignored — FORMATS.md):

- measurements: indicator_id, site_id, period, value, numerator, denominator, comment
  (indicateur, site, période, valeur, numérateur, dénominateur, commentaire). Key: indicator, site, period.
  A ratio indicator may give numerator and denominator without value (value = num / den × rate_base).
  A stored key gets a new version only when value, numerator, denominator or comment changed.
- events: event_id, event_type, site_id, process_id, occurred_on, severity (1–5), cost, cause_id, title,
  description, status, supplier, lost_days.
- actions: action_id, action_type, origin, origin_id, title, owner_user_id, process_id, site_id, opened_on,
  due_on, closed_on, status, progress_pct, cost, expected_benefit, effectiveness.
- indicators: the indicator table's columns (indicator_id, process_id, domain, kind, name_fr, name_en, unit,
  polarity, frequency, aggregation, rate_base, definition, …, min_value, max_value, review_input).
- objectives: the objective table's columns (objective_id, indicator_id, site_id, baseline, target, …).
  Events, actions, indicators and objectives: a new id is inserted, a stored id updated (before/after in
  change_log); a column absent from the file keeps its stored value.

Files: CSV separated by `,` `;` or tab, UTF-8 with or without BOM or Windows-1252, decimal point or comma,
thousands separators (spaces, no-break spaces, `.` before a decimal comma); XLSX (first sheet, cached values:
formulas are never evaluated, a formula saved without its value is a problem). Periods: YYYY-MM, YYYY-MM-DD,
MM/YYYY, DD/MM/YYYY or an Excel date, stored as the first day of the month; dates: YYYY-MM-DD, DD/MM/YYYY or
an Excel date.

Bounds (limits.py, FORMATS.md): file size, an XLSX's inflated size and compression ratio, rows, columns, cell
length and time; a file beyond one is refused with a problem saying which. Only the first MAX_PROBLEMS_KEPT
problems are listed (then one line with the number of the others); `result.problem_count` counts them all.

Who may import: directors and QSE leads everything; pilots the measurements, events and actions of their
processes (and sites); viewers nothing. Nothing is written unless the whole file is valid, and the load is
one transaction with an import_batch row (file name, SHA-256, rows, who, when, kind). The validation runs in
that transaction too; when another writer saves the same rows at the same moment, the whole import is tried
again (3 times), then refused in words ("write_conflict"), nothing written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl

from smqse.db import WriteConflict, retry_on_conflict, transaction
from smqse.ingest.core import ImportResult, Problem, Problems, Validated, sha256_of, validate
from smqse.ingest.formats import FORMATS, KEYS, KINDS, detect_kind
from smqse.ingest.limits import Budget, LimitExceeded, check_file_size
from smqse.ingest.load import LoadError, write_rows
from smqse.ingest.numbers import parse_number
from smqse.ingest.read import RawTable, ReadIssues, Unreadable, drop_long_cells, read_table
from smqse.ingest.template import template_workbook
from smqse.scope import User, scope_for
from smqse.submission import Submission, claim_submission, record_submission

__all__ = [
    "FORMATS",
    "KINDS",
    "ImportResult",
    "LoadError",
    "Problem",
    "detect_kind",
    "import_bytes",
    "import_file",
    "import_frame",
    "parse_number",
    "template_workbook",
]


def _refused(kind, file_name, sha, lang, code, row=None, **kw) -> ImportResult:
    problems = Problems(file_name, lang)
    problems.add(row, None, code, **kw)
    return ImportResult(kind, file_name, sha, 0, problems.items, written=False)


def _beyond(kind, file_name, sha, lang, exc: LimitExceeded) -> ImportResult:
    return _refused(kind, file_name, sha, lang, exc.code, row=exc.row, **exc.values)


# The rows of an import: read from a file before any transaction, or built inside the write's transaction
# from its cursor (a form's new record numbered in the snapshot it is written against).
Rows = RawTable | Callable[[duckdb.DuckDBPyConnection], RawTable]


def _run(
    con,
    raw: Rows,
    kind: str | None,
    *,
    user,
    file_name,
    sha,
    dry_run,
    lang,
    reason,
    source,
    budget=None,
    submission: Submission | None = None,
) -> ImportResult:
    if kind is None:
        assert isinstance(raw, RawTable), "rows built in the transaction come with their kind"
        kind = detect_kind(raw.headers)
        if kind is None:
            if not raw.headers:
                return _refused(None, file_name, sha, lang, "empty_file")
            return _refused(None, file_name, sha, lang, "unknown_kind", headers=", ".join(raw.headers))
    if kind not in KINDS:
        return _refused(None, file_name, sha, lang, "unknown_kind", headers=kind)
    options = dict(
        user=user, file_name=file_name, sha=sha, lang=lang, reason=reason, source=source, budget=budget
    )
    try:
        if dry_run:
            return _checked(con, raw(con) if callable(raw) else raw, kind, **options)[0]
        return retry_on_conflict(lambda: _validate_and_write(con, raw, kind, submission, **options))
    except LimitExceeded as exc:
        return _beyond(kind, file_name, sha, lang, exc)
    except WriteConflict:
        return _refused(kind, file_name, sha, lang, "write_conflict")


# What a saved form's import returns, kept with its token so that a second submit reports the same save.
_REPLAYED = ("kind", "file_name", "sha256", "rows", "new_rows", "new_versions", "unchanged", "import_id")


def _validate_and_write(con, raw: Rows, kind: str, submission: Submission | None, **options) -> ImportResult:
    """Validation and load in one transaction: the statuses (new / new version / unchanged), the version
    numbers and the change_log's "before" come from the snapshot the rows are written against. Another
    writer committing the same keys meanwhile makes this transaction fail, and `_run` starts it again (rows
    built from the cursor are built again: a new record then takes the next free number).
    A form's second submit (same token) loads nothing and returns the first one's counts."""
    with transaction(con) as cur:
        if (earlier := claim_submission(cur, submission)) is not None:
            return ImportResult(**earlier, problems=[], written=True)
        result, checked = _checked(cur, raw(cur) if callable(raw) else raw, kind, **options)
        if result.problems:
            return result
        import_id, _, _ = write_rows(
            cur, checked, user=options["user"], file_name=options["file_name"], sha256=options["sha"],
            reason=options["reason"], source=options["source"],
        )  # fmt: skip
        result.import_id = import_id
        result.written = True
        record_submission(cur, submission, str(import_id), {k: getattr(result, k) for k in _REPLAYED})
    return result


def _checked(con, raw: RawTable, kind: str, *, user, file_name, sha, lang, reason, source, budget):
    checked: Validated = validate(
        con, raw, kind, user=user, file_name=file_name, lang=lang, source=source, reason=reason,
        budget=budget,
    )  # fmt: skip
    rows = checked.rows
    statuses = rows["import_status"].value_counts() if "import_status" in rows.columns else None
    counts = dict(statuses.iter_rows()) if statuses is not None else {}
    result = ImportResult(
        kind=kind,
        file_name=file_name,
        sha256=sha,
        rows=rows.height,
        problems=checked.problems,
        problem_count=checked.problem_count,
        new_rows=counts.get("new", 0),
        new_versions=counts.get("new_version", 0) + counts.get("updated", 0),
        unchanged=counts.get("unchanged", 0),
        preview=rows.drop("current_version", strict=False),
    )
    return result, checked


def import_bytes(
    con: duckdb.DuckDBPyConnection,
    data: bytes,
    file_name: str,
    *,
    user: User,
    kind: str | None = None,
    dry_run: bool = False,
    lang: str = "fr",
) -> ImportResult:
    """Validate a CSV or XLSX file and, when every row is valid and not dry_run, load it in one transaction.
    The whole check (reading and validating) has CHECK_SECONDS; beyond it, or beyond any other bound of
    limits.py, the file is refused with one problem saying so."""
    sha = sha256_of(data)
    budget = Budget()
    try:
        check_file_size(len(data))
        raw = read_table(data, file_name, budget)
    except Unreadable as exc:
        return _refused(kind, file_name, sha, lang, "unreadable", detail=str(exc)[:200])
    except LimitExceeded as exc:
        return _beyond(kind, file_name, sha, lang, exc)
    return _run(
        con, raw, kind, user=user, file_name=file_name, sha=sha, dry_run=dry_run, lang=lang, reason=None,
        source="file", budget=budget,
    )  # fmt: skip


def import_file(con, path, *, user: User, kind: str | None = None, dry_run: bool = False, lang: str = "fr"):
    path = Path(path)
    try:
        check_file_size(path.stat().st_size)  # before reading it into memory
        data = path.read_bytes()
    except OSError as exc:
        return _refused(kind, path.name, "", lang, "unreadable", detail=exc.strerror or str(exc))
    except LimitExceeded as exc:
        return _beyond(kind, path.name, "", lang, exc)
    return import_bytes(con, data, path.name, user=user, kind=kind, dry_run=dry_run, lang=lang)


def _frame_cell_text(series: pl.Series) -> pl.Series:
    if series.dtype == pl.Utf8:
        return series
    if series.dtype == pl.Null:
        return series.cast(pl.Utf8)
    return series.cast(pl.Utf8, strict=False)


def import_frame(
    con: duckdb.DuckDBPyConnection,
    frame: pl.DataFrame,
    *,
    kind: str,
    user: User,
    file_name: str,
    dry_run: bool = False,
    lang: str = "fr",
    reason: str | None = None,
    source: str = "entry",
    token: str | None = None,
    new_keys: Callable[[duckdb.DuckDBPyConnection, int], list[str]] | None = None,
) -> ImportResult:
    """Rows typed in a form (strings or numbers, canonical English column names), validated and loaded like a
    file. Rows are numbered from 1. With `source="entry"`, correcting a stored value needs a `reason`; when
    a reason is given every changed row also gets a change_log row (who, when, before, after, reason).
    `token` identifies the form instance: its second submit loads nothing and returns the first one's result.
    `new_keys(cursor, n)`: new records (the frame's key column empty) get n keys chosen inside the write's
    transaction, from what its snapshot holds; a concurrent writer taking the same key makes the commit fail,
    and the retry chooses again (a dry run chooses from what is committed)."""
    key = KEYS[kind][0]
    if new_keys is not None:
        frame = frame.with_columns(pl.lit(None, dtype=pl.Utf8).alias(key))
    sha = sha256_of(frame.write_csv().encode("utf-8"))  # what was typed, before any key was chosen

    def rows(cur: duckdb.DuckDBPyConnection) -> RawTable:
        typed = frame
        if new_keys is not None:
            typed = frame.with_columns(pl.Series(key, new_keys(cur, frame.height), dtype=pl.Utf8))
        return _typed_rows(typed)

    return _run(
        con, rows if new_keys is not None else _typed_rows(frame), kind, user=user, file_name=file_name,
        sha=sha, dry_run=dry_run, lang=lang, reason=reason, source=source,
        submission=Submission.of(token, "entry", user, scope_for(user, con)) if token else None,
    )  # fmt: skip


def _typed_rows(frame: pl.DataFrame) -> RawTable:
    """A form's rows as a file's table of strings, numbered from 1; a typed text is bounded like a cell."""
    columns = {f"c{i}": _frame_cell_text(frame[name]).str.strip_chars().replace("", None)
               for i, name in enumerate(frame.columns)}  # fmt: skip
    table = pl.DataFrame(columns).with_columns(
        pl.int_range(1, frame.height + 1, dtype=pl.Int64).alias("_row")
    )
    issues = ReadIssues()
    return issues.table(list(frame.columns), drop_long_cells(table, frame.width, issues), "utf-8", None)
