"""Collections to review: the three-card deck, or any notes a test writes."""

import pytest

from revise import collection, sources
from tests.review.scripted import DECK


@pytest.fixture
def deck(tmp_path):
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "act.md").write_text(DECK, encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path, deck):
    database = collection.open_collection(tmp_path / "collection.db")
    sources.import_paths(database, [deck])
    return database


@pytest.fixture
def notes_db(tmp_path):
    """`notes_db(name, {file: text})`: write the files into tmp_path/name (or `folder`), import that folder
    into a new collection tmp_path/name.db, and return the collection."""

    def make(name, files, folder=None):
        folder = folder or tmp_path / name
        folder.mkdir(exist_ok=True)
        for file, text in files.items():
            (folder / file).write_text(text, encoding="utf-8")
        database = collection.open_collection(tmp_path / f"{name}.db")
        sources.import_paths(database, [folder])
        return database

    return make
