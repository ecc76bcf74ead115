"""Shared fixtures: one small demo database per test session (built in well under a few seconds)."""

from __future__ import annotations

import pytest

from smqse import db


@pytest.fixture(scope="session")
def demo_db_path(tmp_path_factory):
    from smqse.demo import DemoSize, build_demo

    path = tmp_path_factory.mktemp("demo") / "small.duckdb"
    con = db.connect(path)
    build_demo(con, DemoSize.small())
    con.execute("CHECKPOINT")
    con.close()
    return path


@pytest.fixture(scope="session")
def demo_con(demo_db_path):
    con = db.connect(demo_db_path, read_only=True)
    yield con
    con.close()
