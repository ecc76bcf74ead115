"""The sidebar reads the scope's months once per page: the default month is chosen among the months it has
already read, not from a second scan of the measurements; and a month's completeness is computed once, for
the choice of the default month and the month line together (issue 14)."""

from __future__ import annotations

from smqse import db
from smqse.ui import data
from tests.ui.helpers import app_database, open_page

MONTH_SCANS = {"data_months", "data_month_counts"}


def test_a_first_page_view_scans_the_months_once(demo_copy):
    seen: list[str] = []
    with app_database(demo_copy):
        # The landing page's to-do (smqse.reminders, issue 15) finds its own month, once per user and day
        # (cached: smqse.ui.data.load_todo): computed here first, so that what follows counts the sidebar's.
        open_page("pages/scorecard.py", "u-dg")
        data.data_months.clear()
        data.default_as_of.clear()
        data.month_state.clear()
        stop = db.observe_queries(lambda name, _seconds: seen.append(name))
        try:
            at = open_page("pages/scorecard.py", "u-dg")
        finally:
            stop()
    assert [name for name in seen if name in MONTH_SCANS] == ["data_months"]
    # …and the month it opens on is still the default one: no as_of in the URL, the latest month offered
    # that is complete or closed.
    from smqse.scope import get_user, scope_for
    from smqse.views.scorecard import data_months, default_as_of

    con = db.connect(demo_copy, read_only=True)
    try:
        scope = scope_for(get_user("u-dg", con), con)
        expected, months = default_as_of(scope, con), data_months(scope, con)
    finally:
        con.close()
    assert at.selectbox(key="smqse_as_of").value == expected
    # One completeness count per month looked at, latest first down to the default, the page's included.
    assert seen.count("data_completeness") == len(months) - months.index(expected)
