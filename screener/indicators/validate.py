"""A small declarative checker for rules files: every problem found, each with file, key path, value and what is
allowed.

TOML gives typed values (strings stay strings: ``"NO"`` is Norway), so checking is about shape and range: the right
type, a known key (with the closest known key suggested), a number in range, a known choice, a real country code.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from screener.normalize.countries import country_code


@dataclass
class Problems:
    """Problems collected while checking one file."""

    file: str
    items: list[str] = field(default_factory=list)

    def add(self, path: str, value: Any, allowed: str) -> None:
        shown = _show(value)
        where = f"{self.file}: {path}" if path else self.file
        self.items.append(f"{where} = {shown}: {allowed}" if shown is not None else f"{where}: {allowed}")


def _show(value: Any) -> str | None:
    if value is _MISSING:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{...}"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


_MISSING = object()


class Spec:
    """What a value must look like; ``check`` returns the cleaned value or records a problem."""

    required = True
    default: Any = None

    def check(self, value: Any, path: str, problems: Problems) -> Any:  # pragma: no cover - interface
        raise NotImplementedError

    def describe(self) -> str:  # pragma: no cover - interface
        raise NotImplementedError


MAX_MAGNITUDE = 1e15  # no setting means more; past 2**53 an integer is no longer exact as a float


@dataclass
class Number(Spec):
    low: float | None = None
    high: float | None = None
    integer: bool = False
    required: bool = True
    default: Any = None

    def check(self, value, path, problems):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or (self.integer and isinstance(value, float))
        ):
            problems.add(path, value, f"must be {self.describe()}")
            return _MISSING
        if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
            # NaN passes every comparison: a nan threshold silently turned list matching off
            problems.add(
                path, value, f"must be a finite {self.describe().removeprefix('a ')} (not nan or inf)"
            )
            return _MISSING
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            problems.add(path, value, f"out of range: must be {self.describe()}")
            return _MISSING
        return value

    def describe(self) -> str:
        kind = "a whole number" if self.integer else "a number"
        if self.low is not None and self.high is not None:
            return f"{kind} from {self.low:g} to {self.high:g}"
        if self.low is not None:
            return f"{kind} of at least {self.low:g}"
        return kind


@dataclass
class Text(Spec):
    choices: tuple[str, ...] | None = None
    required: bool = True
    default: Any = None
    label: str | None = None  # how the reference names choices too many to list ("an ISO 4217 currency code")

    def check(self, value, path, problems):
        if not isinstance(value, str):
            problems.add(path, value, f"must be {self.describe()}")
            return _MISSING
        if self.choices is not None and value not in self.choices:
            close = difflib.get_close_matches(value, self.choices, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.add(path, value, f"must be {self.describe()}{hint}")
            return _MISSING
        return value

    def describe(self) -> str:
        """What the value must be: the choices, or the label of choices too many to list (170 currencies)."""
        if self.choices is None:
            return "text"
        return self.label or "one of " + ", ".join(map(repr, self.choices))


@dataclass
class Flag(Spec):
    required: bool = True
    default: Any = None

    def check(self, value, path, problems):
        if not isinstance(value, bool):
            problems.add(path, value, "must be true or false")
            return _MISSING
        return value

    def describe(self) -> str:
        return "true or false"


@dataclass
class Country(Spec):
    """An ISO 3166-1 alpha-2 code (or a country name) written as a TOML string: "NO" is Norway."""

    required: bool = True
    default: Any = None

    def check(self, value, path, problems):
        if not isinstance(value, str):
            problems.add(path, value, 'must be a country code in quotes, e.g. "NO" for Norway')
            return _MISSING
        code = country_code(value)
        if code is None:
            problems.add(path, value, "is not a known country name or ISO 3166-1 code")
            return _MISSING
        return code

    def describe(self) -> str:
        return "a country code"


@dataclass
class ListOf(Spec):
    item: Spec
    required: bool = True
    default: Any = None

    def check(self, value, path, problems):
        if not isinstance(value, list):
            problems.add(path, value, f"must be a list of {self.item.describe()}")
            return _MISSING
        cleaned = [self.item.check(v, f"{path}[{i}]", problems) for i, v in enumerate(value)]
        return [v for v in cleaned if v is not _MISSING]

    def describe(self) -> str:
        return f"a list of {self.item.describe()}"


@dataclass
class Table(Spec):
    """A TOML table with known keys; unknown keys are errors with the closest known key suggested."""

    fields: Mapping[str, Spec]
    required: bool = True
    default: Any = None
    validator: Callable[[dict, str, Problems], None] | None = None
    settings: tuple[
        Setting, ...
    ] = ()  # the declarations the fields came from (see ``table``), for the reference

    def check(self, value, path, problems):
        if not isinstance(value, dict):
            problems.add(path, value, "must be a table (a [section] or { key = value, ... })")
            return _MISSING
        cleaned = {}
        for key, item in value.items():
            sub = f"{path}.{key}" if path else key
            if key not in self.fields:
                close = difflib.get_close_matches(key, list(self.fields), n=1, cutoff=0.6)
                hint = (
                    f"; did you mean {close[0]!r}?"
                    if close
                    else f"; known keys: {', '.join(sorted(self.fields))}"
                )
                problems.add(sub, _MISSING, f"unknown key{hint}")
                continue
            checked = self.fields[key].check(item, sub, problems)
            if checked is not _MISSING:
                cleaned[key] = checked
        if self.validator is not None:
            self.validator(cleaned, path, problems)
        return cleaned

    def describe(self) -> str:
        return "a table"


@dataclass
class MapOf(Spec):
    """A table whose keys are names the user chooses (list ids, indicator names); each value checked by ``item``.

    ``key_check`` returns None when a key is acceptable, else the text of the problem."""

    item: Spec
    key_check: Callable[[str, Any], str | None] | None = None
    required: bool = True
    default: Any = None
    key_label: str = "name"  # what the keys are, for the reference: "list id", "ILO indicator"...

    def check(self, value, path, problems):
        if not isinstance(value, dict):
            problems.add(path, value, "must be a table")
            return _MISSING
        cleaned = {}
        for key, item in value.items():
            sub = f"{path}.{key}"
            if self.key_check is not None:
                problem = self.key_check(key, item)
                if problem:
                    problems.add(sub, _MISSING, problem)
                    continue
            checked = self.item.check(item, sub, problems)
            if checked is not _MISSING:
                cleaned[key] = checked
        return cleaned

    def describe(self) -> str:
        return "a table"


@dataclass
class FilePath(Text):
    """A file named by the rules file: text, read relative to the file that names it ("" = off)."""


@dataclass(frozen=True)
class Setting:
    """One key of a rules file, declared once next to the code that reads it: its key, what its value must be
    (``spec``: type, range or choices, whether required, default) and one line on what it does.

    ``check`` (top-level tables only) returns the problems between its keys that only the merged files show
    (``matching.review_threshold = 0.9: must not exceed ...``), each without the file name."""

    key: str
    spec: Spec
    description: str
    check: Callable[[Mapping[str, Any]], list[str]] | None = None


def table(*settings: Setting, required: bool = True, default: Any = None) -> Table:
    """A table of declared settings: checked as a :class:`Table`, described by its settings."""
    return Table(
        {s.key: s.spec for s in settings}, required=required, default=default, settings=tuple(settings)
    )


def missing_keys(value: Any, spec: Spec, path: str = "") -> list[str]:
    """Key paths the spec requires that the (merged) configuration lacks."""
    if not isinstance(spec, Table) or not isinstance(value, dict):
        return []
    missing = []
    for key, sub in spec.fields.items():
        child = f"{path}.{key}" if path else key
        if key not in value:
            if sub.required:
                missing.append(child)
        else:
            missing += missing_keys(value[key], sub, child)
    return missing


def fill_defaults(value: Any, spec: Spec) -> Any:
    """Optional keys that are absent get their spec's default."""
    if isinstance(spec, Table) and isinstance(value, dict):
        filled = dict(value)
        for key, sub in spec.fields.items():
            if key in filled:
                filled[key] = fill_defaults(filled[key], sub)
            elif not sub.required and sub.default is not None:
                filled[key] = sub.default
        return filled
    if isinstance(spec, MapOf) and isinstance(value, dict):
        return {key: fill_defaults(item, spec.item) for key, item in value.items()}
    if isinstance(spec, ListOf) and isinstance(value, list):
        return [fill_defaults(item, spec.item) for item in value]
    return value


MISSING = _MISSING
