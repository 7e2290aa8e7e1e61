"""Hits that rest only on common words are kept out of the match band (or dropped), with the reason.

The classifier learnt word weights from the risk lists alone, so a word rare in the lists but common in company
names at large ("Handels", "Deutschland", "Pacific", "Steel", a family name such as "Boyle") looks distinctive
to it. After scoring, each pair at or above the review threshold is checked against three backgrounds of
common words: the list-side weights (words many list names use), shipped tables of generic business words
(``generic_company_words.csv``) and of common family and given names (``common_personal_names.csv``) with every
place word, and the screened file itself (a word many of the user's own suppliers use is not distinctive). Then:

* the names share no distinctive word (exactly or misspelt) and the countries differ: dropped;
* they share no distinctive word and each has a distinctive word of its own ("Jinan Haihang Technology" /
  "Jinan Haifang Trading"): dropped;
* they share no distinctive word and one of them has a distinctive word the other lacks, or each has a common
  word that names it, not a business word ("YM HAVACILIK" / "REY HAVACILIK ..."): held at review;
* the names are equal but one common word (a letter's name: "Eta Oy" / ETA) that neither a country on both
  sides nor a legal form on both confirms: held at review;
* one brand, two industries ("Xuanda Electronics" / "Xuanda Food"; an alias naming none is judged with its
  entity's name: "Mingsheng Optoelectronics" / MINGSHENG PM of "... PHARMACEUTICAL MACHINERY"), or a one-word
  list name found beside another distinctive word ("Aviaservis Plyus" / AVIASERVIS) or, in another country,
  beside any other word ("Daniel Lin PLC" in the US / DANIEL in Iran): held at review;
* a distinctive word of the list name stands in the supplier's name with 3 letters or more in a row changed
  ("Editora Hulsparencia" / EDITORA TRANSPARENCIA: a syllable replaced, as in sister companies' names, which no
  typing slip makes): held at review;
* another country, and the supplier's name begins with a city of its own ("Jiangmen Yusong Shipping" in China /
  YUSONG SHIPPING CO in North Korea) or names its own country ("Cubanacan U.K." in GB / CUBANACAN in Cuba), or
  both names carry numbers and they differ (BICENTENARIO II / BICENTENARIO XII): held at review.

A word shared misspelt is shared: the pair features' word alignment (a typing slip, the first letter kept, or a
word cut short: LBIETTY / LIBERTY), words written together, or one slip, but never two pinyin names of other
syllables (Yashen / Yasheng) nor a short word with another first letter (Knit / Unit).

Names equal after normalisation, in the same or an unknown country, are never held (the whole name is the
evidence), unless that name is one common word confirmed by neither country nor legal form.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import polars as pl
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from screener import schema as s
from screener.match.features import TokenWeights, aligned_word_pairs, place_words
from screener.match.native import WITH_QUALIFIERS
from screener.normalize.common_words import business_words, industry_words, table_words
from screener.normalize.countries import country_code
from screener.normalize.legal_forms import curated_words
from screener.normalize.names import comparison_tokens, normalize_names
from screener.normalize.pinyin import other_pinyin_name, pinyin_syllables
from screener.normalize.places import branch_words, cities, city_words
from screener.normalize.scripts import read_reference_rows

# A word whose list-side weight (TokenWeights: 1 = no other list name uses it) is below this is common.
COMMON_LIST_WEIGHT = 0.6
# A word used by at least this many distinct supplier names of the screened file, and this share of them, is
# common among the user's own suppliers.
BACKGROUND_MIN_NAMES = 10
BACKGROUND_MIN_SHARE = 0.0001
# Words this short (initials, "DM", "3M") are never distinctive by themselves.
SHORT_WORD = 2
# An unshared distinctive word this similar to one of the other name (or one slip away) counts as shared,
# misspelt, unless the two are different pinyin names (Yasheng / Fasheng).
SAME_WORD_MISSPELT = 0.8
# Two unshared words at least this similar may be one word misspelt: neither counts as a word of its own
# (two different pinyin names count so only when one letter in five or less differs: Huafang / Haifang).
MAYBE_MISSPELT = 0.6
# A word of at most this many letters with only its first letter changed is another word (Knit / Unit), not a slip.
SHORT_OTHER_WORD = 5

# A part of a distinctive word changed over this many letters in a row is another word (Transparencia /
# Hulsparencia: a syllable replaced), not a typing slip, which changes one or two letters.
REPLACED_LETTERS = 3

# Two words with the same first letter, of at least these many letters (the shorter, the longer), two slips apart
# (OSA: a letter dropped, added or changed, two neighbours swapped) are one word misspelt twice.
TWO_SLIPS_SHORTER = 5
TWO_SLIPS_LONGER = 6

DROPPED, HELD = "dropped", "held"


@dataclass(frozen=True)
class Background:
    """How many distinct supplier names of the screened file use each word (lower-case words as written)."""

    counts: dict[str, int]
    names: int

    def is_common(self, word: str) -> bool:
        if self.names == 0:
            return False
        floor = max(BACKGROUND_MIN_NAMES, BACKGROUND_MIN_SHARE * self.names)
        used = max(self.counts.get(word, 0), self.counts.get(word + "s", 0), self.counts.get(word + "es", 0))
        return used >= floor


def supplier_background(names: pl.Series) -> Background:
    """Word counts over the distinct supplier names (cheap: lower-cased words split on anything not a letter or
    digit, without the full normaliser; plurals are looked up as such by Background.is_common)."""
    distinct = names.cast(pl.String).drop_nulls().unique()
    words = (
        distinct.str.to_lowercase()
        .str.replace_all(r"[^\p{L}\p{N}]+", " ")
        .str.split(" ")
        .list.unique()
        .explode()
        .drop_nulls()
    )
    counts = words.filter(words != "").value_counts()
    return Background(dict(zip(counts[counts.columns[0]], counts["count"], strict=True)), distinct.len())


@lru_cache(maxsize=1)
def legal_form_words() -> frozenset[str]:
    """Words of the curated legal forms (limited, pjsc, fzco, incorporated...), less single pinyin syllables (Han,
    Xian: names as often). The normaliser takes a legal form out only at an edge of a name, so one followed by a
    place or a branch stays in ("Lora Enterprises Limited, Road Town", "Omsk PJSC Alrosa"): it is a business
    word there, never a word that names the supplier."""
    return curated_words(comparison_tokens, 2) - pinyin_syllables()


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """The shipped generic business words (normalised as names are), the common personal names and every place
    word."""
    people = frozenset(row["name"] for row in read_reference_rows("common_personal_names.csv"))
    return frozenset().union(*table_words().values()) | people | place_words()


class _Common:
    """Whether a word is common, from the three backgrounds, and whether it is a business word (a word of the
    generic table or one many list names use, as opposed to a name or a place); each word decided once."""

    def __init__(self, weights: TokenWeights, background: Background) -> None:
        self.weights, self.background, self.generic = weights, background, generic_words()
        self.business_words = business_words() | legal_form_words()
        self.known: dict[str, tuple[bool, bool]] = {}
        self.typing_slips: dict[tuple[str, str], bool] = {}

    def prepare(self, words: set[str]) -> None:
        todo = sorted(w for w in words if w not in self.known)
        if not todo:
            return
        weight = self.weights.known_weights(pl.Series(todo, dtype=pl.String)).to_list()
        for word, w in zip(todo, weight, strict=True):
            business = word in self.business_words or (w is not None and w < COMMON_LIST_WEIGHT)
            common = (
                business
                or len(word) <= SHORT_WORD
                or word.isdigit()
                or word in self.generic
                or self.background.is_common(word)
            )
            self.known[word] = (common, business)

    def __call__(self, word: str) -> bool:
        return self.known[word][0]

    def business(self, word: str) -> bool:
        return self.known[word][1]

    def prepare_slips(self, word_pairs: set[tuple[str, str]]) -> None:
        """Decide at once, for many (supplier word, list word) pairs, which the pair features align as one word
        (screener.match.features.aligned_word_pairs: a typing slip, the first letter kept, or a word cut short)."""
        todo = sorted(p for p in word_pairs if p not in self.typing_slips)
        if todo:
            aligned = aligned_word_pairs([a for a, _ in todo], [b for _, b in todo])
            self.typing_slips.update(zip(todo, aligned.tolist(), strict=True))

    def typing_slip(self, supplier_word: str, list_word: str) -> bool:
        pair = (supplier_word, list_word)
        if pair not in self.typing_slips:
            self.prepare_slips({pair})
        return self.typing_slips[pair]


@dataclass(frozen=True)
class Verdict:
    """What the common-word check decided for one pair: nothing (None), held at review or dropped, and why."""

    action: str | None
    reason: str = ""


def judge_pair(row: dict, common: _Common) -> Verdict:
    """The verdict for one pair (row: q_key, e_key, q_tokens, e_tokens, q/e_country, q/e_legal)."""
    q_words, e_words = set(row["q_tokens"] or ()), set(row["e_tokens"] or ())
    last = set((row["q_tokens"] or ())[-1:])
    conflict = bool(row["q_country"] and row["e_country"] and row["q_country"] != row["e_country"])
    if row["q_key"] == row["e_key"] and not conflict:
        return _one_common_word_unconfirmed(row, e_words, common)
    shared = q_words & e_words
    q_only, e_only = q_words - shared, e_words - shared
    # A word split in two or joined on the other side (Tian Hong / Tianhong) is shared.
    shared |= _joined(q_only, e_only) | _joined(e_only, q_only)
    q_only, e_only = q_only - shared, e_only - shared
    similarity = {(a, b): fuzz.ratio(a, b) / 100.0 for a in q_only for b in e_only}
    near = {(a, b) for (a, b), value in similarity.items() if _misspelt(a, b, value, common)}
    # A misspelt business word (Trrading, Ivnestments) is that word; a word near a name or a place (Baoye /
    # Boyle) is not.
    misspelt_common = {w for a, b in near if common.business(a) or common.business(b) for w in (a, b)}
    shared |= misspelt_common
    q_only, e_only = q_only - misspelt_common, e_only - misspelt_common
    near = {(a, b) for a, b in near if a not in misspelt_common}
    distinctive = {w for w in shared if not common(w)} | {
        b for a, b in near if not common(a) and not common(b)
    }
    if distinctive:
        return (
            _other_place(q_only, e_only, near)
            or _other_industry(q_only, e_only, near, distinctive, _entity_only(row, q_words))
            or _one_word_beside_another(q_words, e_words, q_only, e_only, near, common)
            or _placed_elsewhere(row, q_words - e_words, conflict)
            or _other_numbers(row)
            or _replaced_word(q_only, e_only, near, similarity, common)
            or _conflicting_registration(row, q_only - {a for a, _ in near}, conflict)
        )
    # Distinctive words that may be misspellings of each other (a real place or generic word is no misspelling).
    maybe = {
        (a, b)
        for (a, b), value in similarity.items()
        if value >= MAYBE_MISSPELT
        and not common(a)
        and not common(b)
        and (_one_slip(a, b) or b.startswith(a) or not other_pinyin_name(a, b))  # a cut word: Huafa / Huafang
    }
    q_own = sorted(a for a in q_only if not common(a) and not any(a == x for x, _ in maybe))
    # The list name's initials ("C AND I SEMICONDUCTOR") are its own words too, short as they are.
    initials = {b for b in e_only if _initial(b)}
    spelt = "".join(b for b in row["e_tokens"] or () if b in initials)
    if any(spelt in a for a in q_only):  # written together by the supplier ('CB IS BANK' / 'CBIS BANK')
        initials = set()
    e_own = sorted(
        b
        for b in e_only
        if (not common(b) or (len(initials) > 1 and b in initials)) and not any(b == y for _, y in maybe)
    )
    words = ", ".join(f"'{w}'" for w in sorted(shared)) or "no word"
    same_legal_form = not (row["q_legal"] and row["e_legal"] and row["q_legal"] != row["e_legal"])
    if conflict and row["q_key"] == row["e_key"] and same_legal_form:
        # The listed name itself, legal form and all, under another country: an ERP's country is often a billing
        # address, so a reviewer decides. Names merely alike (3M Deutschland GmbH / VTB BANK DEUTSCHLAND AG) or
        # of another country's legal form (Boyle Chemicals PLC, US / BOYLE CHEMICAL CO., LTD., CN) are dropped.
        return Verdict(
            HELD, f"the names are the same but made only of common words ({words}), and the countries differ"
        )
    if conflict:
        return Verdict(DROPPED, f"the names share only common words ({words}) and the countries differ")
    if len(e_words) == 1 and shared == e_words and _more_than_the_list_name(e_words, q_only, last, common):
        return Verdict(
            DROPPED,
            f"the one-word list name {words} is a common word, found beside other words of the supplier's",
        )
    if e_own and (q_own or all(common(w) for w in q_words)):
        return Verdict(
            DROPPED,
            f"the names share only common words ({words}); the list name's own word '{e_own[0]}' is "
            "not in the supplier name" + (f", which has its own ('{q_own[0]}')" if q_own else ""),
        )
    differing = sorted(w for w in (q_only | e_only) if not common(w))
    if differing:
        return Verdict(
            HELD, f"the names share only common words ({words}); '{differing[0]}' is not in the other name"
        )
    return _other_name_words(row, q_only, e_only, near | maybe, common, words)


def _other_name_words(
    row: dict,
    q_only: set[str],
    e_only: set[str],
    paired: set[tuple[str, str]],
    common: _Common,
    words: str,
) -> Verdict:
    """Held when only common words are shared and each name has a common word of its own that names it, not a
    business word or a place ("YM HAVACILIK AS" / "REY HAVACILIK ITHALAT ..."; 'rey' a family name, 'ym'
    initials): only business words are left to tell two companies apart. A word misspelt on the other side is
    not its own."""
    q_named = sorted(w for w in q_only - {a for a, _ in paired} if _own_name_word(w, common))
    e_named = sorted(
        w
        for w in e_only - {b for _, b in paired}
        if len(w) > SHORT_WORD and not w.isdigit() and _own_name_word(w, common)
    )
    if q_named and e_named:
        return Verdict(
            HELD,
            f"the names share only common words ({words}); the list name's '{e_named[0]}' is not in the "
            f"supplier name, which has its own ('{q_named[0]}')",
        )
    return Verdict(None)


def _one_common_word_unconfirmed(row: dict, e_words: set[str], common: _Common) -> Verdict:
    """Held when the names are equal but the list name is one common word (a letter's name, a given name, a
    business word: ETA, GAMMA) and no country confirms it ("Eta Oy" in Finland / the alias ETA, which gives no
    country): many companies carry such a word, so the word alone does not name the listed one."""
    (word,) = e_words if len(e_words) == 1 else ("",)
    if not word or word.isdigit() or not common(word) or (row["q_country"] and row["e_country"]):
        return Verdict(None)
    if row["q_legal"] and row["q_legal"] == row["e_legal"]:
        return Verdict(None)  # the same legal form on both sides ("Denise Company" / DENISE COMPANY)
    missing = "the list entry gives none" if not row["e_country"] else "the supplier's is not known"
    return Verdict(
        HELD,
        f"the list name is one common word ('{word}') and neither a country ({missing}) nor a legal form "
        "confirms it",
    )


# Words that join a name's parts and identify nothing by themselves.
_JOINING_WORDS = frozenset({"and", "of", "the", "de", "for"})


def _initial(word: str) -> bool:
    """A one- or two-letter word of a name ("C", "I" of "C AND I"): with another, initials that name it."""
    return len(word) <= SHORT_WORD and word.isalpha() and word not in _JOINING_WORDS


def _more_than_the_list_name(e_words: set[str], q_only: set[str], last: set[str], common: _Common) -> bool:
    """For a one-word list name that is a common word: the supplier name has a word naming the supplier itself
    (not its last word, which an ERP field may have cut short of a business word) or, when the list name is a
    place (XINGHUA), any word but a place (Xinghua Plastic Products: a company of that town)."""
    if any(_own_name_word(w, common) for w in q_only - last):
        return True
    return e_words <= place_words() and any(w not in place_words() for w in q_only)


def _own_name_word(word: str, common: _Common) -> bool:
    """A word that names the supplier itself (a family name, a brand): neither a place nor a business word."""
    return word not in place_words() and not common.business(word)


def _one_slip(first: str, second: str) -> bool:
    """One letter changed, added, dropped or two neighbours swapped (Yashen / Yasheng): a typo may do that."""
    return OSA.distance(first, second, score_cutoff=1) <= 1


def _joined(words: set[str], others: set[str]) -> set[str]:
    """The words of 4+ letters that another word contains (Tianhong holds Tian and Hong), with the words that
    are the rest of it (Hong); both sides' words are taken as shared. One pinyin name inside another of other
    syllables (Yashen / Yasheng) is another name, not the same one written together."""
    found = set()
    for other in others:
        parts = {w for w in words if len(w) >= 2 and w in other}
        if len(parts) == 1 and other_pinyin_name(next(iter(parts)), other):
            continue
        if any(len(w) >= 4 for w in parts) and sum(len(w) for w in parts) >= len(other) - 1:
            found |= parts | {other}
    return found


def _misspelt(first: str, second: str, similarity: float, common: _Common) -> bool:
    """One word misspelt: at least SAME_WORD_MISSPELT alike, one letter changed, added, dropped or swapped in a
    word of 4+ letters (Daqo / Dago; not the first letter of a short word: Knit / Unit), two such slips in a word
    of 6+ letters with its first letter kept (Golssen / Golden), or aligned by the pair
    features as a typing slip or a cut (LBIETTY / LIBERTY: two letters swapped and one mistyped); never two
    different pinyin names (Yasheng / Fasheng)."""
    # Another first letter of a short word makes another word as often as not (Knit / Unit, Bank / Tank).
    other_short_word = first[0] != second[0] and len(first) == len(second) <= SHORT_OTHER_WORD
    one_slip = (
        min(len(first), len(second)) >= 4
        and not other_short_word
        and OSA.distance(first, second, score_cutoff=1) <= 1
    )
    # Two slips in a longer word, the first letter kept (Golssen / Golden, Kjrtis / Khartis): two different pinyin
    # names of that shape (Hongfeng / Hongsheng) are ruled out below.
    two_slips = (
        min(len(first), len(second)) >= TWO_SLIPS_SHORTER
        and max(len(first), len(second)) >= TWO_SLIPS_LONGER
        and first[0] == second[0]
        and OSA.distance(first, second, score_cutoff=2) <= 2
    )
    alike = similarity >= SAME_WORD_MISSPELT or one_slip or two_slips or common.typing_slip(first, second)
    return alike and not other_pinyin_name(first, second)


def _other_place(q_only: set[str], e_only: set[str], near: set[tuple[str, str]]) -> Verdict | None:
    """Held when each name has a place the other lacks (Moscow Bearing Plant / Kazan Bearing Plant, Hami Gold Mine
    / Karamay Gold Mine): usually two plants or subsidiaries, not one company."""
    places = place_words()
    paired = {w for pair in near for w in pair}
    q_places = sorted(w for w in q_only - paired if w in places)
    e_places = sorted(w for w in e_only - paired if w in places)
    if q_places and e_places:
        return Verdict(HELD, f"the names name other places ('{q_places[0]}' / '{e_places[0]}')")
    return None


def _other_industry(
    q_only: set[str],
    e_only: set[str],
    near: set[tuple[str, str]],
    distinctive: set[str],
    entity_only: set[str] = frozenset(),
) -> Verdict | None:
    """Held when each name names an industry the other lacks ("Xuanda Electronics" / "Xuanda Food"): one brand,
    usually two sister companies. An alias that names no industry (MINGSHENG PM) is judged with the words of its
    entity's own name (JINHU MINSHENG PHARMACEUTICAL MACHINERY CO. LTD) the supplier lacks."""
    industries = industry_words()
    paired = {w for pair in near for w in pair}
    q_industry = sorted(w for w in q_only - paired if w in industries)
    e_industry = sorted(w for w in e_only - paired if w in industries)
    of_entity = ""
    if q_industry and not e_industry:
        e_industry = sorted(w for w in entity_only if w in industries)
        of_entity = " of the listed entity's name"
    if q_industry and e_industry:
        brand = ", ".join(f"'{w}'" for w in sorted(distinctive))
        return Verdict(
            HELD,
            f"the names share {brand} but name other industries ('{q_industry[0]}' / '{e_industry[0]}'"
            f"{of_entity})",
        )
    return None


