"""Names and texts people typed are shown as text on every page, never as Markdown (issue 11): with every
indicator, process, site, cause, person, event and action named (and every unit written) with a Markdown image and link, no page
renders that syntax unescaped in a Markdown element (bodies, captions, alerts, headings, metric, expander and
tab labels)."""

from __future__ import annotations

import shutil

import pytest

from smqse import db
from tests.ui.helpers import app_database, markdown_texts, open_page

HOSTILE = "![x](http://h/x.png) [click](http://h/phish)"
RAW = ("![x](http", "[click](http")
ESCAPED = r"\!\[x\]\(http\:\/\/h\/x\.png\)"
PAGES = [
    "pages/scorecard.py",
    "pages/my_indicators.py",
    "pages/trends.py",
    "pages/drift.py",
    "pages/anomalies.py",
    "pages/causes.py",
    "pages/events.py",
    "pages/ishikawa.py",
    "pages/pareto.py",
    "pages/actions.py",
    "pages/review.py",
    "pages/indicators.py",
    "pages/objectives.py",
    "pages/data.py",
    "pages/entry.py",
    "pages/account.py",
]
RENAMES = [
    "UPDATE indicator SET name_fr = $h || ' ' || name_fr, name_en = $h || ' ' || name_en, unit = unit || ' ' || $h",
    "UPDATE process SET name_fr = $h || ' ' || name_fr, name_en = $h || ' ' || name_en",
    "UPDATE site SET name = $h || ' ' || name",
    "UPDATE cause SET label_fr = $h || ' ' || label_fr, label_en = $h || ' ' || label_en",
    "UPDATE app_user SET display_name = $h || ' ' || display_name",
    "UPDATE event SET title = $h || ' ' || coalesce(title, '')",
    "UPDATE action SET title = $h || ' ' || title",
]


@pytest.fixture(scope="module")
def hostile_db(demo_db_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("markdown_injection") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path)
    for statement in RENAMES:
        con.execute(statement, {"h": HOSTILE})
    con.execute("CHECKPOINT")
    con.close()
    with app_database(path):
        yield path


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("user", ["u-dg", "u-prod"])
def test_no_page_renders_a_typed_name_as_markdown(hostile_db, page, user):
    at = open_page(page, user, lang="en")
    texts = markdown_texts(at)
    leaks = [t for t in texts if any(raw in t for raw in RAW)]
    assert leaks == []


@pytest.mark.parametrize(
    "page", ["pages/scorecard.py", "pages/trends.py", "pages/review.py", "pages/actions.py"]
)
def test_the_names_are_still_shown_escaped(hostile_db, page):
    """The escaping keeps the names visible (as typed), it does not drop them."""
    at = open_page(page, "u-dg", lang="en")
    assert any(ESCAPED in t for t in markdown_texts(at))
