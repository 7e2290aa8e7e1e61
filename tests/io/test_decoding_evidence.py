"""Issue 19, finding 2: one stray byte must not re-decode a whole file. A UTF-8 csv with a single cp1252 byte was
read entirely as cp1252: 新疆生产建设兵团 became mojibake, lost its list hits and dropped a tier, with exit 0 and no
warning. The encoding is decided for the whole file from evidence (multi-byte characters that decode against
bytes that do not); stray bytes are replaced, counted and said once."""

from __future__ import annotations

import polars as pl
from click.testing import CliRunner

from screener.cli import cli
from screener.io import ReadLimits, decoding_warnings, read_suppliers
from screener.io.sniff import sniff, utf8_evidence

XPCC = "新疆生产建设兵团"
UTF8_WITH_ONE_CP1252_BYTE = (
    b"Supplier Name,Country,Goods\n"
    + f"{XPCC},China,cotton\n".encode()
    + "Société Textile,France,garments\n".encode("cp1252")  # é alone: 0xE9, not UTF-8
)


def write(tmp_path, data: bytes, name="suppliers.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_utf8_file_with_stray_cp1252_bytes_stays_utf8(tmp_path):
    path = write(tmp_path, UTF8_WITH_ONE_CP1252_BYTE)
    read = read_suppliers([path])
    assert read.suppliers.get_column("name").to_list() == [XPCC, "Soci\ufffdt\ufffd Textile"]
    (info,) = read.inputs
    assert (info.encoding, info.invalid_bytes, info.first_invalid_line) == ("utf-8", 2, 3)
    assert decoding_warnings(read.inputs) == [
        f"{path}: 2 byte(s) are not valid UTF-8 (first on line 3) and were read as \ufffd; names holding one may "
        "miss a list hit. Export the file again as 'CSV UTF-8' or .xlsx."
    ]


def test_the_evidence_counts_the_whole_file(tmp_path):
    # the stray byte far past the sniffer's head, where only a whole-file count sees it
    filler = "".join(f"供应商{i},China,cotton\n" for i in range(20_000)).encode()
    path = write(tmp_path, b"Supplier Name,Country\n" + filler + b"Caf\xe9 Noir,France,coffee\n")
    evidence = utf8_evidence(path)
    assert evidence.invalid_bytes == 1
    assert evidence.first_invalid_line == 20_002
    assert evidence.characters == 20_000 * 3  # 供应商 on every line
    kind = sniff(path, str(path), ReadLimits())
    assert (kind.encoding, kind.invalid_bytes) == ("utf-8", 1)


def test_cp1252_and_gbk_files_keep_their_code_page(tmp_path):
    western = write(
        tmp_path, "Lieferant,Land\nMüller Söhne GmbH,Deutschland\nSociété Générale,France\n".encode("cp1252")
    )
    chinese = write(tmp_path, "供应商名称,国家\n新疆生产建设兵团,中国\n".encode("gbk"), "gbk.csv")
    assert (sniff(western, "w", ReadLimits()).encoding, sniff(chinese, "c", ReadLimits()).encoding) == (
        "cp1252",
        "gb18030",
    )
    assert read_suppliers([western]).suppliers.get_column("name").to_list() == [
        "Müller Söhne GmbH",
        "Société Générale",
    ]
    assert read_suppliers([chinese]).suppliers.get_column("name").to_list() == [XPCC]
    assert decoding_warnings(read_suppliers([western]).inputs) == []


def test_screen_keeps_the_list_hit_warns_once_even_when_quiet_and_counts_the_bytes(tmp_path):
    path = write(tmp_path, UTF8_WITH_ONE_CP1252_BYTE)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["screen", str(path), "-o", str(out), "--format", "csv", "-q"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("Warning:")]
    assert warnings == [f"Warning: {decoding_warnings(read_suppliers([path]).inputs)[0]}"]
    suppliers = pl.read_csv(out / "suppliers.csv", infer_schema_length=0)
    xpcc = suppliers.filter(pl.col("name") == XPCC).row(0, named=True)
    assert xpcc["tier"] == "high"
    assert "新疆生产建设兵团" in xpcc["reasons"] and "OFAC" in xpcc["reasons"]
    # counted in the Data quality table, at the line of the first replaced byte
    quality = pl.read_csv(out / "data_quality.csv", infer_schema_length=0)
    (row,) = quality.filter(pl.col("check") == "undecodable_bytes").iter_rows(named=True)
    assert (row["source_file"], row["source_row"], row["value"]) == (str(path), "3", "2 byte(s)")
    assert row["detail"].startswith("2 byte(s) not valid UTF-8 read as \ufffd")
