"""Map a file's column headers to canonical supplier fields, by synonyms in several languages.

The synonym table is data: ``header_synonyms.toml`` beside this module says which headers mean which field, and
why some words block a partial match. Matching is case-, accent- and punctuation-insensitive; one input column maps
to at most one field and each field takes its best column.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from screener.schema import CANONICAL_SUPPLIER_FIELDS, NAME, SPEND, WORKER_VOICE_FIELDS

SYNONYMS_FILE = Path(__file__).with_name("header_synonyms.toml")
MAPPED_FIELDS = CANONICAL_SUPPLIER_FIELDS + WORKER_VOICE_FIELDS

EXACT = 1.0  # the header is a synonym
UNBRACKETED = 0.95  # the header is a synonym once "(...)" / "[...]" is removed: "Supplier Name (legal)"
COMMON_WEIGHT = 0.92  # a bare "Name": beats "Vendor", loses to "Supplier Name"
GENERIC_WEIGHT = 0.85  # a generic synonym loses to a specific one when two columns compete
WEAK_WEIGHT = 0.75  # a last resort: SAP's "Vendor" header is the vendor number only when "Name 1" is the name
MIN_QUALITY = 0.55  # below this a partial match is noise ("Supplier list prepared by ..." still scores ~0.6)
MAX_PHRASE_TOKENS = 6

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
_NOT_WORD = re.compile(r"[\W_]+")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")


@cache
def normalize_header(text: str) -> str:
    """Compare form of a header: NFKC, camelCase and letter/digit runs split, accents removed, folded, words only."""
    text = unicodedata.normalize("NFKC", text)
    text = _CAMEL.sub(" ", text)
    text = "".join(_strip_accent(ch) for ch in text)
    text = _LETTER_DIGIT.sub(" ", text.casefold())
    return _NOT_WORD.sub(" ", text).strip()


def _strip_accent(char: str) -> str:
    """Latin, Greek and Cyrillic letters lose their accents; other scripts (kana voicing marks) are kept whole."""
    if ord(char) >= 0x0530 and not 0x1E00 <= ord(char) <= 0x1FFF:
        return char
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


def _unbracketed(text: str) -> str:
    return normalize_header(_BRACKETED.sub(" ", unicodedata.normalize("NFKC", text)))


@dataclass(frozen=True)
class SynonymTable:
    """Normalised synonym -> [(field, weight)], and per field the phrases that block a partial match."""

    phrases: dict[str, list[tuple[str, float]]]
    blocks: dict[str, tuple[str, ...]]
    examples: dict[str, tuple[str, ...]]


@cache
def synonym_table() -> SynonymTable:
    """Load header_synonyms.toml once; every field in it must be a canonical or worker-voice field."""
    raw = tomllib.loads(SYNONYMS_FILE.read_text(encoding="utf-8"))
    unknown = set(raw) - set(MAPPED_FIELDS)
    if unknown:
        raise ValueError(f"{SYNONYMS_FILE.name}: unknown fields {sorted(unknown)}")
    phrases: dict[str, list[tuple[str, float]]] = {}
    for name, entry in raw.items():
        weighted = (
            ("specific", EXACT),
            ("common", COMMON_WEIGHT),
            ("generic", GENERIC_WEIGHT),
            ("weak", WEAK_WEIGHT),
        )
        for words, weight in ((entry.get(key, []), w) for key, w in weighted):
            for word in words:
                phrases.setdefault(normalize_header(word), []).append((name, weight))
    blocks = {name: tuple(normalize_header(w) for w in entry.get("block", [])) for name, entry in raw.items()}
    examples = {name: tuple(entry.get("specific", [])[:6]) for name, entry in raw.items()}
    return SynonymTable(phrases, blocks, examples)


def _sub_phrases(norm: str) -> set[str]:
    """Contiguous word runs of a header (and CJK substrings), the candidates for a partial synonym match."""
    tokens = norm.split()
    found = {
        " ".join(tokens[i:j])
        for i in range(len(tokens))
        for j in range(i + 1, min(len(tokens), i + MAX_PHRASE_TOKENS) + 1)
    }
    for token in tokens:
        if _CJK.search(token):
            found.update(
                token[i:j] for i in range(len(token)) for j in range(i + 1, min(len(token), i + 12) + 1)
            )
    return found


def _contains(norm: str, phrase: str) -> bool:
    if _CJK.search(phrase):
        return phrase in norm.replace(" ", "")
    return f" {phrase} " in f" {norm} "


@cache
def header_qualities(header: str) -> dict[str, float]:
    """How well one header means each field (0..1): exact synonym, synonym once unbracketed, or partial."""
    table = synonym_table()
    norm = normalize_header(header)
    if not norm:
        return {}
    best: dict[str, float] = {}

    def offer(field_name: str, quality: float) -> None:
        if quality >= MIN_QUALITY and quality > best.get(field_name, 0.0):
            best[field_name] = quality

    for field_name, weight in table.phrases.get(norm, []):
        offer(field_name, EXACT * weight)
    unbracketed = _unbracketed(header)
    if unbracketed != norm:
        for field_name, weight in table.phrases.get(unbracketed, []):
            offer(field_name, UNBRACKETED * weight)
    for phrase in _sub_phrases(norm) - {norm, unbracketed}:
        for field_name, weight in table.phrases.get(phrase, []):
            if any(_contains(norm, block) for block in table.blocks.get(field_name, ())):
                continue
            compact = len(norm.replace(" ", ""))
            offer(field_name, (0.5 + 0.4 * len(phrase.replace(" ", "")) / compact) * weight)
    return best


def says_supplier(header: str) -> bool:
    """Whether a name header says whose name it is ('Supplier', 'Vendor name', 'Raison sociale', '供应商名称'),
    not only 'Name': a bare 'Name' beside a country is as likely a contact person's as a supplier's."""
    table = synonym_table()
    norm = normalize_header(header)
    whole = {norm, _unbracketed(header)}
    for phrase in _sub_phrases(norm) | whole:
        weights = [w for f, w in table.phrases.get(phrase, []) if f == NAME and w != COMMON_WEIGHT]
        if not weights:
            continue
        if phrase in whole or not any(_contains(norm, block) for block in table.blocks.get(NAME, ())):
            return True
    return False


@dataclass
class ColumnMap:
    """Which input column (by position) each canonical field comes from, and how good the match is."""

    columns: dict[str, int] = field(default_factory=dict)
    quality: dict[str, float] = field(default_factory=dict)

    @property
    def score(self) -> float:
        """Header-row score: the sum of match qualities, plus one when a name column was found."""
        return sum(self.quality.values()) + (1.0 if NAME in self.columns else 0.0)

    @property
    def has_name(self) -> bool:
        return NAME in self.columns


def map_columns(
    alternatives: Sequence[Sequence[str]], forbidden: frozenset[tuple[int, str]] = frozenset()
) -> ColumnMap:
    """Assign fields to columns greedily by match quality; ``alternatives[i]`` are the labels of column i.

    Several labels per column let a two-row header be judged by its best reading ("Supplier" + "Name").
    Ties go to the name field, then to the order of MAPPED_FIELDS, then to the leftmost column. ``forbidden``
    (column, field) pairs are never assigned: a "name" column whose values are all numbers is not the name.
    """
    order = {name: i for i, name in enumerate((NAME, *MAPPED_FIELDS))}
    candidates = []
    first_of: dict[tuple[str, ...], int] = {}
    for col, labels in enumerate(alternatives):
        key = tuple(normalize_header(label) for label in labels)
        first = first_of.setdefault(key, col) if any(key) else col
        merged: dict[str, float] = {}
        for label in labels:
            for field_name, quality in header_qualities(label).items():
                merged[field_name] = max(merged.get(field_name, 0.0), quality)
        # A header repeated over several columns is read from its first (the second 'Lieferant' is no vendor
        # number), unless the first may not be that field (its values are no names).
        candidates.extend(
            (-q, order[f], col, f, q)
            for f, q in merged.items()
            if (col, f) not in forbidden and (first == col or (first, f) in forbidden)
        )
    mapping = ColumnMap()
    for _, _, col, field_name, quality in sorted(candidates):
        if field_name in mapping.columns or col in mapping.columns.values():
            continue
        mapping.columns[field_name] = col
        mapping.quality[field_name] = round(quality, 3)
    return mapping


YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def latest_spend_column(labels: Sequence[str | None], mapping: ColumnMap) -> tuple[ColumnMap, str | None]:
    """With several spend columns named by year ('Spend 2023', 'Spend 2024'), the latest year's is the spend;
    returns the mapping and a sentence saying which was taken and of what (None when there was no choice)."""
    chosen = mapping.columns.get(SPEND)
    if chosen is None:
        return mapping, None
    taken = set(mapping.columns.values()) - {chosen}
    dated = []
    for col, label in enumerate(labels):
        if col in taken or not label or header_qualities(label).get(SPEND, 0.0) < MIN_QUALITY:
            continue
        years = [int(y) for y in YEAR.findall(label)]
        dated.append((max(years) if years else None, col, label))
    with_year = [d for d in dated if d[0] is not None]
    if len(dated) < 2 or not with_year:
        return mapping, None
    year, col, label = max(with_year, key=lambda d: (d[0], -d[1]))
    columns = dict(mapping.columns, **{SPEND: col})
    quality = dict(mapping.quality, **{SPEND: header_qualities(label).get(SPEND, 0.0)})
    others = ", ".join(f"'{d[2]}'" for d in dated)
    return ColumnMap(columns, quality), f"'{label}', the latest year ({year}) of the spend columns {others}"


def accepted_name_examples() -> str:
    """A few accepted supplier-name headers, for an error message."""
    names = (
        "Supplier Name",
        "Vendor Name",
        "Name 1",
        "Company",
        "Lieferant",
        "Fournisseur",
        "Proveedor",
        "供应商名称",
    )
    return ", ".join(f"'{n}'" for n in names)
