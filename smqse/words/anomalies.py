"""What the anomaly watch says: the ranked table of flags, one flag in a line and in a sentence, the words
and the table of the series drawn around it (`smqse.charts.anomalies` draws it), who noted it, the data
problems and the unusual sites. No Streamlit here."""

from __future__ import annotations

import math
from datetime import date

import polars as pl

from smqse.frames import mapped
from smqse.i18n import format_date, format_month, format_month_short, format_number, format_value, t, t_md
from smqse.views.anomalies import flag_key, series_around

KIND_ICONS: dict[str, str] = {
    "spike": "▲",
    "dip": "▼",
    "shift_up": "↗",
    "shift_down": "↘",
    "missing": "?",
}
STATUS_ICONS: dict[str, str] = {
    "explained": "✎",
    "false_alarm": "⊘",
    "under_investigation": "?",
}


SCORE_CAP = 99.0  # beyond this a score only says "far outside": shown as "> 99"


def score_text(score: float | None, lang: str) -> str:
    """The score for a reader: one decimal, and "> 99" for the astronomically large scores of a series
    whose usual spread is almost nil (a rate that is nearly always 0)."""
    if is_missing(score):
        return "—"
    if score > SCORE_CAP:
        return f"> {SCORE_CAP:.0f}"
    return format_number(score, lang, 1)


def short_site(site_id: str, site_names: dict[str, str]) -> str:
    """`Valence`, not `Valence (usinage de précision, traitement thermique)`: tables and titles stay short."""
    return site_names.get(site_id, site_id).split(" (", 1)[0]


def is_missing(value: object) -> bool:
    """A value not given: None, or NaN as a frame holds it."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def kind_text(kind: str | None, lang: str) -> str:
    """The kind of flag in words, with its icon: `▲ Pic`."""
    key = kind if kind in KIND_ICONS else "other"
    return f"{KIND_ICONS.get(key, '⚠')} {t(f'anomalies.kind.{key}', lang)}"


def note_status_text(status: str | None, lang: str) -> str:
    if not status:
        return t("anomalies.note.none", lang)
    return f"{STATUS_ICONS.get(status, '')} {t(f'anomalies.status.{status}', lang)}"


def indicator_name(row: dict, lang: str) -> str:
    return row.get(f"name_{lang}") or row.get("name_fr") or row.get("indicator_id", "")


def flag_label(row: dict, site_names: dict[str, str], lang: str) -> str:
    """One flag in a line, for a selector: `▲ Pic — Q-SCRAP Taux de rebut · Lyon · 03/2026`."""
    site = short_site(row["site_id"], site_names)
    return (
        f"{kind_text(row.get('kind'), lang)} — {row['indicator_id']} {indicator_name(row, lang)} · {site} · "
        f"{format_month(row['period'], lang)}"
    )


# --- the ranked table ---------------------------------------------------------------------------------


def build_flag_table(flags: pl.DataFrame, site_names: dict[str, str], lang: str) -> pl.DataFrame:
    """One row per flag, highest score first: what the page's table shows."""
    rows = []
    for row in flags.iter_rows(named=True):
        unit = row.get("unit")
        rows.append(
            {
                "flag_id": flag_key(row),
                "score": score_text(row["score"], lang),
                "kind": kind_text(row.get("kind"), lang),
                "indicator_id": row["indicator_id"],
                "indicator": indicator_name(row, lang),
                "site": short_site(row["site_id"], site_names),
                "month": format_month(row["period"], lang),
                "value": format_value(row["value"], unit, lang),
                "expected": format_value(row["expected"], unit, lang),
                "note_status": note_status_text(row.get("note_status"), lang),
            }
        )
    schema = {k: pl.String for k in ("flag_id", "score", "kind", "indicator_id", "indicator", "site", "month",
                                     "value", "expected", "note_status")}  # fmt: skip
    return pl.DataFrame(rows, schema=schema).select(
        "flag_id", "score", "kind", "indicator_id", "indicator", "site", "month", "value", "expected",
        "note_status",
    )  # fmt: skip


def _column_labels(columns: tuple[str, ...], lang: str) -> dict[str, str]:
    return {c: t(f"anomalies.col.{c}", lang) for c in columns}


def flag_table_labels(lang: str) -> dict[str, str]:
    keys = ("score", "kind", "indicator_id", "indicator", "site", "month", "value", "expected", "note_status")
    return _column_labels(keys, lang)


# --- one flag, with its series around it ---------------------------------------------------------------


def flag_sentence(flag: dict, site_names: dict[str, str], lang: str) -> str:
    unit = flag.get("unit")
    return t(
        f"anomalies.sentence.{flag.get('kind') if flag.get('kind') in KIND_ICONS else 'other'}",
        lang,
        name=indicator_name(flag, lang),
        site=short_site(flag["site_id"], site_names),
        month=format_month(flag["period"], lang),
        value=format_value(flag["value"], unit, lang),
        expected=format_value(flag["expected"], unit, lang),
        score=score_text(flag["score"], lang),
    )


