"""The stored anomaly scan: the flags, data problems and unusual sites the page reads are the ones the
detector finds live; a write re-scans only the indicator it changed; a scan older than the data says so."""

from __future__ import annotations

import shutil
import sys
import types
from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from smqse import db
from smqse.ingest import import_bytes
from smqse.refresh import organisation_scope, refresh
from smqse.refresh_anomalies import refresh_anomalies
from smqse.scope import Scope, get_user, scope_for
from smqse.views import anomalies as view

AS_OF = date(2026, 10, 1)
# A spike eight times the usual level: a flag the live detector finds once the value is imported.
SPIKE = b"indicator_id,site_id,period,value\nQ-OUTPUT,LYON,2026-08,99999\n"


@pytest.fixture(scope="module")
def scanned_path(demo_db_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("anomalies") / "scanned.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path)
    refresh_anomalies(con, organisation_scope(con), [AS_OF], workers=1)
    con.execute("CHECKPOINT")
    con.close()
    return path


@pytest.fixture
def con(scanned_path, tmp_path):
    path = tmp_path / "copy.duckdb"
    shutil.copy(scanned_path, path)
    connection = db.connect(path)
    yield connection
    connection.close()


def _scopes(con) -> list[Scope]:
    org = organisation_scope(con)
    pilot = scope_for(get_user("u-prod", con), con)
    return [org, pilot, Scope(org.process_ids, org.site_ids[:1], all_sites=False)]


def _assert_same(live: view.AnomalyReport, stored: view.AnomalyReport) -> None:
    assert live.flags.height > 0
    assert_frame_equal(stored.flags, live.flags)
    assert_frame_equal(stored.data_problems, live.data_problems)
    assert_frame_equal(stored.unusual_sites, live.unusual_sites)


@pytest.mark.parametrize("window", [3, 12])
def test_the_stored_flags_are_the_live_ones(con, window):
    for scope in _scopes(con):
        live = view.load_anomalies(scope, AS_OF, window, con)
        stored = view.load_stored_anomalies(scope, AS_OF, window, con)
        _assert_same(live, stored)
        assert stored.computed_at is not None and stored.stale_indicators == 0


def test_the_series_around_a_flag_is_the_scanned_one(con):
    org = organisation_scope(con)
    live = view.load_anomalies(org, AS_OF, 12, con)
    for flag in live.flags.head(5).iter_rows(named=True):
        keys = (pl.col("indicator_id") == flag["indicator_id"]) & (pl.col("site_id") == flag["site_id"])
        expected = live.series.filter(keys).select("period", "value", "expected")
        for stored in (True, False):  # a month not stored: the flag's site's data problems found now
            got = view.flag_series(org, AS_OF, flag["indicator_id"], flag["site_id"], con, stored=stored)
            assert_frame_equal(got.select("period", "value", "expected"), expected)


def test_the_scan_uses_processes_and_finds_the_same_flags(con, tmp_path, monkeypatch):
    """The parallel path (forced: the demo has too few series to start processes on its own), from a process
    whose __main__ is a script that must not run again in the children: inside the server, the page script
    Streamlit is running (multiprocessing's spawn would re-run it)."""
    import smqse.refresh_anomalies as module

    script = tmp_path / "page.py"
    script.write_text('raise SystemExit("the page script ran in a scan process")\n', encoding="utf-8")
    page = types.ModuleType("__main__")
    page.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", page)

    con.execute("DELETE FROM anomaly_series_state")
    before = con.sql("SELECT * FROM anomaly_flag ORDER BY ALL").pl().drop("computed_at")
    original = module.PARALLEL_MIN_SERIES
    module.PARALLEL_MIN_SERIES = 1
    try:
        summary = refresh_anomalies(con, organisation_scope(con), [AS_OF], workers=2)
    finally:
        module.PARALLEL_MIN_SERIES = original
    assert summary.series > 0
    after = con.sql("SELECT * FROM anomaly_flag ORDER BY ALL").pl().drop("computed_at")
    assert_frame_equal(after, before)


def test_a_write_rescans_only_its_indicator(con):
    org = organisation_scope(con)
    stamp = "SELECT indicator_id, min(computed_at) AS at FROM anomaly_series_state GROUP BY ALL ORDER BY 1"
    con.execute("UPDATE anomaly_series_state SET computed_at = TIMESTAMP '2000-01-01 00:00:00'")
    assert import_bytes(con, SPIKE, "m.csv", user=get_user("u-prod", con)).written
    # The page says the scan is older than the data until the refresh has run.
    assert view.load_stored_anomalies(org, AS_OF, 12, con).stale_indicators == 1
    summary = refresh_anomalies(con, org, [AS_OF])
    assert summary.indicators == 1
    rescanned = con.sql(stamp).pl().filter(pl.col("at").dt.year() > 2000)["indicator_id"].to_list()
    assert rescanned == ["Q-OUTPUT"]
    live = view.load_anomalies(org, AS_OF, 3, con)
    stored = view.load_stored_anomalies(org, AS_OF, 3, con)
    _assert_same(live, stored)
    spike = stored.flags.filter((pl.col("indicator_id") == "Q-OUTPUT") & (pl.col("site_id") == "LYON"))
    assert spike["period"].to_list() == [date(2026, 8, 1)]
    assert stored.stale_indicators == 0
    assert refresh_anomalies(con, org, [AS_OF]).indicators == 0  # nothing moved since


def test_the_refresh_command_scans_the_anomalies_too(con):
    con.execute("DELETE FROM anomaly_series_state WHERE indicator_id = 'Q-OUTPUT'")
    summary = refresh(con, as_of=AS_OF)
    assert summary.anomalies is not None and summary.anomalies.indicators == 1


def test_series_the_quality_pass_cleans_are_judged_again():
    """On children the detector starts on the series as read, before the data-quality pass: the flags kept
    for a series the pass cleaned are those of its clean points, as when it is judged after the pass."""
    import numpy as np

    from smqse.refresh_anomalies import _detect, _detect_again_where_cleaned, _spans, _values, detect_spans

    rng = np.random.default_rng(3)
    periods = [date(2023 + i // 12, i % 12 + 1, 1) for i in range(48)]
    rows = []
    for indicator in ("E-WATER", "Q-OUTPUT"):
        for site in ("LYON", "ROUEN", "VALENCE"):
            values = 100 + rng.normal(0, 5, 48)
            values[20] = 100_000  # a unit slip: the quality pass drops it, the detector flags it if kept
            values[40] += 60  # a spike left in
            rows += [(indicator, site, p, float(v)) for p, v in zip(periods, values, strict=True)]
    series = pl.DataFrame(rows, schema=["indicator_id", "site_id", "period", "value"], orient="row")
    cleaned = ((pl.col("site_id") != "ROUEN") | (pl.col("period") != periods[20])).alias("keep")
    clean = series.filter(cleaned)
    parts = [detect_spans(_values(series), _spans(series))]  # what the children find before the pass

    found, judged = _detect_again_where_cleaned(series, clean, parts)
    expected, expected_judged = _detect(clean)
    assert_frame_equal(found, expected.sort("indicator_id", "site_id", "period"))
    assert judged == expected_judged == 6
    slip = (pl.col("site_id") == "ROUEN") & (pl.col("period") == periods[20])
    assert found.filter(slip).is_empty() and not _detect(series)[0].filter(slip).is_empty()
