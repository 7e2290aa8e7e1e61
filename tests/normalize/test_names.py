"""Name normaliser: the labelled case table, one test per rule, properties over any unicode text."""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal
from rapidfuzz import fuzz

from screener.normalize.names import (
    describe_normalisation,
    normalize_name,
    normalize_names,
    token_frequencies,
)

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "match_cases.csv"

# The case table is shared with the matcher: rows of case_type "normalisation" and "hard_negative" state what the
# normaliser alone must do; other case types (added by the matching tests) are judged by the full matcher.
# What "match" means at the normalisation level, per rule. Every other rule is a pure normalisation rule: the
# two keys must be equal. "no_match" rows must give different keys.
NORMALISATION_CASE_TYPES = {"normalisation", "hard_negative"}
SAME_TOKENS_ANY_ORDER = {"word_order"}
CLOSE_KEYS = {"typo": 90, "han_script_brand": 85}  # rapidfuzz token_sort_ratio of the two keys


def _cases() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        return [case for case in csv.DictReader(handle) if case["case_type"] in NORMALISATION_CASE_TYPES]


def test_case_table_covers_matches_and_hard_negatives():
    cases = _cases()
    assert len({case["case_id"] for case in cases}) == len(cases)
    assert {case["expected"] for case in cases} == {"match", "no_match"}
    assert len({case["rule"] for case in cases if case["expected"] == "match"}) >= 20


@pytest.mark.parametrize("case", _cases(), ids=lambda case: f"{case['case_id']}-{case['rule']}")
def test_case_table_keys(case):
    supplier = normalize_name(case["supplier_name"]).key
    listed = normalize_name(case["list_name"]).key
    rule = case["rule"]
    if case["expected"] == "no_match":
        assert supplier != listed
    elif rule in SAME_TOKENS_ANY_ORDER:
        assert sorted(supplier.split()) == sorted(listed.split())
    elif rule in CLOSE_KEYS:
        assert fuzz.token_sort_ratio(supplier, listed) >= CLOSE_KEYS[rule], (supplier, listed)
    else:
        assert supplier == listed


