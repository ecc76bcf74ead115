"""What Streamlit's own markup does not give assistive technologies: the navigation as real lists, a visible
focus everywhere, and status tiles coloured without Markdown in their labels.

Streamlit's sidebar navigation puts its section headers inside the `<ul>` of pages and the `<li>` of pages
inside the headers' `<div>`s (axe `list`/`listitem`, serious, on every page). app.py hides it
(`st.navigation(position="hidden")`) and the sidebar shows this one instead: per section, a caption and a
container of `st.page_link`s (client-side page switches, as Streamlit's own links) that a small script marks
`role="list"`/`role="listitem"`, inside a `role="navigation"` landmark."""

from __future__ import annotations

import json

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from smqse.i18n import t

NAV_KEY = "app-nav"
NAV_LIST_KEY = "app-nav-list-{index}"
# Theme colours a tile may take (smqse.ui.widgets.render_coloured_metric), and their text colour if the
# theme does not set one (.streamlit/config.toml sets them all, each with a 4.5:1 contrast on white).
TILE_COLOURS = {
    "green": "#00684A",
    "orange": "#8A5A00",
    "red": "#A33F00",
    "gray": "#4D4D4D",
    "blue": "#00578A",
}

DISABLED_LABEL = "#5C5C5C"  # 6.7:1 on white, lighter than the text (#1A1A1A)

# Idempotent; re-applied after each rerun by a MutationObserver, since React re-creates the sidebar's nodes.
_NAV_SCRIPT = """<script>
(() => {
  const names = %(names)s;
  const mark = () => {
    const nav = document.querySelector(".st-key-%(nav)s");
    if (!nav) return;
    nav.setAttribute("role", "navigation");
    nav.setAttribute("aria-label", %(label)s);
    names.forEach((name, index) => {
      const list = nav.querySelector(".st-key-%(nav)s-list-" + index);
      if (!list) return;
      list.setAttribute("role", "list");
      list.setAttribute("aria-label", name);
      for (const item of list.children) item.setAttribute("role", "listitem");
    });
  };
  mark();
  if (window.smqseNavObserver) window.smqseNavObserver.disconnect();
  window.smqseNavObserver = new MutationObserver(mark);
  window.smqseNavObserver.observe(document.body, {childList: true, subtree: true});
})();
</script>"""


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element (section names come from the catalogues, still escaped)."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def render_navigation(box, sections: dict[str, list[StreamlitPage]], lang: str) -> None:
    """The app's navigation in `box` (a sidebar container): one list of page links per section."""
    with box.container(key=NAV_KEY, gap="small"):
        for index, (section, pages) in enumerate(sections.items()):
            st.caption(section)
            with st.container(key=NAV_LIST_KEY.format(index=index), gap=None):
                for page in pages:
                    st.page_link(page, width="stretch")
        script = _NAV_SCRIPT % {
            "names": _script_json(list(sections)),
            "label": _script_json(t("a11y.nav_label", lang)),
            "nav": NAV_KEY,
        }
        st.html(script, unsafe_allow_javascript=True)


_NAME_SCRIPT = """<script>
(() => {
  const name = () => {
    for (const button of document.querySelectorAll(%(selector)s)) button.setAttribute("aria-label", %(label)s);
  };
  name();
  const key = "smqseName" + %(selector)s.length;
  if (window[key]) window[key].disconnect();
  window[key] = new MutationObserver(name);
  window[key].observe(document.body, {childList: true, subtree: true});
})();
</script>"""


def render_button_name(selector: str, label: str) -> None:
    """Give the buttons `selector` finds the accessible name `label`: a Streamlit button whose English word
    is replaced on screen by CSS (the file uploader's "Upload") would otherwise have no name at all."""
    script = _NAME_SCRIPT % {"selector": _script_json(selector), "label": _script_json(label)}
    st.html(script, unsafe_allow_javascript=True)


def page_styles() -> str:
    """Visible focus on anything reachable by keyboard (3 px in the primary colour, never removed), readable
    labels on disabled widgets, and the colour of each status tile's label and icon."""
    focus = st.get_option("theme.primaryColor") or "#005A9C"
    rules = [
        f":focus-visible {{ outline: 3px solid {focus} !important; outline-offset: 2px !important; }}",
        # A disabled widget's label stays readable (Streamlit greys it to 2.5:1): the label says what the
        # control is and why it may be off; the greyed control itself shows that it is.
        f'[data-testid="stElementContainer"]:has(:disabled) [data-testid="stWidgetLabel"] p '
        f"{{ color: {DISABLED_LABEL}; }}",
    ]
    for name, fallback in TILE_COLOURS.items():
        colour = st.get_option(f"theme.{name}TextColor") or fallback
        rules.append(f'[class*="st-key-tile-{name}-"] [data-testid="stMetricLabel"] {{ color: {colour}; }}')
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def render_page_styles() -> None:
    st.html(page_styles())


# A select box shows its choice in an <input>, which cannot wrap: a long choice ("Marc Lambert (Directeur de
# production) — Pilote de processus" in the sidebar) is cut at the box's edge. Its `title` holds the whole
# text, shown on hover. Re-applied on every change of the DOM or of an input's value attribute (React keeps it
# in step with the choice); only `value` is watched, so setting `title` does not call the observer again.
_FULL_TEXT_SCRIPT = """<script>
(() => {
  const entitle = () => {
    for (const input of document.querySelectorAll('input[role="combobox"]')) {
      if (input.title !== input.value) input.title = input.value;
    }
  };
  entitle();
  if (window.smqseTitleObserver) window.smqseTitleObserver.disconnect();
  window.smqseTitleObserver = new MutationObserver(entitle);
  window.smqseTitleObserver.observe(
    document.body, {childList: true, subtree: true, attributes: true, attributeFilter: ["value"]}
  );
})();
</script>"""


def render_full_text_on_hover(box) -> None:
    """Every select box's choice whole on hover (in `box`, a sidebar container: the script shows nothing)."""
    with box:
        st.html(_FULL_TEXT_SCRIPT, unsafe_allow_javascript=True)
