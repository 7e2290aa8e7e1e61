"""Plain-language explanations of a match, built from the pair's features and the two names.

One sentence per match, e.g. "matches alias 'Xinjiang Great New Energy Co., Ltd.' of 'Xinjiang GCL New Energy
Material Technology Co., Ltd.' after legal-form, abbreviation, case and punctuation normalisation; country agrees
(CN)". Only rows that are reported are explained, so this runs per row.
"""

from __future__ import annotations

import re

import polars as pl

from screener.match.features import TokenWeights, place_words
from screener.normalize.places import branch_words

# A shared word at least this distinctive (see TokenWeights) is named in the explanation.
DISTINCTIVE_WEIGHT = 0.35


def explain_matches(matches: pl.DataFrame, weights: TokenWeights) -> list[str]:
    """An explanation for each match row (needs the pair columns and the ``f_`` feature columns)."""
    rows = matches.select([c for c in EXPLAINED_COLUMNS if c in matches.columns])
    lookup = _known_weights(rows, weights)
    return [explain_row(row, lookup, weights.unseen) for row in rows.iter_rows(named=True)]


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


def explain_row(row: dict, weights: dict[str, float], unseen: float = 1.0) -> str:
    """The sentence for one match: which name it matched, how the names compare, what agrees and what not."""
    parts = [_matched_what(row) + " " + _how_names_compare(row, weights, unseen)]
    parts += [
        text
        for text in (_qualifiers(row), _legal_form(row), _numbers(row), _script(row), _country(row))
        if text
    ]
    return "; ".join(parts)


def _qualifiers(row: dict) -> str:
    """The place and branch words of one name only, which the comparison set aside ("branch 'branch' and place
    'nicosia' set aside")."""
    supplier, listed = set(row.get("q_tokens") or ()), set(row.get("e_tokens") or ())
    if supplier == listed:
        return ""
    places, branches = place_words(), branch_words()
    only = [w for w in (row.get("q_tokens") or ()) if w not in listed] + [
        w for w in (row.get("e_tokens") or ()) if w not in supplier
    ]
    branch = [w for w in dict.fromkeys(only) if w in branches]
    place = [w for w in dict.fromkeys(only) if w in places and w not in branches]
    said = [
        f"{kind} {', '.join(repr(w) for w in words)}"
        for kind, words in (("branch", branch), ("place", place))
        if words
    ]
    return f"{' and '.join(said)} set aside" if said else ""


def _matched_what(row: dict) -> str:
    name = row.get("matched_name") or ""
    entity = row.get("entity_name")
    if row.get("is_alias") and entity and entity != name:
        return f"matches alias '{name}' of '{entity}'"
    return f"matches listed name '{name}'"


def _how_names_compare(row: dict, weights: dict[str, float], unseen: float) -> str:
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
    shared = _shared_words(row, weights, unseen)
    similarity = f"names {row.get('f_name_ratio', 0):.0%} alike after normalisation"
    return f"({similarity}; shared distinctive words: {shared})" if shared else f"({similarity})"


def _shared_words(row: dict, weights: dict[str, float], unseen: float) -> str:
    common = set(row.get("q_tokens") or ()) & set(row.get("e_tokens") or ())
    distinctive = sorted(t for t in common if weights.get(t, unseen) >= DISTINCTIVE_WEIGHT)
    return ", ".join(f"'{t}'" for t in distinctive[:4])


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
