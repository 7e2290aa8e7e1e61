"""Third independent evaluation set for the name matcher (bench/independent3/devset.csv).

    python bench/independent3/generate.py

Written from a plain description of ERP supplier-master damage, without reading how the project builds its own
data or matches (see README.md). Stdlib only; fixed seed; every loop runs over sorted data, so the output is
byte-identical across runs and PYTHONHASHSEED values. Evaluation only: never train or tune on it.
"""

from __future__ import annotations

import csv
import random
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

SEED = 91207183
ROOT = Path(__file__).resolve().parents[2]
HOLDOUT = ROOT / "bench" / "independent" / "holdout_entities.csv"
LISTS = ROOT / "screener" / "data" / "lists"
OUT = Path(__file__).resolve().parent / "devset.csv"

POSITIVE_QUOTA = {
    "legal_form": 220,
    "punct": 180,
    "word_order": 170,
    "abbreviation": 150,
    "typo": 220,
    "truncation": 180,
    "translit": 180,
    "place": 200,
    "branch": 200,
    "combined": 300,
}
NEGATIVE_QUOTA = {"generic": 250, "near_name": 210, "other_country": 180, "sister": 160, "common_word": 200}
MAX_PER_CLUSTER = 4

# ---------------------------------------------------------------------------------------------------------------
# Word classes (written for this set)
# ---------------------------------------------------------------------------------------------------------------

LEGAL_TOKENS = set(
    """LLC LTD LIMITED CO COMPANY INC CORP CORPORATION JSC PJSC OJSC CJSC OAO ZAO PAO AO OOO TOO TOV TZOV GMBH AG SA
    CV SAS SASU SAC SACA SRL SPA SARL EAD AD PTY LDA SL SDN BHD PVT PRIVATE PUBLIC JOINT STOCK LIABILITY OBSHCHESTVO OBSCHESTVO OGRANICHENNOI
    OGRANICHENNOY OGRANICHENNOJ OTVETSTVENNOSTYU OTVETSTVENNOSTJU AKTSIONERNOE AKTSIONERNOYE AKCIONERNOE PUBLICHNOE
    PUBLICHNOYE OTKRYTOE OTKRYTOYE ZAKRYTOE ZAKRYTOYE YOUXIAN GONGSI ZEREN FZE FZCO FZ LLP PTE PLC BV NV EOOD OOD DOO
    LTDA SAL AS SIRKETI STI ANONIM CIA SCS KG GESELLSCHAFT MBH BESCHRAENKTER HAFTUNG SENDIRIAN BERHAD INCORPORATED
    CLOSED OPEN TYPE SOCIEDAD ANONIMA CAPITAL VARIABLE SAHAMI KHASS KHAS AAM SHERKAT PJS FSUE FGUP GUP UNITARY
    TOVARYSTVO OBMEZHENOYU VIDPOVIDALNISTYU LIMITADA ETABLISSEMENT ESTABLISHMENT COMP CIE ООО АО ПАО ЗАО ОАО ТОВ ТОО
    ЕООД ФГУП 有限公司 有限责任公司 股份有限公司 S Y DE L C P A O E""".split()
)
STOP = {
    "THE",
    "OF",
    "AND",
    "FOR",
    "IN",
    "ET",
    "LA",
    "EL",
    "DEL",
    "LOS",
    "LAS",
    "DA",
    "DO",
    "DI",
    "VE",
    "UND",
    "I",
}

BUSINESS = set(
    """TRADING TRADE TRADERS TRADE GROUP HOLDING HOLDINGS INDUSTRY INDUSTRIES INDUSTRIAL INTERNATIONAL MANUFACTURING
    TECHNOLOGY TECHNOLOGIES TECH ENGINEERING ENTERPRISE ENTERPRISES DEVELOPMENT INVESTMENT INVESTMENTS SERVICES
    SERVICE SHIPPING MANAGEMENT ENERGY PRODUCTION PRODUCTS EXCHANGE OIL GAS PETROLEUM PETROCHEMICAL CHEMICAL
    CHEMICALS BANK BANCO FINANCE FINANCIAL CREDIT FUND TRUST LEASING INSURANCE COMMERCIAL COMMERCE MACHINERY MACHINE
    ELECTRONICS ELECTRONIC ELECTRIC ELECTRICAL CONSTRUCTION BUILDING MATERIALS AVIATION AIRCRAFT AIRLINES AIR
    MARITIME MARINE SHIP SHIPYARD SHIPBUILDING TRANSPORT TRANSPORTATION LOGISTICS CARGO FREIGHT PLANT FACTORY WORKS
    MILL MILLS MINING METALS METAL STEEL IRON CEMENT TEXTILE TEXTILES GARMENT GARMENTS COTTON YARN SPINNING FIBER
    FOOD FOODS AGRO FARM FARMS EXPORT IMPORT IMPORTS EXPORTS SUPPLY SUPPLIES SYSTEMS SYSTEM SOLUTIONS CONSULTING
    PARTNERS ASSOCIATES BROTHERS DESIGN RESEARCH INSTITUTE CENTER CENTRE SCIENTIFIC SCIENCE PROJECT PROJECTS
    DISTRIBUTION DISTRIBUTORS MEDICAL PHARMACEUTICAL PHARMA POWER CAPITAL PROPERTY PROPERTIES REAL ESTATE HOTEL
    PRINTING PACKAGING PLASTICS RUBBER GLASS PAPER WOOD FURNITURE EQUIPMENT TOOLS PARTS MOTORS AUTO AUTOMOTIVE
    BATTERY SECURITY DEFENSE DEFENCE NUCLEAR MISSILE OFFSHORE PORT TERMINAL AGENCY BUREAU OFFICE STATION LABORATORY
    NAUCHNO PROIZVODSTVENNOE PROIZVODSTVENNAYA PREDPRIYATIE OBEDINENIE KOMPANIYA ZAVOD KOMBINAT INSTITUT TSENTR
    GRUPP GRUPPA TORGOVY TORGOVYI DOM STROI STROY SNAB PROM TEKH MASH ENERGO NEFT NEFTEGAZ INVEST FINANS SERVIS
    TRANS AVIA MENEDZHMENT KONTSERN CONCERN FOND BANKA TICARET SANAYI INSAAT NAKLIYAT DIS GRUPO COMERCIAL
    COMERCIALIZADORA IMPORTADORA EXPORTADORA INMOBILIARIA INVERSIONES CONSTRUCTORA SERVICIOS DISTRIBUIDORA
    INDUSTRIAS TECNOLOGIA NEGOCIOS CORPORATIVO AGROPECUARIA EMPRESA SANAT SANAYE TEJARAT BAZARGANI TOSEEH SAKHTEMAN
    NAFT PETRO KALA MACHINE SHIPPING MECHANICAL OPTICAL GEOLOGICAL MEDIA NETWORK CARGO VENTURES RESOURCES
    MINERALS HEAVY LIGHT INDUSTRIAL AEROSPACE INSTRUMENT INSTRUMENTS DEVICES COMPONENTS ELECTRO MICROELECTRONICS
    OPTICS LASER RADIO TELECOM COMMUNICATIONS SOFTWARE DATA DIGITAL""".split()
)
GENERIC = set(
    """NEW GENERAL GLOBAL UNITED NATIONAL CENTRAL STATE FIRST EAST WEST NORTH SOUTH EASTERN WESTERN NORTHERN SOUTHERN
    ASIA EUROPE AFRICA MIDDLE WORLD UNIVERSAL ROYAL GREAT GOLDEN STAR SUN SKY BLUE GREEN RED WHITE OCEAN SEA
    PACIFIC ATLANTIC FEDERAL REPUBLIC PEOPLE PEOPLES JOINT SPECIAL TECHNICAL INTEGRATED ADVANCED MODERN INTER
    RUSSIAN IRANIAN CHINESE SYRIAN KOREAN MEXICAN BELARUSIAN TURKISH INDIAN PERSIAN ARAB ARABIAN ISLAMIC NAMED AFTER
    IMENI IM NO ONE TWO PLUS PRO MAX""".split()
)
# common English / Spanish words and country names that are not brands (never respelled, never a sister's root)
PLAIN_WORDS = set(
    """BUSINESS OVERSEAS MONEY PENSION OFF SHORE MILITARY PUBLISHING CAR FOREIGN ELECTRICITY TRAVEL PARK OASIS GEMS
    JEWELLERY GOLD REGISTRAR AUTOMATED EXPLORATION LAGOON JEWELRY SCIENCES REFINERY COMPLEX MEDICINE ORBIT POTASH HOME
    COUNTY CARPET SMART EDUCATIONAL VENTURE PRECISION USA METALLURGY FUEL LINE COOPERATIVE EXPERT CARE UNION ALLIANCE
    WAVE PREMIER TRANSFER FALCON CURRENCY SILVER BRIDGE HOUSE COMBINE CRIMINALISTICS ENGINE ACADEMY QUANTUM ARCTIC
    SYNTHETIC BROKER TEST SCAN SILICON AGRICULTURAL LINEN LAND BRANCH ORPHANAGE CULTURAL TRAINING BEACH RESORT
    CONVENTION MARKETING SONS INTERCONTINENTAL BLOCK TELEVISION SATELLITE MINERAL WASH INTEREST DIAMONDS DIAMOND VALUE
    ADDED SPACE NAVIGATION ASIAN SPECIALIZED SECURITIES AGRARIAN INSTITUTION ENVIRONMENTAL SAVINGS DEMOCRATIC
    PROCESSING FAMILY CHANGE BROKERAGE TELECOMMUNICATION INTERNET DEVELOPER MOUNTAIN DAY RAW GENERATION WALLET ATLAS
    FERTILIZER ALLOY ASSISTANCE CONTRACTING REFINING CERAMIC RAILWAY FRESH HEAT EXPERIMENTAL BRAVERY PETROCHEMICALS
    WINNERS MARKET ASSET CRIME AUTOMATION HYDRAULICS MACHINEBUILDING IMPERIAL YACHTS ALL SEMICONDUCTOR PHYSICS
    INFRASTRUCTURE REPAIR SOCIAL KING DEVICE COMPLEXES DECISIONS CABLE BEARING TRANSFORMATION WAREHOUSING TRANSFERS
    COMMODITIES COASTAL HIGH CANNED HAIR PRODUCT SMILE ADMINISTRATION TERRA MIRAGE OPTIMA FRONTIER HERMANOS CENTRO
    AGRICOLA ESTETICA GASOLINERA COMBUSTIBLES LUBRICANTES PETROLEOS INTERNACIONAL INMOBILIARIO ARQUITECTOS PLATA
    SISTEMA OUTLETS WAREHOUSE FISHING MOTOR MOTORS TOBACCO SUGAR ACADEMICIAN EMPEROR HERO VERTEX BLACK DIGITAL MANAGING
    KOREA IRAN VENEZUELA RUSSIA PERSIA AZERBAIJAN MYANMAR MYANMA CAMBODIA CONGO CANADA MALTA CYPRUS CASPIAN ROSSIYA
    KRYM CRIMEA HONGKONG PANAMA LEBANON SYRIA IRAQ KUWAIT TURKEY DUBAI EMIRATES BELARUS UKRAINE CHINA MEXICO""".split()
)
NON_SUPPLIER = set(
    """ARMY BRIGADE BRIGADES FRONT JIHAD MUJAHIDIN MUJAHIDEEN MINISTRY REGIMENT GUARD GUARDS BATTALION MILITIA PARTY
    PRISON PENITENTIARY JAIL POLICE FOUNDATION CHARITY CHARITABLE SOCIETY COMMITTEE ASSOCIATION MOVEMENT CARTEL
    TALIBAN HIZBALLAH HAMAS QAIDA MARTYRS FORCES FORCE COMMAND EMBASSY CHURCH MOSQUE COUNCIL UNIVERSITY SCHOOL CLUB
    RELIEF SECOURS FONDATION DIRECTORATE INTELLIGENCE GOVERNMENT AUTHORITY SOLDIERS JUND ANSAR LIBERATION RESISTANCE
    COMANDO REVIVAL HERITAGE MUSLIM MUSLIMS ORGANIZATION ORGANISATION DIVISION CORPS UNIT PATRIOTIC EDUCATION PREPARATION
    ORPHANAGE""".split()
)

# ---------------------------------------------------------------------------------------------------------------
# Legal forms: families of spellings a clerk might type for the same form
# ---------------------------------------------------------------------------------------------------------------

