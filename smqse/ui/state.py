"""What every page needs to know about the current view, computed once per run by app.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl
import streamlit as st

from smqse.i18n import DEFAULT_LANGUAGE
from smqse.scope import Scope, User
from smqse.ui.page_memory import calling_frame, remember_page_namespace

_VIEW_KEY = "smqse_view"


@dataclass(frozen=True)
class ViewContext:
    """The user, their language, the scope they may see (`allowed`) and the one the view shows (`scope`:
    allowed ∩ sidebar selection), the as-of month, the database key for caches, and reference lists."""

    user: User
    lang: str
    allowed: Scope
    scope: Scope
    as_of: date | None
    months: tuple[date, ...]
    db: str
    sites: pl.DataFrame
    processes: pl.DataFrame


def set_view(view: ViewContext) -> None:
    st.session_state[_VIEW_KEY] = view


def current_view() -> ViewContext:
    """The view app.py computed for this run; stops the page with a message if there is none (a page run
    on its own, outside app.py). Records the calling page's namespace, whose frames app.py releases once
    the page has run (smqse.ui.page_memory)."""
    remember_page_namespace(calling_frame(1))
    view = st.session_state.get(_VIEW_KEY)
    if view is None:
        from smqse.i18n import t

        st.error(t("app.no_view", DEFAULT_LANGUAGE))
        st.stop()
    return view


# --- widget values that survive reruns, page switches and widget re-creation ------------------------
#
# A keyed widget's value can be lost when Streamlit re-creates the widget under a new id (on the very first
# run after the server starts, the entry script runs inside the legacy pages/ mode and its widgets get other
# ids) or when a page switch hands back its raw, not yet deserialised value. So each sidebar widget keeps a
# canonical copy of its value in plain session state: the copy is seeded once (from the link), validated,
# written into the widget's key before the widget is drawn, and updated by the widget's on_change callback.


def _canonical_key(key: str) -> str:
    return f"_smqse_value_{key}"


def prepare_widget(key: str, initial, validate) -> None:
    """Before drawing widget `key`: its value is the canonical copy (first run: `initial()`), made valid by
    `validate(value)` (e.g. dropped when outside the user's scope)."""
    canonical = _canonical_key(key)
    if canonical not in st.session_state:
        st.session_state[canonical] = initial()
    value = validate(st.session_state[canonical])
    st.session_state[canonical] = value
    st.session_state[key] = value


def remember_widget(key: str) -> None:
    """on_change callback: the user's choice becomes the canonical value."""
    st.session_state[_canonical_key(key)] = st.session_state[key]


def store_widget(key: str, value) -> None:
    st.session_state[_canonical_key(key)] = value
