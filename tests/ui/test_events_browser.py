"""The event declaration page in a real browser (issue 15): the app served by `python -m smqse.ui.serve` on
127.0.0.1:8641 with a copy of the small demo, Debian's Chromium driven by Playwright. A director in French
(`1 234,5`) and a pilot in English (`1,234.5`) declare an event; the database then holds exactly that cost,
under a new `EV-` number, and the event heads the list of recent events below the form. A screenshot of each
page is kept in /tmp for people to look at.

The browser may reach 127.0.0.1 only. Skipped without Chromium, unless SMQSE_REQUIRE_CHROMIUM is set (CI).
"""

from __future__ import annotations

import shutil

import pytest

from smqse import db
from tests.ui.live_server import loopback_page, needs_chromium, running_app, wait_until_idle

pytestmark = needs_chromium()

PORT = 8641


@pytest.fixture
def database(demo_db_path, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    return path


@pytest.fixture
def page(browser):
    with loopback_page(browser, 1400, 1000) as opened:
        yield opened


def _stored(path, title: str):
    con = db.connect(path, read_only=True)
    try:
        return con.execute("SELECT event_id, cost, status FROM event WHERE title = ?", [title]).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(
    ("user", "lang", "cost", "title", "field", "save", "saved"),
    [
        ("u-dg", "fr", "1 234,5", "Cote hors tolérance sur le lot 42", "Titre", "Enregistrer l'événement",
         "enregistré"),
        ("u-prod", "en", "1,234.5", "Gauge out of calibration", "Title", "Record the event", "recorded"),
    ],
)  # fmt: skip
def test_an_event_declared_in_the_browser_is_stored_and_listed(
    database, tmp_path, page, user, lang, cost, title, field, save, saved
):
    from playwright.sync_api import expect

    env = {"SMQSE_DEMO": "1", "SMQSE_DB": str(database)}
    with running_app(tmp_path, env, port=PORT) as url:  # one writer: read the database once it has stopped
        page.goto(f"{url}/record-an-event?user={user}&lang={lang}")
        page.get_by_role("button", name=save, exact=True).wait_for()
        wait_until_idle(page)
        page.screenshot(path=f"/tmp/smqse_events_{lang}_form.png", full_page=True)
        page.get_by_label(field, exact=True).fill(title)
        page.get_by_label("Coût (€)" if lang == "fr" else "Cost (€)", exact=True).fill(cost)
        page.get_by_role("button", name=save, exact=True).click()
        success = page.locator("[data-testid='stAlertContentSuccess']")
        expect(success).to_be_visible()
        wait_until_idle(page)
        assert saved in success.inner_text() and title in success.inner_text()
        expect(page.get_by_label(field, exact=True)).to_have_value("")  # ready for the next declaration
        page.screenshot(path=f"/tmp/smqse_events_{lang}_saved.png", full_page=True)
        listed = page.locator("[data-testid='stDataFrame']").first
        listed.scroll_into_view_if_needed()
        page.screenshot(path=f"/tmp/smqse_events_{lang}_list.png")
    stored = _stored(database, title)
    assert len(stored) == 1 and stored[0][1:] == (1234.5, "open") and stored[0][0].startswith("EV-")
