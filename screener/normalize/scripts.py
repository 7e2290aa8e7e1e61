"""Writing systems of names: which script a name is written in, and its ASCII transliteration.

Every script goes to ASCII with anyascii (one small table per Unicode block). Han text gets more care, because
anyascii runs the pinyin syllables of a whole name together ("XinJiangDaQuan...") and reads each character alone
(重庆 "zhongqing"): a name is folded to Simplified characters (OpenCC), cut into the terms of
``han_business_terms.csv`` (fewest unknown characters, then fewest pieces) and the words between them (jieba's
dictionary; brands it does not know stay whole, or in pairs), and each word is read as a word by pypinyin
(重庆 "chongqing", 银行 "yinhang"). So the name keeps its words ("xinjiang daquan xinnengyuan ...") and common
business terms can also be translated ("new energy") to meet the English name a company registers beside its
Chinese one. jieba and pypinyin are loaded only when a name holds Han characters (~0.4 s, ~60 MB once): jieba's
dictionary is kept as a table in the cache folder, and only its words inside the names' Han runs are looked up.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import tempfile
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import polars as pl
from anyascii import anyascii

from screener.atomic import finish, new_temp
from screener.data import REFERENCE_DIR, reference_path
from screener.store import cache_dir

# Format characters (zero-width spaces and joiners, soft hyphen, BOM, bidi marks) carry no letters.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")
_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")

# Unicode blocks -> script name; first match wins. Latin covers Basic Latin to Latin Extended-B and IPA,
# Latin Extended Additional and the full-width forms left after NFKC.
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x024F, "latin"),
    (0x0250, 0x02AF, "latin"),
    (0x1E00, 0x1EFF, "latin"),
    (0x0370, 0x03FF, "greek"),
    (0x1F00, 0x1FFF, "greek"),
    (0x0400, 0x052F, "cyrillic"),
    (0x0530, 0x058F, "armenian"),
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x08A0, 0x08FF, "arabic"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
    (0x0900, 0x0DFF, "indic"),
    (0x0E00, 0x0E7F, "thai"),
    (0x10A0, 0x10FF, "georgian"),
    (0x1100, 0x11FF, "hangul"),
    (0x3130, 0x318F, "hangul"),
    (0xAC00, 0xD7AF, "hangul"),
    (0x3040, 0x30FF, "kana"),
    (0x31F0, 0x31FF, "kana"),
    (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"),
    (0xF900, 0xFAFF, "han"),
    (0x20000, 0x2FA1F, "han"),
)
_DOMINANT_SHARE = 0.8
_ASCII_LETTER = re.compile("[A-Za-z]")


def dominant_script(text: str) -> str:
    """Script of most letters: 'latin', 'han', 'cyrillic', 'arabic', 'japanese' (kana with or without Han),
    'mixed' when no script has 80% of the letters, 'none' when there are no letters."""
    if text.isascii():
        return "latin" if _ASCII_LETTER.search(text) else "none"
    counts = Counter(_script_of(char) for char in text if char.isalpha())
    if not counts:
        return "none"
    if "kana" in counts:  # Japanese mixes kana and kanji; both are Japanese here
        counts["japanese"] = counts.pop("kana") + counts.pop("han", 0)
    total = sum(counts.values())
    script, count = max(counts.items(), key=lambda item: item[1])
    return script if count >= _DOMINANT_SHARE * total else "mixed"


@lru_cache(maxsize=65_536)
def _script_of(char: str) -> str:
    codepoint = ord(char)
    if codepoint < 0x80:
        return "latin"
    for low, high, script in _SCRIPT_RANGES:
        if low <= codepoint <= high:
            return script
    return "other"


@dataclass(frozen=True)
class HanTerm:
    """One entry of the Han business-term table: its English rendering and its kind (legal/term/place/number)."""

    english: str
    kind: str


def read_reference_rows(name: str) -> Iterator[dict[str, str]]:
    """Rows of a commented reference CSV (lines starting with '#' are provenance notes, not data)."""
    with reference_path(name).open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.lstrip().startswith("#"))
        for row in csv.DictReader(lines):
            yield {key: (value or "").strip() for key, value in row.items()}


@lru_cache(maxsize=1)
def _opencc_t2s():
    """OpenCC's Traditional -> Simplified converter (its own phrase and character tables, Apache-2.0)."""
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=50_000)
def to_simplified(run: str) -> str:
    """A run of Han characters in Simplified characters (集團 -> 集团, 華孚紡織 -> 华孚纺织), by OpenCC."""
    return _opencc_t2s().convert(run)


