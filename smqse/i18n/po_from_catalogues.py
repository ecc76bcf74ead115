"""Write the gettext catalogues (smqse/locale/<lang>/LC_MESSAGES/smqse.po) from the Python dict catalogues.

Run `python -m smqse.i18n.po_from_catalogues` while dict modules (smqse/i18n/fr.py, en.py and the feature
modules with FR and EN dicts) exist, e.g. restored from a branch that added keys to them, then delete them:
the .po files are the catalogues the application reads. The conversion merges into the existing .po files:
- a key from a dict is added, or its text replaced by the dict's (the dict is the newer edit);
- a key already written as a plural entry in the .po stays as the .po has it;
- at the first conversion (no .po yet), `key.one` / `key.many` pairs became one plural entry `key` (a
  leading "1 " of the singular becoming "{n} ": French uses the singular for 0 too); a pair added since
  stays two messages, reported, as long as its callers ask for `key.one` / `key.many`;
- keys only in the .po (added there directly) stay; RETIRED keys (now written by Babel) are left out.
Each entry carries a translator comment naming the feature (the dict module) it came from.
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from smqse.i18n import BABEL_LOCALES, DOMAIN, po_path, read_catalogue

HERE = Path(__file__).resolve().parent
BASE_MODULES = {"fr": "MESSAGES", "en": "MESSAGES"}  # fr.py / en.py: the general messages of one language
# Months, list conjunctions and day counts now come from Babel (CLDR): these keys are not written again.
# Nine more were used by no code when the catalogues moved to .po (issue 16).
RETIRED = re.compile(
    r"^(month\.\d+|month_short\.\d+|word\.and|drift\.verdict_heading|entry\.grid_alt|anomalies\.unavailable"
    r"|data\.check|entry\.reason|month\.by_process|month\.by_site|pareto\.col\.label|pareto\.col\.weight)$"
)
PLURAL_SUFFIXES = (".one", ".many")
CONVERTED_AT = "d494161"  # the commit whose dict catalogues were converted (the branch's base, issue 16)
HEADER = """\
# SMQSE messages, language "{lang}". One entry per message: msgid is the key the
# code asks for, msgstr the text; keep the {{name}} placeholders as they are
# (tests/test_i18n.py checks them). A plural entry has one msgstr per form of the
# Plural-Forms header. A new language: copy this file to
# smqse/locale/<code>/LC_MESSAGES/smqse.po, set Language and Plural-Forms below
# to the language's, and translate every msgstr."""
CREATED = datetime(2026, 12, 6, tzinfo=UTC)  # fixed: re-running the script gives no header noise


def dict_modules() -> list[str]:
    names = sorted(p.stem for p in HERE.glob("*.py") if p.stem not in {"__init__", Path(__file__).stem})
    return [n for n in ("fr", "en") if n in names] + [n for n in names if n not in ("fr", "en")]


def read_dicts(lang: str) -> list[tuple[str, str, dict[str, str]]]:
    """(feature, comment, messages) for each dict module that has messages in `lang`."""
    found = []
    for name in dict_modules():
        module = importlib.import_module(f"smqse.i18n.{name}")
        if name in BASE_MODULES:
            if name != lang:
                continue
            messages = module.MESSAGES
            feature = "general"
            module = None
        else:
            messages = getattr(module, lang.upper(), None)
            feature = name
            if messages is None:
                continue
        doc = (module.__doc__ or "").strip().split(". ")[0].replace("\n", " ") if module else ""
        found.append(
            (feature, f"{feature}: {doc}" if doc else f"{feature}: messages shared by every page", messages)
        )
    return found


def converted_from(module: str, lang: str, key: str) -> str | None:
    """The text of `key` in the dict module at CONVERTED_AT (the catalogues as they were converted), so that
    a branch that did not touch a message is not reported as having edited it."""
    return _converted_messages(module, lang).get(key)


