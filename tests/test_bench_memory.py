"""`python -m smqse bench memory` (issue 14): a server walked page by page, user after user, on a copy of the
small demo; the report's structure and that every page ran, not a memory threshold.

The server is started on a free loopback port (SMQSE_LOAD_TEST_PORT + 2 picks the port instead).
"""

from __future__ import annotations

import json
import os

from smqse.cli import main
from smqse.ui.bench_memory import cache_sizes

BASE_PORT = int(os.environ.get("SMQSE_LOAD_TEST_PORT", "0"))
# The app's navigation (app.py's PAGES). The root opens each user's landing page at its URL path: a walk
# visits it there once, first, as "(landing)".
NAVIGATION = ["my-indicators", "dashboard", "monthly-entry", "indicator-trends", "objectives-drift",
              "pareto-analysis", "fishbone", "anomaly-watch", "record-an-event", "causes-and-actions",
              "action-plan", "management-review", "data-imports", "indicator-catalogue",
              "objectives-and-indicators", "my-account"]  # fmt: skip


def test_cache_sizes_are_read_from_the_metrics_text():
    text = "\n".join(
        [
            "# TYPE cache_memory_bytes gauge",
            'cache_memory_bytes{cache_type="st_cache_data",cache="smqse.ui.data.load_pareto_events"} 1048576',
            'cache_memory_bytes{cache_type="st_cache_data",cache="smqse.ui.data.users"} 10',
            'cache_memory_bytes{cache_type="st_cache_resource",cache="smqse.ui.data.load_action_plan"} 2e6',
            'session_events_total{type="connection"} 3',
        ]
    )
    assert cache_sizes(text) == {
        "st_cache_data": {"smqse.ui.data.load_pareto_events": 1048576, "smqse.ui.data.users": 10},
        "st_cache_resource": {"smqse.ui.data.load_action_plan": 2000000},
    }


def test_two_users_walk_every_page_and_the_report_says_the_memory(demo_db_path, capsys, monkeypatch):
    monkeypatch.setenv("SMQSE_DB", str(demo_db_path))  # `--db` sets it: restored after the test
    argv = ["bench", "memory", "--db", str(demo_db_path), "--users", "u-dg", "u-prod", "--json"]
    if BASE_PORT:
        argv += ["--port", str(BASE_PORT + 2)]
    status = main(argv)
    report = json.loads(capsys.readouterr().out)
    assert report["failed_pages"] == [] and report["server_errors"] == [], report
    assert status == 0
    assert [walk["user"] for walk in report["users"]] == ["u-dg", "u-prod"]
    director, pilot = report["users"]
    # The landing page (the scorecard for the director, their indicators for a pilot), then every other page
    # in navigation order, each once.
    assert report["sessions"] == "one per page"
    assert [visit["page"] for visit in director["pages"]] == ["(landing)"] + [
        p for p in NAVIGATION if p != "dashboard"
    ]
    assert [visit["page"] for visit in pilot["pages"]] == ["(landing)"] + [
        p for p in NAVIGATION if p != "my-indicators"
    ]
    for walk in report["users"]:
        assert all(visit["ok"] and visit["rss_mib"] > 0 for visit in walk["pages"])
        assert walk["rss_mib"] > 0 and walk["hwm_mib"] >= walk["rss_mib"]
        assert walk["cache_data_mib"] is not None  # Streamlit's metrics were read
    assert report["start_rss_mib"] > 0 and report["peak_mib"] >= pilot["rss_mib"]
    assert len(report["load_average_start"]) == 3


def test_one_session_per_user_navigates_every_page_like_a_browser(demo_db_path, capsys, monkeypatch):
    monkeypatch.setenv("SMQSE_DB", str(demo_db_path))
    argv = ["bench", "memory", "--db", str(demo_db_path), "--users", "u-dg", "--one-session", "--json"]
    if BASE_PORT:
        argv += ["--port", str(BASE_PORT + 3)]
    status = main(argv)
    report = json.loads(capsys.readouterr().out)
    assert report["failed_pages"] == [] and status == 0, report
    assert report["sessions"] == "one per user"
    (walk,) = report["users"]
    assert [visit["page"] for visit in walk["pages"]] == ["(landing)"] + [
        p for p in NAVIGATION if p != "dashboard"
    ]
    # Each request ran its own page in the same session: as many titles as pages, none twice.
    titles = [visit["title"] for visit in walk["pages"]]
    assert len(set(titles)) == len(NAVIGATION) and None not in titles
    assert all(visit["ok"] and visit["rss_mib"] > 0 for visit in walk["pages"])


def test_a_missing_database_is_refused_in_words(tmp_path, monkeypatch):
    import pytest

    monkeypatch.setenv("SMQSE_DB", str(tmp_path / "none.duckdb"))
    with pytest.raises(SystemExit, match="no database at"):
        main(["bench", "memory", "--db", str(tmp_path / "none.duckdb"), "--users", "u-dg"])
