"""What the drift page says: verdicts, directions and drifts in words and symbols, the worst-drifts table,
the heat map's and the projection's tables, sentences (takeaways, text alternatives) and headline figures.
Verdicts, directions and gaps are said in words and symbols as well as colours. No Streamlit here; the
figures (`smqse.charts.drift`) take their words from here.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from smqse.analysis import drift as analysis
from smqse.charts import palette
from smqse.i18n import (
    format_month,
    format_month_short,
    format_number,
    format_signed_percent,
    format_value,
    join_words,
    t,
)
from smqse.model import Status
from smqse.views.drift import heatmap_grid, is_cumulative, running_series
from smqse.words.shared import is_missing, short_name, sparkline_values, status_text, target_text, trend_words

VERDICT_ICONS = {
    analysis.ON_TRACK: "✓",
    analysis.AT_RISK: "⚠",
    analysis.WILL_MISS: "✗",
    analysis.NO_OBJECTIVE: "–",
    analysis.NO_DATA: "?",
}


DIRECTION_ICONS = {analysis.IMPROVING: "▲", analysis.STABLE: "◆", analysis.WORSENING: "▼"}


DRIFT_ICON = "↯"


# Heat-map cell symbols: the status to date in a character that prints in every font.
CELL_SYMBOLS = {
    Status.MET.value: "✓",
    Status.AT_RISK.value: "!",
    Status.MISSED.value: "✗",
}


def indicator_name(row: dict, lang: str) -> str:
    """The indicator's name in the language, French when it has none, its id when it has no name."""
    return row.get(f"name_{lang}") or row.get("name_fr") or row.get("indicator_id") or ""


# --- one row's verdict, direction, drift and numbers in words -----------------------------------------------


def verdict_text(verdict: str | None, lang: str) -> str:
    """`✗ Sera manqué`, `⚠ À risque`, `✓ En bonne voie`."""
    if verdict is None:
        return "—"
    return f"{VERDICT_ICONS.get(verdict, '')} {t(f'drift.verdict.{verdict}', lang)}".strip()


def verdict_word(verdict: str, lang: str) -> str:
    """The verdict in words alone (`Sera manqué`), for a label that shows its own icon."""
    return t(f"drift.verdict.{verdict}", lang)


def direction_text(row: dict, lang: str) -> str:
    """`▼ Se dégrade ↗`: the meaning by polarity, and the arrow of the values' slope."""
    direction = row.get("direction") or analysis.STABLE
    slope = row.get("slope_per_month")
    text = f"{DIRECTION_ICONS[direction]} {t(f'drift.direction.{direction}', lang)}"
    if direction != analysis.STABLE and not is_missing(slope):
        text += " ↗" if slope > 0 else " ↘"
    return text


def drift_text(row: dict, lang: str) -> str:
    """`↯ mars 2026 ↘ (défavorable)` or `~ Aucune`."""
    if not row.get("drift"):
        return f"{palette.NOISE_ICON} {t('drift.drift.none', lang)}"
    arrow = "↗" if row.get("drift_direction") == "up" else "↘"
    text = f"{DRIFT_ICON} {format_month_short(row.get('drift_period'), lang)} {arrow}"
    favourable = row.get("drift_favourable")
    if favourable is not None:
        text += f" ({t('signal.favourable' if favourable else 'signal.unfavourable', lang)})"
    return text


def site_label(row: dict, site_names: dict[str, str], lang: str) -> str:
    site = row.get("site_id")
    return t("drift.scope_level", lang) if site is None else short_name(site_names.get(site, site))


def objective_text(row: dict, lang: str) -> str:
    """The objective at the deadline: `≤ 1 360 tCO2e`, `≥ 93,8 %`, `7 ± 1 pH`."""
    return target_text(row.get("target_value"), row, lang)


