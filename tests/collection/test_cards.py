"""The card listings: filters by deck, tag and due time, and the per-deck and per-file counts."""

from __future__ import annotations

from revise.collection.cards import active_card_counts, list_cards
from revise.collection.decks import deck_counts
from tests.collection.syncing import NOW, parsed, sync


def test_retired_notes_leave_listings_and_counts(db):
    sync(db, "/n/a.md", parsed("one") + parsed("two"))
    sync(db, "/n/a.md", parsed("one"))
    assert [c["front"] for c in list_cards(db)] == ["one 0"]
    assert active_card_counts(db) == {"/n/a.md": 1}
    assert deck_counts(db, NOW)[0]["cards"] == 1


def test_card_counts_of_some_files_only(db):
    for file in ("/n/a.md", "/n/b.md", "/n/c.md"):
        sync(db, file, parsed(file + " one", file=file) + parsed(file + " two", file=file))
    assert active_card_counts(db, ["/n/c.md", "/n/a.md", "/n/none.md"]) == {"/n/a.md": 2, "/n/c.md": 2}
    assert active_card_counts(db, []) == {}


def test_deck_filter_includes_subdecks_only(db):
    sync(db, "/n/a.md", parsed("top", deck="ml") + parsed("sub", deck="ml::week1") + parsed("other", deck="mlops"))
    assert sorted(c["deck"] for c in list_cards(db, deck="ml")) == ["ml", "ml::week1"]


def test_tag_filter_includes_child_tags(db):
    sync(db, "/n/a.md", parsed("a", tags=("math",)) + parsed("b", tags=("math/linear",)) + parsed("c", tags=("mathematics",)))
    assert sorted(c["front"] for c in list_cards(db, tag="math")) == ["a 0", "b 0"]


def test_due_and_deck_counts_follow_state_due_time_suspension_and_burial(db):
    sync(db, "/n/a.md", parsed("new") + parsed("learn") + parsed("due") + parsed("later") + parsed("susp") + parsed("buried"))
    schedule = {
        "learn 0": ("learning", "2026-03-01T11:59:00+00:00", 0, None),
        "due 0": ("review", "2026-02-27T08:00:00.123456+00:00", 0, None),
        "later 0": ("review", "2026-03-05T08:00:00+00:00", 0, None),
        "susp 0": ("review", "2026-02-01T08:00:00+00:00", 1, None),
        "buried 0": ("review", "2026-02-01T08:00:00+00:00", 0, "2026-03-02T04:00:00+00:00"),
    }
    for front, (state, due, suspended, buried) in schedule.items():
        db.conn.execute("UPDATE cards SET state = ?, due = ?, suspended = ?, buried_until = ? WHERE front = ?",
                        [state, due, suspended, buried, front])
    assert sorted(c["front"] for c in list_cards(db, due_at=NOW)) == ["due 0", "learn 0"]
    assert deck_counts(db, NOW, "2026-03-02T04:00:00+00:00") == [
        {"deck": "a", "cards": 6, "new": 1, "learning": 1, "due": 2, "learn_count": 1, "review_count": 1}]
