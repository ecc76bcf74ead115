"""The .po catalogues are complete and used, every key the code asks for exists, numbers, dates and plural
forms follow each language (Babel)."""

import ast
import re
import shutil
import string
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import polars as pl

import smqse.i18n as i18n
from smqse.i18n import (
    CATALOGUES,
    LANGUAGES,
    NBSP,
    NNBSP,
    PLURALS,
    format_age,
    format_currency,
    format_date,
    format_month,
    format_month_short,
    format_number,
    format_number_upto,
    format_percent,
    format_signed_percent,
    format_value,
    join_words,
    po_path,
    read_catalogue,
    t,
    t_md,
    tn,
)
from smqse.model import Aggregation, IndicatorKind, Polarity, ProcessFamily, Role, Status
from smqse.words.anomalies import noted_text
from smqse.words.drift import build_drift_table

ROOT = Path(__file__).resolve().parent.parent
CODE = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "smqse").rglob("*.py"))]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogues_have_the_same_keys():
    for lang in LANGUAGES:
        assert sorted(set(CATALOGUES["fr"]) ^ set(CATALOGUES[lang])) == [], lang


def test_no_empty_values_and_same_placeholders():
    fr = CATALOGUES["fr"]
    for lang, catalogue in CATALOGUES.items():
        empty = [k for k, v in catalogue.items() if not isinstance(v, str) or not v.strip()]
        assert empty == [], f"empty messages in {lang}: {empty}"
        mismatched = [k for k in fr if _placeholders(fr[k]) != _placeholders(catalogue[k])]
        assert mismatched == [], lang
    for lang, plurals in PLURALS.items():
        mismatched = [
            k for k in plurals if _placeholders(plurals[k][0]) != _placeholders(PLURALS["fr"][k][0])
        ]
        assert mismatched == [], lang


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


KEYISH = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9_.]*$")
MESSAGE_CALLS = {"t", "t_md", "tn"}
# Keys the code builds at run time, which a static scan cannot see as literals or f-string prefixes:
# `<page>.title / .empty_scope / .no_months` (smqse.ui.widgets.page_header(f"{page}…")), and the labels of
# coded values, whatever the data holds (label(group, value)).
DYNAMIC_KEYS = re.compile(r"^[a-z_]+\.(title|empty_scope|no_months)$")
CODED_GROUPS = ("status.", "role.", "kind.", "polarity.", "aggregation.", "family.", "domain.")


@dataclass
class CodeScan:
    asked: set[str] = field(default_factory=set)  # literal keys passed to t / t_md / tn
    prefixes: set[str] = field(default_factory=set)  # leading text of f-string keys asked, label() groups
    built: set[str] = field(default_factory=set)  # leading text of every key-like f-string (keys built)
    literals: set[str] = field(default_factory=set)  # every key-like string constant (keys chosen in code)


def _key_prefix(node: ast.JoinedStr) -> str:
    """`drift.col.` for f"drift.col.{key}"; empty when the f-string does not start like a key."""
    first = node.values[0] if node.values else None
    text = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else ""
    return text if re.match(r"^[a-z][a-z0-9_]*\.", text) else ""


def scan_code(paths: list[Path]) -> CodeScan:
    found = CodeScan()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEYISH.match(node.value):
                found.literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and _key_prefix(node):
                found.built.add(_key_prefix(node))
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "id", None)
            if (
                name in MESSAGE_CALLS
                and isinstance(node.args[0], ast.JoinedStr)
                and _key_prefix(node.args[0])
            ):
                found.prefixes.add(_key_prefix(node.args[0]))
            if not isinstance(node.args[0], ast.Constant):
                continue
            if name in MESSAGE_CALLS and isinstance(node.args[0].value, str):
                found.asked.add(node.args[0].value)
            elif name == "label" and isinstance(node.args[0].value, str):
                found.prefixes.add(node.args[0].value + ".")
    return found


def all_keys(lang: str) -> set[str]:
    return set(CATALOGUES[lang]) | set(PLURALS[lang])


def missing_keys(scan: CodeScan, lang: str) -> list[str]:
    keys = all_keys(lang)
    missing = sorted(k for k in scan.asked if k not in keys)
    missing += sorted(p + "…" for p in scan.prefixes if not any(k.startswith(p) for k in keys))
    return missing


