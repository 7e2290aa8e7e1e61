"""Writing a file or folder whole or not at all: a temporary sibling, renamed into place when complete.

The one way screener writes what it leaves behind: reports (screener.report.writer), model files and cards
(screener.artefacts), the country-name cache, batch manifests and the reviewers' decisions (durably: fsynced). The
temporary path is beside the target (the same file system, so the rename is atomic), named by :func:`temp_prefix`
so that what a killed run left is recognisably stale (:func:`remove_stale_temp`), and made with the usual
permissions (mkstemp and mkdtemp make owner-only paths).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TEMP_SUFFIXES = (".tmp", ".splice", ".old")
STALE_AFTER_SECONDS = 24 * 3600  # a temporary path without a process id is left alone until then


def temp_prefix(name: str) -> str:
    """How this process names its temporary paths beside ``name``: the process id makes a leftover recognisable
    as stale once that process is gone (kill -9, power loss)."""
    return f".{name}.{os.getpid()}."


def new_temp(target: Path, *, folder: bool = False) -> Path:
    """A new empty temporary file (or folder) beside ``target``, with the permissions a new file gets."""
    if folder:
        temp = Path(tempfile.mkdtemp(prefix=temp_prefix(target.name), suffix=".tmp", dir=target.parent))
    else:
        handle, name = tempfile.mkstemp(prefix=temp_prefix(target.name), suffix=".tmp", dir=target.parent)
        os.close(handle)
        temp = Path(name)
    try:
        os.chmod(temp, (0o777 if folder else 0o666) & ~umask())
    except BaseException:
        remove(temp)
        raise
    return temp


def finish(
    temp: Path,
    target: Path,
    write: Callable[[Path], None],
    place: Callable[[Path, Path], None] = os.replace,
) -> None:
    """Run ``write`` on ``temp``, then ``place`` it at ``target`` (by default a rename over whatever is there);
    on any failure ``temp`` is removed and the error goes on up, ``target`` as it was."""
    try:
        write(temp)
        place(temp, target)
    except BaseException:
        remove(temp)
        raise


def write_atomically(path: Path, data: bytes, *, durable: bool = False) -> None:
    """``data`` at ``path`` whole or not at all, replacing what is there; the folder is made if needed.

    ``durable``, for what only a person can make again (the reviewers' decisions): the data is flushed to disk
    before the rename and the rename itself is synced, so a power cut leaves the old file or the new one; a file
    already there keeps its permissions (someone may have narrowed them)."""
    path.parent.mkdir(parents=True, exist_ok=True)

    def write(temp: Path) -> None:
        if not durable:
            temp.write_bytes(data)
            return
        if path.exists():
            os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
        with temp.open("wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())

    finish(new_temp(path), path, write)
    if durable:
        sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def remove_stale_temp(target: Path) -> list[Path]:
    """Remove the temporary files and folders that an earlier run writing ``target`` left behind when it was
    killed: named by temp_prefix (or by the splice of such a file), their process gone. Returns what went."""
    pattern = re.compile(rf"^\.\.?{re.escape(target.name)}\.(?:(\d+)\.)?")
    removed = []
    try:
        candidates = [p for p in target.parent.iterdir() if p.name.endswith(TEMP_SUFFIXES)]
    except OSError:
        return removed
    for path in candidates:
        found = pattern.match(path.name)
        if found is None or not _abandoned(path, found.group(1)):
            continue
        remove(path)
        removed.append(path)
    return removed


def _abandoned(path: Path, pid: str | None) -> bool:
    if pid is None:
        try:
            return time.time() - path.lstat().st_mtime > STALE_AFTER_SECONDS
        except OSError:
            return False
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, OSError):
        return False  # alive (someone else's), or not a process id we can ask about
    return False


def umask() -> int:
    """The process umask (read by setting it, so set back at once)."""
    current = os.umask(0o022)
    os.umask(current)
    return current


def remove(path: Path) -> None:
    """A temporary file or folder gone, whatever state it is in."""
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
