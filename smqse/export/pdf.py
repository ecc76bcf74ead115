"""The written record ("compte rendu") of a management review as a tagged, accessible PDF (PDF/UA-1).

Typst (the `typst` wheel) typesets it: it is self-contained (no system Pango/Cairo as WeasyPrint needs),
and writes tagged PDF with a PDF/UA-1 check built in. The template `pack.typ` beside this module renders
everything from data: the pack goes in as JSON through `sys_inputs`, never spliced into markup, so any
character a user typed prints as text. Chart images are drawn by Kaleido (`smqse.export.images`) into a
temporary directory that is the compile root.
"""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import plotly.graph_objects as go
import typst

from smqse.export import images
from smqse.i18n import format_cell
from smqse.review.model import Decision, PackTable, ReviewItem, ReviewPack

TEMPLATE = pathlib.Path(__file__).with_name("pack.typ")
# px; Typst scales the SVG to the text width (~16.6 cm), so 14 px chart text prints at about 9 pt.
CHART_WIDTH, CHART_HEIGHT = 720, 330
EMPTY = "—"  # a missing value

REPLACEMENT = "\ufffd"
MAX_ATTEMPTS = 40
WIDE_RANGES = ((0x1100, 0x11FF), (0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0x1F000, 0x1FAFF))
WIDE_RANGES += ((0x20000, 0x3FFFF),)
_UNSHOWN = re.compile(r'the text `"((?:[^"\\]|\\.)*)"` could not be displayed')
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

Progress = Callable[[float, str], None]


def export_pdf(
    pack: ReviewPack,
    path: pathlib.Path,
    *,
    progress: Progress | None = None,
    pictures: list[bytes | None] | None = None,
) -> pathlib.Path:
    """Write the review record to `path` (PDF/UA-1, A4) and return `path`.

    `progress(fraction, message)` is called as charts are drawn and the document is typeset; messages
    are the pack's own text (chart titles, then the document title), so they are in the pack's language.
    Without a Chromium for Kaleido, each chart is replaced by its data table under the same caption.
    `pictures` are the charts already drawn by `draw_chart_pictures` (the pack export draws them while it
    writes the other files); without them they are drawn here.
    """
    path = pathlib.Path(path)
    report = progress or (lambda fraction, message: None)
    charts = [chart for item in pack.items for chart in item.charts]
    if pictures is None:
        pictures = draw_chart_pictures(pack, lambda fraction, message: report(0.8 * fraction, message))
    with tempfile.TemporaryDirectory(prefix="smqse-pdf-") as tmp:
        root = pathlib.Path(tmp)
        # The template is compiled from inside the root: Typst only reads files under it.
        shutil.copyfile(TEMPLATE, root / "pack.typ")
        drawn: dict[int, str | None] = {}
        for n, (chart, png) in enumerate(zip(charts, pictures, strict=True)):
            drawn[id(chart)] = None if png is None else f"chart-{n}.png"
            if png is not None:
                (root / f"chart-{n}.png").write_bytes(png)
        data = _pack_data(pack, drawn)
        report(0.85, data["meta"]["document_title"])
        pdf = _compile(root / "pack.typ", data, _timestamp(pack.meta.generated_at))
    path.write_bytes(pdf)
    report(1.0, data["meta"]["document_title"])
    return path


def _compile(template: pathlib.Path, data: dict[str, Any], timestamp: int) -> bytes:
    """Typeset the record as PDF/UA-1, replacing characters no font can show.

    PDF/UA forbids a glyph that cannot be displayed, so Typst refuses the whole document for one emoji
    or ideograph that neither its embedded fonts nor the machine's have. Such characters become U+FFFD
    and the record is still written; Typst names one per attempt, so ranges of them go at once.
    """
    data = _map_strings(data, _printable)
    for _ in range(MAX_ATTEMPTS):
        try:
            return typst.compile(
                str(template),
                root=str(template.parent),
                sys_inputs={"pack": json.dumps(data, ensure_ascii=False)},
                pdf_standards=["ua-1"],
                # Libertinus (embedded in Typst) sets the text on every machine; system fonts only fill in
                # characters it lacks (symbols, other scripts).
                ignore_system_fonts=False,
                timestamp=timestamp,
            )
        except typst.TypstError as error:
            missing = {_range_of(c) for c in _unshown(str(error))}
            if not missing:
                raise
            data = _map_strings(data, _replacer(missing))
    raise RuntimeError("too many characters that no font can show")


