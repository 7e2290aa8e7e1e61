"""Fourth independent evaluation set for the name matcher: supplier-master damage to real listed names.

    python bench/independent4/generate.py      # rewrites bench/independent4/devset.csv

Written from a plain description of how supplier master files damage the names of listed entities, without reading
the project's training generator, its own dev-set code, the matcher or the normaliser, nor the generators of the
three earlier independent sets. Positives are drawn with this file's own seed from the whole bundled OFAC SDN and
UFLPA lists, leaving out the entities of bench/independent/holdout_entities.csv (the ones the earlier sets used).
Negatives are real-looking supplier names that are on no list but share words, cities, legal forms or a brand
pattern with listed names. Standard library and polars only; every choice runs over sorted data, so the output is
byte-identical across runs and PYTHONHASHSEED values.
"""

from __future__ import annotations

import csv
import random
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

SEED = 40812026
ROOT = Path(__file__).resolve().parents[2]
LISTS = ROOT / "screener" / "data" / "lists"
HOLDOUT = ROOT / "bench" / "independent" / "holdout_entities.csv"
OUT = Path(__file__).with_name("devset.csv")

POSITIVE_COUNTS = {
    "typo": 90,
    "truncation": 70,
    "abbreviation": 75,
    "place": 80,
    "branch": 80,
    "translit": 80,
    "word_order": 70,
    "combined": 125,
}
NEGATIVE_COUNTS = {
    "generic": 140,
    "same_city": 90,
    "sister": 110,
    "near_name": 120,
    "surname": 110,
    "unrelated": 120,
}
BLANK_COUNTRY = 0.15
OTHER_COUNTRY = 0.08
MAX_QUERIES_PER_ENTITY = 2

# ---------------------------------------------------------------------------------------------------------------
# Word tables written for this set.

LEGAL_WORDS = set(
    """ltd limited llc co company corp corporation inc incorporated jsc ojsc pjsc cjsc ooo oao zao pao ao tov
    gmbh sa sas srl spa bv nv ag plc pte pvt private fze fzco fzc fz llp lp sarl sal ltda cia limitada sociedad
    anonima public joint stock liability closed open obshchestvo obshchestva aktsionernoe aktsionernoye
    otvetstvennostyu ogranichennoy ogranichennoi publichnoe publichnoye zakrytoe otkrytoe bhd sdn kft as cv de rl
    dmcc est establishment sdn bhd fzllc jv kg ug sl slu eirl sac saic ca cia pty tic san ve anonim sirketi
    limited. co. ltd. inc. corp.""".split()
)
STOP_WORDS = {"the", "of", "and", "&", "for", "in", "de", "la", "el", "del", "y", "a", "an", "at", "on", "by"}

GENERIC_WORDS = set(
    """trading trade traders textile textiles technology technologies tech steel pacific international industrial
    industry industries group holding holdings import export imports exports engineering manufacturing development
    investment investments services service shipping energy oil gas petroleum petrochemical chemical chemicals
    construction machinery machine electronics electronic electric electrical plant factory enterprise enterprises
    general global logistics bank commercial national scientific research institute production products product
    systems system solutions center centre new science materials material metal metals mining cotton fiber fibre
    spinning yarn agricultural agriculture food foods garment garments apparel power equipment defense defence
    aviation transport transportation marine maritime navigation security commodities goods supply supplies
    resources united star gold golden royal modern advanced universal central eastern western northern southern
    east west north south middle asia asian euro europe world development developments management consulting
    exchange finance financial capital fund partners partner brothers sons family network communication
    communications telecom media design engineering projects project works company plastic plastics rubber paper
    auto automotive motor motors parts component components instrument instruments precision optical medical
    pharmaceutical pharma health building buildings cement glass wood furniture leather shoes footwear fashion
    clothing knitting weaving dyeing printing packaging logistic freight cargo airline airlines air lines line
    sea ocean port petro gulf express fast best first one sky green blue red white black silver diamond crystal
    tower city land house home agro farm farms fishing fisheries seafood dairy meat sugar rice grain tea fruit
    water hydro solar wind nuclear atomic coal iron aluminium aluminum copper zinc polysilicon silicon silicone
    battery batteries chip chips semiconductor software computer computers data digital smart intelligence
    innovation innovations laboratory lab design bureau association office branch scientific production
    military insurance offshore automobile tourism recreational software heavy light special federal state venture
    airport fleet tanker tankers ship ships shipbuilding building repair tours travel hotel hotels real estate
    property properties consultancy consultants agency agencies distribution distributors wholesale retail market
    markets store stores studio art lounge gallery capital credit savings saving money jewellery jewelry
    logistica transporte transportes comercial comercializadora inversiones grupo servicios constructora
    corporacion compania empresa empresas industrias distribuidora importadora exportadora inmobiliaria agricola
    ganadera desarrollos zavod nauchno issledovatelskiy institut proizvodstvennoe obyedinenie kompaniya gruppa
    torgovyy dom stroy ticaret sanayi insaat dis sanat sanaye tejarat bazargani sherkat youxian gongsi keji maoyi
    shiye jituan fangzhi""".split()
)
PLAIN_SUFFIXES = (
    "tion",
    "sion",
    "ance",
    "ence",
    "ment",
    "ary",
    "ing",
    "ship",
    "ics",
    "ure",
    "ity",
    "ness",
    "ive",
)

NON_SUPPLIER = set(
    """army brigade brigades front party ministry movement foundation charity charitable association committee
    council guard guards corps prison penitentiary cartel mafia militia battalion regiment school university
    hospital church mosque government jamaat hizballah hezbollah qaida taliban mujahidin mujahideen martyrs
    liberation resistance revolutionary islamic jihad brotherhood gang clan organization organisation police
    directorate intelligence command force forces division battalions union federation society league relief
    fund embassy""".split()
)

# Clerk abbreviations of business words (longest first where they overlap).
ABBREVIATIONS = [
    ("international", ["Intl", "Int'l", "Intl."]),
    ("technologies", ["Techs", "Tech"]),
    ("technology", ["Tech", "Techn."]),
    ("manufacturing", ["Mfg", "Mfg.", "Manuf."]),
    ("corporation", ["Corp", "Corp."]),
    ("company", ["Co", "Co.", "Cpy"]),
    ("limited", ["Ltd", "Ltd."]),
    ("industrial", ["Ind.", "Indl", "Ind"]),
    ("industries", ["Inds", "Ind."]),
    ("industry", ["Ind.", "Indy"]),
    ("trading", ["Trdg", "Trdg.", "Trad."]),
    ("engineering", ["Eng.", "Engg", "Engr"]),
    ("enterprises", ["Ents", "Entpr."]),
    ("enterprise", ["Ent.", "Entpr."]),
    ("development", ["Dev.", "Devt"]),
    ("management", ["Mgmt", "Mgt"]),
    ("services", ["Svcs", "Serv."]),
    ("service", ["Svc", "Serv."]),
    ("holdings", ["Hldgs", "Hldg"]),
    ("holding", ["Hldg", "Hldg."]),
    ("group", ["Grp", "Gp"]),
    ("investment", ["Inv.", "Invest."]),
    ("investments", ["Invts", "Inv."]),
    ("production", ["Prod.", "Prodn"]),
    ("products", ["Prods", "Prod."]),
    ("machinery", ["Mach.", "Mchy"]),
    ("electronics", ["Elec.", "Elecs"]),
    ("electric", ["Elec.", "Elect."]),
    ("equipment", ["Equip.", "Eqpt"]),
    ("chemical", ["Chem.", "Chem"]),
    ("chemicals", ["Chems", "Chem."]),
    ("petrochemical", ["Petrochem.", "Petchem"]),
    ("construction", ["Constr.", "Const."]),
    ("transport", ["Transp.", "Trans."]),
    ("shipping", ["Shpg", "Shipg"]),
    ("import", ["Imp.", "Imp"]),
    ("export", ["Exp.", "Exp"]),
    ("national", ["Natl", "Nat'l"]),
    ("general", ["Gen.", "Genl"]),
    ("association", ["Assn", "Assoc."]),
    ("brothers", ["Bros", "Bros."]),
    ("textiles", ["Tex.", "Txtl"]),
    ("textile", ["Tex.", "Txtl"]),
    ("materials", ["Matls", "Mat."]),
    ("research", ["Res.", "Rsch"]),
    ("scientific", ["Sci.", "Scient."]),
    ("institute", ["Inst.", "Inst"]),
    ("commercial", ["Comml", "Comm."]),
    ("logistics", ["Logist.", "Log."]),
    ("resources", ["Res.", "Rscs"]),
    ("center", ["Ctr", "Cntr"]),
    ("centre", ["Ctr", "Cntr"]),
    ("factory", ["Fcty", "Fact."]),
    ("incorporated", ["Inc", "Inc."]),
]
ABBREVIATION_OF = dict(ABBREVIATIONS)

