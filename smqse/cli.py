"""`python -m smqse …`: exit status 0 on success, non-zero with a one-line reason on standard error."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from smqse import db


def _init(args: argparse.Namespace) -> int:
    path = Path(args.db) if args.db else db.database_path()
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

    path = Path(args.db) if args.db else db.database_path()
    if not path.exists():
        raise SystemExit(f"smqse: no database at {path}; run `python -m smqse init --demo` first")
    con = db.connect(path)
    user = get_user(args.user, con) if args.user else _default_author(con)
    if user is None:
        con.close()
        raise SystemExit(unknown_user)
    return con, user


def _export_pack(args: argparse.Namespace) -> int:
    from datetime import datetime

    from smqse.export.pack import export_pack, parse_formats
    from smqse.review.content import PackOptions, build_review_pack, version_problem
    from smqse.scope import scope_for

    formats = parse_formats(args.formats)
    problem = version_problem(args.version, args.lang)
    if problem:
        raise ValueError(problem)
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


def _import(args: argparse.Namespace) -> int:
    from smqse.i18n import t
    from smqse.ingest import import_file

    con, user = _open_as(args, "smqse: " + t("ingest.cli.no_user", args.lang, user=args.user))
    try:
        result = import_file(con, args.file, user=user, kind=args.kind, dry_run=args.dry_run, lang=args.lang)
    finally:
        con.close()
    if result.problems:
        for problem in result.problems:
            print(problem.message, file=sys.stderr)
        print(
            t("ingest.cli.refused", args.lang, file=result.file_name, count=len(result.problems)),
            file=sys.stderr,
        )
        return 1
    outcome = (
        t("ingest.cli.written", args.lang, import_id=result.import_id)
        if result.written
        else t("ingest.cli.dry_run", args.lang)
    )
    print(
        t("ingest.cli.summary", args.lang, file=result.file_name, kind=result.kind, rows=result.rows,
          new=result.new_rows, versions=result.new_versions, unchanged=result.unchanged, outcome=outcome)
    )  # fmt: skip
    return 0


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
    export.set_defaults(func=_export_pack)

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
    imp.set_defaults(func=_import)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.db:
        os.environ["SMQSE_DB"] = args.db
    try:
        return args.func(args)
    except SystemExit:
        raise
    except Exception as exc:  # one line on stderr, as automation expects
        print(f"smqse: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
