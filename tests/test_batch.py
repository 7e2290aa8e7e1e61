"""Batched and streaming screening give the same results as one unbatched run."""

from __future__ import annotations

import csv
import importlib.util
import os
import shutil
import sys

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from screener.batch import BatchContext, csv_chunks, read_csv_in_batches, screen_batch, screen_csv_streaming
from screener.errors import InputFileError
from screener.io import read_suppliers
from screener.pipeline import screen

# Real list names (bundled UFLPA / OFAC entries) spelt as an ERP holds them, invented names, and the rows a reader
# must reject or skip: an empty name, a blank line, a totals row, a quoted cell with a line break.
ROWS = [
    ("0001", "XINJIANG DAQO NEW ENERGY CO LTD", "CN", "Polysilicon", "120000"),
    ("0002", "Hoshine Silicon Industry (Shanshan) Co Ltd", "China", "Silicon metal", "80000"),
    ("0003", "Brightwater Office Supplies Ltd", "GB", "Office supplies", "1500"),
    ("0004", "", "DE", "Packaging", "300"),
    None,
    ("0005", "Nordlicht Verpackung GmbH", "Deutschland", "Packaging\nand labels", "2500"),
    ("0006", "Xinjiang Zhongtai Chemical Co., Ltd.", "CN", "PVC", "40000"),
    ("0007", "Tirupur Cotton Knits Pvt Ltd", "India", "Garments", "22000"),
    ("0008", "Lianchuang Agricultural Development Grp", "PRC", "Tomato paste", "9000"),
    ("0009", "Andes Coffee Exporters S.A.", "Peru", "Coffee", "7000"),
    ("0010", "=HYPERLINK(1)", "US", "Services", "10"),
    ("0011", "Hefei Bitland Information Technology Co., Ltd", "CN", "Laptops", "60000"),
    ("0012", "Sunrise Seafood Trading Co", "Thailand", "Shrimp", "15000"),
    ("0013", "Xinjiang Production and Construction Corps", "CN", "Cotton", "5000"),
    ("0014", "Kelvin Precision Components Inc", "USA", "Machine parts", "3000"),
    (None, "Total", None, None, "364310"),
]


