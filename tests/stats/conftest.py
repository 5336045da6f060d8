"""The collection every stats test builds its cards and review log in."""

import pytest

from revise.collection import open_collection


@pytest.fixture
def db(tmp_path):
    return open_collection(tmp_path / "collection.db")
