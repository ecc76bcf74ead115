"""The "open an action" form of the analysis pages (issue 15): one expander under the item the page shows
(a Pareto category, an Ishikawa cause, an anomaly flag, an indicator row, a drift row), pre-filled from its
`ActionOrigin` (smqse.action_open, which writes and checks the rights again). Viewers never see it; a pilot is
offered only their processes and the people who may act on them. The confirmation is shown above the
expander, which a save closes.
"""

from __future__ import annotations

import hashlib
from datetime import date

import streamlit as st

from smqse import action_open as service
from smqse.db import shared_connection
from smqse.i18n import format_date, t, t_md
from smqse.textsafety import escape_markdown
from smqse.ui import data
from smqse.ui.dates import date_format
from smqse.ui.forms import form_saved, form_token, render_confirmation, submit_key
from smqse.ui.state import ViewContext
from smqse.words.actions import origin_words, type_words


def _origin_key(origin: service.ActionOrigin) -> str:
    """A short key of the origin: another item shown resets the fields to its own defaults."""
    return hashlib.sha1(f"{origin.origin}/{origin.origin_id}".encode()).hexdigest()[:10]


def _process_names(view: ViewContext) -> dict[str, str]:
    return {
        r["process_id"]: r.get(f"name_{view.lang}") or r["name_fr"]
        for r in view.processes.iter_rows(named=True)
    }


def _site_options(view: ViewContext) -> list[str]:
    """'' (the whole process, every site) only for a writer who sees every site; then their sites."""
    every = [""] if view.allowed.all_sites else []
    return every + list(view.allowed.site_ids)


def render_action_form(view: ViewContext, origin: service.ActionOrigin | None, form: str) -> None:
    """The expander with the form for `origin` (nothing for a viewer, or when there is no item)."""
    if origin is None or not service.can_open(view.user):
        return
    lang = view.lang
    render_confirmation(form)
    # Lazy: the form (and its owners' query) runs only while the expander is open; closed, a page's other
    # widgets never meet its fields.
    expander = st.expander(
        t("act_open.expander", lang), icon=":material/add_task:", key=f"{form}_open", on_change="rerun"
    )
    with expander:
        if expander.open:
            _render_form(view, origin, form, lang)


def _prepare(form: str, origin: service.ActionOrigin, processes: list[str], sites: list[str]) -> None:
    """The form's fields set to the origin's defaults when the item shown changes (or after a save): the
    widgets keep stable keys, so the fields of the previous item never linger and no widget disappears."""
    marker = f"{form}_origin"
    if st.session_state.get(marker) == _origin_key(origin):
        return
    st.session_state[marker] = _origin_key(origin)
    st.session_state[f"{form}_process"] = processes[0]
    st.session_state[f"{form}_title"] = origin.title
    st.session_state[f"{form}_type"] = origin.action_type
    st.session_state[f"{form}_site"] = (origin.site_id or "") if (origin.site_id or "") in sites else sites[0]
    st.session_state[f"{form}_due"] = service.default_due(date.today())
    st.session_state.pop(f"{form}_owner", None)


def _keep_valid(key: str, options: list[str]) -> None:
    """A value no longer offered (another process, another scope) replaced by the first option."""
    if st.session_state.get(key) not in options:
        st.session_state[key] = options[0]


def _render_form(view: ViewContext, origin: service.ActionOrigin, form: str, lang: str) -> None:
    st.markdown(
        t_md(
            "act_open.intro",
            lang,
            origin=origin_words(origin.origin, lang),
            origin_id=origin.label or origin.origin_id,
        )
    )
    processes = service.writable_processes(origin, view.allowed)
    if not processes:
        st.caption(t("act_open.not_your_process", lang))
        return
    sites = _site_options(view)
    _prepare(form, origin, processes, sites)
    _keep_valid(f"{form}_process", processes)
    names = _process_names(view)
    process_id = st.selectbox(
        t("act_open.process", lang),
        processes,
        format_func=lambda p: names.get(p, p),
        key=f"{form}_process",
        help=t("act_open.process_help", lang),
        disabled=len(processes) == 1,
    )
    owners = data.action_owners(view.allowed, process_id, view.db)
    if owners.is_empty():
        st.caption(t("act_open.no_owner", lang))
        return
    owner_names = dict(zip(owners["user_id"].to_list(), owners["display_name"].to_list(), strict=True))
    _keep_valid(f"{form}_owner", list(owner_names))  # the process pilot first (action_open_owners.sql)
    _keep_valid(f"{form}_site", sites)
    site_names = {r["site_id"]: r["name"] for r in view.sites.iter_rows(named=True)}
    with st.form(form, border=False):
        title = st.text_input(
            t("act_open.title", lang),
            max_chars=service.MAX_TITLE,
            key=f"{form}_title",
            help=t("act_open.title_help", lang),
        )
        left, right = st.columns(2)
        action_type = left.selectbox(
            t("act_open.type", lang),
            service.TYPES,
            format_func=lambda a: type_words(a, lang),
            key=f"{form}_type",
            help=t("act_open.type_help", lang),
        )
        owner = right.selectbox(
            t("act_open.owner", lang),
            list(owner_names),
            format_func=lambda u: owner_names.get(u, u),
            key=f"{form}_owner",
            help=t("act_open.owner_help", lang),
        )
        left, right = st.columns(2)
        site = left.selectbox(
            t("act_open.site", lang),
            sites,
            format_func=lambda s: site_names.get(s, s) if s else t("act_open.site_all", lang),
            key=f"{form}_site",
        )
        due_on = right.date_input(
            t("act_open.due", lang),
            min_value=date.today(),
            format=date_format(lang),
            key=f"{form}_due",
            help=t("act_open.due_help", lang, days=service.DEFAULT_DUE_DAYS),
        )
        submitted = st.form_submit_button(
            t("act_open.submit", lang), icon=":material/add_task:", type="primary", key=submit_key(form)
        )
    if not submitted:
        return
    draft = service.ActionDraft(origin, title, action_type, process_id, site or None, owner, due_on)
    try:
        written = service.open_action(
            shared_connection(view.db), view.user, draft, lang=lang, token=form_token(form)
        )
    except PermissionError as error:
        st.error(t_md("act_open.denied", lang, error=error), icon=":material/block:")
    except service.ActionOpenError as error:
        for problem in error.problems:
            st.error(escape_markdown(problem), icon=":material/error:")
    else:
        data.clear_after_action_change()
        message = t_md(
            "act_open.saved",
            lang,
            action=written["action_id"],
            owner=owner_names.get(written["owner_user_id"], written["owner_user_id"]),
            due=format_date(written["due_on"], lang),
        )
        typed = [k for k in st.session_state if str(k).startswith(f"{form}_") and "_submit_" not in str(k)]
        form_saved(form, message, clear=typed)
        st.rerun()
