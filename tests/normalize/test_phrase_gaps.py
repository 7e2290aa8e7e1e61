"""Issue 19, finding 4: phrase patterns run in time linear in the text. A rules file's ``[ilo] extra_phrases``
entry in an unspaced script with many "…" gaps was compiled to a backtracking regex that took from 15 s to over
120 s on one 300-character audit cell."""

from __future__ import annotations

import random
import re
import time

from screener.indicators.rules_ilo import find_indicators
from screener.normalize.phrases import GappedPhrase


def test_gapped_phrase_finds_what_the_lazy_regex_finds():
    rng = random.Random(19)
    for _ in range(5_000):
        parts = tuple(
            "".join(rng.choice("ab") for _ in range(rng.randint(1 if i == 0 else 0, 2)))
            for i in range(rng.randint(1, 4))
        )
        text = "".join(rng.choice("ab\n") for _ in range(rng.randint(0, 30)))
        regex = re.compile(".{0,6}?".join(re.escape(part) for part in parts))
        expected = [(m.start(), m.end()) for m in regex.finditer(text)]
        assert list(GappedPhrase(parts).finditer(text)) == expected, (parts, text)


def test_a_phrase_with_many_gaps_is_fast_on_a_long_cell():
    phrase = "…".join("强迫劳动债务" * 2)  # 11 gaps
    cell = "强迫劳动" * 70 + "。"  # 281 characters that almost match everywhere
    started = time.perf_counter()
    found = find_indicators(cell, extra=((phrase, "debt_bondage"),))
    seconds = time.perf_counter() - started
    assert "debt_bondage" not in found
    assert seconds < 1.0, seconds  # the backtracking regex: minutes
    # the same kind of phrase still fires where it is written
    hit = find_indicators("工厂存在强迫劳动和债务问题", extra=(("强迫…债务", "debt_bondage"),))
    assert hit["debt_bondage"] == ["强迫劳动和债务"]


def test_a_phrase_of_many_parts_does_not_recurse():
    """Work is bounded by parts x text positions (each failed pair is tried once), and no recursion limit."""
    parts = ("债",) * 1_500
    started = time.perf_counter()
    assert list(GappedPhrase(parts).finditer("债" * 1_499)) == []
    assert list(GappedPhrase(parts).finditer("债" * 1_500)) == [(0, 1_500)]
    # the last part never found: every (part, position) pair is tried once, not once per path to it
    assert list(GappedPhrase(("债",) * 299 + ("无",)).finditer("债" * 600)) == []
    assert time.perf_counter() - started < 5.0
