"""The phrase finder shared by goods, audit findings and place names."""

import re

from hypothesis import given
from hypothesis import strategies as st

from screener.normalize.phrases import PhraseIndex, fold, fold_char, stem, tokenize, unstemmed_forms


def _found(index, text, **kw):
    return [(hit.values, hit.quote) for hit in index.find(text, **kw)]


def test_folding_and_plurals():
    assert fold("Retención DE Pasaportes") == "retencion de pasaportes"
    assert [stem(w) for w in ("gloves", "berries", "tomatoes", "glass", "status", "cotton")] == [
        "glove", "berry", "tomato", "glass", "status", "cotton",
    ]  # fmt: skip


def test_longest_match_wins_and_quote_is_the_original_text():
    index = PhraseIndex([("rubber", "Rubber"), ("rubber gloves", "Rubber Gloves")])
    assert _found(index, "Nitrile and RUBBER GLOVES, box of 100") == [(("Rubber Gloves",), "RUBBER GLOVES")]


def test_filler_words_are_ignored_on_both_sides():
    index = PhraseIndex([("retention of passports", "docs")])
    assert _found(index, "the retention of the passports") == [(("docs",), "retention of the passports")]


def test_negation_in_the_same_sentence_only():
    index = PhraseIndex([("debt bondage", "debt")])
    assert _found(index, "No evidence of debt bondage.", skip_negated=True) == []
    assert _found(index, "Debt bondage: none found", skip_negated=True) == []
    assert _found(index, "No fire exits. Debt bondage observed.", skip_negated=True) == [
        (("debt",), "Debt bondage")
    ]
    assert _found(index, "Finding No. 4: debt bondage", skip_negated=True) == [(("debt",), "debt bondage")]
    assert _found(index, "No evidence of debt bondage.") == [(("debt",), "debt bondage")]  # only when asked


def test_gaps_between_words():
    strict = PhraseIndex([("passports retained", "docs")])
    loose = PhraseIndex([("passports retained", "docs")], max_gap=2)
    text = "Passports of migrant workers retained by HR"
    assert _found(strict, text) == []
    assert _found(loose, text) == [(("docs",), "Passports of migrant workers retained")]
    assert _found(loose, "passports of all the many migrant workers retained") == []  # too far apart


def test_unspaced_scripts_by_substring_with_gap_marker_and_negation():
    index = PhraseIndex([("护照…扣留", "docs"), ("新疆", "xj")])
    assert _found(index, "工人护照被雇主扣留") == [(("docs",), "护照被雇主扣留")]
    assert _found(index, "未发现护照被扣留", skip_negated=True) == []
    assert _found(index, "新疆维吾尔自治区") == [(("xj",), "新疆")]


def test_token_offsets_point_into_the_original_text():
    text = "Ürümqi, Straße 5"
    for token in tokenize(text):
        assert fold(text[token.start : token.end]).startswith(token.text[:2])


@given(st.text(max_size=80))
def test_never_fails_and_quotes_are_substrings(text):
    index = PhraseIndex([("cotton", "c"), ("棉", "c"), ("no day off", "o")], max_gap=1)
    for hit in index.find(text, skip_negated=True):
        assert hit.quote == text[hit.start : hit.end]


def _tokens_folded_char_by_char(text: str) -> list[tuple[str, int, int]]:
    """What tokenize gives, worked out the slow way: each character folded on its own, each folded character
    remembering the offset it came from."""
    pieces = [(piece, index) for index, char in enumerate(text) for piece in fold_char(char)]
    folded = "".join(piece for piece, _ in pieces)
    return [
        (stem(m.group()), pieces[m.start()][1], pieces[m.end() - 1][1] + 1)
        for m in re.finditer(r"[^\W_]+", folded)
        if not re.search(
            r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u0e00-\u0e7f]", m.group()
        )
    ]


@given(
    st.text(max_size=60)
    | st.sampled_from(["Straße ß ﬁ", "ǅ İstanbul e\u0301 \u0301x", "Ürümqi ÉCOLE ﬀ 新疆"])
)
def test_whole_text_folding_is_character_by_character_folding(text):
    """fold and tokenize fold a text in one pass (a table of folded characters), with the same text and offsets as
    folding it character by character, also where a character folds to two ('ß') or to none (a lone accent)."""
    assert fold(text) == "".join(fold_char(c) for c in text)
    assert [(t.text, t.start, t.end) for t in tokenize(text)] == _tokens_folded_char_by_char(text)


@given(st.text(alphabet="abcdeioshuxy", max_size=10))
def test_every_word_is_among_the_forms_of_its_stem(word):
    """PhraseIndex passes over a text holding none of the forms of its phrases' first words: complete only if
    every word that stems to a first word is one of those forms."""
    assert word in unstemmed_forms(stem(word))


def test_text_without_a_first_word_is_passed_over_and_plurals_still_found():
    index = PhraseIndex([("cocoa beans", "c"), ("berry", "b"), ("box", "x")])
    assert _found(index, "Cocoa BEAN, berries and boxes") == [
        (("c",), "Cocoa BEAN"),
        (("b",), "berries"),
        (("x",), "boxes"),
    ]
    assert _found(index, "coco bean, bery") == []