def _full_segmenter():
    """jieba's segmenter with its whole dictionary (~350k words, MIT) loaded, quiet: it would log its start-up to
    stderr. About 0.8 s of CPU and 75 MB: only made when the dictionary table below is not in the cache."""
    import logging

    import jieba

    jieba.setLogLevel(logging.ERROR)
    segmenter = jieba.Tokenizer()
    segmenter.initialize()
    return segmenter


@dataclass(frozen=True)
class _Dictionary:
    """jieba's prefix dictionary as a table: each word and each beginning of one (count 0 for a beginning only),
    the total count its probabilities are taken against, and the length of its longest entry."""

    table: pl.DataFrame  # word, count
    total: int
    longest: int


# Where the dictionary table is kept (jieba's own version names it: the dictionary ships inside the package).
_DICTIONARY_FORMAT = 1
_DICTIONARY_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _dictionary() -> _Dictionary:
    """jieba's dictionary, read from the cache folder's table (a few hundredths of a second), or taken from jieba
    itself and kept there for the next process. jieba's own start reads the dictionary into a dict of 500k words
    (about 0.8 s of CPU and 75 MB); a run needs only the entries inside its names (_han_words)."""
    with _DICTIONARY_LOCK:
        path = cache_dir() / "han-segments" / f"jieba-{_jieba_version()}-{_DICTIONARY_FORMAT}.parquet"
        try:
            table = pl.read_parquet(path)
        except (OSError, pl.exceptions.PolarsError):
            table = None
        if table is None or table.columns != ["word", "count", "total"] or table.height == 0:
            table = _dictionary_table(_full_segmenter())
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                finish(new_temp(path), path, table.write_parquet)
            except OSError:
                pass  # only an optimisation: the next process takes it from jieba again
        return _Dictionary(
            table=table.select("word", "count"),
            total=int(table["total"][0]),
            longest=int(table["word"].str.len_chars().max()),
        )


def _dictionary_table(segmenter) -> pl.DataFrame:
    """(word, count, total) of a loaded jieba segmenter (total repeated: one file holds it all)."""
    return pl.DataFrame(
        {
            "word": list(segmenter.FREQ),
            "count": list(segmenter.FREQ.values()),
            "total": [segmenter.total] * len(segmenter.FREQ),
        },
        schema={"word": pl.String, "count": pl.Int64, "total": pl.Int64},
    )


def _jieba_version() -> str:
    try:
        return metadata.version("jieba")
    except metadata.PackageNotFoundError:
        return "-"


class _HanWords:
    """The entries of jieba's dictionary found inside the (Simplified) Han runs looked up so far, and those runs.

    jieba cutting a text looks up only pieces of it (each piece, and the pieces that continue it while they are
    entries), so a segmenter holding every entry inside a run cuts the run, and any piece of it, as jieba's own
    does: entries of other runs change nothing. The runs of many names are looked up in one join."""

    def __init__(self) -> None:
        self.words: dict[str, int] = {}
        self.runs: set[str] = set()
        self._lock = threading.Lock()

    def look_up(self, runs: Iterable[str]) -> None:
        new = sorted({run for run in runs if run not in self.runs})
        if not new:
            return
        dictionary = _dictionary()
        length = pl.col("run").str.len_chars()
        pieces = (
            pl.DataFrame({"run": new}, schema={"run": pl.String})
            .with_columns(pl.int_ranges(0, length).alias("start"))
            .explode("start")
            .with_columns(
                pl.int_ranges(1, pl.min_horizontal(length - pl.col("start"), dictionary.longest) + 1).alias(
                    "length"
                )
            )
            .explode("length")
        )
        found = (
            pieces.select(pl.col("run").str.slice(pl.col("start"), pl.col("length")).alias("word"))
            .unique()
            .join(dictionary.table, on="word", how="inner")
        )
        with self._lock:
            self.words.update(zip(found["word"].to_list(), found["count"].to_list(), strict=True))
            self.runs.update(new)


