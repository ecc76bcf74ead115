"""The deployment decision fails closed: demo mode only when explicitly enabled or for the demo database on
a loopback address; an [auth] section is checked as Streamlit's st.login will check it; no silent demo."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from smqse import deployment
from smqse.deployment import ConfigurationError, decide, is_loopback, sign_in_providers
from tests.fixtures import empty_database

ROOT = Path(__file__).resolve().parent.parent
SECRET = "0123456789abcdef0123456789abcdef"
AUTH = {
    "redirect_uri": "https://smqse.example.com/oauth2callback",
    "cookie_secret": SECRET,
    "client_id": "smqse",
    "client_secret": "s3cret",
    "server_metadata_url": "https://idp.example.com/.well-known/openid-configuration",
}


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "smqse.duckdb"
    path.write_bytes(b"")  # exists; its content is read through `database_is_demo` only
    return path


def _decide(auth=None, *, address="127.0.0.1", database, demo=True, environ=None):
    return decide(
        auth, address=address, database=database, database_is_demo=lambda: demo, environ=environ or {}
    )


@pytest.mark.parametrize("address", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost", " LOCALHOST "])
def test_loopback_addresses(address):
    assert is_loopback(address)


@pytest.mark.parametrize("address", [None, "", " ", "0.0.0.0", "::", "192.168.1.20", "smqse.example.com",
                                     "unix:///run/smqse.sock"])  # fmt: skip
def test_unset_wildcard_and_other_addresses_are_not_loopback(address):
    assert not is_loopback(address)


def test_the_demo_database_on_loopback_is_demo_mode(database):
    assert _decide(database=database) == deployment.Deployment(demo=True)


def test_no_auth_on_every_interface_refuses_even_the_demo_database(database):
    for address in (None, "", "0.0.0.0"):
        with pytest.raises(ConfigurationError) as raised:
            _decide(address=address, database=database)
        assert raised.value.key == "no_auth_not_loopback"
        assert "0.0.0.0" in raised.value.message("en") and "[auth]" in raised.value.message("fr")


def test_no_auth_with_a_real_database_refuses_even_on_loopback(database):
    with pytest.raises(ConfigurationError) as raised:
        _decide(database=database, demo=False)
    assert raised.value.key == "no_auth_not_demo"
    assert str(database) in raised.value.message("en") and "SMQSE_DEMO=1" in raised.value.message("fr")


def test_smqse_demo_1_enables_demo_mode_anywhere(database, tmp_path):
    explicit = {"SMQSE_DEMO": "1"}
    assert _decide(address="0.0.0.0", database=database, demo=False, environ=explicit).demo
    # A missing database is then built on first start (smqse.ui.bootstrap).
    assert _decide(database=tmp_path / "missing.duckdb", environ=explicit).demo
    for other in ("0", "true", "yes", ""):
        with pytest.raises(ConfigurationError):
            _decide(address="0.0.0.0", database=database, environ={"SMQSE_DEMO": other})


def test_a_missing_database_is_an_error_outside_demo_mode(tmp_path):
    missing = tmp_path / "deleted.duckdb"
    for auth in (None, AUTH):
        with pytest.raises(ConfigurationError) as raised:
            _decide(auth, database=missing)
        assert raised.value.key == "no_database"
        assert str(missing) in raised.value.message("fr")
    assert not missing.exists()


def test_auth_wins_over_demo_mode(database):
    chosen = _decide(AUTH, database=database, environ={"SMQSE_DEMO": "1"})
    assert chosen == deployment.Deployment(demo=False, providers=("default",))


def test_the_provider_subsection_form_streamlit_accepts():
    auth = {
        "redirect_uri": AUTH["redirect_uri"],
        "cookie_secret": SECRET,
        "client_kwargs": {"prompt": "login"},  # not a provider
        "microsoft": {k: AUTH[k] for k in deployment.PROVIDER_KEYS},
        "google": {k: AUTH[k] for k in deployment.PROVIDER_KEYS},
    }
    assert sign_in_providers(auth) == ("microsoft", "google")
    assert set(sign_in_providers({**auth, "default": dict(auth["google"])})) == {
        "default",
        "microsoft",
        "google",
    }


@pytest.mark.parametrize("key", ["redirect_uri", "cookie_secret", "client_id", "client_secret",
                                 "server_metadata_url"])  # fmt: skip
def test_each_key_streamlit_needs_is_required(key):
    for broken in ({k: v for k, v in AUTH.items() if k != key}, {**AUTH, key: "  "}, {**AUTH, key: 42}):
        with pytest.raises(ConfigurationError) as raised:
            sign_in_providers(broken, "/srv/smqse/.streamlit/secrets.toml")
        message = raised.value.message("en")
        assert raised.value.key == "auth_missing_keys" and key in message, message
        assert "/srv/smqse/.streamlit/secrets.toml" in message


def test_a_provider_subsection_missing_a_key_is_named():
    auth = {"redirect_uri": AUTH["redirect_uri"], "cookie_secret": SECRET, "okta": {"client_id": "x"}}
    with pytest.raises(ConfigurationError) as raised:
        sign_in_providers(auth)
    assert "okta.client_secret" in raised.value.message("en")


@pytest.mark.parametrize(
    ("auth", "key"),
    [
        ({}, "auth_missing_keys"),
        ("oops", "auth_not_table"),
        ({"redirect_uri": AUTH["redirect_uri"], "cookie_secret": SECRET}, "auth_missing_keys"),
        ({**AUTH, "redirect_uri": "https://smqse.example.com/"}, "auth_bad_redirect_uri"),
        ({**AUTH, "cookie_secret": "test-secret"}, "auth_short_cookie_secret"),
        ({**AUTH, "server_metadata_url": "idp.example.com"}, "auth_bad_metadata_url"),
        ({"redirect_uri": AUTH["redirect_uri"], "cookie_secret": SECRET, "my_idp": dict(AUTH)},
         "auth_bad_provider_name"),
    ],
)  # fmt: skip
def test_broken_auth_sections_are_refused_in_words(auth, key, database):
    with pytest.raises(ConfigurationError) as raised:
        _decide(auth, database=database, environ={"SMQSE_DEMO": "1"})  # never a fallback to demo mode
    assert raised.value.key == key
    for lang in ("fr", "en"):
        assert raised.value.message(lang).startswith("SMQSE")


def test_sign_in_needs_authlib(monkeypatch, database):
    assert _decide(AUTH, database=database).providers == ("default",)  # the pinned Authlib is installed
    monkeypatch.setitem(sys.modules, "authlib", None)  # as on a machine without it
    with pytest.raises(ConfigurationError) as raised:
        _decide(AUTH, database=database)
    assert raised.value.key == "authlib_missing"
    assert "requirements.txt" in raised.value.message("en")


def test_authlib_and_httpx_are_pinned():
    pins = {
        line.split("==")[0].strip().lower()
        for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    }
    assert {"authlib", "httpx"} <= pins


def test_the_demo_builder_marks_the_demo_and_only_it(demo_con):
    assert deployment.is_demo_database(demo_con)
    con = empty_database()
    assert not deployment.is_demo_database(con)
    con.close()


def test_an_unreadable_database_is_said_in_words(database):
    import duckdb

    def broken():
        raise duckdb.IOException("database is locked")

    with pytest.raises(ConfigurationError) as raised:
        decide(None, address="127.0.0.1", database=database, database_is_demo=broken, environ={})
    assert raised.value.key == "database_unreadable" and "locked" in raised.value.message("fr")


@pytest.mark.parametrize(
    "name, value", [("SMQSE_COMPLETE_THRESHOLD", "90"), ("SMQSE_REPLICA_INTERVAL", "soon")]
)
def test_a_bad_setting_stops_the_server_naming_it(monkeypatch, name, value):
    from smqse.ui.configuration import check_settings

    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigurationError) as error:
        check_settings()
    assert name in error.value.message("fr") and name in error.value.message("en")
