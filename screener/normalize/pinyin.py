"""Romanised Chinese (Hanyu Pinyin) syllables: telling another Chinese name from a misspelt one.

"Yasheng" and "Fasheng", "Haifang" and "Huafang" are one letter apart, as a typo would make them, but each is a
whole pinyin name of its own (ya-sheng, fa-sheng): two different companies, not one misspelt. A typo seldom
leaves every syllable a real one ("Daqo" -> "Dqao"). The syllable inventory is read from anyascii's own
transliteration of the CJK Unified Ideographs, so it is the inventory the normaliser itself produces.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import OSA

# Longest pinyin syllable (zhuang, shuang, chuang): 6 letters.
_LONGEST = 6


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Every syllable anyascii writes for a CJK Unified Ideograph (about 420, toneless, lower case), less the
    interjections without a vowel (m, n, ng, hm)."""
    from anyascii import anyascii

    found = (anyascii(chr(code)).lower() for code in range(0x4E00, 0xA000))
    return frozenset(
        s
        for s in found
        if s.isalpha() and s.isascii() and len(s) <= _LONGEST and any(v in s for v in "aeiouv")
    )


@lru_cache(maxsize=65_536)
def split_pinyin(word: str) -> tuple[str, ...] | None:
    """The word cut into the fewest pinyin syllables ("yasheng" -> ("ya", "sheng")), or None when it is not
    made of pinyin syllables only."""
    known = pinyin_syllables()
    best: list[tuple[str, ...] | None] = [()] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - _LONGEST), end):
            head = best[start]
            if head is not None and word[start:end] in known:
                if best[end] is None or len(head) + 1 < len(best[end]):
                    best[end] = (*head, word[start:end])
    return best[len(word)] if word else None


def other_pinyin_name(first: str, second: str) -> bool:
    """True when both words are pinyin names and a syllable differs: another name, not a typo of this one.
    Names of as many syllables differ by any syllable (Yasheng / Fasheng); names of other lengths only by more
    than one letter (Chengjundan / Chenguang), as one slip can move a syllable boundary."""
    a, b = split_pinyin(first), split_pinyin(second)
    if a is None or b is None or a == b:
        return False
    return len(a) == len(b) or OSA.distance(first, second, score_cutoff=2) > 1
