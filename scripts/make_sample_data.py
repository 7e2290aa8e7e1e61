"""Write the demo supplier workbook and the labelled training sample, deterministically.

    python scripts/make_sample_data.py            # sample_data/suppliers.xlsx, planted_hits.csv, training/

``sample_data/suppliers.xlsx`` looks like a procurement officer's ERP vendor-master export: a "Read me" sheet, a
"Vendor master" sheet with a title block above the header, odd column names, country codes mixed with names,
ID columns with leading zeros, free-text audit findings in three languages, and a "Lookups" sheet. Into ~300
invented ordinary suppliers it plants real listed entities (UFLPA Entity List, CBP Withhold Release Orders, OFAC
SDN; taken from the bundled lists in ``screener/data/lists``) spelt the way an ERP holds them, invented decoys that
look like listed names but are not, high-risk country x good pairs of the US DOL List of Goods 2022, and rows that
must be rejected. The ground truth goes to ``sample_data/planted_hits.csv``.

``sample_data/training/labelled_suppliers.xlsx`` is a larger file of the same shape with a synthetic outcome label
drawn from the documented generative process in :func:`outcome_probability`; it trains the bundled default model.

Every company name is either copied from a public US government list or invented here.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "sample_data"
TIP_TIERS = ROOT / "screener" / "data" / "reference" / "us_state_tip_tiers.csv"
SEED = 20260630
TRAINING_SEED = 20260701
EXPORT_DATE = dt.date(2026, 6, 30)
HEADER_ROW = 5  # the title block takes rows 1-4

COLUMNS = (
    "Vendor No",
    "Vendor Name",
    "Street",
    "City",
    "Province/State",
    "Postal Code",
    "Ctry",
    "Material Group",
    "HS Code",
    "Annual Spend (EUR)",
    "Purch. Org",
    "Last Audit Date",
    "Audit Result",
    "Audit Findings",
    "Certifications",
    "Grievance Mechanism",
    "Worker Survey Score",
    "Worker Committee / Union",
    "Recruitment Fees Paid by Workers",
    "Migrant Worker %",
)


@dataclass
class Supplier:
    """One vendor-master row plus the hidden facts the training labels are drawn from."""

    name: str | None
    street: str
    city: str
    region: str
    postal: str
    country: str  # as written in the export
    iso2: str
    goods: str
    hs_code: str | None
    spend: float
    audit_date: dt.date | None = None
    audit_result: str | None = None
    findings: str | None = None
    certifications: str | None = None
    grievance: str | None = None
    survey_score: int | None = None
    union: str | None = None
    fees_paid: str | None = None
    migrant_share: float | None = None
    kind: str = "ordinary"  # planted / decoy / xinjiang / high_risk / ordinary / reject / injection
    facts: dict = field(default_factory=dict)  # dol_forced, dol_child, listed, ilo_findings ...


# --- catalogues ----------------------------------------------------------------------------------------------------
# Ordinary, low-risk countries: (ways the ERP writes the country, legal forms, (city, region, postal prefix) ...)
LOW_RISK = {
    "DE": (
        ["DE", "Germany", "Deutschland"],
        ["GmbH", "AG", "GmbH & Co. KG"],
        [
            ("Hamburg", "Hamburg", "20"),
            ("München", "Bayern", "80"),
            ("Stuttgart", "Baden-Württemberg", "70"),
            ("Köln", "Nordrhein-Westfalen", "50"),
            ("Bremen", "Bremen", "28"),
        ],
    ),
    "NL": (
        ["NL", "Netherlands", "Nederland"],
        ["B.V."],
        [
            ("Rotterdam", "Zuid-Holland", "30"),
            ("Eindhoven", "Noord-Brabant", "56"),
            ("Utrecht", "Utrecht", "35"),
        ],
    ),
    "US": (
        ["US", "USA", "United States"],
        ["Inc.", "LLC", "Corp."],
        [
            ("Chicago", "IL", "606"),
            ("Columbus", "OH", "432"),
            ("Dallas", "TX", "752"),
            ("Charlotte", "NC", "282"),
        ],
    ),
    "JP": (
        ["JP", "Japan"],
        ["Co., Ltd.", "K.K."],
        [("Osaka", "Osaka", "530"), ("Nagoya", "Aichi", "450"), ("Yokohama", "Kanagawa", "220")],
    ),
    "GB": (
        ["GB", "UK", "United Kingdom"],
        ["Ltd", "Limited", "plc"],
        [("Leeds", "West Yorkshire", "LS"), ("Bristol", "", "BS"), ("Manchester", "Greater Manchester", "M")],
    ),
    "FR": (
        ["FR", "France"],
        ["SAS", "SARL", "S.A."],
        [("Lyon", "Auvergne-Rhône-Alpes", "69"), ("Lille", "Hauts-de-France", "59")],
    ),
    "IT": (
        ["IT", "Italy", "Italia"],
        ["S.r.l.", "S.p.A."],
        [("Bologna", "BO", "40"), ("Torino", "TO", "10")],
    ),
    "ES": (
        ["ES", "Spain", "España"],
        ["S.L.", "S.A."],
        [("Valencia", "Valencia", "46"), ("Zaragoza", "Aragón", "50")],
    ),
    "PL": (
        ["PL", "Poland", "Polska"],
        ["Sp. z o.o."],
        [("Poznań", "wielkopolskie", "61"), ("Wrocław", "dolnośląskie", "50")],
    ),
    "SE": (["SE", "Sweden"], ["AB"], [("Göteborg", "Västra Götaland", "41")]),
    "NO": (
        ["NO", "Norway", "Norge"],
        ["AS"],
        [("Bergen", "Vestland", "50"), ("Stavanger", "Rogaland", "40")],
    ),
    "DK": (["DK", "Denmark"], ["A/S", "ApS"], [("Aarhus", "Midtjylland", "80")]),
    "CH": (
        ["CH", "Switzerland", "Schweiz"],
        ["AG", "SA", "GmbH"],
        [("Basel", "BS", "40"), ("Zürich", "ZH", "80")],
    ),
    "AT": (["AT", "Austria", "Österreich"], ["GmbH"], [("Linz", "Oberösterreich", "40")]),
    "CA": (["CA", "Canada"], ["Inc.", "Ltd."], [("Mississauga", "ON", "L5"), ("Laval", "QC", "H7")]),
}
SURNAMES = [
    "Albrecht",
    "Brandt",
    "Falkner",
    "Hoffmann",
    "Kessler",
    "Lindner",
    "Neumann",
    "Roth",
    "Seidel",
    "Vogt",
    "Winter",
    "Ziegler",
    "Van Dijk",
    "Bakker",
    "Meyers",
    "Holloway",
    "Prescott",
    "Whitfield",
    "Garnier",
    "Moreau",
    "Bianchi",
    "Ferraro",
    "Navarro",
    "Ortega",
    "Nowak",
    "Lindqvist",
    "Haugen",
    "Kjeldsen",
    "Tanaka",
    "Morimoto",
]
NEUTRAL = [
    "Northgate",
    "Bluecrest",
    "Silverline",
    "Keystone",
    "Riverside",
    "Oakfield",
    "Summit",
    "Harbor",
    "Brightwater",
    "Meridian",
    "Fairway",
    "Crestview",
    "Ironbridge",
    "Greenlane",
    "Westmark",
    "Lakeside",
    "Copperfield",
    "Starling",
]
# (material group as the ERP writes it, HS code or None, spend scale in EUR)
EVERYDAY_GOODS = [
    ("Office supplies", "4820", 4e4),
    ("Logistics services", None, 6e5),
    ("Software licences", None, 3e5),
    ("Machine parts - bearings", "8482", 2e5),
    ("Industrial valves", "8481", 2.5e5),
    ("Corrugated packaging", "4819", 1.5e5),
    ("Laboratory chemicals", "3822", 8e4),
    ("IT hardware", "8471", 4e5),
    ("Cleaning services", None, 9e4),
    ("Facility management", None, 3e5),
    ("Electrical components", "8536", 2e5),
    ("Steel fasteners", "7318", 1e5),
    ("Printing services", None, 5e4),
    ("Consulting services", None, 2e5),
    ("Calibration services", None, 3e4),
    ("Safety helmets & PPE", "6506", 6e4),
    ("Paints & coatings", "3208", 1.2e5),
    ("Hydraulic hoses", "4009", 9e4),
]
SECTOR_WORDS = {
    "Office supplies": ["Bürobedarf", "Office Supply", "Papeterie"],
    "Logistics services": ["Logistik", "Logistics", "Transport"],
    "Software licences": ["Software", "Systems", "Digital"],
    "Machine parts - bearings": ["Wälzlager", "Bearings", "Antriebstechnik"],
    "Industrial valves": ["Armaturen", "Valves", "Flow Control"],
    "Corrugated packaging": ["Verpackung", "Packaging", "Cartonnage"],
    "Laboratory chemicals": ["Laborchemie", "Scientific", "Lab Supply"],
    "IT hardware": ["IT-Systeme", "Computing", "Tech Supply"],
    "Cleaning services": ["Gebäudereinigung", "Cleaning Services", "Facility Clean"],
    "Facility management": ["Facility Services", "Property Services"],
    "Electrical components": ["Elektrotechnik", "Electric", "Components"],
    "Steel fasteners": ["Schrauben", "Fasteners", "Bolt & Nut"],
    "Printing services": ["Druckerei", "Print", "Graphics"],
    "Consulting services": ["Consulting", "Advisory", "Partners"],
    "Calibration services": ["Messtechnik", "Calibration", "Metrology"],
    "Safety helmets & PPE": ["Arbeitsschutz", "Safety", "Protective"],
    "Paints & coatings": ["Lacke", "Coatings", "Paints"],
    "Hydraulic hoses": ["Hydraulik", "Hydraulics", "Fluid Power"],
}

# Countries where the DOL List of Goods names a good: (ERP country spellings, legal forms, cities, name stems,
# [(material group, HS code, DOL good, forced labour listed, child labour listed)], everyday goods also bought there)
RISKY = {
    "CN": (
        ["CN", "China", "P.R.C.", "PRC"],
        ["Co., Ltd.", "Co. Ltd", "Company Limited"],
        [
            ("Ningbo", "Zhejiang", "315"),
            ("Dongguan", "Guangdong", "523"),
            ("Suzhou", "Jiangsu", "215"),
            ("Qingdao", "Shandong", "266"),
            ("Xiamen", "Fujian", "361"),
            ("Wuxi", "Jiangsu", "214"),
        ],
        [
            "Hengda",
            "Jinhui",
            "Ruifeng",
            "Shengtai",
            "Yongxin",
            "Huameng",
            "Dexin",
            "Kaiyuan",
            "Xinghe",
            "Baolong",
        ],
        [
            ("Cotton yarn, 40s combed", "5205", "Cotton", True, True),
            ("Knitted garments", "6109", "Garments", True, False),
            ("Work gloves (cotton)", "6116", "Gloves", True, False),
            ("Christmas decorations", "9505", "Christmas Decorations", True, False),
            ("Electronic assemblies (PCBA)", "8534", "Electronics", True, True),
            ("Polysilicon (solar grade)", "2804", "Polysilicon", True, False),
            ("Footwear - sports shoes", "6404", "Footwear", True, False),
            ("Plush toys", "9503", "Toys", True, True),
            ("Tomato paste", "2002", "Tomato Products", True, False),
            ("Artificial flowers", "6702", "Artificial Flowers", True, False),
        ],
        ["Injection moulds", "LED lighting", "Machine parts - bearings"],
    ),
    "MY": (
        ["MY", "Malaysia"],
        ["Sdn. Bhd.", "Sdn Bhd", "Berhad"],
        [("Klang", "Selangor", "41"), ("Ipoh", "Perak", "30"), ("Penang", "Pulau Pinang", "10")],
        ["Sinar", "Mega", "Harapan", "Perdana", "Cahaya", "Jaya"],
        [
            ("Nitrile examination gloves", "4015", "Rubber Gloves", True, False),
            ("Crude palm oil", "1511", "Palm Fruit", True, True),
            ("Electronic components", "8542", "Electronics", True, False),
        ],
        ["IT hardware"],
    ),
    "TH": (
        ["TH", "Thailand"],
        ["Co., Ltd.", "Public Company Limited"],
        [
            ("Samut Sakhon", "Samut Sakhon", "74"),
            ("Songkhla", "Songkhla", "90"),
            ("Bangkok", "Bangkok", "10"),
        ],
        ["Siam", "Chao Phraya", "Rattana", "Thanakorn", "Golden Gulf"],
        [
            ("Frozen shrimp (vannamei)", "0306", "Shrimp", True, True),
            ("Canned tuna", "1604", "Fish", True, False),
            ("Ladies garments", "6204", "Garments", True, True),
        ],
        ["Electrical components"],
    ),
    "VN": (
        ["VN", "Viet Nam", "Vietnam"],
        ["Co., Ltd.", "JSC", "Joint Stock Company"],
        [
            ("Bình Dương", "Bình Dương", "75"),
            ("Hải Phòng", "Hải Phòng", "18"),
            ("Đồng Nai", "Đồng Nai", "76"),
        ],
        ["Phu Thinh", "Minh Phat", "Hoang Long", "Tan Thanh", "Viet Tien"],
        [
            ("Woven garments", "6203", "Garments", True, True),
            ("Wooden furniture", "9403", "Furniture", False, True),
            ("Robusta coffee beans", "0901", "Coffee", False, True),
            ("Cashew kernels", "0801", "Cashews", False, True),
        ],
        ["Corrugated packaging"],
    ),
    "BD": (
        ["BD", "Bangladesh"],
        ["Ltd.", "Limited"],
        [
            ("Gazipur", "Dhaka Division", "17"),
            ("Chattogram", "Chattogram Division", "41"),
            ("Narayanganj", "Dhaka Division", "14"),
        ],
        ["Padma", "Meghna", "Rupali", "Shapla", "Jamuna"],
        [
            ("RMG knit garments", "6110", "Garments", True, True),
            ("Denim fabric", "5209", "Textiles", False, True),
            ("Frozen shrimp (black tiger)", "0306", "Shrimp", False, True),
            ("Jute bags", "6305", "Jute (textiles)", False, True),
        ],
        [],
    ),
    "IN": (
        ["IN", "India"],
        ["Pvt. Ltd.", "Private Limited", "Ltd."],
        [
            ("Tiruppur", "Tamil Nadu", "641"),
            ("Bhadohi", "Uttar Pradesh", "221"),
            ("Surat", "Gujarat", "395"),
            ("Moradabad", "Uttar Pradesh", "244"),
        ],
        ["Shree Ganesh", "Lakshmi", "Vardhman", "Sai Krishna", "Annapurna"],
        [
            ("Hand-knotted carpets", "5701", "Carpets", True, True),
            ("Cotton yarn", "5205", "Thread/Yarn", True, True),
            ("Sandstone paving", "6802", "Sandstone", True, True),
            ("Mica powder", "2525", "Mica", False, True),
            ("Brass hardware", "7419", "Brassware", False, True),
            ("Assam tea", "0902", "Tea", True, False),
        ],
        ["Software licences"],
    ),
    "TM": (
        ["TM", "Turkmenistan"],
        ["HJ", ""],
        [("Ashgabat", "Ahal", "744"), ("Mary", "Mary", "745")],
        ["Ashgabat Pagta", "Mary Pagta", "Lebap Dokma"],
        [("Raw cotton lint", "5201", "Cotton", True, True)],
        [],
    ),
    "CI": (
        ["CI", "Côte d'Ivoire", "Ivory Coast"],
        ["SARL", "SA"],
        [("San-Pédro", "Bas-Sassandra", ""), ("Abidjan", "Abidjan", "")],
        ["Soubré Cacao", "Ivoire Agro", "Lagunes Négoce", "Sassandra Export"],
        [("Cocoa beans", "1801", "Cocoa", True, True), ("Green coffee", "0901", "Coffee", True, True)],
        [],
    ),
    "CD": (
        ["CD", "DR Congo", "D.R. Congo"],
        ["SARL", "SAS"],
        [("Kolwezi", "Lualaba", ""), ("Lubumbashi", "Haut-Katanga", "")],
        ["Katanga Minerais", "Lualaba Négoce", "Kivu Metals"],
        [
            ("Cobalt ore (heterogenite)", "2605", "Cobalt ore (heterogenite)", False, True),
            ("Tin ore (cassiterite)", "2609", "Tin ore (cassiterite)", True, True),
        ],
        [],
    ),
    "BR": (
        ["BR", "Brazil", "Brasil"],
        ["Ltda.", "S.A."],
        [("Marabá", "PA", "685"), ("Varginha", "MG", "370"), ("Ribeirão Preto", "SP", "140")],
        ["Agropecuária Serra Verde", "Café do Vale", "Usina Boa Esperança", "Carvoaria Central"],
        [
            ("Green coffee (arabica)", "0901", "Coffee", True, True),
            ("Beef cuts", "0201", "Cattle", True, True),
            ("Sugarcane ethanol", "2207", "Sugarcane", True, True),
            ("Charcoal", "4402", "Charcoal", True, True),
        ],
        ["Paints & coatings"],
    ),
    "ID": (
        ["ID", "Indonesia"],
        ["PT", ""],
        [("Medan", "Sumatera Utara", "20"), ("Pontianak", "Kalimantan Barat", "78")],
        ["Sawit Makmur", "Bumi Hijau", "Samudra Jaya", "Karet Nusantara"],
        [
            ("Palm fruit bunches", "1207", "Palm Fruit", False, True),
            ("Frozen fish (tuna loins)", "0304", "Fish", True, True),
        ],
        [],
    ),
    "PK": (
        ["PK", "Pakistan"],
        ["(Pvt) Ltd", "Pvt. Ltd."],
        [("Sialkot", "Punjab", "51"), ("Faisalabad", "Punjab", "38")],
        ["Al-Noor", "Crescent", "Indus", "Ravi"],
        [
            ("Surgical instruments", "9018", "Surgical Instruments", False, True),
            ("Cotton yarn", "5205", "Cotton", True, False),
            ("Clay bricks", "6901", "Bricks", True, True),
        ],
        ["Safety helmets & PPE"],
    ),
    "TR": (
        ["TR", "Turkey", "Türkiye"],
        ["A.Ş.", "Ltd. Şti."],
        [("Giresun", "Giresun", "28"), ("Denizli", "Denizli", "20")],
        ["Karadeniz", "Ege", "Anadolu", "Pamukkale"],
        [
            ("Hazelnut kernels", "0802", "Hazelnuts", False, True),
            ("Cotton garments", "6109", "Garments", False, True),
        ],
        ["Hydraulic hoses"],
    ),
    "MX": (
        ["MX", "Mexico", "México"],
        ["S.A. de C.V.", "S. de R.L. de C.V."],
        [("Culiacán", "Sinaloa", "80"), ("León", "Guanajuato", "37")],
        ["Agrícola del Valle", "Hortalizas del Pacífico", "Textiles Bajío"],
        [
            ("Fresh tomatoes", "0702", "Tomatoes", True, True),
            ("Chile peppers", "0709", "Chile Peppers", True, True),
        ],
        ["Steel fasteners"],
    ),
    "GH": (
        ["GH", "Ghana"],
        ["Ltd", "Limited"],
        [("Kumasi", "Ashanti", ""), ("Tema", "Greater Accra", "")],
        ["Ashanti Cocoa", "Volta Gold", "Akwaaba Trading"],
        [
            ("Cocoa beans", "1801", "Cocoa", False, True),
            ("Tilapia fillets", "0304", "Tilapia (fish)", True, True),
        ],
        [],
    ),
    "MM": (
        ["MM", "Myanmar", "Burma"],
        ["Co., Ltd.", "Company Limited"],
        [("Yangon", "Yangon Region", "11")],
        ["Shwe Taung", "Golden Delta", "Ayeyar"],
        [("Garments (CMP)", "6204", "Garments", False, True), ("Rice", "1006", "Rice", True, True)],
        [],
    ),
    "KR": (
        ["KR", "South Korea", "Korea, Republic of"],
        ["Co., Ltd.", "Inc."],
        [("Busan", "Busan", "48"), ("Incheon", "Incheon", "21")],
        ["Hanbit", "Daesung", "Sejin", "Mirae"],
        [],
        ["Electrical components", "IT hardware"],
    ),
    "TW": (
        ["TW", "Taiwan"],
        ["Co., Ltd.", "Corp."],
        [("Taichung", "Taichung City", "40"), ("Kaohsiung", "Kaohsiung City", "80")],
        ["Formosa", "Everbright", "Jade Harbor"],
        [],
        ["Machine parts - bearings", "Electrical components"],
    ),
}
EXTRA_GOODS = {"Injection moulds": ("8480", 2e5), "LED lighting": ("9405", 1e5)}

# Findings text: (text, ILO indicators it evidences)
ILO_FINDINGS = [
    (
        "Passports of migrant workers retained by employer in HR office safe.",
        ["retention of identity documents"],
    ),
    (
        "Workers paid recruitment fees of USD 3,000-4,500 to agents in home country; debt repaid through payroll.",
        ["debt bondage", "recruitment fees"],
    ),
    ("Excessive overtime: up to 84 hours/week in peak season, rest day not granted.", ["excessive overtime"]),
    (
        "Wage withholding: two months' wages held back as 'deposit' until end of contract.",
        ["withholding of wages"],
    ),
    ("Dormitory exit restricted after 21:00; security guards keep gate keys.", ["restriction of movement"]),
    (
        "Workers report threats of dismissal and denunciation to immigration if they refuse overtime.",
        ["intimidation and threats", "excessive overtime"],
    ),
]
# Findings written by local audit teams in their language (Spanish-speaking and Chinese-speaking countries only).
ILO_FINDINGS_LOCAL = {
    "es": (
        "Se retuvieron los pasaportes de los trabajadores migrantes; horas extra excesivas sin pago.",
        ["retention of identity documents", "excessive overtime"],
    ),
    "zh": (
        "工人护照被雇主扣留；工资被拖欠三个月。",
        ["retention of identity documents", "withholding of wages"],
    ),
}
LOCAL_LANGUAGE = {"MX": "es", "ES": "es", "PE": "es", "CN": "zh", "TW": "zh"}
MINOR_FINDINGS = [
    "No findings.",
    "Minor: fire exit partially blocked by pallets; corrected on site.",
    "Working hours records incomplete for 2 of 25 sampled workers.",
    "First-aid kits not restocked.",
    "Chemical storage labels missing (corrected).",
    "No findings. Management system in place.",
    "Minor: overtime approval forms not signed by workers.",
    "Noise exposure assessment overdue.",
]
CERTIFICATIONS_LOW = [
    None,
    None,
    "ISO 9001",
    "ISO 9001; ISO 14001",
    "ISO 14001",
    "EcoVadis Silver",
    "ISO 45001",
]
CERTIFICATIONS_RISKY = [
    None,
    None,
    None,
    "amfori BSCI",
    "SMETA 4-pillar",
    "SA8000",
    "WRAP",
    "BSCI (expired)",
    "ISO 9001",
]
CERTIFICATIONS_GOOD = {
    "Cocoa": "Rainforest Alliance",
    "Palm Fruit": "RSPO",
    "Coffee": "Fairtrade",
    "Cotton": "BCI",
}


# --- planted listed entities ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Planted:
    """A real list entry spelt the way an ERP holds it; expected to be found by the matcher."""

    name: str
    list_id: str
    list_key: str  # the list's own identifier: UFLPA entity_key, OFAC ent_num, CBP entity text
    list_name: str  # the entry's name (or alias) as published
    mangling: str
    difficulty: str  # easy / medium / hard
    country: str
    iso2: str
    city: str
    region: str
    goods: str
    hs_code: str | None


PLANTED = [
    Planted(
        "XINJIANG DAQO NEW ENERGY CO LTD",
        "uflpa",
        "xinjiang-daqo-new-energy",
        "Xinjiang Daqo New Energy Co., Ltd.",
        "upper case, 'Co., Ltd.' -> 'CO LTD'",
        "easy",
        "CN",
        "CN",
        "Shihezi",
        "Xinjiang",
        "Polysilicon (solar grade)",
        "2804",
    ),
    Planted(
        "HOSHINE SILICON INDUSTRY (SHANSHAN)",
        "uflpa",
        "hoshine-silicon-industry-shanshan",
        "Hoshine Silicon Industry (Shanshan) Co., Ltd.",
        "upper case, truncated at 35 characters (legal form cut off)",
        "easy",
        "China",
        "CN",
        "Shanshan",
        "Xinjiang",
        "Industrial silicon metal",
        "2804",
    ),
    Planted(
        "Akesu Huafu Melange Yarn Company Limited",
        "uflpa",
        "aksu-huafu-color-spinning",
        "Akesu Huafu Melange Yarn Co., Ltd.",
        "alias of Aksu Huafu Color Spinning used; 'Co., Ltd.' -> 'Company Limited'",
        "medium",
        "P.R.C.",
        "CN",
        "Aksu",
        "XUAR",
        "Cotton yarn - melange",
        "5206",
    ),
    Planted(
        "Hetian Tiada Apparel Co., Ltd.",
        "uflpa",
        "hetian-taida-apparel",
        "Hetian Taida Apparel Co., Ltd.",
        "typo: 'Taida' -> 'Tiada' (also on the CBP WRO list, 2019-09-30)",
        "medium",
        "CN",
        "CN",
        "Hotan",
        "Xinjiang",
        "Knitted garments",
        "6109",
    ),
    Planted(
        "Meike Solar Technology Jiangsu Co., Ltd.",
        "uflpa",
        "jiangsu-meike-solar-technology",
        "Jiangsu Meike Solar Technology Co., Ltd.",
        "word order: province moved after the trade name",
        "medium",
        "China",
        "CN",
        "Yangzhou",
        "Jiangsu",
        "Solar wafers",
        "3818",
    ),
    Planted(
        "Huafu Fashion Co., Ltd. (Xinjiang)",
        "uflpa",
        "huafu-fashion",
        "Huafu Fashion Co., Ltd.",
        "site qualifier '(Xinjiang)' appended by the ERP",
        "easy",
        "CN",
        "CN",
        "Urumqi",
        "Xinjiang",
        "Dyed cotton yarn",
        "5205",
    ),
    Planted(
        "新疆生产建设兵团",
        "uflpa",
        "xinjiang-production-and-construction-corps",
        "Xinjiang Production and Construction Corps",
        "Chinese characters (the list carries only English and the pinyin alias 'Bingtuan'; also on OFAC SDN and CBP WRO)",
        "hard",
        "CN",
        "CN",
        "Urumqi",
        "新疆",
        "Raw cotton lint",
        "5201",
    ),
    Planted(
        "GIANT MFG. CO., LTD.",
        "cbp-wro",
        "Giant Manufacturing Co., Ltd.",
        "Giant Manufacturing Co., Ltd.",
        "'Manufacturing' abbreviated 'MFG.', upper case",
        "medium",
        "TW",
        "TW",
        "Taichung",
        "Taichung City",
        "Bicycle frames",
        "8714",
    ),
    Planted(
        "Huizhou Mink Industrial Company Limited",
        "cbp-wro",
        "Huizhou Mink Industrial CO. Ltd.",
        "Huizhou Mink Industrial CO. Ltd.",
        "'CO. Ltd.' -> 'Company Limited'",
        "easy",
        "China",
        "CN",
        "Huizhou",
        "Guangdong",
        "Plastic injection parts",
        "3926",
    ),
    Planted(
        "Tae Pyung Salt Farm",
        "cbp-wro",
        "Taepyung Salt Farm",
        "Taepyung Salt Farm",
        "romanisation split: 'Taepyung' -> 'Tae Pyung'",
        "medium",
        "KR",
        "KR",
        "Sinan-gun",
        "Jeollanam-do",
        "Sea salt",
        "2501",
    ),
    Planted(
        "PINGTAN MARINE ENTERPRISE LIMITED",
        "ofac-sdn",
        "33675",
        "PINGTAN MARINE ENTERPRISE LTD.",
        "'LTD.' -> 'LIMITED' (OFAC GLOMAG designation for forced labour on fishing vessels)",
        "easy",
        "CN",
        "CN",
        "Fuzhou",
        "Fujian",
        "Frozen squid",
        "0307",
    ),
    Planted(
        "Korea General Corp. for External Constr.",
        "ofac-sdn",
        "19611",
        "KOREA GENERAL CORPORATION FOR EXTERNAL CONSTRUCTION",
        "abbreviated 'Corp.', 'Constr.' (overseas labour exporter)",
        "medium",
        "KP",
        "KP",
        "Pyongyang",
        "",
        "Construction labour services",
        None,
    ),
]

# Invented names that share words with listed entities but are NOT listed: must not be reported as list matches.
DECOYS = [
    (
        "Xinjiang Junggar Basin Logistics Co., Ltd.",
        "CN",
        "Changji",
        "Xinjiang",
        "Logistics services",
        None,
        "shares 'Xinjiang Junggar' with UFLPA 'Xinjiang Junggar Cotton and Linen Co., Ltd.'",
    ),
    (
        "Xinjiang Tianshan Dried Fruit Trading Co., Ltd.",
        "China",
        "Turpan",
        "Xinjiang",
        "Dried raisins",
        "0806",
        "shares 'Xinjiang Tianshan' with UFLPA 'Xinjiang Tianshan Wool Textile Co. Ltd.'",
    ),
    (
        "Aksu Golden Orchard Apple Co., Ltd.",
        "CN",
        "Aksu",
        "Xinjiang",
        "Fresh apples",
        "0808",
        "shares 'Aksu' with five UFLPA Aksu/Huafu entities",
    ),
    (
        "Hetian Jade Crafts Trading Co., Ltd.",
        "CN",
        "Hotan",
        "Xinjiang",
        "Jade handicrafts",
        "7103",
        "shares 'Hetian' with UFLPA Hetian Taida Apparel / Hetian Haolin Hair Accessories",
    ),
    (
        "Zhuhai Seaside Printing Consumables Co., Ltd.",
        "CN",
        "Zhuhai",
        "Guangdong",
        "Toner cartridges",
        "8443",
        "close to UFLPA 'Zhuhai Seine Printing Technology Co., Ltd.' (same city, same trade)",
    ),
    (
        "Giant Steps Logistics B.V.",
        "NL",
        "Rotterdam",
        "Zuid-Holland",
        "Logistics services",
        None,
        "shares 'Giant' with CBP WRO 'Giant Manufacturing Co., Ltd.'",
    ),
    (
        "Topline Glove Trading Ltd",
        "GB",
        "Leeds",
        "West Yorkshire",
        "Nitrile examination gloves",
        "4015",
        "close to CBP WRO 'Top Glove Corporation Bhd'",
    ),
    (
        "Dalian Ocean Star Aquatic Products Co., Ltd.",
        "CN",
        "Dalian",
        "Liaoning",
        "Frozen pollock fillets",
        "0304",
        "close to CBP WRO 'Fishing Vessels owned by Dalian Ocean Fishing Co. Ltd.'",
    ),
    (
        "Hanbit General Construction Co., Ltd.",
        "KR",
        "Incheon",
        "Incheon",
        "Construction services",
        None,
        "shares 'General ... Construction' with OFAC 'Korea General Corporation for External Construction'",
    ),
    (
        "Camel Outdoor Equipment GmbH",
        "DE",
        "Köln",
        "Nordrhein-Westfalen",
        "Safety helmets & PPE",
        "6506",
        "shares 'Camel' with UFLPA 'Camel Group Co., Ltd.'",
    ),
]
# Suppliers with Xinjiang addresses that are on no list: a geographic risk, not a list hit.
XINJIANG_UNLISTED = [
    (
        "Urumqi Silk Road Tomato Products Co., Ltd.",
        "CN",
        "Urumqi",
        "Xinjiang Uygur Autonomous Region",
        "Tomato paste",
        "2002",
    ),
    ("Korla Fragrant Pear Cotton Trading Co., Ltd.", "China", "Korla", "Xinjiang", "Raw cotton lint", "5201"),
    ("Kashgar Oasis Home Textiles Co., Ltd.", "CN", "Kashgar", "XUAR", "Bed linen (cotton)", "6302"),
]
STREETS = {
    "DE": ["Industriestraße", "Hafenweg", "Gewerbering", "Am Güterbahnhof"],
    "AT": ["Industriezeile", "Gewerbepark"],
    "CH": ["Industriestrasse", "Route de l'Industrie"],
    "NL": ["Kanaalweg", "Industrieweg", "Havenstraat"],
    "US": ["Industrial Parkway", "Commerce Drive", "Main Street"],
    "CA": ["Industrial Parkway", "Rue Principale"],
    "GB": ["Station Road", "Harbour Road", "Mill Lane"],
    "FR": ["Rue de l'Industrie", "Avenue de la Gare"],
    "IT": ["Via Roma", "Via dell'Industria"],
    "ES": ["Calle Mayor", "Polígono Industrial, Calle B"],
    "PL": ["ul. Przemysłowa", "ul. Fabryczna"],
    "SE": ["Storgatan", "Industrivägen"],
    "NO": ["Industriveien", "Havnegata"],
    "DK": ["Industrivej", "Havnegade"],
    "JP": ["Chuo-ku Honmachi", "Minato-ku Kaigan"],
    "MY": ["Jalan Perusahaan", "Jalan Industri"],
    "TH": ["Moo 4, Rama II Rd", "Soi Sukhumvit"],
    "VN": ["Lot B-12, KCN", "Đường số 5, KCN"],
    "ID": ["Jl. Industri", "Kawasan Industri"],
}
STREETS_DEFAULT = [
    "Industrial Zone Rd",
    "Development Ave",
    "Export Processing Zone",
    "Hi-Tech Park Road",
    "Economic Development Zone",
]


def _street(rng: random.Random, iso2: str) -> str:
    name = _pick(rng, STREETS.get(iso2, STREETS_DEFAULT))
    number = rng.randint(1, 180)
    return (
        f"{name} {number}"
        if iso2 in ("DE", "AT", "CH", "NL", "PL", "SE", "NO", "DK", "IT", "ES")
        else f"{number} {name}"
    )


# --- builders --------------------------------------------------------------------------------------------------------
def _pick(rng: random.Random, items: list):
    return items[rng.randrange(len(items))]


def _spend(rng: random.Random, scale: float) -> float:
    return round(scale * math.exp(rng.gauss(0, 0.8)), 2)


def _postal(rng: random.Random, prefix: str) -> str:
    if prefix.isalpha():  # UK outward codes
        return f"{prefix}{rng.randint(1, 28)} {rng.randint(1, 9)}{_pick(rng, list('ABDEFGHJLNPQRSTUWXYZ'))}{_pick(rng, list('ABDEFGHJLNPQRSTUWXYZ'))}"
    return (
        (prefix + "".join(str(rng.randint(0, 9)) for _ in range(max(0, 5 - len(prefix))))) if prefix else ""
    )


def _tip_tiers() -> dict[str, float]:
    """Latest US TIP tier per ISO code (2.5 = Tier 2 Watch List), read from the shipped reference table."""
    latest: dict[str, tuple[int, float]] = {}
    with TIP_TIERS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            tier = {"1": 1.0, "2": 2.0, "2WL": 2.5, "3": 3.0}.get(
                row["tier"].strip().upper().replace(" ", "")
            )
            year = int(row["report_year"])
            if (
                tier is not None
                and row["iso2"]
                and (row["iso2"] not in latest or latest[row["iso2"]][0] < year)
            ):
                latest[row["iso2"]] = (year, tier)
    return {code: tier for code, (_, tier) in latest.items()}


def _audit(rng: random.Random, supplier: Supplier, risk: float) -> None:
    """Fill audit and worker-voice fields; ``risk`` in [0, 1] drives how bad they look."""
    if rng.random() < 0.25 + 0.15 * risk:
        supplier.audit_result = _pick(rng, [None, "Not audited"])
        supplier.facts["ilo"] = []
    else:
        months = rng.randint(1, 40)
        supplier.audit_date = EXPORT_DATE - dt.timedelta(days=30 * months + rng.randint(0, 29))
        serious = rng.random() < 0.55 * risk
        if serious:
            local = ILO_FINDINGS_LOCAL.get(LOCAL_LANGUAGE.get(supplier.iso2, ""))
            text, ilo = local if local and rng.random() < 0.3 else _pick(rng, ILO_FINDINGS)
            supplier.findings, supplier.facts["ilo"] = text, ilo
            supplier.audit_result = _pick(rng, ["Fail", "Zero tolerance", "Conditional pass"])
        else:
            supplier.findings, supplier.facts["ilo"] = _pick(rng, MINOR_FINDINGS), []
            supplier.audit_result = _pick(rng, ["Pass", "Pass", "Conditional pass"])
    supplier.grievance = (
        _pick(rng, ["Yes", "Yes", None]) if rng.random() > risk * 0.6 else _pick(rng, ["No", None])
    )
    supplier.union = "Yes" if rng.random() > 0.3 + 0.6 * risk else _pick(rng, ["No", None])
    supplier.survey_score = (
        max(5, min(100, int(rng.gauss(78 - 40 * risk, 12)))) if rng.random() < 0.55 else None
    )
    migrant = rng.random() < 0.2 + 0.5 * risk
    supplier.migrant_share = (
        round(min(0.95, rng.uniform(0.05, 0.3) + 0.5 * risk * rng.random()), 2)
        if migrant
        else (0.0 if rng.random() < 0.5 else None)
    )
    supplier.fees_paid = (
        ("Yes" if rng.random() < 0.6 * risk * (2 if migrant else 0.5) else "No")
        if rng.random() < 0.7
        else None
    )


def _sector_word(rng: random.Random, goods: str, iso2: str) -> str:
    """German trade words for German-speaking countries, English ones elsewhere."""
    words = SECTOR_WORDS[goods]
    return words[0] if iso2 in ("DE", "AT", "CH") or len(words) == 1 else _pick(rng, words[1:])


def low_risk_supplier(rng: random.Random) -> Supplier:
    iso2 = _pick(rng, list(LOW_RISK))
    spellings, forms, cities = LOW_RISK[iso2]
    goods, hs, scale = _pick(rng, EVERYDAY_GOODS)
    stem = _pick(rng, SURNAMES if rng.random() < 0.6 else NEUTRAL)
    city, region, postal = _pick(rng, cities)
    supplier = Supplier(
        name=f"{stem} {_sector_word(rng, goods, iso2)} {_pick(rng, forms)}",
        street=_street(rng, iso2),
        city=city,
        region=region,
        postal=_postal(rng, postal),
        country=_pick(rng, spellings),
        iso2=iso2,
        goods=goods,
        hs_code=hs if rng.random() < 0.7 else None,
        spend=_spend(rng, scale),
        facts={"dol_forced": False, "dol_child": False},
    )
    _audit(rng, supplier, risk=0.05)
    supplier.certifications = _pick(rng, CERTIFICATIONS_LOW)
    return supplier


def risky_country_supplier(
    rng: random.Random, iso2: str | None = None, listed_good: bool | None = None
) -> Supplier:
    iso2 = iso2 or _pick(rng, list(RISKY))
    spellings, forms, cities, stems, dol_goods, everyday = RISKY[iso2]
    use_dol = dol_goods and (listed_good if listed_good is not None else rng.random() < 0.65 or not everyday)
    if use_dol:
        goods, hs, dol_good, forced, child = _pick(rng, dol_goods)
        scale = 3e5
    else:
        goods = _pick(rng, everyday)
        hs, scale = EXTRA_GOODS.get(goods) or next((h, s) for g, h, s in EVERYDAY_GOODS if g == goods)
        dol_good, forced, child = None, False, False
    city, region, postal = _pick(rng, cities)
    form = _pick(rng, forms)
    stem = _pick(rng, stems if use_dol or iso2 == "CN" else NEUTRAL)
    trade = " ".join(
        w if w.isupper() else w.capitalize()
        for w in goods.split(",")[0].split(" (")[0].split(" - ")[0].split()
    )
    if iso2 == "ID" and form == "PT":
        name = f"PT {stem} {trade}"
    elif iso2 == "CN":
        name = f"{city} {stem} {trade} {form}"
    else:
        name = f"{stem} {trade} {form}".strip()
    supplier = Supplier(
        name=name,
        street=_street(rng, iso2),
        city=city,
        region=region,
        postal=_postal(rng, postal),
        country=_pick(rng, spellings),
        iso2=iso2,
        goods=goods,
        hs_code=hs if rng.random() < 0.6 else None,
        spend=_spend(rng, scale),
        kind="high_risk" if use_dol else "ordinary",
        facts={"dol_forced": bool(forced), "dol_child": bool(child), "dol_good": dol_good},
    )
    _audit(rng, supplier, risk=0.55 if forced else 0.35 if child else 0.2)
    supplier.certifications = (
        CERTIFICATIONS_GOOD.get(dol_good or "") if rng.random() < 0.3 else _pick(rng, CERTIFICATIONS_RISKY)
    )
    return supplier


def planted_supplier(rng: random.Random, planted: Planted) -> Supplier:
    supplier = Supplier(
        name=planted.name,
        street=_street(rng, planted.iso2),
        city=planted.city,
        region=planted.region,
        postal="",
        country=planted.country,
        iso2=planted.iso2,
        goods=planted.goods,
        hs_code=planted.hs_code,
        spend=_spend(rng, 4e5),
        kind="planted",
        facts={"listed": True, "dol_forced": planted.iso2 == "CN", "dol_child": False},
    )
    _audit(rng, supplier, risk=0.5)
    supplier.certifications = _pick(rng, CERTIFICATIONS_RISKY)
    return supplier


def named_supplier(rng: random.Random, name, country, city, region, goods, hs, kind) -> Supplier:
    iso2 = {"China": "CN"}.get(country, country)
    supplier = Supplier(
        name=name,
        street=_street(rng, iso2),
        city=city,
        region=region,
        postal="",
        country=country,
        iso2=iso2,
        goods=goods,
        hs_code=hs,
        spend=_spend(rng, 1.5e5),
        kind=kind,
        facts={"dol_forced": False, "dol_child": False},
    )
    _audit(rng, supplier, risk=0.35 if iso2 == "CN" else 0.1)
    return supplier


# --- the demo workbook ----------------------------------------------------------------------------------------------
def demo_suppliers(rng: random.Random) -> list[Supplier]:
    """About 300 suppliers: planted, decoys, Xinjiang addresses, high-risk pairs and ordinary ones, shuffled."""
    rows = [planted_supplier(rng, p) for p in PLANTED]
    rows += [named_supplier(rng, n, c, ci, r, g, h, "decoy") for n, c, ci, r, g, h, _ in DECOYS]
    rows += [named_supplier(rng, n, c, ci, r, g, h, "xinjiang") for n, c, ci, r, g, h in XINJIANG_UNLISTED]
    for iso2 in (
        "CN",
        "CN",
        "CN",
        "CN",
        "MY",
        "MY",
        "TM",
        "CI",
        "TH",
        "TH",
        "CD",
        "BD",
        "BD",
        "IN",
        "IN",
        "BR",
        "PK",
        "MX",
    ):
        rows.append(risky_country_supplier(rng, iso2, listed_good=True))
    rows += [risky_country_supplier(rng) for _ in range(55)]
    rows += [low_risk_supplier(rng) for _ in range(195)]
    rng.shuffle(rows)
    _plant_local_findings(rows)
    injection = low_risk_supplier(rng)
    injection.name, injection.kind = (
        '=HYPERLINK("http://example.invalid/x","Nordwind Packaging GmbH")',
        "injection",
    )
    rows.insert(140, injection)
    blank = low_risk_supplier(rng)
    blank.name, blank.kind = None, "reject"
    rows.insert(201, blank)
    blank2 = low_risk_supplier(rng)
    blank2.name, blank2.kind = "   ", "reject"
    rows.insert(257, blank2)
    return rows


def _plant_local_findings(rows: list[Supplier]) -> None:
    """Make sure the demo carries one Spanish and one Chinese finding (on a Mexican and a Chinese supplier)."""
    for iso2, language in (("MX", "es"), ("CN", "zh")):
        supplier = next(s for s in rows if s.iso2 == iso2 and s.kind == "high_risk")
        supplier.findings, supplier.facts["ilo"] = ILO_FINDINGS_LOCAL[language]
        supplier.audit_result = "Zero tolerance"
        supplier.audit_date = supplier.audit_date or EXPORT_DATE - dt.timedelta(days=75)


def _cell_values(number: int, supplier: Supplier) -> list:
    return [
        f"{number:010d}",
        supplier.name,
        supplier.street,
        supplier.city,
        supplier.region or None,
        supplier.postal or None,
        supplier.country,
        supplier.goods,
        supplier.hs_code,
        supplier.spend,
        _pick(random.Random(number), ["1000", "1100", "2000"]),
        supplier.audit_date,
        supplier.audit_result,
        supplier.findings,
        supplier.certifications,
        supplier.grievance,
        supplier.survey_score,
        supplier.union,
        supplier.fees_paid,
        supplier.migrant_share,
    ]


def _write_row(sheet, row: int, values: list) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column, value=value)
        if isinstance(value, str) and value[:1] in "=+-@":
            cell.data_type = "s"  # a text cell, never a formula: openpyxl would otherwise write it as one
    sheet.cell(row=row, column=1).number_format = "@"
    sheet.cell(row=row, column=9).number_format = "@"
    sheet.cell(row=row, column=6).number_format = "@"
    sheet.cell(row=row, column=10).number_format = "#,##0.00"
    sheet.cell(row=row, column=12).number_format = "dd.mm.yyyy"
    sheet.cell(row=row, column=20).number_format = "0%"


def write_vendor_sheet(
    sheet,
    suppliers: list[Supplier],
    *,
    extra_column: str | None = None,
    extra_values: list | None = None,
    totals: bool = True,
) -> list[int]:
    """Title block, header on row 5, one row per supplier, an optional totals row; returns each supplier's row."""
    sheet["A1"] = "Hollmann Industrietechnik GmbH - Procurement"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = "Supplier master export (SAP MM: LFA1 / LFM1, active vendors, all purchasing orgs)"
    sheet["A3"] = f"Exported {EXPORT_DATE:%d.%m.%Y} 08:14 by J.MEYER"
    header = list(COLUMNS) + ([extra_column] if extra_column else [])
    for column, title in enumerate(header, start=1):
        sheet.cell(row=HEADER_ROW, column=column, value=title).font = Font(bold=True)
    rows = []
    for offset, supplier in enumerate(suppliers):
        row = HEADER_ROW + 1 + offset
        values = _cell_values(104500 + 7 * offset, supplier)
        if extra_column:
            values.append(extra_values[offset])
        _write_row(sheet, row, values)
        rows.append(row)
    if totals:
        total_row = HEADER_ROW + 1 + len(suppliers)
        sheet.cell(row=total_row, column=2, value="Total").font = Font(bold=True)
        sheet.cell(
            row=total_row, column=10, value=round(sum(s.spend for s in suppliers), 2)
        ).number_format = "#,##0.00"
        rows.append(total_row)
    widths = [12, 46, 28, 14, 18, 10, 10, 28, 8, 16, 9, 13, 16, 60, 22, 11, 11, 11, 11, 10, 14]
    for column, width in enumerate(widths[: len(header)], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(header))}{HEADER_ROW + len(suppliers)}"
    return rows


