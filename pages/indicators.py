"""Data — the indicator catalogue: what each indicator in scope measures, how, and how it aggregates."""

import streamlit as st

from smqse.i18n import label, t, t_md
from smqse.textsafety import escape_markdown
from smqse.ui import data
from smqse.ui.state import current_view
from smqse.ui.tables import render_dataframe
from smqse.ui.widgets import render_scope_line
from smqse.words.indicators import CARD_FIELDS, build_catalogue_table, catalogue_labels, export_catalogue_csv

view = current_view()
lang = view.lang

st.title(t("catalogue.title", lang), anchor=False)
st.markdown(t("catalogue.intro", lang))
render_scope_line(view)
if view.scope.is_empty:
    st.info(t("scorecard.empty_scope", lang), icon=":material/info:")
    st.stop()

frame = data.indicator_catalogue(view.scope, view.db)
if frame.is_empty():
    st.info(t("catalogue.empty", lang), icon=":material/info:")
    st.stop()

left, right = st.columns([3, 2], vertical_alignment="bottom")
with left:
    search = st.text_input(
        t("catalogue.search", lang),
        placeholder=t("catalogue.search_placeholder", lang),
        key="catalogue_search",
        icon=":material/search:",
    )
with right:
    kinds = st.pills(
        t("catalogue.kind", lang),
        ["activity", "result"],
        selection_mode="multi",
        format_func=lambda k: label("kind", k, lang),
        key="catalogue_kinds",
        wrap=True,
        help=t("catalogue.kind_help", lang),
    )

table = build_catalogue_table(frame, lang, search=search, kinds=kinds or [])
labels = catalogue_labels(lang)
st.caption(t("catalogue.count", lang, n=len(table), total=len(frame)))
render_dataframe(
    table,
    hide_index=True,
    column_config={
        key: st.column_config.TextColumn(
            text,
            width="large" if key in ("definition", "formula") else None,
            pinned=key == "indicator_id" or None,
        )
        for key, text in labels.items()
    },
    height=min(max(len(table), 1), 15) * 35 + 38,
    alt=t("catalogue.alt", lang, n=len(table)),
)
st.download_button(
    t("catalogue.download", lang),
    data=export_catalogue_csv(table, lang),
    file_name=t("catalogue.file_name", lang),
    mime="text/csv",
    icon=":material/download:",
)

if not table.is_empty():
    st.header(t("catalogue.card", lang), anchor=False)
    cards = {r["indicator_id"]: r for r in table.iter_rows(named=True)}
    chosen = st.selectbox(
        t("catalogue.card_pick", lang),
        list(cards),
        format_func=lambda i: f"{i} — {cards[i]['indicator']}",
        key="catalogue_card",
    )
    card = cards[chosen]
    with st.container(border=True):
        # The catalogue's texts (names, definitions, formulas) are shown as typed, not as Markdown.
        st.markdown(f"### {escape_markdown(card['indicator_id'])} — {escape_markdown(card['indicator'])}")
        st.markdown(" · ".join(escape_markdown(card[key]) for key in ("domain", "kind", "process")))
        st.markdown(
            "\n".join(
                "- " + t_md("catalogue.card_line", lang, name=labels[key], value=card[key])
                for key in CARD_FIELDS
            )
        )
