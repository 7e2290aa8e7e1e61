"""A plug-in as a package outside screener would write one: a module that registers its rule kind when imported.
It reuses the test kind of name_words_kind.py; only the registration at import differs. Imported by
tests/indicators/test_new_rule_kind.py, which unregisters it afterwards."""

from __future__ import annotations

from dataclasses import replace

from screener.indicators.context import Context
from screener.indicators.kinds import register
from tests.indicators import name_words_kind


def evaluate(ctx: Context):
    """The kind's rules, evaluated here so that this module is the one a worker process imports."""
    return name_words_kind.evaluate(ctx)


KIND = register(replace(name_words_kind.KIND, evaluate=evaluate))
