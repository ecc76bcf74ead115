"""The monthly entry grid in a real browser (issue 12): the app served by `python -m smqse.ui.serve` on
127.0.0.1:8651 with a copy of the small demo, Debian's Chromium driven by Playwright. A pilot types `91,5` in
French (or `1,234.5` in English) into the Glide data grid's value cell, saves, and the database holds exactly
that number: the browser's number cell, which dropped the decimal comma (91,5 saved as 915), is gone. An
ambiguous `1,234` typed in French is refused with the indicator and the site named, and nothing is stored.

The browser may reach 127.0.0.1 only. Skipped without Chromium, unless SMQSE_REQUIRE_CHROMIUM is set (CI).
"""

from __future__ import annotations

import shutil

import pytest

from smqse import db
from tests.ui.live_server import loopback_page, needs_chromium, running_app, wait_until_idle

pytestmark = needs_chromium()

PORT = 8651
PILOT = "u-prod"
ROW_HEIGHT = 35  # Glide data grid: header and rows
VALUE_COLUMN = 7  # indicator, site, unit, range, last month, last year, ratio, value (the ids are hidden)
ROWS = {("Q-OUTPUT", "LYON"): 6, ("Q-OUTPUT", "ROUEN"): 7}  # ordered by process, indicator, site
SCREENSHOT = "/tmp/smqse_entry_grid.png"


@pytest.fixture
def database(demo_db_path, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    return path


@pytest.fixture
def page(browser):
    with loopback_page(browser, 1600, 1000) as opened:
        yield opened


def _type_into_value_cell(page, row: int, text: str) -> None:
    """Select the row's first cell, move to the value column with the arrow keys (column widths vary with
    the content), open the cell editor with Enter, type, and commit with Enter. On a busy machine a key may
    reach the grid before it has the focus: then the editor opened (if any) is closed and the move redone."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    grid = page.locator("[data-testid='stDataFrameResizable']").first
    grid.wait_for()
    box = grid.bounding_box()
    y = box["y"] + ROW_HEIGHT * (row + 1) + ROW_HEIGHT / 2
    # A read-only cell opens a disabled editor: that means a key was lost on the way; move again.
    editable = ":not([readonly]):not([disabled])"
    editor = page.locator(f"#portal textarea{editable}, #portal input{editable}").first
    for _ in range(5):
        page.mouse.click(box["x"] + 40, y)
        for _ in range(VALUE_COLUMN):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        try:
            editor.wait_for(timeout=10_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            page.keyboard.press("Escape")
            wait_until_idle(page)
    editor.fill(text)
    page.keyboard.press("Enter")
    # The grid sends its edits to the form debounced (150 ms) and a submit does not flush them: a click on
    # the save button right after the last key would submit the grid without its edit.
    page.wait_for_timeout(1000)


def _stored(path, indicator: str, site: str):
    con = db.connect(path, read_only=True)
    try:
        return con.execute(
            "SELECT value FROM measurement_current "
            "WHERE indicator_id = ? AND site_id = ? AND period = DATE '2026-11-01'",
            [indicator, site],
        ).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(
    ("lang", "key", "text", "expected", "save"),
    [
        ("fr", ("Q-OUTPUT", "LYON"), "91,5", 91.5, "Enregistrer"),
        ("en", ("Q-OUTPUT", "ROUEN"), "1,234.5", 1234.5, "Save"),
        ("fr", ("Q-OUTPUT", "ROUEN"), "1,234", None, "Enregistrer"),  # ambiguous in French: refused
    ],
)
def test_a_number_typed_in_the_browser_grid_is_stored_exactly(
    database, tmp_path, page, lang, key, text, expected, save
):
    from playwright.sync_api import expect

    env = {"SMQSE_DEMO": "1", "SMQSE_DB": str(database)}
    with running_app(tmp_path, env, port=PORT) as url:  # one writer: read the database once it has stopped
        page.goto(f"{url}/monthly-entry?user={PILOT}&lang={lang}")
        page.locator("[data-testid='stDataFrameResizable']").first.wait_for()
        wait_until_idle(page)
        _type_into_value_cell(page, ROWS[key], text)
        page.get_by_role("button", name=save, exact=True).click()
        expect(page.locator("[data-testid='stAlert']").first).to_be_visible()
        if lang == "fr":
            page.screenshot(path=SCREENSHOT, full_page=True)
        if expected is None:
            expect(page.locator("[data-testid='stAlertContentError']")).to_be_visible()
            main = page.locator("[data-testid='stMain']").inner_text()
            assert "Q-OUTPUT · Production livrée — Rouen-Grand-Quevilly" in main
            assert "« 1,234 » peut se lire de deux façons" in main and "ligne" not in main
        else:
            if page.locator("[data-testid='stAlertContentWarning']").count():  # far from its history
                page.get_by_role("checkbox").first.check(force=True)
                page.get_by_role("button", name=save, exact=True).click()
            expect(page.locator("[data-testid='stAlertContentSuccess']")).to_be_visible()
    assert _stored(database, *key) == ([] if expected is None else [(expected,)])
