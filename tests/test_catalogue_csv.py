"""The indicator catalogue's CSV download: what a spreadsheet opens holds no formula (issue 11)."""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest

from smqse.words.indicators import build_catalogue_table, catalogue_labels, export_catalogue_csv

HOSTILE = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_catalogue_csv_neutralises_a_formula_looking_name(lang):
    frame = pl.DataFrame(
        {
            "indicator_id": ["Q-1", "Q-2"],
            "name_fr": [HOSTILE, "Taux de rebut"],
            "name_en": [HOSTILE, "Scrap rate"],
            "kind": ["result", "result"],
            "domain": ["Q", "Q"],
            "unit": ["%", "%"],
            "source": ["@SUM(A1)", "ERP"],
        }
    )
    text = export_catalogue_csv(build_catalogue_table(frame, lang), lang)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";" if lang == "fr" else ","))
    labels = catalogue_labels(lang)
    assert [r[labels["indicator"]] for r in rows] == [
        "'" + HOSTILE,
        "Taux de rebut" if lang == "fr" else "Scrap rate",
    ]
    assert [r[labels["source"]] for r in rows] == ["'@SUM(A1)", "ERP"]
