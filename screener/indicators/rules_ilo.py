"""The ILO indicators of forced labour, found in audit results and findings.

The ILO names eleven indicators (ILO, "ILO Indicators of Forced Labour", 2012): abuse of vulnerability, deception,
restriction of movement, isolation, physical and sexual violence, intimidation and threats, retention of identity
documents, withholding of wages, debt bondage, abusive working and living conditions, excessive overtime. One
indicator can point to forced labour; several together strongly do. Each is a rule, fired by the phrases of
``ilo_indicator_phrases.csv`` (English, Spanish, French, German, Portuguese, Chinese; a few Malay and Vietnamese) and the rules file's
extra phrases, in the columns of ``[ilo] columns``. A negated finding ("no evidence of debt bondage",
"未发现扣押护照") does not fire. Up to two words may stand between the words of a phrase ("passports of migrant workers retained").
The reason names the indicator and quotes the words found.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

import polars as pl

from screener.data import reference_path
from screener.indicators.base import ILO, ILO_INDICATORS, RuleInfo, Weights
from screener.indicators.context import Context, hits_per_distinct
from screener.indicators.kinds import RuleIds, RuleKind, register
from screener.indicators.settings import partial_weights, weights
from screener.indicators.validate import ListOf, MapOf, Setting, Text, table
from screener.indicators.values import parse_bool
from screener.normalize.phrases import PhraseIndex
from screener.schema import field_words

LEXICON_FILE = "ilo_indicator_phrases.csv"
SOURCE = "ILO Indicators of Forced Labour (2012)"


def _ilo_key_problem(key: str, _value: object) -> str | None:
    if key in ILO_INDICATORS:
        return None
    close = difflib.get_close_matches(key, list(ILO_INDICATORS), n=1)
    return "unknown ILO indicator" + (
        f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(ILO_INDICATORS)}"
    )


SETTINGS = (
    Setting(
        "ilo",
        table(
            Setting("columns", ListOf(Text()), "supplier columns read for findings"),
            Setting("default", weights(), "weights of any indicator not given in `indicators`"),
            Setting(
                "indicators",
                MapOf(partial_weights(), key_check=_ilo_key_problem, key_label="ILO indicator"),
                "per-indicator changes to `default` (only the keys you give change)",
            ),
            Setting(
                "extra_phrases",
                MapOf(ListOf(Text()), key_check=_ilo_key_problem, key_label="ILO indicator"),
                'your own phrases per indicator, e.g. { debt_bondage = ["loan from the broker"] }',
            ),
            Setting(
                "flag_columns",
                MapOf(ListOf(Text()), key_check=_ilo_key_problem, key_label="ILO indicator"),
                "yes/no audit columns per indicator (names as in your file): a yes fires the indicator",
            ),
        ),
        "ILO indicators of forced labour (ILO 2012, 11 indicators: "
        f"{', '.join(ILO_INDICATORS)}), found in audit text through the shipped phrase lexicon; negated findings "
        "don't count.",
    ),
)


def indicator_rule(rules, indicator: str) -> RuleInfo:
    config = rules.section("ilo")
    weights = {**config["default"], **config["indicators"].get(indicator, {})}
    name = ILO_INDICATORS[indicator]
    return RuleInfo(
        f"ilo.{indicator}",
        ILO,
        f"ILO forced-labour indicator '{name}'",
        f"The supplier's audit results or findings report {name.lower()}, one of the eleven {SOURCE}.",
        Weights.from_config(weights),
    )


def describe(rules, lists=None) -> list[RuleInfo]:
    return [indicator_rule(rules, indicator) for indicator in ILO_INDICATORS]


@lru_cache(maxsize=8)
def lexicon(extra: tuple[tuple[str, str], ...] = ()) -> PhraseIndex:
    """Phrase -> indicator id, from the shipped lexicon plus (phrase, indicator) pairs of the rules file."""
    table = pl.read_csv(reference_path(LEXICON_FILE), infer_schema=False)
    entries = [(phrase, indicator) for indicator, phrase in table.select("indicator", "phrase").iter_rows()]
    return PhraseIndex([*entries, *extra], max_gap=2)


# Keeping copies of identity documents is lawful and common ("passport copies kept on file"): a retention phrase
# next to one of these words is not the indicator.
_COPY_WORDS = re.compile(
    r"(?i)\b(copy|copies|photocop\w*|scan\w*|copia\w*|copie\w*|kopie\w*)\b|复印|副本|扫描"
)
RETENTION = "retention_of_identity_documents"


def find_indicators(text: str | None, extra: tuple[tuple[str, str], ...] = ()) -> dict[str, list[str]]:
    """Indicator id -> the quoted words that report it in ``text`` (negated findings left out)."""
    found: dict[str, list[str]] = {}
    for hit in lexicon(extra).find(text, skip_negated=True):
        around = text[max(0, hit.start - 20) : hit.end + 20]
        for indicator in hit.values:
            if indicator == RETENTION and _COPY_WORDS.search(around):
                continue
            quotes = found.setdefault(indicator, [])
            if hit.quote not in quotes:
                quotes.append(hit.quote)
    return found


def evaluate(ctx: Context) -> pl.DataFrame:
    config = ctx.rules.section("ilo")
    extra = tuple((p, ind) for ind, phrases in config["extra_phrases"].items() for p in phrases)
    columns = list(config["columns"])
    rules = {indicator: indicator_rule(ctx.rules, indicator) for indicator in ILO_INDICATORS}
    cache: dict[str, dict[str, list[str]]] = {}
    flag_columns = {ind: list(cols) for ind, cols in config["flag_columns"].items()}
    flag_names = list(dict.fromkeys(c for cols in flag_columns.values() for c in cols))

    def findings(values: tuple) -> list[tuple]:  # once per distinct combination of the columns' texts
        by_indicator: dict[str, list[tuple[str, str | None]]] = {}
        for column, value in zip(columns, values, strict=False):
            if not value:
                continue
            if value not in cache:
                cache[value] = find_indicators(value, extra)
            for indicator, quotes in cache[value].items():
                by_indicator.setdefault(indicator, []).extend((column, q) for q in quotes)
        flags = dict(zip(flag_names, values[len(columns) :], strict=True))
        by_indicator = _flags(flags, flag_columns, by_indicator)
        found = []
        for indicator, quoted in by_indicator.items():
            said = [f"{field_words(column)}: {quote!r}" for column, quote in quoted if quote][:3]
            flagged = [f"column {column!r} is yes" for column, quote in quoted if not quote]
            found.append((rules[indicator], "; ".join(said + flagged), f"{SOURCE}; {LEXICON_FILE}"))
        return found

    return hits_per_distinct(ctx, [*columns, *flag_names], findings)


def _flags(values: dict, flag_columns: dict, found: dict) -> dict:
    """Add the indicators whose yes/no audit columns say yes (quote None marks a column flag)."""
    for indicator, columns in flag_columns.items():
        for column in columns:
            if parse_bool(values[column]):
                found.setdefault(indicator, []).append((column, None))
    return found


KIND = register(
    RuleKind(
        name="ilo",
        order=50,
        settings=SETTINGS,
        describe=describe,
        evaluate=evaluate,
        rule_ids=(
            RuleIds(
                "`ilo.<indicator>`",
                "ilo_indicator",
                "one of the 11 ILO indicators of forced labour in audit text or yes/no audit columns",
            ),
        ),
    )
)
