"""`python -m smqse bench memory`: the server's memory while users walk the app, one after the other.

A fresh server (`python -m smqse.ui.serve`, as `make run` starts it) on a copy of the database; each user
opens the app (their landing page), then every other page once in navigation order, one websocket session at
a time (the load test's session: `smqse.ui.loadtest.run_session`; the pages are the ones the app's navigation
lists for that user); after each page and each user, the server's VmRSS and VmHWM from /proc,
and after each user the size of Streamlit's caches from `/_stcore/metrics` (`cache_memory_bytes`: what
`st.cache_data` counts against `server.maxCacheDataSize`, and Streamlit's estimate of `st.cache_resource`).

The target (issue 14): below 1.5 GB after the director's walk, and flat user after user. The analysis
refresh and the BI replica are off unless asked for (`--refresh`): they work in the background and would
move the figures between two runs.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import sys
import tempfile
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from smqse.ui.loadtest import LoadTestError, Server, check_loopback, memory_kib, navigate, run_session

DEFAULT_USERS = ("u-dg", "u-qse", "u-prod", "u-hse", "u-mai", "u-cse")
DEFAULT_PAGE_TIMEOUT_S = 600.0
# One line of Streamlit's OpenMetrics text: cache_memory_bytes{cache_type="st_cache_data",cache="m.f"} 123
_CACHE_LINE = re.compile(r"^cache_memory_bytes\{(?P<labels>[^}]*)\}\s+(?P<value>[0-9.eE+]+)\s*$")
_LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def cache_sizes(metrics_text: str) -> dict[str, dict[str, int]]:
    """{cache type: {cached function: bytes}} from `/_stcore/metrics`' text."""
    found: dict[str, dict[str, int]] = {}
    for line in metrics_text.splitlines():
        match = _CACHE_LINE.match(line)
        if not match:
            continue
        labels = dict(_LABEL.findall(match["labels"]))
        kind = labels.get("cache_type", "?")
        name = labels.get("cache", "?")
        found.setdefault(kind, {})
        found[kind][name] = found[kind].get(name, 0) + int(float(match["value"]))
    return found


