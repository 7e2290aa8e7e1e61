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


# Reference tables whose edition is read from a column of the table itself (never typed here).
EDITION_COLUMNS = {
    "dol_ilab_tvpra_goods_2022.csv": "list_edition",
    "dol_ilab_tvpra_goods_history.csv": "list_edition",
    "us_state_tip_tiers.csv": "report_year",
    "worldbank_fcs_list.csv": "fiscal_year",
}


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, read in blocks."""
    import hashlib

    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _edition(path: Path, column: str) -> str | None:
    """The editions a table holds, from its own column: one value, or first-last."""
    import polars as pl

    values = sorted(
        {
            str(v)
            for v in pl.read_csv(path, columns=[column], infer_schema=False).get_column(column).drop_nulls()
        }
    )
    if not values:
        return None
    return values[0] if len(values) == 1 else f"{values[0]}-{values[-1]}"


def reference_provenance() -> list[dict[str, str | None]]:
    """Every shipped reference table (DOL List of Goods, TIP tiers, World Bank FCS, ...) as the run manifest
    records it: file, publisher, edition (read from the table), licence and the sha256 of the file as shipped."""
    import json

    records = json.loads((DATA_DIR / "provenance.json").read_text(encoding="utf-8"))
    tables = []
    for record in records:
        path = DATA_DIR / record["file"]
        if not record["file"].startswith("reference/") or not path.is_file():
            continue
        column = EDITION_COLUMNS.get(path.name)
        tables.append(
            {
                "file": path.name,
                "publisher": record.get("publisher"),
                "edition": _edition(path, column) if column else None,
                "licence": record.get("licence"),
                "sha256": file_sha256(path),
            }
        )
    return tables
