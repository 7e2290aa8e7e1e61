"""OFAC SDN legacy CSV: OFAC's raw layout and the header-added copy give the same entries."""

import csv
import io
import shutil

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from screener.errors import ListError
from screener.lists.ofac import ADD_COLUMNS, ALT_COLUMNS, SDN_COLUMNS, parse_ofac


@pytest.fixture
def raw(fixtures):
    return fixtures / "ofac_raw"


def _names(entries, entity_id):
    rows = entries.filter(pl.col("entity_id") == entity_id)
    return dict(zip(rows.get_column("name"), rows.get_column("name_type"), strict=True))


def test_raw_layout_is_read_with_types_aliases_and_addresses(raw):
    entries, info = parse_ofac(raw, version="2023-12-28")
    assert info.entity_count == 5 and info.extra["other_entity_count"] == 2
    types = dict(entries.select("entity_id", "entity_type").unique().iter_rows())
    assert types == {
        "ofac-sdn:306": "entity",
        "ofac-sdn:555": "entity",
        "ofac-sdn:4642": "entity",
        "ofac-sdn:29299": "entity",
        "ofac-sdn:4243": "vessel",
        "ofac-sdn:2676": "individual",
        "ofac-sdn:15431": "aircraft",
    }
    assert _names(entries, "ofac-sdn:306") == {
        "BANCO NACIONAL DE CUBA": "primary",
        "NATIONAL BANK OF CUBA": "aka",
        "BNC": "weak aka",  # from the remarks: a.k.a. 'BNC'.
    }
    assert _names(entries, "ofac-sdn:4243") == {"EBANO": "primary", "ANA I": "fka", "SAND SWAN": "fka"}
    bank = entries.filter(pl.col("entity_id") == "ofac-sdn:306").row(0, named=True)
    assert bank["countries"] == "CH;ES;JP;PA"
    assert bank["country_code"] == "CH"
    assert bank["address"] == "Zweierstrasse 35, Zurich CH-8022, Switzerland"
    assert bank["list_version"] == "2023-12-28"
    assert bank["source_url"] == "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=306"
    saderat = entries.filter(pl.col("entity_id") == "ofac-sdn:4642").row(0, named=True)
    assert saderat["program"] == "IRAN; SDGT; IFSR"
    assert set(_names(entries, "ofac-sdn:4642").values()) == {"primary", "fka"}
    # the vessel has no address: its flag gives the country
    assert entries.filter(pl.col("entity_id") == "ofac-sdn:4243").get_column(
        "country_code"
    ).unique().to_list() == ["PA"]


def test_cp1252_name_and_null_marker(raw):
    assert raw.joinpath("sdn.csv").read_bytes().endswith(b"\x1a")
    entries, _ = parse_ofac(raw)
    assert "COMERCIALIZACIÓN DE PRODUCTOS VARIOS" in entries.get_column("name").to_list()
    assert not entries.get_column("name").str.contains("-0-").any()
    assert entries.filter(pl.col("entity_id") == "ofac-sdn:555").get_column("remarks").is_null().all()


def _with_header(source, target, columns):
    text = source.read_bytes().rstrip(b"\x1a").decode("cp1252")
    rows = [[("" if v.strip() == "-0-" else v) for v in row] for row in csv.reader(io.StringIO(text))]
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)


def test_header_added_copy_gives_the_same_entries(raw, tmp_path):
    for name, columns in (("sdn.csv", SDN_COLUMNS), ("alt.csv", ALT_COLUMNS), ("add.csv", ADD_COLUMNS)):
        _with_header(raw / name, tmp_path / name, columns)
    from_raw, _ = parse_ofac(raw, version="v")
    from_copy, _ = parse_ofac(tmp_path / "sdn.csv", version="v")
    assert_frame_equal(from_raw, from_copy)


def test_bundled_copy_siblings_are_found_by_name(tmp_path):
    from screener.data import LISTS_DIR
    from screener.lists.ofac import ofac_paths

    assert [p.name for p in ofac_paths(LISTS_DIR / "ofac_sdn.csv")] == [
        "ofac_sdn.csv",
        "ofac_alt.csv",
        "ofac_add.csv",
    ]


def _copy(raw, tmp_path):
    folder = tmp_path / "ofac"
    shutil.copytree(raw, folder)
    return folder


def test_bad_ent_num_names_file_line_and_field(raw, tmp_path):
    folder = _copy(raw, tmp_path)
    lines = folder.joinpath("sdn.csv").read_bytes().split(b"\r\n")
    lines[2] = b"abc" + lines[2][lines[2].index(b",") :]
    folder.joinpath("sdn.csv").write_bytes(b"\r\n".join(lines))
    with pytest.raises(ListError, match=r"^sdn\.csv line 3: ent_num 'abc' is not a number\.$"):
        parse_ofac(folder)


def test_wrong_number_of_fields(raw, tmp_path):
    folder = _copy(raw, tmp_path)
    data = folder.joinpath("add.csv").read_bytes().rstrip(b"\x1a") + b'999,1,"only three"\r\n'
    folder.joinpath("add.csv").write_bytes(data)
    with pytest.raises(ListError, match=r"add\.csv line 12: 3 fields, an OFAC add\.csv row has 6"):
        parse_ofac(folder)


def test_alias_of_unknown_entity(raw, tmp_path):
    folder = _copy(raw, tmp_path)
    folder.joinpath("alt.csv").write_bytes(b'306,1,"aka","X",-0- \r\n77777,2,"aka","Y",-0- \r\n')
    with pytest.raises(ListError, match=r"alt\.csv line 2: ent_num 77777 is not in the sdn file"):
        parse_ofac(folder)


def test_missing_file_is_named(raw, tmp_path):
    folder = _copy(raw, tmp_path)
    folder.joinpath("add.csv").unlink()
    with pytest.raises(ListError, match=r"add\.csv: list file not found"):
        parse_ofac(folder)
