"""The management review pack ("revue de direction") as a 16:9 PowerPoint deck, for the meeting itself.

Reads only a `ReviewPack` (see `smqse.review.model`): every fixed string comes from `pack.labels`, the rest
is already in the pack's language. Charts are native, editable python-pptx charts wherever the data allows
(bar / stacked bar / line), so the QSE lead can restyle them in PowerPoint; anything else is a picture
drawn by Kaleido (`smqse.export.images`). Every chart, picture and table carries alternative text, slide
titles sit in the title placeholder (screen readers and the outline read them), series use the
colour-blind-safe Okabe-Ito palette.

The slides summarise: findings beyond the first few, and table rows beyond a few slides, are left to the
PDF record and the XLSX data appendix, which hold everything.

Layout relies on a rough text-height estimate (average glyph width, no font metrics): good enough to keep
text inside the slide with the default Calibri theme, without shipping font files.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import pathlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt, lazyproperty
from xlsxwriter import Workbook

from smqse.export import images
from smqse.i18n import format_cell
from smqse.review.model import Decision, PackChart, PackTable, ReviewItem, ReviewPack

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies, in their usual order.
PALETTE = ("0072B2", "E69F00", "009E73", "D55E00", "56B4E9", "CC79A7", "F0E442", "000000")
TEXT = RGBColor(0x1A, 0x1A, 0x1A)
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)  # titles, takeaways, table headers: ≥ 10:1 against white
MUTED = RGBColor(0x59, 0x59, 0x59)  # secondary text, still ≥ 7:1 against white
PANEL = RGBColor(0xF2, 0xF2, 0xF2)
BAND = RGBColor(0xF5, 0xF7, 0xFA)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
NONE_TEXT = "—"

# 16:9 at PowerPoint's default widescreen size; all geometry below is in inches.
SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.5
CONTENT_W = SLIDE_W - 2 * MARGIN
TITLE_TOP, TITLE_H = 0.3, 1.0
BODY_TOP = 1.4
BODY_BOTTOM = 6.95  # the footer sits below
TABLE_MAX_ROWS = 12  # data rows per slide: more is unreadable in a meeting room
TABLE_MAX_SLIDES = 3  # beyond that a table is truncated; the data appendix holds all rows
FINDINGS_MAX = 5
CHAR_EM = 0.52  # average glyph width / font size for Calibri-like fonts (safe side)
# Bold glyphs are wider, and LibreOffice without Calibri (or Carlito) draws with DejaVu Sans, wider still:
# bold takeaways and table headers measured with this, so they still fit where the font falls back.
CHAR_EM_BOLD = 0.62
CELL_PAD = 0.2  # a table cell's left + right margins, and a little slack
TABLE_MIN_PT = 11  # a table's text is shrunk down to this (still readable) for its longest words to fit
LINE = 1.2  # line height / font size

TITLE_ONLY_LAYOUT = 5  # in python-pptx's default template
TITLE_SLIDE_LAYOUT = 0

_LANG_TAGS = {"fr": "fr-FR", "en": "en-GB", "de": "de-DE", "es": "es-ES", "it": "it-IT", "pt": "pt-PT"}


# --------------------------------------------------------------------------------------------- formatting


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _long(deck: _Deck, value: Any) -> str:
    """A title-slide field: dates in full ("6 décembre 2026"), as a sentence would write them."""
    return format_cell(value, deck.lang, date_length="long")


def _lines(text: str, width_in: float, pt: float, *, bold: bool = False) -> int:
    """How many lines `text` takes in a box `width_in` wide: a rough estimate from the average glyph,
    wrapping at spaces as the renderer does (a word that does not fit the line starts the next one)."""
    per_line = max(1, int(width_in * 72 / (pt * (CHAR_EM_BOLD if bold else CHAR_EM))))
    total = 0
    for part in text.split("\n"):
        lines, used = 1, 0
        for word in filter(None, part.split(" ")):  # no-break spaces hold their words together
            need = len(word) + (1 if used else 0)
            if used and used + need > per_line:
                lines, used, need = lines + 1, 0, len(word)
            used += need
            while used > per_line:  # a word longer than a line is broken where it must
                lines, used = lines + 1, used - per_line
        total += lines
    return total


def _height(text: str, width_in: float, pt: float, *, bold: bool = False) -> float:
    return _lines(text, width_in, pt, bold=bold) * pt * LINE / 72


def _text_width(text: str, pt: float, *, bold: bool = False) -> float:
    """The width in inches of `text` on one line, by the same average-glyph estimate."""
    return len(text) * pt * (CHAR_EM_BOLD if bold else CHAR_EM) / 72


# ------------------------------------------------------------------------------------------- text helpers


@dataclass
class _Deck:
    """The presentation being built and what every slide needs from the pack."""

    prs: Any
    pack: ReviewPack
    lang_tag: str

    def label(self, key: str) -> str:
        return self.pack.labels.get(key, key)

    @property
    def lang(self) -> str:
        return self.pack.meta.lang


def _run(deck: _Deck, paragraph, text: str, size: float, *, bold=False, italic=False, color=TEXT) -> None:
    run = paragraph.add_run()
    run.text = text
    font = run.font
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    font.color.rgb = color
    # The language tag lets screen readers and spell-checkers pick the right voice and dictionary.
    run._r.get_or_add_rPr().set("lang", deck.lang_tag)


def _textbox(slide, x: float, y: float, w: float, h: float, *, anchor=MSO_ANCHOR.TOP):
    box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
    tf = box.text_frame
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.vertical_anchor = anchor
    tf.margin_left = tf.margin_right = Inches(0.05)
    tf.margin_top = tf.margin_bottom = Inches(0.03)
    return box, tf


def _paragraph(tf, first: bool):
    return tf.paragraphs[0] if first else tf.add_paragraph()


def _bullet(paragraph, size: float) -> None:
    """A hanging "•" bullet: text boxes have none by default."""
    p_pr = paragraph._p.get_or_add_pPr()
    indent = int(Pt(size) * 1.1)
    p_pr.set("marL", str(indent))
    p_pr.set("indent", str(-indent))
    bu_font = p_pr.makeelement(qn("a:buFont"), {"typeface": "Arial"})
    bu_char = p_pr.makeelement(qn("a:buChar"), {"char": "•"})
    p_pr.append(bu_font)
    p_pr.append(bu_char)


def _alt_text(shape, descr: str, title: str) -> None:
    """Alternative text on the shape's cNvPr: what PowerPoint's "Alt Text" pane and screen readers read."""
    c_nv_pr = shape._element.xpath("./*[1]/p:cNvPr")[0]
    c_nv_pr.set("descr", descr or title)
    c_nv_pr.set("title", title)
    shape.name = title[:60] or shape.name


def _place(shape, x: float, y: float, w: float, h: float) -> None:
    """Placeholders inherit 4:3 positions from python-pptx's default template: set them for 16:9."""
    shape.left, shape.top, shape.width, shape.height = Inches(x), Inches(y), Inches(w), Inches(h)


