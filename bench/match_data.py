"""Supplier-style name variants and labelled query sets built from the real lists.

Used by ``scripts/build_match_training.py`` (training pairs) and ``bench/match_bench.py`` (the development
evaluation set). Everything is deterministic for a given seed. The corruption functions are general: they know
how ERP systems and people mangle company names (case, punctuation, truncation at field lengths, legal-form
spelling, business abbreviations, word order, typos, place qualifiers, spacing of romanised syllables), never
specific entities.

Entities whose normalised names coincide (the same company on two lists) form one *cluster*; a query is correct
when it matches any entity of its cluster. Entities are split into train and holdout by a hash of the cluster,
so the holdout (and the dev set) holds entities the model never saw.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from screener import schema as s

# --- legal forms as people write them, by class -------------------------------------------------------------------
LEGAL_SPELLINGS: dict[str, tuple[str, ...]] = {
    "limited": (
        "Co., Ltd.",
        "Co. Ltd",
        "CO LTD",
        "Co.,Ltd",
        "Company Limited",
        "Co., Limited",
        "Ltd.",
        "Limited",
        "LTD",
    ),
    "corporation": ("Corporation", "Corp.", "CORP", "Inc.", "Incorporated", "INC"),
    "llc": ("LLC", "L.L.C.", "Limited Liability Company"),
    "jsc": ("JSC", "Joint Stock Company", "OJSC", "PJSC", "AO", "OAO"),
    "sa": ("S.A.", "SA", "S.A. de C.V.", "SA DE CV"),
    "gmbh": ("GmbH", "GMBH"),
    "bhd": ("Sdn. Bhd.", "SDN BHD", "Bhd.", "Berhad"),
    "pvt": ("Pvt. Ltd.", "Private Limited", "PVT LTD"),
    "plc": ("PLC", "Public Limited Company"),
}
_PREFIX_FORMS = (
    "limited liability company",
    "joint stock company",
    "open joint stock company",
    "closed joint stock company",
    "public joint stock company",
    "ooo",
    "oao",
    "zao",
    "ao",
    "pao",
)


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


_SUFFIXES = sorted(
    {(_fold(v), cls) for cls, spellings in LEGAL_SPELLINGS.items() for v in spellings},
    key=lambda item: -len(item[0]),
)

# --- business words and their ERP abbreviations -------------------------------------------------------------------
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "international": ("Intl", "Int'l", "INTL"),
    "technology": ("Tech",),
    "technologies": ("Tech", "Techs"),
    "group": ("Grp",),
    "manufacturing": ("Mfg",),
    "manufacture": ("Mfg",),
    "industrial": ("Ind", "Indl"),
    "industry": ("Ind", "Indus"),
    "industries": ("Inds", "Ind"),
    "services": ("Svcs", "Svc", "Srvcs"),
    "service": ("Svc",),
    "trading": ("Trdg",),
    "commercial": ("Comm", "Coml"),
    "company": ("Co",),
    "corporation": ("Corp",),
    "development": ("Dev", "Devt"),
    "engineering": ("Eng", "Engg"),
    "electronics": ("Elec", "Electr"),
    "products": ("Prods", "Prod"),
    "materials": ("Matls", "Mat"),
    "equipment": ("Equip",),
    "investment": ("Invest", "Inv"),
    "management": ("Mgmt", "Mgt"),
    "holdings": ("Hldgs", "Hldg"),
    "holding": ("Hldg",),
    "import": ("Imp",),
    "export": ("Exp",),
    "chemical": ("Chem",),
    "garment": ("Gmt",),
    "garments": ("Gmts",),
    "textile": ("Tex", "Txtl"),
    "textiles": ("Tex",),
    "machinery": ("Mach",),
    "association": ("Assn",),
    "and": ("&",),
    "new": ("Nw",),
}
PLACE_QUALIFIERS = (
    "Xinjiang",
    "Shanghai",
    "Beijing",
    "Shenzhen",
    "Guangzhou",
    "Hong Kong",
    "HK",
    "Tianjin",
    "Jiangsu",
    "Zhejiang",
    "Shandong",
    "Dubai",
    "Moscow",
    "Tehran",
    "Istanbul",
    "Singapore",
    "Malaysia",
    "Vietnam",
)
GENERIC_WORDS = (
    "Trading",
    "Industrial",
    "Industry",
    "Group",
    "Textile",
    "Garment",
    "Cotton",
    "Technology",
    "International",
    "New Energy",
    "Materials",
    "Import and Export",
    "Agricultural",
    "Development",
    "Investment",
    "Holdings",
    "Electronics",
    "Chemical",
    "Logistics",
    "Shipping",
    "Petroleum",
    "Steel",
    "Metal",
    "Mining",
    "Food",
)


@dataclass
class Query:
    """A supplier-style name with its ground truth."""

    name: str
    country: str | None
    case_type: str
    cluster: str | None  # the cluster it should match; None = it should match nothing
    source_entity: str
    masked_rows: tuple[
        int, ...
    ] = ()  # list rows hidden from this query (its own alias row, its withheld entity)


# ----------------------------------------------------------------------------------------------------------------
# Corruption functions: each takes a name and a random generator, returns a variant or None when it does not apply.
# ----------------------------------------------------------------------------------------------------------------
def _split_legal(name: str) -> tuple[str, str | None, str | None]:
    """(body, legal-form text, class) for a trailing legal form, else (name, None, None)."""
    words = name.split()
    for size in range(min(5, len(words) - 1), 0, -1):
        tail = _fold(" ".join(words[-size:]))
        for folded, cls in _SUFFIXES:
            if tail == folded:
                return " ".join(words[:-size]).rstrip(" ,"), " ".join(words[-size:]), cls
    return name, None, None


def erp_upper(name: str, rng: random.Random) -> str | None:
    """Upper case without punctuation, as many ERP exports write names."""
    text = re.sub(r"[.,'\"()]", " " if rng.random() < 0.5 else "", name.upper())
    return " ".join(text.split())


def punctuation_noise(name: str, rng: random.Random) -> str | None:
    """Punctuation and spacing noise: dots dropped or added, commas, doubled spaces, title case."""
    text = name.replace(",", "" if rng.random() < 0.5 else " ,").replace(".", rng.choice(["", ". ", "."]))
    text = text.replace("-", rng.choice([" ", "", "-"]))
    text = text.title() if rng.random() < 0.5 else text
    return re.sub(r" +", rng.choice([" ", "  "]), text).strip()


def truncate_field(name: str, rng: random.Random) -> str | None:
    """Cut at an ERP field length (30, 35, 40 or 50 characters, wherever it lands: often mid-word), usually
    upper-cased; None when the cut would leave no distinctive word of the name (only legal-form words, generic
    business words, places or a short piece of a word): that supplier name could be any company's, and labelling
    it a match teaches the classifier that generic words alone make one."""
    width = rng.choice([30, 35, 35, 40, 40, 50])
    if len(name) <= width + 2:
        return None
    text, upper = name[:width], rng.random() < 0.7
    if not cut_keeps_distinctive_word(name, width):
        return None
    return text.upper() if upper else text


# A piece of a word left by a cut shorter than this tells nothing ('HUA' of Huafu); longer, it still names the
# word ('HUAF').
MIN_CUT_PIECE = 4


@lru_cache(maxsize=1)
def _plain_words() -> frozenset[str]:
    """Normalised words that never make a name by themselves: the words of the curated legal forms, the generic
    business words, common personal names, places and branch words (screener.match.generic.generic_words)."""
    from screener.match.generic import generic_words
    from screener.normalize.legal_forms import curated_words
    from screener.normalize.names import comparison_tokens

    return generic_words() | curated_words(comparison_tokens, 1)


def _distinctive_tokens(name: str) -> set[str]:
    """The name's normalised words that are neither plain (above) nor as short as initials ('st', 'ao')."""
    from screener.match.generic import SHORT_WORD
    from screener.normalize.names import normalize_name

    plain = _plain_words()
    return {t for t in normalize_name(name).tokens if len(t) > SHORT_WORD and t not in plain}


