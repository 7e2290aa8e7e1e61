"""The Han segments of the reference tables are kept in the cache folder, so that screening names without Han
characters loads neither jieba, pypinyin nor OpenCC (screener.normalize.scripts.remembering_segments)."""

from __future__ import annotations

import json
import subprocess
import sys

from screener.normalize import scripts

# A fresh process: build the normaliser's tables, the qualifier words and the Wade-Giles table, normalise names
# without Han characters, and say which of the Chinese libraries it loaded and what it made.
CHILD = """
import json, sys
import polars as pl
from screener.match.qualifiers import names_without_qualifiers
from screener.normalize.names import normalize_names
from screener.normalize.romanise import sound_keys
names = ["Hoshine Silicon Industry Co Ltd", "Kuznecov Trading OOO", "Hsinhua Goushi Yugen Kaisha"]
normalised = normalize_names(pl.Series(names))
print(json.dumps({
    "loaded": sorted(m for m in ("jieba", "pypinyin", "opencc") if m in sys.modules),
    "keys": normalised["name_key"].to_list(),
    "other": names_without_qualifiers(pl.Series([["sberbank", "nicosia", "branch"]])).to_list(),
    "sounds": sound_keys("hsinhua"),
}))
"""


def _child(cache) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        env={**__import__("os").environ, "SCREENER_CACHE": str(cache)},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_names_without_han_load_no_chinese_library_once_the_segments_are_kept(tmp_path):
    first = _child(tmp_path)
    assert first["loaded"] == ["jieba", "opencc", "pypinyin"]  # the reference tables hold Han legal forms
    (kept,) = (tmp_path / "han-segments").glob("*.json")
    data = json.loads(kept.read_text(encoding="utf-8"))
    assert "有限責任事業組合" in data["runs"]  # a Japanese legal form jieba cuts
    for run, words in data["runs"].items():  # what segment_han makes
        assert [list(word) for word in scripts._segmented(run)] == words
    assert data["tables"]["wade_giles"]["hsin"] == ["xin"]
    second = _child(tmp_path)
    assert second["loaded"] == []
    assert second == {**first, "loaded": []}  # the same keys, second names and sound keys


def test_a_broken_file_of_kept_segments_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setenv("SCREENER_CACHE", str(tmp_path))
    kept = tmp_path / "han-segments" / f"{scripts._segments_fingerprint()}.json"
    kept.parent.mkdir()
    kept.write_text('{"format": 1, "runs": {"合名会社": "not words"}}', encoding="utf-8")
    assert _child(tmp_path)["loaded"] == ["jieba", "opencc", "pypinyin"]  # read as no file: made again
    data = json.loads(kept.read_text(encoding="utf-8"))
    assert data["runs"]["合名会社"] == [["heming", "heming"], ["huishe", "huishe"]]
