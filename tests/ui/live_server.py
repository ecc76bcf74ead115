"""Run the real app (`python -m smqse.ui.serve`) on 127.0.0.1 for a test, and stop it afterwards."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
APP_PORT = 8611
START_TIMEOUT = 120  # seconds: the machine may be busy; the app warms its imports before serving
# Quiet, self-contained: no usage statistics, no file watching, no external IP lookup (address is set).
SERVE_OPTIONS = (
    "--server.address", HOST,
    "--server.headless", "true",
    "--browser.gatherUsageStats", "false",
    "--server.fileWatcherType", "none",
    "--server.runOnSave", "false",
)  # fmt: skip


def app_environment(env: dict[str, str]) -> dict[str, str]:
    """This environment without SMQSE_DEMO (each test says whether it wants it), this checkout first on
    the import path (the process runs in a temporary folder), then `env`."""
    base = {k: v for k, v in os.environ.items() if k != "SMQSE_DEMO"}
    path = os.pathsep.join(p for p in (str(ROOT), base.get("PYTHONPATH", "")) if p)
    return {**base, "PYTHONPATH": path, **env}


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        return s.connect_ex((HOST, port)) != 0


def wait_for(url: str, process: subprocess.Popen | None, log: Path, timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the server stopped (status {process.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {timeout} s:\n{log.read_text()}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def running_app(tmp_path: Path, env: dict[str, str], *options: str, port: int = APP_PORT) -> Iterator[str]:
    """The app served on http://127.0.0.1:`port`, with `env` on top of this environment; yields its URL."""
    assert port_is_free(port), f"port {port} is already in use: another server is running there"
    log = tmp_path / "app.log"
    command = [sys.executable, "-m", "smqse.ui.serve", "--server.port", str(port), *SERVE_OPTIONS, *options]
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=tmp_path, env=app_environment(env), stdout=out, stderr=subprocess.STDOUT
        )
    try:
        wait_for(f"http://{HOST}:{port}/_stcore/health", process, log)
        yield f"http://{HOST}:{port}"
    finally:
        stop(process)


# --- Chromium (Debian's), for the browser tests ----------------------------------------------------------

WAIT_MS = 90_000  # a busy 2-core machine: Streamlit's first page load can be slow
# Loopback only: every other host name resolves to nothing (no request leaves the machine).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


def needs_chromium():
    """Skip without a Chromium, except on CI (SMQSE_REQUIRE_CHROMIUM), where it must be there."""
    import pytest

    from smqse.export.images import find_chromium

    return pytest.mark.skipif(
        find_chromium() is None and not os.environ.get("SMQSE_REQUIRE_CHROMIUM"),
        reason="no Chromium on this machine (CI installs it and sets SMQSE_REQUIRE_CHROMIUM)",
    )


@contextmanager
def chromium_browser() -> Iterator:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    import pytest

    from smqse.export.images import find_chromium

    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=find_chromium(), args=CHROMIUM_ARGS, headless=True, timeout=WAIT_MS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@contextmanager
def loopback_page(browser, width: int, height: int) -> Iterator:
    """A page of its own context that may reach 127.0.0.1 only (any other request is aborted)."""
    from urllib.parse import urlparse

    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(WAIT_MS)
    context.route(
        "**/*",
        lambda route: route.continue_() if urlparse(route.request.url).hostname == HOST else route.abort(),
    )
    try:
        yield context.new_page()
    finally:
        context.close()


def wait_until_idle(page) -> None:
    """Until the script run is over (no "Running…" status): an edit made during a run may be dropped."""
    page.wait_for_load_state("networkidle")
    page.locator("[data-testid='stStatusWidget']").wait_for(state="detached")
