"""One BLAS thread per process in the app.

Streamlit runs every session's script in a thread of its own; OpenBLAS (NumPy's, SciPy's) and OpenMP would
each start a thread per core on top of them for every SciPy fit or matrix product, and on a small
server those threads fight the sessions' threads for the same cores (the drift page took 35-71 s in the
browser with default BLAS threading, 5-8 s with one thread). Parallelism, where it pays, is over series
by processes, not inside one matrix product.

Two levers, because a library reads its thread count when it loads: the environment variables, set before
NumPy is imported where the server starts (`smqse.ui.serve`), for the libraries loaded later; and
threadpoolctl for those already loaded (its OpenBLAS and OpenMP limits are process-wide, so they hold in
every script thread).
"""

from __future__ import annotations

import os
import threading

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

_lock = threading.Lock()
_limited = False


def single_thread_environment() -> None:
    """Libraries loaded from now on start with one thread (OpenBLAS and OpenMP read these at load)."""
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"


def limit_blas_threads() -> None:
    """One thread for every BLAS and OpenMP library of the process, loaded or to be loaded. Once per
    process (cheap to call again: app.py calls it on every run)."""
    global _limited
    if _limited:
        return
    with _lock:
        if _limited:
            return
        single_thread_environment()
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1)  # kept for the life of the process: never restored
        _limited = True
