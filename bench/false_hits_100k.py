"""False list hits on the shared 100k bench workbook, whose synthetic suppliers hold no real listed entity.

    python -m bench.false_hits_100k [path/to/multilingual_suppliers_100k.xlsx] [--show N]

Every supplier of ``../shared/bench/multilingual_suppliers_100k.xlsx`` is matched against the bundled lists with
the default rules' band thresholds; since none of them is a real listed company, every hit in the match or review
band is a false hit. Prints the counts per band and the highest-scoring hits (issue 16's target: at most 2 in the
match band and 50 in the review band). Skips with a message when the workbook is absent (it lives outside the
repository and is not committed).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import polars as pl

from screener import schema as s
from screener.indicators import load_rules
from screener.io import read_suppliers
from screener.lists import load_lists
from screener.match import build_index, match_suppliers
from screener.normalize.countries import add_country_codes

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (CI, /work/main); a git worktree one folder deeper finds it two levels up.
WORKBOOK = next(
    (
        folder / "shared" / "bench" / "multilingual_suppliers_100k.xlsx"
        for folder in (ROOT.parent, ROOT.parent.parent)
        if (folder / "shared" / "bench" / "multilingual_suppliers_100k.xlsx").is_file()
    ),
    ROOT.parent / "shared" / "bench" / "multilingual_suppliers_100k.xlsx",
)
RESULTS = ROOT / "bench" / "results_false_hits_100k.json"


def count_false_hits(path: Path) -> tuple[dict, pl.DataFrame]:
    """Counts per band and the hits, best first (every hit on this file is false)."""
    suppliers = add_country_codes(read_suppliers([path]).suppliers)
    listset = load_lists()
    settings = load_rules().match_settings
    index = build_index(listset.entries, cache_key=listset.versions_key())
    started = time.perf_counter()
    matches = match_suppliers(suppliers, index, settings)
    seconds = time.perf_counter() - started
    best = matches.sort([s.ROW_ID, s.PROBABILITY], descending=[False, True]).unique(s.ROW_ID, keep="first")
    counts = {
        "suppliers": suppliers.height,
        "match_band": int((best[s.BAND] == "match").sum()),
        "review_band": int((best[s.BAND] == "review").sum()),
        "match_seconds": round(seconds, 2),
    }
    shown = best.join(
        suppliers.select(s.ROW_ID, pl.col(s.COUNTRY_CODE).alias("supplier_country")), on=s.ROW_ID
    )
    return counts, shown.sort(s.PROBABILITY, descending=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbook", nargs="?", type=Path, default=WORKBOOK)
    parser.add_argument("--show", type=int, default=30, help="how many of the best hits to print")
    args = parser.parse_args()
    if not args.workbook.is_file():
        print(f"skipped: {args.workbook} not found (the shared bench workbook is not part of the repository)")
        return 0
    counts, hits = count_false_hits(args.workbook)
    with pl.Config(tbl_rows=args.show, fmt_str_lengths=60, tbl_width_chars=200):
        print(
            hits.head(args.show).select(
                "supplier_name",
                "supplier_country",
                s.MATCHED_NAME,
                pl.col(s.COUNTRY_CODE).alias("list_country"),
                pl.col(s.PROBABILITY).round(3),
                s.BAND,
            )
        )
    counts["run_at"] = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    RESULTS.write_text(json.dumps(counts, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
