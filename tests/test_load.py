"""The concurrent-session load test (issue 11): 20 sessions at once on a freshly started app, over
Streamlit's websocket protocol on loopback, with no error; and the generator does see errors.

Servers are started on a free loopback port (SMQSE_LOAD_TEST_PORT picks the port instead, and the next one
for the second server), each bounded by timeouts and stopped in a finally.
"""

from __future__ import annotations

import asyncio
import os
import shutil

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from smqse import db
from smqse.cli import main
from smqse.i18n import t
from smqse.ui.loadtest import (
    LoadTestError,
    Server,
    check_loopback,
    measure,
    percentile,
    problems_in,
    rerun_request,
    run_load,
    run_session,
)

SESSIONS = 20
SESSION_TIMEOUT_S = 60
BASE_PORT = int(os.environ.get("SMQSE_LOAD_TEST_PORT", "0"))


def _port(offset: int) -> int:
    return BASE_PORT + offset if BASE_PORT else 0


def _measure(server: Server, sessions: int, page: str = "", query: str = ""):
    return asyncio.run(measure(server.base_url, sessions, page, query, SESSION_TIMEOUT_S, server.pid, server))


# --- without a server ------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["http://127.0.0.1:8501", "http://localhost:8501/", "http://[::1]:8501"])
def test_loopback_urls_are_accepted(url):
    assert check_loopback(url)[1] == 8501


@pytest.mark.parametrize(
    "url",
    ["http://10.0.0.1:8501", "http://example.com", "http://127.0.0.1.example.com:8501", "ftp://127.0.0.1"],
)
def test_anything_but_loopback_is_refused(url):
    with pytest.raises(LoadTestError):
        check_loopback(url)


def test_the_command_refuses_a_remote_url_in_words(capsys):
    with pytest.raises(SystemExit, match="not a loopback address"):
        main(["bench", "load", "--sessions", "2", "--url", "http://192.0.2.1:8501"])


@pytest.mark.parametrize("sessions", [0, 201])
def test_the_number_of_sessions_is_bounded(sessions):
    with pytest.raises(LoadTestError, match="between 1 and 200"):
        run_load(sessions, url="http://127.0.0.1:9")


def test_the_request_asks_for_the_page_and_query_with_no_cache():
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.ParseFromString(rerun_request("dashboard", "user=u-dg", "http://127.0.0.1:8501"))
    state = msg.rerun_script
    assert (state.page_name, state.query_string) == ("dashboard", "user=u-dg")
    assert list(state.cached_message_hashes) == []
    assert state.context_info.url == "http://127.0.0.1:8501/dashboard?user=u-dg"


def test_problems_are_read_from_the_messages():
    exception = ForwardMsg()
    exception.delta.new_element.exception.type = "AttributeError"
    exception.delta.new_element.exception.message = "partially initialized module 'pandas'"
    warning = ForwardMsg()
    warning.delta.new_element.exception.type = "DeprecationWarning"
    warning.delta.new_element.exception.is_warning = True
    missing = ForwardMsg()
    missing.page_not_found.page_name = ""
    markdown = ForwardMsg()
    markdown.delta.new_element.markdown.body = "Tableau de bord"
    assert problems_in(exception) == ["exception AttributeError: partially initialized module 'pandas'"]
    assert problems_in(warning) == []
    assert problems_in(missing, "dashboard") == ["page not found: 'dashboard'"]
    assert problems_in(markdown) == []


def _bogus_page_run_without_its_page_not_found() -> list[bytes]:
    """What a busy server sent for a bogus URL path: the first run (page not found, then the default page
    switching to the landing page) ended early, and the rerun cleared its unsent messages, page_not_found
    among them; the second run settled on the landing page."""
    messages = []
    for kind in ("new_session", "finished_early", "new_session", "navigation", "finished"):
        msg = ForwardMsg()
        if kind == "new_session":
            msg.new_session.page_script_hash = "landing"
        elif kind == "navigation":
            for path in ("dashboard", "my-indicators"):
                page = msg.navigation.app_pages.add()
                page.url_pathname, page.page_script_hash, page.page_name = path, path, path.title()
            msg.navigation.page_script_hash = "dashboard"
        else:
            msg.script_finished = (
                ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
                if kind == "finished_early"
                else ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
            )
        messages.append(msg.SerializeToString())
    return messages