@pytest.fixture(scope="module")
def supplier_csv(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("batch") / "suppliers.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        handle.write("Supplier master export\n\n")  # a title block above the header, as exports have
        writer.writerow(["Vendor No", "Vendor Name", "Country", "Material Group", "Annual Spend"])
        for row in ROWS:
            if row is None:
                handle.write("\n")
            else:
                writer.writerow(row)
    return str(path)


@pytest.fixture(scope="module")
def context() -> BatchContext:
    return BatchContext.build()


@pytest.fixture(scope="module")
def unbatched(supplier_csv):
    return screen([supplier_csv])


def reason_sets(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select("row_id", pl.col("reasons").str.split(" | ").list.sort().alias("reasons"))


def test_chunks_never_split_a_quoted_cell(tmp_path):
    path = tmp_path / "quoted.csv"
    path.write_bytes(b'a,b\n1,"two\nlines"\n2,x\n3,"more\nlines\nhere"\n4,y\n')
    chunks = list(csv_chunks(path, records=1))
    assert b"".join(c.data for c in chunks) == path.read_bytes()
    assert all(c.data.count(b'"') % 2 == 0 for c in chunks)
    assert [c.first_line for c in chunks] == [1, 2, 4, 5, 8]


@pytest.mark.parametrize("batch_size", [3, 5, 100])
def test_batched_reading_equals_one_read(supplier_csv, batch_size):
    whole = read_suppliers([supplier_csv])
    parts = list(read_csv_in_batches(supplier_csv, batch_size, header_search_lines=4))
    assert len(parts) > 1 or batch_size == 100
    assert_frame_equal(pl.concat([p[0] for p in parts], how="diagonal_relaxed"), whole.suppliers)
    assert_frame_equal(pl.concat([p[1] for p in parts], how="diagonal_relaxed"), whole.rejected)


def test_a_web_page_saved_as_xls_is_one_batch_not_cut_by_lines(tmp_path):
    """An HTML export has a line per table row: cut by lines like a csv, its later chunks would be read as csv."""
    page = tmp_path / "export.xls"
    rows = "\n".join(f"<tr><td>Supplier {i} Ltd</td><td>VN</td></tr>" for i in range(12))
    page.write_text(
        f"<html><body><table>\n<tr><th>Supplier name</th><th>Country</th></tr>\n{rows}\n</table></body></html>"
    )
    parts = list(read_csv_in_batches(page, 3, header_search_lines=2))
    assert len(parts) == 1
    assert_frame_equal(parts[0][0], read_suppliers([page]).suppliers)
    assert parts[0][0].get_column("source_row").to_list() == list(range(2, 14))


def test_streaming_equals_unbatched_screening(supplier_csv, unbatched, context, tmp_path):
    manifest = screen_csv_streaming(
        supplier_csv, tmp_path / "out", batch_size=4, context=context, header_search_lines=4
    )
    assert manifest["batches"] >= 3
    streamed = pl.read_parquet(tmp_path / "out" / "suppliers-risk.parquet")
    expected = unbatched.ranked_suppliers()
    keys = ["row_id", "source_row", "name", "score", "tier", "rank", "recommended_action"]
    assert_frame_equal(streamed.select(keys), expected.select(keys))
    # the same reasons; the ranking does not order reasons of equal points, so only their set is compared
    assert_frame_equal(reason_sets(streamed), reason_sets(expected))
    assert streamed["leverage"].round(9).to_list() == expected["leverage"].round(9).to_list()
    match_keys = ["row_id", "entity_id", "probability", "band"]
    assert_frame_equal(
        pl.read_parquet(tmp_path / "out" / "matches.parquet").select(match_keys).sort(match_keys),
        unbatched.matches.select(match_keys).sort(match_keys),
    )
    rejected = pl.read_parquet(tmp_path / "out" / "rejected.parquet")
    assert rejected["source_row"].to_list() == unbatched.rejected["source_row"].to_list()
    assert manifest["suppliers"] + manifest["rejected"] == unbatched.rows_in
    # the listed entities are found through the batches
    top = streamed.filter(pl.col("tier") == "high")["name"].to_list()
    assert "XINJIANG DAQO NEW ENERGY CO LTD" in top


def test_streaming_csv_output_escapes_formulas(supplier_csv, context, tmp_path):
    screen_csv_streaming(
        supplier_csv, tmp_path / "out", batch_size=6, fmt="csv", context=context, header_search_lines=4
    )
    text = (tmp_path / "out" / "suppliers-risk.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(1)" in text
    with pytest.raises(Exception, match="exists"):
        screen_csv_streaming(supplier_csv, tmp_path / "out", fmt="csv", context=context)


def test_screen_batch_on_raw_arrow_batch(supplier_csv, unbatched, context):
    """A batch with the input's own headers, as Ray or Spark hand it over, mapped by the context's column map."""
    pytest.importorskip("pyarrow", reason="Arrow batches need pyarrow, which Ray and Spark bring with them")
    raw = read_suppliers([supplier_csv]).suppliers.select(
        "row_id", "Vendor No", "Vendor Name", "Country", "Material Group", "Annual Spend"
    )
    headers = {
        "supplier_id": "Vendor No",
        "name": "Vendor Name",
        "country": "Country",
        "goods": "Material Group",
        "spend": "Annual Spend",
    }
    mapped = BatchContext(
        context.rules, context.lists, context.index, model=context.model, column_map=headers
    )
    result = pl.from_arrow(screen_batch(raw.to_arrow(), mapped)).sort("row_id")
    expected = unbatched.ranked_suppliers().sort("row_id")
    assert_frame_equal(result.select("row_id", "score", "tier"), expected.select("row_id", "score", "tier"))
    assert result.filter(pl.col("best_band") == "match").height >= 2


def test_screen_batch_refuses_rows_without_ids(context):
    with pytest.raises(InputFileError, match="row_id"):
        screen_batch(pl.DataFrame({"name": ["Acme Ltd"]}), context)


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("ray") is None, reason="ray is not installed (pip install screener[ray])"
)
def test_screen_batch_runs_under_local_ray(supplier_csv, unbatched, context):
    import ray

    suppliers = read_suppliers([supplier_csv]).suppliers
    ray.init(num_cpus=1, include_dashboard=False, ignore_reinit_error=True, log_to_driver=False)
    try:
        dataset = ray.data.from_arrow(suppliers.to_arrow()).repartition(3)
        screened = dataset.map_batches(
            screen_batch, fn_kwargs={"context": context}, batch_format="pyarrow", batch_size=4
        )
        result = pl.concat(
            [pl.from_arrow(t) for t in ray.get(screened.to_arrow_refs())], how="diagonal_relaxed"
        )
    finally:
        ray.shutdown()
    expected = unbatched.ranked_suppliers().sort("row_id")
    assert_frame_equal(
        result.sort("row_id").select("row_id", "score", "tier"), expected.select("row_id", "score", "tier")
    )
    assert_frame_equal(reason_sets(result.sort("row_id")), reason_sets(expected))


@pytest.mark.slow
def test_streaming_in_two_worker_processes_equals_one(supplier_csv, context, tmp_path):
    one = screen_csv_streaming(
        supplier_csv, tmp_path / "one", batch_size=4, context=context, header_search_lines=4
    )
    two = screen_csv_streaming(
        supplier_csv, tmp_path / "two", batch_size=4, context=context, header_search_lines=4, workers=2
    )
    assert (one["suppliers"], one["rejected"], one["matches"]) == (
        two["suppliers"],
        two["rejected"],
        two["matches"],
    )
    assert_frame_equal(
        pl.read_parquet(tmp_path / "one" / "suppliers-risk.parquet").drop("reasons"),
        pl.read_parquet(tmp_path / "two" / "suppliers-risk.parquet").drop("reasons"),
    )


def _spark_missing() -> str | None:
    """Why the Spark test cannot run here, or None: it needs pyspark (the spark extra) and a Java runtime."""
    if importlib.util.find_spec("pyspark") is None or importlib.util.find_spec("pyarrow") is None:
        return "pyspark is not installed (pip install screener[spark])"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "Spark needs a Java runtime (java on PATH or JAVA_HOME)"
    return None


@pytest.mark.slow
@pytest.mark.skipif(_spark_missing() is not None, reason=str(_spark_missing()))
def test_screen_batch_runs_under_local_spark_map_in_arrow(supplier_csv, unbatched, context, monkeypatch):
    """docs/distributed.md's Spark recipe on a local Spark: mapInArrow over three partitions gives every
    supplier the same columns and values as screen_batch over the whole input in this process (rank and
    leverage excepted: those are per batch until global_ranking), and the scores, tiers and reasons of an
    unbatched screener.screen."""
    from pyspark.sql import SparkSession
    from pyspark.sql.pandas.types import from_arrow_schema

    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)  # Spark's Python workers run this interpreter
    monkeypatch.setenv("PYSPARK_DRIVER_PYTHON", sys.executable)
    # The reader keeps "Country" beside the canonical "country": Spark must tell them apart.
    spark = (
        SparkSession.builder.master("local[1]")
        .appName("screener-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "3")
        .config("spark.sql.caseSensitive", "true")
        .getOrCreate()
    )
    try:
        spark.sparkContext.setLogLevel("ERROR")
        suppliers = read_suppliers([supplier_csv]).suppliers
        frame = spark.createDataFrame(suppliers.to_arrow()).repartition(3, "row_id")
        assert frame.rdd.getNumPartitions() == 3
        shared = spark.sparkContext.broadcast(context)
        output_schema = screen_batch(frame.limit(3).toArrow(), context).schema
        schema = from_arrow_schema(output_schema)

        def screen_partition(batches):
            for batch in batches:
                yield from screen_batch(batch, shared.value).cast(output_schema).to_batches()

        result = pl.from_arrow(frame.mapInArrow(screen_partition, schema=schema).toArrow())
    finally:
        spark.stop()
    result = result.sort("row_id")
    single = screen_batch(suppliers, context).sort("row_id")
    assert result.height == single.height == unbatched.suppliers.height
    per_batch = ["rank", "leverage"]
    assert_frame_equal(result.drop(per_batch), single.drop(per_batch), check_dtypes=False)
    expected = unbatched.ranked_suppliers().sort("row_id")
    assert_frame_equal(result.select("row_id", "score", "tier"), expected.select("row_id", "score", "tier"))
    assert_frame_equal(reason_sets(result), reason_sets(expected))
    assert result.filter(pl.col("best_band") == "match").height >= 2