def write_readme_sheet(sheet, lines: list[str]) -> None:
    for row, line in enumerate(lines, start=1):
        sheet.cell(row=row, column=1, value=line)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 110


def write_lookups_sheet(sheet) -> None:
    sheet.append(["Audit Result", "Meaning"])
    for code, meaning in [
        ("Pass", "no or minor findings"),
        ("Conditional pass", "corrective action plan open"),
        ("Fail", "major findings"),
        ("Zero tolerance", "forced/child labour indicator found"),
        ("Not audited", "no audit on file"),
    ]:
        sheet.append([code, meaning])
    sheet.append([])
    sheet.append(["Purch. Org", "Description"])
    for code, meaning in [
        ("1000", "Hollmann DE central"),
        ("1100", "Hollmann DE plants"),
        ("2000", "Hollmann NL"),
    ]:
        sheet.append([code, meaning])


def save_reproducibly(workbook: Workbook, path: Path) -> None:
    """Save with fixed document timestamps and zip entry dates, so the same seed gives the same bytes."""
    stamp = dt.datetime.combine(EXPORT_DATE, dt.time(8, 14))
    workbook.properties.creator = "SAP S/4HANA export"
    workbook.properties.created = workbook.properties.modified = stamp
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            if name == "docProps/core.xml":  # openpyxl stamps "modified" with the current time on save
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*",
                    rb"\g<1>" + f"{stamp:%Y-%m-%dT%H:%M:%SZ}".encode(),
                    data,
                )
            archive.writestr(
                zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6]), data, zipfile.ZIP_DEFLATED
            )


