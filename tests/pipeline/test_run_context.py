"""One run context, one stage sequence: screen() = read + screen_frame + manifest, tables in memory screened as
files are, and the package face naming what a caller needs."""

from __future__ import annotations

import pickle
import subprocess
import sys

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import screener
from screener.errors import ScreenerError
from screener.pipeline import RunContext, screen, screen_frame
from screener.schema import ROW_ID, SOURCE_FILE

# Names from the planted hits of sample_data (real UFLPA / CBP / OFAC entities, one misspelt) and plain suppliers.
SUPPLIERS = {
    "Vendor No": ["0000100001", "0000100002", "0000100003", "0000100004", "0000100005", ""],
    "Vendor Name": [
        "Hetian Tiada Apparel Co., Ltd.",
        "Camel Outdoor Equipment GmbH",
        "Meike Solar Technology Jiangsu Co., Ltd.",
        "Neumann Elektrotechnik GmbH",
        "PINGTAN MARINE ENTERPRISE LIMITED",
        "Total",
    ],
    "Ctry": ["CN", "DE", "CN", "DE", "CN", ""],
    "Material Group": ["garments", "tents", "solar panels", "cables", "seafood", ""],
    "Annual Spend (EUR)": ["120000", "45000", "310000", "8000", "77000", "560000"],
}


@pytest.fixture(scope="module")
def frame() -> pl.DataFrame:
    return pl.DataFrame(SUPPLIERS)


@pytest.fixture(scope="module")
def from_file(frame, tmp_path_factory):
    path = tmp_path_factory.mktemp("suppliers") / "suppliers.csv"
    frame.write_csv(path)
    return screen([path], apply_reviews=False)


@pytest.fixture(scope="module")
def context() -> RunContext:
    return RunContext.load(apply_reviews=False)


def _ranked(screening) -> pl.DataFrame:
    return screening.ranked_suppliers().drop(SOURCE_FILE)


def test_a_dataframe_is_screened_as_the_csv_holding_it(frame, from_file):
    in_memory = screen(frame, apply_reviews=False)
    assert_frame_equal(_ranked(in_memory), _ranked(from_file))
    assert_frame_equal(in_memory.matches, from_file.matches)
    assert_frame_equal(in_memory.rejected.drop(SOURCE_FILE), from_file.rejected.drop(SOURCE_FILE))
    assert in_memory.rejected.select("source_row", "reason").rows() == [(7, "totals row")]
    assert in_memory.inputs[0].path == "DataFrame 1" and in_memory.inputs[0].file_format == "dataframe"
    assert in_memory.manifest["rows_in"] == 6
    matched = in_memory.matches.join(in_memory.suppliers, on=ROW_ID).filter(pl.col("band") == "match")
    names = set(matched.get_column("name").to_list())
    assert {"Hetian Tiada Apparel Co., Ltd.", "Meike Solar Technology Jiangsu Co., Ltd."} <= names
    assert "Neumann Elektrotechnik GmbH" not in names


def test_screen_frame_with_a_context_loaded_once_gives_what_screen_gives(from_file, context):
    again = screen_frame(from_file.suppliers, context)
    assert_frame_equal(again.ranking, from_file.ranking)
    assert_frame_equal(again.matches, from_file.matches)
    assert_frame_equal(again.hits, from_file.hits)


def test_a_pickled_context_screens_the_same(from_file, context):
    # what Ray, Spark and worker processes do with the context (our own object, never untrusted bytes)
    shipped = pickle.loads(pickle.dumps(context))  # noqa: S301
    assert shipped.rules.sources == context.rules.sources
    assert_frame_equal(screen_frame(from_file.suppliers, shipped).ranking, from_file.ranking)


def test_a_context_keeps_the_rules_files_it_was_loaded_from():
    path = screener.pipeline.load_rules(None).sources[0]
    assert RunContext.load(rules=path, apply_reviews=False, model=False).rule_paths == [str(path)]
    assert RunContext.load(apply_reviews=False, model=False).model is None


def test_row_ids_run_across_tables_and_files(frame, tmp_path):
    path = tmp_path / "more.csv"
    frame.head(2).write_csv(path)
    both = screen([frame, path], apply_reviews=False, model=False)
    assert both.suppliers.get_column(ROW_ID).to_list() == [1, 2, 3, 4, 5, 7, 8]
    assert [info.path for info in both.inputs] == ["DataFrame 1", str(path)]


def test_the_package_face_names_its_api_and_stays_cheap_to_import():
    assert dir(screener) == sorted(screener.__all__)
    assert screener.screen is screen and screener.RunContext is RunContext
    for name in screener.__all__:
        assert getattr(screener, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'scren'"):
        _ = screener.scren
    code = "import sys, screener; print('screener.pipeline' in sys.modules, screener.__version__)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown == f"False {screener.__version__}\n"


def test_a_pandas_dataframe_is_screened_as_the_csv_holding_it(from_file):
    pd = pytest.importorskip("pandas")  # a dev dependency: installed by `make test`
    table = pd.DataFrame({**SUPPLIERS, "Annual Spend (EUR)": [120000, 45000, 310000, 8000, 77000, 560000]})
    in_memory = screen(table, apply_reviews=False)
    assert_frame_equal(_ranked(in_memory), _ranked(from_file))
    assert_frame_equal(in_memory.matches, from_file.matches)
    assert in_memory.suppliers.get_column("spend_value").to_list() == [
        120000.0,
        45000.0,
        310000.0,
        8000.0,
        77000.0,
    ]
    assert in_memory.rejected.select("source_row", "reason").rows() == [(7, "totals row")]
    assert in_memory.inputs[0].path == "DataFrame 1" and in_memory.inputs[0].file_format == "dataframe"


def test_a_missing_pandas_value_is_missing_not_the_text_nan():
    pd = pytest.importorskip("pandas")
    table = pd.DataFrame(
        {
            "Vendor Name": ["Hetian Tiada Apparel Co., Ltd.", None, "Neumann Elektrotechnik GmbH"],
            "Ctry": ["CN", "DE", float("nan")],
        }
    )
    screening = screen(table, apply_reviews=False, model=False)
    assert screening.suppliers.select("name", "country_code").rows() == [
        ("Hetian Tiada Apparel Co., Ltd.", "CN"),
        ("Neumann Elektrotechnik GmbH", None),
    ]
    assert screening.rejected.select("source_row", "reason").rows() == [
        (3, "no supplier name in column 'Vendor Name'")
    ]


def test_screen_frame_refuses_a_table_that_screen_has_not_prepared(context):
    pd = pytest.importorskip("pandas")
    with pytest.raises(ScreenerError, match=r"it was given a pandas DataFrame\.") as raised:
        screen_frame(pd.DataFrame(SUPPLIERS), context)
    assert "screener.screen(table)" in raised.value.hint
    with pytest.raises(ScreenerError, match=r"given a polars DataFrame without the column\(s\) row_id, name"):
        screen_frame(pl.DataFrame(SUPPLIERS), context)
