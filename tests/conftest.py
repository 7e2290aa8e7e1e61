"""Keep every test away from the user's real store and cache."""

import pytest


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("screener-home")
    monkeypatch.setenv("SCREENER_STORE", str(base / "store"))
    monkeypatch.setenv("SCREENER_CACHE", str(base / "cache"))