def read_metrics(base_url: str) -> str:
    check_loopback(base_url)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
    try:
        with opener.open(f"{base_url.rstrip('/')}/_stcore/metrics", timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _mib(kib: int | None) -> float | None:
    return None if not kib else round(kib / 1024, 1)


@dataclass
class PageVisit:
    page: str
    ok: bool
    settle_s: float | None
    rss_mib: float | None  # the server's VmRSS once the page settled
    errors: list[str] = field(default_factory=list)
    title: str | None = None  # the page that ran, as the navigation names it


@dataclass
class UserWalk:
    user: str
    pages: list[PageVisit]
    rss_mib: float | None  # after the user's last page
    hwm_mib: float | None  # the server's peak since it started
    cache_data_mib: float | None  # st.cache_data, as Streamlit counts it (the maxCacheDataSize budget)
    cache_resource_mib: float | None  # st.cache_resource, Streamlit's estimate
    largest_caches: dict[str, float] = field(default_factory=dict)  # cached function → MiB, largest first


@dataclass
class MemoryReport:
    database: str
    sessions: str  # "one per page" or "one per user"
    start_rss_mib: float | None
    users: list[UserWalk]
    peak_mib: float | None
    load_average_start: tuple[float, float, float]
    load_average_end: tuple[float, float, float]
    server_errors: list[str]

    @property
    def failed_pages(self) -> list[str]:
        return [f"{w.user} {v.page}: {v.errors[0]}" for w in self.users for v in w.pages if not v.ok]

    def as_json(self) -> str:
        return json.dumps({**asdict(self), "failed_pages": self.failed_pages}, indent=2, ensure_ascii=False)

    def as_text(self) -> str:
        def mib(value):
            return "—" if value is None else f"{value:.0f} MiB"

        def load(values):
            return " ".join(f"{v:.2f}" for v in values)

        lines = [
            f"server memory: {self.database} (sessions: {self.sessions})",
            f"  load average {load(self.load_average_start)} → {load(self.load_average_end)}",
            f"  start: RSS {mib(self.start_rss_mib)}",
        ]
        for walk in self.users:
            lines.append(
                f"  after {walk.user}: RSS {mib(walk.rss_mib)}, peak {mib(walk.hwm_mib)}, "
                f"st.cache_data {mib(walk.cache_data_mib)}, st.cache_resource {mib(walk.cache_resource_mib)}"
            )
            lines.append(
                "    pages (RSS after): "
                + ", ".join(f"{v.page} {mib(v.rss_mib)}" + ("" if v.ok else " FAILED") for v in walk.pages)
            )
            if walk.largest_caches:
                lines.append(
                    "    largest caches: "
                    + ", ".join(f"{name} {size:.0f} MiB" for name, size in walk.largest_caches.items())
                )
        lines.append(f"  peak (VmHWM): {mib(self.peak_mib)}")
        lines += [f"  failed: {text}" for text in self.failed_pages]
        lines += [f"  server log: {text}" for text in self.server_errors]
        return "\n".join(lines)


def visit(server: Server, user: str, path: str, timeout_s: float) -> tuple[PageVisit, list[tuple[str, bool]]]:
    result = asyncio.run(run_session(server.base_url, path, f"user={user}", timeout_s))
    return record(server, user, path, result), result.navigation


def record(server: Server, user: str, path: str, result) -> PageVisit:
    page = PageVisit(
        page=path or "(landing)",
        ok=result.ok,
        settle_s=None if result.settle_s is None else round(result.settle_s, 2),
        rss_mib=_mib(memory_kib(server.pid).get("VmRSS")),
        errors=result.errors[:3],
        title=result.page_title,
    )
    # Progress on standard error: a walk at enterprise scale takes minutes.
    print(f"{user} {page.page}: {page.rss_mib} MiB, {page.settle_s} s", file=sys.stderr, flush=True)
    return page


async def _navigate(server: Server, user: str, pages: list[str] | None, timeout_s: float) -> list[PageVisit]:
    visits = []
    try:
        async for path, result in navigate(server.base_url, f"user={user}", timeout_s, pages):
            visits.append(record(server, user, path, result))
    except (OSError, TimeoutError) as exc:
        failed = PageVisit(
            page="?", ok=False, settle_s=None, rss_mib=None, errors=[f"{type(exc).__name__}: {exc}"]
        )
        visits.append(failed)
    return visits


def walk_user(
    server: Server, user: str, pages: list[str] | None, timeout_s: float, one_session: bool = False
) -> UserWalk:
    """The landing page (the app's root), then the navigation's other pages (or those of `pages`): each in
    a session of its own, or all in one session (`one_session`: a browser clicking through the menu)."""
    if one_session:
        visits = asyncio.run(_navigate(server, user, pages, timeout_s))
    else:
        landing, navigation = visit(server, user, "", timeout_s)
        visits = [landing]
        for path, seen in navigation:
            if not seen and (pages is None or path in pages):
                visits.append(visit(server, user, path, timeout_s)[0])
    memory = memory_kib(server.pid)
    sizes = cache_sizes(read_metrics(server.base_url))
    data = sizes.get("st_cache_data", {})
    resource = sizes.get("st_cache_resource", {})
    largest = sorted({**data, **resource}.items(), key=lambda item: -item[1])[:5]
    return UserWalk(
        user=user,
        pages=visits,
        rss_mib=_mib(memory.get("VmRSS")),
        hwm_mib=_mib(memory.get("VmHWM")),
        cache_data_mib=round(sum(data.values()) / 2**20, 1) if sizes else None,
        cache_resource_mib=round(sum(resource.values()) / 2**20, 1) if sizes else None,
        largest_caches={name: round(size / 2**20, 1) for name, size in largest if size >= 2**20},
    )


def run_memory_walk(
    database: Path,
    users: list[str] | tuple[str, ...] = DEFAULT_USERS,
    *,
    pages: list[str] | None = None,
    page_timeout_s: float = DEFAULT_PAGE_TIMEOUT_S,
    refresh: bool = False,
    port: int = 0,
    one_session: bool = False,
) -> MemoryReport:
    """Copy `database` to a temporary directory (the server opens its file read-write and migrates it),
    start a server on the copy, walk each user in turn, stop the server, delete the copy."""
    if not database.exists():
        raise LoadTestError(f"no database at {database}")
    if not users:
        raise LoadTestError("at least one user is needed")
    env = {"SMQSE_REPLICA_INTERVAL": "0", **({} if refresh else {"SMQSE_ANALYSIS_REFRESH": "0"})}
    start_load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="smqse-memory-") as tmp:
        copy = Path(tmp) / database.name
        shutil.copy(database, copy)
        with Server(env={**env, "SMQSE_DB": str(copy)}, port=port) as server:
            start = memory_kib(server.pid)
            walks = [walk_user(server, user, pages, page_timeout_s, one_session) for user in users]
            end = memory_kib(server.pid)
            server_errors = server.logged_errors()[:5]
    return MemoryReport(
        database=str(database),
        sessions="one per user" if one_session else "one per page",
        start_rss_mib=_mib(start.get("VmRSS")),
        users=walks,
        peak_mib=_mib(end.get("VmHWM")),
        load_average_start=tuple(round(x, 2) for x in start_load),
        load_average_end=tuple(round(x, 2) for x in os.getloadavg()),
        server_errors=server_errors,
    )
