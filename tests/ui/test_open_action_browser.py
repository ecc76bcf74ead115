"""Act where you see, in a real browser (issue 15): the app served on 127.0.0.1:8631 with a copy of the small
demo, Debian's Chromium driven by Playwright. The QSE lead picks a bar of the Pareto in its selectbox (not a
chart click), opens the "Open an action" expander, submits the pre-filled form, and finds the action in the
action plan of the month shown (a past month: the action was opened today), origin "Pareto".

The browser may reach 127.0.0.1 only. Skipped without Chromium, unless SMQSE_REQUIRE_CHROMIUM is set (CI).
"""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest

from smqse import db
from smqse.i18n import format_date
from tests.ui.live_server import WAIT_MS, loopback_page, needs_chromium, running_app, wait_until_idle

pytestmark = needs_chromium()

PORT = 8631
SCREENSHOT = "/tmp/smqse_open_action_pareto.png"
PLAN_SCREENSHOT = "/tmp/smqse_open_action_plan.png"


@pytest.fixture
def database(demo_db_path, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    return path


@pytest.fixture
def page(browser):
    with loopback_page(browser, 1500, 1100) as opened:
        yield opened


def test_an_action_opened_from_the_pareto_shows_in_the_plan(database, tmp_path, page):
    from playwright.sync_api import expect

    env = {"SMQSE_DEMO": "1", "SMQSE_DB": str(database)}
    with running_app(tmp_path, env, port=PORT) as url:
        page.goto(f"{url}/pareto-analysis?user=u-qse&lang=en")
        expander = page.locator("[data-testid='stExpander']").filter(has_text="Open an action")
        expander.wait_for()
        wait_until_idle(page)
        expander.get_by_text("Open an action").click()
        submit = page.get_by_role("button", name="Open the action")
        submit.wait_for()
        wait_until_idle(page)
        page.screenshot(path=SCREENSHOT, full_page=True)
        submit.click()
        saved = page.locator("[data-testid='stAlertContentSuccess']").filter(has_text="opened")
        saved.wait_for()
        action_id = re.search(r"ACT-\d{8}-[0-9A-F]{8}", saved.inner_text()).group(0)

        page.goto(f"{url}/action-plan?user=u-qse&lang=en")
        search = page.get_by_label("Search", exact=True)
        search.wait_for()
        wait_until_idle(page)
        search.fill(action_id)
        search.press("Enter")
        wait_until_idle(page)
        # The plan of October 2026 (the month shown) finds it: one action in the grid, drawn on the timeline
        # (its text alternative names it, opened today), and picked for its update and history.
        opened = re.compile(f"{action_id} opened {format_date(date.today(), 'en')}")
        expect(page.get_by_role("figure", name=opened)).to_be_visible(timeout=WAIT_MS)
        expect(page.get_by_role("region", name=re.compile(r"Action plan table: 1 action\b"))).to_be_visible()
        expect(page.get_by_role("region", name=f"Change history of {action_id}: 1 row.")).to_be_visible()
        page.screenshot(path=PLAN_SCREENSHOT, full_page=True)

    con = db.connect(database, read_only=True)
    try:
        stored = con.execute(
            "SELECT origin, opened_on, status FROM action WHERE action_id = ?", [action_id]
        ).fetchall()
    finally:
        con.close()
    assert stored == [("pareto", date.today(), "planned")]
