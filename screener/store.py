"""Where screener keeps what outlives one run: imported lists, reviewer decisions, the match-index cache.

One folder, chosen in this order: an explicit ``--store`` path, the ``SCREENER_STORE`` environment variable, then
the platform's user data folder (``$XDG_DATA_HOME/screener`` or ``~/.local/share/screener``). The cache lives under
``SCREENER_CACHE`` or ``$XDG_CACHE_HOME/screener`` because it can always be rebuilt.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory lock; writers still replace files whole by renaming
    fcntl = None


def store_dir(override: str | Path | None = None) -> Path:
    """The store folder (not created here; writers create what they need)."""
    if override:
        return Path(override).expanduser()
    if os.environ.get("SCREENER_STORE"):
        return Path(os.environ["SCREENER_STORE"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "screener"


def cache_dir(override: str | Path | None = None) -> Path:
    """The cache folder for rebuildable artefacts such as the list match index."""
    if override:
        return Path(override).expanduser()
    if os.environ.get("SCREENER_CACHE"):
        return Path(os.environ["SCREENER_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "screener"


@contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    """One writer at a time for a read-modify-write of a store file (two concurrent imports would each write
    their own version of the file and one of them would be lost)."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)