def _new_slide(deck: _Deck, title: str) -> Any:
    """A "title only" slide, the title in the placeholder (so it is the slide's name for assistive
    technology and the outline), left-aligned and sized down until it fits two lines."""
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts[TITLE_ONLY_LAYOUT])
    ph = slide.shapes.title
    _place(ph, MARGIN, TITLE_TOP, CONTENT_W, TITLE_H)
    size = next(
        (s for s in (28, 24, 20) if _height(title, CONTENT_W - 0.2, s, bold=True) <= TITLE_H - 0.1), 18
    )
    tf = ph.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = MSO_ANCHOR.MIDDLE
    p = tf.paragraphs[0]
    p.alignment = PP_ALIGN.LEFT
    _run(deck, p, title, size, bold=True, color=ACCENT)
    _footer(deck, slide)
    return slide


def _footer(deck: _Deck, slide) -> None:
    meta = deck.pack.meta
    _, tf = _textbox(slide, MARGIN, 7.05, CONTENT_W - 1.0, 0.3)
    footer = f"{meta.organisation} · {meta.review_title} · {meta.version}"
    if meta.provisional:  # on every slide: any status shown may still change
        footer += f" · {deck.label('provisional')}"
    _run(deck, tf.paragraphs[0], footer, 11, color=MUTED)
    _, tf = _textbox(slide, SLIDE_W - MARGIN - 1.0, 7.05, 1.0, 0.3)
    tf.paragraphs[0].alignment = PP_ALIGN.RIGHT
    _run(deck, tf.paragraphs[0], str(len(deck.prs.slides)), 11, color=MUTED)


def _caption(deck: _Deck, slide, text: str, y: float, size: float = 20) -> float:
    """The takeaway sentence, prominent under the title; returns where the next shape may start."""
    h = _height(text, CONTENT_W - 0.1, size, bold=True) + 0.1
    _, tf = _textbox(slide, MARGIN, y, CONTENT_W, h)
    _run(deck, tf.paragraphs[0], text, size, bold=True, color=ACCENT)
    return y + h + 0.15


# ------------------------------------------------------------------------------------------------- slides


