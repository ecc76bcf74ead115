"""The event declaration page under AppTest: each role (viewers are not offered it and are refused by it), the
pilot's choices limited to their scope, a refusal naming the fields; and an event recorded by form counted at
once, in the same session, by the Pareto, the Ishikawa, the causes and the review pages, whose views were
cached before the declaration."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from smqse import db
from smqse.scope import get_user, scope_for
from smqse.ui.state import ViewContext
from tests.ui.helpers import (
    APP,
    TIMEOUT,
    app_database,
    assert_shown_escaped,
    no_exception,
    open_page,
    rendered,
    submit_button,
)

PAGE = "pages/events.py"
FORM = "event_record"
CAUSE = "C-MS-1a"  # Measurement › an uncalibrated instrument


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from smqse.demo import DemoSize, build_demo

    path = tmp_path_factory.mktemp("events_ui") / "demo.duckdb"
    con = db.connect(path)
    build_demo(con, DemoSize.small())
    con.execute("CHECKPOINT")
    con.close()
    return path


@pytest.fixture
def database(demo, tmp_path):
    """A copy of the demo for one test (the tests write), SMQSE_DB pointing at it."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo, path)
    with app_database(path):
        yield path


def _event_count(path) -> int:
    """Read through the app's own connection (a second one with another configuration is refused)."""
    cur = db.shared_connection(path).cursor()
    try:
        return cur.execute("SELECT count(*) FROM event").fetchall()[0][0]
    finally:
        cur.close()


def _scope_of(path, user: str):
    con = db.shared_connection(path)
    return scope_for(get_user(user, con), con)


def _field(at: AppTest, kind: str, name: str):
    """A field of the declaration on screen: its key carries the form instance (events_<name>_<instance>)."""
    found = [w for w in getattr(at, kind) if (w.key or "").startswith(f"events_{name}_")]
    assert len(found) == 1, [w.key for w in getattr(at, kind)]
    return found[0]


def _fill(at: AppTest, *, title: str, day: date, category="measurement", cause=CAUSE, **fields) -> None:
    """Fill the declaration: the type and family first (they change the form), then the form's fields."""
    at.selectbox(key="events_type").set_value(fields.pop("event_type", "nonconformity")).run()
    _field(at, "selectbox", "category").set_value(category).run()
    no_exception(at)
    if cause is not None:
        _field(at, "selectbox", "cause").set_value(cause)
    _field(at, "date_input", "occurred_on").set_value(day)
    _field(at, "text_input", "title").input(title)
    for key, value in fields.items():
        if key in ("site", "process"):
            at.selectbox(key=f"events_{key}").set_value(value)
        elif key == "severity":
            _field(at, "selectbox", key).set_value(value)
        else:
            _field(at, "text_input", key).input(value)


def _submit(at: AppTest) -> None:
    submit_button(at, FORM).click().run()
    no_exception(at)


def _event_day(at: AppTest) -> date:
    """A day of the as-of month (never in the future): inside every analysis page's default period."""
    as_of = at.session_state["smqse_as_of"]
    return min(as_of.replace(day=2), date.today())


# --- each role ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["u-dg", "u-qse"])
def test_director_and_qse_lead_record_on_every_process(database, user):
    at = open_page(PAGE, user)
    assert at.title[0].value == "Déclarer un événement"
    assert submit_button(at, FORM).label == "Enregistrer l'événement"
    everything = _scope_of(database, user)
    assert len(at.selectbox(key="events_process").options) == len(everything.process_ids) > 1
    assert len(at.selectbox(key="events_type").options) == 8


def test_a_pilot_records_on_their_processes_only_in_english(database):
    mine = _scope_of(database, "u-prod").process_ids
    at = open_page(PAGE, "u-prod", lang="en")
    assert at.title[0].value == "Record an event"
    cur = db.shared_connection(database).cursor()
    names = [
        n for (n,) in cur.execute("SELECT name_en FROM process WHERE process_id IN ?", [mine]).fetchall()
    ]
    cur.close()
    assert at.selectbox(key="events_process").options == names and len(names) == 1
    before = _event_count(database)
    _fill(at, title="Gauge out of calibration", day=_event_day(at), cost="1,234.5", severity=2)
    _submit(at)
    assert any("recorded" in s.value for s in at.success), [e.value for e in at.error]
    assert _event_count(database) == before + 1
    # Ready for the next declaration: empty fields, the same type and process.
    assert _field(at, "text_input", "title").value == "" and _field(at, "text_input", "cost").value == ""
    assert at.selectbox(key="events_process").options == names
    listed = next(d.value for d in at.dataframe if "No." in d.value.columns)
    assert listed.iloc[0]["Title"] == "Gauge out of calibration" and listed.iloc[0]["Cost (€)"] == "1,234.50"
    assert listed.iloc[0]["Recorded by"] and listed.iloc[0]["Family (7M)"] == "Measurement"


def test_a_viewer_is_not_offered_the_page_and_the_page_refuses_them(database):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["user"] = "u-cse"
    at.run()
    no_exception(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)
    # Reached anyway (an old link, a page run on its own), the page itself refuses: no form.
    view = at.session_state["smqse_view"]
    assert view.user.role.value == "viewer"
    page = AppTest.from_file(str(Path(APP).parent / PAGE), default_timeout=TIMEOUT)
    page.session_state["smqse_view"] = view
    page.run()
    no_exception(page)
    assert [i.value for i in page.info] == [
        "Votre rôle permet de consulter les analyses, pas de déclarer des événements. Adressez-vous au "
        "pilote du processus ou au responsable QSE."
    ]
    assert not [b for b in page.button if (b.key or "").startswith(f"{FORM}_submit_")]
    assert isinstance(view, ViewContext)