@lru_cache
def _converted_messages(module: str, lang: str) -> dict[str, str]:
    path = f"smqse/i18n/{module if module != 'general' else lang}.py"
    shown = subprocess.run(
        ["git", "show", f"{CONVERTED_AT}:{path}"], capture_output=True, text=True, cwd=HERE
    )
    if shown.returncode != 0:
        return {}
    namespace: dict = {}
    exec(compile(shown.stdout, path, "exec"), namespace)  # the project's own dict literals, at a known commit
    return (namespace.get("MESSAGES") if module == "general" else namespace.get(lang.upper())) or {}


def _placeholders(text: str) -> bool:
    return bool(re.search(r"\{[a-z_][a-z0-9_]*\}", text))


def _singular_with_n(text: str) -> str:
    return "{n}" + text[1:] if text.startswith("1 ") else text


def build(lang: str, existing: Catalog | None) -> Catalog:
    locale = BABEL_LOCALES.get(lang, lang)
    catalogue = Catalog(
        locale=locale,
        domain=DOMAIN,
        project="SMQSE",
        version="1",
        creation_date=CREATED,
        fuzzy=False,
        header_comment=HEADER.format(lang=lang),
        copyright_holder="SMQSE",
        msgid_bugs_address="-",
        last_translator="SMQSE",
        language_team=lang,
    )
    catalogue.revision_date = CREATED
    old = {m.id[0] if m.pluralizable else m.id: m for m in (existing or []) if m.id}
    seen: set[str] = set()
    for name, comment, messages in read_dicts(lang):
        for key, text in messages.items():
            if RETIRED.match(key) or key in seen:
                if key in seen:
                    raise ValueError(f"{comment}: key defined twice: {key}")
                continue
            base = next((key.removesuffix(s) for s in PLURAL_SUFFIXES if key.endswith(s)), None)
            paired = base and all(base + s in messages for s in PLURAL_SUFFIXES)
            already_plural = paired and base in old and old[base].pluralizable
            if paired and existing is not None and not already_plural:
                # A pair added after the first conversion: its callers still ask for `key.one` / `key.many`.
                if key.endswith(".one"):
                    print(f"{lang}: {base}.one/.many kept as two messages; make it a plural entry with tn()")
            elif paired:
                if base in seen:
                    continue
                seen.add(base)
                if already_plural:
                    _add(catalogue, base, old[base].string, old[base].auto_comments or [comment])
                    continue
                forms = (_singular_with_n(messages[base + ".one"]), messages[base + ".many"])
                forms += (forms[1],) * (catalogue.num_plurals - 2)
                _add(catalogue, base, forms, [comment])
                continue
            seen.add(key)
            previous = old.get(key)
            if previous is not None and previous.pluralizable:
                if text not in previous.string and text != converted_from(name, lang, key):
                    # an edit made in a dict after the key became plural
                    print(
                        f"{lang}: {key} stays the .po's plural entry; merge this dict text by hand: {text!r}"
                    )
                _add(catalogue, key, previous.string, previous.auto_comments or [comment])
            else:
                _add(catalogue, key, text, [comment])
    for key, message in old.items():  # written in the .po directly
        if key not in seen and not RETIRED.match(key):
            _add(catalogue, key, message.string, message.auto_comments)
    return catalogue


def _add(catalogue: Catalog, key: str, text: str | tuple[str, ...], comments: list[str]) -> None:
    texts = [text] if isinstance(text, str) else list(text)
    flags = ["python-brace-format"] if any(_placeholders(t) for t in texts) else []
    msgid: str | tuple[str, str] = key if isinstance(text, str) else (key, key)
    catalogue.add(msgid, text if isinstance(text, str) else tuple(text), auto_comments=comments, flags=flags)


def main() -> int:
    languages = ("fr", "en")
    for lang in languages:
        path = po_path(lang)
        existing = read_catalogue(lang) if path.exists() else None
        catalogue = build(lang, existing)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalogue, width=100, omit_header=False)
        print(f"{path}: {len([m for m in catalogue if m.id])} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
