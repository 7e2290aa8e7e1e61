"""Build the independent evaluation set for the name matcher (bench/independent/devset.csv).

Written from a plain description of how supplier masters really spell names, without looking at how the
project builds its own training or dev data, so that the set measures generalisation. Positives come only
from the held-out list entities in holdout_entities.csv (never seen by the matcher's classifier);
negatives are checked against every name on the bundled lists so that they really should match nothing.
Stdlib only and seeded: the same inputs always give the same file.

    python bench/independent/generate.py            # rewrites bench/independent/devset.csv
"""

from __future__ import annotations

import argparse
import csv
import difflib
import math
import random
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
LISTS = REPO / "screener" / "data" / "lists"
SEED = 20261207

POSITIVE_TARGETS = {
    "place": 260,
    "branch": 260,
    "truncation": 260,
    "typo2": 260,
    "legal_form": 260,
    "word_order": 260,
    "case_punct": 260,
    "abbreviation": 230,
    "combined": 340,
}
NEGATIVE_TARGETS = {"generic": 500, "near_name": 400, "other_country": 300}
MAX_QUERIES_PER_CLUSTER = 5

# ---------------------------------------------------------------------------------------------------------
# Vocabulary written for this set (deliberately not taken from the project's reference tables).

BUSINESS_WORDS = set(
    """COMPANY CO CORPORATION CORP LIMITED LTD LLC INC INCORPORATED GROUP GROUPE GRUPO TRADING TRADE
    INDUSTRIES INDUSTRIAL INDUSTRY ENTERPRISE ENTERPRISES HOLDING HOLDINGS INTERNATIONAL BANK BANCO SHIPPING
    SHIP PETROLEUM PETROCHEMICAL OIL GAS ENERGY ENGINEERING SERVICES SERVICE INVESTMENT INVESTMENTS
    MANUFACTURING FACTORY PLANT MINING METALS METAL STEEL CHEMICAL CHEMICALS PHARMACEUTICAL PHARMACEUTICALS
    ELECTRONICS ELECTRONIC TECHNOLOGY TECHNOLOGIES SYSTEMS LOGISTICS TRANSPORT TRANSPORTATION CONSTRUCTION
    DEVELOPMENT IMPORT EXPORT COMMERCIAL AGRICULTURAL TEXTILE TEXTILES COTTON GARMENT FOOD FOODS PRODUCTS
    MATERIALS EQUIPMENT MACHINERY AIRLINES AIRWAYS AVIATION MARINE MARITIME EXCHANGE FINANCE FINANCIAL
    CAPITAL INSURANCE CONSULTING SOLUTIONS RESEARCH PRODUCTION SUPPLY ESTABLISHMENT PARTNERS VENTURES
    HOTEL FARM CARPET GLOVE SILICON MANAGEMENT PROPERTIES PROPERTY SECURITY FACTORING TRAVEL PAYMENTS
    INMOBILIARIA INVERSIONES COMERCIALIZADORA CORPORATIVO DISTRIBUIDORA SHIPBUILDING REFINERY JEWELRY
    OFFSHORE AGENCY TRANSIT EXPRESS GENERAL MECHANICAL WORKS MILLS MARKETING CONSTRUCTIONS BUREAU
    ZAVOD KOMPANIYA OBSHCHESTVO PREDPRIYATIE KOMBINAT TORGOVYI SANAT SANAYE TEJARAT BAZARGANI""".split()
)
# Words many unrelated company names share: what stays when the distinctive words of a name are taken away.
GENERIC_WORDS = BUSINESS_WORDS | set(
    """NEW GENERAL GLOBAL UNITED NATIONAL STATE CENTRAL FIRST GREAT ROYAL GOLDEN GOLD SILVER STAR SKY BLUE GREEN
    RED WHITE BLACK EAST WEST NORTH SOUTH EASTERN WESTERN NORTHERN SOUTHERN MIDDLE ASIA ASIAN EURO EUROPE EUROPEAN
    AMERICAN AMERICA AFRICA AFRICAN ARAB ARABIAN GULF PERSIAN OCEAN PACIFIC ATLANTIC RUSSIAN RUSSIA IRAN IRANIAN
    KOREA KOREAN SYRIAN SYRIA CHINA CHINESE IRAQ IRAQI LEBANON LEBANESE TURKISH TURKEY UKRAINE BELARUS MEXICO
    COLOMBIA VENEZUELA PANAMA HONG KONG DUBAI EMIRATES REPUBLIC PEOPLE'S PEOPLES POPULAR AIR AIRCRAFT AUTO
    AUTOMOTIVE BUSINESS CABLE CARGO CEMENT CENTER CENTRE CITY CLUB COAL COMMERCE COMMUNICATIONS COMPUTER CONCERN
    CONTRACTING COOPERATIVE CREDIT DESIGN DIAMOND DIAMONDS DIGITAL DISTRIBUTION ELECTRIC ELECTRICITY ENGINE FIRM
    FISHERIES FREE ZONE FUND FURNITURE GLASS HEAVY HOUSE IMPEX INNOVATIONS INSTITUTE INVEST JOINT VENTURE
    LABORATORY LAND LEASING LINE LINES LOGISTIC MACHINE MACHINES MEDIA MEDICAL MINERALS MOBILE MONEY MOTORS
    NAVIGATION NETWORK OFFICE ORGANIZATION PAPER PARTNERSHIP PLASTIC PLASTICS PORT POWER PRINTING PROJECT
    PROJECTS PUBLISHING RADIO REAL ESTATE RENOVATION RESOURCES SCIENTIFIC SHOP SOFTWARE SONS SPACE STORE STUDIO
    SUGAR SUPPLIES TECH TECHNICAL TECHNIC TELECOM TELECOMMUNICATIONS TOURS TOURISM TRADERS TRAVEL TRUST UNITARY
    UNION UNIVERSAL WATER WHOLESALE WOOD YARN ASSOCIATION PETROLEUM GROUP CORPORATE INFORMATION PAYMENT ASSET
    ASSETS DEFENSE DEFENCE ADVANCED VALUE ADDED PILOT AGRO ECO TRADE INDUSTRY AGRICULTURE AGRICULTURAL
    PLANT FACTORY WORKS HOLDING HOLDINGS""".split()
)
# Generic words of other languages: kept by the other_country negatives, but no foreign place is put before them.
FOREIGN_GENERIC = set(
    """COMERCIAL INDUSTRIAL SOCIEDAD CONSTRUCTORA SERVICIOS TRANSPORTES EMPRESA AGROPECUARIA INTERNACIONAL
    NAUCHNO PROIZVODSTVENNOE PREDPRIYATIE TSENTR DOM GOSUDARSTVENNOE UNITARNOE FEDERALNOE OBEDINENIE INSTITUT
    SHERKAT MOHANDESI TOSEE TICARET SANAYI DIS ITHALAT IHRACAT INSAAT SANAT SANAYE TEJARAT BAZARGANI ZAVOD
    KOMPANIYA OBSHCHESTVO KOMBINAT TORGOVYI INMOBILIARIA INVERSIONES COMERCIALIZADORA CORPORATIVO
    DISTRIBUIDORA""".split()
)
GENERIC_WORDS |= FOREIGN_GENERIC
NON_SUPPLIER_WORDS = set(
    """ARMY BRIGADE BRIGADES REGIMENT BATTALION DIVISION FRONT MOVEMENT MILITIA PARTY MUJAHIDIN MUJAHIDEEN
    JIHAD HIZBALLAH HIZBALLAH'S QAIDA TALIBAN LASHKAR GUARDS MINISTRY DIRECTORATE POLICE COMMAND FORCE FORCES
    MARTYRS MILITARY CARTEL CRIME ORGANISED ORGANIZED TERRORIST LIBERATION RESISTANCE PRISON PENITENTIARY ISLAMIC GANG MAFIA CLAN EMBASSY COUNCIL COMMITTEE SOLDIERS""".split()
)