_HAN_WORDS = _HanWords()


def look_up_han_words(names: Iterable[str]) -> None:
    """Find the dictionary entries inside the Han runs of ``names`` at once (the normaliser does this for a whole
    column before it reads the names one by one); a run not looked up ahead is looked up when it is cut."""
    runs = {
        to_simplified(run.group())
        for name in names
        if not name.isascii()
        for run in _HAN_RUN.finditer(_INVISIBLE.sub("", unicodedata.normalize("NFKC", name)))
        if run.group() not in _remembered_segments()
    }
    _HAN_WORDS.look_up(runs)


def _segmenter():
    """A jieba segmenter for the runs looked up (_HAN_WORDS) and their pieces, without jieba's whole dictionary."""
    import jieba

    segmenter = jieba.Tokenizer()
    segmenter.FREQ = _HAN_WORDS.words
    segmenter.total = _dictionary().total
    segmenter.initialized = True
    return segmenter


@lru_cache(maxsize=1)
def han_terms() -> tuple[dict[str, HanTerm], int]:
    """The Han business-term table and the length of its longest term."""
    terms = {
        row["han"]: HanTerm(row["english"], row["kind"])
        for row in read_reference_rows("han_business_terms.csv")
    }
    return terms, max(len(term) for term in terms)


@lru_cache(maxsize=1)
def _term_lengths_by_last_char() -> dict[str, tuple[int, ...]]:
    """Lengths of the table's terms, by their last character: the segmenter tries only these."""
    lengths: dict[str, set[int]] = {}
    for term in han_terms()[0]:
        lengths.setdefault(term[-1], set()).add(len(term))
    return {char: tuple(sorted(found)) for char, found in lengths.items()}


@lru_cache(maxsize=50_000)
def _pinyin(chars: str) -> str:
    """Pinyin of a Han word as one lower-case word, read by pypinyin with its phrase readings (重庆 "chongqing",
    银行 "yinhang", 厦门 "xiamen", where reading each character alone gives "zhongqing", "yinxing", "shamen");
    ü written u, as company names write it."""
    from pypinyin import lazy_pinyin

    place = _place_readings().get(chars)
    if place is not None:
        return place
    return "".join(lazy_pinyin(chars, v_to_u=True)).replace("ü", "u").lower()


# Endings of Chinese place names in the gazetteer's Han names (朝阳市: the place is 朝阳).
_PLACE_ENDINGS = ("市", "县", "区", "州", "盟")
_MAX_READINGS = 64


