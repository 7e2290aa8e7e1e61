"""Legal-form tables: classes told from ELF names, the index of phrases by position, truncated forms."""

import pytest

from screener.normalize.legal_forms import build_index, class_from_words
from screener.normalize.names import comparison_tokens


@pytest.fixture(scope="module")
def index():
    return build_index(comparison_tokens)


@pytest.mark.parametrize(
    ("full_name", "cls"),
    [
        ("Gesellschaft mit beschränkter Haftung", "limited"),
        ("Aktiengesellschaft", "joint stock"),
        ("Kommanditgesellschaft", "partnership"),
        ("Limited Partnership", "partnership"),
        ("Public Limited Company", "joint stock"),
        ("Société coopérative", "cooperative"),
        ("Stiftung", "nonprofit"),
        ("Einzelunternehmen", "sole proprietorship"),
        ("Something else", "other"),
    ],
)
def test_class_from_words(full_name, cls):
    assert class_from_words(full_name) == cls


@pytest.mark.parametrize(
    ("phrase", "cls"),
    [
        (("co", "ltd"), "limited"),
        (("gmbh",), "limited"),
        (("ooo",), "limited"),
        (("sa", "de", "cv"), "joint stock"),
        (
            ("obshchestvo", "s", "ogranichennoy", "otvetstvennostyu"),
            "limited",
        ),  # from Cyrillic in fingerprints
        (("kgaa",), "partnership"),  # ELF abbreviation
        (("co", "lt"), "limited"),  # truncated
        (("s", "de", "rl", "d"), "limited"),  # truncated inside a long form
        (("limi",), "limited"),
        (("corporatio",), "corporation"),
    ],
)
def test_end_forms(index, phrase, cls):
    assert index.end[phrase] == cls


def test_words_are_not_forms(index):
    for word in ("international", "enterprise", "export", "group", "trading", "ming", "zhu", "son"):
        assert (word,) not in index.end, word


def test_positions(index):
    assert ("ooo",) in index.start and ("pt",) in index.start
    assert ("ltd",) not in index.start  # "Ltd" is only ever written last
    assert ("co", "ltd") in index.anywhere and ("ltd",) not in index.anywhere
