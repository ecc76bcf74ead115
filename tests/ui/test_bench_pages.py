"""`python -m smqse bench pages` on the small demo: a Markdown table with a row of figures per page, and the
machine's load. What the figures are is not asserted (speed is measured, never tested)."""

from __future__ import annotations

import re

import pytest

from smqse import cli, db
from smqse.ui.bench_pages import COLUMNS, PageTiming, markdown_table, page_path

NUMBER = re.compile(r"^\d+(\.\d+)?$")


def _rows(text: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip("|").split("|")] for line in text.splitlines() if line[:1] == "|"
    ]


def test_bench_pages_times_each_page_beside_its_queries(demo_db_path, capsys):
    status = cli.main(
        ["bench", "pages", "--scale", "demo", "--demo-db", str(demo_db_path), "--pages", "pareto", "ishikawa",
         "--warm-runs", "1", "--cold-runs", "2"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert status == 0, out
    header, rule, *rows = _rows(out)
    assert tuple(header) == COLUMNS
    assert [row[:2] for row in rows] == [["pages/pareto.py", "demo"], ["pages/ishikawa.py", "demo"]]
    for row in rows:
        figures = dict(zip(COLUMNS, row, strict=True))
        assert figures["status"] == "ok"
        for column in ("cold s", "warm s", "query s", "cold/query", "warm/query", "peak RSS MiB"):
            assert NUMBER.match(figures[column]), (column, row)
        assert float(figures["query s"]) > 0  # the page's queries were seen by the timing hook
        assert float(figures["peak RSS MiB"]) > 50  # a child with Streamlit loaded, not this process's RSS
    assert "best of 2 cold and 1 warm run(s)" in out
    assert re.search(r"load average \(1 / 5 / 15 min\) at start: [\d.]+ / [\d.]+ / [\d.]+; at end: ", out)
    assert db.database_path() != demo_db_path  # the run used a copy, through the children's environment


def test_a_page_that_does_not_finish_reads_timeout_not_numbers():
    row = _rows(markdown_table([PageTiming("pages/drift.py", "enterprise", "timeout")]))[2]
    assert row == ["pages/drift.py", "enterprise", "–", "–", "–", "–", "–", "–", "timeout"]


def test_an_unknown_page_is_named_in_the_error():
    with pytest.raises(ValueError, match="no page 'nowhere'.*scorecard"):
        page_path("nowhere")


def test_the_query_hook_sees_every_named_query(demo_con):
    from smqse.scope import get_user, scope_for
    from smqse.views.scorecard import data_months

    scope = scope_for(get_user("u-dg", demo_con), demo_con)
    seen = []
    stop = db.observe_queries(lambda name, seconds: seen.append((name, seconds)))
    try:
        data_months(scope, demo_con)
    finally:
        stop()
    assert [name for name, _ in seen] == ["data_months"] and seen[0][1] >= 0
