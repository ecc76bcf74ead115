"""Hand-built databases for tests: insert rows as dicts into a migrated in-memory DuckDB."""

from __future__ import annotations

import duckdb
import polars as pl

from smqse import db


def empty_database() -> duckdb.DuckDBPyConnection:
    return db.connect(":memory:")


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    frame = pl.DataFrame(rows)
    cur = con.cursor()
    cur.register("rows_to_insert", frame)
    cur.execute(f"INSERT INTO {table} BY NAME SELECT * FROM rows_to_insert")
    cur.unregister("rows_to_insert")
    cur.close()
