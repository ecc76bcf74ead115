"""One e-mail per user and run: their reminders and digest, in their language, as HTML with a plain-text
alternative (multipart/alternative). Both parts come from the same sections, so they say the same thing.

Accessible: a heading per kind (h2) and per owed month (h3), tables with column headers (th scope=col), lists,
statuses in words (never a colour), a visible link to the app. Every value that comes from the database (a
name, an action's title) is escaped in the HTML part.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from itertools import groupby

from smqse.i18n import format_month, format_number, label, t
from smqse.reminders import (
    ACTION_DUE_DAYS,
    ACTIONS_DUE,
    ESCALATION_DAYS,
    ESCALATIONS,
    OBJECTIVE_ALERTS,
    OWED_VALUES,
    UNFAVOURABLE,
    Digest,
    Reminder,
)
from smqse.views.entry import DUE_DAY

# The order of the sections: what is most urgent first, the digest last.
SECTION_ORDER = (ESCALATIONS, ACTIONS_DUE, OWED_VALUES, OBJECTIVE_ALERTS, UNFAVOURABLE)


@dataclass(frozen=True)
class Recipient:
    user_id: str
    display_name: str
    email: str
    language: str


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: list[tuple[str | Link, ...]]


@dataclass(frozen=True)
class Block:
    """A heading (level 2 or 3) with what follows it: paragraphs, a list, a table, links."""

    heading: str
    level: int = 2
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    table: Table | None = None
    links: list[Link] = field(default_factory=list)


def format_day(day: date, lang: str) -> str:
    """`10 novembre 2026` / `10 November 2026`."""
    return f"{day.day} {format_month(day, lang)}"


def _url(base_url: str, link: str, lang: str) -> str:
    return f"{base_url}{link}{'&' if '?' in link else '?'}lang={lang}"


def _when(days_overdue: int, lang: str) -> str:
    if days_overdue > 0:
        return t("notify.overdue_one" if days_overdue == 1 else "notify.overdue_many", lang, n=days_overdue)
    if days_overdue == 0:
        return t("notify.due_today", lang)
    left = -days_overdue
    return t("notify.due_in_one" if left == 1 else "notify.due_in_many", lang, n=left)


def _indicator(r: Reminder | dict, lang: str) -> str:
    if isinstance(r, dict):
        return f"{r['indicator_id']} · {r[f'name_{lang}']}"
    return f"{r.indicator_id} · {r.name(lang)}"


def _site(r: Reminder, lang: str) -> str:
    return r.site_name or r.site_id or t("notify.all_sites", lang)


def _action_rows(reminders: list[Reminder], lang: str, base_url: str, owner: bool) -> Table:
    headers = [t("notify.col.action", lang), t("notify.col.title", lang)]
    headers += [t("notify.col.owner", lang)] if owner else []
    headers += [t("notify.col.process", lang), t("notify.col.site", lang), t("notify.col.due", lang)]
    headers += [t("notify.col.state", lang)]
    rows = []
    for r in reminders:
        row: list[str | Link] = [Link(r.action_id or "", _url(base_url, r.link, lang)), r.title or ""]
        row += [r.owner_name or "—"] if owner else []
        row += [r.process_name(lang) or r.process_id or "", _site(r, lang), format_day(r.due_on, lang)]
        row += [_when(r.days_overdue, lang)]
        rows.append(tuple(row))
    return Table(tuple(headers), rows)


def _owed_blocks(reminders: list[Reminder], lang: str, base_url: str) -> list[Block]:
    blocks = [
        Block(
            t("notify.section.owed_values", lang),
            paragraphs=[t("notify.section.owed_values.intro", lang, due_day=DUE_DAY)],
        )
    ]
    by_month = sorted(
        reminders, key=lambda r: (r.period, r.process_id or "", r.indicator_id or "", r.site_id)
    )
    for month, group in groupby(by_month, key=lambda r: r.period):
        owed = list(group)
        first = owed[0]
        heading = t(
            "notify.owed.month", lang, month=format_month(month, lang), n=len(owed),
            due=format_day(first.due_on, lang), state=_when(first.days_overdue, lang),
        )  # fmt: skip
        table = Table(
            (t("notify.col.indicator", lang), t("notify.col.site", lang), t("notify.col.process", lang)),
            [(_indicator(r, lang), _site(r, lang), r.process_name(lang) or "") for r in owed],
        )
        link = Link(
            t("notify.owed.link", lang, month=format_month(month, lang)), _url(base_url, first.link, lang)
        )
        blocks.append(Block(heading, level=3, table=table, links=[link]))
    return blocks


def _status(value: str | None, lang: str) -> str:
    return label("status", value, lang)


def _signal(direction: str | None, lang: str) -> str:
    return (
        t(f"notify.signal.{direction}", lang)
        if direction in ("up", "down")
        else t("notify.signal.none", lang)
    )


def _unfavourable_block(reminders: list[Reminder], lang: str, base_url: str) -> Block:
    month = format_month(reminders[0].period, lang)
    headers = (
        t("notify.col.indicator", lang), t("notify.col.status", lang), t("notify.col.previous", lang),
        t("notify.col.value", lang), t("notify.col.target", lang), t("notify.col.signal", lang),
    )  # fmt: skip
    rows = [
        (
            Link(_indicator(r, lang), _url(base_url, r.link, lang)),
            _status(r.status, lang),
            _status(r.previous_status, lang),
            format_number(r.value, lang),
            format_number(r.threshold, lang),
            _signal(r.signal_direction, lang),
        )
        for r in reminders
    ]
    return Block(
        t("notify.section.unfavourable_indicators", lang),
        paragraphs=[t("notify.section.unfavourable_indicators.intro", lang, month=month)],
        table=Table(headers, rows),
    )


def _objective_block(reminders: list[Reminder], lang: str, base_url: str) -> Block:
    month = format_month(reminders[0].period, lang)
    headers = (
        t("notify.col.objective", lang), t("notify.col.indicator", lang), t("notify.col.site", lang),
        t("notify.col.value", lang), t("notify.col.alert", lang), t("notify.col.status", lang),
        t("notify.col.previous", lang),
    )  # fmt: skip
    rows = [
        (
            Link(r.objective_id or "", _url(base_url, r.link, lang)),
            _indicator(r, lang),
            _site(r, lang),
            format_number(r.value, lang),
            format_number(r.threshold, lang),
            _status(r.status, lang),
            _status(r.previous_status, lang),
        )
        for r in reminders
    ]
    return Block(
        t("notify.section.objective_alerts", lang),
        paragraphs=[t("notify.section.objective_alerts.intro", lang, month=month)],
        table=Table(headers, rows),
    )


def _digest_blocks(digest: Digest, lang: str, base_url: str) -> list[Block]:
    month = format_month(digest.month, lang)
    counts = Table(
        (t("notify.col.status", lang), t("notify.col.count", lang)),
        [(_status(status, lang), str(n)) for status, n in digest.status_counts.items()],
    )
    changed = [
        t("notify.digest.changed_item", lang, indicator=_indicator(c, lang),
          before=_status(c["previous_status"], lang), after=_status(c["status"], lang))
        for c in digest.changed
    ]  # fmt: skip
    signals = [
        t("notify.digest.signal_item", lang, indicator=_indicator(s, lang),
          direction=_signal(s["signal_direction"], lang), month=format_month(s["signal_period"], lang),
          status=_status(s["status"], lang))
        for s in digest.top_signals
    ]  # fmt: skip
    return [
        Block(
            t("notify.section.monthly_digest", lang, month=month),
            paragraphs=[t("notify.digest.intro", lang, month=month, n=digest.indicator_count)],
            links=[Link(t("notify.digest.link", lang, month=month), _url(base_url, digest.link, lang))],
        ),
        Block(t("notify.digest.counts", lang), level=3, table=counts),
        Block(
            t("notify.digest.changed", lang),
            level=3,
            items=changed,
            paragraphs=[] if changed else [t("notify.digest.no_change", lang)],
        ),
        Block(
            t("notify.digest.signals", lang),
            level=3,
            items=signals,
            paragraphs=[] if signals else [t("notify.digest.no_signal", lang)],
        ),
    ]


def compose_blocks(reminders: list[Reminder], digest: Digest | None, lang: str, base_url: str) -> list[Block]:
    """The message's sections, most urgent first, the digest last."""
    by_kind: dict[str, list[Reminder]] = {}
    for r in reminders:
        by_kind.setdefault(r.kind, []).append(r)
    blocks: list[Block] = []
    for kind in SECTION_ORDER:
        found = by_kind.get(kind)
        if not found:
            continue
        if kind == ESCALATIONS:
            blocks.append(
                Block(
                    t("notify.section.escalations", lang, days=ESCALATION_DAYS),
                    paragraphs=[t("notify.section.escalations.intro", lang, days=ESCALATION_DAYS)],
                    table=_action_rows(found, lang, base_url, owner=True),
                )
            )
        elif kind == ACTIONS_DUE:
            blocks.append(
                Block(
                    t("notify.section.actions_due", lang),
                    paragraphs=[t("notify.section.actions_due.intro", lang, days=ACTION_DUE_DAYS)],
                    table=_action_rows(found, lang, base_url, owner=False),
                )
            )
        elif kind == OWED_VALUES:
            blocks += _owed_blocks(found, lang, base_url)
        elif kind == OBJECTIVE_ALERTS:
            blocks.append(_objective_block(found, lang, base_url))
        else:
            blocks.append(_unfavourable_block(found, lang, base_url))
    if digest is not None:
        blocks += _digest_blocks(digest, lang, base_url)
    return blocks


