"""The documented file format of each kind: canonical (English) column names, French names, types, rules.

Headers are matched case-, accent-, space- and punctuation-insensitively: « Période », "periode", "PERIOD"
and "period" all name the same column. See smqse/ingest/FORMATS.md for the user-facing description.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

KINDS: tuple[str, ...] = ("measurements", "events", "actions", "indicators", "objectives")

EVENT_TYPES = (
    "nonconformity",
    "customer_complaint",
    "incident",
    "accident",
    "near_miss",
    "environmental_incident",
    "audit_finding",
    "supplier_nonconformity",
)
EVENT_STATUSES = ("open", "in_analysis", "action_in_progress", "closed")
ACTION_TYPES = ("corrective", "preventive", "improvement", "containment")
ACTION_STATUSES = ("planned", "in_progress", "done", "verified", "cancelled")
EFFECTIVENESS = ("effective", "not_effective", "not_checked")
DOMAINS = ("Q", "S", "E")
INDICATOR_KINDS = ("activity", "result")
POLARITIES = ("higher_better", "lower_better", "target_band")
AGGREGATIONS = ("ratio", "sum", "mean", "last")
FREQUENCIES = ("monthly", "quarterly", "yearly")
# How a ratio indicator may take a value without numerator and denominator (empty: it may not).
VALUE_ONLY_RULES = ("mean_of_values",)


@dataclass(frozen=True)
class Column:
    """One column of a file format.

    type: "id" / "text" (strings), "number" (float), "integer", "month" (a period: first day of the month),
    "date" (a calendar day), "choice" (one of `choices`).
    ref: the reference list an id must be found in ("indicator", "site", "process", "cause", "user").
    """

    name: str
    fr: str
    type: str = "text"
    required: bool = False
    ref: str | None = None
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    aliases: tuple[str, ...] = field(default=())
    example: object = None


def _c(name, fr, type="text", **kw) -> Column:
    return Column(name, fr, type, **kw)


# Columns that several kinds share.
_INDICATOR = _c("indicator_id", "indicateur", "id", required=True, ref="indicator", aliases=("indicator",),
                example="Q-SCRAP")  # fmt: skip
_OWNER = _c("owner_user_id", "responsable", "id", ref="user", aliases=("owner", "pilote"), example="u-prod")

FORMATS: dict[str, tuple[Column, ...]] = {
    "measurements": (
        _INDICATOR,
        _c("site_id", "site", "id", required=True, ref="site", example="LYON"),
        _c("period", "période", "month", required=True, aliases=("mois", "month"), example="2026-09"),
        _c("value", "valeur", "number", example=1.25),
        _c("numerator", "numérateur", "number", low=0, example=125),
        _c("denominator", "dénominateur", "number", example=10000),
        _c("comment", "commentaire", "text", example=""),
    ),  # fmt: skip
    "events": (
        _c(
            "event_id",
            "événement",
            "id",
            required=True,
            aliases=("id_evenement", "event"),
            example="EV-900001",
        ),
        _c(
            "event_type",
            "type",
            "choice",
            required=True,
            choices=EVENT_TYPES,
            aliases=("type_evenement",),
            example="nonconformity",
        ),
        _c("site_id", "site", "id", required=True, ref="site", example="LYON"),
        _c(
            "process_id",
            "processus",
            "id",
            required=True,
            ref="process",
            aliases=("process",),
            example="P-PRO",
        ),
        _c(
            "occurred_on",
            "date",
            "date",
            required=True,
            aliases=("survenu_le", "date_evenement"),
            example="2026-09-15",
        ),
        _c("severity", "gravité", "integer", low=1, high=5, example=2),
        _c("cost", "coût", "number", low=0, example=1200),
        _c("cause_id", "cause", "id", ref="cause", example=""),
        _c("title", "titre", "text", example="Cote hors tolérance"),
        _c("description", "description", "text", example=""),
        _c("status", "statut", "choice", choices=EVENT_STATUSES, example="open"),
        _c("supplier", "fournisseur", "text", example=""),
        _c("lost_days", "jours perdus", "integer", low=0, aliases=("jours_arret",), example=""),
    ),  # fmt: skip
    "actions": (
        _c("action_id", "action", "id", required=True, aliases=("id_action",), example="ACT-900001"),
        _c(
            "action_type",
            "type",
            "choice",
            required=True,
            choices=ACTION_TYPES,
            aliases=("type_action",),
            example="corrective",
        ),
        _c("origin", "origine", "text", example="event"),
        _c("origin_id", "id origine", "text", aliases=("reference_origine",), example="EV-900001"),
        _c("title", "titre", "text", required=True, example="Former les régleurs"),
        _OWNER,
        _c(
            "process_id",
            "processus",
            "id",
            required=True,
            ref="process",
            aliases=("process",),
            example="P-PRO",
        ),
        _c("site_id", "site", "id", ref="site", example="LYON"),
        _c(
            "opened_on",
            "ouverte le",
            "date",
            required=True,
            aliases=("date_ouverture",),
            example="2026-09-16",
        ),
        _c("due_on", "échéance", "date", aliases=("due",), example="2026-12-31"),
        _c("closed_on", "clôturée le", "date", aliases=("date_cloture",), example=""),
        _c("status", "statut", "choice", required=True, choices=ACTION_STATUSES, example="planned"),
        _c("progress_pct", "avancement", "number", low=0, high=100, aliases=("avancement_pct",), example=0),
        _c("cost", "coût", "number", low=0, example=500),
        _c("expected_benefit", "bénéfice attendu", "number", example=3000),
        _c("effectiveness", "efficacité", "choice", choices=EFFECTIVENESS, example="not_checked"),
    ),  # fmt: skip
    "indicators": (
        _c("indicator_id", "indicateur", "id", required=True, aliases=("indicator",), example="Q-NEW"),
        _c(
            "process_id",
            "processus",
            "id",
            required=True,
            ref="process",
            aliases=("process",),
            example="P-PRO",
        ),
        _c("domain", "domaine", "choice", required=True, choices=DOMAINS, example="Q"),
        _c("kind", "nature", "choice", required=True, choices=INDICATOR_KINDS, example="result"),
        _c("name_fr", "nom", "text", required=True, aliases=("nom_fr",), example="Taux de retouche"),
        _c("name_en", "nom anglais", "text", required=True, aliases=("nom_en",), example="Rework rate"),
        _c("unit", "unité", "text", required=True, example="%"),
        _c("polarity", "polarité", "choice", required=True, choices=POLARITIES, example="lower_better"),
        _c("frequency", "fréquence", "choice", choices=FREQUENCIES, example="monthly"),
        _c("aggregation", "agrégation", "choice", required=True, choices=AGGREGATIONS, example="ratio"),
        _c("rate_base", "base", "number", aliases=("base_taux",), example=100),
        _c(
            "definition",
            "définition",
            "text",
            aliases=("definition_fr",),
            example="Pièces retouchées / lancées",
        ),
        _c("definition_en", "définition anglaise", "text", example="Reworked / started parts"),
        _c("source", "source", "text", example="ISO 9001 §9.1"),
        _c("numerator_label_fr", "libellé numérateur", "text", example="Pièces retouchées"),
        _c("numerator_label_en", "libellé numérateur anglais", "text", example="Reworked parts"),
        _c("denominator_label_fr", "libellé dénominateur", "text", example="Pièces lancées"),
        _c("denominator_label_en", "libellé dénominateur anglais", "text", example="Parts started"),
        _c("min_value", "minimum", "number", aliases=("valeur_min", "min"), example=0),
        _c("max_value", "maximum", "number", aliases=("valeur_max", "max"), example=100),
        _c("review_input", "entrée revue", "text", example="9.3.2.c.3"),
        _c("value_only_rule", "valeur seule", "choice", choices=VALUE_ONLY_RULES, example=""),
    ),  # fmt: skip
    "objectives": (
        _c(
            "objective_id",
            "objectif",
            "id",
            required=True,
            aliases=("id_objectif",),
            example="OBJ-2027-Q-SCRAP",
        ),
        _INDICATOR,
        _c("site_id", "site", "id", ref="site", example=""),
        _c("baseline", "référence", "number", aliases=("valeur_reference",), example=2.1),
        _c("target", "cible", "number", required=True, example=1.5),
        _c("alert_threshold", "seuil d'alerte", "number", aliases=("alerte",), example=1.8),
        _c("start_on", "début", "date", required=True, aliases=("date_debut",), example="2027-01-01"),
        _c("deadline", "échéance", "date", required=True, example="2027-12-31"),
        _OWNER,
        _c("rationale", "justification", "text", example="Réduire le coût de non-qualité"),
        _c("cost", "coût", "number", low=0, example=20000),
        _c("expected_benefit", "bénéfice attendu", "number", example=60000),
        _c("tolerance", "tolérance", "number", low=0, example=""),
    ),  # fmt: skip
}

# The key of each kind: measurements are versioned by (indicator, site, period); the others by their id.
KEYS: dict[str, tuple[str, ...]] = {
    "measurements": ("indicator_id", "site_id", "period"),
    "events": ("event_id",),
    "actions": ("action_id",),
    "indicators": ("indicator_id",),
    "objectives": ("objective_id",),
}
TABLES = {
    "measurements": "measurement",
    "events": "event",
    "actions": "action",
    "indicators": "indicator",
    "objectives": "objective",
}


def normalise_header(text: object) -> str:
    """`« Période »` → `periode`; case, accents, spaces, quotes and punctuation do not matter."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _names(column: Column) -> set[str]:
    return {normalise_header(n) for n in (column.name, column.fr, *column.aliases)}


