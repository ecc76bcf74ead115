"""First start: build the demo database when the configured file does not exist yet."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import streamlit as st

from smqse.db import connect, database_path
from smqse.i18n import DEFAULT_LANGUAGE, t

_lock = threading.Lock()


def ensure_demo_database(path: Path | str | None = None, lang: str = DEFAULT_LANGUAGE) -> Path:
    """Build the demo organisation into `path` (default: `smqse.db.database_path()`) if the file is missing.

    The database is written to a temporary file and renamed into place, so a reader never sees a
    half-built file and an interrupted build leaves nothing behind but the temporary file."""
    path = Path(path) if path else database_path()
    if path.exists():
        return path
    with _lock:
        if path.exists():  # another session built it while this one waited
            return path
        with st.spinner(t("bootstrap.building", lang)):
            from smqse.demo import build_demo

            tmp = path.with_name(path.name + ".tmp")
            for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
                leftover.unlink(missing_ok=True)
            con = connect(tmp)
            try:
                build_demo(con)
                con.execute("CHECKPOINT")
            finally:
                con.close()
            os.replace(tmp, path)
    return path