def subject(reminders: list[Reminder], digest: Digest | None, on: date, lang: str) -> str:
    n = len(reminders)
    items = t("notify.subject.items_one" if n == 1 else "notify.subject.items_many", lang, n=n) if n else ""
    digest_text = t("notify.subject.digest", lang, month=format_month(digest.month, lang)) if digest else ""
    what = (
        t("notify.subject.both", lang, items=items, digest=digest_text)
        if items and digest_text
        else (items or digest_text)
    )
    return t("notify.subject", lang, what=what, day=format_day(on, lang))


# --- rendering ----------------------------------------------------------------------------------------------

_STYLE = (
    "body{font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;line-height:1.45;max-width:760px;margin:0 auto;"
    "padding:16px}table{border-collapse:collapse;margin:8px 0 12px;width:100%}th,td{border:1px solid #8a8a8a;"
    "padding:6px 8px;text-align:left;vertical-align:top}th{background:#ececec}a{color:#0b57d0}"
    "h1{font-size:1.4em}h2{font-size:1.2em;margin-top:28px;border-bottom:2px solid #1a1a1a}h3{font-size:1.05em}"
    "footer{margin-top:28px;font-size:.9em;color:#404040}"
)


def _cell_html(cell: str | Link) -> str:
    if isinstance(cell, Link):
        return f'<a href="{html.escape(cell.url, quote=True)}">{html.escape(cell.text)}</a>'
    return html.escape(cell)


