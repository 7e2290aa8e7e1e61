"""Second independent evaluation set for the name matcher (evaluation only; see README.md in this folder).

    python bench/independent2/generate.py        # rewrites bench/independent2/devset.csv

Stdlib only, one fixed seed, every iteration over a sorted sequence: the output is byte-identical across runs and
PYTHONHASHSEED values. Positives are made from bench/independent/holdout_entities.csv only; the bundled list files
in screener/data/lists/ are read as plain CSV, only to keep positives off other listed names and negatives off every
listed name. Every table below (legal forms, places, branch words, abbreviations, transliteration rules, keyboard
and OCR confusions, negative name parts) was written for this set.
"""

from __future__ import annotations

import csv
import random
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

SEED = 7_031_2026
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
HOLDOUT = ROOT / "bench" / "independent" / "holdout_entities.csv"
LISTS = ROOT / "screener" / "data" / "lists"
OUT = HERE / "devset.csv"
COLUMNS = [
    "query_id",
    "query_name",
    "query_country",
    "expected_entity_id",
    "expected_cluster",
    "kind",
    "damages",
    "source_name",
]

POSITIVE_TARGETS = {
    "place": 200,
    "branch": 200,
    "legal_form": 220,
    "typo": 220,
    "truncation": 180,
    "translit": 190,
    "word_order": 160,
    "abbreviation": 150,
    "punct": 180,
    "combined": 300,
}
NEGATIVE_TARGETS = {"generic": 350, "near_name": 280, "sister": 170, "other_country": 200}
MAX_PER_CLUSTER = 4

# ---------------------------------------------------------------------------------------------------------------
# text helpers


def fold(text: str) -> str:
    """Casefolded, accents stripped (ş -> s, é -> e); other scripts kept."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ı", "i")


def tnorm(token: str) -> str:
    """One token as compared: folded, letters and digits only."""
    return "".join(ch for ch in fold(token) if ch.isalnum())


def ntokens(text: str) -> list[str]:
    """A name's compared tokens (punctuation splits words: 'Co.,Ltd' -> co ltd)."""
    return [t for t in re.split(r"[^\w]+", fold(text)) if t and t != "_"]


