"""Plural forms: "1 action" / "2 actions" in both languages, "0 action" in French ("0 actions" in English).

Kept a thin function on purpose: issue 16's Babel work (p16-locale) may take the rule from CLDR instead;
the call sites (`tn`) and the message keys (`KEY.one`, `KEY.many`) stay the same.
"""

from __future__ import annotations

from smqse.i18n import normalise_language, t


def plural_form(n: int, lang: str) -> str:
    """`one` or `many`: French treats 0 and 1 as singular (CLDR's rule for integers), English only 1."""
    if normalise_language(lang) == "fr":
        return "one" if abs(n) < 2 else "many"
    return "one" if abs(n) == 1 else "many"


def tn(key: str, n: int, lang: str, **kwargs: object) -> str:
    """The message `KEY.one` or `KEY.many` that agrees with `n`, with `{n}` and kwargs filled in."""
    return t(f"{key}.{plural_form(n, lang)}", lang, n=n, **kwargs)