LEGAL_FAMILIES: dict[str, list[str]] = {
    "llc_ru": [
        "LLC",
        "L.L.C.",
        "Limited Liability Company",
        "Ltd. Liability Co.",
        "OOO",
        "O.O.O.",
        "ООО",
        "Obshchestvo s Ogranichennoy Otvetstvennostyu",
        "Obschestvo s Ogranichennoi Otvetstvennostju",
        "Ltd",
    ],
    "jsc": [
        "JSC",
        "J.S.C.",
        "Joint Stock Company",
        "Joint-Stock Co.",
        "AO",
        "A.O.",
        "АО",
        "Aktsionernoye Obshchestvo",
    ],
    "pjsc": [
        "PJSC",
        "P.J.S.C.",
        "Public Joint Stock Company",
        "Public JSC",
        "PAO",
        "ПАО",
        "Publichnoye Aktsionernoye Obshchestvo",
        "OAO",
        "OJSC",
    ],
    "ojsc": [
        "OJSC",
        "OAO",
        "ОАО",
        "Open Joint Stock Company",
        "Open JSC",
        "Otkrytoye Aktsionernoye Obshchestvo",
        "PJSC",
    ],
    "cjsc": [
        "CJSC",
        "ZAO",
        "ЗАО",
        "Closed Joint Stock Company",
        "Closed JSC",
        "Zakrytoye Aktsionernoye Obshchestvo",
    ],
    "fgup": ["FSUE", "FGUP", "ФГУП", "Federal State Unitary Enterprise", "F.G.U.P."],
    "coltd": [
        "Co., Ltd.",
        "Co.,Ltd",
        "CO LTD",
        "Co Ltd",
        "Co. Limited",
        "Company Limited",
        "Company Ltd",
        "Co.,Ltd.",
        "Youxian Gongsi",
        "Youxian Zeren Gongsi",
        "有限公司",
        "Ltd.",
    ],
    "ltd": ["Ltd", "Ltd.", "Limited", "LTD.", "Ltd Co", "Limited Co."],
    "pvtltd": ["Pvt Ltd", "Pvt. Ltd.", "Private Limited", "Pvt. Limited", "(P) Ltd", "Pvt.Ltd", "Pvt Ltd."],
    "pteltd": ["Pte Ltd", "Pte. Ltd.", "PTE LTD", "Pte Limited", "Private Limited"],
    "sdnbhd": ["Sdn Bhd", "Sdn. Bhd.", "SDN. BHD", "Sendirian Berhad", "S/B", "SdnBhd"],
    "gmbh": ["GmbH", "GMBH", "Gmbh", "G.m.b.H.", "Ges.m.b.H.", "Gesellschaft mbH"],
    "sadecv": [
        "S.A. de C.V.",
        "SA de CV",
        "S.A. DE C.V.",
        "SA DE CV",
        "S.A.de C.V.",
        "S.A. de CV",
        "S. A. de C. V.",
    ],
    "sa": ["S.A.", "SA", "S.A", "S. A.", "Sociedad Anonima"],
    "ltda": ["Ltda", "Ltda.", "LTDA", "Limitada"],
    "inc": ["Inc", "Inc.", "Incorporated", "INC."],
    "corp": ["Corp", "Corp.", "Corporation", "CORP."],
    "co": ["Co", "Co.", "Company", "Comp.", "Cie"],
    "fze": ["FZE", "F.Z.E.", "FZCO", "FZ-LLC", "FZ LLC", "Free Zone Establishment"],
    "llc": ["LLC", "L.L.C.", "Limited Liability Company", "Ltd. Liability Co.", "LLC."],
    "as_tr": ["A.S.", "AS", "A.Ş.", "Anonim Sirketi", "Anonim Şirketi", "AŞ"],
    "ltdsti": ["Ltd. Sti.", "Ltd Şti", "Limited Sirketi", "Ltd. Şti.", "Limited Şirketi"],
    "plc": ["PLC", "Plc", "p.l.c.", "Public Limited Company"],
    "sal": ["SAL", "S.A.L.", "s.a.l.", "S.A.L"],
    "doo": ["DOO", "d.o.o.", "D.O.O.", "doo"],
    "eood": ["EOOD", "ЕООД", "E.O.O.D.", "Eood"],
    "ag": ["AG", "A.G.", "Aktiengesellschaft"],
    "tov": ["TOV", "ТОВ", "TzOV", "LLC", "Tovarystvo z Obmezhenoyu Vidpovidalnistyu"],
    "too": ["TOO", "ТОО", "LLP", "LLC"],
    "pjs_ir": ["PJS", "Private Joint Stock Co.", "Sahami Khass", "Sherkat Sahami Khass", "P.J.S. Co."],
    "bv": ["BV", "B.V.", "Besloten Vennootschap"],
    "sas": ["S.A.S.", "SAS", "S.A.S", "Sociedad por Acciones Simplificada"],
    "srl": ["S.R.L.", "SRL", "Srl", "S.p.A.", "SpA"],
    "sarl": ["SARL", "S.A.R.L.", "Sarl", "S.à r.l."],
}
# spellings recognised in list names (longest first) and their family
LEGAL_DETECT: list[tuple[str, str]] = [
    ("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU", "llc_ru"),
    ("OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU", "llc_ru"),
    ("OBSCHESTVO S OGRANICHENNOI OTVETSTVENNOSTJU", "llc_ru"),
    ("OBSCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU", "llc_ru"),
    ("OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTJU", "llc_ru"),
    ("PUBLICHNOE AKTSIONERNOE OBSCHESTVO", "pjsc"),
    ("PUBLICHNOE AKTSIONERNOE OBSHCHESTVO", "pjsc"),
    ("PUBLICHNOYE AKTSIONERNOYE OBSHCHESTVO", "pjsc"),
    ("OTKRYTOE AKTSIONERNOE OBSHCHESTVO", "ojsc"),
    ("OTKRYTOE AKTSIONERNOE OBSCHESTVO", "ojsc"),
    ("ZAKRYTOE AKTSIONERNOE OBSHCHESTVO", "cjsc"),
    ("ZAKRYTOE AKTSIONERNOE OBSCHESTVO", "cjsc"),
    ("AKTSIONERNOE OBSHCHESTVO", "jsc"),
    ("AKTSIONERNOE OBSCHESTVO", "jsc"),
    ("AKTSIONERNOYE OBSHCHESTVO", "jsc"),
    ("FEDERAL STATE UNITARY ENTERPRISE", "fgup"),
    ("PUBLIC JOINT STOCK COMPANY", "pjsc"),
    ("PUBLIC JOINT-STOCK COMPANY", "pjsc"),
    ("OPEN JOINT STOCK COMPANY", "ojsc"),
    ("OPEN JOINT-STOCK COMPANY", "ojsc"),
    ("CLOSED JOINT STOCK COMPANY", "cjsc"),
    ("CLOSED JOINT-STOCK COMPANY", "cjsc"),
    ("PRIVATE JOINT STOCK COMPANY", "pjs_ir"),
    ("JOINT STOCK COMPANY", "jsc"),
    ("JOINT-STOCK COMPANY", "jsc"),
    ("LIMITED LIABILITY COMPANY", "llc"),
    ("LIMITED LIABILITY PARTNERSHIP", "too"),
    ("SOCIEDAD ANONIMA DE CAPITAL VARIABLE", "sadecv"),
    ("S.A. DE C.V.", "sadecv"),
    ("SA DE CV", "sadecv"),
    ("PRIVATE LIMITED", "pvtltd"),
    ("PVT. LTD.", "pvtltd"),
    ("PVT LTD", "pvtltd"),
    ("PTE. LTD.", "pteltd"),
    ("PTE LTD", "pteltd"),
    ("SDN. BHD.", "sdnbhd"),
    ("SDN BHD", "sdnbhd"),
    ("CO., LTD.", "coltd"),
    ("CO., LTD", "coltd"),
    ("CO.,LTD.", "coltd"),
    ("CO.,LTD", "coltd"),
    ("CO. LTD.", "coltd"),
    ("CO LTD", "coltd"),
    ("COMPANY LIMITED", "coltd"),
    ("CO. LIMITED", "coltd"),
    ("CO., LIMITED", "coltd"),
    ("TIC. LTD. STI.", "ltdsti"),
    ("LTD. STI.", "ltdsti"),
    ("TIC. A.S.", "as_tr"),
    ("SAN. VE TIC. A.S.", "as_tr"),
    ("S.A.S.U.", "sas"),
    ("S.A.C.A.", "sa"),
    ("S.A.S.", "sas"),
    ("SAS", "sas"),
    ("S.A.C.", "sa"),
    ("S.R.L.", "srl"),
    ("SRL", "srl"),
    ("SARL", "sarl"),
    ("S.A.R.L.", "sarl"),
    ("S.P.A.", "srl"),
    ("SPA", "srl"),
    ("S.L.", "sa"),
    ("LDA", "ltda"),
    ("OOD", "eood"),
    ("EAD", "eood"),
    ("AD", "eood"),
    ("PTY LTD", "ltd"),
    ("PTY. LTD.", "ltd"),
    ("BHD", "sdnbhd"),
    ("BERHAD", "sdnbhd"),
    ("GMBH", "gmbh"),
    ("S.A.L.", "sal"),
    ("SAL", "sal"),
    ("PJSC", "pjsc"),
    ("OJSC", "ojsc"),
    ("CJSC", "cjsc"),
    ("JSC", "jsc"),
    ("LLC", "llc"),
    ("L.L.C.", "llc"),
    ("OOO", "llc_ru"),
    ("OAO", "ojsc"),
    ("ZAO", "cjsc"),
    ("PAO", "pjsc"),
    ("AO", "jsc"),
    ("FGUP", "fgup"),
    ("FSUE", "fgup"),
    ("TOO", "too"),
    ("TOV", "tov"),
    ("EOOD", "eood"),
    ("DOO", "doo"),
    ("D.O.O.", "doo"),
    ("FZCO", "fze"),
    ("FZE", "fze"),
    ("FZ-LLC", "fze"),
    ("PLC", "plc"),
    ("LTDA", "ltda"),
    ("LTDA.", "ltda"),
    ("S.A.", "sa"),
    ("SA", "sa"),
    ("A.S.", "as_tr"),
    ("AG", "ag"),
    ("B.V.", "bv"),
    ("BV", "bv"),
    ("INC.", "inc"),
    ("INC", "inc"),
    ("CORPORATION", "corp"),
    ("CORP.", "corp"),
    ("CORP", "corp"),
    ("LIMITED", "ltd"),
    ("LTD.", "ltd"),
    ("LTD", "ltd"),
    ("COMPANY", "co"),
    ("CO.", "co"),
    ("CO", "co"),
]
# the legal form a clerk adds where the list name has none
COUNTRY_FAMILY = {
    "RU": "llc_ru",
    "BY": "llc_ru",
    "KZ": "too",
    "UA": "tov",
    "CN": "coltd",
    "HK": "ltd",
    "TW": "coltd",
    "MX": "sadecv",
    "CO": "sa",
    "VE": "sa",
    "PA": "sa",
    "PE": "sa",
    "EC": "sa",
    "AR": "sa",
    "BR": "ltda",
    "IN": "pvtltd",
    "PK": "pvtltd",
    "BD": "pvtltd",
    "MY": "sdnbhd",
    "SG": "pteltd",
    "DE": "gmbh",
    "AT": "gmbh",
    "CH": "ag",
    "TR": "ltdsti",
    "AE": "fze",
    "IR": "pjs_ir",
    "LB": "sal",
    "BG": "eood",
    "RS": "doo",
    "BA": "doo",
    "NL": "bv",
    "GB": "ltd",
    "US": "inc",
    "CY": "ltd",
}

# ---------------------------------------------------------------------------------------------------------------
# Places: cities, provinces, districts and free zones by country (written for this set)
# ---------------------------------------------------------------------------------------------------------------

