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


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m smqse", description="SMQSE performance dashboard")
    p.add_argument("--db", help="database file (default: $SMQSE_DB or data/smqse.duckdb)")
    sub = p.add_subparsers(dest="command", required=True)

    init = sub.add_parser("init", help="build the database (with the demo organisation)")
    init.add_argument("--demo", action="store_true", help="fill it with the demo organisation")
    init.add_argument("--force", action="store_true", help="rebuild an existing database")
    init.add_argument("--if-missing", action="store_true", help="do nothing when the database exists")
    init.set_defaults(func=_init)

    bench = sub.add_parser("bench", help="time the scorecard on an enterprise-scale organisation")
    bench.add_argument("--workdir", default="bench_data", help="where the benchmark database is built")
    bench.add_argument("--rebuild", action="store_true", help="rebuild the benchmark database")
    bench.set_defaults(func=_bench)
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