@pytest.mark.parametrize(
    ("name", "key", "legal_form"),
    [
        ("Xinjiang Daqo New Energy Co., Ltd.", "xinjiang daqo new energy", "limited"),
        ("XINJIANG DAQO NEW ENERGY CO . , LTD", "xinjiang daqo new energy", "limited"),
        ("Acme Company Limited", "acme", "limited"),
        ("Acme Inc.", "acme", "corporation"),
        ("Acme Incorporated", "acme", "corporation"),
        ("Acme L.L.C.", "acme", "limited"),
        ("Acme PLC", "acme", "joint stock"),
        ("Siemens AG & Co. KG", "siemens", "partnership"),
        ("Acme S.p.A.", "acme", "joint stock"),
        ("Acme Pte. Ltd.", "acme", "limited"),
        ("Acme Pvt Ltd", "acme", "limited"),
        ("PT Indofood Sukses Makmur Tbk", "indofood sukses makmur", "joint stock"),
        ("OOO Romashka", "romashka", "limited"),
        ("Acme & Co", "acme", "company"),
        ("D'Agostino & Company, Ltd", "dagostino", "limited"),
        ("The Acme Company", "acme", "company"),
        ("Acme Co., Ltd. Urumqi Branch", "acme urumqi branch", "limited"),
        ("Volkswagen Aktiengesellschaft", "volkswagen", "joint stock"),
    ],
)
def test_legal_forms_removed_and_classed(name, key, legal_form):
    result = normalize_name(name)
    assert (result.key, result.legal_form) == (key, legal_form)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Limited", "limited"),  # a form that is the whole name stays
        ("Limited Brands", "limited brands"),  # a leading "Limited" is not a form
        ("Saudi Arabian Oil Co", "saudi arabian oil"),  # "SA" is never cut out of "Saudi"
        ("Bank AS Trading", "bank as trading"),  # "AS" in the middle stays
        ("SIA Engineering Co Ltd", "sia engineering"),  # a prefix form before generic words is the name
        ("Xinjiang Cotton II", "xinjiang cotton ii"),  # roman numerals are not forms
        ("Xinjiang Ming", "xinjiang ming"),  # a pinyin syllable that is also an ELF abbreviation stays
        ("Acme Trading", "acme trading"),
    ],
)
def test_legal_forms_kept_where_they_are_the_name(name, key):
    assert normalize_name(name).key == key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("ACME CO LT", "acme"),
        ("ACME CO., L", "acme"),
        ("ACME CO LIMI", "acme"),
        ("ACME LIMI", "acme"),
        ("ACME CORPORATIO", "acme"),
        ("ACME INCORP", "acme"),
        ("HOSHINE SILICON INDUST", "hoshine silicon industry"),
        ("ACME INTERNATIO", "acme international"),
        ("ACME TRADING LIM", "acme trading"),
        ("ACME TRADING COM", "acme trading"),
        ("ACME TRADING JOIN", "acme trading"),
        ("ACME TRADING JOINT S", "acme trading"),
        ("ACME EXIM PRIVAT", "acme exim"),
        ("ACME TRADING S DE RL D", "acme trading"),
        ("ACME TRADING LIMITED LIAB", "acme trading"),
        ("ACME TRADING OO", "acme trading"),
        ("ACME TRADING LL", "acme trading"),
        ("ACME TRADING C", "acme trading"),  # a lone last letter after two words: the rest of "Co" / "S.A."
        ("ACME C", "acme c"),  # ... but not when it may be part of a two-word name
        ("ACME TRADING COLTD", "acme trading"),  # punctuation stripped by the ERP
        ("ACME COLT", "acme colt"),  # a word, not a cut form
    ],
)
def test_truncated_fields(name, key):
    assert normalize_name(name).key == key


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Intl Trdg Grp", "International Trading Group"),
        ("Int'l Tech Svcs", "International Technologies Services"),
        ("Natl Chem Inds", "National Chemicals Industries"),
        ("Acme Hldgs", "Acme Holdings"),
        ("Acme Bros Mfg", "Acme Brothers Manufacturing"),
        ("Acme Mgmt Dev", "Acme Management Development"),
        ("Acme Eng Assoc", "Acme Engineering Associates"),
        ("Acme Pharm Prods", "Acme Pharmaceuticals Products"),
        ("Acme Comm Elec", "Acme Commercial Electronics"),
        ("Acme Textiles Garments", "Acme Textile Garment"),
        ("Acme Corp Trading", "Acme Corporation Trading"),
        ("Acme Co Trading", "Acme Company Trading"),
        ("Acme Aluminium Colour Centre", "Acme Aluminum Color Center"),
        ("Impire Shpg", "Impire Shipping"),
        ("Ilam Petchem", "Ilam Petrochemical"),
        ("Caspian Enrg Mgmt", "Caspian Energy Management"),
        ("Granit Prodn Transp Constr", "Granit Production Transport Construction"),
        ("Sistema Finl Corp", "Sistema Financial Corporation"),
        ("Ya Mahdi Indl Rsch Labs", "Ya Mahdi Industrial Research Laboratories"),
    ],
)
def test_business_abbreviations_meet(left, right):
    assert normalize_name(left).key == normalize_name(right).key


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Café Crème", "CAFE CREME"),
        ("ＡＣＭＥ　ＴＲＡＤＩＮＧ", "Acme Trading"),
        ("Acme\u200b Trading", "Acme Trading"),
        ("O\u2019Brien Trading", "OBrien Trading"),
        ("Acme & Sons", "Acme and Sons"),
        ("Müller und Söhne", "Muller and Sohne"),
        ("Acme, Co.,Ltd.", "ACME CO LTD"),
        ("I.B.M.", "IBM"),
        ("Factory No.2", "Factory No 2"),
        ("Groß Handel", "Gross Handel"),
        ("The Acme Trading", "Acme Trading"),
        ("トヨタ自動車株式会社", "Toyota Jidosha Kabushiki Kaisha"),  # kana, kanji terms, romanised Japanese
        ("Union Kogyo Co., Ltd.", "Union Industry Co Ltd"),
    ],
)
def test_surface_variants_meet(left, right):
    assert normalize_name(left).key == normalize_name(right).key


