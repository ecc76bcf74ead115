"""The event log: nonconformities, complaints, accidents, near misses… vectorised (a million in seconds).

Accidents are exactly those behind the lost-time and no-lost-time counts of the safety indicators (same site,
month and lost days), so S-LTA, S-TF1, S-TF2 and S-TG agree with the log. The other events are spread over
sites and months in proportion to the hours worked; their causes follow the Zipf weights of causes.csv,
tilted by event type (supplier nonconformities are mostly material causes, accidents mostly milieu…).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import polars as pl

from smqse.demo.catalogue import AS_OF
from smqse.demo.texts import EVENT_TITLES, EVENT_TYPES, PARTS, SUPPLIERS, WITH_PART

ACCIDENT = EVENT_TYPES.index("accident")
# Shares of the events other than accidents.
TYPE_SHARE = {
    "nonconformity": 0.34, "customer_complaint": 0.12, "incident": 0.09, "near_miss": 0.20,
    "environmental_incident": 0.04, "audit_finding": 0.10, "supplier_nonconformity": 0.11,
}  # fmt: skip
PROCESSES = {
    "nonconformity": {"P-PRO": 0.75, "P-CON": 0.1, "P-LOG": 0.1, "P-MAI": 0.05},
    "customer_complaint": {"P-COM": 0.6, "P-PRO": 0.25, "P-LOG": 0.15},
    "incident": {"P-PRO": 0.6, "P-MAI": 0.25, "P-LOG": 0.15},
    "accident": {"P-PRO": 0.65, "P-MAI": 0.2, "P-LOG": 0.15},
    "near_miss": {"P-PRO": 0.6, "P-MAI": 0.2, "P-LOG": 0.2},
    "environmental_incident": {"P-HSE": 0.5, "P-PRO": 0.3, "P-MAI": 0.2},
    "audit_finding": {"P-QSE": 0.3, "P-PRO": 0.2, "P-RH": 0.15, "P-HSE": 0.15, "P-ACH": 0.1, "P-DIR": 0.1},
    "supplier_nonconformity": {"P-ACH": 1.0},
}  # fmt: skip
# How much more (or less) likely each 7M category is for an event type, on top of the cause weights.
AFFINITY = {
    "supplier_nonconformity": {"material": 6.0, "measurement": 1.5, "machine": 0.3, "milieu": 0.2},
    "accident": {"milieu": 3.0, "manpower": 1.5, "material": 0.2, "measurement": 0.2},
    "near_miss": {"milieu": 3.0, "manpower": 1.5, "material": 0.2, "measurement": 0.2},
    "incident": {"machine": 1.5, "milieu": 2.0, "measurement": 0.3},
    "environmental_incident": {"machine": 2.0, "milieu": 3.0, "measurement": 0.5},
    "audit_finding": {"management": 3.0, "measurement": 2.0, "machine": 0.3, "material": 0.3},
    "customer_complaint": {"measurement": 1.5, "material": 1.5},
}
SEVERITY = {
    "nonconformity": (0.35, 0.35, 0.2, 0.08, 0.02), "customer_complaint": (0.15, 0.35, 0.3, 0.15, 0.05),
    "incident": (0.4, 0.35, 0.15, 0.08, 0.02), "near_miss": (0.3, 0.35, 0.25, 0.08, 0.02),
    "environmental_incident": (0.3, 0.35, 0.2, 0.1, 0.05), "audit_finding": (0.5, 0.35, 0.15, 0.0, 0.0),
    "supplier_nonconformity": (0.3, 0.35, 0.25, 0.08, 0.02),
}  # fmt: skip
MEDIAN_COST = {
    "nonconformity": 400, "customer_complaint": 1500, "incident": 600, "near_miss": 0,
    "environmental_incident": 1200, "audit_finding": 0, "supplier_nonconformity": 700,
}  # fmt: skip
STATUSES = ("open", "in_analysis", "action_in_progress", "closed")
TITLES = [t for name in EVENT_TYPES for t in EVENT_TITLES[name]]
TITLE_OFFSET = {name: TITLES.index(EVENT_TITLES[name][0]) for name in EVENT_TYPES}


def _gather(options, codes: np.ndarray) -> pl.Series:
    """Strings by code, vectorised; a negative code gives NULL."""
    idx = pl.Series(np.asarray(codes, dtype=np.int64))
    return pl.Series(list(options), dtype=pl.String).gather(idx.set(idx < 0, None))


def build_events(
    rng: np.random.Generator,
    sites: list[dict],
    months: np.ndarray,
    hours: np.ndarray,
    accidents: dict[str, np.ndarray],
    causes: list[dict],
    n_events: int,
) -> pl.DataFrame:
    n_months = hours.shape[1]
    # Other events: as many as the budget leaves after the accidents, at least one of each type.
    n_other = max(n_events - accidents["cell"].size, len(TYPE_SHARE))
    others = [EVENT_TYPES.index(t) for t in TYPE_SHARE]
    etype = np.concatenate(
        [
            np.full(accidents["cell"].size, ACCIDENT),
            np.array(others),
            rng.choice(others, n_other - len(others), p=list(TYPE_SHARE.values())),
        ]
    )
    weights = hours.ravel() / hours.sum()
    cell = np.concatenate([accidents["cell"], rng.choice(weights.size, n_other, p=weights)])
    lost_days = np.concatenate([accidents["lost_days"], np.full(n_other, -1)])
    n = etype.size
    site, month = cell // n_months, cell % n_months

    month_start = months.astype("datetime64[D]")
    days_in_month = ((months + 1).astype("datetime64[D]") - month_start).astype(int)
    day = np.floor(rng.random(n) * days_in_month[month]).astype(int)
    occurred = month_start[month] + day.astype("timedelta64[D]")

    process_ids = sorted({p for procs in PROCESSES.values() for p in procs})
    leaves = [c for c in causes if c["weight"] is not None]
    leaf_cat = [c["category"] for c in leaves]
    base_w = np.array([c["weight"] for c in leaves])
    process = np.zeros(n, np.int64)
    cause = np.zeros(n, np.int64)
    severity = np.zeros(n, np.int64)
    median = np.zeros(n)
    title = np.zeros(n, np.int64)
    for k, name in enumerate(EVENT_TYPES):
        idx = np.flatnonzero(etype == k)
        procs = PROCESSES[name]
        codes = [process_ids.index(p) for p in procs]
        process[idx] = rng.choice(codes, idx.size, p=list(procs.values()))
        tilt = np.array([AFFINITY.get(name, {}).get(c, 1.0) for c in leaf_cat])
        w = base_w * tilt
        cause[idx] = rng.choice(w.size, idx.size, p=w / w.sum())
        title[idx] = TITLE_OFFSET[name] + rng.integers(0, len(EVENT_TITLES[name]), idx.size)
        if name == "accident":  # severity and direct cost from the days lost
            severity[idx] = np.searchsorted([0, 7, 30, 90], lost_days[idx], side="right") + 1
            median[idx] = (150 + 180 * lost_days[idx]) / 1.8 ** (severity[idx] - 1)
        else:
            severity[idx] = rng.choice(5, idx.size, p=SEVERITY[name]) + 1
            median[idx] = MEDIAN_COST[name]
    # Heavy-tailed costs: log-normal around a median that grows by 80 % with each severity level.
    cost = np.round(median * 1.8 ** (severity - 1) * rng.lognormal(0.0, 1.1, n))

    # Status by age at the cut-off: old events are closed, recent ones still being handled.
    age = (np.datetime64(AS_OF) - occurred).astype(int)
    status = np.zeros(n, np.int64)
    for lo, hi, p in ((180, 10**9, (0.0, 0.01, 0.03, 0.96)), (60, 180, (0.02, 0.08, 0.2, 0.7)),
                      (-1, 60, (0.3, 0.35, 0.2, 0.15))):  # fmt: skip
        idx = np.flatnonzero((age > lo) & (age <= hi))
        status[idx] = rng.choice(4, idx.size, p=p)
    # The cause is known once the analysis is done: none while open, half of those in analysis.
    unknown = (status == 0) | ((status == 1) & (rng.random(n) < 0.5))
    cause[unknown] = -1

    is_supplier = etype == EVENT_TYPES.index("supplier_nonconformity")
    zipf = 1 / np.arange(1, len(SUPPLIERS) + 1) ** 1.2
    supplier = np.where(is_supplier, rng.choice(len(SUPPLIERS), n, p=zipf / zipf.sum()), -1)
    part = np.where(
        np.isin(etype, [EVENT_TYPES.index(t) for t in WITH_PART]), rng.integers(0, len(PARTS), n), -1
    )

    order = np.lexsort((site, etype, occurred))  # stable: ids follow the date
    width = max(6, len(str(n)))
    return pl.DataFrame(
        {
            "event_id": pl.select(
                pl.format("EV-{}", pl.int_range(1, n + 1).cast(pl.String).str.zfill(width))
            ).to_series(),
            "event_type": _gather(EVENT_TYPES, etype[order]),
            "site_id": _gather([s["site_id"] for s in sites], site[order]),
            "process_id": _gather(process_ids, process[order]),
            "occurred_on": occurred[order],
            "severity": severity[order].astype(np.int32),
            "cost": cost[order],
            "cause_id": _gather([c["cause_id"] for c in leaves], cause[order]),
            "status": _gather(STATUSES, status[order]),
            "supplier": _gather(SUPPLIERS, supplier[order]),
            "lost_days": _nullable_int(lost_days[order]),
            "title_code": title[order].astype(np.int32),
            "part_code": part[order].astype(np.int32),
        }
    )


def with_texts(events: pl.DataFrame, causes: list[dict], rows: int = 250_000) -> Iterator[pl.DataFrame]:
    """The events with their French title and description, in slices (the texts are most of the memory)."""
    label = {c["cause_id"]: c["label_fr"].lower() for c in causes}
    titles = pl.Series(TITLES)
    for start in range(0, events.height, rows):
        part = events.slice(start, rows)
        title = titles.gather(part["title_code"])
        title = pl.select(
            pl.concat_str(title, _gather(["", *(" — " + p for p in PARTS)], part["part_code"] + 1))
        )
        title = title.to_series()
        cause = part["cause_id"].replace_strict(label, default=None, return_dtype=pl.String)
        note = pl.select(
            pl.when(cause.is_null())
            .then(pl.lit(". Analyse des causes en cours."))
            .otherwise(". Cause retenue : " + cause + ".")
        ).to_series()
        description = pl.select(pl.concat_str(title, note)).to_series()
        yield part.drop("title_code", "part_code").with_columns(title=title, description=description)


def _nullable_int(values: np.ndarray) -> pl.Series:
    s = pl.Series(values.astype(np.int32))
    return s.set(s < 0, None)
