"""`python -m smqse bench pages`: every page of the app under Streamlit's AppTest, cold and warm, at demo and
enterprise scale, with the time of its bare queries beside it.

Each page runs in a child process of its own (`python -m smqse.ui.bench_pages PAGE USER TIMEOUT`), so its
peak memory is its own and one slow page cannot stop the run (it reports "timeout"). In the child:

- as in the server (`smqse.ui.serve`, what `make run` starts): one BLAS thread, the heavy modules imported
  before the first session;
- the app runs once as the user (the landing page: identity, sidebar), then Streamlit's data caches are
  emptied;
- cold: the switch to the page and its first run, with empty caches (the page's own imports included);
  with `--cold-runs N`, the best of N such runs, each in a new session (its own session state);
- warm: the best of the next reruns of the same page in the same session (what a click costs);
- query time: the summed time of the named queries (`smqse.db.run_query`) the cold run made, from the
  timing hook `smqse.db.observe_queries`. The ratios page time / query time survive a noisy machine;
  absolute seconds do not, so the machine's load average is printed at the start and the end.

The app's replica for BI tools is off (SMQSE_REPLICA_INTERVAL=0): it copies the database in the background
when the app starts. The databases are copies in a temporary directory (the app opens its file read-write and migrates it):
the demo one is built by `python -m smqse init --demo` (or copied from `--demo-db`), the enterprise one
copied from `bench_data/enterprise.duckdb`, built by `smqse.bench.build_enterprise` when missing.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
PAGES_DIR = ROOT / "pages"
SCALES = ("demo", "enterprise")
DEFAULT_USER = "u-dg"
DEFAULT_TIMEOUT_S = 300.0
DEFAULT_WARM_RUNS = 2
COLUMNS = (
    "page",
    "scale",
    "cold s",
    "warm s",
    "query s",
    "cold/query",
    "warm/query",
    "peak RSS MiB",
    "status",
)


@dataclass(frozen=True)
class PageTiming:
    page: str
    scale: str
    status: str  # "ok", "timeout", or "error: …"
    cold_s: float | None = None
    warm_s: float | None = None
    query_s: float | None = None
    queries: int | None = None
    peak_rss_mib: float | None = None

    def cells(self) -> list[str]:
        def ratio(page_s: float | None) -> str:
            if page_s is None or not self.query_s:
                return "–"
            return f"{page_s / self.query_s:.1f}"

        def number(value: float | None, digits: int) -> str:
            return "–" if value is None else f"{value:.{digits}f}"

        return [
            self.page,
            self.scale,
            number(self.cold_s, 2),
            number(self.warm_s, 2),
            number(self.query_s, 3),
            ratio(self.cold_s),
            ratio(self.warm_s),
            number(self.peak_rss_mib, 0),
            self.status,
        ]


def all_pages() -> list[str]:
    return [f"pages/{path.name}" for path in sorted(PAGES_DIR.glob("*.py"))]


def page_path(name: str) -> str:
    """`scorecard`, `scorecard.py` or `pages/scorecard.py` → `pages/scorecard.py` (an unknown page: error)."""
    stem = Path(name).stem
    path = f"pages/{stem}.py"
    if not (ROOT / path).is_file():
        raise ValueError(f"no page {name!r}; pages: {', '.join(Path(p).stem for p in all_pages())}")
    return path


# --- the child process: one page --------------------------------------------------------------------------


def peak_rss_mib() -> float:
    """The process's peak resident memory (VmHWM), in MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _empty_view_caches() -> None:
    """Every cached view of smqse.ui.data and every shared chart, in this benchmark's own child process: the
    next run is cold."""
    from smqse.ui import data
    from smqse.ui.figure_cache import clear_charts

    for cached in vars(data).values():
        if callable(getattr(cached, "clear", None)) and hasattr(cached, "__wrapped__"):
            cached.clear()
    clear_charts()  # the charts shared by sessions (smqse.ui.figure_cache)


def _exceptions(at) -> list[str]:
    return [str(e.value) for e in at.exception]