# Legal forms as they are written on the lists -> how a clerk rewrites them (None drops the form).
LEGAL_REWRITES = [
    ("co., ltd.", ["Co Ltd", "Company Limited", "Co. Limited", "Ltd", "Co.,Ltd", None]),
    ("co. ltd.", ["Co Ltd", "Company Limited", "Ltd.", None]),
    ("co., ltd", ["Co Ltd", "Company Limited", None]),
    ("company limited", ["Co Ltd", "Co., Ltd.", "Ltd", None]),
    ("co., limited", ["Co Ltd", "Company Limited", "Ltd", None]),
    ("co. limited", ["Co Ltd", "Company Limited", "Ltd", None]),
    ("limited liability company", ["LLC", "L.L.C.", "Ltd Liab Co", "OOO", None]),
    ("joint stock company", ["JSC", "J.S.C.", "AO", "Jt Stock Co", None]),
    ("public joint stock company", ["PJSC", "PAO", "Public JSC", None]),
    ("closed joint stock company", ["CJSC", "ZAO", "Closed JSC", None]),
    ("open joint stock company", ["OJSC", "OAO", "Open JSC", None]),
    ("corporation", ["Corp", "Corp.", "Co", None]),
    ("company", ["Co", "Co.", None]),
    ("limited", ["Ltd", "Ltd.", None]),
    ("ltd.", ["Limited", "Co Ltd", None]),
    ("ltd", ["Limited", "Co Ltd", None]),
    ("llc", ["L.L.C.", "Limited Liability Company", "Ltd", None]),
    ("l.l.c.", ["LLC", None]),
    ("inc.", ["Inc", "Incorporated", None]),
    ("jsc", ["J.S.C.", "Joint Stock Co", "AO", None]),
    ("pjsc", ["PAO", "Public JSC", None]),
    ("ooo", ["LLC", "O.O.O.", None]),
    ("ao", ["JSC", "A.O.", None]),
    ("gmbh", ["G.m.b.H.", "GmbH & Co", None]),
    ("s.a.", ["S A", "Sociedad Anonima", None]),
    ("sa", ["S.A.", None]),
    ("fze", ["F.Z.E.", "FZ LLC", None]),
    ("fzco", ["FZ Co", "F.Z.C.O.", None]),
    ("pvt. ltd.", ["Pvt Ltd", "Private Limited", None]),
    ("(pvt) ltd.", ["Pvt Ltd", "Private Limited", None]),
    ("private limited", ["Pvt Ltd", "Pvt. Ltd.", None]),
    ("pte. ltd.", ["Pte Ltd", "Private Limited", None]),
    ("pte ltd", ["Pte. Ltd.", None]),
    ("sdn. bhd.", ["Sdn Bhd", None]),
    ("sdn bhd", ["Sdn. Bhd.", None]),
    ("s.a.l.", ["SAL", None]),
    ("sal", ["S.A.L.", None]),
    ("ltda.", ["Ltda", "Limitada", None]),
    ("ltda", ["Ltda.", None]),
    ("s.a. de c.v.", ["SA de CV", "S.A.", None]),
    ("trading llc", ["Trdg LLC", "Trading", None]),
]
LEGAL_END = re.compile(
    r"[ ,]+(s\.? ?a\.? de c\.? ?v\.?|co\.?,? ?ltd\.?|co\.?,? limited|company limited|pte\.? ltd\.?|sdn\.? bhd\.?|"
    r"\(?pvt\.?\)? ltd\.?|ltd\.?|l\.?l\.?c\.?|limited|o?jsc|pjsc|cjsc|ooo|company|corp\.?|corporation|inc\.?|gmbh|"
    r"s\.?a\.?|s\.?a\.?r\.?l\.?|s\.?a\.?l\.?|ltda\.?|fze|fzco|b\.?v\.?|plc|co\.)$",
    re.I,
)
LEADING_LEGAL = ["ooo", "ao", "oao", "zao", "pao", "tov", "jsc", "ojsc", "pjsc", "cjsc", "llc"]
LEGAL_MOVES = {
    "limited liability company": ["LLC", "OOO", ""],
    "joint stock company": ["JSC", "AO", ""],
    "aktsionernoe obshchestvo": ["AO", "JSC", ""],
    "obshchestvo s ogranichennoy otvetstvennostyu": ["OOO", "LLC", ""],
    "obshchestvo s ogranichennoi otvetstvennostyu": ["OOO", "LLC", ""],
    "aktsionernoye obshchestvo": ["AO", "JSC", ""],
    "publichnoe aktsionernoe obshchestvo": ["PAO", "PJSC", ""],
    "zakrytoe aktsionernoe obshchestvo": ["ZAO", "CJSC", ""],
    "otkrytoe aktsionernoe obshchestvo": ["OAO", "OJSC", ""],
    "public joint stock company": ["PJSC", "PAO", ""],
    "open joint stock company": ["OJSC", "OAO", ""],
    "closed joint stock company": ["CJSC", "ZAO", ""],
}

ISO2 = {
    "Russia": "RU",
    "Iran": "IR",
    "Mexico": "MX",
    "Syria": "SY",
    "Colombia": "CO",
    "China": "CN",
    "United Arab Emirates": "AE",
    "Lebanon": "LB",
    "Pakistan": "PK",
    "Turkey": "TR",
    "Ukraine": "UA",
    "Korea, North": "KP",
    "Belarus": "BY",
    "Burma": "MM",
    "Venezuela": "VE",
    "United Kingdom": "GB",
    "Iraq": "IQ",
    "Afghanistan": "AF",
    "Germany": "DE",
    "Cyprus": "CY",
    "Panama": "PA",
    "United States": "US",
    "Yemen": "YE",
    "Thailand": "TH",
    "Peru": "PE",
    "Bulgaria": "BG",
    "Hong Kong": "HK",
    "Switzerland": "CH",
    "Somalia": "SO",
    "Zimbabwe": "ZW",
    "Italy": "IT",
    "Singapore": "SG",
    "South Africa": "ZA",
    "Malta": "MT",
    "Guatemala": "GT",
    "Nicaragua": "NI",
    "Cuba": "CU",
    "Spain": "ES",
    "Honduras": "HN",
    "Netherlands": "NL",
    "France": "FR",
    "Kuwait": "KW",
    "Canada": "CA",
    "Belgium": "BE",
    "India": "IN",
    "Serbia": "RS",
    "Saudi Arabia": "SA",
    "Sudan": "SD",
    "Taiwan": "TW",
    "Libya": "LY",
    "Egypt": "EG",
    "Cambodia": "KH",
    "Jordan": "JO",
    "Indonesia": "ID",
    "Malaysia": "MY",
    "Japan": "JP",
    "Brazil": "BR",
    "Kazakhstan": "KZ",
    "Armenia": "AM",
    "Georgia": "GE",
    "Kyrgyzstan": "KG",
    "Uzbekistan": "UZ",
    "Azerbaijan": "AZ",
    "Estonia": "EE",
    "Latvia": "LV",
    "Lithuania": "LT",
    "Finland": "FI",
    "Austria": "AT",
    "Poland": "PL",
    "Czech Republic": "CZ",
    "Greece": "GR",
    "Israel": "IL",
    "Oman": "OM",
    "Qatar": "QA",
    "Bahrain": "BH",
    "Vietnam": "VN",
    "Philippines": "PH",
    "Korea, South": "KR",
    "Ecuador": "EC",
    "Argentina": "AR",
    "Chile": "CL",
    "Bolivia": "BO",
    "Paraguay": "PY",
    "Costa Rica": "CR",
    "El Salvador": "SV",
    "Dominican Republic": "DO",
    "Nigeria": "NG",
    "Kenya": "KE",
    "Uganda": "UG",
    "Tanzania": "TZ",
    "Ethiopia": "ET",
    "Mali": "ML",
    "Serbia and Montenegro": "RS",
    "Moldova": "MD",
    "Tajikistan": "TJ",
    "Turkmenistan": "TM",
    "Mongolia": "MN",
    "Laos": "LA",
    "Bangladesh": "BD",
    "Sri Lanka": "LK",
    "Nepal": "NP",
    "Algeria": "DZ",
    "Tunisia": "TN",
    "Morocco": "MA",
    "Ireland": "IE",
    "Liechtenstein": "LI",
    "Luxembourg": "LU",
    "Seychelles": "SC",
    "Marshall Islands": "MH",
    "Liberia": "LR",
    "Virgin Islands, British": "VG",
    "Slovakia": "SK",
    "Slovenia": "SI",
    "Croatia": "HR",
    "Romania": "RO",
    "Hungary": "HU",
    "Sweden": "SE",
    "Norway": "NO",
    "Denmark": "DK",
    "Portugal": "PT",
    "Australia": "AU",
    "New Zealand": "NZ",
    "Eritrea": "ER",
    "South Sudan": "SS",
    "Central African Republic": "CF",
    "Congo, Democratic Republic of the": "CD",
    "Bosnia and Herzegovina": "BA",
    "Kosovo": "XK",
}

# Another country a supplier master might hold for the same company (trade hub, neighbour, parent's seat).
OTHER_COUNTRIES = {
    "RU": ["BY", "KZ", "AM", "AE", "TR", "CY"],
    "IR": ["AE", "TR", "IQ", "OM"],
    "CN": ["HK", "SG", "MY", "TW"],
    "HK": ["CN", "SG"],
    "AE": ["IR", "OM", "SA"],
    "SY": ["LB", "AE", "JO"],
    "LB": ["SY", "AE"],
    "KP": ["CN", "RU"],
    "BY": ["RU", "PL"],
    "TR": ["AE", "AZ"],
    "MX": ["US", "GT"],
    "CO": ["PA", "EC", "VE"],
    "VE": ["CO", "PA"],
    "PK": ["AE", "AF"],
    "MM": ["TH", "SG"],
    "IQ": ["IR", "JO"],
    "UA": ["RU", "PL"],
}

