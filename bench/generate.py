"""Deterministic generators of supplier files and risk lists of any size, with ground truth.

Suppliers look like a vendor-master export: vendor number, name, country (codes mixed with names), city, material
group (goods from the DOL List of Goods vocabulary plus neutral goods), annual spend. A known share of rows are
*planted*: a list name spelt the way an ERP holds it (upper case, legal form swapped or dropped, punctuation lost,
a typo, truncation at a field length). Every planted row's list entity is recorded in the ground truth.

Generated list names and generated supplier names are coined from two disjoint syllable sets, so a supplier that
was not planted is truly not on the list (the ground truth cannot be wrong by coincidence), while both still share
the trade words, places and legal forms that make real names look alike.

    python -m bench.generate suppliers --rows 100000 --out bench/work/suppliers.xlsx --lists-names 0
    python -m bench.generate list --names 500000 --out bench/work/list.csv
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from screener.data import reference_path

# Coined words are built from syllables (onset + vowel + coda). List names and supplier names use disjoint onsets,
# so no unplanted supplier word equals a list word, while vowels and codas (and so many 3-grams) are shared, as in
# real names. 12 onsets x 10 vowels x 5 codas = 600 syllables per side, like the syllable inventory of pinyin.
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ao", "ei", "ou", "ia")
_CODAS = ("", "n", "ng", "r", "l")
LIST_SYLLABLES = tuple(
    o + v + c
    for o in ("b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "z")
    for v in _VOWELS
    for c in _CODAS
)
SUPPLIER_SYLLABLES = tuple(
    o + v + c
    for o in ("c", "f", "h", "j", "q", "v", "w", "x", "y", "ch", "sh", "zh")
    for v in _VOWELS
    for c in _CODAS
)
PLACES = (
    "Shenzhen Guangzhou Ningbo Xiamen Suzhou Hangzhou Urumqi Aksu Kashgar Hotan Dongguan Foshan Qingdao Dalian "
    "Hanoi Haiphong Danang Dhaka Chittagong Tirupur Mumbai Chennai Karachi Lahore Istanbul Izmir Bursa Monterrey "
    "Puebla Jakarta Surabaya Bangkok Penang Manila Cebu Lagos Accra Nairobi Lima Recife Santos Hamburg Lyon "
    "Porto Valencia Milano Poznan Brno"
).split()
TRADE_WORDS = (
    "Textile Garment Apparel Cotton Knitting Spinning Weaving Dyeing Silicon Solar Photovoltaic Polysilicon "
    "Electronics Electrical Precision Machinery Metal Steel Aluminium Plastics Rubber Packaging Paper Chemical "
    "Pharmaceutical Food Seafood Fishery Agricultural Tomato Trading Import Export Logistics Shipping Mining "
    "Timber Furniture Footwear Leather Toys Glove Brick Ceramics Glass Printing Components Industrial"
).split()
GROUP_WORDS = (
    "Group Holdings Industry Industries Manufacturing Technology Enterprise Products International Development "
    "Supply Works Factory Trading"
).split()
LEGAL_FORMS = (
    "Co., Ltd.",
    "Co. Ltd",
    "CO LTD",
    "Company Limited",
    "Ltd",
    "Limited",
    "Inc.",
    "Corp.",
    "Corporation",
    "LLC",
    "GmbH",
    "S.A.",
    "S.A. de C.V.",
    "Pvt. Ltd.",
    "Sdn. Bhd.",
    "JSC",
    "PLC",
    "",
)
# Country as written in vendor masters: weights roughly like a consumer-goods importer's supplier base.
COUNTRY_SPELLINGS = {
    "CN": ("CN", "China", "P.R.C.", "PRC", "China (Mainland)"),
    "VN": ("VN", "Vietnam", "Viet Nam"),
    "IN": ("IN", "India"),
    "BD": ("BD", "Bangladesh"),
    "TR": ("TR", "Turkey", "Türkiye"),
    "PK": ("PK", "Pakistan"),
    "MX": ("MX", "Mexico"),
    "ID": ("ID", "Indonesia"),
    "TH": ("TH", "Thailand"),
    "MY": ("MY", "Malaysia"),
    "DE": ("DE", "Germany", "Deutschland"),
    "US": ("US", "USA", "United States"),
    "IT": ("IT", "Italy"),
    "PL": ("PL", "Poland"),
    "BR": ("BR", "Brazil"),
    "GH": ("GH", "Ghana"),
}
COUNTRY_WEIGHTS = (30, 10, 10, 6, 5, 4, 5, 4, 4, 3, 6, 6, 3, 2, 2, 1)
NEUTRAL_GOODS = (
    "Office supplies",
    "IT services",
    "Packaging material",
    "Spare parts",
    "Logistics services",
    "Cleaning services",
    "Printed labels",
    "Industrial chemicals",
    "Machine tools",
)
SUPPLIER_COLUMNS = ("Vendor No", "Vendor Name", "Ctry", "City", "Material Group", "Annual Spend (EUR)")


@dataclass(frozen=True)
class GeneratedList:
    """A custom-list frame (name, aliases, country, id) as screener.lists.custom reads it."""

    frame: pl.DataFrame

    def write(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.frame.write_csv(path)
        return path


def coined_word(rng: random.Random, syllables: Sequence[str]) -> str:
    """A pronounceable made-up word of 2-3 syllables: the distinctive part of a company name."""
    return "".join(rng.choice(syllables) for _ in range(rng.choice((1, 2, 2, 3)))).capitalize()


def company_name(rng: random.Random, syllables: Sequence[str]) -> str:
    """A company name shaped like real ones: [place] coined word trade word [group word] legal form."""
    parts = []
    if rng.random() < 0.4:
        parts.append(rng.choice(PLACES))
    parts.append(coined_word(rng, syllables))
    if rng.random() < 0.3:
        parts.append(coined_word(rng, syllables))
    parts.append(rng.choice(TRADE_WORDS))
    if rng.random() < 0.6:
        parts.append(rng.choice(GROUP_WORDS))
    legal = rng.choice(LEGAL_FORMS)
    return " ".join(parts) + (f" {legal}" if legal else "")


def _identity(name: str) -> str:
    """Names equal up to case and legal form are one name: never two different entities on a generated list."""
    return _strip_legal(name).casefold()


def generated_list(names: int, seed: int = 7, list_id: str = "generated") -> GeneratedList:
    """``names`` distinct list names (about 1 in 10 entities with an alias); ids ``<list_id>-<n>``."""
    rng = random.Random(seed)
    seen: set[str] = set()
    rows: list[tuple[str, str, str, str]] = []
    countries = list(COUNTRY_SPELLINGS)
    count = 0
    while count < names:
        name = company_name(rng, LIST_SYLLABLES)
        if _identity(name) in seen:
            continue
        seen.add(_identity(name))
        alias = ""
        if rng.random() < 0.1 and count + 1 < names:
            alias = company_name(rng, LIST_SYLLABLES)
            if _identity(alias) in seen:
                alias = ""
            else:
                seen.add(_identity(alias))
                count += 1
        country = rng.choices(countries, weights=COUNTRY_WEIGHTS)[0]
        rows.append((name, alias, country, f"{list_id}-{len(rows) + 1}"))
        count += 1
    frame = pl.DataFrame(rows, schema=["name", "aliases", "country", "id"], orient="row")
    return GeneratedList(frame)


# --- how ERPs and people spell a listed name --------------------------------------------------------------------


def _strip_legal(name: str) -> str:
    for legal in sorted((f for f in LEGAL_FORMS if f), key=len, reverse=True):
        if name.casefold().endswith(" " + legal.casefold()):
            return name[: -len(legal) - 1].rstrip(" ,")
    return name


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "double"))
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def variant(name: str, rng: random.Random) -> tuple[str, str]:
    """(the name as an ERP might hold it, what was done): one or two common manglings."""
    kinds = rng.sample(("upper", "legal", "punct", "typo", "truncate", "plain"), k=rng.choice((1, 2)))
    text = name
    for kind in kinds:
        if kind == "upper":
            text = text.upper()
        elif kind == "legal":
            text = f"{_strip_legal(text)} {rng.choice(LEGAL_FORMS)}".strip()
        elif kind == "punct":
            text = " ".join(
                text.replace(",", " ").replace(".", " ").replace("(", " ").replace(")", " ").split()
            )
        elif kind == "typo":
            words = text.split()
            longest = max(range(len(words)), key=lambda i: len(words[i]))
            words[longest] = _typo(words[longest], rng)
            text = " ".join(words)
        elif kind == "truncate" and len(text) > 35:
            text = text[:35].rstrip()
    return text, "+".join(kinds)


# --- suppliers ----------------------------------------------------------------------------------------------------


def _goods_pool() -> list[str]:
    dol = pl.read_csv(reference_path("dol_ilab_tvpra_goods_2022.csv"), columns=["good"], infer_schema=False)
    return sorted(set(dol["good"].to_list())) + list(NEUTRAL_GOODS) * 4


def supplier_frame(
    rows: int,
    targets: pl.DataFrame,
    *,
    planted_share: float = 0.01,
    seed: int = 11,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(supplier rows in SUPPLIER_COLUMNS, ground truth: source_row, expected entity_id, list name, mangling).

    ``targets`` holds the names to plant (columns name, entity_id, list_id, country_code); they are drawn with
    replacement, so a target may be planted more than once. ``source_row`` is the row number a person sees
    (header on row 1).
    """
    rng = random.Random(seed)
    goods = _goods_pool()
    countries = list(COUNTRY_SPELLINGS)
    planted = min(rows, round(rows * planted_share)) if targets.height else 0
    planted_rows = set(rng.sample(range(rows), planted))
    target_rows = targets.select("name", "entity_id", "list_id", "country_code").rows()
    names, ctry, cities, material, spend = [], [], [], [], []
    truth: list[tuple[int, str, str, str, str, str]] = []
    for row in range(rows):
        code = rng.choices(countries, weights=COUNTRY_WEIGHTS)[0]
        if row in planted_rows:
            name, entity_id, list_id, list_code = rng.choice(target_rows)
            written, how = variant(name, rng)
            code = list_code if list_code in COUNTRY_SPELLINGS else code
            truth.append((row + 2, written, entity_id, list_id, name, how))
        else:
            written = company_name(rng, SUPPLIER_SYLLABLES)
        names.append(written)
        ctry.append(rng.choice(COUNTRY_SPELLINGS[code]))
        cities.append(rng.choice(PLACES))
        material.append(rng.choice(goods))
        spend.append(round(rng.lognormvariate(10, 1.5), 2))
    suppliers = pl.DataFrame(
        {
            "Vendor No": [f"{row + 1:010d}" for row in range(rows)],
            "Vendor Name": names,
            "Ctry": ctry,
            "City": cities,
            "Material Group": material,
            "Annual Spend (EUR)": spend,
        }
    )
    truth_frame = pl.DataFrame(
        truth,
        schema=["source_row", "supplier_name", "entity_id", "list_id", "list_name", "mangling"],
        orient="row",
    )
    return suppliers, truth_frame


