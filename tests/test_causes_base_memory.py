"""The causes base the server holds per scope and month stays small (issue 14): repeated texts stored once
(Categorical), the same rows and values as read, and at most CAUSES_BASE_ENTRIES bases and action plans."""

from __future__ import annotations

import polars as pl

from smqse.scope import get_user, scope_for
from smqse.views import causes as causes_view
from smqse.views.scorecard import default_as_of


def _base(con):
    scope = scope_for(get_user("u-dg", con), con)
    data = causes_view.load_causes_data(scope, default_as_of(scope, con), con)
    return data, causes_view.compute_causes_base(data)


def test_repeated_texts_are_categorical_and_the_cause_stays_text(demo_con):
    _, base = _base(demo_con)
    for column in ("action_type", "title", "status", "effectiveness", "owner_user_id", "owner_name",
                   "process_id", "site_id", "verdict"):  # fmt: skip
        assert base.actions.schema[column] == pl.Categorical, column
    assert base.events.schema["process_id"] == pl.Categorical
    assert base.events.schema["site_id"] == pl.Categorical
    assert base.actions.schema["cause_id"] == pl.String and base.events.schema["cause_id"] == pl.String
    assert base.actions.schema["action_id"] == pl.String  # unique per row: nothing to share


def _add_event_actions(con) -> None:
    # The small demo has no action opened on an event: 30 done, on events with a cause.
    con.execute(
        """
        INSERT INTO action
        SELECT 'EV-' || e.event_id, 'corrective', 'event', e.event_id, 'Action on ' || e.cause_id, 'u-prod',
               e.process_id, e.site_id, e.occurred_on, e.occurred_on + 30, e.occurred_on + 20, 'done', 100,
               NULL, NULL, NULL
        FROM event e WHERE e.cause_id IS NOT NULL ORDER BY e.event_id LIMIT 30
        """
    )


def test_the_compact_base_holds_the_same_values(demo_write_con):
    _add_event_actions(demo_write_con)
    data, base = _base(demo_write_con)
    assert base.actions.height > 0 and base.events.height > 0
    as_text = pl.col(pl.Categorical).cast(pl.String)
    assert base.events.with_columns(as_text).equals(data.events)
    assert base.actions.select(data.actions.columns).with_columns(as_text).equals(data.actions)
    cause = base.actions["cause_id"][0]
    assert causes_view.actions_of_cause(base, cause).height == (data.actions["cause_id"] == cause).sum()


def test_at_most_two_causes_bases_and_action_plans_are_held():
    from smqse.ui import data

    assert data.CAUSES_BASE_ENTRIES == 2
    assert data.load_causes_base._info.max_entries == data.CAUSES_BASE_ENTRIES
    assert data.load_action_plan._info.max_entries == data.CAUSES_BASE_ENTRIES


def test_one_causes_actions_are_read_from_the_held_base_not_cached_again(demo_write_con, monkeypatch):
    """A cause's actions (200 000 for the group's first cause at enterprise scale) are a filter of the held
    base on each run, not a second `st.cache_data` copy per cause picked (pickled, and unpickled per rerun)."""
    from polars.testing import assert_frame_equal

    from smqse.ui import data

    _add_event_actions(demo_write_con)
    _, base = _base(demo_write_con)
    read = []
    monkeypatch.setattr(data, "load_causes_base", lambda *key: read.append(key) or base)
    scope = scope_for(get_user("u-dg", demo_write_con), demo_write_con)
    cause = base.actions["cause_id"][0]
    for _ in range(2):
        actions = data.load_cause_actions(scope, base.as_of, cause, 0, "demo.duckdb")
        assert_frame_equal(actions, causes_view.actions_of_cause(base, cause))
    assert len(read) == 2  # filtered from the held base each time: no cache of its own in between
