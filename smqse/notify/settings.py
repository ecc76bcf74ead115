"""The settings of `python -m smqse notify`: from the environment, else `.streamlit/secrets.toml` (top-level
keys of the same names). Fails closed: a malformed value is an error, never replaced by a default.

- SMQSE_SMTP_HOST, SMQSE_SMTP_SENDER: required to send (not for --dry-run).
- SMQSE_SMTP_TLS: `starttls` (default), `ssl` (implicit TLS) or `none` (a local relay only: refused with a
  password, which would then travel in clear).
- SMQSE_SMTP_PORT: default 587 with starttls, 465 with ssl, 25 with none.
- SMQSE_SMTP_USER and SMQSE_SMTP_PASSWORD: both or neither (a relay that needs no sign-in).
- SMQSE_SMTP_TIMEOUT: seconds per SMTP operation, default 30.
- SMQSE_BASE_URL: the app's address for the links of the e-mails, default http://localhost:8501/.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path

from smqse.i18n import t

HOST, PORT, SENDER, USER, PASSWORD, TLS, TIMEOUT = (
    "SMQSE_SMTP_HOST",
    "SMQSE_SMTP_PORT",
    "SMQSE_SMTP_SENDER",
    "SMQSE_SMTP_USER",
    "SMQSE_SMTP_PASSWORD",
    "SMQSE_SMTP_TLS",
    "SMQSE_SMTP_TIMEOUT",
)
BASE_URL = "SMQSE_BASE_URL"
SETTING_NAMES = (HOST, PORT, SENDER, USER, PASSWORD, TLS, TIMEOUT, BASE_URL)
REQUIRED = (HOST, SENDER)
DEFAULT_BASE_URL = "http://localhost:8501/"
DEFAULT_TIMEOUT = 30.0
TLS_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
SECRETS_FILE = Path(".streamlit") / "secrets.toml"


class SettingsError(Exception):
    """A missing or malformed setting; `message(lang)` names it and says what is expected."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        params = dict(self.params)
        if "reason" in params:
            params["reason"] = t(f"notify.reason.{params['reason']}", lang)
        return t(f"notify.settings.{self.key}", lang, **params)


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    tls: str = "starttls"
    user: str | None = None
    password: str | None = field(default=None, repr=False)  # out of logs and tracebacks
    timeout: float = DEFAULT_TIMEOUT


def read_raw(environ: Mapping[str, str] | None = None, secrets_file: Path | None = None) -> dict[str, str]:
    """Every setting given, as text: the environment's value, else the secrets file's. An unreadable or
    unparsable secrets file is an error (fail closed); a missing one is none."""
    environ = os.environ if environ is None else environ
    path = SECRETS_FILE if secrets_file is None else secrets_file
    from_file: dict[str, object] = {}
    if path.exists():
        try:
            from_file = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise SettingsError("unreadable", file=path, error=error) from error
    raw: dict[str, str] = {}
    for name in SETTING_NAMES:
        if environ.get(name, "").strip():
            raw[name] = environ[name]
        elif name in from_file:
            value = from_file[name]
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise SettingsError("bad", name=name, value=str(value), reason="text")
            raw[name] = str(value)
    return raw


def _one_line(name: str, value: str) -> str:
    text = value.strip()
    if "\n" in text or "\r" in text:
        raise SettingsError("bad", name=name, value=text, reason="text")
    return text


def smtp_settings(raw: Mapping[str, str]) -> SmtpSettings:
    """The SMTP server to send through, or SettingsError naming what is missing or wrong."""
    missing = [name for name in REQUIRED if not raw.get(name, "").strip()]
    if missing:
        raise SettingsError("missing", names=", ".join(missing))
    tls = _one_line(TLS, raw.get(TLS, "starttls")).lower()
    if tls not in TLS_PORTS:
        raise SettingsError("bad", name=TLS, value=raw[TLS], reason="tls")
    port_text = _one_line(PORT, raw.get(PORT, str(TLS_PORTS[tls])))
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise SettingsError("bad", name=PORT, value=port_text, reason="port")
    sender = _one_line(SENDER, raw[SENDER])
    if "@" not in parseaddr(sender)[1]:
        raise SettingsError("bad", name=SENDER, value=sender, reason="sender")
    user = _one_line(USER, raw.get(USER, "")) or None
    password = raw.get(PASSWORD) or None
    if (user is None) != (password is None):
        name = PASSWORD if user else USER
        raise SettingsError("bad", name=name, value="", reason="credentials")
    if password is not None and tls == "none":
        raise SettingsError("bad", name=TLS, value=tls, reason="cleartext")
    return SmtpSettings(
        host=_one_line(HOST, raw[HOST]),
        port=int(port_text),
        sender=sender,
        tls=tls,
        user=user,
        password=password,
        timeout=_timeout(raw),
    )


def _timeout(raw: Mapping[str, str]) -> float:
    text = _one_line(TIMEOUT, raw.get(TIMEOUT, str(DEFAULT_TIMEOUT)))
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf"):  # NaN fails this too
        raise SettingsError("bad", name=TIMEOUT, value=text, reason="timeout")
    return value


def base_url(raw: Mapping[str, str]) -> str:
    """The app's address the links start with (ending with one /), default DEFAULT_BASE_URL."""
    text = _one_line(BASE_URL, raw.get(BASE_URL, DEFAULT_BASE_URL))
    if not text.startswith(("http://", "https://")) or len(text.split("//", 1)[1].strip("/")) == 0:
        raise SettingsError("bad", name=BASE_URL, value=text, reason="url")
    return text.rstrip("/") + "/"
