"""The management review pack's content, built from the data: every ISO 9001 §9.3.2 input (a–f, c1–c7) and
the ISO 14001 / 45001 additions, each with what the data say up to the cut-off month.

Nothing is silently left out: an item with no data (or, in a pack limited to some processes, an item kept at
organisation level) is still in the pack and says so. Everything is read through the scope, so a pilot's
pack holds only their processes. Same data and options give the same pack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import duckdb
import polars as pl

from smqse.analysis import kpi
from smqse.db import run_query
from smqse.i18n import TABLE_DATE_LENGTH, format_datetime, format_month, format_percent, t
from smqse.month_state import MonthState, compute_month_state, load_corrections_after_close
from smqse.review.items import attainment_data, build_item
from smqse.review.model import Decision, PackMeta, PackTable, ReviewPack
from smqse.review.pieces import ReviewData
from smqse.scope import Scope, User
from smqse.views.scorecard import load_scorecard

# (ref, printed clause). Order = the agenda: ISO 9001 §9.3.2, then the ISO 14001 and 45001 additions.
ITEMS: tuple[tuple[str, str], ...] = (
    ("9.3.2.a", "ISO 9001 §9.3.2 a)"),
    ("9.3.2.b", "ISO 9001 §9.3.2 b)"),
    ("9.3.2.c.1", "ISO 9001 §9.3.2 c) 1)"),
    ("9.3.2.c.2", "ISO 9001 §9.3.2 c) 2)"),
    ("9.3.2.c.3", "ISO 9001 §9.3.2 c) 3)"),
    ("9.3.2.c.4", "ISO 9001 §9.3.2 c) 4)"),
    ("9.3.2.c.5", "ISO 9001 §9.3.2 c) 5)"),
    ("9.3.2.c.6", "ISO 9001 §9.3.2 c) 6)"),
    ("9.3.2.c.7", "ISO 9001 §9.3.2 c) 7)"),
    ("9.3.2.d", "ISO 9001 §9.3.2 d)"),
    ("9.3.2.e", "ISO 9001 §9.3.2 e)"),
    ("9.3.2.f", "ISO 9001 §9.3.2 f)"),
    ("14001.compliance", "ISO 14001 §9.3 b) 3), c)"),
    ("14001.aspects", "ISO 14001 §9.3 b) 2)"),
    ("14001.communications", "ISO 14001 §9.3 d) 3)"),
    ("14001.objectives", "ISO 14001 §9.3 d) 2), §9.3 g)"),
    ("45001.legal", "ISO 45001 §9.3 b) 2)"),
    ("45001.incidents", "ISO 45001 §9.3 d) 1)"),
    ("45001.compliance", "ISO 45001 §9.3 d) 4)"),
    ("45001.consultation", "ISO 45001 §9.3 d) 6)"),
)
ITEM_REFS: tuple[str, ...] = tuple(ref for ref, _ in ITEMS)
LABEL_KEYS = (
    "pack_title", "agenda", "organisation", "scope", "period", "cut_off", "author", "version", "generated",
    "objectives_summary", "decisions", "no_decisions", "no_data", "written_input", "findings", "decision",
    "decision_type", "owner", "due", "item", "process", "cost", "benefit", "cost_of_inaction", "argument",
    "action", "page", "appendix", "contents", "sheet_about", "chart_data", "table", "data_state",
    "provisional", "corrections_after_close", "no_corrections", "field_label",
    "alt.value", "alt.separator",
)  # fmt: skip


VERSION_MAX = 20
# The version is part of the pack's file names: letters, digits, dot, hyphen and underscore only, so that it
# can never name another directory ("a/b", "../x") nor a hidden file.
_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def version_problem(version: str, lang: str) -> str | None:
    """Why `version` cannot name the pack's files, in words; None when it can."""
    if not version or len(version) > VERSION_MAX or _VERSION.fullmatch(version) is None:
        return t("review.version_invalid", lang, version=version, max=VERSION_MAX)
    return None


@dataclass(frozen=True)
class PackOptions:
    as_of: date  # cut-off month (any day in it)
    lang: str = "fr"
    period_months: int = 12
    version: str = "v1"
    organisation: str = "Métallerie Durand Industrie"


def review_period(as_of: date, months: int = 12) -> tuple[date, date]:
    """(first day, last day) of the `months` months ending with the cut-off month."""
    month = date(as_of.year, as_of.month, 1)
    return kpi.shift_month(month, -(months - 1)), kpi.month_end(month)


def review_id_for(period_end: date) -> str:
    return f"REV-{period_end:%Y-%m}"


def is_whole_organisation(scope: Scope, con: duckdb.DuckDBPyConnection | None = None) -> bool:
    """The scope covers every process and every site: organisation-level inputs belong in its pack."""
    catalogue = run_query("scope_catalogue", con=con)
    processes = set(catalogue.filter(pl.col("kind") == "process")["id"])
    sites = set(catalogue.filter(pl.col("kind") == "site")["id"])
    return processes <= set(scope.process_ids) and sites <= set(scope.site_ids) and len(scope.domains) == 3


