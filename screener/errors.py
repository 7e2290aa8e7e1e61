"""Errors a user can act on.

Every error the tool raises on purpose is a :class:`ScreenerError`: its message names the file (and sheet, row,
column or config key) and says what to do. The CLI prints it as one ``Error: ...`` line and exits with code 2;
anything else is a bug.
"""

from __future__ import annotations

import re

# An argument named in an error's text, as option("force", "True") writes it: the CLI shows it as its flag
# (--force), a library caller as the argument (force=True), so neither is told of the other's spelling.
_OPTION = re.compile(r"\u27ea([a-z_]+)(?:=([^\u27eb]*))?\u27eb")
_FLAGS = {  # arguments whose flag is not --the-same-name
    "output": "-o",
    "fmt": "--format",
    "max_bytes": "--max-mb",
    "max_file_bytes": "--max-file-mb",
    "max_uncompressed_bytes": "--max-unzipped-mb",
}


def option(name: str, value: str | None = None) -> str:
    """``name`` (a library argument, with the value to give it) for an error message; see ScreenerError.render."""
    return f"\u27ea{name}={value}\u27eb" if value is not None else f"\u27ea{name}\u27eb"


def _as_flag(found: re.Match[str]) -> str:
    name, value = found.groups()
    flag = _FLAGS.get(name, "--" + name.replace("_", "-"))
    return flag if value in (None, "True") else f"{flag} {value}"


def _as_argument(found: re.Match[str]) -> str:
    name, value = found.groups()
    return f"the {name} argument" if value is None else f"{name}={value}"


class ScreenerError(Exception):
    """An error caused by input, configuration or environment, with the fix in the message."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(self.render())

    def render(self, cli: bool = False) -> str:
        """The one-line text: arguments named as a library caller passes them, or (``cli``) as the CLI's
        flags, which the CLI prints after ``Error: ``."""
        text = f"{self.message} {self.hint}" if self.hint else self.message
        return _OPTION.sub(_as_flag if cli else _as_argument, text)


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

    def render(self, cli: bool = False) -> str:
        text = super().render(cli)
        if self.problems:
            text += "\n" + "\n".join(f"  - {p}" for p in self.problems)
        return text


class ListError(ScreenerError):
    """A risk list cannot be parsed, imported, found or updated."""


class ModelError(ScreenerError):
    """A model artefact is missing, unsafe, or does not fit the code's features."""


class OutputError(ScreenerError):
    """A report cannot be written (exists and not forced, unwritable folder, too many rows for xlsx)."""