# Cities and regions per country, as a supplier record might add them.
CITIES = {
    "RU": [
        "Moscow",
        "St. Petersburg",
        "Yekaterinburg",
        "Novosibirsk",
        "Kazan",
        "Samara",
        "Perm",
        "Ufa",
        "Nizhny Novgorod",
        "Chelyabinsk",
        "Omsk",
        "Krasnoyarsk",
        "Tula",
        "Izhevsk",
        "Vladivostok",
        "Kaliningrad",
        "Rostov-on-Don",
        "Voronezh",
        "Saratov",
        "Tver",
        "Moscow Region",
        "Tatarstan",
    ],
    "RU_native": ["Москва", "Санкт-Петербург", "Екатеринбург", "Новосибирск", "Казань"],
    "CN": [
        "Shanghai",
        "Beijing",
        "Shenzhen",
        "Guangzhou",
        "Urumqi",
        "Hangzhou",
        "Ningbo",
        "Tianjin",
        "Dalian",
        "Qingdao",
        "Xiamen",
        "Wuhan",
        "Chengdu",
        "Chongqing",
        "Suzhou",
        "Wuxi",
        "Xinjiang",
        "Kashgar",
        "Hotan",
        "Aksu",
        "Changji",
        "Shihezi",
        "Jiangsu",
        "Zhejiang",
        "Guangdong",
        "Shandong",
        "Hefei",
    ],
    "CN_native": ["上海", "北京", "深圳", "广州", "乌鲁木齐", "宁波"],
    "IR": [
        "Tehran",
        "Isfahan",
        "Mashhad",
        "Tabriz",
        "Shiraz",
        "Bandar Abbas",
        "Ahvaz",
        "Karaj",
        "Qom",
        "Kish",
    ],
    "AE": ["Dubai", "Sharjah", "Abu Dhabi", "Ajman", "Jebel Ali", "Ras Al Khaimah", "Fujairah"],
    "SY": ["Damascus", "Aleppo", "Latakia", "Homs", "Tartus"],
    "LB": ["Beirut", "Tripoli", "Sidon"],
    "TR": ["Istanbul", "Ankara", "Izmir", "Mersin", "Bursa", "Gaziantep"],
    "MX": ["Guadalajara", "Culiacan", "Monterrey", "Tijuana", "Mexico City", "Sinaloa", "Jalisco"],
    "CO": ["Bogota", "Cali", "Medellin", "Barranquilla"],
    "HK": ["Kowloon", "Wan Chai", "Central", "Tsim Sha Tsui"],
    "KP": ["Pyongyang", "Nampo", "Sinuiju"],
    "BY": ["Minsk", "Grodno", "Brest", "Gomel", "Vitebsk"],
    "PK": ["Karachi", "Lahore", "Islamabad", "Peshawar"],
    "IQ": ["Baghdad", "Basra", "Erbil"],
    "TH": ["Bangkok", "Chiang Mai"],
    "MM": ["Yangon", "Mandalay", "Naypyidaw"],
    "VE": ["Caracas", "Maracaibo", "Valencia"],
    "UA": ["Kyiv", "Kharkiv", "Odesa", "Dnipro"],
    "GB": ["London", "Manchester", "Birmingham"],
    "DE": ["Hamburg", "Berlin", "Frankfurt", "Munich"],
    "IN": ["Mumbai", "Delhi", "Chennai", "Ahmedabad", "Kolkata"],
    "SG": ["Singapore"],
    "MY": ["Kuala Lumpur", "Penang", "Johor Bahru"],
    "CY": ["Limassol", "Nicosia", "Larnaca"],
    "PA": ["Panama City", "Colon"],
    "US": ["Miami", "Houston", "New York", "Los Angeles"],
    "KZ": ["Almaty", "Astana", "Karaganda"],
    "YE": ["Sanaa", "Aden", "Hodeidah"],
    "AF": ["Kabul", "Kandahar", "Herat"],
    "VN": ["Hanoi", "Ho Chi Minh City", "Haiphong"],
    "BR": ["Sao Paulo", "Santos", "Curitiba"],
    "BD": ["Dhaka", "Chittagong", "Gazipur"],
}

BRANCH_TEMPLATES = [
    ("en", "{n} Branch"),
    ("en", "{n}, {c} Branch"),
    ("en", "{n} {c} Branch"),
    ("en", "{n} - Representative Office"),
    ("en", "{n} - Representative Office {c}"),
    ("en", "{n} Rep. Office"),
    ("en", "{n} (Branch Office)"),
    ("de", "{n} Filiale {c}"),
    ("de", "{n} - Filiale"),
    ("es", "{n} Sucursal {c}"),
    ("es", "{n} - Sucursal"),
    ("es", "Sucursal {c} {n}"),
    ("zh", "{n}分公司"),
    ("zh", "{n} {c}分公司"),
    ("ru", "{n} Filial"),
    ("ru", "Filial {n} v {c}"),
]

# Russian romanisation alternatives (pattern, replacements); applied to one or two brand words.
RUSSIAN_RULES = [
    (r"KH", ["H", "X", "CH"]),
    (r"(?<![KSZCT])H", ["KH"]),
    (r"SHCH", ["SCH", "SHTCH"]),
    (r"TS", ["C", "TZ"]),
    (r"IY\b", ["Y", "II", "IJ", "YY"]),
    (r"YY\b", ["Y", "IY", "II"]),
    (r"SKY\b", ["SKIY", "SKII"]),
    (r"YU", ["IU", "JU"]),
    (r"YA", ["IA", "JA"]),
    (r"YE", ["E", "IE", "JE"]),
    (r"OYE\b", ["OE"]),
    (r"OE\b", ["OYE"]),
    (r"ZH", ["J", "ZJ"]),
    (r"KS", ["X"]),
    (r"OV\b", ["OFF", "OW"]),
    (r"EV\b", ["EFF", "EW"]),
    (r"EI", ["EY"]),
    (r"EY", ["EI"]),
    (r"(?<=[AEIOU])I(?=[AEIOU])", ["Y", "J"]),
    (r"V", ["W"]),
]

PINYIN_SYLLABLES = set(
    """a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen
    ceng cha chai chan chang chao che chen cheng chi chong chou chu chuai chuan chuang chui chun chuo ci cong cou
    cu cuan cui cun cuo da dai dan dang dao de dei deng di dian diao die ding diu dong dou du duan dui dun duo e
    en er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang
    gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang
    jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke ken keng kong kou ku kua kuai kuan kuang
    kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu long lou lu lv luan lue
    lun luo ma mai man mang mao mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei
    nen neng ni nian niang niao nie nin ning niu nong nou nu nv nuan nue nuo o ou pa pai pan pang pao pei pen
    peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran
    rang rao re ren reng ri rong rou ru ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao
    she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai
    tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi
    xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan
    yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhen zheng zhi zhong zhou zhu zhua
    zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo""".split()
)
WADE_INITIALS = [
    ("zh", "ch"),
    ("ch", "ch'"),
    ("q", "ch'"),
    ("x", "hs"),
    ("j", "ch"),
    ("z", "ts"),
    ("c", "ts'"),
    ("r", "j"),
    ("b", "p"),
    ("p", "p'"),
    ("d", "t"),
    ("t", "t'"),
    ("g", "k"),
    ("k", "k'"),
]
WADE_FINALS = [
    ("iong", "iung"),
    ("ong", "ung"),
    ("ian", "ien"),
    ("ie", "ieh"),
    ("ui", "uei"),
    ("you", "yu"),
    ("yan", "yen"),
    ("ye", "yeh"),
    ("yi", "i"),
    ("uo", "o"),
]
POSTAL = {
    "xinjiang": "Sinkiang",
    "beijing": "Peking",
    "guangzhou": "Canton",
    "tianjin": "Tientsin",
    "qingdao": "Tsingtao",
    "nanjing": "Nanking",
    "chongqing": "Chungking",
    "xiamen": "Amoy",
    "urumqi": "Urumchi",
    "shandong": "Shantung",
    "guangdong": "Kwangtung",
    "fujian": "Fukien",
    "sichuan": "Szechwan",
    "aksu": "Akesu",
    "kashgar": "Kashi",
    "hotan": "Hetian",
    "shihezi": "Shihhotzu",
    "jiangsu": "Kiangsu",
    "zhejiang": "Chekiang",
    "hubei": "Hupeh",
    "hebei": "Hopeh",
    "henan": "Honan",
    "shanxi": "Shansi",
    "shaanxi": "Shensi",
    "xian": "Sian",
    "dalian": "Dairen",
    "suzhou": "Soochow",
    "hangzhou": "Hangchow",
    "changji": "Changchi",
}

KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]

