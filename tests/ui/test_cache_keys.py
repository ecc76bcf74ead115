"""The cached views' keys: a Scope, a User and a date are hashed by their value in one step, not field by
field through Streamlit's chain of type checks on every call (a fifth of a warm landing page's CPU, more with
hundreds of sites in scope); equal values share an entry, different ones never do (issue 14)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from streamlit.runtime.caching import hashing

from smqse.model import Role
from smqse.scope import Scope, User
from smqse.ui.data import cache_view

SCOPE = Scope(process_ids=("P1", "P2"), site_ids=tuple(f"S{i:03d}" for i in range(300)))


def test_equal_values_share_an_entry_and_different_ones_do_not():
    calls = []

    @cache_view(show_spinner=False)
    def view(scope: Scope, user: User, as_of: date, at: datetime) -> tuple:
        calls.append(1)
        return scope.site_ids[:1], user.user_id, as_of, at

    user = User("u-dg", "Directeur", Role.DIRECTOR)
    at = datetime(2026, 10, 1, 12, 0)
    args = (SCOPE, user, date(2026, 10, 1), at)
    assert view(*args) == view(
        dataclasses.replace(SCOPE), User("u-dg", "Directeur", Role.DIRECTOR), *args[2:]
    )
    assert len(calls) == 1
    for other in (
        (SCOPE.narrowed(domains=["Q"]), user, date(2026, 10, 1), at),
        (dataclasses.replace(SCOPE, all_sites=False), user, date(2026, 10, 1), at),
        (SCOPE, User("u-dg", "Directeur", Role.PILOT), date(2026, 10, 1), at),
        (SCOPE, user, date(2026, 9, 1), at),
        (SCOPE, user, date(2026, 10, 1), datetime(2026, 10, 1, 12, 1)),
    ):
        view(*other)
    assert len(calls) == 6
    view.clear()


def test_a_scope_is_hashed_in_one_step(monkeypatch):
    walked = []
    asdict = dataclasses.asdict
    monkeypatch.setattr(hashing.dataclasses, "asdict", lambda obj: walked.append(type(obj)) or asdict(obj))

    @cache_view(show_spinner=False)
    def view(scope: Scope, as_of: date) -> int:
        return len(scope.site_ids)

    assert view(SCOPE, date(2026, 10, 1)) == view(SCOPE, date(2026, 10, 1)) == 300
    assert walked == []
    view.clear()


def test_the_database_key_follows_smqse_db_and_is_resolved_once(tmp_path, monkeypatch):
    import pathlib

    from smqse.ui import data

    monkeypatch.chdir(tmp_path)
    resolved = []
    resolve = pathlib.Path.resolve
    monkeypatch.setattr(pathlib.Path, "resolve", lambda self, *a: resolved.append(self) or resolve(self, *a))
    monkeypatch.setenv("SMQSE_DB", "one.duckdb")
    assert data.db_key() == data.db_key() == str(tmp_path.resolve() / "one.duckdb")
    monkeypatch.setenv("SMQSE_DB", "two.duckdb")
    assert data.db_key() == str(tmp_path.resolve() / "two.duckdb")
    assert len([p for p in resolved if p.name.endswith(".duckdb")]) == 2