PLACES: dict[str, list[str]] = {
    "RU": "Moscow|Moskva|St. Petersburg|Sankt-Peterburg|Yekaterinburg|Ekaterinburg|Novosibirsk|Kazan|Nizhny Novgorod|"
    "Samara|Chelyabinsk|Perm|Krasnoyarsk|Tatarstan|Bashkortostan|Moscow Region|Leningradskaya Obl.|Tula|Kaliningrad|"
    "Vladivostok|Primorsky Krai|Rostov-na-Donu|Zelenograd|Skolkovo|Alabuga SEZ|Tolyatti|Izhevsk|Omsk|Voronezh|"
    "Москва|Санкт-Петербург|Казань".split("|"),
    "BY": "Minsk|Gomel|Homel|Brest|Grodno|Hrodna|Vitebsk|Mogilev|Mahilyow|Borisov|Minsk Region|Минск".split(
        "|"
    ),
    "UA": "Kyiv|Kiev|Kharkiv|Odesa|Odessa|Dnipro|Lviv|Zaporizhzhia|Sevastopol|Simferopol|Crimea|Київ".split(
        "|"
    ),
    "KZ": "Almaty|Astana|Nur-Sultan|Karaganda|Shymkent|Aktau|Khorgos FEZ".split("|"),
    "IR": "Tehran|Teheran|Isfahan|Esfahan|Shiraz|Tabriz|Mashhad|Bandar Abbas|Kish Island|Qeshm Free Zone|Ahvaz|"
    "Karaj|Arak|Qazvin|Yazd|Semnan|Chabahar Free Zone|Kish Free Zone".split("|"),
    "CN": "Shanghai|Beijing|Shenzhen|Guangzhou|Tianjin|Xinjiang|Urumqi|Wulumuqi|Zhejiang|Jiangsu|Suzhou|Ningbo|"
    "Xiamen|Dalian|Qingdao|Hefei|Shandong|Guangdong|Pudong New Area|Qianhai|Shihezi|Kashgar|Hotan|Yiwu|Dongguan|"
    "Wuxi|Changzhou|上海|深圳|广州".split("|"),
    "HK": "Kowloon|Wan Chai|Tsim Sha Tsui|Kwun Tong|Sheung Wan|Causeway Bay|Hong Kong".split("|"),
    "TW": "Taipei|Kaohsiung|Taichung|Hsinchu|Tainan".split("|"),
    "MX": "Ciudad de Mexico|CDMX|Guadalajara|Monterrey|Tijuana|Culiacan|Sinaloa|Jalisco|Nuevo Leon|Cancun|"
    "Queretaro|Puebla|Zapopan|Mexicali|Hermosillo".split("|"),
    "SY": "Damascus|Dimashq|Aleppo|Halab|Latakia|Lattakia|Homs|Tartus|Adra Free Zone|Damascus Countryside".split(
        "|"
    ),
    "KW": "Kuwait City|Safat|Shuwaikh|Hawalli|Salmiya|Farwaniya|Ahmadi".split("|"),
    "KP": "Pyongyang|Nampo|Rason|Sinuiju|Chongjin|Hamhung|Wonsan".split("|"),
    "CO": "Bogota|Bogotá|Medellin|Medellín|Cali|Barranquilla|Cartagena|Antioquia|Valle del Cauca|Pereira".split(
        "|"
    ),
    "PK": "Karachi|Lahore|Islamabad|Rawalpindi|Faisalabad|Sialkot|Punjab|Sindh|Port Qasim|Peshawar".split(
        "|"
    ),
    "TR": "Istanbul|İstanbul|Ankara|Izmir|İzmir|Bursa|Mersin|Gaziantep|Kocaeli|Sisli|Şişli|Besiktas|Tuzla|"
    "Kayseri|Konya".split("|"),
    "LB": "Beirut|Beyrouth|Tripoli|Sidon|Saida|Tyre|Jounieh|Bekaa|Dahiyeh|Zahle".split("|"),
    "AE": "Dubai|Abu Dhabi|Sharjah|Ajman|Ras Al Khaimah|Jebel Ali Free Zone|JAFZA|SAIF Zone|Hamriyah Free Zone|DMCC|"
    "Deira|Fujairah|Dubai Airport Free Zone|RAK FTZ".split("|"),
    "IQ": "Baghdad|Basra|Basrah|Erbil|Arbil|Mosul|Najaf|Karbala|Sulaymaniyah|Kirkuk".split("|"),
    "MM": "Yangon|Rangoon|Mandalay|Naypyidaw|Bago|Mawlamyine".split("|"),
    "US": "New York|Houston|Miami|Los Angeles|Delaware|Texas|Wilmington|Dallas|Chicago|New Jersey|Florida".split(
        "|"
    ),
    "VE": "Caracas|Maracaibo|Valencia|Zulia|Puerto La Cruz|Barquisimeto|Anzoategui".split("|"),
    "PA": "Panama City|Ciudad de Panama|Colon Free Zone|Zona Libre de Colon|Panama Pacifico".split("|"),
    "GB": "London|Manchester|Birmingham|Glasgow|Leeds|Liverpool|Edinburgh".split("|"),
    "DE": "Berlin|Hamburg|Munich|München|Frankfurt am Main|Düsseldorf|Duesseldorf|Stuttgart|Bremen".split(
        "|"
    ),
    "SG": "Singapore|Jurong|Tuas|Jurong Island|Raffles Place".split("|"),
    "IN": "Mumbai|New Delhi|Chennai|Kolkata|Bengaluru|Hyderabad|Gujarat|Ahmedabad|Noida|Surat|Kandla SEZ|Pune".split(
        "|"
    ),
    "CY": "Limassol|Nicosia|Larnaca|Paphos".split("|"),
    "CH": "Geneva|Genève|Zurich|Zürich|Zug|Lugano|Basel".split("|"),
    "BG": "Sofia|Plovdiv|Varna|Burgas".split("|"),
    "BA": "Sarajevo|Banja Luka|Mostar|Tuzla".split("|"),
    "ZW": "Harare|Bulawayo|Mutare".split("|"),
    "CD": "Kinshasa|Lubumbashi|Goma|Kolwezi".split("|"),
    "MY": "Kuala Lumpur|Johor Bahru|Penang|Selangor|Shah Alam|Klang".split("|"),
    "TH": "Bangkok|Chonburi|Samut Prakan|Laem Chabang".split("|"),
    "VN": "Hanoi|Ha Noi|Ho Chi Minh City|Haiphong|Da Nang|Binh Duong".split("|"),
    "BR": "Sao Paulo|São Paulo|Rio de Janeiro|Santos|Curitiba|Manaus".split("|"),
    "AM": "Yerevan|Gyumri".split("|"),
    "GE": "Tbilisi|Batumi|Poti Free Zone".split("|"),
    "AZ": "Baku|Sumgait".split("|"),
    "UZ": "Tashkent|Samarkand|Navoi FEZ".split("|"),
    "KG": "Bishkek|Osh".split("|"),
    "IL": "Tel Aviv|Haifa".split("|"),
    "CU": "Havana|La Habana|Mariel ZED".split("|"),
    "NI": "Managua|Leon".split("|"),
    "RS": "Belgrade|Beograd|Novi Sad".split("|"),
    "LV": "Riga|Ventspils".split("|"),
    "LT": "Vilnius|Klaipeda".split("|"),
    "EE": "Tallinn|Narva".split("|"),
    "MD": "Chisinau|Tiraspol".split("|"),
    "SA": "Riyadh|Jeddah|Dammam".split("|"),
    "QA": "Doha".split("|"),
    "OM": "Muscat|Sohar Free Zone".split("|"),
    "EG": "Cairo|Alexandria|Port Said".split("|"),
    "JO": "Amman|Aqaba".split("|"),
    "YE": "Sanaa|Aden".split("|"),
    "AF": "Kabul|Herat|Kandahar".split("|"),
    "NL": "Rotterdam|Amsterdam".split("|"),
    "IT": "Milano|Roma|Genova".split("|"),
    "FR": "Paris|Marseille|Lyon".split("|"),
    "ES": "Madrid|Barcelona|Valencia".split("|"),
    "NP": "Kathmandu|Lalitpur".split("|"),
    "BD": "Dhaka|Chittagong|Narayanganj|Gazipur".split("|"),
    "JP": "Tokyo|Osaka|Yokohama".split("|"),
}
NEIGHBOURS = {
    "RU": ["BY", "KZ", "UA", "CN", "FI", "GE"],
    "BY": ["RU", "UA", "PL", "LT"],
    "UA": ["RU", "BY", "MD", "PL"],
    "IR": ["IQ", "TR", "AE", "AF", "AM", "PK"],
    "CN": ["HK", "MN", "KZ", "VN", "KP"],
    "HK": ["CN", "MO"],
    "SY": ["LB", "IQ", "TR", "JO"],
    "LB": ["SY", "IL", "CY"],
    "IQ": ["IR", "SY", "KW", "JO", "TR"],
    "KW": ["IQ", "SA", "AE"],
    "AE": ["OM", "SA", "QA", "IR"],
    "TR": ["SY", "IR", "GE", "BG", "GR"],
    "MX": ["US", "GT", "BZ"],
    "CO": ["VE", "EC", "PA", "PE"],
    "VE": ["CO", "BR", "GY"],
    "PA": ["CO", "CR"],
    "KP": ["CN", "KR", "RU"],
    "PK": ["IN", "AF", "IR"],
    "IN": ["PK", "BD", "NP"],
    "MM": ["TH", "CN", "IN"],
    "DE": ["AT", "CH", "NL", "PL"],
    "GB": ["IE"],
    "US": ["CA", "MX"],
}
COUNTRY_NAMES = {
    "RU": "Russia",
    "CN": "China",
    "IR": "Iran",
    "TR": "Turkey",
    "AE": "UAE",
    "BY": "Belarus",
    "UA": "Ukraine",
    "MX": "Mexico",
}

# ---------------------------------------------------------------------------------------------------------------
# Branch, plant and office words (languages by country)
# ---------------------------------------------------------------------------------------------------------------

BRANCH_TEMPLATES: dict[str, list[str]] = {
    "en": [
        "{n} Branch",
        "{n} - Branch Office",
        "{n} ({c} Branch)",
        "{n} {c} Branch",
        "{n} Representative Office",
        "{n} Rep. Office",
        "{n} Rep Off {c}",
        "{n} Liaison Office",
        "{n} Plant No. 2",
        "{n} Factory",
        "{n} {c} Plant",
        "{n} Br.",
        "{n} Branch {c}",
        "{n} Regional Office {c}",
        "{n} (Branch)",
    ],
    "ru": [
        "Filial {n}",
        "{n} Filial",
        "{n} Filial g. {c}",
        "Predstavitelstvo {n}",
        "{n} Predstavitelstvo v g. {c}",
        "Филиал {n}",
        "{n} филиал",
        "Представительство {n}",
        "{n} (филиал в г. {c})",
        "{n} - Zavod {c}",
        "Obosoblennoe Podrazdelenie {n}",
        "{n} OP {c}",
    ],
    "uk": ["Filiya {n}", "{n} Filiia {c}", "Представництво {n}", "{n} Predstavnytstvo"],
    "zh": [
        "{n} {c} Branch",
        "{n}{c}分公司",
        "{n} Fen Gongsi",
        "{n} {c} Fengongsi",
        "{n} 分公司",
        "{n} 办事处",
        "{n} Banshichu",
        "{n} Gongchang",
        "{n} 工厂",
        "{n} Daibiaochu",
        "{n} 代表处",
        "{n} {c} Fenchang",
    ],
    "es": [
        "{n} Sucursal {c}",
        "Sucursal {n}",
        "{n} Planta {c}",
        "{n} Oficina de Representacion",
        "{n} Suc. {c}",
        "{n} - Sucursal",
        "{n} Fabrica {c}",
    ],
    "pt": ["{n} Filial {c}", "{n} Escritorio de Representacao", "{n} Fabrica"],
    "fr": ["{n} Succursale", "{n} Bureau de Liaison", "{n} Usine de {c}", "{n} Succursale de {c}"],
    "de": [
        "{n} Niederlassung {c}",
        "{n} Zweigniederlassung",
        "{n} Werk {c}",
        "{n} Repräsentanz",
        "{n} NL {c}",
    ],
    "tr": [
        "{n} {c} Şubesi",
        "{n} Subesi",
        "{n} Fabrikasi",
        "{n} İrtibat Bürosu",
        "{n} Temsilciligi",
        "{n} {c} Sb.",
    ],
    "fa": ["{n} Shobeh {c}", "Namayandegi {n}", "{n} Karkhaneh", "{n} Daftar-e {c}", "{n} Shobe-ye {c}"],
    "ar": ["{n} Far' {c}", "{n} Fara {c}", "{n} Maktab Tamthil", "{n} Branch {c}", "{n} - Far3 {c}"],
}
LANGS = {
    "RU": ["ru", "en"],
    "BY": ["ru", "en"],
    "KZ": ["ru", "en"],
    "KG": ["ru", "en"],
    "UZ": ["ru", "en"],
    "UA": ["uk", "en"],
    "CN": ["zh", "en"],
    "HK": ["zh", "en"],
    "TW": ["zh", "en"],
    "MX": ["es", "en"],
    "CO": ["es", "en"],
    "VE": ["es", "en"],
    "PA": ["es", "en"],
    "PE": ["es"],
    "EC": ["es"],
    "NI": ["es"],
    "CU": ["es"],
    "AR": ["es"],
    "ES": ["es"],
    "BR": ["pt", "en"],
    "IR": ["fa", "en"],
    "AF": ["fa", "en"],
    "SY": ["ar", "en"],
    "LB": ["ar", "fr", "en"],
    "IQ": ["ar", "en"],
    "KW": ["ar", "en"],
    "AE": ["ar", "en"],
    "SA": ["ar", "en"],
    "YE": ["ar", "en"],
    "JO": ["ar", "en"],
    "EG": ["ar", "en"],
    "TR": ["tr", "en"],
    "DE": ["de", "en"],
    "AT": ["de", "en"],
    "CH": ["de", "fr", "en"],
    "FR": ["fr"],
    "BE": ["fr", "en"],
}
# where a company from this country plausibly runs a branch abroad
ABROAD = {
    "IR": [
        ("AE", "Dubai"),
        ("TR", "Istanbul"),
        ("MY", "Kuala Lumpur"),
        ("CN", "Shanghai"),
        ("AM", "Yerevan"),
    ],
    "RU": [("AE", "Dubai"), ("KZ", "Almaty"), ("TR", "Istanbul"), ("CN", "Beijing"), ("BY", "Minsk")],
    "BY": [("RU", "Moscow"), ("AE", "Dubai")],
    "SY": [("LB", "Beirut"), ("AE", "Dubai")],
    "LB": [("AE", "Dubai"), ("CY", "Limassol")],
    "CN": [("HK", "Hong Kong"), ("SG", "Singapore"), ("AE", "Dubai")],
    "KP": [("CN", "Dandong"), ("RU", "Vladivostok")],
    "IQ": [("AE", "Dubai"), ("TR", "Istanbul")],
    "VE": [("PA", "Panama"), ("TR", "Istanbul")],
}

# ---------------------------------------------------------------------------------------------------------------
# Business-word abbreviations a clerk uses to fit a field
# ---------------------------------------------------------------------------------------------------------------