def projection_text(row: dict, lang: str) -> str:
    """`1 603 tCO2e (1 593 – 1 614)`."""
    value = row.get("projected_value")
    if is_missing(value):
        return "—"
    unit = row.get("unit")
    low, high = row.get("projected_lower"), row.get("projected_upper")
    if is_missing(low) or is_missing(high) or abs(high - low) < 1e-12:
        return format_value(value, unit, lang)
    return f"{format_value(value, unit, lang)} ({format_number(low, lang)} – {format_number(high, lang)})"


def alert_text(row: dict, lang: str) -> str:
    """`déjà depuis janv. 2026`, `déc. 2026`, `—` (no alert threshold), `non franchi`."""
    if is_missing(row.get("alert_value")) or is_missing(row.get("target_value")):
        return "—"
    period = row.get("alert_period")
    if period is None:
        return t("drift.alert.not_crossed", lang)
    month = format_month_short(period, lang)
    return t("drift.alert.already", lang, month=month) if row.get("alert_already") else month


def gap_pct_text(value: float | None, lang: str) -> str:
    """`+12,5 %`, `-100 %` in French, `+12.5%` in English (positive = worse)."""
    if is_missing(value):
        return "—"
    return format_signed_percent(value, lang, 1 if abs(value) < 100 else 0)


# --- the worst-drifts table ---------------------------------------------------------------------------------


def build_drift_table(rows: pl.DataFrame, site_names: dict[str, str], lang: str) -> pl.DataFrame:
    """One display row per indicator (and site objective), in the report's order (worst first). Gaps in %
    of the target are text written the page's way (`-100,0 %`): the grid's number formats know no decimal
    comma, and the rows already come worst first."""
    out: dict[str, list] = {k: [] for k in (
        "row_id", "verdict", "status", "indicator_id", "indicator", "site", "gap_now_pct", "gap_ytd_pct",
        "direction", "drift", "objective", "projection", "projected_gap_pct", "alert", "trend", "trend_words", "model")}  # fmt: skip
    for row in rows.iter_rows(named=True):
        out["row_id"].append(row["row_id"])
        out["verdict"].append(verdict_text(row["verdict"], lang))
        out["status"].append(status_text(row.get("status"), lang))
        out["indicator_id"].append(row["indicator_id"])
        out["indicator"].append(indicator_name(row, lang))
        out["site"].append(site_label(row, site_names, lang))
        out["gap_now_pct"].append(gap_pct_text(row.get("gap_now_pct"), lang))
        out["gap_ytd_pct"].append(gap_pct_text(row.get("gap_ytd_pct"), lang))
        out["direction"].append(direction_text(row, lang))
        out["drift"].append(drift_text(row, lang))
        out["objective"].append(objective_text(row, lang))
        out["projection"].append(projection_text(row, lang))
        out["projected_gap_pct"].append(gap_pct_text(row.get("projected_gap_pct"), lang))
        out["alert"].append(alert_text(row, lang))
        out["trend"].append(sparkline_values(row.get("history_values") or []))
        out["trend_words"].append(trend_words(row.get("history_values") or [], lang))
        out["model"].append(model_text(row, lang))
    schema = {k: pl.String for k in out}
    schema["trend"] = pl.List(pl.Float64)
    return pl.DataFrame(out, schema=schema)


def drift_table_labels(lang: str) -> dict[str, str]:
    return {key: t(f"drift.col.{key}", lang) for key in (
        "row_id", "verdict", "status", "indicator_id", "indicator", "site", "gap_now_pct", "gap_ytd_pct",
        "direction", "drift", "objective", "projection", "projected_gap_pct", "alert", "trend", "model")} | {
        "trend_words": t("a11y.trend_col", lang)}  # fmt: skip


