"""Managing the indicator catalogue and the SMART objectives (ISO 9001 §6.2, certification C.25–C.26).

Directors and the QSE lead define and change indicators and objectives; pilots and viewers read them. The
services here never trust the page: they re-derive the writer's scope from the user, refuse anyone else
(`PermissionError`), name every problem with a draft in plain words (French or English, each message names
its field), and write the row and its `change_log` entry (before, after, who, when, why) in one transaction,
so a failure leaves nothing half-written. The write queries bind the scope in their WHERE clause as well.

No Streamlit here: the page (pages/objectives.py) only collects the drafts and shows the answers.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime

import duckdb
import polars as pl

from smqse import data_version
from smqse.db import WriteConflict, retry_on_conflict, run_in_transaction, run_query, transaction
from smqse.i18n import format_date, format_number, label, t
from smqse.model import Aggregation, Domain, IndicatorKind, Polarity, Role
from smqse.review.content import ITEM_REFS
from smqse.scope import Scope, User, list_users, scope_for
from smqse.submission import Submission, claim_submission, record_submission

WRITERS = (Role.DIRECTOR, Role.QSE_LEAD)
FREQUENCIES: tuple[str, ...] = ("monthly", "quarterly", "yearly", "weekly")
VALUE_ONLY_RULES: tuple[str, ...] = ("mean_of_values",)  # as smqse.ingest.formats.VALUE_ONLY_RULES
REVIEW_INPUTS: tuple[str, ...] = ITEM_REFS
SMART_CRITERIA: tuple[str, ...] = ("specific", "measurable", "achievable", "relevant", "time_bound")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")


# --- drafts and answers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorDraft:
    """An indicator as the writer wants it (the `indicator` table's columns)."""

    indicator_id: str | None = None
    process_id: str | None = None
    domain: str | None = None
    kind: str | None = None
    name_fr: str | None = None
    name_en: str | None = None
    unit: str | None = None
    polarity: str | None = None
    frequency: str | None = "monthly"
    aggregation: str | None = None
    rate_base: float | None = None
    definition: str | None = None  # French
    definition_en: str | None = None
    source: str | None = None
    numerator_label_fr: str | None = None
    numerator_label_en: str | None = None
    denominator_label_fr: str | None = None
    denominator_label_en: str | None = None
    min_value: float | None = None
    max_value: float | None = None
    review_input: str | None = None
    # Ratio indicators only: None = a value without numerator and denominator is refused; "mean_of_values" =
    # accepted, and the indicator aggregates as the unweighted mean of its values (VALUE_ONLY_RULES).
    value_only_rule: str | None = None


@dataclass(frozen=True)
class ObjectiveDraft:
    """An objective as the writer wants it (the `objective` table's columns); site None = whole scope."""

    objective_id: str | None = None
    indicator_id: str | None = None
    site_id: str | None = None
    baseline: float | None = None
    target: float | None = None
    alert_threshold: float | None = None
    tolerance: float | None = None
    start_on: date | None = None
    deadline: date | None = None
    owner_user_id: str | None = None
    rationale: str | None = None
    cost: float | None = None
    expected_benefit: float | None = None


INDICATOR_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(IndicatorDraft))
OBJECTIVE_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(ObjectiveDraft))
_INDICATOR_REQUIRED = (
    "indicator_id", "process_id", "domain", "kind", "name_fr", "name_en", "unit", "polarity", "frequency",
    "aggregation",
)  # fmt: skip
_OBJECTIVE_REQUIRED = (
    "objective_id", "indicator_id", "baseline", "target", "start_on", "deadline", "owner_user_id", "rationale",
)  # fmt: skip
RATIO_LABELS = ("numerator_label_fr", "numerator_label_en", "denominator_label_fr", "denominator_label_en")


@dataclass(frozen=True)
class Problem:
    """One thing to fix, with the field it is about (a column name, or "reason")."""

    field: str
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class SmartCheck:
    """One letter of SMART: whether the draft meets it, and why, in words."""

    criterion: str
    met: bool
    text: str


