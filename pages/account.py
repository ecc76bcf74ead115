"""Account — My account: the user's e-mail address, the language of their e-mails and the kinds of e-mail they
receive; the QSE lead edits anyone's (smqse.views.account holds the rules, the queries enforce them)."""

import streamlit as st

from smqse.db import shared_connection
from smqse.i18n import t, t_md
from smqse.model import Role
from smqse.ui import data
from smqse.ui.forms import form_saved, form_token, render_confirmation, submit_key
from smqse.ui.identity import in_demo_mode, user_label
from smqse.ui.state import current_view
from smqse.views import account as service

FORM = service.FORM

view = current_view()
lang = view.lang
editor = view.user
con = shared_connection(view.db)

st.title(t("account.title", lang), anchor=False)
st.markdown(t("account.intro", lang))
render_confirmation(FORM)

user_id = editor.user_id
if editor.role == Role.QSE_LEAD:
    users = {u.user_id: u for u in data.users(view.db)}
    user_id = st.selectbox(
        t("account.whose", lang),
        list(users),
        index=list(users).index(editor.user_id) if editor.user_id in users else 0,
        format_func=lambda uid: user_label(users[uid], lang),
        help=t("account.whose_help", lang),
        key="account_user",
    )

# Read fresh on every run (one small query): what the form shows is what is saved now.
try:
    current = service.load_settings(con, editor, user_id)
except PermissionError:
    st.error(t("account.denied", lang), icon=":material/block:")
    st.stop()
own = user_id == editor.user_id
if not own:
    st.info(t_md("account.editing_other", lang, user=current.display_name), icon=":material/manage_accounts:")

# Signed in, the address is the sign-in identity (smqse.ui.identity): a change of one's own would sign the
# user out for good at the next run; the QSE lead changes it, in step with the identity provider.
email_locked = own and not in_demo_mode()
kinds = service.kinds_for(current.role, current.opted_out)
with st.form(FORM, border=True):
    email = st.text_input(
        t("account.email", lang),
        value=current.email or "",
        max_chars=service.MAX_EMAIL_LENGTH,
        help=t("account.email_help", lang),
        disabled=email_locked,
        key=f"account_email_{user_id}",
    )
    if email_locked:
        st.caption(t("account.email_signin", lang))
    elif not own and not in_demo_mode():
        st.caption(t_md("account.email_signin_other", lang, user=current.display_name))
    language = st.radio(
        t("account.language", lang),
        service.LANGUAGES,
        index=service.LANGUAGES.index(current.language),
        format_func=lambda code: t(f"account.language.{code}", lang),
        horizontal=True,
        help=t("account.language_help", lang),
        key=f"account_language_{user_id}",
    )
    st.markdown(f"**{t('account.kinds_title', lang)}**")
    st.caption(t(f"account.kinds_for_role.{current.role.value}", lang))
    received = {
        kind: st.checkbox(
            t(f"account.kind.{kind}", lang),
            value=kind not in current.opted_out,
            help=t(f"account.kind.{kind}.help", lang),
            key=f"account_kind_{kind}_{user_id}",
        )
        for kind in kinds
    }
    if kinds:
        st.caption(t("account.kinds_note", lang))
    submitted = st.form_submit_button(
        t("account.submit", lang), key=submit_key(FORM), icon=":material/save:", type="primary"
    )

if submitted:
    try:
        result = service.save_settings(
            con,
            editor,
            user_id,
            email=current.email if email_locked else email,
            language=language,
            opted_out={kind for kind, wanted in received.items() if not wanted},
            token=form_token(FORM),
        )
    except PermissionError:
        st.error(t("account.denied", lang), icon=":material/block:")
    except service.SettingsError as error:
        st.error(
            t_md(f"account.error.{error.field}.{error.reason}", lang, value=error.value),
            icon=":material/error:",
        )
    else:
        if result.changed:
            data.users.clear()  # the sign-in match reads the addresses
            data.user_emails.clear()
        message = "account.saved" if result.changed else "account.unchanged"
        form_saved(
            FORM,
            t_md(message, lang, user=current.display_name),
            clear=[
                f"account_email_{user_id}",
                f"account_language_{user_id}",
                *(f"account_kind_{kind}_{user_id}" for kind in kinds),
            ],
        )
        st.rerun()
