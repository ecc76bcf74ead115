"""Data in, as the data page and the entry form see it: completeness of the monthly values, import history,
and a pilot's monthly entry grid, saved through the same validation and load as a file
(`smqse.ingest.import_frame`), with a reason for every correction."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta

import duckdb
import polars as pl

from smqse.analysis import kpi, spc
from smqse.db import run_query
from smqse.i18n import format_month, format_number, t, tn
from smqse.ingest.core import ImportResult
from smqse.ingest.core import reason_only as _reason_only
from smqse.ingest.numbers import parse_number
from smqse.model import Role
from smqse.scope import Scope, User, scope_for

DUE_DAY = 10  # a month's values are due by the 10th of the following month
COMPLETENESS_MONTHS = 3
ENTRY_COLUMNS = ("indicator_id", "site_id", "period", "value", "numerator", "denominator", "comment")
NUMBER_FIELDS = ("value", "numerator", "denominator")
RATIO = "ratio"


def can_enter(user: User | None) -> bool:
    return user is not None and user.role in (Role.PILOT, Role.QSE_LEAD, Role.DIRECTOR)


def due_date(month: date, due_day: int = DUE_DAY) -> date:
    """The day a month's value is due: `due_day` of the following month."""
    return kpi.shift_month(date(month.year, month.month, 1), 1) + timedelta(days=due_day - 1)


def entry_months(latest: date | None, today: date, count: int = 6) -> list[date]:
    """The months offered for entry, newest first: the one after the last with data (never after the current
    month) and those before it, for corrections."""
    this_month = date(today.year, today.month, 1)
    first = min(kpi.shift_month(latest, 1), this_month) if latest else this_month
    return [kpi.shift_month(first, -k) for k in range(count)]


def load_completeness(
    con: duckdb.DuckDBPyConnection | None,
    scope: Scope,
    as_of: date,
    today: date,
    months: int = COMPLETENESS_MONTHS,
    due_day: int = DUE_DAY,
) -> pl.DataFrame:
    """Per (indicator, site, month) of the last `months` months up to the one after `as_of` (the month being
    entered now): on time, late, missing (overdue) or not due yet."""
    end = kpi.shift_month(date(as_of.year, as_of.month, 1), 1)
    start = kpi.shift_month(end, -(months - 1))
    frame = run_query(
        "data_completeness", con=con, **scope.params(), start_month=start, end_month=end, due_day=due_day
    )
    # due_date as an expression: a Python callback in Polars (map_elements) deadlocked concurrent sessions.
    due = pl.col("period_month").dt.month_start().dt.offset_by("1mo") + pl.duration(days=due_day - 1)
    return frame.with_columns(
        due_on=due,
        state=pl.when((pl.col("state") == "missing") & (due > today))
        .then(pl.lit("not_due"))
        .otherwise("state"),
    )


def summarise_completeness(frame: pl.DataFrame) -> pl.DataFrame:
    """Per pilot and month: values expected, on time, late, missing (overdue), not yet due."""
    return (
        frame.group_by("pilot_user_id", "pilot_name", "period_month")
        .agg(
            pl.len().alias("expected"),
            (pl.col("state") == "on_time").sum().alias("on_time"),
            (pl.col("state") == "late").sum().alias("late"),
            (pl.col("state") == "missing").sum().alias("missing"),
            (pl.col("state") == "not_due").sum().alias("not_due"),
        )
        .sort("period_month", "missing", "pilot_name", descending=[True, True, False])
    )


def load_import_history(con: duckdb.DuckDBPyConnection | None, scope: Scope, user: User) -> pl.DataFrame:
    return run_query("data_import_history", con=con, **scope.params(), user_id=user.user_id)


def load_entry_grid(con: duckdb.DuckDBPyConnection | None, user: User, month: date) -> pl.DataFrame:
    """The indicators × sites the user may enter for `month`, in the user's own scope (never wider)."""
    scope = scope_for(user, con)
    return run_query("data_entry_grid", con=con, **scope.params(), period=date(month.year, month.month, 1))


