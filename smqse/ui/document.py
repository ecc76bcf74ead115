"""The browser document around the pages (issue 16): its `lang`, its title, and the root of the app.

- `lang`: Streamlit's index.html says `<html lang="en">` whatever the app shows, and a reload of it is the
  only thing that would reset it. A small script, run in the page itself by `st.html` (not an iframe), sets
  the language chosen; it runs again whenever the language changes (the element's body changes), and the
  attribute stays set across reruns and page switches, which do not reload the document.
- The title: "<page> — SMQSE" in the user's language, set once the navigation knows the page.
- The root: a hidden default page that opens the role's landing page at its own URL path. Streamlit serves
  its default page at the root only (its URL path answers "Page not found"), so the landing page is an
  ordinary page like the others, and a shared link to any page, the landing page's included, opens it.
"""

from __future__ import annotations

import json

import streamlit as st

from smqse.i18n import t

LANG_KEY = "doc_lang"  # the container of the script (hidden: it shows nothing)
ROOT_URL_PATH = "start"  # reserved by the hidden root page (Streamlit serves it at "/" only)


def declare_language(lang: str, container) -> None:
    """Set the document's `lang` to `lang` ("fr", "en"), from inside `container`."""
    script = f"<script>document.documentElement.lang = {json.dumps(lang)};</script>"
    style = f"<style>.st-key-{LANG_KEY} {{ display: none; }}</style>"
    with container, st.container(key=LANG_KEY):
        st.html(style + script, unsafe_allow_javascript=True)


def page_title(title: str, lang: str) -> str:
    """The browser tab's title: the page, then the product ("Tableau de bord — SMQSE")."""
    return t("doc.title", lang, page=title)


def set_title(title: str, lang: str) -> None:
    st.set_page_config(page_title=page_title(title, lang))


def query_pairs() -> list[tuple[str, str]]:
    """The current URL's query parameters, repeated keys included (the sidebar's `domain`)."""
    return [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]


def root_page(landing: str, title: str) -> st.Page:
    """The hidden default page: at the root, open `landing` (a page file of the navigation) at its URL
    path, with the link's parameters (language, user, scope) kept."""

    def open_landing() -> None:
        st.switch_page(landing, query_params=query_pairs())

    return st.Page(open_landing, title=title, url_path=ROOT_URL_PATH, default=True, visibility="hidden")
