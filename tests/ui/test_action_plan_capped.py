"""The action plan of an organisation with more actions than a grid shows (issue 14): the grid shows the first
MAX_GRID_ROWS of the ranking and says how many are not shown, every row is in a download, the pick list offers
at most MAX_PICK_OPTIONS, and the search by code or title reaches any action."""

from __future__ import annotations

import shutil

import pytest

from smqse import db
from smqse.scope import get_user, scope_for
from smqse.ui.tables import MAX_GRID_ROWS
from smqse.views.actions import load_action_plan
from smqse.views.scorecard import default_as_of
from tests.ui.helpers import app_database, no_exception, open_page

PAGE = "pages/actions.py"
GENERATED = 900
MAX_PICK_OPTIONS = 200


@pytest.fixture(scope="module")
def org(demo_db_path, tmp_path_factory):
    """The small demo with 900 more open actions of the production process at Lyon."""
    path = tmp_path_factory.mktemp("actions_capped") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path)
    con.execute(
        """
        INSERT INTO action
        SELECT 'GEN-' || lpad(i::VARCHAR, 5, '0'), 'corrective', 'event', NULL, 'Generated action number ' || i,
               'u-prod', 'P-PRO', 'LYON', DATE '2023-01-01' + (i % 300)::INTEGER, DATE '2035-01-01', NULL,
               'in_progress', 10, NULL, NULL, NULL
        FROM range(?) t(i)
        """,
        [GENERATED],
    )
    scope = scope_for(get_user("u-dg", con), con)
    total = load_action_plan(scope, default_as_of(scope, con), con).actions.height
    con.execute("CHECKPOINT")
    con.close()
    with app_database(path):
        yield {"total": total}


def _plan_table(at):
    tables = [d.value for d in at.dataframe if "rank" in d.value.columns and "owner" in d.value.columns]
    assert len(tables) == 1
    return tables[0]


def test_the_grid_shows_the_first_rows_and_says_how_many_are_not_shown(org):
    assert org["total"] > MAX_GRID_ROWS + GENERATED // 2
    at = open_page(PAGE, "u-dg", lang="en")
    table = _plan_table(at)
    assert len(table) == MAX_GRID_ROWS
    assert table["rank"].tolist() == list(range(1, MAX_GRID_ROWS + 1))
    hidden = org["total"] - MAX_GRID_ROWS
    assert any(f"{hidden} more are not in it" in c.value for c in at.caption), [c.value for c in at.caption]
    assert [b for b in at.get("download_button") if f"Download the {org['total']} actions" in str(b.proto)]
    # The pick list offers the first actions only, and says how to reach the others.
    pick = at.selectbox(key="actions_pick")
    assert len(pick.options) <= MAX_PICK_OPTIONS
    assert any(f"first {MAX_PICK_OPTIONS} actions out of {org['total']}" in c.value for c in at.caption)


def test_the_search_reaches_an_action_far_down_the_ranking(org):
    at = open_page(PAGE, "u-dg", lang="en")
    at.text_input(key="actions_search").set_value("number 877").run()
    no_exception(at)
    table = _plan_table(at)
    assert table["action_id"].tolist() == ["GEN-00877"]
    assert at.selectbox(key="actions_pick").value == "GEN-00877"
    assert not any("more are not in it" in c.value for c in at.caption)