def cut_keeps_distinctive_word(name: str, width: int) -> bool:
    """Whether ``name[:width]`` still holds a distinctive word of ``name``, or a piece of one of at least
    MIN_CUT_PIECE letters (a word cut mid-way counts by the word it was cut from)."""
    text = name[:width]
    if width < len(name) and text[-1:].isalnum() and name[width].isalnum():  # the cut fell inside a word
        start = len(text)
        while start and text[start - 1].isalnum():
            start -= 1
        if len(text) - start < MIN_CUT_PIECE:
            text = text[:start]
    whole = _distinctive_tokens(name)
    return any(
        token == word or (len(token) >= MIN_CUT_PIECE and word.startswith(token))
        for token in _distinctive_tokens(text)
        for word in whole
    )


def swap_legal_form(name: str, rng: random.Random) -> str | None:
    """Write the legal form another way (Co., Ltd. / Company Limited / Ltd), or drop it."""
    body, legal, cls = _split_legal(name)
    if legal is None:
        return None
    if rng.random() < 0.3:
        return body
    options = [v for v in LEGAL_SPELLINGS[cls] if _fold(v) != _fold(legal)]
    if rng.random() < 0.1:  # a different class altogether, as careless data entry does
        options = [v for c, spellings in LEGAL_SPELLINGS.items() if c != cls for v in spellings]
    return f"{body} {rng.choice(options)}" if options else None


def add_legal_form(name: str, rng: random.Random) -> str | None:
    """Add a legal form to a name listed without one."""
    if _split_legal(name)[1] is not None or any(_fold(name).startswith(p + " ") for p in _PREFIX_FORMS):
        return None
    return f"{name} {rng.choice(LEGAL_SPELLINGS[rng.choice(['limited', 'limited', 'corporation', 'llc'])])}"


def move_prefix_legal_form(name: str, rng: random.Random) -> str | None:
    """A leading legal form ('Limited Liability Company X', 'OOO X') moved to the end or abbreviated."""
    folded = _fold(name)
    for prefix in sorted(_PREFIX_FORMS, key=len, reverse=True):
        if folded.startswith(prefix + " "):
            body = " ".join(name.split()[len(prefix.split()) :])
            cls = "llc" if "liability" in prefix or prefix == "ooo" else "jsc"
            return f"{body} {rng.choice(LEGAL_SPELLINGS[cls])}" if rng.random() < 0.7 else body
    return None


def abbreviate(name: str, rng: random.Random) -> str | None:
    """Business words abbreviated as ERP systems do (International -> Intl, Services -> Svcs, and -> &)."""
    words = name.split()
    spots = [i for i, w in enumerate(words) if _fold(w) in ABBREVIATIONS]
    if not spots:
        return None
    for i in rng.sample(spots, k=min(len(spots), rng.choice([1, 2, 3]))):
        words[i] = rng.choice(ABBREVIATIONS[_fold(words[i])])
    return " ".join(words)


def _is_place(word: str) -> bool:
    from screener.match.features import place_words

    return _fold(word) in place_words()


def place_to_qualifier(name: str, rng: random.Random) -> str | None:
    """A leading place name moved into a trailing qualifier: 'Xinjiang Daqo ...' -> 'Daqo ... (Xinjiang)'."""
    body, legal, _ = _split_legal(name)
    words = body.split()
    if len(words) < 3 or not _is_place(words[0]):
        return None
    moved = " ".join(words[1:]) + f" ({words[0]})"
    return f"{moved} {legal}" if legal and rng.random() < 0.7 else moved


def drop_qualifier(name: str, rng: random.Random) -> str | None:
    """A parenthesised qualifier or the leading place word dropped."""
    if "(" in name and ")" in name:
        return " ".join(re.sub(r"\([^)]*\)", " ", name).split())
    body, legal, _ = _split_legal(name)
    words = body.split()
    if len(words) < 3 or not _is_place(words[0]):
        return None
    return " ".join(words[1:]) + (f" {legal}" if legal else "")