# Negative name parts, written for this set.
SURNAMES = {
    "CN": [
        "Wang",
        "Li",
        "Zhang",
        "Liu",
        "Chen",
        "Yang",
        "Huang",
        "Zhao",
        "Wu",
        "Zhou",
        "Xu",
        "Sun",
        "Ma",
        "Zhu",
    ],
    "RU": [
        "Ivanov",
        "Smirnov",
        "Kuznetsov",
        "Popov",
        "Vasiliev",
        "Petrov",
        "Sokolov",
        "Mikhailov",
        "Fedorov",
        "Morozov",
        "Volkov",
        "Alekseev",
        "Lebedev",
        "Semenov",
    ],
    "IR": ["Hosseini", "Mohammadi", "Rezaei", "Ahmadi", "Moradi", "Karimi", "Jafari", "Rahimi", "Sadeghi"],
    "IN": ["Sharma", "Patel", "Kumar", "Singh", "Gupta", "Reddy", "Mehta", "Agarwal", "Iyer"],
    "TR": ["Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Ozturk", "Aydin"],
    "MX": ["Garcia", "Hernandez", "Lopez", "Martinez", "Gonzalez", "Ramirez", "Torres", "Flores"],
    "DE": ["Mueller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker"],
    "GB": ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas"],
    "VN": ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang"],
    "AE": ["Al Mansoori", "Al Hashimi", "Al Nuaimi", "Al Suwaidi", "Al Falasi"],
    "KR": ["Kim", "Lee", "Park", "Choi", "Jung", "Kang"],
    "BR": ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa"],
    "PK": ["Khan", "Qureshi", "Malik", "Butt", "Chaudhry", "Sheikh"],
    "BD": ["Rahman", "Hossain", "Islam", "Uddin", "Akter"],
    "US": ["Johnson", "Miller", "Davis", "Anderson", "Clark", "Lewis"],
}
LEGAL_BY_COUNTRY = {
    "CN": ["Co., Ltd.", "Co. Ltd", "Limited", "Group Co., Ltd."],
    "HK": ["Limited", "Co., Limited"],
    "RU": ["LLC", "OOO", "JSC", "AO", "PJSC"],
    "IR": ["Co.", "PJS", "Private Joint Stock Co."],
    "IN": ["Pvt. Ltd.", "Private Limited", "Ltd."],
    "TR": ["A.S.", "Ltd. Sti.", "San. ve Tic. A.S."],
    "MX": ["S.A. de C.V.", "S. de R.L. de C.V."],
    "DE": ["GmbH", "GmbH & Co. KG", "AG"],
    "GB": ["Ltd", "Limited", "PLC"],
    "VN": ["Co., Ltd", "JSC"],
    "AE": ["LLC", "FZE", "FZCO", "Trading LLC"],
    "KR": ["Co., Ltd.", "Corporation"],
    "BR": ["Ltda.", "S.A."],
    "PK": ["(Pvt) Ltd.", "Pvt Ltd"],
    "BD": ["Ltd.", "Limited"],
    "US": ["Inc.", "LLC", "Corp."],
    "SY": ["LLC", "Co."],
    "BY": ["OOO", "OAO", "LLC"],
    "MY": ["Sdn. Bhd.", "Sdn Bhd"],
    "SG": ["Pte. Ltd.", "Pte Ltd"],
    "LB": ["SAL", "S.A.L."],
    "KP": ["Corporation"],
    "TH": ["Co., Ltd.", "Public Company Limited"],
    "CO": ["S.A.S.", "Ltda."],
    "UA": ["LLC", "TOV", "PJSC"],
    "IT": ["S.r.l.", "S.p.A."],
    "ES": ["S.L.", "S.A."],
    "FR": ["SARL", "SAS"],
    "NL": ["B.V."],
    "PL": ["Sp. z o.o."],
}
# Industry words by sector, some in the local language; used for generic and surname negatives.
INDUSTRY_WORDS = {
    "en": [
        "Trading",
        "Textile",
        "Technology",
        "Steel",
        "Pacific",
        "International",
        "Industrial",
        "Logistics",
        "Packaging",
        "Garments",
        "Electronics",
        "Machinery",
        "Chemical",
        "Plastics",
        "Foods",
        "Apparel",
        "Engineering",
        "Metals",
        "Paper",
        "Furniture",
        "Auto Parts",
        "Cotton",
        "Knitting",
        "Imports",
        "Global",
        "Solutions",
        "Supply",
        "Components",
        "Precision",
        "Agro",
        "Cables",
        "Footwear",
        "Ceramics",
        "Hardware",
        "Building Materials",
        "Printing",
        "Polymers",
        "Tools",
        "Lighting",
        "Marine",
        "Energy",
    ],
    "RU": [
        "Stroy",
        "Torg",
        "Prom",
        "Snab",
        "Trans",
        "Metall",
        "Tekhnika",
        "Neft",
        "Energo",
        "Agro",
        "Les",
        "Khim",
        "Mash",
        "Servis",
        "Komplekt",
        "Import",
        "Trade",
    ],
    "CN": [
        "Fangzhi",
        "Maoyi",
        "Keji",
        "Shiye",
        "Jixie",
        "Dianzi",
        "Huagong",
        "Fuzhuang",
        "Gangtie",
        "Baozhuang",
        "Wuliu",
        "Jinshu",
        "Textile",
        "Technology",
        "Trading",
        "Garment",
    ],
    "ES": [
        "Comercializadora",
        "Textiles",
        "Aceros",
        "Empaques",
        "Distribuidora",
        "Industrias",
        "Plasticos",
        "Transportes",
        "Alimentos",
        "Maquinaria",
    ],
    "TR": ["Tekstil", "Insaat", "Makina", "Gida", "Ambalaj", "Plastik", "Otomotiv", "Kimya", "Dis Ticaret"],
    "DE": [
        "Verpackung",
        "Maschinenbau",
        "Handel",
        "Technik",
        "Logistik",
        "Stahlbau",
        "Elektro",
        "Kunststoff",
    ],
    "FA": ["Sanat", "Tejarat", "Bazargani", "Sakhteman", "Nassaji", "Petro", "Tolidi", "Sanaye"],
}
LANGUAGE_OF = {
    "RU": "RU",
    "BY": "RU",
    "UA": "RU",
    "KZ": "RU",
    "CN": "CN",
    "HK": "CN",
    "TW": "CN",
    "MX": "ES",
    "CO": "ES",
    "VE": "ES",
    "ES": "ES",
    "TR": "TR",
    "DE": "DE",
    "IR": "FA",
    "AF": "FA",
}
# Brand-like words per language for near_name replacements (checked against every listed word before use).
BRAND_WORDS = {
    "RU": [
        "Rassvet",
        "Zarechye",
        "Belogorye",
        "Lesnaya",
        "Volgar",
        "Tikhvin",
        "Dubrava",
        "Ozerki",
        "Solnechny",
        "Kedrovy",
        "Rodnik",
        "Severyanka",
        "Polyana",
        "Beryozka",
        "Yantar",
        "Korall",
        "Mayak",
        "Uyut",
        "Kolos",
        "Lazur",
        "Raduga",
        "Istok",
        "Prostor",
        "Vershina",
        "Zvezdochka",
        "Ladoga",
        "Gorizont",
    ],
    "CN": [
        "Jinfeng",
        "Hongda",
        "Xinhe",
        "Ruixiang",
        "Baolong",
        "Tianhe",
        "Jiahua",
        "Mingyang",
        "Huarun",
        "Yongsheng",
        "Dongfang",
        "Shunfa",
        "Fuxing",
        "Kaiyuan",
        "Longsheng",
        "Haitian",
        "Lianfa",
        "Hengtong",
        "Xinyuan",
        "Jinhui",
        "Yuanda",
        "Zhongxin",
        "Wanli",
        "Sanyuan",
        "Taihe",
        "Guangming",
        "Huaxing",
    ],
    "FA": [
        "Arman",
        "Behsaz",
        "Kavir",
        "Sepahan",
        "Alborz",
        "Golestan",
        "Pardis",
        "Shayan",
        "Rayan",
        "Nikan",
        "Mehregan",
        "Parsian",
        "Azarakhsh",
        "Baran",
        "Setareh",
        "Kimia",
        "Tabesh",
        "Farzan",
        "Roshan",
    ],
    "ES": [
        "Alameda",
        "Montserrat",
        "Buenavista",
        "Cordillera",
        "Arboleda",
        "Laguna",
        "Ribera",
        "Solana",
        "Mirador",
        "Encino",
        "Palmar",
        "Quintana",
        "Sauce",
        "Altamira",
        "Almendro",
    ],
    "TR": ["Anadolu", "Karadag", "Yildizli", "Akdeniz", "Ozgur", "Gunes", "Ceylan", "Doruk", "Bereket"],
    "DE": ["Lindenhof", "Brandt", "Nordwind", "Eichwald", "Sonnenberg", "Rheinfeld", "Bergmann", "Waldner"],
    "en": [
        "Bluewater",
        "Oakridge",
        "Silverline",
        "Brightfield",
        "Northgate",
        "Redwood",
        "Stonebridge",
        "Fairway",
        "Harbourview",
        "Clearwater",
        "Summit",
        "Keystone",
        "Lakeshore",
        "Meadowbrook",
        "Ironbark",
        "Westbury",
    ],
}
# Plain company names from several countries, whole (negative kind `unrelated`); each is checked against the lists.
UNRELATED_PARTS = {
    "GB": (
        ["Ashford", "Kingsley", "Thornbury", "Marlow", "Whitfield", "Pembroke"],
        ["Joinery", "Print & Packaging", "Fasteners", "Workwear", "Catering Supplies", "Office Furniture"],
    ),
    "DE": (
        ["Lindner", "Hoffmann", "Krauss", "Bremer", "Allgaeuer", "Schwarzwald"],
        ["Verpackung", "Feinmechanik", "Kaeserei", "Druckerei", "Industriebedarf", "Holzbau"],
    ),
    "FR": (
        ["Dubois", "Lefevre", "Bretagne", "Provence", "Girard", "Moreau"],
        ["Emballages", "Boulangerie Industrielle", "Transports", "Textiles", "Quincaillerie"],
    ),
    "IT": (
        ["Rossi", "Bianchi", "Ferrari", "Toscana", "Lombarda", "Romano"],
        ["Imballaggi", "Tessuti", "Meccanica", "Alimentari", "Ceramiche", "Arredamenti"],
    ),
    "ES": (
        ["Navarro", "Castilla", "Iberica", "Levante", "Ruiz", "Ortega"],
        ["Envases", "Textil", "Construcciones", "Conservas", "Ferreteria"],
    ),
    "US": (
        ["Midwest", "Lone Star", "Great Lakes", "Cascade", "Bayou", "Appalachian"],
        ["Office Supply", "Pallet", "Janitorial", "Fasteners", "Corrugated Box", "Paint & Coatings"],
    ),
    "IN": (
        ["Shree Ganesh", "Lakshmi", "Sai Krishna", "Om Sakthi", "Vinayaka", "Balaji"],
        ["Spinning Mills", "Polymers", "Agro Foods", "Cotton Ginning", "Fabricators", "Exports"],
    ),
    "VN": (
        ["Saigon", "Hanoi", "Mekong", "Binh Duong", "Dong Nai", "Thanh Cong"],
        ["Garment", "Seafood", "Wood Processing", "Footwear", "Packaging", "Coffee"],
    ),
    "BD": (
        ["Padma", "Meghna", "Jamuna", "Rupsha", "Karnaphuli", "Surma"],
        ["Knit Composite", "Fashions", "Denim", "Sweaters", "Accessories", "Washing"],
    ),
    "BR": (
        ["Paulista", "Mineira", "Gaucha", "Amazonia", "Nordeste", "Cerrado"],
        ["Embalagens", "Alimentos", "Calcados", "Confeccoes", "Madeiras", "Metalurgica"],
    ),
    "MX": (
        ["Bajio", "Norteno", "Potosina", "Yucateca", "Jalisciense", "Queretana"],
        ["Empaques", "Plasticos", "Muebles", "Confecciones", "Ferreteria", "Autopartes"],
    ),
    "TR": (
        ["Ege", "Marmara", "Kapadokya", "Bogazici", "Trakya", "Karadeniz"],
        ["Tekstil", "Ambalaj", "Mobilya", "Makina", "Gida", "Konfeksiyon"],
    ),
    "JP": (
        ["Sakura", "Fujimoto", "Hokuriku", "Kansai", "Tohoku", "Shimada"],
        ["Seiko Works", "Precision", "Kogyo", "Shoji", "Textile", "Paper"],
    ),
    "PL": (
        ["Mazowsze", "Wislana", "Pomorska", "Krakowska", "Slaska", "Baltyk"],
        ["Opakowania", "Meble", "Stal", "Tekstylia", "Transport"],
    ),
}