class CatalogueAdminError(ValueError):
    """A save refused for reasons the writer can fix; `problems` holds every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(" ".join(p.message for p in self.problems))


def field_label(name: str, lang: str) -> str:
    return t(f"admin.field.{name}", lang)


def can_edit_catalogue(user: User | None) -> bool:
    return user is not None and user.role in WRITERS


def writer_scope(con: duckdb.DuckDBPyConnection, user: User) -> Scope:
    """The writer's own scope, re-derived from the user (never the page's); pilots and viewers are refused."""
    if not can_edit_catalogue(user):
        raise PermissionError(f"{user.user_id} ({user.role.value}) may not change indicators or objectives")
    scope = scope_for(user, con)
    if scope.is_empty:
        raise PermissionError(f"{user.user_id} has an empty scope: nothing may be written")
    return scope


# --- small helpers ------------------------------------------------------------------------------------


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    return False


def _clean(value: object) -> object:
    """Strings trimmed (empty → None), NaN → None; other values as they are."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _cleaned(draft):
    return type(draft)(**{k: _clean(v) for k, v in asdict(draft).items()})


def _num(value: float | None, lang: str) -> str:
    return format_number(value, lang)


def _json(row: dict | None) -> str | None:
    if row is None:
        return None
    return json.dumps(row, default=str, ensure_ascii=False, sort_keys=True)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _rows_by_id(frame: pl.DataFrame, key: str) -> dict[str, dict]:
    return {r[key]: r for r in frame.iter_rows(named=True)}


def _check_required_and_id(d, required, id_field: str, new: bool, existing_ids, add) -> None:
    """Required fields present; the id well formed, free for a new record, known for an update."""
    for name in required:
        if _blank(getattr(d, name)):
            add(name, "required")
    record_id = getattr(d, id_field)
    if record_id:
        if not _ID.fullmatch(record_id):
            add(id_field, "id_format")
        elif new and record_id in existing_ids:
            add(id_field, "id_taken", value=record_id)
        elif not new and record_id not in existing_ids:
            add(id_field, "id_unknown", value=record_id)


# --- validation: indicators ---------------------------------------------------------------------------


def check_indicator(
    draft: IndicatorDraft,
    *,
    new: bool,
    lang: str,
    existing_ids: set[str] | frozenset[str],
    process_ids: set[str] | frozenset[str],
    reason: str | None = None,
) -> list[Problem]:
    """Every problem with an indicator draft, given what exists (pure: no database)."""
    d = _cleaned(draft)
    problems: list[Problem] = []

    def add(name: str, key: str, **kwargs) -> None:
        problems.append(Problem(name, t(f"admin.error.{key}", lang, field=field_label(name, lang), **kwargs)))

    _check_required_and_id(d, _INDICATOR_REQUIRED, "indicator_id", new, existing_ids, add)
    if d.process_id and d.process_id not in process_ids:
        add("process_id", "process_unknown", value=d.process_id)
    choices = {
        "domain": [x.value for x in Domain],
        "kind": [x.value for x in IndicatorKind],
        "polarity": [x.value for x in Polarity],
        "aggregation": [x.value for x in Aggregation],
        "frequency": list(FREQUENCIES),
    }
    for name, allowed in choices.items():
        value = getattr(d, name)
        if value and value not in allowed:
            add(name, "choice", value=value)
    if d.aggregation == Aggregation.RATIO:
        if d.rate_base is None or d.rate_base <= 0:
            add("rate_base", "rate_base_ratio")
        for name in RATIO_LABELS:
            if _blank(getattr(d, name)):
                add(name, "ratio_label")
    elif d.rate_base is not None and d.rate_base <= 0:
        add("rate_base", "positive")
    if d.value_only_rule and d.value_only_rule not in VALUE_ONLY_RULES:
        add("value_only_rule", "choice", value=d.value_only_rule)
    elif d.value_only_rule and d.aggregation != Aggregation.RATIO:
        add("value_only_rule", "value_only_rule_ratio")
    if d.min_value is not None and d.max_value is not None and d.min_value >= d.max_value:
        add("max_value", "min_max", min=_num(d.min_value, lang), max=_num(d.max_value, lang))
    if d.review_input and d.review_input not in REVIEW_INPUTS:
        add("review_input", "choice", value=d.review_input)
    if not new and _blank(reason):
        add("reason", "reason")
    return problems


# --- validation: objectives ---------------------------------------------------------------------------


