"""The whole management review pack: PowerPoint for the meeting, PDF record, Excel data appendix.

Files are written to a temporary name in the output directory and renamed when complete, so an interrupted
export never leaves a half-written file under the final name.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from smqse.export.images import INSTALL_HINT, ChromiumMissingError, find_chromium
from smqse.review.model import ReviewPack

FORMATS = ("pptx", "pdf", "xlsx")
Progress = Callable[[float, str], None]


# Anything but these in the version becomes "-": the name stays one file in the output directory even when
# a caller skipped the check of the version (smqse.review.content.version_problem).
_UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9._-]")


def pack_file_name(pack: ReviewPack, fmt: str) -> str:
    stem = "revue-de-direction" if pack.meta.lang == "fr" else "management-review"
    version = _UNSAFE_IN_NAME.sub("-", pack.meta.version).replace("..", "-") or "v1"
    return f"{stem}-{pack.meta.cut_off:%Y-%m}-{version}.{fmt}"


def parse_formats(text: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise ValueError(
            f"unknown format(s) {', '.join(unknown) or '(none)'}; choose among {', '.join(FORMATS)}"
        )
    return chosen


def needs_images(pack: ReviewPack, formats: tuple[str, ...]) -> bool:
    """PPTX and PDF draw chart images (PPTX only where no native chart fits, PDF always)."""
    has_charts = any(item.charts for item in pack.items)
    return has_charts and any(f in formats for f in ("pptx", "pdf"))


def export_pack(
    pack: ReviewPack, out_dir: Path, formats: tuple[str, ...] = FORMATS, progress: Progress | None = None
) -> list[Path]:
    """Write the requested files; returns their paths in the order of `formats`.

    The PDF's chart images, most of the time of a pack, are drawn by Chromium while Python writes the
    other files: a worker thread waits on Kaleido from the start."""
    from smqse.export.pdf import draw_chart_pictures, export_pdf
    from smqse.export.pptx import export_pptx
    from smqse.export.xlsx import export_xlsx

    writers = {"pptx": export_pptx, "pdf": export_pdf, "xlsx": export_xlsx}
    if needs_images(pack, formats) and find_chromium() is None:
        raise ChromiumMissingError(INSTALL_HINT)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    drawing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="smqse-pack-charts")
    pictures: Future | None = None
    if "pdf" in formats and any(item.charts for item in pack.items):
        pictures = drawing.submit(draw_chart_pictures, pack)
    try:
        for k, fmt in enumerate(formats):
            target = out_dir / pack_file_name(pack, fmt)

            def step(fraction: float, message: str, k: int = k) -> None:
                if progress is not None:
                    progress((k + min(max(fraction, 0.0), 1.0)) / len(formats), message)

            extra = {"pictures": pictures.result()} if fmt == "pdf" and pictures is not None else {}
            fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=f".{fmt}", dir=out_dir)
            os.close(fd)
            try:
                writers[fmt](pack, Path(tmp), progress=step, **extra)
                os.chmod(tmp, 0o644)  # mkstemp makes it private; the pack is meant to be shared
                os.replace(tmp, target)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
            written.append(target)
    finally:
        # A failed export returns at once; charts being drawn finish in the background, unused.
        drawing.shutdown(wait=False, cancel_futures=True)
    if progress is not None:
        progress(1.0, "")
    return written