# ---------------------------------------------------------------------------------------------------------------
# Reading the lists.


@dataclass
class Entity:
    entity_id: str
    list_name: str
    names: list[str]
    country: str
    city: str = ""
    russian: bool = False
    used: dict[str, int] = field(default_factory=dict)


def words(text: str) -> list[str]:
    """Lower-case word tokens (Latin, Cyrillic, Han); the comparison unit of every check in this file."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return re.findall(r"[0-9a-zа-яё\u4e00-\u9fff]+", folded.casefold().replace("'", ""))


def core(text: str) -> frozenset[str]:
    """The words that identify a name: legal forms and function words left out."""
    return frozenset(w for w in words(text) if w not in LEGAL_WORDS and w not in STOP_WORDS)


def distinctive(text: str) -> list[str]:
    """Core words that are no generic business word and no place (the brand)."""
    return [
        w
        for w in words(text)
        if w in core(text)
        and w not in GENERIC_WORDS
        and w not in PLACE_WORDS
        and len(w) >= 3
        and not w.isdigit()
    ]


PLACE_WORDS = (
    {w for cities in CITIES.values() for c in cities for w in words(c)}
    | {w for c in ISO2 for w in words(c)}
    | {
        "russian",
        "iranian",
        "chinese",
        "syrian",
        "korea",
        "korean",
        "persian",
        "arab",
        "emirates",
        "moscow",
        "xinjiang",
        "siberian",
        "ural",
        "baltic",
    }
)


# How many listed names carry each word (filled in main); a truncation must keep a rare word whole.
WORD_FREQUENCY: Counter = Counter()
LISTED: list[Listed] = []  # the lists' names (filled in main); a truncation must still point at one entity
RARE = 20


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_sdn() -> tuple[list[Entity], list[tuple[str, str, bool]]]:
    """OFAC SDN organisations (type blank) with aliases, country and city; and every SDN name (people too)."""
    sdn = read_csv(LISTS / "ofac_sdn.csv")
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in read_csv(LISTS / "ofac_alt.csv"):
        aliases[row["ent_num"]].append(row["alt_name"])
    countries: dict[str, Counter] = defaultdict(Counter)
    cities: dict[str, Counter] = defaultdict(Counter)
    for row in read_csv(LISTS / "ofac_add.csv"):
        if row["country"] in ISO2:
            countries[row["ent_num"]][ISO2[row["country"]]] += 1
        city = row["city_state_province_postal"].split(",")[0].strip()
        if city and re.fullmatch(r"[A-Za-z .'-]{3,25}", city):
            cities[row["ent_num"]][city] += 1
    entities, every_name = [], []
    for row in sdn:
        ent = row["ent_num"]
        names = [row["sdn_name"], *aliases.get(ent, [])]
        is_org = row["sdn_type"] == ""
        every_name.extend((f"ofac-sdn:{ent}", n, is_org) for n in names)
        if not is_org:
            continue
        country = (
            sorted(countries[ent].items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if countries[ent] else ""
        )
        city = sorted(cities[ent].items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if cities[ent] else ""
        russian = bool(re.search(r"RUSSIA|UKRAINE|BELARUS|CYBER2", row["program"]))
        entities.append(Entity(f"ofac-sdn:{ent}", "ofac-sdn", names, country, city.title(), russian))
    return entities, every_name


def read_uflpa() -> tuple[list[Entity], list[tuple[str, str, bool]]]:
    """UFLPA entities with aliases and former names."""
    entities, every_name = [], []
    for row in read_csv(LISTS / "uflpa_entity_list.csv"):
        extra = [a.strip() for a in f"{row['aliases']};{row['former_names']}".split(";") if a.strip()]
        names = [row["entity_name"], *extra]
        every_name.extend((f"uflpa:{row['entity_key']}", n, True) for n in names)
        if row["status"] == "listed":
            entities.append(Entity(f"uflpa:{row['entity_key']}", "uflpa", names, row["country"] or "CN"))
    return entities, every_name


def read_cbp_names() -> list[tuple[str, str, bool]]:
    """CBP WRO party names, used only to keep positives off them and negatives clear of them."""
    out = []
    for row in read_csv(LISTS / "cbp_wro_findings.csv"):
        for part in re.split(r";|\ba/k/a\b|\baka\b", f"{row['entity']};{row['aliases']}"):
            part = part.strip(" ,;()")
            if part:
                out.append((f"cbp:{part.casefold()}", part, True))
    return out


# ---------------------------------------------------------------------------------------------------------------
# Eligibility and checks.


def is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in text)


def eligible_name(name: str) -> bool:
    """A supplier-like organisation name of 2-6 words (legal form aside) with a brand word."""
    toks = words(name)
    if not is_latin(name) or not 2 <= len(core(name)) <= 6 or len(name) > 80:
        return False
    if any(t in NON_SUPPLIER for t in toks) or re.search(r"\bNO\.?\s*\d|\d{3,}", name, re.I):
        return False
    has_business = any(t in LEGAL_WORDS or t in GENERIC_WORDS for t in toks)
    return has_business and bool(distinctive(name))


class Listed:
    """Every listed name's core words, to keep positives off other entities and negatives off every listed name."""

    def __init__(self, every_name: list[tuple[str, str, bool]]):
        self.by_core: dict[frozenset[str], set[str]] = defaultdict(set)
        self.org_cores: list[frozenset[str]] = []
        self.all_cores: list[tuple[str, frozenset[str]]] = []
        self.words: set[str] = set()
        for entity_id, name, is_org in every_name:
            c = core(name)
            if not c:
                continue
            self.by_core[c].add(entity_id)
            self.all_cores.append((entity_id, c))
            if is_org:
                self.org_cores.append(c)
            self.words.update(words(name))
        self.by_word: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
        self.by_token: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
        for entity_id, c in self.all_cores:
            self.by_word[min(c)].append((entity_id, c))
            for w in c:
                self.by_token[w].append((entity_id, c))
        self.words_by_len: dict[int, list[str]] = defaultdict(list)
        for w in sorted(self.words):
            self.words_by_len[len(w)].append(w)

    def contained_cores(self, query_core: frozenset[str]) -> list[tuple[str, frozenset[str]]]:
        """(entity, core words) of every listed name whose core words all appear in the query."""
        return [(e, c) for w in sorted(query_core) for e, c in self.by_word.get(w, []) if c <= query_core]

    def contained(self, query_core: frozenset[str]) -> set[str]:
        """Entities with a listed name whose core words all appear in the query."""
        return {e for e, _ in self.contained_cores(query_core)}

    def unique_within(self, kept: frozenset[str], entity_id: str) -> bool:
        """Whether no other entity has a name that contains all the kept words (a cut name is still unique)."""
        if not kept:
            return False
        rarest = min(sorted(kept), key=lambda w: len(self.by_token.get(w, [])))
        return not any(e != entity_id and kept <= c for e, c in self.by_token.get(rarest, []))

    def near_word(self, word: str) -> bool:
        """Whether a word is on a list or one slip away from a listed word."""
        w = word.casefold()
        if w in self.words:
            return True
        return any(
            one_edit(w, other) for n in (len(w) - 1, len(w), len(w) + 1) for other in self.words_by_len[n]
        )


def one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by at most one substitution, insertion, deletion or neighbour swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


def ambiguous(entity: Entity, listed: Listed) -> bool:
    """Whether a name of this entity is (nearly) the name of another listed entity: a hit there is no error."""
    for name in entity.names:
        c = core(name)
        if listed.by_core.get(c, set()) - {entity.entity_id}:
            return True
        if len(c) < 2:
            continue
        for w in sorted(c):
            for other_id, other in listed.by_token.get(w, []):
                if other_id != entity.entity_id and len(other) >= 2 and len(c ^ other) <= 1:
                    return True
    return False