def _improves(polarity: str, baseline: float, target: float, indicator: dict) -> bool:
    """The target improves on the baseline for the polarity; holding the best possible value (zero accidents
    from zero) counts as an improvement."""
    if polarity == Polarity.HIGHER_BETTER:
        best = indicator.get("max_value")
        return target > baseline or (best is not None and target == baseline == best)
    best = indicator.get("min_value")
    return target < baseline or (best is not None and target == baseline == best)


def check_objective(
    draft: ObjectiveDraft,
    *,
    new: bool,
    lang: str,
    today: date,
    existing_ids: set[str] | frozenset[str],
    indicators: dict[str, dict],
    site_ids: set[str] | frozenset[str],
    user_ids: set[str] | frozenset[str],
    reason: str | None = None,
) -> list[Problem]:
    """Every problem with an objective draft, given what exists (pure: no database)."""
    d = _cleaned(draft)
    problems: list[Problem] = []

    def add(name: str, key: str, **kwargs) -> None:
        problems.append(Problem(name, t(f"admin.error.{key}", lang, field=field_label(name, lang), **kwargs)))

    _check_required_and_id(d, _OBJECTIVE_REQUIRED, "objective_id", new, existing_ids, add)
    indicator = indicators.get(d.indicator_id) if d.indicator_id else None
    if d.indicator_id and indicator is None:
        add("indicator_id", "indicator_unknown", value=d.indicator_id)
    if d.site_id and d.site_id not in site_ids:
        add("site_id", "site_unknown", value=d.site_id)
    if d.owner_user_id and d.owner_user_id not in user_ids:
        add("owner_user_id", "owner_unknown", value=d.owner_user_id)
    if d.deadline is not None:
        if d.deadline <= today:
            add(
                "deadline",
                "deadline_past",
                value=format_date(d.deadline, lang),
                today=format_date(today, lang),
            )
        if d.start_on is not None and d.deadline <= d.start_on:
            add("deadline", "deadline_order", start=format_date(d.start_on, lang))
    for name in ("cost", "expected_benefit"):
        if getattr(d, name) is not None and getattr(d, name) < 0:
            add(name, "negative")

    if indicator is not None:
        polarity = indicator["polarity"]
        low, high = indicator.get("min_value"), indicator.get("max_value")
        for name in ("target", "baseline", "alert_threshold"):
            value = getattr(d, name)
            if value is None:
                continue
            if (low is not None and value < low) or (high is not None and value > high):
                add(name, "out_of_range", value=_num(value, lang), min=_num(low, lang), max=_num(high, lang))
        target, baseline, alert, tolerance = d.target, d.baseline, d.alert_threshold, d.tolerance
        if polarity == Polarity.TARGET_BAND:
            if tolerance is None or tolerance <= 0:
                add("tolerance", "tolerance_required")
            elif target is not None and alert is not None and abs(alert - target) <= tolerance:
                add(
                    "alert_threshold", "alert_band", alert=_num(alert, lang), target=_num(target, lang),
                    tolerance=_num(tolerance, lang),
                )  # fmt: skip
        else:
            if tolerance is not None:
                add("tolerance", "tolerance_unused")
            better = "higher" if polarity == Polarity.HIGHER_BETTER else "lower"
            if (
                target is not None
                and baseline is not None
                and not _improves(polarity, baseline, target, indicator)
            ):
                add("target", f"target_{better}", target=_num(target, lang), baseline=_num(baseline, lang))
            if target is not None and alert is not None:
                wrong_side = alert >= target if better == "higher" else alert <= target
                if wrong_side:
                    add(
                        "alert_threshold",
                        f"alert_{better}",
                        alert=_num(alert, lang),
                        target=_num(target, lang),
                    )
    if not new and _blank(reason):
        add("reason", "reason")
    return problems