def measure_page(
    page: str, user: str, timeout_s: float, warm_runs: int = DEFAULT_WARM_RUNS, cold_runs: int = 1
) -> dict:
    """Run `page` as `user` on the database SMQSE_DB points at (in this process); the figures as a dict."""
    from streamlit.testing.v1 import AppTest

    from smqse import db
    from smqse.ui.serve import warm_imports

    warm_imports()  # as the server does before its first session (smqse.ui.serve)
    colds, queries = [], []
    for _ in range(max(1, cold_runs)):  # each in a new session (its own state) with empty caches
        at = AppTest.from_file(str(APP), default_timeout=timeout_s)
        at.query_params["user"] = user
        at.run()
        if errors := _exceptions(at):
            return {"status": f"error: landing page: {errors[0][:200]}"}
        _empty_view_caches()
        durations: list[float] = []
        stop_observing = db.observe_queries(lambda _name, seconds, seen=durations: seen.append(seconds))
        started = time.perf_counter()
        at.switch_page(page).run()
        colds.append(time.perf_counter() - started)
        stop_observing()
        queries.append(durations)
        if errors := _exceptions(at):
            return {"status": f"error: {errors[0][:200]}"}
    warm = []
    for _ in range(max(1, warm_runs)):
        started = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - started)
    # Best of the runs: on a loaded machine the least disturbed is the closest to the cost.
    return {
        "status": "ok",
        "cold_s": min(colds),
        "warm_s": min(warm),
        "query_s": min(sum(d) for d in queries),
        "queries": len(queries[0]),
        "peak_rss_mib": peak_rss_mib(),
    }


# --- the parent: databases, one child per page, the table -------------------------------------------------


def _child(
    page: str, scale: str, database: Path, user: str, timeout_s: float, warm_runs: int, cold_runs: int
) -> PageTiming:
    from smqse.deployment import DEMO_ENV

    # No replica: at its start the app would copy the whole database in a background thread, timed as the page's.
    env = {**os.environ, "SMQSE_DB": str(database), DEMO_ENV: "1", "SMQSE_REPLICA_INTERVAL": "0"}
    command = [sys.executable, "-m", "smqse.ui.bench_pages", page, user, str(timeout_s), str(warm_runs),
               str(cold_runs)]  # fmt: skip
    try:
        # The child's own AppTest timeout covers one run; this one covers its start, two runs and more.
        done = subprocess.run(
            command,
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout_s * (cold_runs + 1) + 60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return PageTiming(page, scale, "timeout")
    lines = done.stdout.strip().splitlines()
    try:
        figures = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        status = "timeout" if "timed out" in tail.lower() else f"error: {tail[:200]}"
        return PageTiming(page, scale, status)
    return PageTiming(page=page, scale=scale, **figures)


def _demo_database(workdir: Path, source: Path | None) -> Path:
    target = workdir / "demo.duckdb"
    if source is not None:
        shutil.copyfile(source, target)
    else:
        subprocess.run(
            [sys.executable, "-m", "smqse", "init", "--demo", "--db", str(target)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    return target


def _enterprise_database(workdir: Path, source: Path) -> Path:
    if not source.exists():
        from smqse.bench import build_enterprise

        source.parent.mkdir(parents=True, exist_ok=True)
        build_enterprise(source)
    target = workdir / "enterprise.duckdb"
    shutil.copyfile(source, target)
    return target


def format_load(load: tuple[float, float, float]) -> str:
    return " / ".join(f"{value:.2f}" for value in load)


def markdown_table(timings: Sequence[PageTiming]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(timing.cells()) + " |" for timing in timings]
    return "\n".join(lines)


def run_bench_pages(
    scales: Sequence[str] = SCALES,
    pages: Sequence[str] | None = None,
    *,
    user: str = DEFAULT_USER,
    enterprise_db: Path = Path("bench_data/enterprise.duckdb"),
    demo_db: Path | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    warm_runs: int = DEFAULT_WARM_RUNS,
    cold_runs: int = 1,
    out: Callable[[str], None] = print,
    progress: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
) -> list[PageTiming]:
    """Time `pages` (default: every page) at each scale; the table and the load go to `out`, a line per
    page as it finishes to `progress`."""
    pages = [page_path(p) for p in pages] if pages else all_pages()
    timings: list[PageTiming] = []
    with tempfile.TemporaryDirectory(prefix="smqse-bench-pages-") as tmp:
        workdir = Path(tmp)
        databases = {}
        if "demo" in scales:
            databases["demo"] = _demo_database(workdir, demo_db)
        if "enterprise" in scales:
            databases["enterprise"] = _enterprise_database(workdir, enterprise_db)
        load_start = os.getloadavg()
        started = time.perf_counter()
        for scale, database in databases.items():
            for page in pages:
                timing = _child(page, scale, database, user, timeout_s, warm_runs, cold_runs)
                timings.append(timing)
                progress(f"{scale} {page}: {timing.status}")
        load_end = os.getloadavg()
    out(markdown_table(timings))
    out("")
    out(
        f"user {user}; {len(pages)} page(s); best of {cold_runs} cold and {warm_runs} warm run(s); "
        f"{time.perf_counter() - started:.0f} s in all"
    )
    out(f"load average (1 / 5 / 15 min) at start: {format_load(load_start)}; at end: {format_load(load_end)}")
    return timings


if __name__ == "__main__":  # the child process: one page, its figures as one JSON line
    page, user, timeout, warm_runs, cold_runs = sys.argv[1:6]
    print(json.dumps(measure_page(page, user, float(timeout), int(warm_runs), int(cold_runs))))
