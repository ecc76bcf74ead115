"""The action plan's cache is keyed by the actions' data version (issue 15): an action opened by another
process serving the app (or by the review, a script) — which cannot clear this process's caches — shows on
the next run of the plan, under the as-of month shown."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

from smqse import action_open, db
from smqse.scope import get_user
from tests.ui.helpers import app_database, no_exception, open_page


def test_an_action_written_elsewhere_shows_on_the_next_run(demo_db_path, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    with app_database(path):
        at = open_page("pages/actions.py", "u-qse", lang="en")
        before = set(at.session_state["_actions_table_ids"])
        con = db.shared_connection(path)
        origin = action_open.ActionOrigin("cause", "C-X", "Elsewhere", "corrective", ("P-PRO",))
        draft = action_open.ActionDraft(
            origin,
            "Opened elsewhere",
            "corrective",
            "P-PRO",
            None,
            "u-prod",
            date.today() + timedelta(days=30),
        )
        # The write only: no cache of this process is cleared (another replica, the review, a script).
        written = action_open.open_action(con, get_user("u-qse", con), draft)
        at.run()
        no_exception(at)
        shown = set(at.session_state["_actions_table_ids"])
        assert shown - before == {written["action_id"]}