def smart_checklist(
    draft: ObjectiveDraft, indicator: dict | None, lang: str, today: date
) -> list[SmartCheck]:
    """The SMART check list shown beside the form: specific (indicator and site), measurable (a numeric
    target and baseline), achievable (target within the indicator's possible values, argued), relevant
    (a rationale), time-bound (a start and a deadline after today)."""
    d = _cleaned(draft)
    low = indicator.get("min_value") if indicator else None
    high = indicator.get("max_value") if indicator else None
    in_range = (
        d.target is not None
        and indicator is not None
        and (low is None or d.target >= low)
        and (high is None or d.target <= high)
    )
    met = {
        "specific": indicator is not None,
        "measurable": d.target is not None and d.baseline is not None,
        "achievable": in_range and not _blank(d.rationale),
        "relevant": not _blank(d.rationale),
        "time_bound": d.start_on is not None
        and d.deadline is not None
        and d.deadline > today
        and d.deadline > d.start_on,
    }
    return [
        SmartCheck(c, met[c], t(f"admin.smart.{c}", lang) + " — " + t(f"admin.smart.{c}.help", lang))
        for c in SMART_CRITERIA
    ]


# --- reading ------------------------------------------------------------------------------------------


def load_indicators(con: duckdb.DuckDBPyConnection, scope: Scope) -> pl.DataFrame:
    return run_query("admin_indicators", con=con, **scope.params())


def load_objectives(con: duckdb.DuckDBPyConnection, scope: Scope) -> pl.DataFrame:
    return run_query("admin_objectives", con=con, **scope.params())


def validate_indicator(
    con: duckdb.DuckDBPyConnection,
    user: User,
    draft: IndicatorDraft,
    *,
    new: bool,
    lang: str = "fr",
    reason: str | None = None,
) -> list[Problem]:
    """Every problem with an indicator draft, checked against the writer's scope."""
    scope = writer_scope(con, user)
    existing = set(load_indicators(con, scope)["indicator_id"].to_list())
    processes = set(run_query("processes_in_scope", con=con, **scope.params())["process_id"].to_list())
    return check_indicator(
        draft, new=new, lang=lang, existing_ids=existing, process_ids=processes, reason=reason
    )


def validate_objective(
    con: duckdb.DuckDBPyConnection,
    user: User,
    draft: ObjectiveDraft,
    *,
    new: bool,
    lang: str = "fr",
    reason: str | None = None,
    today: date | None = None,
) -> list[Problem]:
    """Every problem with an objective draft, checked against the writer's scope (`today` for tests)."""
    scope = writer_scope(con, user)
    return check_objective(
        draft,
        new=new,
        lang=lang,
        today=today or date.today(),
        existing_ids=set(load_objectives(con, scope)["objective_id"].to_list()),
        indicators=_rows_by_id(load_indicators(con, scope), "indicator_id"),
        site_ids=set(run_query("sites_in_scope", con=con, **scope.params())["site_id"].to_list()),
        user_ids={u.user_id for u in list_users(con)},
        reason=reason,
    )


# --- saving -------------------------------------------------------------------------------------------


def _log(cur, scope: Scope, user: User, *, table: str, key: str, indicator_id: str, operation: str,
         before: dict | None, after: dict, reason: str | None) -> None:  # fmt: skip
    logged = run_in_transaction(
        cur, "admin_change_log_insert", **scope.params(), indicator_id=indicator_id, changed_at=_now(),
        changed_by=user.user_id, table_name=table, row_key=key, operation=operation, before=_json(before),
        after=_json(after), reason=reason,
    )  # fmt: skip
    if logged.is_empty():
        raise PermissionError(f"{user.user_id} may not log a change to {table} {key}")


def _no_change(before: dict, after: dict, columns: tuple[str, ...], lang: str) -> None:
    if all(before.get(c) == after.get(c) for c in columns):
        raise CatalogueAdminError([Problem("reason", t("admin.error.no_change", lang))])


