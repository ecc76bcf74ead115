"""First start: build the demo database when the configured file does not exist yet."""

from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st

from smqse.db import database_path
from smqse.i18n import DEFAULT_LANGUAGE, t

_lock = threading.Lock()


def ensure_demo_database(path: Path | str | None = None, lang: str = DEFAULT_LANGUAGE) -> Path:
    """Build the demo organisation into `path` (default: `smqse.db.database_path()`) if the file is
    missing; built atomically by `build_demo_database`."""
    path = Path(path) if path else database_path()
    if path.exists():
        return path
    with _lock:
        if path.exists():  # another session built it while this one waited
            return path
        with st.spinner(t("bootstrap.building", lang)):
            from smqse.demo import build_demo_database

            build_demo_database(path)
    return path