# Legal forms: (class, regex of one spelling). Longest spellings first within a position.
LEGAL_SUFFIXES = [
    ("co_ltd", r"CO\.?,?\s*LTD\.?|COMPANY\s+LIMITED|CO\.?,?\s+LIMITED|COMPANY\s+LTD\.?"),
    ("pvt_ltd", r"\(?PVT\.?\)?,?\s*LTD\.?|PRIVATE\s+LIMITED|\(P\)\s*LTD\.?"),
    ("pte_ltd", r"PTE\.?\s*LTD\.?"),
    ("sdn_bhd", r"SDN\.?\s*BHD\.?|SENDIRIAN\s+BERHAD"),
    ("sa_de_cv", r"S\.?\s?A\.?\s+DE\s+C\.?\s?V\.?"),
    ("srl_de_cv", r"S\.?\s+DE\s+R\.?\s?L\.?(\s+DE\s+C\.?\s?V\.?)?"),
    ("llc", r"LIMITED\s+LIABILITY\s+COMPANY|L\.\s?L\.\s?C\.?|LLC\.?"),
    ("fz", r"FZ[-\s]?LLC|FZCO|FZC|F\.?Z\.?E\.?|DMCC"),
    ("gmbh", r"GMBH(\s*&\s*CO\.?\s*KG)?|G\.M\.B\.H\.?"),
    ("tr_ltd", r"LTD\.?\s*[SŞ]T[Iİ]\.?|LIMITED\s+[SŞ][Iİ]RKET[Iİ]"),
    ("tr_as", r"A\.[SŞ]\.?|ANON[Iİ]M\s+[SŞ][Iİ]RKET[Iİ]"),
    ("ltda", r"LTDA\.?|LIMITADA"),
    ("sas", r"S\.A\.S\.?"),
    ("sarl", r"S\.?A\.?R\.?L\.?"),
    ("sal", r"S\.A\.L\.?|SAL"),
    ("sa", r"S\.\s?A\.?|SOCIEDAD\s+AN[OÓ]NIMA"),
    ("plc", r"P\.?L\.?C\.?|PUBLIC\s+LIMITED\s+COMPANY"),
    ("inc", r"INC\.?|INCORPORATED"),
    ("corp", r"CORP\.?|CORPORATION"),
    ("pjsc", r"PJSC|PUBLIC\s+JOINT[-\s]STOCK\s+COMPANY"),
    ("ojsc", r"OJSC|OPEN\s+JOINT[-\s]STOCK\s+COMPANY"),
    ("cjsc", r"CJSC|CLOSED\s+JOINT[-\s]STOCK\s+COMPANY"),
    ("jsc", r"JSC|J\.S\.C\.?|JOINT[-\s]STOCK\s+COMPANY"),
    ("ltd", r"LTD\.?|LIMITED"),
    ("bv", r"B\.?V\.?"),
    ("ag", r"AG"),
    ("eood", r"E?OOD"),
    ("doo", r"D\.?O\.?O\.?"),
    ("co", r"CO\.?|COMPANY"),
]
LEGAL_PREFIXES = [
    ("llc_ru", r"OBSHCHESTVO\s+S\s+OGRANICHENNO[IY]\s+OTVETSTVENNOSTYU"),
    ("llc_ru", r"LIMITED\s+LIABILITY\s+COMPANY"),
    ("pjsc", r"PUBLICHNOE\s+AKTSIONERNOE\s+OBSHCHESTVO|PUBLIC\s+JOINT[-\s]STOCK\s+COMPANY"),
    ("ojsc", r"OTKRYTOE\s+AKTSIONERNOE\s+OBSHCHESTVO|OPEN\s+JOINT[-\s]STOCK\s+COMPANY"),
    ("cjsc", r"ZAKRYTOE\s+AKTSIONERNOE\s+OBSHCHESTVO|CLOSED\s+JOINT[-\s]STOCK\s+COMPANY"),
    ("jsc_ru", r"AKTSIONERNOE\s+OBSHCHESTVO|JOINT[-\s]STOCK\s+COMPANY"),
    ("pjsc", r"PJSC|PAO"),
    ("ojsc", r"OJSC|OAO"),
    ("cjsc", r"CJSC|ZAO"),
    ("jsc_ru", r"JSC|AO"),
    ("llc_ru", r"OOO|LLC|TOV"),
]
LEGAL_SPELLINGS = {
    "co_ltd": [
        "Co., Ltd.",
        "Co. Ltd.",
        "Co Ltd",
        "CO.,LTD",
        "Co.,Ltd.",
        "Company Limited",
        "Co., Limited",
        "Co. Ltd",
        "Ltd.",
        "Limited",
        "Co.,Ltd",
    ],
    "pvt_ltd": [
        "Pvt Ltd",
        "Pvt. Ltd.",
        "Private Limited",
        "(P) Ltd",
        "PVT LTD",
        "(Pvt.) Ltd.",
        "Pvt. Limited",
    ],
    "pte_ltd": ["Pte Ltd", "Pte. Ltd.", "PTE LTD", "Private Limited", "Pte. Limited"],
    "sdn_bhd": ["Sdn Bhd", "Sdn. Bhd.", "SDN. BHD", "Sendirian Berhad", "SDN BHD."],
    "sa_de_cv": ["S.A. de C.V.", "SA de CV", "S.A. DE C.V.", "SA DE CV", "S.A.", "S.A. de CV"],
    "srl_de_cv": ["S. de R.L. de C.V.", "S de RL de CV", "S. DE R.L.", "S DE RL DE CV"],
    "llc": ["LLC", "L.L.C.", "Limited Liability Company", "LLC.", "L.L.C"],
    "fz": ["FZE", "F.Z.E.", "FZCO", "FZ-LLC", "FZ LLC", "FZC"],
    "gmbh": ["GmbH", "Gmbh", "G.m.b.H.", "GMBH", "Ges.m.b.H."],
    "tr_ltd": ["Ltd. Sti.", "LTD STI", "Ltd. Şti.", "Limited Sirketi", "Limited Şirketi", "Ltd.Şti."],
    "tr_as": ["A.S.", "AS", "A.Ş.", "Anonim Sirketi", "Anonim Şirketi", "A.Ş"],
    "ltda": ["Ltda", "Ltda.", "Limitada", "LTDA"],
    "sas": ["S.A.S.", "SAS", "S.A.S"],
    "sarl": ["SARL", "S.A.R.L.", "Sarl", "S.à r.l."],
    "sal": ["S.A.L.", "SAL", "s.a.l.", "S.A.L"],
    "sa": ["S.A.", "SA", "S/A", "S. A."],
    "plc": ["PLC", "P.L.C.", "Plc", "Public Limited Company"],
    "inc": ["Inc", "Inc.", "Incorporated", "INC."],
    "corp": ["Corp", "Corp.", "Corporation", "CORP."],
    "jsc": ["JSC", "J.S.C.", "Joint Stock Company", "Joint-Stock Company", "AO"],
    "pjsc": ["PJSC", "PAO", "Public JSC", "Public Joint-Stock Company", "OAO"],
    "ojsc": ["OJSC", "OAO", "Open JSC", "Open Joint-Stock Company"],
    "cjsc": ["CJSC", "ZAO", "Closed JSC", "Closed Joint-Stock Company"],
    "ltd": ["Ltd", "Ltd.", "Limited", "LTD", "Ltd"],
    "bv": ["B.V.", "BV", "B.V"],
    "ag": ["AG", "A.G."],
    "eood": ["EOOD", "EOOD", "OOD", "Ltd"],
    "doo": ["d.o.o.", "DOO", "D.O.O.", "doo"],
    "co": ["Co", "Co.", "Company", "Comp.", "CO."],
}
# Russian-style forms written before the name, as Russian ERP exports have them (with or without «»/"").
RU_PREFIX_SPELLINGS = {
    "llc_ru": ["OOO", "ООО", "LLC", "Limited Liability Company", "OOO", "TOO"],
    "jsc_ru": ["JSC", "AO", "OAO", "Joint Stock Company", "АО", "Joint-Stock Co."],
    "pjsc": ["PJSC", "PAO", "Public JSC", "OAO", "ПАО", "Public Joint-Stock Company"],
    "ojsc": ["OJSC", "OAO", "Open JSC", "JSC", "ОАО"],
    "cjsc": ["CJSC", "ZAO", "Closed JSC", "ЗАО", "JSC"],
}
DEFAULT_FORM = {
    "RU": "llc_ru",
    "BY": "llc_ru",
    "UA": "llc_ru",
    "KZ": "llc_ru",
    "IR": "co",
    "CN": "co_ltd",
    "HK": "ltd",
    "MX": "sa_de_cv",
    "GB": "ltd",
    "CY": "ltd",
    "MT": "ltd",
    "DE": "gmbh",
    "CH": "ag",
    "AT": "gmbh",
    "AE": "llc",
    "TR": "tr_ltd",
    "IN": "pvt_ltd",
    "PK": "pvt_ltd",
    "SG": "pte_ltd",
    "MY": "sdn_bhd",
    "US": "inc",
    "BR": "ltda",
    "CO": "sas",
    "LB": "sal",
    "NL": "bv",
    "VE": "sa",
    "PA": "sa",
    "BG": "eood",
    "SY": "co",
    "IQ": "co",
    "KW": "co",
    "KP": "corp",
    "MM": "co_ltd",
}

PLACES = {
    "RU": [
        "Moscow",
        "St. Petersburg",
        "Sankt-Peterburg",
        "Yekaterinburg",
        "Novosibirsk",
        "Kazan",
        "Nizhny Novgorod",
        "Samara",
        "Rostov-on-Don",
        "Krasnodar",
        "Vladivostok",
        "Murmansk",
        "Kaliningrad",
        "Tyumen",
        "Perm",
        "Ufa",
        "Chelyabinsk",
        "Omsk",
        "Moskva",
        "Voronezh",
    ],
    "IR": [
        "Tehran",
        "Isfahan",
        "Mashhad",
        "Tabriz",
        "Shiraz",
        "Bandar Abbas",
        "Qeshm",
        "Kish Island",
        "Ahvaz",
        "Karaj",
        "Bushehr",
        "Arak",
        "Teheran",
    ],
    "CN": [
        "Shanghai",
        "Shenzhen",
        "Guangzhou",
        "Ningbo",
        "Hangzhou",
        "Beijing",
        "Tianjin",
        "Qingdao",
        "Xiamen",
        "Dongguan",
        "Suzhou",
        "Urumqi",
        "Hotan",
        "Aksu",
        "Kashgar",
        "Korla",
        "Jiangsu",
        "Zhejiang",
        "Fujian",
    ],
    "MX": [
        "Guadalajara",
        "Monterrey",
        "Ciudad de Mexico",
        "CDMX",
        "Tijuana",
        "Culiacan",
        "Sinaloa",
        "Puebla",
        "Queretaro",
        "Jalisco",
        "Nuevo Laredo",
        "Manzanillo",
    ],
    "SY": ["Damascus", "Aleppo", "Latakia", "Homs", "Tartus"],
    "KW": ["Kuwait City", "Safat", "Hawalli", "Shuwaikh"],
    "KP": ["Pyongyang", "Nampo", "Sinuiju", "Rason", "Chongjin"],
    "BY": ["Minsk", "Brest", "Gomel", "Grodno", "Vitebsk", "Mogilev", "Novopolotsk"],
    "CO": ["Bogota", "Medellin", "Cali", "Barranquilla", "Cartagena", "Pereira"],
    "UA": ["Kyiv", "Kiev", "Kharkiv", "Odesa", "Dnipro", "Sevastopol", "Simferopol", "Yalta"],
    "PK": ["Karachi", "Lahore", "Islamabad", "Peshawar", "Faisalabad", "Rawalpindi"],
    "TR": ["Istanbul", "Ankara", "Izmir", "Mersin", "Gaziantep", "Bursa", "Antalya"],
    "LB": ["Beirut", "Tripoli", "Sidon", "Tyre"],
    "AE": ["Dubai", "Jebel Ali", "Sharjah", "Abu Dhabi", "Ajman", "Ras Al Khaimah", "Deira", "JAFZA"],
    "IQ": ["Baghdad", "Basra", "Erbil", "Mosul", "Sulaymaniyah"],
    "MM": ["Yangon", "Rangoon", "Mandalay", "Naypyidaw"],
    "US": ["New York", "Miami", "Houston", "Los Angeles", "Chicago", "Newark", "Dallas"],
    "VE": ["Caracas", "Maracaibo", "Valencia", "Puerto La Cruz"],
    "PA": ["Panama City", "Colon", "Ciudad de Panama"],
    "CD": ["Kinshasa", "Goma", "Lubumbashi", "Bukavu"],
    "GB": ["London", "Manchester", "Birmingham", "Glasgow", "Leeds"],
    "BA": ["Sarajevo", "Banja Luka", "Mostar"],
    "BG": ["Sofia", "Plovdiv", "Varna", "Burgas"],
    "DE": ["Hamburg", "Berlin", "Munich", "Muenchen", "Frankfurt", "Duesseldorf", "Bremen"],
    "ZW": ["Harare", "Bulawayo", "Mutare"],
    "CY": ["Nicosia", "Limassol", "Larnaca", "Lefkosia"],
    "HK": ["Kowloon", "Wan Chai", "Tsim Sha Tsui", "Kwun Tong", "Hong Kong"],
    "SG": ["Singapore", "Jurong", "Tuas"],
    "CH": ["Geneva", "Zurich", "Zug", "Lugano", "Basel"],
    "NI": ["Managua", "Leon", "Granada"],
    "EG": ["Cairo", "Alexandria", "Port Said", "Giza"],
    "MY": ["Kuala Lumpur", "Penang", "Johor Bahru", "Klang", "Selangor", "Shah Alam"],
    "MZ": ["Maputo", "Beira", "Nampula"],
    "IN": ["Mumbai", "New Delhi", "Chennai", "Kolkata", "Ahmedabad", "Bengaluru", "Gurugram"],
    "MT": ["Valletta", "Sliema", "Birkirkara"],
    "NL": ["Rotterdam", "Amsterdam", "The Hague"],
    "LY": ["Tripoli", "Benghazi", "Misrata"],
    "JE": ["St Helier"],
    "AF": ["Kabul", "Kandahar", "Herat", "Jalalabad"],
    "JO": ["Amman", "Aqaba", "Zarqa"],
    "GM": ["Banjul", "Serekunda"],
    "VG": ["Road Town", "Tortola"],
    "YE": ["Sanaa", "Aden", "Hodeidah"],
    "SD": ["Khartoum", "Port Sudan", "Omdurman"],
    "TH": ["Bangkok", "Chonburi", "Laem Chabang"],
    "AZ": ["Baku", "Ganja", "Sumgait"],
    "RS": ["Belgrade", "Novi Sad"],
    "ZA": ["Johannesburg", "Cape Town", "Durban"],
    "NP": ["Kathmandu", "Lalitpur", "Bhaktapur"],
    "PE": ["Lima", "Callao", "Arequipa"],
    "GR": ["Athens", "Piraeus", "Thessaloniki"],
    "TW": ["Taipei", "Kaohsiung", "Taichung"],
    "KR": ["Seoul", "Busan", "Incheon"],
    "BR": ["Sao Paulo", "Santos", "Rio de Janeiro", "Curitiba"],
    "KZ": ["Almaty", "Astana", "Shymkent"],
    "UZ": ["Tashkent", "Samarkand"],
    "KG": ["Bishkek", "Osh"],
    "AM": ["Yerevan"],
    "GE": ["Tbilisi", "Batumi"],
    "LV": ["Riga"],
    "LT": ["Vilnius", "Klaipeda"],
    "EE": ["Tallinn"],
    "IT": ["Milan", "Rome", "Genoa"],
    "ES": ["Madrid", "Barcelona"],
    "FR": ["Paris", "Marseille"],
    "BE": ["Antwerp", "Brussels"],
    "AT": ["Vienna", "Linz"],
    "CZ": ["Prague"],
    "PL": ["Warsaw", "Gdansk"],
    "SA": ["Riyadh", "Jeddah", "Dammam"],
    "QA": ["Doha"],
    "OM": ["Muscat", "Sohar"],
    "NG": ["Lagos", "Abuja", "Kano"],
    "KE": ["Nairobi", "Mombasa"],
    "SS": ["Juba"],
    "CF": ["Bangui"],
    "EC": ["Guayaquil", "Quito"],
    "AR": ["Buenos Aires"],
    "GT": ["Guatemala City"],
    "HN": ["Tegucigalpa", "San Pedro Sula"],
    "CU": ["Havana"],
    "CA": ["Toronto", "Vancouver"],
    "ID": ["Jakarta", "Surabaya"],
    "VN": ["Hanoi", "Ho Chi Minh City", "Haiphong"],
    "BD": ["Dhaka", "Chittagong"],
    "LK": ["Colombo"],
    "MU": ["Port Louis"],
    "FJ": ["Suva"],
    "MD": ["Chisinau"],
    "TJ": ["Dushanbe"],
    "SO": ["Mogadishu"],
    "ML": ["Bamako"],
    "SL": ["Freetown"],
    "MV": ["Male"],
    "BH": ["Manama"],
    "IL": ["Tel Aviv", "Haifa"],
}
CN_PROVINCES = [
    "Xinjiang",
    "Gansu",
    "Shandong",
    "Hubei",
    "Fujian",
    "Inner Mongolia",
    "Qinghai",
    "Sichuan",
    "Hebei",
    "Henan",
    "Guangdong",
    "Jiangxi",
    "Hunan",
    "Anhui",
    "Liaoning",
    "Jilin",
    "Heilongjiang",
    "Shaanxi",
    "Shanxi",
    "Yunnan",
    "Guizhou",
    "Guangxi",
    "Ningxia",
    "Hainan",
    "Zhejiang",
    "Jiangsu",
]
# Where offices of companies from a country are often registered abroad (the supplier record then carries
# the branch's country).
FOREIGN_HUBS = {
    "IR": [("Dubai", "AE"), ("Istanbul", "TR"), ("Kuala Lumpur", "MY")],
    "RU": [("Minsk", "BY"), ("Dubai", "AE"), ("Limassol", "CY"), ("Hong Kong", "HK")],
    "BY": [("Moscow", "RU")],
    "CN": [("Hong Kong", "HK"), ("Singapore", "SG")],
    "SY": [("Beirut", "LB"), ("Dubai", "AE")],
    "KP": [("Dandong", "CN"), ("Vladivostok", "RU")],
    "LB": [("Dubai", "AE")],
    "IQ": [("Amman", "JO"), ("Istanbul", "TR")],
    "VE": [("Panama City", "PA")],
    "MX": [("Houston", "US")],
}