def positive_ok(query: str, entity: Entity, source: str, listed: Listed) -> bool:
    """A damaged name must not become (or contain) another entity's name."""
    q = core(query)
    if not q or listed.by_core.get(q, set()) - {entity.entity_id}:
        return False
    src = core(source)
    return not any(other_id != entity.entity_id and not c <= src for other_id, c in listed.contained_cores(q))


# ---------------------------------------------------------------------------------------------------------------
# Damage, one function per kind; each returns (name, tag) or None when it does not apply.


def match_case(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word.lower()


def keyboard_neighbour(rng: random.Random, ch: str) -> str:
    low = ch.lower()
    for r, row in enumerate(KEYBOARD):
        if low in row:
            i = row.index(low)
            options = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
            options += [KEYBOARD[rr][i] for rr in (r - 1, r + 1) if 0 <= rr < 3 and i < len(KEYBOARD[rr])]
            pick = rng.choice(sorted(options))
            return pick.upper() if ch.isupper() else pick
    return ch


def slip(rng: random.Random, word: str) -> tuple[str, str]:
    """One keyboard slip in a word."""
    ops = ["neighbour", "double"]
    if len(word) >= 3:
        ops.append("drop")
    if len(word) >= 2:
        ops.append("swap")
    op = rng.choice(ops)
    letters = [i for i, ch in enumerate(word) if ch.isalpha()]
    i = rng.choice(letters)
    if op == "neighbour":
        return word[:i] + keyboard_neighbour(rng, word[i]) + word[i + 1 :], op
    if op == "double":
        return word[: i + 1] + word[i] + word[i + 1 :], op
    if op == "drop":
        i = rng.choice(letters[1:]) if len(letters) > 1 else i
        return word[:i] + word[i + 1 :], op
    pairs = [k for k in range(len(word) - 1) if word[k].isalpha() and word[k + 1].isalpha()]
    if not pairs:
        return word[: i + 1] + word[i] + word[i + 1 :], "double"
    i = rng.choice(pairs)
    if word[i].casefold() == word[i + 1].casefold():
        return word[:i] + keyboard_neighbour(rng, word[i]) + word[i + 1 :], "neighbour"
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :], op


def damage_typo(rng: random.Random, name: str, entity: Entity, count: int | None = None):
    parts = re.split(r"(\s+)", name)
    slots = [
        i
        for i, p in enumerate(parts)
        if re.fullmatch(r"[A-Za-z][A-Za-z.,'-]*", p) and sum(map(str.isalpha, p)) >= 2
    ]
    if not slots:
        return None
    count = count or rng.choice([1, 1, 2])
    tags = []
    for _ in range(count):
        short = [i for i in slots if sum(map(str.isalpha, parts[i])) <= 4]
        brand = [i for i in slots if words(parts[i]) and words(parts[i])[0] in distinctive(name)]
        pool = short if short and rng.random() < 0.3 else (brand if brand and rng.random() < 0.6 else slots)
        i = rng.choice(pool)
        before = parts[i]
        parts[i], op = slip(rng, parts[i])
        tags.append(f"{op}:{before}")
    new = "".join(parts)
    return (new, "typo:" + "+".join(tags)) if new != name else None


def damage_truncation(rng: random.Random, name: str, entity: Entity):
    cuts = [c for c in (30, 35, 40) if len(name) > c + 3]
    if not cuts:
        return None
    cut = rng.choice(cuts)
    new = name[:cut].rstrip(" ,.-(")
    whole = new if not name[cut].isalnum() else new.rsplit(" ", 1)[0] if " " in new else ""
    if not any(w in words(whole) and WORD_FREQUENCY[w] <= RARE for w in distinctive(name) if len(w) >= 4):
        return None
    if not LISTED or not LISTED[0].unique_within(core(whole), entity.entity_id):
        return None
    if rng.random() < 0.75:
        new = new.upper()
    return new, f"truncate:{cut}" + (":mid_word" if name[cut].isalnum() and name[cut - 1].isalnum() else "")


def rewrite_legal(rng: random.Random, name: str) -> tuple[str, str] | None:
    low = name.casefold()
    for form, options in LEGAL_REWRITES:
        if low.endswith(form) and (len(low) == len(form) or not low[-len(form) - 1].isalnum()):
            choice = rng.choice(options)
            head = name[: len(name) - len(form)].rstrip(" ,")
            if choice is None:
                return head, f"legal:drop:{form}"
            choice = choice.upper() if name[-len(form) :].isupper() else choice
            if re.search(r"\bco\.?,?$", head, re.I) and choice.casefold().startswith("co"):
                return None
            return f"{head} {choice}", f"legal:{form}->{choice}"
    for form in LEADING_LEGAL:
        if low.startswith(form + " "):
            rest = name[len(form) + 1 :]
            if rng.random() < 0.5:
                return rest, f"legal:drop:{form}"
            return f"{rest} {name[: len(form)]}", f"legal:move:{form}"
    for form, options in LEGAL_MOVES.items():
        if low.startswith(form + " "):
            choice = rng.choice(options)
            rest = name[len(form) + 1 :]
            return (f"{rest} {choice}".strip(), f"legal:{form}->{choice or 'drop'}")
    return None


def damage_abbreviation(rng: random.Random, name: str, entity: Entity):
    parts = re.split(r"(\W+)", name)
    legal_words = ("limited", "company", "corporation", "incorporated")
    hits = [
        i for i, p in enumerate(parts) if p.casefold() in ABBREVIATION_OF and p.casefold() not in legal_words
    ]
    tags = []
    if hits:
        chosen = sorted(rng.sample(hits, k=max(1, min(len(hits), rng.choice([1, 2, 3])))))
        for i in chosen:
            abbr = rng.choice(ABBREVIATION_OF[parts[i].casefold()])
            tags.append(f"abbr:{parts[i]}->{abbr}")
            parts[i] = abbr.upper() if parts[i].isupper() else abbr
            if abbr.endswith(".") and i + 1 < len(parts) and parts[i + 1].startswith("."):
                parts[i + 1] = parts[i + 1][1:]
    new = "".join(parts)
    if not tags or rng.random() < 0.4:
        legal = rewrite_legal(rng, new)
        if legal:
            new, tag = legal
            tags.append(tag)
    if not tags or words(new) == words(name):
        return None
    return re.sub(r"\s+", " ", new).strip(), ";".join(tags)


def city_for(rng: random.Random, entity: Entity) -> str | None:
    options = list(CITIES.get(entity.country, []))
    if entity.city and entity.city.casefold() not in {o.casefold() for o in options}:
        options += [entity.city] * 3
    native = CITIES.get(entity.country + "_native", [])
    if native and rng.random() < 0.12:
        options = native
    if not options:
        return None
    return rng.choice(sorted(options))


def damage_place(rng: random.Random, name: str, entity: Entity):
    city = city_for(rng, entity)
    if not city or set(words(city)) & set(words(name)):
        return None
    style = rng.choice(["before", "after", "brackets", "dash", "comma", "before_legal"])
    if style == "before":
        new = f"{city} {name}"
    elif style == "after":
        new = f"{name} {city}"
    elif style == "brackets":
        new = f"{name} ({city})"
    elif style == "dash":
        new = f"{name} - {city}"
    elif style == "comma":
        new = f"{name}, {city}"
    else:
        m = LEGAL_END.search(name)
        if not m:
            return None
        new = f"{name[: m.start()]} {city}{name[m.start() :]}"
    if name.isupper() and city.isascii():
        new = new.replace(city, city.upper())
    return new, f"place:{style}:{city}"


def damage_branch(rng: random.Random, name: str, entity: Entity):
    allowed = {"en", "de", "es"}
    if entity.country in ("CN", "HK", "TW"):
        allowed.add("zh")
    if entity.country in ("RU", "BY", "UA", "KZ") or (entity.russian and not entity.country):
        allowed.add("ru")
    lang, template = rng.choice([t for t in BRANCH_TEMPLATES if t[0] in allowed])
    city = ""
    if "{c}" in template:
        city = city_for(rng, entity) or rng.choice(["Dubai", "Hong Kong", "Istanbul", "Moscow", "Shanghai"])
        if lang == "zh" and entity.country == "CN" and rng.random() < 0.5:
            city = rng.choice(CITIES["CN_native"])
    new = template.format(n=name, c=city)
    if name.isupper() and lang != "zh":
        new = new.upper()
    return new, f"branch:{lang}:{template}"


RUSSIAN_LOOK = re.compile(
    r"KH|ZH|TS|SHCH|IY\b|YY\b|SKIY|SKY\b|OV\b|EV\b|YA|YU|YE|STROY|PROM|NEFT|TEKH|GAZ|OYE\b|AYA\b|INSK|ENERGO|"
    r"MASH|ZAVOD|NAUCH|SERVIS|TORG|SNAB|AVTO|KOM|RUS|SIB|URAL|VOLG|MOSK|NOVO|NII|NPO|NPP|KB\b|TEKHNI|ELEKTRO|OBOR"
)


def respell_russian(rng: random.Random, word: str) -> str | None:
    upper = word.upper()
    if len(upper) < 4 or not RUSSIAN_LOOK.search(upper):
        return None
    rules = [(p, r) for p, r in RUSSIAN_RULES if re.search(p, upper)]
    if not rules:
        return None
    pattern, repl = rng.choice(rules)
    matches = list(re.finditer(pattern, upper))
    m = rng.choice(matches)
    new = upper[: m.start()] + rng.choice(repl) + upper[m.end() :]
    return match_case(word, new.lower()) if not word.isupper() else new


