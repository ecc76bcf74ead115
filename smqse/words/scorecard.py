"""What the scorecard says: the attainment table and its sentences, the main table of every indicator, the
changes of status, one indicator's status in a sentence, its trend's takeaway, text alternative and table,
and its headline figures. Statuses are said in words and icons as well as colours. No Streamlit here; the
figures (`smqse.charts.scorecard`) take their words from here.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from smqse.analysis.kpi import URGENCY, sort_most_urgent
from smqse.charts import palette
from smqse.i18n import (
    format_month,
    format_month_iso,
    format_month_short,
    format_percent,
    format_value,
    join_words,
    label,
    t,
    t_md,
    tn,
)
from smqse.model import Aggregation, Polarity, Status
from smqse.views.scorecard import judged_count, ordered_attainment, sort_by_domain, trend_limits, trend_points
from smqse.words.shared import (
    describe_signal,
    domain_text,
    is_missing,
    short_name,
    signal_words,
    sparkline_values,
    status_text,
    target_text,
    trend_words,
)


def indicator_name(row: dict, lang: str, prefix: str = "") -> str:
    """The name in the language, French when it has none (`prefix="process_"`: its process's name)."""
    return row.get(f"{prefix}name_{lang}") or row.get(f"{prefix}name_fr") or ""


def group_label(group: dict, grouping: str, lang: str) -> str:
    """An attainment group's name: the domain in words, the process's or the site's short name."""
    if grouping == "domain":
        return domain_text(group["group_id"], lang)
    return short_name(indicator_name(group, lang)) or str(group["group_id"])


# --- attainment ---------------------------------------------------------------------------------------------


def attainment_bar_label(group: dict, grouping: str, lang: str) -> str:
    """A bar's label: the group's name, and how many of its judged indicators meet their objective."""
    if not judged_count(group):
        return group_label(group, grouping, lang)
    return t(
        "attainment.bar_label",
        lang,
        name=group_label(group, grouping, lang),
        met=int(group.get(Status.MET.value) or 0),
        judged=judged_count(group),
    )


def attainment_takeaway(frame: pl.DataFrame, grouping: str, lang: str) -> str:
    groups = ordered_attainment(frame, grouping)
    judged = sum(judged_count(g) for g in groups)
    if not groups or judged == 0:
        return t("attainment.takeaway_none", lang)
    met = sum(int(g.get(Status.MET.value) or 0) for g in groups)
    overall = t(
        "attainment.takeaway_overall", lang, met=met, judged=judged, share=format_percent(met / judged, lang)
    )
    if met == judged:
        return f"{overall} {t('attainment.takeaway_all_met', lang)}"
    rated = [g for g in groups if judged_count(g) > 0]
    if len(rated) == 1:
        return overall
    # The group to look at first: the most objectives missed, then the lowest share met.
    worst = min(rated, key=lambda g: (-int(g.get(Status.MISSED.value) or 0), g["share_met"]))
    missed = int(worst.get(Status.MISSED.value) or 0)
    key = f"attainment.takeaway_worst_{grouping}" if missed else f"attainment.takeaway_lowest_{grouping}"
    detail = t(
        key,
        lang,
        name=group_label(worst, grouping, lang),
        missed=missed,
        met=int(worst.get(Status.MET.value) or 0),
        judged=judged_count(worst),
        share=format_percent(worst["share_met"], lang),
    )
    return f"{overall} {detail}"


def attainment_alt(frame: pl.DataFrame, grouping: str, lang: str) -> str:
    parts = []
    for group in ordered_attainment(frame, grouping):
        counts = [
            tn(f"status_count.{s}", int(group.get(s) or 0), lang)
            for s in palette.STATUS_ORDER
            if int(group.get(s) or 0) > 0
        ]
        parts.append(
            t(
                "attainment.alt_group",
                lang,
                name=group_label(group, grouping, lang),
                counts=join_words(counts, lang),
            )
        )
    intro = t(f"attainment.alt_intro_{grouping}", lang)
    return f"{intro} {'; '.join(parts)}." if parts else intro


def build_attainment_table(frame: pl.DataFrame, grouping: str, lang: str) -> pl.DataFrame:
    """The attainment chart's numbers: one row per group, counts per status and share met."""
    groups = ordered_attainment(frame, grouping)
    data: dict[str, list] = {"group": [group_label(g, grouping, lang) for g in groups]}
    for status in palette.STATUS_ORDER:
        data[status] = [int(g.get(status) or 0) for g in groups]
    data["total"] = [int(g.get("total") or 0) for g in groups]
    data["share_met"] = [format_percent(g["share_met"], lang) for g in groups]
    return pl.DataFrame(
        data,
        schema={
            "group": pl.String,
            **{s: pl.Int64 for s in palette.STATUS_ORDER},
            "total": pl.Int64,
            "share_met": pl.String,
        },
    )


def attainment_table_labels(grouping: str, lang: str) -> dict[str, str]:
    labels = {"group": t(f"attainment.group_{grouping}", lang)}
    labels.update({s: status_text(s, lang) for s in palette.STATUS_ORDER})
    labels["total"] = t("attainment.total", lang)
    labels["share_met"] = t("attainment.share_met", lang)
    return labels


# --- the main table -----------------------------------------------------------------------------------------


def objective_text(row: dict, lang: str) -> str:
    """The objective the value to date is compared with: `≤ 4,0`, `≥ 95 %`, `10 ± 2`."""
    target = row.get("target_due")
    return target_text(row.get("target_value") if is_missing(target) else target, row, lang)


def build_scorecard_table(rows: pl.DataFrame, lang: str, *, by_domain: bool = False) -> pl.DataFrame:
    """One display row per indicator, most urgent first: words and formatted numbers with units, and the
    24-month series for a sparkline. Column keys are stable; `scorecard_table_labels` translates them."""
    ordered = sort_by_domain(rows) if by_domain else sort_most_urgent(rows)
    out: dict[str, list] = {
        "indicator_id": [],
        "status": [],
        "signal": [],
        "domain": [],
        "indicator": [],
        "process": [],
        "kind": [],
        "latest": [],
        "ytd": [],
        "objective": [],
        "trend": [],
        "trend_words": [],
    }
    for row in ordered.iter_rows(named=True):
        out["indicator_id"].append(row["indicator_id"])
        out["status"].append(status_text(row["status"], lang))
        out["signal"].append(signal_words(row, lang))
        out["domain"].append(domain_text(row["domain"], lang))
        out["indicator"].append(indicator_name(row, lang))
        out["process"].append(indicator_name(row, lang, "process_"))
        out["kind"].append(label("kind", row.get("kind"), lang))
        out["latest"].append(format_value(row.get("latest_value"), row.get("unit"), lang))
        out["ytd"].append(format_value(row.get("ytd_value"), row.get("unit"), lang))
        out["objective"].append(objective_text(row, lang))
        values = row.get("trend_values") or []
        out["trend"].append(sparkline_values(values))
        out["trend_words"].append(trend_words(values, lang))
    schema = {k: pl.String for k in out}
    schema["trend"] = pl.List(pl.Float64)
    return pl.DataFrame(out, schema=schema)


def scorecard_table_labels(lang: str) -> dict[str, str]:
    return {key: t(f"table.{key}", lang) for key in (
        "indicator_id", "status", "signal", "domain", "indicator", "process", "kind", "latest", "ytd",
        "objective", "trend")} | {"trend_words": t("a11y.trend_col", lang)}  # fmt: skip


# --- what changed since last month --------------------------------------------------------------------------


def build_changes(changed: pl.DataFrame, lang: str) -> list[str]:
    """ "✗ TF1 — Lost-time injury frequency rate: ⚠ At risk → ✗ Missed", one line per changed status, as
    Markdown (the names are escaped)."""
    lines = []
    ordered = (
        changed.with_columns(
            pl.col("status").replace_strict(URGENCY, default=5, return_dtype=pl.Int64).alias("_u")
        ).sort(["_u", "indicator_id"])
        if len(changed)
        else changed
    )
    for row in ordered.iter_rows(named=True):
        lines.append(
            t_md(
                "changes.line",
                lang,
                id=row["indicator_id"],
                name=indicator_name(row, lang),
                before=status_text(row["previous_status"], lang),
                after=status_text(row["status"], lang),
            )
        )
    return lines


# --- one indicator ------------------------------------------------------------------------------------------


def describe_status(row: dict, lang: str) -> str:
    """Why the indicator has its status, in a sentence with the numbers."""
    status = row.get("status")
    as_of = row.get("latest_period")
    # The value to date starts with the objective's period (January without an objective).
    window_start = row.get("window_start") or (date(as_of.year, 1, 1) if as_of else None)
    year_start = format_month(window_start, lang) if window_start else ""
    if status == Status.NO_DATA:
        return t("status_explain.no_data", lang, start=year_start)
    if status == Status.NO_OBJECTIVE:
        return t("status_explain.no_objective", lang, month=format_month(as_of, lang))
    unit = row.get("unit")
    target = row.get("target_due")
    if is_missing(target):
        target = row.get("target_value")
    alert = row.get("alert_due")
    if is_missing(alert):
        alert = row.get("alert_value")
    polarity = row.get("polarity") or Polarity.LOWER_BETTER
    values = {
        "value": format_value(row.get("ytd_value"), unit, lang),
        "target": format_value(target, unit, lang),
        "alert": format_value(alert, unit, lang),
        "tolerance": format_value(row.get("tolerance"), unit, lang),
        "start": year_start,
    }
    key = f"status_explain.{status}.{polarity}"
    if status == Status.MISSED and is_missing(alert):
        key += ".no_alert"
    sentence = t(key, lang, **values)
    if row.get("aggregation") == Aggregation.SUM and not is_missing(row.get("target_value")):
        total = row.get("target_value")
        if not is_missing(target) and abs(float(total) - float(target)) > 1e-9:
            deadline = row.get("deadline")
            sentence += " " + t(
                "status_explain.prorated",
                lang,
                total=format_value(total, unit, lang),
                deadline=format_month(deadline, lang) if deadline else "—",
            )
    return sentence


def trend_takeaway(row: dict, lang: str) -> str:
    """The latest value against the 24-month mean, then the control chart's verdict."""
    periods, values = trend_points(row)
    points = [(p, v) for p, v in zip(periods, values, strict=False) if v is not None]
    if not points:
        return t("trend.takeaway_empty", lang)
    unit = row.get("unit")
    mean = sum(v for _, v in points) / len(points)
    text = t(
        "trend.takeaway",
        lang,
        month=format_month(points[-1][0], lang),
        last=format_value(points[-1][1], unit, lang),
        mean=format_value(mean, unit, lang),
    )
    return f"{text} {signal_words(row, lang)}."


def trend_alt(row: dict, lang: str) -> str:
    periods, values = trend_points(row)
    unit = row.get("unit")
    points = [(p, v) for p, v in zip(periods, values, strict=False) if v is not None]
    name = indicator_name(row, lang)
    if not points:
        return t("trend.alt_empty", lang, name=name)
    low = min(points, key=lambda pv: pv[1])
    high = max(points, key=lambda pv: pv[1])
    last = points[-1]
    text = t(
        "trend.alt",
        lang,
        name=name,
        n=len(points),
        start=format_month(periods[0], lang),
        end=format_month(periods[-1], lang),
        last=format_value(last[1], unit, lang),
        last_month=format_month(last[0], lang),
        low=format_value(low[1], unit, lang),
        low_month=format_month(low[0], lang),
        high=format_value(high[1], unit, lang),
        high_month=format_month(high[0], lang),
    )
    target = row.get("target_value")
    if not is_missing(target) and row.get("aggregation") != Aggregation.SUM:
        text += " " + t("trend.alt_target", lang, target=format_value(target, unit, lang))
    return f"{text} {describe_signal(row, lang)}"


def build_trend_table(row: dict, lang: str) -> pl.DataFrame:
    """The trend chart's numbers: month, formatted value and the natural process limits."""
    periods, values = trend_points(row)
    ucl, lcl = trend_limits(row)
    unit = row.get("unit")
    return pl.DataFrame(
        {
            "month": [format_month_short(p, lang) for p in periods],
            "period": [format_month_iso(p) for p in periods],
            "value": [format_value(v, unit, lang) for v in values],
            "lcl": [format_value(v, unit, lang) for v in lcl],
            "ucl": [format_value(v, unit, lang) for v in ucl],
        },
        schema={
            "month": pl.String,
            "period": pl.String,
            "value": pl.String,
            "lcl": pl.String,
            "ucl": pl.String,
        },
    )


def trend_table_labels(lang: str) -> dict[str, str]:
    return {key: t(f"trend.col.{key}", lang) for key in ("month", "period", "value", "lcl", "ucl")}


def detail_figures(row: dict, lang: str) -> list[tuple[str, str]]:
    """The headline numbers of one indicator, as (label, formatted value) pairs."""
    unit = row.get("unit")
    as_of = row.get("latest_period")
    return [
        (
            t("detail.latest", lang, month=format_month_short(as_of, lang)),
            format_value(row.get("latest_value"), unit, lang),
        ),
        (t("detail.ytd", lang), format_value(row.get("ytd_value"), unit, lang)),
        (t("detail.objective", lang), objective_text(row, lang)),
        (
            t("detail.alert", lang),
            format_value(
                row.get("alert_due") if not is_missing(row.get("alert_due")) else row.get("alert_value"),
                unit,
                lang,
            ),
        ),
    ]