LANGUAGE = {}
for _cc in "RU BY KZ KG UZ TJ AM AZ MD GE".split():
    LANGUAGE[_cc] = "ru"
LANGUAGE["UA"] = "uk"
for _cc in "DE AT CH LI".split():
    LANGUAGE[_cc] = "de"
for _cc in "MX CO VE PA NI PE ES EC AR CL BO GT HN SV CR DO CU PY UY".split():
    LANGUAGE[_cc] = "es"
for _cc in "BR MZ AO PT".split():
    LANGUAGE[_cc] = "pt"
for _cc in "CD FR BE LU CF ML CI SN DZ MA TN".split():
    LANGUAGE[_cc] = "fr"
LANGUAGE["TR"] = "tr"
LANGUAGE["IT"] = "it"
LANGUAGE["CN"] = "zh"

BRANCH_TEMPLATES = {
    "en": [
        "{n}, {c} Branch",
        "{n} - {c} Branch",
        "{n} {c} Branch",
        "{n} ({c} Branch)",
        "{n} Branch Office {c}",
        "{n} Representative Office",
        "{n} Rep. Office {c}",
        "{n} Liaison Office",
        "{n}, {c}",
        "{n} - {c}",
        "{n} Branch",
        "{n} Regional Office {c}",
    ],
    "ru": [
        "{n}, {c}",
        "{n} Filial {c}",
        "{n} Filial v g. {c}",
        "Filial {n} v g. {c}",
        "{n} Predstavitelstvo",
        "{n} {c} Branch",
        "{n} Branch in {c}",
        "Filial {n}",
        "{n} (filial {c})",
        "{n} Representative Office",
    ],
    "uk": ["{n}, {c}", "{n} Filiya {c}", "{n} Filial {c}", "{n} {c} Branch", "{n} Predstavnytstvo"],
    "de": [
        "{n} Filiale {c}",
        "{n} Zweigniederlassung {c}",
        "{n} Niederlassung {c}",
        "{n}, Zweigniederlassung {c}",
        "{n} Filiale",
        "{n}, {c}",
    ],
    "es": [
        "{n} Sucursal {c}",
        "{n}, Sucursal {c}",
        "{n} Sucursal",
        "{n} Oficina de Representacion",
        "{n} Suc. {c}",
        "{n} Sucursal en {c}",
        "{n}, {c}",
    ],
    "pt": ["{n} Filial {c}", "{n} Sucursal {c}", "{n} - Filial {c}", "{n} Escritorio de Representacao"],
    "fr": [
        "{n} Succursale {c}",
        "{n} Succursale de {c}",
        "{n} Bureau de Liaison",
        "{n} Agence {c}",
        "{n}, {c}",
    ],
    "tr": ["{n} {c} Şubesi", "{n} {c} Subesi", "{n} Şube", "{n} Irtibat Burosu", "{n} {c} Branch"],
    "it": ["{n} Filiale di {c}", "{n} Sede Secondaria", "{n} Filiale {c}"],
    "zh": [
        "{n} {c} Branch",
        "{n} {c} Branch Office",
        "{n} Branch Company",
        "{n} ({c}) Branch",
        "{n} {c} Fen Gong Si",
        "{n} Representative Office",
    ],
}

ABBREVIATIONS = [
    (r"IMPORT\s+(?:AND|&)\s+EXPORT", ["Imp & Exp", "I/E", "Imp. & Exp."]),
    (r"RESEARCH\s+AND\s+PRODUCTION", ["R&P", "Res. & Prod."]),
    (r"NAUCHNO[-\s]PROIZVODSTVENNOE\s+PREDPRIYATIE", ["NPP"]),
    (r"NAUCHNO[-\s]PROIZVODSTVENNOE\s+OBEDINENIE", ["NPO"]),
    (r"TORGOVYI\s+DOM", ["TD"]),
    (r"FEDERALNOE\s+GOSUDARSTVENNOE\s+UNITARNOE\s+PREDPRIYATIE", ["FGUP"]),
    (r"FEDERAL\s+STATE\s+UNITARY\s+ENTERPRISE", ["FSUE"]),
    (r"INTERNATIONAL", ["Intl", "Int'l", "Intl."]),
    (r"COMPANY", ["Co", "Co."]),
    (r"CORPORATION", ["Corp", "Corp."]),
    (r"INDUSTRIES", ["Inds", "Ind.", "Inds."]),
    (r"INDUSTRIAL", ["Indl", "Ind."]),
    (r"INDUSTRY", ["Ind", "Ind."]),
    (r"TECHNOLOGY", ["Tech", "Techn."]),
    (r"TECHNOLOGIES", ["Tech", "Techs"]),
    (r"MANUFACTURING", ["Mfg", "Mfg."]),
    (r"TRADING", ["Trdg", "Trdg."]),
    (r"GROUP", ["Grp", "Grp."]),
    (r"ENTERPRISES?", ["Ent", "Ents", "Enterp."]),
    (r"ENGINEERING", ["Engg", "Eng."]),
    (r"DEVELOPMENT", ["Dev", "Devt", "Dev."]),
    (r"INVESTMENTS?", ["Inv", "Invest."]),
    (r"SERVICES", ["Svcs", "Servs", "Serv."]),
    (r"MANAGEMENT", ["Mgmt", "Mgt"]),
    (r"ASSOCIATION", ["Assn", "Assoc."]),
    (r"BROTHERS", ["Bros", "Bros."]),
    (r"HOLDINGS", ["Hldgs", "Hldg"]),
    (r"HOLDING", ["Hldg", "Hold."]),
    (r"CONSTRUCTION", ["Constr", "Const."]),
    (r"ELECTRONICS", ["Elec", "Electr."]),
    (r"EQUIPMENT", ["Eqpt", "Equip."]),
    (r"PETROLEUM", ["Petr", "Petrol."]),
    (r"PETROCHEMICALS?", ["Petrochem", "Petchem"]),
    (r"CHEMICALS", ["Chem", "Chems"]),
    (r"CHEMICAL", ["Chem", "Chem."]),
    (r"PHARMACEUTICALS?", ["Pharma", "Pharm."]),
    (r"SHIPPING", ["Shpg", "Shipg"]),
    (r"MARKETING", ["Mktg", "Mkt."]),
    (r"NATIONAL", ["Natl", "Nat'l"]),
    (r"FOUNDATION", ["Fdn", "Found."]),
    (r"INSTITUTE", ["Inst", "Inst."]),
    (r"RESEARCH", ["Res", "Rsch"]),
    (r"PRODUCTS", ["Prods", "Prod."]),
    (r"PRODUCTION", ["Prodn", "Prod."]),
    (r"MACHINERY", ["Mach", "Mchy"]),
    (r"TRANSPORTATION", ["Transp", "Transp."]),
    (r"COMMERCIAL", ["Comml", "Coml"]),
    (r"AGRICULTURAL", ["Agri", "Agric."]),
    (r"MATERIALS", ["Matls", "Mat."]),
    (r"DEPARTMENT", ["Dept", "Dept."]),
    (r"CENT(?:ER|RE)", ["Ctr", "Cntr"]),
    (r"DISTRIBUTION", ["Distr", "Dist."]),
    (r"SYSTEMS", ["Sys", "Syst."]),
    (r"COMMUNICATIONS?", ["Comms", "Comm."]),
    (r"INFORMATION", ["Info", "Inf."]),
    (r"LOGISTICS", ["Log.", "Logist."]),
    (r"EXPORT", ["Exp", "Exp."]),
    (r"IMPORT", ["Imp", "Imp."]),
    (r"GENERAL", ["Gen", "Genl"]),
    (r"ESTABLISHMENT", ["Est", "Est."]),
    (r"INSURANCE", ["Ins", "Ins."]),
]