@lru_cache(maxsize=1)
def _place_readings() -> dict[str, str]:
    """Chinese cities of the gazetteer (qualifier_cities.csv, GeoNames) whose name pypinyin reads with another
    reading of one of its characters: 朝阳 is "chaoyang" (the city, Beijing's district), not pypinyin's
    "zhaoyang" (morning sun). Only readings among the characters' own (heteronym) readings are taken, so an
    English exonym (Harbin, Urumqi) changes nothing."""
    from pypinyin import Style, lazy_pinyin, pinyin

    readings: dict[str, str] = {}
    for row in read_reference_rows("qualifier_cities.csv"):
        if row["country_code"] not in ("CN", "TW", "HK", "MO"):
            continue
        latin = "".join(ch for ch in row["name"].lower() if ch.isalpha())
        for native in (row.get("native_names") or "").split("|"):
            han = to_simplified(native)
            while han.endswith(_PLACE_ENDINGS) and len(han) > 2:
                han = han[:-1]
            if len(han) < 2 or not all(_HAN_RUN.fullmatch(ch) for ch in han):
                continue
            usual = "".join(lazy_pinyin(han, v_to_u=True)).replace("ü", "u")
            if usual == latin:
                continue
            combos = {""}
            for choices in pinyin(han, style=Style.NORMAL, heteronym=True):
                combos = {done + choice for done in combos for choice in choices}
                if len(combos) > _MAX_READINGS:
                    break
            if latin in combos:
                readings[han] = latin
    return readings


def _unknown_words(chars: str) -> list[str]:
    """Pinyin words for a run of Han characters not in the term table (a piece of a Simplified run looked up in
    jieba's dictionary: _HAN_WORDS.look_up).

    Brand names are usually two or three characters and are romanised as one word ("Huafang", "Zhongtai");
    longer runs are cut into words by jieba (天一|空间|研究院), characters it knows no word for kept together and a
    lone character joining the word before it (or after it).
    """
    if len(chars) <= 3:
        return [_pinyin(chars)]
    words: list[str] = []
    single = False  # the last word is a run of characters jieba knows no word for
    segmenter = _segmenter()
    for word in segmenter.lcut(chars, HMM=False):
        if len(word) == 1 and single:
            words[-1] += word
        else:
            words.append(word)
        single = len(word) == 1
    for at in range(len(words) - 1, -1, -1):
        if len(words[at]) == 1 and len(words) > 1:  # a lone character joins its neighbour
            neighbour = at - 1 if at > 0 else at + 1
            first, second = sorted((at, neighbour))
            words[first : second + 1] = [words[first] + words[second]]
    return [_pinyin(part) for word in words for part in _in_pairs(word, segmenter.FREQ)]


def _in_pairs(chars: str, known: dict[str, int]) -> list[str]:
    """Four or more characters jieba knows no word in (brand after brand: 华孚鸿盛) cut in pairs, the commonest
    length of a Chinese brand; the odd last character joins the last pair. ``known``: jieba's word counts (those
    inside the run ``chars`` comes from will do)."""
    if len(chars) <= 3 or known.get(chars):
        return [chars]
    cut = [chars[i : i + 2] for i in range(0, len(chars), 2)]
    if len(cut[-1]) == 1:
        cut[-2:] = [cut[-2] + cut[-1]]
    return cut


def _best_cut(run: str) -> list[str]:
    """Cut a Han run into table terms and unknown characters: fewest unknown characters, then fewest pieces
    (a run of unknown characters is one piece). Greedy longest-match would cut 紫金矿业 as 紫|金矿|业
    ("gold mine") where 紫金|矿业 (Zijin Mining) leaves as many characters unknown in fewer pieces."""
    terms, _ = han_terms()
    lengths_ending = _term_lengths_by_last_char()
    size = len(run)
    # best[i][k]: cost (unknown, pieces) and previous cut of run[:i], ending in a term (k=0) or unknown char (k=1)
    best: list[list[tuple[int, int, int, int] | None]] = [[None, None] for _ in range(size + 1)]
    best[0][0] = (0, 0, -1, 0)
    for end in range(1, size + 1):
        for ended_unknown in (0, 1):
            if best[end - 1][ended_unknown] is not None:  # run[end-1] as an unknown character
                unknown, pieces, _, _ = best[end - 1][ended_unknown]
                candidate = (unknown + 1, pieces + (0 if ended_unknown else 1), end - 1, ended_unknown)
                if best[end][1] is None or candidate[:2] < best[end][1][:2]:
                    best[end][1] = candidate
        for length in lengths_ending.get(run[end - 1], ()):
            if length > end or run[end - length : end] not in terms:
                continue
            for ended_unknown in (0, 1):
                previous = best[end - length][ended_unknown]
                if previous is not None:
                    candidate = (previous[0], previous[1] + 1, end - length, ended_unknown)
                    if best[end][0] is None or candidate[:2] < best[end][0][:2]:
                        best[end][0] = candidate
    return _walk_back(run, best)