def recase(new: str, like: str) -> str:
    """``new`` in the case pattern of ``like`` (UPPER, Title or lower)."""
    letters = [c for c in like if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return new.upper()
    if letters and letters[0].isupper():
        return new[:1].upper() + new[1:].lower()
    return new.lower()


def levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


# ---------------------------------------------------------------------------------------------------------------
# legal forms: family -> regex over the compared tokens (space-joined), and the spellings a supplier file uses

LEGAL_PATTERNS = {
    "llc": r"limited liability company|llc|ooo|obs?h?ch?estvo s ogranichenn\w* otvetstvenn?ost\w*|tov",
    "llp": r"limited liability partnership|llp|too|tovarish?ch?estvo s ogranichenn\w* otvetstvenn?ost\w*",
    "pjsc": r"public joint stock company|public jointstock company|pjsc|pao|publichnoe aktsionernoe obs?h?ch?estvo"
    r"|open joint stock company|open jointstock company|ojsc|oao|otkrytoe aktsionernoe obs?h?ch?estvo",
    "jsc": r"closed joint stock company|joint stock company|jointstock company|closed jointstock company|jsc|cjsc"
    r"|zao|ao|aktsionernoe obs?h?ch?estvo|zakrytoe aktsionernoe obs?h?ch?estvo|nao|private joint stock company",
    "coltd": r"co ltd|company limited|co limited|company ltd|coltd",
    "pvt": r"private limited|pvt ltd|pvt limited|private ltd|p ltd",
    "ltd": r"ltd|limited",
    "sadecv": r"sa de cv|s de rl de cv|sapi de cv|s de rl|sociedad anonima de capital variable",
    "ltda": r"ltda|limitada",
    "sal": r"sal offshore|sal off shore|sal",
    "sa": r"sa|sociedad anonima|societe anonyme",
    "gmbh": r"gmbh|gesellschaft mit beschrankter haftung",
    "sdnbhd": r"sdn bhd|sendirian berhad|bhd|berhad",
    "fzllc": r"fz llc|fzllc",
    "fzco": r"fzco|fz co|free zone company",
    "fze": r"fze|free zone establishment",
    "fzc": r"fzc",
    "inc": r"inc|incorporated",
    "corp": r"corporation|corp",
    "plc": r"plc|public limited company",
    "pte": r"pte ltd|pte",
    "pty": r"pty ltd|pty",
    "as_tr": r"anonim sirketi|as",
    "ltdsti": r"ltd sti|limited sirketi",
    "company": r"company|co",
    "srl": r"srl",
    "sarl": r"sarl",
    "kg": r"gmbh and co kg|gmbh co kg|kg",
    "eood": r"eood|ood",
    "pt": r"pt",
    "doo": r"doo",
    "ag": r"ag",
    "bv": r"bv",
}
# (spelling, tag): tags say what the change is (respell, abbreviate, expand, translate, translit)
LEGAL_SPELLINGS = {
    "llc": [
        ("LLC", "abbreviate"),
        ("L.L.C.", "respell"),
        ("Llc.", "respell"),
        ("Limited Liability Company", "expand"),
        ("Ltd. Liability Co.", "respell"),
        ("OOO", "translit"),
        ("O.O.O.", "translit"),
        ("ООО", "translate"),
        ("Obshchestvo s Ogranichennoy Otvetstvennostyu", "translit"),
        ("Obschestvo s Ogranichennoi Otvetstvennostju", "translit"),
    ],
    "llp": [
        ("LLP", "abbreviate"),
        ("L.L.P.", "respell"),
        ("Limited Liability Partnership", "expand"),
        ("TOO", "translit"),
        ("ТОО", "translate"),
    ],
    "pjsc": [
        ("PJSC", "abbreviate"),
        ("P.J.S.C.", "respell"),
        ("Public Joint-Stock Company", "expand"),
        ("Public JSC", "respell"),
        ("PAO", "translit"),
        ("ПАО", "translate"),
        ("OAO", "translit"),
        ("OJSC", "respell"),
        ("Publichnoe Aktsionernoe Obshchestvo", "translit"),
    ],
    "jsc": [
        ("JSC", "abbreviate"),
        ("J.S.C.", "respell"),
        ("Joint-Stock Company", "expand"),
        ("Joint Stock Co.", "respell"),
        ("AO", "translit"),
        ("АО", "translate"),
        ("ZAO", "translit"),
        ("ЗАО", "translate"),
        ("CJSC", "respell"),
        ("Aktsionernoye Obshchestvo", "translit"),
    ],
    "coltd": [
        ("Co., Ltd.", "respell"),
        ("Co Ltd", "respell"),
        ("Co.,Ltd", "respell"),
        ("CO. LTD", "respell"),
        ("Company Limited", "expand"),
        ("Co., Limited", "respell"),
        ("Ltd", "abbreviate"),
        ("有限公司", "translate"),
        ("Youxian Gongsi", "translit"),
    ],
    "pvt": [
        ("Pvt Ltd", "abbreviate"),
        ("Pvt. Ltd.", "respell"),
        ("(P) Ltd", "abbreviate"),
        ("(Pvt) Ltd", "respell"),
        ("Private Limited", "expand"),
        ("Pvt. Limited", "respell"),
    ],
    "ltd": [("Ltd", "abbreviate"), ("Ltd.", "respell"), ("LTD.", "respell"), ("Limited", "expand")],
    "sadecv": [
        ("S.A. de C.V.", "respell"),
        ("SA de CV", "respell"),
        ("S.A. DE C.V", "respell"),
        ("SA CV", "abbreviate"),
        ("S.A.", "abbreviate"),
        ("Sociedad Anonima de Capital Variable", "expand"),
    ],
    "ltda": [("Ltda", "abbreviate"), ("Ltda.", "respell"), ("LTDA.", "respell"), ("Limitada", "expand")],
    "sal": [("SAL", "abbreviate"), ("S.A.L.", "respell"), ("S.A.L", "respell"), ("Offshore SAL", "respell")],
    "sa": [("S.A.", "respell"), ("SA", "abbreviate"), ("S A", "respell"), ("Sociedad Anonima", "expand")],
    "gmbh": [
        ("GmbH", "respell"),
        ("Gmbh", "respell"),
        ("G.m.b.H.", "respell"),
        ("Gesellschaft mit beschränkter Haftung", "expand"),
    ],
    "sdnbhd": [
        ("Sdn Bhd", "respell"),
        ("Sdn. Bhd.", "respell"),
        ("SDN.BHD", "respell"),
        ("Sendirian Berhad", "expand"),
    ],
    "fzllc": [("FZ-LLC", "respell"), ("FZ LLC", "respell"), ("FZLLC", "respell"), ("F.Z.-L.L.C.", "respell")],
    "fzco": [
        ("FZCO", "respell"),
        ("FZ Co", "respell"),
        ("F.Z.C.O.", "respell"),
        ("Free Zone Company", "expand"),
    ],
    "fze": [("FZE", "respell"), ("F.Z.E.", "respell"), ("Free Zone Establishment", "expand")],
    "fzc": [("FZC", "respell"), ("F.Z.C.", "respell"), ("FZ Company", "expand")],
    "inc": [("Inc", "abbreviate"), ("Inc.", "respell"), ("Incorporated", "expand")],
    "corp": [("Corp", "abbreviate"), ("Corp.", "respell"), ("Corporation", "expand")],
    "plc": [("PLC", "abbreviate"), ("P.L.C.", "respell"), ("Public Limited Company", "expand")],
    "pte": [("Pte Ltd", "respell"), ("Pte. Ltd.", "respell"), ("Private Limited", "expand")],
    "pty": [("Pty Ltd", "respell"), ("(Pty) Ltd", "respell"), ("Pty. Limited", "respell")],
    "as_tr": [("A.Ş.", "respell"), ("AS", "respell"), ("A.S.", "respell"), ("Anonim Şirketi", "expand")],
    "ltdsti": [("Ltd. Şti.", "respell"), ("Ltd Sti", "respell"), ("Limited Şirketi", "expand")],
    "company": [("Co.", "abbreviate"), ("Co", "abbreviate"), ("Company", "expand"), ("Comp.", "abbreviate")],
    "srl": [("S.R.L.", "respell"), ("SRL", "respell")],
    "sarl": [("S.A.R.L.", "respell"), ("SARL", "respell"), ("Sàrl", "respell")],
    "kg": [("GmbH & Co. KG", "respell"), ("GmbH u. Co. KG", "respell"), ("GmbH + Co KG", "respell")],
    "eood": [("EOOD", "respell"), ("E.O.O.D.", "respell"), ("ЕООД", "translate")],
    "pt": [("PT", "respell"), ("P.T.", "respell"), ("Perseroan Terbatas", "expand")],
    "doo": [("d.o.o.", "respell"), ("DOO", "respell")],
    "ag": [("AG", "respell"), ("A.G.", "respell")],
    "bv": [("B.V.", "respell"), ("BV", "respell")],
}
# a legal form a supplier record from that country would plausibly add
COUNTRY_LEGAL = {
    "RU": ["llc", "jsc", "pjsc"],
    "BY": ["llc", "jsc"],
    "UA": ["llc", "pjsc"],
    "KZ": ["llp", "jsc"],
    "CN": ["coltd"],
    "HK": ["ltd", "coltd"],
    "TW": ["coltd"],
    "AE": ["llc", "fze", "fzco"],
    "TR": ["as_tr", "ltdsti"],
    "MX": ["sadecv"],
    "CO": ["sa", "ltda"],
    "VE": ["sa"],
    "PA": ["sa", "inc"],
    "BR": ["ltda"],
    "DE": ["gmbh"],
    "AT": ["gmbh"],
    "CH": ["ag", "gmbh"],
    "MY": ["sdnbhd"],
    "IN": ["pvt"],
    "PK": ["pvt"],
    "BD": ["ltd"],
    "GB": ["ltd", "plc"],
    "US": ["inc", "llc", "corp"],
    "SG": ["pte"],
    "LB": ["sal"],
    "IR": ["company", "ltd"],
    "SY": ["llc", "company"],
    "KP": ["corp", "company"],
    "CY": ["ltd"],
    "ZA": ["pty"],
}

# words that make a name a business (a source name must carry one of these or a legal form)
BUSINESS_WORDS = set(
    """
    trading trade traders commercial company kompaniya corporation industry industries industrial industrie
    manufacturing factory zavod plant works mill mills engineering technology technologies tekhnologii tech
    group holding holdings investment investments invest capital finance financial bank banco exchange leasing
    shipping logistics transport transportation marine maritime shipbuilding aviation airlines aircraft petroleum
    oil gas petrochemical energy energo power electric electronics electronic chemical chemicals pharmaceutical
    mining metals metal steel construction building stroi stroy development management services service consulting
    systems solutions import export products product textile textiles garment cotton fiber silicon materials
    machinery machine machines equipment tools agro agricultural farm food foods trust enterprise enterprises
    enterprises comercializadora inmobiliaria distribuidora constructora importadora exportadora sanayi ticaret
    limited ltd llc jsc ooo ao pao pjsc zao oao gmbh fze fzco inc corp co sa ltda sal plc partners partnership
    agency supply supplies resources minerals automotive motors design production proizvodstvennoe nauchno
    research institute institut centre center laboratory warehousing canned hair carpet glove tea salt diesel
    """.split()
)
# words a careful human does not treat as the distinctive part of a name
GENERIC_WORDS = BUSINESS_WORDS | set(
    """
    the of and for in a an de del la el los las y e et und ve i v na po al the im imeni named after
    international intl national general global world united new first central eastern western northern southern
    east west north south middle asia asian europe european africa african american pacific arab gulf overseas
    joint stock public private open closed liability limitada sociedad anonima obshchestvo obschestvo
    aktsionernoe ogranichennoi ogranichennoy otvetstvennostyu publichnoe otkrytoe zakrytoe unitary state federal
    scientific special main advanced modern universal star sun sky golden royal premier prime smart
    trading import export gostinitsa business commerce office branch representative sdn bhd pvt private p
    county province city region oblast krai republic no number
    freight infrastructure cement economic comprehensive corporativo inmobiliario nacional banco empresa grupo
    compania comercial internacional industrias servicios inversiones sociedad transportes agropecuaria
    firma kombinat gruppa predpriyatie obedinenie tsentr resurs inzhiniring neft gaz torgovy torgovyy dom
    servis proekt avia mash prom stroi energiya sistemy tekhnologiya kompleks gosudarstvennoe federalnoe
    uchrezhdenie nauki akademii rossiyskoy zavod fabrika sanat tejarat sherkat bazargani sanayi ticaret
    limited holding solutions partners associates consultants ventures networks resources
    academician accumulator activity additional additive adjustment administration advisors advisory aero affairs
    agrarian agriculture alloy ammunition apparatus articles artillery assistance asset atomic authority auto
    automated automation aviator balance basic battery bearing bedding beverages block broker brokerage brokers
    budget budgetary bullet cable cargo carbon cartridge catalyst centrifuge ceramic change chemistry children
    childrens clean clear cloth coastal collection color combatant combine comfort commodities communication
    companies complex complexes computers concept concern construction contracting contractor control convention
    cooperation cooperative country courier criminalistics decisions defence defense department derivatives
    designated developer device distributor durable duty economy education educational eight electron
    electromechanical electrotechnical element energies engine engineers environment environmental estate
    expedition experimental experts exploration expo family farms federation fertilizer flight fruit fuel games
    gateways generation geological heat hide high higher homes hydraulics image incorporation industrialcommercial
    innovations insider institution insurance integrated inter intercontinental internet investors jewellery jewelry
    leather lending lifting linen liner lines logistic logging machinebuilding managing manufactory market
    marketing mechanical mechanics metallurgical metallurgy microcredit military mineral mobile model molecular
    motor nanotechnology navigation nominees nonbank nonferrous nonstate nuclear operation optical organisation
    organised organization organized orphanage outlets part peoples petro petrochemicals physics pilot pipelines
    plantation plasma plaza polymer polymers potash powder precision preparation preservation printing problem
    processing project projects properties property proprietary provider providers publishing railway real
    refinery refining regional registrar renovation repair republican resort restaurant roads rocket rubber
    savings scan sciences seal seaport securities security semiconductor settlement ship shipyard social solar
    specialized specialty strategic supplemental support synthetic system telecom telecommunication test thermal
    three time tile tiles trader training trans transfers transformation transformer travel trucking trustee
    twelfth unite urban urea wallet warehouse wash waste waterproofing weapons well yachts with venture bureau
    oriente orient seaport port sea trading
    administracion administradora aereos aeronautica agricola agroindustriales arquitectos arquitectura asesoria
    aviacion bebidas combustibles comando compradores construcciones consultor consorcio diseno editora editores
    electricos empacadora empresarial estado exportadores financiero fondo frutas ganadera ganaderia ganadero
    gasolinera gasolineras habitacional hermanos hidraulicos hospitalaria hotelera industria inmobiliarios
    inmuebles lubricantes mantenimiento maquinaria mercantil metales minera molduras muebles muelle muelles
    multiservicios mundial papeles pesca petroleo petroleos privado promotora proteccion recursos refrigerados
    rendimientos restaurantes servicio sistema soluciones tabacos tecnica tejidos tierras transporte turistico
    vigilancia additivnykh akkumulyatornyi aktcionernoe aktsionernoye aktsionerny aviastroitelnaya aviatsionny
    avtomatiki avtomatizatsiya avtomatizirovannaya biznes biznesa byudzhetnoe chastnoye delovaya direktsiya dorogi
    elektromashina elektromekhanicheski elektronika elektroniki energeticheskaya federalnoye fizicheskikh
    gidravliki gornaya gorno gosudarstvennaya gosudarstvennoye gosudarstvenny grupp holdingovaya industrialny
    integratsiya investitsionnaya issledovatelski issledovatelskii issledovatelsky kabelnyi kapital kholding
    kommercheski kompleksov kompleksy komponent komponenty konsalting korporatsiya kosmicheskikh kreditovaniya
    lazernye lazernykh lizing lizingovaya logistika mashinostroitelny mashinostroitelnyi mashinostroitelnyy
    mashinostroyeniya mekhanicheskii mekhanichesky meditsiny menedzhment mezhdunarodnye mikrokreditnaya morskie
    nauchnoissledovatelskiy nauchnoproizvodstvennoe nedvizhimost neftyanaya neftyanoi obedinennaya obyedinenie
    otkrytoye paromnye pererabotke predpriyatiye proektnyi proekty proizvodstvennoye publichnoye raschetniye
    resheniya sistem stroitelnaya svyaz tekhnicheski tekstil tipografiya torgovoe transportnaya transportnye
    tsentralnaya tsentralny tsentralnyy uslugi unitarnoe unitarnoye upravlyayushchaya vychislitelnykh zakrytoye
    obshestvo hayvancilik ihracat ithalat insaat kuyumculuk makina nakliyat otomotiv savunma sebze meyve toptan
    urunleri yatirim gida enerji havacilik vserossiysky vserossiyskiy vserossiyski rossiyskiy rossiyskaya
    rossiyskoe rossiski rossiskoi radiotekhniki nauchno issledovatelskiy issledovatelskii
    """.split()
)
# common English words: kept off transliteration respellings, sister syllables and brand reuse
ENGLISH_COMMON = GENERIC_WORDS | set(
    """
    fresh house air farm home food care car center centre currency transfer money cash gold silver diamond
    pearl ocean sea sun moon star sky blue green red white black rainbow eagle falcon hawk lion tiger dragon
    phoenix crown king queen prince royal empire imperial victory winners winner future hope peace unity
    alliance union link line net network way path bridge gate port harbour harbor coast bay island land
    world earth planet space galaxy orbit arctic atlantic pacific polar ocean alpha beta delta omega prime
    first best top great grand super mega ultra power energy fire water stone rock steel iron silk cotton
    medical medicine health pharma laser components component digital smart data soft software systems
    electric electricity electronic electronics quantum optics technical science standard quality express
    rapid fast quick direct easy new modern classic heritage legacy trust capital fund finance credit card
    florida texas london paris dubai sparrow hero hotels hotel distribution stationery garments tea dairy
    wealth fortune lucky happy light bright spring summer winter autumn garden flower rose lotus palm
    oasis desert mountain river lake valley forest wood tree park city town village street road avenue
    master expert pro plus max logic vision mind wise sage tech techno engineering design designs creative
    anchor bravery cyclone divine dolphin dynasty emperor giant harmony horizons lark liberty mount paradise
    pandas pioneers radiant resolute shine shield smile whale wings wisdom wave diamonds holy millennium oriental
    patriot target lakes beach device lottery jasmine contracting pipelines complex crime
    iranian syrian lebanese persian bosnian belarusian belarussian byelorussian nicaraguan moroccan crimean dutch
    swiss canada cyprus malaysia myanmar zimbabwe congo crimea azerbaijan bangkok arizona amsterdam saint santa
    maria russian costa valle occidental occidente peruana provincia progreso unidas
    """.split()
)

NON_SUPPLIER = re.compile(
    r"\b(army|brigades?|regiment|battalion|division|militia|front|party|movement|martyrs?|mujahidin|mujahideen"
    r"|jihad|jama.?at|jamaat|hizballah|hezbollah|taliban|qa.?ida|isil|isis|wilayah?t?|ministry|directorate|guards?"
    r"|police|intelligence|cartel|clan|gang|foundation|charity|charitable|relief|society|association|committee"
    r"|council|brotherhood|tribe|liberation|resistance|prison|penitentiary|detention|reform|labor camp|kgb|fsb|gru"
    r"|spets?naz|forces?|legion|squadron|command|embassy|government|parliament|university|academy|school|mosque"
    r"|church|islamic state|martyr|ansar|mujahid|guerrilla|revolutionary|fund for|club|union of|league|hamas"
    r"|fighters|radio|television|newspaper|media|cultural|sports|youth|detachment)\b"
)

# ---------------------------------------------------------------------------------------------------------------
# places: country -> cities and provinces a supplier record adds

PLACES = {
    "RU": [
        "Moscow",
        "Moskva",
        "St. Petersburg",
        "Sankt-Peterburg",
        "Yekaterinburg",
        "Novosibirsk",
        "Kazan",
        "Samara",
        "Nizhny Novgorod",
        "Krasnodar",
        "Rostov-on-Don",
        "Chelyabinsk",
        "Perm",
        "Ufa",
        "Tyumen",
        "Vladivostok",
        "Moscow Region",
        "Omsk",
        "Voronezh",
        "Kaliningrad",
    ],
    "BY": ["Minsk", "Gomel", "Brest", "Vitebsk", "Grodno", "Mogilev"],
    "UA": [
        "Kyiv",
        "Kiev",
        "Kharkiv",
        "Odesa",
        "Dnipro",
        "Zaporizhzhia",
        "Donetsk",
        "Sevastopol",
        "Simferopol",
    ],
    "KZ": ["Almaty", "Astana", "Shymkent", "Karaganda", "Aktau"],
    "IR": [
        "Tehran",
        "Teheran",
        "Isfahan",
        "Esfahan",
        "Mashhad",
        "Tabriz",
        "Shiraz",
        "Bandar Abbas",
        "Kish Island",
        "Qom",
        "Karaj",
        "Ahvaz",
    ],
    "CN": [
        "Shanghai",
        "Beijing",
        "Shenzhen",
        "Guangzhou",
        "Urumqi",
        "Xinjiang",
        "Ningbo",
        "Tianjin",
        "Wuxi",
        "Suzhou",
        "Hangzhou",
        "Dalian",
        "Qingdao",
        "Xiamen",
        "Dandong",
        "Shenyang",
    ],
    "HK": ["Hong Kong", "Kowloon", "Wan Chai", "Tsim Sha Tsui"],
    "AE": ["Dubai", "Sharjah", "Abu Dhabi", "Jebel Ali", "Ajman", "Ras Al Khaimah", "JAFZA", "Deira"],
    "TR": ["Istanbul", "Ankara", "Izmir", "Mersin", "Bursa", "Gaziantep"],
    "SY": ["Damascus", "Aleppo", "Latakia", "Homs", "Tartus"],
    "LB": ["Beirut", "Tripoli", "Sidon", "Jounieh"],
    "IQ": ["Baghdad", "Basra", "Erbil", "Mosul", "Najaf"],
    "KW": ["Kuwait City", "Safat", "Hawalli", "Salmiya"],
    "KP": ["Pyongyang", "Nampo", "Chongjin", "Sinuiju"],
    "MX": [
        "Ciudad de Mexico",
        "Guadalajara",
        "Monterrey",
        "Culiacan",
        "Tijuana",
        "Puebla",
        "Sinaloa",
        "Jalisco",
    ],
    "CO": ["Bogota", "Medellin", "Cali", "Barranquilla", "Cartagena"],
    "VE": ["Caracas", "Maracaibo", "Valencia", "Puerto Cabello"],
    "PA": ["Panama City", "Colon", "Ciudad de Panama"],
    "PK": ["Karachi", "Lahore", "Islamabad", "Faisalabad", "Sialkot"],
    "IN": ["Mumbai", "New Delhi", "Chennai", "Kolkata", "Ahmedabad", "Gujarat"],
    "GB": ["London", "Manchester", "Birmingham", "Glasgow"],
    "US": ["New York", "Houston", "Miami", "Los Angeles", "Delaware", "Texas"],
    "DE": ["Hamburg", "Berlin", "Frankfurt", "Munich", "Dusseldorf"],
    "CY": ["Limassol", "Nicosia", "Larnaca"],
    "MY": ["Kuala Lumpur", "Penang", "Johor Bahru", "Selangor"],
    "SG": ["Singapore"],
    "MM": ["Yangon", "Naypyidaw", "Mandalay"],
    "EG": ["Cairo", "Alexandria"],
    "CH": ["Geneva", "Zurich", "Lugano"],
    "TW": ["Taipei", "Kaohsiung", "Taichung"],
    "BR": ["Sao Paulo", "Rio de Janeiro", "Santos"],
    "NP": ["Kathmandu", "Lalitpur"],
}
CYRILLIC_CITY = {"Moscow": "Москва", "St. Petersburg": "Санкт-Петербург", "Minsk": "Минск", "Kazan": "Казань"}
HAN_CITY = {
    "Shanghai": "上海",
    "Beijing": "北京",
    "Shenzhen": "深圳",
    "Guangzhou": "广州",
    "Urumqi": "乌鲁木齐",
    "Ningbo": "宁波",
    "Tianjin": "天津",
    "Hangzhou": "杭州",
    "Dalian": "大连",
    "Qingdao": "青岛",
}
NEIGHBOURS = {
    "RU": ["BY", "KZ", "UA"],
    "BY": ["RU", "UA"],
    "UA": ["RU", "BY"],
    "KZ": ["RU", "UZ"],
    "IR": ["AE", "IQ", "TR"],
    "CN": ["HK", "TW"],
    "HK": ["CN"],
    "TW": ["CN"],
    "AE": ["OM", "SA", "IR"],
    "TR": ["SY", "GR"],
    "SY": ["LB", "IQ"],
    "LB": ["SY"],
    "IQ": ["IR", "SY", "KW"],
    "KW": ["IQ", "SA"],
    "KP": ["CN", "KR"],
    "MX": ["US", "GT"],
    "CO": ["VE", "PA"],
    "VE": ["CO"],
    "PA": ["CO", "CR"],
    "PK": ["IN", "AF"],
    "IN": ["PK", "BD"],
    "GB": ["IE"],
    "US": ["CA", "MX"],
    "DE": ["AT", "NL"],
    "CY": ["GR"],
    "MY": ["SG"],
    "SG": ["MY"],
    "MM": ["TH"],
}
BRANCH_ABROAD = {
    "IR": ["AE", "TR", "CN"],
    "RU": ["AE", "TR", "KZ", "CN"],
    "SY": ["LB", "AE"],
    "KP": ["CN"],
    "BY": ["RU", "AE"],
    "CN": ["HK"],
    "IQ": ["AE", "TR"],
    "LB": ["AE"],
}

RUSSIAN_SPEAKING = {"RU", "BY", "UA", "KZ", "KG", "UZ", "TJ", "AM", "GE", "AZ", "MD", "TM"}
PERSIAN_ARABIC = {
    "IR",
    "AF",
    "SY",
    "LB",
    "IQ",
    "KW",
    "AE",
    "SA",
    "YE",
    "OM",
    "QA",
    "BH",
    "JO",
    "EG",
    "LY",
    "SD",
    "PS",
    "TN",
    "DZ",
    "MA",
    "PK",
    "SO",
}
CHINESE = {"CN", "HK", "TW", "MO"}
SPANISH = {
    "MX",
    "CO",
    "VE",
    "PA",
    "ES",
    "AR",
    "PE",
    "EC",
    "CU",
    "NI",
    "GT",
    "HN",
    "SV",
    "CR",
    "BO",
    "CL",
    "PY",
    "UY",
    "DO",
}
FRENCH = {"FR", "BE", "CD", "CI", "SN", "ML", "BF", "NE", "TD", "CF", "CG", "CM", "GA", "MG"}
PORTUGUESE = {"BR", "PT", "MZ", "AO"}
GERMAN = {"DE", "AT", "CH", "LI"}

# ---------------------------------------------------------------------------------------------------------------
# abbreviations a supplier clerk types

ABBREVIATIONS = {
    "international": ["Intl", "Int'l", "Intl.", "Internat."],
    "manufacturing": ["Mfg", "Mfg.", "Manuf."],
    "trading": ["Trdg", "Trdg.", "Trad."],
    "corporation": ["Corp", "Corp."],
    "industries": ["Inds", "Ind."],
    "industrial": ["Ind.", "Indl", "Indus."],
    "industry": ["Ind.", "Indus."],
    "engineering": ["Eng.", "Engg", "Engr."],
    "technology": ["Tech", "Techn.", "Technol."],
    "technologies": ["Techs", "Tech."],
    "group": ["Grp", "Grp."],
    "holding": ["Hldg", "Hldg."],
    "holdings": ["Hldgs", "Hldgs."],
    "services": ["Svcs", "Servs.", "Svc"],
    "service": ["Svc", "Serv."],
    "company": ["Co", "Co."],
    "limited": ["Ltd", "Ltd."],
    "development": ["Dev.", "Devt", "Dvlpmt"],
    "construction": ["Constr.", "Constrn"],
    "management": ["Mgmt", "Mgt."],
    "investment": ["Invest.", "Inv."],
    "investments": ["Invts", "Invest."],
    "electronics": ["Elec.", "Electr."],
    "equipment": ["Equip.", "Eqpt"],
    "shipping": ["Shpg", "Shipg."],
    "logistics": ["Log.", "Logist."],
    "petroleum": ["Petr.", "Petrol."],
    "petrochemical": ["Petrochem.", "Petchem"],
    "chemical": ["Chem.", "Chem"],
    "chemicals": ["Chems", "Chem."],
    "products": ["Prods", "Prod."],
    "production": ["Prodn", "Prod."],
    "national": ["Natl", "Nat'l"],
    "general": ["Gen.", "Genl"],
    "commercial": ["Coml", "Comm."],
    "enterprise": ["Ent.", "Entp."],
    "enterprises": ["Ents", "Entps"],
    "machinery": ["Mach.", "Machy"],
    "research": ["Res.", "Rsch"],
    "institute": ["Inst.", "Instit."],
    "scientific": ["Sci.", "Scient."],
    "transport": ["Transp.", "Trans."],
    "transportation": ["Transp.", "Trans."],
    "marine": ["Mar."],
    "systems": ["Sys.", "Syst."],
    "brothers": ["Bros", "Bros."],
    "association": ["Assn", "Assoc."],
    "aviation": ["Avn", "Aviat."],
    "agricultural": ["Agri.", "Agric."],
    "materials": ["Matls", "Mat."],
    "building": ["Bldg", "Bldg."],
    "center": ["Ctr", "Cntr"],
    "centre": ["Ctr", "Cntr"],
    "exchange": ["Exch.", "Xchg"],
    "finance": ["Fin.", "Fin"],
    "financial": ["Finl", "Fin."],
    "insurance": ["Ins.", "Insur."],
    "electric": ["Elec.", "Elect."],
    "textile": ["Tex.", "Text."],
    "factory": ["Fty", "Fac."],
    "import": ["Imp.", "Imp"],
    "export": ["Exp.", "Exp"],
    "kompaniya": ["Komp.", "Kom."],
    "gosudarstvennoe": ["Gos.", "Gosud."],
    "obedinenie": ["Ob.", "Obed."],
}
# multi-word phrases that collapse to an acronym
ACRONYMS = [
    (("nauchno", "proizvodstvennoe", "obedinenie"), "NPO"),
    (("nauchno", "proizvodstvennoe", "predpriyatie"), "NPP"),
    (("nauchno", "issledovatelskiy", "institut"), "NII"),
    (("torgovyy", "dom"), "TD"),
    (("torgovy", "dom"), "TD"),
    (("import", "and", "export"), "Imp & Exp"),
    (("import", "export"), "Imp-Exp"),
    (("research", "and", "development"), "R&D"),
    (("research", "and", "production"), "R&P"),
    (("oil", "and", "gas"), "O&G"),
]

# ---------------------------------------------------------------------------------------------------------------
# branch words: language -> (suffix templates, prefix templates); {c} is a city, may be absent

BRANCH = {
    "en": (
        [
            "Branch",
            "Branch Office",
            "{c} Branch",
            "Representative Office",
            "Rep. Office",
            "(Branch)",
            "- {c} Branch",
            "Liaison Office",
            "Branch in {c}",
        ],
        ["Branch of", "{c} Branch of"],
    ),
    "ru": (
        ["Filial", "филиал", "Predstavitelstvo", "Filial v g. {c}", "(filial)", "Branch"],
        ["Filial", "Филиал", "Predstavitelstvo", "Filial {c}"],
    ),
    "zh": (["分公司", "{h}分公司", "Fen Gongsi", "{c} Fengongsi", "{c} Branch", "办事处"], []),
    "es": (
        ["Sucursal", "Sucursal {c}", "Oficina de Representacion", "(Sucursal)", "Suc. {c}"],
        ["Sucursal de"],
    ),
    "fr": (["Succursale", "Succursale de {c}", "Bureau de Representation"], ["Succursale de"]),
    "pt": (["Filial", "Filial {c}", "Sucursal"], ["Filial"]),
    "de": (["Zweigniederlassung", "Zweigniederlassung {c}", "Niederlassung {c}"], []),
    "tr": (["Şubesi", "Subesi", "{c} Şubesi", "Türkiye Şubesi"], []),
}

# ---------------------------------------------------------------------------------------------------------------
# keyboard and OCR confusions

QWERTY = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def _neighbour_table() -> dict[str, str]:
    table = {}
    for r, row in enumerate(QWERTY):
        for c, ch in enumerate(row):
            near = []
            for dr in (-1, 0, 1):
                rr = r + dr
                if 0 <= rr < len(QWERTY):
                    for dc in (-1, 0, 1) if dr == 0 else (0, 1) if dr < 0 else (-1, 0):
                        cc = c + dc
                        if (dr, dc) != (0, 0) and 0 <= cc < len(QWERTY[rr]):
                            near.append(QWERTY[rr][cc])
            table[ch] = "".join(near)
    return table


KEY_NEIGHBOURS = _neighbour_table()
OCR = [
    ("o", "0"),
    ("O", "0"),
    ("l", "1"),
    ("I", "1"),
    ("I", "l"),
    ("rn", "m"),
    ("m", "rn"),
    ("S", "5"),
    ("B", "8"),
    ("cl", "d"),
    ("e", "c"),
    ("i", "l"),
    ("vv", "w"),
    ("G", "6"),
    ("Z", "2"),
]

# ---------------------------------------------------------------------------------------------------------------
# transliteration respellings

RU_RULES = [
    (r"iy\b", ["y", "ii", "ij", "yi"]),
    (r"yy\b", ["y", "iy", "yi"]),
    (r"yi\b", ["y", "iy"]),
    (r"oy\b", ["oi", "oj"]),
    (r"ii\b", ["iy", "y"]),
    (r"aya\b", ["aia", "aja"]),
    (r"kh", ["h", "ch"]),
    (r"ts", ["c", "tz"]),
    (r"yu", ["iu", "ju"]),
    (r"ya", ["ia", "ja"]),
    (r"^ye", ["e"]),
    (r"^e", ["ye"]),
    (r"shch", ["sch", "shh"]),
    (r"sch", ["shch"]),
    (r"zh", ["j"]),
    (r"yo", ["e", "io"]),
    (r"(?<=[aeiou])y(?=[aeiou])", ["i", "j"]),
    (r"ey\b", ["ei"]),
    (r"x", ["ks"]),
    (r"ks", ["x"]),
    (r"ie\b", ["iye", "iie"]),
    (r"oe\b", ["oye"]),
]
FA_AR_WORDS = {
    "mohammad": ["muhammad", "mohamed", "mohammed", "muhammed", "mohamad"],
    "muhammad": ["mohammad", "mohamed", "mohammed"],
    "mohammed": ["muhammad", "mohamed", "mohammad"],
    "mohamed": ["mohammed", "muhammad"],
    "ahmad": ["ahmed"],
    "ahmed": ["ahmad"],
    "hossein": ["hussein", "husain", "hosein"],
    "hussein": ["hossein", "husayn", "husain"],
    "hassan": ["hasan"],
    "hasan": ["hassan"],
    "abdul": ["abdol", "abd al", "abd-ul"],
    "abdullah": ["abdallah", "abdollah"],
    "rahman": ["rahmaan"],
    "qods": ["ghods", "quds"],
    "quds": ["qods", "kuds"],
    "noor": ["nur", "nour"],
    "nour": ["noor", "nur"],
    "sina": ["sena"],
    "yousef": ["yusuf", "yusef", "youssef"],
    "yusuf": ["yousef", "yousuf"],
    "saleh": ["salih"],
    "shahid": ["shaheed"],
    "omid": ["omeed"],
    "karim": ["kareem"],
    "rashid": ["rasheed"],
    "jamal": ["gamal"],
    "sharif": ["shareef"],
    "tejarat": ["tejarat", "tijarat"],
    "sepah": ["sipah"],
}
FA_AR_RULES = [
    (r"ou", ["u", "oo"]),
    (r"oo", ["ou", "u"]),
    (r"ee", ["i"]),
    (r"q", ["gh", "k"]),
    (r"gh", ["q"]),
    (r"aa", ["a"]),
    (r"kh", ["x", "h"]),
    (r"eh\b", ["ah", "e"]),
    (r"ah\b", ["eh"]),
    (r"iyeh\b", ["iye", "ieh"]),
    (r"^sh", ["ch"]),
    (r"w", ["v"]),
    (r"v", ["w"]),
]
RU_LOOK = re.compile(
    r"kh|zh|ts|shch|sch|yu|ya|yo|iy$|yy$|yi$|oy$|aya$|ye|skiy|skaya|nyy|nyi|ogo$|ovo$|evo$|ov$|ev$"
    r"|ii$|ie$|oe$"
)
AL_PREFIX = re.compile(r"^(al|el|ul)-(\w+)$", re.IGNORECASE)
WADE_GILES_PLACES = {
    "xinjiang": "Sinkiang",
    "beijing": "Peking",
    "guangzhou": "Canton",
    "chongqing": "Chungking",
    "nanjing": "Nanking",
    "qingdao": "Tsingtao",
    "tianjin": "Tientsin",
    "xiamen": "Amoy",
    "sichuan": "Szechwan",
    "guangdong": "Kwangtung",
    "fujian": "Fukien",
    "zhejiang": "Chekiang",
    "shandong": "Shantung",
    "hebei": "Hopeh",
    "jiangsu": "Kiangsu",
    "jiangxi": "Kiangsi",
    "gansu": "Kansu",
    "shaanxi": "Shensi",
    "shanxi": "Shansi",
    "hubei": "Hupeh",
    "qinghai": "Tsinghai",
    "urumqi": "Urumchi",
    "dalian": "Dairen",
    "suzhou": "Soochow",
    "hangzhou": "Hangchow",
    "shenyang": "Mukden",
    "dandong": "Antung",
    "harbin": "Haerhpin",
}
PINYIN_INITIALS = [
    "zh",
    "ch",
    "sh",
    "b",
    "p",
    "m",
    "f",
    "d",
    "t",
    "n",
    "l",
    "g",
    "k",
    "h",
    "j",
    "q",
    "x",
    "r",
    "z",
    "c",
    "s",
    "y",
    "w",
    "",
]
PINYIN_FINALS = [
    "iang",
    "iong",
    "uang",
    "ang",
    "eng",
    "ing",
    "ong",
    "ian",
    "iao",
    "uai",
    "uan",
    "ai",
    "ei",
    "ao",
    "ou",
    "an",
    "en",
    "er",
    "ia",
    "ie",
    "iu",
    "in",
    "ua",
    "uo",
    "ui",
    "un",
    "ue",
    "a",
    "o",
    "e",
    "i",
    "u",
    "v",
]
WG_INITIAL = {
    "zh": "ch",
    "q": "ch",
    "j": "ch",
    "x": "hs",
    "z": "ts",
    "c": "ts",
    "r": "j",
    "b": "p",
    "d": "t",
    "g": "k",
}
WG_FINAL = {"ong": "ung", "ian": "ien", "ie": "ieh", "uo": "o", "iong": "iung"}


def pinyin_syllables(word: str) -> list[tuple[str, str]] | None:
    """The word split into (initial, final) pinyin syllables, longest final first; None when it is not pinyin."""
    word = word.lower()
    if not word:
        return []
    for ini in PINYIN_INITIALS:
        if not word.startswith(ini):
            continue
        rest = word[len(ini) :]
        for fin in PINYIN_FINALS:
            if rest.startswith(fin) and (ini or fin[0] in "aeo"):
                tail = pinyin_syllables(rest[len(fin) :])
                if tail is not None:
                    return [(ini, fin), *tail]
    return None


def wade_giles(syllables: list[tuple[str, str]]) -> str:
    out = []
    for ini, fin in syllables:
        if ini in ("z", "c", "s") and fin == "i":
            fin = "u"
        elif ini in ("zh", "ch", "sh", "r") and fin == "i":
            fin = "ih"
        elif ini and fin == "e":
            fin = "o"
        else:
            fin = WG_FINAL.get(fin, fin)
        if ini == "y" and fin == "ou":
            ini, fin = "", "yu"
        out.append(WG_INITIAL.get(ini, ini) + fin)
    return "".join(out)


# ---------------------------------------------------------------------------------------------------------------
# diacritics added where a supplier file had them

ACCENTED = {
    "sirketi": "şirketi",
    "sanayi": "sanayi",
    "ticaret": "ticaret",
    "istanbul": "İstanbul",
    "insaat": "inşaat",
    "gida": "gıda",
    "compania": "compañía",
    "comercializacion": "comercialización",
    "construccion": "construcción",
    "mexico": "méxico",
    "bogota": "bogotá",
    "medellin": "medellín",
    "petroleo": "petróleo",
    "energia": "energía",
    "tecnologia": "tecnología",
    "sao": "são",
    "comercio": "comércio",
    "industria": "indústria",
    "muller": "müller",
    "munchen": "münchen",
    "dusseldorf": "düsseldorf",
    "cafe": "café",
    "societe": "société",
    "anonima": "anónima",
    "teheran": "téhéran",
    "ozturk": "öztürk",
    "celik": "çelik",
    "kimya": "kimya",
    "dis": "dış",
}

# ---------------------------------------------------------------------------------------------------------------
# negatives: name parts per country

NEG = {
    "CN": {
        "places": [
            "Zhejiang",
            "Jiangsu",
            "Guangdong",
            "Shandong",
            "Hebei",
            "Henan",
            "Anhui",
            "Fujian",
            "Hunan",
            "Ningbo",
            "Wenzhou",
            "Foshan",
            "Dongguan",
            "Xiamen",
            "Qingdao",
            "Yiwu",
            "Changzhou",
            "Nantong",
        ],
        "syllables": [
            "hua",
            "xin",
            "tian",
            "heng",
            "long",
            "sheng",
            "feng",
            "da",
            "mei",
            "yuan",
            "jin",
            "hong",
            "kang",
            "tai",
            "an",
            "fu",
            "rui",
            "bao",
            "cheng",
            "guang",
            "hai",
            "jia",
            "ming",
            "run",
            "shun",
            "wei",
            "xing",
            "yi",
            "yong",
            "zhong",
            "lian",
            "chuang",
            "bo",
            "de",
            "hao",
            "le",
            "qi",
            "sen",
            "tong",
            "wan",
        ],
        "business": [
            "Textile",
            "Garment",
            "Electronics",
            "Machinery",
            "Plastic Products",
            "Hardware",
            "Packaging",
            "Furniture",
            "Import and Export",
            "Trading",
            "New Material",
            "Auto Parts",
            "Lighting",
            "Ceramics",
            "Bearing",
            "Knitting",
            "Printing and Dyeing",
            "Household Products",
        ],
        "legal": ["Co., Ltd.", "Co Ltd", "Company Limited", "Industrial Co., Ltd."],
    },
    "RU": {
        "surnames": [
            "Ivanov",
            "Petrov",
            "Sokolov",
            "Morozov",
            "Lebedev",
            "Kozlov",
            "Novikov",
            "Pavlov",
            "Semenov",
            "Egorov",
            "Orlov",
            "Fedorov",
            "Zaitsev",
            "Vinogradov",
            "Bogdanov",
            "Kuznetsov",
            "Belov",
        ],
        "places": [
            "Tver",
            "Kaluga",
            "Tula",
            "Vologda",
            "Kostroma",
            "Ryazan",
            "Penza",
            "Kursk",
            "Bryansk",
            "Yaroslavl",
            "Smolensk",
            "Tambov",
            "Lipetsk",
            "Orenburg",
            "Kirov",
            "Pskov",
            "Ivanovo",
        ],
        "adjectives": [
            "Severnaya",
            "Yuzhnaya",
            "Vostochnaya",
            "Zapadnaya",
            "Volzhskaya",
            "Okskaya",
            "Donskaya",
            "Ladozhskaya",
            "Priokskaya",
            "Zarechnaya",
        ],
        "roots": [
            "Stroy",
            "Torg",
            "Snab",
            "Prom",
            "Servis",
            "Tekh",
            "Agro",
            "Les",
            "Metall",
            "Mebel",
            "Pak",
            "Opt",
            "Avto",
            "Khim",
            "Trans",
        ],
        "business": [
            "Torgovaya Kompaniya",
            "Stroitelnaya Kompaniya",
            "Trading",
            "Logistics",
            "Mebelnaya Fabrika",
            "Khlebozavod",
            "Agrofirma",
            "Transportnaya Kompaniya",
            "Upakovka",
            "Metalloprokat",
        ],
        "legal": ["OOO", "LLC", "AO", "ООО", "ZAO"],
    },
    "IR": {
        "words": [
            "Arvand",
            "Kimia",
            "Arman",
            "Negin",
            "Tavan",
            "Farda",
            "Behsaz",
            "Pishro",
            "Sepid",
            "Rayan",
            "Payam",
            "Mehr",
            "Setareh",
            "Golrang",
            "Shayan",
            "Baran",
            "Hirad",
            "Nikan",
            "Tarava",
            "Roshan",
            "Kourosh",
            "Ariana",
            "Yekta",
            "Pouya",
            "Saman",
            "Danesh",
            "Abtin",
            "Azin",
            "Bardia",
            "Elham",
            "Farzan",
            "Golnar",
            "Kaveh",
            "Kian",
            "Sorena",
            "Vista",
            "Zhina",
            "Rastin",
            "Artin",
            "Behrad",
            "Mehrsa",
            "Navid",
            "Parsa",
            "Shervin",
            "Tina",
            "Yasna",
            "Kimiya Gostar",
            "Sahand Toos",
        ],
        "business": [
            "Trading Co.",
            "Industrial Group",
            "Tejarat",
            "Sanat",
            "Plastic Industries",
            "Food Industries",
            "Textile Co.",
            "Tile and Ceramic",
            "Pipe Manufacturing",
            "Bazargani",
            "Polymer Co.",
        ],
        "legal": ["Co.", "Company", "Private Joint Stock Co.", "Ltd"],
    },
    "IN": {
        "surnames": [
            "Sharma",
            "Patel",
            "Gupta",
            "Agarwal",
            "Mehta",
            "Reddy",
            "Iyer",
            "Jain",
            "Kapoor",
            "Verma",
            "Chopra",
            "Bose",
            "Nair",
            "Desai",
            "Joshi",
            "Malhotra",
            "Bansal",
            "Saxena",
        ],
        "business": [
            "Textiles",
            "Exports",
            "Polymers",
            "Engineering Works",
            "Agro Foods",
            "Pharma",
            "Steel",
            "Spinning Mills",
            "Auto Components",
            "Packaging",
            "Garments",
            "Chemicals",
        ],
        "legal": ["Pvt Ltd", "Private Limited", "Pvt. Ltd.", "LLP"],
    },
    "TR": {
        "surnames": [
            "Yılmaz",
            "Kaya",
            "Demir",
            "Şahin",
            "Çelik",
            "Yıldız",
            "Öztürk",
            "Aydın",
            "Özdemir",
            "Arslan",
            "Doğan",
            "Kılıç",
            "Çetin",
            "Kara",
            "Koç",
            "Kurt",
            "Özkan",
            "Şimşek",
        ],
        "business": [
            "Tekstil",
            "Gıda",
            "İnşaat",
            "Makina",
            "Lojistik",
            "Kimya",
            "Otomotiv",
            "Enerji",
            "Dış Ticaret",
            "Plastik",
            "Ambalaj",
            "Mobilya",
        ],
        "legal": ["San. ve Tic. A.Ş.", "Ltd. Şti.", "A.Ş.", "Tic. Ltd. Şti."],
    },
    "AE": {
        "words": [
            "Al Noor",
            "Golden Sands",
            "Blue Ocean",
            "Al Safa",
            "Al Rawda",
            "Desert Rose",
            "Palm Crest",
            "Al Waha",
            "Silver Line",
            "Al Manara",
            "Crescent Bay",
            "Oasis Star",
            "Al Jazira",
            "Emerald Coast",
        ],
        "business": [
            "General Trading",
            "Building Materials Trading",
            "Foodstuff Trading",
            "Auto Spare Parts",
            "Technical Services",
            "Logistics",
            "Electromechanical",
            "Marine Services",
        ],
        "legal": ["LLC", "L.L.C.", "FZE", "FZCO", "FZ-LLC"],
    },
    "DE": {
        "surnames": [
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
            "Becker",
            "Schulz",
            "Hoffmann",
            "Koch",
            "Richter",
            "Klein",
            "Wolf",
            "Neumann",
            "Schwarz",
            "Zimmermann",
        ],
        "business": [
            "Maschinenbau",
            "Logistik",
            "Handels",
            "Metallbau",
            "Elektrotechnik",
            "Kunststofftechnik",
            "Verpackung",
            "Antriebstechnik",
            "Textil",
            "Feinmechanik",
        ],
        "legal": ["GmbH", "GmbH & Co. KG", "AG", "KG"],
    },
    "US": {
        "surnames": [
            "Johnson",
            "Miller",
            "Davis",
            "Anderson",
            "Thompson",
            "Harris",
            "Clark",
            "Lewis",
            "Walker",
            "Hall",
            "Young",
            "Allen",
            "Wright",
            "Scott",
            "Baker",
            "Nelson",
            "Carter",
            "Mitchell",
        ],
        "business": [
            "Supply",
            "Industrial Services",
            "Packaging",
            "Logistics",
            "Manufacturing",
            "Plastics",
            "Foods",
            "Apparel",
            "Electric",
            "Metal Works",
            "Distribution",
        ],
        "legal": ["Inc", "Inc.", "LLC", "Corp."],
    },
    "BR": {
        "surnames": [
            "Silva",
            "Santos",
            "Oliveira",
            "Souza",
            "Pereira",
            "Costa",
            "Rodrigues",
            "Almeida",
            "Nascimento",
            "Lima",
            "Araújo",
            "Ferreira",
            "Carvalho",
            "Gomes",
            "Ribeiro",
        ],
        "business": [
            "Comércio de Alimentos",
            "Transportes",
            "Indústria Têxtil",
            "Metalúrgica",
            "Embalagens",
            "Distribuidora",
            "Calçados",
            "Agropecuária",
            "Confecções",
        ],
        "legal": ["Ltda", "Ltda.", "S.A.", "EIRELI"],
    },
    "VN": {
        "words": [
            "Minh Phat",
            "Hoang Long",
            "Thanh Cong",
            "Phu Thai",
            "An Phat",
            "Viet Hung",
            "Hai Nam",
            "Tan Phu",
            "Duc Thanh",
            "Quang Minh",
            "Bao Ngoc",
            "Thien An",
            "Hung Thinh",
            "Phuc Loc",
            "Thanh Dat",
            "Phuong Nam",
            "Kim Long",
            "Tan Tien",
            "Nam Viet",
            "Truong Thinh",
            "Gia Huy",
            "Hoa Binh",
            "Vinh Phat",
            "Ngoc Anh",
            "Dai Duong",
            "Thai Son",
            "Minh Tri",
            "Hai Dang",
        ],
        "business": [
            "Garment",
            "Seafood",
            "Textile",
            "Trading and Services",
            "Thuong Mai Dich Vu",
            "Furniture",
            "Footwear",
            "Packaging",
            "Agricultural Products",
        ],
        "legal": ["Co., Ltd", "Joint Stock Company", "JSC", "Company Limited"],
    },
    "BD": {
        "words": [
            "Rahim",
            "Karim",
            "Akter",
            "Chowdhury",
            "Sonar Bangla",
            "Padma",
            "Meghna",
            "Jamuna",
            "Rupsha",
            "Shapla",
            "Dhaka Star",
            "Nabil",
            "Anwar",
        ],
        "business": [
            "Knit Composite",
            "Apparels",
            "Fashions",
            "Sweaters",
            "Textile Mills",
            "Garments",
            "Denim",
            "Spinning Mills",
            "Washing Plant",
        ],
        "legal": ["Ltd", "Ltd.", "Limited"],
    },
    "MX": {
        "surnames": [
            "Hernández",
            "García",
            "Martínez",
            "López",
            "González",
            "Rodríguez",
            "Pérez",
            "Sánchez",
            "Ramírez",
            "Torres",
            "Flores",
            "Rivera",
            "Gómez",
            "Díaz",
            "Cruz",
            "Morales",
        ],
        "business": [
            "Comercializadora",
            "Distribuidora",
            "Grupo Industrial",
            "Transportes",
            "Maquiladora",
            "Empaques",
            "Textiles",
            "Alimentos",
            "Autopartes",
            "Plásticos",
        ],
        "legal": ["S.A. de C.V.", "SA de CV", "S. de R.L. de C.V."],
    },
    "MY": {
        "words": [
            "Cahaya",
            "Bintang",
            "Mutiara",
            "Setia",
            "Maju",
            "Sinar",
            "Perdana",
            "Tan Brothers",
            "Lim Seng",
            "Wong Kee",
            "Sri Mewah",
            "Gemilang",
            "Kencana",
        ],
        "business": [
            "Plastics Industries",
            "Rubber Products",
            "Manufacturing",
            "Engineering",
            "Trading",
            "Electronics",
            "Gloves",
            "Packaging",
            "Furniture Industries",
        ],
        "legal": ["Sdn Bhd", "Sdn. Bhd.", "Bhd"],
    },
    "PK": {
        "surnames": [
            "Malik",
            "Butt",
            "Qureshi",
            "Sheikh",
            "Chaudhry",
            "Raza",
            "Mirza",
            "Siddiqui",
            "Awan",
            "Bhatti",
            "Gill",
            "Rana",
            "Anjum",
        ],
        "business": [
            "Textile Mills",
            "Surgical Instruments",
            "Sports",
            "Leather Garments",
            "Rice Mills",
            "Knitwear",
            "Towels",
            "Hosiery",
            "Cotton Ginners",
        ],
        "legal": ["(Pvt) Ltd", "Pvt Ltd", "(Private) Limited"],
    },
}
NEG_COUNTRY_WEIGHTS = {
    "CN": 40,
    "RU": 38,
    "IR": 28,
    "IN": 24,
    "TR": 24,
    "AE": 24,
    "DE": 20,
    "US": 20,
    "BR": 20,
    "VN": 22,
    "BD": 22,
    "MX": 24,
    "MY": 22,
    "PK": 22,
}
# replacement words for near_name, per script/language (checked against every listed name before use)
NEAR_WORDS = {
    "ru": [
        "Rassvet",
        "Berezka",
        "Zarya",
        "Ogonek",
        "Vympel",
        "Rodnik",
        "Sokol",
        "Yantar",
        "Kedr",
        "Almaz",
        "Iskra",
        "Rubin",
        "Sapfir",
        "Raduga",
        "Solnechny",
        "Lazur",
        "Ladoga",
        "Pereval",
        "Tayga",
        "Ozerki",
        "Vesna",
        "Klever",
        "Romashka",
        "Kupava",
        "Lesnaya",
        "Ruchey",
        "Polyus",
        "Dubrava",
    ],
    "fa": [
        "Golestan",
        "Shaghayegh",
        "Niloufar",
        "Sahand",
        "Damavand",
        "Bahar",
        "Mahtab",
        "Parsian",
        "Atlas",
        "Sarv",
        "Nasim",
        "Shabnam",
        "Parand",
        "Khazar",
        "Raha",
        "Avin",
        "Delvar",
        "Hamoun",
        "Taban",
        "Chakad",
    ],
    "ar": [
        "Al Wafa",
        "Al Zahraa",
        "Al Bustan",
        "Al Yasmin",
        "Al Fajr",
        "Al Rayyan",
        "Al Shorouk",
        "Al Amal",
        "Al Nakheel",
        "Al Sanabel",
        "Al Massa",
        "Al Hikma",
        "Al Fayrouz",
        "Al Qamar",
    ],
    "zh": [],  # made from NEG['CN']['syllables']
    "es": [
        "Girasol",
        "Amanecer",
        "Horizonte",
        "Cordillera",
        "Laguna",
        "Palmeras",
        "Encino",
        "Alborada",
        "Mirador",
        "Arrecife",
        "Colibri",
        "Quetzal",
        "Nogal",
        "Manantial",
    ],
    "ko": ["Hanbit", "Saebyeol", "Mirae", "Hanul", "Dasom", "Bora", "Nuri", "Haemil", "Gaon", "Areum"],
    "en": [
        "Brookfield",
        "Ashton",
        "Kingsley",
        "Riverton",
        "Hawthorne",
        "Meadowbank",
        "Stonebridge",
        "Fairhaven",
        "Larkspur",
        "Windmere",
        "Copperfield",
        "Thornbury",
        "Ellington",
        "Westbrook",
    ],
    "tr": ["Yelken", "Lale", "Papatya", "Marmara", "Toros", "Kardelen", "Ayyıldız", "Gökkuşağı", "Meltem"],
}
SECTORS = {
    "food": ["Dairy Products", "Bakery", "Fruit Juices", "Confectionery", "Seafood Processing"],
    "textile": ["Textile Mills", "Garments", "Knitwear", "Denim"],
    "building": ["Ceramic Tiles", "Cement", "Glass Works", "Timber"],
    "consumer": ["Cosmetics", "Furniture", "Footwear", "Toys", "Stationery"],
    "farm": ["Poultry Farm", "Flour Mills", "Tea Estate", "Fisheries"],
}
OTHER_COUNTRY_TARGETS = [
    "BR",
    "VN",
    "BD",
    "MY",
    "IN",
    "PK",
    "MX",
    "TR",
    "DE",
    "US",
    "ZA",
    "ID",
    "TH",
    "PH",
    "KE",
    "NG",
    "AR",
    "PL",
    "IT",
    "ES",
]
OTHER_COUNTRY_LEGAL = {
    "BR": "Ltda",
    "VN": "Co., Ltd",
    "BD": "Ltd",
    "MY": "Sdn Bhd",
    "IN": "Pvt Ltd",
    "PK": "(Pvt) Ltd",
    "MX": "S.A. de C.V.",
    "TR": "A.Ş.",
    "DE": "GmbH",
    "US": "Inc.",
    "ZA": "(Pty) Ltd",
    "ID": "PT",
    "TH": "Co., Ltd.",
    "PH": "Inc.",
    "KE": "Limited",
    "NG": "Limited",
    "AR": "S.R.L.",
    "PL": "Sp. z o.o.",
    "IT": "S.r.l.",
    "ES": "S.L.",
}
REGION = {
    "RU": "cis",
    "BY": "cis",
    "UA": "cis",
    "KZ": "cis",
    "IR": "me",
    "SY": "me",
    "LB": "me",
    "IQ": "me",
    "AE": "me",
    "KW": "me",
    "TR": "me",
    "CN": "ea",
    "HK": "ea",
    "TW": "ea",
    "KP": "ea",
    "MX": "la",
    "CO": "la",
    "VE": "la",
    "PA": "la",
    "BR": "la",
    "AR": "la",
    "IN": "sa",
    "PK": "sa",
    "BD": "sa",
    "MY": "sea",
    "VN": "sea",
    "ID": "sea",
    "TH": "sea",
    "PH": "sea",
    "DE": "eu",
    "PL": "eu",
    "IT": "eu",
    "ES": "eu",
    "US": "na",
    "ZA": "af",
    "KE": "af",
    "NG": "af",
}


# ---------------------------------------------------------------------------------------------------------------
# the bundled lists, read as plain data


def listed_names() -> tuple[list[str], list[str]]:
    """(every listed name and alias, the names that are not of people), from the bundled list files."""
    everything: list[str] = []
    organisations: list[str] = []
    people: set[str] = set()
    with open(LISTS / "ofac_sdn.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            everything.append(row["sdn_name"])
            if row["sdn_type"] == "individual":
                people.add(row["ent_num"])
            else:
                organisations.append(row["sdn_name"])
    with open(LISTS / "ofac_alt.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            everything.append(row["alt_name"])
            if row["ent_num"] not in people:
                organisations.append(row["alt_name"])
    with open(LISTS / "uflpa_entity_list.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names = [row["entity_name"]] + [
                n.strip() for col in ("aliases", "former_names") for n in row[col].split(";") if n.strip()
            ]
            everything += names
            organisations += names
    with open(LISTS / "cbp_wro_findings.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names = [row["entity"]] + [n.strip() for n in row["aliases"].split(";") if n.strip()]
            everything += names
            organisations += names
    return everything, organisations


def ofac_types() -> dict[str, str]:
    with open(LISTS / "ofac_sdn.csv", newline="", encoding="utf-8") as handle:
        return {row["ent_num"]: row["sdn_type"] for row in csv.DictReader(handle)}


# ---------------------------------------------------------------------------------------------------------------
# a parsed name: legal form in front, the core words, legal form behind


LEGAL_RE = {fam: re.compile(rf"(?:{pat})") for fam, pat in LEGAL_PATTERNS.items()}
LEGAL_WORDS = {
    w for pat in LEGAL_PATTERNS.values() for alt in pat.split("|") for w in alt.split() if "\\" not in w
}
LEGAL_WORDS |= {
    "obshchestvo",
    "obschestvo",
    "ogranichennoi",
    "ogranichennoy",
    "otvetstvennostyu",
    "aktsionernoe",
    "publichnoe",
    "otkrytoe",
    "zakrytoe",
    "of",
    "the",
    "s",
    "a",
    "de",
    "cv",
    "rl",
}


def _match_legal(norms: list[str], at_end: bool) -> tuple[str, int] | None:
    """(family, number of tokens) of the legal form at the start or the end of the compared tokens."""
    best = None
    for fam, pattern in LEGAL_RE.items():
        for n in range(min(6, len(norms) - 1), 0, -1):
            part = norms[-n:] if at_end else norms[:n]
            if pattern.fullmatch(" ".join(part)):
                if best is None or n > best[1]:
                    best = (fam, n)
                break
    return best


def split_legal(tokens: list[str]) -> tuple[list[str], list[str], str, list[str], str]:
    """(front legal tokens, core tokens, front family, back legal tokens, back family) of a whitespace-split name.
    Single letters spread as 'S. A.' are compared joined."""
    norms = [tnorm(t) for t in tokens]
    front, back = [], []
    front_fam = back_fam = ""
    hit = _match_legal(norms, at_end=False)
    if hit and hit[1] < len(tokens):
        front_fam, n = hit
        front, tokens, norms = tokens[:n], tokens[n:], norms[n:]
    hit = _match_legal(norms, at_end=True)
    if hit and hit[1] < len(tokens):
        back_fam, n = hit
        back, tokens = tokens[-n:], tokens[:-n]
        # "X, S.A. DE C.V." leaves the comma on the core
    if tokens:
        tokens = tokens[:-1] + [tokens[-1].rstrip(",")]
    return front, tokens, front_fam, back, back_fam


def core_set(text: str) -> frozenset[str]:
    """A name's compared words without legal-form words (what two names must share to be one name)."""
    toks = ntokens(text)
    # join letters spelled apart (s a -> sa), as a clerk's dots do
    joined: list[str] = []
    spelled = False
    for t in toks:
        if len(t) == 1 and t.isalpha() and spelled:
            joined[-1] += t
        else:
            joined.append(t)
            spelled = len(t) == 1 and t.isalpha()
    return frozenset(t for t in joined if t not in LEGAL_WORDS)


PLACE_WORDS = (
    {tnorm(p) for ps in PLACES.values() for p in ps}
    | {tnorm(w) for ps in PLACES.values() for p in ps for w in p.split()}
    | set(WADE_GILES_PLACES)
    | {tnorm(p) for p in NEG["CN"]["places"]}
    | {
        "xinjiang",
        "gansu",
        "hubei",
        "qinghai",
        "sichuan",
        "yunnan",
        "guangxi",
        "ningxia",
        "tibet",
        "mongolia",
        "inner",
        "russia",
        "iran",
        "china",
        "syria",
        "lebanon",
        "korea",
        "belarus",
        "ukraine",
        "venezuela",
        "mexico",
        "colombia",
        "panama",
        "pakistan",
        "india",
        "turkey",
        "iraq",
        "kuwait",
        "emirates",
        "dubai",
        "moscow",
    }
)


def distinctive(tokens: list[str], country: str) -> list[int]:
    """Indexes of the core tokens that make the name (not business, generic, place or legal words)."""
    places = PLACE_WORDS
    out = []
    for i, t in enumerate(tokens):
        n = tnorm(t)
        if len(n) < 3 or n in GENERIC_WORDS or n in LEGAL_WORDS or n in places or n.isdigit():
            continue
        out.append(i)
    return out


# ---------------------------------------------------------------------------------------------------------------
# the set's source: eligible holdout names per cluster


class Source:
    def __init__(self, row: dict[str, str]):
        self.entity_id = row["entity_id"]
        self.cluster = row["cluster"]
        self.name = row["name"].strip()
        self.country = row["country_code"]
        self.address = row["address"]
        self.is_alias = row["is_alias"] == "true"
        toks = self.name.replace("\u00a0", " ").split()
        self.front, self.core, self.front_fam, self.back, self.back_fam = split_legal(toks)
        self.dist = distinctive(self.core, self.country)

    def address_city(self) -> str:
        parts = [p.strip() for p in self.address.split(",") if p.strip()]
        if len(parts) < 2:
            return ""
        city = re.sub(r"\b[\dA-Z]*\d[\dA-Z-]*\b", "", parts[-2]).strip(" .-")
        if (
            not city
            or len(city) > 22
            or not re.fullmatch(r"[A-Za-z .'-]+", city)
            or city.lower().startswith(
                (
                    "ul",
                    "str",
                    "no",
                    "office",
                    "bldg",
                    "building",
                    "floor",
                    "room",
                    "p.o",
                    "po box",
                    "suite",
                    "apt",
                    "d.",
                )
            )
        ):
            return ""
        return city


def eligible(src: Source, types: dict[str, str]) -> bool:
    if src.entity_id.startswith("ofac-sdn:") and types.get(src.entity_id.split(":")[1], "") != "":
        return False
    low = fold(src.name)
    if re.search(r"\bno\.? ?\d+\b", low) or NON_SUPPLIER.search(low):
        return False
    norms = ntokens(src.name)
    if not (src.front_fam or src.back_fam or any(n in BUSINESS_WORDS for n in norms)):
        return False
    core_letters = sum(len(tnorm(t)) for t in src.core)
    if core_letters < 4 or not src.core:
        return False
    return bool(src.dist) or len(src.core) >= 3


# ---------------------------------------------------------------------------------------------------------------
# damage steps: each takes a Draft and returns the damage tag, or None when it does not apply


class Draft:
    """A query being damaged: legal tokens in front, core tokens, legal tokens behind, affixes, country."""

    def __init__(self, src: Source):
        self.src = src
        self.front = list(src.front)
        self.core = list(src.core)
        self.back = list(src.back)
        self.front_fam = src.front_fam
        self.back_fam = src.back_fam
        self.prefix: list[str] = []
        self.suffix: list[str] = []
        self.quote = False
        self.country = src.country
        self.text_override: str | None = None

    def text(self) -> str:
        if self.text_override is not None:
            return self.text_override
        core = " ".join(self.core)
        if self.quote:
            core = f'"{core}"'
        if (
            self.back
            and not self.front
            and self.back_fam in ("sa", "sadecv", "ltda", "sal")
            and self.rng_comma
        ):
            core += ","
        parts = [*self.prefix, *self.front, core, *self.back, *self.suffix]
        return re.sub(r"\s+", " ", " ".join(p for p in parts if p)).replace(" , ", ", ").strip()

    rng_comma = True


MOVABLE = {"llc", "jsc", "pjsc", "llp", "pt"}
# words that already say what kind of organisation it is: no legal form is added to them
ORG_FORM_WORDS = {
    "uchrezhdenie",
    "predpriyatie",
    "enterprise",
    "institute",
    "institut",
    "bureau",
    "unitary",
    "federal",
    "federalnoe",
    "gosudarstvennoe",
    "state",
    "university",
    "centre",
    "center",
    "bank",
    "fund",
    "fond",
    "authority",
    "sarl",
    "kg",
    "eood",
    "ood",
    "sas",
    "scs",
    "cia",
    "partnership",
    "empresa",
    "ead",
    "ad",
    "dd",
    "spa",
    "sprl",
    "oy",
    "ab",
    "as",
    "nv",
    "kft",
    "sro",
    "sp",
}


def step_legal_form(d: Draft, rng: random.Random) -> str | None:
    fam = d.back_fam or d.front_fam
    where = "back" if d.back_fam else "front"
    if not fam:
        inner = {tnorm(t) for t in d.core}
        if inner & ORG_FORM_WORDS or inner & (LEGAL_WORDS - {"of", "the", "s", "a", "de", "co", "company"}):
            return None
        country = d.country or "RU"
        default = (
            ["sa"]
            if country in SPANISH | FRENCH
            else ["ltda"]
            if country in PORTUGUESE
            else ["ltd", "company"]
        )
        options = COUNTRY_LEGAL.get(country, default)
        fam = rng.choice(options)
        spelling, _ = rng.choice(LEGAL_SPELLINGS[fam])
        if fam in ("llc", "jsc", "pjsc", "llp") and rng.random() < 0.5:
            d.front = [spelling]
            d.front_fam = fam
        else:
            d.back = [spelling]
            d.back_fam = fam
        return f"legal:add:{spelling}"
    current = d.back if where == "back" else d.front
    cur_norm = tnorm("".join(current))
    ops = ["respell", "drop", "move"]
    if fam in ("llc", "jsc", "pjsc", "llp") and where == "front":
        ops += ["move", "quoted"]
    op = rng.choice(ops)
    if op == "drop":
        if where == "back":
            d.back, d.back_fam = [], ""
        else:
            d.front, d.front_fam = [], ""
        return "legal:drop"
    if op in ("move", "quoted"):
        if where == "back":
            if fam not in MOVABLE:
                op = "respell"
            else:
                d.front, d.back = d.back, []
                d.front_fam, d.back_fam = fam, ""
                return "legal:move:front"
        else:
            spelling = (
                rng.choice([s for s, _ in LEGAL_SPELLINGS[fam]]) if op == "quoted" else " ".join(d.front)
            )
            if op == "quoted":
                d.quote = True
                d.front = [spelling]
                return f"legal:quoted:{spelling}"
            d.back, d.front = d.front, []
            d.back_fam, d.front_fam = fam, ""
            return "legal:move:back"
    choices = [(s, tag) for s, tag in LEGAL_SPELLINGS.get(fam, []) if tnorm(s) != cur_norm]
    if fam == "llp" or d.country == "KZ":
        choices += [("TOO", "translit")]
    if not choices:
        return None
    spelling, tag = rng.choice(choices)
    if where == "back":
        d.back = [spelling]
    else:
        d.front = [spelling]
    return f"legal:{tag}:{spelling}"


def pick_place(d: Draft, rng: random.Random) -> str:
    city = d.src.address_city()
    pool = PLACES.get(d.country, [])
    if city and (not pool or rng.random() < 0.4):
        return city
    if not pool:
        return ""
    place = rng.choice(pool)
    if d.country in ("RU", "BY") and place in CYRILLIC_CITY and rng.random() < 0.2:
        return CYRILLIC_CITY[place]
    if d.country == "CN" and place in HAN_CITY and rng.random() < 0.2:
        return HAN_CITY[place]
    return place


def step_place(d: Draft, rng: random.Random) -> str | None:
    place = pick_place(d, rng)
    if not place or tnorm(place) in {tnorm(t) for t in d.core}:
        return None
    style = rng.choice(["before", "after", "bracket", "comma", "dash", "before_legal"])
    if style == "before":
        d.prefix.insert(0, place)
    elif style == "after":
        d.suffix.append(place)
    elif style == "bracket":
        if d.back:
            d.core = [*d.core, f"({place})"]
        else:
            d.suffix.append(f"({place})")
    elif style == "comma":
        d.suffix.append(f", {place}")
    elif style == "dash":
        d.suffix.append(f"- {place}")
    else:
        if d.back:
            d.core = [*d.core, place]
        else:
            d.suffix.append(place)
    return f"place:{style}:{place}"


def branch_language(country: str) -> str:
    if country in RUSSIAN_SPEAKING:
        return "ru"
    if country in CHINESE:
        return "zh"
    if country in SPANISH:
        return "es"
    if country in FRENCH or country == "LB":
        return "fr"
    if country in PORTUGUESE:
        return "pt"
    if country in GERMAN:
        return "de"
    if country == "TR":
        return "tr"
    return "en"


def step_branch(d: Draft, rng: random.Random) -> str | None:
    country = d.country
    tag = ""
    if country in BRANCH_ABROAD and rng.random() < 0.2:
        country = rng.choice(BRANCH_ABROAD[country])
        d.country = country
        tag = f":abroad:{country}"
    lang = branch_language(country)
    if lang != "en" and rng.random() < 0.3:
        lang = "en"
    suffixes, prefixes = BRANCH[lang]
    city = rng.choice(PLACES.get(country, [""]) or [""])
    if tag and lang == "en":
        suffixes = [s for s in suffixes if "{c}" in s]
    if prefixes and rng.random() < 0.25:
        template = rng.choice(prefixes)
        if "{c}" in template and not city:
            template = prefixes[0]
        word = template.format(c=city)
        d.prefix.insert(0, word)
        return f"branch:{lang}:prefix:{word}{tag}"
    template = rng.choice(suffixes)
    if "{h}" in template:
        han = HAN_CITY.get(city)
        if not han:
            template = "分公司"
        word = template.format(h=han or "")
    else:
        if "{c}" in template and not city:
            template = suffixes[0]
        word = template.format(c=city)
    if word.startswith("- ") or word.startswith("("):
        d.suffix.append(word)
    elif rng.random() < 0.3:
        d.suffix.append("- " + word if rng.random() < 0.5 else ", " + word)
    else:
        d.suffix.append(word)
    return f"branch:{lang}:{word}{tag}"


def _typo_once(token: str, rng: random.Random) -> tuple[str, str] | None:
    letters = [i for i, c in enumerate(token) if c.isalpha()]
    if len(letters) < 5:
        return None
    kinds = ["neighbour", "swap", "drop", "double", "ocr"]
    kind = rng.choice(kinds)
    start = 1 if rng.random() < 0.8 else 0
    cands = [i for i in letters if i >= start]
    i = rng.choice(cands)
    c = token[i]
    if kind == "neighbour":
        near = KEY_NEIGHBOURS.get(c.lower(), "")
        if not near:
            return None
        r = rng.choice(near)
        return token[:i] + (r.upper() if c.isupper() else r) + token[i + 1 :], kind
    if kind == "swap":
        if i + 1 >= len(token) or not token[i + 1].isalpha() or token[i + 1].lower() == c.lower():
            return None
        return token[:i] + token[i + 1] + c + token[i + 2 :], kind
    if kind == "drop":
        return token[:i] + token[i + 1 :], kind
    if kind == "double":
        return token[: i + 1] + c + token[i + 1 :], kind
    options = [(a, b) for a, b in OCR if a in token[1:]]
    if not options:
        return None
    a, b = rng.choice(options)
    spots = [m.start() for m in re.finditer(re.escape(a), token) if m.start() >= 1]
    j = rng.choice(spots)
    if b == "rn" or a == "rn":
        b = b if token[j].islower() else b.upper()
    return token[:j] + b + token[j + len(a) :], "ocr"


def step_typo(d: Draft, rng: random.Random, count: int | None = None) -> str | None:
    letters = sum(len(tnorm(t)) for t in d.core)
    if letters < 8:
        return None
    if count is None:
        count = rng.choices([1, 2, 3], weights=[45, 38, 17])[0]
    count = max(1, min(count, letters // 7))
    done = []
    touched: Counter[int] = Counter()
    targets = distinctive(d.core, d.country) or list(range(len(d.core)))
    for _ in range(count * 4):
        if len(done) == count:
            break
        pool = targets if rng.random() < 0.75 else list(range(len(d.core)))
        i = rng.choice(pool)
        if touched[i] >= (2 if len(d.core[i]) >= 9 else 1):
            continue
        hit = _typo_once(d.core[i], rng)
        if hit is None:
            continue
        d.core[i] = hit[0]
        touched[i] += 1
        done.append(hit[1])
    if not done:
        return None
    return "typo:" + "+".join(done)


def step_abbreviation(d: Draft, rng: random.Random) -> str | None:
    norms = [tnorm(t) for t in d.core]
    for words, acro in ACRONYMS:
        n = len(words)
        for i in range(len(norms) - n + 1):
            if tuple(norms[i : i + n]) == words and rng.random() < 0.7:
                d.core = d.core[:i] + [recase(acro, d.core[i]) if acro.isalpha() else acro] + d.core[i + n :]
                return f"abbrev:{' '.join(words)}->{acro}"
    hits = [i for i, n in enumerate(norms) if n in ABBREVIATIONS]
    legal_hits = [n for n in (tnorm(" ".join(d.back)),) if n in ("company", "corporation", "limited")]
    if not hits and not legal_hits:
        return None
    tags = []
    if hits:
        chosen = rng.sample(hits, k=min(len(hits), rng.choice([1, 1, 2, 3])))
        for i in sorted(chosen):
            short = rng.choice(ABBREVIATIONS[norms[i]])
            tags.append(f"{norms[i]}->{short}")
            d.core[i] = recase(short, d.core[i]) if "'" not in short else short
    else:
        short = rng.choice(ABBREVIATIONS[legal_hits[0]])
        tags.append(f"{legal_hits[0]}->{short}")
        d.back = [short]
    return "abbrev:" + ",".join(tags)


def _apply_rules(word: str, rules, rng: random.Random) -> str | None:
    low = word.lower()
    options = []
    for pattern, repls in rules:
        for m in re.finditer(pattern, low):
            for r in repls:
                options.append((m.start(), m.end(), r))
    if not options:
        return None
    s, e, r = rng.choice(options)
    new = low[:s] + r + low[e:]
    if new == low or len(new) < 3:
        return None
    return recase(new, word)


def step_translit(d: Draft, rng: random.Random) -> str | None:
    country = d.src.country
    order = list(range(len(d.core)))
    rng.shuffle(order)
    dist = set(distinctive(d.core, country))
    order.sort(key=lambda i: i not in dist)
    tags = []
    want = rng.choice([1, 1, 2])
    for i in order:
        if len(tags) >= want:
            break
        tok = d.core[i]
        bare = re.sub(r"[^\w'-]", "", tok)
        low = bare.lower()
        if len(low) < 4 or not bare.isascii() or not low.replace("-", "").replace("'", "").isalpha():
            continue
        if tnorm(low) in ENGLISH_COMMON and not AL_PREFIX.match(low):
            continue
        lead, trail = tok[: tok.find(bare[0])], tok[tok.find(bare[0]) + len(bare) :]
        new = None
        tag = ""
        if country in CHINESE:
            syl = pinyin_syllables(low.replace("-", ""))
            if low in WADE_GILES_PLACES and rng.random() < 0.7:
                new, tag = recase(WADE_GILES_PLACES[low], bare), "wade_giles_place"
            elif syl and len(syl) >= 2 and country in CHINESE | {""}:
                r = rng.random()
                if r < 0.45:
                    parts = ["".join(p) for p in syl]
                    sep = rng.choice([" ", " ", "-"])
                    new, tag = sep.join(recase(p, bare) for p in parts), "pinyin_split"
                elif r < 0.8:
                    new, tag = recase(wade_giles(syl), bare), "wade_giles"
            elif syl and len(syl) == 1 and i + 1 < len(d.core) and country in CHINESE:
                nxt = d.core[i + 1]
                if pinyin_syllables(nxt.lower()) and len(pinyin_syllables(nxt.lower()) or []) == 1:
                    d.core[i : i + 2] = [tok + nxt.lower()]
                    tags.append("translit:pinyin_join")
                    break
        if new is None and (country in PERSIAN_ARABIC or low in FA_AR_WORDS or AL_PREFIX.match(low)):
            m = AL_PREFIX.match(low)
            if low in FA_AR_WORDS:
                new, tag = recase(rng.choice(FA_AR_WORDS[low]), bare), "fa_ar_name"
            elif m and m.group(2):
                art = rng.choice([a for a in ("al", "el", "ul", "") if a != m.group(1).lower()])
                sep = rng.choice(["-", " ", ""]) if art else ""
                new, tag = recase(art, bare) + sep + recase(m.group(2), bare), "al_prefix"
            elif country in PERSIAN_ARABIC:
                new = _apply_rules(low, FA_AR_RULES, rng)
                new, tag = (recase(new, bare), "fa_ar_vowel") if new else (None, "")
        if new is None and (country in RUSSIAN_SPEAKING or not country) and RU_LOOK.search(low):
            new = _apply_rules(low, RU_RULES, rng)
            new, tag = (recase(new, bare), "ru") if new else (None, "")
        if new is None and country in SPANISH | PORTUGUESE:
            stripped = fold(low)
            if stripped != low:
                new, tag = recase(stripped, bare), "accent_strip"
        if new and new.lower() != bare.lower():
            d.core[i] = lead + new + trail
            tags.append(f"translit:{tag}:{bare}->{new}")
    if not tags:
        return None
    return ";".join(tags)


def step_word_order(d: Draft, rng: random.Random) -> str | None:
    if len(d.core) < 2:
        return None
    norms = [tnorm(t) for t in d.core]
    ops = ["swap", "rotate"]
    if "of" in norms[1:-1]:
        ops += ["of", "of"]
    if len(d.core) >= 3:
        ops.append("comma")
    op = rng.choice(ops)
    core = [t.rstrip(",") for t in d.core]
    stop = {"of", "the", "with", "for", "and", "de", "del", "la", "y", "i", "&", "im", "imeni"}
    if op == "comma" and norms[0] in stop | LEGAL_WORDS:
        op = "swap"
    if op == "rotate" and (norms[0] in stop or norms[-1] in stop):
        op = "swap"
    if op == "of":
        k = norms.index("of")
        tail = core[k + 1 :]
        if tail and tnorm(tail[0]) == "the":
            tail = tail[1:]
        d.core = tail + core[:k]
    elif op == "swap":
        spots = [i for i in range(len(core) - 1) if norms[i] not in stop and norms[i + 1] not in stop]
        if not spots:
            return None
        i = rng.choice(spots)
        core[i], core[i + 1] = core[i + 1], core[i]
        d.core = core
    elif op == "rotate":
        d.core = core[1:] + core[:1] if rng.random() < 0.5 else core[-1:] + core[:-1]
    else:
        d.core = core[1:-1] + [core[-1] + ","] + core[:1]
    if [tnorm(t) for t in d.core] == norms:
        return None
    return f"word_order:{op}"


def step_punct(d: Draft, rng: random.Random) -> str | None:
    text = d.text()
    ops = ["strip", "to_space", "spacing", "hyphen", "quotes", "and", "acronym_dots", "diacritics"]
    rng.shuffle(ops)
    for op in ops:
        new = text
        if op == "strip":
            new = re.sub(r"[.,()\"'«»]", "", text)
        elif op == "to_space":
            new = re.sub(r"\s+", " ", re.sub(r"[.,()\-&/\"]", " ", text)).strip()
        elif op == "spacing":
            words = text.split(" ")
            if len(words) < 2:
                continue
            i = rng.randrange(len(words) - 1)
            if rng.random() < 0.5 and len(words[i]) + len(words[i + 1]) < 18:
                new = " ".join(words[:i] + [words[i] + words[i + 1]] + words[i + 2 :])
            else:
                new = (
                    "  ".join(words[: i + 1]) + " " + " ".join(words[i + 1 :])
                    if rng.random() < 0.5
                    else (text.replace(", ", " ,").replace(" ", "  ", 1))
                )
        elif op == "hyphen":
            words = text.split(" ")
            cands = [i for i in range(len(words) - 1) if words[i].isalpha() and words[i + 1].isalpha()]
            if not cands:
                continue
            i = rng.choice(cands)
            new = " ".join(words[:i] + [words[i] + "-" + words[i + 1]] + words[i + 2 :])
        elif op == "quotes":
            q = rng.choice([('"', '"'), ("«", "»"), ("'", "'"), ("“", "”")])
            core = " ".join(d.core)
            if core not in text:
                continue
            new = text.replace(core, q[0] + core + q[1], 1)
        elif op == "and":
            if re.search(r"\band\b", text, re.IGNORECASE):
                new = re.sub(
                    r"\band\b", rng.choice(["&", "+", "and", "AND"]), text, count=1, flags=re.IGNORECASE
                )
                new = new if new != text else re.sub(r"\band\b", "&", text, count=1, flags=re.IGNORECASE)
            elif "&" in text:
                new = text.replace("&", rng.choice(["and", "AND", "And"]), 1)
            else:
                continue
        elif op == "acronym_dots":
            words = text.split(" ")
            cands = [
                i
                for i, w in enumerate(words)
                if w.isalpha()
                and 2 <= len(w) <= 4
                and (tnorm(w) in ACRONYM_WORDS or not re.search("[aeiouy]", w, re.I))
            ]
            if not cands:
                continue
            i = rng.choice(cands)
            words[i] = ".".join(words[i]) + "."
            new = " ".join(words)
        elif op == "diacritics":
            stripped = (
                "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
                .replace("ı", "i")
                .replace("İ", "I")
            )
            if stripped != text:
                new = stripped
                op = "diacritics_strip"
            else:
                words = text.split(" ")
                cands = [
                    i for i, w in enumerate(words) if tnorm(w) in ACCENTED and ACCENTED[tnorm(w)] != tnorm(w)
                ]
                if not cands:
                    continue
                i = rng.choice(cands)
                words[i] = recase(ACCENTED[tnorm(words[i])], words[i])
                new = " ".join(words)
                op = "diacritics_add"
        if new != text and core_set(new) and fold(new) != fold(text) or new.casefold() != text.casefold():
            d.text_override = new
            return f"punct:{op}"
    return None


ACRONYM_WORDS = {
    "llc",
    "jsc",
    "ooo",
    "ao",
    "pao",
    "oao",
    "zao",
    "npf",
    "npo",
    "npp",
    "akb",
    "kb",
    "td",
    "nii",
    "fze",
    "llp",
    "pjsc",
    "ojsc",
    "cjsc",
    "too",
    "sa",
    "sal",
    "plc",
    "gmbh",
    "ltda",
    "vtb",
    "gtlk",
}


def step_truncation(d: Draft, rng: random.Random) -> str | None:
    text = d.text().upper()
    widths = [w for w in (25, 30, 35, 40) if w < len(text)]
    if not widths:
        return None
    rng.shuffle(widths)
    src_dist = {tnorm(d.src.core[i]) for i in d.src.dist}
    for w in widths:
        cut = text[:w].rstrip()
        kept = {tnorm(t) for t in cut.split()[:-1]} | (
            {tnorm(cut.split()[-1])} if text[w : w + 1] in " " else set()
        )
        kept_dist = len(src_dist & kept) if src_dist else 0
        need = max(1, (len(src_dist) + 1) // 2)
        if src_dist and kept_dist < need:
            continue
        if not src_dist and len(kept - LEGAL_WORDS) < 3:
            continue
        d.text_override = cut
        return f"truncate:{w}"
    return None


STEPS = {
    "place": step_place,
    "branch": step_branch,
    "legal_form": step_legal_form,
    "typo": step_typo,
    "truncation": step_truncation,
    "translit": step_translit,
    "word_order": step_word_order,
    "abbreviation": step_abbreviation,
    "punct": step_punct,
}
# the order steps compose in (structure first, then spelling, then characters, then the field cut)
STEP_ORDER = [
    "legal_form",
    "abbreviation",
    "translit",
    "word_order",
    "place",
    "branch",
    "typo",
    "punct",
    "truncation",
]


def apply_case(text: str, rng: random.Random, forced_upper: bool) -> tuple[str, str]:
    if forced_upper:
        return text.upper(), "case:upper"
    style = rng.choices(["keep", "upper", "title"], weights=[45, 33, 22])[0]
    if style == "upper":
        return text.upper(), "case:upper"
    if style == "title":
        return re.sub(
            r"[^\W\d_]+", lambda m: m.group(0)[:1].upper() + m.group(0)[1:].lower(), text
        ), "case:title"
    return text, "case:keep"


def country_damage(country: str, rng: random.Random) -> tuple[str, str]:
    if not country:
        return "", "country:none_listed"
    r = rng.random()
    if r < 1 / 6:
        return "", "country:blank"
    if r < 1 / 6 + 1 / 25 and country in NEIGHBOURS:
        other = rng.choice(NEIGHBOURS[country])
        return other, f"country:neighbour:{other}"
    return country, ""


# ---------------------------------------------------------------------------------------------------------------
# collision checks against the lists


def _deletions(word: str) -> set[str]:
    """The word with up to two letters deleted (symmetric-delete lookup)."""
    one = {word[:i] + word[i + 1 :] for i in range(len(word))}
    two = {w[:i] + w[i + 1 :] for w in one for i in range(len(w))} if len(word) > 6 else set()
    return {word} | one | two


class ListIndex:
    def __init__(self, everything: list[str], organisations: list[str]):
        self.keys = {" ".join(sorted(core_set(n))) for n in everything}
        self.by_token: dict[str, list[frozenset[str]]] = defaultdict(list)
        seen = set()
        for name in everything:
            core = core_set(name)
            if not core or core in seen:
                continue
            seen.add(core)
            rarest = min(sorted(core), key=len, default="")
            self.by_token[rarest].append(core)
            for t in core:
                if t != rarest:
                    self.by_token[t]  # noqa: B018 - make the key exist
        self.all_tokens = {t for n in everything for t in core_set(n)}
        self.org_tokens = {t for n in organisations for t in core_set(n)}
        # in how many listed organisation names a word appears (a word in one or two is a name's own word)
        self.org_df: Counter[str] = Counter(t for c in {core_set(n) for n in organisations} for t in c)
        self.org_cores = [c for c in {core_set(n) for n in organisations} if c]
        self.single_cores = {next(iter(c)) for c in self.org_cores if len(c) == 1}
        self.org_by_token: dict[str, list[frozenset[str]]] = defaultdict(list)
        for c in sorted(self.org_cores, key=lambda c: sorted(c)):
            for t in sorted(c):
                self.org_by_token[t].append(c)

        self.deletes: dict[str, set[str]] = defaultdict(set)
        for t in sorted(self.org_tokens):
            if t.isalpha() and len(t) >= 3:
                for v in _deletions(t):
                    self.deletes[v].add(t)

    def near_listed(self, word: str) -> str:
        """A word of a listed organisation one slip (two for long words) from ``word``, or ''."""
        word = tnorm(word)
        limit = 1 if len(word) <= 6 else 2
        for v in sorted(_deletions(word)):
            for t in sorted(self.deletes.get(v, ())):
                if levenshtein(t, word) <= limit:
                    return t
        return ""

    def near_all(self, word: str) -> set[str]:
        """Every word of a listed organisation one slip (two for long words) from ``word``, itself included."""
        word = tnorm(word)
        limit = 1 if len(word) <= 6 else 2
        return {
            t for v in _deletions(word) for t in self.deletes.get(v, ()) if levenshtein(t, word) <= limit
        } | ({word} if word in self.all_tokens else set())

    def collides(self, name: str) -> str:
        """Why a negative would be a listed name ('' when it is not)."""
        core = core_set(name)
        if not core:
            return "empty"
        if " ".join(sorted(core)) in self.keys:
            return "equal"
        for t in core:
            for listed in self.by_token.get(t, ()):
                if listed <= core:
                    return "contains:" + " ".join(sorted(listed))
        return ""

    def shares_half(self, name: str) -> bool:
        core = core_set(name)
        for t in sorted(core):
            for listed in self.org_by_token.get(t, ()):
                if len(core & listed) * 2 >= max(len(core), len(listed)):
                    return True
        return False


# ---------------------------------------------------------------------------------------------------------------
# positives


def make_positive(src: Source, kind: str, rng: random.Random) -> tuple[str, str, list[str]] | None:
    d = Draft(src)
    d.rng_comma = rng.random() < 0.5
    if kind == "combined":
        n = rng.choices([2, 3, 4], weights=[50, 35, 15])[0]
        pool = [
            "legal_form",
            "typo",
            "place",
            "branch",
            "translit",
            "word_order",
            "abbreviation",
            "punct",
            "truncation",
        ]
        weights = [20, 22, 12, 10, 14, 8, 10, 10, 10]
        chosen: list[str] = []
        while len(chosen) < n:
            k = rng.choices(pool, weights=weights)[0]
            if k not in chosen and not (
                k == "branch" and "place" in chosen or k == "place" and "branch" in chosen
            ):
                chosen.append(k)
        steps = [k for k in STEP_ORDER if k in chosen]
    else:
        steps = [kind]
    tags = []
    for k in steps:
        if k in ("typo",) and kind == "combined":
            tag = step_typo(d, rng, count=rng.choice([1, 1, 2]))
        else:
            tag = STEPS[k](d, rng)
        if tag is None:
            return None
        tags.append(tag)
    text = d.text()
    if kind == "combined":
        tags.insert(0, "steps:" + "+".join(steps))
    text, case_tag = apply_case(text, rng, forced_upper="truncation" in steps)
    tags.append(case_tag)
    return text, d.country, tags


# ---------------------------------------------------------------------------------------------------------------
# negatives


def pinyin_brand(rng: random.Random) -> str:
    a, b = rng.sample(NEG["CN"]["syllables"], 2)
    return (a + b).capitalize()


def make_generic(country: str, rng: random.Random) -> tuple[str, list[str]]:
    t = NEG[country]
    biz = rng.choice(t["business"])
    legal = rng.choice(t["legal"])
    if country == "CN":
        brand = pinyin_brand(rng)
        place = rng.choice(t["places"])
        form = rng.choice(["{p} {b} {x} {l}", "{b} {x} ({p}) {l}", "{p} {b} {x} {l}"])
        name = form.format(p=place, b=brand, x=biz, l=legal)
        distinct = [brand]
    elif country == "RU":
        r = rng.random()
        if r < 0.35:
            brand = rng.choice(t["places"]) + rng.choice(t["roots"]).lower()
        elif r < 0.6:
            brand = (
                rng.choice(t["surnames"]) + " i Partnery" if rng.random() < 0.3 else rng.choice(t["surnames"])
            )
        else:
            brand = (
                rng.choice(t["adjectives"])
                + " "
                + rng.choice(["Stroitelnaya", "Torgovaya", "Promyshlennaya"])
            )
        form = rng.choice(["{l} {b} {x}", '{l} "{b}"', "{b} {x} {l}", '{l} "{b} {x}"'])
        name = form.format(l=legal, b=brand, x=biz)
        distinct = [w for w in brand.split() if tnorm(w) not in GENERIC_WORDS]
    elif country in ("IR", "AE", "VN", "BD", "MY"):
        brand = rng.choice(t["words"])
        name = f"{brand} {biz} {legal}"
        distinct = [w for w in brand.split() if tnorm(w) not in GENERIC_WORDS and tnorm(w) != "al"]
    else:
        a = rng.choice(t["surnames"])
        if rng.random() < 0.3:
            b = rng.choice([s for s in t["surnames"] if s != a])
            brand = f"{a} & {b}" if country not in ("TR",) else f"{a}-{b}"
        else:
            brand = a
        name = f"{brand} {biz} {legal}"
        distinct = re.split(r"[ &-]+", brand)
    return name, [tnorm(x) for x in distinct if x]


def near_language(country: str) -> str:
    if country in RUSSIAN_SPEAKING:
        return "ru"
    if country == "IR" or country == "AF":
        return "fa"
    if country in PERSIAN_ARABIC:
        return "ar"
    if country in CHINESE:
        return "zh"
    if country in SPANISH:
        return "es"
    if country in ("KP", "KR"):
        return "ko"
    if country == "TR":
        return "tr"
    return "en"


def name_carried_by_distinctive(src: Source) -> bool:
    """Whether the distinctive words carry the name: at most three other words, at least a quarter of the letters,
    and no eponym ('named after M. A. Kartseva', 'imeni') whose description alone identifies an institute."""
    letters = sum(len(tnorm(t)) for t in src.core)
    own = sum(len(tnorm(src.core[i])) for i in src.dist)
    low = fold(" ".join(src.core))
    if re.search(r"\bnamed after\b|\bimeni\b|\bim\.|\b[a-z]\. ?[a-z]\.", low):
        return False
    return len(src.core) - len(src.dist) <= 3 and own * 4 >= letters


def make_near_name(src: Source, idx: ListIndex, rng: random.Random) -> tuple[str, list[str]] | None:
    if not src.dist or len(src.dist) > 2 or len(src.core) - len(src.dist) < 1:
        return None
    if not name_carried_by_distinctive(src):
        return None
    lang = near_language(src.country)
    core = list(src.core)
    tags = []
    chosen: set[str] = set()
    for i in src.dist:
        old = tnorm(core[i])
        for _ in range(20):
            word = pinyin_brand(rng) if lang == "zh" else rng.choice(NEAR_WORDS[lang])
            if (
                tnorm(word) not in chosen
                and not any(idx.near_listed(w) for w in word.split() if tnorm(w) != "al")
                and all(tnorm(w) not in idx.all_tokens for w in word.split() if tnorm(w) != "al")
                and levenshtein(tnorm(word), old) >= 3
                and tnorm(word)[:3] != old[:3]
            ):
                break
        else:
            return None
        if i > 0 and tnorm(core[i - 1]) in ("al", "el") and word.startswith("Al "):
            word = word[3:]
        lead = core[i][: len(core[i]) - len(core[i].lstrip("\"'(«"))]
        trail = core[i][len(core[i].rstrip("\"'),.»")) :]
        core[i] = lead + recase(word, core[i].strip("\"'(),.«»")) + trail
        chosen.add(tnorm(word))
        tags.append(f"replace:{old}->{tnorm(word)}")
    text = " ".join([*src.front, *core, *src.back])
    return text, tags


def syllables_of(word: str) -> list[str]:
    syl = pinyin_syllables(word)
    if syl and len(syl) >= 2:
        return ["".join(s) for s in syl]
    return re.findall(r"[^aeiouy]*[aeiouy]+(?:[^aeiouy]*$)?", word)


SISTER_MORPHEMES = {
    "ru": [
        "gaz",
        "neft",
        "tekh",
        "stroy",
        "torg",
        "prom",
        "mash",
        "snab",
        "les",
        "avto",
        "khim",
        "ton",
        "vik",
        "mir",
        "kom",
        "lan",
    ],
    "fa": ["pars", "sazeh", "kar", "tab", "rad", "pour", "far", "mehr", "nam", "ran", "zad", "dan", "var"],
    "ar": ["nour", "bakr", "din", "jad", "sal", "mar", "haq", "ras", "kan", "wan"],
    "es": ["mar", "sol", "ven", "tec", "plast", "cor", "dal", "ria", "nova", "lux"],
    "en": ["tex", "tron", "lux", "vest", "nova", "cor", "gen", "dex", "max", "via", "tel", "ron", "lex"],
}


def make_sister(src: Source, idx: ListIndex, rng: random.Random) -> tuple[str, list[str]] | None:
    """The one distinctive word with one syllable changed (Huafu -> Huaxin, Belveb -> Belprom)."""
    if len(src.dist) != 1 or not name_carried_by_distinctive(src):
        return None
    i = src.dist[0]
    raw = src.core[i]
    bare = re.sub(r"[^A-Za-z]", "", raw)
    low = bare.lower()
    if len(low) < 5 or not bare.isascii() or len(bare) != len(raw.strip("\"'(),.")) or low in ENGLISH_COMMON:
        return None
    if not re.search(r"[aeiouy][^aeiouy]+[aeiouy]", low):
        return None
    pinyin = src.country in CHINESE and pinyin_syllables(low) is not None
    if pinyin:
        parts = ["".join(p) for p in pinyin_syllables(low) or []]
        pool = NEG["CN"]["syllables"]
    else:
        parts = re.findall(r"[^aeiouy]*[aeiouy]+(?:[^aeiouy]+$)?", low)
        lang = near_language(src.country)
        pool = SISTER_MORPHEMES.get(lang if lang in SISTER_MORPHEMES else "en", SISTER_MORPHEMES["en"])
        if lang == "fa" and rng.random() < 0.3:
            pool = SISTER_MORPHEMES["ar"]
    if not (2 <= len(parts) <= 4) or "".join(parts) != low:
        return None
    for _ in range(30):
        k = rng.randrange(len(parts)) if pinyin else rng.choice([0, len(parts) - 1])
        repl = rng.choice(pool)
        if levenshtein(repl, parts[k]) < 2 or abs(len(repl) - len(parts[k])) > 2:
            continue
        new = "".join(parts[:k] + [repl] + parts[k + 1 :])
        if re.search(r"(.)\1\1", new) or (not pinyin and len(low) < 6):
            continue
        # a made-up join a speaker would not say ('Dexrsang'): no new run of three consonants
        if not pinyin and len(re.findall(r"[^aeiouy]{3,}", new)) > len(re.findall(r"[^aeiouy]{3,}", low)):
            continue
        dist = levenshtein(new, low)
        if dist >= 3 and dist * 3 >= len(low) and new not in idx.all_tokens and not idx.near_listed(new):
            break
    else:
        return None
    core = list(src.core)
    core[i] = raw.replace(bare, recase(new, bare))
    return " ".join([*src.front, *core, *src.back]), [f"syllable:{low}->{new}"]


def make_other_country(src: Source, idx: ListIndex, rng: random.Random) -> tuple[str, str, list[str]] | None:
    if not src.dist:
        return None
    brand = src.core[rng.choice(src.dist)].strip("\"'(),.«»")
    if len(tnorm(brand)) < 4 or not brand.isalpha() or tnorm(brand) in ENGLISH_COMMON:
        return None
    if idx.near_all(brand) & idx.single_cores:  # a listed name that is only this word (or a spelling of it)
        return None
    if not re.search(r"[aeiouy].*[aeiouy]", brand.lower()):
        return None  # an acronym ('Shpg', 'Otsm') is not a brand word
    if len(brand) > 11 or re.search(r"(sk|n|ov|ev|ch)(iy|yy|y|ii|ij|yi|aya|oe|oye|ogo|aja)$", brand.lower()):
        return None  # a Russian adjective ('Negosudarstvenny') is not a brand
    region = REGION.get(src.country, "?")
    countries = [c for c in OTHER_COUNTRY_TARGETS if REGION.get(c) != region and c != src.country]
    country = rng.choice(countries)
    src_words = {tnorm(t) for t in src.core}
    sectors = [
        s for s in sorted(SECTORS) if not any(tnorm(w) in src_words for x in SECTORS[s] for w in x.split())
    ]
    business = rng.choice(SECTORS[rng.choice(sectors)])
    place = rng.choice(PLACES.get(country, [""])) if rng.random() < 0.3 else ""
    legal = OTHER_COUNTRY_LEGAL[country]
    brand = recase(brand, "Aa")
    if legal == "PT":
        text = f"PT {brand} {business}" + (f" {place}" if place else "")
    else:
        text = f"{brand} {business}" + (f" {place}" if place else "") + f" {legal}"
    return text, country, [f"brand:{tnorm(brand)}", f"country:{src.country or '-'}->{country}"]


# ---------------------------------------------------------------------------------------------------------------


def main() -> None:
    rng = random.Random(SEED)
    types = ofac_types()
    everything, organisations = listed_names()
    idx = ListIndex(everything, organisations)

    with open(HOLDOUT, newline="", encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: (r["cluster"], r["entity_id"], r["name"]))
    sources = [Source(r) for r in rows]
    # a core set that another cluster also carries would make a positive ambiguous
    owners: dict[frozenset[str], set[str]] = defaultdict(set)
    for r in rows:
        owners[core_set(r["name"])].add(r["cluster"])
    listed_owner: dict[str, set[str]] = defaultdict(set)
    holdout_entities = {r["entity_id"]: r["cluster"] for r in rows}
    for r in rows:
        listed_owner[" ".join(sorted(core_set(r["name"])))].add(r["cluster"])
    holdout_keys = set(listed_owner)
    with open(LISTS / "ofac_sdn.csv", newline="", encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            owner = "ofac-sdn:" + r["ent_num"]
            listed_owner[" ".join(sorted(core_set(r["sdn_name"])))].add(holdout_entities.get(owner, owner))
    with open(LISTS / "ofac_alt.csv", newline="", encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            owner = "ofac-sdn:" + r["ent_num"]
            listed_owner[" ".join(sorted(core_set(r["alt_name"])))].add(holdout_entities.get(owner, owner))
    for name in everything:
        key = " ".join(sorted(core_set(name)))
        if key not in holdout_keys and not listed_owner[key]:
            listed_owner[key].add("listed:" + key)

    def ambiguous(text: str, cluster: str) -> bool:
        key = " ".join(sorted(core_set(text)))
        return bool(listed_owner.get(key, set()) - {cluster})

    def adds_other_name(text: str, source: str, cluster: str) -> bool:
        """Whether the damage (an added place or word) makes the query contain all words of another entity's name
        that the source name did not already contain (AMAN GROUP + Damascus -> AMAN DAMASCUS JSC)."""
        core, src_core = core_set(text), core_set(source)
        for t in sorted(core):
            for listed in idx.by_token.get(t, ()):
                if len(listed) >= 2 and listed <= core and not listed <= src_core:
                    if listed_owner.get(" ".join(sorted(listed)), set()) - {cluster}:
                        return True
        return False

    def slips_to_other_name(text: str, source: str, cluster: str) -> bool:
        """Whether the damaged words, read back to listed words one slip away, can spell another entity's name
        (Hongsheng -> Hongheng is one slip from Hongfeng of a sister entity)."""
        core, src_core = core_set(text), core_set(source)
        damaged = sorted(core - src_core)
        if not damaged or len(damaged) > 3:
            return False
        kept = core - set(damaged)
        options = [sorted({w} | (idx.near_all(w) - src_core)) for w in damaged]
        combos: list[frozenset[str]] = [frozenset()]
        for opts in options:
            combos = [c | {o} for c in combos for o in opts][:200]
        for combo in combos:
            key = " ".join(sorted(kept | combo))
            if listed_owner.get(key, set()) - {cluster}:
                return True
        return False

    by_cluster: dict[str, list[Source]] = defaultdict(list)
    for src in sources:
        if (
            eligible(src, types)
            and not ambiguous(src.name, src.cluster)
            and owners[core_set(src.name)] == {src.cluster}
        ):
            by_cluster[src.cluster].append(src)
    clusters = sorted(by_cluster)
    print(f"{len(clusters)} eligible clusters ({sum(len(v) for v in by_cluster.values())} names)")

    used: Counter[str] = Counter()
    out: list[dict[str, str]] = []
    seen_queries: set[str] = set()
    for kind, target in POSITIVE_TARGETS.items():
        order = list(clusters)
        rng.shuffle(order)
        order.sort(key=lambda c: used[c])
        made = 0
        for cluster in order:
            if made >= target:
                break
            if used[cluster] >= MAX_PER_CLUSTER:
                continue
            names = by_cluster[cluster]
            primary = [s for s in names if not s.is_alias]
            candidates = primary if primary and rng.random() < 0.6 else names
            cand = list(candidates)
            rng.shuffle(cand)
            for src in cand[:3]:
                made_one = make_positive(src, kind, rng)
                if made_one is None:
                    continue
                text, country, tags = made_one
                key = fold(text)
                if key in seen_queries or ambiguous(text, cluster) or not core_set(text):
                    continue
                if adds_other_name(text, src.name, cluster) or slips_to_other_name(text, src.name, cluster):
                    continue
                if fold(text) == fold(src.name) and kind != "punct":
                    continue
                country, ctag = country_damage(country, rng) if country == src.country else (country, "")
                if ctag:
                    tags.append(ctag)
                seen_queries.add(key)
                used[cluster] += 1
                made += 1
                out.append(
                    {
                        "query_name": text,
                        "query_country": country,
                        "expected_entity_id": src.entity_id,
                        "expected_cluster": cluster,
                        "kind": kind,
                        "damages": ";".join(t for t in tags if t),
                        "source_name": src.name,
                    }
                )
                break

    # negatives
    negatives: list[dict[str, str]] = []

    def add_negative(text: str, country: str, kind: str, tags: list[str], generic: bool = False) -> bool:
        text = re.sub(r"\s+", " ", text).strip()
        key = fold(text)
        if key in seen_queries or idx.collides(text):
            return False
        if generic and idx.shares_half(text):
            return False
        text, case_tag = apply_case(text, rng, forced_upper=False)
        country, ctag = country_damage(country, rng)
        seen_queries.add(key)
        negatives.append(
            {
                "query_name": text,
                "query_country": country,
                "expected_entity_id": "",
                "expected_cluster": "",
                "kind": kind,
                "damages": ";".join(t for t in [*tags, case_tag, ctag] if t),
                "source_name": "",
            }
        )
        return True

    countries = sorted(NEG_COUNTRY_WEIGHTS)
    total = sum(NEG_COUNTRY_WEIGHTS.values())
    quota = {c: NEG_COUNTRY_WEIGHTS[c] * NEGATIVE_TARGETS["generic"] // total for c in countries}
    for c in countries[: NEGATIVE_TARGETS["generic"] - sum(quota.values())]:
        quota[c] += 1
    made = 0
    tries: Counter[str] = Counter()
    plan = [c for c in countries for _ in range(quota[c])]
    while plan and sum(tries.values()) < 30000:
        country = plan[0]
        tries[country] += 1
        if tries[country] > 600:  # the country's parts are used up: its share goes to the next country
            plan = plan[1:] + [countries[(countries.index(country) + 1) % len(countries)]]
            tries[country] = 0
            continue
        text, distinct = make_generic(country, rng)
        if any(0 < idx.org_df[t] <= 2 for t in distinct) or " ".join(distinct) in idx.keys:
            continue
        if add_negative(text, country, "generic", [f"generic:{country}"], generic=True):
            made += 1
            plan.pop(0)

    all_sources = [s for c in clusters for s in by_cluster[c]]
    for kind, maker in (("near_name", make_near_name), ("sister", make_sister)):
        made = 0
        order = list(all_sources)
        rng.shuffle(order)
        used_neg: Counter[str] = Counter()
        for src in order:
            if made >= NEGATIVE_TARGETS[kind]:
                break
            if used_neg[src.cluster]:
                continue
            hit = maker(src, idx, rng)
            if hit is None:
                continue
            text, tags = hit
            if add_negative(text, src.country, kind, tags):
                used_neg[src.cluster] += 1
                made += 1
    made = 0
    order = list(all_sources)
    rng.shuffle(order)
    used_neg = Counter()
    for src in order:
        if made >= NEGATIVE_TARGETS["other_country"]:
            break
        if used_neg[src.cluster]:
            continue
        hit = make_other_country(src, idx, rng)
        if hit is None:
            continue
        text, country, tags = hit
        if add_negative(text, country, "other_country", tags):
            used_neg[src.cluster] += 1
            made += 1

    rows_out = out + negatives
    rng.shuffle(rows_out)
    with open(OUT, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for n, row in enumerate(rows_out, 1):
            writer.writerow({"query_id": f"ind2-{n:05d}", **row})
    kinds = Counter(r["kind"] for r in rows_out)
    print(
        f"wrote {len(rows_out)} queries to {OUT.relative_to(ROOT)}: "
        + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    )


if __name__ == "__main__":
    main()
