"""smqse.reminders on the small demo (data up to October 2026): which month is owed on a day, cadence keys,
scope, escalations, objective alerts and the digest."""

from __future__ import annotations

from datetime import date

from smqse import reminders
from smqse.month_state import close_month
from smqse.reminders import (
    ACTIONS_DUE,
    ESCALATIONS,
    OBJECTIVE_ALERTS,
    OWED_VALUES,
    UNFAVOURABLE,
    compute_digest,
    compute_reminders,
    scorecard_month,
)
from smqse.scope import get_user, scope_for
from smqse.views.entry import owed_by_month

NOV, OCT = date(2026, 11, 1), date(2026, 10, 1)


def kinds(items, kind):
    return [r for r in items if r.kind == kind]


def test_on_the_3rd_the_previous_month_is_owed_by_the_10th(demo_con):
    owed = kinds(compute_reminders(demo_con, "u-scm", date(2026, 12, 3)), OWED_VALUES)
    assert owed and {r.period for r in owed} == {NOV}
    assert {r.due_on for r in owed} == {date(2026, 12, 10)} and {r.days_overdue for r in owed} == {-7}
    assert all(r.item_key.endswith("|2026-11|due") for r in owed)
    assert {r.link for r in owed} == {"monthly-entry?month=2026-11"}
    # The entry page's own count of the values owed for November, in the pilot's scope.
    user = get_user("u-scm", demo_con)
    assert len(owed) == owed_by_month(demo_con, user, [NOV], date(2026, 12, 3))[NOV]


def test_once_overdue_an_owed_value_is_reminded_weekly(demo_con):
    def keys(day):
        return {
            r.item_key.rsplit("|", 1)[1]
            for r in kinds(compute_reminders(demo_con, "u-scm", day), OWED_VALUES)
        }

    assert keys(date(2026, 12, 10)) == {"due"}  # due that day: not late yet
    assert keys(date(2026, 12, 11)) == {"late-w0"}
    assert keys(date(2026, 12, 17)) == {"late-w0"}
    assert keys(date(2026, 12, 18)) == {"late-w1"}


def test_a_complete_month_and_the_current_month_owe_nothing(demo_con):
    # On 5 November the month owed is October, entered in full in the demo; November is not owed yet.
    assert kinds(compute_reminders(demo_con, "u-scm", date(2026, 11, 5)), OWED_VALUES) == []


def test_a_closed_month_is_no_longer_owed(demo_write_con):
    con = demo_write_con
    day = date(2026, 12, 12)
    assert kinds(compute_reminders(con, "u-prod", day), OWED_VALUES)
    close_month(con, get_user("u-qse", con), NOV, lang="en")
    assert kinds(compute_reminders(con, "u-prod", day), OWED_VALUES) == []


def test_a_pilot_is_reminded_only_within_their_scope(demo_con):
    day = date(2026, 12, 3)
    for user_id in ("u-scm", "u-hse", "u-prod", "u-com"):
        scope = scope_for(get_user(user_id, demo_con), demo_con)
        items = compute_reminders(demo_con, user_id, day)
        assert items and {r.process_id for r in items} <= set(scope.process_ids)
        assert {r.kind for r in items} & {ESCALATIONS} == set()
    assert compute_reminders(demo_con, "u-cse", day) == []  # a viewer owes nothing
    assert compute_reminders(demo_con, "nobody", day) == []


def test_actions_due_within_7_days_and_overdue_to_their_owner(demo_con):
    day = date(2026, 12, 3)
    actions = kinds(compute_reminders(demo_con, "u-hse", day), ACTIONS_DUE)
    by_id = {r.action_id: r for r in actions}
    assert (
        by_id["ACT-000054"].days_overdue == -1 and by_id["ACT-000054"].item_key == "ACT-000054|2026-12-04|due"
    )
    assert by_id["ACT-000051"].item_key == "ACT-000051|2026-10-22|late-w5"
    assert all(r.days_overdue >= -7 for r in actions)
    assert by_id["ACT-000054"].link == "action-plan?action=ACT-000054"


def test_escalations_go_to_the_qse_lead_past_30_days_overdue(demo_con):
    def escalated(day):
        return {
            r.action_id: r.item_key for r in kinds(compute_reminders(demo_con, "u-qse", day), ESCALATIONS)
        }

    # ACT-000051 was due on 22 October: 30 days overdue on 21 November, 31 on the 22nd.
    assert "ACT-000051" not in escalated(date(2026, 11, 21))
    assert escalated(date(2026, 11, 22))["ACT-000051"] == "ACT-000051|2026-10-22|esc-0"
    assert escalated(date(2026, 12, 21))["ACT-000051"] == "ACT-000051|2026-10-22|esc-0"
    assert escalated(date(2026, 12, 22))["ACT-000051"] == "ACT-000051|2026-10-22|esc-1"
    assert kinds(compute_reminders(demo_con, "u-dg", date(2026, 12, 3)), ESCALATIONS) == []


def test_most_urgent_first(demo_con):
    items = compute_reminders(demo_con, "u-qse", date(2026, 12, 3))
    assert items[0].kind == ESCALATIONS
    overdue = [r.days_overdue for r in items if r.kind == ESCALATIONS]
    assert overdue == sorted(overdue, reverse=True)
    hse = compute_reminders(demo_con, "u-hse", date(2026, 12, 3))
    ranks = [0 if r.days_overdue > 0 else 1 if r.kind == UNFAVOURABLE else 2 for r in hse]
    assert ranks == sorted(ranks)


def test_objective_alerts_and_unfavourable_indicators_at_the_scorecard_month(demo_con):
    day = date(2026, 12, 3)
    assert scorecard_month(demo_con, scope_for(get_user("u-com", demo_con), demo_con), day) == OCT
    items = compute_reminders(demo_con, "u-com", day)
    (alert,) = kinds(items, OBJECTIVE_ALERTS)
    assert (alert.objective_id, alert.status, alert.period) == ("OBJ-2026-Q-PPM-CUST", "missed", OCT)
    assert alert.previous_status != "missed" and alert.item_key == "OBJ-2026-Q-PPM-CUST|2026-10"
    assert alert.link == "indicator-trends?indicator=Q-PPM-CUST&as_of=2026-10"
    (turned,) = kinds(items, UNFAVOURABLE)
    assert turned.indicator_id == "Q-PPM-CUST" and turned.signal_direction == "up"
    # The month after, nothing new has crossed: the same alert is not due again.
    assert kinds(compute_reminders(demo_con, "u-com", date(2026, 10, 15)), OBJECTIVE_ALERTS) == []


def test_the_digest_is_for_directors_and_the_qse_lead(demo_con):
    day = date(2026, 12, 3)
    digest = compute_digest(demo_con, "u-dg", day)
    assert digest.month == OCT and digest.item_key == "2026-10"
    assert digest.link == "dashboard?as_of=2026-10"
    assert sum(digest.status_counts.values()) == digest.indicator_count > 0
    assert len(digest.top_signals) <= reminders.TOP_SIGNALS
    assert all(s["signal_period"] is not None for s in digest.top_signals)
    assert compute_digest(demo_con, "u-qse", day) == digest
    assert compute_digest(demo_con, "u-scm", day) is None
    assert compute_digest(demo_con, "u-cse", day) is None
