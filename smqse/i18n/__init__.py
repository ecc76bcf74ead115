"""Message catalogues (gettext .po files) and number/date formatting per language, by Babel. No Streamlit.

Every user-facing string goes through `t(key, lang, **kwargs)`, and a count before a noun through
`tn(key, n, lang, **kwargs)` ("1 action", "2 actions": the .po file's plural forms). The catalogues are
smqse/locale/<lang>/LC_MESSAGES/smqse.po, one per language (msgid = the message key, msgstr = the text
with `{name}` placeholders); adding a language is adding one .po file. French is the default; a key
missing from a catalogue falls back to French, then to the key itself (tests/test_i18n.py keeps every
catalogue complete).

Numbers, percentages, currencies, dates and lists follow CLDR through Babel: French (fr_FR) `1 234,5`
(narrow no-break space between thousands) and `12,3 %`; English as written in Europe (en_GB: `1,234.5`,
`12.3%`, `6 December 2026`, `a, b and c`, the day before the month as in the French dates beside it).
"""

from __future__ import annotations

import gettext
import io
import math
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import (
    format_skeleton,
    format_time,
    get_date_format,
    get_datetime_format,
    get_month_names,
    get_time_format,
)
from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency as babel_format_currency
from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_format_percent

from smqse.textsafety import escape_markdown

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "smqse"
DEFAULT_LANGUAGE = "fr"
# The Babel (CLDR) locale behind each language code; a language not listed here uses its own code.
# en_GB rather than en_US: day-month dates and "a, b and c" read like the French pages beside them.
BABEL_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _languages() -> tuple[str, ...]:
    """Every language with a catalogue, French first."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return tuple(sorted(found, key=lambda lang: lang != DEFAULT_LANGUAGE))


def read_catalogue(lang: str) -> Catalog:
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=BABEL_LOCALES.get(lang, lang), domain=DOMAIN)


def _gettext(catalogue: Catalog) -> gettext.GNUTranslations:
    """The catalogue as the standard library's translations, for ngettext and the catalogue's plural rule
    (compiled in memory: no .mo file is committed)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


LANGUAGES: tuple[str, ...] = _languages()
_PO: dict[str, Catalog] = {lang: read_catalogue(lang) for lang in LANGUAGES}
# key -> text for the singular messages; key -> forms for the plural ones (in the .po's plural order).
CATALOGUES: dict[str, dict[str, str]] = {
    lang: {m.id: m.string for m in po if m.id and not m.pluralizable} for lang, po in _PO.items()
}
PLURALS: dict[str, dict[str, tuple[str, ...]]] = {
    lang: {m.id[0]: tuple(m.string) for m in po if m.id and m.pluralizable} for lang, po in _PO.items()
}
_TRANSLATIONS: dict[str, gettext.GNUTranslations] = {lang: _gettext(po) for lang, po in _PO.items()}

NNBSP = "\u202f"  # narrow no-break space: French thousands separator
NBSP = "\u00a0"  # no-break space: between a number and its unit
COUNT_UNITS = frozenset(
    {"nb", "n", "count", "nombre"}
)  # a count reads better without a unit: "12", not "12 nb"
CURRENCY_UNITS = {"€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR"}


def normalise_language(lang: str | None) -> str:
    """A supported language code; anything else gives the default (French)."""
    lang = (lang or "").strip().lower()[:2]
    return lang if lang in CATALOGUES else DEFAULT_LANGUAGE


def babel_locale(lang: str | None) -> Locale:
    lang = normalise_language(lang)
    return Locale.parse(BABEL_LOCALES.get(lang, lang))


def t(key: str, lang: str = DEFAULT_LANGUAGE, **kwargs: object) -> str:
    """The message `key` in `lang`, with `{name}` placeholders filled from kwargs (a plural message takes
    its form from kwargs["n"])."""
    lang = normalise_language(lang)
    if _is_plural(key, lang):
        kwargs = dict(kwargs)
        return tn(key, kwargs.pop("n", 0), lang, **kwargs)  # type: ignore[arg-type]
    text = CATALOGUES[lang].get(key)
    if text is None:
        text = CATALOGUES[DEFAULT_LANGUAGE].get(key, key)
    return text.format(**kwargs) if kwargs else text