def _replaced_word(
    q_only: set[str],
    e_only: set[str],
    near: set[tuple[str, str]],
    similarity: dict[tuple[str, str], float],
    common: _Common,
) -> Verdict | None:
    """Held when a distinctive word of the list name stands in the supplier name as a word alike but with a
    part of 3 letters or more in a row changed, which no typing slip makes ("Editora Hulsparencia" / EDITORA
    TRANSPARENCIA, "Yuancheng Gongchuapra" / YUANCHENG GONGCHUANG): a sister company or another name sharing
    the rest. Slips and cuts (the pairs already taken as one word misspelt) and places are not asked about."""
    paired = {w for pair in near for w in pair}
    for (a, b), value in sorted(similarity.items()):
        if value < MAYBE_MISSPELT or a in paired or b in paired or min(len(a), len(b)) < 4:
            continue
        if common(a) or common(b) or a in place_words() or b in place_words():
            continue
        if _longest_changed_run(a, b) >= REPLACED_LETTERS:
            return Verdict(
                HELD, f"the supplier's '{a}' is not the list's '{b}' ({_changed_part(a, b)} differs)"
            )
    return None


def _changed_runs(first: str, second: str) -> list[tuple[str, str]]:
    """The parts of two words that differ, each a run of edits with no letter kept in between (Levenshtein)."""
    runs, a, b = [], "", ""
    for op in Levenshtein.opcodes(first, second):
        if op.tag == "equal":
            if a or b:
                runs.append((a, b))
            a = b = ""
            continue
        a += first[op.src_start : op.src_end]
        b += second[op.dest_start : op.dest_end]
    return runs + ([(a, b)] if a or b else [])