def exact_text(value: float | None, lang: str) -> str | None:
    """A stored number as the user's language writes it, with every decimal it has (a grid cell left as shown
    must read back as the very same number) and never in a form the parser refuses as ambiguous (`1,125`
    in French is written `1,1250`)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    decimals = next((d for d in range(16) if round(value, d) == value), 15)
    for extra in range(2):
        text = format_number(value, lang, decimals + extra)
        try:
            parse_number(text, lang)
            return text
        except ValueError:
            continue
    return repr(float(value))


def _same_number(text: str | None, before: float | None, lang: str) -> bool:
    """A cell left as shown, or retyped as the same number (parsed, then compared: `91,50` is 91.5)."""
    if text is None or not str(text).strip():
        return before is None or (isinstance(before, float) and math.isnan(before))
    if before is None:
        return False
    try:
        return parse_number(str(text), lang) == float(before)
    except ValueError:
        return False


def _is_ratio(frame: pl.DataFrame) -> pl.Expr:
    """A ratio entered as what it counts (its value computed): not one whose definition allows a value alone."""
    if "aggregation" not in frame.columns:
        return pl.lit(False)
    counted = pl.col("aggregation") == RATIO
    return counted & pl.col("value_only_rule").is_null() if "value_only_rule" in frame.columns else counted


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def changed_rows(original: pl.DataFrame, edited: pl.DataFrame, month: date, lang: str = "fr") -> pl.DataFrame:
    """The rows of the entry grid whose value, numerator, denominator or comment the user changed, in the
    canonical measurement-file columns, as typed (text, read by `import_frame(..., lang=lang)`). The grid's
    number cells are text in the user's language (`entry_grid_view`); a cell is unchanged when it reads as
    the stored number. A ratio's value is computed, never shown in the value cell: its baseline is empty."""
    keys = ["indicator_id", "site_id"]
    stored = original.with_columns(pl.when(_is_ratio(original)).then(None).otherwise("value").alias("value"))
    before = {(r["indicator_id"], r["site_id"]): r for r in stored.iter_rows(named=True)}
    rows = []
    for row in edited.iter_rows(named=True):
        old = before.get((row["indicator_id"], row["site_id"]))
        if old is None:
            continue
        texts = {f: _text(row.get(f)) for f in (*NUMBER_FIELDS, "comment")}
        differs = [not _same_number(texts[f], old[f], lang) for f in NUMBER_FIELDS]
        differs.append(texts["comment"] != _text(old["comment"]))
        if any(differs) and any(v is not None for v in texts.values()):
            rows.append({"indicator_id": row["indicator_id"], "site_id": row["site_id"], **texts})
    period = f"{month.year:04d}-{month.month:02d}"
    schema = dict.fromkeys(ENTRY_COLUMNS, pl.String)
    frame = pl.DataFrame(rows, schema={k: v for k, v in schema.items() if k != "period"})
    return frame.select(*keys, pl.lit(period).alias("period"), *NUMBER_FIELDS, "comment")


def is_correction(original: pl.DataFrame, changed: pl.DataFrame) -> bool:
    """A change to a value already entered (not a first entry): it needs a reason."""
    entered = original.filter(pl.col("version").is_not_null()).select("indicator_id", "site_id")
    return changed.join(entered, on=["indicator_id", "site_id"], how="semi").height > 0


def load_measurement_history(
    con: duckdb.DuckDBPyConnection | None, scope: Scope, indicator_id: str, site_id: str, month: date
) -> pl.DataFrame:
    """Every version of one value, newest first: who, when, from which import or entry, and why."""
    return run_query(
        "data_measurement_history", con=con, **scope.params(), indicator_id=indicator_id, site_id=site_id,
        period=date(month.year, month.month, 1),
    )  # fmt: skip


# --- the grid that guides: history, ranges, ratios, errors in words, unusual values, what is owed ----------

HISTORY_MONTHS = 24
UNUSUAL_FACTOR = 10.0  # ×10 or ÷10 its usual level asks for a confirmation (a ×1000 unit slip a fortiori)
USUAL_MONTHS = 12  # the usual level: median of the last 12 values
MIN_USUAL_POINTS = 3
MIN_LIMIT_POINTS = 8  # process limits (XmR) from at least 8 months