def add_qualifier(name: str, rng: random.Random) -> str | None:
    """A place qualifier added after the name: 'X Co., Ltd.' -> 'X (Shanghai) Co., Ltd.'."""
    body, legal, _ = _split_legal(name)
    place = rng.choice(_qualifier_places())
    return f"{body} ({place})" + (f" {legal}" if legal else "")


def add_city(name: str, rng: random.Random, place_country: str | None = None) -> str | None:
    """A city added as a qualifier, usually one of the company's own country: before the name, in brackets,
    after a dash or a comma, or before the legal form ('St. Petersburg X', 'X (Shenzhen)', 'X - Juba',
    'X Linz GmbH')."""
    city = _city(rng, place_country)
    body, legal, _ = _split_legal(name)
    tail = f" {legal}" if legal else ""
    where = rng.choice(["before", "before", "paren", "dash", "comma", "before_legal"])
    if where == "before":
        return f"{city} {name}"
    if where == "paren":
        return f"{name} ({city})"
    if where == "dash":
        return f"{name} - {city}"
    if where == "comma":
        return f"{name}, {city}"
    return f"{body} {city}{tail}"


# Branch and office suffixes as supplier files write them, in the languages of the lists' countries.
_BRANCH_FORMS = (
    "{name}, {city} Branch",
    "{name} - {city} Branch",
    "{name} {city} Branch",
    "{name} ({city} Branch)",
    "{city} Branch of {name}",
    "{name} Branch Office",
    "{name} Branch",
    "{name} Representative Office",
    "{name} Representative Office in {city}",
    "{name} Rep. Office {city}",
    "{name} Liaison Office {city}",
    "{name} Regional Office {city}",
    "{name} Filiale {city}",
    "{name} Zweigniederlassung {city}",
    "{name} Niederlassung {city}",
    "{name} Succursale de {city}",
    "{name} Sucursal {city}",
    "{name} Sucursal en {city}",
    "{name} - Filial {city}",
    "{name} Filial v {city}",
    "Filial {name} v {city}",
    "{name} Predstavitelstvo",
    "{name} {city} Subesi",
    "{name} Filiale di {city}",
    "{name} Sede Secondaria {city}",
    "{name} {city} Fengongsi",
    "{name} {city} Banshichu",
)


def add_branch(name: str, rng: random.Random, place_country: str | None = None) -> str | None:
    """A branch or office suffix in one of the main languages ('X Limited, Nicosia Branch', 'X Sucursal Lima',
    'X Filial v Kazan'), naming a city of the company's country or of the country the branch is in."""
    return rng.choice(_BRANCH_FORMS).format(name=name, city=_city(rng, place_country))


# Share of the places added to training names (cities, branch cities) drawn from the places of the lists' addresses
# that the qualifier gazetteer does not know ('Herrenberg', 'Kish Island', 'Sinaloa', 'Esfahan', 'Wan Chai'):
# supplier files name such places too, and a model that only ever saw gazetteer places (which the engine sets aside
# before scoring) learns that any other word beside a list name means another company. 0 for the dev set (its
# names stay as they were); scripts/build_match_training.py sets it for the training names.
UNKNOWN_PLACE_SHARE = 0.0


def _city(rng: random.Random, country: str | None) -> str:
    """A city of ``country`` (any large city 3 times in 10, or when the gazetteer has none there), written as
    supplier files do ('St. Petersburg', 'SAINT PETERSBURG'); UNKNOWN_PLACE_SHARE of them a place the gazetteer
    does not know, of the lists' addresses (of ``country`` when they have one there)."""
    if UNKNOWN_PLACE_SHARE and rng.random() < UNKNOWN_PLACE_SHARE:
        places = _address_places()
        local = places.get(country or "", [])
        city = rng.choice(local) if local and rng.random() < 0.7 else rng.choice(places[""])
        return city.upper() if rng.random() < 0.2 else city
    local = _cities_by_country().get(country or "", [])
    city = rng.choice(local) if local and rng.random() < 0.7 else rng.choice(_cities())
    if city.startswith("Saint ") and rng.random() < 0.5:
        city = rng.choice(["St. ", "St "]) + city[len("Saint ") :]
    return city.upper() if rng.random() < 0.2 else city


@lru_cache(maxsize=1)
def _cities() -> list[str]:
    from screener.normalize.places import cities

    return sorted(cities().filter(pl.col("population") >= 300_000)["name"].to_list())


@lru_cache(maxsize=1)
def _address_places() -> dict[str, list[str]]:
    """ISO country code -> places of the OFAC address file (its city / province field, postal codes dropped, the
    part before the first comma) with no word the matcher knows as a place (qualifier cities and places, country
    names); "" -> all of them."""
    from screener.data import LISTS_DIR
    from screener.match.features import place_words
    from screener.normalize.countries import country_code

    addresses = pl.read_csv(LISTS_DIR / "ofac_add.csv", infer_schema=False)
    known = place_words()
    found: dict[str, set[str]] = {"": set()}
    for field, country in addresses.select("city_state_province_postal", "country").iter_rows():
        words = [w for w in (field or "").split(",")[0].split() if w.isalpha()]
        place = " ".join(words)
        if not 1 <= len(words) <= 3 or len(place) < 4 or known.intersection(_fold(place).split()):
            continue
        found[""].add(place)
        code = country_code(country) if country else None
        if code:
            found.setdefault(code, set()).add(place)
    return {code: sorted(places) for code, places in found.items()}


@lru_cache(maxsize=1)
def _cities_by_country() -> dict[str, list[str]]:
    from screener.normalize.places import cities

    grouped: dict[str, list[str]] = {}
    for name, country in (
        cities().sort("population", descending=True).select("name", "country_code").iter_rows()
    ):
        grouped.setdefault(country, []).append(name)
    return {country: names[:25] for country, names in grouped.items()}  # the larger ones, as sites are