def _write_logged(
    con,
    scope: Scope,
    user: User,
    *,
    table: str,
    key: str,
    indicator_id: str,
    new: bool,
    values: dict,
    columns: tuple[str, ...],
    reason: str | None,
    lang: str,
    submission: Submission | None,
) -> dict:
    """Insert or update one indicator/objective row and its change_log row in one transaction; the row is
    re-read in the writer's scope first (an update of something outside it is refused). The form's token is
    claimed in the same transaction: a concurrent submit of the same form returns the first one's row."""
    with transaction(con) as cur:
        if (earlier := claim_submission(cur, submission)) is not None:
            return earlier
        before = None
        if not new:
            found = run_in_transaction(cur, f"admin_{table}s", **scope.params())
            found = found.filter(pl.col(f"{table}_id") == key)
            if found.is_empty():
                raise PermissionError(f"{user.user_id} may not change {table} {key}")
            row = found.row(0, named=True)
            before = {c: row[c] for c in columns}
            _no_change(before, values, columns, lang)
        refused = PermissionError(f"{user.user_id} may not write {table} {key}")
        if new:
            written = run_in_transaction(cur, f"admin_{table}_insert", **scope.params(), **values)
        else:
            updated = run_in_transaction(cur, f"admin_{table}_update", **scope.params(), **values)
            if updated.is_empty() or updated.item(0, 0) == 0:
                raise refused
            written = run_in_transaction(cur, f"admin_{table}s", **scope.params())
            written = written.filter(pl.col(f"{table}_id") == key)
        if written.is_empty():
            raise refused
        after = {c: written.row(0, named=True)[c] for c in columns}
        _log(
            cur, scope, user, table=table, key=key, indicator_id=indicator_id,
            operation="insert" if new else "update", before=before, after=after, reason=reason,
        )  # fmt: skip
        # The stored analyses of this indicator (both, when an objective moved to another one) are stale.
        moved = {indicator_id, after.get("indicator_id"), (before or {}).get("indicator_id")}
        data_version.bump(cur, table, moved)
        record_submission(cur, submission, key, after)
    return after


def _retried(save, lang: str) -> dict:
    """Validation and write again when another writer changed or created the same row at the same moment
    (the validation then sees their row: an id now taken, nothing left to change); after 3 losses, the
    writer is told in words."""
    try:
        return retry_on_conflict(save)
    except WriteConflict as error:
        raise CatalogueAdminError([Problem("reason", t("write.conflict", lang))]) from error


def save_indicator(
    con: duckdb.DuckDBPyConnection,
    user: User,
    draft: IndicatorDraft,
    *,
    new: bool,
    reason: str | None = None,
    lang: str = "fr",
    token: str | None = None,
) -> dict:
    """Create (`new`) or change an indicator and log it, all or nothing. Returns the row as stored. A second
    submit of the same form instance (`token`) writes nothing and returns the row the first one stored."""
    scope = writer_scope(con, user)
    submission = Submission.of(token, "admin_indicator", user, scope)

    def save() -> dict:
        # Before validation, which would refuse the replay (its id now taken, nothing left to change).
        if (earlier := claim_submission(con, submission)) is not None:
            return earlier
        problems = validate_indicator(con, user, draft, new=new, lang=lang, reason=reason)
        if problems:
            raise CatalogueAdminError(problems)
        d = _cleaned(draft)
        return _write_logged(
            con, scope, user, table="indicator", key=d.indicator_id, indicator_id=d.indicator_id, new=new,
            values=asdict(d), columns=INDICATOR_COLUMNS, reason=_clean(reason), lang=lang,
            submission=submission,
        )  # fmt: skip

    return _retried(save, lang)


def save_objective(
    con: duckdb.DuckDBPyConnection,
    user: User,
    draft: ObjectiveDraft,
    *,
    new: bool,
    reason: str | None = None,
    lang: str = "fr",
    today: date | None = None,
    token: str | None = None,
) -> dict:
    """Create (`new`) or change an objective and log it, all or nothing. Returns the row as stored. A second
    submit of the same form instance (`token`) writes nothing and returns the row the first one stored."""
    scope = writer_scope(con, user)
    submission = Submission.of(token, "admin_objective", user, scope)

    def save() -> dict:
        # Before validation, which would refuse the replay (its id now taken, nothing left to change).
        if (earlier := claim_submission(con, submission)) is not None:
            return earlier
        problems = validate_objective(con, user, draft, new=new, lang=lang, reason=reason, today=today)
        if problems:
            raise CatalogueAdminError(problems)
        d = _cleaned(draft)
        return _write_logged(
            con, scope, user, table="objective", key=d.objective_id, indicator_id=d.indicator_id, new=new,
            values=asdict(d), columns=OBJECTIVE_COLUMNS, reason=_clean(reason), lang=lang,
            submission=submission,
        )  # fmt: skip

    return _retried(save, lang)


def indicator_draft(row: dict) -> IndicatorDraft:
    return IndicatorDraft(**{c: row.get(c) for c in INDICATOR_COLUMNS})