def write_demo_workbook(path: Path, suppliers: list[Supplier]) -> list[int]:
    workbook = Workbook()
    write_readme_sheet(
        workbook.active,
        [
            "Supplier master export - read me",
            "Source: SAP S/4HANA vendor master (LFA1/LFM1) joined with the supplier audit tracker.",
            "Audit and worker-voice columns come from the responsible-sourcing team (last refresh June 2026).",
            "Spend = invoiced amount of the last 12 months in EUR.",
            "Questions: procurement-data@hollmann.example",
        ],
    )
    workbook.active.title = "Read me"
    rows = write_vendor_sheet(workbook.create_sheet("Vendor master"), suppliers)
    write_lookups_sheet(workbook.create_sheet("Lookups"))
    save_reproducibly(workbook, path)
    return rows


def write_planted_hits(path: Path, suppliers: list[Supplier], rows: list[int]) -> None:
    planted = {p.name: p for p in PLANTED}
    decoys = {d[0]: d[6] for d in DECOYS}
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(
            [
                "source_row",
                "supplier_name",
                "expected",
                "list_id",
                "list_key",
                "list_entity_name",
                "difficulty",
                "note",
            ]
        )
        for supplier, row in zip(suppliers, rows, strict=False):
            if supplier.kind == "planted":
                p = planted[supplier.name]
                writer.writerow(
                    [row, p.name, "match", p.list_id, p.list_key, p.list_name, p.difficulty, p.mangling]
                )
            elif supplier.kind == "decoy":
                writer.writerow([row, supplier.name, "no_match", "", "", "", "", decoys[supplier.name]])
            elif supplier.kind == "reject":
                writer.writerow([row, supplier.name or "", "rejected", "", "", "", "", "no supplier name"])
            elif supplier.kind == "injection":
                writer.writerow(
                    [
                        row,
                        supplier.name,
                        "text_not_formula",
                        "",
                        "",
                        "",
                        "",
                        "name starts with '=': must be screened and written back as text",
                    ]
                )
        writer.writerow(
            [rows[-1], "Total", "rejected", "", "", "", "", "totals row (spend sum), not a supplier"]
        )