def _title_slide(deck: _Deck) -> None:
    meta = deck.pack.meta
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts[TITLE_SLIDE_LAYOUT])
    title = slide.shapes.title
    _place(title, 0.8, 0.9, SLIDE_W - 1.6, 2.0)
    tf = title.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = MSO_ANCHOR.BOTTOM
    pack_title = deck.label("pack_title")
    # Both strings, unless the review's own title already says "management review".
    if pack_title.casefold() not in meta.review_title.casefold():
        p = tf.paragraphs[0]
        p.alignment = PP_ALIGN.LEFT
        _run(deck, p, pack_title, 24, color=MUTED)
        p = tf.add_paragraph()
    else:
        p = tf.paragraphs[0]
    p.alignment = PP_ALIGN.LEFT
    _run(deck, p, meta.review_title, 40, bold=True, color=ACCENT)

    rows = [
        ("organisation", meta.organisation),
        ("scope", meta.scope_label),
        ("period", f"{_long(deck, meta.period_start)} – {_long(deck, meta.period_end)}"),
        ("cut_off", _long(deck, meta.cut_off)),
        *([("data_state", meta.month_state)] if meta.month_state else []),
        ("author", meta.author),
        ("version", meta.version),
        ("generated", _long(deck, meta.generated_at)),
    ]
    body = slide.placeholders[1]
    _place(body, 0.8, 3.2, SLIDE_W - 1.6, 3.6)
    tf = body.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = MSO_ANCHOR.TOP
    for i, (key, value) in enumerate(rows):
        p = _paragraph(tf, i == 0)
        p.alignment = PP_ALIGN.LEFT
        p.space_after = Pt(4)
        # "Période revue : " in French, the colon held to its word by a no-break space; "Period: " in English.
        _run(deck, p, deck.label("field_label").format(label=deck.label(key)), 18, bold=True, color=MUTED)
        _run(deck, p, _long(deck, value), 18)
    if meta.provisional:
        p = _paragraph(tf, False)
        p.alignment = PP_ALIGN.LEFT
        _run(deck, p, deck.label("provisional"), 18, bold=True, color=ACCENT)


def _agenda_slides(deck: _Deck) -> None:
    entries = [f"{item.clause} — {item.title}" for item in deck.pack.items]
    entries += [deck.label("objectives_summary"), deck.label("decisions")]
    size = 18 if len(entries) <= 10 else 15
    step_w = CONTENT_W - 0.5
    pages: list[list[tuple[int, str]]] = [[]]
    used = 0.0
    for n, text in enumerate(entries, start=1):
        h = _height(f"{n}. {text}", step_w, size) + 5 / 72
        if pages[-1] and used + h > BODY_BOTTOM - BODY_TOP:
            pages.append([])
            used = 0.0
        pages[-1].append((n, text))
        used += h
    for k, page in enumerate(pages):
        title = deck.label("agenda") + (f" ({k + 1}/{len(pages)})" if len(pages) > 1 else "")
        slide = _new_slide(deck, title)
        _, tf = _textbox(slide, MARGIN, BODY_TOP, CONTENT_W, BODY_BOTTOM - BODY_TOP)
        for i, (n, text) in enumerate(page):
            p = _paragraph(tf, i == 0)
            p.space_after = Pt(5)
            _run(deck, p, f"{n}. ", size, bold=True, color=ACCENT)
            _run(deck, p, text, size)


def _objectives_slides(deck: _Deck) -> None:
    table = deck.pack.objectives_summary
    title = deck.label("objectives_summary")
    chart_data = _category_data(table.frame, deck.lang, stacked=True)
    if chart_data is None:
        _table_slides(deck, title, table, truncate=True)
        return
    side_w = CONTENT_W * 0.45
    pages = _table_pages(table.frame, deck.lang, side_w, BODY_BOTTOM - BODY_TOP)
    if len(pages) == 1:
        # Small enough for table and chart side by side: the usual case (a handful of domains).
        slide = _new_slide(deck, title)
        _add_table(deck, slide, table, pages[0], MARGIN, BODY_TOP, side_w)
        x = MARGIN + side_w + 0.3
        _add_native_chart(
            deck, slide, chart_data, "stacked_bar", x, BODY_TOP, SLIDE_W - MARGIN - x, BODY_BOTTOM - BODY_TOP,
            alt=_describe(deck, table.title, chart_data), title=table.title, unit=None,
        )  # fmt: skip
        return
    _table_slides(deck, title, table, truncate=True)
    slide = _new_slide(deck, title)
    _add_native_chart(
        deck, slide, chart_data, "stacked_bar", MARGIN, BODY_TOP, CONTENT_W, BODY_BOTTOM - BODY_TOP,
        alt=_describe(deck, table.title, chart_data), title=table.title, unit=None,
    )  # fmt: skip


