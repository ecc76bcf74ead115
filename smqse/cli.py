"""`python -m smqse …`: exit status 0 on success, non-zero with a one-line reason on standard error.

While the app runs it holds the database file and no other process may open it. A command that works on
the database (`forward=True` below) then goes through the app's command service (smqse.service) and its
output and exit status are relayed; the others say in one line that the database is in use.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import duckdb

from smqse import db

# Arguments naming files: resolved against the caller's working directory when run by the service.
_PATH_ARGUMENTS = ("file", "out", "workdir", "preview")


def _database(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else db.database_path()


def _refuse_if_in_use(path: Path) -> None:
    """Rebuilding deletes the file: never one another process (the app) has open."""
    try:
        duckdb.connect(str(path)).close()
    except duckdb.Error as exc:
        if db.is_lock_conflict(exc):
            raise
        # an unreadable file is what --force is for


def _init(args: argparse.Namespace) -> int:
    path = _database(args)
    if path.exists():
        if args.if_missing:
            return 0
        if args.demo and not args.force:
            raise SystemExit(f"smqse: {path} already exists; add --force to rebuild it from the demo")
        if not args.demo:
            con = db.connect(path)
            version = db.schema_version(con)
            con.close()
            print(f"{path}: schema version {version}")
            return 0
        _refuse_if_in_use(path)
        path.unlink()
    if args.demo:
        from smqse.demo import build_demo_database  # the generator loads only when asked for

        build_demo_database(path)
        print(f"{path}: demo organisation built")
    else:
        db.connect(path).close()
        print(f"{path}: empty database created (schema version {db.latest_schema_version()})")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from smqse.bench import run_benchmark

    run_benchmark(Path(args.workdir), rebuild=args.rebuild)
    return 0


def _bench_load(args: argparse.Namespace) -> int:
    from smqse.ui.loadtest import LoadTestError, run_load

    try:
        report = run_load(
            args.sessions,
            url=args.url,
            page=args.page,
            query=args.query,
            session_timeout_s=args.timeout,
            server_pid=args.server_pid,
            port=args.port,
        )
    except LoadTestError as exc:
        raise SystemExit(f"smqse: {exc}") from None
    print(report.as_json() if args.json else report.as_text())
    return 1 if report.errors else 0


def _bench_pages(args: argparse.Namespace) -> int:
    from smqse.ui.bench_pages import SCALES, run_bench_pages

    scales = SCALES if args.scale == "both" else (args.scale,)
    try:
        timings = run_bench_pages(
            scales,
            args.pages,
            user=args.user,
            enterprise_db=Path(args.enterprise_db),
            demo_db=Path(args.demo_db) if args.demo_db else None,
            timeout_s=args.timeout,
            warm_runs=args.warm_runs,
            cold_runs=args.cold_runs,
        )
    except ValueError as exc:
        raise SystemExit(f"smqse: {exc}") from None
    return 0 if all(timing.status == "ok" for timing in timings) else 1


def _bench_memory(args: argparse.Namespace) -> int:
    from smqse.ui.bench_memory import run_memory_walk
    from smqse.ui.loadtest import LoadTestError

    try:
        report = run_memory_walk(
            _database(args),
            args.users,
            pages=args.pages,
            page_timeout_s=args.timeout,
            refresh=args.refresh,
            port=args.port,
            one_session=args.one_session,
        )
    except LoadTestError as exc:
        raise SystemExit(f"smqse: {exc}") from None
    print(report.as_json() if args.json else report.as_text())
    return 1 if report.failed_pages else 0


def _month(text: str):
    from datetime import date

    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month in the form YYYY-MM") from None


def _default_author(con):
    from smqse.model import Role
    from smqse.scope import list_users

    users = list_users(con)
    for role in (Role.QSE_LEAD, Role.DIRECTOR):
        found = [u for u in users if u.role == role]
        if found:
            return sorted(found, key=lambda u: u.user_id)[0]
    return None


def _open_as(args: argparse.Namespace, unknown_user: str):
    """(connection, acting user) for a command that works on an existing database: `--user`, else the
    default author. Exits with a one-line reason when the file or the user is missing."""
    from smqse.scope import get_user

    path = _database(args)
    _require_database(path)
    con = db.connect(path)
    user = get_user(args.user, con) if args.user else _default_author(con)
    if user is None:
        con.close()
        raise SystemExit(unknown_user)
    return con, user


def _require_database(path: Path) -> None:
    if not path.exists():
        raise SystemExit(f"smqse: no database at {path}; run `python -m smqse init --demo` first")


def _replica(args: argparse.Namespace) -> int:
    from smqse.i18n import format_number, t
    from smqse.replica import build_replica

    path = _database(args)
    _require_database(path)
    started = time.perf_counter()
    con = db.connect(path)
    try:
        target = build_replica(con, path)
    finally:
        con.close()
    seconds = format_number(time.perf_counter() - started, args.lang, 2)
    print(t("service.replica_written", args.lang, path=target, seconds=seconds))
    return 0


def _export_pack(args: argparse.Namespace) -> int:
    from datetime import datetime

    from smqse.export import images
    from smqse.export.pack import export_pack, parse_formats
    from smqse.review.content import PackOptions, build_review_pack, version_problem
    from smqse.scope import scope_for

    formats = parse_formats(args.formats)
    problem = version_problem(args.version, args.lang)
    if problem:
        raise ValueError(problem)
    if "pdf" in formats or "pptx" in formats:
        images.start_in_background()  # Chromium starts while the pack is built
    con, user = _open_as(args, f"smqse: unknown user {args.user!r} (see the app_user table)")
    try:
        scope = scope_for(user, con)
        options = PackOptions(as_of=args.as_of, lang=args.lang, version=args.version)
        pack = build_review_pack(
            con, scope, user, options, generated_at=datetime.now().replace(microsecond=0)
        )
    finally:
        con.close()
    for written in export_pack(pack, Path(args.out), formats):
        print(written)
    return 0


def _status(args: argparse.Namespace) -> int:
    import json

    from smqse.i18n import format_datetime, format_percent, t
    from smqse.month_state import compute_month_state
    from smqse.scope import scope_for

    con, user = _open_as(args, f"smqse: unknown user {args.user!r} (see the app_user table)")
    try:
        state = compute_month_state(con, scope_for(user, con), args.as_of)
    finally:
        con.close()
    if args.json:
        print(json.dumps({**state.as_dict(), "user": user.user_id}, ensure_ascii=False))
        return 0
    lang = args.lang
    line = t("month.cli.line", lang, month=f"{state.month:%Y-%m}", values_in=state.values_in,
             expected=state.values_expected, ratio=format_percent(state.ratio, lang),
             state=t(f"month.state.{state.state}", lang))  # fmt: skip
    if state.closed_at is not None:
        by = state.closed_by_name or state.closed_by
        line += " · " + t("month.cli.closed", lang, at=format_datetime(state.closed_at, lang, "long"), by=by)
    print(line)
    name_col = "process_name_fr" if lang == "fr" else "process_name_en"
    for row in state.by_site.iter_rows(named=True):
        print(t("month.cli.site", lang, name=row["site_name"], values_in=row["values_in"],
                expected=row["values_expected"]))  # fmt: skip
    for row in state.by_process.iter_rows(named=True):
        print(t("month.cli.process", lang, name=row[name_col], values_in=row["values_in"],
                expected=row["values_expected"]))  # fmt: skip
    return 0


def _import(args: argparse.Namespace) -> int:
    from smqse.i18n import t, tn
    from smqse.ingest import import_file

    con, user = _open_as(args, "smqse: " + t("ingest.cli.no_user", args.lang, user=args.user))
    try:
        result = import_file(con, args.file, user=user, kind=args.kind, dry_run=args.dry_run, lang=args.lang)
    finally:
        con.close()
    if result.problems:
        # The first problems, then "… and N more" (the import keeps no more than that), then the total.
        for problem in result.problems:
            print(problem.message, file=sys.stderr)
        print(
            tn("ingest.cli.refused", result.problem_count, args.lang, file=result.file_name), file=sys.stderr
        )
        return 1
    outcome = (
        t("ingest.cli.written", args.lang, import_id=result.import_id)
        if result.written
        else t("ingest.cli.dry_run", args.lang)
    )
    lang = args.lang
    print(
        tn("ingest.cli.summary", result.rows, lang, file=result.file_name, kind=result.kind,
           new=tn("data.count.new", result.new_rows, lang),
           versions=tn("ingest.cli.versions", result.new_versions, lang),
           unchanged=tn("data.count.unchanged", result.unchanged, lang), outcome=outcome)
    )  # fmt: skip
    return 0


def _refresh(args: argparse.Namespace) -> int:
    """Recompute the stored analyses whose data changed (what the app's worker does after each write)."""
    from smqse.i18n import t, tn
    from smqse.refresh import refresh

    path = _database(args)
    _require_database(path)
    con = db.connect(path)
    shown = [-1]

    def progress(done: int, total: int) -> None:  # a line per tenth, on stderr: a long first refresh moves
        tenth = done * 10 // max(total, 1)
        if tenth > shown[0]:
            shown[0] = tenth
            print(t("refresh.cli.progress", args.lang, done=done, total=total), file=sys.stderr, flush=True)

    try:
        summary = refresh(con, as_of=args.as_of, progress=progress)
    finally:
        con.close()
    months = ", ".join(f"{m:%Y-%m}" for m in summary.as_of_months) or "-"
    lang = args.lang
    print(tn("refresh.cli.done", summary.entries, lang, rows=tn("refresh.cli.rows_written", summary.rows, lang),
             months=months, seconds=f"{summary.seconds:.1f}"))  # fmt: skip
    scan = summary.anomalies
    if scan is not None:
        print(tn("refresh.cli.anomalies", scan.indicators, lang, series=tn("refresh.cli.series", scan.series, lang),
                 flags=tn("refresh.cli.flags", scan.flags, lang), seconds=f"{scan.seconds:.1f}"))  # fmt: skip
    return 0


def _day(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day in the form YYYY-MM-DD") from None


def _notify(args: argparse.Namespace) -> int:
    """Reminders and digests by e-mail (smqse.notify): what is due on the day, to whom it is due."""
    from datetime import date

    from smqse.notify.command import notify

    path = _database(args)
    _require_database(path)
    con = db.connect(path)
    try:
        preview = Path(args.preview) if args.preview else None
        return notify(
            con, args.as_of or date.today(), args.lang, dry=args.dry_run or bool(preview), preview=preview
        )
    finally:
        con.close()


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m smqse", description="SMQSE performance dashboard")
    p.add_argument("--db", help="database file (default: $SMQSE_DB or data/smqse.duckdb)")
    # --db is also accepted after the command (`python -m smqse import FILE --db PATH`).
    after = argparse.ArgumentParser(add_help=False)
    after.add_argument("--db", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", required=True)

    init = sub.add_parser("init", parents=[after], help="build the database (with the demo organisation)")
    init.add_argument("--demo", action="store_true", help="fill it with the demo organisation")
    init.add_argument("--force", action="store_true", help="rebuild an existing database")
    init.add_argument("--if-missing", action="store_true", help="do nothing when the database exists")
    init.set_defaults(func=_init)

    bench = sub.add_parser(
        "bench", parents=[after], help="time the scorecard on an enterprise-scale organisation"
    )
    bench.add_argument("--workdir", default="bench_data", help="where the benchmark database is built")
    bench.add_argument("--rebuild", action="store_true", help="rebuild the benchmark database")
    bench.set_defaults(func=_bench)
    bench_kinds = bench.add_subparsers(dest="bench_kind")
    load = bench_kinds.add_parser(
        "load",
        parents=[after],
        help="open concurrent sessions on the app (loopback only) and time them",
        description="Without --url, a server is started on a free loopback port with the current "
        "database, then stopped. Exit status 1 when any session fails.",
    )
    load.add_argument("--sessions", type=int, default=20, help="concurrent sessions (at most 200)")
    load.add_argument("--url", help="a running server on this machine, e.g. http://127.0.0.1:8501")
    load.add_argument("--server-pid", type=int, help="with --url: the server's process, for its memory")
    load.add_argument("--port", type=int, default=0, help="without --url: the port (default: a free one)")
    load.add_argument("--page", default="", help="the page's URL path, e.g. dashboard (default: landing)")
    load.add_argument("--query", default="", help="the query string, e.g. user=u-dg")
    load.add_argument("--timeout", type=float, default=60.0, help="seconds allowed to each session")
    load.add_argument("--json", action="store_true", help="print the report as JSON")
    load.set_defaults(func=_bench_load)
    pages = bench_kinds.add_parser(
        "pages",
        parents=[after],
        help="time every page under AppTest, cold and warm, beside its bare queries",
        description="Each page runs in its own process on a copy of the database. Prints a Markdown "
        "table and the machine's load average. Exit status 1 when a page fails or times out.",
    )
    pages.add_argument("--scale", choices=["demo", "enterprise", "both"], default="both")
    pages.add_argument("--user", default="u-dg", help="who opens the pages (default: the director)")
    pages.add_argument("--pages", nargs="+", help="page names, e.g. scorecard pareto (default: all)")
    pages.add_argument(
        "--enterprise-db",
        default="bench_data/enterprise.duckdb",
        help="the enterprise-scale database (built there when missing; the pages run on a copy)",
    )
    pages.add_argument("--demo-db", help="a demo database to copy (default: one is built)")
    pages.add_argument("--timeout", type=float, default=300.0, help="seconds allowed to one page run")
    pages.add_argument("--warm-runs", type=int, default=2, help="reruns after the cold one; the best counts")
    pages.add_argument(
        "--cold-runs", type=int, default=1, help="cold runs, each in a new session; the best counts"
    )
    pages.set_defaults(func=_bench_pages)
    memory = bench_kinds.add_parser(
        "memory",
        parents=[after],
        help="the server's memory while users open every page, one user after the other",
        description="Starts a server on a copy of the database (--db, default the current one), then each "
        "user opens every page once in navigation order, one session at a time; prints the server's RSS "
        "and peak after each user and Streamlit's cache sizes. Exit status 1 when a page fails.",
    )
    memory.add_argument(
        "--users", nargs="+", default=["u-dg", "u-qse", "u-prod", "u-hse", "u-mai", "u-cse"],
        help="who walks the pages, in this order (default: the director, then five others)",
    )  # fmt: skip
    memory.add_argument("--pages", nargs="+", help="URL paths, e.g. dashboard pareto-analysis (default: all)")
    memory.add_argument("--timeout", type=float, default=600.0, help="seconds allowed to one page")
    memory.add_argument(
        "--one-session",
        action="store_true",
        help="each user's pages in one session, as a browser navigating (default: a session per page)",
    )
    memory.add_argument("--refresh", action="store_true", help="leave the background analysis refresh on")
    memory.add_argument("--port", type=int, default=0, help="the server's port (default: a free one)")
    memory.add_argument("--json", action="store_true", help="print the report as JSON")
    memory.set_defaults(func=_bench_memory)

    export = sub.add_parser(
        "export-pack", parents=[after], help="write the management review pack (PPTX, PDF, XLSX)"
    )
    export.add_argument("--as-of", required=True, type=_month, help="cut-off month, YYYY-MM")
    export.add_argument("--out", required=True, help="output directory (created if missing)")
    export.add_argument("--formats", default="pptx,pdf,xlsx", help="comma-separated: pptx,pdf,xlsx")
    export.add_argument(
        "--user", help="whose scope the pack covers and who signs it (default: the QSE lead, else a director)"
    )
    export.add_argument("--lang", default="fr", choices=["fr", "en"], help="language of the pack")
    export.add_argument("--version", default="v1", help="version printed on the pack")
    export.set_defaults(func=_export_pack, forward=True)

    status = sub.add_parser(
        "status", parents=[after], help="a month's state for a user's scope: values in / expected, state"
    )
    status.add_argument("--as-of", required=True, type=_month, help="the month, YYYY-MM")
    status.add_argument("--user", help="whose scope (default: the QSE lead, else a director)")
    status.add_argument(
        "--json",
        action="store_true",
        help="one JSON object: month, values_in, "
        "values_expected, ratio, threshold, state, closed_at, closed_by, by_site, by_process",
    )
    status.add_argument("--lang", default="fr", choices=["fr", "en"], help="language of the text")
    status.set_defaults(func=_status, forward=True)

    from smqse.ingest.formats import KINDS

    imp = sub.add_parser(
        "import",
        parents=[after],
        help="validate and load a CSV/XLSX file; nothing is written unless all is valid",
    )
    imp.add_argument("file", help="the CSV or XLSX file")
    imp.add_argument("--dry-run", action="store_true", help="validate only: write nothing")
    imp.add_argument("--kind", choices=KINDS, help="the file's kind (default: detected from the headers)")
    imp.add_argument("--user", help="who imports (default: the QSE lead, else a director)")
    imp.add_argument("--lang", default="fr", choices=["fr", "en"], help="language of the messages")
    imp.set_defaults(func=_import, forward=True)

    refresh = sub.add_parser(
        "refresh",
        parents=[after],
        help="recompute the stored analyses whose data changed (through the app when it runs)",
    )
    refresh.add_argument(
        "--as-of", type=_month, help="this month only, YYYY-MM (default: the default and the latest month)"
    )
    refresh.add_argument("--lang", default="fr", choices=["fr", "en"], help="language of the messages")
    refresh.set_defaults(func=_refresh, forward=True)

    replica = sub.add_parser(
        "replica",
        parents=[after],
        help="write the read-only copy for BI tools now (<name>.replica.duckdb beside the database)",
    )
    replica.add_argument("--lang", default="fr", choices=["fr", "en"], help="language of the messages")
    replica.set_defaults(func=_replica, forward=True)

    notify = sub.add_parser(
        "notify",
        parents=[after],
        help="send the day's reminders and digests by e-mail (once each; SMTP settings: SMQSE_SMTP_*)",
        description="Each user receives one message in their language with what they owe or must act on "
        "and was not sent before. Exit status 1 when a setting is missing or a message could not be sent "
        "(its items are left to the next run).",
    )
    notify.add_argument("--dry-run", action="store_true", help="print who would receive what; send nothing")
    notify.add_argument(
        "--preview", help="with --dry-run: write each message's HTML and text to this directory (created)"
    )
    notify.add_argument("--as-of", type=_day, help="the day, YYYY-MM-DD (default: today)")
    notify.add_argument("--lang", default="fr", choices=["fr", "en"], help="language of the messages printed")
    notify.set_defaults(func=_notify, forward=True)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser().parse_args(argv)
    if args.db:
        os.environ["SMQSE_DB"] = args.db
    try:
        return args.func(args)
    except SystemExit:
        raise
    except Exception as exc:  # one line on stderr, as automation expects
        if db.is_lock_conflict(exc):
            return _through_the_app(args, argv)
        print(f"smqse: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def _through_the_app(args: argparse.Namespace, argv: list[str]) -> int:
    """The database is held by another process: run the command in it through its command service."""
    from smqse.i18n import DEFAULT_LANGUAGE, t
    from smqse.service.client import ServiceUnavailable, forward
    from smqse.service.protocol import socket_path

    lang = getattr(args, "lang", DEFAULT_LANGUAGE)
    path = _database(args).absolute()
    if not getattr(args, "forward", False):
        print(
            "smqse: " + t("service.db_in_use_stop_app", lang, path=path, command=args.command),
            file=sys.stderr,
        )
        return 1
    try:
        reply = forward(path, argv, lang=lang)
    except ServiceUnavailable:
        print("smqse: " + t("service.db_in_use", lang, path=path, socket=socket_path(path)), file=sys.stderr)
        return 1
    sys.stdout.write(reply.stdout)
    sys.stderr.write(reply.stderr)
    return reply.status


def run_forwarded(argv: list[str], *, cwd: str, db_path: Path) -> int:
    """Run a forwarded command inside the process holding `db_path` (called by smqse.service.server):
    on that database whatever `--db` said, with relative paths taken from the caller's `cwd`."""
    args = parser().parse_args(argv)
    if not getattr(args, "forward", False):
        from smqse.i18n import DEFAULT_LANGUAGE, t

        lang = getattr(args, "lang", DEFAULT_LANGUAGE)
        raise SystemExit("smqse: " + t("service.not_forwardable", lang, command=args.command))
    args.db = str(db_path)
    for name in _PATH_ARGUMENTS:
        value = getattr(args, name, None)
        if isinstance(value, str) and value:
            setattr(args, name, os.path.join(cwd, value))  # an absolute value stays as it is
    try:
        return args.func(args)
    except SystemExit:
        raise
    except Exception as exc:
        print(f"smqse: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
