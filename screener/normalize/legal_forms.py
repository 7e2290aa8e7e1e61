"""Legal forms of companies across languages: which words of a name are its legal form, and their class.

Three tables, all in ``screener/data/reference``: our ``legal_forms.csv`` (forms as written in supplier files and
sanctions lists, with the positions where each may be removed), fingerprints' ``company_legal_form_variants.csv``
(long forms in many languages and scripts) and the abbreviations of the ISO 20275 ELF code list. Every variant is
tokenised by the same function as the names it is looked for in, so "Co., Ltd.", "CO LTD" and "有限公司" agree.

A form is matched as whole tokens at the end of a name (all forms), at its start (multi-word forms and the forms
written first: OOO, PT, AO, UAB...) or anywhere (unambiguous multi-word phrases such as "co ltd"). A name cut
short by a fixed-width ERP field ("... CO LT", "... CORPORATIO") ends in a truncated form, which is indexed too.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import polars as pl
from anyascii import anyascii

from screener.data import reference_path
from screener.normalize.scripts import read_reference_rows

Tokenizer = Callable[[str], tuple[str, ...]]
Phrase = tuple[str, ...]

# Class of an ELF form told from the words of its full name, first match wins (partnership before limited:
# "limited partnership" is a partnership; public limited companies are joint-stock companies).
_CLASS_KEYWORDS = (
    ("partnership", "partner|kommandit|comandit|commandit|offene handels|collectif|colectiva|collettiva"),
    ("cooperative", "cooperat|genossenschaft|andels|osuuskunta|spoldzielnia|druzstvo|zadruga|kooperat"),
    (
        "nonprofit",
        "foundation|stiftung|fondation|fundacion|fondazione|association|verein|asociacion|nonprofit",
    ),
    ("joint stock", "public limited|aktie|actions|anonim|anonym|akcyj|akciov|aktsion|akcion|joint.stock"),
    ("joint stock", "azioni|naamloze|reszveny|osake"),
    (
        "limited",
        "limit|beschrankt|responsabil|ogranicz|ogranichen|obmezhen|omezen|korlatolt|begraens|besloten",
    ),
    ("corporation", "corporation|incorporated|kabushiki"),
    ("sole proprietorship", "sole |sole$|einzel|individual|enkeltmands|entrepreneur|proprietor"),
    ("state enterprise", "state|staat|municipal|government|public enterprise"),
)
_CLASS_PATTERNS = tuple((cls, re.compile(pattern)) for cls, pattern in _CLASS_KEYWORDS)
# Words a multi-word ELF abbreviation may consist of (besides tokens of up to four letters).
_LEGAL_WORDS = frozenset(
    "limited company corporation incorporated partnership liability private public joint stock gmbh "
    "cooperative limitada limitee kabushiki kaisha aktiengesellschaft aktiebolag sirketi".split()
)
# Tokens of ELF abbreviations that are ordinary words in company names, never treated as a legal form.
_NOT_LEGAL = frozenset(
    "and the of de la le el bank fund trust group branch embassy district canton commune".split()
)
# Words that begin or make up a legal form, with the shortest cut of them still read as that form and its class:
# an ERP field cut at "... LIM", "... COM", "... JOIN", "... PRIVAT" has cut a legal form, not a name word.
_TRUNCATABLE_WORDS: dict[str, tuple[int, str]] = {
    "limited": (3, "limited"),
    "limitada": (4, "limited"),
    "company": (3, "company"),
    "corporation": (3, "corporation"),
    "incorporated": (4, "corporation"),
    "joint": (3, "joint stock"),
    "private": (4, "limited"),
    "sendirian": (3, "limited"),
    "aktiengesellschaft": (4, "joint stock"),
    "aktsionernoe": (4, "joint stock"),
    "obshchestvo": (4, "limited"),
    "tovarystvo": (4, "limited"),
    "sociedad": (4, "joint stock"),
    "sociedade": (4, "joint stock"),
    "societe": (4, "joint stock"),
    "anonim": (4, "joint stock"),
}
_ENGLISH_SHORT_WORDS = frozenset(
    "in on oh an at to of or go up no we he me my by be do is it so us am".split()
)


@dataclass(frozen=True)
class LegalFormIndex:
    """Legal-form phrases (token tuples) by where in a name they may be removed, mapped to their class."""

    end: dict[Phrase, str]
    start: dict[Phrase, str]
    anywhere: dict[Phrase, str]
    longest: int
    end_last_tokens: frozenset[str]
    start_first_tokens: frozenset[str]
    anywhere_first_tokens: frozenset[str]


def _ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in text if not unicodedata.combining(char))


def class_from_words(full_name: str) -> str:
    """Class of a legal form told from the words of its full (local or transliterated) name."""
    folded = _ascii_fold(full_name)
    for cls, pattern in _CLASS_PATTERNS:
        if pattern.search(folded):
            return cls
    return "other"


def _class_overrides() -> tuple[dict[str, str], set[str]]:
    classes: dict[str, str] = {}
    for row in read_reference_rows("legal_form_classes.csv"):
        classes[row["abbreviation"].casefold()] = row["class"]
    excluded = {key for key, cls in classes.items() if cls == "exclude"}
    return classes, excluded


def curated_words(tokenize: Tokenizer, min_length: int) -> frozenset[str]:
    """The words of min_length letters or more in the curated legal forms (legal_forms.csv): the forms suppliers
    and lists actually write, unlike the thousands of registry forms from ISO 20275."""
    return frozenset(
        word
        for phrase, _cls, _position in _curated_forms(tokenize)
        for word in phrase
        if len(word) >= min_length and word.isalpha()
    )


def _curated_forms(tokenize: Tokenizer) -> list[tuple[Phrase, str, str]]:
    return [
        (tokenize(row["variant"]), row["class"], row["position"])
        for row in read_reference_rows("legal_forms.csv")
    ]


def _fingerprints_forms(tokenize: Tokenizer, classes: dict[str, str], excluded: set[str]):
    frame = pl.read_csv(reference_path("company_legal_form_variants.csv"), infer_schema=False)
    forms: list[tuple[Phrase, str, str]] = []
    for canonical, variant in frame.select("canonical", "variant").iter_rows():
        phrase = tokenize(variant or "")
        if canonical in excluded or " ".join(phrase) in excluded or variant.casefold() in excluded:
            continue
        if not phrase or (len(phrase) == 1 and len(phrase[0]) < 2):
            continue
        cls = classes.get(canonical) or class_from_words(variant)
        forms.append((phrase, cls, "start" if len(phrase) > 1 else "end"))
    return forms


def _elf_forms(tokenize: Tokenizer, classes: dict[str, str], excluded: set[str]):
    """ISO 20275 abbreviations that cannot be mistaken for words of a name: at least three letters, and made
    of short tokens or legal words only ("GmbH & Co. KG" yes; "Embassy", "Indigenous corporation" no)."""
    frame = pl.read_csv(reference_path("gleif_elf_code_list_2023-09-28.csv"), infer_schema=False)
    votes: dict[Phrase, Counter[str]] = {}
    columns = ("abbreviations_local", "abbreviations_transliterated", "legal_form_local_name")
    columns += ("legal_form_transliterated_name",)
    for local, transliterated, name, name_latin in frame.select(*columns).iter_rows():
        full_name = " ".join(filter(None, [name, name_latin]))
        for abbreviation in ";".join(filter(None, [local, transliterated])).split(";"):
            phrase = tokenize(abbreviation)
            if not _usable_elf_phrase(phrase) or " ".join(phrase) in excluded:
                continue
            cls = classes.get("".join(phrase)) or class_from_words(full_name)
            votes.setdefault(phrase, Counter())[cls] += 1
    return [
        (phrase, counter.most_common(1)[0][0], "start" if len(phrase) > 1 else "end")
        for phrase, counter in votes.items()
    ]


@lru_cache(maxsize=1)
def _pinyin_syllables() -> frozenset[str]:
    """Every syllable anyascii writes for a Han character: 'ming', 'zhu', 'sha' end Chinese names."""
    return frozenset(anyascii(chr(codepoint)).lower() for codepoint in range(0x4E00, 0xA000))


def _usable_elf_phrase(phrase: Phrase) -> bool:
    if not phrase or len("".join(phrase)) < 3 or any(token in _NOT_LEGAL for token in phrase):
        return False
    if len(phrase) == 1:
        token = phrase[0]
        return (len(token) <= 4 and token not in _pinyin_syllables()) or token in _LEGAL_WORDS
    return all(len(token) <= 4 or token in _LEGAL_WORDS for token in phrase)


def _truncations(phrase: Phrase) -> list[Phrase]:
    """The ways a fixed-width field can cut a form short: ('co', 'l'), ('co', 'lt'), ('s', 'de', 'rl', 'd'),
    ('limited', 'liab'); a one-word form only when it is a long legal word ('limi', 'corporatio')."""
    if len(phrase) == 1:
        return []
    text = " ".join(phrase)
    cuts = (tuple(text[:cut].split()) for cut in range(len(phrase[0]) + 2, len(text)))
    return [cut for cut in cuts if len(cut) > 1]


def build_index(tokenize: Tokenizer) -> LegalFormIndex:
    """Index every legal-form variant of the three tables, tokenised by ``tokenize`` (the name tokeniser)."""
    classes, excluded = _class_overrides()
    curated = _curated_forms(tokenize)
    sources = [
        *_elf_forms(tokenize, classes, excluded),
        *_fingerprints_forms(tokenize, classes, excluded),
    ]
    end: dict[Phrase, str] = {}
    start: dict[Phrase, str] = {}
    anywhere: dict[Phrase, str] = {}
    for phrase, cls, position in sources + curated:  # curated last: our classes and positions win
        if not phrase or cls == "exclude":
            continue
        end[phrase] = cls
        if position in ("start", "any"):
            start[phrase] = cls
        if position == "any" and len(phrase) > 1:
            anywhere[phrase] = cls
    for phrase, cls in list(end.items()):
        if phrase[0] in ("a", "an", "the"):
            continue
        for truncated in _truncations(phrase):
            end.setdefault(truncated, cls)
    for word, (shortest, cls) in _TRUNCATABLE_WORDS.items():
        for cut in range(shortest, len(word) + 1):
            end.setdefault((word[:cut],), cls)
    for (
        phrase,
        cls,
        _,
    ) in curated:  # "... OO" (OOO), "... LL" (LLC), "... EOO" (EOOD): the last letter cut off
        cut = phrase[0][:-1]
        if len(phrase) == 1 and 2 <= len(cut) <= 3 and cut not in _ENGLISH_SHORT_WORDS:
            end.setdefault((cut,), cls)
    phrases = [*end, *start, *anywhere]
    return LegalFormIndex(
        end=end,
        start=start,
        anywhere=anywhere,
        longest=max(len(phrase) for phrase in phrases),
        end_last_tokens=frozenset(phrase[-1] for phrase in end),
        start_first_tokens=frozenset(phrase[0] for phrase in start),
        anywhere_first_tokens=frozenset(phrase[0] for phrase in anywhere),
    )
