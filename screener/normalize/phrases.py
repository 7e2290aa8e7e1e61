"""Finding known phrases in free text written in many languages: goods names, audit findings, place names.

Latin-script text is compared token by token after case folding, accent stripping and light plural stripping,
so "Retención de pasaportes" finds the phrase "retencion de pasaporte" and "cocoa beans" finds "cocoa bean".
Text in Han, Kana, Hangul or other scripts without spaces is searched as a substring ("护照被扣").
Every hit keeps the exact characters of the input it came from, so a reason can quote the source.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# Scripts written without spaces between words: searched by substring, not by token.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u0e00-\u0e7f]")

# Words that negate a phrase when they come shortly before it ("no evidence of debt bondage").
NEGATORS = frozenset(
    "no not none never without zero nil sin ningun ninguna nunca ne pas aucun aucune sans kein keine nicht ohne "
    "nao sem nenhum".split()
)
# ... or right after it ("debt bondage: none found").
NEGATORS_AFTER = frozenset(
    "none nil expired lapsed suspended withdrawn abgelaufen expire expiree vencido".split()
)
_NEGATED_AFTER_PAIRS = {("not", "found"), ("not", "observed"), ("not", "identified"), ("not", "noted")}
_CJK_NEGATORS = ("无", "未", "没有", "不存在", "沒有", "無")
# Filler words (articles, auxiliaries, possessives, prepositions of) in English, Spanish, French, German and
# Portuguese, ignored on both sides of a comparison. Negating words are never filler.
STOPWORDS = frozenset(
    "the a an are is was were be been being of their its his her all some any by "
    "el la lo los las del un una uno su sus son es fue fueron "
    "le l les de des du d une sont est etait leur leurs "
    "der die das den dem des von ein eine einer wurden wurde wird sind ist "
    "o os as do da dos das um uma seu sua foram".split()
)
_SENTENCE_END = re.compile(r"[.;:!?\n。；！？]")


def fold_char(char: str) -> str:
    """One character case-folded with accents removed ('É' -> 'e', 'ß' -> 'ss'); other scripts unchanged."""
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _FoldTable(dict):
    """Code point -> :func:`fold_char` of it, filled as characters are met: ``str.translate``'s table, so a text
    is folded in one C call instead of a Python call per character (the Xinjiang place search folds every distinct
    address: 100k suppliers, ~450k characters). ``resizing`` collects the characters that fold to other than one
    character ('ß' -> 'ss', a lone accent -> '')."""

    def __init__(self) -> None:
        super().__init__()
        self.resizing: set[str] = set()

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        if len(folded) != 1:
            self.resizing.add(chr(code))
        self[code] = folded
        return folded


_FOLDED = _FoldTable()


def fold(text: str) -> str:
    """Case-folded, accent-free text (same length rules as :func:`fold_char`)."""
    return text.translate(_FOLDED)


def _folded_with_origin(text: str) -> tuple[str, Sequence[int]]:
    """The folded text and, for each of its characters, the offset in ``text`` it came from."""
    folded = text.translate(_FOLDED)  # fills the table (and its resizing set) for every character of the text
    if _FOLDED.resizing.isdisjoint(text):
        return folded, range(len(text))
    origin = [index for index, char in enumerate(text) for _ in range(len(_FOLDED[ord(char)]))]
    return folded, origin


def stem(token: str) -> str:
    """Strip a plural ending so singular and plural compare equal ('gloves' -> 'glove', 'berries' -> 'berry')."""
    if len(token) <= 3 or not token.isascii():
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith(("oes", "xes", "ches", "shes", "sses")):
        return token[:-2]
    if token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def unstemmed_forms(stemmed: str) -> set[str]:
    """Every word :func:`stem` can turn into ``stemmed`` (the word itself among them)."""
    forms = {stemmed, stemmed + "s", stemmed + "es"}
    if stemmed.endswith("y"):
        forms.add(stemmed[:-1] + "ies")
    return forms


@dataclass(frozen=True)
class Token:
    text: str  # folded and stemmed
    start: int  # offsets into the original text
    end: int


def tokenize(text: str) -> list[Token]:
    """Folded, stemmed word tokens with their offsets in the original text."""
    if text.isascii():  # fast path: folding keeps every offset
        folded, origin = text.lower(), range(len(text))
    else:
        folded, origin = _folded_with_origin(text)
    tokens = []
    for match in _TOKEN.finditer(folded):
        word = match.group()
        if _UNSPACED.search(word):
            continue  # searched by substring instead
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        tokens.append(Token(stem(word), start, end))
    return tokens


def content_tokens(tokens: list[Token]) -> list[Token]:
    """Tokens without filler words, so "passports are held" finds "passport held" and "retention of passports"
    finds "retention passport"."""
    return [t for t in tokens if t.text not in STOPWORDS]


def is_unspaced(phrase: str) -> bool:
    """True for phrases in scripts written without spaces (searched as substrings)."""
    return bool(_UNSPACED.search(phrase))


UNSPACED_GAP = 6  # characters "…" stands for in a phrase of an unspaced script


@dataclass(frozen=True)
class GappedPhrase:
    """Literal parts with up to ``max_gap`` characters (no line break) between consecutive parts. Finds the spans
    ``re.finditer`` finds for ``part1.{0,6}?part2.{0,6}?...``, in the same order, but in time linear in the text:
    a (part, position) that failed once is never tried again. The backtracking regex took exponential time in the
    number of gaps (a rules file's extra phrase with a dozen gaps ran for minutes on one 300-character cell)."""

    parts: tuple[str, ...]
    max_gap: int = UNSPACED_GAP

    @cached_property
    def _needed(self) -> list[int]:
        """Characters the parts from each index on need at least (a shorter rest of the text cannot match)."""
        lengths = [len(part) for part in self.parts]
        return [sum(lengths[index:]) for index in range(len(lengths))]

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        first, failed, position = self.parts[0], set(), 0
        while position <= len(text):
            start = text.find(first, position)
            if start < 0:
                return
            end = self._end(text, start + len(first), failed)
            if end is None:
                position = start + 1
                continue
            yield start, end
            position = end if end > start else end + 1

    def _end(self, text: str, at: int, failed: set[tuple[int, int]]) -> int | None:
        """Where the parts after the first end when they follow from ``at``: depth first, smallest gap first (the
        lazy regex's order), with an explicit stack (a phrase may have many parts)."""
        parts, count, needed = self.parts, len(self.parts), self._needed
        stack = [[1, at, 0]]  # part index, where its gap starts, next gap to try
        while stack:
            frame = stack[-1]
            index, base, gap = frame
            if index == count:
                return base
            position = base + gap
            if (
                gap > self.max_gap
                or position + needed[index] > len(text)
                or (gap and text[position - 1] == "\n")
                or (index, base) in failed
            ):
                failed.add((index, base))
                stack.pop()
                continue
            frame[2] = gap + 1
            if text.startswith(parts[index], position):
                stack.append([index + 1, position + len(parts[index]), 0])
        return None


@dataclass(frozen=True)
class PhraseHit:
    """A phrase found in a text: the values it stands for and the exact characters it matched."""

    phrase: str
    values: tuple[str, ...]
    quote: str
    start: int
    end: int


class PhraseIndex:
    """Phrases -> values; finds the longest non-overlapping phrases in a text.

    ``max_gap`` lets up to that many words stand between the words of a phrase ("passports of migrant workers
    retained" finds "passport retained" with max_gap=2). In phrases of unspaced scripts "…" stands for up to six
    characters ("护照…扣留" finds "护照被雇主扣留")."""

    def __init__(self, entries: Iterable[tuple[str, str]], *, max_gap: int = 0) -> None:
        self.max_gap = max_gap
        self._patterns: dict[str, GappedPhrase] = {}
        self._latin: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._values: dict[tuple[str, ...] | str, list[str]] = {}
        self._unspaced: dict[str, str] = {}
        for phrase, value in entries:
            phrase = phrase.strip()
            if not phrase:
                continue
            if is_unspaced(phrase):
                key: tuple[str, ...] | str = fold(phrase)
                self._unspaced[key] = phrase
                self._patterns[key] = GappedPhrase(tuple(fold(p) for p in phrase.split("…")))
            else:
                key = tuple(t.text for t in content_tokens(tokenize(phrase)))
                if not key:
                    continue
                bucket = self._latin.setdefault(key[0], [])
                if all(existing != key for existing, _ in bucket):
                    bucket.append((key, phrase))
            values = self._values.setdefault(key, [])
            if value not in values:
                values.append(value)
        for bucket in self._latin.values():
            bucket.sort(key=lambda item: -len(item[0]))
        # the words a text must hold for any of its tokens to begin a phrase: most texts hold none, and are then
        # passed over without building their tokens (the Xinjiang place search over every address)
        self._first_words = frozenset(form for first in self._latin for form in unstemmed_forms(first))
        self._unspaced_sorted = sorted(self._unspaced, key=len, reverse=True)
        # any unspaced phrase's first part: a text holding none has no unspaced phrase to look for one by one
        firsts = sorted({pattern.parts[0] for pattern in self._patterns.values()}, key=len, reverse=True)
        self._unspaced_first = re.compile("|".join(map(re.escape, firsts))) if firsts else None

    def __len__(self) -> int:
        return len(self._values)

    def find(self, text: str | None, *, skip_negated: bool = False) -> list[PhraseHit]:
        """Every phrase found in ``text`` (longest match wins where phrases overlap)."""
        if not text:
            return []
        return self._find_latin(text, skip_negated) + self._find_unspaced(text, skip_negated)

    def _find_latin(self, text: str, skip_negated: bool) -> list[PhraseHit]:
        if self._first_words.isdisjoint(_TOKEN.findall(text.lower() if text.isascii() else fold(text))):
            return []
        tokens = content_tokens(tokenize(text))
        words = [t.text for t in tokens]
        hits = []
        position = 0
        while position < len(tokens):
            found = self._longest_at(words, position)
            if found is None:
                position += 1
                continue
            key, phrase, end = found
            if not (skip_negated and _negated(text, tokens, position, end)):
                start_char, end_char = tokens[position].start, tokens[end - 1].end
                hits.append(
                    PhraseHit(
                        phrase, tuple(self._values[key]), text[start_char:end_char], start_char, end_char
                    )
                )
            position = end
        return hits

    def _longest_at(self, words: list[str], position: int) -> tuple[tuple[str, ...], str, int] | None:
        """The longest phrase starting at ``position``: (key, phrase, index after its last word)."""
        for key, phrase in self._latin.get(words[position], ()):
            if tuple(words[position : position + len(key)]) == key:
                return key, phrase, position + len(key)
        if self.max_gap:
            for key, phrase in self._latin.get(words[position], ()):
                end = self._gapped_end(words, position, key)
                if end is not None:
                    return key, phrase, end
        return None

    def _gapped_end(self, words: list[str], position: int, key: tuple[str, ...]) -> int | None:
        at = position
        for word in key[1:]:
            window = words[at + 1 : at + 2 + self.max_gap]
            if word not in window:
                return None
            at = at + 1 + window.index(word)
        return at + 1

    def _find_unspaced(self, text: str, skip_negated: bool) -> list[PhraseHit]:
        if not self._unspaced or not _UNSPACED.search(text):
            return []
        folded = fold(text)
        folded = folded if len(folded) == len(text) else text
        if not self._unspaced_first.search(folded):
            return []
        taken: list[tuple[int, int]] = []
        hits = []
        for key in self._unspaced_sorted:
            pattern = self._patterns[key]
            if pattern.parts[0] not in folded:  # what finditer would find first: most texts have none
                continue
            for span in pattern.finditer(folded):
                if any(span[0] < end and start < span[1] for start, end in taken):
                    continue
                taken.append(span)
                before = folded[max(0, span[0] - 4) : span[0]]
                if skip_negated and any(neg in before for neg in _CJK_NEGATORS):
                    continue
                values = tuple(self._values[key])
                hits.append(PhraseHit(self._unspaced[key], values, text[span[0] : span[1]], *span))
        return sorted(hits, key=lambda hit: hit.start)


def _negated(text: str, tokens: list[Token], start: int, end: int, window: int = 4) -> bool:
    """A negating word up to ``window`` words before the phrase in the same sentence ("no evidence of debt
    bondage"), or 'none' / 'not found' right after it ("debt bondage: none found"). "No. 5" is a number, not a
    negation."""
    phrase_start = tokens[start].start
    for index in range(max(0, start - window), start):
        token = tokens[index]
        if token.text not in NEGATORS or _SENTENCE_END.search(text, token.end, phrase_start):
            continue
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        if token.text == "no" and following.isdigit():
            continue
        return True
    after = [t.text for t in tokens[end : end + 3]]
    if after and after[0] in NEGATORS_AFTER:
        return True
    return any(pair in _NEGATED_AFTER_PAIRS for pair in zip(after, after[1:], strict=False))