def model_text(row: dict, lang: str) -> str:
    method = row.get("method")
    if method in (None, "none"):
        return "—"
    n = row.get("model_points") or 0
    if method == "model_average":
        # The leading model class and its weight, e.g. "local_level_drift+season" at 0.62.
        code = row.get("model") or ""
        name = t(f"drift.model.{code.removesuffix('+season')}", lang)
        if code.endswith("+season"):
            name = t("drift.model.seasonal", lang, model=name)
        share = round(100 * (row.get("model_weight") or 1.0))
        return t("drift.method.model_average", lang, model=name, share=share, n=n)
    return t(f"drift.method.{method}", lang, model=row.get("model") or "", n=n)


# --- heat map -----------------------------------------------------------------------------------------------


def heatmap_cell_text(cell: dict | None, lang: str) -> str:
    """`✗ +12,5 % ↯`: the status symbol, the gap to date and ↯ for an unfavourable drift (`—` without a gap)."""
    if cell is None or is_missing(cell.get("gap_ytd_pct")):
        return "—"
    text = f"{CELL_SYMBOLS.get(cell.get('status'), '')} {gap_pct_text(cell['gap_ytd_pct'], lang)}".strip()
    if cell.get("drift") and cell.get("drift_favourable") is False:
        text += f" {DRIFT_ICON}"
    return text


def heatmap_takeaway(
    site_gaps: pl.DataFrame, site_names: dict[str, str], names: dict[str, str], lang: str
) -> str:
    judged = site_gaps.filter(pl.col("gap_ytd_pct").is_not_null())
    if judged.is_empty():
        return t("drift.heatmap.takeaway_none", lang)
    behind = judged.filter(pl.col("gap_ytd_pct") > 0)
    worst = judged.sort("gap_ytd_pct", descending=True).row(0, named=True)
    drifting = judged.filter(pl.col("drift") & (pl.col("drift_favourable") == False))  # noqa: E712
    text = t(
        "drift.heatmap.takeaway",
        lang,
        behind=len(behind),
        judged=len(judged),
        indicator=worst["indicator_id"],
        name=names.get(worst["indicator_id"], worst["indicator_id"]),
        site=short_name(site_names.get(worst["site_id"], worst["site_id"])),
        gap=gap_pct_text(worst["gap_ytd_pct"], lang),
    )
    if len(drifting):
        text += " " + t("drift.heatmap.takeaway_drifts", lang, n=len(drifting))
    return text


def heatmap_alt(site_gaps: pl.DataFrame, site_names: dict[str, str], lang: str, *, listed: int = 12) -> str:
    judged = site_gaps.filter(pl.col("gap_ytd_pct").is_not_null()).sort("gap_ytd_pct", descending=True)
    behind = [r for r in judged.iter_rows(named=True) if r["gap_ytd_pct"] > 0]
    parts = [
        f"{r['indicator_id']} {short_name(site_names.get(r['site_id'], r['site_id']))} "
        f"{gap_pct_text(r['gap_ytd_pct'], lang)}"
        for r in behind[:listed]
    ]
    intro = t("drift.heatmap.alt", lang, n=len(judged), behind=len(behind))
    return f"{intro} {join_words(parts, lang)}." if parts else intro


