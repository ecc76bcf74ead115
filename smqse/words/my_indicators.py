"""Words for the attention list of the "My indicators" page: a headline, a count per kind, and one sentence
per item with an icon and a word (never colour alone). No Streamlit here."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from smqse.analysis import attention
from smqse.analysis.kpi import shift_month
from smqse.charts.palette import SIGNAL_ICON, STATUS_ICONS
from smqse.i18n import format_month, join_words, t, t_md, tn
from smqse.model import Status
from smqse.textsafety import escape_markdown
from smqse.words.scorecard import describe_status
from smqse.words.shared import describe_signal, short_name, status_text

KIND_ICONS: dict[str, str] = {
    attention.MISSING_DATA: "○",
    attention.OBJECTIVE_MISSED: STATUS_ICONS[Status.MISSED.value],
    attention.UNFAVOURABLE_SIGNAL: SIGNAL_ICON,
    attention.OBJECTIVE_AT_RISK: STATUS_ICONS[Status.AT_RISK.value],
    attention.STATUS_WORSENED: "↘",
}


@dataclass(frozen=True)
class ItemText:
    """One attention item in words: `title` ("○ October 2026 value missing — Scrap rate, site Rouen")
    and `details` (sentences explaining it)."""

    indicator_id: str
    kind: str
    title: str
    details: list[str]


def _name(row: dict, lang: str) -> str:
    """The indicator's name for these Markdown lines: escaped, it shows as typed in the catalogue."""
    return escape_markdown(row.get(f"name_{lang}") or row.get("name_fr") or row.get("indicator_id") or "")


def _of_month(month, lang: str) -> str:
    """ "d'octobre 2026" / "de mars 2026" (French elides before a vowel), "October 2026"."""
    name = format_month(month, lang)
    key = "mine.of_month_elided" if name[:1].lower() in "aeiouyhéè" else "mine.of_month"
    return t(key, lang, month=name)


def build_headline(items: pl.DataFrame, lang: str) -> str:
    """ "3 points need your attention" (all_clear rows are not counted)."""
    n = attention.count_items(items)
    if n == 0:
        return t("mine.headline_none", lang)
    if n == 1:
        return t("mine.headline_one", lang)
    return t("mine.headline_many", lang, n=n)


def build_kind_counts(items: pl.DataFrame, lang: str) -> str:
    """ "1 value to enter, 2 objectives missed and 1 unfavourable signal", in ranking order."""
    if items.is_empty():
        return ""
    parts = []
    for kind in attention.ATTENTION_KINDS:
        n = int((items["kind"] == kind).sum())
        if n:
            parts.append(f"{KIND_ICONS[kind]} {tn(f'mine.count.{kind}', n, lang)}")
    return join_words(parts, lang)


def build_item_text(row: dict, lang: str, user_id: str | None = None) -> ItemText:
    """The sentence for one attention item (a row of `smqse.views.my_indicators.load_attention`)."""
    kind = row["kind"]
    name = f"**{escape_markdown(row['indicator_id'])}** {_name(row, lang)}"
    month = row.get("period") or row.get("latest_period")
    word = t(f"mine.kind.{kind}", lang, of_month=_of_month(month, lang))
    subject = name
    if row.get("site_id"):
        subject += ", " + t_md("mine.site", lang, site=short_name(row.get("site_name") or row["site_id"]))
    title = f"{KIND_ICONS.get(kind, '')} **{word}** — {subject}"
    details: list[str] = []
    if kind == attention.MISSING_DATA:
        details.append(
            t(
                "mine.missing.last",
                lang,
                last=format_month(row.get("last_period"), lang),
                n=row.get("months_reported") or 0,
            )
        )
        if user_id and row.get("pilot_user_id") == user_id:
            details.append(t("mine.missing.yours", lang))
        elif row.get("pilot_name"):
            details.append(t_md("mine.missing.pilot", lang, pilot=short_name(row["pilot_name"])))
    elif kind == attention.UNFAVOURABLE_SIGNAL:
        details.append(escape_markdown(describe_signal(row, lang)))
        if row.get("status") in (Status.MISSED.value, Status.AT_RISK.value):
            details.append(
                f"{status_text(row['status'], lang)} — {escape_markdown(describe_status(row, lang))}"
            )
    elif kind in (attention.OBJECTIVE_MISSED, attention.OBJECTIVE_AT_RISK):
        details.append(escape_markdown(describe_status(row, lang)))  # the unit comes from the catalogue
    if row.get("worsened"):
        previous_month = shift_month(row["latest_period"], -1) if row.get("latest_period") else None
        details.append(
            t(
                "mine.worsened",
                lang,
                before=status_text(row.get("previous_status"), lang),
                after=status_text(row.get("status"), lang),
                month=format_month(previous_month, lang),
            )
        )
    if row.get("also_signal"):
        details.append(
            f"{SIGNAL_ICON} {t('mine.also_signal', lang)} {escape_markdown(describe_signal(row, lang))}"
        )
    return ItemText(indicator_id=row["indicator_id"], kind=kind, title=title, details=details)


def build_item_texts(items: pl.DataFrame, lang: str, user_id: str | None = None) -> list[ItemText]:
    """Sentences for the attention items, most urgent first (all_clear rows left out)."""
    if items.is_empty():
        return []
    needing = items.filter(pl.col("needs_attention"))
    return [build_item_text(row, lang, user_id) for row in needing.iter_rows(named=True)]


def build_all_clear_lines(items: pl.DataFrame, lang: str) -> list[str]:
    """ "✓ Met — **Q-SCRAP** Scrap rate", one per indicator with nothing to report."""
    if items.is_empty():
        return []
    clear = items.filter(~pl.col("needs_attention"))
    return [
        f"{status_text(r['status'], lang)} — **{escape_markdown(r['indicator_id'])}** {_name(r, lang)}"
        for r in clear.iter_rows(named=True)
    ]
