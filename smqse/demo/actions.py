"""The improvement plan: actions from events, audits, objectives and the management review, with a life
cycle relative to the cut-off (done, verified, late, cancelled…), and the 2025 management review."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl

from smqse.demo.catalogue import AS_OF
from smqse.demo.texts import ACTION_TITLES, CONTAINMENT_TITLES, REVIEW_ACTION_STATE, REVIEW_DECISIONS

TYPES = ("corrective", "preventive", "improvement", "containment")
STATUSES = ("planned", "in_progress", "done", "verified", "cancelled")
EFFECTIVENESS = ("effective", "not_effective", "not_checked")
DURATION = {
    "corrective": (30, 120),
    "preventive": (45, 180),
    "improvement": (60, 240),
    "containment": (5, 21),
}
REVIEW = {"review_id": "REV-2025", "held_on": date(2026, 1, 22), "period_start": date(2025, 1, 1),
          "period_end": date(2025, 12, 31), "title": "Revue de direction 2025", "status": "held"}  # fmt: skip
ACTION_SCHEMA = {
    "action_id": pl.String, "action_type": pl.String, "origin": pl.String, "origin_id": pl.String,
    "title": pl.String, "owner_user_id": pl.String, "process_id": pl.String, "site_id": pl.String,
    "opened_on": pl.Date, "due_on": pl.Date, "closed_on": pl.Date, "status": pl.String,
    "progress_pct": pl.Float64, "cost": pl.Float64, "expected_benefit": pl.Float64, "effectiveness": pl.String,
}  # fmt: skip
_AS = np.datetime64(AS_OF)


def _days(x) -> np.ndarray:
    return np.asarray(x, dtype=np.int64).astype("timedelta64[D]")


def lifecycle(rng: np.random.Generator, opened: np.ndarray, action_type: np.ndarray) -> dict[str, np.ndarray]:
    """Due date, status, closing date, progress and effectiveness, seen from the cut-off date.

    Each action really takes duration × a log-normal lateness (8 % stall for much longer): finished before
    the cut-off means done (verified once 45 days old, mostly), otherwise in progress, or planned when barely
    opened (or, for a quarter, still waiting for resources); late when past its due date. 4 % are cancelled.
    """
    n = opened.size
    lo = np.array([DURATION[t][0] for t in TYPES])[action_type]
    hi = np.array([DURATION[t][1] for t in TYPES])[action_type]
    duration = rng.integers(lo, hi + 1)
    lateness = rng.lognormal(0.0, 0.35, n) * np.where(rng.random(n) < 0.08, rng.uniform(2, 5, n), 1.0)
    takes = np.maximum(1, np.round(duration * lateness * 0.85)).astype(np.int64)
    due, finish = opened + _days(duration), opened + _days(takes)
    elapsed = (_AS - opened).astype(np.int64)

    not_started = (elapsed < 0.3 * duration) | (rng.random(n) < 0.25)  # or waiting for resources
    status = np.where(not_started, 0, 1)
    finished = finish <= _AS
    verified = finished & (finish + np.timedelta64(45, "D") <= _AS) & (rng.random(n) < 0.6)
    status = np.where(finished, np.where(verified, 3, 2), status)
    cancelled = rng.random(n) < 0.04
    status = np.where(cancelled, 4, status)

    progress = np.clip(np.round(elapsed / takes * 20) * 5, 5, 95)
    progress = np.select(
        [status == 0, status == 4, status >= 2], [0, np.round(rng.random(n) * 10) * 5, 100], progress
    )
    cancel_on = opened + _days(np.floor(rng.random(n) * np.maximum(1, np.minimum(takes, elapsed))))
    closed = np.where(status == 4, cancel_on, finish)
    effective = np.where(rng.random(n) < 0.78, 0, 1)
    effectiveness = np.select([status == 3, status == 2], [effective, 2], -1)
    return {
        "due": due,
        "status": status,
        "closed": closed,
        "progress": progress,
        "effectiveness": effectiveness,
    }


def _force_open(life: dict, rows: np.ndarray) -> None:
    """Events still 'action_in_progress' keep an open action."""
    life["status"][rows] = 1
    life["progress"][rows] = np.clip(life["progress"][rows], 5, 95)
    life["progress"][rows] = np.where(life["progress"][rows] == 100, 60, life["progress"][rows])
    life["effectiveness"][rows] = -1


PART_SCHEMA = {
    "type": pl.Int64, "origin": pl.String, "origin_id": pl.String, "title": pl.String, "owner_user_id": pl.String,
    "process_id": pl.String, "site_id": pl.String, "opened_on": pl.Date, "due_on": pl.Date,
}  # fmt: skip


def build_actions(
    rng: np.random.Generator,
    events: pl.DataFrame,
    causes: list[dict],
    audits: pl.DataFrame,
    objectives: list[dict],
    indicators: dict[str, dict],
    pilots: dict[str, str],
    n_actions: int,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(actions, review, review decisions)."""
    # The management review's decisions, some of them carried by an action (due date = the decision's).
    owner_process = {u: p for p, u in reversed(list(pilots.items()))} | {"u-qse": "P-QSE"}
    review = [
        (2, "review", f"DEC-2025-{i + 1}", text, owner, owner_process[owner], None,
         REVIEW["held_on"] + timedelta(days=7), date.fromisoformat(due))
        for i, (_, _, text, owner, due, with_action) in enumerate(REVIEW_DECISIONS)
        if with_action
    ]  # fmt: skip
    # Objectives behind in 2026, and those missed in 2025, get an action plan.
    behind = [
        (2, "objective", o["objective_id"], f"Plan d'actions {o['year']} : {indicators[o['indicator_id']]['name_fr']}",
         pilots[o["process_id"]], o["process_id"], o["site_id"],
         date(o["year"], 2, 1) + timedelta(days=int(rng.integers(0, 120))), None)
        for o in objectives
        if (o["year"] == 2026 and o["status"] != "met") or (o["year"] == 2025 and o["status"] == "missed")
    ]  # fmt: skip
    # Audits with a major or several minor nonconformities: one corrective action for their findings.
    found = audits.filter((pl.col("nc_major") > 0) | (pl.col("nc_minor") >= 2))
    audit_actions = found.select(
        type=pl.lit(0, pl.Int64),
        origin=pl.lit("audit"),
        origin_id="audit_id",
        title=pl.lit("Traiter les écarts de l'audit ") + pl.col("audit_id"),
        owner_user_id=pl.col("process_id").fill_null("P-QSE").replace_strict(pilots),
        process_id=pl.col("process_id").fill_null("P-QSE"),
        site_id="site_id",
        opened_on=pl.col("done_on") + pl.duration(days=pl.Series(rng.integers(3, 11, found.height))),
        due_on=pl.lit(None, pl.Date),
    )
    fixed = pl.concat(
        [
            pl.DataFrame(review, schema=PART_SCHEMA, orient="row"),
            pl.DataFrame(behind, schema=PART_SCHEMA, orient="row"),
            audit_actions.cast(PART_SCHEMA),
        ]  # fmt: skip
    )
    from_events = _event_actions(rng, events, causes, pilots, max(0, n_actions - fixed.height))
    frame = _assemble(rng, pl.concat([fixed.with_columns(in_progress=pl.lit(False)), from_events]))
    state = pl.DataFrame(
        [(k, st, pct, date.fromisoformat(c) if c else None, e) for k, (st, pct, c, e) in REVIEW_ACTION_STATE.items()],
        schema={"origin_id": pl.String, "status": pl.String, "progress_pct": pl.Float64, "closed_on": pl.Date,
                "effectiveness": pl.String},
        orient="row",
    )  # fmt: skip
    frame = frame.update(state, on="origin_id", include_nulls=True)

    links = dict(zip(frame["origin_id"].to_list(), frame["action_id"].to_list(), strict=True))
    decision_rows = [
        {
            "decision_id": f"DEC-2025-{i + 1}",
            "review_id": REVIEW["review_id"],
            "input_ref": ref,
            "decision_type": kind,
            "text": text,
            "owner_user_id": owner,
            "due_on": date.fromisoformat(due),
            "action_id": links.get(f"DEC-2025-{i + 1}") if with_action else None,
            "process_id": owner_process[owner],
        }
        for i, (ref, kind, text, owner, due, with_action) in enumerate(REVIEW_DECISIONS)
    ]
    return frame, pl.DataFrame([REVIEW]), pl.DataFrame(decision_rows)


