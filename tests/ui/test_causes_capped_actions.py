"""A cause with more actions than a grid shows (issue 14): the causes page lists the most recent
MAX_GRID_ROWS, says how many more there are, and offers them all in a download."""

from __future__ import annotations

import pytest

from smqse import db
from smqse.ui.tables import MAX_GRID_ROWS
from tests.ui.helpers import app_database, no_exception, open_page

GENERATED = 650


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    """The small demo with events, and 650 more actions opened on one event of one cause."""
    from smqse.demo import DemoSize, build_demo

    path = tmp_path_factory.mktemp("causes_capped") / "demo.duckdb"
    con = db.connect(path)
    build_demo(con, DemoSize(sites=2, indicators=None, years=2, events=400))
    event_id, cause_id, process_id, site_id, occurred_on = con.execute(
        "SELECT event_id, cause_id, process_id, site_id, occurred_on FROM event "
        "WHERE cause_id IS NOT NULL ORDER BY occurred_on, event_id LIMIT 1"
    ).fetchall()[0]
    con.execute(
        """
        INSERT INTO action
        SELECT 'GEN-' || lpad(i::VARCHAR, 5, '0'), 'corrective', 'event', $event, 'Generated action ' || i,
               'u-prod', $process, $site, $opened, $opened + 30, NULL, 'planned', 0, NULL, NULL, NULL
        FROM range($n) t(i)
        """,
        {"event": event_id, "process": process_id, "site": site_id, "opened": occurred_on, "n": GENERATED},
    )
    total = con.execute(
        "SELECT count(*) FROM action a JOIN event e ON a.origin = 'event' AND e.event_id = a.origin_id "
        "WHERE e.cause_id = ?",
        [cause_id],
    ).fetchall()[0][0]
    con.execute("CHECKPOINT")
    con.close()
    with app_database(path):
        yield {"cause_id": cause_id, "total": total}


def test_the_actions_of_a_cause_are_capped_and_all_downloadable(org):
    at = open_page("pages/causes.py", "u-dg", lang="en")
    at.selectbox(key="causes_pick").set_value(org["cause_id"]).run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "before_after" in d.value.columns)
    assert len(table) == MAX_GRID_ROWS < org["total"]
    hidden = org["total"] - MAX_GRID_ROWS
    assert any(f"{hidden} more are not in it" in c.value for c in at.caption), [c.value for c in at.caption]
    buttons = [str(b.proto) for b in at.get("download_button")]
    assert [b for b in buttons if f"{org['total']} actions" in b], buttons


def test_the_download_of_a_cause_s_actions_builds_every_row_when_clicked(org):
    """The CSV is built after the page has run, from the cached base at the page's data version."""
    from datetime import date

    from smqse.scope import get_user, scope_for
    from smqse.ui import data, downloads

    db_path = data.db_key()
    con = db.shared_connection(db_path)
    scope = scope_for(get_user("u-dg", con), con)
    as_of = date.today().replace(day=1)
    version = data.causes_data_version(scope, db_path)
    rows = downloads.cause_action_rows(scope, as_of, org["cause_id"], version, as_of, db_path, "en")
    assert rows.height == org["total"]
