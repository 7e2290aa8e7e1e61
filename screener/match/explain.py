"""Plain-language explanations of a match, built from the pair's features and the two names.

One sentence per match, e.g. "matches alias 'Xinjiang Great New Energy Co., Ltd.' of 'Xinjiang GCL New Energy
Material Technology Co., Ltd.' after legal-form, abbreviation, case and punctuation normalisation; country agrees
(CN)". Only rows that are reported are explained, so this runs per row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet

import polars as pl

from screener.match.features import TokenWeights, aligned_word_pairs, place_words, qualifier_fillers
from screener.normalize.pinyin import other_pinyin_name
from screener.normalize.places import branch_words

# A shared word at least this distinctive (see TokenWeights) is named in the explanation.
DISTINCTIVE_WEIGHT = 0.35


def explain_matches(
    matches: pl.DataFrame, weights: TokenWeights, common: Callable[[set[str]], set[str]] | None = None
) -> list[str]:
    """An explanation for each match row (needs the pair columns and the ``f_`` feature columns).

    ``common``: which of a set of words the common-word check (screener.match.generic) holds common; such
    words are never called distinctive, whatever their list-side weight."""
    rows = matches.select([c for c in EXPLAINED_COLUMNS if c in matches.columns])
    lookup = _known_weights(rows, weights)
    held_common: set[str] = set()
    if common is not None and "q_tokens" in rows.columns and rows.height:
        held_common = common(set(rows["q_tokens"].explode().drop_nulls().to_list()))
    explained = rows.to_dicts()
    asked = sorted({pair for row in explained for pair in _slip_candidates(row, held_common)})
    found = aligned_word_pairs([a for a, _ in asked], [b for _, b in asked]).tolist()
    aligned = dict(zip(asked, found, strict=True))
    return [explain_row(row, lookup, weights.unseen, held_common, aligned) for row in explained]


def _known_weights(rows: pl.DataFrame, weights: TokenWeights) -> dict[str, float]:
    """The list-side weights of the supplier words of these rows (the only words an explanation can name as
    shared); words no list name uses are left out, so they weigh ``unseen``."""
    if "q_tokens" not in rows.columns or rows.height == 0:
        return {}
    tokens = rows["q_tokens"].explode().drop_nulls().unique()
    known = pl.DataFrame({"token": tokens, "weight": weights.known_weights(tokens)}).drop_nulls("weight")
    return dict(zip(known["token"].to_list(), known["weight"].to_list(), strict=True))


# The columns explain_row reads (only these are turned into Python values); add any column it starts to use.
EXPLAINED_COLUMNS = (
    "matched_name",
    "entity_name",
    "is_alias",
    "supplier_name",
    "q_key",
    "e_key",
    "q_tokens",
    "e_tokens",
    "q_legal",
    "e_legal",
    "q_script",
    "q_country",
    "e_country",
    "f_acronym_match",
    "f_token_sort_ratio",
    "f_prefix_ratio",
    "f_name_ratio",
    "f_legal_form_agreement",
    "f_number_mismatch",
    "f_non_latin_supplier",
)


def explain_row(
    row: dict,
    weights: dict[str, float],
    unseen: float = 1.0,
    common: AbstractSet[str] = frozenset(),
    aligned: Mapping[tuple[str, str], bool] | None = None,
) -> str:
    """The sentence for one match: which name it matched, how the names compare, what agrees and what not.
    ``common``: words the common-word check holds common (never named distinctive); ``aligned``: word pairs
    already looked up by aligned_word_pairs (the rest are looked up here)."""
    parts = [_matched_what(row) + " " + _how_names_compare(row, weights, unseen, common, aligned or {})]
    parts += [
        text
        for text in (_qualifiers(row), _legal_form(row), _numbers(row), _script(row), _country(row))
        if text
    ]
    return "; ".join(parts)


def _qualifiers(row: dict) -> str:
    """The place and branch qualifiers of one name only, as that name writes them, which the comparison set
    aside ("branch 'Nicosia Branch' and place 'St. Petersburg' set aside")."""
    supplier, listed = set(row.get("q_tokens") or ()), set(row.get("e_tokens") or ())
    if supplier == listed:
        return ""
    phrases = _qualifier_phrases(row.get("supplier_name") or "", supplier - listed)
    phrases += _qualifier_phrases(row.get("matched_name") or "", listed - supplier)
    return _set_aside_phrases(phrases)


# A word of a name as written: letters and digits, with the dots and apostrophes inside or after it.
_WRITTEN_WORD = re.compile(r"[^\W_][\w.'’]*")


def _set_aside_phrases(phrases: list[tuple[str, bool]]) -> str:
    """ "branch 'Nicosia Branch' and place 'St. Petersburg' set aside" from (text, is_branch) phrases; "" for none."""
    branch = [text for text, is_branch in dict.fromkeys(phrases) if is_branch]
    place = [text for text, is_branch in dict.fromkeys(phrases) if not is_branch]
    said = [
        f"{kind} {', '.join(repr(text) for text in texts)}"
        for kind, texts in (("branch", branch), ("place", place))
        if texts
    ]
    return f"{' and '.join(said)} set aside" if said else ""


def set_aside_text(name: str, words: AbstractSet[str]) -> str:
    """ "branch 'Nicosia Branch' and place 'St. Petersburg' set aside": the runs of ``name``'s words (as written)
    that are among ``words`` (normalised), each called a branch when it holds a branch word; "" when none."""
    phrases = _qualifier_phrases(name, set(words), qualifiers=words)
    return _set_aside_phrases(phrases)


def _qualifier_phrases(
    name: str, own_words: set[str], qualifiers: AbstractSet[str] | None = None
) -> list[tuple[str, bool]]:
    """Runs of the name's words (as written) that are places or branch words (or ``qualifiers``) found in this
    name only, with the short words joining them ("St. Petersburg", "Sucursal en Lima", "Filial v Kazan"); each
    with whether it names a branch."""
    places, branches, fillers = qualifiers or place_words(), branch_words(), qualifier_fillers()
    runs: list[list[tuple[int, int, str, bool]]] = [[]]
    for found in _WRITTEN_WORD.finditer(name):
        folded = _plain(found.group()).replace(" ", "")
        qualifier = folded in own_words and folded in places
        joiner = (len(folded) <= 2 or folded in fillers) and folded not in _LEGAL_JOINERS
        if qualifier or joiner:
            runs[-1].append((found.start(), found.end(), folded, qualifier))
        else:
            runs.append([])
    phrases = []
    for run in runs:
        while run and not run[-1][3]:
            run.pop()  # joining words after the last qualifier word are not part of it
        while run and not run[0][3] and not (len(run) > 1 and run[1][3] and run[0][2] in _PLACE_PREFIXES):
            run.pop(0)  # nor those before the first, but for a place's own prefix (St. Petersburg)
        if run:
            text = name[run[0][0] : run[-1][1]]
            phrases.append((text, any(word[2] in branches for word in run)))
    return phrases


# Abbreviations that begin a place name: St. Petersburg, Ste. Foy, S. Paulo.
_PLACE_PREFIXES = frozenset({"st", "ste", "s", "sv"})
# Legal-form words that may stand before a branch phrase ("X Limited, Nicosia Branch"): part of the name.
_LEGAL_JOINERS = frozenset(
    "limited ltd llc inc incorporated company corp corporation gmbh jsc ojsc pjsc plc".split()
)


def _matched_what(row: dict) -> str:
    name = row.get("matched_name") or ""
    entity = row.get("entity_name")
    if row.get("is_alias") and entity and entity != name:
        return f"matches alias '{name}' of '{entity}'"
    return f"matches listed name '{name}'"


def _how_names_compare(
    row: dict,
    weights: dict[str, float],
    unseen: float,
    common: AbstractSet[str],
    aligned: Mapping[tuple[str, str], bool],
) -> str:
    q_key, e_key = row.get("q_key") or "", row.get("e_key") or ""
    if (row.get("supplier_name") or "").strip() == (row.get("matched_name") or "").strip():
        return "(the same name)"
    if _plain(row.get("supplier_name")) == _plain(row.get("matched_name")):
        return "(the same name up to case and punctuation)"
    if q_key == e_key:
        return "after legal-form, abbreviation, case and punctuation normalisation"
    if row.get("f_acronym_match", 0) >= 1:
        return "(one name is the initials of the other)"
    if row.get("f_token_sort_ratio", 0) >= 0.999:
        return "(same words in a different order)"
    if len(q_key) < len(e_key) and row.get("f_prefix_ratio", 0) >= 0.95:
        return "(the supplier name looks cut short)"
    similarity = f"names {row.get('f_name_ratio', 0):.0%} alike after normalisation"
    shared = set(row.get("q_tokens") or ()) & set(row.get("e_tokens") or ())
    weighty = sorted(t for t in shared if weights.get(t, unseen) >= DISTINCTIVE_WEIGHT)
    distinctive = [t for t in weighty if t not in common]
    if distinctive:
        return f"({similarity}; shared distinctive words: {_quoted(distinctive)})"
    slips = _typing_slips(row, common, aligned)
    if (
        weighty
    ):  # distinctive in the lists, common in company names at large (the common-word check's verdict)
        return f"({similarity}; the shared words are common in company names: {_quoted(weighty)}{slips})"
    return f"({similarity}{slips})"


def _slip_candidates(row: dict, common: AbstractSet[str]) -> list[tuple[str, str]]:
    """(supplier word, list word) pairs _typing_slips asks about: the supplier's own distinctive words of 4+
    letters against the list name's words the supplier lacks."""
    supplier, listed = set(row.get("q_tokens") or ()), set(row.get("e_tokens") or ())
    own = sorted(w for w in supplier - listed if w not in common and len(w) > 3)
    return [(a, b) for a in own for b in dict.fromkeys(row.get("e_tokens") or ()) if b not in supplier]


