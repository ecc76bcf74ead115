"""The Pareto page under AppTest: every role runs it, a pilot sees only events of their processes, English is
English, and the demo's vital few on cause category match a hand computation on the raw event table."""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from smqse import db
from smqse.analysis.kpi import shift_month
from smqse.scope import get_user, scope_for
from tests.ui.helpers import app_database, no_exception, open_page

PAGE = "pages/pareto.py"
ROLES = {"director": "u-dg", "qse_lead": "u-qse", "pilot": "u-prod", "viewer": "u-cse"}
SEVEN_M = {
    "fr": {"Main-d'œuvre", "Méthodes", "Matériel", "Matière", "Milieu", "Mesure", "Management"},
    "en": {
        "Manpower",
        "Methods",
        "Machines",
        "Materials",
        "Environment (Milieu)",
        "Measurement",
        "Management",
    },
}


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    """The small demo; who sees which processes; the raw event and cause tables; SMQSE_DB points at it."""
    from smqse.demo import DemoSize, build_demo

    path = tmp_path_factory.mktemp("pareto_ui") / "demo.duckdb"
    con = db.connect(path)
    build_demo(con, DemoSize.small())
    users = dict(con.execute("SELECT user_id, role FROM app_user").fetchall())
    by_role = {}
    for role, preferred in ROLES.items():
        by_role[role] = (
            preferred if users.get(preferred) == role else next(u for u, r in users.items() if r == role)
        )
    processes = {role: scope_for(get_user(u, con), con).process_ids for role, u in by_role.items()}
    con.execute("CHECKPOINT")
    con.close()
    raw = duckdb.connect(str(path), read_only=True)
    events = raw.sql("FROM event").pl()
    causes = raw.sql("FROM cause").pl()
    raw.close()
    with app_database(path):
        yield {"users": by_role, "processes": processes, "events": events, "causes": causes}


def _pareto(user: str, **params) -> AppTest:
    return open_page(PAGE, user, **params)


def _tables(at: AppTest, column: str) -> list[pl.DataFrame]:
    return [pl.from_pandas(d.value) for d in at.dataframe if column in d.value.columns]


def _period(at: AppTest) -> tuple[date, date]:
    """The default period: the 12 months to the as-of month."""
    as_of = at.session_state["smqse_as_of"]
    end = shift_month(as_of, 1)
    return shift_month(as_of, -11), date.fromordinal(end.toordinal() - 1)


def _in_period(events: pl.DataFrame, start: date, end: date, processes) -> pl.DataFrame:
    return events.filter(
        pl.col("occurred_on").is_between(start, end), pl.col("process_id").is_in(list(processes))
    )


def _root_categories(causes: pl.DataFrame) -> dict[str, str]:
    """Each cause's 7M category, read at the top of its parent chain (by hand, no SQL)."""
    parent = dict(zip(causes["cause_id"], causes["parent_id"], strict=True))
    category = dict(zip(causes["cause_id"], causes["category"], strict=True))
    roots = {}
    for cause in parent:
        top = cause
        while parent.get(top) is not None:
            top = parent[top]
        roots[cause] = category[top]
    return roots


@pytest.mark.parametrize("role", list(ROLES))
def test_every_role_runs_the_page(org, role):
    at = _pareto(org["users"][role])
    assert at.title[0].value == "Pareto des causes"
    numbers = _tables(at, "vital_few")
    assert numbers, "no numbers table"
    assert set(numbers[0]["label"]) <= SEVEN_M["fr"]
    # Every control can change without breaking the page.
    for grouping in ("cause", "event_type", "site", "process", "supplier", "category"):
        at.selectbox(key="pareto_grouping").set_value(grouping).run()
        no_exception(at)
    for weight in ("cost", "severity", "count"):
        at.segmented_control(key="pareto_weight").set_value(weight).run()
        no_exception(at)
    at.number_input(key="pareto_cutoff").set_value(60).run()
    no_exception(at)
    at.segmented_control(key="pareto_compare").set_value("chosen").run()
    no_exception(at)
    at.segmented_control(key="pareto_compare").set_value("none").run()
    no_exception(at)
    at.multiselect(key="pareto_event_types").set_value(["accident", "near_miss"]).run()
    no_exception(at)


def test_a_pilot_sees_only_events_of_their_processes(org):
    at = _pareto(org["users"]["pilot"])
    allowed = org["processes"]["pilot"]
    assert allowed and set(allowed) < set(org["events"]["process_id"])
    start, end = _period(at)
    mine = _in_period(org["events"], start, end, allowed)
    # The chart's numbers: the events counted are exactly the pilot's events with a known cause.
    numbers = _tables(at, "vital_few")[0]
    assert int(numbers["events"].sum()) == mine["cause_id"].drop_nulls().len()
    # The events table: every event listed is one of the pilot's processes.
    at.selectbox(key="pareto_grouping").set_value("process").run()
    no_exception(at)
    numbers = _tables(at, "vital_few")[0]
    assert int(numbers["events"].sum()) == len(mine)
    listed = _tables(at, "event_id")[0]
    process_of = dict(zip(org["events"]["event_id"], org["events"]["process_id"], strict=True))
    assert len(listed) and {process_of[e] for e in listed["event_id"]} <= set(allowed)
    assert len(at.selectbox(key="pareto_detail").options) <= len(allowed)


def test_english_labels_are_english(org):
    at = _pareto(org["users"]["qse_lead"], lang="en")
    assert at.title[0].value == "Pareto of causes"
    numbers = _tables(at, "vital_few")[0]
    assert set(numbers["label"]) <= SEVEN_M["en"]
    assert set(numbers["vital_few"]) <= {"✓ Yes", "No"}
    text = " ".join(m.value for m in at.markdown)
    assert "out of" in text and "font" not in text
    listed = _tables(at, "event_id")[0]
    assert set(listed["status"]) <= {"Open", "In analysis", "Action in progress", "Closed"}


def test_the_demo_vital_few_on_cause_category_match_a_hand_computation(org):
    at = _pareto(org["users"]["director"], lang="en")
    start, end = _period(at)
    roots = _root_categories(org["causes"])
    names = {
        "manpower": "Manpower", "method": "Methods", "machine": "Machines", "material": "Materials",
        "milieu": "Environment (Milieu)", "measurement": "Measurement", "management": "Management",
    }  # fmt: skip
    events = _in_period(org["events"], start, end, org["processes"]["director"]).filter(
        pl.col("cause_id").is_not_null()
    )
    counts = (
        events.with_columns(pl.col("cause_id").replace_strict(roots).alias("category"))
        .group_by("category")
        .len()
        .sort(["len", "category"], descending=[True, False])
    )
    total = counts["len"].sum()
    vital, running = [], 0
    for category, n in counts.iter_rows():
        if running >= 0.8 * total:
            break
        vital.append(names[category])
        running += n
    numbers = _tables(at, "vital_few")[0]
    assert numbers["label"].to_list() == [names[c] for c in counts["category"]]
    assert numbers["weight"].to_list() == counts["len"].cast(pl.Float64).to_list()
    assert numbers.filter(pl.col("vital_few") == "✓ Yes")["label"].to_list() == vital
    assert 1 <= len(vital) < len(counts)  # a real Pareto: a few categories, not all
