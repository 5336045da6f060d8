"""The order note files are read in."""

from __future__ import annotations

from revise.collection.order import reading_order


def test_reading_order_puts_a_folders_own_files_before_its_subfolders():
    paths = ["decks/deep-learning-specialization/2-b.md", "decks/getting-started.md", "decks/deep-learning-specialization/1-a.md", "a.md"]
    assert sorted(paths, key=reading_order) == [
        "a.md", "decks/getting-started.md", "decks/deep-learning-specialization/1-a.md", "decks/deep-learning-specialization/2-b.md",
    ]
