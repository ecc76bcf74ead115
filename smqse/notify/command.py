"""`python -m smqse notify [--dry-run] [--as-of YYYY-MM-DD]`: what it prints and its exit status.

Standard output: one line per message sent (or, with --dry-run, per message and item that would be sent),
then a summary. Exit status 0 when everything due was sent (or shown); 1 with a one-line reason on standard
error when a setting is missing or malformed, or when a message could not be sent (its items are left to
the next run).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TextIO

import duckdb

from smqse.i18n import format_date, join_words, t, tn
from smqse.notify import settings as notify_settings
from smqse.notify.compose import compose_blocks, render_html, render_text, subject
from smqse.notify.run import Outgoing, RunResult, plan, send
from smqse.notify.settings import SettingsError


def _print_no_address(items: list[Outgoing], lang: str, out: TextIO) -> None:
    for item in items:
        print(t("notify.cli.no_address", lang, user=item.recipient.user_id, n=len(item.items)), file=out)


def dry_run(
    con: duckdb.DuckDBPyConnection,
    on: date,
    lang: str,
    out: TextIO | None = None,
    *,
    base_url: str = notify_settings.DEFAULT_BASE_URL,
    preview: Path | None = None,
) -> int:
    """Who would receive what: nothing sent, nothing recorded. With `preview`, each message's HTML and
    plain-text parts are also written there (<user_id>.html, <user_id>.txt), to be looked at."""
    out = out or sys.stdout
    outgoing = plan(con, on)
    if preview is not None:
        preview.mkdir(parents=True, exist_ok=True)
    for item in outgoing:
        r = item.recipient
        title = subject(item.reminders, item.digest, on, r.language)
        if preview is not None:
            blocks = compose_blocks(item.reminders, item.digest, r.language, base_url)
            (preview / f"{r.user_id}.html").write_text(
                render_html(r, blocks, on, base_url, title), encoding="utf-8"
            )
            (preview / f"{r.user_id}.txt").write_text(render_text(r, blocks, on, base_url), encoding="utf-8")
        print(t("notify.cli.would_send", lang, user=r.user_id, email=r.email or "—", language=r.language,
                subject=title), file=out)  # fmt: skip
        for kind, key in item.items:
            print(t("notify.cli.item", lang, kind=kind, item=key), file=out)
    print(tn("notify.cli.summary_dry", len(outgoing), lang, day=format_date(on, lang)), file=out)
    return 0


def notify(
    con: duckdb.DuckDBPyConnection,
    on: date,
    lang: str,
    *,
    dry: bool = False,
    preview: Path | None = None,
    environ: dict[str, str] | None = None,
    secrets_file: Path | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    # Looked up at call time: the app's command service redirects them for a forwarded command.
    out, err = out or sys.stdout, err or sys.stderr
    try:
        raw = notify_settings.read_raw(environ, secrets_file)
        base_url = notify_settings.base_url(raw)
        if dry:
            # A setting given but malformed is an error even here: a dry run is how a deployment is checked.
            if any(raw.get(name) for name in notify_settings.REQUIRED):
                notify_settings.smtp_settings(raw)
            return dry_run(con, on, lang, out, base_url=base_url, preview=preview)
        smtp = notify_settings.smtp_settings(raw)
    except SettingsError as error:
        print(f"smqse: notify: {error.message(lang)}", file=err)
        return 1
    outgoing = plan(con, on)

    def said(item, message) -> None:
        r = item.recipient
        print(t("notify.cli.sent", lang, user=r.user_id, email=r.email, subject=message["Subject"],
                n=len(item.items)), file=out)  # fmt: skip

    result = send(con, outgoing, smtp, on=on, base_url=base_url, on_sent=said)
    return _report(result, on, lang, out, err)


def _report(result: RunResult, on: date, lang: str, out: TextIO, err: TextIO) -> int:
    _print_no_address(result.no_address, lang, out)
    items = sum(len(item.items) for item in result.sent)
    if result.ok:
        items_text = tn("notify.cli.items", items, lang)
        print(
            tn("notify.cli.summary", len(result.sent), lang, day=format_date(on, lang), items=items_text),
            file=out,
        )
        return 0
    total = len(result.sent) + len(result.unsent)
    users = join_words([item.recipient.user_id for item in result.unsent], lang)
    print(
        "smqse: notify: " + tn("notify.cli.failed", len(result.unsent), lang, total=total, users=users,
                               error=result.error or "?"),
        file=err,
    )  # fmt: skip
    return 1
