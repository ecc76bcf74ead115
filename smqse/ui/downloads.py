"""The rows a capped table's CSV download holds, built when the download is clicked, from the cached data and
the page's choices: module functions the pages bind with `functools.partial`, never lambdas over the page's
frames (those are released once the page has run: smqse.ui.page_memory)."""

from __future__ import annotations

from datetime import date

import polars as pl

from smqse.scope import Scope
from smqse.ui import data
from smqse.views import actions as actions_view
from smqse.words import actions as action_words
from smqse.words import causes as cause_words


def _plan_shown(
    scope: Scope, as_of: date, today: date, db: str, action_version: int, filters: dict, search: str
) -> pl.DataFrame:
    plan = data.load_action_plan(scope, as_of, today, db, action_version)
    return actions_view.filter_actions(plan.actions, **filters, search=search)


def action_plan_rows(
    scope: Scope,
    as_of: date,
    today: date,
    db: str,
    action_version: int,
    filters: dict,
    search: str,
    lang: str,
) -> pl.DataFrame:
    """Every action of the plan the filters and the search keep, as the table shows them."""
    shown = _plan_shown(scope, as_of, today, db, action_version, filters, search)
    return action_words.build_plan_table(shown, lang).rename(action_words.plan_table_labels(lang))


def checks_due_rows(
    scope: Scope,
    as_of: date,
    today: date,
    db: str,
    action_version: int,
    filters: dict,
    search: str,
    lang: str,
) -> pl.DataFrame:
    """Every effectiveness check due among those actions, as the checks table shows them."""
    due = actions_view.checks_due(_plan_shown(scope, as_of, today, db, action_version, filters, search))
    return action_words.build_checks_table(due, lang).rename(action_words.checks_table_labels(lang))


def cause_action_rows(
    scope: Scope, as_of: date, cause_id: str, version: int, end: date, db: str, lang: str
) -> pl.DataFrame:
    """Every action of one cause with its before/after effect, as the causes page's table shows them."""
    actions = data.load_cause_actions(scope, as_of, cause_id, version, db)
    return cause_words.build_actions_table(actions, lang, end).rename(cause_words.actions_table_labels(lang))