def build_heatmap_table(
    site_gaps: pl.DataFrame, indicators: pl.DataFrame, site_names: dict[str, str], lang: str
) -> pl.DataFrame:
    """The heat map's numbers: one row per indicator and site with a gap."""
    units = {r["indicator_id"]: r.get("unit") for r in indicators.iter_rows(named=True)}
    names = {r["indicator_id"]: indicator_name(r, lang) for r in indicators.iter_rows(named=True)}
    order = {iid: k for k, iid in enumerate(heatmap_grid(site_gaps, indicators, list(site_names))[0])}
    rows = sorted(
        (r for r in site_gaps.iter_rows(named=True) if r["indicator_id"] in order),
        key=lambda r: (order[r["indicator_id"]], short_name(site_names.get(r["site_id"], r["site_id"]))),
    )
    status_words = {s: t(f"status.{s}", lang) for s in (Status.MET, Status.AT_RISK, Status.MISSED)}
    return pl.DataFrame(
        {
            "indicator_id": [r["indicator_id"] for r in rows],
            "indicator": [names.get(r["indicator_id"], "") for r in rows],
            "site": [short_name(site_names.get(r["site_id"], r["site_id"])) for r in rows],
            "ytd": [format_value(r["ytd_value"], units.get(r["indicator_id"]), lang) for r in rows],
            "target": [format_value(r["target_due"], units.get(r["indicator_id"]), lang) for r in rows],
            "gap": [gap_pct_text(r["gap_ytd_pct"], lang) for r in rows],
            "status": [
                f"{CELL_SYMBOLS.get(r['status'], '')} {status_words.get(r['status'], '—')}".strip() for r in rows
            ],
            "drift": [drift_text(r, lang) for r in rows],
        },
        schema={k: pl.String for k in ("indicator_id", "indicator", "site", "ytd", "target", "gap", "status",
                                       "drift")},
    )  # fmt: skip


def heatmap_table_labels(lang: str) -> dict[str, str]:
    return {k: t(f"drift.heatmap.col.{k}", lang) for k in (
        "indicator_id", "indicator", "site", "ytd", "target", "gap", "status", "drift")}  # fmt: skip


# --- one indicator's projection -----------------------------------------------------------------------------


def describe_verdict(row: dict, lang: str) -> str:
    """The verdict in a sentence with its numbers."""
    verdict = row.get("verdict")
    unit = row.get("unit")
    deadline = row.get("deadline")
    if verdict == analysis.NO_DATA:
        return t("drift.explain.no_data", lang)
    values = {
        "deadline": format_month(date(deadline.year, deadline.month, 1), lang) if deadline else "—",
        "projection": projection_text(row, lang),
        "level": format_number((row.get("interval_level") or 0.8) * 100, lang, 0),
        "objective": objective_text(row, lang),
        "alert": format_value(row.get("alert_value"), unit, lang),
        "quantity": t("drift.quantity.sum" if is_cumulative(row) else f"drift.quantity.{row.get('aggregation')}",
                      lang),
    }  # fmt: skip
    if verdict == analysis.NO_OBJECTIVE:
        values["quantity"] = values["quantity"][:1].lower() + values["quantity"][1:]
    sentence = t(f"drift.explain.{verdict}", lang, **values)
    if verdict in (analysis.AT_RISK, analysis.WILL_MISS, analysis.ON_TRACK) and not is_missing(
        row.get("alert_value")
    ):
        period = row.get("alert_period")
        if period is not None:
            key = "drift.explain.alert_already" if row.get("alert_already") else "drift.explain.alert_future"
            sentence += " " + t(key, lang, month=format_month(period, lang), alert=values["alert"])
    return sentence


def projection_takeaway(row: dict, lang: str) -> str:
    return f"{verdict_text(row.get('verdict'), lang)} — {describe_verdict(row, lang)}"


def projection_alt(row: dict, lang: str) -> str:
    unit = row.get("unit")
    periods = row.get("history_periods") or []
    values = [v for v in (row.get("history_values") or []) if not is_missing(v)]
    parts = [
        t(
            "drift.projection.alt",
            lang,
            name=indicator_name(row, lang),
            start=format_month(periods[0], lang) if periods else "—",
            end=format_month(periods[-1], lang) if periods else "—",
            low=format_value(min(values), unit, lang) if values else "—",
            high=format_value(max(values), unit, lang) if values else "—",
            model=model_text(row, lang),
        )
    ]
    parts.append(describe_verdict(row, lang))
    parts.append(f"{t('drift.col.direction', lang)}: {direction_text(row, lang)}.")
    parts.append(f"{t('drift.col.drift', lang)}: {drift_text(row, lang)}.")
    return " ".join(parts)


