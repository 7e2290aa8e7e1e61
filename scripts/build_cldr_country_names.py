"""Write screener/data/reference/cldr_country_names.json.gz: every CLDR territory name (babel) and iso-codes
translated country name (pycountry) -> ISO 3166-1 alpha-2, as screener.normalize.countries reads them.

    python scripts/build_cldr_country_names.py

Reading CLDR's ~1,100 locale files takes seconds on every new machine; the package ships the table instead, with
the babel and pycountry versions it was made with (screener uses it only with those versions installed, and builds
its own otherwise). Run this after upgrading either library, and update the file's sha256 in
screener/data/provenance.json.
"""

from __future__ import annotations

import gzip
import hashlib
import json

from screener.normalize.countries import SHIPPED_CLDR_TABLE, _read_cldr_names, cldr_table_versions


def main() -> None:
    table = {"versions": cldr_table_versions(), "names": _read_cldr_names()}
    text = json.dumps(table, ensure_ascii=False, sort_keys=True, indent=0).encode("utf-8")
    data = gzip.compress(text, compresslevel=9, mtime=0)  # mtime 0: the same table gives the same bytes
    SHIPPED_CLDR_TABLE.write_bytes(data)
    print(
        f"{SHIPPED_CLDR_TABLE}: {len(table['names']):,} names, {table['versions']}, "
        f"sha256 {hashlib.sha256(data).hexdigest()}"
    )


if __name__ == "__main__":
    main()