def test_numbers_are_kept_without_their_markers():
    assert normalize_name("Xinjiang No. 1 Cotton Factory").key == "xinjiang 1 cotton factory"
    for variant in (
        "Xinjiang 1st Cotton Factory",
        "Xinjiang First Cotton Factory",
        "Xinjiang #1 Cotton Factory",
    ):
        assert normalize_name(variant).key == "xinjiang 1 cotton factory"
    assert normalize_name("新疆第一棉纺厂").key == "xinjiang 1 cotton spinning factory"
    assert normalize_name("Factory 2").key != normalize_name("Factory 3").key
    assert normalize_name("No Limits Trading").key == "no limits trading"  # "no" without a number stays


@pytest.mark.parametrize(
    ("name", "latin", "key", "script"),
    [
        (
            "新疆大全新能源股份有限公司",
            "xinjiang daquan xinnengyuan gufenyouxiangongsi",
            "xinjiang daquan new energy",
            "han",
        ),
        ("和田华芳纺织有限公司", "hotan huafang fangzhi youxiangongsi", "hotan huafang textile", "han"),
        ("Общество с ограниченной ответственностью Ромашка", None, "romashka", "cyrillic"),
        ("ΑΘΗΝΑ ΑΝΩΝΥΜΗ ΕΤΑΙΡΕΙΑ", None, "athina", "greek"),
        ("株式会社トヨタ", None, "toyota", "japanese"),
        ("Acme 新疆", None, "acme xinjiang", "mixed"),
    ],
)
def test_other_scripts(name, latin, key, script):
    result = normalize_name(name)
    assert (result.key, result.script) == (key, script)
    if latin is not None:
        assert result.latin == latin


def test_latin_keeps_legal_form_words():
    result = normalize_name("Xinjiang Daqo New Energy Co., Ltd.")
    assert result.latin == "xinjiang daqo new energy co ltd"
    assert result.tokens == ("xinjiang", "daqo", "new", "energy")
    assert result.original == "Xinjiang Daqo New Energy Co., Ltd."


def test_place_name_variants_meet():
    for left, right in [("Hetian", "Hotan"), ("Kashi", "Kashgar"), ("Akesu", "Aksu"), ("Wulumuqi", "Urumqi")]:
        assert normalize_name(f"{left} Acme Textile").key == normalize_name(f"{right} Acme Textile").key


def test_empty_and_blank_names():
    for text in ("", "   ", "...", "\u200b"):
        result = normalize_name(text)
        assert (result.key, result.tokens, result.legal_form) == ("", (), None)
    assert normalize_name("").script == "none"


def test_normalize_names_frame():
    names = pl.Series("name", ["Acme Co., Ltd.", None, "ACME CO LTD", "ООО Ромашка", "Acme Co., Ltd.", ""])
    frame = normalize_names(names)
    expected = pl.DataFrame(
        {
            "name_latin": ["acme co ltd", None, "acme co ltd", "ooo romashka", "acme co ltd", ""],
            "name_key": ["acme", None, "acme", "romashka", "acme", ""],
            "name_tokens": [["acme"], None, ["acme"], ["romashka"], ["acme"], []],
            "legal_form": ["limited", None, "limited", "limited", "limited", None],
            "script": ["latin", None, "latin", "cyrillic", "latin", "none"],
        },
        schema={
            "name_latin": pl.String,
            "name_key": pl.String,
            "name_tokens": pl.List(pl.String),
            "legal_form": pl.String,
            "script": pl.String,
        },
    )
    assert_frame_equal(frame, expected)


def test_normalize_names_empty_series():
    frame = normalize_names(pl.Series("name", [], dtype=pl.String))
    assert frame.height == 0
    assert frame.columns == ["name_latin", "name_key", "name_tokens", "legal_form", "script"]


