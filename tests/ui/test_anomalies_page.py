"""The anomaly page under AppTest: every role runs it and sees only the flags of their scope; a note
submitted through the form persists (on a temporary copy of the demo database) and the flag stops nagging;
a viewer's form is disabled."""

from __future__ import annotations

import os
import shutil

import pytest

from smqse import db
from tests.ui import test_app
from tests.ui.test_app import ROLES, _app, _no_exception

org = test_app.org  # the module-scoped small demo of the app tests (a pytest fixture)

PAGE = "pages/anomalies.py"
# An unmistakable spike planted in this module's own copy of the small demo (24 months, where a seasonal
# baseline can hide smaller planted anomalies): E-WATER at Lyon, June 2026, eight times its usual level.
PLANT = (
    "UPDATE measurement SET value = round(value * 8, 1) "
    "WHERE indicator_id = 'E-WATER' AND site_id = 'LYON' AND period = DATE '2026-06-01'"
)


@pytest.fixture(scope="module", autouse=True)
def planted(org):
    db.close_shared_connections()
    con = db.connect(org["path"])
    con.execute(PLANT)
    con.execute("CHECKPOINT")
    con.close()
    yield
    db.close_shared_connections()


def _open(role_user: str, **params):
    at = _app(None, user=role_user, **params).run()
    _no_exception(at)
    at.switch_page(PAGE).run()
    _no_exception(at)
    return at


def _flag_table(at):
    tables = [d.value for d in at.dataframe if "note_status" in d.value.columns]
    assert len(tables) <= 1, [list(d.value.columns) for d in at.dataframe]
    return tables[0] if tables else None


def _submit(at):
    return next(b for b in at.button if b.label in ("Enregistrer la note", "Save the note"))


@pytest.mark.parametrize("role", ROLES)
def test_every_role_runs_the_page_and_sees_only_their_scope(org, role):
    at = _open(org["users"][role])
    assert at.title[0].value == "Veille des anomalies"
    table = _flag_table(at)
    if table is None:  # nothing flagged for this role in the window: said, not an empty table
        assert any("Aucune anomalie" in i.value for i in at.info)
        return
    assert set(table["indicator_id"]) <= org["expected"][role]
    # Every kind is said in words with an icon, never by colour alone.
    assert all(" " in kind for kind in table["kind"])
    # The selected flag is drawn with its takeaway sentence.
    assert any("(score " in m.value or "score " in m.value for m in at.markdown)
    submit = _submit(at)
    assert submit.disabled == (role == "viewer")


def test_flags_exist_for_the_roles_that_see_the_spike(org):
    """The planted spike (environment) is flagged for every role whose scope includes it."""
    for role in ("director", "qse_lead", "viewer"):
        assert _flag_table(_open(org["users"][role])) is not None, role


def test_english(org):
    at = _open(org["users"]["qse_lead"], lang="en")
    assert at.title[0].value == "Anomaly watch"
    table = _flag_table(at)
    assert table is not None
    assert not any("Pic" in k or "Creux" in k for k in table["kind"])


@pytest.fixture
def copy_of_demo(org, tmp_path):
    """A throwaway copy of the demo database, so the note written here touches no other test."""
    db.close_shared_connections()
    path = tmp_path / "notes.duckdb"
    shutil.copy(org["path"], path)
    previous = os.environ["SMQSE_DB"]
    os.environ["SMQSE_DB"] = str(path)
    yield path
    db.close_shared_connections()
    os.environ["SMQSE_DB"] = previous


def test_a_note_submitted_through_the_form_persists(org, copy_of_demo):
    at = _open(org["users"]["qse_lead"])
    before = _flag_table(at)
    flag_id = at.selectbox(key="anomalies_detail").value
    indicator_id, site_id, period = flag_id.split("|")
    at.radio(key="anomalies_form_status").set_value("false_alarm")
    at.text_area(key="anomalies_form_note").input("Capteur recalibré ce mois-là")
    _submit(at).click().run()
    _no_exception(at)

    cur = db.shared_connection(copy_of_demo).cursor()
    notes = cur.execute(
        "SELECT status, note, noted_by FROM anomaly_note WHERE indicator_id = $i AND site_id = $s "
        "AND period = CAST($p AS DATE)",
        {"i": indicator_id, "s": site_id, "p": period},
    ).fetchall()
    logged = cur.execute(
        "SELECT changed_by, operation, reason FROM change_log WHERE table_name = 'anomaly_note'"
    ).fetchall()
    cur.close()
    assert notes == [("false_alarm", "Capteur recalibré ce mois-là", org["users"]["qse_lead"])]
    assert logged == [(org["users"]["qse_lead"], "insert", "Capteur recalibré ce mois-là")]
    # The noted flag stops nagging: one fewer row, and it comes back with the toggle.
    after = _flag_table(at)
    assert after is None or len(after) == len(before) - 1
    assert any("Note enregistrée" in s.value for s in at.success)
    at.toggle(key="anomalies_show_noted").set_value(True).run()
    _no_exception(at)
    assert len(_flag_table(at)) == len(before)
    assert any("Fausse alerte" in s for s in _flag_table(at)["note_status"])


def test_a_hostile_note_is_shown_as_typed_not_as_markdown(org, copy_of_demo):
    """A note `![x](http://host/x.png) [click](http://host/phish)` must not become a fetched image and a live
    link for the next reader (issue 11): the caption escapes every Markdown character of it."""
    hostile = "![x](http://host/x.png) [click](http://host/phish) :red[alarm] $x$"
    at = _open(org["users"]["qse_lead"])
    flag_id = at.selectbox(key="anomalies_detail").value
    at.radio(key="anomalies_form_status").set_value("explained")
    at.text_area(key="anomalies_form_note").input(hostile)
    _submit(at).click().run()
    _no_exception(at)
    at.toggle(key="anomalies_show_noted").set_value(True).run()
    at.selectbox(key="anomalies_detail").set_value(flag_id).run()
    _no_exception(at)
    captions = [c.value for c in at.caption if "host" in c.value]
    assert len(captions) == 1, [c.value for c in at.caption]
    shown = captions[0]
    assert r"\!\[x\]\(http\:\/\/host\/x\.png\) \[click\]\(http\:\/\/host\/phish\)" in shown
    assert r"\:red\[alarm\] \$x\$" in shown
    unescaped = [i for i, ch in enumerate(shown) if ch in "![]()$:" and (i == 0 or shown[i - 1] != "\\")]
    note_start = shown.index(r"\!\[x")
    assert [i for i in unescaped if i >= note_start] == []
