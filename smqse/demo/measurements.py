"""Indicator values per site and month, with the ground-truth signals injected, as insertable frames."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import polars as pl

from smqse.demo.catalogue import month_index
from smqse.demo.series import INTEGER_SERIES, RECIPES, Grid, compute_series


@dataclass
class IndicatorData:
    """One indicator's (sites × months) arrays; num/den are None for non-ratio indicators."""

    meta: dict
    value: np.ndarray
    num: np.ndarray | None = None
    den: np.ndarray | None = None


def signal_multipliers(signals: list[dict], site_ids: list[str], months: np.ndarray) -> dict[str, np.ndarray]:
    """Per series, the product of the multipliers of the signals that fall on the built sites and months."""
    out: dict[str, np.ndarray] = {}
    pos = {s: i for i, s in enumerate(site_ids)}
    t = np.arange(len(months))
    for sig in signals:
        recipe = RECIPES.get(sig["indicator_id"])
        if recipe is None or sig["site_id"] not in pos:
            continue
        start = month_index(months, sig["start"])
        end = month_index(months, sig["end"]) if sig.get("end") else len(months) - 1
        m = float(sig["magnitude"])
        if sig["type"] == "shift":
            factor = np.where((t >= start) & (t <= end), 1 + m, 1.0)
        elif sig["type"] == "outlier":
            factor = np.where(t == start, 1 + m, 1.0)
        elif sig["type"] == "drift":
            ramp = np.clip((t - start) / max(end - start, 1), 0, 1)
            factor = np.where(t >= start, 1 + m * ramp, 1.0)
        else:
            raise ValueError(f"unknown signal type {sig['type']!r}")
        grid = out.setdefault(recipe.primary, np.ones((len(site_ids), len(months))))
        grid[pos[sig["site_id"]]] *= factor
    return out


def signal_comments(signals: list[dict], site_ids: list[str], months: np.ndarray) -> dict[tuple, str]:
    """(indicator_id, site index, month index) → the pilot's comment at a signal's start."""
    pos = {s: i for i, s in enumerate(site_ids)}
    out = {}
    for sig in signals:
        t = month_index(months, sig["start"])
        if sig.get("comment") and sig["site_id"] in pos and 0 <= t < len(months):
            out[(sig["indicator_id"], pos[sig["site_id"]], t)] = sig["comment"]
    return out


def _from_recipe(meta: dict, series: dict[str, np.ndarray]) -> IndicatorData:
    recipe = RECIPES[meta["template_id"]]
    if recipe.value:
        return IndicatorData(meta, np.round(series[recipe.value], recipe.decimals))
    num, den = series[recipe.num], series[recipe.den]
    value = np.round(num / den * meta["rate_base"], recipe.decimals)
    return IndicatorData(meta, value, num, den)


def _variant(meta: dict, template: IndicatorData, rng: np.random.Generator) -> IndicatorData:
    """A synthetic indicator: its template's data with its own level and noise (same exposure)."""
    recipe = RECIPES[meta["template_id"]]
    spread = 0.03 if meta["polarity"] == "target_band" else 0.2  # a pH stays a plausible pH
    factor = rng.lognormal(0.0, spread) * rng.lognormal(0.0, 0.05, template.value.shape)
    lo, hi = meta["min_value"], meta["max_value"]
    if recipe.value:
        value = template.value * factor
        value = np.round(value) if recipe.value in INTEGER_SERIES else value
        value = np.clip(value, lo if lo is not None else -np.inf, hi if hi is not None else np.inf)
        return IndicatorData(meta, np.round(value, recipe.decimals))
    cap = template.den * hi / meta["rate_base"] if hi is not None else None
    if cap is not None and np.mean(template.num / cap) > 0.8:
        num = cap - (cap - template.num) * factor  # near 100 %: vary the shortfall, or it would saturate
    else:
        num = template.num * factor
    num = np.round(num) if recipe.num in INTEGER_SERIES else np.round(num, 2)
    if cap is not None:  # a bounded rate (a %) keeps numerator ≤ denominator
        num = np.clip(num, 0, np.floor(cap * 100) / 100)
    value = np.round(num / template.den * meta["rate_base"], recipe.decimals)
    return IndicatorData(meta, value, num, template.den)


