"""The pack export draws the PDF's chart images in a worker thread while it writes the other files, and the
PDF uses those images: one drawing per chart, none on the thread that writes the files."""

from __future__ import annotations

import io
import threading

from PIL import Image

from smqse.export import images
from smqse.export import pack as pack_module
from tests.export.sample_pack import sample_pack


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(buf, "PNG")
    return buf.getvalue()


def test_pdf_charts_are_drawn_beside_the_other_files(tmp_path, monkeypatch):
    drawn: list[tuple[str, int]] = []

    def render_many(jobs, fmt="png", scale=2.0):
        drawn.append((threading.current_thread().name, len(jobs)))
        return [_png() for _ in jobs]

    monkeypatch.setattr(images, "render_many", render_many)
    monkeypatch.setattr(images, "render", lambda *a, **k: _png())  # PPTX pictures, if any
    monkeypatch.setattr(pack_module, "find_chromium", lambda: "/usr/bin/chromium")
    pack = sample_pack()
    charts = sum(len(item.charts) for item in pack.items)
    assert charts
    paths = pack_module.export_pack(pack, tmp_path, ("pptx", "pdf", "xlsx"))
    assert [p.suffix for p in paths] == [".pptx", ".pdf", ".xlsx"]
    assert sum(n for _, n in drawn) == charts  # each chart once
    assert {name.split("_")[0] for name, _ in drawn} == {"smqse-pack-charts"}
    assert b"/Alt(" in paths[1].read_bytes()  # the PDF shows the drawn images, with their text
