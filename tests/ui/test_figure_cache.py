"""A landing page's charts are built once per distinct data and shared by the sessions (issue 14): the
cached chart is the figure its builder returns for the same inputs, and other inputs build another one."""

from __future__ import annotations

from datetime import date

import plotly.io as pio
import polars as pl

from smqse.charts import scorecard as charts
from smqse.ui.figure_cache import ChartCache, inputs_digest, prepare_chart


def _attainment(sites: int) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "group_id": [f"S{i}" for i in range(sites)],
            "name_fr": [f"Site {i}" for i in range(sites)],
            "name_en": [f"Site {i}" for i in range(sites)],
            "met": [3 + i for i in range(sites)],
            "at_risk": [1] * sites,
            "missed": [i % 2 for i in range(sites)],
            "no_objective": [0] * sites,
            "no_data": [0] * sites,
            "total": [5 + i + i % 2 for i in range(sites)],
            "share_met": [(3 + i) / (5 + i + i % 2) for i in range(sites)],
        }
    )


def _json(fig) -> str:
    return pio.to_json(fig, validate=False)


def test_a_cached_chart_is_the_figure_built_for_the_same_inputs(monkeypatch):
    cache = ChartCache()
    calls = []

    def build(frame, grouping, lang):
        calls.append(lang)
        return charts.build_attainment_chart(frame, grouping, lang)

    frame = _attainment(3)
    first = cache.chart(build, frame, "site", "fr")
    again = cache.chart(build, frame.clone(), "site", "fr")  # equal data, another frame: the same chart
    assert again is first and len(calls) == 1

    fresh = prepare_chart(charts.build_attainment_chart(frame, "site", "fr"))
    assert _json(first.shown) == _json(fresh.shown)
    assert (first.title, first.takeaway, first.alt) == (fresh.title, fresh.takeaway, fresh.alt)


def test_other_data_or_another_language_build_another_chart():
    cache = ChartCache()
    frame = _attainment(3)
    french = cache.chart(charts.build_attainment_chart, frame, "site", "fr")
    english = cache.chart(charts.build_attainment_chart, frame, "site", "en")
    changed = frame.with_columns(
        pl.when(pl.col("group_id") == "S1").then(9).otherwise(pl.col("met")).alias("met")
    )
    moved = cache.chart(charts.build_attainment_chart, changed, "site", "fr")
    assert cache.builds == 3
    assert english.title != french.title
    assert _json(moved.shown) == _json(
        prepare_chart(charts.build_attainment_chart(changed, "site", "fr")).shown
    )
    assert _json(moved.shown) != _json(french.shown)


def test_row_inputs_key_by_value_and_the_cache_is_bounded():
    row = {"indicator_id": "Q-1", "trend_periods": [date(2026, 1, 1)], "trend_values": [1.5]}
    assert inputs_digest(dict(row), "fr") == inputs_digest(dict(row), "fr")
    assert inputs_digest({**row, "trend_values": [1.6]}, "fr") != inputs_digest(row, "fr")
    assert inputs_digest(row, "fr") != inputs_digest(row, "en")

    cache = ChartCache(max_entries=2)
    for sites in (1, 2, 3):
        cache.chart(charts.build_attainment_chart, _attainment(sites), "site", "fr")
    assert len(cache) == 2
    cache.chart(charts.build_attainment_chart, _attainment(1), "site", "fr")  # evicted first: built again
    assert cache.builds == 4


def test_the_scorecard_builds_its_charts_once_for_two_sessions(demo_copy, monkeypatch):
    from smqse.ui import figure_cache
    from tests.ui.helpers import app_database, open_page

    built = []
    for name in ("build_attainment_chart", "build_trend_chart"):
        original = getattr(charts, name)
        monkeypatch.setattr(charts, name, lambda *a, _f=original, **k: built.append(a) or _f(*a, **k))
    monkeypatch.setattr(figure_cache, "_charts", ChartCache())
    with app_database(demo_copy):
        first = open_page("pages/scorecard.py", "u-dg")
        once = len(built)
        second = open_page("pages/scorecard.py", "u-dg")
    assert once == 4  # three attainment groupings and the detail's trend
    assert len(built) == once
    assert [c.proto.spec for c in first.get("plotly_chart")] == [
        c.proto.spec for c in second.get("plotly_chart")
    ]
