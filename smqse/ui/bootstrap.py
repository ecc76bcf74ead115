"""First start in explicit demo mode (SMQSE_DEMO=1): build the demo database when the file is missing.

Never outside it: a database that went missing on a real deployment is an error
(smqse.deployment, "no_database"), not a reason to serve the demo organisation as if it were real.
"""

from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st

from smqse.db import database_path
from smqse.deployment import ConfigurationError, demo_enabled
from smqse.i18n import DEFAULT_LANGUAGE, t

_lock = threading.Lock()


def ensure_demo_database(path: Path | str | None = None, lang: str = DEFAULT_LANGUAGE) -> Path:
    """Build the demo organisation into `path` (default: `smqse.db.database_path()`) if the file is
    missing and SMQSE_DEMO=1; built atomically by `build_demo_database`. A missing file without
    SMQSE_DEMO=1 raises ConfigurationError and nothing is built."""
    path = Path(path) if path else database_path()
    if path.exists():
        return path
    if not demo_enabled():
        raise ConfigurationError("no_database", path=path)
    with _lock:
        if path.exists():  # another session built it while this one waited
            return path
        with st.spinner(t("bootstrap.building", lang)):
            from smqse.demo import build_demo_database

            build_demo_database(path)
    return path
