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

from screener.normalize.pinyin import pinyin_syllables, split_pinyin
from screener.normalize.scripts import remember_table, remembered_table

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


def brand_key(pinyin: str) -> str | None:
    """A key ``pinyin`` shares with every other word ``english`` for which ``pinyin_brand_like(pinyin, english)``
    holds (one of ``brand_spelling_keys(english)``): its first syllable's sounds and the first consonant after
    them; None when no other word can be its brand spelling. A cheap first test over many pairs."""
    syllables = split_pinyin(pinyin)
    if syllables is None or len(syllables) < 2:
        return None
    first = _sounds(syllables[0])
    rest = _consonants(_sounds(pinyin)[len(first) :])
    return first + rest[0] if rest else None


def brand_spelling_keys(english: str) -> tuple[str, ...]:
    """The keys ``english`` may share with a pinyin word whose brand spelling it can be (see brand_key): each
    beginning of its sounds of up to six letters (the longest syllable) with the first consonant after it."""
    if len(english) < 4 or split_pinyin(english) is not None:
        return ()
    written = _sounds(english)
    keys = []
    for cut in range(1, min(_LONGEST_SYLLABLE, len(written)) + 1):
        rest = _consonants(written[cut:])
        if rest:
            keys.append(written[:cut] + rest[0])
    return tuple(keys)


_LONGEST_SYLLABLE = 6


