"""Who may see what. Deny by default: a scope with no process or no site sees nothing.

A user's scope is the processes and sites listed for them in `user_scope` (site NULL = every site);
directors and QSE leads see everything. The effective scope of a view is that scope intersected with
the sidebar filters, and it is bound as `$process_ids` / `$site_ids` in every data query and is part of
every cache key.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from smqse.db import run_query
from smqse.model import Domain, Role

ALL_DOMAINS: tuple[str, ...] = tuple(d.value for d in Domain)


@dataclass(frozen=True)
class User:
    user_id: str
    display_name: str
    role: Role


@dataclass(frozen=True)
class Scope:
    """Processes and sites a view may read, and the domains it shows. Hashable, so it can key a cache."""

    process_ids: tuple[str, ...]
    site_ids: tuple[str, ...]
    domains: tuple[str, ...] = ALL_DOMAINS
    # Every site of the organisation is in scope: group totals (and their objectives) are meaningful.
    all_sites: bool = True

    def params(self) -> dict[str, list[str]]:
        return {
            "process_ids": list(self.process_ids),
            "site_ids": list(self.site_ids),
            "domains": list(self.domains),
        }

    @property
    def is_empty(self) -> bool:
        return not (self.process_ids and self.site_ids and self.domains)

    def narrowed(
        self,
        *,
        process_ids: list[str] | tuple[str, ...] | None = None,
        site_ids: list[str] | tuple[str, ...] | None = None,
        domains: list[str] | tuple[str, ...] | None = None,
    ) -> Scope:
        """Intersect with a selection; an empty or None selection keeps everything allowed."""

        def keep(allowed: tuple[str, ...], chosen) -> tuple[str, ...]:
            if not chosen:
                return allowed
            return tuple(x for x in allowed if x in set(chosen))

        kept_sites = keep(self.site_ids, site_ids)
        return Scope(
            keep(self.process_ids, process_ids),
            kept_sites,
            keep(self.domains, domains),
            all_sites=self.all_sites and len(kept_sites) == len(self.site_ids),
        )


def list_users(con: duckdb.DuckDBPyConnection | None = None) -> list[User]:
    frame = run_query("users", con=con)
    return [User(r["user_id"], r["display_name"], Role(r["role"])) for r in frame.iter_rows(named=True)]


def get_user(user_id: str, con: duckdb.DuckDBPyConnection | None = None) -> User | None:
    return next((u for u in list_users(con) if u.user_id == user_id), None)


def scope_for(user: User, con: duckdb.DuckDBPyConnection | None = None) -> Scope:
    """The scope a user is allowed; everything for directors and QSE leads, `user_scope` rows otherwise."""
    catalogue = run_query("scope_catalogue", con=con)
    all_processes = tuple(sorted(catalogue.filter(catalogue["kind"] == "process")["id"].to_list()))
    every_site = tuple(sorted(catalogue.filter(catalogue["kind"] == "site")["id"].to_list()))
    if user.role in (Role.DIRECTOR, Role.QSE_LEAD):
        return Scope(all_processes, every_site)
    rows = run_query("user_scope_rows", con=con, user_id=user.user_id)
    processes = tuple(sorted(set(rows["process_id"].to_list()) & set(all_processes)))
    site_values = rows["site_id"].to_list()
    if any(s is None for s in site_values):
        sites = every_site
    else:
        sites = tuple(sorted(set(site_values) & set(every_site)))
    return Scope(processes, sites, all_sites=sites == every_site)
