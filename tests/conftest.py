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


@pytest.fixture
def demo_copy(demo_db_path, tmp_path):
    """A writable copy of the session's demo database (tests that write must not touch the shared one)."""
    import shutil

    path = tmp_path / "demo-copy.duckdb"
    shutil.copy(demo_db_path, path)
    return path


@pytest.fixture
def demo_write_con(demo_copy):
    con = db.connect(demo_copy)
    yield con
    con.close()
