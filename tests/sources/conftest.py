"""Fixtures of the sources tests: a collection and a folder of notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from revise import collection
from tests.sources.helpers import RELU, SIGMOID, TANH


@pytest.fixture
def db(tmp_path):
    return collection.open_collection(tmp_path / "collection.db")


@pytest.fixture
def notes(tmp_path) -> Path:
    folder = tmp_path / "notes"
    (folder / "course").mkdir(parents=True)
    (folder / "course" / "week1.md").write_text(f"# Activations\n\n{RELU}\n{TANH}\n{SIGMOID}")
    (folder / "optim.md").write_text("Adam combines :: momentum and RMSprop\n")
    return folder
