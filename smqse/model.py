"""Enums of the QSE domain, with the values stored in the database."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    DIRECTOR = "director"
    QSE_LEAD = "qse_lead"
    PILOT = "pilot"
    VIEWER = "viewer"


class Domain(StrEnum):
    QUALITY = "Q"
    SAFETY = "S"
    ENVIRONMENT = "E"


class IndicatorKind(StrEnum):
    ACTIVITY = "activity"  # de fonctionnement, leading
    RESULT = "result"  # de résultat, lagging


class Polarity(StrEnum):
    HIGHER_BETTER = "higher_better"
    LOWER_BETTER = "lower_better"
    TARGET_BAND = "target_band"


class Aggregation(StrEnum):
    """How values combine across sites and periods.

    ratio: Σ numerator / Σ denominator × rate_base (also used for averages: Σ values / Σ samples);
    sum: flows, summed across sites and periods;
    mean: stocks (headcount), summed across sites, averaged over periods;
    last: stocks at a date, summed across sites, the last period's total.
    """

    RATIO = "ratio"
    SUM = "sum"
    MEAN = "mean"
    LAST = "last"


class ProcessFamily(StrEnum):
    MANAGEMENT = "management"
    OPERATIONAL = "operational"
    SUPPORT = "support"


class Status(StrEnum):
    """Status of an indicator against its objective."""

    MET = "met"
    AT_RISK = "at_risk"
    MISSED = "missed"
    NO_OBJECTIVE = "no_objective"
    NO_DATA = "no_data"


class Cause7M(StrEnum):
    MANPOWER = "manpower"  # Main-d'œuvre
    METHOD = "method"  # Méthodes
    MACHINE = "machine"  # Matériel / Machines
    MATERIAL = "material"  # Matière
    MILIEU = "milieu"  # Milieu (environment)
    MEASUREMENT = "measurement"  # Mesure
    MANAGEMENT = "management"  # Management


class EventType(StrEnum):
    NONCONFORMITY = "nonconformity"
    CUSTOMER_COMPLAINT = "customer_complaint"
    INCIDENT = "incident"
    ACCIDENT = "accident"
    NEAR_MISS = "near_miss"
    ENVIRONMENTAL_INCIDENT = "environmental_incident"
    AUDIT_FINDING = "audit_finding"
    SUPPLIER_NONCONFORMITY = "supplier_nonconformity"


class ActionType(StrEnum):
    CORRECTIVE = "corrective"
    PREVENTIVE = "preventive"
    IMPROVEMENT = "improvement"
    CONTAINMENT = "containment"


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    VERIFIED = "verified"
    CANCELLED = "cancelled"