@pytest.mark.parametrize(
    ("page", "errors"), [("no-such-page", ["page not found: 'no-such-page'"]), ("dashboard", [])]
)
def test_a_bogus_page_is_not_found_even_when_streamlit_dropped_its_message(page, errors):
    from websockets.asyncio.server import serve

    async def replay(ws):
        await ws.recv()  # the rerun request
        for raw in _bogus_page_run_without_its_page_not_found():
            await ws.send(raw)
        await ws.wait_closed()

    async def scenario():
        async with serve(replay, "127.0.0.1", 0, subprotocols=["streamlit"]) as fake:
            port = fake.sockets[0].getsockname()[1]
            return await run_session(f"http://127.0.0.1:{port}", page, "user=u-dg", 10)

    result = asyncio.run(scenario())
    assert result.errors == errors
    assert result.ok == (not errors)


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 21)]
    assert percentile(values, 0.95) == 19.0
    assert percentile(values, 0.5) == 10.0
    assert percentile([], 0.95) is None


# --- against servers -------------------------------------------------------------------------------------


def test_a_script_that_raises_is_counted_as_an_error(tmp_path):
    script = tmp_path / "raises.py"
    script.write_text(
        'import streamlit as st\n\nst.write("before")\nraise RuntimeError("boom from the load test")\n'
    )
    with Server(script_args=["-m", "streamlit", "run", str(script)], port=_port(1)) as server:
        report = _measure(server, 3)
    assert (report.succeeded, report.errors) == (0, 3)
    assert report.first_errors[0].startswith("3 × exception RuntimeError")
    assert "RuntimeError: boom from the load test" in report.server_errors


@pytest.fixture(scope="module")
def app_server(demo_db_path, tmp_path_factory):
    """The app on a copy of the small demo, started fresh: its first visitors are the load test's."""
    path = tmp_path_factory.mktemp("load") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path, read_only=True)
    pilot = (
        con.cursor()
        .execute("SELECT pilot_user_id FROM process WHERE process_id = 'P-PRO' AND pilot_user_id IS NOT NULL")
        .fetchall()[0][0]
    )
    con.close()
    with Server(env={"SMQSE_DB": str(path)}, port=_port(0)) as server:  # stopped on the way out, whatever
        yield server, pilot


def test_twenty_concurrent_sessions_on_the_scorecard_and_my_indicators(app_server):
    server, pilot = app_server
    # The director lands on the scorecard, a pilot on their indicators (each one's default page).
    scorecard = _measure(server, SESSIONS, query="user=u-dg")
    mine = _measure(server, SESSIONS, query=f"user={pilot}")
    for report, title in ((scorecard, t("nav.scorecard", "fr")), (mine, t("nav.my_indicators", "fr"))):
        assert report.errors == 0, (report.first_errors, report.server_errors)
        assert report.pages_run == {title: SESSIONS}
        assert report.settle_max_s is not None and report.rss_peak_mib
    assert scorecard.server_errors == []


def test_a_page_reached_by_its_url_path_settles_and_a_bogus_one_is_an_error(app_server):
    server, pilot = app_server
    deep_link = _measure(server, 3, page="dashboard", query=f"user={pilot}")
    assert deep_link.errors == 0, deep_link.first_errors
    assert deep_link.pages_run == {t("nav.scorecard", "fr"): 3}
    bogus = _measure(server, 2, page="no-such-page", query="user=u-dg")
    assert bogus.errors == 2
    assert bogus.first_errors == ["2 × page not found: 'no-such-page'"]


def test_the_command_drives_a_running_server_and_reports_in_json(app_server, capsys):
    import json

    server, _ = app_server
    argv = ["bench", "load", "--url", server.base_url, "--server-pid", str(server.pid), "--sessions", "2"]
    assert main([*argv, "--query", "user=u-dg", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["sessions"], report["succeeded"], report["errors"]) == (2, 2, 0)
    assert report["rss_after_mib"] > 0 and report["settle_p95_s"] > 0
    assert main([*argv, "--page", "no-such-page"]) == 1  # a failed session fails the command
    assert "errors 2" in capsys.readouterr().out
