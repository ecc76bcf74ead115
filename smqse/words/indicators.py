"""The indicator catalogue as a reference table: definitions, formulas, units, how values combine.

Built from `queries/indicator_catalogue.sql` (already scoped). No Streamlit here.
"""

from __future__ import annotations

import unicodedata

import polars as pl

from smqse.i18n import format_month_short, format_number, format_value, label, t
from smqse.model import Aggregation, Polarity
from smqse.textsafety import neutralise_frame
from smqse.words.shared import domain_text

COLUMNS: tuple[str, ...] = (
    "indicator_id",
    "indicator",
    "domain",
    "kind",
    "process",
    "formula",
    "unit",
    "polarity",
    "aggregation",
    "rate_base",
    "frequency",
    "objective",
    "definition",
    "source",
    "coverage",
)

# The indicator sheet: what the indicator means first, then how it is computed and judged.
CARD_FIELDS: tuple[str, ...] = (
    "definition", "formula", "unit", "polarity", "aggregation", "rate_base", "frequency", "objective", "source",
    "coverage",
)  # fmt: skip


def _fold(text: str) -> str:
    """Lower case without accents, so that "securite" finds "Sécurité"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def definition_text(row: dict, lang: str) -> str:
    """The definition in `lang` (`definition` is French, `definition_en` English), else the other language."""
    french, english = row.get("definition"), row.get("definition_en")
    return (english or french if lang == "en" else french or english) or "—"


def formula_text(row: dict, lang: str) -> str:
    """ "Lost-time accidents ÷ hours worked × 1,000,000" for ratios; the aggregation in words otherwise."""
    numerator = row.get(f"numerator_label_{lang}") or row.get("numerator_label_fr")
    denominator = row.get(f"denominator_label_{lang}") or row.get("denominator_label_fr")
    aggregation = row.get("aggregation")
    if aggregation == Aggregation.RATIO and numerator and denominator:
        text = f"{numerator} ÷ {denominator}"
        base = row.get("rate_base")
        if base is not None and float(base) != 1.0:
            text += f" × {format_number(base, lang, 0)}"
        return text
    return t(f"formula.{aggregation}", lang) if aggregation else "—"


def objective_text(row: dict, lang: str) -> str:
    target = row.get("target_value")
    if target is None:
        return t("catalogue.no_objective", lang)
    unit = row.get("unit")
    polarity = row.get("polarity")
    if polarity == Polarity.TARGET_BAND:
        tolerance = row.get("tolerance")
        text = format_value(target, unit, lang)
        if tolerance is not None:
            text = f"{format_number(target, lang)} ± {format_value(tolerance, unit, lang)}"
    else:
        text = f"{'≤' if polarity == Polarity.LOWER_BETTER else '≥'} {format_value(target, unit, lang)}"
    deadline = row.get("objective_deadline")
    if deadline is not None:
        text += " " + t("catalogue.objective_deadline", lang, month=format_month_short(deadline, lang))
    return text


def coverage_text(row: dict, lang: str) -> str:
    if not row.get("site_count"):
        return t("catalogue.no_data", lang)
    return t(
        "catalogue.coverage",
        lang,
        n=row["site_count"],
        start=format_month_short(row.get("first_period"), lang),
        end=format_month_short(row.get("last_period"), lang),
    )


def build_catalogue_table(
    frame: pl.DataFrame, lang: str, *, search: str = "", kinds: tuple[str, ...] | list[str] = ()
) -> pl.DataFrame:
    """One display row per indicator; `search` matches code, names, definition, source and process
    (case- and accent-insensitive); `kinds` keeps activity and/or result indicators (empty = both)."""
    needle = _fold(search.strip())
    out: dict[str, list] = {c: [] for c in COLUMNS}
    for row in frame.iter_rows(named=True):
        if kinds and row.get("kind") not in kinds:
            continue
        name = row.get(f"name_{lang}") or row.get("name_fr")
        process = row.get(f"process_name_{lang}") or row.get("process_name_fr")
        values = {
            "indicator_id": row["indicator_id"],
            "indicator": name,
            "domain": domain_text(row.get("domain"), lang),
            "kind": label("kind", row.get("kind"), lang),
            "process": process,
            "formula": formula_text(row, lang),
            "unit": row.get("unit") or "—",
            "polarity": label("polarity", row.get("polarity"), lang),
            "aggregation": label("aggregation", row.get("aggregation"), lang),
            "rate_base": format_number(row.get("rate_base"), lang, 0) if row.get("rate_base") else "—",
            "frequency": label("frequency", row.get("frequency"), lang),
            "objective": objective_text(row, lang),
            "definition": definition_text(row, lang),
            "source": row.get("source") or "—",
            "coverage": coverage_text(row, lang),
        }
        if needle:
            haystack = " ".join(
                str(values[k])
                for k in ("indicator_id", "indicator", "process", "definition", "source", "formula", "domain")
            )
            haystack += " " + " ".join(
                str(row.get(k) or "") for k in ("name_fr", "name_en", "definition", "definition_en")
            )
            if needle not in _fold(haystack):
                continue
        for key in COLUMNS:
            out[key].append(values[key])
    return pl.DataFrame(out, schema={c: pl.String for c in COLUMNS})


def catalogue_labels(lang: str) -> dict[str, str]:
    return {c: t(f"catalogue.col.{c}", lang) for c in COLUMNS}


def export_catalogue_csv(table: pl.DataFrame, lang: str) -> str:
    """The catalogue as the CSV a spreadsheet opens in this language (French Excel: `;`, with a BOM so that
    accents survive). Names and definitions come from people: formula-looking text is neutralised."""
    separator = ";" if lang == "fr" else ","
    return "\ufeff" + neutralise_frame(table.rename(catalogue_labels(lang))).write_csv(separator=separator)
