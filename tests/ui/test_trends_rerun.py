"""A rerun of the trends page that changes none of its settings reads the trend view and its charts instead
of charting every site again (issue 14: the warm run was 2.3× its queries at enterprise scale); a changed
setting or new measurements compute it again, and the page shows the same charts either way."""

from __future__ import annotations

from smqse.charts import trends as charts
from smqse.ui import data, figure_cache
from smqse.views import trends as service
from tests.ui.helpers import app_database, open_page

PAGE = "pages/trends.py"


def _specs(at) -> list[str]:
    return [chart.proto.spec for chart in at.get("plotly_chart")]


def test_a_rerun_reuses_the_trend_view_and_its_charts(demo_copy, monkeypatch):
    computed, built = [], []
    compute = service.compute_trend_view
    monkeypatch.setattr(service, "compute_trend_view", lambda *a, **k: computed.append(k) or compute(*a, **k))
    build = charts.build_sites_chart
    monkeypatch.setattr(charts, "build_sites_chart", lambda *a, **k: built.append(1) or build(*a, **k))
    figure_cache.clear_charts()
    with app_database(demo_copy):
        data.clear_after_measurements()
        at = open_page(PAGE, "u-dg")
        first = (len(computed), len(built), _specs(at))
        at.run()
        assert (len(computed), len(built)) == first[:2] and _specs(at) == first[2]
        assert first[0] >= 1 and first[1] >= 1

        at.segmented_control(key="trends_limits_mode").set_value("all").run()
        assert len(computed) == first[0] + 1 and computed[-1]["same_as_scorecard"] is False

        data.clear_after_measurements()  # new values: computed again
        at.run()
        assert len(computed) == first[0] + 2
