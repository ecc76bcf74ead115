"""What a figure is made of, in words, where it is not plain Σ numerator / Σ denominator: stored ratio rows it
could not use (no numerator or denominator), and ratios allowed a value alone, which aggregate as a simple
mean. Used by the scorecard, trends and drift pages (smqse.ui.aggregation) and by the review pack: no saved
row is ever left out of an aggregate without the view saying so. No Streamlit here."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from smqse.analysis import kpi
from smqse.i18n import t, tn


@dataclass(frozen=True)
class AggregationNote:
    kind: str  # "left_out" (rows not counted: a warning) or "mean_of_values" (how the figure is made)
    indicator_id: str
    text: str


def describe_aggregation_notes(
    indicators: pl.DataFrame, left_out: pl.DataFrame, lang: str, *, only: set[str] | None = None
) -> list[AggregationNote]:
    """One note per indicator with left-out rows, then one per ratio allowed a value alone; `indicators` has
    indicator_id, name_fr, name_en and, where known, value_only_rule; `left_out` is kpi.LEFT_OUT_SCHEMA.
    `only`: the indicators the view shows (None: all)."""
    if indicators.is_empty() or "indicator_id" not in indicators.columns:
        return []
    names = {
        r["indicator_id"]: r.get(f"name_{lang}") or r["indicator_id"]
        for r in indicators.iter_rows(named=True)
    }
    notes = []
    for row in left_out.iter_rows(named=True):
        iid = row["indicator_id"]
        if iid not in names or (only is not None and iid not in only):
            continue
        note = tn("ratio.note.left_out", row["left_out_count"], lang, sites=", ".join(row["left_out_sites"]))
        notes.append(AggregationNote("left_out", iid, t("ratio.note.left_out_indicator", lang, indicator=iid,
                                                          name=names[iid], note=note)))  # fmt: skip
    if "value_only_rule" in indicators.columns:
        allowed = indicators.filter(pl.col("value_only_rule") == kpi.MEAN_OF_VALUES)
        for iid in allowed["indicator_id"].to_list():
            if only is None or iid in only:
                text = t("ratio.note.mean_of_values", lang, indicator=iid, name=names[iid])
                notes.append(AggregationNote("mean_of_values", iid, text))
    return notes
