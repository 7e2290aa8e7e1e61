"""Where screener keeps what outlives one run: imported lists, reviewer decisions, the match-index cache.

One folder, chosen in this order: an explicit ``--store`` path, the ``SCREENER_STORE`` environment variable, then
the platform's user data folder (``$XDG_DATA_HOME/screener`` or ``~/.local/share/screener``). The cache lives under
``SCREENER_CACHE`` or ``$XDG_CACHE_HOME/screener`` because it can always be rebuilt.
"""

from __future__ import annotations

import os
from pathlib import Path


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
