"""One signal logic (issue 13): on the demo organisation, at three as-of months, the scorecard's signal
columns — which my indicators and the review pack read — say what the trends page's verdict says, and the
trends page's default chart marks, in the last 6 months, exactly the signals detect_recent_signal finds."""

from datetime import date

import polars as pl
import pytest

from smqse.analysis.signals import RECENT_MONTHS, detect_recent_signal
from smqse.scope import get_user, scope_for
from smqse.views import trends
from smqse.views.scorecard import load_scorecard

AS_OF_MONTHS = (date(2025, 9, 1), date(2026, 1, 1), date(2026, 10, 1))
COLUMNS = ("chart_type", "signal", "signal_rule", "signal_period", "signal_direction", "signal_favourable")


def _scopes(con):
    director = scope_for(get_user("u-dg", con), con)
    one_site = director.narrowed(site_ids=[sorted(director.site_ids)[0]])
    return {"group": director, "one site": one_site}


@pytest.mark.parametrize("as_of", AS_OF_MONTHS, ids=str)
def test_the_scorecard_and_the_trends_verdict_agree_on_every_indicator(demo_con, as_of):
    compared = signals = 0
    for name, scope in _scopes(demo_con).items():
        card = load_scorecard(scope, as_of, demo_con)
        for row in card.rows.iter_rows(named=True):
            data = trends.load_trend_data(scope, row["indicator_id"], as_of, demo_con)
            if data is None or not data.months:
                assert not row["signal"], (name, row["indicator_id"])
                continue
            view = trends.compute_trend_view(data, window=24, same_as_scorecard=True, seasonality=None)
            verdict = trends.verdict_row(view)
            assert {c: verdict[c] for c in COLUMNS} == {c: row[c] for c in COLUMNS}, (
                name,
                row["indicator_id"],
            )
            # The chart's markers in the last 6 months are the verdict's signals.
            n = len(view.periods)
            recent = sorted(
                (view.periods[s.index], s.rule) for s in view.chart.signals if s.index >= n - RECENT_MONTHS
            )
            if row["signal"]:
                assert recent and max(recent)[0] == row["signal_period"], (name, row["indicator_id"])
                assert (row["signal_period"], row["signal_rule"]) in recent
            else:
                assert recent == [], (name, row["indicator_id"])
            compared += 1
            signals += bool(row["signal"])
    assert compared >= 20
    assert signals >= 1  # the comparison covers signals, not only silence


def test_a_proportion_above_its_centre_for_eight_months_signals_on_every_page(demo_db_path, tmp_path):
    """Rule 4 on a p-chart: on main, the scorecard tested rule 1 only on attribute charts and called this noise
    while the trends page called it a sustained shift."""
    import shutil

    from smqse import db

    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path)
    scope = scope_for(get_user("u-dg", con), con)
    as_of = date(2026, 10, 1)
    indicator = _a_proportion(con)
    # Its whole history replaced by 30 months on one site.
    months = [date(2024 + (4 + i) // 12, (4 + i) % 12 + 1, 1) for i in range(30)]
    assert months[-1] == as_of
    cur = con.cursor()
    columns = [r[0] for r in cur.execute("DESCRIBE measurement").fetchall()]
    first = cur.execute("SELECT * FROM measurement WHERE indicator_id = ? LIMIT 1", [indicator]).fetchall()[0]
    template = dict(zip(columns, first, strict=True))
    site = template["site_id"]
    cur.execute("DELETE FROM measurement WHERE indicator_id = ?", [indicator])
    # ±1 in 2 000 around 10 %, then 8 months about 0.6 points higher: within 2σ (σ = 0.67 points), a shift.
    wobble = [0, -2, 1, 2, -1, 0, 1, -2, 2, 0, -1, 1, 0, -2, 1, 2, -1, 0, 1, -2, 2, 0]
    counts = [200 + w for w in wobble] + [212, 211, 213, 212, 214, 210, 212, 213]
    for month, count in zip(months, counts, strict=True):
        row = {**template, "site_id": site, "period": month, "numerator": count, "denominator": 2000,
               "value": count / 2000 * 100}  # fmt: skip
        cur.execute(
            f"INSERT INTO measurement ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [row[c] for c in columns],
        )

    rates = [c / 2000 * 100 for c in counts]
    signal = detect_recent_signal(rates, numerators=counts, denominators=[2000] * 30, rate_base=100)
    assert signal is not None and signal.rule == 4 and signal.index == 29

    row = (
        load_scorecard(scope, as_of, con).rows.filter(pl.col("indicator_id") == indicator).row(0, named=True)
    )
    assert (row["chart_type"], row["signal"], row["signal_rule"], row["signal_period"]) == (
        "p",
        True,
        4,
        as_of,
    )
    view = trends.compute_trend_view(
        trends.load_trend_data(scope, indicator, as_of, con), same_as_scorecard=True
    )
    verdict = trends.verdict_row(view)
    assert (verdict["signal"], verdict["signal_rule"], verdict["signal_period"]) == (True, 4, as_of)
    con.close()


def _a_proportion(con) -> str:
    rows = (
        con.cursor()
        .execute(
            "SELECT indicator_id FROM indicator WHERE aggregation = 'ratio' AND rate_base = 100 "
            "AND value_only_rule IS NULL ORDER BY indicator_id"
        )
        .fetchall()
    )
    assert rows, "the demo has a proportion indicator"
    return rows[0][0]
