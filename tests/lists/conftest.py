from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists"


@pytest.fixture
def fixtures() -> Path:
    """Folder of the real-format list excerpts (see its README)."""
    return FIXTURES


@pytest.fixture(scope="session")
def _shared_list_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("list-cache")


@pytest.fixture(autouse=True)
def _reuse_parsed_lists(_shared_list_cache, monkeypatch):
    """Parsed lists are cached by content sha256, so tests can share one cache (the store stays per test)."""
    monkeypatch.setenv("SCREENER_CACHE", str(_shared_list_cache))


@pytest.fixture
def web_folder(tmp_path):
    """A folder served over HTTP on 127.0.0.1 (a thread of the test); yields (folder, base URL)."""
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep test output clean
            pass

    folder = tmp_path / "www"
    folder.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def closed_port_url():
    """An address on 127.0.0.1 where nothing listens: what being offline looks like to urllib."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
