"""The monthly entry grid keeps last month's and last year's values with it, not its whole history, and judges
entered values against the history of the indicators entered, read at the save (issue 14): the same grid and
the same warnings as with the whole history, on the demo."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from smqse.analysis.kpi import shift_month
from smqse.scope import get_user
from smqse.views import entry as service

MONTH = date(2026, 11, 1)


def _whole_history(con, user, month=MONTH) -> pl.DataFrame:
    grid = service.load_entry_grid(con, user, month)
    return service.load_entry_history(con, user, month, grid["indicator_id"].to_list())


@pytest.mark.parametrize("user_id", ["u-dg", "u-prod"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_grid_shows_the_same_past_values_as_with_the_whole_history(demo_con, user_id, lang):
    user = get_user(user_id, demo_con)
    original = service.load_entry_grid(demo_con, user, MONTH)
    previous = service.load_entry_previous(demo_con, user, MONTH)
    history = _whole_history(demo_con, user)
    assert set(previous["period"]) == {shift_month(MONTH, -1), shift_month(MONTH, -12)}
    assert previous.height < history.height
    grid = service.entry_grid_view(original, previous, MONTH, lang)
    assert_frame_equal(grid, service.entry_grid_view(original, history, MONTH, lang))
    assert grid["last_month"].drop_nulls().len() and grid["last_year"].drop_nulls().len()


def test_the_history_is_read_for_the_indicators_asked(demo_con):
    user = get_user("u-dg", demo_con)
    whole = _whole_history(demo_con, user)
    one = service.load_entry_history(demo_con, user, MONTH, ["Q-OUTPUT"])
    assert one.height and set(one["indicator_id"]) == {"Q-OUTPUT"}
    assert_frame_equal(one, whole.filter(pl.col("indicator_id") == "Q-OUTPUT"))
    assert service.load_entry_history(demo_con, user, MONTH, []).is_empty()


def test_entered_values_are_judged_against_the_whole_history(demo_con):
    user = get_user("u-prod", demo_con)
    original = service.load_entry_grid(demo_con, user, MONTH)
    history = _whole_history(demo_con, user)
    last = history.filter(pl.col("period") == shift_month(MONTH, -1)).filter(pl.col("value") > 0)
    entered = last.select("indicator_id", "site_id", (pl.col("value") * 1000).alias("value")).vstack(
        last.select("indicator_id", "site_id", "value").head(3)
    )
    warned = service.unusual_entries(demo_con, user, entered, original, MONTH, "en")
    assert warned == service.unusual_values(entered, history, original, MONTH, "en")
    assert len(warned) >= last.height  # every value typed ×1000 is unusual
    assert service.unusual_entries(demo_con, user, entered.clear(), original, MONTH, "en") == []