def generate(
    seed: int, sites: list[dict], indicators: list[dict], months: np.ndarray, signals: list[dict]
) -> tuple[dict[str, IndicatorData], dict[str, np.ndarray], np.ndarray]:
    """Every selected indicator's data, the accident list behind S-LTA / S-TF1 / S-TF2 / S-TG, and the hours
    worked (the exposure events are spread by, whether S-HOURS is selected or not)."""
    unknown = [m["indicator_id"] for m in indicators if m["template_id"] not in RECIPES]
    if unknown:
        raise ValueError(f"no generation recipe in smqse.demo.series.RECIPES for {unknown}")
    site_ids = [s["site_id"] for s in sites]
    multipliers = signal_multipliers(signals, site_ids, months)
    grid = Grid(seed, np.array([s["headcount_fte"] for s in sites]), months, multipliers)
    series, accidents = compute_series(grid)
    missing = set(multipliers) - grid.asked
    if missing:
        raise ValueError(f"signals target series that cannot move: {sorted(missing)}")
    templates: dict[str, IndicatorData] = {}
    data: dict[str, IndicatorData] = {}
    for meta in indicators:
        tid = meta["template_id"]
        if tid not in templates:
            base = next((m for m in indicators if m["indicator_id"] == tid), meta | {"indicator_id": tid})
            templates[tid] = _from_recipe(base, series)
        if meta["indicator_id"] == tid:
            data[tid] = templates[tid]
        else:
            data[meta["indicator_id"]] = _variant(
                meta, templates[tid], grid.rng("variant:" + meta["indicator_id"])
            )
    return data, accidents, series["hours"]


def measurement_frames(
    data: dict[str, IndicatorData],
    sites: list[dict],
    months: np.ndarray,
    pilots: dict[str, str],
    comments: dict[tuple, str],
    seed: int,
    rows_per_frame: int = 2_000_000,
) -> Iterator[pl.DataFrame]:
    """Measurement rows (version 1, no import) in chunks, ordered by indicator, site, period.

    entered_at is derived from the period, never from the clock: the pilot keys the month in between the 2nd
    and the 9th of the next month, during working hours.
    """
    n_sites, n_months = len(sites), len(months)
    cells = n_sites * n_months
    site_idx = np.repeat(np.arange(n_sites), n_months)
    month_idx = np.tile(np.arange(n_months), n_sites)
    site_ids = pl.Series([s["site_id"] for s in sites])
    periods = pl.Series(months.astype("datetime64[D]")).gather(month_idx)
    next_month = (months + 1).astype("datetime64[D]").astype("datetime64[us]")
    rng = np.random.default_rng([seed, 7])
    day = rng.integers(1, 9, (n_sites, n_months))
    entered_base = next_month[None, :] + day.astype("timedelta64[D]") + np.timedelta64(8, "h")
    entered_base = entered_base.ravel()

    per_frame = max(1, rows_per_frame // cells)
    ids = list(data)
    for chunk_start in range(0, len(ids), per_frame):
        chunk = ids[chunk_start : chunk_start + per_frame]
        n = len(chunk) * cells
        minutes = rng.integers(0, 9 * 60, n).astype("timedelta64[m]")
        frame = pl.DataFrame(
            {
                "indicator_id": pl.Series(chunk).gather(np.repeat(np.arange(len(chunk)), cells)),
                "site_id": site_ids.gather(np.tile(site_idx, len(chunk))),
                "period": pl.concat([periods] * len(chunk)),
                "value": np.concatenate([data[i].value.ravel() for i in chunk]),
                "numerator": _optional(data, chunk, "num", cells),
                "denominator": _optional(data, chunk, "den", cells),
                "entered_by": pl.Series([pilots[data[i].meta["process_id"]] for i in chunk]).gather(
                    np.repeat(np.arange(len(chunk)), cells)
                ),
                "entered_at": np.tile(entered_base, len(chunk)) + minutes,
                "version": pl.repeat(1, n, dtype=pl.Int32, eager=True),
            }
        )
        pos = {ind: k for k, ind in enumerate(chunk)}
        notes = [
            (pos[i] * cells + s * n_months + t, text) for (i, s, t), text in comments.items() if i in pos
        ]
        comment = pl.repeat(None, n, dtype=pl.String, eager=True).alias("comment")
        if notes:
            comment = comment.scatter([r for r, _ in notes], [text for _, text in notes])
        yield frame.with_columns(comment)


def _optional(data, chunk, attr, cells) -> pl.Series:
    parts = [
        getattr(data[i], attr).ravel() if getattr(data[i], attr) is not None else np.full(cells, np.nan)
        for i in chunk
    ]
    return pl.Series(np.concatenate(parts)).fill_nan(None)