def unused_keys(scan: CodeScan, lang: str) -> list[str]:
    used_prefixes = (*scan.prefixes, *scan.built, *CODED_GROUPS)
    return sorted(
        k
        for k in all_keys(lang)
        if k not in scan.literals and not k.startswith(used_prefixes) and not DYNAMIC_KEYS.match(k)
    )


def test_every_key_used_in_the_code_exists_in_every_catalogue():
    scan = scan_code(CODE)
    assert len(scan.asked) > 1000  # the scan sees the code's calls
    for lang in LANGUAGES:
        assert missing_keys(scan, lang) == [], lang


def test_no_message_is_unused():
    scan = scan_code(CODE)
    for lang in LANGUAGES:
        assert unused_keys(scan, lang) == [], lang


def test_the_checks_catch_a_missing_and_an_unused_message(tmp_path):
    code = tmp_path / "page.py"
    code.write_text(
        't("status.met", lang)\nt("zz.not_in_any_catalogue", lang)\nt(f"drift.col.{key}", lang)\n'
    )
    scan = scan_code([code])
    assert missing_keys(scan, "fr") == ["zz.not_in_any_catalogue"]
    assert "status.met" not in unused_keys(scan, "fr")  # a coded value
    built = sorted(k for k in all_keys("fr") if k.startswith("drift.col."))
    assert built and not set(built) & set(unused_keys(scan, "fr"))  # keys an f-string builds
    assert "identity.login" in unused_keys(scan, "fr")  # not asked for by this code: reported unused
    scan = scan_code([*CODE, code])
    assert missing_keys(scan, "en") == ["zz.not_in_any_catalogue"]


def test_every_language_has_a_po_file_and_the_same_plural_keys():
    assert LANGUAGES[0] == "fr" and "en" in LANGUAGES
    for lang in LANGUAGES:
        assert po_path(lang).is_file()
        assert sorted(PLURALS[lang]) == sorted(PLURALS["fr"]), lang


def test_plural_entries_are_complete_for_the_language():
    for lang in LANGUAGES:
        catalogue = read_catalogue(lang)
        for message in catalogue:
            if message.id and message.pluralizable:
                forms = message.string
                assert len(forms) == catalogue.num_plurals and all(f.strip() for f in forms), message.id
                assert {_placeholders(f) == _placeholders(forms[0]) for f in forms} == {True}, message.id
                assert "n" in _placeholders(forms[0]), message.id


def test_plural_forms_follow_each_language():
    assert tn("todo.count.escalations", 0, "fr") == "0 escalade"  # French: 0 and 1 take the singular
    assert tn("todo.count.escalations", 1, "fr") == "1 escalade"
    assert tn("todo.count.escalations", 2, "fr") == "2 escalades"
    assert tn("todo.count.escalations", 1500, "fr") == f"1{NNBSP}500 escalades"
    assert tn("todo.count.escalations", 0, "en") == "0 escalations"
    assert tn("todo.count.escalations", 1, "en") == "1 escalation"
    assert tn("todo.count.escalations", 1500, "en") == "1,500 escalations"
    assert format_age(timedelta(days=1, hours=23), "en") == "47 h ago"
    assert format_age(timedelta(days=2), "en") == "2 days ago"
    assert t_md("todo.line.owed_values", "en", n=1, month="May", processes="a*b") == (
        "**1 value to enter** for May · a\\*b"
    )


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
    assert format_month_short(date(2026, 9, 1), "fr") == "sept. 2026"
    assert format_date(date(2026, 12, 6), "fr") == "6 décembre 2026"
    assert format_date(date(2026, 12, 6), "en") == "6 December 2026"
    assert join_words(["a", "b", "c"], "fr") == "a, b et c"
    assert join_words(["a", "b", "c"], "en") == "a, b and c"


def test_signed_percentages_and_currencies_follow_the_language():
    # The "-100.0 %" on a French page and "15000.00": a decimal comma, a grouped amount.
    assert format_signed_percent(-100, "fr") == f"-100,0{NBSP}%"
    assert format_signed_percent(12.5, "fr") == f"+12,5{NBSP}%"
    assert format_signed_percent(12.5, "en") == "+12.5%"
    assert format_signed_percent(-0.01, "fr") == f"0,0{NBSP}%"
    assert format_currency(15000, "fr") == f"15{NNBSP}000{NBSP}€"
    assert format_currency(15000, "en") == "€15,000"
    assert format_currency(12.5, "fr") == f"12,50{NBSP}€"
    assert format_value(15000, "€", "fr") == f"15{NNBSP}000{NBSP}€"
    assert format_percent(-0.0001, "fr", 1) == f"0,0{NBSP}%"


