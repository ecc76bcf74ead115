"""French and English catalogues, and number/date formatting per language. No Streamlit here.

Every user-facing string goes through `t(key, lang, **kwargs)`. French is the default; a key missing
from a catalogue falls back to French, then to the key itself (a test keeps both catalogues complete).
Numbers follow each language's conventions: French `1 234,5` and `12,3 %` (narrow no-break space as
the thousands separator, no-break space before units), English `1,234.5` and `12.3%`.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from smqse.i18n import (
    a11y,
    account,
    action_open,
    actions,
    admin,
    anomalies,
    causes,
    completeness,
    data_page,
    deployment,
    drift,
    en,
    events,
    fr,
    ingest,
    ishikawa,
    my_indicators,
    notify,
    pareto,
    ratio,
    review,
    service,
    trends,
    words,
)
from smqse.textsafety import escape_markdown

LANGUAGES: tuple[str, ...] = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
# Feature catalogues keep each page's messages in its own module (FR and EN side by side).
FEATURE_CATALOGUES = (
    trends,
    drift,
    my_indicators,
    pareto,
    ishikawa,
    causes,
    anomalies,
    review,
    ingest,
    actions,
    admin,
    data_page,
    deployment,
    service,
    completeness,
    ratio,
    account,
    notify,
    events,
    action_open,
    words,
    a11y,
)


def _merge(base: dict[str, str], lang: str) -> dict[str, str]:
    merged = dict(base)
    for module in FEATURE_CATALOGUES:
        extra: dict[str, str] = getattr(module, lang.upper())
        clash = set(extra) & set(merged)
        if clash:
            raise ValueError(f"{module.__name__}: keys defined twice: {sorted(clash)}")
        merged.update(extra)
    return merged


CATALOGUES: dict[str, dict[str, str]] = {"fr": _merge(fr.MESSAGES, "fr"), "en": _merge(en.MESSAGES, "en")}

NNBSP = "\u202f"  # narrow no-break space: French thousands separator
NBSP = "\u00a0"  # no-break space: between a number and its unit
COUNT_UNITS = frozenset(
    {"nb", "n", "count", "nombre"}
)  # a count reads better without a unit: "12", not "12 nb"


def normalise_language(lang: str | None) -> str:
    """A supported language code; anything else gives the default (French)."""
    lang = (lang or "").strip().lower()[:2]
    return lang if lang in CATALOGUES else DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, **kwargs: object) -> str:
    """The message `key` in `lang`, with `{name}` placeholders filled from kwargs."""
    lang = normalise_language(lang)
    text = CATALOGUES[lang].get(key)
    if text is None:
        text = CATALOGUES[DEFAULT_LANGUAGE].get(key, key)
    return text.format(**kwargs) if kwargs else text


def t_md(key: str, lang: str = DEFAULT_LANGUAGE, **kwargs: object) -> str:
    """`t` for a message shown as Markdown: the translator's markup (**bold**, lists) stays, every value put
    into it (a name, a note, a URL parameter) is escaped so that it shows as typed (smqse.textsafety)."""
    return t(key, lang, **{name: escape_markdown(value) for name, value in kwargs.items()})


def has_key(key: str) -> bool:
    return all(key in catalogue for catalogue in CATALOGUES.values())


def label(group: str, value: object, lang: str) -> str:
    """Translated label of a coded value, e.g. label("status", "met", "fr") -> "Atteint"."""
    if value is None:
        return "—"
    key = f"{group}.{value}"
    return t(key, lang) if has_key(key) else str(value)


# --- numbers ------------------------------------------------------------------------------------------


def auto_decimals(value: float) -> int:
    """Enough decimals to read a QSE figure: none for whole numbers and large values, then 1 or 2."""
    magnitude = abs(value)
    if float(value).is_integer() or magnitude >= 10_000:
        return 0
    if magnitude >= 10:
        return 1
    return 2


def format_number(
    value: float | int | None, lang: str = DEFAULT_LANGUAGE, decimals: int | None = None
) -> str:
    """`1 234,5` in French, `1,234.5` in English; an em dash for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    value = float(value)
    if decimals is None:
        decimals = auto_decimals(value)
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:  # no "-0,0"
        text = text[1:]
    if normalise_language(lang) == "fr":
        text = text.replace(",", NNBSP).replace(".", ",")
    return text


def format_percent(share: float | None, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """A share 0..1 as a percentage: `63 %` in French, `63%` in English."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "—"
    number = format_number(share * 100, lang, decimals)
    return f"{number}{NBSP}%" if normalise_language(lang) == "fr" else f"{number}%"


def format_value(value: float | None, unit: str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A value with its unit: `12,3 %`, `1 234 t`, `4,2` (no unit)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    number = format_number(value, lang)
    unit = (unit or "").strip()
    if not unit or unit.lower() in COUNT_UNITS:
        return number
    if unit == "%" and normalise_language(lang) == "en":
        return f"{number}%"
    return f"{number}{NBSP}{unit}"


# --- dates --------------------------------------------------------------------------------------------


def format_month(month: date | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """`septembre 2026` / `September 2026`."""
    if month is None:
        return "—"
    return f"{t(f'month.{month.month}', lang)} {month.year}"


def format_month_short(month: date | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """`sept. 2026` / `Sep 2026` (axes and compact tables)."""
    if month is None:
        return "—"
    return f"{t(f'month_short.{month.month}', lang)} {month.year}"


def format_month_iso(month: date | None) -> str:
    """`2026-09`, the language-neutral form used in URLs and in signal explanations."""
    return "—" if month is None else f"{month.year:04d}-{month.month:02d}"


def format_age(elapsed: timedelta, lang: str = DEFAULT_LANGUAGE) -> str:
    """`il y a 2 min` / `2 min ago`: how old a stored result is."""
    minutes = int(elapsed.total_seconds() // 60)
    if minutes < 1:
        return t("age.now", lang)
    if minutes < 60:
        return t("age.minutes", lang, n=minutes)
    if minutes < 48 * 60:
        return t("age.hours", lang, n=minutes // 60)
    return t("age.days", lang, n=minutes // (24 * 60))


def join_words(items: list[str], lang: str = DEFAULT_LANGUAGE) -> str:
    """`a, b et c` / `a, b and c`."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('word.and', lang)} {items[-1]}"
