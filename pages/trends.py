"""Analyse — trends: one indicator's process behaviour chart, its signals in words, the sites compared,
seasonality and the exposure behind a rate.

Other pages drill down with `st.session_state["trends_indicator"] = id; st.switch_page("pages/trends.py")`;
a link can give `?indicator=ID`. Neither can widen the scope: an indicator outside it is ignored.
"""

import polars as pl
import streamlit as st

from smqse.charts import trends as charts
from smqse.i18n import format_month, format_month_short, format_number, t, t_md
from smqse.textsafety import escape_markdown
from smqse.ui import data
from smqse.ui.aggregation import render_aggregation_notes
from smqse.ui.figure_cache import cached_chart
from smqse.ui.state import current_view
from smqse.ui.widgets import render_chart, render_page_header, render_viewer_caption
from smqse.views import trends as service
from smqse.words import trends as words
from smqse.words.shared import describe_signal

REQUEST_KEY = "trends_indicator"  # set by other pages to open an indicator
PICK_KEY = "trends_pick"
QP_INDICATOR = "indicator"
_SEEN_QP = "_trends_seen_indicator_param"


view = current_view()
lang = view.lang

render_page_header(view, "trends")
render_viewer_caption(view)
st.caption(t("trends.intro", lang))

indicators = data.load_trend_indicators(view.scope, view.db)
if indicators.is_empty():
    st.info(t("trends.no_indicators", lang), icon=":material/info:")
    st.stop()
names = {r["indicator_id"]: words.indicator_name(r, lang) for r in indicators.iter_rows(named=True)}
ids = list(names)

# --- which indicator: a drill-down request, the link, the previous choice, else the most urgent signal ----
requested = st.session_state.pop(REQUEST_KEY, None)
link = st.query_params.get(QP_INDICATOR)
if requested is None and link and link != st.session_state.get(_SEEN_QP):
    requested = link
st.session_state[_SEEN_QP] = link
if requested is not None and requested not in names:
    st.warning(t_md("trends.drill_unknown", lang, id=requested), icon=":material/block:")
if requested in names:
    st.session_state[PICK_KEY] = requested
elif st.session_state.get(PICK_KEY) not in names:
    card = data.load_scorecard(view.scope, view.as_of, view.db)
    st.session_state[PICK_KEY] = service.default_indicator(ids, card.rows)

c1, c2, c3 = st.columns([3, 2, 2], vertical_alignment="bottom")
with c1:
    indicator_id = st.selectbox(
        t("trends.pick", lang),
        ids,
        format_func=lambda i: f"{i} — {names[i]}",
        key=PICK_KEY,
        help=t("trends.pick_help", lang),
    )
with c2:
    window = st.segmented_control(
        t("trends.window", lang),
        list(service.WINDOWS),
        format_func=lambda w: t(f"trends.window.{w}", lang),
        default=service.DEFAULT_WINDOW,
        required=True,
        key="trends_window",
        wrap=True,
    )
with c3:
    rules = st.segmented_control(
        t("trends.rules", lang),
        ["western_electric", "nelson"],
        format_func=lambda r: t(f"trends.ruleset.{r}", lang),
        default="western_electric",
        required=True,
        key="trends_rules",
        wrap=True,
        help=t("trends.rules_help", lang),
        # "As on the scorecard" applies the scorecard's own rules (smqse.analysis.signals).
        disabled=st.session_state.get("trends_limits_mode", "scorecard") == "scorecard",
    )
if st.query_params.get(QP_INDICATOR) != indicator_id:
    st.query_params[QP_INDICATOR] = indicator_id
    st.session_state[_SEEN_QP] = indicator_id

trend_data = data.load_trend_data(view.scope, indicator_id, view.as_of, view.db)
if trend_data is None or not trend_data.months:
    st.info(t("trends.no_data", lang, month=format_month(view.as_of, lang)), icon=":material/info:")
    st.stop()
periods = service.window_periods(trend_data.months, window)

# --- where the limits come from ------------------------------------------------------------------------
m1, m2 = st.columns([3, 2], vertical_alignment="bottom")
with m1:
    mode = st.segmented_control(
        t("trends.limits_mode", lang),
        ["scorecard", "reference", "all", "change"],
        format_func=lambda m: t(f"trends.limits_mode.{m}", lang),
        default="scorecard",
        required=True,
        key="trends_limits_mode",
        wrap=True,
        help=t("trends.limits_help", lang),
    )
baseline = change_at = None
with m2:
    if mode == "reference" and len(periods) >= 2:
        first, last = service.default_baseline(periods) or (periods[0], periods[-1])
        baseline = st.select_slider(
            t("trends.baseline_pick", lang),
            options=periods,
            value=(first, last),
            format_func=lambda p: format_month_short(p, lang),
            key=f"trends_baseline_{len(periods)}_{periods[-1]:%Y%m}",
        )
    elif mode == "change" and len(periods) >= 4:
        options = periods[2:-1]
        change_at = st.selectbox(
            t("trends.change_pick", lang),
            options,
            index=len(options) // 2,
            format_func=lambda p: format_month(p, lang),
            key="trends_change_at",
        )