def load_entry_history(
    con: duckdb.DuckDBPyConnection | None, user: User, month: date, indicator_ids: Iterable[str]
) -> pl.DataFrame:
    """The current values of the user's grid over the HISTORY_MONTHS months before `month` (own scope), for
    the indicators `indicator_ids`: what `unusual_values` judges the entered values against, read when they
    are saved (the whole grid's history is a million values at enterprise scale, issue 14)."""
    scope = scope_for(user, con)
    period = date(month.year, month.month, 1)
    return run_query(
        "data_entry_history", con=con, **scope.params(),
        start_month=kpi.shift_month(period, -HISTORY_MONTHS), period=period,
        indicator_ids=sorted(set(indicator_ids)),
    )  # fmt: skip


def load_entry_previous(con: duckdb.DuckDBPyConnection | None, user: User, month: date) -> pl.DataFrame:
    """The values the grid shows beside each cell (`entry_grid_view`): last month's and the same month last
    year's, in the user's own scope; what the page keeps with the grid, in place of its whole history."""
    scope = scope_for(user, con)
    period = date(month.year, month.month, 1)
    return run_query(
        "data_entry_previous", con=con, **scope.params(),
        last_month=kpi.shift_month(period, -1), last_year=kpi.shift_month(period, -12),
    )  # fmt: skip


def _value_at(history: pl.DataFrame, month: date, alias: str) -> pl.DataFrame:
    return history.filter(pl.col("period") == month).select(
        "indicator_id", "site_id", pl.col("value").alias(alias)
    )


def _range_text(low: float | None, high: float | None, lang: str) -> str:
    if low is not None and high is not None:
        return f"{format_number(low, lang)} – {format_number(high, lang)}"
    if low is not None:
        return f"≥ {format_number(low, lang)}"
    if high is not None:
        return f"≤ {format_number(high, lang)}"
    return ""


def _ratio_text(row: dict, lang: str) -> str:
    if row.get("aggregation") != RATIO:
        return ""
    numerator = row.get(f"numerator_label_{lang}") or t("entry.numerator", lang)
    denominator = row.get(f"denominator_label_{lang}") or t("entry.denominator", lang)
    base = row.get("rate_base")
    scale = f" × {format_number(base, lang)}" if base not in (None, 1, 1.0) else ""
    return f"{numerator} / {denominator}{scale}"


def entry_grid_view(original: pl.DataFrame, history: pl.DataFrame, month: date, lang: str) -> pl.DataFrame:
    """The grid as the user sees it, one row per indicator × site: code and name, site, unit, possible range,
    last month's value, the same month last year, what a ratio counts, the value (text in the user's language;
    empty for a ratio, whose value is computed and shown beside it), numerator, denominator, comment.
    `history`: the values of last month and of the same month last year at least (`load_entry_previous`)."""
    period = date(month.year, month.month, 1)
    frame = original.join(
        _value_at(history, kpi.shift_month(period, -1), "last_month"),
        on=["indicator_id", "site_id"],
        how="left",
    ).join(
        _value_at(history, kpi.shift_month(period, -12), "last_year"),
        on=["indicator_id", "site_id"],
        how="left",
    )
    frame = frame.with_columns(_is_ratio(frame).alias("_computed"))
    rows = []
    for r in frame.iter_rows(named=True):
        ratio = r["_computed"]
        rows.append(
            {
                "indicator_id": r["indicator_id"],
                "site_id": r["site_id"],
                "indicator": f"{r['indicator_id']} · {r[f'name_{lang}']}",
                "site_name": r["site_name"],
                "unit": r["unit"],
                "range": _range_text(r["min_value"], r["max_value"], lang),
                "last_month": None if r["last_month"] is None else format_number(r["last_month"], lang),
                "last_year": None if r["last_year"] is None else format_number(r["last_year"], lang),
                "ratio": _ratio_text(r, lang),
                "value": None if ratio else exact_text(r["value"], lang),
                "computed": exact_text(r["value"], lang) if ratio else None,
                "numerator": exact_text(r["numerator"], lang),
                "denominator": exact_text(r["denominator"], lang),
                "comment": r["comment"],
                "version": r["version"],
            }
        )
    schema = {c: pl.String for c in GRID_TEXT_COLUMNS} | {"version": pl.Int64}
    # Empty cells as "", not null: the grid writes a null as "None", in French too.
    return pl.DataFrame(rows, schema=schema).with_columns(pl.col(GRID_TEXT_COLUMNS[2:]).fill_null(""))


