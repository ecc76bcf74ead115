"""DuckDB's allocator returns freed memory to the system at once in the app's server.

The DuckDB wheel bundles its own jemalloc, which keeps the pages of freed allocations (its "dirty" and
"muzzy" pages) for later reuse. A large query converted to Polars frees hundreds of MB once the frame is
built, and jemalloc kept them: on the enterprise database, the causes page's two queries took a process
from 152 to 718 MiB, and 447 MiB stayed after every frame was deleted; with the pages returned at once,
467 MiB at the peak and 186 MiB after (no slower). The server is long-lived and its users come one after
another: memory a query no longer uses must go back, or RSS climbs user after user (issue 14).

jemalloc reads its configuration when the library loads, from DUCKDB_JE_MALLOC_CONF (the bundled copy's
own variable, not MALLOC_CONF): `smqse.ui.serve` sets it before anything imports duckdb. A value already in
the environment is kept (an operator's choice).
"""

from __future__ import annotations

import os

DUCKDB_ALLOCATOR_VARIABLE = "DUCKDB_JE_MALLOC_CONF"
RELEASE_AT_ONCE = "dirty_decay_ms:0,muzzy_decay_ms:0"


def release_freed_memory_environment() -> None:
    """DuckDB, once loaded, returns freed pages to the system at once (unless the environment says otherwise)."""
    os.environ.setdefault(DUCKDB_ALLOCATOR_VARIABLE, RELEASE_AT_ONCE)