def split_pinyin(word: str) -> list[str] | None:
    """Pinyin syllables of a word (greedy, longest first, backtracking), or None when it is no pinyin."""
    w = word.casefold()
    memo: dict[int, list[str] | None] = {}

    def go(i: int) -> list[str] | None:
        if i == len(w):
            return []
        if i in memo:
            return memo[i]
        for j in range(min(len(w), i + 6), i, -1):
            if w[i:j] in PINYIN_SYLLABLES:
                rest = go(j)
                if rest is not None:
                    memo[i] = [w[i:j], *rest]
                    return memo[i]
        memo[i] = None
        return None

    return go(0)


def wade_giles(syllable: str) -> str:
    s = syllable
    for py, wg in WADE_FINALS:
        if s == py or (s.endswith(py) and py not in ("you", "yan", "ye", "yi")):
            s = s[: len(s) - len(py)] + wg
            break
    special = {
        "si": "ssu",
        "zi": "tzu",
        "ci": "tzu",
        "shi": "shih",
        "zhi": "chih",
        "chi": "chih",
        "ri": "jih",
    }
    if syllable in special:
        return special[syllable]
    for py, wg in WADE_INITIALS:
        if s.startswith(py):
            return wg + s[len(py) :]
    return s


def respell_chinese(rng: random.Random, name: str) -> tuple[str, str] | None:
    parts = re.split(r"(\s+)", name)
    options = []
    for i, p in enumerate(parts):
        w = p.strip(",.()").casefold()
        if w in POSTAL:
            options.append((i, "postal"))
        syl = split_pinyin(w) if len(w) >= 4 else None
        if syl and len(syl) >= 2 and w not in GENERIC_WORDS and w not in LEGAL_WORDS:
            options += [(i, "split"), (i, "wade"), (i, "hyphen")]
    joinable = [
        i
        for i in range(0, len(parts) - 2, 2)
        if split_pinyin(parts[i].casefold()) == [parts[i].casefold()]
        and split_pinyin(parts[i + 2].casefold()) == [parts[i + 2].casefold()]
    ]
    options += [(i, "join") for i in joinable]
    if not options:
        return None
    i, how = rng.choice(options)
    word = parts[i]
    core_word = word.strip(",.()")
    if how == "postal":
        new = match_case(core_word, POSTAL[core_word.casefold()])
    elif how == "join":
        new = parts[i] + parts[i + 2].lower() if not parts[i].isupper() else parts[i] + parts[i + 2]
        parts[i], parts[i + 1], parts[i + 2] = new, "", ""
        return "".join(parts), f"translit:zh:join:{word}"
    else:
        syl = split_pinyin(core_word)
        if how == "wade":
            syl = [wade_giles(s) for s in syl]
            if rng.random() < 0.5:
                syl = [s.replace("'", "") for s in syl]
        sep = {"split": " ", "wade": rng.choice(["-", " ", ""]), "hyphen": "-"}[how]
        new = sep.join(
            match_case(core_word, s) if k == 0 or sep else s.upper() if core_word.isupper() else s
            for k, s in enumerate(syl)
        )
        if core_word.isupper():
            new = new.upper()
    parts[i] = word.replace(core_word, new)
    out = "".join(parts)
    return (out, f"translit:zh:{how}:{core_word}->{new}") if out != name else None


def damage_translit(rng: random.Random, name: str, entity: Entity):
    if entity.country in ("CN", "HK", "TW") or entity.list_name == "uflpa":
        return respell_chinese(rng, name)
    if not (entity.russian or entity.country in ("RU", "BY", "UA", "KZ")):
        return None
    parts = re.split(r"(\s+)", name)
    brand = [
        i
        for i, p in enumerate(parts)
        if words(p) and words(p)[0] in distinctive(name) and RUSSIAN_LOOK.search(p.upper())
    ]
    if not brand:
        return None
    tags = []
    for i in sorted(rng.sample(brand, k=min(len(brand), rng.choice([1, 1, 2])))):
        new = respell_russian(rng, parts[i])
        if new and new != parts[i]:
            tags.append(f"{parts[i]}->{new}")
            parts[i] = new
    return ("".join(parts), "translit:ru:" + "+".join(tags)) if tags else None


def damage_word_order(rng: random.Random, name: str, entity: Entity):
    low = name.casefold()
    if low.startswith("the ") and rng.random() < 0.6:
        return f"{name[4:]}, {name[:3]}", "order:the_to_end"
    if (" & " in name or " and " in low) and rng.random() < 0.5:
        if " & " in name:
            return name.replace(" & ", " AND " if name.isupper() else " and ", 1), "order:amp->and"
        return re.sub(r" and ", " & ", name, count=1, flags=re.I), "order:and->amp"
    legal = lead = ""
    body = name
    for form in sorted([*LEGAL_MOVES, *LEADING_LEGAL], key=len, reverse=True):
        if low.startswith(form + " "):
            lead, body = name[: len(form) + 1], name[len(form) + 1 :]
            break
    m = LEGAL_END.search(body)
    if m:
        body, legal = body[: m.start()], body[m.start() :]
    toks = [t.strip(",") for t in body.rstrip(" ,").split()]
    if len(toks) < 2:
        return None
    how = rng.choice(["swap", "swap", "rotate", "comma"])
    if how == "swap":
        pairs = [
            k
            for k in range(len(toks) - 1)
            if toks[k].casefold() != toks[k + 1].casefold()
            and all(len(t) >= 2 and t.casefold() not in STOP_WORDS for t in toks[k : k + 2])
        ]
        if not pairs:
            return None
        i = rng.choice(pairs)
        toks[i], toks[i + 1] = toks[i + 1], toks[i]
        return lead + " ".join(toks) + legal, f"order:swap:{i}"
    if how == "rotate":
        return lead + " ".join([toks[-1], *toks[:-1]]) + legal, "order:last_first"
    return lead + " ".join(toks[1:]) + ", " + toks[0] + legal, "order:first_after_comma"


DAMAGE = {
    "typo": damage_typo,
    "truncation": damage_truncation,
    "abbreviation": damage_abbreviation,
    "place": damage_place,
    "branch": damage_branch,
    "translit": damage_translit,
    "word_order": damage_word_order,
}


def damage_combined(rng: random.Random, name: str, entity: Entity):
    steps_pool = ["word_order", "translit", "abbreviation", "typo", "place", "branch", "truncation"]
    n = rng.choice([2, 2, 2, 3, 3, 4])
    steps = rng.sample(steps_pool, k=n)
    if "place" in steps and "branch" in steps:
        steps.remove("place")
    steps.sort(key=lambda s: (s == "truncation", s in ("place", "branch"), steps_pool.index(s)))
    tags, current = [], name
    for step in steps:
        if step == "typo":
            out = damage_typo(rng, current, entity, count=1)
        else:
            out = DAMAGE[step](rng, current, entity)
        if out is None:
            return None
        current, tag = out
        tags.append(tag)
    if len(tags) < 2:
        return None
    return current, f"steps:{'+'.join(steps)};" + ";".join(tags)


DAMAGE["combined"] = damage_combined


def case_style(rng: random.Random, name: str, kind: str) -> tuple[str, str]:
    if kind == "truncation":
        return name, "case:keep"
    r = rng.random()
    if name.isupper():
        r = 0.0 if r < 0.7 else 0.9
    if r < 0.5:
        return name, "case:keep"
    if r < 0.8:
        return name.upper(), "case:upper"
    return re.sub(
        r"[A-Za-z]+('[a-z])?", lambda m: m.group(0)[0].upper() + m.group(0)[1:].lower(), name
    ), "case:title"


def query_country(rng: random.Random, country: str) -> tuple[str, str]:
    r = rng.random()
    if r < BLANK_COUNTRY or not country:
        return "", "country:blank"
    if r < BLANK_COUNTRY + OTHER_COUNTRY and country in OTHER_COUNTRIES:
        other = rng.choice(OTHER_COUNTRIES[country])
        return other, f"country:other:{other}"
    return country, ""


# ---------------------------------------------------------------------------------------------------------------
# Positives.


def build_positives(rng: random.Random, entities: list[Entity], listed: Listed) -> list[dict[str, str]]:
    rows = []
    order = list(entities)
    rng.shuffle(order)
    for kind, target in POSITIVE_COUNTS.items():
        made = 0
        candidates = sorted(order, key=lambda e: sum(e.used.values()))
        for entity in candidates:
            if made == target:
                break
            if kind in entity.used or sum(entity.used.values()) >= MAX_QUERIES_PER_ENTITY:
                continue
            names = [n for n in entity.names if eligible_name(n)]
            source = names[0] if rng.random() < 0.7 and names[0] == entity.names[0] else rng.choice(names)
            out = DAMAGE[kind](rng, source, entity)
            if out is None:
                continue
            query, tag = out
            query = re.sub(r"\s+", " ", query).strip(" ,")
            query, case_tag = case_style(rng, query, kind)
            if core(query) == core(source) and query.casefold() == source.casefold():
                continue
            if not positive_ok(query, entity, source, listed):
                continue
            country, country_tag = query_country(rng, entity.country)
            entity.used[kind] = 1
            made += 1
            damages = ";".join(t for t in (tag, case_tag, country_tag) if t)
            rows.append(
                dict(
                    query_name=query,
                    query_country=country,
                    expected_entity_id=entity.entity_id,
                    expected_cluster=entity.entity_id,
                    kind=kind,
                    damages=damages,
                    source_name=source,
                )
            )
        if made < target:
            raise SystemExit(f"only {made} of {target} {kind} positives")
    return rows


# ---------------------------------------------------------------------------------------------------------------
# Negatives.


