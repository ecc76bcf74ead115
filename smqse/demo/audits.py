"""Audit programme: internal audits of each process every year, external certification cycles per site,
supplier and customer audits. Audits after the cut-off are planned, not done."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl

from smqse.demo.catalogue import AS_OF
from smqse.demo.texts import SUPPLIERS

STANDARD_CODE = {"ISO 9001": "Q", "ISO 14001": "E", "ISO 45001": "S"}
REAL_SITE_MONTH = (11, 6, 9, 4)  # the real sites' surveillance months (Lyon's 2026 audit is still to come)

SCHEMA = {
    "audit_id": pl.String, "audit_type": pl.String, "standard": pl.String, "scope": pl.String,
    "site_id": pl.String, "process_id": pl.String, "planned_on": pl.Date, "done_on": pl.Date,
    "nc_major": pl.Int32, "nc_minor": pl.Int32, "observations": pl.Int32,
}  # fmt: skip


def _standards(fte: float) -> list[str]:
    """Every site is ISO 9001; the larger ones are also ISO 14001 and ISO 45001 certified."""
    return ["ISO 9001"] + (["ISO 14001"] if fte >= 90 else []) + (["ISO 45001"] if fte >= 150 else [])


def build_audits(
    rng: np.random.Generator, sites: list[dict], processes: list[dict], first: date
) -> pl.DataFrame:
    rows: list[dict] = []

    def add(audit_id, audit_type, standard, scope, site_id, process_id, planned, major_rate, postpone=0.0):
        if planned < first:
            return
        done = None
        if planned <= AS_OF and rng.random() >= postpone:
            done = planned + timedelta(days=int(rng.integers(0, 10)))
            done = done if done <= AS_OF else None
        counts = (
            (int(rng.poisson(major_rate)), int(rng.poisson(1.4)), int(rng.poisson(3)))
            if done
            else (None,) * 3
        )
        values = (audit_id, audit_type, standard, scope, site_id, process_id, planned, done, *counts)
        rows.append(dict(zip(SCHEMA, values, strict=True)))

    n_proc = len(processes)
    for year in range(first.year, AS_OF.year + 1):
        for i, p in enumerate(processes):
            site = sites[(year + i) % len(sites)]
            planned = date(year, 2 + (i * 10) // n_proc, 5 + (i * 3) % 20)
            scope = f"Processus {p['name_fr']} — site {site['site_id']}"
            postpone = 0.15 if year == AS_OF.year else 0.0  # a few 2026 audits slip, as in real programmes
            add(f"AUD-{year}-INT-{p['process_id']}", "internal", "ISO 9001/14001/45001", scope, site["site_id"],
                p["process_id"], planned, 0.08, postpone)  # fmt: skip
        for j, site in enumerate(sites):
            month = REAL_SITE_MONTH[j] if j < len(REAL_SITE_MONTH) else 1 + (j * 7) % 12
            kind = "certification" if (year - j) % 3 == 0 else "surveillance"
            planned = date(year, month, 12 + j % 10)
            for standard in _standards(site["headcount_fte"]):
                add(f"AUD-{year}-{site['site_id']}-{STANDARD_CODE[standard]}", kind, standard,
                    f"Système de management — site {site['site_id']}", site["site_id"], None, planned,
                    0.12 if kind == "certification" else 0.05)  # fmt: skip
        for k, month in enumerate((3, 6, 10)):
            supplier = SUPPLIERS[int(rng.integers(0, len(SUPPLIERS)))]
            add(f"AUD-{year}-SUP-{k + 1}", "supplier", "VDA 6.3", f"Audit du fournisseur {supplier}",
                sites[k % len(sites)]["site_id"], "P-ACH", date(year, month, 20), 0.3)  # fmt: skip
        add(f"AUD-{year}-CLI", "customer", "ISO/TS 22163", "Audit processus d'un client ferroviaire",
            sites[0]["site_id"], "P-COM", date(year, 5, 18), 0.1)  # fmt: skip
    return pl.DataFrame(rows, schema=SCHEMA)
