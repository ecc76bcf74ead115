"""Build the demo organisation into a database file, atomically."""

from __future__ import annotations

import os
from pathlib import Path

from smqse import db
from smqse.demo.generator import build_demo


def build_demo_database(path: Path) -> Path:
    """Write the demo into a temporary file and rename it into place, so that a reader never sees a
    half-built database and an interrupted build leaves only the temporary file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con = db.connect(tmp)
    try:
        build_demo(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, path)
    return path
