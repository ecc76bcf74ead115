"""The demo's reference data: committed CSV files, the size of a build, the time axis.

The CSV files under data/ are the organisation as a person would describe it (sites, processes, users,
indicators, the 7M cause tree); everything measured is generated from them by `smqse.demo.generator`.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path

import numpy as np

from smqse.db import ROOT

DATA_DIR = ROOT / "data"
GROUND_TRUTH_PATH = DATA_DIR / "demo_ground_truth.json"

# Fixed, not today's date: the demo must be byte-identical on every machine and every day.
DEMO_END_MONTH = date(2026, 10, 1)
AS_OF = date(2026, 10, 31)  # last day with data: events, actions and audits are dated up to here

_FLOATS = {"headcount_fte", "rate_base", "min_value", "max_value", "weight"}


@dataclass(frozen=True)
class DemoSize:
    """How big a demo to build. None means "the demo's own": its real sites, all indicators, ~100 events a year
    for the demo's 755 FTE (scaled with the headcount and the years chosen).

    Beyond the 4 real sites, synthetic plants S001… are added; beyond the 50 indicators, variants Q-X001….
    `events` is the total: the accidents behind the safety indicators first, then the other types (at least
    one of each). Measurements: sites × indicators × 12 × years rows.
    """

    sites: int | None = None
    indicators: int | None = None
    years: int = 6
    events: int | None = None

    @classmethod
    def small(cls) -> DemoSize:
        """Two sites, every indicator, two years: for fast tests."""
        return cls(sites=2, indicators=None, years=2, events=80)

    @classmethod
    def enterprise(cls) -> DemoSize:
        """A large group, for benchmarks: 300 sites, 150 indicators, 10 years, a million events."""
        return cls(sites=300, indicators=150, years=10, events=1_000_000)

    def resolved(self, n_real_sites: int, n_indicators: int) -> DemoSize:
        if self.years < 1 or (self.sites is not None and self.sites < 1):
            raise ValueError(f"invalid demo size {self}")
        if self.indicators is not None and self.indicators < 1:
            raise ValueError(f"invalid demo size {self}")
        return replace(self, sites=self.sites or n_real_sites, indicators=self.indicators or n_indicators)


def read_csv(name: str) -> list[dict]:
    """Rows of data/<name> as dicts; an empty field is None (NULL in the database)."""
    with open(DATA_DIR / name, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        for key, value in row.items():
            if value == "":
                row[key] = None
            elif key in _FLOATS:
                row[key] = float(value)
    return rows


@cache
def _ground_truth_text() -> str:
    return Path(GROUND_TRUTH_PATH).read_text(encoding="utf-8")


def load_ground_truth() -> dict:
    """The injected signals (data/demo_ground_truth.json): {"signals": [{type, indicator_id, site_id, start,
    end?, magnitude, description, comment?, objective_2026?}, ...], ...}. A fresh dict on every call."""
    return json.loads(_ground_truth_text())


# --- sites -------------------------------------------------------------------------------------------------

_TOWNS = (
    "Amiens", "Angers", "Besançon", "Bourges", "Brest", "Caen", "Chartres", "Clermont-Ferrand", "Dijon",
    "Douai", "Grenoble", "Le Mans", "Limoges", "Lorient", "Metz", "Montbéliard", "Mulhouse", "Nevers",
    "Niort", "Orléans", "Pau", "Reims", "Saint-Étienne", "Tarbes", "Troyes", "Vierzon",
)  # fmt: skip


def select_sites(n: int, seed: int) -> list[dict]:
    """The first n real sites; beyond them, synthetic plants S001… with a log-normal headcount."""
    real = read_csv("sites.csv")
    if n <= len(real):
        return real[:n]
    extra = n - len(real)
    rng = np.random.default_rng([seed, 1])
    fte = np.clip(np.round(rng.lognormal(np.log(110), 0.8, extra)), 15, 2000)
    synthetic = [
        {
            "site_id": f"S{i + 1:03d}",
            "name": f"Site {i + 1:03d} ({_TOWNS[i % len(_TOWNS)]})",
            "country": "FR",
            "headcount_fte": float(fte[i]),
        }
        for i in range(extra)
    ]
    return real + synthetic


# --- indicators --------------------------------------------------------------------------------------------

_DOMAIN_ORDER = ("Q", "S", "E")
# Exposures (not worth a clone) are never used as templates of synthetic indicators.
_NOT_CLONED = ("S-HOURS", "S-FTE", "Q-OUTPUT")


def select_indicators(n: int) -> list[dict]:
    """n indicator rows. Fewer than the catalogue: taken in turn from Q, S and E (each in file order, the most
    used first), so even a small selection covers the three domains. More: every indicator plus synthetic
    variants (`Q-X001`…) cloning the templates in turn; each row has `template_id` (itself for real ones)."""
    base = read_csv("indicators.csv")
    for row in base:
        row["template_id"] = row["indicator_id"]
    if n <= len(base):
        queues = {d: [r for r in base if r["domain"] == d] for d in _DOMAIN_ORDER}
        chosen: list[str] = []
        while len(chosen) < n:
            for d in _DOMAIN_ORDER:
                if queues[d] and len(chosen) < n:
                    chosen.append(queues[d].pop(0)["indicator_id"])
        keep = set(chosen)
        return [r for r in base if r["indicator_id"] in keep]
    templates = [r for r in base if r["indicator_id"] not in _NOT_CLONED]
    clones = []
    for k in range(n - len(base)):
        t = templates[k % len(templates)]
        variant = k // len(templates) + 1
        clones.append(
            t
            | {
                "indicator_id": f"{t['domain']}-X{k + 1:03d}",
                "name_fr": f"{t['name_fr']} (variante {variant})",
                "name_en": f"{t['name_en']} (variant {variant})",
                "template_id": t["indicator_id"],
            }
        )
    return base + clones


# --- time axis ---------------------------------------------------------------------------------------------


def month_axis(years: int) -> np.ndarray:
    """`years` × 12 month starts (datetime64[M]) ending DEMO_END_MONTH."""
    end = np.datetime64(DEMO_END_MONTH, "M")
    return end - np.arange(years * 12 - 1, -1, -1)


def month_index(months: np.ndarray, yyyy_mm: str) -> int:
    """Position of a 'YYYY-MM' month on the axis (may be outside 0..T-1)."""
    return int((np.datetime64(yyyy_mm, "M") - months[0]).astype(int))