def test_a_refusal_names_each_field_and_keeps_what_was_typed(database):
    at = open_page(PAGE, "u-dg")
    before = _event_count(database)
    _fill(at, title="", day=_event_day(at), cost="1,234", event_type="accident", lost_days="2,5")
    _submit(at)
    assert at.error[0].value == "L'événement n'a pas été enregistré : 3 champs à corriger."
    listed = rendered("\n".join(m.value for m in at.markdown))
    for field in ("Titre", "Coût (€)", "Jours d'arrêt"):
        assert f"- « {field} » : " in listed, (field, listed)
    assert _field(at, "text_input", "cost").value == "1,234"  # kept, to be corrected
    assert _event_count(database) == before


# --- visible at once in the analysis pages, in the same session ---------------------------------------


def _pareto_count(at: AppTest, label: str) -> int:
    numbers = [pl.from_pandas(d.value) for d in at.dataframe if "vital_few" in d.value.columns][0]
    found = numbers.filter(pl.col("label") == label)
    return int(found["events"].item()) if found.height else 0


def _record(at: AppTest, title: str) -> None:
    at.switch_page(PAGE).run()
    no_exception(at)
    _fill(at, title=title, day=_event_day(at))
    _submit(at)
    assert any("enregistré" in s.value or "recorded" in s.value for s in at.success), [
        e.value for e in at.error
    ]


def test_an_event_recorded_by_form_shows_in_the_pareto_at_once(database):
    at = open_page("pages/pareto.py", "u-dg", lang="en")
    before = _pareto_count(at, "Measurement")  # the page's events are now cached
    _record(at, "Gauge out of calibration")
    at.switch_page("pages/pareto.py").run()
    no_exception(at)
    assert _pareto_count(at, "Measurement") == before + 1


def _ishikawa_measurement(at: AppTest) -> int:
    at.segmented_control(key="ishikawa_effect_kind").set_value("all").run()
    no_exception(at)
    twin = next(m.value for m in at.markdown if m.value.startswith("**Effect"))
    found = re.search(r"- \*\*Measurement\*\* — (\d+|_)", twin)
    assert found, twin
    return int(found.group(1)) if found.group(1).isdigit() else 0


def test_an_event_recorded_by_form_shows_in_the_ishikawa_at_once(database):
    at = open_page("pages/ishikawa.py", "u-dg", lang="en")
    before = _ishikawa_measurement(at)
    _record(at, "Gauge out of calibration")
    at.switch_page("pages/ishikawa.py").run()
    no_exception(at)
    assert _ishikawa_measurement(at) == before + 1


def _cause_events(at: AppTest) -> int:
    ranking = [d.value for d in at.dataframe if "score" in d.value.columns]
    if not ranking:
        return 0
    row = ranking[0][ranking[0]["cause_id"] == CAUSE]
    return int(row["event_count"].iloc[0]) if len(row) else 0


def test_an_event_recorded_by_form_shows_in_the_causes_at_once(database):
    at = open_page("pages/causes.py", "u-dg", lang="en")
    before = _cause_events(at)
    _record(at, "Gauge out of calibration")
    at.switch_page("pages/causes.py").run()
    no_exception(at)
    assert _cause_events(at) == before + 1


def _review_nonconformities(at: AppTest) -> int:
    """The count the review states for item 9.3.2 c) 4) (nonconformities and audit findings, this period)."""
    texts = rendered("\n".join(str(m.value) for m in at.markdown))
    found = re.findall(r"(\d+) internal nonconformities over the period", texts)
    assert found, texts[:2000]
    return int(found[0])


def test_an_event_recorded_by_form_shows_in_the_review_at_once(database):
    at = open_page("pages/review.py", "u-dg", lang="en")
    before = _review_nonconformities(at)
    _record(at, "Gauge out of calibration")
    at.switch_page("pages/review.py").run()
    no_exception(at)
    assert _review_nonconformities(at) == before + 1


def test_a_typed_title_is_confirmed_as_text_not_markdown(database):
    at = open_page(PAGE, "u-dg", lang="en")
    _fill(at, title="![x](http://h/x.png) [click](http://h/phish)", day=_event_day(at))
    _submit(at)
    assert_shown_escaped(at, "![x](http", r"\!\[x\]\(http")


def test_a_title_written_like_a_formula_is_stored_as_typed_and_listed_neutralised(database):
    """The record keeps what was typed; the grid and its CSV show it with a leading apostrophe, so a
    spreadsheet opening the download never runs it (smqse.ui.tables)."""
    at = open_page(PAGE, "u-dg", lang="en")
    _fill(at, title='=HYPERLINK("http://h/x","click")', day=_event_day(at))
    _submit(at)
    cur = db.shared_connection(database).cursor()
    stored = cur.execute("SELECT title FROM event WHERE title LIKE '=HYPERLINK%'").fetchall()
    cur.close()
    assert stored == [('=HYPERLINK("http://h/x","click")',)]
    listed = next(d.value for d in at.dataframe if "No." in d.value.columns)
    assert listed.iloc[0]["Title"] == '\'=HYPERLINK("http://h/x","click")'