# --- the labelled training sample -----------------------------------------------------------------------------------
# Weights of the generative process (log-odds). Documented in sample_data/training/README.md and the model card.
OUTCOME_WEIGHTS = {
    "intercept": -4.0,
    "listed": 3.0,
    "dol_forced": 1.1,
    "dol_child": 0.4,
    "tip_tier_above_1": 0.45,  # per tier step above Tier 1 (Watch List = 1.5 steps)
    "ilo_finding": 1.3,  # per ILO forced-labour indicator evidenced in the audit findings
    "audit_failed": 0.5,
    "not_audited": 0.4,
    "no_grievance": 0.5,
    "fees_paid": 0.9,
    "migrant_share": 1.2,  # times the share (0-1)
    "low_survey": 0.6,  # worker survey score below 50
    "noise_sd": 0.8,  # Gaussian noise on the log-odds: what no column in the file can explain
}


def outcome_probability(supplier: Supplier, tiers: dict[str, float], noise: float) -> float:
    """P(forced-labour finding) for a synthetic supplier: a logistic model over its risk factors plus noise."""
    w, f = OUTCOME_WEIGHTS, supplier.facts
    logit = w["intercept"] + w["listed"] * f.get("listed", False)
    logit += w["dol_forced"] * f.get("dol_forced", False) + w["dol_child"] * f.get("dol_child", False)
    logit += w["tip_tier_above_1"] * (tiers.get(supplier.iso2, 2.0) - 1.0)
    logit += w["ilo_finding"] * len(f.get("ilo", []))
    logit += w["audit_failed"] * (supplier.audit_result in ("Fail", "Zero tolerance"))
    logit += w["not_audited"] * (supplier.audit_date is None)
    logit += w["no_grievance"] * (supplier.grievance == "No") + w["fees_paid"] * (supplier.fees_paid == "Yes")
    logit += w["migrant_share"] * (supplier.migrant_share or 0.0)
    logit += w["low_survey"] * (supplier.survey_score is not None and supplier.survey_score < 50)
    return 1.0 / (1.0 + math.exp(-(logit + noise)))


