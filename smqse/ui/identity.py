"""Who the user is.

With an `[auth]` section in `.streamlit/secrets.toml`, the user signs in with OpenID Connect
(`st.login`) and is matched to `app_user.email`; an unknown e-mail sees an explanation and nothing else.
Without it (the demo), a "View as" selector in the sidebar picks one of the demo users; the choice is
kept in the session and in the `user` query parameter so that a link shows the same view.

Identity is not access: the scope every query is bound to comes from `smqse.scope.scope_for(user)`.
"""

from __future__ import annotations

import streamlit as st

from smqse.i18n import label, t, t_md
from smqse.scope import User
from smqse.ui import data
from smqse.ui.state import prepare_widget, remember_widget, store_widget

USER_KEY = "smqse_user_id"  # the resolved user, for every page
VIEW_AS_KEY = "smqse_view_as"  # the demo selector's widget state
QUERY_PARAM = "user"


def auth_configured() -> bool:
    """True when secrets define an `[auth]` section; a missing or unreadable secrets file means demo mode."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets.toml: StreamlitSecretNotFoundError, FileNotFoundError…
        return False


def user_label(user: User, lang: str) -> str:
    """ "Claire Martin — Directrice"."""
    return f"{user.display_name} — {label('role', user.role.value, lang)}"


def resolve_user(lang: str, container=None) -> User:
    """The current user; renders the demo selector or the signed-in line in `container` (the sidebar)."""
    container = container or st.sidebar
    db = data.db_key()
    users = data.users(db)
    if auth_configured():
        user = _signed_in_user(users, lang, db)
        with container:
            st.markdown(t_md("identity.signed_in_as", lang, user=user_label(user, lang)))
            st.button(t("identity.logout", lang), on_click=st.logout, icon=":material/logout:")
    else:
        user = _demo_user(users, lang, container)
    st.session_state[USER_KEY] = user.user_id
    return user


def _signed_in_user(users: list[User], lang: str, db: str) -> User:
    if not st.user.is_logged_in:
        st.title(t("app.title", lang))
        st.markdown(t("identity.login_explain", lang))
        st.button(t("identity.login", lang), on_click=st.login, type="primary", icon=":material/login:")
        st.stop()
    email = str(st.user.get("email") or "").strip().lower()
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
