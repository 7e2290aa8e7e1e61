"""Issue 19, finding 9: `lists update` against a hostile server (a thread of the test on 127.0.0.1, every loop
bounded). Before: no size cap (2 GB downloaded), --timeout per read only (a byte every 2 s never ended), a SIGTERM
left the temporary folder, a redirect to ftp:// was followed, and over http a list with the same count but every
name replaced was accepted."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.errors import ListError
from screener.lists.download import DownloadLimits, remove_stale_folders
from screener.lists.store import import_list, lists_root, read_manifest, update_list

NAMES = ["Hero Vast Group", "Asli Maydi", "Nordic Timber AB", "Acme Textiles", "Golden Harvest Farms"]
CURRENT = "name,country\n" + "".join(f"{name},CN\n" for name in NAMES)
GROWN = CURRENT + "Kashgar Sunrise Garment Co,CN\n"
REPLACED = "name,country\n" + "".join(f"Impostor Trading {n},CN\n" for n in range(len(NAMES)))
BIG_BYTES = 3_000_000


class Hostile(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, body: bytes, length: bool = True) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        route = self.path.split("?")[0]
        if route == "/grown.csv":
            self._send(GROWN.encode())
        elif route == "/replaced.csv":
            self._send(REPLACED.encode())
        elif route == "/big.csv":
            self._send(b"name,country\n" + b"x" * BIG_BYTES)
        elif route == "/big-unannounced.csv":  # no Content-Length: only counting while reading finds it
            self.protocol_version = "HTTP/1.0"
            self._send(b"name,country\n" + b"x" * BIG_BYTES, length=False)
        elif route == "/drip.csv":  # a byte every 0.1 s, for 20 s at most
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                return
        elif route == "/to-ftp.csv":
            self._redirect("ftp://127.0.0.1/grown.csv")
        elif route == "/to-file.csv":
            self._redirect("file:///etc/passwd")
        elif route == "/to-http-elsewhere.csv":
            self._redirect("http://example.invalid/grown.csv")  # refused before any connection is tried
        elif route == "/to-grown.csv":
            self._redirect("/grown.csv")
        else:
            self.send_error(404)


@pytest.fixture
def hostile():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def our_list(tmp_path, hostile):
    first = tmp_path / "ours.csv"
    first.write_text(CURRENT, encoding="utf-8")
    import_list(first, fmt="csv", list_id="ours", download_urls=[f"{hostile}/grown.csv"])
    return hostile


@pytest.fixture
def temp_root(tmp_path, monkeypatch):
    """The system temporary folder, for this test only (where the update's folder is made)."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def versions() -> int:
    return len(read_manifest(lists_root() / "ours")["versions"])


def test_a_normal_update_still_works_and_leaves_no_temporary_folder(our_list, temp_root):
    result = update_list("ours", url=f"{our_list}/to-grown.csv")
    assert result.changed and result.after.entity_count == len(NAMES) + 1
    assert list(temp_root.iterdir()) == []


@pytest.mark.parametrize("route", ["big.csv", "big-unannounced.csv"])
def test_a_download_over_the_size_cap_is_refused(our_list, temp_root, route):
    limits = DownloadLimits(max_bytes=1_000_000)
    with pytest.raises(
        ListError, match=r"is larger than 1 MB .*nothing more was read and nothing was changed"
    ):
        update_list("ours", url=f"{our_list}/{route}", limits=limits)
    assert versions() == 1
    assert list(temp_root.iterdir()) == []


def test_a_stalling_server_meets_the_total_deadline(our_list, temp_root):
    started = time.monotonic()
    with pytest.raises(ListError, match=r"took longer than the 1 s the update may take"):
        update_list("ours", url=f"{our_list}/drip.csv", limits=DownloadLimits(timeout=5, deadline=1))
    assert time.monotonic() - started < 4  # each read returns after 0.1 s: the per-read timeout never fires
    assert list(temp_root.iterdir()) == []


@pytest.mark.parametrize(
    "route, refused",
    [
        ("to-ftp.csv", "ftp://127.0.0.1/grown.csv (a redirect from "),
        ("to-file.csv", "file:///etc/passwd (a redirect from "),
        ("to-http-elsewhere.csv", "http://example.invalid/grown.csv (a redirect from "),
    ],
)
def test_every_redirect_is_checked(our_list, route, refused):
    with pytest.raises(ListError) as caught:
        update_list("ours", url=f"{our_list}/{route}")
    assert refused in str(caught.value)
    assert versions() == 1


def test_plain_http_beyond_this_machine_is_refused_before_connecting():
    result = CliRunner().invoke(
        cli, ["lists", "update", "cbp-wro", "--url", "http://example.invalid/wro.csv"]
    )
    assert result.exit_code == 2
    assert result.output == (
        "Error: http://example.invalid/wro.csv: plain http can be altered on the way; lists are downloaded over "
        "https. Nothing was changed. Use the https address, or --allow-http if this server offers nothing else.\n"
    )


def test_a_list_whose_names_were_all_replaced_is_refused(our_list):
    with pytest.raises(
        ListError, match=r"shares 0% of its names with the current one \(at least 50% expected\)"
    ):
        update_list("ours", url=f"{our_list}/replaced.csv")
    assert versions() == 1
    forced = CliRunner().invoke(
        cli, ["lists", "update", "ours", "--url", f"{our_list}/replaced.csv", "--min-kept", "0"]
    )
    assert forced.exit_code == 0, forced.output
    assert versions() == 2


def test_the_publishers_sha256_is_checked(our_list):
    wrong = "0" * 64
    result = CliRunner().invoke(
        cli, ["lists", "update", "ours", "--url", f"{our_list}/grown.csv", "--sha256", wrong]
    )
    assert result.exit_code == 2
    assert f"not the {wrong} the publisher gives. Nothing was changed." in result.output
    right = hashlib.sha256(GROWN.encode()).hexdigest()
    result = CliRunner().invoke(
        cli, ["lists", "update", "ours", "--url", f"{our_list}/grown.csv", "--sha256", right]
    )
    assert result.exit_code == 0, result.output
    assert versions() == 2


def test_folders_of_killed_updates_are_removed(tmp_path):
    dead = tmp_path / "screener-update-999999999-abc"
    (dead / "sdn.csv").parent.mkdir()
    (dead / "sdn.csv").write_bytes(b"x" * 1000)
    mine = tmp_path / f"screener-update-{os.getpid()}-def"
    mine.mkdir()
    assert remove_stale_folders(tmp_path) == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == [mine.name]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
def test_sigterm_removes_the_temporary_folder(our_list, tmp_path):
    temp_root = tmp_path / "tmp-child"
    temp_root.mkdir()
    env = {**os.environ, "TMPDIR": str(temp_root)}
    child = subprocess.Popen(
        [sys.executable, "-m", "screener.cli", "lists", "update", "ours", "--url", f"{our_list}/drip.csv"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(300):  # until the download has started (30 s at most)
            if any(temp_root.iterdir()) or child.poll() is not None:
                break
            time.sleep(0.1)
        assert [p.name.startswith("screener-update-") for p in temp_root.iterdir()] == [True]
        child.send_signal(signal.SIGTERM)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 128 + signal.SIGTERM
    assert list(temp_root.iterdir()) == []
    assert versions() == 1
