"""A rule kind made for the tests alone: the supplier's name contains a word of a list the rules file gives
(``[name_words] words``). It is what adding a rule kind takes: this one module, its settings declared next to its
code, and one ``register(KIND)`` (the test does that, and undoes it afterwards, instead of the module at import,
so that the kind never leaks into other tests)."""

from __future__ import annotations

import re

import polars as pl

from screener.indicators.base import RuleInfo, Weights
from screener.indicators.context import Context, hits_per_distinct
from screener.indicators.kinds import RuleIds, RuleKind
from screener.indicators.settings import weights
from screener.indicators.validate import ListOf, Setting, Text, table
from screener.schema import NAME

CATEGORY = "name_word"

SETTINGS = (
    Setting(
        "name_words",
        table(
            Setting("listed", weights(), "the supplier's name contains one of `words`"),
            Setting(
                "words", ListOf(Text()), "words to look for in supplier names (whole words, without case)"
            ),
            required=False,
            default={"listed": {"points": 0, "severity": "info", "likelihood": 0.0}, "words": []},
        ),
        "Words in a supplier's name that your own policy flags.",
    ),
)


def word_rule(rules) -> RuleInfo:
    return RuleInfo(
        "name.word",
        CATEGORY,
        "Flagged word in the supplier's name",
        "The supplier's name contains a word of [name_words] words.",
        Weights.from_config(rules.section("name_words")["listed"]),
    )


def describe(rules, lists=None) -> list[RuleInfo]:
    return [word_rule(rules)]


def evaluate(ctx: Context) -> pl.DataFrame:
    rule = word_rule(ctx.rules)
    words = {word.casefold(): word for word in ctx.rules.section("name_words")["words"]}

    def findings(values: tuple) -> list[tuple]:  # once per distinct name
        name = values[0] or ""
        found = [words[w] for w in re.findall(r"\w+", name.casefold()) if w in words]
        if not found:
            return []
        return [
            (rule, f"{name!r} contains {', '.join(map(repr, dict.fromkeys(found)))}", "rules [name_words]")
        ]

    return hits_per_distinct(ctx, [NAME], findings)


KIND = RuleKind(
    name="name_words",
    order=100,
    settings=SETTINGS,
    describe=describe,
    evaluate=evaluate,
    rule_ids=(RuleIds("`name.word`", CATEGORY, "a word of `[name_words] words` in the supplier's name"),),
)
