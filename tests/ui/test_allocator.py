"""The server's DuckDB returns freed memory at once (smqse.allocator, issue 14): its bundled jemalloc reads
DUCKDB_JE_MALLOC_CONF when the library loads, so the launcher must set it before anything imports duckdb."""

from __future__ import annotations

import os
import subprocess
import sys

from smqse.allocator import DUCKDB_ALLOCATOR_VARIABLE, RELEASE_AT_ONCE
from smqse.ui.serve import APP

ROOT = APP.parent

# In a fresh interpreter: record the variable at the moment duckdb starts to load, then import the launcher.
_PROBE = f"""
import importlib.abc, os, sys
seen = []

class Watch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name in ("duckdb", "_duckdb"):
            seen.append(os.environ.get({DUCKDB_ALLOCATOR_VARIABLE!r}))
        return None

sys.meta_path.insert(0, Watch())
import smqse.ui.serve
import duckdb
print(repr(seen[0]))
"""


def _seen_when_duckdb_loads(env: dict[str, str]) -> str:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return out.stdout.strip().splitlines()[-1]


def test_the_launcher_sets_the_allocator_before_duckdb_loads():
    env = {k: v for k, v in os.environ.items() if k != DUCKDB_ALLOCATOR_VARIABLE}
    assert _seen_when_duckdb_loads(env) == repr(RELEASE_AT_ONCE)


def test_an_operators_allocator_setting_is_kept():
    env = {**os.environ, DUCKDB_ALLOCATOR_VARIABLE: "dirty_decay_ms:5000"}
    assert _seen_when_duckdb_loads(env) == repr("dirty_decay_ms:5000")
