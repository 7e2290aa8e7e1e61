"""Keep every test away from the user's real store and cache.

The store (imported lists, decisions) is fresh for every test. The cache holds only rebuildable artefacts keyed
by content (parsed lists, the match index), so one cache folder serves the whole test session: the index over the
bundled lists is built once, not once per test.
"""

import pytest


@pytest.fixture(scope="session")
def _session_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("screener-cache")


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path_factory, monkeypatch, _session_cache):
    base = tmp_path_factory.mktemp("screener-home")
    monkeypatch.setenv("SCREENER_STORE", str(base / "store"))
    monkeypatch.setenv("SCREENER_CACHE", str(_session_cache))
