"""Selecting a session's cards by tag and deck."""

from revise.review.selection import Selection
from tests.review.scripted import session


def test_selection_by_tag_and_deck(notes_db, deck):
    database = notes_db("sel", {"other.md": "---\ndeck: langs\n---\nQ: chat? #french\nA: cat\n"}, folder=deck)
    _, out, _ = session(database, ["", "3", "q"], selection=Selection(tags=("french",)))
    _, out2, _ = session(database, ["q"], selection=Selection(decks=("act",)))
    assert "chat?" in out and "new 1 ·" in out
    assert "chat?" not in out2 and "new 3 ·" in out2
