"""Pinyin syllables: another Chinese name one letter away is told from a typo."""

from __future__ import annotations

import pytest

from screener.normalize.pinyin import other_pinyin_name, pinyin_syllables, split_pinyin


def test_the_syllable_inventory_is_the_normalisers_own():
    syllables = pinyin_syllables()
    assert 380 <= len(syllables) <= 450
    assert {"zhuang", "xin", "jiang", "a", "er"} <= syllables
    assert "daq" not in syllables


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("yasheng", ("ya", "sheng")),
        ("xinjiang", ("xin", "jiang")),
        ("zhongchengtong", ("zhong", "cheng", "tong")),
        ("daqo", None),
        ("boyle", None),
        ("", None),
    ],
)
def test_split_pinyin(word, syllables):
    assert split_pinyin(word) == syllables


@pytest.mark.parametrize(
    ("first", "second", "other"),
    [
        ("yasheng", "fasheng", True),  # fa-sheng is a name of its own
        ("haifang", "huafang", True),
        ("hongsheng", "hongfeng", True),
        ("xinjiang", "xinjiang", False),
        ("daqo", "dago", False),  # not pinyin: may be a typo
        ("zhongtai", "zhongtia", False),  # the typo leaves no pinyin of as many syllables
        ("chengjundan", "chenguang", True),  # three syllables against two, far more than one slip apart
        ("jinan", "jian", False),  # one dropped letter changes the syllable count: may be a typo
    ],
)
def test_other_pinyin_name(first, second, other):
    assert other_pinyin_name(first, second) is other
