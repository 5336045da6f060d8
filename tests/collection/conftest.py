"""The collection's tests: each gets a fresh collection of its own."""

import pytest

from revise.collection.database import open_collection


@pytest.fixture
def db(tmp_path):
    return open_collection(tmp_path / "collection.db")
