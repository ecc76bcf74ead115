"""Yearly SMART objectives set from the generated data, with a controlled mix of outcomes.

Each objective's baseline is the previous year's actual value; its target improves on it in the indicator's
direction. Targets are then placed around the year's actual value (2026: year to date, data to October) so
that, of the group objectives, the most improved indicators are met, the next at risk and the most degraded
missed, aiming at 50 % / 25 % / 25 %. Only an indicator that did improve can meet an improving target, so the
share met depends on the data (the default demo's 2026: 20 met, 16 at risk, 11 missed). The reading is:

  actual = year-to-date aggregate (ratio: Σnum/Σden×base; sum: annualised, YTD × 12 / months; mean: mean of
           the monthly totals; last: last monthly total), over the objective's sites;
  lower_better:  met if actual ≤ target, at risk if ≤ alert_threshold (> target), missed beyond;
  higher_better: met if actual ≥ target, at risk if ≥ alert_threshold (< target), missed below;
  target_band:   met if |actual − target| ≤ tolerance, at risk if ≤ |alert_threshold − target|, missed beyond.

Signals of the ground truth may force a 2026 status (`objective_2026`) on the group objective and on a site
objective of their indicator.
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import polars as pl

from smqse.demo.measurements import IndicatorData
from smqse.demo.series import RECIPES

OBJECTIVE_YEARS = (2024, 2025, 2026)
NO_OBJECTIVE = ("S-HOURS", "S-FTE", "Q-OUTPUT")  # exposures and stocks: context, not performance
MET, AT_RISK, MISSED = "met", "at_risk", "missed"
PH_BAND = (7.0, 1.0, 8.5)  # centre, tolerance (internal 6–8), alert (regulatory limit 8.5)

SCHEMA = {
    "objective_id": pl.String, "indicator_id": pl.String, "site_id": pl.String, "baseline": pl.Float64,
    "target": pl.Float64, "alert_threshold": pl.Float64, "start_on": pl.Date, "deadline": pl.Date,
    "owner_user_id": pl.String, "rationale": pl.String, "cost": pl.Float64, "expected_benefit": pl.Float64,
    "tolerance": pl.Float64,
}  # fmt: skip


def aggregate(d: IndicatorData, site_mask: np.ndarray, month_mask: np.ndarray) -> float | None:
    """The indicator's value over some sites and months, aggregated as its definition says."""
    n = int(month_mask.sum())
    if n == 0 or not site_mask.any():
        return None
    cells = np.ix_(site_mask, month_mask)
    agg = d.meta["aggregation"]
    if agg == "ratio":
        return float(d.num[cells].sum() / d.den[cells].sum() * d.meta["rate_base"])
    totals = d.value[cells].sum(axis=0)
    if agg == "sum":
        return float(totals.sum() * 12 / n)
    if agg == "mean":
        return float(totals.mean())
    return float(totals[-1])


def status_of(polarity: str, actual: float, target: float, alert: float, tolerance: float | None) -> str:
    if polarity == "target_band":
        gap = abs(actual - target)
        return MET if gap <= tolerance else AT_RISK if gap <= abs(alert - target) else MISSED
    sign = 1.0 if polarity == "higher_better" else -1.0
    g, t, a = sign * actual, sign * target, sign * alert
    return MET if g >= t else AT_RISK if g >= a else MISSED


def _nice(x: float, decimals: int, up: bool | None = None) -> float:
    """Three significant digits, never finer than the indicator's precision; `up` picks the direction."""
    if x == 0:
        return 0.0
    digits = min(decimals, 2 - int(math.floor(math.log10(abs(x)))))
    scaled = x * 10**digits
    scaled = math.ceil(scaled) if up is True else math.floor(scaled) if up is False else round(scaled)
    return round(scaled / 10**digits, max(digits, 0))


