"""Copy the reference data and risk lists the tool ships from ../shared/data into the package, with provenance.

Run by developers (``make data``); the copies and ``screener/data/provenance.json`` are committed so the project
builds and tests without ../shared. Walk Free GSI (all rights reserved) and the OpenSanctions fixture (CC BY-NC)
are deliberately not copied: they must not ship.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DATA = ROOT / "screener" / "data"

# file -> (destination folder, publisher, licence, source note)
FILES: dict[str, tuple[str, str, str, str]] = {
    "uflpa_entity_list.csv": (
        "lists",
        "US Department of Homeland Security (FLETF)",
        "US Government work, public domain (17 U.S.C. 105)",
        "DHS UFLPA Entity List page https://www.dhs.gov/uflpa-entity-list as saved 2026-07-09 "
        "('Last Updated: 01/14/2025'); 144 entities, one row per entity x statutory section.",
    ),
    "cbp_wro_findings.csv": (
        "lists",
        "US Customs and Border Protection",
        "US Government work, public domain (17 U.S.C. 105)",
        "CBP Withhold Release Orders and Findings CSV (fy26, 2026-06-23) plus dated modifications/revocations "
        "since 2016; https://www.cbp.gov/document/stats/withhold-release-orders-findings",
    ),
    "ofac_sdn.csv": (
        "lists",
        "US Treasury, Office of Foreign Assets Control",
        "US Government work, public domain",
        "OFAC SDN legacy CSV (sdn.csv) of 2023-12-28, header row added, -0- null marker blanked; "
        "https://www.treasury.gov/ofac/downloads/sdn.csv",
    ),
    "ofac_alt.csv": (
        "lists",
        "US Treasury, Office of Foreign Assets Control",
        "US Government work, public domain",
        "OFAC alt.csv of the same publication (~2024-01-08); https://www.treasury.gov/ofac/downloads/alt.csv",
    ),
    "ofac_add.csv": (
        "lists",
        "US Treasury, Office of Foreign Assets Control",
        "US Government work, public domain",
        "OFAC add.csv of the same publication (~2024-01-08); https://www.treasury.gov/ofac/downloads/add.csv",
    ),
    "dol_ilab_tvpra_goods_2022.csv": (
        "reference",
        "US Department of Labor, ILAB",
        "US Government work, public domain (17 U.S.C. 105)",
        "DOL List of Goods Produced by Child Labor or Forced Labor, 2022 edition (159 goods, 78 countries).",
    ),
    "dol_ilab_tvpra_goods_history.csv": (
        "reference",
        "US Department of Labor, ILAB",
        "US Government work, public domain (17 U.S.C. 105)",
        "DOL List of Goods, editions 2016, 2018, 2020, 2022.",
    ),
    "us_state_tip_tiers.csv": (
        "reference",
        "US Department of State, Trafficking in Persons Report",
        "US Government work, public domain",
        "TIP Report tier placements, editions 2009-2025 (incomplete per edition; take the newest per country).",
    ),
    "worldbank_fcs_list.csv": (
        "reference",
        "World Bank Group",
        "World Bank terms of use for datasets (CC BY 4.0 by default, not verified for this document); "
        "attribute the World Bank",
        "Classification of Fragile and Conflict-Affected Situations FY2020-FY2026.",
    ),
    "iso3166_1_countries.csv": (
        "reference",
        "Debian iso-codes via pycountry",
        "LGPL-2.1 (the codes themselves are ISO 3166-1 facts)",
        "ISO 3166-1 country codes and names.",
    ),
    "country_name_variants.csv": (
        "reference",
        "countrynames package (OpenSanctions Datenbanken GmbH, Friedrich Lindenberg)",
        "MIT",
        "Country name variants in many languages and scripts, mapped to codes.",
    ),
    "company_legal_form_variants.csv": (
        "reference",
        "fingerprints package (OpenSanctions Datenbanken GmbH)",
        "MIT",
        "Company legal-form variants mapped to a short canonical form.",
    ),
    "gleif_elf_code_list_2023-09-28.csv": (
        "reference",
        "GLEIF, ISO 20275 Entity Legal Forms code list v1.5",
        "CC0 1.0",
        "ISO 20275 ELF code list 2023-09-28, with local and transliterated abbreviations.",
    ),
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    if not SHARED.is_dir():
        print(f"Error: {SHARED} not found; this script needs the shared data folder.", file=sys.stderr)
        return 2
    provenance = []
    for name, (folder, publisher, licence, note) in FILES.items():
        src = SHARED / name
        dest = DATA / folder / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        provenance.append(
            {
                "file": f"{folder}/{name}",
                "publisher": publisher,
                "licence": licence,
                "source": note,
                "sha256": sha256(dest),
                "copied_from": f"shared/data/{name} (see its README for the exact upstream commit/blob)",
            }
        )
    out = DATA / "provenance.json"
    # Keep the entries of files the project compiled itself (legal-form classes, lexicons...): not ours to drop.
    copied = {entry["file"] for entry in provenance}
    if out.exists():
        earlier = json.loads(out.read_text(encoding="utf-8"))
        provenance += [entry for entry in earlier if entry["file"] not in copied]
    out.write_text(json.dumps(provenance, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"copied {len(copied)} files; provenance in {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
