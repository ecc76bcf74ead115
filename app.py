"""SMQSE entry point: page config, the configuration check (fails closed: an error and nothing else), the
demo database on first start in demo mode, who the user is, the global scope in the sidebar, then the
navigation. Pages read the view with `smqse.ui.state.current_view()`."""

import streamlit as st

from smqse.blas_threads import limit_blas_threads
from smqse.db import database_path
from smqse.i18n import t
from smqse.model import Role
from smqse.service import start_services
from smqse.ui import a11y, bootstrap, configuration, document, identity, sidebar
from smqse.ui.page_memory import release_page_frames
from smqse.ui.state import set_view
from smqse.ui.todo import landing_page

st.set_page_config(page_title="SMQSE", page_icon=":material/verified:", layout="wide")
limit_blas_threads()  # once per process; `make run` (smqse.ui.serve) has done it already

a11y.render_page_styles()
# Sidebar order, top to bottom: the pages, who, scope, language. Language is read first: every label needs it.
nav_box = st.sidebar.container()
who_box = st.sidebar.container()
scope_box = st.sidebar.container()
st.sidebar.divider()
language_box = st.sidebar.container()

lang = sidebar.render_language(language_box)
document.declare_language(lang, language_box)  # <html lang>: the language chosen, on every page
a11y.render_full_text_on_hover(language_box)  # a select box's choice whole on hover
# Every run, every page: a broken or missing configuration stops here, never falling back to demo mode.
deployment = configuration.require_valid_configuration(lang)
if deployment.demo:
    bootstrap.ensure_demo_database(lang=lang)
start_services(database_path())  # once per process: CLI commands through the app, the BI replica
user = identity.resolve_user(lang, deployment, who_box)
view = sidebar.render_scope(user, lang, scope_box)
set_view(view)

# URL paths differ from the file names on purpose: until the first st.navigation call of the process,
# Streamlit treats pages/ as a v1 multipage folder and would run pages/<name>.py alone (without this
# file's identity and scope) for a URL path equal to a file name.
# (section, file, title, icon, URL path), in navigation order.
PAGES = (
    (
        "nav.steer",
        "pages/my_indicators.py",
        "nav.my_indicators",
        ":material/assignment_ind:",
        "my-indicators",
    ),
    ("nav.steer", "pages/scorecard.py", "nav.scorecard", ":material/dashboard:", "dashboard"),
    ("nav.steer", "pages/entry.py", "nav.entry", ":material/edit_note:", "monthly-entry"),
    ("nav.analyse", "pages/trends.py", "nav.trends", ":material/show_chart:", "indicator-trends"),
    ("nav.analyse", "pages/drift.py", "nav.drift", ":material/trending_down:", "objectives-drift"),
    ("nav.analyse", "pages/pareto.py", "nav.pareto", ":material/bar_chart:", "pareto-analysis"),
    ("nav.analyse", "pages/ishikawa.py", "nav.ishikawa", ":material/account_tree:", "fishbone"),
    ("nav.analyse", "pages/anomalies.py", "nav.anomalies", ":material/troubleshoot:", "anomaly-watch"),
    ("nav.act", "pages/events.py", "nav.events", ":material/report:", "record-an-event"),
    ("nav.act", "pages/causes.py", "nav.causes", ":material/build:", "causes-and-actions"),
    ("nav.act", "pages/actions.py", "nav.actions", ":material/checklist:", "action-plan"),
    ("nav.act", "pages/review.py", "nav.review", ":material/groups:", "management-review"),
    ("nav.data", "pages/data.py", "nav.data_imports", ":material/upload_file:", "data-imports"),
    ("nav.data", "pages/indicators.py", "nav.indicators", ":material/menu_book:", "indicator-catalogue"),
    ("nav.data", "pages/objectives.py", "nav.objectives", ":material/flag:", "objectives-and-indicators"),
    ("account.nav_section", "pages/account.py", "account.nav", ":material/manage_accounts:", "my-account"),
)
# A pilot lands on their own indicators, everyone else on the scorecard (where their to-do is).
landing = landing_page(user.role)
# Pages a role has no use for are not offered (each page still refuses them itself).
HIDDEN = {Role.VIEWER: {"pages/events.py"}}
pages: dict[str, list] = {}
for section, path, title, icon, url_path in PAGES:
    if path in HIDDEN.get(user.role, ()):
        continue
    pages.setdefault(t(section, lang), []).append(
        st.Page(path, title=t(title, lang), icon=icon, url_path=url_path)
    )
# Every page keeps its URL path (a shared link opens it); the root opens the role's landing page there.
landing_title = next(t(title, lang) for _, path, title, *_ in PAGES if path == landing)
listed = {section: list(entries) for section, entries in pages.items()}  # the root page is not a link
next(iter(pages.values())).append(document.root_page(landing, landing_title))
# Streamlit's own navigation is not a valid list for screen readers: the app draws its own (smqse.ui.a11y).
page = st.navigation(pages, position="hidden")
a11y.render_navigation(nav_box, listed, lang)
try:
    document.set_title(page.title, lang)
    page.run()
finally:
    # The page's frames are not kept with the session by the functions it defined (smqse.ui.page_memory).
    release_page_frames()
