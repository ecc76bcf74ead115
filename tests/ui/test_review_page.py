"""The management review page under AppTest: every role runs it on its own scope; the QSE lead writes an
input and a decision through the forms (on a copy of the demo) and sees them; pilots and viewers read only;
the pack is generated from the page and offered for download."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest

from tests.ui.helpers import app_database, no_exception, open_page, rendered, submit_button

PAGE = "pages/review.py"
USERS = {"director": "u-dg", "qse_lead": "u-qse", "pilot": "u-prod", "viewer": "u-cse"}


@pytest.fixture(scope="module")
def database(demo_db_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("review_page") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    with app_database(path):
        yield path


def _summary(at):
    """The summary table's rows as shown (a static table of Markdown cells: the escapes taken off)."""
    tables = [
        d.value for d in at.table if "Input" in d.value.columns or "Élément d'entrée" in d.value.columns
    ]
    rows = tables[0].to_dict("records")  # AppTest hands pandas frames
    return [{k: re.sub(r"\\(.)", r"\1", v) for k, v in row.items()} for row in rows]


@pytest.mark.parametrize("role", list(USERS))
def test_every_role_runs_the_page(database, role):
    at = open_page(PAGE, USERS[role], lang="en")
    assert at.title[0].value == "Management review preparation"
    summary = _summary(at)
    assert len(summary) == 20  # every §9.3.2 input and the ISO 14001 / 45001 additions
    assert summary[0]["Input"].startswith("ISO 9001 §9.3.2 a)")
    writer = role in ("director", "qse_lead")
    assert bool([b for b in at.button if b.label == "Save input"]) == writer
    if not writer:
        assert any("Read only" in i.value for i in at.info)


def test_pilot_sees_organisation_items_as_out_of_scope(database):
    at = open_page(PAGE, USERS["pilot"], lang="en")
    summary = _summary(at)
    issues = next(r for r in summary if r["Input"].startswith("ISO 9001 §9.3.2 b)"))
    assert issues["Status"] == "○ No data" and "organisation level" in issues["What the data say"]
    assert "Processes: Production" in " ".join(rendered(m.value) for m in at.markdown)


def test_lead_writes_an_input_and_a_decision(database, monkeypatch):
    at = open_page(PAGE, USERS["qse_lead"], lang="en")
    at.text_area(key="review_input_text_9.3.2.b").set_value("Our main carmaker moves to IATF 16949 in 2027.")
    submit_button(at, "review_input_9.3.2.b").click().run()
    no_exception(at)
    issues = next(r for r in _summary(at) if r["Input"].startswith("ISO 9001 §9.3.2 b)"))
    assert issues["Status"] == "✓ Data" and "IATF 16949" in issues["What the data say"]

    at.text_area(key="review_decision_text").set_value("Launch a SMED plan on the 800 t press")
    form_boxes = [s for s in at.selectbox if s.label in ("Process concerned", "Owner")]
    for box in form_boxes:
        box.select_index(0)
    at.date_input[0].set_value(date(2027, 3, 31))
    at.text_area(key="review_decision_argument").set_value("Scrap costs 80 k€ a year.")
    at.text_input(key="review_decision_inaction").set_value("80 000")
    submit_button(at, "review_new_decision").click().run()
    no_exception(at)
    assert any("DEC-2026-10-1" in d.value.to_string() for d in at.dataframe)
    assert any(b.label == "Open an action — DEC-2026-10-1" for b in at.button)
    from smqse.ui import data

    cleared = []  # the action plan and the causes page are cached: opening an action must clear them
    monkeypatch.setattr(data, "clear_after_action_change", lambda: cleared.append(True))
    next(b for b in at.button if b.label == "Open an action — DEC-2026-10-1").click().run()
    no_exception(at)
    assert not any(b.label == "Open an action — DEC-2026-10-1" for b in at.button)
    assert cleared


def test_a_decision_without_owner_is_refused_in_words(database):
    at = open_page(PAGE, USERS["qse_lead"], lang="en")
    at.text_area(key="review_decision_text").set_value("Something")
    submit_button(at, "review_new_decision").click().run()
    no_exception(at)
    errors = [rendered(e.value) for e in at.error]
    assert "Choose an owner." in errors and "The due date must be after the cut-off month." in errors


def test_pilot_generates_their_appendix(database):
    at = open_page(PAGE, USERS["pilot"], lang="en")
    at.multiselect(key="review_formats").set_value(["xlsx"])
    next(b for b in at.button if b.label == "Generate the pack").click().run()
    no_exception(at)
    assert [d.label for d in at.get("download_button")] == ["Download management-review-2026-10-v1.xlsx"]


@pytest.mark.parametrize("version", ["a/b", "../x"])
def test_a_version_that_cannot_name_a_file_is_refused_in_words(database, version):
    """The version names the pack's files: "a/b" used to reach a path (FileNotFoundError on export)."""
    at = open_page(PAGE, USERS["qse_lead"], lang="en")
    at.text_input(key="review_version").input(version).run()
    no_exception(at)
    assert any("cannot be used" in e.value and "no “/”" in e.value for e in at.error), [
        e.value for e in at.error
    ]
    assert not [b for b in at.button if "Export" in b.label or "Exporter" in b.label]


def test_charts_are_drawn_only_in_an_open_input(database):
    """Twenty inputs' figures sent in closed expanders were most of the page's time (issue 14): an input's
    charts and tables are drawn when it is opened."""
    at = open_page(PAGE, USERS["director"], lang="en")
    assert not at.get("plotly_chart")
    tables = len(at.dataframe)
    at.session_state["review_item_9.3.2.c.1"] = True  # the reader opens "customer satisfaction"
    at.run()
    no_exception(at)
    assert at.get("plotly_chart") and len(at.dataframe) > tables
