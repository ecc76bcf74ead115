"""The indicator catalogue page's data path: the indicators of the user's scope with their definitions
(`queries/indicator_catalogue.sql`). The Ishikawa page reads the same catalogue for its indicator picker.
No Streamlit here."""

from __future__ import annotations

import duckdb
import polars as pl

from smqse.db import run_query
from smqse.scope import Scope


def load_catalogue(con: duckdb.DuckDBPyConnection, scope: Scope) -> pl.DataFrame:
    return run_query("indicator_catalogue", con=con, **scope.params())
