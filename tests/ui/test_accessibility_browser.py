"""axe-core over every page, as the director and as a pilot (issue 16): the app served on 127.0.0.1:8681 with
a copy of the small demo, Debian's Chromium driven by Playwright, axe-core injected by axe-playwright-python.
No serious or critical violation on any page; the moderate and minor ones are printed per rule (run with -s)
for the README.

The browser may reach 127.0.0.1 only. Skipped without Chromium, unless SMQSE_REQUIRE_CHROMIUM is set (CI).
"""

from __future__ import annotations

import shutil
from collections import Counter
from urllib.parse import urlparse

import pytest

from tests.ui.live_server import HOST, WAIT_MS, needs_chromium, running_app

pytestmark = needs_chromium()

PORT = 8681
BLOCKING = {"serious", "critical"}
# Moderate, but the issue asks for it: no h3 after an h1 without an h2.
ALSO_BLOCKING = {"heading-order"}
USERS = {"director": "u-dg", "pilot": "u-prod"}
# Every page of app.py's navigation, by URL path.
PAGES = (
    "my-indicators", "dashboard", "monthly-entry", "indicator-trends", "objectives-drift", "pareto-analysis",
    "fishbone", "anomaly-watch", "record-an-event", "causes-and-actions", "action-plan", "management-review",
    "data-imports", "indicator-catalogue", "objectives-and-indicators", "my-account",
)  # fmt: skip


@pytest.fixture(scope="module")
def app_url(demo_db_path, tmp_path_factory):
    folder = tmp_path_factory.mktemp("a11y")
    database = folder / "demo.duckdb"
    shutil.copy(demo_db_path, database)
    with running_app(folder, {"SMQSE_DEMO": "1", "SMQSE_DB": str(database)}, port=PORT) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(WAIT_MS)
    context.route(
        "**/*",
        lambda route: route.continue_() if urlparse(route.request.url).hostname == HOST else route.abort(),
    )
    try:
        yield context.new_page()
    finally:
        context.close()


def _open(page, url: str) -> None:
    """The page drawn: its title (or the message that stops it), the app's navigation marked as lists, and
    no run under way (axe on a half-drawn sidebar finds a scroll region with nothing focusable in it)."""
    page.goto(url)
    page.locator("[data-testid='stMainBlockContainer'] h1, [data-testid='stAlert']").first.wait_for()
    page.locator("[role='navigation'] [role='list'] > [role='listitem'] a").first.wait_for()
    page.wait_for_load_state("networkidle")
    page.locator("[data-testid='stStatusWidget']").wait_for(state="detached")


def _describe(violation: dict) -> str:
    nodes = [node["html"][:160] for node in violation["nodes"][:3]]
    return f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} nodes: {nodes})"


@pytest.mark.parametrize("role", sorted(USERS))
def test_every_page_has_no_serious_or_critical_violation(app_url, page, role):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    blocking: dict[str, list[str]] = {}
    other = Counter()
    for path in PAGES:
        _open(page, f"{app_url}/{path}?user={USERS[role]}&lang=fr")
        violations = axe.run(page).response["violations"]
        found = [_describe(v) for v in violations if v["impact"] in BLOCKING or v["id"] in ALSO_BLOCKING]
        # Plotly's modebar: 8 buttons with English names, 8 tab stops per chart (the numbers table is the
        # accessible twin of each chart).
        modebar = page.locator(".modebar-btn").count()
        if modebar:
            found.append(f"{modebar} Plotly modebar buttons")
        if found:
            blocking[path] = found
        other.update(
            {f"{v['id']} ({v['impact']})": len(v["nodes"]) for v in violations if v["impact"] not in BLOCKING}
        )
    print(f"\n{role}: moderate/minor violations, nodes per rule over {len(PAGES)} pages: {dict(other)}")
    assert not blocking, f"{role}: serious or critical violations:\n" + "\n".join(
        f"{path}: {'; '.join(found)}" for path, found in blocking.items()
    )


def test_the_keyboard_focus_is_visible(app_url, page):
    """Tabbing from a page link to the next control draws the app's focus ring: 3 px in the primary colour
    (the browser's own ring is 1 px and Streamlit removes it on some controls)."""
    _open(page, f"{app_url}/dashboard?user=u-dg&lang=fr")
    links = page.locator("[role='navigation'] [role='listitem'] a")
    links.first.focus()
    page.keyboard.press("Tab")
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    )
    assert outline == ["solid", "3px", "rgb(0, 90, 156)"]