def test_token_frequencies_count_documents():
    keys = ["xinjiang huafu textile", "xinjiang xinjiang cotton", "", "huafu"]
    assert token_frequencies(keys) == {"xinjiang": 2, "huafu": 2, "textile": 1, "cotton": 1}


def test_list_keys_are_idempotent():
    """Every bundled UFLPA name, alias and former name normalises to a key that normalises to itself."""
    uflpa = pl.read_csv(
        Path(__file__).resolve().parents[2] / "screener" / "data" / "lists" / "uflpa_entity_list.csv",
        infer_schema=False,
    )
    names = set(uflpa["entity_name"].to_list())
    for column in ("aliases", "former_names"):
        for cell in uflpa[column].drop_nulls():
            names.update(part.strip() for part in cell.split(";"))
    for name in names:
        key = normalize_name(name).key
        assert key and normalize_name(key).key == key, name


def test_ofac_entity_keys_are_idempotent():
    sdn = pl.read_csv(
        Path(__file__).resolve().parents[2] / "screener" / "data" / "lists" / "ofac_sdn.csv",
        infer_schema=False,
    )
    for name in sdn.filter(pl.col("sdn_type").is_null())["sdn_name"].drop_nulls():
        key = normalize_name(name).key
        assert normalize_name(key).key == key, name


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_normalises_to_an_ascii_idempotent_key(text):
    result = normalize_name(text)
    assert result.key.isascii() and result.latin.isascii()
    assert result.tokens == tuple(result.key.split())
    assert " ".join(result.tokens) == result.key
    assert normalize_name(result.key).key == result.key


_NAME_WORDS = (
    "acme xinjiang co ltd limited corp inc llc gmbh sa s a de cv rl & and intl trdg grp ind no 2 the pt ooo "
    "ao company 新疆 有限公司 集团 華 紡織 Ромашка ООО , . ( ) l lt limi lim joint stock private bio tech "
    "xin jiang he tian you xian gong si gufen youxiangongsi keji (LLTC) (AB) y und sdn bhd i b v"
).split()
_NAMEISH = st.lists(st.sampled_from(_NAME_WORDS), max_size=8).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(_NAMEISH)
# A stripped form brought two pieces of a split word together (found by hypothesis).
@example("you 有限公司 xian")
def test_name_like_text_is_idempotent(text):
    key = normalize_name(text).key
    assert normalize_name(key).key == key


@pytest.mark.parametrize(
    ("han", "english"),
    [
        ("紫金矿业集团股份有限公司", "Zijin Mining Group Co., Ltd."),  # 紫金|矿业, not 紫|金矿|业
        ("合盛硅业（鄯善）有限公司", "Hesheng Silicon Industry (Shanshan) Co."),  # the UFLPA alias of Hoshine
        ("新疆准噶尔棉麻有限公司", "Xinjiang Junggar Cotton and Linen Co., Ltd."),
        ("胡杨河华孚鸿盛棉业有限公司", "Huyanghe Huafu Hongsheng Cotton Industry Co., Ltd."),
        ("新疆華孚紡織有限責任公司", "Xinjiang Huafu Textile Co., Ltd."),  # Traditional characters
        ("洛浦县美欣发制品有限公司", "Lop County Meixin Hair Products Co., Ltd."),
        ("西部黄金哈密金矿有限责任公司", "Western Gold Hami Gold Mine Co., Ltd."),
    ],
)
def test_han_names_meet_their_english_names(han, english):
    assert normalize_name(han).key == normalize_name(english).key


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Chenguang Biotech Group", "Chenguang Bio-Technology Group"),
        ("Acme Imp Exp Co", "Acme Import & Export Co., Ltd."),
        ("Acme Hi-Tech", "Acme High Technology"),
        ("Acme Garment Fty", "Acme Garment Factory"),
    ],
)
def test_business_phrases_meet(left, right):
    assert normalize_name(left).key == normalize_name(right).key


