"""Numbers and amounts as people type them into supplier sheets: the one number parser of the tool.

Rules, the risk model and the report all read numbers through :func:`parse_amount` (or :func:`parse_number`, its
value alone), so a cell means the same everywhere. Read: thousands separators (``1,234.56``, ``1.234,56``,
``12 345,67``, ``1'234.50``), accounting negatives ``(1,023.84)`` and SAP's trailing minus ``1.234,56-``,
magnitude words (``3.5m``, ``12 Mio.``, ``2 Mrd``, ``4,5 Tsd``, ``TEUR``, ``1.2万``, ``3亿``) and a currency written
in the cell (``€``, ``US$``, ``CZK``, ``元``). What cannot be read is said in ``problem`` instead of guessed: two
numbers in one cell, a magnitude word not known, a yen sign without a country to tell yuan from yen.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

# Currency signs and words written beside an amount -> ISO 4217. The yen/yuan sign is left out: it means CNY in
# China and JPY in Japan (see SIGNS_BY_COUNTRY). A bare "$" is taken as US dollars, as ERP exports write it.
CURRENCY_SIGNS = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "us$": "USD", "usd": "USD", "$": "USD",
    "u.s.$": "USD", "£": "GBP", "gbp": "GBP", "₹": "INR", "rs": "INR", "rs.": "INR", "₩": "KRW", "₽": "RUB",
    "руб": "RUB", "руб.": "RUB", "₺": "TRY", "tl": "TRY", "₫": "VND", "đ": "VND", "฿": "THB", "zł": "PLN",
    "zl": "PLN", "kč": "CZK", "kc": "CZK", "r$": "BRL", "元": "CNY", "人民币": "CNY", "rmb": "CNY", "円": "JPY",
    "fr.": "CHF", "sfr": "CHF", "sfr.": "CHF", "ft": "HUF", "lei": "RON", "kr": "kr", "kr.": "kr", "rp": "IDR",
    "rm": "MYR", "₱": "PHP", "hk$": "HKD", "s$": "SGD", "a$": "AUD", "c$": "CAD", "ca$": "CAD", "nt$": "TWD",
    "₪": "ILS", "₴": "UAH", "৳": "BDT", "₦": "NGN", "¥": "¥", "￥": "¥",
}  # fmt: skip
# Signs that name a currency only with the supplier's country: ¥ is yuan in China and yen in Japan, kr the crown
# of Sweden, Norway, Denmark or Iceland. Elsewhere the amount's currency cannot be told.
SIGNS_BY_COUNTRY = {
    "¥": {"CN": "CNY", "JP": "JPY"},
    "kr": {"SE": "SEK", "NO": "NOK", "DK": "DKK", "IS": "ISK"},
}
# ISO 4217 codes in use (besides those the ECB publishes): a three-letter word is a currency only if listed here.
ISO_CURRENCIES = frozenset(
    """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF
    CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL
    HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL
    MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON
    RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH
    UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL""".split()
)
# Magnitude words after (or fused before, as in "TEUR", "k€") a number -> factor.
MAGNITUDES = {
    "k": 1e3, "tsd": 1e3, "tsd.": 1e3, "tausend": 1e3, "thousand": 1e3, "t": 1e3, "千": 1e3, "mil": 1e3,
    "m": 1e6, "mm": 1e6, "mn": 1e6, "mio": 1e6, "mio.": 1e6, "mill": 1e6, "mill.": 1e6, "million": 1e6,
    "millions": 1e6, "millionen": 1e6, "millones": 1e6, "milioni": 1e6, "百万": 1e6, "千万": 1e7,
    "bn": 1e9, "b": 1e9, "mrd": 1e9, "mrd.": 1e9, "md": 1e9, "md.": 1e9, "milliard": 1e9, "milliarden": 1e9,
    "milliards": 1e9, "billion": 1e9, "billions": 1e9, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "crore": 1e7, "crores": 1e7, "cr": 1e7,
}  # fmt: skip
# A magnitude letter fused to a currency code or sign: TEUR, kEUR, MUSD, k€, T€, Mio€.
FUSED_MAGNITUDE = re.compile(r"(?i)^(t|k|m|mio\.?|mrd\.?)(?=[A-Z]{3}$|[€$£¥])")
# Signs and words that may be written fused to the number or to each other ('€3.5', '3.5万元', 'US$1,200').
SPLITTABLE = sorted(
    [w for w in (*CURRENCY_SIGNS, *MAGNITUDES) if not w.isascii() or not w.isalpha()], key=len, reverse=True
)
NUMBER = re.compile(r"\d[\d\s.,'’]*\d|\d")
NEGATIVE_SIGNS = "-−–"
UNKNOWN_WORDS = {"", "-", "--", "n/a", "na", "n.a.", "unknown", "tbd", "?", "nil", "none", "null", "#n/a"}


@dataclass(frozen=True)
class Amount:
    """A cell read as an amount: ``value`` (the first number, with its sign and magnitude; None when there is
    none), the currency written in it (ISO 4217, or a sign such as '¥' that needs the country), and what could not
    be read (``problem``: None when the whole cell was understood; a value with a problem is a best reading only)."""

    value: float | None
    currency: str | None = None
    problem: str | None = None


def parse_number(value: object) -> float | None:
    """A number as written in a sheet ('1,234.56', '1.234,56', '(1,023.84)', '€ 3.5m'); None when unreadable."""
    return parse_amount(value).value


def parse_amount(value: object) -> Amount:
    """An amount with its currency and magnitude as written in one cell (see the module docstring)."""
    if value is None or isinstance(value, bool):
        return Amount(None)
    if isinstance(value, int | float):
        return Amount(float(value)) if value == value else Amount(None)
    return _parse_text(str(value))


@cache
def _parse_text(raw: str) -> Amount:
    # NFKC: full-width digits and signs as a Chinese or Japanese IME types them ('１２，３４５', '￥') are digits
    text = " ".join(unicodedata.normalize("NFKC", raw).split())
    if text.casefold() in UNKNOWN_WORDS:
        return Amount(None)
    found = NUMBER.search(text)
    if found is None:
        return Amount(None, None, "no number")
    number = _plain_number(found.group())
    if number is None:
        return Amount(None, None, "cannot read the number")
    before, after = text[: found.start()], text[found.end() :]
    if NUMBER.search(after):
        return Amount(number, None, "more than one number")
    negative, before, after = _sign(before, after)
    currency, factor, problem = _words(before, after)
    value = -number * factor if negative else number * factor
    return Amount(value, currency, problem)


def _plain_number(digits: str) -> float | None:
    """'1,234.56' / '1.234,56' / '12 345' / "1'234" -> float. A single separator before exactly three digits is a
    thousands separator (1,234 and 1.234 are one thousand two hundred and thirty-four); otherwise a decimal mark."""
    number = re.sub(r"[\s'’]", "", digits)
    if "," in number and "." in number:
        decimal = "," if number.rfind(",") > number.rfind(".") else "."
        number = number.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif number.count(",") > 1:
        number = number.replace(",", "")
    elif "," in number:
        head, tail = number.split(",")
        number = head + tail if len(tail) == 3 and head != "0" else f"{head}.{tail}"
    elif number.count(".") > 1:
        number = number.replace(".", "")
    elif "." in number:
        head, tail = number.split(".")
        number = head + tail if len(tail) == 3 and head not in ("0", "") else number
    try:
        return float(number)
    except ValueError:
        return None


def _sign(before: str, after: str) -> tuple[bool, str, str]:
    """Accounting brackets '(1,023.84)', a leading minus, or SAP's trailing minus ('1.234,56-', '1 234,56 EUR-', the
    cell's last character) make it negative."""
    b, a = before.rstrip(), after.lstrip()
    if "(" in b and a.find(")") >= 0:
        return True, b.replace("(", "", 1), a.replace(")", "", 1)
    if b and b[-1] in NEGATIVE_SIGNS:
        return True, b[:-1], a
    if b and b[0] in NEGATIVE_SIGNS:
        return True, b[1:], a
    if a and a[0] in NEGATIVE_SIGNS and not a[1:2].isdigit():
        return True, b, a[1:]
    if a and a[-1] in NEGATIVE_SIGNS:  # SAP puts the minus last, after the currency too: '1 234,56 EUR-'
        return True, b, a[:-1]
    return False, b.lstrip("+"), a