ABBREV: dict[str, list[str]] = {
    "INTERNATIONAL": ["Intl", "Int'l", "Intl.", "Int.", "Internat."],
    "MANUFACTURING": ["Mfg", "Mfg.", "Manuf.", "Mfr."],
    "MANUFACTURERS": ["Mfrs", "Mfrs."],
    "TECHNOLOGY": ["Tech", "Tech.", "Technol.", "Techn."],
    "TECHNOLOGIES": ["Tech", "Techs", "Technol.", "Technolog."],
    "INDUSTRIAL": ["Ind.", "Indl", "Indus.", "Inds."],
    "INDUSTRIES": ["Ind.", "Inds", "Indus.", "Industr."],
    "INDUSTRY": ["Ind.", "Indy", "Indus."],
    "GROUP": ["Grp", "Grp.", "Gr."],
    "HOLDING": ["Hldg", "Hldg.", "Hold."],
    "HOLDINGS": ["Hldgs", "Hldgs.", "Hold."],
    "TRADING": ["Trdg", "Trdg.", "Trd.", "Tradg"],
    "ENGINEERING": ["Eng.", "Engg", "Engr.", "Engin."],
    "DEVELOPMENT": ["Dev.", "Devt", "Devel."],
    "SERVICES": ["Svcs", "Serv.", "Svc.", "Srvcs"],
    "SERVICE": ["Svc", "Serv."],
    "SHIPPING": ["Shpg", "Shpg.", "Shipp."],
    "MANAGEMENT": ["Mgmt", "Mgt.", "Mngt"],
    "INVESTMENT": ["Inv.", "Invest.", "Invt"],
    "INVESTMENTS": ["Invs.", "Invest.", "Invts"],
    "EQUIPMENT": ["Equip.", "Eqpt", "Equipt"],
    "ELECTRONICS": ["Elec.", "Electr.", "Elecs"],
    "ELECTRONIC": ["Elec.", "Electr."],
    "CHEMICAL": ["Chem.", "Chem"],
    "CHEMICALS": ["Chems", "Chem."],
    "PETROCHEMICAL": ["Petrochem.", "Petrochem", "P/Chem"],
    "CONSTRUCTION": ["Constr.", "Const.", "Constrn"],
    "NATIONAL": ["Natl", "Nat'l", "Nat."],
    "DISTRIBUTION": ["Distr.", "Dist.", "Distrib."],
    "PRODUCTION": ["Prodn", "Prod.", "Prodn."],
    "PRODUCTS": ["Prods", "Prod.", "Prods."],
    "LOGISTICS": ["Log.", "Logist.", "Logs"],
    "ENTERPRISE": ["Ent.", "Entp.", "Enterpr."],
    "ENTERPRISES": ["Ents", "Entps.", "Enterp."],
    "ASSOCIATES": ["Assoc.", "Assocs"],
    "BROTHERS": ["Bros", "Bros."],
    "COMMERCIAL": ["Comml", "Coml.", "Comm."],
    "MACHINERY": ["Mach.", "Machy", "Mchy"],
    "MATERIALS": ["Matls", "Mat.", "Matl."],
    "AVIATION": ["Aviat.", "Av."],
    "RESEARCH": ["Res.", "Rsch"],
    "SCIENTIFIC": ["Sci.", "Scient."],
    "INSTITUTE": ["Inst.", "Instit."],
    "LABORATORY": ["Lab", "Lab."],
    "PHARMACEUTICAL": ["Pharma", "Pharm.", "Pharmaceut."],
    "PHARMACEUTICALS": ["Pharma", "Pharms"],
    "TEXTILE": ["Text.", "Tex."],
    "TEXTILES": ["Texts", "Tex."],
    "MECHANICAL": ["Mech.", "Mech"],
    "TRANSPORTATION": ["Transp.", "Trans."],
    "TRANSPORT": ["Transp.", "Trnsp"],
    "EXPORT": ["Exp.", "Expt"],
    "IMPORT": ["Imp.", "Impt"],
    "PETROLEUM": ["Petr.", "Petrol."],
    "FINANCIAL": ["Fin.", "Finl"],
    "FINANCE": ["Fin.", "Fince"],
    "MARITIME": ["Marit.", "Mar."],
    "COMMUNICATIONS": ["Comms", "Commun."],
    "SYSTEMS": ["Sys.", "Syst."],
    "SOLUTIONS": ["Soln.", "Solns"],
    "DESIGN": ["Des.", "Dsgn"],
    "CENTER": ["Ctr", "Cntr", "Ctr."],
    "CENTRE": ["Ctr", "Cntr"],
    "GENERAL": ["Gen.", "Genl"],
    "MINING": ["Min.", "Mng"],
    "ENERGY": ["Enrg", "Enrg."],
    "AGRICULTURAL": ["Agri.", "Agric."],
    "FACTORY": ["Fcty", "Fty", "Fact."],
    "EXCHANGE": ["Exch.", "Xchg"],
    "BUILDING": ["Bldg", "Bldg."],
    "DEPARTMENT": ["Dept", "Dept."],
    "UNIVERSAL": ["Univ.", "Univl"],
    "MOUNTAIN": ["Mtn"],
    "INMOBILIARIA": ["Inmob.", "Inmobil."],
    "COMERCIALIZADORA": ["Comercializ.", "Comerc."],
    "INVERSIONES": ["Inv.", "Invers."],
    "IMPORTADORA": ["Import.", "Imp."],
    "DISTRIBUIDORA": ["Distrib.", "Dist."],
    "SERVICIOS": ["Servs.", "Serv."],
    "KOMPANIYA": ["Komp.", "Kompan."],
    "ZAVOD": ["Z-d", "Zav."],
    "INSTITUT": ["In-t", "Inst."],
    "TSENTR": ["Ts-r", "Tsentr."],
    "PREDPRIYATIE": ["Pr-ie", "Predpr."],
    "TICARET": ["Tic.", "Tic"],
    "SANAYI": ["San.", "San"],
}
# multi-word phrases turned into an acronym
ACRONYMS = [
    ("NAUCHNO PROIZVODSTVENNOE OBEDINENIE", ["NPO", "N.P.O."]),
    ("NAUCHNO PROIZVODSTVENNOE PREDPRIYATIE", ["NPP", "N.P.P."]),
    ("NAUCHNO ISSLEDOVATELSKI INSTITUT", ["NII", "N.I.I."]),
    ("NAUCHNO-PROIZVODSTVENNOE OBEDINENIE", ["NPO"]),
    ("NAUCHNO-PROIZVODSTVENNOE PREDPRIYATIE", ["NPP"]),
    ("TORGOVY DOM", ["TD", "T.D."]),
    ("TORGOVYI DOM", ["TD", "T.D."]),
    ("IMPORT EXPORT", ["Imp-Exp", "Imp. & Exp.", "I/E", "Imp/Exp"]),
    ("IMPORT AND EXPORT", ["Imp & Exp", "Imp/Exp", "I&E"]),
    ("IMPORT & EXPORT", ["Imp & Exp", "Imp/Exp", "I&E"]),
    ("RESEARCH AND DEVELOPMENT", ["R&D", "R & D"]),
    ("OIL AND GAS", ["O&G", "Oil&Gas"]),
    ("SCIENTIFIC RESEARCH INSTITUTE", ["SRI", "Sci. Res. Inst."]),
    ("SCIENTIFIC AND PRODUCTION", ["S&P", "Sci.-Prod."]),
    ("RESEARCH AND PRODUCTION", ["R&P", "Res.-Prod."]),
    ("SAN. VE TIC.", ["San.Tic.", "SVT"]),
    ("SANAYI VE TICARET", ["San. ve Tic.", "San.Tic."]),
]

# ---------------------------------------------------------------------------------------------------------------
# Negative name parts
# ---------------------------------------------------------------------------------------------------------------

