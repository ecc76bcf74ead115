"""Each demo user's e-mail (HTML part) opened in Chromium: its structure as assistive technology reads it
(one h1, a heading per section, tables with column headers, statuses in words), links to the app, and a
screenshot saved beside it (`python -m smqse notify --dry-run --preview DIR` writes the same files)."""

from __future__ import annotations

import io
from datetime import date

from smqse import db
from smqse.notify.command import dry_run
from tests.ui.live_server import needs_chromium

pytestmark = needs_chromium()

BASE_URL = "https://smqse.durand-industrie.example/"
STATUS_WORDS = {"Atteint", "À surveiller", "Non atteint", "Sans objectif", "Sans données", "Met", "At risk",
                "Missed", "No objective", "No data"}  # fmt: skip


def test_every_demo_users_email_reads_well_in_chromium(demo_db_path, browser, tmp_path):
    con = db.connect(demo_db_path, read_only=True)
    try:
        dry_run(con, date(2026, 12, 3), "en", io.StringIO(), base_url=BASE_URL, preview=tmp_path)
    finally:
        con.close()
    pages = sorted(tmp_path.glob("*.html"))
    assert len(pages) == 11
    page = browser.new_page(viewport={"width": 900, "height": 900})
    try:
        for path in pages:
            page.goto(path.as_uri())
            assert page.get_by_role("heading", level=1).count() == 1
            assert page.get_by_role("heading", level=2).count() >= 1
            for table in page.get_by_role("table").all():
                assert table.get_by_role("columnheader").count() >= 2
                assert table.get_by_role("row").count() >= 2
            hrefs = [a.get_attribute("href") for a in page.get_by_role("link").all()]
            assert hrefs and all(h.startswith(BASE_URL) for h in hrefs), path.name
            statuses = page.locator("td").all_inner_texts()
            if "u-dg" in path.name or "u-qse" in path.name:  # the digest's counts: statuses as words
                assert STATUS_WORDS & set(statuses)
            shot = path.with_suffix(".png")
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
    finally:
        page.close()