def _longest_changed_run(first: str, second: str) -> int:
    """How many letters in a row differ at most, on the longer side of each changed run."""
    return max((max(len(a), len(b)) for a, b in _changed_runs(first, second)), default=0)


def _changed_part(first: str, second: str) -> str:
    """The longest changed run said as "'hul' for 'tran'"."""
    a, b = max(_changed_runs(first, second), key=lambda run: max(len(run[0]), len(run[1])))
    return f"'{a}' for '{b}'" if a and b else f"'{a or b}'"


def _entity_only(row: dict, q_words: set[str]) -> set[str]:
    """The words of the listed entity's own name that the supplier name lacks, when the pair matched an alias."""
    return set(row.get("entity_tokens") or ()) - q_words


def _one_word_beside_another(
    q_words: set[str],
    e_words: set[str],
    q_only: set[str],
    e_only: set[str],
    near: set[tuple[str, str]],
    common: _Common,
) -> Verdict | None:
    """Held when the list name is one word and the supplier name has another distinctive word beside it
    ("Aviaservis Plyus" / "Aviaservis"), or the supplier name is one word and the list name has other words than
    places beside it ("Camel" / "Camel Group"): a name that merely contains the other."""
    paired = {a for a, _ in near}
    others = sorted(w for w in q_only - paired if len(w) >= 4 and not common(w))
    if len(e_words) == 1 and others:
        return Verdict(
            HELD, f"the one-word list name is found beside another distinctive word ('{others[0]}')"
        )
    # A legal form left inside the list name ("LLC COMPANY TEKHNOPOL") names no other company.
    listed_only = sorted(
        w for w in e_only - {b for _, b in near} if w not in place_words() and w not in legal_form_words()
    )
    if len(q_words) == 1 and listed_only:
        return Verdict(HELD, f"the one-word supplier name is found beside other words ('{listed_only[0]}')")
    return None