def test_french_catalogue_has_no_english_leftovers():
    # A cheap guard: a few common English words should not appear in French messages.
    english = re.compile(r"\b(the|and|with|without|month|objective)\b")
    leftovers = [
        k
        for k, v in CATALOGUES["fr"].items()
        if english.search(re.sub(r"\{[^}]*\}", "", v)) and not k.startswith("language.")
    ]
    assert leftovers == []


def test_the_drift_table_writes_gaps_the_page_way():
    # The "-100.0 %" on a French page: the grid's printf format had a decimal point.
    row = {
        "row_id": "r1", "verdict": "will_miss", "status": "missed", "indicator_id": "Q-1", "name_fr": "Taux",
        "name_en": "Rate", "site_id": None, "gap_now_pct": -100.0, "gap_ytd_pct": 12.54, "projected_gap_pct": None,
    }  # fmt: skip
    table = build_drift_table(pl.DataFrame([row]), {}, "fr")
    assert table["gap_now_pct"][0] == f"-100{NBSP}%"
    assert table["gap_ytd_pct"][0] == f"+12,5{NBSP}%"
    assert table["projected_gap_pct"][0] == "—"


def test_numbers_as_stored_keep_their_decimals_the_language_way():
    assert format_number_upto(25000, "fr") == f"25{NNBSP}000"
    assert format_number_upto(25000.5, "fr") == f"25{NNBSP}000,5"
    assert format_number_upto(25000.5, "en") == "25,000.5"
    assert format_number_upto(1.257, "fr") == "1,26"


def test_a_count_before_a_noun_takes_the_plural_rule_not_a_bracketed_s():
    # "1 actions" in English (issue 16): a message whose one count is {n} is a plural entry, not "(s)".
    counts = re.compile(r"\{(n|count|[a-z_]+_count|met|missed|done|overdue|signals|at_risk)\}")
    bracketed = [
        k
        for lang in LANGUAGES
        for k, v in CATALOGUES[lang].items()
        if "{n}" in v and "(s)" in v and set(counts.findall(v)) == {"n"}
    ]
    assert bracketed == []
    assert t("actions.gantt.takeaway", "en", n=1, date="x", overdue=0, open=1, closed=0).startswith(
        "1 action drawn"
    )
    assert t("causes.flag.actions", "en", n=1) == "1 action"
    assert t("causes.flag.actions", "fr", n=0) == "0 action"
    assert t("data.refused", "fr", n=1234).startswith(f"Fichier refusé : 1{NNBSP}234 problèmes.")


def test_a_new_language_is_one_more_po_file(tmp_path, monkeypatch):
    for lang in ("fr", "en", "de"):
        target = tmp_path / lang / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(po_path("en" if lang == "de" else lang), target / "smqse.po")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert i18n._languages() == ("fr", "de", "en")
    assert i18n.read_catalogue("de").num_plurals == 2  # the header's Plural-Forms gives the forms


def test_a_noted_anomaly_says_when_in_words_of_the_language():
    flag = {"note_status": "explained", "noted_by": "Marie Dupont", "noted_at": datetime(2026, 11, 12, 9, 30)}
    assert "12 novembre 2026" in noted_text(flag, "fr")
    assert "12 November 2026" in noted_text(flag, "en")


def test_a_count_given_already_written_still_chooses_the_form():
    assert t("ishikawa.events_n", "fr", n=f"1{NNBSP}234") == f"1{NNBSP}234 événements"
    assert t("ishikawa.events_n", "en", n="1") == "1 event"


def test_charts_take_their_separators_from_the_language():
    assert i18n.chart_separators("fr") == f",{NNBSP}"  # decimal comma, thousands as in the tables
    assert i18n.chart_separators("en") == ".,"
    hand_made = [
        p.name for p in (ROOT / "smqse" / "charts").glob("*.py") if 'separators=", "' in p.read_text()
    ]
    assert hand_made == []