GRID_TEXT_COLUMNS = (
    "indicator_id", "site_id", "indicator", "site_name", "unit", "range", "last_month", "last_year", "ratio",
    "value", "computed", "numerator", "denominator", "comment",
)  # fmt: skip


def _where(original: pl.DataFrame, indicator_id: str, site_id: str, lang: str) -> tuple[str, str]:
    match = original.filter((pl.col("indicator_id") == indicator_id) & (pl.col("site_id") == site_id))
    if match.is_empty():
        return indicator_id, site_id
    row = match.row(0, named=True)
    return f"{indicator_id} · {row[f'name_{lang}']}", row["site_name"]


def ratio_value_problems(original: pl.DataFrame, changes: pl.DataFrame, lang: str) -> list[str]:
    """A value typed for a ratio without its numerator and denominator: refused at the grid, in words (the
    value of a ratio is computed from what is counted, and a value alone cannot take part in a group figure)."""
    ratios = original.filter(_is_ratio(original))
    typed = changes.join(ratios.select("indicator_id", "site_id"), on=["indicator_id", "site_id"], how="semi")
    sentences = []
    for r in typed.filter(
        pl.col("value").is_not_null() & (pl.col("numerator").is_null() | pl.col("denominator").is_null())
    ).iter_rows(named=True):
        indicator, site = _where(original, r["indicator_id"], r["site_id"], lang)
        row = ratios.filter(
            (pl.col("indicator_id") == r["indicator_id"]) & (pl.col("site_id") == r["site_id"])
        ).row(0, named=True)
        sentences.append(
            t("entry.problem", lang, indicator=indicator, site=site, field=t("entry.col.value", lang),
              reason=t("entry.ratio_value_alone", lang, ratio=_ratio_text(row, lang)))
        )  # fmt: skip
    return sentences


def problem_sentences(problems: list, changes: pl.DataFrame, original: pl.DataFrame, lang: str) -> list[str]:
    """The import's problems about the submitted rows (numbered from 1) as sentences naming the indicator,
    the site and the field in words: never a row number or a column code."""
    sentences = []
    for p in problems:
        reason = _reason_only(p, lang)
        if p.row is None or not 1 <= p.row <= changes.height:
            sentences.append(reason)
            continue
        key = changes.row(p.row - 1, named=True)
        indicator, site = _where(original, key["indicator_id"], key["site_id"], lang)
        field = t(f"entry.col.{p.column}", lang) if p.column in (*NUMBER_FIELDS, "comment") else p.column
        sentences.append(
            t("entry.problem", lang, indicator=indicator, site=site, field=field or "—", reason=reason)
        )
    return sentences


def saved_summary(result: ImportResult, lang: str) -> str:
    """What a save wrote, every count agreeing with its noun: "1 valeur enregistrée (1 nouvelle, 0 correction)"."""
    return tn(
        "entry.saved",
        result.rows,
        lang,
        new=tn("data.count.new", result.new_rows, lang),
        versions=tn("entry.count.corrections", result.new_versions, lang),
    )