season = data.trend_seasonality(view.scope, indicator_id, view.as_of, view.db)
adjust = False
if season is not None and season.is_seasonal and mode != "scorecard":
    s1, s2 = st.columns([3, 2], vertical_alignment="center")
    with s1:
        st.info(
            t(
                "trends.stl_offer",
                lang,
                strength=format_number(season.strength, lang, 2),
                n=len(season.periods),
            ),
            icon=":material/calendar_month:",
        )
    with s2:
        adjust = st.toggle(t("trends.stl_toggle", lang), key="trends_stl", help=t("trends.stl_help", lang))

trend, trend_digest = data.trend_view(
    view.scope,
    indicator_id,
    view.as_of,
    view.db,
    window=window,
    baseline=baseline,
    change_at=change_at,
    rules=rules,
    seasonally_adjusted=adjust,
    same_as_scorecard=mode == "scorecard",
)
has_intervals = any(iv is not None for iv in trend.intervals)
show_intervals = False
if has_intervals:
    show_intervals = st.toggle(
        t("trends.intervals_toggle", lang),
        value=bool(trend.imprecise_months),
        key="trends_intervals",
        help=t("trends.intervals_help", lang),
    )

# --- the process behaviour chart -----------------------------------------------------------------------
render_chart(
    cached_chart(
        charts.build_behaviour_chart, trend, lang, subject_digest=trend_digest, show_intervals=show_intervals
    ),
    words.build_behaviour_table(trend, lang),
    words.behaviour_table_labels(lang),
    lang,
    key="trends_chart",
)
render_aggregation_notes(
    pl.DataFrame([{k: trend.indicator.get(k) for k in ("indicator_id", "name_fr", "name_en", "value_only_rule")}],
                 schema={"indicator_id": pl.String, "name_fr": pl.String, "name_en": pl.String,
                         "value_only_rule": pl.String}),
    trend_data.left_out,
    lang,
)  # fmt: skip
notes = []
if trend.seasonally_adjusted:
    notes.append(t("trends.adjusted_note", lang))
if trend.chart.laney:
    sigma_z = max(p.sigma_z for p in trend.chart.phases)
    notes.append(t("trends.laney_note", lang, sigma_z=format_number(sigma_z, lang, 1)))
notes += [t("trends.provisional", lang, n=p.baseline_points) for p in trend.chart.phases if p.provisional][:1]
if trend.indicator.get("aggregation") == "sum" and trend_data.objective and not trend.seasonally_adjusted:
    notes.append(t("trends.sum_note", lang))
for note in notes:
    st.caption(note)

st.header(t("trends.signals_heading", lang), anchor=False)
# The scorecard's verdict, from the same function on the same months, whatever the chart's settings.
st.markdown(
    t("trends.verdict", lang, sentence=escape_markdown(describe_signal(service.verdict_row(trend), lang)))
)
sentences = words.signal_sentences(trend, lang)
if sentences:
    # Sentences with values and the catalogue's unit: shown as text, not Markdown.
    st.markdown("\n".join(f"- {escape_markdown(s[0].upper() + s[1:])}." for s in sentences))
else:
    st.markdown(t("trends.no_signals", lang))

# --- the exposure behind a rate ---------------------------------------------------------------------
if trend.has_exposure:
    st.header(t("trends.exposure_heading", lang), anchor=False)
    render_chart(
        cached_chart(charts.build_exposure_chart, trend, lang, subject_digest=trend_digest),
        words.build_exposure_table(trend, lang),
        words.exposure_table_labels(trend, lang),
        lang,
        key="trends_exposure",
    )

# --- sites compared ------------------------------------------------------------------------------------
st.header(t("trends.sites_heading", lang), anchor=False)
if len(trend.sites) <= 1:
    st.caption(t("trends.sites_one", lang))
else:
    if trend.sites_total > len(trend.sites):
        st.caption(t("trends.sites_more", lang, shown=len(trend.sites), total=trend.sites_total))
    render_chart(
        cached_chart(charts.build_sites_chart, trend, lang, subject_digest=trend_digest),
        words.build_sites_table(trend, lang),
        words.sites_table_labels(trend, lang),
        lang,
        key="trends_sites",
    )

# --- seasonality ---------------------------------------------------------------------------------------
if season is not None and (season.is_seasonal or adjust):
    st.header(t("trends.seasonality_heading", lang), anchor=False)
    render_chart(
        cached_chart(charts.build_seasonality_chart, trend, lang, subject_digest=trend_digest),
        words.build_seasonality_table(trend, lang),
        words.seasonality_table_labels(lang),
        lang,
        key="trends_stl_chart",
    )
