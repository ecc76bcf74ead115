"""Helpers of the ingest tests."""

from __future__ import annotations

TABLES = ("measurement", "import_batch", "change_log", "event", "action", "indicator", "objective")


def fingerprint(con) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent hash of every table an import may touch."""
    cur = con.cursor()
    state = {}
    for table in TABLES:
        state[table] = cur.execute(
            f"SELECT count(*), coalesce(md5(string_agg(CAST(t AS VARCHAR), '|' ORDER BY CAST(t AS VARCHAR))), '')"
            f" FROM {table} t"
        ).fetchone()
    cur.close()
    return state