def build_projection_table(row: dict, lang: str) -> pl.DataFrame:
    """The projection chart's numbers: month, actual, fitted, projected and the interval bounds."""
    unit = row.get("unit")
    if is_cumulative(row):
        months, flags, values, lower, upper = running_series(row)
        data = [
            (m, None if f else v, None, v if f else None, lo if f else None, hi if f else None)
            for m, f, v, lo, hi in zip(months, flags, values, lower, upper, strict=True)
        ]
    else:
        hist = zip(row.get("history_periods") or [], row.get("history_values") or [],
                   row.get("fitted_values") or [], strict=True)  # fmt: skip
        data = [(m, v, f, None, None, None) for m, v, f in hist]
        data += list(
            zip(
                row.get("forecast_periods") or [],
                [None] * len(row.get("forecast_periods") or []),
                [None] * len(row.get("forecast_periods") or []),
                row.get("forecast_mean") or [],
                row.get("forecast_lower") or [],
                row.get("forecast_upper") or [],
                strict=True,
            )
        )
    return pl.DataFrame(
        {
            "month": [format_month_short(d[0], lang) for d in data],
            "actual": [format_value(d[1], unit, lang) if d[1] is not None else "" for d in data],
            "fitted": [format_value(d[2], unit, lang) if d[2] is not None else "" for d in data],
            "projected": [format_value(d[3], unit, lang) if d[3] is not None else "" for d in data],
            "lower": [format_value(d[4], unit, lang) if d[4] is not None else "" for d in data],
            "upper": [format_value(d[5], unit, lang) if d[5] is not None else "" for d in data],
        },
        schema={k: pl.String for k in ("month", "actual", "fitted", "projected", "lower", "upper")},
    )


def projection_table_labels(row: dict, lang: str) -> dict[str, str]:
    level = format_number((row.get("interval_level") or 0.8) * 100, lang, 0)
    labels = {k: t(f"drift.projection.col.{k}", lang, level=level) for k in (
        "month", "actual", "fitted", "projected", "lower", "upper")}  # fmt: skip
    if is_cumulative(row):
        labels["actual"] = t("drift.projection.col.actual_cumulative", lang)
    return labels


def detail_figures(row: dict, lang: str) -> list[tuple[str, str, str]]:
    """Headline numbers of one row: (label, short value, help). Values are short so that a metric tile
    shows them whole; the values with their units and the interval are in the help and the takeaway."""
    unit = row.get("unit")
    latest = row.get("latest_period")
    alert_label = t("drift.figure.alert", lang)
    if row.get("alert_period") is not None and row.get("alert_already"):
        alert_label = t("drift.figure.alert_already", lang)
    alert_value = alert_text(row, lang)
    if row.get("alert_period") is not None:
        alert_value = format_month_short(row["alert_period"], lang)
    figures = {
        "now": format_value(row.get("latest_value"), unit, lang),
        "ytd": format_value(row.get("ytd_value"), unit, lang),
        "projection": projection_text(row, lang),
    }
    return [
        (
            t("drift.figure.gap_now", lang, month=format_month_short(latest, lang)),
            gap_pct_text(row.get("gap_now_pct"), lang),
            t("drift.figure.value_help", lang, value=figures["now"]) + " " + t("drift.col.gap_now_pct_help", lang),
        ),
        (
            t("drift.figure.gap_ytd", lang),
            gap_pct_text(row.get("gap_ytd_pct"), lang),
            t("drift.figure.value_help", lang, value=figures["ytd"]) + " " + t("drift.col.gap_ytd_pct_help", lang),
        ),
        (
            t("drift.figure.projection", lang, month=format_month_short(row.get("deadline"), lang),
              unit=(unit or "").strip() or "—"),
            format_number(row.get("projected_value"), lang),
            t("drift.figure.value_help", lang, value=figures["projection"]) + " "
            + t("drift.col.projection_help", lang),
        ),
        (alert_label, alert_value, t("drift.col.alert_help", lang)),
    ]  # fmt: skip