def render_html(recipient: Recipient, blocks: list[Block], on: date, base_url: str, title: str) -> str:
    lang = recipient.language
    out = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body><main>",
        f"<h1>{html.escape(t('notify.greeting', lang, name=recipient.display_name))}</h1>",
        f"<p>{html.escape(t('notify.intro', lang, day=format_day(on, lang)))}</p>",
        f'<p><a href="{html.escape(_url(base_url, "", lang), quote=True)}">{html.escape(t("notify.open_app", lang))}</a></p>',
    ]
    for block in blocks:
        tag = f"h{block.level}"
        out.append(f"<{tag}>{html.escape(block.heading)}</{tag}>")
        out += [f"<p>{html.escape(p)}</p>" for p in block.paragraphs]
        if block.items:
            out.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in block.items) + "</ul>")
        if block.table is not None:
            head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in block.table.headers)
            body = "".join(
                "<tr>" + "".join(f"<td>{_cell_html(c)}</td>" for c in row) + "</tr>"
                for row in block.table.rows
            )
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        out += [f"<p>{_cell_html(link)}</p>" for link in block.links]
    out.append(
        f"</main><footer><p>{html.escape(t('notify.footer', lang))}</p>"
        f"<p>{html.escape(t('notify.footer.why', lang))}</p></footer></body></html>"
    )
    return "\n".join(out)


def _cell_text(cell: str | Link) -> str:
    return f"{cell.text} <{cell.url}>" if isinstance(cell, Link) else cell


def _pair(name: str, value: str, lang: str) -> str:
    """`Site : Lyon` in French, `Site: Lyon` in English."""
    return f"{name} : {value}" if lang == "fr" else f"{name}: {value}"


def render_text(recipient: Recipient, blocks: list[Block], on: date, base_url: str) -> str:
    lang = recipient.language
    lines = [
        t("notify.greeting", lang, name=recipient.display_name),
        "",
        t("notify.intro", lang, day=format_day(on, lang)),
        _pair(t("notify.open_app", lang), _url(base_url, "", lang), lang),
    ]
    for block in blocks:
        underline = "=" if block.level == 2 else "-"
        lines += ["", block.heading, underline * len(block.heading)]
        lines += block.paragraphs
        lines += [f"- {i}" for i in block.items]
        if block.table is not None:
            headers = block.table.headers
            separator = " ; " if lang == "fr" else "; "  # French typography spaces the semicolon
            for row in block.table.rows:
                cells = (_pair(h, _cell_text(c), lang) for h, c in zip(headers, row, strict=True))
                lines.append("- " + separator.join(cells))
        lines += [_pair(link.text, link.url, lang) for link in block.links]
    lines += ["", "--", t("notify.footer", lang), t("notify.footer.why", lang), ""]
    return "\n".join(lines)


def build_message(
    recipient: Recipient,
    reminders: Iterable[Reminder],
    digest: Digest | None,
    *,
    on: date,
    base_url: str,
    sender: str,
) -> EmailMessage:
    """The e-mail to `recipient`: subject, plain text, then HTML (the preferred alternative last)."""
    reminders = list(reminders)
    lang = recipient.language
    blocks = compose_blocks(reminders, digest, lang, base_url)
    title = subject(reminders, digest, on, lang)
    message = EmailMessage()
    message["Subject"] = title
    message["From"] = sender
    message["To"] = Address(display_name=recipient.display_name, addr_spec=recipient.email)
    message["Date"] = format_datetime(datetime.now(UTC))
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    message["Message-ID"] = make_msgid("smqse", domain=domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no automatic replies to it
    message.set_content(render_text(recipient, blocks, on, base_url))
    message.add_alternative(render_html(recipient, blocks, on, base_url, title), subtype="html")
    # After the parts exist: making the message multipart moves the Content-* headers into its first part.
    message["Content-Language"] = lang
    for part in message.iter_parts():
        part["Content-Language"] = lang
    return message
