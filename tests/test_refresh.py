"""The stored drift results: equal to the live computation, recomputed only for what a write changed, kept
up to date by the app's worker."""

from __future__ import annotations

import shutil
import time
from dataclasses import replace
from datetime import date, datetime

import pytest
from polars.testing import assert_frame_equal

from smqse import db
from smqse import refresh as refresh_module
from smqse.ingest import import_bytes
from smqse.refresh import GROUP, organisation_scope, refresh, scope_key
from smqse.scope import Scope, get_user, scope_for
from smqse.views import objectives as admin
from smqse.views.drift import load_drift, load_stored_drift
from tests.test_catalogue_admin import VALID_OBJECTIVE

MONTHS = (date(2026, 10, 1), date(2026, 3, 1))
OLD = datetime(2000, 1, 1)


@pytest.fixture(scope="module")
def refreshed_path(demo_db_path, tmp_path_factory):
    """The small demo with its drift results stored for both months."""
    path = tmp_path_factory.mktemp("refresh") / "refreshed.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path)
    for month in MONTHS:
        refresh(con, as_of=month)
    con.execute("CHECKPOINT")
    con.close()
    return path


@pytest.fixture
def con(refreshed_path, tmp_path):
    path = tmp_path / "copy.duckdb"
    shutil.copy(refreshed_path, path)
    connection = db.connect(path)
    yield connection
    connection.close()


def _scopes(con) -> list[tuple[Scope, str]]:
    org = organisation_scope(con)
    pilot = scope_for(get_user("u-prod", con), con)
    one_site = Scope(org.process_ids, org.site_ids[:1], all_sites=False)
    return [(org, GROUP), (pilot, scope_key(pilot)), (one_site, org.site_ids[0])]


@pytest.mark.parametrize("month", MONTHS)
def test_the_stored_figures_are_the_live_ones(con, month):
    for scope, key in _scopes(con):
        live = load_drift(scope, month, con)
        stored = load_stored_drift(scope, month, key, con)
        assert stored is not None and stored.stale_indicators == 0
        assert_frame_equal(stored.rows, live.rows)
        assert_frame_equal(stored.left_out, live.left_out)
        if len(scope.site_ids) > 1:
            keys = ["indicator_id", "site_id"]
            assert_frame_equal(stored.site_gaps.sort(keys), live.site_gaps.sort(keys))


def test_nothing_changed_nothing_recomputed(con):
    assert refresh(con, as_of=MONTHS[0]).entries == 0


def _age_everything(con) -> None:
    con.execute("UPDATE drift_result SET computed_at = $t", {"t": OLD})
    con.execute("UPDATE drift_site_gap SET computed_at = $t", {"t": OLD})


def _recomputed(con) -> set[str]:
    rows = con.execute("SELECT DISTINCT indicator_id FROM drift_result WHERE computed_at > $t", {"t": OLD})
    return {r[0] for r in rows.fetchall()}


def test_a_measurement_write_recomputes_that_indicator_only(con):
    _age_everything(con)
    data = b"indicator_id,site_id,period,value\nQ-OUTPUT,LYON,2026-10,1234\n"
    assert import_bytes(con, data, "m.csv", user=get_user("u-prod", con)).written
    keys = 1 + len(organisation_scope(con).site_ids)
    summary = refresh(con, as_of=MONTHS[0])
    assert summary.entries == keys  # one indicator, in the group and at each site
    assert _recomputed(con) == {"Q-OUTPUT"}
    gaps = con.execute("SELECT DISTINCT indicator_id FROM drift_site_gap WHERE computed_at > $t", {"t": OLD})
    assert {r[0] for r in gaps.fetchall()} == {"Q-OUTPUT"}
    # The other month was computed from the same data version: it is recomputed too, and nothing else.
    assert refresh(con, as_of=MONTHS[1]).entries == keys
    assert _recomputed(con) == {"Q-OUTPUT"}
    # And the new value is in the stored rows.
    stored = load_stored_drift(organisation_scope(con), MONTHS[0], GROUP, con)
    live = load_drift(organisation_scope(con), MONTHS[0], con)
    assert_frame_equal(stored.rows, live.rows)


