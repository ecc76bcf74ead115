"""The import preview as a user reads it: the file format's column names in the user's language ("Indicateur",
not "indicator_id"), months and dates written the local way, numbers through smqse.i18n ("15 000", not
"15000.00"), what will happen to each row in words. No Streamlit here."""

from __future__ import annotations

from datetime import date

import polars as pl

from smqse.frames import mapped
from smqse.i18n import (
    TABLE_DATE_LENGTH,
    format_date,
    format_datetime,
    format_month_short,
    format_number,
    normalise_language,
    t,
    tn,
)
from smqse.ingest.core import ImportResult
from smqse.ingest.formats import FORMATS, header_for


def _date_text(day: date, lang: str) -> str:
    return format_date(day, lang, TABLE_DATE_LENGTH)


def column_headers(kind: str | None, columns: list[str], lang: str) -> dict[str, str]:
    """Each preview column's header: the format's name in `lang` (capitalised), the row number, the effect."""
    formats = {c.name: c for c in FORMATS.get(kind or "", ())}
    headers = {"row": t("data.col.row", lang), "import_status": t("data.col.effect", lang)}
    for name in columns:
        if name in formats:
            text = header_for(formats[name], lang)
            if normalise_language(lang) == "en":  # the file's header, said as words: "Indicator", "Due on"
                text = text.removesuffix("_id").replace("_", " ")
            headers[name] = text[:1].upper() + text[1:]
    chosen: dict[str, str] = {}
    for name in columns:
        header = headers.get(name, name)
        # Two columns may share a French name (kept apart by the canonical one: a header must be unique).
        chosen[name] = header if header not in chosen.values() else f"{header} ({name})"
    return chosen


def preview_for_display(preview: pl.DataFrame, kind: str | None, lang: str) -> pl.DataFrame:
    """`preview` (validated rows: canonical columns, `row`, `import_status`) ready to show."""
    formats = {c.name: c for c in FORMATS.get(kind or "", ())}
    texts = []
    for name, dtype in preview.schema.items():
        if dtype == pl.Date:
            is_month = name in formats and formats[name].type == "month"
            shown = (lambda d: format_month_short(d, lang)) if is_month else (lambda d: _date_text(d, lang))
            texts.append(mapped(preview, name, shown))
        elif dtype.is_temporal():
            texts.append(mapped(preview, name, lambda m: format_datetime(m, lang, TABLE_DATE_LENGTH)))
        elif dtype.is_float():
            texts.append(mapped(preview, name, lambda v: format_number(v, lang)))
        elif name == "import_status":
            texts.append(mapped(preview, name, lambda s: t(f"data.effect.{s}", lang)))
    frame = preview.with_columns(texts) if texts else preview
    return frame.rename(column_headers(kind, frame.columns, lang))


def check_summary(check: ImportResult, lang: str) -> str:
    """What a valid file would do, every count agreeing with its noun: "1 ligne — 1 nouvelle, …"."""
    return tn(
        "data.valid",
        check.rows,
        lang,
        new=tn("data.count.new", check.new_rows, lang),
        versions=tn("data.count.versions", check.new_versions, lang),
        same=tn("data.count.unchanged", check.unchanged, lang),
    )


def import_summary(done: ImportResult, lang: str) -> str:
    """What an import wrote: "Import n° 7 enregistré : 2 lignes (2 nouvelles, 0 nouvelle version)."."""
    return tn(
        "data.imported",
        done.rows,
        lang,
        id=done.import_id,
        new=tn("data.count.new", done.new_rows, lang),
        versions=tn("data.count.versions", done.new_versions, lang),
    )
