"""A page's frames are released once it has run (issue 14: kept alive with each session by the functions the
page defines, they made the server's memory climb with users), and what runs later (a download built when
clicked) does not read them."""

from __future__ import annotations

import sys

import polars as pl
import pytest

from smqse.ui import page_memory, tables
from tests.ui.helpers import open_page

PAGE_CODE = """
from smqse.ui.page_memory import calling_frame, remember_page_namespace
import polars as pl

def record():
    remember_page_namespace(calling_frame(0))

record()
events = pl.DataFrame({"event_id": ["E1", "E2"], "cost": [1.0, 2.0]})
costs = events["cost"]
names = {"E1": "first"}
label = lambda e: names[e]
"""


def _run(code: str, module_name: str) -> dict:
    namespace = {"__name__": module_name}
    exec(compile(code, "page.py", "exec"), namespace)  # noqa: S102 (a page, as StreamlitPage.run runs it)
    return namespace


def test_the_frames_of_the_page_that_ran_are_emptied_and_nothing_else():
    namespace = _run(PAGE_CODE, "__main__")
    schema = namespace["events"].schema
    assert page_memory.release_page_frames() == 2
    assert namespace["events"].is_empty() and namespace["events"].schema == schema
    assert namespace["costs"].is_empty() and namespace["costs"].dtype == pl.Float64
    assert namespace["label"]("E1") == "first"  # dictionaries and functions are kept
    assert page_memory.release_page_frames() == 0  # once


def test_a_module_of_the_package_is_never_recorded():
    namespace = _run(PAGE_CODE, "smqse.ui.something")
    assert page_memory.release_page_frames() == 0
    assert namespace["events"].height == 2


@pytest.fixture
def captured_tables(monkeypatch):
    """Every capped table the page renders: its namespace, total and download function."""
    calls = []
    render = tables.render_capped_dataframe

    def spy(table, total, *, every_row, **kwargs):
        calls.append({"page": sys._getframe(1).f_globals, "total": total, "every_row": every_row})
        return render(table, total, every_row=every_row, **kwargs)

    monkeypatch.setattr(tables, "render_capped_dataframe", spy)
    return calls


def test_the_action_plan_releases_its_frames_and_its_downloads_still_hold_every_row(captured_tables):
    open_page("pages/actions.py", "u-dg", lang="en")
    assert len(captured_tables) == 2  # the plan, the effectiveness checks due
    page = captured_tables[0]["page"]
    assert page["shown"].is_empty() and page["due"].is_empty() and page["table"].is_empty()
    for call in captured_tables:
        rows = call["every_row"]()  # as a click on the download builds it, after the page has run
        assert rows.height == call["total"] > 0