def bundled_targets(entries: pl.DataFrame) -> pl.DataFrame:
    """Primary names of bundled list entities that look like companies (at least two words), to plant."""
    return (
        entries.filter(~pl.col("is_alias") & (pl.col("name").str.count_matches(r"\s+") >= 1))
        .select("name", "entity_id", "list_id", "country_code")
        .unique("entity_id", keep="first", maintain_order=True)
    )


def generated_targets(listed: GeneratedList, list_id: str) -> pl.DataFrame:
    """The primary names of a generated list, with the entity ids screener.lists.custom gives them."""
    return listed.frame.select(
        "name",
        pl.format("{}:{}", pl.lit(list_id), pl.col("id")).alias("entity_id"),
        pl.lit(list_id).alias("list_id"),
        pl.col("country").alias("country_code"),
    )


def write_suppliers(frame: pl.DataFrame, path: Path) -> Path:
    """csv (polars) or xlsx (xlsxwriter constant-memory, the way an export tool writes big sheets)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".csv":
        frame.write_csv(path)
        return path
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("Vendor master")
    sheet.write_row(0, 0, frame.columns)
    for number, row in enumerate(frame.iter_rows(), start=1):
        sheet.write_row(number, 0, row)
    workbook.close()
    return path


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    listing = sub.add_parser("list", help="a generated custom list (csv)")
    listing.add_argument("--names", type=int, required=True)
    listing.add_argument("--out", type=Path, required=True)
    listing.add_argument("--seed", type=int, default=7)
    supplying = sub.add_parser("suppliers", help="a supplier file with planted list names and ground truth")
    supplying.add_argument("--rows", type=int, required=True)
    supplying.add_argument("--out", type=Path, required=True)
    supplying.add_argument(
        "--list", type=Path, help="plant names of this generated list (else bundled lists)"
    )
    supplying.add_argument("--planted-share", type=float, default=0.01)
    supplying.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    if args.what == "list":
        generated_list(args.names, args.seed).write(args.out)
        return
    if args.list:
        frame = pl.read_csv(args.list, infer_schema=False).fill_null("")
        targets = generated_targets(GeneratedList(frame), args.list.stem)
    else:
        from screener.lists import load_lists

        targets = bundled_targets(load_lists().entries)
    suppliers, truth = supplier_frame(args.rows, targets, planted_share=args.planted_share, seed=args.seed)
    write_suppliers(suppliers, args.out)
    truth.write_csv(args.out.with_name(args.out.stem + "-truth.csv"))


if __name__ == "__main__":
    main()
