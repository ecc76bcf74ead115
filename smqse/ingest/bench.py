"""Benchmark of the measurement import: `python -m smqse.ingest.bench [--rows N] [--keep DIR]`.

Builds a fresh demo database (the demo's 50 indicators on 48 sites — the 4 real ones and synthetic plants —
one year of history), writes an N-row measurement CSV the way French Excel does (`;`, decimal comma, French
headers) for those indicators and sites over many months (1990 onwards), then times the import in three
steps: read (bytes → table of strings), validate (parse, references, rules, statuses) and load (one
transaction), and prints the figures.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from smqse import db


def build_database(path: Path, sites: int) -> None:
    from smqse.demo import DemoSize, build_demo

    con = db.connect(path)
    build_demo(con, DemoSize(sites=sites, indicators=None, years=1, events=200))
    con.execute("CHECKPOINT")
    con.close()


def build_csv(con, path: Path, rows: int, seed: int = 7) -> int:
    """A valid measurement file: distinct (indicator, site, month) keys, values within range, ratios consistent."""
    from smqse.scope import get_user, scope_for

    scope = scope_for(get_user("u-qse", con), con)
    indicators = db.run_query("ingest_indicators", con=con, **scope.params())
    sites = list(scope.site_ids)
    n_ind = indicators.height
    months_needed = -(-rows // (n_ind * len(sites)))
    start = date(1990, 1, 1)
    months = pl.date_range(start, date(2026, 10, 1), "1mo", eager=True)[:months_needed]
    if months.len() < months_needed:
        raise ValueError(f"{rows} rows need more sites: only {months.len()} months since 1990")
    rng = np.random.default_rng(seed)
    grid = (
        indicators.select("indicator_id", "aggregation", "rate_base", "min_value", "max_value")
        .join(pl.DataFrame({"site_id": sites}), how="cross")
        .join(pl.DataFrame({"period": months}), how="cross")
        .head(rows)
    )
    n = grid.height
    ratio = grid["aggregation"] == "ratio"
    high = grid["max_value"].fill_null(1000.0).to_numpy()
    low = grid["min_value"].fill_null(0.0).to_numpy()
    den = rng.integers(1_000, 100_000, n).astype(float)
    base = grid["rate_base"].fill_null(1.0).to_numpy()
    share = rng.uniform(0.0, 1.0, n) * np.minimum(0.2, high / base)
    num = np.floor(share * den)
    value_ratio = num / den * base
    value_other = low + rng.uniform(0, 1, n) * np.minimum(high - low, 1000.0)
    frame = pl.DataFrame(
        {
            "indicateur": grid["indicator_id"],
            "site": grid["site_id"],
            "période": grid["period"].dt.strftime("%Y-%m"),
            "valeur": np.where(ratio.to_numpy(), value_ratio, np.round(value_other, 2)),
            "numérateur": pl.Series(np.where(ratio.to_numpy(), num, np.nan)).fill_nan(None),
            "dénominateur": pl.Series(np.where(ratio.to_numpy(), den, np.nan)).fill_nan(None),
            "commentaire": pl.repeat(None, n, dtype=pl.Utf8, eager=True),
        }
    )
    frame.write_csv(path, separator=";", decimal_comma=True)
    return n


def run(rows: int, workdir: Path) -> dict:
    from smqse.ingest import core, read
    from smqse.ingest.load import write_import as load_rows
    from smqse.scope import get_user

    sites = 48
    database = workdir / "bench_ingest.duckdb"
    csv_path = workdir / "mesures_bench.csv"
    t0 = time.perf_counter()
    build_database(database, sites)
    con = db.connect(database)
    written_rows = build_csv(con, csv_path, rows)
    setup = time.perf_counter() - t0
    user = get_user("u-qse", con)

    t0 = time.perf_counter()
    data = csv_path.read_bytes()
    raw = read.read_table(data, csv_path.name)
    t_read = time.perf_counter() - t0

    t0 = time.perf_counter()
    checked = core.validate(
        con, raw, "measurements", user=user, file_name=csv_path.name, lang="fr", source="file", reason=None
    )
    t_validate = time.perf_counter() - t0
    if checked.problems:
        for p in checked.problems[:20]:
            print(p.message)
        raise SystemExit(f"{len(checked.problems)} problems in the benchmark file")

    t0 = time.perf_counter()
    import_id, new, versions = load_rows(
        con,
        checked,
        user=user,
        file_name=csv_path.name,
        sha256=core.sha256_of(data),
        reason=None,
        source="file",
    )
    t_load = time.perf_counter() - t0
    stored = con.execute("SELECT count(*) FROM measurement WHERE import_id = ?", [import_id]).fetchone()[0]

    # The same file again: every row found unchanged, nothing to write.
    t0 = time.perf_counter()
    again = core.validate(
        con, raw, "measurements", user=user, file_name=csv_path.name, lang="fr", source="file", reason=None
    )
    t_revalidate = time.perf_counter() - t0
    unchanged = again.rows.filter(again.rows["import_status"] == "unchanged").height
    con.close()

    # Every cell quoted (as some exports write): the careful, line-by-line reader.
    quoted = workdir / "mesures_bench_quoted.csv"
    pl.read_csv(csv_path, separator=";", infer_schema=False).write_csv(
        quoted, separator=";", quote_style="always"
    )
    t0 = time.perf_counter()
    read.read_table(quoted.read_bytes(), quoted.name)
    t_read_quoted = time.perf_counter() - t0
    return {
        "rows": written_rows,
        "file_mib": round(len(data) / 2**20, 1),
        "setup_s": round(setup, 2),
        "read_s": round(t_read, 2),
        "validate_s": round(t_validate, 2),
        "load_s": round(t_load, 2),
        "total_s": round(t_read + t_validate + t_load, 2),
        "new_rows": new,
        "new_versions": versions,
        "stored": stored,
        "revalidate_s": round(t_revalidate, 2),
        "unchanged": unchanged,
        "read_quoted_s": round(t_read_quoted, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m smqse.ingest.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", help="directory to keep the database and CSV in (default: a temp dir)")
    args = parser.parse_args(argv)
    if args.keep:
        workdir = Path(args.keep)
        workdir.mkdir(parents=True, exist_ok=True)
        for name in ("bench_ingest.duckdb", "bench_ingest.duckdb.wal"):
            (workdir / name).unlink(missing_ok=True)
        figures = run(args.rows, workdir)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            figures = run(args.rows, Path(tmp))
    print(
        f"measurement import, {figures['rows']:,} rows ({figures['file_mib']} MiB CSV, `;` + decimal comma): "
        f"read {figures['read_s']} s, validate {figures['validate_s']} s, load {figures['load_s']} s, "
        f"total {figures['total_s']} s (setup {figures['setup_s']} s; {figures['new_rows']:,} new, "
        f"{figures['new_versions']:,} new versions, {figures['stored']:,} stored)"
    )
    print(
        f"re-import of the same file, validation only: {figures['revalidate_s']} s ({figures['unchanged']:,} "
        f"unchanged); reading the file with every cell quoted (line-by-line reader): {figures['read_quoted_s']} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
