"""The to-do block of the landing page (scorecard, my indicators): the user's reminders on the day, from
smqse.reminders (the e-mails' list), in words by smqse.todo, each line with a button to the page and item.

Computed once per user and day and cached (smqse.ui.data.load_todo), keyed by the data versions it reads
(values, objectives and the catalogue of the user's scope, actions and month closings): a save that changes
them recomputes it, a save elsewhere leaves it cached. The scorecards it needs are the page's own cached ones.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from smqse import todo as words
from smqse.i18n import t
from smqse.model import Role
from smqse.ui import data
from smqse.ui.state import ViewContext

SHOWN_FIRST = 5  # lines shown at once; the rest one click away
SHOWN_MOST = 30  # lines with a button in all; beyond, a sentence sends to the action plan and the entry page
PAGES = {words.ENTRY: "pages/entry.py", words.ACTIONS: "pages/actions.py", words.TRENDS: "pages/trends.py"}
# The session keys the target pages read to open on an item (pages/entry.py, actions.py, trends.py).
HANDOVER = {words.ENTRY: "entry_month_kept", words.ACTIONS: "actions_pick", words.TRENDS: "trends_indicator"}


def landing_page(role: Role) -> str:
    """The page a user lands on (app.py), where their to-do is: a pilot on their own indicators, everyone
    else on the scorecard."""
    return "pages/my_indicators.py" if role == Role.PILOT else "pages/scorecard.py"


def today() -> date:
    """The day of the to-do (tests fix it)."""
    return date.today()


def _open(line: words.TodoLine) -> None:
    item = date.fromisoformat(f"{line.item}-01") if line.target == words.ENTRY else line.item
    st.session_state[HANDOVER[line.target]] = item
    st.switch_page(PAGES[line.target])


def _render_line(index: int, line: words.TodoLine, lang: str) -> None:
    text, button = st.columns([6, 1], vertical_alignment="center")
    text.markdown(line.text)
    if button.button(
        t(f"todo.open.{line.target}", lang),
        key=f"todo_open_{index}",
        help=t(f"todo.open.{line.target}_help", lang, item=line.item),
        type="tertiary",
        width="stretch",
    ):
        _open(line)


def render_todo(view: ViewContext, page: str) -> None:
    """On the user's landing page `page` only: their to-do, compact (counts by kind, the most urgent lines,
    the rest in an expander)."""
    if page != landing_page(view.user.role):
        return
    lang, on = view.lang, today()
    reminders = data.load_todo(view.user.user_id, on, data.todo_version(view.allowed, view.db), view.db)
    lines = words.build_lines(reminders, lang)
    with st.container(border=True, key="todo_block"):
        if not lines:
            st.markdown(f"**{t('todo.title', lang)}** — {t('todo.empty', lang)}")
            return
        st.markdown(
            f"**{t('todo.title_count', lang, n=len(reminders))}** — {words.build_counts_line(reminders, lang)}"
        )
        st.caption(t("todo.intro", lang, day=words.format_day(on, lang)))
        for index, line in enumerate(lines[:SHOWN_FIRST]):
            _render_line(index, line, lang)
        rest = lines[SHOWN_FIRST:SHOWN_MOST]
        if rest:
            with st.expander(t("todo.more", lang, n=len(lines) - SHOWN_FIRST), icon=":material/expand_more:"):
                for index, line in enumerate(rest, start=SHOWN_FIRST):
                    _render_line(index, line, lang)
                if len(lines) > SHOWN_MOST:
                    st.caption(t("todo.beyond", lang, n=len(lines) - SHOWN_MOST))