def _walk_back(run: str, best: list[list[tuple[int, int, int, int] | None]]) -> list[str]:
    options = [(state[:2], kind) for kind, state in enumerate(best[len(run)]) if state is not None]
    kind = min(options)[1]
    end = len(run)
    pieces: list[tuple[str, int]] = []
    while end > 0:
        _, _, start, previous_kind = best[end][kind]
        pieces.append((run[start:end], kind))
        end, kind = start, previous_kind
    merged: list[str] = []
    unknown = ""
    for piece, piece_kind in reversed(pieces):
        if piece_kind:
            unknown += piece
            continue
        if unknown:
            merged.append(unknown)
            unknown = ""
        merged.append(piece)
    return [*merged, unknown] if unknown else merged


@lru_cache(maxsize=50_000)
def segment_han(run: str) -> tuple[tuple[str, str], ...]:
    """A run of Han characters as (pinyin, english) words; english is the translation of known terms and the
    pinyin itself for the rest (place names give their usual spelling in both). Traditional characters are
    read as their Simplified forms, so 集團 is the term 集团."""
    remembered = _remembered_segments().get(run)
    if remembered is not None:
        return remembered
    words = _segmented(run)
    if getattr(_REMEMBERING, "new", None) is not None:
        _REMEMBERING.new[run] = words
    return words


def _segmented(run: str) -> tuple[tuple[str, str], ...]:
    terms, _ = han_terms()
    words: list[tuple[str, str]] = []
    simplified = to_simplified(run)
    _HAN_WORDS.look_up((simplified,))  # the words jieba may cut its unknown pieces into
    for piece in _best_cut(simplified):
        term = terms.get(piece)
        if term is None:
            words.extend((word, word) for word in _unknown_words(piece))
        else:
            words.append((term.english if term.kind == "place" else _pinyin(piece), term.english))
    return tuple(words)


# segment_han's answers for the Han words of the shipped reference tables (legal forms such as 合名会社 and
# 有限责任事业组合, place names), and the Wade-Giles table made with pypinyin, are kept in the cache folder, so
# that a process that meets no Han name builds its tables without loading jieba, pypinyin and OpenCC (~1 s of CPU
# and ~140 MB). The file's name is a fingerprint of the normaliser's code, the reference tables and the three
# libraries' versions: any change to them gives another file.
_REMEMBERING = threading.local()
_SEGMENTS_FORMAT = 1


@contextmanager
def remembering_segments() -> Iterator[None]:
    """Keep the Han runs this thread segments until the end of the block (a reference table being built) in the
    cache folder's file of segments; reading or writing it never fails a run (it is only an optimisation)."""
    outer = getattr(_REMEMBERING, "new", None)
    _REMEMBERING.new = {} if outer is None else outer
    try:
        yield
    finally:
        if outer is None:
            new, _REMEMBERING.new = _REMEMBERING.new, None
            if new:
                _write_remembered(runs={**_remembered_segments(), **new}, tables=_remembered_tables())


