"""Company names -> comparison keys, applied identically to supplier names and list entries.

``normalize_name("XINJIANG DAQO NEW ENERGY CO LT")`` and ``normalize_name("新疆大全新能源股份有限公司")`` give keys
"xinjiang daqo new energy" and "xinjiang daquan new energy": the legal form (recognised even when truncated)
is taken out of the key and kept as a class, Han business terms are translated, every script is written in ASCII,
business abbreviations and place-name spellings are folded to one form. The steps, in order:

1. NFKC (full-width forms, ligatures), invisible characters removed, every script to ASCII (anyascii; Han cut into
   words first), lower case, apostrophes dropped ("Int'l" -> "intl"), "&" -> "and", other punctuation -> space,
   letters and digits split ("No.2" -> "no 2"). This is ``latin``.
2. A trailing bracketed acronym of the name's own words dropped ("... Limited (LLTC)"); runs of single letters
   joined ("S.A." -> "sa", "I.B.M." -> "ibm"); "und", "et", "y" between words -> "and".
3. Legal forms removed as whole tokens (see ``legal_forms``): at the end, at the start, or anywhere for
   unambiguous phrases, also when an ERP field cut them short ("CO LT", "LIMI", "S DE RL D"); a leading "the",
   a trailing "and" and a lone trailing letter go too; repeated until nothing changes, never the last token.
4. Business abbreviations, plurals and place-name variants folded to one spelling; a truncated business word at
   the end completed ("... SILICON INDUS" -> "industry"); two-word spellings joined ("bio tech"); numbers
   freed of their markers ("No. 1", "#1", "1st", "First" -> "1").

Steps 2-4 repeat until the key is stable, so a key normalises to itself. The key keeps numbers (a different
number is evidence of a different entity) and the original word order.

Why our own tables and not rigour (OpenSanctions' name library), measured 2026-11 with rigour 2.6.1: a key made
with rigour (normalize_name, remove_org_prefixes, remove_org_types, ascii_text) passes 41 of the 96 rows of
tests/fixtures/match_cases.csv, ours 96 (the table was written with these rules, so it favours us): rigour keeps "Co" of "Company Limited" and "Corp" vs "Corporation"
apart, does not read truncated forms ("CO LT", "LIMI"), abbreviations, plurals, place variants or full-width
text, strips "Limited" from "Limited Brands" and "Yu" from "Yu Long", and writes Han as separate syllables
("xin jiang da quan ...") without terms. On the 8.5k OFAC entity names both find a legal form in 3.6k; rigour
alone in 76 (often wrong: "... IN THE ...", "CHARITY"), ours alone in 656. It is faster (91k vs ~80k names/s)
but needs PyICU. Its tables remain a good source to compare against when extending ours.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import polars as pl
from anyascii import anyascii

from screener.normalize.countries import country_code
from screener.normalize.legal_forms import LegalFormIndex, build_index, curated_words
from screener.normalize.scripts import (
    dominant_script,
    han_terms,
    look_up_han_words,
    read_reference_rows,
    remembering_segments,
    to_ascii,
    translated_han_terms,
)

_APOSTROPHE = re.compile(r"['`]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_DIGIT = re.compile(r"[0-9]")
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])")
_CONNECTORS = frozenset({"und", "et", "y"})
# Two or more letters each followed by a dot ("S.A.", "L.L.C.", "I.B.M."): one token, whatever stands around
# it. Spaced initials ("S. A.") are joined later with the other runs of single letters.
_DOTTED_INITIALS = re.compile(r"(?<![A-Za-z0-9])(?:[A-Za-z]\.){2,}")
# Start forms that are also words or names ("AS", "AB", "PT", "SIA"...): not removed before generic words only.
_AMBIGUOUS_START_FORMS = frozenset({"as", "ab", "pt", "cv", "ip", "ao", "sia", "too", "uab"})
_TRAILING_BRACKET = re.compile(r"\(([^()]*)\)\W*$")
_NOT_INITIALS = frozenset({"and", "of", "the", "for", "de"})
_MIN_TRUNCATED_WORD = 5
_MAX_PASSES = 4
_MAX_NAME_CHARS = 2_000
_NUMBER_MARKERS = frozenset({"no", "nr", "nbr", "num", "number"})
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
# Pinyin of business terms that is also the pinyin of well-known brand names (中信 CITIC / 中心 centre,
# 华工 / 化工 chemical, 富士 Fuji / 服饰 apparel): not translated when written in Latin letters.
_PINYIN_BRANDS = frozenset({"zhongxin", "huagong", "fushi", "guangfu"})


@dataclass(frozen=True)
class NormalizedName:
    """A name in its comparable forms; see the module docstring for what each step does."""

    original: str
    latin: str
    key: str
    tokens: tuple[str, ...]
    legal_form: str | None
    script: str


def surface_tokens(ascii_text: str) -> tuple[str, ...]:
    """Lower-case alphanumeric tokens of ASCII text: dotted initials joined ("L.L.C." -> "llc"), apostrophes
    dropped, '&' -> 'and', letters and digits split."""
    if "." in ascii_text:
        ascii_text = _DOTTED_INITIALS.sub(_joined_initials, ascii_text)
    text = ascii_text.lower()
    if "'" in text or "`" in text:
        text = _APOSTROPHE.sub("", text)
    text = _NOT_ALNUM.sub(" ", text.replace("&", " and "))
    if _DIGIT.search(text):  # letters and digits are split only where there are digits
        text = _LETTER_DIGIT.sub(" ", text)
    return tuple(text.split())


def _joined_initials(found: re.Match[str]) -> str:
    return found.group().replace(".", "").replace(" ", "") + " "


def split_trailing_bracket(ascii_text: str) -> tuple[str, str | None]:
    """(name, bracket) for a name ending in a bracket: 'Running Brook, LLC (USA)' -> ('Running Brook, LLC', 'USA').

    A bracket that only repeats the name's initials ('... Limited (LLTC)') or names a country ('(USA)', '(HK)',
    '(China)': the country column says it better) is dropped: bracket None. Other brackets ('(Xinjiang)') are
    kept, and the legal form before them is still found at the end of the name."""
    found = _TRAILING_BRACKET.search(ascii_text)
    if found is None:
        return ascii_text, None
    head, inside = ascii_text[: found.start()], found.group(1).strip()
    if not surface_tokens(head):
        return ascii_text, None
    if _is_initials_of(inside, head) or (len(inside) > 1 and _country_code(inside) is not None):
        return head, None
    return head, inside


def _is_initials_of(acronym: str, name: str) -> bool:
    if not (2 <= len(acronym) <= 8 and acronym.isalpha() and acronym.isupper()):
        return False
    initials = iter(token[0] for token in surface_tokens(name) if token not in _NOT_INITIALS)
    return all(letter in initials for letter in acronym.lower())  # in order: consumes the iterator


def _country_code(text: str) -> str | None:
    return country_code(text, cldr=False)  # the table the match classifier's keys were made with


def _join_initials(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Runs of two or more single letters become one token: ('s', 'a') -> ('sa',)."""
    if list(map(len, tokens)).count(1) < 2:
        return tokens
    joined: list[str] = []
    run = ""
    for token in tokens:
        if len(token) == 1 and token.isalpha():
            run += token
            continue
        if run:
            joined.append(run)
            run = ""
        joined.append(token)
    if run:
        joined.append(run)
    return tuple(joined)