def _placed_elsewhere(row: dict, q_unshared: set[str], conflict: bool) -> Verdict | None:
    """Held when the countries differ and the supplier's name begins with a city of the supplier's own country
    that is no city of the listed entity's ("Jiangmen Yusong Shipping" in China / YUSONG SHIPPING CO in North
    Korea), or names the supplier's own country ("Cubanacan U.K. Limited" in GB / CUBANACAN in Cuba): name and
    country field both place the supplier elsewhere (a national company of its own, or one of the same name). A
    city after the name ("X, Moscow") or a branch or office named ("Ninestar Liaison Office Dubai") is the
    listed company's site abroad, so it is left to the model."""
    if not conflict or q_unshared & branch_words():
        return None
    countries = city_countries()
    supplier, listed = row["q_country"], row["e_country"]
    first = (row["q_tokens"] or ("",))[0]  # a city after the name is a site or branch ("X, Moscow")
    placed = sorted(
        w
        for w in q_unshared & {first}
        if supplier in countries.get(w, ()) and listed not in countries.get(w, ())
    )
    placed += sorted(w for w in q_unshared if w not in countries and _country_word(w) == supplier)
    if placed:
        return Verdict(
            HELD,
            f"the supplier's name places it in its own country ({supplier}: '{placed[0]}'), "
            f"the list entry is in {listed}",
        )
    return None


