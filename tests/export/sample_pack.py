"""A small hand-built review pack: renderer tests run on it without a database (the demo pack is tested
in tests/review)."""

from __future__ import annotations

from datetime import date, datetime

import plotly.graph_objects as go
import polars as pl

from smqse.review.model import Decision, PackChart, PackMeta, PackTable, ReviewItem, ReviewPack

LABELS_EN = {
    "pack_title": "Management review",
    "agenda": "Agenda",
    "organisation": "Organisation",
    "scope": "Scope",
    "period": "Period",
    "cut_off": "Data cut-off",
    "author": "Prepared by",
    "version": "Version",
    "generated": "Generated",
    "objectives_summary": "Objectives attainment",
    "decisions": "Proposed decisions (ISO 9001 §9.3.3)",
    "no_decisions": "No decision recorded yet.",
    "no_data": "No data",
    "written_input": "Input written by {who}",
    "findings": "What the data says",
    "decision": "Decision",
    "decision_type": "Type",
    "owner": "Owner",
    "due": "Due",
    "item": "Input",
    "process": "Process",
    "cost": "Cost (€)",
    "benefit": "Expected benefit (€/year)",
    "cost_of_inaction": "Cost of not acting (€/year)",
    "argument": "Cost/benefit argument",
    "action": "Action",
    "page": "Page",
    "appendix": "Data appendix",
    "contents": "Contents",
    "sheet_about": "About this workbook",
    "chart_data": "Chart data",
    "table": "Table",
    "field_label": "{label}: ",
    "alt.value": "{category}: {values}",
    "alt.separator": "; ",
}

_bar = pl.DataFrame({"Domain": ["Quality", "Safety", "Environment"], "Met": [8, 5, 7], "Missed": [3, 2, 1]})
_line = pl.DataFrame({"Month": ["2026-08", "2026-09", "2026-10"], "Complaints": [4.0, 6.0, 3.0]})


def sample_pack(lang: str = "en") -> ReviewPack:
    bar = go.Figure([go.Bar(x=_bar["Domain"], y=_bar[c], name=c) for c in ("Met", "Missed")])
    bar.update_layout(title="Objectives by domain", barmode="stack")
    line = go.Figure(go.Scatter(x=_line["Month"], y=_line["Complaints"], mode="lines+markers"))
    line.update_layout(title="Complaints per month")
    items = [
        ReviewItem(
            ref="9.3.2.a",
            clause="ISO 9001 §9.3.2 a)",
            title="Status of actions from previous management reviews",
            takeaway="6 of 8 decisions of the 2025 review are done; 2 are late.",
            has_data=True,
            findings=["DEC-2025-3 (hire a methods technician) is 6 months late.", "=cmd|' /C calc'!A0"],
            tables=[
                PackTable(
                    "Decisions of the previous review",
                    pl.DataFrame(
                        {
                            "Decision": ["DEC-2025-1", "DEC-2025-3"],
                            "Text": ["Launch a SMED project", "@SUM(1+1)"],
                            "Status": ["Done", "Late"],
                            "Due": [date(2026, 6, 30), date(2026, 4, 30)],
                        }
                    ),
                )
            ],
            sheet_name="a Previous actions",
        ),
        ReviewItem(
            ref="9.3.2.b",
            clause="ISO 9001 §9.3.2 b)",
            title="Changes in external and internal issues",
            takeaway="No input written for this item yet: to be completed before the review.",
            has_data=False,
            sheet_name="b Issues",
        ),
        ReviewItem(
            ref="9.3.2.c.2",
            clause="ISO 9001 §9.3.2 c) 2)",
            title="Extent to which objectives have been met",
            takeaway="20 of 47 objectives met, 11 missed.",
            has_data=True,
            findings=["Safety: 2 objectives missed."],
            charts=[
                PackChart(
                    "Objectives by domain",
                    bar,
                    _bar,
                    "Quality holds most misses.",
                    "Stacked bars: Quality 8 met 3 missed; Safety 5 met 2 missed; Environment 7 met 1 missed.",
                    kind="stacked_bar",
                    unit="objectives",
                ),
                PackChart(
                    "Complaints per month",
                    line,
                    _line,
                    "Complaints fell in October.",
                    "Line: 4 in August, 6 in September, 3 in October.",
                    kind="line",
                    unit="complaints",
                ),
            ],
            written="-2 points on the safety objective are explained by the Valence furnace project.",
            written_by="Anne Martin",
            sheet_name="c2 Objectives",
        ),
    ]
    decisions = [
        Decision(
            "DEC-2026-1",
            "9.3.2.c.2",
            "improvement",
            "Improvement",
            "+Launch a scrap reduction plan at Lyon",
            "Paul Durand",
            date(2027, 3, 31),
            None,
            "Production",
            25000.0,
            60000.0,
            80000.0,
            "Scrap costs 80 k€ a year; the plan pays back in 5 months.",
        ),
    ]
    meta = PackMeta(
        organisation="Demo Industries",
        scope_label="Whole organisation",
        period_start=date(2025, 11, 1),
        period_end=date(2026, 10, 31),
        cut_off=date(2026, 10, 31),
        author="Anne Martin (QSE lead)",
        version="v1",
        generated_at=datetime(2026, 11, 23, 10, 0),
        lang=lang,
        review_id="REV-2026",
        review_title="Management review 2026",
    )
    summary = PackTable("Objectives attainment", _bar)
    return ReviewPack(meta, items, decisions, summary, dict(LABELS_EN))
