"""The review pack's content on the demo organisation: every input present and in order, numbers that match
the scorecard, items without data said so, a pilot's pack limited to their processes, same data → same pack."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from smqse.review.content import ITEMS, PackOptions, build_review_pack, review_period
from smqse.review.items import ORGANISATION_ONLY
from smqse.scope import get_user, scope_for
from smqse.views.scorecard import load_scorecard

AS_OF = date(2026, 10, 1)


def _pack(con, user_id: str, lang: str = "en"):
    user = get_user(user_id, con)
    return build_review_pack(con, scope_for(user, con), user, PackOptions(AS_OF, lang=lang))


@pytest.fixture(scope="module")
def lead_pack(demo_con):
    return _pack(demo_con, "u-qse")


@pytest.fixture(scope="module")
def pilot_pack(demo_con):
    return _pack(demo_con, "u-prod")


def test_every_iso_input_is_addressed_in_order(lead_pack):
    assert [i.ref for i in lead_pack.items] == [ref for ref, _ in ITEMS]
    refs = {i.ref for i in lead_pack.items}
    assert {"9.3.2.a", "9.3.2.b", "9.3.2.d", "9.3.2.e", "9.3.2.f"} <= refs
    assert {f"9.3.2.c.{k}" for k in range(1, 8)} <= refs
    assert {"45001.consultation", "45001.incidents", "14001.compliance"} <= refs
    for item in lead_pack.items:
        assert item.takeaway, item.ref  # an item without data says so, in words
        assert item.sheet_name and len(item.sheet_name) <= 31
    assert len({i.sheet_name for i in lead_pack.items}) == len(lead_pack.items)


def test_period_and_metadata(lead_pack):
    meta = lead_pack.meta
    assert (meta.period_start, meta.period_end, meta.cut_off) == (
        date(2025, 11, 1),
        date(2026, 10, 31),
        date(2026, 10, 31),
    )
    assert review_period(date(2026, 10, 17), 6) == (date(2026, 5, 1), date(2026, 10, 31))
    assert meta.scope_label == "Whole organisation"
    assert meta.author.startswith("Karim Benali")
    assert meta.review_id == "REV-2026-10"


def test_objectives_item_matches_the_scorecard(demo_con, lead_pack):
    lead = get_user("u-qse", demo_con)
    rows = load_scorecard(scope_for(lead, demo_con), AS_OF, demo_con).rows
    counts = {s: rows.filter(pl.col("status") == s).height for s in ("met", "at_risk", "missed")}
    item = lead_pack.item("9.3.2.c.2")
    judged = sum(counts.values())
    assert item.takeaway.startswith(f"{judged} objectives judged")
    assert f": {counts['met']} met, {counts['at_risk']} at risk, {counts['missed']} missed." in item.takeaway
    chart = item.charts[0]
    assert chart.kind == "stacked_bar" and chart.alt
    assert chart.data["Met"].sum() == counts["met"]
    assert lead_pack.objectives_summary.frame["Missed"].sum() == counts["missed"]


def test_previous_review_decisions_and_their_actions(lead_pack):
    item = lead_pack.item("9.3.2.a")
    assert item.has_data
    table = item.tables[0].frame
    assert table["Ref."].to_list() == [f"DEC-2025-{k}" for k in range(1, 9)]
    # DEC-2025-4 and -7 are carried by no action: said, not hidden.
    assert "No action" in table.filter(pl.col("Ref.") == "DEC-2025-4")["Action status"].item()
    assert "8 decisions of previous reviews" in item.takeaway


def test_a_late_decision_says_its_due_date_in_the_pack_language(demo_con, lead_pack):
    late = next(f for f in lead_pack.item("9.3.2.a").findings if f.startswith("DEC-2025-5"))
    assert "due 30 June 2026, overdue" in late
    late_fr = next(
        f for f in _pack(demo_con, "u-qse", "fr").item("9.3.2.a").findings if f.startswith("DEC-2025-5")
    )
    assert "échéance 30 juin 2026 dépassée" in late_fr


def test_qualitative_items_without_input_say_so(lead_pack):
    for ref in ORGANISATION_ONLY:
        item = lead_pack.item(ref)
        assert not item.has_data
        assert "not written yet" in item.takeaway


def test_every_chart_has_alt_text_takeaway_and_data(lead_pack):
    charts = [c for i in lead_pack.items for c in i.charts]
    assert len(charts) >= 15
    for chart in charts:
        assert chart.alt and chart.takeaway and chart.title
        assert chart.data.height > 0
        assert chart.kind in ("bar", "stacked_bar", "line", "image")


def test_ground_truth_stories_reach_the_pack(lead_pack):
    """The demo's Lyon customer PPM spike (last month) is an unfavourable signal in c1; energy at Valence
    makes the environmental objectives item."""
    customers = lead_pack.item("9.3.2.c.1")
    assert any("Customer PPM" in f and "unfavourable" in f for f in customers.findings)
    env = lead_pack.item("14001.objectives")
    assert env.has_data and "Energy consumption" in env.tables[0].frame["Indicator"].to_list()


def test_a_pilot_pack_holds_only_their_processes(demo_con, pilot_pack, lead_pack):
    assert pilot_pack.meta.scope_label == "Processes: Production"
    for ref in ORGANISATION_ONLY:
        item = pilot_pack.item(ref)
        assert not item.has_data and "organisation level" in item.takeaway
    # Indicators of other processes appear nowhere in the pilot's tables or charts.
    catalogue = demo_con.sql("SELECT name_en, process_id FROM indicator").pl()
    others = set(catalogue.filter(pl.col("process_id") != "P-PRO")["name_en"])
    own = set(catalogue.filter(pl.col("process_id") == "P-PRO")["name_en"])
    shown = set()
    for item in pilot_pack.items:
        for table in item.tables:
            if "Indicator" in table.frame.columns:
                shown |= set(table.frame["Indicator"])
        for chart in item.charts:
            shown |= set(chart.data.columns[1:])
    assert shown and shown <= own | {
        "Count",
        "Met",
        "At risk",
        "Missed",
        "Not judged",
        "Major NC",
        "Minor NC",
    }
    assert not shown & others
    previous = pilot_pack.item("9.3.2.a").tables[0].frame["Ref."].to_list()
    assert previous == ["DEC-2025-1"]  # the production decision only
    assert pilot_pack.item("9.3.2.c.7").has_data is False  # suppliers belong to purchasing


def test_french_pack(demo_con):
    pack = _pack(demo_con, "u-qse", "fr")
    assert pack.item("9.3.2.a").title == "Suite donnée aux actions des revues de direction précédentes"
    assert pack.labels["cut_off"] == "Arrêté des données"
    assert pack.meta.scope_label == "Toute l'organisation"
    # Counts agree with their noun (no "non-conformité(s)"): the demo has one supplier nonconformity.
    assert "1 non-conformité fournisseur sur la période (1 sur les 12 mois précédents)." in (
        pack.item("9.3.2.c.7").findings
    )
    assert (
        "5 réclamations client sur la période (1 sur les 12 mois précédents)."
        in pack.item("9.3.2.c.1").findings
    )


def test_event_summaries_agree_with_their_count(lead_pack):
    assert "1 supplier nonconformity over the period (1 over the previous 12 months)." in (
        lead_pack.item("9.3.2.c.7").findings
    )
    assert "4 environmental incidents over the period (0 over the previous 12 months)." in (
        lead_pack.item("14001.aspects").findings
    )


def test_same_data_same_pack(demo_con, lead_pack):
    again = _pack(demo_con, "u-qse")
    assert again.meta == lead_pack.meta
    assert [(i.ref, i.takeaway, i.findings) for i in again.items] == [
        (i.ref, i.takeaway, i.findings) for i in lead_pack.items
    ]
    for a, b in zip(again.items, lead_pack.items, strict=True):
        assert [c.data.equals(d.data) for c, d in zip(a.charts, b.charts, strict=True)] == [True] * len(
            a.charts
        )


def test_indicator_tables_carry_numbers_for_the_appendix(demo_con, lead_pack):
    table = lead_pack.item("9.3.2.c.1").tables[0]
    assert table.frame.schema["Latest month"] == pl.String  # shown with units on slides and in the record
    numbers = table.appendix
    assert numbers.schema["Latest month"] == pl.Float64 and numbers.schema["Target (to date)"] == pl.Float64
    ppm = numbers.filter(pl.col("Indicator") == "Customer PPM").row(0, named=True)
    lead = get_user("u-qse", demo_con)
    row = load_scorecard(scope_for(lead, demo_con), AS_OF, demo_con).rows.filter(
        pl.col("indicator_id") == "Q-PPM-CUST"
    )
    assert ppm["Unit"] == "ppm" and ppm["Latest month"] == row["latest_value"].item()
