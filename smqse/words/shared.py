"""Words for coded values and for the scope: the status says itself in an icon and a word, never a colour
alone. Shared by the pages and the export. No Streamlit here."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import polars as pl

from smqse.charts.palette import NOISE_ICON, SIGNAL_ICON, STATUS_ICONS
from smqse.i18n import format_month, format_month_iso, format_number, format_value, join_words, label, t
from smqse.model import Polarity
from smqse.textsafety import escape_markdown

# Up to this many names are listed in the scope sentence; beyond, a count.
_LISTED_NAMES = 3


def short_name(name: str | None) -> str:
    """ "Valence (usinage de précision, traitement thermique)" -> "Valence": labels for charts and sentences."""
    return (name or "").split(" (", 1)[0].strip() or (name or "")


def status_text(status: str | None, lang: str) -> str:
    """`✓ Atteint`, `⚠ À surveiller`, `✗ Non atteint`, `– Sans objectif`, `? Sans données`."""
    if status is None:
        return "—"
    return f"{STATUS_ICONS.get(status, '')} {label('status', status, lang)}".strip()


def domain_text(domain: str | None, lang: str) -> str:
    return label("domain", domain, lang)


def signal_words(row: dict, lang: str) -> str:
    """Short form for a table cell: `↯ Signal : hausse durable (défavorable)` or `~ Bruit`."""
    if not row.get("signal"):
        return f"{NOISE_ICON} {t('signal.noise', lang)}"
    movement = _movement(row, lang)
    text = f"{SIGNAL_ICON} {t('signal.short', lang, movement=movement)}"
    favourable = row.get("signal_favourable")
    if favourable is not None:
        text += f" ({t('signal.favourable' if favourable else 'signal.unfavourable', lang)})"
    return text


def _movement(row: dict, lang: str) -> str:
    direction = row.get("signal_direction") or "up"
    sustained = (row.get("signal_rule") or 1) != 1
    key = f"signal.movement.{'sustained_' if sustained else ''}{direction}"
    return t(key, lang)


def describe_signal(row: dict, lang: str, recent_months: int = 6) -> str:
    """The control chart's verdict in a sentence, e.g. "Point beyond the control limits in 2026-09 (rule 1):
    a real signal, not noise. …"."""
    chart = label("chart", row.get("chart_type") or "xmr", lang)
    if not row.get("signal"):
        return t("signal.none_sentence", lang, months=recent_months, chart=chart)
    rule = row.get("signal_rule") or 1
    period = format_month_iso(row.get("signal_period"))
    sentence = t(f"signal.rule_{rule}", lang, period=period, rule=rule) if rule in (1, 2, 3, 4) else ""
    if not sentence:
        sentence = t("signal.rule_other", lang, period=period, rule=rule)
    direction = row.get("signal_direction")
    if direction in ("up", "down"):
        favourable = row.get("signal_favourable")
        quality = ""
        if favourable is not None:
            quality = t("signal.favourable" if favourable else "signal.unfavourable", lang)
        key = "signal.direction_with_quality" if quality else "signal.direction"
        sentence += " " + t(key, lang, direction=t(f"signal.direction.{direction}", lang), quality=quality)
    return f"{sentence} {t('signal.chart_used', lang, chart=chart)}"


def _names(frame: pl.DataFrame, id_col: str, name_col: str, ids: Sequence[str]) -> list[str]:
    names = dict(zip(frame[id_col].to_list(), frame[name_col].to_list(), strict=False)) if len(frame) else {}
    return [short_name(names.get(i, i)) for i in ids]


def describe_scope(
    *,
    site_ids: Sequence[str],
    process_ids: Sequence[str],
    domains: Sequence[str],
    allowed_site_ids: Sequence[str],
    allowed_process_ids: Sequence[str],
    sites: pl.DataFrame,
    processes: pl.DataFrame,
    lang: str,
) -> str:
    """ "Sites: Lyon and Rouen · Processes: all 10 in your scope · Domains: Quality, Safety and Environment"."""
    process_name = "name_fr" if lang == "fr" else "name_en"

    def part(ids: Sequence[str], allowed: Sequence[str], names: list[str], key: str) -> str:
        if len(ids) > _LISTED_NAMES:
            count = t(f"scope.{key}_count", lang, n=len(ids))
            if set(ids) == set(allowed):
                count = t(f"scope.{key}_all", lang, n=len(ids))
            return f"**{t(f'scope.{key}', lang)}** {count}"
        # Markdown: the names (from the catalogue) are escaped, the labels keep their bold.
        return f"**{t(f'scope.{key}', lang)}** {join_words([escape_markdown(n) for n in names], lang)}"

    site_part = part(site_ids, allowed_site_ids, _names(sites, "site_id", "name", site_ids), "sites")
    process_part = part(
        process_ids,
        allowed_process_ids,
        _names(processes, "process_id", process_name, process_ids),
        "processes",
    )
    domain_part = f"**{t('scope.domains', lang)}** " + join_words(
        [domain_text(d, lang) for d in domains], lang
    )
    return " · ".join([site_part, process_part, domain_part])