LISTS_DIR = ROOT / "screener" / "data" / "lists"


def listed_names() -> list[tuple[str, str, str]]:
    """(name, ISO code, list id) of the bundled UFLPA entities and the single-company CBP orders, in file order."""
    names: dict[str, tuple[str, str, str]] = {}
    with (LISTS_DIR / "uflpa_entity_list.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["status"] == "listed":
                names.setdefault(row["entity_name"], (row["entity_name"], row["country"] or "CN", "uflpa"))
    with (LISTS_DIR / "cbp_wro_findings.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            simple = (
                ";" not in row["entity"] and " and " not in row["entity"] and "Vessel" not in row["entity"]
            )
            if (
                row["is_entity"] == "true"
                and row["status"] == "active"
                and simple
                and len(row["entity"]) < 60
            ):
                names.setdefault(
                    row["entity"], (row["entity"], "CN" if row["country"] == "China" else "", "cbp-wro")
                )
    return sorted(names.values())


def _erp_spelling(rng: random.Random, name: str) -> str:
    """How an ERP might hold a listed name: upper case, legal form rewritten, or cut at 35 characters."""
    style = rng.randrange(4)
    if style == 0:
        return name.upper().replace(",", "").replace(".", "")
    if style == 1:
        return re.sub(r"Co\.,? Ltd\.?", "Company Limited", name)
    if style == 2:
        return name[:35].rstrip(" ,.")
    return name


def listed_training_supplier(rng: random.Random, name: str, iso2: str) -> Supplier:
    iso2 = iso2 if iso2 in RISKY else "CN"
    supplier = risky_country_supplier(rng, iso2, listed_good=True)
    supplier.name, supplier.kind = _erp_spelling(rng, name), "planted"
    supplier.facts["listed"] = True
    return supplier


def training_suppliers(rng: random.Random, size: int = 1500) -> list[Supplier]:
    """A population like the demo's but larger; besides the demo's planted entities it holds 48 more names from
    the bundled lists (3-4% listed in all), so a model can learn what a list match means."""
    rows = [planted_supplier(rng, p) for p in PLANTED]
    candidates = [entry for entry in listed_names() if entry[0] not in {p.list_name for p in PLANTED}]
    rows += [listed_training_supplier(rng, name, iso2) for name, iso2, _ in rng.sample(candidates, 48)]
    rows += [named_supplier(rng, n, c, ci, r, g, h, "decoy") for n, c, ci, r, g, h, _ in DECOYS]
    rows += [named_supplier(rng, n, c, ci, r, g, h, "xinjiang") for n, c, ci, r, g, h in XINJIANG_UNLISTED]
    while len(rows) < size:
        rows.append(risky_country_supplier(rng) if rng.random() < 0.4 else low_risk_supplier(rng))
    rng.shuffle(rows)
    return rows


def write_training_workbook(path: Path, rng: random.Random) -> tuple[int, int, int]:
    """The labelled sample: the vendor sheet plus 'Forced Labour Finding' (Yes / No / blank = not yet known)."""
    tiers = _tip_tiers()
    suppliers = training_suppliers(rng)
    labels = []
    for supplier in suppliers:
        p = outcome_probability(supplier, tiers, rng.gauss(0, OUTCOME_WEIGHTS["noise_sd"]))
        outcome = "Yes" if rng.random() < p else "No"
        labels.append(None if rng.random() < 0.03 else outcome)
    workbook = Workbook()
    write_readme_sheet(
        workbook.active,
        [
            "SYNTHETIC training sample - labels are generated, not real outcomes",
            "Made by scripts/make_sample_data.py; see sample_data/training/README.md for the generative process.",
        ],
    )
    workbook.active.title = "Read me"
    write_vendor_sheet(
        workbook.create_sheet("Vendor master"),
        suppliers,
        extra_column="Forced Labour Finding",
        extra_values=labels,
        totals=False,
    )
    save_reproducibly(workbook, path)
    return len(suppliers), sum(label == "Yes" for label in labels), sum(label is None for label in labels)


def main() -> None:
    OUT_DIR.mkdir(exist_ok=True)
    (OUT_DIR / "training").mkdir(exist_ok=True)
    suppliers = demo_suppliers(random.Random(SEED))
    rows = write_demo_workbook(OUT_DIR / "suppliers.xlsx", suppliers)
    write_planted_hits(OUT_DIR / "planted_hits.csv", suppliers, rows)
    size, positives, unlabelled = write_training_workbook(
        OUT_DIR / "training" / "labelled_suppliers.xlsx", random.Random(TRAINING_SEED)
    )
    print(
        f"sample_data/suppliers.xlsx: {len(suppliers)} data rows (+ totals row), header on row {HEADER_ROW}"
    )
    print(
        f"sample_data/training/labelled_suppliers.xlsx: {size} rows, {positives} labelled Yes, {unlabelled} unlabelled"
    )


if __name__ == "__main__":
    main()
