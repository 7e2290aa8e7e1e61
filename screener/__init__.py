"""screener: screen suppliers for human-trafficking and forced-labour risk.

The library entry point is :func:`screen` (screener.pipeline); :func:`write_report` writes what it returns. The
CLI is a thin shell over both. Everything else a caller needs is named in ``__all__``.
"""

import os

from screener.version import __version__

# polars allocates through jemalloc, which keeps the pages a frame frees for 10 s, then as MADV_FREE pages the
# system still counts as resident, so a stage's freed frames stay in the run's memory while the next stage
# allocates its own. Returned at once instead (shared 100k workbook, end to end: peak RSS 1,175 -> 1,096 MB,
# no more CPU). jemalloc reads this when polars is first imported, so it is set before any screener module
# imports polars; a value the caller set wins, and a program that imported polars first keeps its own.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")

__all__ = [
    "RunContext",
    "Screening",
    "ScreenerError",
    "__version__",
    "screen",
    "screen_frame",
    "write_report",
]

# Where each public name lives. They are imported on first use, not here: importing the pipeline loads polars,
# scikit-learn and the list parsers (3.6 s measured on this machine against 0.1 s for screener.version), and every
# CLI command, `screener --help` and `screener --version` included, imports this package first.
_HOMES = {
    "RunContext": "screener.pipeline",
    "Screening": "screener.contracts",
    "ScreenerError": "screener.errors",
    "screen": "screener.pipeline",
    "screen_frame": "screener.pipeline",
    "write_report": "screener.report",
}


def __getattr__(name: str):
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'screener' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