def describe_as_of(as_of: date, lang: str) -> str:
    """ "Situation at the end of September 2026, year to date (since January 2026)"."""
    return t(
        "scope.as_of", lang, month=format_month(as_of, lang), start=format_month(date(as_of.year, 1, 1), lang)
    )


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def target_text(target: float | None, row: dict, lang: str) -> str:
    """An objective's target with its direction, from the row's unit, polarity and tolerance: `≤ 1 360 tCO2e`,
    `≥ 93,8 %`, `7 ± 1 pH`; "—" without a target."""
    if is_missing(target):
        return "—"
    unit = row.get("unit")
    if row.get("polarity") == Polarity.TARGET_BAND:
        tolerance = row.get("tolerance")
        if is_missing(tolerance):
            return format_value(target, unit, lang)
        return f"{format_number(target, lang)} ± {format_value(tolerance, unit, lang)}"
    comparator = "≤" if row.get("polarity") == Polarity.LOWER_BETTER else "≥"
    return f"{comparator} {format_value(target, unit, lang)}"


def objective_trace(row: dict, lang: str) -> str:
    """Which objective a status or verdict is about — its id and period — so that the scorecard and the
    drift page can be read side by side: "Objective OBJ-2026-E-ENERGY · period July 2025 → June 2027"."""
    if row.get("objective_id") and row.get("start_on") and row.get("deadline"):
        return t(
            "objective.trace",
            lang,
            id=row["objective_id"],
            start=format_month(row["start_on"], lang),
            deadline=format_month(row["deadline"], lang),
        )
    as_of = row.get("latest_period")
    start = row.get("window_start") or (date(as_of.year, 1, 1) if as_of else None)
    return t("objective.trace_none", lang, start=format_month(start, lang) if start else "—")


# A sparkline cell is read aloud as its list of numbers: three significant digits draw the same line and
# read as "3,21", not "3.2099999999999995".
_SPARKLINE_DIGITS = 3
# Below this change over the span (least-squares slope × months, relative to the mean level), "stable".
_FLAT_SHARE = 0.05


def sparkline_values(values: Sequence[float | None] | None) -> list[float | None]:
    """A series for a sparkline cell: missing months kept as gaps, values to three significant digits."""
    out: list[float | None] = []
    for v in values or []:
        missing = v is None or (isinstance(v, float) and math.isnan(v))
        out.append(None if missing else float(f"{float(v):.{_SPARKLINE_DIGITS}g}"))
    return out


def trend_words(values: Sequence[float | None] | None, lang: str) -> str:
    """The sparkline in words, its text alternative: `En hausse sur 24 mois : de 3,2 à 4,1`. The direction
    is the least-squares slope over the months with a value (a description of the drawn line, not a signal)."""
    points = [(i, float(v)) for i, v in enumerate(values or []) if v is not None and not math.isnan(v)]
    if not points:
        return t("a11y.trend.none", lang)
    months = len(values or [])
    first, last = points[0][1], points[-1][1]
    direction = "flat"
    if len(points) >= 2:
        xs = [x for x, _ in points]
        mean_x = sum(xs) / len(xs)
        mean_y = sum(y for _, y in points) / len(points)
        spread = sum((x - mean_x) ** 2 for x in xs)
        slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
        change = slope * (xs[-1] - xs[0])
        level = max(abs(mean_y), 1e-12)
        if abs(change) / level > _FLAT_SHARE:
            direction = "up" if change > 0 else "down"
    return t(
        f"a11y.trend.{direction}",
        lang,
        months=months,
        first=format_number(first, lang, _decimals(first)),
        last=format_number(last, lang, _decimals(last)),
    )


def _decimals(value: float) -> int:
    """Enough decimals for two or three significant digits (1 234, 12,3, 0,042)."""
    magnitude = abs(value)
    if magnitude >= 100 or magnitude == 0:
        return 0
    return 1 if magnitude >= 1 else 3
