"""Writing the screening: the xlsx workbook officers work in, csv/json/parquet, the console summary.

Public API: :func:`write_report`. Formats: xlsx (the workbook), csv and parquet (a folder, one file per table),
json (one document), ftm (FollowTheMoney entities as JSON lines).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

FORMATS = ("xlsx", "csv", "json", "parquet", "ftm")


def write_report(
    screening,
    output: str | Path,
    fmt: str | None = None,
    *,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write ``screening`` atomically; refuse to overwrite without ``force``. Returns the paths written.

    ``progress`` (optional) is told what is being written, sheet by sheet (a 100k-supplier workbook takes ~30 s)."""
    from screener.report.writer import write_report as _write

    return _write(screening, Path(output), fmt, force=force, progress=progress)
