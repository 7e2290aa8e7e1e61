"""Amounts typed with a Chinese or Japanese input method come in full-width characters: '１２３４５' was an
unparseable spend on a GB18030 csv from a Chinese ERP, and the supplier's leverage was lost."""

from __future__ import annotations

import pytest

from screener.normalize.numbers import parse_amount
from tests.pipeline.officer import screened_export


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("１２３４５", 12345.0, None),
        ("１２，３４５．６７", 12345.67, None),
        ("￥１，０００", 1000.0, "¥"),  # ¥ is told CNY or JPY by the supplier's country later
        ("－５００", -500.0, None),
        ("12,345.67", 12345.67, None),
    ],
)
def test_full_width_amounts_read_as_their_ascii_forms(text, value, currency):
    amount = parse_amount(text)
    assert (amount.value, amount.currency) == (value, currency)


def test_a_full_width_spend_in_a_gb18030_csv_is_the_suppliers_spend(tmp_path):
    screening = screened_export(
        tmp_path,
        "采购.csv",
        '供应商名称,国家,采购金额（元）\r\n浙江华孚色纺有限公司,中国,１２３４５\r\n深圳市玩具厂,中国,"1,000"\r\n',
        "gb18030",
    )
    assert screening.suppliers.select("spend_value", "spend_currency").rows() == [
        (12345.0, "CNY"),
        (1000.0, "CNY"),
    ]
    assert screening.data_quality.filter(screening.data_quality["check"] == "unparseable_spend").height == 0
