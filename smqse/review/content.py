"""The management review pack's content, built from the data: every ISO 9001 §9.3.2 input (a–f, c1–c7) and
the ISO 14001 / 45001 additions, each with what the data say up to the cut-off month.

Nothing is silently left out: an item with no data (or, in a pack limited to some processes, an item kept at
organisation level) is still in the pack and says so. Everything is read through the scope, so a pilot's
pack holds only their processes. Same data and options give the same pack.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import duckdb
import polars as pl

from smqse.analysis import kpi
from smqse.charts import figure_alt, figure_takeaway
from smqse.charts.palette import STATUS_ICONS
from smqse.charts.review import build_count_bars, build_monthly_lines
from smqse.charts.scorecard import _trend_points, build_attainment_chart, build_trend_chart, objective_text
from smqse.db import run_query
from smqse.i18n import format_month, format_month_short, format_percent, format_value, label, t
from smqse.pareto_view import category_label
from smqse.review.model import Decision, PackChart, PackMeta, PackTable, ReviewItem, ReviewPack
from smqse.scope import Scope, User
from smqse.scorecard import load_scorecard

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
# Inputs about the organisation as a whole, with no process: in a pack limited to some processes they are
# not shown (a pilot sees their processes and nothing else) and the item says why.
ORGANISATION_ONLY = frozenset({"9.3.2.b", "14001.communications", "45001.legal", "45001.compliance"})
# The appendix's sheet per item, per language (≤ 31 characters, unique).
SHEET_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "9.3.2.a": "a Previous reviews", "9.3.2.b": "b Issues", "9.3.2.c.1": "c1 Customers",
        "9.3.2.c.2": "c2 Objectives", "9.3.2.c.3": "c3 Processes", "9.3.2.c.4": "c4 NC and CAPA",
        "9.3.2.c.5": "c5 Monitoring", "9.3.2.c.6": "c6 Audits", "9.3.2.c.7": "c7 Providers",
        "9.3.2.d": "d Resources", "9.3.2.e": "e Risks", "9.3.2.f": "f Improvement",
        "14001.compliance": "14001 Compliance", "14001.aspects": "14001 Aspects",
        "14001.communications": "14001 Communications", "14001.objectives": "14001 Env objectives",
        "45001.legal": "45001 Legal", "45001.incidents": "45001 Incidents",
        "45001.compliance": "45001 Compliance", "45001.consultation": "45001 Consultation",
    },
    "fr": {
        "9.3.2.a": "a Revues précédentes", "9.3.2.b": "b Enjeux", "9.3.2.c.1": "c1 Clients",
        "9.3.2.c.2": "c2 Objectifs", "9.3.2.c.3": "c3 Processus", "9.3.2.c.4": "c4 NC et actions",
        "9.3.2.c.5": "c5 Surveillance", "9.3.2.c.6": "c6 Audits", "9.3.2.c.7": "c7 Prestataires",
        "9.3.2.d": "d Ressources", "9.3.2.e": "e Risques", "9.3.2.f": "f Amélioration",
        "14001.compliance": "14001 Conformité", "14001.aspects": "14001 Aspects",
        "14001.communications": "14001 Communications", "14001.objectives": "14001 Objectifs env",
        "45001.legal": "45001 Exigences légales", "45001.incidents": "45001 Incidents",
        "45001.compliance": "45001 Conformité", "45001.consultation": "45001 Consultation",
    },
}  # fmt: skip
MAX_TREND_CHARTS = 2  # per item: the indicators most in need of attention
CLOSED = ("done", "verified")
SAFETY_EVENTS = ("accident", "incident", "near_miss")
LABEL_KEYS = (
    "pack_title", "agenda", "organisation", "scope", "period", "cut_off", "author", "version", "generated",
    "objectives_summary", "decisions", "no_decisions", "no_data", "written_input", "findings", "decision",
    "decision_type", "owner", "due", "item", "process", "cost", "benefit", "cost_of_inaction", "argument",
    "action", "page", "appendix", "contents", "sheet_about", "chart_data", "table",
)  # fmt: skip


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


@dataclass
class _Data:
    lang: str
    scope: Scope
    whole: bool
    as_of: date  # first day of the cut-off month
    start: date
    cut_off: date
    review_id: str
    scorecard_rows: pl.DataFrame
    attainment_by_domain: pl.DataFrame
    attainment_by_process: pl.DataFrame
    item_of: dict[str, str | None]
    events: pl.DataFrame
    previous_events: pl.DataFrame
    actions: pl.DataFrame
    audits: pl.DataFrame
    decisions: pl.DataFrame
    inputs: dict[str, dict]


def _load(con, scope: Scope, options: PackOptions) -> _Data:
    start, cut_off = review_period(options.as_of, options.period_months)
    as_of = date(cut_off.year, cut_off.month, 1)
    whole = is_whole_organisation(scope, con)
    params = scope.params()
    scorecard = load_scorecard(scope, as_of, con)
    previous_start = kpi.shift_month(start, -12)
    review_id = review_id_for(cut_off)
    inputs = run_query("review_inputs", con=con, **params, review_id=review_id)
    return _Data(
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
        events=run_query("pareto_events", con=con, **params, start_on=start, end_on=cut_off),
        previous_events=run_query(
            "pareto_events", con=con, **params, start_on=previous_start, end_on=start - timedelta(days=1)
        ),
        actions=run_query("review_actions", con=con, **params, end_on=cut_off),
        audits=run_query("review_audits", con=con, **params, start_on=start, end_on=cut_off),
        decisions=run_query("review_decisions", con=con, **params, end_on=cut_off),
        inputs={r["input_ref"]: r for r in inputs.iter_rows(named=True)},
    )


# --- shared pieces ------------------------------------------------------------------------------------


def _name(row: dict, lang: str) -> str:
    return row.get(f"name_{lang}") or row.get("name_fr") or row["indicator_id"]


def _status_words(status: str | None, lang: str) -> str:
    if status is None:
        return "—"
    return f"{STATUS_ICONS.get(status, '')} {label('status', status, lang)}".strip()


def _signal_words(row: dict, lang: str) -> str:
    if not row.get("signal"):
        return t("review.signal.none", lang)
    return t(
        "review.signal.favourable" if row.get("signal_favourable") else "review.signal.unfavourable", lang
    )


def _indicator_table(rows: pl.DataFrame, lang: str, title: str) -> PackTable:
    records = list(rows.iter_rows(named=True))
    return PackTable(
        title,
        pl.DataFrame(
            {
                t("review.col.indicator", lang): [_name(r, lang) for r in records],
                t("review.col.latest", lang): [
                    format_value(r["latest_value"], r["unit"], lang) for r in records
                ],
                t("review.col.ytd", lang): [format_value(r["ytd_value"], r["unit"], lang) for r in records],
                t("review.col.objective", lang): [objective_text(r, lang) for r in records],
                t("review.col.status", lang): [_status_words(r["status"], lang) for r in records],
                t("review.col.signal", lang): [_signal_words(r, lang) for r in records],
            },
            schema={
                t(f"review.col.{c}", lang): pl.String
                for c in ("indicator", "latest", "ytd", "objective", "status", "signal")
            },
        ),
    )


def _needs_attention(rows: pl.DataFrame) -> pl.DataFrame:
    """Indicators most in need of a look first: unfavourable signal, then missed, then at risk."""
    return (
        rows.with_columns(
            _rank=pl.when(pl.col("signal") & ~pl.col("signal_favourable").fill_null(False))
            .then(0)
            .when(pl.col("status") == "missed")
            .then(1)
            .when(pl.col("status") == "at_risk")
            .then(2)
            .otherwise(3)
        )
        .sort("_rank", "indicator_id")
        .drop("_rank")
    )


def _trend_chart(row: dict, lang: str) -> PackChart:
    fig = build_trend_chart(row, lang)
    periods, values = _trend_points(row)
    name = _name(row, lang)
    data = pl.DataFrame(
        {t("review.col.month", lang): [format_month_short(p, lang) for p in periods], name: values},
        schema={t("review.col.month", lang): pl.String, name: pl.Float64},
    )
    return PackChart(
        title=fig.layout.title.text or name,
        figure=fig,
        data=data,
        takeaway=figure_takeaway(fig),
        alt=figure_alt(fig),
        kind="line",
        unit=row.get("unit"),
    )


def _bars(frame: pl.DataFrame, title: str, takeaway: str, lang: str, *, stacked: bool = False) -> PackChart:
    fig = build_count_bars(frame, title, takeaway, lang, stacked=stacked)
    return PackChart(title, fig, frame, takeaway, figure_alt(fig), kind="stacked_bar" if stacked else "bar")


def _lines(frame: pl.DataFrame, title: str, takeaway: str, lang: str) -> PackChart:
    fig = build_monthly_lines(frame, title, takeaway, lang)
    return PackChart(title, fig, frame, takeaway, figure_alt(fig), kind="line")


def _indicator_findings(rows: pl.DataFrame, lang: str, limit: int = 4) -> list[str]:
    out = []
    for r in _needs_attention(rows).iter_rows(named=True):
        if r["signal"] and not r["signal_favourable"]:
            out.append(
                t(
                    "review.ind.signal",
                    lang,
                    name=_name(r, lang),
                    direction=t(f"review.direction.{r['signal_direction']}", lang),
                    month=format_month(r["signal_period"], lang),
                )
            )
        elif r["status"] == "missed":
            out.append(
                t(
                    "review.ind.missed",
                    lang,
                    name=_name(r, lang),
                    ytd=format_value(r["ytd_value"], r["unit"], lang),
                    target=objective_text(r, lang),
                )
            )
        if len(out) >= limit:
            break
    return out


def _indicator_summary(rows: pl.DataFrame, lang: str) -> str:
    signals = rows.filter(pl.col("signal") & ~pl.col("signal_favourable").fill_null(False)).height
    return t(
        "review.ind.summary",
        lang,
        n=rows.height,
        met=rows.filter(pl.col("status") == "met").height,
        missed=rows.filter(pl.col("status") == "missed").height,
        signals=signals,
    )


@dataclass
class _Body:
    takeaway: str
    has_data: bool
    findings: list[str]
    charts: list[PackChart]
    tables: list[PackTable]


def _empty(d: _Data, key: str = "review.no_data_in_scope") -> _Body:
    return _Body(t(key, d.lang), False, [], [], [])


def _indicators_body(d: _Data, ref: str, title: str) -> _Body | None:
    """The indicators that feed this input: a table, the two most in need of attention drawn."""
    ids = [i for i, r in d.item_of.items() if r == ref]
    rows = d.scorecard_rows.filter(pl.col("indicator_id").is_in(ids))
    rows = rows.filter(pl.col("latest_value").is_not_null() | pl.col("ytd_value").is_not_null())
    if rows.is_empty():
        return None
    ranked = _needs_attention(rows)
    charts = [_trend_chart(r, d.lang) for r in ranked.head(MAX_TREND_CHARTS).iter_rows(named=True)]
    return _Body(
        _indicator_summary(rows, d.lang),
        True,
        _indicator_findings(rows, d.lang),
        charts,
        [_indicator_table(ranked, d.lang, title)],
    )


def _merge(*bodies: _Body | None) -> _Body | None:
    present = [b for b in bodies if b is not None]
    if not present:
        return None
    return _Body(
        " ".join(b.takeaway for b in present),
        any(b.has_data for b in present),
        [f for b in present for f in b.findings],
        [c for b in present for c in b.charts],
        [tb for b in present for tb in b.tables],
    )


def _events_body(d: _Data, event_types: tuple[str, ...], what_key: str) -> _Body | None:
    """Events of these types over the period: per month (line), by 7M cause category (bars)."""
    lang = d.lang
    events = d.events.filter(pl.col("event_type").is_in(event_types))
    previous = d.previous_events.filter(pl.col("event_type").is_in(event_types))
    if events.is_empty() and previous.is_empty():
        return None
    what = t(what_key, lang)
    months = [kpi.shift_month(d.start, k) for k in range(kpi.months_between(d.start, d.as_of))]
    counts = events.group_by(pl.col("occurred_on").dt.truncate("1mo").alias("m")).len()
    by_month = dict(zip(counts["m"].to_list(), counts["len"].to_list(), strict=True))
    month_col, count_col = t("review.col.month", lang), t("review.col.count", lang)
    monthly = pl.DataFrame(
        {
            month_col: [format_month_short(m, lang) for m in months],
            count_col: [float(by_month.get(m, 0)) for m in months],
        },
        schema={month_col: pl.String, count_col: pl.Float64},
    )
    summary = t("review.events.summary", lang, n=events.height, what=what, previous=previous.height)
    charts = [
        _lines(monthly, t("review.chart.events_per_month", lang, what=what.capitalize()), summary, lang)
    ]
    findings = [summary]
    analysed = events.filter(pl.col("cause_category").is_not_null())
    if analysed.height:
        cats = (
            analysed.with_columns(
                cat=pl.col("cause_category").map_elements(
                    lambda c: category_label(c, lang), return_dtype=pl.String
                )
            )
            .group_by("cat")
            .len()
            .sort(["len", "cat"], descending=[True, False])
        )
        top = cats.row(0, named=True)
        top_text = t(
            "review.events.top_cause",
            lang,
            category=top["cat"],
            share=format_percent(top["len"] / analysed.height, lang),
        )
        findings.append(top_text)
        cat_col = t("review.col.category", lang)
        frame = pl.DataFrame({cat_col: cats["cat"], count_col: cats["len"].cast(pl.Float64)})
        charts.append(
            _bars(frame, t("review.chart.by_category", lang, what=what.capitalize()), top_text, lang)
        )
    return _Body(summary, True, findings, charts, [])


def _open_at_cut_off(cut_off: date) -> pl.Expr:
    return (pl.col("status") != "cancelled") & (
        pl.col("closed_on").is_null() | (pl.col("closed_on") > cut_off)
    )


# --- the items ----------------------------------------------------------------------------------------


def _item_a(d: _Data) -> _Body:
    lang = d.lang
    previous = d.decisions.filter(pl.col("review_id") != d.review_id)
    if previous.is_empty():
        return _empty(d, "review.a.none")
    rows, findings = [], []
    done = late = open_ = 0
    for r in previous.iter_rows(named=True):
        closed = (
            r["action_status"] in CLOSED
            and r["action_closed_on"] is not None
            and r["action_closed_on"] <= d.cut_off
        )
        overdue = not closed and r["due_on"] is not None and r["due_on"] < d.cut_off
        if r["action_id"] is None:
            status = t("review.status.no_action", lang)
            findings.append(t("review.a.no_action", lang, id=r["decision_id"], text=r["text"]))
        else:
            status = label("causes.status", "done" if closed else (r["action_status"] or "planned"), lang)
        if overdue:
            late += 1
            status = f"⚠️ {t('review.status.late', lang)} · {status}"
            findings.insert(
                0,
                t(
                    "review.a.late",
                    lang,
                    id=r["decision_id"],
                    text=r["text"],
                    due=r["due_on"].isoformat(),
                    status=status,
                ),
            )
        done += closed
        open_ += not closed and not overdue
        rows.append(
            {
                t("review.col.id", lang): r["decision_id"],
                t("review.col.text", lang): r["text"],
                t("review.owner", lang): r["owner_name"] or "—",
                t("review.due", lang): r["due_on"],
                t("review.col.action_status", lang): status,
                t("review.action", lang): r["action_id"] or "—",
            }
        )
    summary = t("review.a.summary", lang, done=done, total=previous.height, late=late, open=open_)
    return _Body(
        summary, True, findings[:5], [], [PackTable(t("review.item.9.3.2.a", lang), pl.DataFrame(rows))]
    )


def _item_c2(d: _Data) -> _Body:
    lang = d.lang
    frame = d.attainment_by_domain
    judged = int(frame["met"].sum() + frame["at_risk"].sum() + frame["missed"].sum()) if frame.height else 0
    as_of = format_month(d.as_of, lang)
    if judged == 0:
        return _Body(t("review.c2.none", lang, as_of=as_of), False, [], [], [])
    summary = t(
        "review.c2.summary", lang, met=int(frame["met"].sum()), judged=judged,
        at_risk=int(frame["at_risk"].sum()), missed=int(frame["missed"].sum()), as_of=as_of,
    )  # fmt: skip
    fig = build_attainment_chart(frame, "domain", lang)
    chart = PackChart(
        fig.layout.title.text or t("review.chart.attainment", lang), fig, _attainment_data(frame, lang),
        figure_takeaway(fig) or summary, figure_alt(fig), kind="stacked_bar",
    )  # fmt: skip
    findings = [
        t(
            "review.c2.domain",
            lang,
            domain=r[f"name_{lang}"],
            met=r["met"],
            at_risk=r["at_risk"],
            missed=r["missed"],
        )
        for r in frame.iter_rows(named=True)
    ]
    missed = d.scorecard_rows.filter(pl.col("status").is_in(["missed", "at_risk"]))
    tables = (
        [_indicator_table(_needs_attention(missed), lang, t("review.item.9.3.2.c.2", lang))]
        if missed.height
        else []
    )
    return _Body(summary, True, findings, [chart], tables)


def _attainment_data(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    return frame.select(
        pl.col(f"name_{lang}").alias(t("review.col.domain", lang)),
        pl.col("met").cast(pl.Float64).alias(t("review.col.met", lang)),
        pl.col("at_risk").cast(pl.Float64).alias(t("review.col.at_risk", lang)),
        pl.col("missed").cast(pl.Float64).alias(t("review.col.missed", lang)),
        (pl.col("no_objective") + pl.col("no_data")).cast(pl.Float64).alias(t("review.col.not_judged", lang)),
    )


def _item_c3(d: _Data) -> _Body | None:
    lang = d.lang
    frame = d.attainment_by_process
    body = _indicators_body(d, "9.3.2.c.3", t("review.item.9.3.2.c.3", lang))
    if frame.height == 0:
        return body
    data = frame.select(
        pl.col(f"name_{lang}").alias(t("review.process", lang)),
        pl.col("met").cast(pl.Float64).alias(t("review.col.met", lang)),
        pl.col("at_risk").cast(pl.Float64).alias(t("review.col.at_risk", lang)),
        pl.col("missed").cast(pl.Float64).alias(t("review.col.missed", lang)),
    )
    worst = frame.sort(["missed", "group_id"], descending=[True, False]).row(0, named=True)
    takeaway = t(
        "review.c2.domain",
        lang,
        domain=worst[f"name_{lang}"],
        met=worst["met"],
        at_risk=worst["at_risk"],
        missed=worst["missed"],
    )
    process_chart = _bars(data, t("review.chart.process_attainment", lang), takeaway, lang, stacked=True)
    if body is None:
        return _Body(takeaway, True, [takeaway], [process_chart], [])
    body.charts.insert(0, process_chart)
    return body


def _item_c4(d: _Data) -> _Body | None:
    lang = d.lang
    events = _events_body(d, ("nonconformity", "audit_finding"), "review.what.nonconformity")
    corrective = d.actions.filter(pl.col("action_type") == "corrective")
    actions = None
    if corrective.height:
        in_period = corrective.filter(pl.col("opened_on") >= d.start)
        closed = corrective.filter(
            pl.col("closed_on").is_not_null()
            & (pl.col("closed_on") <= d.cut_off)
            & pl.col("status").is_in(CLOSED)
        )
        closed_in_period = closed.filter(pl.col("closed_on") >= d.start)
        overdue = corrective.filter(_open_at_cut_off(d.cut_off) & (pl.col("due_on") < d.cut_off))
        checked = closed_in_period.filter(pl.col("effectiveness").is_in(["effective", "not_effective"]))
        text = t(
            "review.c4.actions", lang, opened=in_period.height, closed=closed_in_period.height, overdue=overdue.height,
            checked=checked.height, closed_all=closed_in_period.height, effective=checked.filter(pl.col("effectiveness") == "effective").height,
        )  # fmt: skip
        table = PackTable(
            t("review.chart.actions", lang),
            pl.DataFrame(
                {
                    t("review.col.opened", lang): [in_period.height],
                    t("review.col.closed", lang): [closed_in_period.height],
                    t("review.col.overdue", lang): [overdue.height],
                    t("review.col.effective", lang): [
                        checked.filter(pl.col("effectiveness") == "effective").height
                    ],
                }
            ),
        )
        actions = _Body(text, True, [text], [], [table])
    return _merge(events, actions, _indicators_body(d, "9.3.2.c.4", t("review.item.9.3.2.c.4", lang)))


def _item_c5(d: _Data) -> _Body | None:
    lang = d.lang
    rows = d.scorecard_rows.filter(pl.col("latest_value").is_not_null() | pl.col("ytd_value").is_not_null())
    if rows.is_empty():
        return None
    ranked = _needs_attention(rows)
    signals = ranked.filter(pl.col("signal") & ~pl.col("signal_favourable").fill_null(False))
    charts = [_trend_chart(r, lang) for r in signals.head(MAX_TREND_CHARTS).iter_rows(named=True)]
    return _Body(
        _indicator_summary(rows, lang),
        True,
        _indicator_findings(rows, lang, limit=6),
        charts,
        [_indicator_table(ranked, lang, t("review.item.9.3.2.c.5", lang))],
    )


def _item_c6(d: _Data) -> _Body | None:
    lang = d.lang
    audits = d.audits
    body = _indicators_body(d, "9.3.2.c.6", t("review.item.9.3.2.c.6", lang))
    if audits.is_empty():
        return body
    done = audits.filter(pl.col("done_on").is_not_null() & (pl.col("done_on") <= d.cut_off))
    summary = t(
        "review.c6.summary", lang, done=done.height, planned=audits.height, major=int(done["nc_major"].sum() or 0),
        minor=int(done["nc_minor"].sum() or 0), obs=int(done["observations"].sum() or 0),
    )  # fmt: skip
    per_type = (
        audits.with_columns(is_done=pl.col("done_on").is_not_null() & (pl.col("done_on") <= d.cut_off))
        .group_by("audit_type")
        .agg(
            pl.len().alias("planned"),
            pl.col("is_done").sum().alias("done"),
            pl.col("nc_major").filter(pl.col("is_done")).sum().alias("major"),
            pl.col("nc_minor").filter(pl.col("is_done")).sum().alias("minor"),
            pl.col("observations").filter(pl.col("is_done")).sum().alias("obs"),
        )
        .sort("audit_type")
    )
    type_col = t("review.col.audit_type", lang)
    table = per_type.select(
        pl.col("audit_type").alias(type_col),
        pl.col("planned").alias(t("review.col.planned", lang)),
        pl.col("done").alias(t("review.col.done", lang)),
        pl.col("major").alias(t("review.col.major", lang)),
        pl.col("minor").alias(t("review.col.minor", lang)),
        pl.col("obs").alias(t("review.col.observations", lang)),
    )
    chart_data = table.select(
        type_col, t("review.col.major", lang), t("review.col.minor", lang)
    ).with_columns(pl.exclude(type_col).cast(pl.Float64))
    chart = _bars(chart_data, t("review.chart.audits", lang), summary, lang, stacked=True)
    audit_body = _Body(
        summary, True, [summary], [chart], [PackTable(t("review.item.9.3.2.c.6", lang), table)]
    )
    return _merge(audit_body, body)


def _item_c7(d: _Data) -> _Body | None:
    lang = d.lang
    events = _events_body(d, ("supplier_nonconformity",), "review.what.supplier_nonconformity")
    supplier_events = d.events.filter(
        (pl.col("event_type") == "supplier_nonconformity") & pl.col("supplier").is_not_null()
    )
    if events is not None and supplier_events.height:
        per = supplier_events.group_by("supplier").len().sort(["len", "supplier"], descending=[True, False])
        top = per.row(0, named=True)
        text = t("review.c7.suppliers", lang, supplier=top["supplier"], n=top["len"])
        frame = per.head(10).select(
            pl.col("supplier").alias(t("review.col.supplier", lang)),
            pl.col("len").cast(pl.Float64).alias(t("review.col.count", lang)),
        )
        events.findings.append(text)
        events.charts.append(_bars(frame, t("review.chart.by_supplier", lang), text, lang))
    return _merge(_indicators_body(d, "9.3.2.c.7", t("review.item.9.3.2.c.7", lang)), events)


def _actions_of(d: _Data, action_type: str, key: str) -> _Body | None:
    lang = d.lang
    actions = d.actions.filter((pl.col("action_type") == action_type) & (pl.col("opened_on") >= d.start))
    if actions.is_empty():
        return None
    closed = actions.filter(pl.col("status").is_in(CLOSED) & (pl.col("closed_on") <= d.cut_off))
    overdue = actions.filter(_open_at_cut_off(d.cut_off) & (pl.col("due_on") < d.cut_off))
    text = t(
        key, lang, n=actions.height, done=closed.height, overdue=overdue.height,
        effective=closed.filter(pl.col("effectiveness") == "effective").height,
        not_effective=closed.filter(pl.col("effectiveness") == "not_effective").height,
    )  # fmt: skip
    return _Body(text, True, [text], [], [])


def _item_f(d: _Data) -> _Body | None:
    lang = d.lang
    improvement = d.actions.filter((pl.col("action_type") == "improvement") & _open_at_cut_off(d.cut_off))
    rows = d.scorecard_rows
    at_risk = rows.filter(pl.col("status") == "at_risk").height
    missed = rows.filter(pl.col("status") == "missed").height
    own = None
    if improvement.height or at_risk or missed:
        text = t("review.f.summary", lang, n=improvement.height, at_risk=at_risk, missed=missed)
        own = _Body(text, True, [text], [], [])
    return _merge(own, _indicators_body(d, "9.3.2.f", t("review.item.9.3.2.f", lang)))


def _item_e14_objectives(d: _Data) -> _Body | None:
    lang = d.lang
    env = d.scorecard_rows.filter(pl.col("domain") == "E")
    judged = env.filter(pl.col("status").is_in(["met", "at_risk", "missed"]))
    if judged.is_empty():
        return None
    missed = env.filter(pl.col("status") == "missed")
    if missed.is_empty():
        return _Body(t("review.e14.none", lang), True, [], [], [])
    # A plan: an action opened on the objective itself (origin 'objective'), whatever its progress.
    plans = d.actions.filter((pl.col("origin") == "objective") & (pl.col("status") != "cancelled"))
    planned_objectives = set(plans["origin_id"].to_list())
    findings, with_plan = [], 0
    for r in missed.iter_rows(named=True):
        has_plan = r["objective_id"] in planned_objectives
        with_plan += has_plan
        if not has_plan:
            findings.append(t("review.e14.no_plan", lang, name=_name(r, lang)))
    text = t("review.e14.summary", lang, missed=missed.height, with_plan=with_plan)
    return _Body(
        text,
        True,
        [text, *findings],
        [],
        [_indicator_table(missed, lang, t("review.item.14001.objectives", lang))],
    )


def _body(d: _Data, ref: str) -> _Body | None:
    lang = d.lang
    title = t(f"review.item.{ref}", lang)
    if ref == "9.3.2.a":
        return _item_a(d)
    if ref == "9.3.2.c.1":
        return _merge(
            _indicators_body(d, ref, title),
            _events_body(d, ("customer_complaint",), "review.what.customer_complaint"),
        )
    if ref == "9.3.2.c.2":
        return _item_c2(d)
    if ref == "9.3.2.c.3":
        return _item_c3(d)
    if ref == "9.3.2.c.4":
        return _item_c4(d)
    if ref == "9.3.2.c.5":
        return _item_c5(d)
    if ref == "9.3.2.c.6":
        return _item_c6(d)
    if ref == "9.3.2.c.7":
        return _item_c7(d)
    if ref == "9.3.2.e":
        return _merge(_actions_of(d, "preventive", "review.e.actions"), _indicators_body(d, ref, title))
    if ref == "9.3.2.f":
        return _item_f(d)
    if ref == "14001.objectives":
        return _item_e14_objectives(d)
    if ref == "14001.aspects":
        return _merge(
            _indicators_body(d, ref, title),
            _events_body(d, ("environmental_incident",), "review.what.environmental_incident"),
        )
    if ref == "45001.incidents":
        return _merge(_indicators_body(d, ref, title), _events_body(d, SAFETY_EVENTS, "review.what.safety"))
    return _indicators_body(
        d, ref, title
    )  # b, d, 14001 compliance/communications, 45001 legal/compliance/consultation


def _item(d: _Data, ref: str, clause: str) -> ReviewItem:
    lang = d.lang
    title = t(f"review.item.{ref}", lang)
    if ref in ORGANISATION_ONLY and not d.whole:
        return ReviewItem(
            ref, clause, title, t("review.not_in_pilot_scope", lang), False, sheet_name=SHEET_NAMES[lang][ref]
        )
    body = _body(d, ref)
    written = d.inputs.get(ref)
    if body is None or not body.has_data:
        if written:
            body = _Body(written["text"].split("\n")[0][:300], True, [], [], [])
        elif body is None:
            body = _empty(d, "review.no_written" if ref in ORGANISATION_ONLY else "review.no_data_in_scope")
    return ReviewItem(
        ref=ref,
        clause=clause,
        title=title,
        takeaway=body.takeaway,
        has_data=body.has_data,
        findings=body.findings,
        charts=body.charts,
        tables=body.tables,
        written=written["text"] if written else None,
        written_by=written["writer_name"] if written else None,
        sheet_name=SHEET_NAMES[lang][ref],
    )


def _decisions(d: _Data) -> list[Decision]:
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


def _scope_label(d: _Data, con, lang: str) -> str:
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
    items = [_item(d, ref, clause) for ref, clause in ITEMS]
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
    summary = PackTable(t("review.objectives_summary", lang), _attainment_data(d.attainment_by_domain, lang))
    return ReviewPack(meta, items, _decisions(d), summary, pack_labels(lang))
