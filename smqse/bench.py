"""Benchmark of the scorecard's data path on an enterprise-scale organisation.

`python -m smqse bench` builds the organisation once (300 sites × 150 indicators × 10 years ≈ 5.4 M
measurements, 1 M events) into bench_data/, then times the scorecard for the whole group in a fresh
process: cold (new connection, first query) and warm (same connection, DuckDB buffers warm, no
application cache), with the process's peak memory.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from smqse import db


def build_enterprise(path: Path) -> float:
    from smqse.demo import DemoSize, build_demo

    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    started = time.perf_counter()
    con = db.connect(tmp)
    build_demo(con, DemoSize.enterprise())
    con.execute("CHECKPOINT")
    con.close()
    tmp.rename(path)
    return time.perf_counter() - started


def time_scorecard(path: Path, as_of: date, repeats: int = 5) -> dict:
    """Run in its own process so that the cold figure and peak memory are the scorecard's alone."""
    from smqse.scope import get_user, scope_for
    from smqse.views.scorecard import load_scorecard

    started = time.perf_counter()
    con = db.connect(path, read_only=True)
    scope = scope_for(get_user("u-dg", con), con)
    card = load_scorecard(scope, as_of, con)
    cold = time.perf_counter() - started
    warm = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        load_scorecard(scope, as_of, con)
        warm.append(time.perf_counter() - t0)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    counts = con.cursor().execute("SELECT count(*) FROM measurement").fetchall()[0][0]
    events = con.cursor().execute("SELECT count(*) FROM event").fetchall()[0][0]
    return {
        "measurements": counts,
        "events": events,
        "indicators": card.rows.height,
        "sites": len(scope.site_ids),
        "cold_s": round(cold, 3),
        "warm_median_s": round(statistics.median(warm), 3),
        "warm_max_s": round(max(warm), 3),
        "peak_rss_mib": round(peak_mib),
    }


def run_benchmark(workdir: Path, rebuild: bool = False) -> dict:
    from smqse.demo import DEMO_END_MONTH

    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "enterprise.duckdb"
    if rebuild:
        path.unlink(missing_ok=True)
    build_s = None
    if not path.exists():
        build_s = build_enterprise(path)
        print(f"built {path} in {build_s:.1f} s ({path.stat().st_size / 2**20:.0f} MiB)")
    out = subprocess.run(
        [sys.executable, "-m", "smqse.bench", str(path), DEMO_END_MONTH.isoformat()],
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if build_s is not None:
        result["build_s"] = round(build_s, 1)
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":  # the timed child process
    print(json.dumps(time_scorecard(Path(sys.argv[1]), date.fromisoformat(sys.argv[2]))))