def _event_actions(rng, events: pl.DataFrame, causes, pilots, n: int) -> pl.DataFrame:
    """n actions on events past analysis, the serious ones first (weighted sampling without replacement)."""
    weight = {"accident": 3.0, "customer_complaint": 2.0, "environmental_incident": 2.0, "audit_finding": 2.0,
              "supplier_nonconformity": 1.5, "near_miss": 0.6}  # fmt: skip
    eligible = events.filter(pl.col("status").is_in(["action_in_progress", "closed"])).with_columns(
        w=pl.col("severity").cast(pl.Float64).pow(1.5)
        * pl.col("event_type").replace_strict(weight, default=1.0, return_dtype=pl.Float64)
    )
    n = min(n, eligible.height)
    keys = np.log(eligible["w"].to_numpy()) + rng.gumbel(size=eligible.height)  # Gumbel top-k sampling
    chosen = np.sort(np.argpartition(-keys, n - 1)[:n]) if n else np.array([], np.int64)
    ev = eligible[chosen]

    # Title: a containment step, or a remedy fitting the 7M category of the event's cause.
    categories = list(ACTION_TITLES)
    titles = pl.Series([t for c in categories for t in ACTION_TITLES[c]] + list(CONTAINMENT_TITLES))
    category = {c["cause_id"]: categories.index(c["category"]) for c in causes}
    cat_code = ev["cause_id"].replace_strict(category, return_dtype=pl.Int64).to_numpy()
    draw, pick = rng.random(n), rng.integers(0, 4, n)
    near_miss = (ev["event_type"] == "near_miss").to_numpy()
    action_type = np.where(draw < 0.15, 3, np.where((near_miss & (draw < 0.85)) | (draw > 0.8), 1, 0))
    title_code = np.where(action_type == 3, len(titles) - len(CONTAINMENT_TITLES) + pick, cat_code * 4 + pick)
    return ev.select(
        type=pl.Series(action_type),
        origin=pl.lit("event"),
        origin_id="event_id",
        title=titles.gather(title_code),
        owner_user_id=pl.col("process_id").replace_strict(pilots),
        process_id="process_id",
        site_id="site_id",
        opened_on=pl.col("occurred_on") + pl.duration(days=pl.Series(rng.integers(1, 16, n))),
        due_on=pl.lit(None, pl.Date),
        in_progress=pl.col("status") == "action_in_progress",
    ).cast(PART_SCHEMA | {"in_progress": pl.Boolean})


