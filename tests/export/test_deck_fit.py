"""Text that fits on the slides (issue 16): no word cut in a table column, takeaways that do not run into
what follows, category labels that do not squash a chart, French colons held to their word.

Widths are checked against DejaVu Sans, the font LibreOffice draws the deck with when Calibri (or Carlito)
is missing: the widest case the deck meets in practice."""

from __future__ import annotations

import dataclasses
import pathlib
import re

import polars as pl
import pytest
from babel.messages.pofile import read_po
from PIL import ImageFont
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu

from smqse.export import pptx as pptx_export
from smqse.export.pptx import export_pptx
from smqse.review.content import LABEL_KEYS, pack_labels
from smqse.review.model import PackChart, PackTable
from tests.export.sample_pack import sample_pack

DEJAVU = pathlib.Path("/usr/share/fonts/truetype/dejavu")
FRENCH_PO = pathlib.Path(__file__).parents[2] / "smqse/locale/fr/LC_MESSAGES/smqse.po"
CELL_MARGINS_IN = 2 * 0.08  # left + right, as _add_table sets them


def _width_in(text: str, size: float, *, bold: bool = False) -> float:
    """The real width of `text` in DejaVu Sans at `size` points, in inches."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    if not (DEJAVU / name).exists():
        pytest.skip("DejaVu Sans is not installed (apt package fonts-dejavu-core)")
    # Measured at 10× so that rounding to whole pixels does not matter.
    return ImageFont.truetype(str(DEJAVU / name), size * 10).getlength(text) / 10 / 72


def _inches(emu) -> float:
    return Emu(emu).inches


def _deck(pack, tmp_path):
    return Presentation(str(export_pptx(pack, tmp_path / "pack.pptx")))


def _title(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


FRENCH_SUMMARY = pl.DataFrame(
    {
        "Domaine": ["Qualité", "Santé-sécurité", "Environnement"],
        "Atteints": [13, 2, 5],
        "À surveiller": [4, 6, 7],
        "Non atteints": [3, 4, 3],
        "Non jugés": [1, 2, 0],
    }
)


def test_no_table_column_is_narrower_than_its_longest_word(tmp_path):
    pack = dataclasses.replace(sample_pack(), objectives_summary=PackTable("Atteinte", FRENCH_SUMMARY))
    deck = _deck(pack, tmp_path)
    slide = next(s for s in deck.slides if _title(s) == pack.labels["objectives_summary"])
    table = next(sh for sh in slide.shapes if sh.has_table).table
    header = [cell.text for cell in table.rows[0].cells]
    assert header == FRENCH_SUMMARY.columns
    for j, column in enumerate(table.columns):
        room = _inches(column.width) - CELL_MARGINS_IN
        for i, row in enumerate(table.rows):
            cell = row.cells[j]
            size = cell.text_frame.paragraphs[0].runs[0].font.size.pt
            for word in cell.text.split():
                # "Environnement" was 1.22 in of room for 1.28 in of text: "Environnemen/t".
                assert _width_in(word, size, bold=i == 0) <= room, (word, size, room)


def test_columns_keep_their_floor_and_fill_the_table():
    size = pptx_export._table_size(FRENCH_SUMMARY, "fr", 5.6, 12)
    assert size == 11  # the words need 5.65 in at 12 pt
    widths = pptx_export._column_widths(FRENCH_SUMMARY, "fr", 5.6, None, size)
    floors = pptx_export._min_widths(FRENCH_SUMMARY, "fr", size)
    assert sum(widths) == pytest.approx(5.6)
    assert all(w >= f - 1e-9 for w, f in zip(widths, floors, strict=True))


def test_a_table_too_wide_for_its_words_is_set_smaller():
    frame = pl.DataFrame({f"Responsabilité{k}": ["Environnementales"] for k in range(6)})
    assert pptx_export._table_size(frame, "fr", 12.3, 12) == 12
    assert pptx_export._table_size(frame, "fr", 10.3, 12) == 11  # would not fit at 12


def test_line_count_wraps_at_words():
    # 10 characters a line: "aaaaaa" then "bbbbbb" then "cccccc", not 20 characters in 2 lines.
    width = 10 * 12 * pptx_export.CHAR_EM / 72 + 1e-6
    assert pptx_export._lines("aaaaaa bbbbbb cccccc", width, 12) == 3
    assert pptx_export._lines("aaaaaa bbb", width, 12) == 1
    assert pptx_export._lines("a" * 25, width, 12) == 3  # an overlong word is broken where it must


LONG_TAKEAWAY = (
    "Taux de fréquence des accidents du travail avec arrêt : 21,5 par million d'heures travaillées depuis le "
    "début de l'objectif, contre un objectif à ce jour de 15,5 ; le site de Rouen porte à lui seul les deux "
    "tiers des arrêts, principalement des manutentions manuelles et des coupures lors du changement d'outils. "
    "Les actions engagées en septembre ne montrent pas encore d'effet mesurable sur les trois derniers mois."
)  # 7 lines in DejaVu Sans Bold at 22 pt; the former estimate (characters / line) gave room for 6


def _wrapped_lines(text: str, width_in: float, size: float) -> int:
    """How many lines DejaVu Sans Bold takes for `text` in `width_in`, wrapping at spaces."""
    lines, line = 1, ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if line and _width_in(candidate, size, bold=True) > width_in:
            lines, line = lines + 1, word
        else:
            line = candidate
    return lines


def test_the_takeaway_box_holds_its_lines_and_the_findings_start_below(tmp_path):
    item = dataclasses.replace(sample_pack().item("9.3.2.c.2"), takeaway=LONG_TAKEAWAY)
    pack = dataclasses.replace(sample_pack(), items=[item])
    deck = _deck(pack, tmp_path)
    slide = next(s for s in deck.slides if _title(s) == f"{item.clause} — {item.title}")
    box = next(sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text == LONG_TAKEAWAY)
    heading = next(
        sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text == "What the data says"
    )
    tf = box.text_frame
    size = tf.paragraphs[0].runs[0].font.size.pt
    lines = _wrapped_lines(LONG_TAKEAWAY, _inches(box.width - tf.margin_left - tf.margin_right), size)
    needed = lines * size * 1.17 / 72 + _inches(tf.margin_top + tf.margin_bottom)  # DejaVu's line height
    assert _inches(box.height) >= needed, (lines, _inches(box.height))
    assert heading.top >= box.top + box.height


def test_the_takeaway_height_grows_with_the_text():
    short = pptx_export._height("Complaints fell.", pptx_export.CONTENT_W, 22, bold=True)
    long = pptx_export._height(LONG_TAKEAWAY, pptx_export.CONTENT_W, 22, bold=True)
    assert long >= 4 * short


PROCESSES = [
    "Commercial et relation client",
    "Ressources humaines et compétences",
    "Santé, sécurité et environnement",
    "Production",
    "Logistique et expédition",
    "Pilotage et direction",
    "Conception et industrialisation",
    "Amélioration continue et QSE",
    "Maintenance et énergie",
    "Achats et fournisseurs",
]


def test_long_category_labels_turn_the_chart_into_horizontal_bars(tmp_path):
    frame = pl.DataFrame({"Processus": PROCESSES, "Atteints": list(range(10)), "Non atteints": [1] * 10})
    chart = PackChart("Objectifs par processus", None, frame, "Objectifs.", "alt", "stacked_bar")
    item = dataclasses.replace(sample_pack().item("9.3.2.c.2"), charts=[chart], tables=[])
    pack = dataclasses.replace(sample_pack(), items=[item])
    deck = _deck(pack, tmp_path)
    slide = next(s for s in deck.slides if _title(s) == f"{item.clause} — Objectifs par processus")
    drawn = next(sh for sh in slide.shapes if sh.has_chart).chart
    assert drawn.chart_type == XL_CHART_TYPE.BAR_STACKED  # was COLUMN_STACKED, labels tilted
    assert list(drawn.plots[0].categories) == PROCESSES  # the full names, none cut
    assert drawn.category_axis.reverse_order  # the first process on top, as in the table


def test_short_category_labels_stay_under_columns():
    data = pptx_export._category_data(FRENCH_SUMMARY, "fr", stacked=True)
    assert pptx_export._labels_fit_under_columns(data, 6.4)


# French typography: a no-break space (U+00A0) before ":", a narrow one (U+202F) before ";", "!", "?", so
# the sign never starts a line; pack.typ puts U+00A0 before its colons too.
_BREAKABLE_BEFORE_SIGN = re.compile(r"[ \t][:;!?]|(?<![\u00a0\u202f])[:;!?](?=\s|$)")


def test_french_review_messages_hold_colons_to_their_word():
    with FRENCH_PO.open("rb") as f:
        catalog = read_po(f)
    bad = []
    for message in catalog:
        if not str(message.id).startswith("review."):
            continue
        for text in message.string if isinstance(message.string, tuple) else (message.string,):
            if re.search(r" [:;!?]", text):
                bad.append((message.id, text))
    assert bad == []


def test_french_pack_labels_put_a_no_break_space_before_a_colon():
    labels = pack_labels("fr")
    assert set(labels) == set(LABEL_KEYS)
    field = labels["field_label"].format(label=labels["period"])
    assert field == "Période revue\u00a0: "
    for key, text in labels.items():
        assert not _BREAKABLE_BEFORE_SIGN.search(text.rstrip()), (key, text)
    assert pack_labels("en")["field_label"].format(label="Period") == "Period: "


def test_french_title_slide_fields(tmp_path):
    pack = dataclasses.replace(sample_pack("fr"), labels=pack_labels("fr"))
    deck = _deck(pack, tmp_path)
    text = deck.slides[0].placeholders[1].text_frame.text
    assert "Période revue\u00a0: " in text
    assert "Préparé par\u00a0: " in text
    assert not re.search(r"[^\s\d]:", text)  # a colon after a word, not in "10:00"


def test_the_pdf_picture_of_long_categories_has_horizontal_bars():
    from smqse.charts.review import build_count_bars

    frame = pl.DataFrame({"Processus": PROCESSES, "Atteints": [float(k) for k in range(10)]})
    figure = build_count_bars(frame, "Objectifs par processus", "…", "fr", stacked=True)
    bars = figure.data[0]
    assert bars.orientation == "h"  # was vertical, the names tilted over the legend
    assert list(bars.y) == PROCESSES
    assert figure.layout.yaxis.autorange == "reversed"  # the first process on top
    assert figure.layout.yaxis.automargin  # the full names beside the bars, not cut


def test_the_pdf_picture_of_short_categories_keeps_its_columns():
    from smqse.charts.review import build_count_bars

    figure = build_count_bars(FRENCH_SUMMARY.select("Domaine", "Atteints"), "Atteinte", "…", "fr")
    assert figure.data[0].orientation in (None, "v")  # columns, as before
    assert list(figure.data[0].x) == ["Qualité", "Santé-sécurité", "Environnement"]


def test_french_chart_alt_texts_hold_colons_and_semicolons_to_their_word(tmp_path):
    from smqse.charts.review import build_count_bars

    frame = FRENCH_SUMMARY.select("Domaine", "Atteints")
    alt = build_count_bars(frame, "Atteinte", "…", "fr").layout.meta["alt"]
    assert "Qualité\u00a0: 13\u202f; Santé-sécurité\u00a0: 2" in alt  # was "Qualité: 13; Santé-sécurité: 2"
    assert (
        "Quality: 13; "
        in build_count_bars(frame.with_columns(Domaine=pl.lit("Quality")), "A", "…", "en")["layout"]["meta"][
            "alt"
        ]
    )
    pack = dataclasses.replace(
        sample_pack("fr"), labels=pack_labels("fr"), objectives_summary=PackTable("Atteinte", FRENCH_SUMMARY)
    )
    deck = _deck(pack, tmp_path)
    slide = next(s for s in deck.slides if _title(s) == pack.labels["objectives_summary"])
    chart = next(sh for sh in slide.shapes if sh.has_chart)
    descr = chart._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
    assert "Qualité\u00a0: Atteints 13" in descr and "\u202f; Santé-sécurité\u00a0: " in descr
