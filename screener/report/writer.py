"""Writing a report safely: the right format, never a half-written file, never an unasked-for overwrite.

Every format is written to a temporary path beside the target (same folder, so the final rename is atomic on one
file system) and renamed into place only when complete; on any failure the temporary file or folder is removed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

from screener.atomic import finish, new_temp, remove, remove_stale_temp, temp_prefix
from screener.errors import OutputError, option

FILE_FORMATS = {"xlsx": ".xlsx", "json": ".json", "ftm": ".ftm.jsonl"}
FOLDER_FORMATS = ("csv", "parquet")
FORMATS = ("xlsx", "csv", "json", "parquet", "ftm")
SUFFIX_FORMATS = {
    ".xlsx": "xlsx",
    ".json": "json",
    ".jsonl": "ftm",
    ".ftm": "ftm",
    ".parquet": "parquet",
    ".csv": "csv",
}


FOLDER_CONTENTS = "a folder of tables (suppliers, matches, indicators, rejected...) and manifest.json"


def resolve_output(output: Path, fmt: str | None) -> tuple[Path, str]:
    """(the path the report will have, its format), refusing before anything is screened what would surprise:
    a suffix that is no report format (``x.pdf``), a suffix naming another format than the one asked for, and a
    csv or parquet report named like one file (``r.csv``: those formats write a folder)."""
    output = Path(output)
    suffix = output.suffix.lower()
    named = SUFFIX_FORMATS.get(suffix)
    fmt = choose_format(output, fmt)
    if fmt in FOLDER_FORMATS:
        if named is not None:
            raise OutputError(
                f"{output}: the {fmt} report is {FOLDER_CONTENTS}, not one {suffix} file.",
                hint=f"Give a folder name without {suffix} (e.g. {output.with_suffix('')}), or choose "
                "--format xlsx or json for one file.",
            )
        return output, fmt
    if suffix and named is None and not output.name.lower().endswith(FILE_FORMATS[fmt]):
        raise OutputError(
            f"{output}: {suffix} is not a report format.",
            hint=f"Name the report {output.with_suffix(FILE_FORMATS[fmt]).name} ({fmt}), or choose another "
            "format with --format (xlsx, json, ftm; csv and parquet write a folder).",
        )
    if named is not None and named != fmt:
        raise OutputError(
            f"{output}: the suffix {suffix} names a {named} report, but the format asked for is {fmt}.",
            hint=f"Name it {output.with_suffix(FILE_FORMATS[fmt]).name}, or drop --format.",
        )
    return target_path(output, fmt), fmt


def choose_format(output: Path, fmt: str | None) -> str:
    """The requested format, else the one the output's suffix names, else xlsx."""
    if fmt is None:
        fmt = SUFFIX_FORMATS.get(output.suffix.lower(), "xlsx")
    if fmt not in FORMATS:
        raise OutputError(
            f"{output}: unknown report format {fmt!r}.", hint=f"Use one of: {', '.join(FORMATS)}."
        )
    return fmt


def target_path(output: Path, fmt: str) -> Path:
    """``output`` with the format's suffix added when it has none (folders for csv/parquet keep their name)."""
    if fmt in FILE_FORMATS and not output.suffix:
        return output.with_name(output.name + FILE_FORMATS[fmt])
    return output