def _item_slides(deck: _Deck, item: ReviewItem) -> None:
    heading = f"{item.clause} — {item.title}"
    slide = _new_slide(deck, heading)
    y = BODY_TOP
    if not item.has_data:
        box, tf = _textbox(slide, MARGIN, y, 2.6, 0.45, anchor=MSO_ANCHOR.MIDDLE)
        box.fill.solid()
        box.fill.fore_color.rgb = PANEL
        _run(deck, tf.paragraphs[0], deck.label("no_data"), 18, bold=True, color=MUTED)
        y += 0.65
    y = _caption(deck, slide, item.takeaway, y, size=22)
    y = _findings(deck, slide, item.findings, y)
    if item.written:
        _written(deck, slide, heading, item, y)
    for chart in item.charts:
        _chart_slide(deck, item, chart)
    for table in item.tables:
        _table_slides(deck, f"{item.clause} — {table.title}", table, truncate=True)


def _findings(deck: _Deck, slide, findings: Sequence[str], y: float) -> float:
    """Up to FINDINGS_MAX findings as bullets, fewer if they do not fit: the most important come first,
    and the PDF record and the data appendix keep them all."""
    if not findings:
        return y
    size, width = 18, CONTENT_W - 0.4
    room = BODY_BOTTOM - y - 0.45
    kept, used = [], 0.0
    for text in findings[:FINDINGS_MAX]:
        h = _height(text, width, size) + 6 / 72
        if kept and used + h > room:
            break
        kept.append(text)
        used += h
    _, tf = _textbox(slide, MARGIN, y, CONTENT_W, 0.4)
    _run(deck, tf.paragraphs[0], deck.label("findings"), 14, bold=True, color=MUTED)
    _, tf = _textbox(slide, MARGIN, y + 0.4, CONTENT_W, used + 0.1)
    for i, text in enumerate(kept):
        p = _paragraph(tf, i == 0)
        p.space_after = Pt(6)
        _bullet(p, size)
        _run(deck, p, text, size)
    return y + 0.4 + used + 0.25


def _written(deck: _Deck, slide, heading: str, item: ReviewItem, y: float) -> None:
    """The QSE lead's own words, set apart from the data: below the findings if they fit, otherwise on a
    slide of their own (shortened only past what a slide can hold at a readable size)."""
    label = deck.label("written_input").format(who=item.written_by or NONE_TEXT)
    text = item.written or ""
    width = CONTENT_W - 0.3
    size = 16
    if y + 0.4 + _height(text, width, size) + 0.3 > BODY_BOTTOM:
        slide = _new_slide(deck, heading)
        y = BODY_TOP
        room = BODY_BOTTOM - y - 0.7
        size = next((s for s in (18, 16, 14, 12) if _height(text, width, s) <= room), 12)
        cap = int((room * 72 / (size * LINE)) * (width * 72 / (size * CHAR_EM)) * 0.9)
        if len(text) > cap:
            text = text[: cap - 1].rsplit(" ", 1)[0] + " …"
    h = 0.4 + _height(text, width, size) + 0.25
    box, tf = _textbox(slide, MARGIN, y, CONTENT_W, min(h, BODY_BOTTOM - y))
    box.fill.solid()
    box.fill.fore_color.rgb = PANEL
    tf.margin_left = tf.margin_right = Inches(0.15)
    tf.margin_top = Inches(0.08)
    _run(deck, tf.paragraphs[0], label, 14, italic=True, color=MUTED)
    for i, part in enumerate(text.split("\n")):
        p = tf.add_paragraph()
        if i == 0:
            p.space_before = Pt(4)
        _run(deck, p, part, size)


def _chart_slide(deck: _Deck, item: ReviewItem, chart: PackChart) -> None:
    slide = _new_slide(deck, f"{item.clause} — {chart.title}")
    y = _caption(deck, slide, chart.takeaway, BODY_TOP)
    h = BODY_BOTTOM - y
    data = (
        _category_data(chart.data, deck.lang, stacked=chart.kind == "stacked_bar")
        if chart.kind != "image"
        else None
    )
    if data is not None:
        _add_native_chart(
            deck, slide, data, chart.kind, MARGIN, y, CONTENT_W, h, chart.alt, chart.title, chart.unit
        )
        return
    _add_picture(deck, slide, chart, MARGIN, y, CONTENT_W, h)