def calibrate(meta: dict, baseline: float, actual: float, want: str, rng: np.random.Generator):
    """(target, alert_threshold, achieved status) improving on `baseline`, placed so `actual` lands in `want`
    when the rounding allows; None when no target can improve on it (a rate already at 100 %)."""
    polarity, lo, hi = meta["polarity"], meta["min_value"], meta["max_value"]
    decimals = RECIPES[meta["template_id"]].decimals
    sign = 1.0 if polarity == "higher_better" else -1.0
    bound = hi if sign > 0 else lo
    head = abs(bound - baseline) if bound is not None else abs(baseline)
    head = max(head, abs(baseline) * 0.02, 10.0**-decimals)  # room to improve, never zero
    gb, ga = sign * baseline, sign * actual
    done = (ga - gb) / head
    if want == MET and done <= 0.01:
        want = AT_RISK  # no improvement over the baseline: a met, improving target is impossible
    if want == MET:
        gt = gb + done * rng.uniform(0.35, 0.85) * head
        galert = gt - (gt - gb + 0.05 * head) * rng.uniform(0.6, 1.2)
    else:
        gt = gb + min(max(done, 0.0) + rng.uniform(0.04, 0.15), 0.95) * head
        gap = abs(gt - ga)
        galert = (
            ga - gap * rng.uniform(0.2, 1.0) if want == AT_RISK else gt - (gt - ga) * rng.uniform(0.3, 0.7)
        )
    best = None
    for up_target in (None, sign < 0, sign > 0):
        target = _nice(sign * gt, decimals, up_target)
        alert = _nice(sign * galert, decimals)
        if alert == target:  # keep an "at risk" band between target and alert
            alert = target - sign * 10.0 ** -min(decimals, 2 - int(math.floor(math.log10(abs(target) or 1))))
        if lo is not None:
            target, alert = max(target, lo), max(alert, lo)
        if hi is not None:
            target, alert = min(target, hi), min(alert, hi)
        got = status_of(polarity, actual, target, alert, None)
        if sign * target <= sign * _nice(baseline, decimals):
            continue
        best = best or (target, alert, got)
        if got == want:
            return target, alert, got
    return best


def _rationale(meta: dict, year: int, baseline: float, target: float) -> str:
    def fr(x: float) -> str:
        return f"{x:,.10g}".replace(",", "\u202f").replace(".", ",")

    unit, name = meta["unit"], meta["name_fr"][0].lower() + meta["name_fr"][1:]
    period = " sur l'année" if meta["aggregation"] == "sum" else ""
    if meta["polarity"] == "lower_better":
        pct = round((baseline - target) / baseline * 100) if baseline else 0
        return f"Réduire {name} de {pct} %{period} : {fr(baseline)} {unit} en {year - 1}, cible {fr(target)} {unit}."
    return f"Améliorer {name}{period} : {fr(baseline)} {unit} en {year - 1}, cible {fr(target)} {unit}."


def build_objectives(
    data: dict[str, IndicatorData],
    sites: list[dict],
    months: np.ndarray,
    pilots: dict[str, str],
    signals: list[dict],
    seed: int,
) -> tuple[pl.DataFrame, list[dict]]:
    """The objective rows, and per objective {objective_id, indicator_id, process_id, site_id, year, status}."""
    rng = np.random.default_rng([seed, 11])
    site_ids = [s["site_id"] for s in sites]
    years = months.astype("datetime64[Y]").astype(int) + 1970
    all_sites = np.ones(len(sites), bool)
    forced_group: dict[str, str] = {}
    forced_site: list[tuple[str, str, str]] = []
    for sig in signals:
        want = sig.get("objective_2026")
        if want and sig["indicator_id"] in data:
            prev = forced_group.get(sig["indicator_id"])
            forced_group[sig["indicator_id"]] = MISSED if MISSED in (prev, want) else want
            if sig["site_id"] in site_ids:
                forced_site.append((sig["indicator_id"], sig["site_id"], want))
    by_fte = sorted(range(len(sites)), key=lambda i: (sites[i]["headcount_fte"], i))
    zero_accident_sites = [site_ids[i] for i in by_fte[:2]] if "S-LTA" in data else []

    rows, outcomes = [], []
    with_objective = [i for i, d in data.items() if d.meta["template_id"] not in NO_OBJECTIVE]
    for year in OBJECTIVE_YEARS:
        now, before = years == year, years == year - 1
        if not now.any() or not before.any():
            continue
        values = {
            i: (aggregate(data[i], all_sites, before), aggregate(data[i], all_sites, now))
            for i in with_objective
        }
        wanted = _wanted(data, values, forced_group if year == 2026 else {}, rng)
        targets = [(i, None, wanted[i]) for i in with_objective]
        if year == 2026:
            targets += [(i, s, w) for i, s, w in forced_site]
        targets += [("S-LTA", s, "zero") for s in zero_accident_sites]
        for indicator_id, site_id, want in targets:
            d = data[indicator_id]
            if site_id is None:
                baseline, actual = values[indicator_id]
            else:
                mask = np.array([s == site_id for s in site_ids])
                baseline, actual = aggregate(d, mask, before), aggregate(d, mask, now)
            objective = _objective(d.meta, year, site_id, baseline, actual, want, pilots, rng)
            if objective is None:
                continue
            rows.append(objective)
            outcomes.append(
                {
                    "objective_id": objective["objective_id"],
                    "indicator_id": indicator_id,
                    "process_id": d.meta["process_id"],
                    "site_id": site_id,
                    "year": year,
                    "status": objective.pop("_status"),
                }
            )
    return pl.DataFrame(rows, schema=SCHEMA), outcomes


