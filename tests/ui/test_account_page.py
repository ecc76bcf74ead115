"""My account (issue 15): every user edits their own e-mail settings, the QSE lead anyone's, a pilot nobody
else's; an invalid address is refused with the field named; a second submit of the same form writes
nothing. Under AppTest on a copy of the demo."""

from __future__ import annotations

import json
import shutil

import pytest

from smqse import db
from tests.ui.helpers import app_database, no_exception, open_page, submit_button

PAGE, FORM = "pages/account.py", "profile_settings_form"


@pytest.fixture
def database(demo_db_path, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    with app_database(path):
        yield path


def _rows(path, sql: str, *params) -> list[tuple]:
    cur = db.shared_connection(path).cursor()  # the app's own connection: this process holds the file
    try:
        return cur.execute(sql, list(params)).fetchall()
    finally:
        cur.close()


def _user(path, user_id: str) -> tuple:
    [row] = _rows(path, "SELECT email, language FROM app_user WHERE user_id = ?", user_id)
    return row


def _optouts(path, user_id: str) -> set[str]:
    return {k for (k,) in _rows(path, "SELECT kind FROM notification_optout WHERE user_id = ?", user_id)}


def _log(path, user_id: str) -> list[tuple]:
    sql = "SELECT changed_by, before, after, reason FROM change_log WHERE table_name = 'app_user' AND row_key = ?"
    return _rows(path, sql, user_id)


def _kind_boxes(at, user_id: str) -> dict[str, object]:
    prefix, suffix = "account_kind_", f"_{user_id}"
    return {
        box.key[len(prefix) : -len(suffix)]: box
        for box in at.checkbox
        if box.key.startswith(prefix) and box.key.endswith(suffix)
    }


def test_a_pilot_edits_their_own_settings(database):
    at = open_page(PAGE, "u-prod", lang="en")
    assert "account_user" not in [s.key for s in at.selectbox]  # nobody else's settings to pick
    boxes = _kind_boxes(at, "u-prod")
    assert list(boxes) == ["owed_values", "unfavourable_indicators", "actions_due", "objective_alerts"]
    assert all(box.value for box in boxes.values())  # no opt-out yet: every kind is received
    at.text_input(key="account_email_u-prod").set_value("  m.lambert@durand-industrie.example ")
    at.radio(key="account_language_u-prod").set_value("en")
    boxes["owed_values"].uncheck()
    submit_button(at, FORM).click().run()
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    assert _user(database, "u-prod") == ("m.lambert@durand-industrie.example", "en")
    assert _optouts(database, "u-prod") == {"owed_values"}
    [(by, before, after, reason)] = _log(database, "u-prod")
    assert by == "u-prod" and reason == "own settings"
    assert json.loads(before) == {
        "email": "marc.lambert@durand-industrie.example",
        "language": "fr",
        "opted_out": [],
    }
    assert json.loads(after)["opted_out"] == ["owed_values"]
    assert any("saved" in s.value for s in at.success)
    # The form shows what is saved now.
    assert at.text_input(key="account_email_u-prod").value == "m.lambert@durand-industrie.example"
    assert _kind_boxes(at, "u-prod")["owed_values"].value is False


def test_the_qse_lead_edits_another_users_settings(database):
    at = open_page(PAGE, "u-qse", lang="fr")
    at.selectbox(key="account_user").set_value("u-hse").run()
    no_exception(at)
    assert any("Sandrine Faure" in i.value for i in at.info)
    boxes = _kind_boxes(at, "u-hse")
    boxes["actions_due"].uncheck()
    boxes["objective_alerts"].uncheck()
    at.radio(key="account_language_u-hse").set_value("en")
    submit_button(at, FORM).click().run()
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    assert _user(database, "u-hse") == ("sandrine.faure@durand-industrie.example", "en")
    assert _optouts(database, "u-hse") == {"actions_due", "objective_alerts"}
    [(by, _, _, reason)] = _log(database, "u-hse")
    assert by == "u-qse" and reason == "settings edited by the QSE lead"
    # The QSE lead's own kinds include the escalations; a viewer is sent nothing.
    at.selectbox(key="account_user").set_value("u-qse").run()
    assert "escalations" in _kind_boxes(at, "u-qse")
    at.selectbox(key="account_user").set_value("u-cse").run()
    assert _kind_boxes(at, "u-cse") == {}


@pytest.mark.parametrize("user_id", ["u-dg", "u-cse"])
def test_a_director_and_a_viewer_edit_only_their_own(database, user_id):
    at = open_page(PAGE, user_id, lang="en")
    assert "account_user" not in [s.key for s in at.selectbox]
    at.text_input(key=f"account_email_{user_id}").set_value(f"{user_id}@durand-industrie.example")
    submit_button(at, FORM).click().run()
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    assert _user(database, user_id)[0] == f"{user_id}@durand-industrie.example"
    assert len(_log(database, user_id)) == 1


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("marc.lambert@", "not a valid address"),
        ("a@b.fr, c@d.fr", "not one address"),
        ("Marc <marc@durand-industrie.example>", "not one address"),
        ("marc@localhost", "domain"),
        ("claire.durand@durand-industrie.example", "already another user's"),
    ],
)
def test_an_invalid_address_is_refused_with_the_field_named(database, typed, reason):
    at = open_page(PAGE, "u-prod", lang="en")
    at.text_input(key="account_email_u-prod").set_value(typed)
    at.radio(key="account_language_u-prod").set_value("en")
    submit_button(at, FORM).click().run()
    no_exception(at)
    [error] = [e.value for e in at.error]
    assert error.startswith("**E-mail address**") and reason in error, error
    assert _user(database, "u-prod") == ("marc.lambert@durand-industrie.example", "fr")  # nothing written
    assert _log(database, "u-prod") == []
    assert at.text_input(key="account_email_u-prod").value == typed  # kept to be corrected


