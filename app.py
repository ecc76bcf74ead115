"""SMQSE entry point: page config, the database on first start, who the user is, the global scope in the
sidebar, then the navigation. Pages read the view with `smqse.ui.state.current_view()`."""

import streamlit as st

from smqse.i18n import t
from smqse.model import Role
from smqse.ui import bootstrap, identity, sidebar
from smqse.ui.state import set_view

st.set_page_config(page_title="SMQSE", page_icon=":material/verified:", layout="wide")

# Sidebar order, top to bottom: who, scope, language. Language is read first: every label needs it.
who_box = st.sidebar.container()
scope_box = st.sidebar.container()
st.sidebar.divider()
language_box = st.sidebar.container()

lang = sidebar.render_language(language_box)
bootstrap.ensure_demo_database(lang=lang)
user = identity.resolve_user(lang, who_box)
view = sidebar.render_scope(user, lang, scope_box)
set_view(view)

# URL paths differ from the file names on purpose: until the first st.navigation call of the process,
# Streamlit treats pages/ as a v1 multipage folder and would run pages/<name>.py alone (without this
# file's identity and scope) for a URL path equal to a file name.
pages = {
    t("nav.steer", lang): [
        st.Page(
            "pages/my_indicators.py",
            title=t("nav.my_indicators", lang),
            icon=":material/assignment_ind:",
            url_path="my-indicators",
            default=user.role == Role.PILOT,  # a pilot lands on their own indicators
        ),
        st.Page(
            "pages/scorecard.py",
            title=t("nav.scorecard", lang),
            icon=":material/dashboard:",
            url_path="dashboard",
            default=user.role != Role.PILOT,
        ),
        st.Page(
            "pages/entry.py",
            title=t("nav.entry", lang),
            icon=":material/edit_note:",
            url_path="monthly-entry",
        ),
    ],
    t("nav.analyse", lang): [
        st.Page(
            "pages/trends.py",
            title=t("nav.trends", lang),
            icon=":material/show_chart:",
            url_path="indicator-trends",
        ),
        st.Page(
            "pages/drift.py",
            title=t("nav.drift", lang),
            icon=":material/trending_down:",
            url_path="objectives-drift",
        ),
        st.Page(
            "pages/pareto.py",
            title=t("nav.pareto", lang),
            icon=":material/bar_chart:",
            url_path="pareto-analysis",
        ),
        st.Page(
            "pages/ishikawa.py",
            title=t("nav.ishikawa", lang),
            icon=":material/account_tree:",
            url_path="fishbone",
        ),
        st.Page(
            "pages/anomalies.py",
            title=t("nav.anomalies", lang),
            icon=":material/troubleshoot:",
            url_path="anomaly-watch",
        ),
    ],
    t("nav.act", lang): [
        st.Page(
            "pages/causes.py",
            title=t("nav.causes", lang),
            icon=":material/build:",
            url_path="causes-and-actions",
        ),
        st.Page(
            "pages/actions.py",
            title=t("nav.actions", lang),
            icon=":material/checklist:",
            url_path="action-plan",
        ),
        st.Page(
            "pages/review.py",
            title=t("nav.review", lang),
            icon=":material/groups:",
            url_path="management-review",
        ),
    ],
    t("nav.data", lang): [
        st.Page(
            "pages/data.py",
            title=t("nav.data_imports", lang),
            icon=":material/upload_file:",
            url_path="data-imports",
        ),
        st.Page(
            "pages/indicators.py",
            title=t("nav.indicators", lang),
            icon=":material/menu_book:",
            url_path="indicator-catalogue",
        ),
        st.Page(
            "pages/objectives.py",
            title=t("nav.objectives", lang),
            icon=":material/flag:",
            url_path="objectives-and-indicators",
        ),
    ],
}
st.navigation({section: entries for section, entries in pages.items() if entries}).run()
