"""How the app may run: signed in with OpenID Connect, or in demo mode. Fails closed. No Streamlit here.

    decide(auth, address=..., database=..., database_is_demo=..., secrets_files=...) -> Deployment
        raises ConfigurationError (a message in French and English) instead of falling back to anything
        more permissive.

- An `[auth]` section in secrets.toml means OpenID Connect; it must hold everything Streamlit's `st.login`
  needs (checked here with Streamlit's own rules, plus a redirect URI ending in /oauth2callback and a cookie
  secret long enough to resist guessing), Authlib must be installed and the database must exist.
- Without `[auth]`, demo mode (the "view as" selector) only when SMQSE_DEMO=1, or when the database is the
  demo organisation (the mark the demo builder writes) and the server listens on a loopback address only.
  Anything else is an error: a deployment whose secrets file went missing must not open to every visitor.
- A missing database is an error, except with SMQSE_DEMO=1 (the demo is then built on first start).
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from smqse.i18n import LANGUAGES, t

DEMO_ENV = "SMQSE_DEMO"
ORGANISATION_SETTING = "organisation"  # database_setting row the demo builder writes…
DEMO_ORGANISATION = "demo"  # …with this value
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")  # what Streamlit requires per provider
DEFAULT_PROVIDER = "default"  # `st.login()` without a name
MIN_COOKIE_SECRET = 32  # characters; the cookie secret signs who is signed in
_NOT_PROVIDERS = {"client_kwargs"}  # a table of the default provider, not a provider of its own


class ConfigurationError(Exception):
    """A configuration that must stop the app; `message(lang)` says what is wrong and how to fix it."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        return t(f"deploy.{self.key}", lang, **self.params)

    def bilingual(self) -> str:
        """French then English, for the server's standard error (no language is chosen yet there)."""
        return "\n\n".join(self.message(lang) for lang in LANGUAGES)


@dataclass(frozen=True)
class Deployment:
    demo: bool  # the "view as" selector; False = OpenID Connect sign-in
    providers: tuple[str, ...] = ()  # names for st.login (DEFAULT_PROVIDER = st.login())


def demo_enabled(environ: Mapping[str, str] | None = None) -> bool:
    """SMQSE_DEMO=1 (exactly): demo mode asked for explicitly."""
    return (os.environ if environ is None else environ).get(DEMO_ENV, "").strip() == "1"


def is_loopback(address: str | None) -> bool:
    """True only for an address that cannot be reached from another machine: 127.0.0.0/8, ::1,
    localhost. An unset or empty address (Streamlit then listens everywhere), 0.0.0.0 or :: is not."""
    text = (address or "").strip().strip("[]").lower()
    if text == "localhost":
        return True
    try:
        return ipaddress.ip_address(text).is_loopback
    except ValueError:
        return False


def is_demo_database(con) -> bool:
    """The demo builder's mark, read on a migrated connection (`smqse.db.shared_connection`)."""
    from smqse.db import run_query

    frame = run_query("database_setting", con=con, setting=ORGANISATION_SETTING)
    return frame.height == 1 and frame["value"][0] == DEMO_ORGANISATION


def sign_in_providers(auth: object, secrets_files: str = "secrets.toml") -> tuple[str, ...]:
    """The providers an `[auth]` section defines, checked as Streamlit's `st.login` will check them
    (streamlit.auth_util.validate_auth_credentials): redirect_uri and cookie_secret, then for the default
    provider (keys at the top of [auth], or [auth.default]) and for each [auth.NAME] sub-table:
    client_id, client_secret, server_metadata_url."""
    if not isinstance(auth, Mapping):
        raise ConfigurationError("auth_not_table", files=secrets_files)
    missing = [key for key in ("redirect_uri", "cookie_secret") if not _text(auth.get(key))]
    if missing:
        raise ConfigurationError("auth_missing_keys", files=secrets_files, keys=", ".join(missing))
    redirect_uri = str(auth["redirect_uri"]).strip()
    if not redirect_uri.startswith(("http://", "https://")) or not redirect_uri.endswith("/oauth2callback"):
        raise ConfigurationError("auth_bad_redirect_uri", files=secrets_files, value=redirect_uri)
    if len(str(auth["cookie_secret"])) < MIN_COOKIE_SECRET:
        raise ConfigurationError("auth_short_cookie_secret", files=secrets_files, minimum=MIN_COOKIE_SECRET)

    sections: dict[str, object] = {
        name: value
        for name, value in auth.items()
        if isinstance(value, Mapping) and name not in _NOT_PROVIDERS
    }
    if DEFAULT_PROVIDER not in sections and any(key in auth for key in PROVIDER_KEYS):
        sections = {DEFAULT_PROVIDER: auth, **sections}
    if not sections:
        raise ConfigurationError("auth_missing_keys", files=secrets_files, keys=", ".join(PROVIDER_KEYS))
    for name, section in sections.items():
        if "_" in name:  # Streamlit refuses these names at sign-in
            raise ConfigurationError("auth_bad_provider_name", files=secrets_files, provider=name)
        assert isinstance(section, Mapping)
        missing = [key for key in PROVIDER_KEYS if not _text(section.get(key))]
        if missing:
            keys = ", ".join(missing if name == DEFAULT_PROVIDER else (f"{name}.{k}" for k in missing))
            raise ConfigurationError("auth_missing_keys", files=secrets_files, keys=keys)
        url = str(section["server_metadata_url"]).strip()
        if not url.startswith(("http://", "https://")):
            raise ConfigurationError("auth_bad_metadata_url", files=secrets_files, value=url)
    return tuple(sections)


def require_authlib() -> None:
    """Streamlit's sign-in needs Authlib (1.3.2 or later) and httpx; without them "Sign in" fails."""
    try:
        import authlib
        import httpx  # noqa: F401  (Authlib's Starlette client)

        version = tuple(int(part) for part in authlib.__version__.split(".")[:3])
    except (ImportError, ValueError):
        raise ConfigurationError("authlib_missing") from None
    if version < (1, 3, 2):
        raise ConfigurationError("authlib_missing")


def decide(
    auth: object | None,
    *,
    address: str | None,
    database: Path,
    database_is_demo: Callable[[], bool],
    secrets_files: str = "secrets.toml",
    environ: Mapping[str, str] | None = None,
) -> Deployment:
    """The mode the app runs in, or ConfigurationError. `auth` is the `[auth]` value of the secrets
    (None when absent); `address` is server.address; `database_is_demo` reads the demo mark."""
    if auth is not None:
        providers = sign_in_providers(auth, secrets_files)
        require_authlib()
        if not database.exists():
            raise ConfigurationError("no_database", path=database)
        return Deployment(demo=False, providers=providers)
    if demo_enabled(environ):
        return Deployment(demo=True)
    if not database.exists():
        raise ConfigurationError("no_database", path=database)
    if not is_loopback(address):
        # Unset, Streamlit listens on every interface: shown as such.
        shown = address.strip() if address and address.strip() else "0.0.0.0"
        raise ConfigurationError("no_auth_not_loopback", files=secrets_files, address=shown)
    if not _read_demo_mark(database, database_is_demo):
        raise ConfigurationError("no_auth_not_demo", files=secrets_files, path=database)
    return Deployment(demo=True)


def _read_demo_mark(database: Path, database_is_demo: Callable[[], bool]) -> bool:
    import duckdb

    try:
        return database_is_demo()
    except duckdb.Error as error:
        raise ConfigurationError("database_unreadable", path=database, error=error) from error


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())
