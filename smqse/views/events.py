"""Declaring an event (nonconformity … supplier nonconformity) from a form, and the events recorded lately.

The form's fields become one row of an events file and go through the import's own validation and load
(`smqse.ingest.import_frame`): the same types, dates, reference ids in the writer's scope (checked again in
the insert's SQL), numbers read by the one parser in the writer's language, cell lengths, the same messages
(here naming the form's field rather than a column), one transaction with its import_batch row, its
change_log row and the 'event' data-version bump, nothing written unless all of it is valid.

The new event is numbered `EV-<n>` (the demo's scheme, six digits at least) inside that transaction, from
the highest number the transaction sees: two declarations racing for the same number conflict on the event's
key and the loser is numbered again (smqse.db.retry_on_conflict). The form's token makes a second submit of
the same form instance write nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import polars as pl

from smqse import ingest
from smqse.db import run_query
from smqse.frames import mapped
from smqse.i18n import TABLE_DATE_LENGTH, format_date, format_datetime, t
from smqse.ingest.core import Problem, reason_only
from smqse.ingest.formats import EVENT_TYPES, FORMATS
from smqse.ingest.limits import MAX_CELL_CHARS
from smqse.model import Role
from smqse.scope import Scope, User, scope_for

FORM = "event_record"
ID_PREFIX = "EV-"
ID_DIGITS = 6
TITLE_MAX_CHARS = 200  # one line; the description holds the facts
SEVERITIES = (1, 2, 3, 4, 5)
NEW_STATUS = "open"  # a declared event waits for its analysis
SUPPLIER_TYPES = ("supplier_nonconformity",)
LOST_DAYS_TYPES = ("accident",)
RECENT_DAYS = 90
WRITERS = (Role.DIRECTOR, Role.QSE_LEAD, Role.PILOT)
COLUMNS = tuple(c.name for c in FORMATS["events"])
# The form's label of each column of the events format, for messages that name the field as the form does.
FIELD_LABELS = {
    "event_id": "events.col.event_id",
    "event_type": "events.type",
    "site_id": "events.site",
    "process_id": "events.process",
    "occurred_on": "events.occurred_on",
    "severity": "events.severity",
    "cost": "events.cost",
    "cause_id": "events.cause",
    "title": "events.title_field",
    "description": "events.description",
    "status": "events.col.status",
    "supplier": "events.supplier",
    "lost_days": "events.lost_days",
}
__all__ = ["EVENT_TYPES", "EventDraft", "Recorded", "can_record", "load_recent_events", "record_event"]


def can_record(user: User | None) -> bool:
    """Directors and QSE leads on everything, pilots on their processes and sites; viewers never."""
    return user is not None and user.role in WRITERS


@dataclass(frozen=True)
class EventDraft:
    """What the form holds: choices as ids, numbers as typed (read by the import in the writer's language)."""

    event_type: str | None
    occurred_on: date | None
    site_id: str | None
    process_id: str | None
    severity: int | None = None
    cost: str = ""
    cause_id: str | None = None
    title: str = ""
    description: str = ""
    supplier: str = ""
    lost_days: str = ""

    def row(self) -> dict[str, str | None]:
        """One row of an events file, every cell as text. The supplier and the days lost are kept only for
        the types that have them (a value typed before the type was changed is not recorded)."""
        return {
            "event_type": self.event_type,
            "site_id": self.site_id,
            "process_id": self.process_id,
            "occurred_on": self.occurred_on.isoformat() if self.occurred_on else None,
            "severity": str(self.severity) if self.severity is not None else None,
            "cost": self.cost,
            "cause_id": self.cause_id,
            "title": self.title,
            "description": self.description,
            "status": NEW_STATUS,
            "supplier": self.supplier if self.event_type in SUPPLIER_TYPES else None,
            "lost_days": self.lost_days if self.event_type in LOST_DAYS_TYPES else None,
        }


@dataclass(frozen=True)
class Recorded:
    """The outcome: the new event's id (None when refused, or for a repeated submit), the problems in words
    (each naming its field), whether the database holds the declaration."""

    event_id: str | None
    problems: tuple[str, ...]
    written: bool


def field_label(column: str | None, lang: str) -> str | None:
    return t(FIELD_LABELS[column], lang) if column in FIELD_LABELS else column


def _sentences(problems: list[Problem], lang: str) -> list[str]:
    """The import's problems about the one row as sentences naming the form's field: never a row number or a
    column code."""
    sentences = []
    for problem in problems:
        reason = reason_only(problem, lang)
        field = field_label(problem.column, lang)
        sentences.append(t("events.problem", lang, field=field, reason=reason) if field else reason)
    return sentences


def _form_rules(draft: EventDraft, lang: str) -> list[str]:
    """What the form asks beyond an events file: a title (a file may leave it to another column of its
    source system; a declaration without one cannot be found again), of one line."""
    title = draft.title.strip()
    if not title:
        return [t("events.problem", lang, field=field_label("title", lang),
                  reason=t("ingest.problem.missing_value", lang))]  # fmt: skip
    if len(title) > TITLE_MAX_CHARS:
        reason = t("ingest.problem.cell_too_long", lang, value=len(title), limit=TITLE_MAX_CHARS)
        return [t("events.problem", lang, field=field_label("title", lang), reason=reason)]
    return []


def next_event_ids(cur: duckdb.DuckDBPyConnection, scope: Scope, count: int) -> list[str]:
    """`count` new ids after the highest `EV-<n>` the transaction `cur` sees."""
    found = run_query(
        "event_next_number", con=cur, **scope.params()
    )  # in the transaction when `cur` is its cursor
    if found.is_empty():
        raise PermissionError("an empty scope numbers no event")
    first = int(found.item(0, 0))
    return [f"{ID_PREFIX}{n:0{ID_DIGITS}d}" for n in range(first, first + count)]


def record_event(
    con: duckdb.DuckDBPyConnection,
    draft: EventDraft,
    *,
    user: User,
    lang: str,
    token: str | None = None,
) -> Recorded:
    """Validate the declaration like a row of an events file and, when all of it is valid, record it in one
    transaction (the event, its import_batch and change_log rows, the 'event' data version). Every problem is
    returned at once, each naming its field in `lang`; nothing is written then."""
    scope = scope_for(user, con)
    frame = pl.DataFrame([draft.row()], schema=dict.fromkeys(COLUMNS[1:], pl.Utf8))
    options = dict(kind="events", user=user, file_name=t("events.file_name", lang), lang=lang, source="form",
                   new_keys=lambda cur, n: next_event_ids(cur, scope, n))  # fmt: skip
    refused = _form_rules(draft, lang)
    if refused:  # the import's own problems are listed with the form's, all at once
        checked = ingest.import_frame(con, frame, dry_run=True, **options)
        return Recorded(None, tuple(refused + _sentences(checked.problems, lang)), False)
    result = ingest.import_frame(con, frame, token=token, **options)
    if result.problems:
        return Recorded(None, tuple(_sentences(result.problems, lang)), False)
    event_id = result.preview["event_id"][0] if "event_id" in result.preview.columns else None
    return Recorded(event_id, (), result.written)


def load_recent_events(
    con: duckdb.DuckDBPyConnection | None, scope: Scope, today: date, days: int = RECENT_DAYS
) -> pl.DataFrame:
    """The scope's events recorded or occurred in the last `days` days, the latest recorded first."""
    since = date.fromordinal(today.toordinal() - days)
    return run_query("events_recent", con=con, **scope.params(), since=since)


def description_max_chars() -> int:
    """A description is one cell of an events file: bounded like one."""
    return MAX_CELL_CHARS


def cause_choices(tree: pl.DataFrame, category: str, lang: str) -> dict[str, str]:
    """{cause_id: label} of a 7M family of the cause tree (cause_id, parent_id, category, label_fr,
    label_en), in the tree's order: the family itself first (the precise cause to be determined), then each
    cause followed by its sub-causes, labelled with their path (`Compétence insuffisante › Formation au poste
    insuffisante`)."""
    family = tree.filter(pl.col("category") == category)
    label_col = f"label_{lang}" if f"label_{lang}" in family.columns else "label_fr"
    labels = dict(zip(family["cause_id"].to_list(), family[label_col].to_list(), strict=True))
    children: dict[str | None, list[str]] = {}
    for cause_id, parent_id in family.sort("cause_id").select("cause_id", "parent_id").iter_rows():
        children.setdefault(parent_id if parent_id in labels else None, []).append(cause_id)
    choices: dict[str, str] = {}

    def walk(cause_id: str, path: tuple[str, ...]) -> None:
        choices[cause_id] = " › ".join(path) if path else t("events.cause.category_only", lang)
        for child in children.get(cause_id, []):
            walk(child, (*path, labels[child]))

    for root in children.get(None, []):
        walk(root, ())
    return choices


def format_day(day: date | None, lang: str) -> str:
    """A day in a sentence of the events page: `15 octobre 2026` / `15 October 2026`."""
    return format_date(day, lang)


RECENT_COLUMNS = ("event_id", "occurred_on", "event_type", "site", "process", "severity", "cost", "category",
                  "cause", "title", "status", "recorded_by", "recorded_at")  # fmt: skip


def recent_table_labels(lang: str) -> dict[str, str]:
    return {c: t(f"events.col.{c}", lang) for c in RECENT_COLUMNS}


def _labelled(column: str, prefix: str, values: tuple[str, ...], lang: str) -> pl.Expr:
    words = {v: t(f"{prefix}.{v}", lang) for v in values}
    return pl.col(column).replace_strict(words, default=pl.col(column), return_dtype=pl.String)


def build_recent_table(events: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The recent events as the page shows them and its CSV holds them: words in `lang` (types, families,
    statuses, names), numbers written in `lang`, dates in the tables' short form."""
    from smqse.i18n import format_number
    from smqse.ingest.formats import EVENT_STATUSES
    from smqse.model import Cause7M

    costs = [None if v is None else format_number(v, lang, 2) for v in events["cost"].to_list()]
    to_determine = pl.lit(t("events.category.none", lang))
    return events.select(
        pl.col("event_id"),
        mapped(events, "occurred_on", lambda d: format_date(d, lang, TABLE_DATE_LENGTH)).fill_null("—"),
        _labelled("event_type", "pareto.event_type", EVENT_TYPES, lang).alias("event_type"),
        pl.col("site_name").alias("site"),
        pl.col(f"process_name_{lang}").alias("process"),
        pl.col("severity").cast(pl.String).fill_null(t("events.severity.none", lang)),
        pl.Series("cost", costs, dtype=pl.String),
        _labelled("cause_category", "pareto.7m", tuple(c.value for c in Cause7M), lang)
        .fill_null(to_determine)
        .alias("category"),
        pl.col(f"cause_label_{lang}").fill_null(to_determine).alias("cause"),
        pl.col("title"),
        _labelled("status", "pareto.status", EVENT_STATUSES, lang).alias("status"),
        pl.col("recorded_by_name").alias("recorded_by"),
        mapped(events, "recorded_at", lambda m: format_datetime(m, lang, TABLE_DATE_LENGTH))
        .fill_null("—")
        .alias("recorded_at"),
    )