def match_headers(kind: str, headers: list[str]) -> dict[int, Column]:
    """Which column of the format each header (by position) names; unmatched headers are left out."""
    lookup: dict[str, Column] = {}
    for column in FORMATS[kind]:
        for name in _names(column):
            lookup.setdefault(name, column)
    return {i: lookup[normalise_header(h)] for i, h in enumerate(headers) if normalise_header(h) in lookup}


def detect_kind(headers) -> str | None:
    """The kind whose required columns all appear in `headers` (French or English); the best match wins."""
    headers = [h for h in headers if h is not None and str(h).strip()]
    best, best_score = None, 0
    for kind in KINDS:
        matched = {c.name for c in match_headers(kind, headers).values()}
        required = {c.name for c in FORMATS[kind] if c.required}
        if not required <= matched:
            continue
        # Prefer the kind explaining the most headers, then the most specific one (more required columns).
        score = len(matched) * 100 + len(required)
        if score > best_score:
            best, best_score = kind, score
    return best


def header_language(headers: list[str], kind: str) -> str:
    """'fr' when the headers are mostly the French names, else 'en' (the language of a missing column's name)."""
    french = {normalise_header(c.fr) for c in FORMATS[kind]} - {
        normalise_header(c.name) for c in FORMATS[kind]
    }
    hits = sum(normalise_header(h) in french for h in headers)
    return "fr" if hits else "en"


def header_for(column: Column, lang: str) -> str:
    return column.fr if lang == "fr" else column.name
