"""Forms that cannot double-submit: the page side (the database side is smqse.submission).

Each write form gets a token when it is rendered (kept in the session under the form's name; its submit
button's key carries it, see `submit_key`); the page passes it to the write, which claims it in the record's own transaction, so a second submit of the same form
instance writes nothing and returns the first record. After a successful save the page calls `form_saved`:
the confirmation is kept for the next run (shown by `render_confirmation` where the form is), the form's
fields are cleared and its token renewed, so the form is ready for a new entry. After a refusal nothing is
cleared: the user corrects what they typed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

import streamlit as st

_TOKEN = "_form_token_{}"
_CONFIRMATION = "_form_saved_{}"


def form_token(form: str) -> str:
    """The token of the form instance on screen (created at its first render)."""
    key = _TOKEN.format(form)
    if key not in st.session_state:
        st.session_state[key] = uuid.uuid4().hex
    return st.session_state[key]


def submit_key(form: str) -> str:
    """The key of the form's submit button, new with each form instance: a click sent for an instance already
    saved (a double click whose second request reaches the server after the first was handled, with the
    values typed then) matches no button on the page and is dropped, rather than saved under a new token."""
    return f"{form}_submit_{form_token(form)[:12]}"


def renew_form_token(form: str) -> None:
    """A new instance of the form: its next submit is a new record."""
    st.session_state[_TOKEN.format(form)] = uuid.uuid4().hex


def form_saved(form: str, message: str, clear: Iterable[str] = (), *, shown_at: str | None = None) -> None:
    """After a successful save: keep `message` (Markdown, its values escaped: `t_md`) for the next run, shown
    by `render_confirmation(shown_at or form)` (a place still on screen when the form is gone); clear the
    widgets whose keys are given (back to their defaults) and renew the token. Call `st.rerun()` afterwards."""
    st.session_state[_CONFIRMATION.format(shown_at or form)] = message
    for key in clear:
        st.session_state.pop(key, None)
    renew_form_token(form)


def render_confirmation(form: str) -> None:
    """The confirmation of the form's last save, once."""
    message = st.session_state.pop(_CONFIRMATION.format(form), None)
    if message:
        st.success(message, icon=":material/check_circle:")
