"""The drift report on the full demo organisation (4 sites, 6 years): the drifts injected in
data/demo_ground_truth.json are flagged, statuses agree with the scorecard, and the scope is respected."""

import json
from datetime import date

import polars as pl
import pytest

from smqse import db
from smqse.db import ROOT
from smqse.scope import get_user, scope_for
from smqse.views.drift import load_drift
from smqse.views.scorecard import load_scorecard

AS_OF = date(2026, 10, 1)


@pytest.fixture(scope="module")
def full_con(tmp_path_factory):
    from smqse.demo import DemoSize, build_demo

    path = tmp_path_factory.mktemp("drift") / "full.duckdb"
    con = db.connect(path)
    build_demo(con, DemoSize())
    yield con
    con.close()


@pytest.fixture(scope="module")
def report(full_con):
    return load_drift(scope_for(get_user("u-qse", full_con), full_con), AS_OF, full_con)


def _drifts() -> list[dict]:
    truth = json.loads((ROOT / "data" / "demo_ground_truth.json").read_text(encoding="utf-8"))
    return [s for s in truth["signals"] if s["type"] == "drift"]


@pytest.mark.parametrize("signal", _drifts(), ids=lambda s: f"{s['indicator_id']}@{s['site_id']}")
def test_injected_drifts_are_flagged(report, signal):
    row_id = f"{signal['indicator_id']}@{signal['site_id']}"
    rows = report.rows.filter(pl.col("row_id") == row_id)
    assert len(rows) == 1, f"{row_id}: no row for its site objective"
    row = rows.row(0, named=True)
    assert row["verdict"] == "will_miss"
    assert row["direction"] == "worsening"
    assert row["drift"] and row["drift_favourable"] is False
    assert row["drift_period"] >= date(2025, 7, 1)
    cell = report.site_gaps.filter(
        (pl.col("indicator_id") == signal["indicator_id"]) & (pl.col("site_id") == signal["site_id"])
    ).row(0, named=True)
    assert cell["gap_ytd_pct"] > 0 and cell["drift"] and cell["drift_favourable"] is False


def test_status_is_the_scorecard_status(full_con, report):
    card = load_scorecard(scope_for(get_user("u-qse", full_con), full_con), AS_OF, full_con)
    group = report.rows.filter(pl.col("site_id").is_null()).select("indicator_id", "status")
    joined = group.join(
        card.rows.select("indicator_id", pl.col("status").alias("scorecard")), on="indicator_id"
    )
    assert len(joined) == len(card.rows)
    assert (joined["status"] == joined["scorecard"]).all()
    # A YTD status of "missed" (beyond the alert threshold) is never projected "on track".
    missed = report.rows.filter(pl.col("status") == "missed")
    assert not (missed["verdict"] == "on_track").any()


def test_a_pilot_sees_only_their_processes(full_con):
    pilot = get_user("u-hse", full_con)
    scope = scope_for(pilot, full_con)
    report = load_drift(scope, AS_OF, full_con)
    allowed = set(db.run_query("scorecard_indicators", con=full_con, **scope.params())["indicator_id"])
    assert set(report.rows["indicator_id"]) == allowed
    assert set(report.site_gaps["indicator_id"]) <= allowed


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_figure_has_a_title_a_takeaway_a_text_alternative_and_its_numbers(report, lang):
    from smqse.charts import drift as charts
    from smqse.charts import figure_alt, figure_takeaway, figure_title
    from smqse.words import drift as words

    site_names = {r["site_id"]: r["name"] for r in report.sites.iter_rows(named=True)}
    indicators = report.rows.filter(pl.col("site_id").is_null()).select(
        "indicator_id", "name_fr", "name_en", "unit"
    )
    heatmap = charts.build_heatmap_chart(report.site_gaps, indicators, site_names, lang)
    figures = [(heatmap, words.build_heatmap_table(report.site_gaps, indicators, site_names, lang))]
    for row_id in ("E-WASTE-REC@LYON", "E-CO2-S1", "E-PH"):  # a ratio, a total, a target band
        row = report.rows.filter(pl.col("row_id") == row_id).row(0, named=True)
        figures.append((charts.build_projection_chart(row, lang), words.build_projection_table(row, lang)))
    for fig, table in figures:
        assert figure_title(fig) and figure_takeaway(fig) and figure_alt(fig)
        assert len(table) > 0
    # Colour is never the only cue: every judged cell prints a status symbol and the gap.
    cells = [c for row in heatmap.data[0].text for c in row if c != "—"]
    assert cells and all(c[0] in "✓!✗" and "%" in c for c in cells)
    will_miss = {"fr": "Manqué à l'échéance", "en": "Will miss the deadline"}[lang]
    table = words.build_drift_table(report.rows, site_names, lang)
    assert any(will_miss in v for v in table["verdict"])