# Romanisations that disagree (Russian, Ukrainian, Arabic and Persian, pinyin, Spanish): each pair is one sound
# written two ways; a respelling replaces one occurrence of the left side with the right side.
_RESPELLINGS = (
    ("kh", "h"),
    ("h", "kh"),
    ("ts", "c"),
    ("ts", "tz"),
    ("iy", "y"),
    ("yy", "y"),
    ("iy", "ii"),
    ("ii", "iy"),
    ("yu", "iu"),
    ("iu", "yu"),
    ("ya", "ia"),
    ("ia", "ya"),
    ("zh", "j"),
    ("j", "zh"),
    ("shch", "sch"),
    ("ch", "tch"),
    ("ou", "u"),
    ("u", "ou"),
    ("ee", "i"),
    ("oo", "u"),
    ("ai", "ay"),
    ("ay", "ai"),
    ("ei", "ey"),
    ("v", "w"),
    ("w", "v"),
    ("ks", "x"),
    ("x", "ks"),
    ("dzh", "j"),
    ("j", "dj"),
    ("q", "k"),
    ("gh", "g"),
    ("aa", "a"),
    ("dh", "z"),
    ("ph", "f"),
    ("f", "ph"),
    ("c", "k"),
    ("e", "ye"),
    ("ye", "e"),
    ("yo", "e"),
    ("ie", "ye"),
    ("mohammad", "muhammad"),
    ("mohammed", "muhammad"),
    ("el-", "al-"),
    ("al-", "el-"),
    ("-", " "),
)


# Words used by at least this many list names are business words (Company, Trading), seldom respelled.
RESPELL_MAX_NAMES = 200


def respell(name: str, rng: random.Random) -> str | None:
    """One or two sounds of a romanised name written another way (Rostekh / Rostech, Sergeyev / Sergeev,
    Al-Hadi / El-Hadi, Zhongtai / Jongtai), as transliteration systems and clerks disagree."""
    words = name.split()
    done = 0
    for _ in range(rng.choice([1, 1, 2])):
        counts = _list_word_counts()
        names = [i for i, w in enumerate(words) if len(w) >= 4 and w.replace("-", "").isalpha()]
        rare = [i for i in names if counts.get(_fold(words[i]), 0) < RESPELL_MAX_NAMES]
        spots = [
            (i, old, new)
            for i in (rare if rare and rng.random() < 0.85 else names)
            for old, new in _RESPELLINGS
            if old in words[i].casefold()
        ]
        if not spots:
            break
        i, old, new = rng.choice(spots)
        words[i] = _replace_once(words[i], old, new, rng)
        done += 1
    return " ".join(words) if done else None


def _replace_once(word: str, old: str, new: str, rng: random.Random) -> str:
    folded = word.casefold()
    starts = [m.start() for m in re.finditer(re.escape(old), folded)]
    at = rng.choice(starts)
    if word.isupper():
        new = new.upper()
    elif word[at : at + 1].isupper():
        new = new.capitalize()
    return word[:at] + new + word[at + len(old) :]


def swap_words(name: str, rng: random.Random) -> str | None:
    """Two neighbouring words of the name swapped."""
    body, legal, _ = _split_legal(name)
    words = body.split()
    if len(words) < 2:
        return None
    i = rng.randrange(len(words) - 1)
    words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words) + (f" {legal}" if legal else "")


def respace(name: str, rng: random.Random) -> str | None:
    """Romanised syllables joined or split ('Tian Hong' <-> 'Tianhong'), as transliterations disagree."""
    body, legal, _ = _split_legal(name)
    words = body.split()
    long = [i for i, w in enumerate(words) if len(w) >= 7 and w.isalpha()]
    if long and rng.random() < 0.6:
        i = rng.choice(long)
        cut = rng.randint(3, len(words[i]) - 3)
        words[i : i + 1] = [words[i][:cut], words[i][cut:].capitalize()]
    elif len(words) >= 3:
        i = rng.randrange(len(words) - 1)
        words[i : i + 2] = [words[i] + words[i + 1].lower()]
    else:
        return None
    return " ".join(words) + (f" {legal}" if legal else "")


_KEYBOARD = "qwertyuiop asdfghjkl zxcvbnm"


def typo(name: str, rng: random.Random) -> str | None:
    """One or two keyboard slips (a letter dropped, doubled, swapped or mistyped), often in the name's rarest
    word, the one a matcher leans on; two slips may land in the same word."""
    words = name.split()
    long = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not long:
        return None
    counts = _list_word_counts()
    rarest = min(long, key=lambda i: (counts.get(_fold(words[i]), 0), -len(words[i])))
    for _ in range(rng.choice([1, 2, 2])):
        i = rarest if rng.random() < 0.6 else rng.choice(long)
        words[i] = _slip(words[i], rng)
    return " ".join(words)


@lru_cache(maxsize=1)
def _list_word_counts() -> dict[str, int]:
    """Folded word -> number of bundled list names using it (which word of a name is its rarest)."""
    from screener.lists import load_lists

    counts: dict[str, int] = {}
    for name in load_lists().entries[s.NAME].drop_nulls().to_list():
        for word in set(_fold(name).split()):
            counts[word] = counts.get(word, 0) + 1
    return counts


def _slip(word: str, rng: random.Random) -> str:
    pos = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "double", "swap", "neighbour"])
    if kind == "drop":
        return word[:pos] + word[pos + 1 :]
    if kind == "double":
        return word[:pos] + word[pos] + word[pos:]
    if kind == "swap":
        return word[: pos - 1] + word[pos] + word[pos - 1] + word[pos + 1 :]
    key = _KEYBOARD.find(word[pos].lower())
    if key < 0:
        return word
    near = _KEYBOARD[max(0, key - 1) : key + 2].replace(" ", "").replace(word[pos].lower(), "")
    letter = rng.choice(near) if near else word[pos]
    return word[:pos] + (letter.upper() if word[pos].isupper() else letter) + word[pos + 1 :]


