"""Both catalogues are complete, every key the code asks for exists, numbers follow each language."""

import ast
import re
import string
from datetime import date
from pathlib import Path

from smqse.i18n import CATALOGUES, NBSP, NNBSP, format_month, format_number, format_percent, format_value, t
from smqse.model import Aggregation, IndicatorKind, Polarity, ProcessFamily, Role, Status

ROOT = Path(__file__).resolve().parent.parent
CODE = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "smqse").rglob("*.py"))]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogues_have_the_same_keys():
    fr, en = CATALOGUES["fr"], CATALOGUES["en"]
    assert sorted(set(fr) - set(en)) == []
    assert sorted(set(en) - set(fr)) == []


def test_no_empty_values_and_same_placeholders():
    fr, en = CATALOGUES["fr"], CATALOGUES["en"]
    for lang, catalogue in CATALOGUES.items():
        empty = [k for k, v in catalogue.items() if not isinstance(v, str) or not v.strip()]
        assert empty == [], f"empty messages in {lang}: {empty}"
    mismatched = [k for k in fr if _placeholders(fr[k]) != _placeholders(en[k])]
    assert mismatched == []


def test_coded_values_are_translated():
    groups = {
        "status": Status,
        "role": Role,
        "kind": IndicatorKind,
        "polarity": Polarity,
        "aggregation": Aggregation,
        "family": ProcessFamily,
    }
    for lang, catalogue in CATALOGUES.items():
        missing = [
            f"{g}.{v.value}" for g, enum in groups.items() for v in enum if f"{g}.{v.value}" not in catalogue
        ]
        missing += [f"domain.{d}" for d in "QSE" if f"domain.{d}" not in catalogue]
        assert missing == [], f"{lang}: {missing}"
    assert t("status.met", "fr") == "Atteint"
    assert t("status.met", "en") == "Met"


def _literal_keys() -> set[str]:
    """Keys passed as string literals to t(...) in the code (f-string keys are checked by their prefix)."""
    keys, prefixes = set(), set()
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    keys.add(arg.value)
                elif (
                    isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant)
                ):
                    prefixes.add(arg.values[0].value)
    return keys | {f"prefix:{p}" for p in prefixes}


def test_every_key_used_in_the_code_exists():
    fr = CATALOGUES["fr"]
    missing = []
    for key in _literal_keys():
        if key.startswith("prefix:"):
            prefix = key.removeprefix("prefix:")
            if not any(k.startswith(prefix) for k in fr):
                missing.append(prefix + "…")
        elif key not in fr:
            missing.append(key)
    assert sorted(missing) == []


def test_unknown_language_falls_back_to_french():
    assert t("status.missed", "de") == "Non atteint"
    assert t("scope.sites_count", "en", n=4) == "4 sites"


def test_numbers_follow_the_language():
    assert format_number(1234.5, "fr") == f"1{NNBSP}234,5"
    assert format_number(1234.5, "en") == "1,234.5"
    assert format_number(123456.7, "fr") == f"123{NNBSP}457"  # large values: no decimals
    assert format_number(3, "fr") == "3"
    assert format_number(12.34, "fr") == "12,3"
    assert format_percent(0.123, "fr", 1) == f"12,3{NBSP}%"
    assert format_percent(0.123, "en", 1) == "12.3%"
    assert format_value(12.34, "%", "fr") == f"12,3{NBSP}%"
    assert format_value(12.34, "%", "en") == "12.3%"
    assert format_value(1500, "t", "fr") == f"1{NNBSP}500{NBSP}t"
    assert format_value(None, "t", "fr") == "—"
    assert format_number(-0.001, "fr") == "0,00"
    assert format_month(date(2026, 9, 1), "fr") == "septembre 2026"
    assert format_month(date(2026, 9, 1), "en") == "September 2026"


def test_french_catalogue_has_no_english_leftovers():
    # A cheap guard: a few common English words should not appear in French messages.
    english = re.compile(r"\b(the|and|with|without|month|objective)\b")
    leftovers = [
        k
        for k, v in CATALOGUES["fr"].items()
        if english.search(re.sub(r"\{[^}]*\}", "", v)) and not k.startswith("language.")
    ]
    assert leftovers == []
