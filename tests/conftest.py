"""Shared fixtures: every test gets its own collection and config under tmp_path."""

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Point the collection, config and $HOME at tmp_path so no test touches the user's files."""
    monkeypatch.setenv("REVISE_COLLECTION", str(tmp_path / "collection.db"))
    monkeypatch.setenv("REVISE_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / "config"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield
