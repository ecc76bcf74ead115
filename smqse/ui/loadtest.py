"""Concurrent-session load test: `python -m smqse bench load --sessions 20`.

Each session speaks Streamlit's websocket protocol directly, as the browser does, without a browser:
it opens /_stcore/stream, asks for a script run of one page (a `rerun_script` BackMsg carrying the
page's URL path and query string) and reads ForwardMsgs until the run settles. A session fails when
the run shows an exception or an error message, is told the page does not exist (the browser shows a
"Page not found" dialog), does not compile, closes early or takes longer than its timeout. Settle time
runs from the connection attempt to the successful `script_finished`.

Only loopback servers are driven (this is a bench, not a way to load someone else's server), at most
MAX_SESSIONS at once, each session and the whole run bounded in time. Without a URL the bench starts
its own server (`python -m smqse.ui.serve`) on a free loopback port, with the demo's `?user=` allowed,
and stops it afterwards; it reads the server's memory from /proc.

This module imports Streamlit's protobuf messages (the wire format) and nothing of Streamlit's UI;
tests/test_layering.py allows that to this module alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parents[2]  # the project: `python -m smqse.ui.serve` runs from there
MAX_SESSIONS = 200
DEFAULT_SESSION_TIMEOUT_S = 60.0
SERVER_START_TIMEOUT_S = 90.0
MAX_MESSAGE_BYTES = 200 * 2**20  # Streamlit's default server.maxMessageSize
FIRST_ERRORS_KEPT = 5
_SETTLED = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
_COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR
_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception): ")  # a traceback's last line


class LoadTestError(Exception):
    """A bench that cannot run (bad arguments, a server that does not start)."""


# --- one session -------------------------------------------------------------------------------------


@dataclass
class SessionResult:
    ok: bool
    settle_s: float | None  # connect → successful script_finished; None when the session failed
    errors: list[str] = field(default_factory=list)
    runs: int = 0  # script runs seen (a run that reruns itself counts twice)
    messages: int = 0
    page_title: str | None = None  # the page that ran, as the navigation names it (apps with st.navigation)
    # The navigation's pages (apps with st.navigation): (URL path, seen already), in order; seen already: the
    # default page (the app's root), a hidden page, or the page that ran (SMQSE's root opens the landing page).
    navigation: list[tuple[str, bool]] = field(default_factory=list)


def check_loopback(url: str) -> tuple[str, int]:
    """(host, port) of an http URL on this machine; anything else is refused."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LoadTestError(f"{url!r} is not an http URL such as http://127.0.0.1:8501")
    host = parts.hostname
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise LoadTestError(f"{host} is not a loopback address: the load test only drives this machine")
    return host, parts.port or (443 if parts.scheme == "https" else 80)


