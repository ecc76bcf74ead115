"""DuckDB's and Polars' allocators return freed memory to the system at once in the app's server.

The DuckDB wheel bundles its own jemalloc, which keeps the pages of freed allocations (its "dirty" and
"muzzy" pages) for later reuse. A large query converted to Polars frees hundreds of MB once the frame is
built, and jemalloc kept them: on the enterprise database, the causes page's two queries took a process
from 152 to 718 MiB, and 447 MiB stayed after every frame was deleted; with the pages returned at once,
467 MiB at the peak and 186 MiB after (no slower). The server is long-lived and its users come one after
another: memory a query no longer uses must go back, or RSS climbs user after user (issue 14).

Polars bundles another jemalloc (read from _RJEM_MALLOC_CONF), which keeps freed pages for 10 s; glibc's
malloc (Python, DuckDB's Arrow export) gives each thread touching it an arena of its own, up to 8 per core,
each keeping what it freed: Streamlit runs each session in a thread. Both told to keep less, the director's
walk of every page ended 65 MiB lower on the enterprise database.

jemalloc reads its configuration when the library loads, from these variables (each bundled copy its own,
not MALLOC_CONF): `smqse.ui.serve` sets them before anything imports duckdb or polars. A value already in
the environment is kept (an operator's choice).
"""

from __future__ import annotations

import os

DUCKDB_ALLOCATOR_VARIABLE = "DUCKDB_JE_MALLOC_CONF"
POLARS_ALLOCATOR_VARIABLE = "_RJEM_MALLOC_CONF"
RELEASE_AT_ONCE = "dirty_decay_ms:0,muzzy_decay_ms:0"
MALLOC_ARENAS = 2
_M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)


def release_freed_memory_environment() -> None:
    """DuckDB and Polars, once loaded, return freed pages to the system at once (unless the environment says
    otherwise); glibc's malloc keeps at most MALLOC_ARENAS arenas (unless MALLOC_ARENA_MAX is set)."""
    for variable in (DUCKDB_ALLOCATOR_VARIABLE, POLARS_ALLOCATOR_VARIABLE):
        os.environ.setdefault(variable, RELEASE_AT_ONCE)
    if "MALLOC_ARENA_MAX" not in os.environ:  # glibc read that one when the process started
        limit_malloc_arenas(MALLOC_ARENAS)


def limit_malloc_arenas(arenas: int) -> bool:
    """At most `arenas` glibc malloc arenas for the threads started from now on; False where there is no glibc."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        return bool(libc.mallopt(_M_ARENA_MAX, arenas))
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False
