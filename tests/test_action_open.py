"""Opening an action from an analysis (issue 15): the write and its trail, the rights enforced in the insert
itself, a second submit writing nothing, the plan's rule (every action open today, whatever the month shown),
the defaults per origin and the links back. Every test that writes does so on its own copy of the demo."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import polars as pl
import pytest

from smqse import action_open as service
from smqse import db
from smqse.scope import Scope, User, get_user, scope_for
from smqse.views import actions as actions_view
from smqse.views.anomalies import flag_key

TODAY = date(2026, 12, 6)
PAST_MONTH = date(2026, 3, 1)


@pytest.fixture
def con(demo_db_path, tmp_path):
    path = tmp_path / "open.duckdb"
    shutil.copy(demo_db_path, path)
    connection = db.connect(path)
    yield connection
    connection.close()


def _user(con, user_id: str) -> User:
    user = get_user(user_id, con)
    assert user is not None
    return user


def _origin(process_id: str = "P-PRO", origin: str = "indicator", origin_id: str = "Q-SCRAP"):
    return service.ActionOrigin(origin, origin_id, "Bring Q-SCRAP back", "corrective", (process_id,), None)


def _draft(process_id: str = "P-PRO", owner: str = "u-prod", site: str | None = None, **origin):
    return service.ActionDraft(
        _origin(process_id, **origin), "Bring Q-SCRAP back", "corrective", process_id, site, owner,
        TODAY + timedelta(days=30),
    )  # fmt: skip


def _count(con, sql: str) -> int:
    return con.execute(sql).fetchall()[0][0]


def _version(con) -> int:
    from smqse import data_version

    return data_version.organisation_wide(scope_for(_user(con, "u-qse"), con), (data_version.ACTION,), con)


def test_the_qse_lead_opens_an_action_with_its_trail_and_version(con):
    version = _version(con)
    row = service.open_action(con, _user(con, "u-qse"), _draft(), lang="en", today=TODAY)
    assert row["action_id"].startswith("ACT-20261206-")
    assert (row["origin"], row["origin_id"], row["process_id"]) == ("indicator", "Q-SCRAP", "P-PRO")
    assert (row["status"], row["progress_pct"], row["effectiveness"]) == ("planned", 0, "not_checked")
    assert row["opened_on"] == TODAY and row["owner_user_id"] == "u-prod"
    logged = con.execute(
        "SELECT changed_by, operation, reason FROM change_log WHERE table_name = 'action' AND row_key = ?",
        [row["action_id"]],
    ).fetchall()
    assert logged == [("u-qse", "insert", "indicator Q-SCRAP")]
    assert _version(con) == version + 1


def test_a_second_submit_of_the_same_form_writes_nothing(con):
    qse = _user(con, "u-qse")
    first = service.open_action(con, qse, _draft(), token="a1b2c3d4e5f6", today=TODAY)
    count = _count(con, "SELECT count(*) FROM action")
    again = service.open_action(con, qse, _draft(), token="a1b2c3d4e5f6", today=TODAY)
    assert again["action_id"] == first["action_id"]
    assert _count(con, "SELECT count(*) FROM action") == count
    other = service.open_action(con, qse, _draft(), token="ffff0000aaaa", today=TODAY)
    assert other["action_id"] != first["action_id"]  # a new form instance: a new action


@pytest.mark.parametrize(
    ("user_id", "draft"),
    [
        ("u-prod", _draft("P-HSE", owner="u-hse")),  # a pilot outside their processes
        ("u-prod", _draft(owner="u-hse")),  # an owner who may not act on the process
        ("u-prod", _draft(owner="u-cse")),  # a viewer owns nothing
        ("u-cse", _draft("P-HSE", owner="u-hse")),  # a viewer writes nothing, even on their own scope
    ],
)
def test_refusals_write_nothing(con, user_id, draft):
    actions, logs = _count(con, "SELECT count(*) FROM action"), _count(con, "SELECT count(*) FROM change_log")
    version = _version(con)
    with pytest.raises(PermissionError):
        service.open_action(con, _user(con, user_id), draft, today=TODAY)
    assert _count(con, "SELECT count(*) FROM action") == actions
    assert _count(con, "SELECT count(*) FROM change_log") == logs
    assert _version(con) == version


def test_a_pilot_opens_one_on_their_process(con):
    row = service.open_action(con, _user(con, "u-prod"), _draft(), today=TODAY)
    assert row["process_id"] == "P-PRO"


def test_invalid_drafts_are_refused_in_words(con):
    bad = service.ActionDraft(_origin(), "  ", "urgent", "P-PRO", None, None, TODAY - timedelta(days=1))
    with pytest.raises(service.ActionOpenError) as error:
        service.open_action(con, _user(con, "u-qse"), bad, lang="en", today=TODAY)
    assert error.value.problems == [
        "Give the action a title.",
        "Choose an action type.",
        "Choose an owner.",
        "The due date cannot be in the past.",
    ]


def _insert(con, scope: Scope, **overrides) -> pl.DataFrame:
    params = {
        "writer_user_id": "u-prod", "action_id": "ACT-SQL-1", "action_type": "corrective",
        "origin": "cause", "origin_id": "C-1", "title": "t", "owner_user_id": "u-prod",
        "process_id": "P-PRO", "site_id": None, "opened_on": TODAY, "due_on": TODAY,
    } | overrides  # fmt: skip
    return db.run_query("action_open_insert", con=con, **scope.params(), **params)


def test_the_insert_itself_refuses_what_is_outside_the_writers_scope(con):
    pilot = scope_for(_user(con, "u-prod"), con)
    assert _insert(con, pilot, process_id="P-HSE", owner_user_id="u-hse").is_empty()
    assert _insert(con, pilot, owner_user_id="u-hse").is_empty()  # not a pilot of P-PRO
    assert _insert(con, pilot, owner_user_id="u-cse").is_empty()  # a viewer
    assert _insert(con, pilot, site_id="NOWHERE").is_empty()
    assert _insert(con, scope_for(_user(con, "u-cse"), con), writer_user_id="u-cse", process_id="P-HSE",
                   owner_user_id="u-hse").is_empty()  # fmt: skip
    one_site = pilot.narrowed(site_ids=[pilot.site_ids[0]])
    assert _insert(con, one_site).is_empty()  # the whole process needs every site
    assert _insert(con, Scope((), (), ())).is_empty()
    assert _count(con, "SELECT count(*) FROM action WHERE action_id = 'ACT-SQL-1'") == 0
    assert _insert(con, one_site, site_id=pilot.site_ids[0]).height == 1
    assert _insert(con, pilot, action_id="ACT-SQL-1", site_id=pilot.site_ids[0]).is_empty()  # id taken


def test_the_plan_shows_every_action_open_today_whatever_the_month_shown(con):
    qse = _user(con, "u-qse")
    scope = scope_for(qse, con)
    opened = service.open_action(con, qse, _draft(), today=TODAY)
    closed = service.open_action(con, qse, _draft(origin_id="Q-OEE"), today=TODAY)
    con.execute("UPDATE action SET status = 'cancelled', closed_on = ? WHERE action_id = ?",
                [TODAY, closed["action_id"]])  # fmt: skip
    plan = actions_view.load_action_plan(scope, PAST_MONTH, con, today=TODAY)
    ids = set(plan.actions["action_id"].to_list())
    assert opened["action_id"] in ids  # open today, opened long after the month shown
    assert closed["action_id"] not in ids  # opened after the month and no longer open
    row = plan.actions.filter(pl.col("action_id") == opened["action_id"]).row(0, named=True)
    assert row["open_at_as_of"] and not row["overdue"]
    names = db.run_query("actions_plan_names", con=con, **scope.params(), as_of_month=PAST_MONTH)
    assert "u-prod" in names.filter(pl.col("kind") == "owner")["id"].to_list()
    # Whatever the origin: an imported action still planned, opened after the month, shows too.
    later = con.execute(
        "SELECT action_id FROM action WHERE status IN ('planned', 'in_progress') AND opened_on >= ? "
        "AND action_id NOT LIKE 'ACT-2026%'",
        [PAST_MONTH + timedelta(days=31)],
    ).fetchall()
    assert {a for (a,) in later} <= ids


@pytest.mark.parametrize(
    ("status", "favourable", "expected"),
    [("missed", None, "corrective"), ("met", False, "corrective"), ("at_risk", None, "preventive"),
     ("met", True, "improvement"), ("no_objective", None, "improvement")],
)  # fmt: skip
def test_the_type_of_an_indicator_row(status, favourable, expected):
    assert service.indicator_type(status, favourable) == expected


@pytest.mark.parametrize(
    ("verdict", "unfavourable", "expected"),
    [("will_miss", False, "corrective"), ("on_track", True, "corrective"), ("at_risk", False, "preventive"),
     ("on_track", False, "improvement")],
)  # fmt: skip
def test_the_type_of_a_drift_row(verdict, unfavourable, expected):
    assert service.drift_type(verdict, unfavourable) == expected


def test_origins_from_each_analysis():
    flag = {"indicator_id": "Q-SCRAP", "site_id": "LYON", "period": date(2026, 3, 1), "process_id": "P-PRO",
            "name_en": "Scrap rate", "name_fr": "Taux de rebut"}  # fmt: skip
    anomaly = service.from_flag(flag, "en", "Lyon")
    assert (anomaly.origin, anomaly.action_type, anomaly.site_id) == ("anomaly", "containment", "LYON")
    assert anomaly.origin_id == flag_key(flag)  # the anomaly page's own key for the flag
    events = pl.DataFrame({"process_id": ["P-PRO", "P-ACH", "P-PRO"], "site_id": ["LYON", "LYON", "LYON"]})
    cause = service.from_cause("C-MAT-1", "Raw material", events, "en")
    assert (cause.process_ids, cause.site_id, cause.action_type) == (("P-PRO", "P-ACH"), "LYON", "corrective")
    assert cause.title == "Address the cause “Raw material”"
    bar = service.from_pareto("supplier", "ACME", "ACME", events.with_columns(site_id=pl.Series(["A", "B", "A"])),
                              "fr")  # fmt: skip
    assert (bar.origin_id, bar.site_id, bar.title) == ("supplier:ACME", None, "Réduire « ACME »")
    drift_row = {"indicator_id": "E-CO2", "objective_id": "OBJ-1", "process_id": "P-HSE", "site_id": None,
                 "verdict": "at_risk", "drift": False, "drift_favourable": None, "name_en": "CO2"}  # fmt: skip
    objective = service.from_drift(drift_row, "en")
    assert (objective.origin, objective.origin_id, objective.action_type) == (
        "objective",
        "OBJ-1",
        "preventive",
    )
    assert service.from_drift(drift_row | {"objective_id": None}, "en").origin == "indicator"


def test_origins_link_back_to_their_page_and_item():
    keep = {"lang": "en", "user": "u-qse"}
    assert (
        service.origin_link("indicator", "Q-SCRAP", keep) == "dashboard?lang=en&user=u-qse&indicator=Q-SCRAP"
    )
    assert service.origin_link("objective", "OBJ-1") == "objectives-drift?objective=OBJ-1"
    assert service.origin_link("anomaly", "Q-SCRAP|LYON|2026-03-01") == (
        "anomaly-watch?flag=Q-SCRAP%7CLYON%7C2026-03-01"
    )
    assert service.origin_link("cause", "C-1") == "fishbone?cause=C-1"
    assert service.origin_link("pareto", "cause:C 1") == "pareto-analysis?grouping=cause&category=C+1"
    assert service.origin_link("event", "EV-1") is None and service.origin_link(None, None) is None
    # The scorecard by its URL path for every reader, even those who land there (app.py serves every page at
    # its URL path; tests/ui/test_pages_browser.py opens each without a "Page not found" dialog).
    assert (
        service.origin_link("indicator", "Q-SCRAP", {"lang": "en"}) == "dashboard?lang=en&indicator=Q-SCRAP"
    )


def test_the_linked_pages_exist_in_the_navigation():
    from pathlib import Path

    app = (Path(__file__).resolve().parents[1] / "app.py").read_text()
    for path in service.ORIGIN_PAGES.values():
        assert f'"{path}")' in app, path


def test_owner_choices_put_the_process_pilot_first_and_deny_outside_the_scope(con):
    qse = scope_for(_user(con, "u-qse"), con)
    owners = service.owner_choices(con, qse, "P-PRO")
    assert owners["user_id"][0] == "u-prod" and owners["is_process_pilot"][0]
    assert set(owners["role"]) <= {"director", "qse_lead", "pilot"}
    assert "u-hse" not in owners["user_id"].to_list()
    assert service.owner_choices(con, scope_for(_user(con, "u-prod"), con), "P-HSE").is_empty()
