"""Shared pieces of the review items: the data read once for a pack, indicator tables and trend charts,
event counts per month and per 7M category, and the small "body" each item is built from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl

from smqse.aggregation_notes import describe_aggregation_notes
from smqse.analysis import kpi
from smqse.charts import figure_alt, figure_takeaway
from smqse.charts.palette import STATUS_ICONS
from smqse.charts.review import build_count_bars, build_monthly_lines
from smqse.charts.scorecard import build_trend_chart
from smqse.frames import mapped
from smqse.i18n import format_month, format_month_short, format_percent, format_value, label, t, tn
from smqse.review.model import PackChart, PackTable
from smqse.scope import Scope
from smqse.views.pareto import category_label
from smqse.views.scorecard import trend_points
from smqse.words.scorecard import objective_text

# (ref, printed clause). Order = the agenda: ISO 9001 §9.3.2, then the ISO 14001 and 45001 additions.

MAX_TREND_CHARTS = 2  # per item: the indicators most in need of attention
CLOSED = ("done", "verified")
SAFETY_EVENTS = ("accident", "incident", "near_miss")


@dataclass
class ReviewData:
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
    # Per indicator, the stored rows the figures to date could not use (kpi.LEFT_OUT_SCHEMA).
    left_out: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=kpi.LEFT_OUT_SCHEMA))


# --- shared pieces ------------------------------------------------------------------------------------


def name_of(row: dict, lang: str) -> str:
    return row.get(f"name_{lang}") or row.get("name_fr") or row["indicator_id"]


def status_words(status: str | None, lang: str) -> str:
    if status is None:
        return "—"
    return f"{STATUS_ICONS.get(status, '')} {label('status', status, lang)}".strip()


def signal_words(row: dict, lang: str) -> str:
    if not row.get("signal"):
        return t("review.signal.none", lang)
    return t(
        "review.signal.favourable" if row.get("signal_favourable") else "review.signal.unfavourable", lang
    )


def indicator_table(rows: pl.DataFrame, lang: str, title: str) -> PackTable:
    records = list(rows.iter_rows(named=True))
    return PackTable(
        title,
        pl.DataFrame(
            {
                t("review.col.indicator", lang): [name_of(r, lang) for r in records],
                t("review.col.latest", lang): [
                    format_value(r["latest_value"], r["unit"], lang) for r in records
                ],
                t("review.col.ytd", lang): [format_value(r["ytd_value"], r["unit"], lang) for r in records],
                t("review.col.objective", lang): [objective_text(r, lang) for r in records],
                t("review.col.status_to_date", lang): [status_words(r["status"], lang) for r in records],
                t("review.col.signal", lang): [signal_words(r, lang) for r in records],
            },
            schema={
                t(f"review.col.{c}", lang): pl.String
                for c in ("indicator", "latest", "ytd", "objective", "status_to_date", "signal")
            },
        ),
        data=pl.DataFrame(
            {
                t("review.col.indicator", lang): [name_of(r, lang) for r in records],
                t("review.col.unit", lang): [r["unit"] for r in records],
                t("review.col.latest", lang): [r["latest_value"] for r in records],
                t("review.col.ytd", lang): [r["ytd_value"] for r in records],
                t("review.col.target", lang): [
                    r.get("target_due") if r.get("target_due") is not None else r.get("target_value")
                    for r in records
                ],
                t("review.col.status_to_date", lang): [label("status", r["status"], lang) for r in records],
                t("review.col.signal", lang): [signal_words(r, lang) for r in records],
            },
            schema={
                t("review.col.indicator", lang): pl.String,
                t("review.col.unit", lang): pl.String,
                t("review.col.latest", lang): pl.Float64,
                t("review.col.ytd", lang): pl.Float64,
                t("review.col.target", lang): pl.Float64,
                t("review.col.status_to_date", lang): pl.String,
                t("review.col.signal", lang): pl.String,
            },
        ),
    )


def needs_attention(rows: pl.DataFrame) -> pl.DataFrame:
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


def trend_chart(row: dict, lang: str) -> PackChart:
    fig = build_trend_chart(row, lang)
    periods, values = trend_points(row)
    name = name_of(row, lang)
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


def bar_chart(
    frame: pl.DataFrame, title: str, takeaway: str, lang: str, *, stacked: bool = False
) -> PackChart:
    fig = build_count_bars(frame, title, takeaway, lang, stacked=stacked)
    return PackChart(title, fig, frame, takeaway, figure_alt(fig), kind="stacked_bar" if stacked else "bar")


def line_chart(frame: pl.DataFrame, title: str, takeaway: str, lang: str) -> PackChart:
    fig = build_monthly_lines(frame, title, takeaway, lang)
    return PackChart(title, fig, frame, takeaway, figure_alt(fig), kind="line")


def indicator_findings(rows: pl.DataFrame, lang: str, limit: int = 4) -> list[str]:
    out = []
    for r in needs_attention(rows).iter_rows(named=True):
        if r["signal"] and not r["signal_favourable"]:
            out.append(
                t(
                    "review.ind.signal",
                    lang,
                    name=name_of(r, lang),
                    direction=t(f"review.direction.{r['signal_direction']}", lang),
                    month=format_month(r["signal_period"], lang),
                )
            )
        elif r["status"] == "missed":
            out.append(
                t(
                    "review.ind.missed",
                    lang,
                    name=name_of(r, lang),
                    ytd=format_value(r["ytd_value"], r["unit"], lang),
                    target=objective_text(r, lang),
                )
            )
        if len(out) >= limit:
            break
    return out


def indicator_summary(rows: pl.DataFrame, lang: str) -> str:
    signals = rows.filter(pl.col("signal") & ~pl.col("signal_favourable").fill_null(False)).height
    return tn(
        "review.ind.summary",
        rows.height,
        lang,
        met=tn("review.count.objectives_met", rows.filter(pl.col("status") == "met").height, lang),
        missed=tn("review.count.missed", rows.filter(pl.col("status") == "missed").height, lang),
        signals=tn("review.count.unfavourable_signals", signals, lang),
    )


@dataclass
class Body:
    takeaway: str
    has_data: bool
    findings: list[str]
    charts: list[PackChart]
    tables: list[PackTable]


def empty_body(d: ReviewData, key: str = "review.no_data_in_scope") -> Body:
    return Body(t(key, d.lang), False, [], [], [])


def indicators_body(d: ReviewData, ref: str, title: str) -> Body | None:
    """The indicators that feed this input: a table, the two most in need of attention drawn."""
    ids = [i for i, r in d.item_of.items() if r == ref]
    rows = d.scorecard_rows.filter(pl.col("indicator_id").is_in(ids))
    rows = rows.filter(pl.col("latest_value").is_not_null() | pl.col("ytd_value").is_not_null())
    notes = aggregation_findings(d, set(ids))
    if rows.is_empty():
        return Body(notes[0], False, notes, [], []) if notes else None
    ranked = needs_attention(rows)
    charts = [trend_chart(r, d.lang) for r in ranked.head(MAX_TREND_CHARTS).iter_rows(named=True)]
    return Body(
        indicator_summary(rows, d.lang),
        True,
        indicator_findings(rows, d.lang) + notes,
        charts,
        [indicator_table(ranked, d.lang, title)],
    )


def aggregation_findings(d: ReviewData, ids: set[str] | None = None) -> list[str]:
    """What the figures of these indicators are made of, where it is not plain Σ numerator / Σ
    denominator: rows left out (no denominator), simple means (smqse.aggregation_notes)."""
    return [n.text for n in describe_aggregation_notes(d.scorecard_rows, d.left_out, d.lang, only=ids)]


def merge_bodies(*bodies: Body | None) -> Body | None:
    present = [b for b in bodies if b is not None]
    if not present:
        return None
    return Body(
        " ".join(b.takeaway for b in present),
        any(b.has_data for b in present),
        [f for b in present for f in b.findings],
        [c for b in present for c in b.charts],
        [tb for b in present for tb in b.tables],
    )


def events_body(d: ReviewData, event_types: tuple[str, ...], kind: str) -> Body | None:
    """Events of these types over the period: per month (line), by 7M cause category (bars). `kind` names
    them: `review.what.<kind>` in chart titles, `review.events.<kind>` (a plural message: "1 réclamation
    client", "2 réclamations client") in the summary."""
    lang = d.lang
    events = d.events.filter(pl.col("event_type").is_in(event_types))
    previous = d.previous_events.filter(pl.col("event_type").is_in(event_types))
    if events.is_empty() and previous.is_empty():
        return None
    summary = tn(f"review.events.{kind}", events.height, lang, previous=previous.height)
    what = t(f"review.what.{kind}", lang)
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
    charts = [
        line_chart(monthly, t("review.chart.events_per_month", lang, what=what.capitalize()), summary, lang)
    ]
    findings = [summary]
    analysed = events.filter(pl.col("cause_category").is_not_null())
    if analysed.height:
        cats = (
            analysed.with_columns(cat=mapped(analysed, "cause_category", lambda c: category_label(c, lang)))
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
            bar_chart(frame, t("review.chart.by_category", lang, what=what.capitalize()), top_text, lang)
        )
    return Body(summary, True, findings, charts, [])


def open_at_cut_off(cut_off: date) -> pl.Expr:
    return (pl.col("status") != "cancelled") & (
        pl.col("closed_on").is_null() | (pl.col("closed_on") > cut_off)
    )