@pytest.mark.parametrize(
    "han",
    [
        "新疆大全新能源股份有限公司",
        "和田华芳纺织有限公司",
        "新疆中泰化学股份有限公司",
        "紫金矿业集团股份有限公司",
        "新疆准噶尔棉麻有限公司",
        "胡杨河华孚鸿盛棉业有限公司",
        "内蒙古宏远贸易有限责任公司",
    ],
)
def test_pinyin_spelling_of_a_han_name_meets_it(han):
    """An ERP that holds the Chinese name in pinyin ("XINJIANG DAQUAN XINNENGYUAN GUFEN YOUXIAN GONGSI")."""
    result = normalize_name(han)
    assert normalize_name(result.latin.upper()).key == result.key


def test_pinyin_syllables_written_apart():
    assert (
        normalize_name("XIN JIANG HE TIAN HUAFANG FANG ZHI YOU XIAN GONG SI").key
        == "xinjiang hotan huafang textile"
    )


def test_pinyin_shared_by_two_terms_is_left_alone():
    assert normalize_name("Shanxi Coal").key == "shanxi coal"  # 山西 and 陕西 are both "shanxi" in anyascii
    assert normalize_name("Zhongxin Trading").key == "zhongxin trading"  # CITIC, not 中心 "centre"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Running Brook, LLC (USA)", "running brook"),  # a country in brackets is dropped
        ("Esquel Group (HK)", "esquel group"),
        ("Limbe Leaf Tobacco Company Limited (LLTC)", "limbe leaf tobacco"),  # the name's own initials
        (
            "Huafu Fashion Co., Ltd. (Xinjiang)",
            "huafu fashion xinjiang",
        ),  # other brackets stay, form still found
        ("VIC DEL INC. (OFF SHORE)", "vic del off shore"),
        ("Hoshine Silicon Industry (Shanshan) Co., Ltd", "hoshine silicon industry shanshan"),
        ("(Acme)", "acme"),
    ],
)
def test_trailing_brackets(name, key):
    assert normalize_name(name).key == key


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Smile Technologies S.A. L.L.C.", "Smile Technologies SA LLC"),  # dotted initials stay apart
        ("Agusta Grand I L.L.C.", "Agusta Grand I LLC"),
        ("Acme S. A.", "Acme SA"),
        ("JSC Power Machines", "Joint Stock Company Power Machines"),  # JSC is never a name
        ("VTB Bank Public JSC", "VTB Bank Public Joint Stock Company"),
        ("Sovcombank Open JSC", "Sovcombank Open Joint Stock Company"),
        ("Main Street 1095 Proprietary Ltd", "Main Street 1095 (Pty) Ltd"),
    ],
)
def test_legal_form_spellings_meet(left, right):
    assert normalize_name(left).key == normalize_name(right).key


def test_describe_normalisation_says_what_was_done():
    assert describe_normalisation("XINJIANG DAQO NEW ENERGY CO LT") == [
        "legal form 'co lt' (limited) left out"
    ]
    notes = describe_normalisation("GANSU YASHENG INTL TRDG CO LTD")
    assert "'intl' read as 'international'" in notes and "'trdg' read as 'trading'" in notes
    han = describe_normalisation("新疆大全新能源股份有限公司")
    assert han[0].startswith("written in han script") and "新能源 = new energy" in han
    assert "'(USA)' left out (a country or the name's initials)" in describe_normalisation(
        "Running Brook, LLC (USA)"
    )
    assert describe_normalisation("Yunnan 1st Prison") == [
        "numbers compared without 'No.', '#' or ordinal endings"
    ]
    assert describe_normalisation("Acme") == []


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("ACME CO LTD - DO NOT USE", "acme"),
        ("*BLOCKED* ACME TRADING CO", "acme trading"),
        ("ACME CO LTD (DUPLICATE)", "acme"),
        ("Blocked", "blocked"),  # never the whole name
    ],
)
def test_erp_status_notes_left_out(name, key):
    assert normalize_name(name).key == key


# ----------------------------------------------------------------------------------------------------------------
# The shortcuts of the normaliser give what the plain definitions give
# ----------------------------------------------------------------------------------------------------------------
def _real_names() -> list[str]:
    from screener.lists import load_lists

    return load_lists().entries["name"].drop_nulls().to_list()


