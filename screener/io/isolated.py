"""Read a legacy .xls workbook in a child process, so a damaged file cannot take the whole run down.

calamine's BIFF/OLE2 parser trusts size fields of the file: fuzzing found damaged .xls files that make it try to
allocate hundreds of gigabytes, and Rust aborts the process on a failed allocation (no exception to catch). The
child runs the ordinary in-process reader under an address-space limit and hands the sheets back as Arrow IPC
files; if it dies, the user gets an InputFileError for that file. A .xls holds at most 65,536 rows per sheet, so the
extra process (about half a second) is cheap next to the guarantee.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

import polars as pl

from screener.contracts import ReadLimits
from screener.errors import InputFileError
from screener.io.grid import Grid
from screener.io.workbook import read_workbook

CHILD_MEMORY_BYTES = 4 << 30
CHILD_TIMEOUT_SECONDS = 300
ERROR_FILE = "error.json"
SHEETS_FILE = "sheets.json"


def read_workbook_isolated(path: Path, shown: str, kind: str, limits: ReadLimits) -> list[Grid]:
    """Every sheet as a grid, read by calamine in a child process with bounded memory."""
    with tempfile.TemporaryDirectory(prefix="screener-xls-") as out:
        command = [
            sys.executable,
            "-m",
            "screener.io.isolated",
            str(path),
            shown,
            kind,
            out,
            json.dumps(asdict(limits)),
        ]
        try:
            finished = subprocess.run(
                command, capture_output=True, timeout=CHILD_TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise _crashed(shown, f"reading took longer than {CHILD_TIMEOUT_SECONDS} s") from exc
        folder = Path(out)
        if (folder / ERROR_FILE).exists():
            found = json.loads((folder / ERROR_FILE).read_text(encoding="utf-8"))
            raise InputFileError(found["message"], hint=found.get("hint"))
        if finished.returncode != 0 or not (folder / SHEETS_FILE).exists():
            raise _crashed(shown, f"the reader stopped with exit code {finished.returncode}")
        sheets = json.loads((folder / SHEETS_FILE).read_text(encoding="utf-8"))
        return [
            Grid(
                pl.read_ipc(io.BytesIO((folder / f"{i}.arrow").read_bytes())),
                sheet=s["name"],
                visible=s["visible"],
                hidden_rows=s.get("hidden_rows") or None,
                hidden_by_filter=s.get("hidden_by_filter", False),
            )
            for i, s in enumerate(sheets)
        ]


def _crashed(shown: str, detail: str) -> InputFileError:
    return InputFileError(
        f"'{shown}' could not be read as a legacy Excel (.xls) workbook: {detail}; the file is probably damaged.",
        hint="Open it in Excel (or LibreOffice) and save it as .xlsx, then run again.",
    )


def _child(path: str, shown: str, kind: str, out: str, limits_json: str) -> int:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
    folder = Path(out)
    try:
        grids = read_workbook(Path(path), shown, kind, ReadLimits(**json.loads(limits_json)))
    except InputFileError as error:
        (folder / ERROR_FILE).write_text(
            json.dumps({"message": error.message, "hint": error.hint}), encoding="utf-8"
        )
        return 3
    for i, grid in enumerate(grids):
        grid.frame.write_ipc(folder / f"{i}.arrow")
    sheets = [
        {
            "name": g.sheet,
            "visible": g.visible,
            "hidden_rows": g.hidden_rows or [],
            "hidden_by_filter": g.hidden_by_filter,
        }
        for g in grids
    ]
    (folder / SHEETS_FILE).write_text(json.dumps(sheets), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(_child(*sys.argv[1:6]))
