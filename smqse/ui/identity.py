"""Who the user is, in the mode `smqse.ui.configuration` decided (it fails closed: never a fallback).

Signed in (an `[auth]` section in secrets.toml): the user signs in with OpenID Connect (`st.login`) and is
matched to `app_user.email`; the provider must say the address is verified (`email_verified` true); an
unverified or unknown e-mail sees an explanation and nothing else.
Demo mode (only with SMQSE_DEMO=1, or the demo database on a loopback address): a "View as" selector in
the sidebar picks one of the demo users; the choice is kept in the session and in the `user` query
parameter so that a link shows the same view.

Identity is not access: the scope every query is bound to comes from `smqse.scope.scope_for(user)`.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from smqse.deployment import DEFAULT_PROVIDER, Deployment
from smqse.i18n import label, t, t_md
from smqse.scope import User
from smqse.ui import data
from smqse.ui.state import prepare_widget, remember_widget, store_widget

USER_KEY = "smqse_user_id"  # the resolved user, for every page
DEMO_KEY = "smqse_demo_mode"  # whether this run is in demo mode (the sidebar mirrors `user` in the URL)
VIEW_AS_KEY = "smqse_view_as"  # the demo selector's widget state
QUERY_PARAM = "user"


def in_demo_mode() -> bool:
    """True only when this run's user came from the demo selector."""
    return st.session_state.get(DEMO_KEY) is True


def email_verified(value: object) -> bool:
    """The `email_verified` claim says yes: true (some providers send the string "true")."""
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def user_label(user: User, lang: str) -> str:
    """ "Claire Martin — Directrice"."""
    return f"{user.display_name} — {label('role', user.role.value, lang)}"


def resolve_user(lang: str, deployment: Deployment, container=None) -> User:
    """The current user; renders the demo selector or the signed-in line in `container` (the sidebar)."""
    container = container or st.sidebar
    db = data.db_key()
    users = data.users(db)
    st.session_state[DEMO_KEY] = deployment.demo
    if not deployment.demo:
        user = _signed_in_user(users, lang, db, deployment.providers)
        with container:
            st.markdown(t_md("identity.signed_in_as", lang, user=user_label(user, lang)))
            st.button(t("identity.logout", lang), on_click=st.logout, icon=":material/logout:")
    else:
        user = _demo_user(users, lang, container)
    st.session_state[USER_KEY] = user.user_id
    return user


def _signed_in_user(users: list[User], lang: str, db: str, providers: tuple[str, ...]) -> User:
    if not st.user.is_logged_in:
        st.title(t("app.title", lang))
        st.markdown(t("identity.login_explain", lang))
        for provider in providers or (DEFAULT_PROVIDER,):
            text = t("identity.login", lang) if len(providers) <= 1 else t(
                "identity.login_with", lang, provider=provider
            )  # fmt: skip
            st.button(
                text,
                key=f"smqse_login_{provider}",
                on_click=partial(st.login, provider),
                type="primary",
                icon=":material/login:",
            )
        st.stop()
    email = str(st.user.get("email") or "").strip().lower()
    if not email_verified(st.user.get("email_verified")):
        # An unverified address proves nothing: anyone could have typed the director's e-mail.
        st.title(t("app.title", lang))
        st.error(t_md("identity.email_unverified", lang, email=email or "?"), icon=":material/block:")
        st.button(t("identity.logout", lang), on_click=st.logout, icon=":material/logout:")
        st.stop()
    user_id = data.user_emails(db).get(email)
    user = next((u for u in users if u.user_id == user_id), None)
    if user is None:
        st.title(t("app.title", lang))
        st.error(t_md("identity.unknown_user", lang, email=email or "?"), icon=":material/block:")
        st.markdown(t("identity.unknown_user_help", lang))
        st.button(t("identity.logout", lang), on_click=st.logout, icon=":material/logout:")
        st.stop()
    return user


def _demo_user(users: list[User], lang: str, container) -> User:
    if not users:
        st.error(t("identity.no_users", lang))
        st.stop()
    by_id = {u.user_id: u for u in users}
    ids = list(by_id)

    def first_choice() -> str:
        # The link's `user` parameter, else the first user (the director).
        wanted = st.query_params.get(QUERY_PARAM)
        return wanted if wanted in by_id else ids[0]

    prepare_widget(VIEW_AS_KEY, first_choice, lambda uid: uid if uid in by_id else ids[0])
    with container:
        chosen = st.selectbox(
            t("identity.view_as", lang),
            ids,
            format_func=lambda uid: user_label(by_id[uid], lang),
            key=VIEW_AS_KEY,
            help=t("identity.view_as_help", lang),
            on_change=remember_widget,
            args=(VIEW_AS_KEY,),
        )
    store_widget(VIEW_AS_KEY, chosen)
    return by_id[chosen]