# --- Latin-typed romanisations ------------------------------------------------------------------------------------
# A supplier types a Russian, Arabic, Persian or Chinese name in its own Latin spelling and a list in another:
# Mohamed / Muhammad, Hossein / Hussein, Khabarovsk / Habarovsk, Zhongtai / Jongtai, Kuznetsov / Kuznecov,
# Dmitriy / Dmitry, Hsin / Xin (Wade-Giles / pinyin). ``romanised_fold`` writes such spellings one way (letters
# that stand for one sound in the systems people use), ``same_romanised_word`` adds the vowels clerks disagree on
# (o / u, a / e) and Wade-Giles syllables.
_LATIN_SPELLINGS = (
    ("shch", "sh"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("ts", "c"),
    ("tz", "c"),
    ("tc", "c"),
    ("cz", "c"),
    ("ck", "k"),
    ("ks", "x"),
    ("ou", "u"),
    ("oo", "u"),
    ("q", "k"),
    ("w", "v"),
    ("y", "i"),
)
_LATIN_SPELLING = re.compile("|".join(spelling for spelling, _ in _LATIN_SPELLINGS))
_LATIN_FOLDED = dict(_LATIN_SPELLINGS)
# c before a back vowel, a consonant or at the end sounds k (Rostec / Rostek, Concern / Koncern); before e and i
# it is ц (Koncern / Kontsern), which "ts" is folded to.
_HARD_C = re.compile(r"c(?![eih])")
# A last х written kh, h, ch or x, as the English brand's c (Rostekh, Rostech, Rostex / Rostec), ч and ć written
# ch or c (Ivanovich / Ivanovic), and -ов written -off (Kalashnikoff / Kalashnikov).
_LAST_KH = re.compile(r"(?<![sc])h$|ch$|x$")
_LAST_OFF = re.compile(r"(?<=[aeiou])ff$")
_LONG_E = re.compile("e+")
# Vowels transliterations of one name disagree on (Mohammad / Muhammad, Hussein / Husain, Osman / Usman).
_VOWEL_SWAPS = frozenset({("o", "u"), ("u", "o"), ("a", "e"), ("e", "a")})
_VOWELS_AEIOU = frozenset("aeiou")
# Folds shorter than this are not compared (Li / Lee, Ma / Mah); vowels are swapped only in folds of at least
# VOWEL_SWAP_MIN letters (Hong / Hang, Sara / Sera are names of their own).
MIN_ROMANISED = 4
VOWEL_SWAP_MIN = 5


@lru_cache(maxsize=65_536)
def romanised_fold(word: str) -> str:
    """One spelling for the Latin romanisations of one word: "Kuznetsov", "Kuznecov", "Kouznetzov" ->
    "kuznecov"; "Khabarovsk", "Habarovsk" -> "habarovsk"; "Zhukov", "Jukov" -> "jukov"; "Dmitriy", "Dmitry",
    "Dmitrii" -> "dmitri"; doubled letters written once ("Hassan" -> "hasan"); a last kh / h / ch / x as c
    ("Rostekh", "Rostech", "Rostec" -> "rostek"), a last -off as -ov ("Kalashnikoff" -> "kalashnikov")."""
    text = _LAST_OFF.sub("v", _NOT_LETTER.sub("", word.lower()))
    text = _LATIN_SPELLING.sub(lambda found: _LATIN_FOLDED[found.group()], text)
    text = _LAST_KH.sub("k", _HARD_C.sub("k", text))
    text = _SOFT_I.sub("", _DOUBLED.sub(r"\1", text))
    return _DOUBLED.sub(r"\1", text)


def _vowels_swapped(first: str, second: str) -> bool:
    """The two folds differ only by o / u or a / e swaps, at most one in three letters."""
    if len(first) != len(second) or len(first) < VOWEL_SWAP_MIN or first[0] != second[0]:
        return False
    swaps = 0
    for a, b in zip(first, second, strict=True):
        if a == b:
            continue
        if (a, b) not in _VOWEL_SWAPS:
            return False
        swaps += 1
    return swaps <= max(1, len(first) // 3)


def _y_as_i(word: str) -> str:
    return _DOUBLED.sub(r"\1", word.replace("y", "i"))


@lru_cache(maxsize=1)
def _wade_giles() -> dict[str, frozenset[str]]:
    """Wade-Giles syllable (apostrophes dropped, as a clerk types it) -> the pinyin syllables it writes, by
    pypinyin's converter over every pinyin syllable (made once and kept in the cache folder: see
    screener.normalize.scripts.remember_table)."""
    remembered = remembered_table("wade_giles")
    if remembered is None:
        from pypinyin.style.wadegiles import to_wade_glides

        found: dict[str, set[str]] = {}
        for pinyin in pinyin_syllables():
            wade = _NOT_LETTER.sub("", anyascii(to_wade_glides(pinyin)).lower())
            if wade:
                found.setdefault(wade, set()).add(pinyin)
        remembered = {wade: sorted(readings) for wade, readings in found.items()}
        remember_table("wade_giles", remembered)
    return {wade: frozenset(readings) for wade, readings in remembered.items()}


_MAX_WADE_SYLLABLES = 4


@lru_cache(maxsize=65_536)
def wade_giles_readings(word: str) -> frozenset[str]:
    """The pinyin a Wade-Giles word can write, syllables joined ("hsinhua" -> {"xinhua"}, "chung" -> {"zhong",
    "chong"}); empty when the word is not Wade-Giles, or is pinyin already."""
    if split_pinyin(word) is not None:
        return frozenset()
    table = _wade_giles()
    # Cut into syllables: fewest pieces, each a Wade-Giles syllable (at most 6 letters: "chuang", "hsiung").
    best: list[tuple[str, ...] | None] = [()] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            head = best[start]
            if (
                head is not None
                and word[start:end] in table
                and (best[end] is None or len(head) + 1 < len(best[end]))
            ):
                best[end] = (*head, word[start:end])
    syllables = best[len(word)] if word else None
    if not syllables or len(syllables) > _MAX_WADE_SYLLABLES:
        return frozenset()
    readings = {""}
    for syllable in syllables:
        readings = {done + reading for done in readings for reading in table[syllable]}
        if len(readings) > 64:
            return frozenset()
    return frozenset(readings)


@lru_cache(maxsize=65_536)
def same_romanised_word(supplier: str, listed: str) -> bool:
    """True when two different Latin words are one name in two romanisations: equal folds (Kuznetsov /
    Kuznecov), vowels transliterations disagree on (Mohamed / Muhammad, Hossein / Hussein), or a Wade-Giles word
    and its pinyin (Hsin / Xin, Chung / Zhong). Two different pinyin names are never one (Yasheng / Fasheng),
    and short words are not compared."""
    if supplier == listed or not (supplier.isalpha() and listed.isalpha()):
        return False
    if split_pinyin(supplier) is not None and split_pinyin(listed) is not None:
        # Both read as pinyin: one name only when they differ by y / i (Persian Shayan / Shaian), never by a
        # syllable (Yasheng / Fasheng, Cui / Kui).
        return len(supplier) >= VOWEL_SWAP_MIN and _y_as_i(supplier) == _y_as_i(listed)
    if listed in wade_giles_readings(supplier) or supplier in wade_giles_readings(listed):
        return True
    first, second = romanised_fold(supplier), romanised_fold(listed)
    if len(first) < MIN_ROMANISED or len(second) < MIN_ROMANISED:
        return False
    if first == second or _vowels_swapped(first, second):
        return True
    # "ee" is a long i in English spellings of Arabic and Persian (Shaheed / Shahid), e-e in Russian (Sergeev).
    return "ee" in supplier + listed and _LONG_E.sub("i", first) == _LONG_E.sub("i", second)


# Letters Wade-Giles never writes (it spells b, d, q, x, z, r as p, t, ch, hs, ts, j; g only ends -ng).
_NOT_WADE_GILES = re.compile("[bdqrvxz]")
_SWAPPED_VOWELS = str.maketrans({"o": "u", "e": "a"})


@lru_cache(maxsize=65_536)
def sound_keys(word: str) -> tuple[str, ...]:
    """Keys two words share whenever ``same_romanised_word`` may hold for them (a cheap first test over many
    pairs): the romanised fold with the vowels it lets differ written alike (o as u, e as a), the same with e as
    i (for an "ee" spelling on either side), and the same of each pinyin reading of a Wade-Giles word."""
    folded = romanised_fold(word)
    keys = {folded.translate(_SWAPPED_VOWELS)}
    if "e" in folded:  # the other word may be an "ee" spelling (Negin / Negeen)
        keys.add(_LONG_E.sub("i", folded).translate(_SWAPPED_VOWELS))
    if not _NOT_WADE_GILES.search(word):
        keys.update(
            romanised_fold(reading).translate(_SWAPPED_VOWELS) for reading in wade_giles_readings(word)
        )
    return tuple(sorted(keys))