@lru_cache(maxsize=1)
def _remembered() -> dict:
    """The file's content ({"format", "runs", "tables"}), empty when it is missing, unreadable or of another
    format."""
    try:
        data = json.loads(_segments_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("format") == _SEGMENTS_FORMAT else {}


def remembered_table(name: str) -> dict[str, list[str]] | None:
    """A table of Han readings kept with the segments (see remember_table), None when there is none."""
    table = (
        _remembered().get("tables", {}).get(name) if isinstance(_remembered().get("tables"), dict) else None
    )
    if not isinstance(table, dict) or not all(
        isinstance(values, list) and all(isinstance(value, str) for value in values)
        for values in table.values()
    ):
        return None
    return table


def remember_table(name: str, table: dict[str, list[str]]) -> None:
    """Keep a table made with pypinyin (Wade-Giles syllables) beside the segments, so a later process need not
    import pypinyin to make it again."""
    _write_remembered(runs=_remembered_segments(), tables={**_remembered_tables(), name: table})


def _remembered_tables() -> dict:
    tables = _remembered().get("tables")
    return tables if isinstance(tables, dict) else {}


@lru_cache(maxsize=1)
def _remembered_segments() -> dict[str, tuple[tuple[str, str], ...]]:
    """The remembered segments, or none when the file is missing, unreadable or not in the expected shape."""
    runs = _remembered().get("runs")
    if not isinstance(runs, dict):
        return {}
    remembered: dict[str, tuple[tuple[str, str], ...]] = {}
    for run, words in runs.items():
        if not (isinstance(words, list) and all(_is_word(word) for word in words)):
            return {}
        remembered[run] = tuple((word[0], word[1]) for word in words)
    return remembered


def _is_word(word: object) -> bool:
    return isinstance(word, list) and len(word) == 2 and all(isinstance(part, str) for part in word)


def _write_remembered(runs: dict[str, tuple[tuple[str, str], ...]], tables: dict) -> None:
    """Write the file whole under a temporary name and rename it into place (a reader sees all of it or none)."""
    path = _segments_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"format": _SEGMENTS_FORMAT, "runs": runs, "tables": tables}, out, ensure_ascii=False)
        os.replace(temp, path)
    except OSError:
        return
    _remembered.cache_clear()
    _remembered_segments.cache_clear()


def _segments_path() -> Path:
    return cache_dir() / "han-segments" / f"{_segments_fingerprint()}.json"


@lru_cache(maxsize=1)
def _segments_fingerprint() -> str:
    digest = hashlib.sha256()
    for module in sorted(Path(__file__).parent.glob("*.py")):  # the normaliser's code, romanise.py among it
        digest.update(module.read_bytes())
    for table in sorted(REFERENCE_DIR.glob("*.csv")):
        digest.update(table.read_bytes())
    for library in ("jieba", "pypinyin", "opencc"):
        try:
            digest.update(f"{library} {metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} -".encode())
    return digest.hexdigest()[:24]


def translated_han_terms(text: str) -> list[tuple[str, str]]:
    """The Han business terms of a name with their English ("新能源", "new energy"); places, legal forms and
    unknown words left out."""
    terms, _ = han_terms()
    found: list[tuple[str, str]] = []
    for run in _HAN_RUN.finditer(unicodedata.normalize("NFKC", text)):
        for piece in _best_cut(to_simplified(run.group())):
            term = terms.get(piece)
            if term is not None and term.kind in ("term", "number"):
                found.append((piece, term.english))
    return found


def to_ascii(text: str) -> tuple[str, str]:
    """(transliteration, translation) of a name in ASCII, not yet case-folded or tokenised.

    The two differ only for Han text: the transliteration keeps pinyin words, the translation puts known business
    terms and legal forms in English. Text is NFKC-normalised first (full-width forms, ligatures) and stripped
    of invisible format characters.
    """
    if text.isascii():
        return text, text
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    if not _HAN_RUN.search(text):
        latin = anyascii(text)
        return latin, latin
    spoken: list[str] = []
    english: list[str] = []
    last = 0
    for match in _HAN_RUN.finditer(text):
        between = anyascii(text[last : match.start()])
        spoken.append(between)
        english.append(between)
        words = segment_han(match.group())
        spoken.append(" " + " ".join(word for word, _ in words) + " ")
        english.append(" " + " ".join(word for _, word in words) + " ")
        last = match.end()
    tail = anyascii(text[last:])
    spoken.append(tail)
    english.append(tail)
    return "".join(spoken), "".join(english)
