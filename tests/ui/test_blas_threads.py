"""BLAS libraries run one thread inside the app: Streamlit's session threads are the parallelism, and BLAS
threads on top of them fought for the same cores (smqse.blas_threads)."""

from __future__ import annotations

from threadpoolctl import threadpool_info

from smqse.ui import state
from tests.ui.helpers import app_database, open_page


def test_a_page_run_sees_one_thread_in_every_blas_library(demo_copy, monkeypatch):
    seen: list[list[dict]] = []
    set_view = state.set_view

    def set_view_and_look(view):  # app.py calls it in the script thread, before the page runs
        seen.append(threadpool_info())
        set_view(view)

    monkeypatch.setattr(state, "set_view", set_view_and_look)
    with app_database(demo_copy):
        open_page("pages/scorecard.py", "u-dg")
    blas = [lib for info in seen for lib in info if lib["user_api"] == "blas"]
    assert blas, seen  # NumPy's OpenBLAS is loaded by then
    assert {(lib["filepath"], lib["num_threads"]) for lib in blas} == {(lib["filepath"], 1) for lib in blas}