DOTTABLE = {"LLC", "JSC", "FZE", "PLC", "SA", "BV", "AG", "OOO", "PJSC", "OJSC", "CJSC", "SAL", "SAS", "NV"}

KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def _keyboard_neighbours() -> dict[str, str]:
    pos = {ch: (r, c) for r, row in enumerate(KEYBOARD_ROWS) for c, ch in enumerate(row)}
    out = {}
    for ch, (r, c) in pos.items():
        near = [o for o, (r2, c2) in pos.items() if o != ch and abs(r2 - r) <= 1 and abs(c2 - c) <= 1]
        out[ch] = "".join(near)
    return out


NEIGHBOURS = _keyboard_neighbours()

# Translit-like respellings by script of origin: (regex, replacement). One or two are applied.
TRANSLIT = {
    "ru": [
        (r"SHCH", "SCH"),
        (r"SHCH", "SHH"),
        (r"KH", "H"),
        (r"YA", "IA"),
        (r"YU", "IU"),
        (r"IY\b", "II"),
        (r"YY\b", "YI"),
        (r"AYA\b", "AIA"),
        (r"ZH", "J"),
        (r"TS", "C"),
        (r"YE", "E"),
        (r"OYE\b", "OE"),
        (r"\bE", "YE"),
        (r"SKIY\b", "SKY"),
        (r"KS", "X"),
        (r"Y\b", "I"),
        (r"V\b", "FF"),
    ],
    "ar": [
        (r"\bAL-", "AL "),
        (r"\bAL-", "EL-"),
        (r"\bAL ", "AL-"),
        (r"OU", "U"),
        (r"EE", "I"),
        (r"Q", "K"),
        (r"KH", "H"),
        (r"IYA", "IA"),
        (r"MOHAMMAD", "MUHAMMAD"),
        (r"EH\b", "E"),
        (r"OO", "U"),
        (r"\bE", "I"),
        (r"AA", "A"),
        (r"Y\b", "I"),
        (r"-E ", " "),
        (r"SH", "CH"),
    ],
    "zh": [
        (r"XI", "HSI"),
        (r"ZH", "CH"),
        (r"QI", "CHI"),
        (r"IANG", "YANG"),
        (r"CHUAN", "CHWAN"),
        (r"\bG", "K"),
        (r"\bD", "T"),
        (r"UO", "O"),
    ],
    "es": [
        (r"Ñ", "N"),
        (r"CIA\b", "CIA."),
        (r"\bY\b", "&"),
        (r"C\.? ?V\.?", "CV"),
        (r"\bDE LOS\b", "D LOS"),
        (r"LL", "Y"),
    ],
}
TRANSLIT_SCRIPT = {cc: "ru" for cc in "RU BY UA KZ KG UZ TJ AM AZ MD GE BG RS BA".split()}
TRANSLIT_SCRIPT.update({cc: "ar" for cc in "IR IQ SY LB KW AE SA QA OM YE JO EG LY SD AF PK PS BH".split()})
TRANSLIT_SCRIPT.update({"CN": "zh", "HK": "zh", "TW": "zh"})
TRANSLIT_SCRIPT.update({cc: "es" for cc in "MX CO VE PA NI PE EC AR CL BO GT HN SV CR DO CU".split()})

PINYIN_INITIALS = "b p m f d t n l g k h j q x zh ch sh r z c s y w".split()
PINYIN_FINALS = (
    "a o e ai ei ao ou an en ang eng ong i ia ie iao iu ian in iang ing iong u ua uo uai ui uan un uang "
    "ueng ue v er"
).split()
PINYIN_SYLLABLES = {i + f for i in PINYIN_INITIALS for f in PINYIN_FINALS} | set(PINYIN_FINALS)

# Pools for the negative sets.
PINYIN_BRAND = (
    "Fa Sheng Xin Hua Da Tai Long Feng Mei Jia Rui Yuan Kang Tian Cheng Xiang Bao Heng Wei Jin Ming Yong "
    "Run Sen Hao Chang De Guang Lian Hong Sheng Kai Tong Yi Zhi Qiang Shun"
).split()
RU_PARTS_A = (
    "Ural Sibir Volga Neva Kama Oka Amur Baikal Don Kuban Sever Yug Vostok Zapad Tula Altai Ladoga".split()
)
RU_PARTS_B = "prom snab stroi trans tekh servis energo metall les agro torg khim mash neft".split()
RU_WORDS = (
    "Almaz Zarya Rassvet Kristall Signal Impuls Granit Yantar Aurora Vympel Berkut Sokol Orbita Raduga "
    "Medved Lotos Zenit Istok Kedr Taiga Polyus Dobrynya Sadko Vityaz Omega Kvant Alyans Kapital"
).split()
FA_WORDS = (
    "Arman Behsaz Kavir Tavana Rahavard Payam Setareh Noavaran Farzin Sahand Zagros Damavand Nikan Pouya "
    "Ravan Shayan Tirdad Yekta Golrang Parsian Sepid Bahar Negin Rastak Avid Hamoon Taban Kaveh Mahan"
).split()
AR_WORDS = (
    "Rawabi Safwa Waha Manar Hilal Yasmin Sanabel Bayan Diyar Nakheel Marwa Salam Fajr Jazira Thuraya "
    "Wafra Bustan Shorouk Rimal Andalus"
).split()
ES_WORDS = (
    "Montoya Arriaga Villalobos Cordero Solana Estrella Olmeda Mirador Cumbre Horizonte Alameda Sierra "
    "Robles Cardenas Quintero Palmares Vallejo Serrano Galeana Encinas"
).split()
EN_WORDS = (
    "Northgate Bluewater Silverline Redwood Ironbridge Brightstar Oakfield Kingsway Harbourside Greenfield "
    "Westbrook Crestview Sterling Hawthorne Riverside Lakeshore Fairmont Ashford Beacon Meridian Larkspur "
    "Copperfield Whitehaven Stonebridge Bramley Thornbury Eastwood Highmoor Saltmarsh Kestrel Juniper "
    "Wexford Halcyon Marlowe Pinecrest Tideway Foxglove Cobalt Granby Elmstead"
).split()
KO_WORDS = (
    "Sinhung Taedong Ryongsong Kumsong Unha Songchon Ponghwa Samil Hyangsan Ryonghwa Sobaek Chilbo".split()
)
TR_WORDS = "Akdeniz Karadeniz Yesilvadi Gunes Erdem Ozgur Toros Kartal Ipek Yildirim Marmaris Korfez".split()
DE_WORDS = "Nordlicht Lindenhof Rheintal Bergmann Sonnenfeld Eichwald Falkenberg Weidenau Brunnhof".split()


# ---------------------------------------------------------------------------------------------------------
# Text helpers


