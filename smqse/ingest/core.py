"""Validation of an import (every problem, located) and the statuses of its rows; the load is in load.py.

The pipeline: raw table of strings (read.py) → headers matched to the kind's format (formats.py) → every
column parsed at once with Polars expressions (numbers, periods, dates, choices) → reference ids checked
against the database and the importer's scope → rules of the kind → rows compared with what is stored
(new / new_version / unchanged for measurements; new / updated / unchanged for the other kinds).
"""

from __future__ import annotations

import hashlib
import json
from array import array
from dataclasses import dataclass, field, replace
from datetime import date, datetime

import duckdb
import polars as pl

from smqse.db import run_query
from smqse.i18n import format_number, t
from smqse.ingest.formats import FORMATS, KEYS, Column, header_for, header_language, match_headers
from smqse.ingest.limits import MAX_CELL_CHARS, MAX_PROBLEMS_KEPT, Budget
from smqse.ingest.numbers import ambiguity_hint_exprs, number_exprs
from smqse.ingest.read import RawTable
from smqse.model import Role
from smqse.scope import Scope, User, scope_for

MIN_YEAR = 1990
MAX_YEAR = 2100
CONSISTENCY_TOLERANCE = 0.005  # value vs numerator / denominator × rate_base: 0.5 % relative
# Who may import what: viewers nothing, pilots their processes' measurements, events and actions.
WRITERS: dict[str, tuple[Role, ...]] = {
    "measurements": (Role.DIRECTOR, Role.QSE_LEAD, Role.PILOT),
    "events": (Role.DIRECTOR, Role.QSE_LEAD, Role.PILOT),
    "actions": (Role.DIRECTOR, Role.QSE_LEAD, Role.PILOT),
    "indicators": (Role.DIRECTOR, Role.QSE_LEAD),
    "objectives": (Role.DIRECTOR, Role.QSE_LEAD),
}


@dataclass
class Problem:
    """One reason a file cannot be loaded. row: as the spreadsheet shows it (header = 1); column: the header as
    written in the file; code: stable, for programs; message: for people, in the chosen language."""

    file: str
    row: int | None
    column: str | None
    code: str
    message: str


@dataclass
class ImportResult:
    kind: str | None
    file_name: str
    sha256: str
    rows: int
    problems: list[Problem]
    new_rows: int = 0
    new_versions: int = 0  # measurements: new versions of stored keys; other kinds: stored rows updated
    unchanged: int = 0
    import_id: int | None = None
    written: bool = False
    preview: pl.DataFrame = field(default_factory=pl.DataFrame)
    # Every problem found; `problems` lists the first MAX_PROBLEMS_KEPT, then one `more_problems` line.
    problem_count: int | None = None

    def __post_init__(self) -> None:
        if self.problem_count is None:
            self.problem_count = len(self.problems)

    @property
    def ok(self) -> bool:
        return not self.problems

    def for_display(self, preview_rows: int) -> ImportResult:
        """A copy light enough to keep in a session: the first `preview_rows` rows of the preview. Copied
        through Python values: `head()` alone is a view that would keep the whole frame's buffers alive."""
        head = self.preview.head(preview_rows)
        return replace(self, preview=pl.DataFrame(head.to_dict(as_series=False), schema=head.schema))


# --- problems -----------------------------------------------------------------------------------------


