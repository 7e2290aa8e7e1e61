"""screener: screen suppliers for human-trafficking and forced-labour risk.

The library entry point is :func:`screen` (screener.pipeline); :func:`write_report` writes what it returns. The
CLI is a thin shell over both. Everything else a caller needs is named in ``__all__``.
"""

from screener.version import __version__

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
