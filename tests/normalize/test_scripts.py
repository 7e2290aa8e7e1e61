"""Scripts: dominant script of a name, ASCII transliteration, Han segmentation into terms."""

import pytest

from screener.normalize.scripts import dominant_script, segment_han, to_ascii


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Acme Trading", "latin"),
        ("Société Générale", "latin"),
        ("新疆大全", "han"),
        ("ООО Ромашка", "cyrillic"),
        ("شركة النفط", "arabic"),
        ("ΑΘΗΝΑ", "greek"),
        ("トヨタ自動車", "japanese"),
        ("삼성전자", "hangul"),
        ("Acme 新疆大全", "mixed"),
        ("12345 ...", "none"),
        ("", "none"),
    ],
)
def test_dominant_script(text, script):
    assert dominant_script(text) == script


def test_han_segments_known_terms_and_groups_the_rest():
    assert segment_han("新疆大全新能源股份有限公司") == (
        ("xinjiang", "xinjiang"),
        ("daquan", "daquan"),
        ("xinnengyuan", "new energy"),
        ("gufenyouxiangongsi", "co ltd"),
    )


def test_han_segmentation_prefers_fewer_pieces():
    assert [english for _, english in segment_han("紫金矿业集团")] == ["zijin", "mining", "group"]


def test_long_unknown_runs_are_cut_into_words_by_jieba_or_in_pairs():
    assert [spoken for spoken, _ in segment_han("华孚鸿盛棉业")] == ["huafu", "hongsheng", "mianye"]
    # jieba's words, read as words by pypinyin: 空间 kongjian, 研究院 yanjiuyuan; 兴化 + 恒工 (no word of jieba's)
    assert [spoken for spoken, _ in segment_han("天一空间研究院")] == ["tianyi", "kongjian", "yanjiuyuan"]
    assert [spoken for spoken, _ in segment_han("兴化恒工")] == ["xinghua", "henggong"]


def test_pinyin_is_read_by_word():
    # Each character alone reads 长 zhang, 行 xing, 蚌 bang, 都 dou: pypinyin's phrase readings are the names'.
    assert [spoken for spoken, _ in segment_han("长城")] == ["changcheng"]
    assert [spoken for spoken, _ in segment_han("银行")] == ["yinhang"]
    assert [spoken for spoken, _ in segment_han("蚌埠")] == ["bengbu"]
    assert [spoken for spoken, _ in segment_han("都江堰")] == ["dujiangyan"]


def test_traditional_characters_read_as_simplified():
    assert segment_han("集團") == segment_han("集团")
    # OpenCC folds every Traditional character, not only those of the term table.
    assert segment_han("華孚紡織") == segment_han("华孚纺织")
    assert segment_han("準噶爾") == segment_han("准噶尔")


def test_to_ascii():
    assert to_ascii("Ｃｏ．，Ｌｔｄ．") == ("Co.,Ltd.", "Co.,Ltd.")
    assert to_ascii("a\u200bb") == ("ab", "ab")
    spoken, english = to_ascii("Acme 有限公司")
    assert spoken.split() == ["Acme", "youxiangongsi"] and english.split() == ["Acme", "co", "ltd"]


@pytest.mark.parametrize(
    ("han", "spoken"),
    [
        ("朝阳化工有限公司", "chaoyang huagong youxiangongsi"),  # the city, not zhaoyang (morning sun)
        ("闵行", "minhang"),
        ("长治钢铁", "changzhi gangtie"),
        ("都匀", "duyun"),
        ("长江", "changjiang"),  # a river, read as pypinyin reads it
    ],
)
def test_chinese_cities_are_read_as_the_gazetteer_spells_them(han, spoken):
    assert " ".join(to_ascii(han)[0].split()) == spoken