SURNAMES = {
    "CN": "Wang|Zhang|Liu|Chen|Yang|Huang|Zhao|Zhou|Xu|Sun|Zhu|Gao|Lin|Luo|Zheng|Liang|Xie|Song|Tang|Han|Feng|Deng|"
    "Cao|Peng|Zeng|Xiao|Tian|Dong|Pan|Yuan|Cai|Jiang|Yu|Du|Ye|Cheng|Wei|Su|Lu|Ding|Ren|Shen|Yao|Tan|Jin|Fang".split(
        "|"
    ),
    "RU": "Sokolov|Morozov|Volkov|Lebedev|Kozlov|Novikov|Orlov|Belov|Zaitsev|Pavlov|Semenov|Golubev|Vinogradov|"
    "Bogdanov|Vorobyov|Fedorov|Mikhailov|Tarasov|Belyaev|Komarov|Kiselev|Makarov|Andreev|Kovalev|Ilyin|Gusev|"
    "Titov|Kuzmin|Kudryavtsev|Baranov|Kulikov|Alekseev|Stepanov|Yakovlev|Sorokin|Sergeev|Romanov|Zakharov".split(
        "|"
    ),
    "IR": "Rahimi|Karimi|Moradi|Jafari|Sadeghi|Rezaei|Mousavi|Tehrani|Kazemi|Hashemi|Ghorbani|Azizi|Bagheri|"
    "Safari|Nouri|Shirazi|Yazdani|Rostami|Amini|Zarei|Heidari|Salehi|Farahani|Asadi|Ebrahimi|Mohammadi".split(
        "|"
    ),
    "IN": "Sharma|Patel|Gupta|Mehta|Reddy|Iyer|Nair|Joshi|Desai|Agarwal|Bansal|Chopra|Malhotra|Kapoor|Singhania|"
    "Trivedi|Pillai|Menon|Rao|Jain|Shah|Verma|Saxena|Bhatt".split("|"),
    "TR": "Yilmaz|Kaya|Demir|Sahin|Celik|Yildiz|Yildirim|Ozturk|Aydin|Ozdemir|Arslan|Dogan|Kilic|Aslan|Cetin|"
    "Kara|Koc|Kurt|Ozkan|Simsek|Polat|Korkmaz|Erdem|Tekin".split("|"),
    "MX": "Hernandez|Garcia|Martinez|Lopez|Gonzalez|Perez|Rodriguez|Sanchez|Ramirez|Cruz|Flores|Gomez|Morales|"
    "Vazquez|Reyes|Jimenez|Torres|Diaz|Gutierrez|Ruiz|Mendoza|Aguilar|Ortiz|Castillo|Romero|Alvarez".split(
        "|"
    ),
    "DE": "Müller|Schmidt|Schneider|Fischer|Weber|Meyer|Wagner|Becker|Schulz|Hoffmann|Koch|Richter|Klein|Wolf|"
    "Schröder|Neumann|Braun|Zimmermann|Krüger|Hartmann|Lange|Werner|Krause".split("|"),
    "VN": "Nguyen|Tran|Le|Pham|Hoang|Phan|Vu|Dang|Bui|Do|Ho|Ngo|Duong|Ly".split("|"),
    "BD": "Rahman|Hossain|Islam|Uddin|Chowdhury|Akter|Sarker|Miah|Haque|Karim|Alam|Siddique".split("|"),
    "PK": "Khan|Butt|Malik|Qureshi|Chaudhry|Sheikh|Siddiqui|Awan|Rana|Mirza|Baig|Abbasi|Hashmi".split("|"),
    "AE": "Al Mansoori|Al Falasi|Al Suwaidi|Al Mazrouei|Al Nuaimi|Al Ketbi|Al Shamsi|Al Hammadi|Al Marri|"
    "Al Dhaheri|Al Zaabi|Al Kaabi".split("|"),
    "MY": "Tan|Lim|Wong|Lee|Ng|Ong|Teo|Goh|Chua|Koh|Yap|Ismail|Ibrahim|Rahman|Abdullah|Hassan".split("|"),
    "BR": "Silva|Santos|Oliveira|Souza|Pereira|Costa|Rodrigues|Almeida|Nascimento|Lima|Araujo|Fernandes|Carvalho|"
    "Gomes|Martins|Rocha|Ribeiro".split("|"),
    "US": "Johnson|Miller|Anderson|Thompson|Wilson|Harris|Clark|Lewis|Walker|Hall|Young|Allen|King|Wright|Scott|"
    "Baker|Adams|Nelson|Carter|Mitchell|Roberts|Turner|Phillips|Parker|Evans|Collins".split("|"),
    "GB": "Smith|Jones|Taylor|Brown|Williams|Davies|Evans|Thomas|Roberts|Walker|Wright|Robinson|Thompson|Hughes|"
    "Edwards|Green|Hall|Wood|Harris|Lewis|Martin|Jackson".split("|"),
}
# business parts of a generic name by industry: (English, local-language options by country)
INDUSTRY_WORDS = {
    "textile": ["Textile Mills", "Textiles", "Garments", "Knitwear", "Apparel", "Spinning Mills", "Fabrics"],
    "food": ["Foods", "Food Products", "Agro Industries", "Dairy", "Frozen Foods", "Beverages", "Bakery"],
    "building": [
        "Building Materials",
        "Construction",
        "Cement Products",
        "Ceramics",
        "Tiles",
        "Steel Structures",
    ],
    "consumer": ["Home Appliances", "Cosmetics", "Toys", "Household Products", "Footwear", "Stationery"],
    "farm": ["Agro", "Farms", "Fertilizers", "Seeds", "Poultry", "Fisheries"],
    "logistics": ["Logistics", "Freight Forwarding", "Cargo Services", "Warehousing", "Express"],
    "industrial": ["Machinery", "Industrial Supplies", "Engineering Works", "Hydraulics", "Valves", "Pumps"],
    "tech": ["Electronics", "Software", "IT Solutions", "Technologies", "Components", "Cables"],
    "packaging": ["Packaging", "Printing & Packaging", "Paper Products", "Plastics", "Containers"],
    "chemical": ["Chemicals", "Paints", "Coatings", "Adhesives", "Pharma", "Lab Supplies"],
}
LOCAL_INDUSTRY = {
    "RU": [
        "Stroimaterialy",
        "Tekstil",
        "Agroprom",
        "Mebel",
        "Upakovka",
        "Logistik",
        "Pishcheprom",
        "Santekhnika",
    ],
    "CN": ["Fangzhi", "Shipin", "Jixie", "Dianzi", "Baozhuang", "Jiancai", "Maoyi", "Wujin", "Fushi"],
    "MX": [
        "Alimentos",
        "Textiles",
        "Empaques",
        "Construcciones",
        "Plasticos",
        "Transportes",
        "Muebles",
        "Acabados",
    ],
    "TR": ["Tekstil", "Gida", "Ambalaj", "Insaat", "Mobilya", "Makina", "Plastik", "Lojistik"],
    "IR": ["Sanaye Ghazaei", "Nassaji", "Bastebandi", "Sakhtemani", "Kashi", "Pakhsh", "Kesht va Sanat"],
    "DE": ["Maschinenbau", "Verpackung", "Lebensmittel", "Baustoffe", "Textil", "Logistik", "Metallbau"],
    "BR": ["Alimentos", "Confeccoes", "Embalagens", "Construcoes", "Transportes", "Moveis"],
    "VN": ["Det May", "Thuc Pham", "Bao Bi", "Xay Dung", "Van Tai"],
}
COMMON_ADJ = (
    "Bright|Silver|Evergreen|Crystal|Summit|Pioneer|Harbor|Maple|Cedar|Sunrise|Northern|Coastal|Prime|Noble|"
    "Liberty|Heritage|Sterling|Horizon|Meadow|Falcon|Eagle|Phoenix|Lotus|Jade|Coral|Amber|Granite|Oak|River|"
    "Valley|Bridge|Beacon|Anchor|Compass|Keystone|Swift|Trusty|Rapid|Apex|Vertex|Zenith|Orchard|Willow|Aspen|Ivory|"
    "Sapphire|Emerald|Pearl|Diamond|Royal|Grand|Union|Metro|Urban|Rural|Alpine|Prairie|Canyon|Harvest|Spring"
).split("|")
COMMON_NOUN = (
    "Lake|Ridge|Bay|Point|Field|Stone|Wave|Leaf|Path|Gate|Crown|Wing|Peak|Grove|Shore|Hill|Brook|Light|Line|Way|"
    "Tree|Rock|Port|View|Land|Works|House|Craft|Source|Link|Star|Sun|Moon|Cloud|Trail|Harbour|Mill|Forge|Key|Arch"
).split("|")
NEAR_WORDS = {
    "ru": "Zarechye|Beryozka|Lazurit|Kedrovka|Solnechny|Belogorye|Rodnik|Dubrava|Ladoga|Yakhont|Malakhit|Berkut|"
    "Krasava|Sosnovka|Lugovoe|Zhuravl|Istok|Ametist|Poliyana|Vereteno|Sudostroy|Teplovod|Klenovy|Varyag|Rybinka|"
    "Lesnoye|Tikhvin|Ozerki|Zvezdochka|Kolos|Bereg|Kamyshin|Svetlitsa|Gorizont|Ryabina|Snegir|Yuzhanka|Orekhovo".split(
        "|"
    ),
    "fa": "Sepidar|Golestan|Arvand|Kowsar|Behnoush|Shahab|Farzin|Mehrab|Arshia|Tandis|Nilgoon|Rayka|Sahand|Dena|"
    "Parsian|Kimia|Hamoun|Aseman|Baran|Setareh|Mahtab|Arman|Nikan|Raham|Khazar|Alvand|Taban|Shabnam|Roshan|Pouya|"
    "Darvishan|Shahrzad|Nikrooz|Bardiya|Mehregan|Tirdad|Garmsar|Sarvestan|Kamand|Navid|Parvaz|Tooska|Barsam".split(
        "|"
    ),
    "ar": "Nakheel|Rawabi|Yasmin|Wafa|Zahra|Bustan|Manar|Sanabel|Qamar|Salam|Diyar|Rimal|Waha|Murjan|Lulu|Sahar|"
    "Inaya|Barakat|Nujoom|Hadaiq|Sawahil|Ghaith|Tilal|Jazeerat|Nakhla|Rabwa|Afaq|Dhafra|Sidra|Marwah".split(
        "|"
    ),
    "zh": "Jinxiu|Lanfeng|Yuehua|Qingsong|Ruifeng|Haotian|Mingde|Jiahe|Baiyun|Chunhui|Shengda|Tianrun|Huamei|"
    "Xinyuan|Jiafu|Longteng|Fuxing|Yongkang|Heping|Kangda|Meilin|Zhongyi|Hengtai|Wanjia|Dongsheng|Qiaolin|Shuiyue|"
    "Ningkang|Baoshun|Xiangrui|Liancheng|Zhuoyue|Yinghe|Tengfei|Runze|Kaixuan|Songbai|Haoyun|Lianfa".split(
        "|"
    ),
    "es": "Altamira|Mirador|Encino|Cordillera|Alborada|Sauce|Piedra Azul|Laguna|Palmar|Arrecife|Cumbre|Montecito|"
    "Ribera|Olivar|Bahia|Tierra Alta|Valle Verde|Roble|Pradera|Cascada".split("|"),
    "tr": "Akdeniz|Yesilvadi|Karadag|Gokkusagi|Ilgaz|Ceylan|Yakamoz|Deniz|Pinar|Toros|Kartal|Ozgur|Cinar|Umut".split(
        "|"
    ),
    "ko": "Hanbit|Saebom|Mirae|Haneul|Pureun|Dasom|Narae|Sarang|Bitna|Hanul|Gaon|Iseul|Chorok|Saenal|Doraji".split(
        "|"
    ),
    "en": "Brightwater|Oakridge|Stonebridge|Fairhaven|Kingsway|Westbrook|Redwood|Clearview|Highfield|Ashford|"
    "Northgate|Silverline|Bluewater|Greenfield|Riverside|Foxglove|Hawthorn|Larkspur|Millbrook|Thornbury".split(
        "|"
    ),
}
LANG_OF = {
    "RU": "ru",
    "BY": "ru",
    "UA": "ru",
    "KZ": "ru",
    "KG": "ru",
    "UZ": "ru",
    "AM": "ru",
    "IR": "fa",
    "AF": "fa",
    "SY": "ar",
    "LB": "ar",
    "IQ": "ar",
    "KW": "ar",
    "AE": "ar",
    "SA": "ar",
    "YE": "ar",
    "JO": "ar",
    "EG": "ar",
    "CN": "zh",
    "HK": "zh",
    "TW": "zh",
    "MX": "es",
    "CO": "es",
    "VE": "es",
    "PA": "es",
    "PE": "es",
    "CU": "es",
    "NI": "es",
    "ES": "es",
    "TR": "tr",
    "KP": "ko",
    "KR": "ko",
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
]
PINYIN_INITIALS += ["c", "s", "y", "w", ""]
PINYIN_FINALS = "iang iong uang ang eng ing ong uan ian iao uai ai ei ao ou an en in un ia ie iu ua uo ui a o e i u".split()
PINYIN_SYLLABLES = {i + f for i in PINYIN_INITIALS for f in PINYIN_FINALS} - {""}
SISTER_SYLLABLES = "feng hua xin tai long sheng yuan kang rui da cheng ming jia hong tian yu fu an".split()
WADE_INITIALS = {
    "zh": "ch",
    "ch": "ch'",
    "b": "p",
    "p": "p'",
    "d": "t",
    "t": "t'",
    "g": "k",
    "k": "k'",
    "j": "ch",
    "q": "ch'",
    "x": "hs",
    "r": "j",
    "z": "ts",
    "c": "ts'",
}
POSTAL = {
    "BEIJING": "PEKING",
    "GUANGZHOU": "CANTON",
    "XINJIANG": "SINKIANG",
    "TIANJIN": "TIENTSIN",
    "XIAMEN": "AMOY",
    "NANJING": "NANKING",
    "QINGDAO": "TSINGTAO",
    "CHONGQING": "CHUNGKING",
    "SUZHOU": "SOOCHOW",
    "HANGZHOU": "HANGCHOW",
    "FUJIAN": "FUKIEN",
    "GUANGDONG": "KWANGTUNG",
    "SICHUAN": "SZECHWAN",
    "SHANDONG": "SHANTUNG",
    "DALIAN": "DAIREN",
    "SHENYANG": "MUKDEN",
}
KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
OCR = [
    ("rn", "m"),
    ("m", "rn"),
    ("o", "0"),
    ("O", "0"),
    ("l", "1"),
    ("I", "1"),
    ("i", "l"),
    ("S", "5"),
    ("B", "8"),
]
OCR += [
    ("cl", "d"),
    ("d", "cl"),
    ("vv", "w"),
    ("w", "vv"),
    ("e", "c"),
    ("G", "6"),
    ("Z", "2"),
    ("h", "b"),
    ("u", "v"),
]
OCR += [("RN", "M"), ("M", "RN"), ("CL", "D"), ("D", "CL"), ("VV", "W"), ("W", "VV"), ("E", "F"), ("U", "V")]
SPLIT_PREFIXES = "PETRO NEFTE NEFT GAZ ENERGO STROI STROY AVIA AVTO TEKH PROM MASH SNAB TRANS INVEST SERVIS TEX CHEM".split()
SPLIT_PREFIXES += "METAL ELECTRO ELEKTRO AGRO FARM INTER MICRO RADIO TELE SUDO HIMPROM HIM SIB URAL".split()
ACCENTS = {
    "SIRKETI": "ŞİRKETİ",
    "TICARET": "TİCARET",
    "SANAYI": "SANAYİ",
    "INSAAT": "İNŞAAT",
    "DIS": "DIŞ",
    "MEXICO": "MÉXICO",
    "COMPANIA": "COMPAÑÍA",
    "ENERGIA": "ENERGÍA",
    "TECNOLOGIA": "TECNOLOGÍA",
    "PETROLEOS": "PETRÓLEOS",
    "SOCIETE": "SOCIÉTÉ",
    "GENERALE": "GÉNÉRALE",
    "ELECTRONICA": "ELECTRÓNICA",
    "INFORMATICA": "INFORMÁTICA",
    "BOGOTA": "BOGOTÁ",
    "MEDELLIN": "MEDELLÍN",
    "QUIMICA": "QUÍMICA",
    "ANONIMA": "ANÓNIMA",
    "MUNCHEN": "MÜNCHEN",
    "ZURICH": "ZÜRICH",
    "GENEVE": "GENÈVE",
}

# ---------------------------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Upper case without diacritics (Cyrillic and Han stay as they are)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper().replace("İ", "I")


def tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[^\w]+|_", fold(text)) if t]


def core(text: str) -> frozenset[str]:
    """The words that carry a name: legal-form words and function words aside."""
    return frozenset(t for t in tokens(text) if t not in LEGAL_TOKENS and t not in STOP)


def distinctive(text: str) -> list[str]:
    return [
        t
        for t in tokens(text)
        if t not in LEGAL_TOKENS
        and t not in STOP
        and t not in BUSINESS
        and t not in GENERIC
        and t not in PLACE_WORDS
        and t.isalpha()
        and len(t) >= 3
    ]


def brand_words(text: str) -> list[str]:
    """Distinctive words that are not plain English/Spanish words or country names."""
    return [t for t in distinctive(text) if t not in PLAIN_WORDS]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


PLACE_WORDS = {t for places in PLACES.values() for p in places for t in tokens(p)} | {
    "MOSCOW",
    "TEHRAN",
    "CHINA",
}


def phrase_regex(phrase: str) -> str:
    parts = [re.escape(t) + r"\.?" for t in re.split(r"[\s.,]+", phrase) if t]
    return r"[\s.,\-]*".join(parts)


_LEGAL_ALT = "|".join(f"(?P<f{i}>{phrase_regex(p)})" for i, (p, _) in enumerate(LEGAL_DETECT))
LEGAL_END = re.compile(r"(?:(?<=[\s,(])|^)\(?(?:" + _LEGAL_ALT + r")\)?\s*$", re.IGNORECASE)
LEGAL_START = re.compile(r"^\s*(?:" + _LEGAL_ALT + r")(?=[\s\"'«])", re.IGNORECASE)


def split_legal(name: str) -> tuple[str, str, str, str | None]:
    """(legal form at the front, the rest, legal form at the end, family of the form found)."""
    front, back, family = "", "", None
    match = LEGAL_START.match(name)
    if match:
        front = match.group(0).strip()
        family = LEGAL_DETECT[int(match.lastgroup[1:])][1]
        name = name[match.end() :].strip()
    match = LEGAL_END.search(name)
    if match and match.start() > 0:
        back = match.group(0).strip()
        family = family or LEGAL_DETECT[int(match.lastgroup[1:])][1]
        name = name[: match.start()].rstrip(" ,")
    name = name.strip().strip('"').strip()
    return front, name, back, family