def _connect(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """'und' / 'et' / 'y' between two words -> 'and'."""
    if len(tokens) < 3 or _CONNECTORS.isdisjoint(tokens[1:-1]):
        return tokens
    middle = tuple("and" if token in _CONNECTORS else token for token in tokens[1:-1])
    return (tokens[0], *middle, tokens[-1])


def comparison_tokens(text: str) -> tuple[str, ...]:
    """Tokens of a phrase as the key sees them before legal forms and abbreviations: used for table variants."""
    return _connect(_join_initials(surface_tokens(to_ascii(text)[1])))


@dataclass(frozen=True)
class _Tables:
    legal: LegalFormIndex
    words: dict[str, tuple[str, ...]]  # abbreviation / plural / place variant -> canonical tokens
    phrases: dict[tuple[str, ...], tuple[str, ...]]  # several words of one term -> canonical tokens
    phrase_starts: frozenset[str]
    longest_phrase: int
    truncated: dict[str, str]  # prefix of a canonical business word -> the word
    generic: frozenset[str]  # business vocabulary: a name made only of these is not distinctive
    markers: frozenset[tuple[str, ...]]  # ERP status notes ("do not use") left out at either end
    marker_edges: frozenset[str]  # the first and last words of the notes: a name without them has none
    end_lengths: dict[
        str, tuple[int, ...]
    ]  # last word of an end form -> the lengths of such forms, longest first
    start_lengths: dict[
        str, tuple[int, ...]
    ]  # first word of a start form -> its forms' lengths, longest first


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    with remembering_segments():
        return _built_tables()


def _built_tables() -> _Tables:
    words: dict[str, tuple[str, ...]] = {}
    phrases: dict[tuple[str, str], tuple[str, ...]] = {}
    for name in ("business_abbreviations.csv", "place_name_variants.csv"):
        for row in read_reference_rows(name):
            variant, canonical = tuple(row["variant"].split()), tuple(row["canonical"].split())
            if len(variant) == 1:
                words[variant[0]] = canonical
            else:
                phrases[variant] = canonical
    _add_pinyin_spellings(words, phrases)
    canonical = {word for tokens in words.values() for word in tokens}
    han_english = {
        word for term in han_terms()[0].values() if term.kind == "term" for word in term.english.split()
    }
    markers = frozenset(surface_tokens(row["marker"]) for row in read_reference_rows("erp_name_markers.csv"))
    legal = build_index(comparison_tokens)
    return _Tables(
        legal=legal,
        words=words,
        phrases=phrases,
        phrase_starts=frozenset(phrase[0] for phrase in phrases),
        longest_phrase=max(map(len, phrases)),
        truncated=_truncated_prefixes(canonical),
        generic=frozenset(canonical | han_english | set(words)),
        markers=markers,
        marker_edges=frozenset(word for marker in markers if marker for word in (marker[0], marker[-1])),
        end_lengths=_lengths_by_word(legal.end, legal.end_last_tokens, -1, legal.longest),
        start_lengths=_lengths_by_word(legal.start, legal.start_first_tokens, 0, legal.longest),
    )


def _lengths_by_word(
    forms: dict[tuple[str, ...], str], words: frozenset[str], edge: int, longest: int
) -> dict[str, tuple[int, ...]]:
    """For each word that may stand at the ``edge`` (0 first, -1 last) of a form: the lengths of the forms with it
    there, longest first (the only lengths worth trying when a name has that word there)."""
    lengths: dict[str, set[int]] = {word: set() for word in words}
    for form in forms:
        if form and form[edge] in lengths and len(form) <= longest:
            lengths[form[edge]].add(len(form))
    return {word: tuple(sorted(found, reverse=True)) for word, found in lengths.items()}


def _add_pinyin_spellings(words: dict[str, tuple[str, ...]], phrases: dict[tuple[str, ...], tuple[str, ...]]):
    """Han terms written in pinyin, as one word or syllable by syllable ("xinnengyuan", "xin neng yuan",
    "XIN JIANG", "HE TIAN") -> the term's English, so a name an ERP holds in pinyin meets the Han and the English
    name. One-character terms and pinyin shared by several terms (陕西/山西 "shanxi") or by well-known brands
    are left alone; entries of the abbreviation and place tables win."""
    readings: dict[str, set[tuple[str, ...]]] = {}
    syllables: dict[str, tuple[str, ...]] = {}
    for han, term in han_terms()[0].items():
        if len(han) < 2 or term.kind in ("legal", "number"):
            continue
        spoken = tuple(anyascii(char).lower() for char in han)
        joined = "".join(spoken)
        readings.setdefault(joined, set()).add(tuple(term.english.split()))
        syllables[joined] = spoken
    english_words = {word for found in readings.values() for reading in found for word in reading}
    for joined, found in readings.items():
        if len(found) > 1 or joined in _PINYIN_BRANDS or (joined in english_words and (joined,) not in found):
            continue
        canonical = next(iter(found))
        if (joined,) != canonical:
            words.setdefault(joined, canonical)
        phrases.setdefault(syllables[joined], canonical)


def _truncated_prefixes(words: set[str]) -> dict[str, str]:
    """Prefixes (5+ letters) that belong to exactly one canonical business word: 'indust' -> 'industry'."""
    owners: dict[str, set[str]] = {}
    for word in words:
        for cut in range(_MIN_TRUNCATED_WORD, len(word)):
            owners.setdefault(word[:cut], set()).add(word)
    return {
        prefix: next(iter(found))
        for prefix, found in owners.items()
        if len(found) == 1 and prefix not in words
    }


def _strip_end(tokens: tuple[str, ...], tables: _Tables) -> tuple[tuple[str, ...], str | None]:
    lengths = tables.end_lengths.get(tokens[-1])
    if not lengths:
        return tokens, None
    end, most = tables.legal.end, len(tokens) - 1
    for length in lengths:  # longest first, as long as a word is left
        if length <= most:
            cls = end.get(tokens[-length:])
            if cls is not None:
                return tokens[:-length], cls
    return tokens, None


def _strip_start(tokens: tuple[str, ...], tables: _Tables) -> tuple[tuple[str, ...], str | None]:
    lengths = tables.start_lengths.get(tokens[0])
    if not lengths:
        return tokens, None
    start, most = tables.legal.start, len(tokens) - 1
    for length in lengths:  # longest first, as long as a word is left
        cls = start.get(tokens[:length]) if length <= most else None
        if cls is None:
            continue
        rest = tokens[length:]
        if (
            length == 1
            and tokens[0] in _AMBIGUOUS_START_FORMS
            and all(token in tables.generic or token.isdigit() for token in rest)
        ):
            return tokens, None  # "SIA Engineering": a short prefix before generic words is the name itself
        return rest, cls
    return tokens, None


def _strip_inside(tokens: tuple[str, ...], tables: _Tables) -> tuple[tuple[str, ...], str | None]:
    legal = tables.legal
    for position in range(1, len(tokens) - 1):
        if tokens[position] not in legal.anywhere_first_tokens:
            continue
        for length in range(min(legal.longest, len(tokens) - position), 1, -1):
            cls = legal.anywhere.get(tokens[position : position + length])
            if cls is not None:
                return tokens[:position] + tokens[position + length :], cls
    return tokens, None


_STRIPS = (_strip_end, _strip_start, _strip_inside)  # a whole form at an edge before a piece of one inside


def strip_legal_forms(
    tokens: tuple[str, ...], notes: list[str] | None = None
) -> tuple[tuple[str, ...], str | None]:
    """Remove legal forms until none is left (never the last token); the class of the form nearest the end.

    A legal-form word with one typo ("Limted", "Joint Sotck Company") is read as the word when, so read, it is
    removed as part of a form; a word that stays in the name keeps its own spelling ("Limiter Technologies")."""
    corrected = _legal_typos_corrected(tokens)
    if corrected == tokens:
        return _strip_legal_forms(tokens, notes)
    stripped, cls = _strip_legal_forms(corrected, notes)
    if notes is not None:
        notes.extend(
            f"'{typo}' read as '{word}' (a legal-form word with a typo)"
            for typo, word in zip(tokens, corrected, strict=True)
            if typo != word and word not in stripped
        )
    return _original_spelling(stripped, corrected, tokens), cls


# Words of at least this many letters may be legal-form words with one typo (shorter ones have too many
# neighbours: "co", "sa", "ltd" stay exact).
_LEGAL_TYPO_MIN_LENGTH = 5


def _legal_typos_corrected(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Each token that is not a legal-form word but one typo away from one, replaced by that word."""
    heads, tails = _legal_word_edges()
    return tuple(
        _legal_word_for(token)
        if len(token) >= _LEGAL_TYPO_MIN_LENGTH and (token[:2] in heads or token[-2:] in tails)
        else token
        for token in tokens
    )


@lru_cache(maxsize=1)
def _legal_word_edges() -> tuple[frozenset[str], frozenset[str]]:
    """First and last two letters of the curated legal-form words. One typo in a word of five letters or more
    leaves its first two or its last two letters as they were, so a token sharing neither is no legal word with
    a typo: most tokens are ruled out by two set lookups."""
    words = curated_words(comparison_tokens, _LEGAL_TYPO_MIN_LENGTH)
    return frozenset(word[:2] for word in words), frozenset(word[-2:] for word in words)


@lru_cache(maxsize=65_536)
def _legal_word_for(token: str) -> str:
    typos = _legal_word_typos()
    if token in typos.get(token, ()):  # a legal-form word itself
        return token
    near = set()
    for variant in (token, *_one_letter_less(token)):
        near.update(word for word in typos.get(variant, ()) if _one_typo_apart(token, word))
    if not near:
        return token
    # Several forms one typo away ("limitwd": limited, limitad) are usually one form in two languages; the
    # longest shared beginning, then the alphabet, picks one the same way every time.
    return min(near, key=lambda word: (-len(os.path.commonprefix([token, word])), word))


def _one_letter_less(word: str) -> list[str]:
    return [word[:at] + word[at + 1 :] for at in range(len(word))]


def _one_typo_apart(first: str, second: str) -> bool:
    """A letter changed, added or dropped, or two neighbouring letters swapped."""
    from rapidfuzz.distance import OSA

    return OSA.distance(first, second, score_cutoff=1) <= 1


@lru_cache(maxsize=1)
def _legal_word_typos() -> dict[str, frozenset[str]]:
    """Each word of the curated legal forms of _LEGAL_TYPO_MIN_LENGTH letters or more, as it is and without each
    one of its letters, -> the words it comes from (two words one typo apart always share one of these). Only
    the curated forms: the registry forms hold thousands of words, and a distinctive word one typo from one of
    them ("Auktsion") must not be taken for a legal form."""
    found: dict[str, set[str]] = {}
    for word in curated_words(comparison_tokens, _LEGAL_TYPO_MIN_LENGTH):
        for variant in (word, *_one_letter_less(word)):
            found.setdefault(variant, set()).add(word)
    return {variant: frozenset(owners) for variant, owners in found.items()}


def _original_spelling(
    stripped: tuple[str, ...], corrected: tuple[str, ...], original: tuple[str, ...]
) -> tuple[str, ...]:
    """``stripped`` (what is left of ``corrected`` after removals, in order) with the original spelling back."""
    kept, position = [], 0
    for token in stripped:
        while position < len(corrected) and corrected[position] != token:
            position += 1
        kept.append(original[position] if position < len(corrected) else token)
        position += 1
    return tuple(kept)


def _strip_legal_forms(
    tokens: tuple[str, ...], notes: list[str] | None = None
) -> tuple[tuple[str, ...], str | None]:
    tables = _tables()
    classes: list[str] = []
    while len(tokens) > 1:
        stripped, cls, note = _strip_once(tokens, tables, notes is not None)
        if stripped == tokens:
            break
        tokens = stripped
        if cls is not None:
            classes.append(cls)
        if notes is not None and note:
            notes.append(note)
    if not classes:
        return tokens, None
    specific = [cls for cls in classes if cls != "company"]
    return tokens, (specific[0] if specific else classes[0])


def _strip_once(
    tokens: tuple[str, ...], tables: _Tables, describe: bool = True
) -> tuple[tuple[str, ...], str | None, str]:
    """One removal, surest first: a leading "the" or trailing "and"; a legal form at the end, at the start or
    inside; an ERP status note ("DO NOT USE"); a lone last letter after two words or more ("... TRADING C",
    "... S" of "S.A."), which in list names is nearly always the rest of "S.A.", "C.V.", "K.K.". The note
    says what was removed (only written when ``describe``)."""
    if tokens[0] == "the" or tokens[-1] == "and":  # "The ...", "... & Co., Ltd." once "Co., Ltd." is gone
        return (tokens[1:] if tokens[0] == "the" else tokens[:-1]), None, ""
    for strip in _STRIPS:
        stripped, cls = strip(tokens, tables)
        if cls is not None:
            note = f"legal form '{_removed_span(tokens, stripped)}' ({cls}) left out" if describe else ""
            return stripped, cls, note
    if tokens[0] in tables.marker_edges or tokens[-1] in tables.marker_edges:
        unmarked = _without_markers(tokens, tables.markers)
        if unmarked != tokens:
            note = (
                f"'{_removed_span(tokens, unmarked)}' left out (a note, not part of the name)"
                if describe
                else ""
            )
            return unmarked, None, note
    if len(tokens) > 2 and len(tokens[-1]) == 1 and tokens[-1].isalpha():
        note = f"last letter '{tokens[-1]}' left out (the rest of a legal form cut short)" if describe else ""
        return tokens[:-1], None, note
    return tokens, None, ""


def canonical_words(tokens: tuple[str, ...], notes: list[str] | None = None) -> tuple[str, ...]:
    """Business abbreviations, plurals and place variants -> one spelling; a truncated last word completed."""
    tables = _tables()
    if notes is None and tables.words.keys().isdisjoint(tokens):
        words = list(tokens)  # the common case: nothing to fold
    else:
        words = []
        for token in tokens:
            folded = tables.words.get(token, (token,))
            words.extend(folded)
            if notes is not None and folded != (token,):
                notes.append(f"'{token}' read as '{' '.join(folded)}'")
    if len(words) > 1 and words[-1] in tables.truncated:
        if notes is not None:
            notes.append(f"'{words[-1]}' read as '{tables.truncated[words[-1]]}' (cut short)")
        words[-1] = tables.truncated[words[-1]]
    if any(map(str.isdigit, words)):
        bare = _bare_numbers(words)
        if notes is not None and bare != words:
            notes.append("numbers compared without 'No.', '#' or ordinal endings")
        words = bare
    if len(words) > 1 and not tables.phrase_starts.isdisjoint(words[:-1]):
        joined = _join_phrases(words, tables)
        if notes is not None and list(joined) != words:
            notes.append(f"'{' '.join(words)}' read as '{' '.join(joined)}'")
        return joined
    return tuple(words)


def _without_markers(tokens: tuple[str, ...], markers: frozenset[tuple[str, ...]]) -> tuple[str, ...]:
    for length in (3, 2, 1):
        if len(tokens) > length and tokens[-length:] in markers:
            return tokens[:-length]
        if len(tokens) > length and tokens[:length] in markers:
            return tokens[length:]
    return tokens


def _removed_span(before: tuple[str, ...], after: tuple[str, ...]) -> str:
    """The words taken out of ``before`` to give ``after`` (one contiguous span)."""
    start = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), len(after))
    return " ".join(before[start : start + len(before) - len(after)])


def _bare_numbers(words: list[str]) -> list[str]:
    """A number without its markers: 'no 1', 'nr 1', '#1', '1st' -> '1' (the number itself stays)."""
    bare: list[str] = []
    for position, word in enumerate(words):
        after_number = position > 0 and words[position - 1].isdigit()
        before_number = position + 1 < len(words) and words[position + 1].isdigit()
        if (before_number and word in _NUMBER_MARKERS) or (after_number and word in _ORDINAL_SUFFIXES):
            continue
        bare.append(word)
    return bare or words


def _join_phrases(words: list[str], tables: _Tables) -> tuple[str, ...]:
    """Several-word spellings of one term -> its canonical spelling, longest first: 'bio technology' ->
    'biotechnology', 'xin neng yuan' -> 'new energy'."""
    joined: list[str] = []
    position = 0
    while position < len(words):
        for length in range(min(tables.longest_phrase, len(words) - position), 1, -1):
            canonical = tables.phrases.get(tuple(words[position : position + length]))
            if canonical is not None:
                joined.extend(canonical)
                position += length
                break
        else:
            joined.append(words[position])
            position += 1
    return tuple(joined)


# A word split in two ("COM PANY", "LIA BILITY", "TECHN OLOGY": a space typed inside it) is joined again when
# together the pieces make a business or legal-form word of at least this many letters, the first piece has three
# letters or more (it may be an abbreviation of the word) and the second is no word of that vocabulary.
_REJOINED_MIN_LENGTH = 6


@lru_cache(maxsize=1)
def _joinable_words() -> frozenset[str]:
    tables = _tables()
    vocabulary = tables.generic | set(tables.words) | curated_words(comparison_tokens, _LEGAL_TYPO_MIN_LENGTH)
    return frozenset(word for word in vocabulary if len(word) >= _REJOINED_MIN_LENGTH and word.isalpha())


@lru_cache(maxsize=1)
def _joinable_heads() -> frozenset[str]:
    """Every beginning (three letters or more, short of the whole) of a joinable word: a split word's first piece."""
    return frozenset(word[:cut] for word in _joinable_words() for cut in range(3, len(word) - 1))


def _rejoined(tokens: tuple[str, ...], notes: list[str] | None) -> tuple[str, ...]:
    """Neighbouring pieces of one split business or legal-form word joined ("com pany" -> "company")."""
    if len(tokens) < 2 or _joinable_heads().isdisjoint(tokens[:-1]):
        return tokens  # the common case: no word begins one that could be split
    joinable, known = _joinable_words(), _tables().generic
    joined: list[str] = []
    position = 0
    while position < len(tokens):
        pair = tokens[position : position + 2]
        word = "".join(pair)
        if (
            len(pair) == 2
            and word in joinable
            and len(pair[0]) >= 3  # "In Vest" is two words
            and len(pair[1]) >= 2  # "Steel S A" ends in a legal form, not in "steels"
            and pair[1] not in joinable
            and pair[1] not in known
            and word.isalpha()
        ):
            joined.append(word)
            if notes is not None:
                notes.append(f"'{' '.join(pair)}' read as '{word}' (one word split in two)")
            position += 2
        else:
            joined.append(tokens[position])
            position += 1
    return tuple(joined)


def key_tokens(tokens: tuple[str, ...], notes: list[str] | None = None) -> tuple[tuple[str, ...], str | None]:
    """Key tokens and legal-form class from surface tokens (steps 2-4 of the module docstring); ``notes``, when
    given, collects what was done in words.

    The steps run until the tokens stop changing, so that a key normalises to itself: folding a word can
    expose a legal form ("Enterprises Ltd" -> "enterprise", itself a form in some tables).
    """
    legal_form = None
    for _ in range(_MAX_PASSES):
        # Rejoined on every pass: stripping a form can bring two pieces together ('you 有限公司 xian').
        tokens = _rejoined(tokens, notes)
        stripped, found = strip_legal_forms(_connect(_join_initials(tokens)), notes)
        folded = canonical_words(stripped, notes)
        legal_form = legal_form or found
        if folded == tokens:
            break
        tokens = folded
        if (
            notes is None
            and folded == stripped
            and _connect(_join_initials(folded)) == folded
            and _rejoined(folded, None) == folded
        ):
            # Nothing was folded and nothing is left to join: the next pass would strip from what stripping
            # already left (no more forms) and fold nothing, so it would change nothing.
            break
    return tokens, legal_form


@lru_cache(maxsize=65_536)
def normalize_name(text: str) -> NormalizedName:
    """All comparable forms of one company name; never raises on a str, '' gives an empty key.

    Only the first 2,000 characters count: no company name is longer, and a pasted document in a name cell
    must not stall the run (``original`` keeps the whole text)."""
    return _normalize(text, None)


def describe_normalisation(text: str) -> list[str]:
    """What the normaliser did to a name, in words, for a match explanation: "written in han script, compared
    through its transliteration ...", "legal form 'co lt' (limited) left out", "'intl' read as 'international'"."""
    notes: list[str] = []
    _normalize(text, notes)
    return list(dict.fromkeys(notes))


def _normalize(text: str, notes: list[str] | None) -> NormalizedName:
    latin, key, tokens, legal_form, script = _normalized_parts(text, notes)
    return NormalizedName(
        original=text, latin=latin, key=key, tokens=tokens, legal_form=legal_form, script=script
    )


def _normalized_parts(
    text: str, notes: list[str] | None
) -> tuple[str, str, tuple[str, ...], str | None, str]:
    """(latin, key, tokens, legal_form, script) of a name: NormalizedName's fields without the object."""
    spoken, english = to_ascii(text[:_MAX_NAME_CHARS])
    latin_tokens = surface_tokens(spoken)
    script = dominant_script(text)
    if notes is not None and script not in ("latin", "none"):
        notes.append(f"written in {script} script, compared through '{' '.join(latin_tokens)}'")
        notes.extend(f"{han} = {meaning}" for han, meaning in translated_han_terms(text))
    head, bracket = (
        split_trailing_bracket(english) if english.endswith((")", ").", "),")) else (english, None)
    )
    if notes is not None and bracket is None and head != english:
        notes.append(f"'{english[len(head) :].strip()}' left out (a country or the name's initials)")
    if head == spoken:
        tokens, legal_form = key_tokens(latin_tokens, notes)
    else:
        tokens, legal_form = key_tokens(surface_tokens(head), notes)
    if bracket is not None:  # the form before the bracket is gone; the bracket's words follow the name
        tokens, form_in_bracket = key_tokens(tokens + surface_tokens(bracket), notes)
        legal_form = legal_form or form_in_bracket
    return " ".join(latin_tokens), " ".join(tokens), tokens, legal_form, script


_NAME_SCHEMA = {
    "name_latin": pl.String,
    "name_key": pl.String,
    "name_tokens": pl.List(pl.String),
    "legal_form": pl.String,
    "script": pl.String,
}


def normalize_names(names: pl.Series) -> pl.DataFrame:
    """One row per input name (same order): name_latin, name_key, name_tokens, legal_form, script.

    Each distinct name is normalised once; a null name gives nulls.
    """
    distinct = names.cast(pl.String).unique().drop_nulls().to_list()
    look_up_han_words(distinct)  # jieba's words inside all the Han names at once, not name by name
    # Each once: no need to fill normalize_name's cache.
    results = [_normalized_parts(name, None) for name in distinct]
    latin, key, _, legal_form, script = zip(*results, strict=True) if results else ((),) * 5
    table = pl.DataFrame(
        {
            "_name": distinct,
            "name_latin": list(latin),
            "name_key": list(key),
            "legal_form": list(legal_form),
            "script": list(script),
        },
        schema={"_name": pl.String}
        | {name: dtype for name, dtype in _NAME_SCHEMA.items() if name != "name_tokens"},
    ).with_columns(  # splitting in polars is much faster than building a list column from Python lists
        name_tokens=pl.col("name_key").str.split(" ").list.filter(pl.element() != "")
    )
    frame = pl.DataFrame({"_name": names.cast(pl.String)})
    joined = frame.join(table, on="_name", how="left", maintain_order="left")
    return joined.select(list(_NAME_SCHEMA))


def token_frequencies(keys: Iterable[str]) -> dict[str, int]:
    """Number of keys each token appears in (document frequency), to down-weight generic words."""
    counts: Counter[str] = Counter()
    for key in keys:
        if key:
            counts.update(set(key.split()))
    return dict(counts)