@lru_cache(maxsize=4096)
def _country_word(word: str) -> str | None:
    """The country a word of the supplier's name names (Deutschland, UK, Korea), None for any other word (two- and
    three-letter words only when they are place words: 'de', 'co', 'it' are words first)."""
    if word not in place_words() and len(word) < 4:
        return None
    return country_code(word)


# A Roman numeral of two letters or more (II, IV, XII), or I, V, X as a name's last word.
_ROMAN = re.compile(r"x{0,3}(ix|iv|v?i{0,3})")
_ROMAN_LETTERS = frozenset("ivx")


def _numbers(tokens: list[str]) -> list[str]:
    """The numbers of a name: words of digits and Roman numerals, sorted."""
    last = len(tokens) - 1
    return sorted(
        w
        for i, w in enumerate(tokens)
        if w.isdigit()
        or (w and set(w) <= _ROMAN_LETTERS and _ROMAN.fullmatch(w) and (len(w) >= 2 or (i == last and i > 0)))
    )


def _other_numbers(row: dict) -> Verdict | None:
    """Held when both names carry numbers and they differ (BICENTENARIO II / BICENTENARIO XII, Plant No. 1 /
    Plant No. 2): two vessels, plants or units of one owner, not one."""
    q_numbers, e_numbers = _numbers(list(row["q_tokens"] or ())), _numbers(list(row["e_tokens"] or ()))
    if q_numbers and e_numbers and q_numbers != e_numbers:
        return Verdict(
            HELD, f"the names carry other numbers ('{' '.join(q_numbers)}' / '{' '.join(e_numbers)}')"
        )
    return None