def join(*parts: str) -> str:
    return re.sub(r"\s+", " ", " ".join(p for p in parts if p)).strip()


def apply_case(text: str, style: str) -> str:
    if style == "upper":
        return text.upper()
    if style == "title":
        return re.sub(r"[A-Za-z]+", lambda m: m.group(0)[0].upper() + m.group(0)[1:].lower(), text)
    return text


def word_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z]{4,}", text)]


# ---------------------------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def listed_names() -> list[tuple[str, str, bool]]:
    """(entity id, name, is a person) for every name and alias on the bundled lists."""
    out: list[tuple[str, str, bool]] = []
    kinds = {}
    for row in read_csv(LISTS / "ofac_sdn.csv"):
        kinds[row["ent_num"]] = row["sdn_type"]
        out.append((f"ofac-sdn:{row['ent_num']}", row["sdn_name"], row["sdn_type"] == "individual"))
    for row in read_csv(LISTS / "ofac_alt.csv"):
        out.append((f"ofac-sdn:{row['ent_num']}", row["alt_name"], kinds.get(row["ent_num"]) == "individual"))
    for row in read_csv(LISTS / "uflpa_entity_list.csv"):
        key = f"uflpa:{row['entity_key']}"
        for name in [row["entity_name"], *row["aliases"].split(";"), *row["former_names"].split(";")]:
            if name.strip():
                out.append((key, name.strip(), False))
    for row in read_csv(LISTS / "cbp_wro_findings.csv"):
        key = f"cbp-wro:{slug(row['entity'])}"
        for name in [row["entity"], *row["aliases"].split(";")]:
            if name.strip():
                out.append((key, name.strip(), row["is_entity"] != "true"))
    return sorted(set(out))


class Listed:
    """Every listed name as a core-word set, indexed for the containment and overlap checks."""

    def __init__(self, names: list[tuple[str, str, bool]]):
        self.entries = [(eid, core(name), person) for eid, name, person in names]
        self.entries = [e for e in self.entries if e[1]]
        counts = Counter(t for _, c, _ in self.entries for t in c)
        self.by_rarest: dict[str, list[int]] = defaultdict(list)
        self.orgs_by_token: dict[str, list[int]] = defaultdict(list)
        for i, (_, c, person) in enumerate(self.entries):
            self.by_rarest[min(c, key=lambda t: (counts[t], t))].append(i)
            if not person:
                for t in c:
                    self.orgs_by_token[t].append(i)
        self.org_words = sorted({t for _, c, p in self.entries if not p for t in c if t.isalpha()})
        self.all_words = {t for _, c, _ in self.entries for t in c}
        self.word_count = counts
        self.deletes: dict[str, set[str]] = defaultdict(set)
        for w in self.org_words:
            for d in deletions(w):
                self.deletes[d].add(w)

    def contained(self, words: frozenset[str], skip: set[str] = frozenset()) -> list[int]:
        """Listed names whose core words all appear in words (entities in skip ignored)."""
        hits = []
        for t in sorted(words):
            for i in self.by_rarest.get(t, ()):
                eid, c, _ = self.entries[i]
                if eid not in skip and c <= words:
                    hits.append(i)
        return hits

    def max_org_overlap(self, words: frozenset[str]) -> float:
        best = 0.0
        seen: set[int] = set()
        for t in sorted(words):
            for i in self.orgs_by_token.get(t, ()):
                if i in seen:
                    continue
                seen.add(i)
                best = max(best, len(words & self.entries[i][1]) / len(words))
        return best

    def near_listed_word(self, word: str) -> bool:
        """True when word is one slip (two for words over 6 letters) from a word of a listed organisation."""
        word = word.upper()
        limit = 2 if len(word) > 6 else 1
        candidates = sorted({c for d in deletions(word) for c in self.deletes.get(d, ())})
        return any(edit_distance(word, c) <= limit for c in candidates)


def deletions(word: str) -> set[str]:
    out = {word}
    for _ in range(2):
        out |= {w[:i] + w[i + 1 :] for w in out for i in range(len(w))}
    return out


def load_holdout() -> dict[str, dict]:
    """cluster -> {entities, names [(entity id, name, is alias)], country, address, list}."""
    kinds = {row["ent_num"]: row["sdn_type"] for row in read_csv(LISTS / "ofac_sdn.csv")}
    clusters: dict[str, dict] = {}
    for row in read_csv(HOLDOUT):
        if row["list_id"] == "ofac-sdn" and kinds.get(row["entity_id"].split(":")[1], "") != "":
            continue
        c = clusters.setdefault(
            row["cluster"],
            {"entities": set(), "names": [], "country": row["country_code"], "address": row["address"]},
        )
        c["entities"].add(row["entity_id"])
        c["list"] = row["list_id"]
        c["names"].append((row["entity_id"], row["name"], row["is_alias"] == "true"))
    return clusters


def eligible(name: str) -> bool:
    toks = tokens(name)
    if not toks or any(t in NON_SUPPLIER for t in toks):
        return False
    if re.search(r"\bNO\.?\s*\d+|VESSEL|\d{3,}", fold(name)):
        return False
    if not re.fullmatch(r"[A-Za-z0-9À-ÿ\s.,&'\-()/\"]+", name):
        return False
    has_form = split_legal(name)[3] is not None or any(t in BUSINESS for t in toks)
    words = [t for t in core(name) if t.isalpha()]
    return has_form and (len(distinctive(name)) >= 1 or len(words) >= 3) and len(name) <= 90


# ---------------------------------------------------------------------------------------------------------------
# Damage
# ---------------------------------------------------------------------------------------------------------------


