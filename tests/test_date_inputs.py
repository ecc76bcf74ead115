"""Every date input is typed in the page's language: DD/MM/YYYY in French (issue 16: Streamlit's default
placeholder "YYYY/MM/DD" on French pages)."""

from __future__ import annotations

import ast
from pathlib import Path

from smqse.ui.dates import date_format

ROOT = Path(__file__).resolve().parents[1]


def date_input_calls() -> list[tuple[str, ast.Call]]:
    calls = []
    for path in [*sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "smqse" / "ui").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "date_input":
                calls.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return calls


def test_every_date_input_takes_the_language_s_format():
    calls = date_input_calls()
    assert len(calls) >= 6  # review, actions, objectives (2), events, the action form
    for where, call in calls:
        given = {k.arg: k.value for k in call.keywords}
        assert "format" in given, f"{where}: no format (Streamlit's placeholder is YYYY/MM/DD)"
        value = given["format"]
        assert isinstance(value, ast.Call) and getattr(value.func, "id", None) == "date_format", where


def test_french_dates_are_typed_day_first():
    assert date_format("fr") == "DD/MM/YYYY"
    assert date_format("en") == "YYYY-MM-DD"
    assert date_format("de") == "DD/MM/YYYY"  # the default language