def negative_clear(name: str, listed: Listed, strict: bool) -> bool:
    """No listed name's core words all inside the negative; strict ones also share under 60 % with any listed org."""
    c = core(name)
    if not c or listed.contained(c):
        return False
    if strict:
        for other in listed.org_cores:
            if len(other) >= 2 and len(c & other) / len(c | other) >= 0.6:
                return False
    return True


def title(word: str) -> str:
    return word[:1].upper() + word[1:]


def make_generic(rng, entities, listed, country):
    lang = LANGUAGE_OF.get(country, "en")
    words_local = INDUSTRY_WORDS.get(lang, INDUSTRY_WORDS["en"])
    first = rng.choice(
        sorted(
            {
                *CITIES.get(country, ["Pacific", "Global"]),
                "Pacific",
                "Golden",
                "United",
                "New Star",
                "Eastern",
                "Asia",
                "Sino",
                "Euro",
                "Prime",
                "Grand",
            }
        )
    )
    parts = [
        first,
        *rng.sample(words_local, k=rng.choice([1, 2])),
        *rng.sample(INDUSTRY_WORDS["en"], k=rng.choice([0, 1])),
    ]
    legal = rng.choice(LEGAL_BY_COUNTRY.get(country, ["Ltd."]))
    return " ".join(dict.fromkeys(parts)) + " " + legal, f"generic:{lang}"


def make_same_city(rng, entities, listed, country):
    with_city = [e for e in entities if e.country == country and (e.city or CITIES.get(country))]
    if not with_city:
        return None
    entity = rng.choice(with_city)
    city = city_for(rng, entity)
    if not city or not city.isascii():
        return None
    lang = LANGUAGE_OF.get(country, "en")
    brand = rng.choice(BRAND_WORDS.get(lang, BRAND_WORDS["en"]))
    if listed.near_word(brand):
        return None
    parts = [city, brand, rng.choice(INDUSTRY_WORDS.get(lang, INDUSTRY_WORDS["en"]))]
    if rng.random() < 0.4:
        parts = [brand, rng.choice(INDUSTRY_WORDS["en"]), f"({city})"]
    return " ".join(parts) + " " + rng.choice(
        LEGAL_BY_COUNTRY.get(country, ["Ltd."])
    ), f"same_city:{city}:of:{entity.entity_id}"


def mutate_syllable(rng: random.Random, word: str, listed: Listed) -> str | None:
    """A sister brand: one syllable of the brand word swapped for another (Huafu -> Huaxin)."""
    syl = split_pinyin(word)
    if syl and len(syl) >= 2:
        k = rng.randrange(len(syl))
        choices = sorted(s for s in PINYIN_SYLLABLES if len(s) >= 2 and s[0] != syl[k][0])
        new = syl[:k] + [rng.choice(choices)] + syl[k + 1 :]
        cand = "".join(new)
    else:
        if len(word) < 5:
            return None
        head = rng.random() < 0.5
        piece = rng.choice(
            ["vel", "tor", "mar", "len", "dor", "kas", "ber", "nis", "pro", "gal", "ros", "tek"]
        )
        cand = piece + word[3:] if head else word[:-3] + piece
    if listed.near_word(cand) or levenshtein(cand, word.casefold()) < 3:
        return None
    return cand


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def replace_word(name: str, old: str, new: str) -> str:
    return re.sub(rf"\b{re.escape(old)}\b", lambda m: match_case(m.group(0), new), name, count=1, flags=re.I)


def make_sister(rng, entities, listed, country):
    pool = [e for e in entities if e.country == country] or entities
    entity = rng.choice(pool)
    name = entity.names[0]
    brand = distinctive(name)
    if len(brand) != 1 or not eligible_name(name) or brand[0].endswith(PLAIN_SUFFIXES):
        return None
    new = mutate_syllable(rng, brand[0], listed)
    if not new:
        return None
    return replace_word(name, brand[0], new), f"sister_of:{entity.entity_id}:{brand[0]}->{new}"


def make_near_name(rng, entities, listed, country):
    pool = [e for e in entities if e.country == country] or entities
    entity = rng.choice(pool)
    name = entity.names[0]
    brand = distinctive(name)
    if len(brand) < 2 or not eligible_name(name):
        return None
    old = rng.choice(brand)
    lang = LANGUAGE_OF.get(entity.country, "RU" if entity.russian and not entity.country else "en")
    new = rng.choice(BRAND_WORDS.get(lang, BRAND_WORDS["en"]))
    if listed.near_word(new):
        return None
    return replace_word(name, old, new), f"near_of:{entity.entity_id}:{old}->{new}"


def make_surname(rng, entities, listed, country):
    names = SURNAMES.get(country)
    if not names:
        return None
    lang = LANGUAGE_OF.get(country, "en")
    style = rng.random()
    if style < 0.3 and len(names) > 1:
        a, b = rng.sample(names, 2)
        head = f"{a} & {b}"
    elif style < 0.55:
        head = f"{rng.choice(names)} {rng.choice(['Brothers', 'and Sons', 'Family', 'Group'])}"
    else:
        head = rng.choice(names)
    industry = " ".join(rng.sample(INDUSTRY_WORDS.get(lang, INDUSTRY_WORDS["en"]), k=rng.choice([1, 2])))
    return f"{head} {industry} {rng.choice(LEGAL_BY_COUNTRY.get(country, ['Ltd.']))}", "surname"


def make_unrelated(rng, entities, listed, country):
    parts = UNRELATED_PARTS.get(country)
    if not parts:
        return None
    first, second = parts
    legal = rng.choice(LEGAL_BY_COUNTRY.get(country, ["Ltd", "Inc.", "Co."]))
    return f"{rng.choice(first)} {rng.choice(second)} {legal}", "unrelated"


NEGATIVE_MAKERS = {
    "generic": (
        make_generic,
        True,
        ["CN", "RU", "IR", "AE", "TR", "IN", "MX", "HK", "DE", "GB", "VN", "BY", "SY", "KP"],
    ),
    "same_city": (
        make_same_city,
        True,
        ["CN", "RU", "IR", "AE", "TR", "SY", "LB", "BY", "HK", "MX", "KP", "PK"],
    ),
    "sister": (make_sister, False, ["CN", "RU", "IR", "AE", "TR", "SY", "BY", "HK", "LB", "MX", "KP"]),
    "near_name": (make_near_name, False, ["CN", "RU", "IR", "AE", "TR", "SY", "BY", "HK", "LB", "MX", "CO"]),
    "surname": (make_surname, True, sorted(SURNAMES)),
    "unrelated": (make_unrelated, True, sorted(UNRELATED_PARTS)),
}


def build_negatives(rng: random.Random, entities: list[Entity], listed: Listed) -> list[dict[str, str]]:
    rows, seen = [], set()
    for kind, target in NEGATIVE_COUNTS.items():
        maker, strict, countries = NEGATIVE_MAKERS[kind]
        made = tries = 0
        while made < target:
            tries += 1
            if tries > target * 200:
                raise SystemExit(f"only {made} of {target} {kind} negatives")
            country = countries[made % len(countries)] if rng.random() < 0.7 else rng.choice(countries)
            out = maker(rng, entities, listed, country)
            if out is None:
                continue
            name, tag = out
            name = re.sub(r"\s+", " ", name).strip()
            if name.casefold() in seen or not negative_clear(name, listed, strict):
                continue
            name, case_tag = case_style(rng, name, kind)
            query_c, country_tag = query_country(rng, country)
            if country_tag.startswith("country:other"):
                query_c, country_tag = country, ""
            seen.add(name.casefold())
            made += 1
            rows.append(
                dict(
                    query_name=name,
                    query_country=query_c,
                    expected_entity_id="",
                    expected_cluster="",
                    kind=kind,
                    damages=";".join(t for t in (tag, case_tag, country_tag) if t),
                    source_name="",
                )
            )
    return rows


# ---------------------------------------------------------------------------------------------------------------


def main() -> None:
    rng = random.Random(SEED)
    sdn, sdn_names = read_sdn()
    uflpa, uflpa_names = read_uflpa()
    listed = Listed(sdn_names + uflpa_names + read_cbp_names())
    LISTED.append(listed)
    WORD_FREQUENCY.update(w for _, name, _ in sdn_names + uflpa_names for w in set(words(name)))
    holdout = {row["entity_id"] for row in read_csv(HOLDOUT)}
    pool = [
        e for e in sdn + uflpa if e.entity_id not in holdout and any(eligible_name(n) for n in e.names[:1])
    ]
    pool = [e for e in sorted(pool, key=lambda e: e.entity_id) if not ambiguous(e, listed)]
    positives = build_positives(rng, pool, listed)
    negatives = build_negatives(rng, sorted(sdn + uflpa, key=lambda e: e.entity_id), listed)
    rows = positives + negatives
    rng.shuffle(rows)
    frame = pl.DataFrame(rows).select(
        pl.format("ind4-{}", pl.int_range(1, pl.len() + 1).cast(pl.Utf8).str.zfill(5)).alias("query_id"),
        "query_name",
        "query_country",
        "expected_entity_id",
        "expected_cluster",
        "kind",
        "damages",
        "source_name",
    )
    # An empty field is written unquoted (read back as null, as in the earlier sets), never as "".
    frame.with_columns(pl.when(pl.col(pl.Utf8) != "").then(pl.col(pl.Utf8))).write_csv(OUT)
    print(
        f"{len(positives)} positives from {len({r['expected_entity_id'] for r in positives})} entities "
        f"(of {len(pool)} eligible), {len(negatives)} negatives -> {OUT}"
    )


if __name__ == "__main__":
    main()
