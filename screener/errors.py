"""Errors a user can act on.

Every error the tool raises on purpose is a :class:`ScreenerError`: its message names the file (and sheet, row,
column or config key) and says what to do. The CLI prints it as one ``Error: ...`` line and exits with code 2;
anything else is a bug.
"""

from __future__ import annotations


class ScreenerError(Exception):
    """An error caused by input, configuration or environment, with the fix in the message."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        """The one-line text the CLI prints after ``Error: ``."""
        return f"{self.message} {self.hint}" if self.hint else self.message


class ScreenerWarning(UserWarning):
    """Something the run could not use but worked around (a torn line skipped): the CLI prints it as one
    ``Warning: ...`` line; a library caller gets it through Python's warnings."""


class InputFileError(ScreenerError):
    """A supplier file cannot be read: missing, wrong type, broken, empty, no name column, too large."""


class ConfigError(ScreenerError):
    """A rules file is invalid. Carries every problem found, not only the first."""

    def __init__(self, message: str, *, problems: list[str] | None = None, hint: str | None = None) -> None:
        self.problems = problems or []
        super().__init__(message, hint=hint)

    def render(self) -> str:
        text = super().render()
        if self.problems:
            text += "\n" + "\n".join(f"  - {p}" for p in self.problems)
        return text


class ListError(ScreenerError):
    """A risk list cannot be parsed, imported, found or updated."""


class ModelError(ScreenerError):
    """A model artefact is missing, unsafe, or does not fit the code's features."""


class OutputError(ScreenerError):
    """A report cannot be written (exists without --force, unwritable folder, too many rows for xlsx)."""
