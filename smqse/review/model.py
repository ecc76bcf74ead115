"""What a management review pack holds, independent of how it is rendered (page, PPTX, PDF, XLSX).

A `ReviewPack` is built from the data by `smqse.review.content.build_review_pack`; every renderer reads
only this structure, so the page, the slides, the record and the appendix say the same thing. All text is
already in the pack's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

import plotly.graph_objects as go
import polars as pl

ChartKind = Literal["bar", "stacked_bar", "line", "image"]


@dataclass(frozen=True)
class PackTable:
    """A table as shown: display column names, values already readable (numbers may stay numbers)."""

    title: str
    frame: pl.DataFrame
    # The same rows as numbers (values, targets) for the data appendix, where `frame` holds display text.
    data: pl.DataFrame | None = None

    @property
    def appendix(self) -> pl.DataFrame:
        return self.data if self.data is not None else self.frame


@dataclass(frozen=True)
class PackChart:
    """A chart: the Plotly figure (drawn as an image where no native chart fits), its data for a native
    (editable) chart and for the appendix, a takeaway sentence and a text alternative.

    `kind` says how a renderer may redraw it natively: "bar" / "stacked_bar" / "line" read `data` as one
    category column (the first) and one numeric column per series; "image" means only the figure fits.
    """

    title: str
    figure: go.Figure
    data: pl.DataFrame
    takeaway: str
    alt: str
    kind: ChartKind = "image"
    unit: str | None = None


@dataclass(frozen=True)
class ReviewItem:
    """One review input (ISO 9001 §9.3.2 a–f with c1–c7, or an ISO 14001 / 45001 addition).

    `ref` is stable ("9.3.2.a", "9.3.2.c.1", "14001.compliance", "45001.consultation"…) and matches
    `review_decision.input_ref`. `has_data` is False when nothing in the data or the written inputs speaks
    to it: renderers then show `takeaway`, which says so explicitly.
    """

    ref: str
    clause: str  # "ISO 9001 §9.3.2 c) 1)" as printed
    title: str
    takeaway: str
    has_data: bool
    findings: list[str] = field(default_factory=list)  # short sentences, most important first
    charts: list[PackChart] = field(default_factory=list)
    tables: list[PackTable] = field(default_factory=list)
    written: str | None = None  # the QSE lead's qualitative input, as written
    written_by: str | None = None
    sheet_name: str = ""  # ≤ 31 characters, unique in the pack: the appendix's sheet for this item


@dataclass(frozen=True)
class Decision:
    """A §9.3.3 output: improvement, change to the management system or resource need."""

    decision_id: str
    input_ref: str | None
    decision_type: str  # improvement / system_change / resources
    decision_type_label: str
    text: str
    owner: str | None  # display name
    due_on: date | None
    action_id: str | None
    process_name: str | None
    cost: float | None
    expected_benefit: float | None
    cost_of_inaction: float | None
    argument: str | None  # the cost/benefit argument, in words


@dataclass(frozen=True)
class PackMeta:
    organisation: str
    scope_label: str
    period_start: date
    period_end: date
    cut_off: date  # last day of the cut-off month: no data after it is used
    author: str
    version: str
    generated_at: datetime
    lang: str
    review_id: str
    review_title: str
    # The cut-off month's completeness in words ("… 120 values of 200 expected (60 %) — provisional"), empty
    # when not computed. `provisional`: the month is below the completeness threshold, so every status in the
    # pack may still change and every renderer says so. `corrections`: values entered after the month was
    # closed, for periods up to it (None when the month is not closed).
    month_state: str = ""
    provisional: bool = False
    corrections: PackTable | None = None


@dataclass(frozen=True)
class ReviewPack:
    meta: PackMeta
    items: list[ReviewItem]
    decisions: list[Decision]
    objectives_summary: PackTable  # attainment by domain: met / at risk / missed / not judged
    labels: dict[str, str]  # renderer strings in the pack's language (agenda, decisions, page, …)

    def item(self, ref: str) -> ReviewItem:
        return next(i for i in self.items if i.ref == ref)
