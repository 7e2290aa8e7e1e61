"""One word in several romanisations: Cyrillic names under GOST, BGN/PCGN, ISO 9 and English forms, and Chinese
brands whose registered English spelling shortens their pinyin.

A Russian supplier written in Cyrillic is romanised one way by the normaliser (anyascii: Ростех -> "rostekh",
Концерн -> "kontsern"), while a list writes the same words another way: "Rosteh" (GOST 7.79), "Rostex" (GOST
7034), "ROSTEC" (the company's English form), "Koncern" (ISO 9), "CONCERN" (English). ``cyrillic_fold`` maps every
such spelling to one form, so two words are the same word when their folds are equal: the letters the systems
write differently for one Cyrillic letter (х kh/h/x/ch, ц ts/c/tc, щ shch/sch/shh, ж zh/z, ш sh/s, й y/j/i,
я ya/ia/ja, ю yu/iu/ju, ы y) and English spellings of the same sounds (c and k, -iy/-y/-yy/-ij endings) fall
together. The fold is for comparing one supplier's words with its candidates' words, never a key of its own.

A Chinese brand written in Han characters reads as its pinyin ("大全" -> "daquan"), and a company often registers
an English brand that keeps the first syllable and the next sound ("Daqo"), or the whole pinyin ("Huafu").
``pinyin_brand_like`` says whether an English word can be such a spelling of a pinyin word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from screener.normalize.pinyin import split_pinyin

# Spellings of one Cyrillic letter (or English spellings of its sound), longest first; each becomes the
# letter on the right. Order matters: "shch" before "sh" and "ch", "kh" before "h".
_SPELLINGS = (
    ("shch", "s"),
    ("shh", "s"),
    ("sch", "s"),
    ("sh", "s"),
    ("sc", "s"),
    ("zh", "z"),
    ("kh", "k"),
    ("ch", "k"),
    ("ts", "k"),
    ("tc", "k"),
    ("tz", "k"),
    ("cz", "k"),
    ("ks", "k"),
    ("x", "k"),
    ("h", "k"),
    ("c", "k"),
    ("q", "k"),
    ("w", "v"),
    ("j", "i"),
    ("y", "i"),
)
_SPELLING = re.compile("|".join(spelling for spelling, _ in _SPELLINGS))
_FOLDED = dict(_SPELLINGS)
_DOUBLED = re.compile(r"(.)\1+")
# ё written yo / io / jo or e (after y and j became i).
_YO = re.compile("io")
# "i" standing for the soft start of е (ye / je / e) before "e" (я and ю keep it: -aya is not -a).
_SOFT_I = re.compile(r"i(?=e)")
# ISO 9 / GOST 7.79 letters for я and ю, whose accents anyascii would drop: written as the other systems do.
_HATTED = str.maketrans({"â": "ia", "Â": "Ia", "û": "iu", "Û": "Iu"})
_NOT_LETTER = re.compile("[^a-z]")
# Folds shorter than this are too short to tell two words apart.
MIN_FOLDED = 3


@lru_cache(maxsize=65_536)
def cyrillic_fold(word: str) -> str:
    """The spelling-free form of a romanised Cyrillic word: "Rostekh", "Rosteh", "Rostex", "Rostec" -> "rostek";
    "Kontsern", "Koncern", "Concern" -> "konkern"; "Dmitriy", "Dmitrij", "Dmitry" -> "dmitri"."""
    text = _NOT_LETTER.sub("", anyascii(word.translate(_HATTED)).lower())
    text = _SPELLING.sub(lambda found: _FOLDED[found.group()], text)
    text = _SOFT_I.sub("", _YO.sub("e", _DOUBLED.sub(r"\1", text)))
    return _DOUBLED.sub(r"\1", text)


def same_cyrillic_word(romanised: str, listed: str) -> bool:
    """True when a word romanised from Cyrillic and a list's word are one word in two romanisations."""
    folded = cyrillic_fold(romanised)
    return len(folded) >= MIN_FOLDED and folded == cyrillic_fold(listed)


# Sounds folded alike when an English brand shortens pinyin: zh/z, ch/c, sh/s, q/k, x/s, and "ng" as "n"
# (Jingke -> Jinko).
_PINYIN_SOUNDS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("ng", "n"), ("q", "k"), ("x", "s"))
_VOWELS = frozenset("aeiouyv")


def _sounds(word: str) -> str:
    for spelling, sound in _PINYIN_SOUNDS:
        word = word.replace(spelling, sound)
    return word


def _consonants(text: str) -> str:
    return "".join(letter for letter in text if letter not in _VOWELS)


def pinyin_brand_like(pinyin: str, english: str) -> bool:
    """True when ``english`` can be the registered English spelling of the pinyin brand ``pinyin``: the same
    word, or one that keeps the first syllable whole and then only consonants of the pinyin's rest in their
    order ("daquan" -> "Daqo", "jingke" -> "Jinko"). Another pinyin name is never a spelling of one ("daqin" is
    a name of its own, not a shortening of "daquan")."""
    if pinyin == english:
        return True
    syllables = split_pinyin(pinyin)
    if syllables is None or len(syllables) < 2 or len(english) < 4 or split_pinyin(english) is not None:
        return False
    spoken, written = _sounds(pinyin), _sounds(english)
    first = _sounds(syllables[0])
    if not written.startswith(first) or len(written) <= len(first):
        return False
    rest_spoken, rest_written = _consonants(spoken[len(first) :]), _consonants(written[len(first) :])
    return bool(rest_written) and rest_spoken.startswith(rest_written)