def _qualifier_places() -> list[str]:
    import csv

    from screener.data import reference_path

    with reference_path("qualifier_places.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [r["place"].upper() if r["kind"] == "abbreviation" else r["place"].title() for r in rows]


Corruption = Callable[[str, random.Random], "str | None"]
CORRUPTIONS: dict[str, Corruption] = {
    "erp_upper": erp_upper,
    "punctuation": punctuation_noise,
    "truncated": truncate_field,
    "legal_form": swap_legal_form,
    "legal_form_added": add_legal_form,
    "legal_form_prefix": move_prefix_legal_form,
    "abbreviation": abbreviate,
    "qualifier_moved": place_to_qualifier,
    "qualifier_dropped": drop_qualifier,
    "qualifier_added": add_qualifier,
    "word_order": swap_words,
    "spacing": respace,
    "typo": typo,
    "city_added": add_city,
    "branch": add_branch,
    "respelled": respell,
}
# Corruptions that name a place: given the country whose cities they may use.
_PLACE_CORRUPTIONS = frozenset({"city_added", "branch"})
# Corruptions that never make a different company's name look like the listed one: used to damage the names
# that should match nothing as much as those that should (no cut: a cut can remove what made them different).
NEGATIVE_DAMAGE = (
    "erp_upper",
    "punctuation",
    "legal_form",
    "legal_form_added",
    "abbreviation",
    "word_order",
    "city_added",
    "branch",
    "respelled",
)


def corrupt(name: str, kind: str, rng: random.Random, place_country: str | None = None) -> str | None:
    """Apply one named corruption ("combined" = two to four random ones in a row, as ERP damage compounds:
    respelling, word order, legal form, a branch, a typo, then a cut and upper case); None when it does not
    apply. ``place_country``: whose cities a place or branch qualifier names."""
    if kind != "combined":
        return _apply(name, kind, rng, place_country)
    steps = rng.sample(sorted(CORRUPTIONS), rng.choice([2, 2, 3, 4]))
    if "qualifier_dropped" in steps and _PLACE_CORRUPTIONS & {*steps, "qualifier_added"}:
        steps.remove("qualifier_dropped")  # a place replaced by another names a sister company, not this one
    # A cut and upper case come last, as the ERP field does them to whatever was typed.
    steps.sort(key=lambda step: step in ("truncated", "erp_upper"))
    text = name
    for step in steps:
        text = _apply(text, step, rng, place_country) or text
    return text if text != name else None


def _apply(name: str, kind: str, rng: random.Random, place_country: str | None) -> str | None:
    if kind in _PLACE_CORRUPTIONS:
        return CORRUPTIONS[kind](name, rng, place_country)  # type: ignore[call-arg]
    return CORRUPTIONS[kind](name, rng)


def damage_negative(name: str, rng: random.Random, country: str | None, share: float = 0.5) -> str:
    """A name that should match nothing, damaged like the supplier names that should (``share`` of the time,
    one or two NEGATIVE_DAMAGE steps), so that damage itself tells the classifier nothing."""
    if rng.random() >= share:
        return name
    text = name
    for step in rng.sample(NEGATIVE_DAMAGE, rng.choice([1, 1, 2])):
        text = _apply(text, step, rng, country) or text
    return text


# ----------------------------------------------------------------------------------------------------------------
# Clusters and splits
# ----------------------------------------------------------------------------------------------------------------
def entity_clusters(entries: pl.DataFrame, keys: pl.Series) -> dict[str, str]:
    """entity_id -> cluster id: entities sharing a normalised name (the same company on several lists) join."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_entity: dict[str, str] = {}
    for entity, key in zip(entries[s.ENTITY_ID].to_list(), keys.to_list(), strict=True):
        find(entity)
        if key and len(key) >= 4:
            other = first_entity.setdefault(key, entity)
            parent[find(entity)] = find(other)
    return {entity: find(entity) for entity in parent}


def is_holdout(cluster: str, share: int = 5) -> bool:
    """One cluster in ``share`` goes to the holdout (stable: a hash of the cluster id)."""
    return int(hashlib.sha1(cluster.encode()).hexdigest(), 16) % share == 0


# ----------------------------------------------------------------------------------------------------------------
# Query sets
# ----------------------------------------------------------------------------------------------------------------
def _country_for(country: str | None, rng: random.Random, countries: list[str]) -> str | None:
    roll = rng.random()
    if roll < 0.4 or not country:
        return None if roll < 0.4 or rng.random() < 0.5 else rng.choice(countries)
    if roll < 0.95:
        return country
    return rng.choice(countries)


# Countries where foreign companies often keep a branch or representative office.
BRANCH_HUBS = ("AE", "HK", "SG", "TR", "CY", "DE", "GB", "CN", "MY", "RU", "KZ", "IN", "CH", "NL")


def _names_a_place(kind: str, variant: str, source: str) -> bool:
    return kind == "branch" and len(variant) > len(source)


def positive_queries(
    entries: pl.DataFrame,
    clusters: dict[str, str],
    entities: set[str],
    rng: random.Random,
    per_entity: int = 2,
) -> list[Query]:
    """Supplier-style variants of listed names (should match their cluster), and real alias pairs."""
    queries: list[Query] = []
    countries = sorted(c for c in entries[s.COUNTRY_CODE].drop_nulls().unique().to_list())
    grouped = entries.with_row_index("row").filter(pl.col(s.ENTITY_ID).is_in(sorted(entities)))
    for (entity,), group in grouped.group_by([s.ENTITY_ID], maintain_order=True):
        rows = group.to_dicts()
        country = rows[0][s.COUNTRY_CODE]
        kinds = rng.sample(
            [*CORRUPTIONS, "truncated", "truncated", "typo", *["combined"] * 6], k=per_entity + 3
        )
        made = 0
        for kind in kinds:
            source = rng.choice(rows)
            # A branch abroad (an Iranian company's Dubai office) is filed under the branch's country.
            abroad = kind == "branch" and rng.random() < 0.1
            place_country = rng.choice(BRANCH_HUBS) if abroad else country
            variant = corrupt(source[s.NAME], kind, rng, place_country)
            if variant and made < per_entity:
                placed = abroad and place_country != country and _names_a_place(kind, variant, source[s.NAME])
                query_country = place_country if placed else _country_for(country, rng, countries)
                queries.append(Query(variant, query_country, kind, clusters[entity], entity))
                made += 1
        aliases = [r for r in rows if r[s.IS_ALIAS]]
        if aliases and len(rows) > 1 and rng.random() < 0.5:
            alias = rng.choice(aliases)
            same_text = tuple(r["row"] for r in rows if _fold(r[s.NAME]) == _fold(alias[s.NAME]))
            queries.append(
                Query(
                    alias[s.NAME],
                    _country_for(country, rng, countries),
                    "alias_pair",
                    clusters[entity],
                    entity,
                    same_text,
                )
            )
    return queries


def withheld_queries(
    entries: pl.DataFrame, clusters: dict[str, str], entities: set[str], rng: random.Random
) -> list[Query]:
    """Variants of entities hidden from the index: look like listed companies but are not listed (negatives)."""
    countries = sorted(c for c in entries[s.COUNTRY_CODE].drop_nulls().unique().to_list())
    indexed = entries.with_row_index("row")
    cluster_rows: dict[str, list[int]] = {}
    for row, entity in zip(indexed["row"].to_list(), indexed[s.ENTITY_ID].to_list(), strict=True):
        cluster_rows.setdefault(clusters[entity], []).append(row)
    queries = []
    for row in indexed.filter(pl.col(s.ENTITY_ID).is_in(sorted(entities)) & ~pl.col(s.IS_ALIAS)).to_dicts():
        kind = rng.choice(["none", "none", *CORRUPTIONS, "combined"])
        name = row[s.NAME] if kind == "none" else corrupt(row[s.NAME], kind, rng) or row[s.NAME]
        entity = row[s.ENTITY_ID]
        masked = tuple(cluster_rows[clusters[entity]])
        country = _country_for(row[s.COUNTRY_CODE], rng, countries)
        queries.append(Query(name, country, "unlisted_lookalike", None, entity, masked))
    return queries


def token_swap_queries(
    entries: pl.DataFrame, keys: pl.Series, entities: set[str], rng: random.Random, known_keys: set[str]
) -> list[Query]:
    """A listed name with its most distinctive word replaced by another list's word: a different company that
    shares the generic words, place and legal form (negatives)."""
    tokens = keys.str.split(" ")
    frequency: dict[str, int] = {}
    for words in tokens.to_list():
        for word in set(words or []):
            frequency[word] = frequency.get(word, 0) + 1
    countries = sorted(c for c in entries[s.COUNTRY_CODE].drop_nulls().unique().to_list())
    queries = []
    frame = entries.with_columns(keys.alias("_key")).filter(
        pl.col(s.ENTITY_ID).is_in(sorted(entities)) & ~pl.col(s.IS_ALIAS)
    )
    for row in frame.to_dicts():
        words = row[s.NAME].split()
        spots = [i for i, w in enumerate(words) if frequency.get(_fold(w), 99) <= 3 and len(_fold(w)) >= 4]
        if not spots:
            continue
        i = rng.choice(spots)
        words[i] = pseudo_word(rng, frequency)
        country = _country_for(row[s.COUNTRY_CODE], rng, countries)
        name = damage_negative(" ".join(words), rng, country or row[s.COUNTRY_CODE])
        queries.append(Query(name, country, "distinct_word_swapped", None, row[s.ENTITY_ID]))
    return queries


_SYLLABLES = (
    "ka ren tor vel min zhu xin lan bao dor fen gar hul jin kor lum mar nor pel qin ras sun tal ur vin wen yar "
    "zen bel cor dun eri fal gon hai ito jun kel lio mon nex oro pra rui sol tek ulo vor wai xia yon zor"
).split()


def pseudo_word(rng: random.Random, vocabulary: dict[str, int]) -> str:
    """A made-up, pronounceable brand word that no list name uses (a company that is not on any list)."""
    while True:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice([2, 2, 3])))
        if word not in vocabulary:
            return word.capitalize()


def number_queries(
    entries: pl.DataFrame, entities: set[str], rng: random.Random, known_keys: set[str], key_of
) -> list[Query]:
    """A listed name whose number is changed (Factory No. 3 vs No. 5): a different organisation (negatives)."""
    queries = []
    frame = entries.filter(pl.col(s.ENTITY_ID).is_in(sorted(entities)) & pl.col(s.NAME).str.contains(r"\d"))
    for row in frame.to_dicts():
        name = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), row[s.NAME], count=1)
        if key_of(name) in known_keys:
            continue  # the new number names another listed entity (vessel series)
        queries.append(Query(name, row[s.COUNTRY_CODE], "number_changed", None, row[s.ENTITY_ID]))
    return queries


def _change_syllable(word: str, rng: random.Random) -> str | None:
    """Replace the first or last syllable-sized part of a word with another syllable ('Hongfeng' -> 'Hongsheng')."""
    if len(word) < 6:
        return None
    size = rng.choice([2, 3, 4])
    syllable = rng.choice(_SYLLABLES)
    changed = syllable + word[size:] if rng.random() < 0.5 else word[:-size] + syllable
    return changed.capitalize() if word[:1].isupper() else changed


def sibling_queries(
    entries: pl.DataFrame,
    keys: pl.Series,
    entities: set[str],
    rng: random.Random,
    known_keys: set[str],
    key_of,
) -> list[Query]:
    """A listed name with one syllable of its most distinctive word changed, or with its place word swapped for
    another place: a sister company ('Huafu Hongsheng' vs 'Huafu Hongfeng', 'Hami Gold Mine' vs 'Karamay Gold
    Mine'), not the listed one (negatives)."""
    vocabulary = list_vocabulary(keys)
    places = _qualifier_places()
    countries = sorted(c for c in entries[s.COUNTRY_CODE].drop_nulls().unique().to_list())
    queries = []
    frame = entries.filter(pl.col(s.ENTITY_ID).is_in(sorted(entities)) & ~pl.col(s.IS_ALIAS))
    for row in frame.to_dicts():
        words = row[s.NAME].split()
        if rng.random() < 0.5:
            spots = [i for i, w in enumerate(words) if _is_place(w)]
            if not spots:
                continue
            i = rng.choice(spots)
            words[i] = rng.choice([p for p in places if _fold(p) != _fold(words[i])])
            kind = "place_changed"
        else:
            in_key = set(
                key_of(row[s.NAME]).split()
            )  # not a legal-form word: changing one is a typo, not a sister
            spots = [
                i
                for i, w in enumerate(words)
                if vocabulary.get(_fold(w), 99) <= 3 and w.isalpha() and _fold(w) in in_key
            ]
            changed = None
            if spots:
                i = rng.choice(spots)
                changed = _change_syllable(words[i], rng)
            if not changed:
                continue
            words[i] = changed
            kind = "sibling_word_changed"
        country = _country_for(row[s.COUNTRY_CODE], rng, countries)
        name = damage_negative(" ".join(words), rng, country or row[s.COUNTRY_CODE], share=0.4)
        if key_of(name) not in known_keys:
            queries.append(Query(name, country, kind, None, row[s.ENTITY_ID]))
    return queries


def generic_remainder_queries(
    entries: pl.DataFrame, entities: set[str], rng: random.Random, known_keys: set[str], key_of
) -> list[Query]:
    """A listed name without its distinctive words, often with a city, another legal form or in another
    country ('Shipping Enterprises Limited, Limassol' beside ARTA SHIPPING ENTERPRISES LIMITED): another company
    that shares only the generic words, places and legal form (negatives)."""
    counts = _list_word_counts()
    countries = sorted(c for c in entries[s.COUNTRY_CODE].drop_nulls().unique().to_list())
    queries = []
    frame = entries.filter(pl.col(s.ENTITY_ID).is_in(sorted(entities)) & ~pl.col(s.IS_ALIAS))
    for row in frame.to_dicts():
        body, legal, _ = _split_legal(row[s.NAME])
        words = body.split()
        rare = [w for w in words if counts.get(_fold(w), 0) <= GENERIC_REMAINDER_RARE and not _is_place(w)]
        kept = [w for w in words if w not in rare]
        if legal is None or not rare or not any(len(_fold(w)) >= 4 for w in kept):
            continue  # only companies (a legal form), and something must remain besides it
        country = row[s.COUNTRY_CODE] if rng.random() < 0.5 else rng.choice(countries)
        name = " ".join(kept) + (f" {legal}" if legal and rng.random() < 0.6 else "")
        if rng.random() < 0.6:
            name = add_city(name, rng, country)
        name = damage_negative(name, rng, country, share=0.3)
        if key_of(name) not in known_keys:
            queries.append(Query(name, country, "generic_remainder", None, row[s.ENTITY_ID]))
    return queries


# A word used by at most this many list names is one of a name's distinctive words (dropped for a remainder).
GENERIC_REMAINDER_RARE = 3


def brand_word_dropped_queries(
    entries: pl.DataFrame, entities: set[str], rng: random.Random, known_keys: set[str], key_of
) -> list[Query]:
    """A listed company name with two or more distinctive words, one of them dropped, sometimes with a city added
    ('Hangzhou Jiahe Technology' beside JIAHE HENGDE TECHNOLOGY): a brand of two words is one name, and half of
    it names another company (negatives)."""
    from screener.match.generic import generic_words

    counts, generic = _list_word_counts(), generic_words()
    countries = sorted(c for c in entries[s.COUNTRY_CODE].drop_nulls().unique().to_list())
    queries = []
    frame = entries.filter(pl.col(s.ENTITY_ID).is_in(sorted(entities)) & ~pl.col(s.IS_ALIAS))
    for row in frame.to_dicts():
        body, legal, _ = _split_legal(row[s.NAME])
        words = body.split()
        rare = [  # brand words: rare in the lists, no place, no generic business word or personal name
            i
            for i, w in enumerate(words)
            if counts.get(_fold(w), 0) <= GENERIC_REMAINDER_RARE
            and len(_fold(w)) >= 4
            and w.isalpha()
            and _fold(w) not in generic
            and not _is_place(w)
        ]
        if legal is None or len(rare) < 2:
            continue
        del words[rng.choice(rare)]
        country = _country_for(row[s.COUNTRY_CODE], rng, countries)
        name = " ".join(words) + f" {legal}"
        name = damage_negative(name, rng, country or row[s.COUNTRY_CODE], share=0.5)
        if key_of(name) not in known_keys:
            queries.append(Query(name, country, "brand_word_dropped", None, row[s.ENTITY_ID]))
    return queries


def generic_queries(rng: random.Random, count: int, known_keys: set[str], key_of) -> list[Query]:
    """Names made only of a place, generic business words and a legal form ('Xinjiang Cotton Trading Co., Ltd.'):
    such names must not match a listed company just for sharing those words (negatives)."""
    queries = []
    while len(queries) < count:
        words = [rng.choice(PLACE_QUALIFIERS)] + rng.sample(GENERIC_WORDS, k=rng.choice([1, 2, 3]))
        name = " ".join(words) + " " + rng.choice(LEGAL_SPELLINGS[rng.choice(sorted(LEGAL_SPELLINGS))])
        name = damage_negative(name, rng, None, share=0.3)
        if key_of(name) not in known_keys:
            queries.append(Query(name, None, "generic_words_only", None, ""))
    return queries


def unlisted_brand_queries(
    rng: random.Random, count: int, known_keys: set[str], key_of, vocabulary: dict[str, int]
) -> list[Query]:
    """A made-up brand with a place, business words and a legal form ('Shanghai Velkor Textile Co., Ltd.'): an
    ordinary supplier that is on no list (negatives)."""
    queries = []
    while len(queries) < count:
        words = [pseudo_word(rng, vocabulary)] + rng.sample(GENERIC_WORDS, k=rng.choice([1, 2]))
        if rng.random() < 0.6:
            words.insert(0, rng.choice(_qualifier_places()))
        name = " ".join(words) + " " + rng.choice(LEGAL_SPELLINGS[rng.choice(sorted(LEGAL_SPELLINGS))])
        name = damage_negative(name, rng, None, share=0.3)
        if key_of(name) not in known_keys:
            queries.append(Query(name, None, "unlisted_brand", None, ""))
    return queries


def list_vocabulary(keys: pl.Series) -> dict[str, int]:
    """Word -> number of list names using it (normalised keys)."""
    counts: dict[str, int] = {}
    for words in keys.drop_nulls().str.split(" ").to_list():
        for word in set(words):
            counts[word] = counts.get(word, 0) + 1
    return counts


def queries_frame(queries: list[Query]) -> pl.DataFrame:
    """The queries as a frame: query_id, name, country_code, case_type, cluster, source_entity, masked_rows."""
    return pl.DataFrame(
        {
            "query_id": list(range(len(queries))),
            s.NAME: [q.name for q in queries],
            s.COUNTRY_CODE: [q.country for q in queries],
            "case_type": [q.case_type for q in queries],
            "cluster": [q.cluster for q in queries],
            "source_entity": [q.source_entity for q in queries],
            "masked_rows": [list(q.masked_rows) for q in queries],
        },
        schema={
            "query_id": pl.Int64,
            s.NAME: pl.String,
            s.COUNTRY_CODE: pl.String,
            "case_type": pl.String,
            "cluster": pl.String,
            "source_entity": pl.String,
            "masked_rows": pl.List(pl.Int64),
        },
    )


# ----------------------------------------------------------------------------------------------------------------
# Scoring query-level decisions
# ----------------------------------------------------------------------------------------------------------------
def top_decisions(pairs: pl.DataFrame, score: str, threshold: float) -> pl.DataFrame:
    """Per query: its best-scoring candidate (flagged when its score >= threshold) and whether it is correct.

    ``pairs`` needs query_id, label (candidate in the query's cluster) and the ``score`` column.
    """
    best = pairs.sort(["query_id", score], descending=[False, True]).unique("query_id", keep="first")
    return best.select(
        "query_id",
        (pl.col(score) >= threshold).alias("flagged"),
        ((pl.col(score) >= threshold) & (pl.col("label") == 1)).alias("correct"),
    )


def score_decisions(queries: pl.DataFrame, decisions: pl.DataFrame) -> pl.DataFrame:
    """Precision, recall and F1 per case type and overall from top-1 decisions.

    A query that should match counts TP when its flagged best candidate is right, FN otherwise (and also FP when a
    wrong entity was flagged); a query that should match nothing counts FP when anything was flagged.
    """
    joined = queries.select(
        "query_id", "case_type", pl.col("cluster").is_not_null().alias("should_match")
    ).join(decisions, on="query_id", how="left")
    joined = joined.with_columns(pl.col("flagged").fill_null(False), pl.col("correct").fill_null(False))
    counted = joined.with_columns(
        (pl.col("should_match") & pl.col("correct")).cast(pl.Int64).alias("tp"),
        (pl.col("flagged") & ~pl.col("correct")).cast(pl.Int64).alias("fp"),
        (pl.col("should_match") & ~pl.col("correct")).cast(pl.Int64).alias("fn"),
    )
    per_case = counted.group_by("case_type").agg(
        pl.len().alias("n"),
        pl.col("should_match").first(),
        pl.col("tp").sum(),
        pl.col("fp").sum(),
        pl.col("fn").sum(),
    )
    overall = counted.select(
        pl.lit("ALL").alias("case_type"),
        pl.len().alias("n"),
        pl.lit(None, pl.Boolean).alias("should_match"),
        pl.col("tp").sum(),
        pl.col("fp").sum(),
        pl.col("fn").sum(),
    )
    table = pl.concat([per_case.sort("case_type"), overall])
    precision = pl.col("tp") / (pl.col("tp") + pl.col("fp"))
    recall = pl.col("tp") / (pl.col("tp") + pl.col("fn"))
    return table.with_columns(
        precision.alias("precision"),
        recall.alias("recall"),
        (2 * pl.col("tp") / (2 * pl.col("tp") + pl.col("fp") + pl.col("fn"))).alias("f1"),
    )


# ----------------------------------------------------------------------------------------------------------------
# The development evaluation set (bench): holdout entities only
# ----------------------------------------------------------------------------------------------------------------
DEV_SEED = 7321
DEV_WITHHELD_SHARE = 0.2


def build_dev_set(entries: pl.DataFrame, keys: pl.Series, key_of, seed: int = DEV_SEED):
    """(list entries for the bench index, supplier queries with ground truth, entity -> cluster).

    Only holdout clusters (never trained on) give queries. A fifth of them are withheld from the bench index, so
    their variants are realistic suppliers that look listed but are not. ``entries`` must carry the normalised
    ``name_key`` (``keys``) so entities sharing a name form one cluster.
    """
    rng = random.Random(seed)
    clusters = entity_clusters(entries, keys)
    holdout = sorted(e for e, c in clusters.items() if is_holdout(c))
    withheld = set(rng.sample(holdout, k=int(len(holdout) * DEV_WITHHELD_SHARE)))
    withheld_clusters = {clusters[e] for e in withheld}
    withheld = {e for e, c in clusters.items() if c in withheld_clusters}
    listed = set(holdout) - withheld
    bench_entries = entries.filter(~pl.col(s.ENTITY_ID).is_in(sorted(withheld)))
    known_keys = set(keys.drop_nulls().to_list())
    vocabulary = list_vocabulary(keys)
    queries = [
        *positive_queries(entries, clusters, listed, rng, per_entity=2),
        *withheld_queries(entries, clusters, withheld, rng),
        *token_swap_queries(
            entries, keys, set(rng.sample(sorted(listed), k=len(listed) // 3)), rng, known_keys
        ),
        *number_queries(entries, listed, rng, known_keys, key_of),
        *sibling_queries(
            entries, keys, set(rng.sample(sorted(listed), k=len(listed) // 3)), rng, known_keys, key_of
        ),
        *generic_queries(rng, 150, known_keys, key_of),
        *unlisted_brand_queries(rng, 300, known_keys, key_of, vocabulary),
        *generic_remainder_queries(
            entries, set(rng.sample(sorted(listed), k=len(listed) // 3)), rng, known_keys, key_of
        ),
        *brand_word_dropped_queries(
            entries, set(rng.sample(sorted(listed), k=len(listed) // 3)), rng, known_keys, key_of
        ),
    ]
    queries = [q for q in queries if q.case_type != "alias_pair"]  # needs a per-query index; training only
    return bench_entries, queries_frame(queries).drop("masked_rows"), clusters
