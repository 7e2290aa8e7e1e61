"""jieba's dictionary is kept as a table in the cache folder and only its words inside the names' Han runs are
looked up (screener.normalize.scripts._HanWords): the cuts are jieba's own, without its 0.8 s start."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import polars as pl
import pytest

from screener.normalize import scripts
from screener.normalize.names import normalize_name, normalize_names

RUNS = [
    "天一空间研究院",
    "兴化恒工机械制造",
    "华孚鸿盛纺织科技",
    "中华人民共和国国家电网",
    "乌鲁木齐市新疆大全新能源",
]


@pytest.mark.parametrize("run", RUNS)
def test_a_run_looked_up_is_cut_as_by_jiebas_whole_dictionary(run):
    scripts._HAN_WORDS.look_up([run])
    whole = scripts._full_segmenter()
    for start in range(len(run)):  # the run and every piece of it
        for end in range(start + 4, len(run) + 1):
            piece = run[start:end]
            assert scripts._segmenter().lcut(piece, HMM=False) == whole.lcut(piece, HMM=False)


def test_names_looked_up_together_read_as_one_by_one():
    names = ["新疆大全新能源股份有限公司", "華孚鸿盛紡織科技有限公司", "天一空间研究院", "Acme Trading"]
    together = normalize_names(pl.Series(names))["name_key"].to_list()
    assert together == [normalize_name(name).key for name in names]


# jieba cuts 空间|研究院; 兴化恒工 is no word of its dictionary: cut in pairs.
KEYS = ["tianyi kongjian yanjiuyuan", "xinghua henggong machinery manufacturing factory"]

# A fresh process whose jieba cannot load its whole dictionary once the table is kept.
CHILD = """
import json, sys
import jieba
from screener.normalize.names import normalize_names
import polars as pl
if sys.argv[1] == "kept":
    def refuse(self, dictionary=None):
        raise AssertionError("jieba's whole dictionary loaded")
    jieba.Tokenizer.initialize = refuse
keys = normalize_names(pl.Series(["天一空间研究院有限公司", "兴化恒工机械制造厂"]))["name_key"].to_list()
print(json.dumps(keys))
"""


def _child(cache, mode: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode],
        env={**os.environ, "SCREENER_CACHE": str(cache)},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_dictionary_table_is_kept_and_read_back_without_loading_jiebas_dictionary(tmp_path):
    first = _child(tmp_path, "first")
    (kept,) = (tmp_path / "han-segments").glob("jieba-*.parquet")
    table = pl.read_parquet(kept)
    assert table.filter(pl.col("word") == "研究院")["count"].item() > 0
    assert table.filter(pl.col("word") == "研究")["count"].item() > 0
    assert first == KEYS
    assert _child(tmp_path, "kept") == first


def test_a_broken_dictionary_table_is_made_again(tmp_path):
    _child(tmp_path, "first")
    (kept,) = (tmp_path / "han-segments").glob("jieba-*.parquet")
    kept.write_bytes(b"not parquet")
    assert _child(tmp_path, "first") == KEYS
    assert pl.read_parquet(kept).height > 100_000