@lru_cache(maxsize=1)
def city_countries() -> dict[str, frozenset[str]]:
    """Each place word of the qualifier cities (screener.normalize.places) -> the countries that have a city
    of that word."""
    table = cities()
    tokens = normalize_names(table["name"])["name_tokens"].to_list()
    words, found = city_words(), {}
    for country, names in zip(table["country_code"].to_list(), tokens, strict=True):
        for word in names or ():
            if word in words:
                found.setdefault(word, set()).add(country)
    return {word: frozenset(codes) for word, codes in found.items()}


def _conflicting_registration(row: dict, q_unpaired: set[str], conflict: bool) -> Verdict:
    """A distinctive word is shared, but the countries differ and the list name is one word found beside other
    words of the supplier's ("Daniel Lin PLC" in the US / DANIEL in Iran)."""
    if conflict and len(row["e_tokens"] or ()) == 1 and any(w not in place_words() for w in q_unpaired):
        return Verdict(HELD, "the countries differ and the one-word list name is found beside other words")
    return Verdict(None)


def _unshared_word_pairs(row: dict) -> set[tuple[str, str]]:
    """(supplier word, list word) for the words of each name the other lacks (asked about by _misspelt)."""
    q_words, e_words = set(row["q_tokens"] or ()), set(row["e_tokens"] or ())
    return {(a, b) for a in q_words - e_words for b in e_words - q_words}


