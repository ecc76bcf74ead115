"""The server's DuckDB and Polars return freed memory at once (smqse.allocator, issue 14): their bundled
jemallocs read DUCKDB_JE_MALLOC_CONF and _RJEM_MALLOC_CONF when each library loads, so the launcher must set
them before anything imports duckdb or polars."""

from __future__ import annotations

import os
import subprocess
import sys

from smqse.allocator import (
    DUCKDB_ALLOCATOR_VARIABLE,
    POLARS_ALLOCATOR_VARIABLE,
    RELEASE_AT_ONCE,
    limit_malloc_arenas,
)
from smqse.ui.serve import APP

ROOT = APP.parent

# In a fresh interpreter: record the variable at the moment duckdb starts to load, then import the launcher.
_PROBE = f"""
import importlib.abc, os, sys
seen = {{}}

class Watch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "duckdb":
            seen.setdefault(name, os.environ.get({DUCKDB_ALLOCATOR_VARIABLE!r}))
        if name == "polars":
            seen.setdefault(name, os.environ.get({POLARS_ALLOCATOR_VARIABLE!r}))
        return None

sys.meta_path.insert(0, Watch())
import smqse.ui.serve
import duckdb, polars
print(repr((seen["duckdb"], seen["polars"])))
"""


def _seen_when_libraries_load(env: dict[str, str]) -> str:
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
    env = {
        k: v for k, v in os.environ.items() if k not in (DUCKDB_ALLOCATOR_VARIABLE, POLARS_ALLOCATOR_VARIABLE)
    }
    assert _seen_when_libraries_load(env) == repr((RELEASE_AT_ONCE, RELEASE_AT_ONCE))


def test_an_operators_allocator_setting_is_kept():
    env = {**os.environ, DUCKDB_ALLOCATOR_VARIABLE: "dirty_decay_ms:5000", POLARS_ALLOCATOR_VARIABLE: "x:1"}
    assert _seen_when_libraries_load(env) == repr(("dirty_decay_ms:5000", "x:1"))


def test_the_malloc_arenas_can_be_limited_on_this_glibc():
    assert limit_malloc_arenas(8)  # glibc's default for a 1-core machine: harmless in the test process
