"""Text that fits (issue 16): what the app's own code decides about widths and wrapping, checked without a
browser (tests/ui/test_pages_browser.py measures the pages themselves at 1280 px)."""

from __future__ import annotations

import ast

import pytest

from tests.ui.live_server import ROOT

BUTTON_GROUPS = {"segmented_control", "pills"}


def _button_group_calls() -> list[tuple[str, ast.Call]]:
    calls = []
    for path in sorted([*ROOT.joinpath("pages").glob("*.py"), *ROOT.joinpath("smqse", "ui").glob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in BUTTON_GROUPS:
                calls.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return calls


def test_the_app_has_button_groups():
    assert len(_button_group_calls()) >= 10


@pytest.mark.parametrize("where, call", _button_group_calls(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_button_group_wraps(where, call):
    """Placed in a column, a segmented control or pills stay on one row by default and scroll sideways: at
    1280 px the scorecard's "Environnement" and the trends' fourth way of computing the limits were cut off.
    `wrap=True` puts the options that do not fit on a second row."""
    wrap = {k.arg: k.value for k in call.keywords}.get("wrap")
    assert isinstance(wrap, ast.Constant) and wrap.value is True, where