def test_surface_tokens_equal_the_plain_substitution_chain():
    import re

    from screener.normalize import names as n

    def plain(text: str) -> tuple[str, ...]:
        if "." in text:
            text = n._DOTTED_INITIALS.sub(n._joined_initials, text)
        text = re.sub(r"['`]", "", text.lower()).replace("&", " and ")
        return tuple(n._LETTER_DIGIT.sub(" ", re.sub(r"[^a-z0-9]+", " ", text)).split())

    texts = _real_names() + [
        "Int'l No.2 `A`",
        "A&B 3rd Co",
        "ABC123DEF",
        "",
        "  ",
        "'",
        "1",
        "no digits & co",
    ]
    assert [n.surface_tokens(t) for t in texts] == [plain(t) for t in texts]


def test_edge_legal_forms_are_found_as_by_trying_every_length():
    import random

    from screener.normalize import names as n

    tables = n._tables()
    legal = tables.legal

    def plain_end(tokens):
        if tokens[-1] not in legal.end_last_tokens:
            return tokens, None
        for length in range(min(legal.longest, len(tokens) - 1), 0, -1):
            if (cls := legal.end.get(tokens[-length:])) is not None:
                return tokens[:-length], cls
        return tokens, None

    def plain_start_form(tokens):
        if tokens[0] not in legal.start_first_tokens:
            return None
        for length in range(min(legal.longest, len(tokens) - 1), 0, -1):
            if legal.start.get(tokens[:length]) is not None:
                return length
        return None

    rng = random.Random(2)
    forms = sorted(legal.end) + sorted(legal.start)
    words = ["xinjiang", "daqo", "new", "energy", "sia", "engineering", "as", "co", "ltd", "and", "the"]
    for _ in range(3000):
        form = list(rng.choice(forms))
        name = rng.sample(words, rng.randint(0, 3))
        tokens = tuple(form + name if rng.random() < 0.5 else name + form)
        tokens = tokens[rng.randint(0, 1) :] or ("x",)
        assert n._strip_end(tokens, tables) == plain_end(tokens), tokens
        stripped, cls = n._strip_start(tokens, tables)
        length = plain_start_form(tokens)
        if cls is not None:
            assert length is not None and stripped == tokens[length:], tokens
        else:  # nothing there, or an ambiguous short form before generic words
            assert stripped == tokens and (
                length is None or (length == 1 and tokens[0] in n._AMBIGUOUS_START_FORMS)
            )


def test_the_name_table_equals_normalize_name_on_real_and_damaged_names():
    import random

    rng = random.Random(4)
    names = _real_names()[:2000]
    names += [
        name.upper().replace(",", "") + rng.choice([" LTD", " CO LT", " (HK)", " No.2", ""]) for name in names
    ]
    names += [None, "", "新疆大全新能源股份有限公司", "DO NOT USE - ACME LTD"]
    table = normalize_names(pl.Series(names, dtype=pl.String))
    for name, row in zip(names, table.iter_rows(named=True), strict=True):
        if name is None:
            assert set(row.values()) == {None}
            continue
        one = normalize_name(name)
        assert (row["name_latin"], row["name_key"], row["legal_form"], row["script"]) == (
            one.latin,
            one.key,
            one.legal_form,
            one.script,
        )
        assert tuple(row["name_tokens"]) == one.tokens


def test_key_tokens_stops_early_only_when_another_pass_would_change_nothing():
    import random

    from screener.normalize import names as n

    def plain(tokens):
        legal_form = None
        tokens = n._rejoined(tokens, None)
        for _ in range(n._MAX_PASSES):
            stripped, found = n.strip_legal_forms(n._connect(n._join_initials(tokens)))
            folded = n.canonical_words(stripped)
            legal_form = legal_form or found
            if folded == tokens:
                break
            tokens = folded
        return tokens, legal_form

    rng = random.Random(6)
    endings = [
        "co ltd",
        "co lt",
        "limited",
        "enterprises ltd",
        "intl trading co",
        "s a",
        "gmbh co kg",
        "no 2",
        "",
    ]
    names = _real_names()[:3000]
    names += [f"{name} {rng.choice(endings)}" for name in names]
    checked = 0
    for name in names:
        tokens = n.surface_tokens(name)
        assert n.key_tokens(tokens) == plain(tokens), name
        checked += bool(tokens)
    assert checked > 5000