def _table_slides(deck: _Deck, title: str, table: PackTable, *, truncate: bool) -> None:
    pages = _table_pages(table.frame, deck.lang, CONTENT_W, BODY_BOTTOM - BODY_TOP)
    hidden = 0
    if truncate and len(pages) > TABLE_MAX_SLIDES:
        hidden = sum(len(p) for p in pages[TABLE_MAX_SLIDES:])
        pages = pages[:TABLE_MAX_SLIDES]
        hidden += 1  # the last row makes room for the "more rows" note
        pages[-1] = pages[-1][:-1]
    for k, rows in enumerate(pages):
        suffix = f" ({k + 1}/{len(pages)})" if len(pages) > 1 else ""
        slide = _new_slide(deck, title + suffix)
        more = hidden if k == len(pages) - 1 else 0
        _add_table(deck, slide, table, rows, MARGIN, BODY_TOP, CONTENT_W, more=more)


def _corrections_slides(deck: _Deck) -> None:
    """Values entered after the cut-off month was closed (only when it is closed)."""
    table = deck.pack.meta.corrections
    if table is None:
        return
    if table.frame.is_empty():
        slide = _new_slide(deck, table.title)
        _caption(deck, slide, deck.label("no_corrections"), BODY_TOP, size=22)
        return
    _table_slides(deck, table.title, table, truncate=True)


def _decisions_slides(deck: _Deck) -> None:
    title = deck.label("decisions")
    decisions = deck.pack.decisions
    if not decisions:
        slide = _new_slide(deck, title)
        _caption(deck, slide, deck.label("no_decisions"), BODY_TOP, size=22)
        return
    keys = (
        "decision",
        "decision_type",
        "owner",
        "due",
        "process",
        "cost",
        "benefit",
        "cost_of_inaction",
        "argument",
    )
    frame = pl.DataFrame(
        [_decision_row(d) for d in decisions],
        schema=[deck.label(k) for k in keys],
        orient="row",
    )
    # The decision and its argument carry the words; the rest are short values.
    weights = [3.0, 1.2, 1.3, 1.1, 1.2, 1.0, 1.1, 1.1, 3.0]
    table = PackTable(title, frame)
    pages = _table_pages(frame, deck.lang, CONTENT_W, BODY_BOTTOM - BODY_TOP, size=11, weights=weights)
    for k, rows in enumerate(pages):  # never truncated: the decisions are the review's output
        suffix = f" ({k + 1}/{len(pages)})" if len(pages) > 1 else ""
        slide = _new_slide(deck, title + suffix)
        _add_table(deck, slide, table, rows, MARGIN, BODY_TOP, CONTENT_W, size=11, weights=weights)


def _decision_row(d: Decision) -> list[Any]:
    return [
        d.text, d.decision_type_label, d.owner, d.due_on, d.process_name,
        d.cost, d.expected_benefit, d.cost_of_inaction, d.argument,
    ]  # fmt: skip


# ------------------------------------------------------------------------------------------------- tables


def _longest_word(text: str) -> str:
    return max(text.split(), key=len, default="")


def _min_widths(frame: pl.DataFrame, lang: str, size: float) -> list[float]:
    """Each column's narrowest width: its longest word (header or cell) on one line, so that no word is
    ever cut in two ("Environnemen/t"). Measured with the wide (bold) glyph estimate: a word has no slack
    to absorb a wider font, a wrapped sentence does."""
    widths = []
    for name in frame.columns:
        words = [_longest_word(name)] + [_longest_word(format_cell(v, lang)) for v in frame[name].to_list()]
        widths.append(max(_text_width(w, size, bold=True) for w in words) + CELL_PAD)
    return widths


def _table_size(frame: pl.DataFrame, lang: str, width: float, size: float) -> float:
    """The table's font size: `size`, or smaller until every column's longest word fits the table width."""
    fits = (s for s in range(int(size), TABLE_MIN_PT - 1, -1) if sum(_min_widths(frame, lang, s)) <= width)
    return next(fits, TABLE_MIN_PT)