def objective_draft(row: dict) -> ObjectiveDraft:
    return ObjectiveDraft(**{c: row.get(c) for c in OBJECTIVE_COLUMNS})


# --- display tables (no Streamlit: the page shows them) -----------------------------------------------


def objective_period_status(row: dict, today: date) -> str:
    """'upcoming', 'active' or 'ended' on `today`."""
    if row["start_on"] > today:
        return "upcoming"
    return "ended" if row["deadline"] < today else "active"


_PERIOD_ICONS = {"upcoming": "◷", "active": "►", "ended": "■"}


def build_objective_table(
    objectives: pl.DataFrame, *, users: dict[str, str], sites: dict[str, str], lang: str, today: date
) -> pl.DataFrame:
    """One display row per objective: what, where, from → to, by when, who, its period status (icon and
    word) and how many SMART criteria it meets."""
    rows = []
    for r in objectives.iter_rows(named=True):
        indicator = {"min_value": r["min_value"], "max_value": r["max_value"]}
        checks = smart_checklist(objective_draft(r), indicator, lang, today)
        status = objective_period_status(r, today)
        target = _num(r["target"], lang)
        if r["polarity"] == Polarity.TARGET_BAND and r["tolerance"] is not None:
            target = f"{target} ± {_num(r['tolerance'], lang)}"
        rows.append(
            {
                "objective_id": r["objective_id"],
                "indicator": f"{r['indicator_id']} — {r.get(f'indicator_name_{lang}') or r['indicator_name_fr']}",
                "site": sites.get(r["site_id"], r["site_id"])
                if r["site_id"]
                else t("admin.whole_scope", lang),
                "unit": r["unit"] or "—",
                "baseline": _num(r["baseline"], lang),
                "target": target,
                "alert_threshold": _num(r["alert_threshold"], lang),
                "start_on": r["start_on"].isoformat(),
                "deadline": r["deadline"].isoformat(),
                "owner_user_id": users.get(r["owner_user_id"], r["owner_user_id"] or "—"),
                "status": f"{_PERIOD_ICONS[status]} {t(f'admin.period.{status}', lang)}",
                "smart": t("admin.smart_count", lang, n=sum(c.met for c in checks), total=len(checks)),
            }
        )
    columns = OBJECTIVE_TABLE_COLUMNS
    return (
        pl.DataFrame(rows, schema={c: pl.String for c in columns})
        if rows
        else pl.DataFrame(schema={c: pl.String for c in columns})
    )


OBJECTIVE_TABLE_COLUMNS: tuple[str, ...] = (
    "objective_id", "indicator", "site", "unit", "baseline", "target", "alert_threshold", "start_on",
    "deadline", "owner_user_id", "status", "smart",
)  # fmt: skip
INDICATOR_TABLE_COLUMNS: tuple[str, ...] = (
    "indicator_id", "name", "process_id", "domain", "kind", "unit", "polarity", "aggregation", "rate_base",
    "frequency", "source",
)  # fmt: skip


def build_indicator_table(indicators: pl.DataFrame, *, processes: dict[str, str], lang: str) -> pl.DataFrame:
    rows = [
        {
            "indicator_id": r["indicator_id"],
            "name": r.get(f"name_{lang}") or r["name_fr"],
            "process_id": processes.get(r["process_id"], r["process_id"]),
            "domain": label("domain", r["domain"], lang),
            "kind": label("kind", r["kind"], lang),
            "unit": r["unit"] or "—",
            "polarity": label("polarity", r["polarity"], lang),
            "aggregation": label("aggregation", r["aggregation"], lang),
            "rate_base": _num(r["rate_base"], lang) if r["rate_base"] is not None else "—",
            "frequency": label("frequency", r["frequency"], lang),
            "source": r["source"] or "—",
        }
        for r in indicators.iter_rows(named=True)
    ]
    schema = {c: pl.String for c in INDICATOR_TABLE_COLUMNS}
    return pl.DataFrame(rows, schema=schema) if rows else pl.DataFrame(schema=schema)


def table_labels(columns: tuple[str, ...], lang: str) -> dict[str, str]:
    return {c: t(f"admin.col.{c}", lang) for c in columns}