def _typing_slips(row: dict, common: AbstractSet[str], aligned: Mapping[tuple[str, str], bool]) -> str:
    """ "; 'lbietty' read as the list's 'liberty' (misspelt or cut short)", "'fozfor' read as the list's 'foz for'
    (written together)": the supplier's own words that the common-word check (and the pair features) take for
    list words misspelt, cut short or joined; "" for none."""
    candidates = _slip_candidates(row, common)
    others = list(dict.fromkeys(b for _, b in candidates))
    own = list(dict.fromkeys(a for a, _ in candidates))
    joined = {
        a: parts for a in own if len(parts := [b for b in others if b in a]) > 1 and "".join(parts) == a
    }
    pairs = [(a, b) for a, b in candidates if a not in joined]
    missing = [pair for pair in pairs if pair not in aligned]
    if missing:
        found = aligned_word_pairs([a for a, _ in missing], [b for _, b in missing]).tolist()
        aligned = {**aligned, **dict(zip(missing, found, strict=True))}
    misspelt = [
        f"'{a}' read as the list's '{b}'"
        for a, b in pairs
        if aligned[(a, b)]
        and not other_pinyin_name(a, b)  # two pinyin names (Yashen / Yasheng) are two names
    ]
    said = [f"'{a}' read as the list's '{' '.join(parts)}' (written together)" for a, parts in joined.items()]
    if misspelt:
        said.append(f"{', '.join(misspelt[:2])} (misspelt or cut short)")
    return "".join(f"; {text}" for text in said)


