"""The validated rule set: what the rules engine evaluates and the ranking weighs (built by screener.indicators.config).

Kept apart from the loader so that rule kinds and the engine's context can type it without importing the loader,
which itself knows every rule kind (to check that an [actions] override names a real rule).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from screener.contracts import MatchSettings
from screener.indicators.base import Weights

# A rules file weighs the bundled lists (screener.lists.formats.bundled_list_ids) and ``custom``; it may weigh other
# (imported) lists when it marks their table optional = true.
CUSTOM_LIST = "custom"  # weights for any list without its own table
CUSTOM_LIST_TITLE = "an imported list"


def freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


@dataclass(frozen=True)
class RuleSet:
    """Validated, immutable rules: what the engine evaluates and the ranking weighs.

    ``sources`` are the files loaded, base first; ``config`` is the merged configuration (read-only)."""

    name: str
    description: str
    sources: tuple[Path, ...]
    match_settings: MatchSettings
    config: Mapping[str, Any] = field(repr=False)

    def section(self, name: str) -> Mapping[str, Any]:
        return self.config[name]

    def weights(self, section: str, key: str) -> Weights:
        return Weights.from_config(self.config[section][key])

    def list_weights(self, list_id: str) -> Mapping[str, Any]:
        """The weights table of a list, or of ``custom`` for lists without their own table."""
        lists = self.config["lists"]
        return lists.get(list_id) or lists[CUSTOM_LIST]

    def __hash__(self) -> int:
        return hash(self.sources)

    def provenance(self) -> list[dict[str, str]]:
        """Each rules file loaded (base first) with its sha256, for the run manifest: which rules made a report."""
        return [
            {"path": str(path), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
            for path in self.sources
            if path.is_file()
        ]
