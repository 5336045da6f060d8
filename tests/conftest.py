"""Shared fixtures: every test gets its own collection and config under tmp_path."""

from pathlib import Path

import pytest

from bench.shared_data import shared_data

REPO = Path(__file__).resolve().parents[1]
# $REVISE_SHARED_DATA, else ../shared/data beside the checkout (the main one from a git worktree)
SHARED_DATA = shared_data(REPO)


def shared_file(name: str) -> Path:
    """A file of the shared data, or the test skipped saying where it was looked for (a user's clone has none)."""
    if SHARED_DATA is None or not (SHARED_DATA / name).is_file():
        pytest.skip(f"no shared data {name}: set REVISE_SHARED_DATA or put it in ../shared/data beside the checkout")
    return SHARED_DATA / name


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