def _quoted(words: list[str]) -> str:
    return ", ".join(f"'{t}'" for t in words[:4])


def _plain(text: str | None) -> str:
    """Casefolded words: every run of characters that are not letters or digits becomes one space."""
    return " ".join(_NOT_ALNUM.sub(" ", (text or "").casefold()).split())


# Characters that are not str.isalnum() (\W is "not a word character"; the underscore is a word character).
_NOT_ALNUM = re.compile(r"[\W_]+")


def _legal_form(row: dict) -> str:
    if row.get("f_legal_form_agreement", 0) < 0:
        return f"legal forms differ ({row.get('q_legal')} vs {row.get('e_legal')})"
    return ""


def _numbers(row: dict) -> str:
    return "numbers in the names differ" if row.get("f_number_mismatch", 0) > 0 else ""


def _script(row: dict) -> str:
    if row.get("f_non_latin_supplier", 0) > 0:
        return f"supplier name compared through its Latin transliteration ({row.get('q_script')} script)"
    return ""


def _country(row: dict) -> str:
    supplier, listed = row.get("q_country"), row.get("e_country")
    if supplier and listed:
        return (
            f"country agrees ({listed})"
            if supplier == listed
            else f"country differs (supplier {supplier}, list {listed})"
        )
    if listed:
        return f"supplier country unknown (list: {listed})"
    if supplier:
        return "the list entry gives no country"
    return "no country on either side"