def fold(text: str) -> str:
    """Upper-case ASCII fold used only for comparing names (never for writing queries)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    cyr = str.maketrans("АВЕКМНОРСТХОаеорсху", "ABEKMHOPCTXOaeopcxy")
    return text.translate(cyr).upper()


LEGAL_TOKENS = set(
    """CO LTD LIMITED LLC INC INCORPORATED CORP CORPORATION COMPANY PLC JSC OJSC CJSC PJSC AO OAO ZAO PAO OOO TOO
    TOV GMBH AG KG SA DE CV RL SRL SAS SARL SAL LTDA PVT PRIVATE PTE SDN BHD FZE FZCO FZC DMCC BV NV EOOD OOD
    DOO STI AS SIRKETI ANONIM JOINT STOCK LIABILITY PUBLIC OPEN CLOSED OBSHCHESTVO AKTSIONERNOE OGRANICHENNOI
    OGRANICHENNOY OTVETSTVENNOSTYU S L C E P THE OF AND Y""".split()
)


def name_key(text: str) -> frozenset[str]:
    toks = re.findall(r"[A-Z0-9]+", fold(text).replace("&", " AND "))
    return frozenset(t for t in toks if t not in LEGAL_TOKENS)


def style_like(word: str, like: str) -> str:
    """Spell `word` in the case style of `like` (UPPER, lower or Title)."""
    letters = [c for c in like if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return word.upper()
    if letters and all(c.islower() for c in letters):
        return word.lower()
    return word[:1].upper() + word[1:].lower() if word.isupper() else word


def smart_title(text: str) -> str:
    keep_upper = {
        "LLC",
        "JSC",
        "OJSC",
        "CJSC",
        "PJSC",
        "OOO",
        "ООО",
        "AO",
        "OAO",
        "ZAO",
        "PAO",
        "FZE",
        "FZCO",
        "PLC",
        "AG",
        "GMBH",
        "BV",
        "SA",
        "SAL",
        "SAS",
        "USA",
        "UAE",
        "UK",
        "TOO",
        "TOV",
        "NPP",
        "NPO",
    }

    def one(word: str) -> str:
        core = re.sub(r"[^\w]", "", word).upper()
        if core in keep_upper or (len(core) <= 3 and not re.search(r"[AEIOUY]", core)):
            return word.upper() if core != "GMBH" else word.replace("GMBH", "GmbH")
        out = []
        start = True
        for ch in word.lower():
            out.append(ch.upper() if start and ch.isalpha() else ch)
            start = not ch.isalpha() and ch not in "'’"
        return "".join(out)

    return " ".join(one(w) for w in text.split(" "))


def apply_style(text: str, style: str) -> str:
    if style == "upper":
        return text.upper()
    if style == "lower":
        return text.lower()
    if style == "title":
        return smart_title(text)
    return text


# ---------------------------------------------------------------------------------------------------------
# Legal form parsing


class Parsed:
    """A name cut into an optional legal form before it, the core words, and an optional legal form after."""

    def __init__(self, name: str):
        self.name = name
        self.prefix, self.prefix_class = "", ""
        self.suffix, self.suffix_class = "", ""
        core = name.strip()
        for cls, pat in LEGAL_PREFIXES:
            m = re.match(rf"^({pat})(?=[\s«\"])\s*", core, flags=re.I)
            if m and len(core) > m.end() + 2:
                self.prefix, self.prefix_class = m.group(1), cls
                core = core[m.end() :]
                break
        for cls, pat in LEGAL_SUFFIXES:
            m = re.search(rf"(?:,\s*|\s+)({pat})$", core, flags=re.I)
            if m and m.start() > 2:
                self.suffix, self.suffix_class = m.group(1), cls
                core = core[: m.start()]
                break
        self.core = core.strip(' ,"«»')

    def has_legal(self) -> bool:
        return bool(self.prefix or self.suffix)

    def core_words(self) -> list[str]:
        return self.core.split()

    def rebuild(self, core: str | None = None, prefix: str | None = None, suffix: str | None = None) -> str:
        core = self.core if core is None else core
        prefix = self.prefix if prefix is None else prefix
        suffix = self.suffix if suffix is None else suffix
        out = core
        if prefix:
            out = f"{prefix} {out}"
        if suffix:
            sep = ", " if re.search(r",\s*" + re.escape(self.suffix) + "$", self.name) and suffix else " "
            out = f"{out}{sep}{suffix}"
        return out


# ---------------------------------------------------------------------------------------------------------
# Data loading


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load_list_names() -> list[tuple[str, str]]:
    """(entity id, name) for every name and alias on the bundled lists, all types (people too)."""
    out = []
    for row in read_csv(LISTS / "ofac_sdn.csv"):
        out.append((f"ofac-sdn:{row['ent_num']}", row["sdn_name"]))
    for row in read_csv(LISTS / "ofac_alt.csv"):
        out.append((f"ofac-sdn:{row['ent_num']}", row["alt_name"]))
    for row in read_csv(LISTS / "uflpa_entity_list.csv"):
        eid = f"uflpa:{row['entity_key']}"
        for field in ("entity_name", "name_as_listed"):
            out.append((eid, row[field]))
        for field in ("aliases", "former_names"):
            out.extend((eid, a.strip()) for a in row[field].split(";") if a.strip())
    for row in read_csv(LISTS / "cbp_wro_findings.csv"):
        out.append(("cbp-wro", row["entity"]))
        out.extend(("cbp-wro", a.strip()) for a in row["aliases"].split(";") if a.strip())
    return [(e, n) for e, n in out if n]


def ofac_types_and_cities() -> tuple[dict[str, str], dict[str, str]]:
    types = {r["ent_num"]: r["sdn_type"] for r in read_csv(LISTS / "ofac_sdn.csv")}
    cities: dict[str, str] = {}
    for row in read_csv(LISTS / "ofac_add.csv"):
        if row["ent_num"] in cities:
            continue
        first = row["city_state_province_postal"].split(",")[0]
        words = [w for w in first.split() if not re.search(r"\d", w) and not re.fullmatch(r"[A-Z.]{1,3}", w)]
        city = " ".join(words).strip(" .-")
        if 3 <= len(city) <= 20 and re.fullmatch(r"[A-Za-z .'-]+", city):
            cities[row["ent_num"]] = city
    return types, cities


class ListIndex:
    """Every listed name as a token key, to keep negatives off the lists and positives off other entities."""

    def __init__(self, names: list[tuple[str, str]]):
        self.keys: list[tuple[str, frozenset[str]]] = []
        self.by_token: dict[str, list[int]] = defaultdict(list)
        self.df: Counter[str] = Counter()
        for eid, name in names:
            key = name_key(name)
            if not key:
                continue
            idx = len(self.keys)
            self.keys.append((eid, key))
            for tok in key:
                self.by_token[tok].append(idx)
                self.df[tok] += 1

    def related(self, key: frozenset[str]) -> set[int]:
        out: set[int] = set()
        for tok in key:
            out.update(self.by_token.get(tok, ()))
        return out

    def clean_negative(self, text: str, strict: bool) -> bool:
        """No listed name is contained in the query; strict: nor is the query close to any listed name."""
        key = name_key(text)
        if len(key) == 0:
            return False
        for idx in self.related(key):
            _, lkey = self.keys[idx]
            if lkey <= key or lkey == key:
                return False
            if strict and (key <= lkey or len(key & lkey) / len(key | lkey) >= 0.5):
                return False
        return True

    def other_entity_same_key(self, text: str, own_ids: set[str]) -> bool:
        key = name_key(text)
        return any(self.keys[i][1] == key and self.keys[i][0] not in own_ids for i in self.related(key))


# ---------------------------------------------------------------------------------------------------------
# Damages. Each returns (new_text, [tags]) or None when it does not apply to this name.


def dmg_place(rng: random.Random, name: str, ent: dict) -> tuple[str, list[str]] | None:
    choices = list(PLACES.get(ent["country"], []))
    if ent.get("city") and ent["city"].lower() not in {c.lower() for c in choices}:
        choices += [ent["city"]] * 3
    choices = [c for c in choices if c.lower() not in name.lower()]
    if not choices:
        return None
    place = rng.choice(choices)
    if rng.random() < 0.6:
        place = style_like(place, name)
    p = Parsed(name)
    form = rng.choice(["prefix", "prefix", "paren", "dash", "comma", "before_legal"])
    if ent["country"] in {"CN", "HK", "TW"} and rng.random() < 0.5:
        form = rng.choice(["prefix", "before_legal"])
    if form == "before_legal" and not p.suffix:
        form = "paren"
    if form == "prefix" and p.prefix:
        out = p.rebuild(core=f"{place} {p.core}")
    elif form == "prefix":
        out = f"{place} {name}"
    elif form == "paren":
        out = f"{name} ({place})"
    elif form == "dash":
        out = f"{name} - {place}"
    elif form == "comma":
        out = f"{name}, {place}"
    else:
        out = p.rebuild(core=f"{p.core} ({place})" if rng.random() < 0.5 else f"{p.core} {place}")
    return out, [f"place:{form}:{place}"]


def dmg_branch(rng: random.Random, name: str, ent: dict) -> tuple[str, list[str]] | None:
    cc = ent["country"]
    lang = LANGUAGE.get(cc, "en")
    cities = list(PLACES.get(cc, [])) + ([ent["city"]] if ent.get("city") else [])
    tags = []
    if cc in FOREIGN_HUBS and rng.random() < 0.2:
        city, new_cc = rng.choice(FOREIGN_HUBS[cc])
        ent["query_country"] = new_cc
        lang = "en" if LANGUAGE.get(new_cc) not in {"ru", "tr"} else LANGUAGE[new_cc]
        tags.append(f"country:{new_cc}")
    elif cities:
        city = rng.choice(cities)
    else:
        return None
    templates = BRANCH_TEMPLATES[lang]
    if city.lower() in name.lower():
        templates = [t for t in templates if "{c}" not in t]
    tpl = rng.choice(templates)
    out = tpl.format(n=name, c=city)
    if rng.random() < 0.6:
        out = name + style_like(out[len(name) :], name) if out.startswith(name) else style_like(out, name)
    return out, [f"branch:{lang}:{tpl.replace('{n}', 'N').replace('{c}', 'C')}", *tags]


def dmg_truncation(
    rng: random.Random, name: str, ent: dict, index: ListIndex | None = None
) -> tuple[str, list[str]] | None:
    cuts = [c for c in (30, 35, 40) if len(name) > c + 2]
    if len(name) <= 35 or not cuts:
        return None
    cut = rng.choice(cuts)
    out = name.upper()[:cut]
    whole = name_key(out.rsplit(" ", 1)[0]) if not name[cut : cut + 1].isspace() else name_key(out)
    if index is not None and not any(
        len(t) >= 4 and index.df.get(t, 0) <= 20 and t not in BUSINESS_WORDS for t in whole
    ):
        return None  # nothing the officer could recognise survives the cut
    if rng.random() < 0.5:
        out = out.rstrip(" ,.-(")
    return out, [f"truncate:{cut}", "upper"]


def _one_typo(rng: random.Random, word: str) -> tuple[str, str] | None:
    letters = [i for i, ch in enumerate(word) if ch.isalpha()]
    if len(letters) < 3:
        return None
    inner = [i for i in letters if i > 0] if rng.random() < 0.85 else letters
    i = rng.choice(inner)
    op = rng.choice(["neighbour", "drop", "double", "swap"])
    ch = word[i]
    if op == "neighbour" and ch.lower() in NEIGHBOURS:
        new = rng.choice(NEIGHBOURS[ch.lower()])
        new = new.upper() if ch.isupper() else new
        out = word[:i] + new + word[i + 1 :]
    elif op == "drop":
        out = word[:i] + word[i + 1 :]
    elif op == "double":
        out = word[: i + 1] + ch + word[i + 1 :]
    else:
        j = i + 1 if i + 1 < len(word) and word[i + 1].isalpha() else i - 1
        if j < 0 or not word[j].isalpha() or word[j].lower() == ch.lower():
            return None
        a, b = sorted((i, j))
        out = word[:a] + word[b] + word[a] + word[b + 1 :]
        op = "swap"
    if out == word:
        return None
    return out, op


def _rarest_word_index(words: list[str], index: ListIndex) -> int | None:
    best, best_df = None, None
    for i, w in enumerate(words):
        k = fold(re.sub(r"[^\w]", "", w))
        if len(k) < 4 or k in LEGAL_TOKENS or k in BUSINESS_WORDS:
            continue
        df = index.df.get(k, 0)
        if best_df is None or df < best_df:
            best, best_df = i, df
    return best


def typos(rng: random.Random, name: str, n: int, index: ListIndex) -> tuple[str, list[str]] | None:
    words = name.split(" ")
    tags = []
    rare = _rarest_word_index(words, index)
    for k in range(n):
        candidates = [i for i, w in enumerate(words) if sum(c.isalpha() for c in w) >= 4]
        if not candidates:
            return None
        i = rare if (k == 0 and rare is not None and rng.random() < 0.75) else rng.choice(candidates)
        res = None
        for _ in range(6):
            res = _one_typo(rng, words[i])
            if res:
                break
        if not res:
            return None
        words[i], op = res
        tags.append(f"typo:{op}")
    out = " ".join(words)
    if fold(out) == fold(name):
        return None
    return out, tags


def dmg_legal_form(rng: random.Random, name: str, ent: dict) -> tuple[str, list[str]] | None:
    p = Parsed(name)
    cc = ent["country"]
    if p.prefix_class:
        cls = p.prefix_class
        spellings = RU_PREFIX_SPELLINGS[cls]
        if cls == "llc_ru" and LANGUAGE.get(cc) not in {"ru", "uk"}:
            spellings = LEGAL_SPELLINGS["llc"]
        options = [s for s in spellings if fold(s) != fold(p.prefix)]
        move = rng.random()
        spelling = rng.choice(options)
        if move < 0.2:
            return p.rebuild(prefix=""), ["legal:drop"]
        if move < 0.45:
            return f"{p.core} {spelling}", [f"legal:prefix_to_suffix:{spelling}"]
        if move < 0.6:
            q = rng.choice(['"{}"', "«{}»"])
            return f"{spelling} {q.format(p.core)}", [f"legal:respell_quoted:{spelling}"]
        return p.rebuild(prefix=spelling), [f"legal:respell:{spelling}"]
    if p.suffix_class:
        cls = p.suffix_class
        if rng.random() < 0.2:
            return p.core, ["legal:drop"]
        options = [
            s for s in LEGAL_SPELLINGS[cls] if fold(s).replace(" ", "") != fold(p.suffix).replace(" ", "")
        ]
        spelling = rng.choice(options)
        if cls in {"llc"} and cc in {"RU", "BY", "UA"} and rng.random() < 0.5:
            spelling = rng.choice(["OOO", "ООО", "TOV" if cc == "UA" else "OOO"])
            return f"{spelling} {p.core}", [f"legal:suffix_to_prefix:{spelling}"]
        sep = rng.choice([" ", ", "]) if cls != "co_ltd" else rng.choice([" ", ", ", " "])
        return f"{p.core}{sep}{spelling}", [f"legal:respell:{spelling}"]
    # No legal form on the list: the supplier master adds the one the company really has.
    cls = DEFAULT_FORM.get(cc)
    words = set(re.findall(r"[A-Z]+", fold(name)))
    if (
        not cls
        or len(name) < 6
        or words & (LEGAL_TOKENS - {"THE", "OF", "AND", "Y", "S", "L", "C", "E", "P", "DE"})
    ):
        return None
    if words & {
        "UNITARNOE",
        "PREDPRIYATIE",
        "UNITARY",
        "FEDERAL",
        "FEDERALNOE",
        "GOSUDARSTVENNOE",
        "STATE",
        "UCHREZHDENIE",
        "INSTITUTE",
        "INSTITUT",
        "UNIVERSITY",
        "MINISTRY",
        "DEPARTMENT",
    }:
        return None  # a state body: nobody adds a company form to it
    if cls in RU_PREFIX_SPELLINGS:
        spelling = rng.choice(RU_PREFIX_SPELLINGS[cls][:3])
        return f"{spelling} {name}", [f"legal:add_prefix:{spelling}"]
    spelling = rng.choice(LEGAL_SPELLINGS[cls][:3])
    return f"{name} {spelling}", [f"legal:add:{spelling}"]


def dmg_word_order(rng: random.Random, name: str, ent: dict) -> tuple[str, list[str]] | None:
    p = Parsed(name)
    words = p.core_words()
    if len(words) < 2:
        return None
    m = re.match(r"^(.+?)\s+(OF|DE|DEL|FOR)\s+(.+)$", p.core, flags=re.I)
    ops = ["swap", "comma_inversion", "last_first"]
    if m and len(m.group(3).split()) <= 2:
        ops.append("of_inversion")
    if len(words) < 3:
        ops = [o for o in ops if o != "comma_inversion"] + ["swap"]
    op = rng.choice(ops)
    if op == "of_inversion" and m:
        core = f"{m.group(3)} {m.group(1)}"
    elif op == "comma_inversion":
        k = 2 if len(words) >= 4 and rng.random() < 0.3 else 1
        head, rest = " ".join(words[:k]), " ".join(words[k:])
        if p.suffix and rng.random() < 0.5:
            return f"{p.rebuild(core=rest, prefix='')}, {head}".replace(",,", ","), [
                "order:comma_inversion_end"
            ]
        core = f"{rest}, {head}"
    elif op == "last_first":
        core = " ".join([words[-1], *words[:-1]])
    else:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
        core = " ".join(words)
    out = p.rebuild(core=core)
    if fold(out) == fold(name):
        return None
    return out, [f"order:{op}"]


def dmg_case_punct(rng: random.Random, name: str, ent: dict) -> tuple[str, list[str]] | None:
    ops = ["strip_punct", "punct_to_space", "hyphen", "amp", "dots", "spacing", "quotes"]
    rng.shuffle(ops)
    out, tags = name, []
    for op in ops:
        new = out
        if op == "strip_punct" and re.search(r"[.,'()\"]", out):
            new = re.sub(r"[.,'()\"]", "", out)
        elif op == "punct_to_space" and re.search(r"[.,/]\S", out):
            new = re.sub(r"[.,/](?=\S)", " ", out)
        elif op == "hyphen" and "-" in out:
            new = out.replace("-", rng.choice([" ", "", " - "]))
        elif op == "amp" and re.search(r"&|\bAND\b", out, flags=re.I):
            if "&" in out:
                new = out.replace("&", rng.choice(["and", "AND", "+"]))
            else:
                new = re.sub(r"\s+AND\s+", rng.choice([" & ", "&"]), out, count=1, flags=re.I)
        elif op == "dots":
            acr = [
                w
                for w in out.split()
                if re.fullmatch(r"[A-Z]{2,4}", w)
                and (w in DOTTABLE or not re.search(r"[AEIOUY]", w))
                and w not in {"LTD", "CO", "INC"}
            ]
            dotted = [w for w in out.split() if re.fullmatch(r"([A-Z]\.){2,4}", w)]
            if dotted:
                w = rng.choice(dotted)
                new = out.replace(w, w.replace(".", ""), 1)
            elif acr:
                w = rng.choice(acr)
                new = re.sub(rf"\b{w}\b", ".".join(w) + ".", out, count=1)
        elif op == "spacing":
            if ", " in out and rng.random() < 0.5:
                new = out.replace(", ", ",")
            elif " " in out:
                spaces = [m.start() for m in re.finditer(" ", out)]
                i = rng.choice(spaces)
                new = out[:i] + rng.choice(["  ", ""]) + out[i + 1 :]
        elif op == "quotes" and len(out.split()) >= 2:
            p = Parsed(out)
            if p.has_legal():
                new = p.rebuild(core=f'"{p.core}"')
        if new != out:
            out = new
            tags.append(op)
        if len(tags) >= rng.choice([1, 2, 2, 3]):
            break
    style = rng.choice(["upper", "lower", "title", "title", "upper"])
    styled = apply_style(out, style)
    if styled != out:
        tags.append(f"case:{style}")
        out = styled
    if out == name or not tags:
        return None
    return out, tags


def dmg_abbreviation(
    rng: random.Random, name: str, ent: dict, only_one: bool = False
) -> tuple[str, list[str]] | None:
    found = [(pat, abbrs) for pat, abbrs in ABBREVIATIONS if re.search(rf"\b{pat}\b", name, flags=re.I)]
    p = Parsed(name)
    # "Company" inside a legal form is the legal_form kind's business, not this one.
    found = [(pat, a) for pat, a in found if re.search(rf"\b{pat}\b", p.core, flags=re.I)]
    if not found:
        return None
    if only_one:
        found = [rng.choice(found)]
    elif len(found) > 1 and rng.random() < 0.4:
        found = rng.sample(found, rng.randint(1, len(found) - 1))
    core, tags = p.core, []
    for pat, abbrs in found:
        abbr = rng.choice(abbrs)

        def repl(m: re.Match, abbr: str = abbr) -> str:
            return style_like(abbr, m.group(0)) if not m.group(0).isupper() else abbr.upper()

        core, n = re.subn(rf"\b{pat}\b", repl, core, count=1, flags=re.I)
        if n:
            tags.append(f"abbr:{abbr}")
    out = p.rebuild(core=core)
    if out == name:
        return None
    return out, tags


def _pinyin_split(word: str) -> str | None:
    low = word.lower()
    for i in range(1, len(low)):
        a, b = low[:i], low[i:]
        if a in PINYIN_SYLLABLES and b in PINYIN_SYLLABLES and len(a) >= 2 and len(b) >= 2:
            return (
                f"{word[:i]} {style_like(word[i:], word)}" if not word.isupper() else f"{word[:i]} {word[i:]}"
            )
    return None


def dmg_translit(rng: random.Random, name: str, ent: dict) -> tuple[str, list[str]] | None:
    script = TRANSLIT_SCRIPT.get(ent["country"])
    if not script:
        return None
    p = Parsed(name)
    whole, name = name, p.core
    if script == "zh" and rng.random() < 0.6:
        words = name.split(" ")
        idx = [i for i, w in enumerate(words) if w.isalpha() and _pinyin_split(w)]
        if idx:
            i = rng.choice(idx)
            words[i] = _pinyin_split(words[i]) or words[i]
            return p.rebuild(core=" ".join(words)), ["translit:pinyin_split"]
    rules = [(pat, rep) for pat, rep in TRANSLIT[script] if re.search(pat, name.upper())]
    if not rules:
        return None
    chosen = rng.sample(rules, min(len(rules), rng.choice([1, 2])))
    out = name
    for pat, rep in chosen:
        up = out.upper()
        m = list(re.finditer(pat, up))
        if not m:
            continue
        hit = rng.choice(m)
        segment = out[hit.start() : hit.end()]
        new = rep if segment.isupper() else rep.lower()
        if segment[:1].isupper() and not segment.isupper():
            new = rep[:1] + rep[1:].lower()
        out = out[: hit.start()] + new + out[hit.end() :]
    if fold(out) == fold(name):
        return None
    return p.rebuild(core=out) if whole != name else out, [
        f"translit:{script}:{pat}>{rep}" for pat, rep in chosen
    ]


# ---------------------------------------------------------------------------------------------------------
# Entities


def load_entities(holdout: Path) -> tuple[list[dict], dict[str, set[str]]]:
    types, cities = ofac_types_and_cities()
    rows = read_csv(holdout)
    cluster_ids: dict[str, set[str]] = defaultdict(set)
    out = []
    for row in rows:
        cluster_ids[row["cluster"]].add(row["entity_id"])
        ent_num = row["entity_id"].split(":", 1)[1]
        if row["list_id"] == "ofac-sdn" and types.get(ent_num, "") != "":
            continue  # vessels, aircraft, people: not supplier names
        if row["list_id"] == "cbp-wro" and re.search(r"\bNo\.\s*\d+$", row["name"]):
            continue  # fishing vessels on the WRO list
        toks = set(re.findall(r"[A-Z0-9'.]+", fold(row["name"])))
        toks |= {t.strip(".") for t in toks}
        if toks & NON_SUPPLIER_WORDS:
            continue
        looks_like_company = bool(toks & BUSINESS_WORDS) or Parsed(row["name"]).has_legal()
        if not looks_like_company or len(row["name"]) < 6:
            continue
        out.append(
            {
                "entity_id": row["entity_id"],
                "cluster": row["cluster"],
                "name": row["name"].strip(),
                "is_alias": row["is_alias"] == "true",
                "country": row["country_code"],
                "city": cities.get(ent_num, "") if row["list_id"] == "ofac-sdn" else "",
            }
        )
    return out, cluster_ids


# ---------------------------------------------------------------------------------------------------------
# Building


class Builder:
    def __init__(
        self, rng: random.Random, entities: list[dict], cluster_ids: dict[str, set[str]], index: ListIndex
    ):
        self.rng = rng
        self.entities = entities
        self.cluster_ids = cluster_ids
        self.index = index
        self.rows: list[dict] = []
        self.seen_queries: set[str] = set()
        self.cluster_uses: Counter[str] = Counter()
        country_count = Counter(e["country"] for e in entities)
        # Soften the list's Russian/Iranian weight so the set spans many countries and styles.
        self.weight = {
            id(e): 1 / math.sqrt(country_count[e["country"]]) * (1.0 if not e["is_alias"] else 0.7)
            for e in entities
        }

    def ordered(self) -> list[dict]:
        keyed = [(self.rng.random() ** (1 / self.weight[id(e)]), i) for i, e in enumerate(self.entities)]
        keyed.sort(reverse=True)
        return [self.entities[i] for _, i in keyed]

    def add(self, **row) -> bool:
        q = re.sub(r"^\s+|\s+$", "", row["query_name"]) if row["kind"] != "case_punct" else row["query_name"]
        if not q or q in self.seen_queries:
            return False
        row["query_name"] = q
        self.seen_queries.add(q)
        self.rows.append(row)
        return True

    def base_style(self, text: str, tags: list[str]) -> str:
        style = self.rng.choice(["keep", "keep", "keep", "title", "title", "upper"])
        out = apply_style(text, style)
        if out != text:
            tags.append(f"case:{style}")
        return out

    def country_for(self, ent: dict, tags: list[str]) -> str:
        cc = ent.pop("query_country", None) or ent["country"]
        if cc and self.rng.random() < 0.1:
            tags.append("country:blank")
            return ""
        return cc

    def positive(self, kind: str, target: int) -> None:
        made = 0
        used_here: Counter[str] = Counter()
        for per_cluster in (1, 2):  # first one query per cluster and kind; a second only if short
            for ent in self.ordered():
                if made >= target:
                    return
                if self.cluster_uses[ent["cluster"]] >= MAX_QUERIES_PER_CLUSTER:
                    continue
                if used_here[ent["cluster"]] >= per_cluster:
                    continue
                ent = dict(ent)
                res = self.damage(kind, ent)
                if not res:
                    continue
                query, tags = res
                if query == ent["name"] or (kind != "case_punct" and fold(query) == fold(ent["name"])):
                    continue
                if self.index.other_entity_same_key(query, self.cluster_ids[ent["cluster"]]):
                    continue
                cc = self.country_for(ent, tags)
                if self.add(
                    query_name=query,
                    query_country=cc,
                    expected_entity_id=ent["entity_id"],
                    expected_cluster=ent["cluster"],
                    kind=kind,
                    damages=";".join(tags),
                    source_name=ent["name"],
                ):
                    made += 1
                    used_here[ent["cluster"]] += 1
                    self.cluster_uses[ent["cluster"]] += 1
        print(f"warning: {kind}: {made} of {target}")

    def damage(self, kind: str, ent: dict) -> tuple[str, list[str]] | None:
        rng, name = self.rng, ent["name"]
        if kind == "typo2":
            res = typos(rng, name, 2, self.index)
            if not res:
                return None
            text, tags = res
            return self.base_style(text, tags), tags
        if kind == "truncation":
            return dmg_truncation(rng, name, ent, self.index)
        if kind == "case_punct":
            return dmg_case_punct(rng, name, ent)
        if kind == "combined":
            return self.combined(ent)
        fn = {
            "place": dmg_place,
            "branch": dmg_branch,
            "legal_form": dmg_legal_form,
            "word_order": dmg_word_order,
            "abbreviation": dmg_abbreviation,
        }[kind]
        res = fn(rng, name, ent)
        if not res:
            return None
        text, tags = res
        return self.base_style(text, tags), tags

    def combined(self, ent: dict) -> tuple[str, list[str]] | None:
        rng = self.rng
        steps = [
            "translit",
            "word_order",
            "abbreviation",
            "legal_form",
            "typo",
            "place",
            "branch",
            "case_punct",
            "truncation",
        ]
        n = rng.choice([2, 2, 3, 3, 4])
        picked = set(rng.sample(steps[:-1], n))
        if len(ent["name"]) > 30 and rng.random() < 0.25:
            picked = set(rng.sample(sorted(picked), n - 1)) | {"truncation"}
        if "place" in picked and "branch" in picked and rng.random() < 0.5:
            picked.discard("place")
        text, tags, applied = ent["name"], [], []
        for step in steps:
            if step not in picked:
                continue
            if step == "typo":
                res = typos(rng, text, 1, self.index)
            elif step == "truncation":
                res = dmg_truncation(rng, text, ent, self.index)
            else:
                fn = {
                    "translit": dmg_translit,
                    "word_order": dmg_word_order,
                    "abbreviation": dmg_abbreviation,
                    "legal_form": dmg_legal_form,
                    "place": dmg_place,
                    "branch": dmg_branch,
                    "case_punct": dmg_case_punct,
                }[step]
                res = fn(rng, text, ent)
            if res:
                text = res[0]
                tags.extend(res[1])
                applied.append(step)
        if len(applied) < 2:
            return None
        if "case_punct" not in applied and "truncation" not in applied:
            text = self.base_style(text, tags)
        return text, [f"steps:{'+'.join(applied)}", *tags]

    # -- negatives ------------------------------------------------------------------------------------------

    def negative(self, kind: str, target: int) -> None:
        made, attempts = 0, 0
        make = {"generic": self.generic, "near_name": self.near_name, "other_country": self.other_country}[
            kind
        ]
        pool = self.ordered()
        while made < target and attempts < target * 40:
            attempts += 1
            res = make(pool[attempts % len(pool)])
            if not res:
                continue
            query, cc, tags, source = res
            if self.add(
                query_name=query,
                query_country=cc,
                expected_entity_id="",
                expected_cluster="",
                kind=kind,
                damages=";".join(tags),
                source_name=source,
            ):
                made += 1
        if made < target:
            print(f"warning: {kind}: {made} of {target}")

    def generic(self, _ent: dict) -> tuple[str, str, list[str], str] | None:
        rng = self.rng
        cc = rng.choice(
            ["DE", "US", "GB", "CN", "CN", "BD", "IN", "TR", "VN", "MX", "BR", "RU", "RU", "AE", "IR"]
        )
        name = GENERIC_MAKERS[cc](rng)
        tags = [f"generic:{cc}"]
        name = self.base_style(name, tags)
        if not self.index.clean_negative(name, strict=True):
            return None
        return name, cc if rng.random() > 0.1 else "", tags, ""

    def near_name(self, ent: dict) -> tuple[str, str, list[str], str] | None:
        rng = self.rng
        p = Parsed(ent["name"])
        core_words = p.core_words()
        if len(core_words) < 2:
            return None
        rare = [w for w in core_words if not self.is_generic_word(w)]
        kept = [w for w in core_words if w not in rare and fold(w) not in LEGAL_TOKENS]
        if not rare or len(rare) > 2 or not kept:
            return None
        pool = replacement_pool(ent["country"])
        new_words = []
        for w in core_words:
            if w not in rare:
                new_words.append(w)
                continue
            bare = w.strip("\"'(),.«»")
            for _ in range(20):
                cand = pool(rng)
                k = fold(cand)
                sim = difflib.SequenceMatcher(None, k, fold(bare)).ratio()
                if self.index.df.get(k, 0) == 0 and sim < 0.5 and cand not in new_words:
                    break
            else:
                return None
            lead = re.match(r"^[(\"«]*", w).group(0)
            trail = re.search(r"[)\",»]*$", w).group(0)
            new_words.append(lead + style_like(cand, bare) + trail)
        name = p.rebuild(core=" ".join(new_words))
        tags = [f"near_of:{ent['entity_id']}", f"replaced:{'|'.join(rare)}"]
        name = self.base_style(name, tags)
        if not self.index.clean_negative(name, strict=False) or name_key(name) <= name_key(ent["name"]):
            return None
        cc = ent["country"] if rng.random() > 0.1 else ""
        return name, cc, tags, ""

    def is_generic_word(self, word: str) -> bool:
        """A business word, a legal word or a known place: what many unrelated names share."""
        parts = [p for p in re.split(r"[-/]", fold(re.sub(r"[^\w/-]", "", word))) if p]
        return all(p in LEGAL_TOKENS or p in GENERIC_WORDS or p in PLACE_WORDS for p in parts)

    def other_country(self, ent: dict) -> tuple[str, str, list[str], str] | None:
        rng = self.rng
        p = Parsed(ent["name"])
        keep = [
            w.strip(',()"«»')
            for w in p.core_words()
            if self.is_generic_word(w) and fold(w) not in PLACE_WORDS | {"OF", "THE"}
        ]
        keep = tidy_connectors(keep)
        content = [w for w in keep if fold(w) not in LEGAL_TOKENS]
        if len(content) < 2:
            return None
        choices = [c for c in OTHER_COUNTRIES if c != ent["country"]]
        cc = rng.choice(choices)
        core = " ".join(keep)
        tags = [f"generic_part_of:{ent['entity_id']}", f"country:{cc}"]
        if rng.random() < 0.4 and PLACES.get(cc) and not any(fold(w) in FOREIGN_GENERIC for w in keep):
            place = rng.choice(PLACES[cc])
            core = f"{style_like(place, core)} {core}"
            tags.append(f"place:{place}")
        form = DEFAULT_FORM.get(cc, "ltd")
        if p.has_legal() and rng.random() < 0.5:
            name = p.rebuild(core=core)
        elif form in RU_PREFIX_SPELLINGS:
            name = f"{rng.choice(RU_PREFIX_SPELLINGS[form][:3])} {core}"
        else:
            name = f"{core} {rng.choice(LEGAL_SPELLINGS[form][:3])}"
        name = self.base_style(name, tags)
        key = name_key(name)
        if len(key) < 2 or not self.index.clean_negative(name, strict=False):
            return None
        return name, cc, tags, ""


PLACE_WORDS = {fold(w) for cities in [*PLACES.values(), CN_PROVINCES] for c in cities for w in c.split()} | {
    fold(c) for cities in PLACES.values() for c in cities
}
CONNECTORS = {"AND", "&", "OF", "FOR", "DE", "DEL", "Y", "THE", "LA", "EL", "VA", "I", "IN", "E"}


def tidy_connectors(words: list[str]) -> list[str]:
    """Drop connectors left dangling (at either end or doubled) once other words are gone."""
    out: list[str] = []
    for w in words:
        if fold(w) in CONNECTORS and (not out or fold(out[-1]) in CONNECTORS):
            continue
        out.append(w)
    while out and fold(out[-1]) in CONNECTORS:
        out.pop()
    return out


OTHER_COUNTRIES = "DE US GB CN IN BD VN TR MX BR IT FR PL TH ID MY AE RU IR ES NL KR JP PK".split()


def replacement_pool(cc: str):
    script = TRANSLIT_SCRIPT.get(cc, "")
    if cc in {"CN", "HK", "TW"}:
        return lambda rng: "".join(rng.sample(PINYIN_BRAND, 2)).capitalize()
    if script == "ru":
        return lambda rng: (
            rng.choice(RU_WORDS) if rng.random() < 0.5 else rng.choice(RU_PARTS_A) + rng.choice(RU_PARTS_B)
        )
    if cc == "IR" or cc == "AF":
        return lambda rng: rng.choice(FA_WORDS)
    if script == "ar":
        return lambda rng: rng.choice(AR_WORDS)
    if script == "es":
        return lambda rng: rng.choice(ES_WORDS)
    if cc == "KP" or cc == "KR":
        return lambda rng: rng.choice(KO_WORDS)
    if cc == "TR":
        return lambda rng: rng.choice(TR_WORDS)
    if cc in {"DE", "AT", "CH"}:
        return lambda rng: rng.choice(DE_WORDS)
    return lambda rng: rng.choice(EN_WORDS)


# Generic unlisted company names, by country.


def _pick(rng: random.Random, text: str) -> str:
    return rng.choice(text.split("|"))


def gen_de(rng):
    sn = _pick(
        rng,
        "Müller|Schmidt|Schneider|Fischer|Weber|Meyer|Wagner|Becker|Schulz|Hoffmann|Koch|Richter|Klein|"
        "Wolf|Schröder|Neumann|Braun|Zimmermann|Krüger|Hartmann|Lange|Werner|Krause|Lehmann",
    )
    w = _pick(
        rng,
        "Handels|Maschinenbau|Logistik|Metallbau|Textil|Kunststofftechnik|Elektro|Verpackung|Spedition|"
        "Anlagenbau|Feinmechanik|Druckerei|Industrieservice|Werkzeugbau|Stahlhandel",
    )
    pl = _pick(rng, "Hamburger|Bremer|Rhein-Main|Schwäbische|Allgäuer|Ruhr|Nord|Süd|Bayerische|Sächsische")
    form = _pick(rng, "GmbH|GmbH & Co. KG|AG|GmbH|e.K.|KG")
    return _pick(
        rng,
        f"{sn} {w} {form}|{pl} {w} {form}|{sn} & {_pick(rng, 'Söhne|Partner|Co.')} {form}|"
        f"{w}{_pick(rng, 'gesellschaft|zentrale|werk')} {sn} {form}",
    )


def gen_us(rng):
    sn = _pick(
        rng,
        "Smith|Johnson|Miller|Davis|Anderson|Thompson|Boyle|Parker|Collins|Reed|Harper|Brooks|Hayes|"
        "Bennett|Foster|Griffin|Sullivan|Carter",
    )
    pl = _pick(
        rng,
        "Pacific|Atlantic|Midwest|Great Lakes|Lone Star|Bay Area|Summit|Keystone|Granite|Cascade|"
        "Ohio Valley|Gulf Coast|Tri-State|Heartland",
    )
    w = _pick(
        rng,
        "Industrial Supply|Packaging|Logistics|Components|Fasteners|Plastics|Apparel|Steel Works|"
        "Chemical|Electronics|Tool & Die|Machine Works|Distribution|Foods|Textiles|Paper Products",
    )
    form = _pick(rng, "Inc.|LLC|Corp.|Co.|Corporation|Incorporated|Inc")
    return _pick(
        rng,
        f"{sn} {w} {form}|{pl} {w} {form}|{sn} & {_pick(rng, 'Sons|Associates')} {form}|{pl} {sn} {w} {form}",
    )


def gen_gb(rng):
    sn = _pick(
        rng, "Boyle|Hughes|Evans|Walsh|Price|Morgan|Turner|Clarke|Wright|Baker|Fletcher|Hardy|Pearson|Lloyd"
    )
    pl = _pick(rng, "Midlands|Thames|Pennine|Yorkshire|Northern|Cotswold|Mersey|Severn|Tyne|Anglia")
    w = _pick(
        rng,
        "Chemicals|Engineering|Packaging|Textiles|Components|Logistics|Plastics|Metals|Fabrications|"
        "Garments|Supplies|Trading",
    )
    form = _pick(rng, "Ltd|Limited|PLC|LLP|Ltd.")
    return _pick(
        rng, f"{sn} {w} {form}|{pl} {w} {form}|{sn} & {_pick(rng, 'Sons|Co')} {form}|{pl} {sn} {form}"
    )


def gen_cn(rng):
    pl = _pick(
        rng,
        "Jinhua|Wenzhou|Ningbo|Foshan|Dongguan|Yiwu|Shaoxing|Changzhou|Nantong|Quanzhou|Jiaxing|"
        "Taizhou|Zibo|Weifang|Linyi|Hefei|Suzhou|Wuxi|Xiamen|Zhongshan",
    )
    brand = "".join(rng.sample(PINYIN_BRAND, 2)).capitalize()
    w = _pick(
        rng,
        "International Trade|Textile|Garment|Electronic Technology|Import & Export|Plastic Products|"
        "Hardware|Packaging Materials|Machinery|New Material|Trading|Knitting|Apparel|Household Products|"
        "Photovoltaic Technology|Auto Parts|Furniture|Lighting",
    )
    form = _pick(rng, "Co., Ltd.|Co Ltd|Company Limited|Co.,Ltd|Co., Ltd|Ltd")
    return _pick(
        rng, f"{pl} {brand} {w} {form}|{brand} {w} {form}|{pl} {brand} {w} {form}|{pl} {brand} {form}"
    )


def gen_bd(rng):
    brand = _pick(
        rng,
        "Alpha|Sunrise|Green|Star|Delta|Crystal|Purbani|Meghna|Padma|Jamuna|Rupsha|Anwar|Karim|"
        "Rahman|Hossain|Northern|Dhaka|Chittagong|Gazipur|Savar|Ananta|Shanta",
    )
    w = _pick(
        rng,
        "Knit|Knitwear|Apparels|Fashions|Garments|Denim|Sweaters|Composite|Textile Mills|Spinning Mills|"
        "Washing Plant|Accessories",
    )
    form = _pick(rng, "Ltd|Limited|(Pvt.) Ltd.|Ltd.")
    return _pick(rng, f"{brand} {w} {form}|{brand} {_pick(rng, 'Steel|Pacific|Dyeing')} {w} {form}")


def gen_in(rng):
    brand = _pick(
        rng,
        "Shree Ganesh|Lakshmi|Sai|Krishna|Balaji|Om|Sri Venkateswara|Mahalaxmi|Sharma|Patel|Gupta|"
        "Agarwal|Mehta|Shah|Jain|Reddy",
    )
    pl = _pick(rng, "Tirupur|Ludhiana|Surat|Coimbatore|Ahmedabad|Pune|Noida|Jaipur|Rajkot|Ludhiana")
    w = _pick(
        rng,
        "Exports|Textiles|Spinning Mills|Industries|Enterprises|Overseas|Polymers|Forgings|Castings|"
        "Agro Products|Steel Traders|Garments|Fabrics",
    )
    form = _pick(rng, "Pvt Ltd|Private Limited|Ltd|LLP|& Co.|Pvt. Ltd.")
    return _pick(rng, f"{brand} {w} {form}|{pl} {brand} {w} {form}|{brand} {w}")


def gen_tr(rng):
    sn = _pick(rng, "Yılmaz|Kaya|Demir|Şahin|Çelik|Yıldız|Aydın|Öztürk|Arslan|Doğan|Yilmaz|Celik|Ozturk")
    pl = _pick(rng, "Bursa|Denizli|Gaziantep|Kayseri|Ege|Anadolu|Marmara|Trakya|Cukurova")
    w = _pick(
        rng, "Tekstil|İnşaat|Gıda|Makine|Ambalaj|Lojistik|Otomotiv|Kimya|Metal|Örme|Tekstil|Konfeksiyon"
    )
    form = _pick(rng, "San. ve Tic. A.Ş.|San. Tic. Ltd. Şti.|A.Ş.|Ltd. Şti.|San. ve Tic. Ltd. Sti.|AS")
    return _pick(rng, f"{sn} {w} {form}|{pl} {w} {form}|{sn} {pl} {w} {form}")


def gen_vn(rng):
    brand = _pick(
        rng,
        "Viet Tien|Thanh Cong|Phu Thanh|Hoa Binh|Minh Anh|An Phat|Tan Thanh|Nguyen Phat|Tran Gia|"
        "Le Minh|Hoang Long|Phuong Nam|Dai Viet",
    )
    pl = _pick(rng, "Saigon|Hanoi|Dong Nai|Binh Duong|Hai Phong|Da Nang|Long An")
    w = _pick(
        rng, "Garment|Textile|Seafood|Wood Processing|Footwear|Trading Service|Production Trading|Packaging"
    )
    return _pick(
        rng,
        f"{brand} {w} Co., Ltd|{brand} {w} Joint Stock Company|{pl} {brand} {w} JSC|"
        f"Cong Ty TNHH {brand}|{brand} {w} Company Limited",
    )


def gen_mx(rng):
    sn = _pick(
        rng, "García|Hernández|López|Martínez|González|Rodríguez|Pérez|Sánchez|Ramírez|Torres|Garcia|Lopez"
    )
    pl = _pick(
        rng, "Guadalajara|Monterrey|del Bajío|del Norte|del Pacífico|Jalisco|Puebla|Saltillo|Occidente"
    )
    w = _pick(
        rng,
        "Distribuidora|Comercializadora|Industrias|Manufacturas|Transportes|Aceros|Plásticos|Textiles|"
        "Maquiladora|Grupo|Servicios Logísticos|Empaques",
    )
    form = _pick(rng, "S.A. de C.V.|SA de CV|S. de R.L. de C.V.|S.A. DE C.V.")
    return _pick(rng, f"{w} {sn} {form}|{w} {pl} {form}|Grupo {sn} {form}|{w} {sn} {pl} {form}")


def gen_br(rng):
    sn = _pick(rng, "Silva|Santos|Oliveira|Souza|Costa|Pereira|Almeida|Ferreira|Rodrigues|Carvalho")
    pl = _pick(rng, "Paulista|Mineira|do Sul|Nordeste|Catarinense|Campinas|Joinville|Gaúcha")
    w = _pick(
        rng,
        "Comércio|Indústria|Têxtil|Alimentos|Metalúrgica|Transportes|Distribuidora|Embalagens|Calçados|"
        "Agropecuária|Comercio",
    )
    form = _pick(rng, "Ltda|Ltda.|S.A.|EIRELI|ME")
    return _pick(rng, f"{w} {sn} {form}|{sn} & {_pick(rng, 'Filhos|Irmãos|Cia')} {form}|{w} {pl} {form}")


def gen_ru(rng):
    sn = _pick(rng, "Ivanov|Petrov|Smirnov|Kuznetsov|Popov|Sokolov|Volkov|Fedorov|Morozov|Orlov")
    compound = rng.choice(RU_PARTS_A) + rng.choice(RU_PARTS_B)
    w = _pick(rng, "Stroi|Trans|Prom|Snab|Torg|Metall|Tekstil|Servis|Logistika|Agro|Energo|Tekh")
    core = _pick(rng, f"{compound}|{compound}-{_pick(rng, 'M|Plus|Invest|Servis')}|{w}{sn}|{sn} i Partnery")
    form = _pick(rng, "OOO|LLC|AO|ZAO|TD|ООО")
    return _pick(rng, f'{form} {core}|{form} "{core}"|{core} {form}|{form} «{core}»')


def gen_ae(rng):
    sn = _pick(rng, "Al Mansouri|Al Falasi|Al Hashimi|Al Suwaidi|Al Nuaimi|Khoury|Al Zarooni|Bin Hamad")
    w = _pick(
        rng,
        "General Trading|Building Materials Trading|Foodstuff Trading|Auto Spare Parts|Textiles Trading|"
        "Logistics|Marine Services|Electronics Trading|Technical Services",
    )
    brand = _pick(rng, "Gulf Star|Desert Rose|Blue Horizon|Emirates Pearl|Golden Sands|Crescent|Oasis|Falcon")
    form = _pick(rng, "LLC|L.L.C.|FZE|FZCO|FZ-LLC|Co. LLC")
    return _pick(rng, f"{sn} {w} {form}|{brand} {w} {form}|{brand} {form}")


def gen_ir(rng):
    brand = _pick(
        rng, "Arya|Kaveh|Sepahan|Azar|Golestan|Tous|Alborz|Zagros|Arman|Behsaz|Tavana|Sahand|Rastak"
    )
    w = _pick(
        rng,
        "Sanat|Tejarat|Bazargani|Trading|Industrial Group|Engineering|Kala|Plastic|Textile|Food Industries",
    )
    second = _pick(rng, "Pars|Novin|Gostar|Tadbir|Sazan|Pooya|Sanat")
    return _pick(rng, f"{brand} {second} {w}|{brand} {w}|{brand} {second} Co.|{brand} {w} Company")


GENERIC_MAKERS = {
    "DE": gen_de,
    "US": gen_us,
    "GB": gen_gb,
    "CN": gen_cn,
    "BD": gen_bd,
    "IN": gen_in,
    "TR": gen_tr,
    "VN": gen_vn,
    "MX": gen_mx,
    "BR": gen_br,
    "RU": gen_ru,
    "AE": gen_ae,
    "IR": gen_ir,
}


# ---------------------------------------------------------------------------------------------------------


FIELDS = [
    "query_id",
    "query_name",
    "query_country",
    "expected_entity_id",
    "expected_cluster",
    "kind",
    "damages",
    "source_name",
]


def build(holdout: Path, seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    index = ListIndex(load_list_names())
    entities, cluster_ids = load_entities(holdout)
    builder = Builder(rng, entities, cluster_ids, index)
    for kind, target in POSITIVE_TARGETS.items():
        builder.positive(kind, target)
    for kind, target in NEGATIVE_TARGETS.items():
        builder.negative(kind, target)
    rows = builder.rows
    rng.shuffle(rows)
    for i, row in enumerate(rows, 1):
        row["query_id"] = f"ind-{i:05d}"
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--holdout", type=Path, default=HERE / "holdout_entities.csv")
    parser.add_argument("--out", type=Path, default=HERE / "devset.csv")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    rows = build(args.holdout, args.seed)
    tmp = args.out.with_suffix(".csv.tmp")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(args.out)
    counts = Counter(r["kind"] for r in rows)
    print(f"wrote {len(rows)} queries to {args.out}")
    for kind in [*POSITIVE_TARGETS, *NEGATIVE_TARGETS]:
        print(f"  {kind:14} {counts[kind]}")


if __name__ == "__main__":
    main()