def flag_chart_alt(flag: dict, around: pl.DataFrame, site_names: dict[str, str], lang: str) -> str:
    """The text alternative of the chart around a flag: the series drawn (its months) and the flag's
    sentence."""
    return t(
        "anomalies.chart.alt",
        lang,
        name=indicator_name(flag, lang),
        site=short_site(flag["site_id"], site_names),
        n=around.height,
        first=format_month_short(around["period"].min(), lang) if around.height else "",
        last=format_month_short(around["period"].max(), lang) if around.height else "",
        sentence=flag_sentence(flag, site_names, lang),
    )


def build_flag_numbers(series: pl.DataFrame, flag: dict, lang: str) -> pl.DataFrame:
    around = series_around(series, flag)
    if "expected" not in around.columns:
        around = around.with_columns(expected=pl.lit(None, dtype=pl.Float64))
    return around.select(
        mapped(around, "period", lambda d: format_month(d, lang)).alias("month"),
        pl.col("value").round(3),
        pl.col("expected").round(3),
        (pl.col("period") == flag["period"]).alias("flagged"),
    )


def flag_numbers_labels(lang: str) -> dict[str, str]:
    return _column_labels(("month", "value", "expected", "flagged"), lang)


def noted_text(flag: dict, lang: str) -> str:
    """Who noted the flag, when, and what: `Notée « Expliquée » par Marie Dupont le 12 novembre 2026 : …`, as
    Markdown: the name and the note are escaped, a note is shown as typed (never an image or a link)."""
    when = flag.get("noted_at")
    when_text = format_date(when, lang) if when else "—"  # a date in a sentence: "12 novembre 2026"
    return t_md(
        "anomalies.noted_by",
        lang,
        status=t(f"anomalies.status.{flag['note_status']}", lang),
        who=flag.get("noted_by") or "—",
        when=when_text,
        note=flag.get("note") or "—",
    )


def month_text(month: date, lang: str) -> str:
    return format_month(month, lang)


# --- data problems ------------------------------------------------------------------------------------


def build_problem_table(problems: pl.DataFrame, site_names: dict[str, str], lang: str) -> pl.DataFrame:
    """One row per data problem, errors first: problem in words, indicator, site, month, value."""
    schema = {k: pl.String for k in ("problem", "indicator_id", "site", "month", "value")}
    if problems.is_empty():
        return pl.DataFrame(schema=schema)
    ordered = problems.sort(
        [pl.col("severity") != "error", "indicator_id", "site_id", "period"],
        descending=[False, False, False, True],
    )
    rows = [
        {
            "problem": f"{'⊘' if r.get('severity') == 'error' else '⚠'} {problem_text(r['problem'], lang)}",
            "indicator_id": r["indicator_id"],
            "site": short_site(r["site_id"], site_names),
            "month": format_month(r["period"], lang),
            "value": "" if is_missing(r.get("value")) else format_number(r["value"], lang),
        }
        for r in ordered.iter_rows(named=True)
    ]
    return pl.DataFrame(rows, schema=schema)


def problem_text(problem: str, lang: str) -> str:
    return t(f"anomalies.problem.{problem}", lang)


def problem_table_labels(lang: str) -> dict[str, str]:
    return _column_labels(("problem", "indicator_id", "site", "month", "value"), lang)


# --- unusual sites ------------------------------------------------------------------------------------


def contributors_text(top: list[dict] | None, names: dict[str, str], lang: str) -> str:
    """`Taux de rebut (bien au-dessus), Heures de formation (bien en dessous)`."""
    parts = []
    for item in top or []:
        name = names.get(item["indicator_id"], item["indicator_id"])
        direction = t(f"anomalies.direction.{item.get('direction') or 'up'}", lang)
        parts.append(f"{name} ({direction}, z {format_number(item['z'], lang, 1)})")
    return " · ".join(parts) or "—"


def build_sites_table(
    unusual: pl.DataFrame, indicators: pl.DataFrame, site_names: dict[str, str], lang: str
) -> pl.DataFrame:
    """Every site of the month, the unusual ones first then by score, with its top contributing indicators."""
    schema = {"verdict": pl.String, "site": pl.String, "score": pl.Float64, "contributors": pl.String}
    if unusual.is_empty() or "is_unusual" not in unusual.columns:
        return pl.DataFrame(schema=schema)
    names = {r["indicator_id"]: indicator_name(r, lang) for r in indicators.iter_rows(named=True)}
    rows = [
        {
            "verdict": t("anomalies.site.unusual" if r["is_unusual"] else "anomalies.site.usual", lang),
            "site": short_site(r["site_id"], site_names),
            "score": round(float(r["score"]), 2),
            "contributors": contributors_text(r.get("top_indicators"), names, lang),
        }
        for r in unusual.sort(["is_unusual", "score"], descending=True).iter_rows(named=True)
    ]
    return pl.DataFrame(rows, schema=schema)