@pytest.mark.parametrize(
    ("name", "key", "legal_form"),
    [
        ("Hoshine Silicon Industry Co Lmited", "hoshine silicon industry", "limited"),
        ("JOINT SOTCK COMPANY AVRORA", "avrora", "joint stock"),  # two letters swapped
        ("TATBURNEFT LIMITED LIOABILITY COMPANY", "tatburneft", "limited"),  # a letter added
        ("NPC Alliance Corporatin", "npc alliance", "corporation"),  # a letter dropped
        ("BAROON SHIPPING COMPANY LIMITWD", "baroon shipping", "limited"),  # one letter changed
    ],
)
def test_a_legal_form_word_with_one_typo_is_still_the_legal_form(name, key, legal_form):
    normalised = normalize_name(name)
    assert (normalised.key, normalised.legal_form) == (key, legal_form)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        (
            "Limiter Technologies Co Ltd",
            "limiter technology",
        ),  # one typo from "limited", but not a legal form here
        ("Compass Group", "compass group"),  # two letters from "company"
        (
            "OOO Auktsion",
            "auktsion",
        ),  # one letter from a registry form word: only curated forms are corrected
        ("Stocks Ltd", "stocks"),  # "stock" alone is no legal form
    ],
)
def test_a_word_near_a_legal_form_word_keeps_its_spelling_when_it_is_the_name(name, key):
    assert normalize_name(name).key == key


def test_the_notes_say_a_legal_form_word_was_read_through_a_typo():
    notes = describe_normalisation("Acme Trading Compnay")
    assert any("'compnay' read as 'company'" in note for note in notes)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("TAMAS COMP Any", "tamas"),  # "company" split, then removed as the legal form
        ("LIMITED LIA Bility COMPANY INTEGRATED SOLUTIONS", "integrated solutions"),
        ("EKT SMART TECHN Ology", "ekt smart technology"),  # the first piece may be an abbreviation
        ("RT-BUSINESS DEVEL Opment", "rt business development"),
    ],
)
def test_a_business_or_legal_word_split_in_two_is_joined_again(name, key):
    assert normalize_name(name).key == key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("In Vest Group", "in vest group"),  # a first piece of two letters is a word of its own
        ("Bayi Iron and Steel S A", "bayi iron and steel"),  # "S A" is a legal form, not the end of "steels"
        ("Green House Ltd", "green house"),  # both pieces are words of the vocabulary
    ],
)
def test_two_words_that_only_look_like_a_split_word_stay_apart(name, key):
    assert normalize_name(name).key == key


def test_the_notes_say_a_split_word_was_joined():
    assert "'lia bility' read as 'liability' (one word split in two)" in describe_normalisation(
        "Limited Lia Bility Company Avrora"
    )


def test_the_quick_edge_check_never_rules_out_a_legal_word_with_one_typo():
    """Every one-typo variant of every curated legal-form word gets the same answer with the quick first/last
    two letters check as from the full neighbour search."""
    import string

    from screener.normalize import names as n

    words = n.curated_words(n.comparison_tokens, n._LEGAL_TYPO_MIN_LENGTH)
    checked = 0
    for word in words:
        variants = set()
        for at in range(len(word) + 1):
            for letter in string.ascii_lowercase:
                variants.add(word[:at] + letter + word[at:])  # added
                if at < len(word):
                    variants.add(word[:at] + letter + word[at + 1 :])  # changed
            if at < len(word):
                variants.add(word[:at] + word[at + 1 :])  # dropped
            if at + 1 < len(word):
                variants.add(word[:at] + word[at + 1] + word[at] + word[at + 2 :])  # swapped
        for variant in variants:
            if len(variant) >= n._LEGAL_TYPO_MIN_LENGTH:
                assert n._legal_typos_corrected((variant,)) == (n._legal_word_for(variant),), variant
                checked += 1
    assert checked > 10_000
