"""The same supplier file passed twice (`screener screen q1.csv exports/*.csv` where q1.csv is among them), or a
copy of it under another name: every supplier was screened twice, 'from 1 file (2 sheets)', spend and leverage
doubled. One error naming the files, and no report."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from screener.cli import cli

COUPA = (
    "Supplier ID,Supplier Name,Primary Address Country,Commodity,Total Spend (USD)\n"
    '5001,Xinjiang Zhongtai Chemical Co., Ltd.,CHN,PVC resin,"1,200,000.00"\n'
    '5002,Müller & Söhne GmbH,DEU,machine parts,"45,000"\n'
)


def test_a_file_given_twice_or_its_copy_is_one_error(tmp_path):
    path = tmp_path / "coupa.csv"
    path.write_text(COUPA, encoding="utf-8")
    copy = tmp_path / "coupa (1).csv"
    shutil.copy(path, copy)
    out = tmp_path / "r.xlsx"

    twice = CliRunner().invoke(cli, ["screen", str(path), str(path), "-o", str(out), "-q"])
    copied = CliRunner().invoke(cli, ["screen", str(path), str(copy), "-o", str(out), "-q"])

    assert (twice.exit_code, copied.exit_code) == (2, 2)
    assert twice.output.splitlines() == [
        f"Error: Supplier file '{path}' is given twice: its suppliers would be counted twice. Pass each supplier "
        "file once."
    ]
    assert copied.output.splitlines() == [
        f"Error: Supplier file '{copy}' has the same content as '{path}': its suppliers would be counted twice. "
        "Pass each supplier file once."
    ]
    assert not out.exists()
