"""An XLSX template per kind: the header row in the user's language, one example row, and the reference
lists (indicators with unit, polarity and range; sites; processes; causes; users; allowed codes) limited to
the user's scope. A filled template is read back by `import_bytes` (first sheet = the data)."""

from __future__ import annotations

import io
from datetime import date

import polars as pl

from smqse.db import run_query
from smqse.i18n import t
from smqse.ingest.formats import FORMATS, header_for
from smqse.scope import Scope
from smqse.textsafety import store_text

_PLURAL = {"site": "sites", "process": "processes", "cause": "causes", "user": "users"}


def _example(con, kind: str, scope: Scope, refs: pl.DataFrame, indicators: pl.DataFrame) -> dict:
    example = {c.name: c.example for c in FORMATS[kind]}

    def first(ref_kind: str) -> str | None:
        ids = refs.filter((pl.col("ref_kind") == ref_kind) & pl.col("in_scope"))["ref_id"].sort()
        return ids[0] if ids.len() else None

    for name, ref_kind in (("site_id", "site"), ("process_id", "process"), ("owner_user_id", "user")):
        if name in example and example[name] not in (None, "") and first(ref_kind):
            example[name] = first(ref_kind)
    if "indicator_id" in example and kind != "indicators" and indicators.height:
        ratio = indicators.filter(pl.col("aggregation") == "ratio")
        chosen = (ratio if ratio.height else indicators).row(0, named=True)
        example["indicator_id"] = chosen["indicator_id"]
        if kind == "measurements":
            today = date.today()
            month = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
            example["period"] = month.strftime("%Y-%m")
            if chosen["aggregation"] == "ratio":
                base = chosen["rate_base"] or 1.0
                example["numerator"], example["denominator"] = 3, 1000
                example["value"] = round(3 / 1000 * base, 6)
            else:
                example["numerator"] = example["denominator"] = None
                example["value"] = chosen["min_value"] if chosen["min_value"] is not None else 0
    if kind == "indicators" and first("process"):
        example["process_id"] = first("process")
    return {k: (None if v == "" else v) for k, v in example.items()}


def _sheet(book, title: str, header: list[str], rows: list[tuple]) -> None:
    from openpyxl.styles import Font

    sheet = book.create_sheet(title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                store_text(cell, cell.value)  # a name like "=HYPERLINK(…)" stays a name, not a formula
    sheet.freeze_panes = "A2"
    for i, name in enumerate(header, start=1):
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = max(12, min(50, len(str(name)) + 4))


def template_workbook(con, kind: str, scope: Scope, lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    if kind not in FORMATS:
        raise ValueError(f"unknown kind {kind!r}")
    lang = "en" if lang == "en" else "fr"
    refs = run_query("ingest_reference_ids", con=con, **scope.params(), ids=[])
    indicators = run_query("ingest_indicators", con=con, **scope.params())
    columns = FORMATS[kind]
    book = Workbook()
    data = book.active
    data.title = t(f"ingest.kind.{kind}", lang)[:31]
    data.append([header_for(c, lang) for c in columns])
    for cell in data[1]:
        cell.font = Font(bold=True)
    example = _example(con, kind, scope, refs, indicators)
    data.append([example.get(c.name) for c in columns])
    data.freeze_panes = "A2"
    for i, col in enumerate(columns, start=1):
        data.column_dimensions[data.cell(1, i).column_letter].width = max(14, len(header_for(col, lang)) + 4)

    name_col = "name_fr" if lang == "fr" else "name_en"
    label = "label_fr" if lang == "fr" else "label_en"
    needs = {c.ref for c in columns if c.ref} | ({"process"} if kind == "indicators" else set())
    if "indicator" in needs or kind == "objectives":
        _sheet(
            book,
            t("ingest.sheet.indicators", lang),
            [t(f"ingest.ref.{h}", lang) for h in
             ("id", "name", "process", "unit", "polarity", "aggregation", "rate_base", "min", "max", "numerator",
              "denominator")],
            [(r["indicator_id"], r[name_col], r["process_id"], r["unit"], r["polarity"], r["aggregation"],
              r["rate_base"], r["min_value"], r["max_value"], r[f"numerator_label_{lang}"],
              r[f"denominator_label_{lang}"]) for r in indicators.iter_rows(named=True)],
        )  # fmt: skip
    for ref_kind in ("site", "process", "cause", "user"):
        if ref_kind not in needs:
            continue
        rows = refs.filter((pl.col("ref_kind") == ref_kind) & pl.col("in_scope")).sort("ref_id")
        _sheet(
            book,
            t(f"ingest.sheet.{_PLURAL[ref_kind]}", lang),
            [t("ingest.ref.id", lang), t("ingest.ref.name", lang), t(f"ingest.ref.detail_{ref_kind}", lang)],
            [(r["ref_id"], r[label], r["detail"]) for r in rows.iter_rows(named=True)],
        )
    choices = [c for c in columns if c.choices]
    if choices:
        longest = max(len(c.choices) for c in choices)
        _sheet(
            book,
            t("ingest.sheet.codes", lang),
            [header_for(c, lang) for c in choices],
            [tuple(c.choices[i] if i < len(c.choices) else None for c in choices) for i in range(longest)],
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
