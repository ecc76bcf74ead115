"""The deployment checks (smqse.deployment) on Streamlit's own view of the configuration: its secrets
(the files of the `secrets.files` option, or AppTest's), its `server.address` and the database.

Run by `smqse.ui.serve` before the server starts (a message on standard error, exit status 2) and by
app.py on every run (an error on the page, then `st.stop()`), so that `streamlit run app.py` fails closed too.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit import config
from streamlit.errors import StreamlitSecretNotFoundError

from smqse import deployment
from smqse.db import database_path, shared_connection
from smqse.deployment import ConfigurationError, Deployment

NO_SECRETS = "no-secrets-found"  # Streamlit's error_id when no secrets file exists at all


def secrets_files() -> str:
    files = config.get_option("secrets.files") or []
    return ", ".join(str(f) for f in files) or "secrets.toml"


def read_auth_section() -> Any | None:
    """The `[auth]` value of the secrets, None when there is none. Unlike `"auth" in st.secrets`, an
    unreadable or unparsable file is an error here, not "no secrets"."""
    try:
        secrets = st.secrets.to_dict()  # looked up at call time: AppTest swaps st.secrets
    except StreamlitSecretNotFoundError as error:
        if getattr(error, "error_id", None) == NO_SECRETS:
            return None
        raise ConfigurationError("secrets_unreadable", error=error) from error
    except (OSError, ValueError) as error:  # unreadable file, not UTF-8
        raise ConfigurationError("secrets_unreadable", error=error) from error
    return secrets.get("auth")


def check_settings() -> None:
    """The environment settings read later by the app: a bad value stops it here, not on some page."""
    from smqse.month_state import completeness_threshold
    from smqse.replica import replica_interval

    for read in (completeness_threshold, replica_interval):
        try:
            read()
        except ValueError as error:
            raise ConfigurationError("bad_setting", error=error) from error


def check(database_is_demo=None) -> Deployment:
    """The deployment for the current configuration, or ConfigurationError."""
    check_settings()
    path = database_path()
    return deployment.decide(
        read_auth_section(),
        address=config.get_option("server.address"),
        database=path,
        database_is_demo=database_is_demo or (lambda: deployment.is_demo_database(shared_connection(path))),
        secrets_files=secrets_files(),
    )


def require_valid_configuration(lang: str) -> Deployment:
    """app.py's guard: the deployment, or an error on the page and nothing else (st.stop())."""
    from smqse.ui import data

    try:
        return check(database_is_demo=lambda: data.is_demo_database(data.db_key()))
    except ConfigurationError as error:
        st.error(error.message(lang), icon=":material/block:")
        st.stop()
        raise  # st.stop() raises; this line only tells the type checker