def _column_widths(
    frame: pl.DataFrame, lang: str, width: float, weights: Sequence[float] | None, size: float = 12
) -> list[float]:
    if weights is None:
        # Wider columns for longer content, damped so one long column does not starve the others.
        weights = []
        for name in frame.columns:
            longest = max(
                [len(format_cell(v, lang)) for v in frame[name].to_list()]
                + [max(map(len, name.split()), default=1)]
            )
            weights.append(math.sqrt(min(max(longest, 4), 60)))
    floors = _min_widths(frame, lang, size)
    if sum(floors) >= width:  # cannot all fit even at the smallest size: share by the longest words
        return [width * f / sum(floors) for f in floors]
    # Shares by weight, but never below a column's floor: a floored column keeps its floor and the
    # others share what is left, until no share falls below its floor.
    fixed: dict[int, float] = {}
    while True:
        free = [j for j in range(len(weights)) if j not in fixed]
        room = width - sum(fixed.values())
        total = sum(weights[j] for j in free)
        shares = {j: room * weights[j] / total for j in free}
        short = {j: floors[j] for j in free if shares[j] < floors[j]}
        if not short:
            return [fixed.get(j, shares.get(j, 0.0)) for j in range(len(weights))]
        fixed.update(short)


def _row_height(cells: Sequence[str], widths: Sequence[float], size: float, *, bold: bool = False) -> float:
    return max(_height(c, w - CELL_PAD, size, bold=bold) for c, w in zip(cells, widths, strict=True)) + 0.12


def _table_pages(
    frame: pl.DataFrame,
    lang: str,
    width: float,
    room: float,
    size: float = 12,
    weights: Sequence[float] | None = None,
) -> list[list[list[str]]]:
    """The table's rows as text, split into slides: at most TABLE_MAX_ROWS rows each, fewer when long
    texts make rows tall (the estimated height must fit `room` with the header)."""
    if frame.width == 0:
        return [[]]
    size = _table_size(frame, lang, width, size)
    widths = _column_widths(frame, lang, width, weights, size)
    header_h = _row_height(frame.columns, widths, size, bold=True)
    pages: list[list[list[str]]] = [[]]
    used = header_h
    for row in frame.iter_rows():
        cells = [format_cell(v, lang) for v in row]
        h = _row_height(cells, widths, size)
        if pages[-1] and (len(pages[-1]) >= TABLE_MAX_ROWS or used + h > room):
            pages.append([])
            used = header_h
        pages[-1].append(cells)
        used += h
    return pages


def _add_table(
    deck: _Deck, slide, table: PackTable, rows: list[list[str]], x: float, y: float, width: float,
    *, more: int = 0, size: float = 12, weights: Sequence[float] | None = None,
) -> None:  # fmt: skip
    frame = table.frame
    columns = frame.columns or [table.title]
    if frame.width:
        size = _table_size(frame, deck.lang, width, size)
        widths = _column_widths(frame, deck.lang, width, weights, size)
    else:
        widths = [width]
    numeric = [dtype.is_numeric() for dtype in frame.dtypes] or [False]
    body = rows + ([[f"… +{more} → {deck.label('appendix')}"] + [""] * (len(columns) - 1)] if more else [])
    heights = [_row_height(columns, widths, size, bold=True)] + [_row_height(r, widths, size) for r in body]
    shape = slide.shapes.add_table(
        len(body) + 1, len(columns), Inches(x), Inches(y), Inches(width), Inches(sum(heights))
    )
    _alt_text(shape, table.title, table.title)
    tbl = shape.table
    tbl.first_row = True  # the header row is marked as such for assistive technology
    tbl.horz_banding = False
    for j, w in enumerate(widths):
        tbl.columns[j].width = Emu(int(Inches(w)))
    for i, h in enumerate(heights):
        tbl.rows[i].height = Emu(int(Inches(h)))
    for i, cells in enumerate([columns, *body]):
        for j, text in enumerate(cells):
            cell = tbl.cell(i, j)
            cell.margin_left = cell.margin_right = Inches(0.08)
            cell.margin_top = cell.margin_bottom = Inches(0.04)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.fill.solid()
            cell.fill.fore_color.rgb = ACCENT if i == 0 else (BAND if i % 2 == 0 else WHITE)
            p = cell.text_frame.paragraphs[0]
            if i > 0 and numeric[j] and not (more and i == len(body)):
                p.alignment = PP_ALIGN.RIGHT
            _run(deck, p, text, size, bold=i == 0, color=WHITE if i == 0 else TEXT)
    if more:
        last = len(body)
        tbl.cell(last, 0).merge(tbl.cell(last, len(columns) - 1))
        tbl.cell(last, 0).text_frame.paragraphs[0].runs[0].font.italic = True


# ------------------------------------------------------------------------------------------------- charts


class _TextOnlyWorkbookWriter(CategoryWorkbookWriter):
    """The workbook behind a native chart (PowerPoint's "Edit data" opens it in Excel). python-pptx writes it
    with xlsxwriter, which by default turns a string starting with "=" into a formula: a supplier named
    =HYPERLINK(...) would become a live formula. Here every label is written as the text it is."""

    @contextlib.contextmanager
    def _open_worksheet(self, xlsx_file):
        workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class _TextOnlyChartData(CategoryChartData):
    """Category chart data whose embedded workbook never holds a formula (see _TextOnlyWorkbookWriter)."""

    @lazyproperty
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _TextOnlyWorkbookWriter(self)


