"""The global scope in the sidebar, shared by every page and kept in the URL so a view can be shared.

Query parameters: `lang` (fr|en), `user` (demo mode), `site`, `process`, `domain` (repeated), `as_of`
(YYYY-MM). A link's parameters seed the widgets on the first run of a session; from then on the widgets
lead and the URL follows (see `smqse.ui.state.prepare_widget` for how the values survive reruns and page
switches). Only values the user's scope allows are offered, and a parameter outside the
scope is dropped: a URL can narrow a view, never widen it. The effective scope is the user's scope
intersected with the selection (an empty selection keeps everything allowed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import streamlit as st

from smqse.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    format_month,
    format_month_iso,
    label,
    normalise_language,
    t,
)
from smqse.scope import User
from smqse.ui import data, identity
from smqse.ui.state import ViewContext, prepare_widget, remember_widget, store_widget

LANG_KEY = "smqse_lang"
SITES_KEY = "smqse_sites"
PROCESSES_KEY = "smqse_processes"
DOMAINS_KEY = "smqse_domains"
AS_OF_KEY = "smqse_as_of"

QP_LANG = "lang"
QP_SITE = "site"
QP_PROCESS = "process"
QP_DOMAIN = "domain"
QP_AS_OF = "as_of"


def _from_link_multi(param: str, allowed: Sequence[str]) -> Callable[[], list[str]]:
    return lambda: list(dict.fromkeys(v for v in st.query_params.get_all(param) if v in set(allowed)))


def _keep_allowed(allowed: Sequence[str]) -> Callable[[list[str]], list[str]]:
    """Drop values that are not (or no longer) allowed, e.g. after switching user: never widen access."""
    return lambda values: [v for v in (values or []) if v in set(allowed)]


def _parse_month(text: str | None) -> date | None:
    if not text:
        return None
    try:
        year, month = text[:7].split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        return None


def render_language(container) -> str:
    """The language picker (French by default); returns "fr" or "en"."""
    prepare_widget(
        LANG_KEY,
        lambda: normalise_language(st.query_params.get(QP_LANG)),
        lambda code: code if code in LANGUAGES else DEFAULT_LANGUAGE,
    )
    lang = st.session_state[LANG_KEY]
    with container:
        chosen = st.segmented_control(
            t("sidebar.language", lang),
            list(LANGUAGES),
            format_func=lambda code: t(f"language.{code}", code),
            key=LANG_KEY,
            wrap=True,
            required=True,
            on_change=remember_widget,
            args=(LANG_KEY,),
        )
    lang = normalise_language(chosen)
    store_widget(LANG_KEY, lang)
    return lang


def _multiselect(
    container,
    label_text: str,
    options: list[str],
    key: str,
    format_func: Callable[[str], str],
    help_text: str,
    lang: str,
) -> list[str]:
    with container:
        chosen = st.multiselect(
            label_text,
            options,
            format_func=format_func,
            key=key,
            placeholder=t("sidebar.all", lang),
            help=help_text,
            on_change=remember_widget,
            args=(key,),
        )
    store_widget(key, list(chosen))
    return list(chosen)


def render_scope(user: User, lang: str, container) -> ViewContext:
    """The scope pickers; returns the view every page renders."""
    db = data.db_key()
    allowed = data.allowed_scope(user, db)
    refs = data.reference_lists(allowed, db)
    sites, processes = refs["sites"], refs["processes"]
    site_names = dict(zip(sites["site_id"].to_list(), sites["name"].to_list(), strict=False))
    name_col = "name_fr" if lang == "fr" else "name_en"
    process_names = dict(zip(processes["process_id"].to_list(), processes[name_col].to_list(), strict=False))
    site_ids = [s for s in sites["site_id"].to_list() if s in allowed.site_ids]
    process_ids = [p for p in processes["process_id"].to_list() if p in allowed.process_ids]
    domains = refs["domains"]["domain"].to_list()  # a pilot of quality processes is not offered "Safety"

    prepare_widget(SITES_KEY, _from_link_multi(QP_SITE, site_ids), _keep_allowed(site_ids))
    prepare_widget(PROCESSES_KEY, _from_link_multi(QP_PROCESS, process_ids), _keep_allowed(process_ids))
    prepare_widget(DOMAINS_KEY, _from_link_multi(QP_DOMAIN, domains), _keep_allowed(domains))

    with container:
        st.header(t("sidebar.scope", lang), anchor=False)
    chosen_sites = _multiselect(
        container,
        t("sidebar.sites", lang),
        site_ids,
        SITES_KEY,
        lambda s: site_names.get(s, s),
        t("sidebar.sites_help", lang),
        lang,
    )
    chosen_processes = _multiselect(
        container,
        t("sidebar.processes", lang),
        process_ids,
        PROCESSES_KEY,
        lambda p: process_names.get(p, p),
        t("sidebar.processes_help", lang),
        lang,
    )
    with container:
        chosen_domains = st.pills(
            t("sidebar.domains", lang),
            domains,
            selection_mode="multi",
            format_func=lambda d: label("domain", d, lang),
            key=DOMAINS_KEY,
            wrap=True,
            help=t("sidebar.domains_help", lang),
            on_change=remember_widget,
            args=(DOMAINS_KEY,),
        )
    chosen_domains = list(chosen_domains or [])
    store_widget(DOMAINS_KEY, chosen_domains)
    # No domain chosen means every domain the scope has indicators in (so the view says which ones).
    scope = allowed.narrowed(
        process_ids=chosen_processes, site_ids=chosen_sites, domains=chosen_domains or domains
    )

    months = tuple(data.data_months(scope, db)) if not scope.is_empty else ()
    default = data.default_as_of(scope, months, db) if months else None
    as_of = _render_as_of(months, default, lang, container)
    _write_query_params(lang, user, chosen_sites, chosen_processes, chosen_domains, as_of, default)
    return ViewContext(
        user=user,
        lang=lang,
        allowed=allowed,
        scope=scope,
        as_of=as_of,
        months=months,
        db=db,
        sites=sites,
        processes=processes,
    )


def _render_as_of(months: tuple[date, ...], default: date | None, lang: str, container) -> date | None:
    options = list(reversed(months))  # latest first
    if not options:
        with container:
            st.caption(t("sidebar.no_months", lang))
        return None
    fallback = default if default in options else options[0]

    def from_link() -> date:
        wanted = _parse_month(st.query_params.get(QP_AS_OF))
        return wanted if wanted in options else fallback

    prepare_widget(AS_OF_KEY, from_link, lambda month: month if month in options else fallback)
    with container:
        as_of = st.selectbox(
            t("sidebar.as_of", lang),
            options,
            format_func=lambda m: format_month(m, lang),
            key=AS_OF_KEY,
            help=t("sidebar.as_of_help", lang),
            on_change=remember_widget,
            args=(AS_OF_KEY,),
        )
    store_widget(AS_OF_KEY, as_of)
    return as_of


def _write_query_params(
    lang: str,
    user: User,
    sites: list[str],
    processes: list[str],
    domains: list[str],
    as_of: date | None,
    default: date | None,
) -> None:
    """Mirror the view in the URL (only what differs from the defaults, so links stay short)."""
    wanted: dict[str, str | list[str]] = {}
    if lang != DEFAULT_LANGUAGE:
        wanted[QP_LANG] = lang
    if identity.in_demo_mode():
        wanted[identity.QUERY_PARAM] = user.user_id
    if sites:
        wanted[QP_SITE] = list(sites)
    if processes:
        wanted[QP_PROCESS] = list(processes)
    if domains:
        wanted[QP_DOMAIN] = list(domains)
    # The month a link without `as_of` opens on is the default (the latest complete or closed month).
    if as_of is not None and as_of != default:
        wanted[QP_AS_OF] = format_month_iso(as_of)
    # Parameters the sidebar does not manage belong to the page (e.g. the trends page's `indicator`): kept.
    managed = {QP_LANG, identity.QUERY_PARAM, QP_SITE, QP_PROCESS, QP_DOMAIN, QP_AS_OF}
    current = {key: st.query_params.get_all(key) for key in st.query_params if key in managed}
    normalised = {key: value if isinstance(value, list) else [value] for key, value in wanted.items()}
    if current != normalised:
        page_params = {key: st.query_params.get_all(key) for key in st.query_params if key not in managed}
        st.query_params.from_dict({**page_params, **wanted})
