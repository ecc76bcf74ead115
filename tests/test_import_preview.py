"""The import preview in the user's language (issue 16: headers "indicator_id / site_id / value", numbers
"15000.00", empty cells "None")."""

from __future__ import annotations

from datetime import date

import polars as pl

from smqse.i18n import NNBSP
from smqse.views.data import preview_for_display

PREVIEW = pl.DataFrame(
    {
        "row": [2, 3],
        "indicator_id": ["Q-SCRAP", "E-ENERGY"],
        "site_id": ["LYON", "LYON"],
        "period": [date(2026, 11, 1), date(2026, 11, 1)],
        "value": [None, 15000.0],
        "numerator": [3.0, None],
        "denominator": [1000.0, None],
        "comment": [None, "x"],
        "import_status": ["new", "new_version"],
    }
)


def test_french_headers_months_and_numbers():
    shown = preview_for_display(PREVIEW, "measurements", "fr")
    assert shown.columns == [
        "Ligne", "Indicateur", "Site", "Période", "Valeur", "Numérateur", "Dénominateur", "Commentaire", "Effet",
    ]  # fmt: skip
    assert shown["Valeur"].to_list() == [None, f"15{NNBSP}000"]  # empty stays empty: the grid shows "—"
    assert shown["Dénominateur"].to_list() == [f"1{NNBSP}000", None]
    assert shown["Période"].to_list() == ["nov. 2026", "nov. 2026"]
    assert "Nouvelle ligne" in shown["Effet"][0]


def test_english_headers_are_the_file_format_s_names_in_words():
    shown = preview_for_display(PREVIEW, "measurements", "en")
    assert shown.columns[:5] == ["Row", "Indicator", "Site", "Period", "Value"]
    assert shown["Value"].to_list() == [None, "15,000"]
