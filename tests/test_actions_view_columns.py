"""The action plan's column-wise helpers (issue 14) agree with their per-row counterparts: `updatable` with
`can_update`, the search with a plain reading of "every word in the code or the title", the names read once
with the names joined onto every action (as actions_plan.sql did before)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from smqse.frames import owned_copy
from smqse.scope import get_user, scope_for
from smqse.views import actions as service

AS_OF = date(2026, 10, 1)
TODAY = date(2026, 11, 23)


def _plan(demo_con, user_id: str) -> pl.DataFrame:
    return service.load_action_plan(
        scope_for(get_user(user_id, demo_con), demo_con), AS_OF, demo_con, today=TODAY
    ).actions


@pytest.mark.parametrize("writer", ["u-dg", "u-qse", "u-prod", "u-cse"])
def test_updatable_keeps_the_rows_can_update_accepts(demo_con, writer):
    user = get_user(writer, demo_con)
    allowed = scope_for(user, demo_con)
    plan = _plan(demo_con, "u-dg")
    expected = [r["action_id"] for r in plan.iter_rows(named=True) if service.can_update(user, allowed, r)]
    assert service.updatable(plan, user, allowed)["action_id"].to_list() == expected
    if writer == "u-prod":
        assert 0 < len(expected) < plan.height  # a pilot: some actions, not all
    if writer == "u-cse":
        assert expected == []  # a viewer writes nothing


def test_the_search_keeps_the_actions_holding_every_word(demo_con):
    plan = _plan(demo_con, "u-dg")
    title = next(t for t in plan["title"].to_list() if len(t.split()) >= 3)
    words = [title.split()[0].upper(), title.split()[-1].lower()]
    found = service.filter_actions(plan, search="  ".join(words))
    expected = [
        r["action_id"]
        for r in plan.iter_rows(named=True)
        if all(w.lower() in f"{r['action_id']} {r['title']}".lower() for w in words)
    ]
    assert found["action_id"].to_list() == expected and expected
    one = plan["action_id"][7]
    assert service.filter_actions(plan, search=one.lower())["action_id"].to_list() == [one]
    assert service.filter_actions(plan, search="(").height == sum("(" in t for t in plan["title"])  # literal
    assert service.filter_actions(plan, search="   ").height == plan.height


def test_the_names_are_those_joined_onto_every_action(demo_con):
    plan = _plan(demo_con, "u-dg")
    joined = dict(
        demo_con.execute(
            "SELECT a.action_id, coalesce(u.display_name, 'None') || ' / ' || p.name_fr || ' / ' || p.name_en "
            "FROM action a JOIN process p USING (process_id) LEFT JOIN app_user u ON u.user_id = a.owner_user_id"
        ).fetchall()
    )
    for r in plan.iter_rows(named=True):
        assert (
            f"{r['owner_name']} / {r['process_name_fr']} / {r['process_name_en']}" == joined[r["action_id"]]
        )
    assert [c for c in plan.columns if c in service.PLAN_SCHEMA] == list(service.PLAN_SCHEMA)
    assert plan.schema["owner_name"] == pl.Categorical and plan.schema["title"] == pl.String


def test_the_plan_holds_what_the_page_shows(demo_con):
    """Not the cost or the expected benefit of every action: neither the table, the timeline, the checks nor
    the forms show them (two columns of 500 000 numbers at enterprise scale)."""
    plan = _plan(demo_con, "u-dg")
    assert plan.height and not {"cost", "expected_benefit"} & set(plan.columns)


def test_the_plan_is_held_in_buffers_of_its_own(demo_con, monkeypatch):
    """The ranked plan a cached resource keeps is copied out of DuckDB's result batches (frames.owned_copy),
    the very frame the plan then holds."""
    copied = []

    def spy(frame: pl.DataFrame) -> pl.DataFrame:
        copied.append(owned_copy(frame))
        return copied[-1]

    monkeypatch.setattr(service, "owned_copy", spy)
    plan = _plan(demo_con, "u-dg")
    assert len(copied) == 1 and copied[0] is plan and plan.height


def test_an_owned_copy_has_the_same_values_and_buffers_of_its_own(demo_con):
    cur = demo_con.cursor()
    frame = cur.sql("SELECT action_id, progress_pct, status FROM action ORDER BY action_id").pl()
    cur.close()
    frame = frame.with_columns(pl.col("status").cast(pl.Categorical))
    copy = owned_copy(frame)
    assert_frame_equal(copy, frame)
    assert copy.schema == frame.schema

    def address(frame: pl.DataFrame) -> int:  # where the numbers are (Series.to_arrow does not copy them)
        return frame["progress_pct"].rechunk().to_arrow().buffers()[1].address

    assert address(frame) == address(frame) and address(copy) != address(frame)