def _load(con, scope: Scope, options: PackOptions) -> ReviewData:
    start, cut_off = review_period(options.as_of, options.period_months)
    as_of = date(cut_off.year, cut_off.month, 1)
    whole = is_whole_organisation(scope, con)
    params = scope.params()
    scorecard = load_scorecard(scope, as_of, con)
    previous_start = kpi.shift_month(start, -12)
    review_id = review_id_for(cut_off)
    inputs = run_query("review_inputs", con=con, **params, review_id=review_id)
    return ReviewData(
        lang=options.lang,
        scope=scope,
        whole=whole,
        as_of=as_of,
        start=start,
        cut_off=cut_off,
        review_id=review_id,
        scorecard_rows=scorecard.rows,
        attainment_by_domain=scorecard.attainment_by_domain,
        attainment_by_process=scorecard.attainment_by_process,
        item_of={
            r["indicator_id"]: r["review_input"]
            for r in run_query("review_indicator_inputs", con=con, **params).iter_rows(named=True)
        },
        left_out=scorecard.left_out,
        events=run_query("pareto_events", con=con, **params, start_on=start, end_on=cut_off),
        previous_events=run_query(
            "pareto_events", con=con, **params, start_on=previous_start, end_on=start - timedelta(days=1)
        ),
        actions=run_query("review_actions", con=con, **params, end_on=cut_off),
        audits=run_query("review_audits", con=con, **params, start_on=start, end_on=cut_off),
        decisions=run_query("review_decisions", con=con, **params, end_on=cut_off),
        inputs={r["input_ref"]: r for r in inputs.iter_rows(named=True)},
    )


def _decisions(d: ReviewData) -> list[Decision]:
    lang = d.lang
    current = d.decisions.filter(pl.col("review_id") == d.review_id)
    return [
        Decision(
            decision_id=r["decision_id"],
            input_ref=r["input_ref"],
            decision_type=r["decision_type"],
            decision_type_label=t(f"review.type.{r['decision_type']}", lang),
            text=r["text"],
            owner=r["owner_name"],
            due_on=r["due_on"],
            action_id=r["action_id"],
            process_name=r.get(f"process_name_{lang}"),
            cost=r["cost"],
            expected_benefit=r["expected_benefit"],
            cost_of_inaction=r["cost_of_inaction"],
            argument=r["rationale"],
        )
        for r in current.iter_rows(named=True)
    ]


def _scope_label(d: ReviewData, con, lang: str) -> str:
    if d.whole:
        return t("review.whole_organisation", lang)
    processes = run_query("processes_in_scope", con=con, **d.scope.params())
    sites = run_query("sites_in_scope", con=con, **d.scope.params())
    names = [r.get(f"name_{lang}") or r["name_fr"] for r in processes.iter_rows(named=True)]
    text = t("review.scope_processes", lang, processes=", ".join(names))
    if not d.scope.all_sites:
        text += " · " + t("review.scope_sites", lang, sites=", ".join(sites["name"].to_list()))
    return text


def pack_labels(lang: str) -> dict[str, str]:
    return {key: t(f"review.{key}", lang) for key in LABEL_KEYS}


def build_review_pack(
    con: duckdb.DuckDBPyConnection | None,
    scope: Scope,
    author: User,
    options: PackOptions,
    *,
    generated_at: datetime | None = None,
) -> ReviewPack:
    """The whole pack for `scope` at the cut-off month. `generated_at` defaults to the end of the cut-off
    month so that the same data and options give the same pack; the CLI and the page pass the clock."""
    d = _load(con, scope, options)
    lang = options.lang
    items = [build_item(d, ref, clause) for ref, clause in ITEMS]
    start_text, end_text = format_month(d.start, lang), format_month(d.as_of, lang)
    meta = PackMeta(
        organisation=options.organisation,
        scope_label=_scope_label(d, con, lang),
        period_start=d.start,
        period_end=d.cut_off,
        cut_off=d.cut_off,
        author=author.display_name,
        version=options.version,
        generated_at=generated_at or datetime.combine(d.cut_off, datetime.min.time()),
        lang=lang,
        review_id=d.review_id,
        review_title=t("review.review_title", lang, start=start_text, end=end_text),
    )
    month = compute_month_state(con, scope, d.as_of)
    meta = replace(
        meta,
        month_state=month_state_sentence(month, lang),
        provisional=month.is_provisional,
        corrections=corrections_table(load_corrections_after_close(con, scope, month), month, lang),
    )
    summary = PackTable(t("review.objectives_summary", lang), attainment_data(d.attainment_by_domain, lang))
    return ReviewPack(meta, items, _decisions(d), summary, pack_labels(lang))


def month_state_sentence(month: MonthState, lang: str) -> str:
    """The cut-off month's completeness as the pack states it beside the cut-off date."""
    return t(
        "month.pack.cutoff",
        lang,
        month=format_month(month.month, lang),
        values_in=month.values_in,
        expected=month.values_expected,
        ratio=format_percent(month.ratio, lang),
        state=t(f"month.state.{month.state}", lang),
    )


def corrections_table(rows: pl.DataFrame, month: MonthState, lang: str) -> PackTable | None:
    """The corrections made after the month was closed, as the pack lists them (None: not closed)."""
    if month.closed_at is None:
        return None
    name = "name_fr" if lang == "fr" else "name_en"
    columns = ("indicator", "site", "period", "value", "version", "entered_at", "entered_by", "reason")
    frame = pl.DataFrame(
        [
            [
                f"{r['indicator_id']} {r[name]}",
                r["site_name"],
                format_month(r["period_month"], lang),
                r["value"],
                r["version"],
                format_datetime(r["entered_at"], lang, TABLE_DATE_LENGTH),
                r["entered_by_name"] or r["entered_by"],
                r["reason"] or t("month.corrections.no_reason", lang),
            ]
            for r in rows.iter_rows(named=True)
        ],
        schema={t(f"month.col.{c}", lang): (pl.Float64 if c == "value" else pl.Int64 if c == "version" else pl.Utf8)
                for c in columns},
        orient="row",
    )  # fmt: skip
    title = t("month.corrections.title_closed", lang, at=format_datetime(month.closed_at, lang, "long"))
    return PackTable(title, frame)
