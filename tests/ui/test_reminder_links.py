"""The links a reminder e-mail carries (smqse.reminders: monthly-entry?month=…, action-plan?action=…) open the
page on their item, once: a later choice on the page is the user's."""

from __future__ import annotations

from datetime import date

from tests.ui.helpers import open_page


def test_an_entry_link_opens_its_month():
    at = open_page("pages/entry.py", "u-prod")
    box = at.selectbox(key="entry_month")
    default: date = box.value
    at.selectbox(key="entry_month").select_index(1 if box.index == 0 else 0).run()
    other: date = at.selectbox(key="entry_month").value
    assert other != default
    linked = open_page("pages/entry.py", "u-prod", month=f"{other:%Y-%m}")
    assert linked.selectbox(key="entry_month").value == other
    # Applied once: the user's next choice stands.
    linked.selectbox(key="entry_month").set_value(default).run()
    assert linked.selectbox(key="entry_month").value == default


def test_a_malformed_month_opens_the_page_as_usual():
    at = open_page("pages/entry.py", "u-prod", month="13/2026")
    assert not at.exception


def test_an_action_link_picks_its_action():
    at = open_page("pages/actions.py", "u-qse")
    box = at.selectbox(key="actions_pick")
    other = next(o.split(" — ")[0] for o in box.options if not o.startswith(f"{box.value} "))
    linked = open_page("pages/actions.py", "u-qse", action=other)
    assert linked.selectbox(key="actions_pick").value == other