def tn(key: str, n: int, lang: str = DEFAULT_LANGUAGE, **kwargs: object) -> str:
    """The plural message `key` in the form the language's plural rule gives for `n` (French: 0 and 1
    singular; English: 1 singular), `{n}` filled with n written the language's way."""
    lang = normalise_language(lang)
    if key not in PLURALS[lang]:
        lang = DEFAULT_LANGUAGE
    if isinstance(n, str):  # a count already written ("1 234"): its digits choose the form, the text stays
        digits = re.sub(r"\D", "", n)
        return _TRANSLATIONS[lang].ngettext(key, key, int(digits) if digits else 0).format(n=n, **kwargs)
    form = _TRANSLATIONS[lang].ngettext(key, key, int(n))  # the plural rule takes whole numbers (numpy too)
    return form.format(n=format_number(n, lang), **kwargs)


def t_md(key: str, lang: str = DEFAULT_LANGUAGE, **kwargs: object) -> str:
    """`t` for a message shown as Markdown: the translator's markup (**bold**, lists) stays, every value put
    into it (a name, a note, a URL parameter) is escaped so that it shows as typed (smqse.textsafety)."""
    escaped = {name: escape_markdown(value) for name, value in kwargs.items() if name != "n"}
    if "n" in kwargs and _is_plural(key, lang):
        return tn(key, kwargs["n"], lang, **escaped)  # type: ignore[arg-type]  # a count: no markup
    return t(key, lang, **escaped, **({"n": escape_markdown(kwargs["n"])} if "n" in kwargs else {}))


def _is_plural(key: str, lang: str) -> bool:
    return key in PLURALS[normalise_language(lang)] or key in PLURALS[DEFAULT_LANGUAGE]


def has_key(key: str) -> bool:
    return all(key in catalogue for catalogue in CATALOGUES.values())


def label(group: str, value: object, lang: str) -> str:
    """Translated label of a coded value, e.g. label("status", "met", "fr") -> "Atteint"."""
    if value is None:
        return "—"
    key = f"{group}.{value}"
    return t(key, lang) if has_key(key) else str(value)


# --- numbers ------------------------------------------------------------------------------------------


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def auto_decimals(value: float) -> int:
    """Enough decimals to read a QSE figure: none for whole numbers and large values, then 1 or 2."""
    magnitude = abs(value)
    if float(value).is_integer() or magnitude >= 10_000:
        return 0
    if magnitude >= 10:
        return 1
    return 2


def _with_decimals(pattern: str, decimals: int) -> str:
    """A CLDR number pattern (`#,##0 %`, `#,##0.00 ¤`) with exactly `decimals` digits after the point."""
    fraction = "." + "0" * decimals if decimals > 0 else ""
    return re.sub(r"0(\.[0#]+)?", "0" + fraction, pattern, count=1)


def _unsigned_zero(value: float, decimals: int) -> float:
    return 0.0 if round(value, decimals) == 0 else value  # no "-0,0"


def format_number(
    value: float | int | None, lang: str = DEFAULT_LANGUAGE, decimals: int | None = None
) -> str:
    """`1 234,5` in French, `1,234.5` in English; an em dash for a missing value."""
    if _missing(value):
        return "—"
    value = float(value)  # type: ignore[arg-type]
    if decimals is None:
        decimals = auto_decimals(value)
    pattern = _with_decimals("#,##0", decimals)
    return format_decimal(_unsigned_zero(value, decimals), format=pattern, locale=babel_locale(lang))


def chart_separators(lang: str = DEFAULT_LANGUAGE) -> str:
    """Plotly's `separators` (decimal mark, then thousands) of the language: `,` and a narrow no-break space
    in French, `.` and `,` in English, so that axes and hover labels read like the tables."""
    locale = babel_locale(lang)
    return locale.number_symbols["latn"]["decimal"] + locale.number_symbols["latn"]["group"]


def format_number_upto(value: float | int | None, lang: str = DEFAULT_LANGUAGE, max_decimals: int = 2) -> str:
    """A number as stored, up to `max_decimals` decimals and no trailing zeros: `25 000`, `25 000,5`."""
    if _missing(value):
        return "—"
    pattern = "#,##0" + ("." + "#" * max_decimals if max_decimals > 0 else "")
    return format_decimal(
        _unsigned_zero(float(value), max_decimals), format=pattern, locale=babel_locale(lang)
    )  # type: ignore[arg-type]


