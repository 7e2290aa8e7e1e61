"""`update`: download from the publisher (a local HTTP server here), check, keep the previous version."""

import shutil

import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.data import LISTS_DIR
from screener.errors import ListError
from screener.lists import load_lists
from screener.lists.store import import_list, lists_root, read_manifest, update_list


def _ofac_info(lists):
    return next(info for info in lists.lists if info.list_id == "ofac-sdn")


def _serve_raw_ofac(fixtures, folder):
    for name in ("sdn.csv", "alt.csv", "add.csv"):
        shutil.copyfile(
            fixtures / "ofac_raw" / name, folder / name.upper()
        )  # OFAC's server spells them SDN.CSV


def test_collapsed_download_is_refused_and_nothing_changes(fixtures, web_folder):
    folder, base = web_folder
    _serve_raw_ofac(fixtures, folder)
    with pytest.raises(ListError, match=r"has 5 entities, the current one 6797: a drop of more than 50%"):
        update_list("ofac-sdn", url=f"{base}/SDN.CSV")
    assert not (lists_root() / "ofac-sdn").exists()
    assert _ofac_info(load_lists()).entity_count == 6797


def test_update_stores_a_new_version_and_keeps_the_bundled_one(fixtures, web_folder):
    folder, base = web_folder
    _serve_raw_ofac(fixtures, folder)
    result = update_list("ofac-sdn", url=f"{base}/SDN.CSV", max_drop=1)
    assert result.changed
    assert (result.before.entity_count, result.after.entity_count) == (6797, 5)
    assert result.after.version  # the server's Last-Modified date
    manifest = read_manifest(lists_root() / "ofac-sdn")
    bundled, downloaded = manifest["versions"]
    assert bundled["bundled"] and bundled["entity_count"] == 6797
    assert downloaded["files"] == ["sdn.csv", "alt.csv", "add.csv"]
    assert manifest["download_urls"] == [f"{base}/SDN.CSV", f"{base}/ALT.CSV", f"{base}/ADD.CSV"]
    assert _ofac_info(load_lists()).entity_count == 5
    # the same content again: nothing new is stored
    again = update_list("ofac-sdn", max_drop=1)
    assert not again.changed
    assert len(read_manifest(lists_root() / "ofac-sdn")["versions"]) == 2


def test_unchanged_publication(web_folder):
    folder, base = web_folder
    for part in ("sdn", "alt", "add"):
        shutil.copyfile(LISTS_DIR / f"ofac_{part}.csv", folder / f"{part}.csv")
    result = update_list("ofac-sdn", url=f"{base}/sdn.csv")
    assert not result.changed
    assert not (lists_root() / "ofac-sdn").exists()


def test_imported_list_updates_from_its_stored_url(fixtures, web_folder, tmp_path):
    folder, base = web_folder
    first = tmp_path / "blocked.csv"
    first.write_text("name,country\nHero Vast Group,China\n", encoding="utf-8")
    import_list(first, fmt="csv", list_id="ours", download_urls=[f"{base}/blocked.csv"])
    (folder / "blocked.csv").write_text(
        "name,country\nHero Vast Group,China\nAsli Maydi,Somalia\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["lists", "update", "ours"])
    assert result.exit_code == 0, result.output
    assert "ours: updated" in result.output and "2 entities" in result.output
    assert [v["entity_count"] for v in read_manifest(lists_root() / "ours")["versions"]] == [1, 2]


def test_offline_is_one_error_line_and_exit_2(closed_port_url):
    result = CliRunner().invoke(cli, ["lists", "update", "ofac-sdn", "--url", f"{closed_port_url}/sdn.csv"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: cannot reach ")
    assert "offline" in lines[0] and "Nothing was changed" in lines[0]
    assert not lists_root().exists()


def test_server_error_is_reported(web_folder):
    _, base = web_folder
    with pytest.raises(ListError, match=r"the server answered 404"):
        update_list("ofac-sdn", url=f"{base}/missing/sdn.csv")


def test_list_without_download_address():
    with pytest.raises(ListError, match=r"'uflpa' cannot be updated automatically: DHS publishes"):
        update_list("uflpa")


def test_unknown_list():
    with pytest.raises(ListError, match=r"no list with id 'nope'.*Known lists: cbp-wro, ofac-sdn, uflpa"):
        update_list("nope")


def test_only_http_addresses(tmp_path):
    with pytest.raises(ListError, match="only http and https"):
        update_list("cbp-wro", url=(tmp_path / "x.csv").as_uri())


def test_cbp_update_finds_the_csv_on_the_document_page(fixtures, web_folder):
    folder, base = web_folder
    csv_path = folder / "sites/default/files/assets/documents/2026-Jun"
    csv_path.mkdir(parents=True)
    shutil.copyfile(
        fixtures / "cbp_publisher_layout.csv", csv_path / "withhold-release-orders-findings-fy26.csv"
    )
    (folder / "wro.html").write_text(
        '<!DOCTYPE html><html><body><a href="/sites/default/files/assets/documents/2026-Jun/'
        'withhold-release-orders-findings-fy26.csv">Withhold Release Orders and Findings List (CSV)</a></body></html>',
        encoding="utf-8",
    )
    result = update_list("cbp-wro", url=f"{base}/wro.html", max_drop=1)
    assert result.changed and result.after.version == "2025-09-24"
    manifest = read_manifest(lists_root() / "cbp-wro")
    assert manifest["download_urls"] == [f"{base}/wro.html"]  # the page, whose link changes each edition
    lists = load_lists()
    assert lists.orders.height == 3
    assert "Giant Manufacturing Co., Ltd." in lists.entries.get_column("name").to_list()


def test_cbp_page_without_csv_link(web_folder):
    folder, base = web_folder
    (folder / "wro.html").write_text("<!DOCTYPE html><html><body>Moved.</body></html>", encoding="utf-8")
    with pytest.raises(ListError, match="has no link to a withhold-release-orders-findings CSV"):
        update_list("cbp-wro", url=f"{base}/wro.html")


def test_an_update_of_a_pinned_list_is_stored_but_not_used(web_folder, tmp_path):
    from screener.lists.store import use_version

    folder, base = web_folder
    first = tmp_path / "blocked.csv"
    first.write_text("name,country\nHero Vast Group,China\n", encoding="utf-8")
    info = import_list(first, fmt="csv", list_id="ours", download_urls=[f"{base}/blocked.csv"])
    use_version("ours", info.sha256[:12])
    (folder / "blocked.csv").write_text(
        "name,country\nHero Vast Group,China\nAsli Maydi,Somalia\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["lists", "update", "ours"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == (
        f"ours stays pinned to version {info.version} (sha256 {info.sha256[:12]}); "
        "`screener lists use ours@latest` uses the new one."
    )
    manifest = read_manifest(lists_root() / "ours")
    assert [v["entity_count"] for v in manifest["versions"]] == [1, 2]
    assert manifest["current"] == manifest["versions"][0]["folder"]
    ours = next(i for i in load_lists().lists if i.list_id == "ours")
    assert (ours.entity_count, ours.sha256) == (1, info.sha256)