def _unshown(message: str) -> str:
    """The characters in Typst's "the text `"…"` could not be displayed" error ("" for other errors)."""
    m = _UNSHOWN.search(message)
    if m is None:
        return ""
    escapes = {"n": "\n", "t": "\t", "r": "\r"}
    return re.sub(
        r"\\u\{([0-9a-fA-F]+)\}|\\(.)",
        lambda e: chr(int(e.group(1), 16)) if e.group(1) else escapes.get(e.group(2), e.group(2)),
        m.group(1),
    )


def _range_of(char: str) -> tuple[int, int]:
    """What to replace along with a character no font shows, so that a comment in a script the fonts
    lack costs a few attempts, not one per letter: CJK, Hangul and emoji as wholes, other scripts by
    blocks of 128; Latin, Greek, Cyrillic and the symbol blocks, which fonts cover piecemeal, one by one."""
    code = ord(char)
    for low, high in WIDE_RANGES:
        if low <= code <= high:
            return low, high
    if code < 0x0590 or 0x2000 <= code <= 0x2BFF:
        return code, code
    return code & ~0x7F, code | 0x7F


def _replacer(missing: set[tuple[int, int]]) -> Callable[[str], str]:
    return lambda text: "".join(REPLACEMENT if _range_of(c) in missing else c for c in text)


# The app's symbols are plain text ones the embedded fonts draw (smqse.charts.palette); colour emoji that
# still reach the pack (pasted into a comment, an older stored text) have no embedded glyph and PDF/UA forbids
# an undrawable one, so they become the plain symbols of DejaVu Sans Mono (the word beside carries the meaning).
ICON_SYMBOLS = str.maketrans(
    {"✅": "✓", "❌": "✗", "⚪": "○", "⚡": "ϟ", "〰": "~", "➖": "–", "❔": "?", "\ufe0f": None}
)


def _printable(text: str) -> str:
    """Control characters (pasted from a spreadsheet or a terminal) have no glyph: drop them."""
    return _CONTROL.sub("", text.replace("\t", " ")).translate(ICON_SYMBOLS)


