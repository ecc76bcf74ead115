"""app.py fails closed on every run (as under plain `streamlit run app.py`): a broken or missing
configuration shows an error and nothing else — never the "view as" selector, never data."""

from __future__ import annotations

import shutil

import pytest
import streamlit
from streamlit.runtime.secrets import Secrets
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

from smqse import db
from smqse.deployment import DEMO_ENV
from tests.ui.helpers import APP, TIMEOUT, app_database, no_exception, rendered

SECRET = "test-secret-of-at-least-32-characters"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": SECRET,
    "client_id": "smqse",
    "client_secret": "secret",
    "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
}


def _run(*, user: str | None = "u-dg", secrets: dict | None = None, signed_in: dict | None = None,
         **options) -> AppTest:  # fmt: skip
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if user:
        at.query_params["user"] = user
    if secrets:
        at.secrets.update(secrets)
    if signed_in is not None:
        at.user = signed_in
    with patch_config_options(options):
        at.run()
    no_exception(at)
    return at


def _shows_nothing(at: AppTest) -> None:
    assert not [s for s in at.sidebar.selectbox if s.key == "smqse_view_as"]
    assert not at.dataframe and not at.metric
    assert "smqse_user_id" not in at.session_state


@pytest.fixture
def real_db(demo_db_path, tmp_path):
    """A copy of the demo without the demo mark: a real organisation as far as the app can tell."""
    path = tmp_path / "real.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path)
    con.execute("DELETE FROM database_setting")
    con.close()
    return path


@pytest.fixture
def not_explicit(monkeypatch):
    monkeypatch.delenv(DEMO_ENV, raising=False)


def test_the_demo_on_loopback_shows_the_selector(demo_copy, not_explicit):
    with app_database(demo_copy):
        at = _run(**{"server.address": "127.0.0.1"})
    assert at.sidebar.selectbox(key="smqse_view_as").value == "u-dg"
    assert not at.error


@pytest.mark.parametrize("address", [None, "0.0.0.0", "192.168.1.20"])
def test_no_auth_on_a_reachable_address_shows_an_error_not_the_selector(demo_db_path, not_explicit, address):
    with app_database(demo_db_path):
        at = _run(**{"server.address": address})
    _shows_nothing(at)
    assert any("[auth]" in e.value and "127.0.0.1" in e.value for e in at.error)


def test_no_auth_with_a_real_database_shows_an_error_even_on_loopback(real_db, not_explicit):
    with app_database(real_db):
        at = _run(**{"server.address": "127.0.0.1"})
    _shows_nothing(at)
    assert any(str(real_db) in e.value and "SMQSE_DEMO=1" in e.value for e in at.error)


def test_an_unparsable_secrets_file_stops_the_app_even_in_explicit_demo_mode(
    demo_db_path, tmp_path, monkeypatch
):
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text(
        '[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\nclient_id = smqse\n', encoding="utf-8"
    )  # one unquoted value
    monkeypatch.setattr(streamlit, "secrets", Secrets())  # fresh: reads the files of `secrets.files`
    with app_database(demo_db_path):
        at = _run(**{"secrets.files": [str(secrets_file)], "server.address": "127.0.0.1"})
    _shows_nothing(at)
    assert any(str(secrets_file) in e.value for e in at.error)
    assert not [b for b in at.button if b.label == "Se connecter"]


def test_an_incomplete_auth_section_stops_the_app(demo_db_path):
    incomplete = {"auth": {k: v for k, v in AUTH.items() if k != "client_secret"}}
    with app_database(demo_db_path):
        at = _run(secrets=incomplete)
    _shows_nothing(at)
    assert any("client_secret" in e.value for e in at.error)
    assert not [b for b in at.button if b.label == "Se connecter"]


def test_a_deleted_database_is_an_error_not_the_demo(tmp_path, not_explicit):
    missing = tmp_path / "deleted.duckdb"
    with app_database(missing):
        at = _run(secrets={"auth": AUTH}, signed_in={"is_logged_in": False})
    _shows_nothing(at)
    assert any(str(missing) in e.value for e in at.error)
    assert not missing.exists()


def test_the_bootstrap_builds_nothing_outside_explicit_demo_mode(tmp_path, not_explicit):
    from smqse.deployment import ConfigurationError
    from smqse.ui.bootstrap import ensure_demo_database

    missing = tmp_path / "deleted.duckdb"
    with pytest.raises(ConfigurationError):
        ensure_demo_database(missing)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("verified", [None, False, "false", 0])
def test_an_unverified_email_is_refused(demo_db_path, tmp_path, verified):
    path = tmp_path / "with-email.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path)
    con.execute("UPDATE app_user SET email = 'direction@test.example' WHERE user_id = 'u-dg'")
    con.close()
    claims = {"is_logged_in": True, "email": "direction@test.example"}
    if verified is not None:
        claims["email_verified"] = verified
    with app_database(path):
        at = _run(secrets={"auth": AUTH}, signed_in=claims)
        _shows_nothing(at)
        assert any(
            "direction@test.example" in rendered(e.value) and "email_verified" in rendered(e.value)
            for e in at.error
        )
        assert [b for b in at.button if b.label == "Se déconnecter"]

        at = _run(secrets={"auth": AUTH}, signed_in={**claims, "email_verified": True})
        assert at.session_state["smqse_user_id"] == "u-dg" and at.dataframe


def test_several_providers_each_get_a_sign_in_button(demo_copy):
    provider = {k: AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")}
    auth = {
        "redirect_uri": AUTH["redirect_uri"],
        "cookie_secret": SECRET,
        "microsoft": provider,
        "google": provider,
    }
    with app_database(demo_copy):
        at = _run(secrets={"auth": auth}, signed_in={"is_logged_in": False})
    _shows_nothing(at)
    assert [b.label for b in at.button] == ["Se connecter avec microsoft", "Se connecter avec google"]