class Problems:
    """Collects problems with located, translated messages, bounded: every problem is counted and its row
    remembered (compactly, for the rows' status), but only the first MAX_PROBLEMS_KEPT of each check are
    turned into messages. Checks report rows in order, so these hold the file's first problems, whatever
    their number: a file with a million bad rows costs a few hundred Problem objects, not a million."""

    def __init__(self, file_name: str, lang: str, headers: dict[str, str] | None = None):
        self.file = file_name
        self.lang = lang
        self.headers = headers or {}  # canonical name → header as written
        self.items: list[Problem] = []  # the kept ones
        self.count = 0  # all of them
        self._rows = array("q")  # rows of problems added one by one
        self._row_series: list[pl.Series] = []  # rows of problems found by add_where
        self._kept_per_check: dict[tuple, int] = {}

    def header(self, column: str | None) -> str | None:
        if column is None:
            return None
        return self.headers.get(column, column)

    def add(self, row: int | None, column: str | None, code: str, key: str | None = None, **kw) -> None:
        self.count += 1
        if row is not None:
            self._rows.append(row)
        check = (code, column, key)
        kept = self._kept_per_check.get(check, 0)
        if kept < MAX_PROBLEMS_KEPT:
            self._kept_per_check[check] = kept + 1
            self._keep(row, column, code, key, **kw)

    def add_counted(self, count: int, rows: array) -> None:
        """Problems counted elsewhere (by the reader) and not listed: their number and rows."""
        self.count += count
        self._rows.extend(rows)

    def _keep(self, row: int | None, column: str | None, code: str, key: str | None = None, **kw) -> None:
        shown = self.header(column)
        if row is not None and shown is not None:
            where = t("ingest.where.cell", self.lang, file=self.file, row=row, column=shown)
        elif row is not None:
            where = t("ingest.where.row", self.lang, file=self.file, row=row)
        elif shown is not None:
            where = t("ingest.where.column", self.lang, file=self.file, column=shown)
        else:
            where = t("ingest.where.file", self.lang, file=self.file)
        kw = {k: self._show(v) for k, v in kw.items()}
        reason = t(key or f"ingest.problem.{code}", self.lang, **kw)
        message = t("ingest.message", self.lang, where=where, reason=reason)
        self.items.append(Problem(self.file, row, shown, code, message))

    def _show(self, value: object) -> str:
        if isinstance(value, float):
            return format_number(value, self.lang)
        if isinstance(value, date):
            return value.isoformat()
        return "" if value is None else str(value)

    def add_where(
        self,
        frame: pl.DataFrame,
        mask: pl.Expr,
        code: str,
        column: str | None,
        key: str | None = None,
        extras: dict[str, pl.Expr] | None = None,
        **static,
    ) -> None:
        """One problem per row of `frame` where `mask` holds; `value` is the raw cell of `column`. Counted
        with Polars; only the first MAX_PROBLEMS_KEPT rows become messages."""
        extras = extras or {}
        exprs = [pl.col("_row")]
        exprs.append((pl.col(column) if column else pl.lit(None)).cast(pl.Utf8).alias("_value"))
        exprs += [e.alias(f"_x_{name}") for name, e in extras.items()]
        hits = frame.filter(mask.fill_null(False)).select(exprs)
        if hits.is_empty():
            return
        self.count += hits.height
        self._row_series.append(hits["_row"])
        for record in hits.sort("_row").head(MAX_PROBLEMS_KEPT).iter_rows(named=True):
            kw = {name: record[f"_x_{name}"] for name in extras}
            self._keep(record["_row"], column, code, key, value=record["_value"], **kw, **static)

    def invalid_rows(self) -> pl.Series:
        """Every row with at least one problem."""
        rows = [pl.Series("row", self._rows, dtype=pl.Int64), *self._row_series]
        return pl.concat([r.cast(pl.Int64).rename("row") for r in rows]).unique()

    def listed(self, order: list[str]) -> list[Problem]:
        """The first MAX_PROBLEMS_KEPT problems by row, then column in the format's order; when there are
        more, a last line says how many more."""
        rank = {self.header(c): i for i, c in enumerate(order)}
        first = sorted(
            self.items, key=lambda p: (p.row or 0, rank.get(p.column, -1) if p.column else -2, p.code)
        )[:MAX_PROBLEMS_KEPT]
        more = self.count - len(first)
        if more > 0:
            where = t("ingest.where.file", self.lang, file=self.file)
            reason = t("ingest.problem.more_problems", self.lang, count=format_number(more, self.lang, 0),
                       shown=len(first))  # fmt: skip
            message = t("ingest.message", self.lang, where=where, reason=reason)
            first.append(Problem(self.file, None, None, "more_problems", message))
        return first


def reason_only(problem: Problem, lang: str) -> str:
    """A problem's reason without its location (`entry 2026-11, ligne 2, colonne « value » : `): a form names
    the field in its own words."""
    for where in (
        t("ingest.where.cell", lang, file=problem.file, row=problem.row, column=problem.column),
        t("ingest.where.row", lang, file=problem.file, row=problem.row),
        t("ingest.where.column", lang, file=problem.file, column=problem.column),
        t("ingest.where.file", lang, file=problem.file),
    ):
        prefix = t("ingest.message", lang, where=where, reason="")
        if problem.message.startswith(prefix):
            return problem.message[len(prefix) :]
    return problem.message