class Damage:
    def __init__(self, rng: random.Random, cluster: dict):
        self.rng = rng
        self.cluster = cluster
        self.country = cluster["country"]
        self.abroad: str | None = None

    def place(self) -> str:
        options = list(PLACES.get(self.country, []))
        city = address_city(self.cluster["address"])
        if city and self.rng.random() < 0.35:
            return city
        if not options:
            return city or ""
        return self.rng.choice(options)

    # --- legal form ---
    def legal_form(self, name: str) -> tuple[str, str] | None:
        front, rest, back, family = split_legal(name)
        rng = self.rng
        if family is None:
            family = COUNTRY_FAMILY.get(self.country)
            if not family or any(t in LEGAL_TOKENS and len(t) >= 2 for t in tokens(name)):
                return None
            form = rng.choice(LEGAL_FAMILIES[family])
            if rng.random() < 0.3 and family in ("llc_ru", "jsc", "pjsc", "cjsc", "pjs_ir"):
                return join(form, f'"{rest}"' if rng.random() < 0.5 else rest), f"legal:add:{form}"
            sep = ", " if rng.random() < 0.3 else " "
            return rest + sep + form, f"legal:add:{form}"
        found = front or back
        ops = ["drop", "respell", "respell", "move"]
        if family in ("llc_ru", "jsc", "pjsc", "cjsc", "ojsc", "coltd", "as_tr", "tov", "fgup", "pjs_ir"):
            ops += ["translate", "translate"]
        op = rng.choice(ops)
        if op == "drop":
            return rest, f"legal:drop:{found}"
        if op == "move":
            if front:
                return join(rest + ("," if rng.random() < 0.3 else ""), front), f"legal:move_back:{front}"
            quoted = (
                f'"{rest}"' if family in ("llc_ru", "jsc", "pjsc", "cjsc") and rng.random() < 0.4 else rest
            )
            return join(back, quoted), f"legal:move_front:{back}"
        variants = [
            v for v in LEGAL_FAMILIES[family] if fold(v).replace(" ", "") != fold(found).replace(" ", "")
        ]
        if op == "translate":
            native = [
                v
                for v in variants
                if not v.isascii() or "Gongsi" in v or "Obshchestvo" in v or "Sirketi" in v
            ]
            native += [v for v in variants if "Sahami" in v or "Tovarystvo" in v or "Şirketi" in v]
            variants = native or variants
        form = rng.choice(variants)
        if family in ("llc_ru", "jsc", "pjsc", "cjsc", "ojsc", "fgup") and form in (
            "ООО",
            "АО",
            "ПАО",
            "ЗАО",
            "ОАО",
        ):
            return f"{form} «{rest}»" if rng.random() < 0.5 else join(form, rest), f"legal:{op}:{form}"
        if front and rng.random() < 0.7:
            return join(form, rest), f"legal:{op}:{form}"
        return join(rest + ("," if rng.random() < 0.25 else ""), form), f"legal:{op}:{form}"

    # --- place ---
    def add_place(self, name: str) -> tuple[str, str] | None:
        place = self.place()
        if not place or fold(place) in fold(name):
            return None
        front, rest, back, _ = split_legal(name)
        pattern = self.rng.choice(
            ["after", "brackets", "before", "dash", "comma", "before_legal", "slash", "square"]
        )
        if pattern == "after":
            out = join(name, place)
        elif pattern == "brackets":
            out = f"{name} ({place})"
        elif pattern == "before":
            out = join(place, name)
        elif pattern == "dash":
            out = f"{name} - {place}"
        elif pattern == "comma":
            out = f"{name}, {place}"
        elif pattern == "slash":
            out = f"{name} /{place}/"
        elif pattern == "square":
            out = f"{name} [{place}]"
        else:
            if not back:
                return None
            out = join(front, rest, f"({place})" if self.rng.random() < 0.5 else place, back)
        return out, f"place:{pattern}:{place}"

    # --- branch ---
    def branch(self, name: str) -> tuple[str, str] | None:
        rng = self.rng
        langs = LANGS.get(self.country, ["en"])
        lang = langs[0] if rng.random() < 0.55 else rng.choice(langs)
        city = self.place()
        abroad = ""
        if self.country in ABROAD and rng.random() < 0.2:
            code, city = rng.choice(ABROAD[self.country])
            lang = "en" if rng.random() < 0.7 else lang
            self.abroad = code
            abroad = f":abroad:{code}"
        templates = BRANCH_TEMPLATES[lang]
        if not city:
            templates = [t for t in templates if "{c}" not in t]
        template = rng.choice(templates)
        if lang == "zh" and not city.isascii() and "{c}" in template and " {c}" in template:
            template = template.replace(" {c}", "{c}")
        if lang == "zh" and "{c}分公司" in template and city.isascii():
            city = city + " "
        out = template.format(n=name, c=city)
        return join(out) if "分公司" not in template else out, f"branch:{lang}:{template}{abroad}"

    # --- typos ---
    def typo(self, name: str, count: int | None = None) -> tuple[str, str] | None:
        rng = self.rng
        count = count or rng.choices([1, 2, 3], weights=[58, 30, 12])[0]
        ops = []
        touched: set[str] = set()
        for _ in range(count):
            spans = [s for s in word_spans(name) if name[s[0] : s[1]] not in touched or s[1] - s[0] >= 8]
            if not spans:
                break
            rare = {t for t in distinctive(name)}
            rare_spans = [s for s in spans if fold(name[s[0] : s[1]]) in rare]
            start, end = rng.choice(rare_spans) if rare_spans and rng.random() < 0.75 else rng.choice(spans)
            word = name[start:end]
            op = rng.choice(["neighbour", "swap", "drop", "double", "ocr", "neighbour", "swap", "drop"])
            new = slip(rng, word, op)
            if new is None or new == word:
                continue
            name = name[:start] + new + name[end:]
            touched.add(new)
            ops.append(op)
        if not ops:
            return None
        return name, "typo:" + "+".join(ops)

    # --- truncation ---
    def truncate(self, name: str) -> tuple[str, str] | None:
        cuts = [c for c in (25, 30, 35, 40) if len(name) > c + 2]
        if not cuts:
            return None
        cut = self.rng.choice(cuts)
        kept = name[:cut].upper().rstrip(" ,-")
        whole = set(tokens(kept[: kept.rfind(" ")] if not name[cut].isspace() and " " in kept else kept))
        dist = distinctive(name)
        if not dist or not any(d in whole and len(d) >= 4 for d in dist):
            return None
        if len([t for t in core(name) if t in whole]) < max(1, len(core(name)) // 2):
            return None
        return kept, f"truncate:{cut}"

    # --- word order ---
    def word_order(self, name: str) -> tuple[str, str] | None:
        rng = self.rng
        front, rest, back, _ = split_legal(name)
        words = rest.split()
        if len(words) < 2:
            return None
        op = rng.choice(["swap", "rotate", "comma", "of", "and"])
        upper = [fold(w) for w in words]
        if op == "of" and "OF" in upper[1:-1]:
            i = upper.index("OF")
            new = words[i + 1 :] + words[:i]
        elif op == "and" and "AND" in upper[1:-1]:
            i = upper.index("AND")
            new = words[i + 1 :] + [words[i]] + words[:i]
        elif op == "comma" and len(words) >= 2:
            new = words[1:] + [","] + words[:1]
            op = "comma"
        elif op == "rotate" and len(words) >= 3:
            new = words[-1:] + words[:-1]
        else:
            i = rng.randrange(len(words) - 1)
            new = words[:i] + [words[i + 1], words[i]] + words[i + 2 :]
            op = "swap"
        text = " ".join(new).replace(" ,", ",")
        if fold(text) == fold(rest):
            return None
        return join(front, text, back), f"word_order:{op}"

    # --- abbreviation ---
    def abbreviate(self, name: str) -> tuple[str, str] | None:
        rng = self.rng
        done = []
        for phrase, options in ACRONYMS:
            pattern = re.compile(phrase_regex(phrase).replace(r"\ ", r"[\s\-]+"), re.IGNORECASE)
            if pattern.search(name) and rng.random() < 0.8:
                short = rng.choice(options)
                name = pattern.sub(short, name, count=1)
                done.append(short)
        spans = [m for m in re.finditer(r"[A-Za-z]+", name) if fold(m.group(0)) in ABBREV]
        rng.shuffle(spans)
        limit = rng.choice([1, 1, 2, 3])
        for m in sorted(spans[:limit], key=lambda m: -m.start()):
            if done and len(done) >= limit:
                break
            short = rng.choice(ABBREV[fold(m.group(0))])
            if m.group(0).isupper() and rng.random() < 0.6:
                short = short.upper()
            name = name[: m.start()] + short + name[m.end() :]
            done.append(short)
        if not done:
            return None
        return join(name), "abbrev:" + "+".join(done)

    # --- transliteration ---
    def translit(self, name: str) -> tuple[str, str] | None:
        system = translit_system(self.country)
        if system is None:
            return None
        changes = []
        words = list(re.finditer(r"[A-Za-z']+", name))
        brands = set(brand_words(name))
        order = sorted(range(len(words)), key=lambda i: (self.rng.random(), i))
        budget = self.rng.choice([1, 1, 2])
        out = name
        for i in order:
            if len(changes) >= budget:
                break
            word = words[i].group(0)
            if fold(word) not in brands or len(word) < 4:
                continue
            new = respell(self.rng, word, system)
            if new and new != word:
                m = re.search(r"(?<![A-Za-z])" + re.escape(word) + r"(?![A-Za-z])", out)
                if m:
                    out = out[: m.start()] + new + out[m.end() :]
                    changes.append(f"{word}->{new}")
        if not changes:
            return None
        return out, f"translit:{system}:" + ",".join(changes)

    # --- punctuation, spacing, diacritics ---
    def punct(self, name: str) -> tuple[str, str] | None:
        rng = self.rng
        ops = [
            "strip",
            "spaces",
            "join",
            "split",
            "and",
            "dots",
            "quotes",
            "hyphen",
            "accents",
            "comma",
            "spacing",
        ]
        for op in rng.sample(ops, len(ops)):
            new = punct_op(rng, name, op)
            if new and new != name and tokens(new):
                return new, f"punct:{op}"
        return None


def address_city(address: str) -> str:
    parts = [p.strip() for p in address.split(",") if p.strip()]
    if len(parts) < 2:
        return ""
    city = re.sub(r"\b[A-Z]{0,2}\d[\w\-]*", "", parts[-2]).strip(" .-")
    if re.fullmatch(r"[A-Za-z][A-Za-z .'\-]{2,24}", city) and len(city.split()) <= 3:
        return city
    return ""


def slip(rng: random.Random, word: str, op: str) -> str | None:
    n = len(word)
    if op == "neighbour":
        i = rng.randrange(n)
        ch = word[i]
        for row in KEYBOARD:
            j = row.find(ch.lower())
            if j >= 0:
                near = [row[k] for k in (j - 1, j + 1) if 0 <= k < len(row)]
                new = rng.choice(near)
                return word[:i] + (new.upper() if ch.isupper() else new) + word[i + 1 :]
        return None
    if op == "swap":
        i = rng.randrange(1, n - 1)
        if word[i] == word[i + 1]:
            return None
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op == "drop":
        i = rng.randrange(1, n)
        return word[:i] + word[i + 1 :]
    if op == "double":
        i = rng.randrange(1, n)
        return word[:i] + word[i] + word[i:]
    pairs = [(a, b) for a, b in OCR if a in word]
    if not pairs:
        return None
    a, b = rng.choice(pairs)
    positions = [m.start() for m in re.finditer(re.escape(a), word)]
    i = rng.choice(positions)
    return word[:i] + b + word[i + len(a) :]


def translit_system(country: str) -> str | None:
    if country in ("RU", "BY", "UA", "KZ", "KG", "UZ", "TJ", "AM", "GE", "AZ", "MD", "BG"):
        return "ru"
    if country in (
        "IR",
        "AF",
        "SY",
        "LB",
        "IQ",
        "KW",
        "AE",
        "SA",
        "YE",
        "JO",
        "EG",
        "PK",
        "OM",
        "QA",
        "BH",
        "SD",
    ):
        return "fa_ar"
    if country in ("CN", "HK", "TW"):
        return "zh"
    return None


RU_RULES = [
    (r"KH", ["H", "CH"]),
    (r"(?<=[SCNTRK])(IY|YY|II|IJ|YI|Y)$", ["IY", "YY", "II", "IJ", "I", "Y"]),
    (r"YA", ["IA", "JA"]),
    (r"IA", ["YA", "JA"]),
    (r"YU", ["IU", "JU"]),
    (r"SHCH", ["SCH", "SHTCH", "SHH"]),
    (r"TS", ["TZ", "C", "TC"]),
    (r"ZH", ["J", "Z"]),
    (r"KS", ["X"]),
    (r"X", ["KS"]),
    (r"(?<=[OE])V$", ["FF", "W"]),
    (r"(?<=[OEA])YE$", ["E", "IE"]),
    (r"(?<=[OEA])E$", ["YE", "IE"]),
    (r"AYA$", ["AIA", "AJA", "AA"]),
    (r"CH", ["TCH", "TSCH"]),
    (r"^YE", ["E"]),
    (r"^E", ["YE"]),
    (r"EI", ["EY"]),
    (r"EY", ["EI"]),
    (r"V", ["W"]),
    (r"YO", ["E", "IO", "JO"]),
]
FA_AR_RULES = [
    (r"OU", ["U", "OO"]),
    (r"OO", ["U", "OU"]),
    (r"(?<=[^AEIOU])U(?=[^AEIOU])", ["OU", "OO", "O"]),
    (r"Q", ["GH", "G", "K"]),
    (r"GH", ["Q"]),
    (r"AA", ["A"]),
    (r"(?<=[^AEIOU])A(?=[^AEIOU])", ["AA", "E"]),
    (r"EH$", ["AH", "E"]),
    (r"AH$", ["EH", "A"]),
    (r"V", ["W"]),
    (r"W", ["V"]),
    (r"^MOHAMMAD$", ["MUHAMMAD", "MOHAMED", "MOHAMMED", "MOHAMAD"]),
    (r"^HOSSEIN$", ["HUSSEIN", "HOSEIN", "HUSAIN"]),
    (r"^AL-", ["EL-", "AL ", "UL-", ""]),
    (r"^EL-", ["AL-", "AL "]),
    (r"KH", ["H", "X"]),
    (r"J", ["DJ", "G"]),
    (r"SH", ["CH", "SCH"]),
    (r"EI", ["EY", "AY"]),
    (r"EY", ["EI", "AI"]),
    (r"([BDFKLMNPRSTZ])\1", [r"\1"]),
    (r"(?<=[AEIOU])([BDLMNRST])(?=[AEIOU])", [r"\1\1"]),
    (r"^ABDUL", ["ABD AL ", "ABDEL", "ABDOL"]),
    (r"^E(?=[^AEIOU])", ["I"]),
]


def respell(rng: random.Random, word: str, system: str) -> str | None:
    upper = word.upper()
    if system == "zh":
        return respell_pinyin(rng, word)
    rules = RU_RULES if system == "ru" else FA_AR_RULES
    applicable = [(p, r) for p, r in rules if re.search(p, upper)]
    if not applicable:
        return None
    pattern, replacements = rng.choice(applicable)
    repl = rng.choice(replacements)
    matches = list(re.finditer(pattern, upper))
    m = rng.choice(matches)
    new = upper[: m.start()] + m.expand(repl) + upper[m.end() :]
    if word.isupper():
        return new
    return new[0] + new[1:].lower() if word[:1].isupper() else new.lower()


def pinyin_split(word: str) -> list[str] | None:
    w = word.lower().replace("'", "")

    def walk(i: int) -> list[str] | None:
        if i == len(w):
            return []
        for j in range(min(len(w), i + 6), i, -1):
            if w[i:j] in PINYIN_SYLLABLES:
                rest = walk(j)
                if rest is not None:
                    return [w[i:j], *rest]
        return None

    parts = walk(0)
    return parts if parts and len(parts) >= 2 else None


def respell_pinyin(rng: random.Random, word: str) -> str | None:
    upper = word.upper()
    if upper in POSTAL and rng.random() < 0.6:
        return recase(POSTAL[upper], word)
    parts = pinyin_split(word)
    if not parts:
        return None
    op = rng.choice(["split", "split", "hyphen", "wade", "wade"])
    if op == "wade":
        out = []
        for p in parts:
            for ini in sorted(WADE_INITIALS, key=len, reverse=True):
                if p.startswith(ini):
                    p = WADE_INITIALS[ini] + p[len(ini) :]
                    break
            p = p.replace("ong", "ung").replace("ian", "ien").replace("ie", "ieh")
            if rng.random() < 0.6:
                p = p.replace("'", "")
            out.append(p)
        joiner = rng.choice(["", " ", "-"])
        new = joiner.join(out)
    elif op == "hyphen":
        new = "-".join(parts)
    else:
        new = " ".join(parts)
    return recase(new.upper(), word)


def recase(new: str, like: str) -> str:
    if like.isupper():
        return new.upper()
    if like[:1].isupper():
        return re.sub(r"[A-Za-z]+", lambda m: m.group(0)[0].upper() + m.group(0)[1:].lower(), new)
    return new.lower()


def punct_op(rng: random.Random, name: str, op: str) -> str | None:
    if op == "strip":
        return join(re.sub(r"[.,'\"«»()]", "", name)) if re.search(r"[.,'\"«»()]", name) else None
    if op == "spaces":
        return join(re.sub(r"[.,\-/&()]", " ", name)) if re.search(r"[.,\-/()]", name) else None
    if op == "join":
        words = name.split()
        idx = [i for i in range(len(words) - 1) if words[i].isalpha() and words[i + 1].isalpha()]
        if not idx:
            return None
        i = rng.choice(idx)
        return " ".join(words[:i] + [words[i] + words[i + 1]] + words[i + 2 :])
    if op == "split":
        words = name.split()
        for i in rng.sample(range(len(words)), len(words)):
            w = words[i]
            for p in SPLIT_PREFIXES:
                if fold(w).startswith(p) and len(w) - len(p) >= 3 and w[len(p)].isalpha():
                    words[i] = w[: len(p)] + rng.choice([" ", "-"]) + w[len(p) :]
                    return " ".join(words)
        return None
    if op == "and":
        for a, opts in (
            (r"\s&\s", [" and ", " AND ", " + ", "&", " & "]),
            (r"\s(?:AND|and|And)\s", [" & ", "&", " + "]),
        ):
            if re.search(a, name):
                return re.sub(a, rng.choice(opts), name, count=1)
        return None
    if op == "dots":
        acr = [
            m
            for m in re.finditer(r"\b[A-Z]{2,4}\b", name)
            if m.group(0) not in LEGAL_TOKENS
            and (len(m.group(0)) <= 3 or not re.search("[AEIOU]", m.group(0)))
        ]
        if acr:
            m = rng.choice(acr)
            return name[: m.start()] + ".".join(m.group(0)) + "." + name[m.end() :]
        if "." in name:
            return name.replace(".", "")
        return None
    if op == "quotes":
        front, rest, back, _ = split_legal(name)
        q = rng.choice([('"', '"'), ("«", "»"), ("“", "”"), ("'", "'"), ('""', '""')])
        return join(front, q[0] + rest + q[1], back)
    if op == "hyphen":
        if "-" in name:
            return name.replace("-", rng.choice(["", " "]), 1)
        words = name.split()
        if len(words) < 2:
            return None
        i = rng.randrange(len(words) - 1)
        return " ".join(words[:i] + [words[i] + "-" + words[i + 1]] + words[i + 2 :])
    if op == "accents":
        if not name.isascii():
            stripped = "".join(
                c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
            ).replace("ı", "i")
            return stripped if stripped != name else None
        for plain, accented in sorted(ACCENTS.items()):
            m = re.search(r"\b" + plain + r"\b", name, re.IGNORECASE)
            if m:
                return name[: m.start()] + recase(accented, m.group(0)) + name[m.end() :]
        return None
    if op == "comma":
        if "," in name:
            return name.replace(",", "", 1)
        front, rest, back, _ = split_legal(name)
        return f"{rest}, {back}" if back else None
    if op == "spacing":
        spaces = [m.start() for m in re.finditer(" ", name)]
        if not spaces:
            return None
        i = rng.choice(spaces)
        return name[:i] + rng.choice(["  ", "   ", ""]) + name[i + 1 :]
    return None


# ---------------------------------------------------------------------------------------------------------------
# Positives
# ---------------------------------------------------------------------------------------------------------------

STEP_NAMES = ["legal_form", "place", "branch", "typo", "word_order", "abbreviation", "translit", "punct"]


def run_step(d: Damage, step: str, name: str, combined: bool = False) -> tuple[str, str] | None:
    if step == "legal_form":
        return d.legal_form(name)
    if step == "place":
        return d.add_place(name)
    if step == "branch":
        return d.branch(name)
    if step == "typo":
        return d.typo(name, d.rng.choice([1, 1, 2]) if combined else None)
    if step == "truncation":
        return d.truncate(name)
    if step == "word_order":
        return d.word_order(name)
    if step == "abbreviation":
        return d.abbreviate(name)
    if step == "translit":
        return d.translit(name)
    if step == "punct":
        return d.punct(name)
    raise ValueError(step)


def make_positive(rng: random.Random, kind: str, cluster: dict, name: str) -> tuple[str, str, str] | None:
    """(query name, damages, country) or None when the damage does not apply to this name."""
    d = Damage(rng, cluster)
    if kind == "combined":
        n = rng.choices([2, 3, 4], weights=[60, 30, 10])[0]
        steps = rng.sample(STEP_NAMES, n)
        if "branch" in steps and "place" in steps:
            spare = [x for x in STEP_NAMES if x not in steps]
            steps[steps.index("place")] = rng.choice(spare)
        if rng.random() < 0.25:
            steps[-1] = "truncation"
        labels = []
        for step in steps:
            result = run_step(d, step, name, combined=True)
            if result is None:
                return None
            name, label = result
            labels.append(label)
        damages = "steps:" + "+".join(steps) + ";" + ";".join(labels)
    else:
        result = run_step(d, kind, name)
        if result is None:
            return None
        name, damages = result
    country = d.abroad or cluster["country"]
    if rng.random() < 1 / 6:
        country, damages = "", damages + ";country:blank"
    elif country in NEIGHBOURS and rng.random() < 0.04:
        country = rng.choice(NEIGHBOURS[country])
        damages += f";country:neighbour:{country}"
    return name, damages, country


def build_positives(rng: random.Random, clusters: dict[str, dict], listed: Listed) -> list[dict]:
    usable = {}
    for cid in sorted(clusters):
        c = clusters[cid]
        names = sorted({(n, a) for _, n, a in c["names"] if eligible(n)})
        if not names:
            continue
        own = {core(n) for _, n, _ in c["names"]}
        skip = set(c["entities"]) | {eid for eid, cc, _ in listed.entries if cc in own}
        usable[cid] = (names, skip)
    print(f"eligible clusters: {len(usable)} ({sum(len(v[0]) for v in usable.values())} names)")
    uses: Counter[str] = Counter()
    rows = []
    for kind in sorted(POSITIVE_QUOTA):
        order = sorted(usable, key=lambda cid: (uses[cid], rng.random()))
        made = 0
        for cid in order:
            if made >= POSITIVE_QUOTA[kind]:
                break
            if uses[cid] >= MAX_PER_CLUSTER:
                continue
            names, skip = usable[cid]
            primary = [n for n, alias in names if not alias]
            name = rng.choice(primary) if primary and rng.random() < 0.6 else rng.choice(names)[0]
            style = rng.choices(["keep", "upper", "title"], weights=[45, 33, 22])[0]
            source = name
            result = None
            for _ in range(4):
                result = make_positive(rng, kind, clusters[cid], apply_case(name, style))
                if result and acceptable_positive(result[0], source, skip, listed):
                    break
                result = None
            if result is None:
                continue
            query, damages, country = result
            entity = sorted({e for e, n, _ in clusters[cid]["names"] if n == source})[0]
            rows.append(
                {
                    "query_name": query,
                    "query_country": country,
                    "expected_entity_id": entity,
                    "expected_cluster": cid,
                    "kind": kind,
                    "damages": f"{damages};case:{style}",
                    "source_name": source,
                }
            )
            uses[cid] += 1
            made += 1
        print(f"{kind}: {made}")
    return rows


def acceptable_positive(query: str, source: str, skip: set[str], listed: Listed) -> bool:
    words = core(query)
    if not words or fold(query) == fold(source) or query.strip() == "":
        return False
    source_words = core(source)
    for i in listed.contained(words, skip):
        eid, c, person = listed.entries[i]
        if c == words or (len(c) >= 2 and not c <= source_words):
            return False
    return True


# ---------------------------------------------------------------------------------------------------------------
# Negatives
# ---------------------------------------------------------------------------------------------------------------


def legal_for(rng: random.Random, country: str) -> str:
    family = COUNTRY_FAMILY.get(country, rng.choice(["ltd", "llc", "co", "inc"]))
    return rng.choice(LEGAL_FAMILIES[family])


def negative_ok(name: str, listed: Listed, generic: bool = False) -> bool:
    words = core(name)
    if not words or listed.contained(words):
        return False
    return not (generic and listed.max_org_overlap(words) >= 0.5)


def make_generic(rng: random.Random, listed: Listed) -> tuple[str, str, str]:
    country = rng.choice(sorted(SURNAMES))
    industry = rng.choice(sorted(INDUSTRY_WORDS))
    if country in LOCAL_INDUSTRY and rng.random() < 0.4:
        business = rng.choice(LOCAL_INDUSTRY[country])
    else:
        business = rng.choice(INDUSTRY_WORDS[industry])
    head = rng.choice(SURNAMES[country])
    pattern = rng.choice(["surname", "surname2", "place", "place_surname"])
    places = [p for p in PLACES.get(country, []) if p.isascii()]
    if pattern == "surname2":
        other = rng.choice(SURNAMES[country])
        head = f"{head} & {other}" if other != head and rng.random() < 0.5 else f"{head} Brothers"
    elif pattern == "place" and places:
        head = rng.choice(places)
    elif pattern == "place_surname" and places:
        head = f"{rng.choice(places)} {head}"
    legal = legal_for(rng, country)
    if legal in ("OOO", "ООО", "AO", "PAO") or (country == "RU" and rng.random() < 0.3):
        name = f'{legal} "{head} {business}"'
    else:
        name = join(head, business, legal)
    return name, country, f"generic:{country}:{pattern}:{industry}"


def make_common_word(rng: random.Random, listed: Listed) -> tuple[str, str, str]:
    country = rng.choice(
        ["US", "GB", "IN", "SG", "HK", "AE", "CN", "MY", "TR", "DE", "CA", "AU", "ZA", "PK", "BD"]
    )
    a, b = rng.choice(COMMON_ADJ), rng.choice(COMMON_NOUN)
    industry = rng.choice(sorted(INDUSTRY_WORDS))
    head = rng.choice([f"{a} {b}", f"{a}{b.lower()}", f"{a} {b}", f"The {a} {b}"])
    name = join(head, rng.choice(INDUSTRY_WORDS[industry]), legal_for(rng, country))
    return name, country, f"common_word:{industry}"


def holdout_sources(clusters: dict[str, dict]) -> list[tuple[str, str, dict]]:
    out = []
    for cid in sorted(clusters):
        c = clusters[cid]
        for _, n, _ in sorted(c["names"]):
            if eligible(n):
                out.append((cid, n, c))
    return out


def make_near_name(
    rng: random.Random, source: tuple[str, str, dict], listed: Listed
) -> tuple[str, str, str] | None:
    _, name, c = source
    country = c["country"]
    lang = LANG_OF.get(country, "en")
    targets = brand_words(name)
    kept = [t for t in core(name) - set(targets) if len(t) >= 3 and t.isalpha()]
    if not targets or len(targets) > 2 or not kept:
        return None
    out = name
    swapped = []
    for t in targets:
        options = [
            w
            for w in NEAR_WORDS[lang]
            if w.upper() not in listed.all_words and not listed.near_listed_word(w)
        ]
        options = [w for w in options if w.upper()[:3] != t[:3]]
        if not options:
            return None
        new = rng.choice(options)
        m = re.search(r"(?<![A-Za-z])" + re.escape(t) + r"(?![A-Za-z])", out, re.IGNORECASE)
        if not m:
            return None
        out = out[: m.start()] + recase(new, m.group(0)) + out[m.end() :]
        swapped.append(f"{t}->{new}")
    return out, country, f"near_name:{lang}:" + ",".join(swapped)


def make_other_country(rng: random.Random, source: tuple[str, str, dict], listed: Listed):
    _, name, c = source
    brands = [t for t in brand_words(name) if len(t) >= 4]
    if not brands or len(core(name)) < 2:
        return None
    brand = min(brands, key=lambda t: (listed.word_count[t], t))
    region = {"RU": "east_europe", "BY": "east_europe", "UA": "east_europe", "IR": "mideast", "SY": "mideast"}
    home = region.get(c["country"], c["country"])
    countries = [k for k in sorted(SURNAMES) if region.get(k, k) != home and k != c["country"]]
    country = rng.choice(countries)
    industry = rng.choice(["textile", "food", "building", "consumer", "farm", "packaging"])
    words = rng.choice(INDUSTRY_WORDS[industry])
    city = [p for p in PLACES.get(country, []) if p.isascii()]
    head = brand.title() if rng.random() < 0.6 else brand
    parts = [head, words]
    if city and rng.random() < 0.3:
        parts.insert(0, rng.choice(city))
    out = join(*parts, legal_for(rng, country))
    return out, country, f"other_country:{brand}:{industry}"


def vowel_chunks(word: str) -> list[str]:
    return re.findall(r"[^AEIOUY]*[AEIOUY]+(?:[^AEIOUY]*$)?", word.upper())


def make_sister(rng: random.Random, source: tuple[str, str, dict], listed: Listed):
    _, name, c = source
    dist = [t for t in brand_words(name) if len(t) >= 5]
    if len(dist) != 1 or len(distinctive(name)) != 1:
        return None
    word = dist[0]
    if c["country"] in ("CN", "HK", "TW") and pinyin_split(word):
        parts = pinyin_split(word)
        i = rng.randrange(len(parts))
        options = [s for s in SISTER_SYLLABLES if s[:1] != parts[i][:1]]
        parts[i] = rng.choice(options)
        new = "".join(parts).upper()
    else:
        chunks = vowel_chunks(word)
        if len(chunks) < 2 or "".join(chunks) != word:
            return None
        i = rng.choice([0, len(chunks) - 1])
        pool = [
            "KA",
            "TO",
            "MI",
            "SE",
            "RA",
            "LU",
            "NO",
            "VE",
            "DA",
            "BE",
            "ZO",
            "PI",
            "GU",
            "RE",
            "SA",
            "TI",
        ]
        if i == len(chunks) - 1:
            pool = ["LIN", "TEK", "VAR", "NOR", "DAN", "SIT", "MAR", "TON", "KOR", "VEL"]
        new_chunk = rng.choice([p for p in pool if p != chunks[i]])
        chunks[i] = new_chunk
        new = "".join(chunks)
    if edit_distance(new, word) < 3 or edit_distance(new, word) < len(word) / 3:
        return None
    if new in listed.all_words or listed.near_listed_word(new):
        return None
    m = re.search(r"(?<![A-Za-z])" + re.escape(word) + r"(?![A-Za-z])", name, re.IGNORECASE)
    if not m:
        return None
    out = name[: m.start()] + recase(new, m.group(0)) + name[m.end() :]
    return out, c["country"], f"sister:{word}->{new}"


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def build_negatives(rng: random.Random, clusters: dict[str, dict], listed: Listed) -> list[dict]:
    sources = holdout_sources(clusters)
    rows = []
    seen: set[str] = set()
    makers = {
        "generic": lambda: make_generic(rng, listed),
        "common_word": lambda: make_common_word(rng, listed),
        "near_name": lambda: make_near_name(rng, rng.choice(sources), listed),
        "other_country": lambda: make_other_country(rng, rng.choice(sources), listed),
        "sister": lambda: make_sister(rng, rng.choice(sources), listed),
    }
    for kind in sorted(NEGATIVE_QUOTA):
        made = 0
        tries = 0
        while made < NEGATIVE_QUOTA[kind] and tries < 200000:
            tries += 1
            result = makers[kind]()
            if result is None:
                continue
            name, country, damages = result
            style = rng.choices(["keep", "upper", "title"], weights=[45, 33, 22])[0]
            name = apply_case(name, style)
            key = fold(name)
            if key in seen or not negative_ok(name, listed, generic=kind in ("generic", "common_word")):
                continue
            seen.add(key)
            if rng.random() < 1 / 6:
                country, damages = "", damages + ";country:blank"
            rows.append(
                {
                    "query_name": name,
                    "query_country": country,
                    "expected_entity_id": "",
                    "expected_cluster": "",
                    "kind": kind,
                    "damages": f"{damages};case:{style}",
                    "source_name": "",
                }
            )
            made += 1
        print(f"{kind}: {made}")
    return rows


def main() -> None:
    rng = random.Random(SEED)
    listed = Listed(listed_names())
    clusters = load_holdout()
    rows = build_positives(rng, clusters, listed) + build_negatives(rng, clusters, listed)
    rng.shuffle(rows)
    columns = ["query_id", "query_name", "query_country", "expected_entity_id", "expected_cluster", "kind"]
    columns += ["damages", "source_name"]
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for i, row in enumerate(rows, 1):
            writer.writerow({"query_id": f"ind3-{i:05d}", **row})
    print(f"wrote {len(rows)} queries to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
