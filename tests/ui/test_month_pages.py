"""Every page that computes statuses on the as-of month says how complete it is, and marks a provisional
month in words; the default month skips a provisional one; the QSE lead closes a month from the data page."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from smqse import db
from tests.ui.helpers import app_database, no_exception, open_page, rendered

STATUS_PAGES = ("pages/scorecard.py", "pages/my_indicators.py", "pages/drift.py", "pages/review.py")


@pytest.fixture(scope="module")
def provisional_october(demo_db_path, tmp_path_factory):
    """The demo with only Lyon's October values in: October is provisional, September complete."""
    path = tmp_path_factory.mktemp("month_pages") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path)
    con.execute("DELETE FROM measurement WHERE period = DATE '2026-10-01' AND site_id <> 'LYON'")
    con.execute("CHECKPOINT")
    con.close()
    with app_database(path):
        yield path


def _page_text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning]
    return "\n".join(parts)


@pytest.mark.parametrize("page", STATUS_PAGES)
def test_a_provisional_month_is_marked_on_every_status_page(provisional_october, page):
    at = open_page(page, "u-qse", as_of="2026-10")
    assert at.sidebar.selectbox[-1].value == date(2026, 10, 1)
    text = _page_text(at)
    assert "valeurs saisies sur" in text and "attendues" in text
    assert "**provisoire**" in text  # the state in the month line
    assert any("Mois provisoire" in w.value for w in at.warning)
    assert "⚠ statuts provisoires" in text  # beside the statuses themselves
    assert any(e.label == "Complétude par site et par processus" for e in at.expander)


def test_a_complete_month_shows_its_line_without_the_warning(provisional_october):
    at = open_page("pages/scorecard.py", "u-qse", as_of="2026-09", lang="en")
    text = _page_text(at)
    assert "values in of" in text and "**complete**" in text
    assert not any("Provisional month" in w.value for w in at.warning)
    assert "provisional statuses" not in text


def test_the_default_month_skips_the_provisional_one(provisional_october):
    at = open_page("pages/scorecard.py", "u-qse")
    assert at.sidebar.selectbox[-1].value == date(2026, 9, 1)
    assert date(2026, 10, 1) in at.sidebar.selectbox[-1].options or "octobre 2026" in str(
        at.sidebar.selectbox[-1].options
    )


def test_the_breakdown_counts_by_site(provisional_october):
    at = open_page("pages/drift.py", "u-qse", as_of="2026-10", lang="en")
    by_site = next(
        d.value for d in at.dataframe if "Site" in d.value.columns and "Values in" in d.value.columns
    )
    counts = dict(zip(by_site["Site"].to_list(), by_site["Values in"].to_list(), strict=True))
    assert sum(1 for v in counts.values() if v > 0) == 1  # only Lyon's values are in
    assert all(e > 0 for e in by_site["Values expected"].to_list())


def test_a_pilot_may_not_close_and_the_qse_lead_closes_once(demo_db_path, tmp_path):
    path = tmp_path / "close.duckdb"
    shutil.copy(demo_db_path, path)
    with app_database(path):
        at = open_page("pages/data.py", "u-prod", lang="en")
        assert any("Only the QSE lead and directors" in i.value for i in at.info)
        assert not [b for b in at.button if b.label == "Close the month"]

        at = open_page("pages/data.py", "u-qse", lang="en")
        assert at.selectbox(key="month_close_month").value == date(2026, 10, 1)
        assert any("values in of" in m.value and "complete" in m.value for m in at.markdown)
        at.checkbox[0].check()
        at.button(key="FormSubmitter:month_close_form-Close the month").click().run()
        no_exception(at)
        assert any("Month October 2026 closed." in s.value for s in at.success)
        assert any("**closed**" in m.value for m in at.markdown)
        assert not [b for b in at.button if b.label == "Close the month"]  # nothing left to confirm
    con = db.connect(path, read_only=True)
    assert con.cursor().execute("SELECT period, closed_by FROM month_close").fetchall() == [
        (date(2026, 10, 1), "u-qse")
    ]
    con.close()


def test_a_link_to_the_latest_month_keeps_it_when_it_is_not_the_default(provisional_october):
    at = open_page("pages/scorecard.py", "u-qse", as_of="2026-10")
    assert at.query_params["as_of"] == "2026-10"
    at = open_page("pages/scorecard.py", "u-qse", as_of="2026-09")
    assert "as_of" not in at.query_params  # the default month needs no parameter


def test_the_review_page_of_a_closed_month_shows_it_closed_and_its_corrections(demo_db_path, tmp_path):
    from datetime import datetime

    from smqse.month_state import close_month
    from smqse.scope import get_user

    path = tmp_path / "closed.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path)
    close_month(con, get_user("u-qse", con), date(2026, 10, 1), lang="en", at=datetime(2026, 11, 12, 9, 0))
    con.close()
    with app_database(path):
        at = open_page("pages/review.py", "u-qse", lang="en", as_of="2026-10")
    text = _page_text(at)
    assert "**closed**" in text and "closed on 12 November 2026, 09:00" in rendered(text)
    assert any(
        e.label.startswith("Corrections after closing on 12 November 2026, 09:00 (0)") for e in at.expander
    )