def _category_data(frame: pl.DataFrame, lang: str, *, stacked: bool) -> CategoryChartData | None:
    """Chart data from a frame: first column = categories, every other numeric column = a series.
    None when there is nothing a native chart can show (the caller then draws the figure)."""
    if frame.width < 2 or frame.height == 0:
        return None
    series = [c for c, t in zip(frame.columns[1:], frame.dtypes[1:], strict=True) if t.is_numeric()]
    if stacked and len(series) > 2:
        # A "Total" column stacked on its parts would double the bars: drop a column that sums the others.
        for name in series:
            others = [c for c in series if c != name]
            total = frame.select(pl.sum_horizontal(others).alias("t"), pl.col(name).alias("v"))
            if total.height and total.select((pl.col("t") - pl.col("v")).abs().max()).item() < 1e-9:
                series = others
                break
    if not series:
        return None
    columns: list[tuple[str, list[Any]]] = []
    for name in series:
        values = [
            None if v is None or (isinstance(v, float) and math.isnan(v)) else v
            for v in frame[name].to_list()
        ]
        if any(v is not None for v in values):
            columns.append((name, values))
    if not columns:
        return None
    integral = all(float(v).is_integer() for _, values in columns for v in values if v is not None)
    data = _TextOnlyChartData(number_format="#,##0" if integral else "#,##0.0#")
    # Only the labels become text: the series stay numbers in the chart's workbook ("Edit data").
    data.categories = [format_cell(v, lang) for v in frame[frame.columns[0]].to_list()]
    for name, values in columns:
        data.add_series(name, values)
    return data


def _describe(deck: _Deck, title: str, data: CategoryChartData) -> str:
    """A text alternative for a chart built here from a table: its title and every value."""
    parts = []
    for i, category in enumerate(data.categories):
        values = ", ".join(f"{s.name} {format_cell(s.values[i], deck.lang)}" for s in data)
        parts.append(deck.label("alt.value").format(category=category.label, values=values))
    return f"{title}. " + deck.label("alt.separator").join(parts)


def _add_native_chart(
    deck: _Deck, slide, data: CategoryChartData, kind: str, x: float, y: float, w: float, h: float,
    alt: str, title: str, unit: str | None,
) -> None:  # fmt: skip
    horizontal = kind != "line" and not _labels_fit_under_columns(data, w)
    chart_type = {
        ("bar", False): XL_CHART_TYPE.COLUMN_CLUSTERED,
        ("stacked_bar", False): XL_CHART_TYPE.COLUMN_STACKED,
        ("bar", True): XL_CHART_TYPE.BAR_CLUSTERED,
        ("stacked_bar", True): XL_CHART_TYPE.BAR_STACKED,
        ("line", False): XL_CHART_TYPE.LINE_MARKERS,
    }[kind, horizontal]
    frame = slide.shapes.add_chart(chart_type, Inches(x), Inches(y), Inches(w), Inches(h), data)
    _alt_text(frame, alt, title)
    chart = frame.chart
    chart.has_title = False  # the slide title says it, in the outline
    chart.font.size = Pt(12)
    chart.font.color.rgb = TEXT
    n_series = len(list(data))
    chart.has_legend = n_series > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(12)
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RGBColor(0xD9, 0xD9, 0xD9)
    value_axis.tick_labels.font.size = Pt(12)
    chart.category_axis.tick_labels.font.size = Pt(12)
    if horizontal:
        chart.category_axis.reverse_order = True  # the first category on top, read like the table
    axis_title = unit or (next(iter(data)).name if n_series == 1 else None)
    if axis_title:
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = axis_title
        value_axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
        value_axis.axis_title.text_frame.paragraphs[0].runs[0].font.bold = False
    plot = chart.plots[0]
    n_points = len(data.categories) * n_series
    if kind == "line":
        for i, series in enumerate(plot.series):
            color = RGBColor.from_string(PALETTE[i % len(PALETTE)])
            series.smooth = False
            series.format.line.color.rgb = color
            series.format.line.width = Pt(2.5)
            series.marker.style = XL_MARKER_STYLE.CIRCLE
            series.marker.size = 7
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = color
            series.marker.format.line.color.rgb = color
    else:
        plot.gap_width = 60
        if kind == "stacked_bar":
            plot.overlap = 100
        for i, series in enumerate(plot.series):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = RGBColor.from_string(PALETTE[i % len(PALETTE)])
            series.invert_if_negative = False
    if n_points <= 24:
        # Values printed on the chart: readable from the back of the room, and not by colour alone.
        position = {
            "stacked_bar": XL_LABEL_POSITION.CENTER,
            "bar": XL_LABEL_POSITION.OUTSIDE_END,
            "line": XL_LABEL_POSITION.ABOVE,
        }[kind]
        for i, series in enumerate(plot.series):
            labels = series.data_labels
            labels.show_value = True
            labels.position = position
            labels.number_format = data.number_format
            labels.number_format_is_linked = False
            labels.font.size = Pt(12)
            # Inside a stacked bar the label sits on the series colour: take the more contrasted text.
            inside = PALETTE[i % len(PALETTE)] if kind == "stacked_bar" else "FFFFFF"
            labels.font.color.rgb = _text_on(inside)


