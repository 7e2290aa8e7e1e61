"""One word in several romanisations: Cyrillic systems and English forms fold together; pinyin brands and their
registered English spellings."""

from __future__ import annotations

import warnings

import pytest

from screener.normalize.romanise import (
    cyrillic_fold,
    pinyin_brand_like,
    same_cyrillic_word,
    same_romanised_word,
    sound_keys,
    wade_giles_readings,
)
from screener.normalize.scripts import to_ascii

# Real Russian company and place words, written by every system iuliia ships tables for.
WORDS = (
    "Ростех Концерн Калашников Щукин Хабаровский Зерновая Дмитрий Сибирский Якутия Цветметзолото Чувашия Новый "
    "Российский Жуковский Мечел Объединённая Объединенная Авиасервис Промтех Уралвагонзавод Ижевский Северсталь "
    "Газпром Лукойл Роснефть Сургутнефтегаз Транснефть Вертолёты Норильский Юнайтед Щёлково Ярославль Тюмень"
).split()
SYSTEMS = (
    "BGN_PCGN",
    "GOST_779",
    "GOST_779_ALT",
    "GOST_7034",
    "GOST_52535",
    "ISO_9_1954",
    "ICAO_DOC_9303",
    "WIKIPEDIA",
    "ALA_LC",
    "SCIENTIFIC",
    "YANDEX_MAPS",
    "MVD_310",
    "UNGEGN_1987",
    "BS_2979",
)


@pytest.mark.parametrize("word", WORDS)
def test_every_romanisation_system_folds_to_the_normalisers_own_romanisation(word):
    iuliia = pytest.importorskip("iuliia")
    ours = cyrillic_fold(to_ascii(word)[0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        spelt = {system: getattr(iuliia, system).translate(word) for system in SYSTEMS}
    assert {system: cyrillic_fold(text) for system, text in spelt.items()} == dict.fromkeys(SYSTEMS, ours), (
        spelt
    )


@pytest.mark.parametrize(
    ("romanised", "english"),
    [
        ("Rostekh", "ROSTEC"),  # kh / c
        ("Rostekh", "Rostech"),
        ("Kontsern", "CONCERN"),  # ts / c, k / c
        ("Sibirskiy", "Sibirsky"),  # -iy / -y / -yy / -ij
        ("Novyy", "Novy"),
        ("Khimprom", "Himprom"),  # kh / h
        ("Yakutiya", "Iakutiia"),  # ya / ia
        ("Yunayted", "Iunaited"),  # yu / iu
        ("Shchukin", "Schukin"),  # shch / sch
        ("Maksim", "Maxim"),
    ],
)
def test_english_forms_are_the_same_word(romanised, english):
    assert same_cyrillic_word(romanised.lower(), english.lower())


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("rostekh", "rosatom"),
        ("kazan", "kazakh"),
        ("promtekh", "prominvest"),
        ("mechel", "metall"),
        ("ab", "ab"),
    ],
)
def test_other_words_are_not(first, second):
    assert not same_cyrillic_word(first, second)


@pytest.mark.parametrize(
    ("pinyin", "english", "alike"),
    [
        ("daquan", "daqo", True),  # 大全: first syllable, then the next sound
        ("jingke", "jinko", True),  # 晶科: "ng" written "n"
        ("huafu", "huafu", True),
        ("daquan", "daqin", False),  # another pinyin name, not a spelling of this one
        ("daquan", "dagger", False),
        ("dacheng", "daqo", False),
        ("daquan", "daquaner", False),
        ("tianhe", "trina", False),  # 天合 Trina: a brand of its own, not a spelling
    ],
)
def test_pinyin_brand_like(pinyin, english, alike):
    assert pinyin_brand_like(pinyin, english) is alike


@pytest.mark.parametrize(
    ("supplier", "listed"),
    [
        ("mohamed", "muhammad"),
        ("mohammad", "muhammad"),
        ("hossein", "hussein"),
        ("husain", "hussein"),
        ("kuznecov", "kuznetsov"),
        ("kouznetzov", "kuznetsov"),
        ("habarovsk", "khabarovsk"),
        ("jukov", "zhukov"),
        ("dmitriy", "dmitry"),
        ("dmitrii", "dmitry"),
        ("sergeyev", "sergeev"),
        ("shaheed", "shahid"),
        ("nezhad", "nejad"),
        ("wolga", "volga"),
        ("loukoil", "lukoil"),
        ("aleksandr", "alexandr"),
        ("qasem", "kasem"),
        ("ksing", "xing"),
        ("negin", "negeen"),
        ("shaian", "shayan"),  # both read as pinyin, but differ only by y / i
        ("xin", "hsin"),  # pinyin / Wade-Giles
        ("zhong", "chung"),
        ("xinhua", "hsinhua"),
        ("gaoxiong", "kaohsiung"),
        ("rostekh", "rostec"),  # a last х: kh, h, ch, x or the English brand's c
        ("rostech", "rostec"),
        ("rosteh", "rostekh"),
        ("ivanovich", "ivanovic"),  # ч / ć
        ("kalashnikoff", "kalashnikov"),  # -ов as -off
        ("mezhdunarodnykh", "mezhdunarodnyh"),
    ],
)
def test_one_name_in_two_latin_romanisations(supplier, listed):
    assert same_romanised_word(supplier, listed)
    assert same_romanised_word(listed, supplier)
    assert set(sound_keys(supplier)) & set(sound_keys(listed)), (
        "the cheap first test must let the pair through"
    )


@pytest.mark.parametrize(
    ("supplier", "listed"),
    [
        ("yasheng", "fasheng"),  # two pinyin names
        ("cui", "kui"),
        ("hassan", "hussein"),
        ("garden", "gordon"),  # a / o is no romanisation difference
        ("hong", "hang"),
        ("sara", "sera"),  # too short for a vowel swap
        ("kazem", "kasem"),
        ("chen", "chan"),
        ("lee", "li"),
        ("bakhsh", "bakhch"),  # a last sh is ш, not х
        ("rostov", "rostec"),
    ],
)
def test_different_names_are_not_one_romanisation(supplier, listed):
    assert not same_romanised_word(supplier, listed)


def test_wade_giles_readings():
    assert wade_giles_readings("hsin") == {"xin"}
    assert {"zhong", "chong"} <= wade_giles_readings("chung")
    assert wade_giles_readings("xinhua") == frozenset()  # pinyin already
    assert wade_giles_readings("trading") == frozenset()
