"""Issue 19, finding 2 in the streamed reader (--batch-size): every batch is decoded in the encoding decided for
the whole file. A batch holding one Chinese name and a few stray cp1252 bytes used to be judged on its own
evidence, read as cp1252, and its names turned to mojibake."""

from __future__ import annotations

import polars as pl

from screener.batch import read_csv_in_batches

XPCC = "新疆生产建设兵团"


def test_each_batch_uses_the_whole_files_encoding(tmp_path):
    lines = [b"Supplier Name,Country"]
    lines += [f"{XPCC} 第{n}分公司,China".encode() for n in range(60)]  # the first batch: plenty of UTF-8
    lines += [f"Plain Supplier {n} Ltd,France".encode() for n in range(30)]
    lines += [
        f"{XPCC},China".encode(),
        "Société Générale Café,France".encode("cp1252"),
    ]  # 8 characters, 5 bytes
    path = tmp_path / "suppliers.csv"
    path.write_bytes(b"\n".join(lines) + b"\n")
    batches = list(read_csv_in_batches(path, batch_size=40, header_search_lines=30))
    assert len(batches) >= 2
    names = pl.concat([suppliers for suppliers, _, _ in batches]).get_column("name").to_list()
    assert names[-2:] == [XPCC, "Soci\ufffdt\ufffd G\ufffdn\ufffdrale Caf\ufffd"]
    assert names[0] == f"{XPCC} 第0分公司"
    assert len(names) == 92