def _words(before: str, after: str) -> tuple[str | None, float, str | None]:
    """The currency and magnitude factor written around the number, or what was not understood."""
    currency: str | None = None
    factor = 1.0
    for word in [*_tokens(before), *_tokens(after)]:
        fused = FUSED_MAGNITUDE.match(word)
        if fused and len(word) > len(fused.group()):
            factor *= MAGNITUDES[fused.group().casefold().rstrip(".")] if fused.group() else 1.0
            word = word[fused.end() :]
        key = word.casefold()
        if key in CURRENCY_SIGNS:
            found = CURRENCY_SIGNS[key]
        elif word.upper() in ISO_CURRENCIES and len(word) == 3 and word.isalpha():
            found = word.upper()
        elif key in MAGNITUDES:
            factor *= MAGNITUDES[key]
            continue
        elif key in ("ca", "ca.", "approx", "approx.", "about", "env.", "env", "etwa", "约", "約", "%"):
            continue
        else:
            return currency, factor, f"unknown word {word!r}"
        if currency is not None and currency != found:
            return currency, factor, f"two currencies ({currency}, {found})"
        currency = found
    return currency, factor, None


def _tokens(text: str) -> list[str]:
    """Words and signs around the number: '€', 'US$', 'Mio.', 'TEUR', '万', 'k€' (a fused magnitude stays whole)."""
    tokens: list[str] = []
    for part in text.replace(":", " ").split():
        tokens.extend(_split_part(part))
    return [t for t in tokens if t]


def _split_part(part: str) -> list[str]:
    """One space-free piece: known signs and words are split off ('元人民币' stays, '万元' -> '万', '元')."""
    if part.casefold() in CURRENCY_SIGNS or part.casefold() in MAGNITUDES:
        return [part]
    if FUSED_MAGNITUDE.match(part):
        return [part]
    for sign in SPLITTABLE:
        # found in the part itself (not in part.casefold(), whose 'ß' -> 'ss' would shift every index after it)
        at = next((i for i in range(len(part)) if part[i : i + len(sign)].casefold() == sign), -1)
        if at >= 0 and len(sign) < len(part):
            return [*_split_part(part[:at]), part[at : at + len(sign)], *_split_part(part[at + len(sign) :])]
    return [part] if part else []