def _assemble(rng, parts: pl.DataFrame) -> pl.DataFrame:
    """Life cycle, costs, ids (ordered by opening date)."""
    opened = np.minimum(parts["opened_on"].to_numpy().astype("datetime64[D]"), _AS)
    action_type = parts["type"].to_numpy()
    life = lifecycle(rng, opened, action_type)
    given_due = parts["due_on"].is_not_null().to_numpy()
    life["due"][given_due] = parts["due_on"].to_numpy().astype("datetime64[D]")[given_due]
    _force_open(life, np.flatnonzero(parts["in_progress"].to_numpy()))

    n = opened.size
    costed = rng.random(n) < 0.55
    cost = np.where(
        costed, np.round(rng.lognormal(np.log(600), 1.1, n) * (1 + (action_type == 2) * 4), -1), np.nan
    )
    benefit = np.where(costed & (rng.random(n) < 0.35), np.round(cost * rng.uniform(1.5, 6, n), -1), np.nan)
    status, eff = life["status"], life["effectiveness"]
    frame = parts.select(
        "origin", "origin_id", "title", "owner_user_id", "process_id", "site_id"
    ).with_columns(
        action_type=pl.Series(np.array(TYPES)[action_type]),
        opened_on=pl.Series(opened),
        due_on=pl.Series(life["due"]),
        closed_on=pl.Series(life["closed"]).set(pl.Series(status < 2), None),
        status=pl.Series(np.array(STATUSES)[status]),
        progress_pct=pl.Series(life["progress"].astype(float)),
        cost=pl.Series(cost).fill_nan(None),
        expected_benefit=pl.Series(benefit).fill_nan(None),
        effectiveness=pl.Series(np.array(EFFECTIVENESS)[np.maximum(eff, 0)]).set(pl.Series(eff < 0), None),
    )
    width = max(6, len(str(n)))
    frame = frame.with_row_index("_k").sort("opened_on", "_k").drop("_k")
    return frame.with_columns(
        action_id=pl.format("ACT-{}", pl.int_range(1, n + 1).cast(pl.String).str.zfill(width))
    ).select(list(ACTION_SCHEMA))