_JUDGED_COLUMNS = ("q_key", "e_key", "q_tokens", "e_tokens", "q_country", "e_country", "q_legal", "e_legal")


def hold_common_word_hits(
    scored: pl.DataFrame, weights: TokenWeights, background: Background, match_threshold: float
) -> pl.DataFrame:
    """``scored`` with each pair judge_pair holds capped just under match_threshold, each pair it drops removed,
    and ``_common_word_note`` saying why (null where nothing was done)."""
    if scored.height == 0:
        return scored.with_columns(pl.lit(None, dtype=pl.String).alias("_common_word_note"))
    common = _Common(weights, background)
    rows = scored.select(_JUDGED_COLUMNS).with_columns(_entity_tokens(scored))
    if WITH_QUALIFIERS in scored.columns:  # judged on the supplier's words before qualifiers were set aside
        before = scored[WITH_QUALIFIERS]
        rows = rows.with_columns(
            pl.when(before.is_not_null()).then(before).otherwise(pl.col("q_tokens")).alias("q_tokens"),
            pl.when(before.is_not_null())
            .then(before.list.join(" "))
            .otherwise(pl.col("q_key"))
            .alias("q_key"),
        )
    common.prepare({w for column in ("q_tokens", "e_tokens") for w in rows[column].explode().drop_nulls()})
    judged = rows.to_dicts()
    common.prepare_slips({pair for row in judged for pair in _unshared_word_pairs(row)})
    verdicts = [judge_pair(row, common) for row in judged]
    action = pl.Series("_action", [v.action for v in verdicts], dtype=pl.String)
    ceiling = match_threshold - 0.001
    held = (pl.col("_action") == HELD) & (pl.col(s.PROBABILITY) > ceiling)
    note = pl.Series("_reason", [v.reason for v in verdicts], dtype=pl.String)
    return (
        scored.with_columns(action, note)
        .filter(pl.col("_action").ne_missing(DROPPED))
        .with_columns(
            pl.when(held)
            .then(
                pl.format(
                    "; held at review: {} (model probability {})", "_reason", pl.col(s.PROBABILITY).round(3)
                )
            )
            .otherwise(None)
            .alias("_common_word_note"),
            pl.when(held).then(pl.lit(ceiling)).otherwise(pl.col(s.PROBABILITY)).alias(s.PROBABILITY),
        )
        .drop("_action", "_reason")
    )


