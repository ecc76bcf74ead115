"""The project's Streamlit configuration (.streamlit/config.toml, read by `make run` from the project root)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from streamlit import byte_util

CONFIG = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"


def test_every_cached_view_shares_one_bounded_byte_budget():
    """max_entries bounds each cache by count, not size: at enterprise scale the server grew by about 1 GB
    per user opening every page. A global budget keeps the cached data flat with users and scopes."""
    server = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["server"]
    budget = byte_util.config_max_cache_data_size_to_bytes(server.get("maxCacheDataSize"))
    assert budget is not None and 0 < budget <= 1024**3