# --- parsing (vectorised) -----------------------------------------------------------------------------


def date_exprs(name: str) -> dict[str, pl.Expr]:
    """Text → year, month, day (day null for a month-only form) for YYYY-MM, YYYY-MM-DD[ time], MM/YYYY,
    DD/MM/YYYY and Excel serial day numbers."""
    s = (
        pl.col(name)
        .str.replace(r"^(\d{4}-\d{1,2}-\d{1,2})[ T][0-9:.]+$", "${1}")
        .str.replace(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", "${3}-${2}-${1}")
        .str.replace(r"^(\d{1,2})/(\d{4})$", "${2}-${1}")
    )
    pattern = r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$"
    serial = pl.col(name).str.extract(r"^(\d{5})(?:\.0+)?$", 1).cast(pl.Int64, strict=False)
    serial_date = pl.date(1899, 12, 30) + pl.duration(days=serial)
    year = s.str.extract(pattern, 1).cast(pl.Int32, strict=False)
    month = s.str.extract(pattern, 2).cast(pl.Int32, strict=False)
    day = s.str.extract(pattern, 3).cast(pl.Int32, strict=False)
    return {
        "y": pl.when(serial.is_not_null()).then(serial_date.dt.year().cast(pl.Int32)).otherwise(year),
        "m": pl.when(serial.is_not_null()).then(serial_date.dt.month().cast(pl.Int32)).otherwise(month),
        "d": pl.when(serial.is_not_null()).then(serial_date.dt.day().cast(pl.Int32)).otherwise(day),
    }


def _parse_columns(frame: pl.DataFrame, columns: tuple[Column, ...], kind: str, problems: Problems):
    """Add `<name>__v`, the typed value of each column, and report cells that do not parse."""
    exprs = []
    for col in columns:
        c = col.name
        if col.type == "number" or col.type == "integer":
            value, ambiguous = number_exprs(pl.col(c), problems.lang)
            exprs += [value.alias(f"{c}__v"), ambiguous.alias(f"{c}__ambiguous")]
        elif col.type in ("month", "date"):
            for part, e in date_exprs(c).items():
                exprs.append(e.alias(f"{c}__{part}"))
        elif col.type == "choice":
            upper = col.choices == tuple(x.upper() for x in col.choices)
            norm = pl.col(c).str.strip_chars().str.replace_all(r"[\s\-]+", "_")
            exprs.append((norm.str.to_uppercase() if upper else norm.str.to_lowercase()).alias(f"{c}__v"))
        else:
            exprs.append(pl.col(c).alias(f"{c}__v"))
    frame = frame.with_columns(exprs)
    fixes = []
    today = date.today()
    this_month = date(today.year, today.month, 1)
    for col in columns:
        c, raw = col.name, pl.col(col.name)
        if col.required:
            problems.add_where(frame, raw.is_null(), "missing_value", c)
        if col.type in ("number", "integer"):
            v, ambiguous = pl.col(f"{c}__v"), pl.col(f"{c}__ambiguous")
            problems.add_where(frame, raw.is_not_null() & v.is_null() & ~ambiguous, "not_a_number", c)
            problems.add_where(frame, ambiguous, "ambiguous_number", c, key="number.ambiguous",
                               extras=ambiguity_hint_exprs(raw))  # fmt: skip
            if col.type == "integer":
                problems.add_where(frame, v.is_not_null() & (v != v.round(0)), "not_an_integer", c)
            if col.low is not None:
                problems.add_where(
                    frame, v < col.low, "out_of_range", c, key="ingest.problem.below", low=col.low
                )
            if col.high is not None:
                problems.add_where(
                    frame, v > col.high, "out_of_range", c, key="ingest.problem.above", high=col.high
                )
            if col.type == "integer":
                fixes.append(pl.col(f"{c}__v").round(0).cast(pl.Int32, strict=False).alias(f"{c}__v"))
        elif col.type in ("month", "date"):
            code = "bad_period" if col.type == "month" else "bad_date"
            y, m, d = pl.col(f"{c}__y"), pl.col(f"{c}__m"), pl.col(f"{c}__d")
            unparsed = raw.is_not_null() & (
                y.is_null() | (d.is_null() if col.type == "date" else pl.lit(False))
            )
            problems.add_where(frame, unparsed, code, c, key=f"ingest.problem.{code}_format")
            bad_month = raw.is_not_null() & ~unparsed & ((m < 1) | (m > 12))
            problems.add_where(frame, bad_month, code, c, key="ingest.problem.bad_month")
            month_end = (
                pl.date(y.clip(MIN_YEAR, MAX_YEAR), m.clip(1, 12), 1).dt.month_end().dt.day().cast(pl.Int32)
            )
            bad_day = (
                raw.is_not_null() & ~unparsed & ~bad_month & d.is_not_null() & ((d < 1) | (d > month_end))
            )
            problems.add_where(frame, bad_day, code, c, key="ingest.problem.bad_day")
            ok = raw.is_not_null() & ~unparsed & ~bad_month & ~bad_day
            problems.add_where(
                frame, ok & (y < MIN_YEAR), code, c, key="ingest.problem.too_old", year=MIN_YEAR
            )
            problems.add_where(
                frame, ok & (y > MAX_YEAR), code, c, key="ingest.problem.too_late", year=MAX_YEAR
            )
            fine = ok & y.is_between(MIN_YEAR, MAX_YEAR)
            if col.type == "month":
                typed = pl.when(fine).then(pl.date(y.clip(MIN_YEAR, MAX_YEAR), m.clip(1, 12), 1))
            else:
                typed = pl.when(fine).then(
                    pl.date(y.clip(MIN_YEAR, MAX_YEAR), m.clip(1, 12), d.clip(1, 28))
                    + pl.duration(days=d.clip(1, 31) - d.clip(1, 28))
                )
            fixes.append(typed.alias(f"{c}__v"))
            if col.type == "month" and kind == "measurements":
                future = fine & (pl.date(y.clip(MIN_YEAR, MAX_YEAR), m.clip(1, 12), 1) > this_month)
                problems.add_where(frame, future, code, c, key="ingest.problem.future_period")
        elif col.type == "choice":
            v = pl.col(f"{c}__v")
            problems.add_where(
                frame,
                v.is_not_null() & ~v.is_in(list(col.choices)),
                "bad_choice",
                c,
                allowed=", ".join(col.choices),
            )
    frame = frame.with_columns(fixes)
    drop = [f"{c.name}__{p}" for c in columns if c.type in ("month", "date") for p in "ymd"]
    drop += [f"{c.name}__ambiguous" for c in columns if c.type in ("number", "integer")]
    return frame.drop(drop)


# --- headers ------------------------------------------------------------------------------------------


def _select_columns(raw: RawTable, kind: str, problems: Problems, lang: str) -> pl.DataFrame | None:
    """Rename the file's columns to the format's names; None when a required column is missing."""
    columns = FORMATS[kind]
    matched = match_headers(kind, raw.headers)
    header_lang = header_language(raw.headers, kind)
    seen: dict[str, int] = {}
    ok = True
    for i, header in enumerate(raw.headers):
        if i in matched:
            name = matched[i].name
            if name in seen:
                problems.headers[f"#{i}"] = header
                problems.add(1, f"#{i}", "duplicate_column", column_name=header)
                ok = False
            else:
                seen[name] = i
                problems.headers[name] = header
            continue
        empty = raw.frame.height == 0 or raw.frame[f"c{i}"].null_count() == raw.frame.height
        if not header.strip() and empty:
            continue  # an unused, untitled column (as spreadsheets leave)
        problems.headers[f"#{i}"] = header or f"#{i + 1}"
        problems.add(
            1, f"#{i}", "unknown_column", expected=", ".join(header_for(c, header_lang) for c in columns)
        )
    for col in columns:
        if col.name not in seen:
            problems.headers.setdefault(col.name, header_for(col, header_lang))
            if col.required:
                problems.add(None, col.name, "missing_column")
                ok = False
    if not ok:
        return None
    present = [pl.col(f"c{i}").alias(name) for name, i in seen.items()]
    absent = [pl.lit(None, dtype=pl.Utf8).alias(c.name) for c in columns if c.name not in seen]
    return raw.frame.select(pl.col("_row"), *present, *absent).select("_row", *[c.name for c in columns])


# --- references and scope -----------------------------------------------------------------------------


@dataclass
class References:
    known: dict[str, set[str]]
    allowed: dict[str, set[str]]
    indicators: pl.DataFrame  # the indicators in scope, every column

    @classmethod
    def load(cls, con, scope: Scope, ids: list[str]) -> References:
        refs = run_query("ingest_reference_ids", con=con, **scope.params(), ids=ids)
        known: dict[str, set[str]] = {}
        allowed: dict[str, set[str]] = {}
        for kind, ref_id, in_scope in refs.select("ref_kind", "ref_id", "in_scope").iter_rows():
            known.setdefault(kind, set()).add(ref_id)
            if in_scope:
                allowed.setdefault(kind, set()).add(ref_id)
        indicators = run_query("ingest_indicators", con=con, **scope.params())
        return cls(known, allowed, indicators)


def _check_refs(
    frame: pl.DataFrame, columns: tuple[Column, ...], refs: References, problems: Problems
) -> None:
    for col in columns:
        if not col.ref:
            continue
        v = pl.col(f"{col.name}__v")
        known = v.is_in(sorted(refs.known.get(col.ref, set())))
        allowed = v.is_in(sorted(refs.allowed.get(col.ref, set())))
        problems.add_where(frame, v.is_not_null() & ~known, f"unknown_{col.ref}", col.name)
        problems.add_where(frame, v.is_not_null() & known & ~allowed, "not_allowed", col.name,
                           key=f"ingest.problem.not_allowed_{col.ref}")  # fmt: skip


def _check_duplicates(frame: pl.DataFrame, kind: str, problems: Problems) -> None:
    keys = [f"{k}__v" for k in KEYS[kind]]
    complete = pl.all_horizontal([pl.col(k).is_not_null() for k in keys])
    first = pl.col("_row").min().over(keys)
    problems.add_where(
        frame,
        complete & (pl.col("_row") != first),
        "duplicate_key",
        KEYS[kind][0],
        extras={"first_row": first},
    )


def _check_existing_ids(frame: pl.DataFrame, kind: str, refs: References, problems: Problems) -> None:
    """An id stored outside the importer's scope may not be overwritten."""
    ref = kind.removesuffix("s")
    key = KEYS[kind][0]
    v = pl.col(f"{key}__v")
    outside = v.is_in(sorted(refs.known.get(ref, set()) - refs.allowed.get(ref, set())))
    problems.add_where(frame, outside, "not_allowed", key, key="ingest.problem.not_allowed_row")


# --- rules per kind -----------------------------------------------------------------------------------


def _measurement_rules(frame: pl.DataFrame, refs: References, problems: Problems) -> pl.DataFrame:
    lang = problems.lang
    info = refs.indicators.select(
        pl.col("indicator_id").alias("indicator_id__v"),
        pl.col("aggregation").alias("_aggregation"),
        pl.col("rate_base").cast(pl.Float64).alias("_rate_base"),
        pl.col("min_value").cast(pl.Float64).alias("_min"),
        pl.col("max_value").cast(pl.Float64).alias("_max"),
        pl.col("value_only_rule").alias("_value_only_rule"),
        pl.col(f"name_{lang}").alias("_name"),
        pl.col(f"numerator_label_{lang}").alias("_numerator_label"),
        pl.col(f"denominator_label_{lang}").alias("_denominator_label"),
    )
    frame = frame.join(info, on="indicator_id__v", how="left")
    value, num, den = pl.col("value__v"), pl.col("numerator__v"), pl.col("denominator__v")
    known = pl.col("_aggregation").is_not_null()
    ratio = pl.col("_aggregation") == "ratio"
    raw_value = pl.col("value")
    parsed = lambda c: pl.col(c).is_null() | pl.col(f"{c}__v").is_not_null()  # noqa: E731  empty or a number
    problems.add_where(frame, known & ~ratio & raw_value.is_null(), "missing_value", "value")
    _check_ratio_counts(frame, ratio & pl.col("_value_only_rule").is_not_null(), problems)
    problems.add_where(
        frame,
        known & ratio & pl.col("_value_only_rule").is_null() & pl.col("numerator").is_null(),
        "missing_value",
        "numerator",
        key="ratio.problem.ratio_without_counts",
        extras=_ratio_row_words(lang),
    )
    problems.add_where(
        frame,
        known
        & ratio
        & pl.col("_value_only_rule").is_null()
        & pl.col("numerator").is_not_null()
        & pl.col("denominator").is_null(),
        "missing_value",
        "denominator",
        key="ratio.problem.ratio_without_counts",
        extras=_ratio_row_words(lang),
    )
    problems.add_where(frame, den <= 0, "bad_denominator", "denominator")
    base = pl.col("_rate_base").fill_null(1.0)
    expected = num / den * base
    computable = ratio & num.is_not_null() & (den > 0)
    inconsistent = (
        computable
        & value.is_not_null()
        & ((value - expected).abs() > CONSISTENCY_TOLERANCE * expected.abs() + 1e-9)
    )
    problems.add_where(frame, inconsistent, "inconsistent_value", "value", extras={"expected": expected})
    frame = frame.with_columns(
        pl.when(value.is_null() & computable & parsed("numerator") & parsed("denominator"))
        .then(expected)
        .otherwise(value)
        .alias("value__v"),
        (value.is_null() & computable).alias("_computed"),
    )
    v = pl.col("value__v")
    extras = {"low": pl.col("_min"), "high": pl.col("_max"), "computed": v}
    problems.add_where(frame, v < pl.col("_min"), "out_of_range", "value", key="ingest.problem.below_indicator",
                       extras=extras)  # fmt: skip
    problems.add_where(frame, v > pl.col("_max"), "out_of_range", "value", key="ingest.problem.above_indicator",
                       extras=extras)  # fmt: skip
    return frame


def _check_ratio_counts(frame: pl.DataFrame, allows_value: pl.Expr, problems: Problems) -> None:
    """A ratio indicator whose definition allows a value alone still needs the value, or both counts."""
    for part in ("numerator", "denominator"):
        problems.add_where(
            frame,
            allows_value & pl.col("value").is_null() & pl.col(part).is_null(),
            "missing_value",
            part,
            key=f"ingest.problem.missing_{part}",
        )


def _ratio_row_words(lang: str) -> dict[str, pl.Expr]:
    """What names a ratio row in words (a pilot reads "S-TF1 Taux de fréquence, LYON, 2026-11", not "row
    2"), and the indicator's own names for what it counts."""
    return {
        "indicator": pl.col("indicator_id__v"),
        "name": pl.col("_name"),
        "site": pl.col("site_id__v"),
        "period": pl.col("period__v").dt.strftime("%Y-%m"),
        "numerator": pl.col("_numerator_label").fill_null(t("ratio.numerator", lang)),
        "denominator": pl.col("_denominator_label").fill_null(t("ratio.denominator", lang)),
    }


def _date_order(frame, problems, first: str, later: str, code="bad_date_order"):
    problems.add_where(
        frame,
        pl.col(f"{later}__v") < pl.col(f"{first}__v"),
        code,
        later,
        extras={"other": pl.col(first)},
        other_column=problems.header(first),
    )


def _kind_rules(kind: str, frame: pl.DataFrame, refs: References, problems: Problems) -> pl.DataFrame:
    today = date.today()
    if kind == "measurements":
        return _measurement_rules(frame, refs, problems)
    if kind == "events":
        problems.add_where(frame, pl.col("occurred_on__v") > today, "bad_date", "occurred_on",
                           key="ingest.problem.future_date")  # fmt: skip
    elif kind == "actions":
        _date_order(frame, problems, "opened_on", "due_on")
        _date_order(frame, problems, "opened_on", "closed_on")
        problems.add_where(frame, pl.col("closed_on__v") > today, "bad_date", "closed_on",
                           key="ingest.problem.future_date")  # fmt: skip
    elif kind == "indicators":
        problems.add_where(
            frame,
            pl.col("max_value__v") <= pl.col("min_value__v"),
            "bad_range",
            "max_value",
            extras={"low": pl.col("min_value__v")},
        )
        problems.add_where(frame, pl.col("rate_base__v") <= 0, "out_of_range", "rate_base",
                           key="ingest.problem.below", low=0.0)  # fmt: skip
        problems.add_where(frame, pl.col("value_only_rule__v").is_not_null() & (pl.col("aggregation__v") != "ratio"),
                           "bad_choice", "value_only_rule", key="ratio.problem.value_only_rule_ratio")  # fmt: skip
    elif kind == "objectives":
        _date_order(frame, problems, "start_on", "deadline")
    return frame


# --- comparison with what is stored -------------------------------------------------------------------


def _typed(frame: pl.DataFrame, kind: str) -> pl.DataFrame:
    """The parsed rows: canonical names, typed values, `row` (spreadsheet row)."""
    return frame.select(
        pl.col("_row").alias("row"), *[pl.col(f"{c.name}__v").alias(c.name) for c in FORMATS[kind]]
    )


def measurement_statuses(con, scope: Scope, rows: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`rows` with `status` (new / new_version / unchanged) and `current_version`; and the stored rows."""
    keys = ["indicator_id", "site_id", "period"]
    periods = rows["period"].drop_nulls()
    if periods.is_empty():
        current = pl.DataFrame(schema={**dict.fromkeys(keys, pl.Utf8), "period": pl.Date})
        return rows.with_columns(
            import_status=pl.lit("new"), current_version=pl.lit(None, dtype=pl.Int32)
        ), current
    current = run_query(
        "ingest_measurement_current",
        con=con,
        **scope.params(),
        start_month=periods.min(),
        end_month=periods.max(),
    )
    current = current.with_columns(pl.col("version").cast(pl.Int32))
    old = current.select(
        *keys,
        *[pl.col(c).alias(f"_old_{c}") for c in ("value", "numerator", "denominator", "comment")],
        pl.col("version").alias("current_version"),
    )
    joined = rows.join(old, on=keys, how="left")
    changed = pl.any_horizontal(
        [pl.col(c).ne_missing(pl.col(f"_old_{c}")) for c in ("value", "numerator", "denominator", "comment")]
    )
    status = (
        pl.when(pl.col("current_version").is_null())
        .then(pl.lit("new"))
        .when(changed)
        .then(pl.lit("new_version"))
        .otherwise(pl.lit("unchanged"))
    )
    joined = joined.with_columns(status.alias("import_status")).drop(
        [c for c in joined.columns if c.startswith("_old_")]
    )
    return joined, current


_READERS = {"events": "ingest_events", "actions": "ingest_actions", "objectives": "ingest_objectives"}


def stored_rows(con, scope: Scope, kind: str, ids: list[str]) -> pl.DataFrame:
    if kind == "indicators":
        frame = run_query("ingest_indicators", con=con, **scope.params())
        return frame.filter(pl.col("indicator_id").is_in(ids))
    return run_query(_READERS[kind], con=con, **scope.params(), ids=ids)


def record_statuses(
    con, scope: Scope, kind: str, rows: pl.DataFrame, present: set[str]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Events, actions, indicators, objectives: `status` new / updated / unchanged. A column absent from the
    file keeps its stored value (new rows: empty, or the format's default)."""
    key = KEYS[kind][0]
    names = [c.name for c in FORMATS[kind]]
    stored = stored_rows(con, scope, kind, rows[key].drop_nulls().unique().to_list())
    stored = stored.select(names)
    rows = rows.with_columns([pl.col(c).cast(stored.schema[c], strict=False) for c in names])
    old = stored.select(
        pl.col(key), pl.lit(True).alias("_stored"), *[pl.col(c).alias(f"_old_{c}") for c in names if c != key]
    )
    joined = rows.join(old, on=key, how="left")
    fill = [
        pl.coalesce(pl.col(c), pl.col(f"_old_{c}")).alias(c) for c in names if c != key and c not in present
    ]
    if kind == "indicators" and "frequency" not in present:
        fill = [f for f in fill if f.meta.output_name() != "frequency"]
        fill.append(pl.coalesce(pl.col("_old_frequency"), pl.lit("monthly")).alias("frequency"))
    joined = joined.with_columns(fill)
    changed = pl.any_horizontal([pl.col(c).ne_missing(pl.col(f"_old_{c}")) for c in names if c != key])
    status = (
        pl.when(pl.col("_stored").is_null())
        .then(pl.lit("new"))
        .when(changed)
        .then(pl.lit("updated"))
        .otherwise(pl.lit("unchanged"))
    )
    joined = joined.with_columns(status.alias("import_status"))
    return joined.drop([c for c in joined.columns if c.startswith("_")]), stored


# --- the whole validation -----------------------------------------------------------------------------


@dataclass
class Validated:
    kind: str
    rows: pl.DataFrame  # typed rows with row and status
    stored: pl.DataFrame  # what the database holds for these keys (the "before")
    scope: Scope
    problems: list[Problem]  # the first MAX_PROBLEMS_KEPT, then a `more_problems` line when there are more
    present: set[str]
    problem_count: int = 0  # all of them


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def validate(
    con: duckdb.DuckDBPyConnection,
    raw: RawTable,
    kind: str,
    *,
    user: User,
    file_name: str,
    lang: str,
    source: str,
    reason: str | None,
    budget: Budget | None = None,
) -> Validated:
    """Every problem of the file, located. Raises LimitExceeded("check_stopped") when `budget` runs out
    (looked at between steps)."""
    budget = budget or Budget()
    problems = Problems(file_name, lang)
    empty = pl.DataFrame()

    def refused(scope: Scope, order: list[str] | None = None) -> Validated:
        listed = problems.listed(order or [])
        return Validated(kind, empty, empty, scope, listed, set(), problems.count)

    if user is None or user.role not in WRITERS[kind]:
        role = user.role.value if user else "-"
        problems.add(None, None, "not_allowed", key="ingest.problem.not_allowed_role", role=role, kind=kind)
        return refused(Scope((), ()))
    scope = scope_for(user, con)
    if scope.is_empty:
        problems.add(None, None, "not_allowed", key="ingest.problem.not_allowed_scope")
        return refused(scope)
    for row, col, code, value in raw.issues:
        name = None
        if col is not None:
            name = f"#{col}"
            problems.headers[name] = raw.headers[col] if col < len(raw.headers) else f"#{col + 1}"
        problems.add(row, name, code, value=value, limit=MAX_CELL_CHARS)
    problems.add_counted(max(raw.issue_count - len(raw.issues), 0), raw.issue_rows)
    if not raw.headers or raw.frame.height == 0:
        if not raw.issues:
            problems.add(None, None, "empty_file")
        return refused(scope)
    frame = _select_columns(raw, kind, problems, lang)
    columns = FORMATS[kind]
    order = [c.name for c in columns]
    if frame is None:
        return refused(scope, order)
    present = _present_names(raw, kind)
    budget.check()
    frame = _parse_columns(frame, columns, kind, problems)
    budget.check()
    ids = []
    if kind in ("events", "actions", "objectives"):
        ids = frame[f"{KEYS[kind][0]}__v"].drop_nulls().unique().to_list()
    refs = References.load(con, scope, ids)
    _check_refs(frame, columns, refs, problems)
    if kind != "measurements":
        _check_existing_ids(frame, kind, refs, problems)
    _check_duplicates(frame, kind, problems)
    budget.check()
    frame = _kind_rules(kind, frame, refs, problems)
    budget.check()
    rows = _typed(frame, kind)
    if kind == "measurements":
        rows, stored = measurement_statuses(con, scope, rows)
        changed_status = "new_version"
    else:
        rows, stored = record_statuses(con, scope, kind, rows, present)
        changed_status = "updated"
    if source == "entry" and not (reason or "").strip():
        key_col = "value" if kind == "measurements" else KEYS[kind][0]
        problems.add_where(rows.rename({"row": "_row"}).with_columns(pl.col(key_col).cast(pl.Utf8)),
                           pl.col("import_status") == changed_status, "reason_required", key_col)  # fmt: skip
    if problems.count:
        rows = rows.with_columns(
            pl.when(pl.col("row").is_in(problems.invalid_rows().implode()))
            .then(pl.lit("invalid"))
            .otherwise(pl.col("import_status"))
            .alias("import_status")
        )
    budget.check()
    return Validated(kind, rows, stored, scope, problems.listed(order), present, problems.count)


def _present_names(raw: RawTable, kind: str) -> set[str]:
    return {c.name for c in match_headers(kind, raw.headers).values()}


def to_json(record: dict | None) -> str | None:
    if record is None:
        return None
    return json.dumps(record, default=str, ensure_ascii=False, sort_keys=True)


def now() -> datetime:
    return datetime.now().replace(microsecond=0)
