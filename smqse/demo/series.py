"""Monthly physical quantities of every site, as (sites × months) NumPy arrays, and how indicators read them.

Indicators are not drawn independently: TF1, TF2 and TG share the hours worked; energy feeds energy
intensity and scope 1/2 emissions; complaints feed complaints per 1,000 orders. So the generator first draws
the underlying quantities ("series") once, then every indicator is a value series or a numerator/denominator
pair of them (RECIPES). Levels are those of the last month; trends run backwards from there, so the demo
ends at realistic values whatever the number of years.

Signals (ground truth) multiply a series' expected level before counts are drawn (`Grid.mult`).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

# Month-of-year profiles (January first). Hours: May bank holidays, the 3-week August shutdown, Christmas.
HOURS_SEASON = np.array([1.00, 0.97, 1.05, 0.97, 0.90, 1.00, 0.95, 0.45, 1.03, 1.05, 0.98, 0.80])
HEATING = np.array([1.00, 0.85, 0.65, 0.40, 0.15, 0.03, 0.0, 0.0, 0.05, 0.30, 0.65, 0.90])
ABSENCE_SEASON = np.array([1.25, 1.20, 1.05, 0.95, 0.90, 0.90, 0.90, 0.80, 0.95, 1.00, 1.05, 1.10])
SUMMER = np.array([0, 0, 0, 0, 0.3, 0.8, 1.0, 0.6, 0.3, 0, 0, 0])

# Emission factors (tCO2e/MWh): natural gas combustion, French grid electricity (location-based, ADEME order).
GAS_CO2 = 0.184
GRID_CO2 = 0.052


@dataclass(frozen=True)
class Recipe:
    """How an indicator reads the series: `value` for sum/mean/last, `num`/`den` for ratios."""

    value: str | None = None
    num: str | None = None
    den: str | None = None
    decimals: int = 2  # rounding of the stored value

    @property
    def primary(self) -> str:
        """The series a signal on this indicator moves."""
        return self.value or self.num  # type: ignore[return-value]


R = Recipe
RECIPES: dict[str, Recipe] = {
    "Q-PPM-CUST": R(num="cust_defects", den="parts", decimals=1),
    "Q-OTD": R(num="otd_ok", den="deliveries"),
    "Q-SCRAP": R(num="scrap", den="parts_started", decimals=3),
    "Q-AUDIT-PLAN": R(num="audits_done", den="audits_planned", decimals=1),
    "Q-COMPLAINTS": R(value="complaints", decimals=0),
    "Q-FPY": R(num="fpy_ok", den="parts_started"),
    "Q-COPQ": R(value="copq", decimals=0),
    "Q-PPM-SUPP": R(num="supp_defects", den="parts_received", decimals=1),
    "Q-CAPA-OT": R(num="capa_ok", den="capa_due", decimals=1),
    "Q-COMPL-RATE": R(num="complaints", den="orders"),
    "Q-SATISF": R(num="satisfied", den="respondents", decimals=1),
    "Q-SUPP-OTD": R(num="supp_ok", den="receipts"),
    "Q-MAINT-PREV": R(num="pm_done", den="pm_planned", decimals=1),
    "Q-MTBF": R(num="op_hours", den="failures", decimals=1),
    "Q-OEE": R(num="oee_ok", den="oee_planned"),
    "Q-NC-INT": R(value="nc_int", decimals=0),
    "Q-NC-DELAY": R(num="nc_days", den="nc_closed", decimals=1),
    "Q-CALIB": R(num="calib_ok", den="calib_due", decimals=1),
    "Q-KAIZEN": R(value="kaizen", decimals=0),
    "Q-ECN-OT": R(num="ecn_ok", den="ecn_due", decimals=1),
    "Q-OUTPUT": R(value="tonnes", decimals=1),
    "S-HOURS": R(value="hours", decimals=0),
    "S-TF1": R(num="lta", den="hours"),
    "S-LTA": R(value="lta", decimals=0),
    "S-NEARMISS": R(value="near_miss", decimals=0),
    "S-TG": R(num="days_lost", den="hours", decimals=3),
    "S-VISITS": R(num="visits_done", den="visits_planned", decimals=1),
    "S-TF2": R(num="acc_all", den="hours"),
    "S-TRAIN": R(num="train_done", den="train_planned", decimals=1),
    "S-ABSENT": R(num="absent_h", den="scheduled_h"),
    "S-PPE": R(num="ppe_ok", den="ppe_obs", decimals=1),
    "S-DUER": R(num="duer_done", den="duer_due", decimals=1),
    "S-MP": R(value="occ_disease", decimals=0),
    "S-SST": R(value="sst", decimals=0),
    "S-FTE": R(value="fte", decimals=1),
    "E-ENERGY": R(value="energy", decimals=1),
    "E-WASTE-REC": R(num="waste_rec", den="waste", decimals=1),
    "E-ENERGY-INT": R(num="energy", den="tonnes", decimals=3),
    "E-CO2-S1": R(value="co2_s1"),
    "E-ENV-INC": R(value="env_inc", decimals=0),
    "E-INSPECT": R(num="insp_done", den="insp_planned", decimals=1),
    "E-CO2-S2": R(value="co2_s2"),
    "E-GHG-INT": R(num="co2_total", den="tonnes", decimals=4),
    "E-WATER": R(value="water", decimals=0),
    "E-WASTE": R(value="waste"),
    "E-WASTE-HAZ": R(value="waste_haz", decimals=3),
    "E-PH": R(num="ph_sum", den="ph_n"),
    "E-COMPLIANCE": R(num="comp_ok", den="comp_eval", decimals=1),
    "E-ELEC-REN": R(num="elec_ren", den="elec", decimals=1),
    "E-AWARE": R(value="aware", decimals=0),
}

# Series holding whole numbers (counts): synthetic variants of indicators reading them stay integers.
INTEGER_SERIES = frozenset(
    (
        "parts",
        "parts_started",
        "fpy_ok",
        "scrap",
        "cust_defects",
        "deliveries",
        "otd_ok",
        "orders",
        "complaints",
        "copq",
        "parts_received",
        "supp_defects",
        "receipts",
        "supp_ok",
        "respondents",
        "satisfied",
        "nc_int",
        "nc_closed",
        "nc_days",
        "capa_due",
        "capa_ok",
        "audits_planned",
        "audits_done",
        "calib_due",
        "calib_ok",
        "kaizen",
        "pm_planned",
        "pm_done",
        "op_hours",
        "failures",
        "ecn_due",
        "ecn_ok",
        "hours",
        "lta",
        "nonlt",
        "acc_all",
        "days_lost",
        "near_miss",
        "visits_planned",
        "visits_done",
        "ppe_obs",
        "ppe_ok",
        "duer_due",
        "duer_done",
        "scheduled_h",
        "occ_disease",
        "sst",
        "water",
        "env_inc",
        "ph_n",
        "comp_eval",
        "comp_ok",
        "aware",
        "insp_planned",
        "insp_done",
    )
)


class Grid:
    """Sites × months, with one independent random stream per named block (stable under code changes)."""

    def __init__(self, seed: int, fte: np.ndarray, months: np.ndarray, multipliers: dict[str, np.ndarray]):
        self.seed = seed
        self.fte = np.asarray(fte, dtype=float)[:, None]
        self.months = months
        self.shape = (len(fte), len(months))
        self.moy = (months.astype(int) % 12).astype(int)  # month of year, 0 = January
        self.t_rel = (np.arange(len(months)) - (len(months) - 1)) / 12.0  # years before the last month
        self.multipliers = multipliers
        self.asked: set[str] = set()  # series that accept a signal, to reject a signal nothing would apply

    def rng(self, name: str) -> np.random.Generator:
        # crc32, not hash(): hash randomisation would make builds differ between runs.
        return np.random.default_rng([self.seed, zlib.crc32(name.encode())])

    def season(self, profile: np.ndarray) -> np.ndarray:
        return profile[self.moy][None, :]

    def trend(self, yearly: float) -> np.ndarray:
        """(1 + yearly)^t, 1 at the last month."""
        return ((1.0 + yearly) ** self.t_rel)[None, :]

    def site(self, rng: np.random.Generator, cv: float) -> np.ndarray:
        """A per-site level factor of mean 1."""
        return rng.lognormal(-(cv**2) / 2, cv, (self.shape[0], 1))

    def noise(self, rng: np.random.Generator, cv: float) -> np.ndarray:
        return rng.lognormal(-(cv**2) / 2, cv, self.shape)

    def mult(self, series: str) -> np.ndarray | float:
        self.asked.add(series)
        return self.multipliers.get(series, 1.0)


def _binomial(rng, n, p):
    return rng.binomial(n.astype(np.int64), np.clip(p, 0.0, 0.999))


def _at_least_one(x):
    return np.maximum(1, x)


def compute_series(g: Grid) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """All series (rounded as they are recorded), and the accident list {cell, lost_days} behind the
    lost-time accident counts, so the event log can hold exactly those accidents."""
    s: dict[str, np.ndarray] = {}
    fte0, season = g.fte, g.season(HOURS_SEASON)

    r = g.rng("workforce")
    fte = fte0 * g.trend(0.015) * g.noise(r, 0.01)
    s["fte"] = np.round(fte, 1)
    s["hours"] = np.round(fte * 138.0 * season * g.noise(r, 0.03) * g.mult("hours"))
    s["scheduled_h"] = np.round(fte * 147.0 * season)
    absence = 0.048 * g.site(r, 0.2) * g.season(ABSENCE_SEASON) * g.trend(0.03) * g.noise(r, 0.08)
    s["absent_h"] = np.round(s["scheduled_h"] * np.clip(absence * g.mult("absent_h"), 0, 0.5), 1)
    s["train_planned"] = np.round(fte * 1.8 * season * g.noise(r, 0.1), 1) + 1.0
    s["train_done"] = np.round(
        s["train_planned"] * np.clip(0.85 * g.site(r, 0.05) * g.trend(0.02) * g.noise(r, 0.05), 0, 1), 1
    )
    s["sst"] = np.maximum(0, np.round(fte * 0.13 * g.trend(0.04)) + r.integers(-1, 2, g.shape))

    r = g.rng("production")
    tonnes = fte * 1.6 * g.site(r, 0.25) * season * g.trend(0.02) * g.noise(r, 0.06) * g.mult("tonnes")
    s["tonnes"] = np.round(tonnes, 1)
    s["parts"] = np.round(s["tonnes"] * 900 * g.site(r, 0.4))
    s["parts_started"] = np.round(s["parts"] * 1.04 * g.noise(r, 0.01))
    s["oee_planned"] = np.round(fte / 6 * 320 * season * g.noise(r, 0.03), 1)
    oee = np.clip(0.72 * g.site(r, 0.05) * g.trend(0.015) * g.noise(r, 0.025) * g.mult("oee_ok"), 0, 0.95)
    s["oee_ok"] = np.round(s["oee_planned"] * oee, 1)

    r = g.rng("quality")
    fpy = 0.935 * g.site(r, 0.015) * g.trend(0.005) * g.noise(r, 0.012) * g.mult("fpy_ok")
    s["fpy_ok"] = _binomial(r, s["parts_started"], fpy)
    scrap = 0.018 * g.site(r, 0.3) * g.trend(-0.06) * g.noise(r, 0.12) * g.mult("scrap")
    s["scrap"] = _binomial(r, s["parts_started"], np.minimum(scrap, 0.5))
    # Customer defects come in batches: a gamma-Poisson (over-dispersed) count.
    ppm = 40e-6 * g.site(r, 0.4) * g.trend(-0.10) * r.gamma(6.0, 1 / 6.0, g.shape)
    s["cust_defects"] = r.poisson(s["parts"] * ppm * g.mult("cust_defects"))
    s["deliveries"] = _at_least_one(np.round(fte * 1.2 * season * g.noise(r, 0.05)))
    otd = 0.95 * g.site(r, 0.01) * g.trend(0.006) * g.noise(r, 0.015) * g.mult("otd_ok")
    s["otd_ok"] = _binomial(r, s["deliveries"], otd)
    s["orders"] = _at_least_one(np.round(fte * 0.9 * season * g.noise(r, 0.05)))
    s["complaints"] = r.poisson(s["orders"] * 0.009 * g.site(r, 0.3) * g.trend(-0.08) * g.mult("complaints"))
    copq = s["scrap"] * 6.0 * g.site(r, 0.3) + s["cust_defects"] * 180 + s["complaints"] * 1500
    s["copq"] = np.round(copq * g.noise(r, 0.15) * g.mult("copq"))
    s["respondents"] = np.maximum(3, r.poisson(fte * 0.08, g.shape))
    sat = 0.87 * g.site(r, 0.02) * g.trend(0.01) * g.noise(r, 0.03) * g.mult("satisfied")
    s["satisfied"] = _binomial(r, s["respondents"], sat)
    s["nc_int"] = r.poisson(fte * 0.03 * season * g.trend(-0.06) * g.mult("nc_int"))
    s["nc_closed"] = _at_least_one(r.poisson(fte * 0.03 * season))
    delay = 22 * g.site(r, 0.2) * g.trend(-0.05) * g.noise(r, 0.15) * g.mult("nc_days")
    s["nc_days"] = np.round(s["nc_closed"] * delay)
    s["capa_due"] = _at_least_one(r.poisson(fte * 0.04, g.shape))
    s["capa_ok"] = _binomial(r, s["capa_due"], 0.78 * g.site(r, 0.05) * g.trend(0.03) * g.noise(r, 0.05))
    s["audits_planned"] = _at_least_one(np.round((2 + fte / 40) * season))
    s["audits_done"] = _binomial(r, s["audits_planned"], 0.9 * g.trend(0.015) * g.noise(r, 0.04))
    s["calib_due"] = _at_least_one(r.poisson(fte * 0.15 * season))
    s["calib_ok"] = _binomial(r, s["calib_due"], 0.94 * g.site(r, 0.02) * g.trend(0.01) * g.noise(r, 0.02))
    s["kaizen"] = r.poisson(fte * 0.03 * season * g.trend(0.10) * g.mult("kaizen"))
    s["ecn_due"] = _at_least_one(r.poisson(fte * 0.02, g.shape))
    s["ecn_ok"] = _binomial(r, s["ecn_due"], 0.8 * g.site(r, 0.05) * g.trend(0.03) * g.noise(r, 0.05))

    r = g.rng("supply")
    s["parts_received"] = np.round(s["parts"] * 1.3 * g.noise(r, 0.05))
    sppm = 180e-6 * g.site(r, 0.4) * g.trend(-0.08) * r.gamma(10.0, 0.1, g.shape)
    s["supp_defects"] = r.poisson(s["parts_received"] * sppm * g.mult("supp_defects"))
    s["receipts"] = _at_least_one(np.round(fte * 0.7 * season * g.noise(r, 0.06)))
    sotd = 0.91 * g.site(r, 0.02) * g.trend(0.01) * g.noise(r, 0.02) * g.mult("supp_ok")
    s["supp_ok"] = _binomial(r, s["receipts"], sotd)

    r = g.rng("maintenance")
    s["pm_planned"] = _at_least_one(np.round(fte * 0.3 * season * g.noise(r, 0.05)))
    s["pm_done"] = _binomial(r, s["pm_planned"], 0.88 * g.site(r, 0.03) * g.trend(0.02) * g.noise(r, 0.04))
    s["op_hours"] = np.round(fte / 8 * 330 * season * g.noise(r, 0.03))
    mtbf = 180 * g.site(r, 0.3) * g.trend(0.04)
    # MTBF needs a failure count > 0; a month without failure is recorded as one (a conservative MTBF).
    s["failures"] = _at_least_one(r.poisson(s["op_hours"] / mtbf * g.mult("failures")))

    r = g.rng("safety")
    lta_rate = 12e-6 * g.site(r, 0.35) * g.trend(-0.08)
    s["lta"] = r.poisson(s["hours"] * lta_rate * g.mult("lta"))
    s["nonlt"] = r.poisson(s["hours"] * 9e-6 * g.site(r, 0.3) * g.trend(-0.06))
    s["acc_all"] = s["lta"] + s["nonlt"]
    cells = np.repeat(np.arange(s["lta"].size), s["lta"].ravel().astype(np.int64))
    days = np.clip(np.round(r.lognormal(np.log(18), 1.0, cells.size)), 1, 365)
    s["days_lost"] = np.bincount(cells, weights=days, minlength=s["lta"].size).reshape(g.shape).round()
    nonlt_cells = np.repeat(np.arange(s["nonlt"].size), s["nonlt"].ravel().astype(np.int64))
    accidents = {
        "cell": np.concatenate([cells, nonlt_cells]),
        "lost_days": np.concatenate([days, np.zeros(nonlt_cells.size)]).astype(np.int64),
    }
    s["near_miss"] = r.poisson(fte * 0.045 * season * g.trend(0.08) * g.mult("near_miss"))
    s["visits_planned"] = _at_least_one(np.round(fte / 30 * season))
    visits = 0.86 * g.site(r, 0.05) * g.trend(0.02) * g.noise(r, 0.05) * g.mult("visits_done")
    s["visits_done"] = _binomial(r, s["visits_planned"], visits)
    s["ppe_obs"] = np.maximum(5, np.round(fte * 0.25 * season))
    ppe = 0.91 * g.site(r, 0.03) * g.trend(0.01) * g.noise(r, 0.02) * g.mult("ppe_ok")
    s["ppe_ok"] = _binomial(r, s["ppe_obs"], ppe)
    s["duer_due"] = _at_least_one(r.poisson(fte / 40, g.shape))
    s["duer_done"] = _binomial(r, s["duer_due"], 0.8 * g.site(r, 0.05) * g.trend(0.02) * g.noise(r, 0.05))
    s["occ_disease"] = r.poisson(fte * 0.0006 * g.trend(-0.02) * np.ones(g.shape) * g.mult("occ_disease"))

    r = g.rng("energy")
    process = s["tonnes"] * 1.1 * g.site(r, 0.25) * g.trend(-0.03)
    heating = fte * 0.9 * g.site(r, 0.2) * g.season(HEATING) * g.trend(-0.02)
    expected = process + heating
    gas_share = (process * np.clip(0.35 * g.site(r, 0.3), 0.05, 0.6) + heating) / expected
    s["energy"] = np.round(expected * g.noise(r, 0.04) * g.mult("energy"), 1)
    gas = np.round(s["energy"] * gas_share, 1)
    s["elec"] = np.maximum(0.1, np.round(s["energy"] - gas, 1))
    s["co2_s1"] = np.round(gas * GAS_CO2 + fte * 0.02, 2)  # + fuel of forklifts and vehicles
    s["co2_s2"] = np.round(s["elec"] * GRID_CO2, 2)
    s["co2_total"] = np.round(s["co2_s1"] + s["co2_s2"], 2)
    ren = np.clip(0.15 * g.site(r, 0.5) * g.trend(0.25) * g.noise(r, 0.05) * g.mult("elec_ren"), 0, 0.95)
    s["elec_ren"] = np.round(s["elec"] * ren, 1)

    r = g.rng("environment")
    water = (s["tonnes"] * 1.4 * g.site(r, 0.4) + fte * 1.1) * (1 + 0.1 * g.season(SUMMER)) * g.trend(-0.03)
    s["water"] = np.round(water * g.noise(r, 0.08) * g.mult("water"))
    s["waste"] = np.round(
        s["tonnes"] * 0.11 * g.site(r, 0.3) * g.trend(-0.02) * g.noise(r, 0.1) * g.mult("waste"), 2
    )
    rec = 0.79 * g.site(r, 0.04) * g.trend(0.015) * g.noise(r, 0.03) * g.mult("waste_rec")
    s["waste_rec"] = np.round(s["waste"] * np.clip(rec, 0, 0.99), 2)
    haz = s["tonnes"] * 0.007 * g.site(r, 0.5) * g.trend(-0.03) * g.noise(r, 0.25) * g.mult("waste_haz")
    s["waste_haz"] = np.round(haz, 3)
    s["env_inc"] = r.poisson(fte * 0.00025 * season * g.trend(-0.10) * g.mult("env_inc"))
    s["ph_n"] = _at_least_one(np.round(21 * season))
    ph = 7.35 + r.normal(0, 0.15, (g.shape[0], 1)) + r.normal(0, 0.12, g.shape)
    s["ph_sum"] = np.round(s["ph_n"] * np.clip(ph * g.mult("ph_sum"), 0, 14), 2)
    s["comp_eval"] = _at_least_one(r.poisson(5 + fte * 0.06, g.shape))
    comp = 0.95 * g.site(r, 0.02) * g.trend(0.01) * g.noise(r, 0.02) * g.mult("comp_ok")
    s["comp_ok"] = _binomial(r, s["comp_eval"], comp)
    s["aware"] = r.poisson((0.3 + fte * 0.01) * np.ones(g.shape) * g.mult("aware"))
    s["insp_planned"] = _at_least_one(np.round(1 + fte / 100) * np.ones(g.shape))
    s["insp_done"] = _binomial(r, s["insp_planned"], 0.9 * g.trend(0.015) * g.noise(r, 0.04))

    for name, values in s.items():  # some series vary by month only: give every series the full grid
        s[name] = np.broadcast_to(values, g.shape).astype(np.float64)
    return s, accidents