def test_a_second_submit_of_the_same_form_writes_nothing(database):
    at = open_page(PAGE, "u-prod", lang="fr")
    token = at.session_state[f"_form_token_{FORM}"]
    at.text_input(key="account_email_u-prod").set_value("marc@durand-industrie.example")
    submit_button(at, FORM).click().run()
    no_exception(at)
    assert len(_log(database, "u-prod")) == 1
    # The second request of the same form instance (its token), with other values typed meanwhile.
    at.session_state[f"_form_token_{FORM}"] = token
    at.run()
    at.text_input(key="account_email_u-prod").set_value("other@durand-industrie.example")
    submit_button(at, FORM).click().run()
    no_exception(at)
    assert _user(database, "u-prod")[0] == "marc@durand-industrie.example"
    assert len(_log(database, "u-prod")) == 1
    assert any("enregistrés" in s.value for s in at.success)


AUTH = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test-secret-of-at-least-32-characters",
        "client_id": "smqse",
        "client_secret": "secret",
        "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
    }
}


def test_signed_in_the_own_address_is_the_sign_in_one_and_is_not_edited_here(database, monkeypatch):
    """Signed in, the address is what the identity provider gives: changing one's own would sign the user
    out for good at the next run, so the field is shown, not edited; language and e-mails stay editable."""
    from streamlit.testing.v1 import AppTest

    from smqse.deployment import DEMO_ENV
    from tests.ui.helpers import APP, TIMEOUT

    monkeypatch.delenv(DEMO_ENV)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets.update(AUTH)
    at.user = {"is_logged_in": True, "email": "marc.lambert@durand-industrie.example", "email_verified": True}
    at.run()
    no_exception(at)
    at.switch_page(PAGE).run()
    no_exception(at)
    field = at.text_input(key="account_email_u-prod")
    assert field.disabled and field.value == "marc.lambert@durand-industrie.example"
    at.radio(key="account_language_u-prod").set_value("en")
    submit_button(at, FORM).click().run()
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    assert _user(database, "u-prod") == ("marc.lambert@durand-industrie.example", "en")
    assert at.text_input(key="account_email_u-prod").disabled  # still signed in as themselves