def _stream_url(base_url: str) -> str:
    parts = urlsplit(base_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"


def rerun_request(page: str, query: str, base_url: str) -> bytes:
    """The BackMsg a browser sends when it opens …/<page>?<query>: run the script for that URL path with
    no widget state and no cached messages (so the server sends every message in full)."""
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query
    state.page_name = page
    state.page_script_hash = ""
    state.context_info.url = f"{base_url.rstrip('/')}/{page}" + (f"?{query}" if query else "")
    return msg.SerializeToString()


def problems_in(msg: ForwardMsg, requested_page: str = "") -> list[str]:
    """What in one ForwardMsg makes the session a failure."""
    kind = msg.WhichOneof("type")
    if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
        element = msg.delta.new_element
        which = element.WhichOneof("type")
        if which == "exception" and not element.exception.is_warning:
            return [f"exception {element.exception.type}: {element.exception.message}".strip()]
        if which == "alert" and element.alert.format == Alert.ERROR:
            return [f"error message: {element.alert.body}"]
    elif kind == "page_not_found":
        # Streamlit names the page only for a pages/ folder app; st.navigation sends an empty name.
        return [f"page not found: {msg.page_not_found.page_name or requested_page!r}"]
    elif kind == "session_event" and msg.session_event.WhichOneof("type") == "script_compilation_exception":
        exc = msg.session_event.script_compilation_exception
        return [f"compilation error {exc.type}: {exc.message}"]
    elif kind == "ref_hash":  # only sent for hashes the client says it holds; this client holds none
        return [f"reference to a cached message the client never had ({msg.ref_hash})"]
    return []


def unknown_page(requested_page: str, navigation: list[tuple[str, bool]]) -> list[str]:
    """A requested URL path that is none of the navigation's pages: page not found, said here from the
    settled run's navigation because Streamlit's own `page_not_found` message is not reliable. The app's
    default page opens the landing page at once (st.switch_page), and the rerun that starts clears the
    session's unsent messages: on a busy server the page_not_found of the first run was never sent, and a
    bogus URL looked like a success."""
    if not requested_page or not navigation or any(path == requested_page for path, _ in navigation):
        return []
    return [f"page not found: {requested_page!r}"]


def page_title(msg: ForwardMsg) -> str | None:
    """The title of the page a navigation message says is running."""
    running = msg.navigation.page_script_hash
    return next((p.page_name for p in msg.navigation.app_pages if p.page_script_hash == running), None)


def navigation_pages(msg: ForwardMsg) -> list[tuple[str, bool]]:
    """SessionResult.navigation from a navigation message."""
    running = msg.navigation.page_script_hash
    return [
        (p.url_pathname, p.is_default or p.is_hidden or p.page_script_hash == running)
        for p in msg.navigation.app_pages
    ]


async def run_session(base_url: str, page: str, query: str, timeout_s: float) -> SessionResult:
    """Open one session on `page` and wait, at most `timeout_s`, for its script run to settle."""
    started = time.perf_counter()
    settled_at = None
    result = SessionResult(ok=False, settle_s=None)
    try:
        async with asyncio.timeout(timeout_s):
            async with connect(
                _stream_url(base_url),
                subprotocols=["streamlit"],
                proxy=None,  # loopback only, whatever the environment's proxy settings
                max_size=MAX_MESSAGE_BYTES,
                open_timeout=None,  # bounded by the session timeout above
            ) as ws:
                await ws.send(rerun_request(page, query, base_url))
                async for raw in ws:
                    msg = ForwardMsg()
                    msg.ParseFromString(raw)
                    result.messages += 1
                    result.errors.extend(problems_in(msg, page))
                    if msg.WhichOneof("type") == "navigation":
                        result.page_title = page_title(msg)
                        result.navigation = navigation_pages(msg)
                    if msg.WhichOneof("type") != "script_finished":
                        continue
                    result.runs += 1
                    if msg.script_finished == _SETTLED:
                        settled_at = time.perf_counter()  # before the closing handshake
                        if not any(e.startswith("page not found") for e in result.errors):
                            result.errors.extend(unknown_page(page, result.navigation))
                        break
                    if msg.script_finished == _COMPILE_ERROR:
                        result.errors.append("the script did not compile")
                        break
                    # FINISHED_EARLY_FOR_RERUN (st.rerun, a changed query) or a fragment run: read on.
                else:
                    result.errors.append("the server closed the connection before the script finished")
                    return result
    except TimeoutError:
        result.errors.append(f"no settled run within {timeout_s:g} s")
        return result
    except (OSError, asyncio.IncompleteReadError) as exc:
        result.errors.append(f"connection failed: {type(exc).__name__}: {exc}")
        return result
    except Exception as exc:  # websockets' protocol errors, a message that does not parse
        result.errors.append(f"{type(exc).__name__}: {exc}")
        return result
    if not result.errors and settled_at is not None:
        result.ok = True
        result.settle_s = settled_at - started
    return result


async def navigate(base_url: str, query: str, timeout_s: float, pages: list[str] | None = None):
    """One session that opens the app (its landing page), then every other page of its navigation (or those
    of `pages`) in order, on the same connection, as a browser does when its user clicks through the menu.
    Yields a SessionResult per page once its run settles (settle time from the page's request); stops at
    the first page that fails (the session is then in an unknown state)."""
    async with asyncio.timeout(timeout_s * 20):
        async with connect(
            _stream_url(base_url), subprotocols=["streamlit"], proxy=None, max_size=MAX_MESSAGE_BYTES,
            open_timeout=None,
        ) as ws:  # fmt: skip
            todo: list[str] | None = None
            path = ""
            while True:
                result = SessionResult(ok=False, settle_s=None)
                started = time.perf_counter()
                await ws.send(rerun_request(path, query, base_url))
                try:
                    async with asyncio.timeout(timeout_s):
                        async for raw in ws:
                            msg = ForwardMsg()
                            msg.ParseFromString(raw)
                            result.messages += 1
                            result.errors.extend(problems_in(msg, path))
                            kind = msg.WhichOneof("type")
                            if kind == "navigation":
                                result.page_title = page_title(msg)
                                result.navigation = navigation_pages(msg)
                            if kind != "script_finished":
                                continue
                            result.runs += 1
                            if msg.script_finished in (_SETTLED, _COMPILE_ERROR):
                                break
                        else:
                            result.errors.append(
                                "the server closed the connection before the script finished"
                            )
                except TimeoutError:
                    result.errors.append(f"no settled run within {timeout_s:g} s")
                if not result.errors and result.runs:
                    result.ok = True
                    result.settle_s = time.perf_counter() - started
                yield path, result
                if not result.ok:
                    return
                if todo is None:
                    todo = [p for p, seen in result.navigation if not seen and (pages is None or p in pages)]
                if not todo:
                    return
                path = todo.pop(0)


async def run_sessions(
    base_url: str, sessions: int, page: str, query: str, session_timeout_s: float
) -> list[SessionResult]:
    """`sessions` sessions opened at once; the whole batch is bounded by the session timeout plus a
    margin (a session that has not returned by then counts as a failure)."""
    if not 1 <= sessions <= MAX_SESSIONS:
        raise LoadTestError(f"--sessions must be between 1 and {MAX_SESSIONS}, not {sessions}")
    tasks = [
        asyncio.create_task(run_session(base_url, page, query, session_timeout_s)) for _ in range(sessions)
    ]
    done, pending = await asyncio.wait(tasks, timeout=session_timeout_s + 10)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    return [
        t.result()
        if t in done
        else SessionResult(ok=False, settle_s=None, errors=["cancelled by the overall timeout"])
        for t in tasks
    ]


# --- the server ----------------------------------------------------------------------------------------


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS (now) and VmHWM (peak since start) of a process, in KiB; empty when it cannot be read."""
    found = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    found[key] = int(value.split()[0])
    except (OSError, ValueError):
        return {}
    return found


def _health_ok(base_url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
    try:
        with opener.open(f"{base_url.rstrip('/')}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


class Server:
    """A Streamlit server started for the bench: a child process on a free loopback port, its output in
    a temporary log file, stopped (terminate, then kill) on exit."""

    def __init__(
        self, script_args: list[str] | None = None, env: dict[str, str] | None = None, port: int = 0
    ):
        self.port = port or free_loopback_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        run = script_args or ["-m", "smqse.ui.serve"]
        self.command = [
            sys.executable, *run,
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--server.headless", "true",
            "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        # SMQSE_DEMO: the demo's "view as" selector and its ?user= link parameter.
        self.env = {**os.environ, "SMQSE_DEMO": "1", **(env or {})}
        self.process: subprocess.Popen | None = None
        self._log = None

    def __enter__(self) -> Server:
        self._log = tempfile.TemporaryFile(mode="w+b")
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + SERVER_START_TIMEOUT_S
            while not _health_ok(self.base_url):
                if self.process.poll() is not None:
                    raise LoadTestError(f"the server stopped while starting:\n{self.log_tail()}")
                if time.monotonic() > deadline:
                    raise LoadTestError(f"the server did not answer within {SERVER_START_TIMEOUT_S:g} s")
                time.sleep(0.2)
        except BaseException:  # Ctrl-C included: never leave the server behind
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_tail(self, chars: int = 4000) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-chars:]

    def logged_errors(self) -> list[str]:
        """The distinct last lines of the tracebacks in the server's log ("AttributeError: …"): the
        browser only sees a redacted message."""
        self._log.seek(0)
        lines = self._log.read().decode("utf-8", "replace").splitlines()
        found = [line for line in lines if _EXCEPTION_LINE.match(line)]
        return list(dict.fromkeys(found))

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None


# --- the bench -----------------------------------------------------------------------------------------


@dataclass
class LoadReport:
    url: str
    page: str
    query: str
    sessions: int
    succeeded: int
    errors: int
    first_errors: list[str]  # "3 × exception AttributeError: …": distinct first errors of failed sessions
    pages_run: dict[str, int]  # page title → sessions that ran it
    server_errors: list[str]  # from the log of a server started here (its browser messages are redacted)
    settle_p50_s: float | None
    settle_p95_s: float | None
    settle_max_s: float | None
    wall_s: float
    server_pid: int | None
    rss_before_mib: float | None
    rss_after_mib: float | None
    rss_peak_mib: float | None  # the highest VmRSS sampled during the run
    hwm_mib: float | None  # VmHWM: the server's peak since it started
    load_average: tuple[float, float, float]

    def as_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)

    def as_text(self) -> str:
        def seconds(value):
            return "—" if value is None else f"{value:.2f} s"

        def mib(value):
            return "—" if value is None else f"{value:.0f} MiB"

        target = self.url + "/" + self.page + (f"?{self.query}" if self.query else "")
        lines = [
            f"load test: {self.sessions} concurrent sessions on {target}",
            f"  succeeded {self.succeeded}, errors {self.errors}, wall {self.wall_s:.2f} s",
            f"  settle time p50 {seconds(self.settle_p50_s)}, p95 {seconds(self.settle_p95_s)}, "
            f"max {seconds(self.settle_max_s)}",
            f"  server RSS before {mib(self.rss_before_mib)}, after {mib(self.rss_after_mib)}, "
            f"peak during run {mib(self.rss_peak_mib)}, peak since start {mib(self.hwm_mib)}",
            "  load average {:.2f} {:.2f} {:.2f}".format(*self.load_average),
        ]
        if self.pages_run:
            lines.append("  pages run: " + ", ".join(f"{title} ×{n}" for title, n in self.pages_run.items()))
        lines += [f"  error: {text}" for text in self.first_errors]
        lines += [f"  server log: {text}" for text in self.server_errors]
        return "\n".join(lines)


def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile (p95 of 20 values is the 19th): no interpolation between two sessions."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))  # ceil without float surprises at exact ranks
    return ordered[int(rank) - 1]


async def _sample_rss(pid: int, peak: list[int], every_s: float = 0.1) -> None:
    while True:
        rss = memory_kib(pid).get("VmRSS")
        if rss is not None:
            peak[0] = max(peak[0], rss)
        await asyncio.sleep(every_s)


async def measure(
    base_url: str,
    sessions: int,
    page: str = "",
    query: str = "",
    session_timeout_s: float = DEFAULT_SESSION_TIMEOUT_S,
    server_pid: int | None = None,
    server: Server | None = None,
) -> LoadReport:
    """Run the sessions against a running loopback server and report on them (`server`: one started
    here, whose log is read for errors)."""
    check_loopback(base_url)
    query = query.lstrip("?")
    page = page.strip("/")
    before = memory_kib(server_pid) if server_pid else {}
    peak = [before.get("VmRSS", 0)]
    sampler = asyncio.create_task(_sample_rss(server_pid, peak)) if server_pid else None
    started = time.perf_counter()
    try:
        results = await run_sessions(base_url, sessions, page, query, session_timeout_s)
    finally:
        if sampler is not None:
            sampler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sampler
    wall = time.perf_counter() - started
    after = memory_kib(server_pid) if server_pid else {}
    settle = [r.settle_s for r in results if r.ok]
    failed = [r for r in results if not r.ok]
    # Each failed session's first error; identical texts (20 sessions, one cause) are counted once.
    first_errors = [f"{n} × {text}" for text, n in Counter(r.errors[0] for r in failed).items()][
        :FIRST_ERRORS_KEPT
    ]

    def mib(kib):
        return round(kib / 1024, 1) if kib else None

    def rounded(value):
        return None if value is None else round(value, 3)

    return LoadReport(
        url=base_url,
        page=page,
        query=query,
        sessions=sessions,
        succeeded=len(settle),
        errors=len(failed),
        first_errors=first_errors,
        pages_run=dict(Counter(r.page_title or "?" for r in results if r.ok)),
        server_errors=server.logged_errors()[:FIRST_ERRORS_KEPT] if server else [],
        settle_p50_s=rounded(statistics.median(settle)) if settle else None,
        settle_p95_s=rounded(percentile(settle, 0.95)),
        settle_max_s=rounded(max(settle)) if settle else None,
        wall_s=round(wall, 3),
        server_pid=server_pid,
        rss_before_mib=mib(before.get("VmRSS")),
        rss_after_mib=mib(after.get("VmRSS")),
        rss_peak_mib=mib(max(peak[0], after.get("VmRSS", 0))),
        hwm_mib=mib(after.get("VmHWM")),
        load_average=tuple(round(x, 2) for x in os.getloadavg()),
    )


def run_load(
    sessions: int,
    *,
    url: str | None = None,
    page: str = "",
    query: str = "",
    session_timeout_s: float = DEFAULT_SESSION_TIMEOUT_S,
    server_pid: int | None = None,
    port: int = 0,
) -> LoadReport:
    """The bench: against `url` (a loopback server already running), else against a server started here
    with the current database and stopped afterwards."""
    if not 1 <= sessions <= MAX_SESSIONS:
        raise LoadTestError(f"--sessions must be between 1 and {MAX_SESSIONS}, not {sessions}")
    if not 0 < session_timeout_s <= 600:
        raise LoadTestError(f"--timeout must be between 0 and 600 s, not {session_timeout_s:g}")
    if url is not None:
        check_loopback(url)
        return asyncio.run(measure(url, sessions, page, query, session_timeout_s, server_pid))
    with Server(port=port) as server:
        return asyncio.run(
            measure(server.base_url, sessions, page, query, session_timeout_s, server.pid, server)
        )
