"""The page tests run the app in explicit demo mode (SMQSE_DEMO=1): their databases are demo copies, and
AppTest has no server address, which outside SMQSE_DEMO=1 is (rightly) not enough for demo mode.
Tests of the configuration checks remove the variable themselves."""

from __future__ import annotations

import pytest

from smqse.deployment import DEMO_ENV


@pytest.fixture(autouse=True)
def explicit_demo_mode(monkeypatch):
    monkeypatch.setenv(DEMO_ENV, "1")


@pytest.fixture(autouse=True)
def no_background_refresh(monkeypatch):
    """The pages compute what is not stored yet themselves; a background refresh racing them would make
    what a test sees depend on timing (tests/test_refresh.py tests the worker)."""
    monkeypatch.setenv("SMQSE_ANALYSIS_REFRESH", "0")


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, for the browser tests of a module."""
    from tests.ui.live_server import chromium_browser

    with chromium_browser() as chromium:
        yield chromium