def _labels_fit_under_columns(data: CategoryChartData, width: float) -> bool:
    """Whether every category label fits, on one line, under its column of a chart `width` wide (less
    room for the value axis). Otherwise the renderer tilts the labels and squashes the plot: the chart is
    drawn with horizontal bars instead, the full labels in a column beside them."""
    slot = (width - 0.8) / max(1, len(data.categories))
    return all(_text_width(c.label, 12) <= slot - 0.1 for c in data.categories)


def _luminance(hex_rgb: str) -> float:
    """WCAG relative luminance of an "RRGGBB" colour."""
    channels = [int(hex_rgb[k : k + 2], 16) / 255 for k in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _text_on(hex_rgb: str) -> RGBColor:
    """White or dark text, whichever contrasts more with the background colour."""
    lum = _luminance(hex_rgb)
    dark = _luminance(str(TEXT))
    return WHITE if (1.05 / (lum + 0.05)) > ((lum + 0.05) / (dark + 0.05)) else TEXT


def _add_picture(deck: _Deck, slide, chart: PackChart, x: float, y: float, w: float, h: float) -> None:
    try:
        # Drawn at the box's aspect ratio, so the picture fills it undistorted.
        png = images.render(chart.figure, "png", int(w * 100), int(h * 100))
    except Exception:  # no Chromium, Kaleido failure: keep the slide, show the text alternative instead
        log.exception("chart image failed: %s", chart.title)
        _, tf = _textbox(slide, x, y, w, h)
        _run(deck, tf.paragraphs[0], chart.alt, 18)
        return
    picture = slide.shapes.add_picture(io.BytesIO(png), Inches(x), Inches(y), Inches(w), Inches(h))
    _alt_text(picture, chart.alt, chart.title)


# ------------------------------------------------------------------------------------------------- entry


def export_pptx(pack: ReviewPack, path: pathlib.Path, *, progress: Progress | None = None) -> pathlib.Path:
    """Write the review pack as a 16:9 PPTX at `path` and return the path.

    Slides: title, agenda (ISO 9001 §9.3.2 order), objectives summary, one or more slides per review
    input (never skipped, even without data), then the proposed decisions (§9.3.3). `progress(fraction,
    message)` is called as the slides are built.
    """

    def report(fraction: float, message: str) -> None:
        if progress is not None:
            progress(min(max(fraction, 0.0), 1.0), message)

    path = pathlib.Path(path)
    meta = pack.meta
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12_192_000), Emu(6_858_000)  # exactly 16:9, 13.333 × 7.5 in
    deck = _Deck(prs, pack, _LANG_TAGS.get(meta.lang, meta.lang))
    steps = len(pack.items) + 4

    report(0.0, meta.review_title)
    _title_slide(deck)
    _agenda_slides(deck)
    report(1 / steps, deck.label("agenda"))
    _objectives_slides(deck)
    _corrections_slides(deck)
    report(2 / steps, deck.label("objectives_summary"))
    for n, item in enumerate(pack.items):
        _item_slides(deck, item)
        report((3 + n) / steps, item.clause)
    _decisions_slides(deck)
    report((steps - 1) / steps, deck.label("decisions"))

    # Fixed properties, so the same pack gives the same document (python-pptx would stamp "now").
    props = prs.core_properties
    props.title = meta.review_title
    props.subject = deck.label("pack_title")
    props.author = meta.author
    props.last_modified_by = meta.author
    props.created = meta.generated_at
    props.modified = meta.generated_at
    props.language = meta.lang
    props.identifier = meta.review_id
    props.version = meta.version
    props.revision = 1
    props.comments = ""
    props.category = ""

    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(path)
    report(1.0, path.name)
    return path