def write_report(
    screening,
    output: str | Path,
    fmt: str | None = None,
    *,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write ``screening`` as ``fmt`` at ``output`` atomically; refuse to overwrite without ``force``. Returns the
    paths written (a folder for csv/parquet).

    ``progress`` (optional) is told what is being written, sheet by sheet (a 100k-supplier workbook takes ~30 s)."""
    target, fmt = resolve_output(Path(output), fmt)
    check_not_an_input(target, [info.path for info in getattr(screening, "inputs", None) or []])
    check_target(target, fmt, force)
    modules = _report_modules()
    tables = modules.tables.report_tables(screening)
    if fmt == "xlsx":
        modules.excel.check_fits_xlsx(tables, target)
    say = progress or (lambda _message: None)
    _atomic(
        target, fmt in FOLDER_FORMATS, lambda temp: _write(fmt, screening, tables, temp, say), force=force
    )
    return [target]


def _report_modules() -> SimpleNamespace:
    """The table builder and the format writers, imported when a report is written rather than with this module.

    Every CLI start (`screener --help` too) imports this module through the screen command; the writers import
    the matcher's feature descriptions and with them numpy, scipy and rapidfuzz. Measured on the shared 2-core
    machine (load average 10): `import screener.cli` 1.0-1.1 s with them here, 2.1-2.3 s with them at the top."""
    from screener.report import excel, ftm, machine, tables

    return SimpleNamespace(excel=excel, ftm=ftm, machine=machine, tables=tables)


def _write(fmt: str, screening, tables, temp: Path, say: Callable[[str], None]) -> None:
    modules = _report_modules()
    if fmt == "xlsx":
        modules.excel.write_workbook(screening, tables, temp, say)
        return
    say(f"writing the {fmt} report")
    if fmt == "csv":
        modules.machine.write_csv_folder(screening, tables, temp)
    elif fmt == "parquet":
        modules.machine.write_parquet_folder(screening, tables, temp)
    elif fmt == "json":
        modules.machine.write_json_document(screening, tables, temp)
    elif fmt == "ftm":
        modules.ftm.write_ftm(screening, tables, temp)


def check_writable(target: Path) -> None:
    """Refuse, before anything is read, a report folder the report could not be written in (a missing drive, a
    read-only share): found by making a temporary file there, as the writer will. Folders made for the probe are
    removed again, so a run that stops later leaves nothing behind."""
    made: list[Path] = []
    folder = target.parent
    try:
        for parent in reversed([folder, *folder.parents]):
            if not parent.exists():
                parent.mkdir()
                made.append(parent)
        remove(new_temp(target))
    except OSError as error:
        raise OutputError(
            f"{target}: cannot write in {folder} ({error.strerror or error}).",
            hint=f"Choose a writable folder with {option('output')}.",
        ) from error
    finally:
        for parent in reversed(made):
            try:
                parent.rmdir()
            except OSError:
                pass


def check_target(target: Path, fmt: str, force: bool) -> None:
    """Refuse to overwrite without ``force``, or to replace a folder by a file (or the reverse)."""
    if not target.exists() and not target.is_symlink():
        return
    wants_folder = fmt in FOLDER_FORMATS
    if target.exists() and target.is_dir() != wants_folder:  # said first: --force would not help
        kind = "folder" if target.is_dir() else "file"
        raise OutputError(
            f"{target} is a {kind}, but the {fmt} report is a {'folder' if wants_folder else 'file'}.",
            hint=f"Choose another path with {option('output')}.",
        )
    if not force:
        raise OutputError(
            f"{target} already exists.",
            hint=f"Use {option('force', 'True')} to overwrite it, or choose another path with {option('output')}.",
        )


def check_not_an_input(target: Path, inputs) -> None:
    """Refuse a report path that is one of the run's input files, or a report folder that holds one (--force
    would otherwise replace the supplier file, a list or the rules the run read)."""
    where = Path(target).resolve()
    for given in inputs:
        path = Path(given)
        try:
            resolved = path.resolve()
            same = resolved == where or (path.exists() and where.exists() and os.path.samefile(path, where))
        except OSError:
            continue
        if same or where in resolved.parents:
            what = "is" if same else "holds"
            raise OutputError(
                f"{target} {what} the input {given}: the report would replace it.",
                hint=f"Choose another path with {option('output')}; an input is never overwritten, even with {option('force', 'True')}.",
            )


def _atomic(target: Path, is_folder: bool, write: Callable[[Path], None], *, force: bool = False) -> None:
    """Run ``write`` on a temporary sibling of ``target``, then move it into place (screener.atomic); clean up on
    any failure (and first, what killed runs left behind)."""
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temp(target)
        temp = new_temp(target, folder=is_folder)
    except OSError as error:
        raise OutputError(
            f"{target}: cannot write in {parent} ({error.strerror}).",
            hint=f"Choose a writable folder with {option('output')}.",
        ) from error
    try:
        finish(temp, target, write, lambda temp, target: _move_into_place(temp, target, is_folder, force))
    except FileExistsError as error:
        raise OutputError(
            f"{target} appeared while the report was being written; it was left as it is.",
            hint=f"Use {option('force', 'True')} to overwrite it, or choose another path with {option('output')}.",
        ) from error
    except OSError as error:
        raise OutputError(
            f"{target}: writing the report failed ({error.strerror or error}).",
            hint=f"Check the disk space and permissions, or choose another path with {option('output')}.",
        ) from error


def _move_into_place(temp: Path, target: Path, is_folder: bool, force: bool) -> None:
    """Rename into place. Without ``force`` a file is hard-linked (which fails if the target appeared meanwhile)
    rather than renamed over whatever is there now."""
    if not is_folder:
        if force:
            os.replace(temp, target)
            return
        try:
            os.link(temp, target)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: the check before writing has to do
            os.replace(temp, target)
            return
        os.unlink(temp)
        return
    if not target.exists():
        if force:
            os.rename(temp, target)
            return
        os.mkdir(target)  # fails with FileExistsError if the folder appeared meanwhile
        try:
            os.rename(temp, target)  # replaces the empty folder just made
        except BaseException:
            os.rmdir(target)
            raise
        return
    # A folder cannot be replaced atomically: move the old one aside, move the new one in, then drop the old one.
    old = Path(tempfile.mkdtemp(prefix=temp_prefix(target.name), suffix=".old", dir=target.parent))
    os.rmdir(old)
    os.rename(target, old)
    try:
        os.rename(temp, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