def _entity_tokens(scored: pl.DataFrame) -> pl.Series:
    """The normalised words of each pair's entity name where the pair matched an alias (null otherwise): each
    distinct entity name normalised once."""
    alias = scored[s.IS_ALIAS].fill_null(False) if s.IS_ALIAS in scored.columns else None
    if alias is None or s.ENTITY_NAME not in scored.columns or not alias.any():
        return pl.Series("entity_tokens", [None] * scored.height, dtype=pl.List(pl.String))
    names = scored.filter(alias)[s.ENTITY_NAME].unique().drop_nulls()
    tokens = dict(zip(names.to_list(), normalize_names(names)["name_tokens"].to_list(), strict=True))
    return pl.Series(
        "entity_tokens",
        [
            tokens.get(n) if a else None
            for n, a in zip(scored[s.ENTITY_NAME].to_list(), alias.to_list(), strict=True)
        ],
        dtype=pl.List(pl.String),
    )


def common_word_check(weights: TokenWeights, background: Background) -> Callable[[set[str]], set[str]]:
    """A function giving which of a set of words the common-word check holds common (the explanation uses it,
    so it never calls a word distinctive that the check holds common)."""
    common = _Common(weights, background)

    def held_common(words: set[str]) -> set[str]:
        common.prepare(words)
        return {word for word in words if common(word)}

    return held_common
