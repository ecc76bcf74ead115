"""Bounds on the work one import may cost, whatever the file: size, inflated size, rows, columns, cell length,
problems kept and time. A file beyond a bound is refused with a problem that says which bound and what to do;
nothing is written. FORMATS.md lists the same numbers for people.

Why these numbers: the page already refuses uploads over 50 MB (.streamlit/config.toml); the benchmark file
(1 M measurement rows) must keep loading; a legitimate XLSX compresses about 5 to 20 times, a zip bomb
hundreds or thousands of times; openpyxl keeps the whole shared-strings table in memory, so that part gets
its own, smaller bound; a page showing 2 million problems helps nobody, the first few hundred and the count do.
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable

MB = 1024 * 1024

MAX_FILE_BYTES = 50 * MB  # same as server.maxUploadSize; also applies to the command line
MAX_XLSX_INFLATED_BYTES = 256 * MB  # sum of the zip members' uncompressed sizes (about 500 000 rows)
MAX_XLSX_SHARED_STRINGS_BYTES = 32 * MB  # xl/sharedStrings.xml, read whole into memory by openpyxl
MAX_XLSX_RATIO = 100  # uncompressed / compressed size of one member (Apache POI's default bound)
XLSX_RATIO_FROM_BYTES = 1 * MB  # small members may compress well; the ratio is checked above this size
MAX_XLSX_MEMBERS = 1_000
MAX_ROWS = 2_000_000  # data rows (the benchmark imports 1 M)
MAX_COLUMNS = 100  # the widest format has 23 columns
MAX_CELL_CHARS = 2_000  # comments, descriptions, definitions: longer is a problem, never truncated silently
MAX_PROBLEMS_KEPT = 200  # located messages kept; the rest are counted
PREVIEW_ROWS = 1_000  # rows of a checked file the import page keeps and shows
CHECK_SECONDS = 60.0  # reading and validating one file
CHECK_EVERY_ROWS = 4_096  # how often the read loops look at the clock


class LimitExceeded(Exception):
    """The file goes beyond a bound: `code` names the problem, `row` locates it when it can, `values` fill
    its message."""

    def __init__(self, code: str, row: int | None = None, **values: object):
        super().__init__(code)
        self.code = code
        self.row = row
        self.values = values


class Budget:
    """The time one check may take, looked at cooperatively between steps and inside the read loops."""

    def __init__(self, seconds: float | None = None, clock: Callable[[], float] = time.monotonic):
        self.seconds = CHECK_SECONDS if seconds is None else seconds
        self.clock = clock
        self.start = clock()

    def check(self) -> None:
        if self.clock() - self.start >= self.seconds:
            raise LimitExceeded("check_stopped", seconds=f"{self.seconds:g}")


def check_file_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise LimitExceeded("file_too_large", size=_mb(size), limit=_mb(MAX_FILE_BYTES))


def check_zip_directory(archive: zipfile.ZipFile) -> None:
    """Refuse a zip bomb from the zip's directory alone, before anything is inflated. The sizes are the
    ones the directory declares; zipfile stops reading a member that inflates beyond its declared size."""
    members = archive.infolist()
    if len(members) > MAX_XLSX_MEMBERS:
        raise LimitExceeded("xlsx_too_many_parts", count=len(members), limit=MAX_XLSX_MEMBERS)
    total = sum(m.file_size for m in members)
    if total > MAX_XLSX_INFLATED_BYTES:
        raise LimitExceeded("xlsx_too_large", size=_mb(total), limit=_mb(MAX_XLSX_INFLATED_BYTES))
    for member in members:
        if member.filename.lower().endswith("sharedstrings.xml") and (
            member.file_size > MAX_XLSX_SHARED_STRINGS_BYTES
        ):
            raise LimitExceeded(
                "xlsx_too_large", size=_mb(member.file_size), limit=_mb(MAX_XLSX_SHARED_STRINGS_BYTES)
            )
        if member.file_size > XLSX_RATIO_FROM_BYTES:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > MAX_XLSX_RATIO:
                raise LimitExceeded("xlsx_ratio", ratio=f"{ratio:.0f}", limit=MAX_XLSX_RATIO)


def _mb(size: int) -> str:
    return f"{size / MB:.1f}"
