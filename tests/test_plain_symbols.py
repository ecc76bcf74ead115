"""No colour emoji anywhere a user sees (issue 16): on a machine without an emoji font they show as empty
boxes (Debian's Chromium here has none), and Typst's embedded fonts have none (the review pack's PDF failed on
"➖"). Every symbol in the app's code and messages is one of the plain text symbols below, which DejaVu Sans
(the fallback font of Chromium on Linux and the PDF's font family) draws; U+FE0F, which asks for the emoji
form of a symbol, appears nowhere."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from smqse.words.shared import sparkline_values, trend_words

ROOT = Path(__file__).resolve().parents[1]
# Plain symbols the app uses, each drawn by DejaVu Sans and DejaVu Sans Mono (checked with fc-query).
PLAIN_SYMBOLS = set("✓✗⚠–↯~◷○●◐⊘▲▼►■◆★✎↗↘→←↔↳↻−√∩≈≠≤≥±×÷·…")
# The PDF's safety net maps the colour emoji that may still arrive in typed text: it must name them.
EMOJI_MAP_FILE = ROOT / "smqse" / "export" / "pdf.py"


def _user_facing_files() -> list[Path]:
    suffixes = {".py", ".typ", ".txt", ".html", ".toml"}
    found = [p for p in (ROOT / "smqse").rglob("*") if p.suffix in suffixes and p != EMOJI_MAP_FILE]
    return [*found, *(ROOT / "pages").glob("*.py"), ROOT / "app.py", ROOT / ".streamlit" / "config.toml"]


def _is_symbol(char: str) -> bool:
    category = unicodedata.category(char)
    return char == "\ufe0f" or (ord(char) >= 0x2190 and category in {"So", "Sm", "Sk", "Pd"})


def test_every_symbol_in_the_app_is_a_plain_text_symbol():
    offending: dict[str, set[str]] = {}
    for path in _user_facing_files():
        for char in set(path.read_text(encoding="utf-8")):
            if _is_symbol(char) and char not in PLAIN_SYMBOLS:
                offending.setdefault(f"U+{ord(char):04X} {char!r}", set()).add(str(path.relative_to(ROOT)))
    assert not offending, {k: sorted(v)[:5] for k, v in offending.items()}


@pytest.mark.parametrize(
    ("values", "lang", "expected"),
    [
        ([1.0, 2.0, 3.0, 4.0], "fr", "En hausse sur 4 mois : de 1,0 à 4,0"),
        ([400.0, None, 300.0, 120.0], "en", "Falling over 4 months: from 400 to 120"),
        ([2.0, 2.02, 1.99, 2.01], "fr", "Stable sur 4 mois : de 2,0 à 2,0"),
        ([None, None], "fr", "Pas de valeur sur la période"),
    ],
)
def test_a_sparkline_says_its_trend_in_words(values, lang, expected):
    assert trend_words(values, lang) == expected


def test_a_sparkline_cell_reads_as_short_numbers():
    """A screen reader reads the cell's numbers: three significant digits, gaps kept."""
    assert sparkline_values([3.2099999999999995, None, 15000.123, 0.041666666]) == [
        3.21,
        None,
        15000.0,
        0.0417,
    ]