def unusual_values(
    entered: pl.DataFrame, history: pl.DataFrame, original: pl.DataFrame, month: date, lang: str
) -> list[str]:
    """The entered values (`entered`: indicator_id, site_id, value as stored, a ratio's computed) far outside
    their own history, each as a sentence with the reason: ×10 or ÷10 the usual level (median of the last 12
    values) or beyond the process limits (XmR, from at least 8 months). They are saved only once confirmed.

    The data-quality pass (`smqse.analysis.data_quality`) is not run again here: its range, zero-denominator
    and ratio checks are the import's own refusals, and its unit slip (a factor of 10^2.5 from the
    neighbouring months) is caught by the ×10 rule for a month entered after its history."""
    sentences = []
    for r in entered.filter(pl.col("value").is_not_null()).iter_rows(named=True):
        past = history.filter(
            (pl.col("indicator_id") == r["indicator_id"]) & (pl.col("site_id") == r["site_id"])
        ).sort("period")["value"].drop_nulls()  # fmt: skip
        reason = _unusual_reason(float(r["value"]), past, lang)
        if reason:
            indicator, site = _where(original, r["indicator_id"], r["site_id"], lang)
            sentences.append(
                t("entry.unusual", lang, indicator=indicator, site=site,
                  value=format_number(r["value"], lang), reason=reason)
            )  # fmt: skip
    return sentences


def unusual_entries(
    con: duckdb.DuckDBPyConnection | None,
    user: User,
    entered: pl.DataFrame,
    original: pl.DataFrame,
    month: date,
    lang: str,
) -> list[str]:
    """`unusual_values` judged against the history of the indicators entered, read now."""
    if entered.is_empty() or "indicator_id" not in entered.columns:
        return []
    history = load_entry_history(con, user, month, entered["indicator_id"].drop_nulls().to_list())
    return unusual_values(entered, history, original, month, lang)


def _unusual_reason(value: float, past: pl.Series, lang: str) -> str | None:
    recent = past.tail(USUAL_MONTHS)
    positive = recent.filter(recent > 0)
    if value > 0 and positive.len() >= MIN_USUAL_POINTS:
        usual = float(positive.median())
        factor = value / usual
        if factor >= UNUSUAL_FACTOR or factor <= 1 / UNUSUAL_FACTOR:
            return t("entry.unusual.factor", lang, usual=format_number(usual, lang),
                     factor=format_number(factor if factor >= 1 else 1 / factor, lang, 0),
                     way=t("entry.unusual.above" if factor >= 1 else "entry.unusual.below", lang))  # fmt: skip
    if past.len() >= MIN_LIMIT_POINTS:
        chart = spc.xmr(past.to_numpy(), rules=None)
        if value > chart.ucl or value < chart.lcl:
            return t("entry.unusual.limits", lang, lcl=format_number(float(chart.lcl), lang),
                     ucl=format_number(float(chart.ucl), lang))  # fmt: skip
    return None


def owed_by_month(
    con: duckdb.DuckDBPyConnection | None, user: User, months: list[date], today: date, due_day: int = DUE_DAY
) -> dict[date, int]:
    """Per month offered for entry: the values still owed in the user's scope (expected as in the
    completeness view — a pair that reported in the 12 months before — and not yet in, due or not)."""
    if not months:
        return {}
    scope = scope_for(user, con)
    frame = run_query(
        "data_completeness", con=con, **scope.params(), start_month=min(months), end_month=max(months),
        due_day=due_day,
    )  # fmt: skip
    owed = frame.filter(pl.col("state") == "missing").group_by("period_month").len()
    counts = dict(owed.iter_rows())
    return {m: int(counts.get(m, 0)) for m in months}


def opening_month(
    owed: dict[date, int], months: list[date], closed: set[date] | frozenset = frozenset()
) -> date | None:
    """The month the entry page opens on: the earliest open (not closed) month with a value still owed,
    else the newest offered. A closed month stays offered, for corrections, but is never opened on."""
    pending = sorted(m for m in months if owed.get(m, 0) > 0 and m not in closed)
    return pending[0] if pending else (months[0] if months else None)


def month_label(month: date, owed: int, lang: str) -> str:
    """`octobre 2026 — 3 valeurs dues`, `octobre 2026 — complet`."""
    if owed <= 0:
        return t("entry.month_complete", lang, month=format_month(month, lang))
    return t("entry.month_owed", lang, month=format_month(month, lang), n=owed)
