"""The trends page's two chart bugs of issue 16: the exposure chart drew the imprecise month it warns about
zero wide, and a summed indicator (energy) had no target line."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from smqse.charts import trends as charts
from smqse.scope import get_user, scope_for
from smqse.views import trends as service

AS_OF = date(2026, 10, 1)


@pytest.fixture(scope="module")
def scope(demo_con):
    return scope_for(get_user("u-dg", demo_con), demo_con)


def _view(scope, demo_con, indicator_id: str) -> service.TrendView:
    data = service.load_trend_data(scope, indicator_id, AS_OF, demo_con)
    assert data is not None
    return service.compute_trend_view(data, window=24, baseline=service.default_baseline(data.months[-24:]))


def test_the_one_imprecise_month_has_a_visible_bar(scope, demo_con):
    view = _view(scope, demo_con, "Q-SCRAP")
    month = next(
        i for i, (v, d) in enumerate(zip(view.chart.values, view.denominators, strict=True)) if v and d
    )
    value = view.chart.values[month]
    intervals = [None] * len(view.periods)
    intervals[month] = (0.0, 3 * abs(value))  # wider than the rate: imprecise, and the only one
    view = dataclasses.replace(view, intervals=intervals)
    assert view.imprecise_months == [month]
    fig = charts.build_exposure_chart(view, "fr")
    lone = next(trace for trace in fig.data if len(trace.x) == 1)
    assert lone.x[0] == view.periods[month]
    # At least 20 days wide, in milliseconds: Plotly's unit on a date axis.
    assert lone.width is not None and min(lone.width) >= 20 * 86_400_000
    # Drawn in its colour with stripes over it: Plotly's default pattern mode left a white-striped
    # transparent bar, invisible on the page's white.
    assert lone.marker.pattern.fillmode == "overlay" and lone.marker.color


def _summed_with_objective(scope, demo_con) -> tuple[str, dict]:
    for (indicator_id,) in demo_con.execute(
        "SELECT indicator_id FROM indicator WHERE aggregation = 'sum' ORDER BY indicator_id"
    ).fetchall():
        data = service.load_trend_data(scope, indicator_id, AS_OF, demo_con)
        if data is not None and data.objective and data.objective.get("target_value") is not None:
            return indicator_id, data.objective
    pytest.fail("the demo has no summed indicator with an objective")


def test_a_summed_indicator_draws_its_monthly_target(scope, demo_con):
    indicator_id, objective = _summed_with_objective(scope, demo_con)
    view = _view(scope, demo_con, indicator_id)
    fig = charts.build_behaviour_chart(view, "fr")
    months = (objective["deadline"].year - objective["start_on"].year) * 12
    months += objective["deadline"].month - objective["start_on"].month + 1
    monthly = objective["target_value"] / months  # the drift page's monthly target (smqse.views.drift)
    lines = [s for s in fig.layout.shapes if s.type == "line" and s.y0 == s.y1]
    assert any(s.y0 == pytest.approx(monthly) for s in lines), (monthly, [s.y0 for s in lines])
    assert any("par mois" in (a.text or "") for a in fig.layout.annotations)
