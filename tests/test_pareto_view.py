"""The Pareto page's service and chart on small hand-built event frames (no database, no Streamlit)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from smqse.charts import figure_alt, figure_takeaway, figure_title
from smqse.charts import pareto as charts
from smqse.i18n import NBSP
from smqse.views import pareto as service
from smqse.words import pareto as words

PERIOD = service.Period(date(2025, 11, 1), date(2026, 10, 1))


def _events(rows: list[tuple[str, str | None, float]]) -> pl.DataFrame:
    """(event_id, cause category, cost) → a frame with the columns of queries/pareto_events.sql."""
    n = len(rows)
    return pl.DataFrame(
        {
            "event_id": [r[0] for r in rows],
            "occurred_on": [date(2026, 1, 1 + i % 28) for i in range(n)],
            "event_type": ["nonconformity"] * n,
            "site_id": ["LYON"] * n,
            "site_name": ["Lyon (siège)"] * n,
            "process_id": ["P-PRO"] * n,
            "process_name_fr": ["Production"] * n,
            "process_name_en": ["Production"] * n,
            "severity": [2] * n,
            "cost": [r[2] for r in rows],
            "cause_id": [None if r[1] is None else f"C-{r[1]}" for r in rows],
            "cause_label_fr": [None if r[1] is None else f"cause {r[1]}" for r in rows],
            "cause_label_en": [None if r[1] is None else f"cause {r[1]} (en)" for r in rows],
            "cause_category": [r[1] for r in rows],
            "supplier": [None] * n,
            "title": ["t"] * n,
            "status": ["closed"] * n,
        },
        schema=service.EVENTS_SCHEMA,
    )


def test_periods():
    assert service.default_period(date(2026, 10, 1)) == PERIOD
    assert PERIOD.start_on == date(2025, 11, 1) and PERIOD.end_on == date(2026, 10, 31)
    assert PERIOD.months == 12
    assert service.previous_period(PERIOD) == service.Period(date(2024, 11, 1), date(2025, 10, 1))
    february = service.Period(date(2024, 2, 1), date(2024, 2, 1))
    assert february.end_on == date(2024, 2, 29)


def test_groupings_and_weights_come_from_allow_lists():
    events = _events([("E1", "method", 10.0)])
    with pytest.raises(ValueError, match="grouping"):
        service.compute_pareto(events, "title; DROP TABLE event", "count", 0.8, PERIOD, "fr")
    with pytest.raises(ValueError, match="weight"):
        service.compute_pareto(events, "category", "lost_days", 0.8, PERIOD, "fr")


def test_category_pareto_with_labels_and_excluded_events():
    rows = [(f"E{i}", "method", 100.0) for i in range(5)]
    rows += [(f"M{i}", "machine", 10.0) for i in range(3)]
    rows += [("P1", "manpower", 1000.0), ("P2", "milieu", 0.0), ("U1", None, 50.0)]
    events = _events(rows)
    view = service.compute_pareto(events, "category", "count", 0.8, PERIOD, "fr")
    assert view.excluded == 1 and view.events == 10
    assert view.table["label"].to_list() == ["Méthodes", "Matériel", "Main-d'œuvre", "Milieu"]
    assert view.table["weight"].to_list() == [5.0, 3.0, 1.0, 1.0]
    assert view.vital["label"].to_list() == ["Méthodes", "Matériel"]  # 50 %, 80 % exactly
    takeaway = words.pareto_takeaway(view, "fr")
    assert takeaway == f"2 catégories sur 4 font 80{NBSP}% des événements : Méthodes et Matériel."
    by_cost = service.compute_pareto(events, "category", "cost", 0.8, PERIOD, "en")
    assert by_cost.table["label"].to_list()[:2] == ["Manpower", "Methods"]
    assert (
        words.pareto_takeaway(by_cost, "en")
        == "2 categories out of 4 make 98% of costs: Manpower and Methods."
    )
    causes = service.compute_pareto(events, "cause", "count", 0.8, PERIOD, "en")
    assert causes.table["label"][0] == "cause method (en)"


def test_chart_tells_the_vital_few_without_colour_alone():
    events = _events([(f"E{i}", c, 1.0) for i, c in enumerate(["method"] * 6 + ["machine"] * 3 + ["milieu"])])
    view = service.compute_pareto(events, "category", "count", 0.8, PERIOD, "en")
    fig = charts.build_pareto_chart(view, "en")
    assert figure_title(fig).startswith("Pareto by cause category (7M)")
    assert figure_takeaway(fig) == "2 categories out of 3 make 90% of events: Methods and Machines."
    assert "1. Methods: 6 (60%, cumulative 60%, vital few)" in figure_alt(fig)
    vital, other, cumulative = fig.data
    assert vital.name.startswith("Vital few") and all(text.startswith("★") for text in vital.text)
    assert vital.marker.line.width > other.marker.line.width
    assert other.marker.pattern.shape == "/" and not vital.marker.pattern.shape
    assert cumulative.yaxis == "y2" and list(cumulative.y) == pytest.approx([0.6, 0.9, 1.0])
    table = words.build_pareto_table(view, "en")
    assert table["vital_few"].to_list() == ["✓ Yes", "✓ Yes", "No"]


def test_comparison_says_what_rose_and_fell():
    now = _events(
        [(f"A{i}", "machine", 1.0) for i in range(6)] + [(f"B{i}", "method", 1.0) for i in range(3)]
    )
    before = _events(
        [(f"C{i}", "method", 1.0) for i in range(6)]
        + [(f"D{i}", "machine", 1.0) for i in range(2)]
        + [("E1", "milieu", 1.0)]
    )
    current = service.compute_pareto(now, "category", "count", 0.6, PERIOD, "en")
    previous = service.compute_pareto(before, "category", "count", 0.6, service.previous_period(PERIOD), "en")
    moves = service.compare(current, previous)
    assert {(m.label, m.rank_before, m.rank_now) for m in moves} == {
        ("Machines", 2, 1),
        ("Methods", 1, 2),
        ("Environment (Milieu)", 3, None),
    }
    entered, left = service.vital_change(current, previous)
    assert (entered, left) == (["Machines"], ["Methods"])
    sentences = words.describe_moves(current, previous, moves, entered, left, "en")
    assert "Machines rose from rank 2 to rank 1" in sentences[0]
    assert "Methods fell from rank 1 to rank 2" in sentences[0]
    assert sentences[1:] == ["Entered the vital few: Machines.", "Left the vital few: Methods."]
    same = words.describe_moves(current, current, [], [], [], "fr")
    assert same == ["Même classement qu'en nov. 2025 – oct. 2026 : rien n'a changé de rang."]


def test_category_events_lists_one_category_in_the_language():
    events = _events([("E1", "method", 10.0), ("E2", "machine", 5.0), ("E3", "method", 1.0)])
    listed = service.category_events(events, "category", "method", "en")
    assert listed["event_id"].to_list() == ["E3", "E1"]  # most recent first
    assert listed.columns == [
        "event_id", "occurred_on", "site", "event_type", "title", "severity", "cost", "cause", "status",
    ]  # fmt: skip
    assert listed["event_type"][0] == "Nonconformity" and listed["status"][0] == "Closed"
    assert listed["site"][0] == "Lyon"
