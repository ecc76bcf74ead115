"""Ingest fixtures: a writable copy of the session's small demo database per test, and its state fingerprint."""

from __future__ import annotations

import shutil

import pytest

from smqse import db
from smqse.scope import get_user


@pytest.fixture
def con(demo_db_path, tmp_path):
    path = tmp_path / "ingest.duckdb"
    shutil.copy(demo_db_path, path)
    connection = db.connect(path)
    yield connection
    connection.close()


@pytest.fixture
def db_file(demo_db_path, tmp_path):
    path = tmp_path / "cli.duckdb"
    shutil.copy(demo_db_path, path)
    return path


@pytest.fixture
def users(con):
    return {uid: get_user(uid, con) for uid in ("u-qse", "u-dg", "u-prod", "u-hse", "u-cse")}
