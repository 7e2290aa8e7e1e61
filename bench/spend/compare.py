"""Spend parsers measured on bench/spend/cells.csv: screener.normalize.numbers.parse_amount against price-parser.

`make bench-spend` installs price-parser (never a runtime dependency) and prints, per parser, how many cells give
the right amount and the right currency. A cell right means the amount within 1e-9 (None where none is expected)
and the currency as the table says (an empty currency: none told by the cell).
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

from screener.normalize.numbers import parse_amount

CELLS = Path(__file__).with_name("cells.csv")
PRICE_PARSER_CURRENCY = {"€": "EUR", "$": "USD", "US$": "USD", "£": "GBP", "R$": "BRL", "₹": "INR", "¥": "¥",
                         "kr": "kr", "元": "CNY"}  # fmt: skip


def cases() -> list[dict]:
    with CELLS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def ours(cell: str) -> tuple[float | None, str | None]:
    amount = parse_amount(cell)
    return (amount.value if amount.problem is None else None), amount.currency


def price_parser(cell: str) -> tuple[float | None, str | None]:
    from price_parser import Price

    price = Price.fromstring(cell)
    currency = price.currency
    code = PRICE_PARSER_CURRENCY.get(currency, currency.upper() if currency else None)
    return (float(price.amount) if price.amount is not None else None), code


def right(found: tuple[float | None, str | None], case: dict) -> tuple[bool, bool]:
    expected = float(case["amount"]) if case["amount"] else None
    value, currency = found
    amount_ok = (value is None and expected is None) or (
        value is not None and expected is not None and math.isclose(value, expected, rel_tol=1e-9)
    )
    return amount_ok, (currency or "") == case["currency"]


def main() -> None:
    table = cases()
    for name, parse in (("screener parse_amount", ours), ("price-parser", price_parser)):
        scores = [right(parse(case["cell"]), case) for case in table]
        amounts = sum(a for a, _ in scores)
        both = sum(a and c for a, c in scores)
        print(f"{name}: amount right {amounts}/{len(table)}, amount and currency right {both}/{len(table)}")
        for case, (a, c) in zip(table, scores, strict=True):
            if not (a and c):
                print(f"    {case['cell']!r} ({case['note']}): got {parse(case['cell'])}")


if __name__ == "__main__":
    main()
