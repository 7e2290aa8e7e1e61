"""Data that ships inside the wheel: reference tables, bundled lists, default rules, models.

See ``provenance.json`` for the publisher, licence and checksum of every copied file.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
REFERENCE_DIR = DATA_DIR / "reference"
LISTS_DIR = DATA_DIR / "lists"
_REPO_ROOT = DATA_DIR.parents[1]


def _shipped_or_source(name: str) -> Path:
    """A wheel carries rules/ and models/ inside the package; a source checkout has them at the top level."""
    inside = DATA_DIR / name
    return inside if inside.is_dir() else _REPO_ROOT / name


def rules_dir() -> Path:
    """Folder of the bundled rule files (default.toml and the regulation profiles)."""
    return _shipped_or_source("rules")


def models_dir() -> Path:
    """Folder of the bundled model artefacts and their model cards."""
    return _shipped_or_source("models")


def reference_path(name: str) -> Path:
    """Path of a shipped reference table, e.g. ``reference_path("us_state_tip_tiers.csv")``."""
    return REFERENCE_DIR / name