def progress(meta: dict, baseline: float, actual: float) -> float:
    """Improvement of `actual` over `baseline`, as a share of the room left (to 0 or 100 % for bounded ones)."""
    sign = 1.0 if meta["polarity"] == "higher_better" else -1.0
    bound = meta["max_value"] if sign > 0 else meta["min_value"]
    head = abs(bound - baseline) if bound is not None else abs(baseline)
    return sign * (actual - baseline) / max(head, abs(baseline) * 0.02, 1e-9)


def _wanted(data, values: dict, forced: dict[str, str], rng: np.random.Generator) -> dict[str, str]:
    """Desired statuses: the forced ones; the others ranked by their progress over the baseline (with a little
    chance) so the most improved are met and the most degraded missed: about 50 % / 25 % / 25 % overall."""
    n = len(values)
    quota = {MET: round(n * 0.5), AT_RISK: round(n * 0.25)}
    for status in forced.values():
        if status in quota:
            quota[status] -= 1
    free = [i for i in values if i not in forced]
    score = np.array([progress(data[i].meta, *values[i]) for i in free]) + rng.normal(0, 0.02, len(free))
    ranked = [free[k] for k in np.argsort(-score, kind="stable")]
    pool = [MET] * max(quota[MET], 0) + [AT_RISK] * max(quota[AT_RISK], 0)
    pool += [MISSED] * (len(free) - len(pool))
    return forced | dict(zip(ranked, pool, strict=True))


def _objective(meta, year, site_id, baseline, actual, want, pilots, rng) -> dict | None:
    oid = f"OBJ-{year}-{meta['indicator_id']}" + (f"-{site_id}" if site_id else "")
    tolerance = None
    if want == "zero":  # "zéro accident": any lost-time accident misses it, a second one is beyond the alert
        target, alert = 0.0, 1.0
        rationale = "Zéro accident avec arrêt sur le site : engagement de la direction (politique SST)."
    elif meta["polarity"] == "target_band":
        target, tolerance, alert = PH_BAND
        rationale = "Maintenir le pH des rejets entre 6 et 8, dans les limites de l'arrêté (5,5 à 8,5)."
    else:
        calibrated = calibrate(meta, baseline, actual, want, rng)
        if calibrated is None:
            return None
        target, alert, _ = calibrated
        rationale = _rationale(meta, year, _nice(baseline, 4), target)
    status = status_of(meta["polarity"], actual, target, alert, tolerance)
    cost = benefit = None
    if rng.random() < 0.35 and want != "zero":
        cost = float(round(rng.lognormal(np.log(15_000), 0.8), -2))
        benefit = float(round(cost * rng.uniform(1.2, 4.0), -2))
    return {
        "objective_id": oid,
        "indicator_id": meta["indicator_id"],
        "site_id": site_id,
        "baseline": _nice(baseline, RECIPES[meta["template_id"]].decimals),
        "target": float(target),
        "alert_threshold": float(alert),
        "start_on": date(year, 1, 1),
        "deadline": date(year, 12, 31),
        "owner_user_id": pilots[meta["process_id"]],
        "rationale": rationale,
        "cost": cost,
        "expected_benefit": benefit,
        "tolerance": tolerance,
        "_status": status,
    }
