"""Region- and product-wide orders, and the UFLPA Xinjiang presumption: risk that reaches suppliers on no entity list.

* CBP region/product Withhold Release Orders (``ListSet.orders``: Xinjiang cotton and tomatoes, Turkmenistan cotton,
  Malawi tobacco, DRC artisanal gold, Zimbabwe Marange diamonds): the supplier's country is the order's country and
  one of its goods is the order's merchandise (or made from it: [orders] downstream). An order for a region (XUAR)
  also needs the supplier's name or address to be in that region.
* UFLPA rebuttable presumption (Uyghur Forced Labor Prevention Act s.3): goods mined, produced or manufactured wholly
  or in part in Xinjiang are presumed made with forced labour. Fires when the supplier's name, address, city or
  region names a place in Xinjiang (``xinjiang_places.csv``, Latin and Han script).
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import polars as pl
import pycountry

from screener.data import reference_path
from screener.indicators.base import ORDER, RuleInfo, Weights, empty_hits, grouped_rows, hits_frame
from screener.indicators.context import Context
from screener.indicators.kinds import RuleIds, RuleKind, register
from screener.indicators.settings import Good, weights
from screener.indicators.validate import Country, Flag, ListOf, MapOf, Setting, Text, table
from screener.normalize.countries import country_name
from screener.normalize.goods import GOOD, MATCHED, VIA, goods_from_text
from screener.normalize.phrases import PhraseIndex
from screener.schema import COUNTRY_CODE, ROW_ID

PLACES_FILE = "xinjiang_places.csv"

SETTINGS = (
    Setting(
        "orders",
        table(
            Setting(
                "region_order", weights(), "the supplier's good and country fall under a region/product order"
            ),
            Setting("force_high", Flag(), "true: such a hit always puts the supplier in tier high"),
            Setting(
                "statuses",
                ListOf(Text()),
                "order statuses that still count (as the lists write them, compared without case)",
            ),
            Setting(
                "downstream",
                MapOf(ListOf(Good()), key_label="DOL good"),
                "goods made from an order's good that the order also covers (products made in whole or in part)",
            ),
        ),
        "CBP region- and product-wide Withhold Release Orders (from the loaded lists): country and good match; an "
        "order for a region (XUAR) also needs the supplier's address in that region.",
    ),
    Setting(
        "xinjiang",
        table(
            Setting(
                "presumption",
                weights(),
                "the supplier's name, address, city or region names a place in Xinjiang (Latin or Han script)",
            ),
            Setting("force_high", Flag(), "true: such a hit always puts the supplier in tier high"),
            Setting("fields", ListOf(Text()), "supplier columns searched for Xinjiang place names"),
            Setting(
                "extra_places",
                ListOf(Text()),
                "more place names to recognise (any script), e.g. a county seat not in the shipped table",
            ),
            Setting(
                "countries",
                ListOf(Country()),
                "countries where an ambiguous place name (Aksu, Hami, Altay...) counts",
            ),
        ),
        "UFLPA rebuttable presumption: goods made wholly or in part in Xinjiang (XUAR) are presumed made with "
        "forced labour.",
    ),
)


def order_rule(rules) -> RuleInfo:
    return RuleInfo(
        "order.cbp_region",
        ORDER,
        "CBP region/product Withhold Release Order",
        "The supplier's country and good fall under a CBP Withhold Release Order that covers a whole region or "
        "product (goods detained at US ports whoever makes them).",
        Weights.from_config(rules.section("orders")["region_order"]),
    )


def presumption_rule(rules) -> RuleInfo:
    return RuleInfo(
        "xinjiang.presumption",
        ORDER,
        "UFLPA Xinjiang presumption",
        "The supplier's name or address is in Xinjiang: under the Uyghur Forced Labor Prevention Act goods made "
        "wholly or in part there are presumed made with forced labour and barred from US import unless rebutted.",
        Weights.from_config(rules.section("xinjiang")["presumption"]),
    )


def describe(rules, lists=None) -> list[RuleInfo]:
    return [order_rule(rules), presumption_rule(rules)]


def evaluate(ctx: Context) -> pl.DataFrame:
    places = xinjiang_mentions(ctx)
    frames = [_presumption_hits(ctx, places), _order_hits(ctx, places)]
    frames = [f for f in frames if f.height]
    return pl.concat(frames) if frames else empty_hits(ctx.row_id_dtype)


# --- Xinjiang places -------------------------------------------------------------------------------------------


# A place-index value for the name of another Chinese province-level division: "四川省", "Sichuan", "Hebei".
ELSEWHERE = "elsewhere"


@lru_cache(maxsize=8)
def place_index(extra: tuple[str, ...] = ()) -> PhraseIndex:
    """Xinjiang place names -> "place|level|ambiguous" (shipped table plus the rules file's extra places), and the
    other provinces of China -> "elsewhere|<province>|false"."""
    table = pl.read_csv(reference_path(PLACES_FILE), infer_schema=False)
    entries = [
        (name, f"{place}|{level}|{ambiguous}")
        for name, place, level, ambiguous in table.select("name", "place", "level", "ambiguous").iter_rows()
    ]
    entries += [(name, f"{name}|place named in the rules file|false") for name in extra]
    entries += [(name, f"{ELSEWHERE}|{province}|false") for name, province in other_chinese_provinces()]
    return PhraseIndex(entries)


def other_chinese_provinces() -> list[tuple[str, str]]:
    """(name, province) for China's province-level divisions other than Xinjiang, from ISO 3166-2 (pycountry):
    the pinyin name without its "Sheng"/"Shi"/"Zizhiqu" and the full Chinese name ("四川省", "广西壮族自治区").
    Short Chinese forms ("四川") are left out: streets are named after provinces (上海 四川北路, 青岛 宁夏路)."""
    chinese = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)
    found = []
    for division in pycountry.subdivisions.get(country_code="CN"):
        if division.code == "CN-XJ":
            continue
        pinyin = re.sub(r"\s+(Sheng|Shi|Zizhiqu|SAR|Huizu|Zhuangzu)\b.*$", "", division.name)
        found.append((pinyin, pinyin))
        native = chinese.gettext(division.name)
        if native != division.name:
            found.append((native, pinyin))
    found += [(name, province) for name, province in _OTHER_PROVINCE_FORMS]
    return found


# Names ISO 3166-2 does not give: English forms, and the Chinese name pycountry lacks (Ningxia).
_OTHER_PROVINCE_FORMS = (
    ("宁夏回族自治区", "Ningxia"),
    ("Inner Mongolia", "Nei Mongol"),
    ("Tibet", "Xizang"),
    ("Macau", "Macao"),
)


def xinjiang_mentions(ctx: Context) -> dict[object, list[tuple[str, str, str]]]:
    """row_id -> [(field, quoted text, place)] for suppliers whose fields name a Xinjiang place that counts.

    An unambiguous name (Xinjiang, Urumqi, 新疆) counts when the supplier's country is one of [xinjiang] countries
    or unknown; an ambiguous one (Aksu, Hami, Altay) only when the country is one of them and the supplier's
    fields name no other Chinese province."""
    config = ctx.rules.section("xinjiang")
    index = place_index(tuple(config["extra_places"]))
    countries = set(config["countries"])
    fields = [f for f in config["fields"]]
    found: dict[object, list[tuple[str, str, str]]] = {}
    places: dict[str | None, list] = {}  # text -> the places found in it: cities and regions repeat
    code = ctx.column(COUNTRY_CODE)
    eligible = ctx.suppliers.select(ROW_ID).with_columns(
        code.alias("_code"), *[ctx.column(f).alias(f"_field_{i}") for i, f in enumerate(fields)]
    )
    eligible = eligible.filter(pl.col("_code").is_null() | pl.col("_code").is_in(list(countries)))
    for row in eligible.iter_rows():
        row_id, code, values = row[0], row[1], row[2:]
        in_country = code in countries
        for value in values:
            if value not in places:
                places[value] = index.find(value)
        if not any(places[value] for value in values):
            continue  # most suppliers: no place named
        # An ambiguous name (沙湾, Qinghe, Baicheng) is read as another province's place when the supplier's name
        # or address names that province ("四川省乐山市沙湾区", "Hebei Qinghe Textile").
        elsewhere = any(
            hit.values[0].startswith(f"{ELSEWHERE}|") for value in values for hit in places[value]
        )
        for field_name, value in zip(fields, values, strict=True):
            for hit in places[value]:
                place, level, ambiguous = hit.values[0].split("|")
                if place == ELSEWHERE or (ambiguous == "true" and (not in_country or elsewhere)):
                    continue
                if _STREET_AFTER.match(value, hit.end):
                    continue  # 上海 乌鲁木齐北路, Qingdao Xinjiang Road: a street named after the place
                described = _describe_place(place, level)
                mentions = found.setdefault(row_id, [])
                if all(quote.casefold() != hit.quote.casefold() for _, quote, _ in mentions):
                    mentions.append((field_name, hit.quote, described))
    return found


# What follows a place name that is the name of a street: 乌鲁木齐北路 (Shanghai), 新疆路 (Qingdao), "Urumqi Road".
_STREET_AFTER = re.compile(
    r"\s*(?:[东西南北中]?(?:路|街|大街|大道|巷|弄)"
    r"|(?:(?:north|south|east|west|middle|central)\s+)?(?:road|rd|street|avenue|ave|lu|jie|dajie|dadao)\b)",
    re.IGNORECASE,
)


def _describe_place(place: str, level: str) -> str:
    """'Xinjiang'; 'Hotan, prefecture in Xinjiang'; 'county-level city in Bayingolin, Xinjiang'."""
    if level == "region":
        return place
    if level in ("prefecture", "prefecture-level city", "autonomous prefecture", "XPCC city", "XPCC"):
        return f"{place}, {level} in Xinjiang"
    return f"{level} in {place}, Xinjiang"


def _presumption_hits(ctx: Context, places: dict) -> pl.DataFrame:
    rule = presumption_rule(ctx.rules)
    rows = []
    for row_id, mentions in places.items():
        named = "; ".join(
            f"{field_name} mentions {quote!r} ({place})" for field_name, quote, place in mentions[:3]
        )
        rows.append((row_id, rule, named, PLACES_FILE))
    return hits_frame(rows, ctx.row_id_dtype)


# --- CBP region/product orders ---------------------------------------------------------------------------------


def active_region_orders(lists, statuses) -> list[dict]:
    """The orders of the list set whose status still counts, each with the DOL goods of its merchandise."""
    orders = getattr(lists, "orders", None)
    if orders is None or orders.height == 0:
        return []
    wanted = {s.casefold() for s in statuses}
    found = []
    for order in orders.iter_rows(named=True):
        if (order.get("status") or "").casefold() not in wanted or not order.get("country_code"):
            continue
        goods = {m.good for m in goods_from_text(order.get("merchandise"))}
        goods |= {m.good for m in goods_from_text(order.get("description"))}
        region = [
            hit
            for hit in place_index().find(order.get("description"))
            if not hit.values[0].startswith(ELSEWHERE)
        ]
        if goods:
            found.append({**order, "goods": goods, "region": bool(region)})
    return found


def _order_hits(ctx: Context, places: dict) -> pl.DataFrame:
    config = ctx.rules.section("orders")
    orders = active_region_orders(ctx.lists, config["statuses"])
    goods = ctx.goods
    if not orders or goods.height == 0:
        return empty_hits(ctx.row_id_dtype)
    downstream = {good: set(made) for good, made in config["downstream"].items()}
    supplier_goods = goods.join(ctx.suppliers.select(ROW_ID, COUNTRY_CODE), on=ROW_ID, how="inner")
    rule = order_rule(ctx.rules)
    rows = []
    for order in orders:
        covered = {good: good for good in order["goods"]}
        covered |= {made: good for good in order["goods"] for made in downstream.get(good, ())}
        # a region order's place implies its country, so a supplier in Xinjiang without a country still counts
        in_country = pl.col(COUNTRY_CODE) == order["country_code"]
        if order["region"]:
            in_country = in_country | pl.col(ROW_ID).is_in(list(places))
        candidates = supplier_goods.filter(in_country.fill_null(False) & pl.col(GOOD).is_in(list(covered)))
        for row_id, group in grouped_rows(candidates):
            if order["region"] and row_id not in places:
                continue
            rows.append(
                (row_id, rule, _order_facts(order, group, covered, places.get(row_id)), order["order_id"])
            )
    return hits_frame(rows, ctx.row_id_dtype)


def _order_facts(order: dict, group: list[dict], covered: dict, mentions) -> str:
    read = []
    for good, via, matched in ((row[GOOD], row[VIA], row[MATCHED]) for row in group):
        source = matched if via == "hs" else f"goods {matched!r}"
        base = covered[good]
        read.append(
            f"{good} (from {source})" if base == good else f"{good}, made from {base} (from {source})"
        )
    where = country_name(order["country_code"])
    if mentions:
        where = f"{mentions[0][1]!r} ({mentions[0][2]})"
    facts = (
        f"{order['type']} of {order['date']} on {order['description']!r} ({order['merchandise']}), "
        f"status {order['status']}: {'; '.join(read)} from {where}"
    )
    if (order.get("status") or "").casefold() != "active":
        facts += ". The order was modified for some producers: check its remarks"
    return facts


KIND = register(
    RuleKind(
        name="orders",
        order=20,
        settings=SETTINGS,
        describe=describe,
        evaluate=evaluate,
        rule_ids=(
            RuleIds(
                "`order.cbp_region`",
                "region_order",
                "country and good fall under a CBP region/product Withhold Release Order",
            ),
            RuleIds(
                "`xinjiang.presumption`",
                "region_order",
                "name or address is in Xinjiang (UFLPA rebuttable presumption)",
            ),
        ),
    )
)