def format_percent(share: float | None, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """A share 0..1 as a percentage: `63 %` in French, `63%` in English."""
    if _missing(share):
        return "—"
    locale = babel_locale(lang)
    pattern = _with_decimals(locale.percent_formats[None].pattern, decimals)
    share = _unsigned_zero(float(share), decimals + 2)  # type: ignore[arg-type]
    return babel_format_percent(share, format=pattern, locale=locale)


def format_signed_percent(points: float | None, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """A change in percent with its sign: `+12,5 %`, `-100,0 %` in French; `+12.5%` in English."""
    if _missing(points):
        return "—"
    text = format_percent(float(points) / 100, lang, decimals)  # type: ignore[arg-type]
    return text if text.startswith("-") or round(float(points), decimals) == 0 else f"+{text}"  # type: ignore[arg-type]


def format_currency(
    amount: float | None, lang: str = DEFAULT_LANGUAGE, currency: str = "EUR", decimals: int | None = None
) -> str:
    """`15 000 €` in French, `€15,000` in English: whole units unless the amount has cents under 1 000."""
    if _missing(amount):
        return "—"
    amount = float(amount)  # type: ignore[arg-type]
    if decimals is None:
        decimals = 0 if amount.is_integer() or abs(amount) >= 1_000 else 2
    locale = babel_locale(lang)
    pattern = _with_decimals(locale.currency_formats["standard"].pattern, decimals)
    return babel_format_currency(
        _unsigned_zero(amount, decimals), currency, format=pattern, locale=locale, currency_digits=False
    )


def format_value(value: float | None, unit: str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A value with its unit: `12,3 %`, `1 234 t`, `15 000 €`, `4,2` (no unit)."""
    if _missing(value):
        return "—"
    value = float(value)  # type: ignore[arg-type]
    unit = (unit or "").strip()
    if not unit or unit.lower() in COUNT_UNITS:
        return format_number(value, lang)
    if unit == "%":
        return format_percent(value / 100, lang, auto_decimals(value))
    if unit.lower() in CURRENCY_UNITS:
        return format_currency(value, lang, CURRENCY_UNITS[unit.lower()])
    return f"{format_number(value, lang)}{NBSP}{unit}"


# --- dates --------------------------------------------------------------------------------------------

# `31/10/2026`, `31/10/2026 14:05`: the one length of a date in the app's tables and grids. Short, because a
# grid that keeps a real date column (to sort by it) shows it with a numeric pattern (table_date_pattern).
TABLE_DATE_LENGTH = "short"


def format_date(day: date | None, lang: str = DEFAULT_LANGUAGE, length: str = "long") -> str:
    """`6 décembre 2026` / `6 December 2026` (long), `6 déc. 2026` (medium), `06/12/2026` (short)."""
    return "—" if day is None else babel_format_date(day, length, locale=babel_locale(lang))


def format_datetime(moment: datetime | None, lang: str = DEFAULT_LANGUAGE, length: str = "medium") -> str:
    """`6 déc. 2026, 10:00` (medium), `6 décembre 2026 à 10:00` (long): the date at `length`, the time to
    the minute (seconds mean nothing to a reader), joined the way the language joins them."""
    if moment is None:
        return "—"
    locale = babel_locale(lang)
    # Babel's own format_datetime takes one length for both parts; its quotes escape literal words ('à').
    pattern = get_datetime_format(length, locale=locale).replace("'", "")
    day = babel_format_date(moment, length, locale=locale)
    return pattern.replace("{1}", day).replace("{0}", format_time(moment, "short", locale=locale))


# CLDR pattern letters -> Moment.js tokens (Streamlit's grid formats dates with Moment.js, English-only names:
# hence the numeric short form). A letter not listed (era, week, time zone) is not in a short date pattern.
_MOMENT_TOKENS = {"y": "YYYY", "yy": "YY", "yyyy": "YYYY", "d": "D", "dd": "DD", "M": "M", "MM": "MM",
                  "H": "H", "HH": "HH", "h": "h", "hh": "hh", "m": "m", "mm": "mm", "a": "A"}  # fmt: skip


def _moment_pattern(cldr: str) -> str:
    """A CLDR date/time pattern ("dd/MM/y") as Moment.js writes it ("DD/MM/YYYY"); quoted literals kept."""
    out = []
    for token in re.finditer(r"'[^']*'|([A-Za-z])\1*|[^A-Za-z']+", cldr):
        text = token.group(0)
        if text.startswith("'"):
            out.append(f"[{text.strip(chr(39))}]" if len(text) > 2 else "")
        elif token.group(1):
            if text not in _MOMENT_TOKENS:
                raise ValueError(f"CLDR pattern letter {text!r} has no Moment.js token")
            out.append(_MOMENT_TOKENS[text])
        else:
            out.append(text)
    return "".join(out)


def table_date_pattern(lang: str = DEFAULT_LANGUAGE, with_time: bool = False) -> str:
    """The Moment.js pattern of a grid's date column (`DD/MM/YYYY`, with the time `DD/MM/YYYY HH:mm`): Babel's
    TABLE_DATE_LENGTH pattern for the language, so a grid that keeps a real date column (it sorts by date,
    where a text column sorts "01/11" before "31/10") shows the same text as format_date/format_datetime."""
    locale = babel_locale(lang)
    day = _moment_pattern(get_date_format(TABLE_DATE_LENGTH, locale=locale).pattern)
    if not with_time:
        return day
    time = _moment_pattern(get_time_format(TABLE_DATE_LENGTH, locale=locale).pattern)
    # The joining pattern ("{1}, {0}") is itself CLDR: its literal words are quoted ("{1} 'à' {0}").
    joined = get_datetime_format(TABLE_DATE_LENGTH, locale=locale)
    return "".join(
        {"{1}": day, "{0}": time}.get(part) or _moment_pattern(part)
        for part in re.split(r"(\{[01]\})", joined)
        if part
    )


def format_month(month: date | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """`septembre 2026` / `September 2026`."""
    return "—" if month is None else format_skeleton("yMMMM", month, locale=babel_locale(lang))


def format_month_short(month: date | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """`sept. 2026` / `Sept 2026` (axes and compact tables)."""
    return "—" if month is None else format_skeleton("yMMM", month, locale=babel_locale(lang))


def month_name(month_number: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """`septembre` / `September`: a month on its own (a seasonal pattern, a fiscal year's start)."""
    return get_month_names("wide", "stand-alone", locale=babel_locale(lang))[month_number]


def format_month_iso(month: date | None) -> str:
    """`2026-09`, the language-neutral form used in URLs and in signal explanations."""
    return "—" if month is None else f"{month.year:04d}-{month.month:02d}"


def format_cell(value: object, lang: str = DEFAULT_LANGUAGE, date_length: str = "medium") -> str:
    """A value as an exported table cell or field shows it (PPTX, PDF): missing -> the em dash, yes/no in
    words, dates and times by Babel (`date_length`: "medium", `6 déc. 2026`, in a table like the app's compact
    months; "long" in a sentence-like field), numbers as stored with the language's separators; any other
    value (a text already in the pack's language) as it is."""
    if value is None or (isinstance(value, float | Decimal) and math.isnan(value)):
        return "—"
    if isinstance(value, bool):  # before the numbers: a bool is an int
        return t("format.yes" if value else "format.no", lang)
    if isinstance(value, datetime):  # before the dates: a datetime is a date
        return format_datetime(value, lang, date_length)
    if isinstance(value, date):
        return format_date(value, lang, date_length)
    if isinstance(value, int | float | Decimal):
        return format_number_upto(float(value), lang)  # type: ignore[arg-type]
    return str(value)


def format_age(elapsed: timedelta, lang: str = DEFAULT_LANGUAGE) -> str:
    """`il y a 2 min` / `2 min ago`: how old a stored result is."""
    minutes = int(elapsed.total_seconds() // 60)
    if minutes < 1:
        return t("age.now", lang)
    if minutes < 60:
        return t("age.minutes", lang, n=minutes)
    if minutes < 48 * 60:
        return t("age.hours", lang, n=minutes // 60)
    return tn("age.days", minutes // (24 * 60), lang)


def join_words(items: list[str], lang: str = DEFAULT_LANGUAGE) -> str:
    """`a, b et c` / `a, b and c`."""
    items = [i for i in items if i]
    return format_list(items, locale=babel_locale(lang)) if items else ""