def _map_strings(value: Any, change: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {k: _map_strings(v, change) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_map_strings(v, change) for v in value]
    return value


# Charts per Kaleido call: enough to keep its tabs busy, few enough to report progress as they come.
CHARTS_PER_CALL = 12


def draw_chart_pictures(pack: ReviewPack, progress: Progress | None = None) -> list[bytes | None]:
    """The PNG of every chart of the pack, in order; all None when no browser can draw them.

    PNG, not SVG: an SVG's text (legends with status emoji) must be drawable by Typst's fonts under
    PDF/UA, a picture need not; the figure's alt text says what it shows. `progress(fraction, title)`
    is called before each batch of charts; without it they are drawn in one call.
    """
    charts = [chart for item in pack.items for chart in item.charts]
    per_call = CHARTS_PER_CALL if progress is not None else max(len(charts), 1)  # nobody to tell: one call
    pictures: list[bytes | None] = []
    for start in range(0, len(charts), per_call):
        batch = charts[start : start + per_call]
        if progress is not None:
            progress(start / len(charts), batch[0].title)
        try:
            pictures += images.render_many(
                [(_untitled(chart.figure), CHART_WIDTH, CHART_HEIGHT) for chart in batch], "png"
            )
        except images.ChromiumMissingError:
            return [None] * len(charts)  # don't retry for every chart
    return pictures


def _untitled(figure: go.Figure) -> go.Figure:
    """The figure without its own title: the caption says it, with the takeaway."""
    fig = go.Figure(figure)
    fig.update_layout(title_text="", font_size=14, margin={"t": 24, "b": 40, "l": 56, "r": 16})
    return fig


def _pack_data(pack: ReviewPack, drawn: dict[int, str | None]) -> dict[str, Any]:
    """Everything the template shows, as JSON-ready values already formatted for display."""
    meta, labels = pack.meta, pack.labels
    lang = meta.lang
    generated = meta.generated_at
    fields = [
        (labels["organisation"], meta.organisation),
        (labels["scope"], meta.scope_label),
        (labels["period"], f"{_long(meta.period_start, lang)} – {_long(meta.period_end, lang)}"),
        (labels["cut_off"], _long(meta.cut_off, lang)),
        *([(labels["data_state"], meta.month_state)] if meta.month_state else []),
        (labels["author"], meta.author),
        (labels["version"], meta.version),
        (labels["generated"], _long(generated, lang)),
    ]
    clauses = {item.ref: item.clause for item in pack.items}
    return {
        "labels": labels,
        "meta": {
            "lang": lang,
            "document_title": f"{meta.review_title} — {meta.organisation}",
            "review_title": meta.review_title,
            "author": meta.author,
            "date": [generated.year, generated.month, generated.day],
            # The footer of every page: the cut-off, and "provisional" when the month is.
            "cut_off": _long(meta.cut_off, lang)
            + (f" · {labels['provisional']}" if meta.provisional else ""),
            "provisional": labels["provisional"] if meta.provisional else None,
            "fields": fields,
        },
        "corrections": _table_data(meta.corrections, lang) if meta.corrections is not None else None,
        "items": [_item_data(item, labels, lang, drawn) for item in pack.items],
        "objectives": _table_data(pack.objectives_summary, lang),
        "decisions": [_decision_data(d, labels, lang, clauses) for d in pack.decisions],
    }


def _item_data(item: ReviewItem, labels: dict[str, str], lang: str, drawn: dict[int, str | None]) -> dict:
    return {
        "clause": item.clause,
        "title": item.title,
        "takeaway": item.takeaway,
        "has_data": item.has_data,
        "findings": list(item.findings),
        "written": item.written,
        "written_label": labels["written_input"].format(who=item.written_by or EMPTY),
        "charts": [
            {
                "title": chart.title,
                "takeaway": chart.takeaway,
                "alt": chart.alt,
                "image": drawn.get(id(chart)),
                "table": _table_data(PackTable(chart.title, chart.data), lang),
            }
            for chart in item.charts
        ],
        "tables": [_table_data(t, lang) for t in item.tables],
    }


def _table_data(table: PackTable, lang: str) -> dict:
    frame = table.frame
    return {
        "title": table.title,
        "columns": [str(c) for c in frame.columns],
        # Numbers are right-aligned so their digits line up.
        "numeric": [dtype.is_numeric() for dtype in frame.dtypes],
        "rows": [[format_cell(v, lang) for v in row] for row in frame.iter_rows()],
    }


def _decision_data(d: Decision, labels: dict[str, str], lang: str, clauses: dict[str, str]) -> dict:
    fields = [
        (labels["decision_type"], d.decision_type_label),
        (labels["owner"], d.owner),
        (labels["due"], d.due_on),
        (labels["item"], clauses.get(d.input_ref, d.input_ref) if d.input_ref else None),
        (labels["process"], d.process_name),
    ]
    if d.action_id is not None:  # an unlinked action is simply not mentioned; other fields show even empty
        fields.append((labels["action"], d.action_id))
    fields += [
        (labels["cost"], d.cost),
        (labels["benefit"], d.expected_benefit),
        (labels["cost_of_inaction"], d.cost_of_inaction),
        (labels["argument"], d.argument),
    ]
    return {"id": d.decision_id, "text": d.text, "fields": [(k, format_cell(v, lang)) for k, v in fields]}


def _long(value: object, lang: str) -> str:
    """A title-block or footer field: dates in full ("6 décembre 2026"), as a sentence would write them."""
    return format_cell(value, lang, date_length="long")


def _timestamp(moment: datetime) -> int:
    """Seconds since the epoch for Typst's `datetime.today()`: naive times are taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())
