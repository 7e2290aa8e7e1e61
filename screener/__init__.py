"""screener: screen suppliers for human-trafficking and forced-labour risk.

The library entry point is :func:`screener.pipeline.screen`; the CLI is a thin shell over it.
"""

from screener.version import __version__

__all__ = ["__version__", "screen"]


def __getattr__(name: str):
    # Lazy, so `import screener` stays cheap for the CLI's --help and --version.
    if name == "screen":
        from screener.pipeline import screen

        return screen
    raise AttributeError(name)