def test_an_objective_edit_recomputes_its_indicator_only(con):
    lead = get_user("u-qse", con)
    _age_everything(con)
    objective = replace(VALID_OBJECTIVE, objective_id="OBJ-2026-Q-SCRAP-B", start_on=date(2026, 2, 1),
                        deadline=date(2026, 12, 31), baseline=2.1, target=1.5, alert_threshold=1.8)  # fmt: skip
    admin.save_objective(con, lead, objective, new=True, lang="en", today=date(2025, 12, 1))
    refresh(con, as_of=MONTHS[0])
    assert _recomputed(con) == {"Q-SCRAP"}
    stored = load_stored_drift(organisation_scope(con), MONTHS[0], GROUP, con)
    assert_frame_equal(stored.rows, load_drift(organisation_scope(con), MONTHS[0], con).rows)


def test_only_the_batches_of_changed_indicators_are_computed(con, monkeypatch):
    computed: list[set[str]] = []
    real = refresh_module.load_drift

    def counting(*args, indicator_ids=None, **kwargs):
        computed.append(set(indicator_ids))
        return real(*args, indicator_ids=indicator_ids, **kwargs)

    monkeypatch.setattr(refresh_module, "load_drift", counting)
    data = b"indicator_id,site_id,period,value\nQ-NC-INT,LYON,2026-10,3\n"
    assert import_bytes(con, data, "m.csv", user=get_user("u-prod", con)).written
    refresh(con, as_of=MONTHS[0])
    assert computed and all(ids == {"Q-NC-INT"} for ids in computed)


def test_a_stale_result_says_so(con):
    data = b"indicator_id,site_id,period,value\nQ-OUTPUT,LYON,2026-10,1234\n"
    assert import_bytes(con, data, "m.csv", user=get_user("u-prod", con)).written
    stored = load_stored_drift(organisation_scope(con), MONTHS[0], GROUP, con)
    assert stored.stale_indicators == 1
    refresh(con, as_of=MONTHS[0])
    assert load_stored_drift(organisation_scope(con), MONTHS[0], GROUP, con).stale_indicators == 0


def test_the_worker_refreshes_after_a_committed_write(con):
    worker = refresh_module.start_worker(con)
    try:
        data = b"indicator_id,site_id,period,value\nQ-OUTPUT,LYON,2026-10,1234\n"
        assert import_bytes(con, data, "m.csv", user=get_user("u-prod", con)).written
        deadline = time.monotonic() + 120  # a bound on waiting, not a speed assertion
        while time.monotonic() < deadline:
            stored = load_stored_drift(organisation_scope(con), MONTHS[0], GROUP, con)
            if stored.stale_indicators == 0:
                break
            time.sleep(0.2)
        assert stored.stale_indicators == 0
        assert worker.last_error is None
    finally:
        refresh_module.stop_worker(worker)


def test_a_month_a_page_asked_for_is_kept_up_to_date(con, monkeypatch):
    monkeypatch.setattr(refresh_module, "_requested", {})
    assert MONTHS[1] not in refresh_module.precomputed_months(con)
    data = b"indicator_id,site_id,period,value\nQ-OUTPUT,LYON,2026-03,1234\n"
    assert import_bytes(con, data, "m.csv", user=get_user("u-prod", con)).written
    refresh(con)  # the precomputed months only
    org = organisation_scope(con)
    assert load_stored_drift(org, MONTHS[1], GROUP, con).stale_indicators == 1
    refresh_module.request(MONTHS[1], GROUP)  # what the page does when it reads that month
    refresh(con)
    assert load_stored_drift(org, MONTHS[1], GROUP, con).stale_indicators == 0


def test_a_stopping_app_ends_the_refresh_between_two_batches(con):
    import threading

    stop = threading.Event()
    stop.set()
    data = b"indicator_id,site_id,period,value\nQ-OUTPUT,LYON,2026-10,1234\n"
    assert import_bytes(con, data, "m.csv", user=get_user("u-prod", con)).written
    with pytest.raises(refresh_module.RefreshStopped):
        refresh(con, as_of=MONTHS[0], stop=stop)
    assert refresh_module.latest_run(con)["status"] == "stopped"
    assert refresh(con, as_of=MONTHS[0]).entries > 0  # what was not done is done by the next refresh
