"""The review session's reads: what is still due."""

from __future__ import annotations

from revise.collection.reviews import count_due_before
from tests.collection.syncing import parsed, sync


def test_count_due_before_counts_a_buried_card_from_when_its_burial_ends(db):
    """The end-of-session 'Still due today' / 'Due tomorrow' counts, as stats counts them."""
    sync(db, "/n/a.md", parsed("overdue") + parsed("buried") + parsed("buried short"))
    schedule = {
        "overdue 0": ("2026-02-27T08:00:00+00:00", None),
        "buried 0": ("2026-02-27T08:00:00+00:00", "2026-03-02T04:00:00+00:00"),  # back tomorrow at 04:00
        "buried short 0": ("2026-03-01T13:00:00+00:00", "2026-03-01T12:30:00+00:00"),  # back before it is due
    }
    for front, (due, buried) in schedule.items():
        db.conn.execute("UPDATE cards SET state = 'review', due = ?, buried_until = ? WHERE front = ?", [due, buried, front])
    assert count_due_before(db, "2026-03-02T04:00:00+00:00") == 2  # the end of today
    assert count_due_before(db, "2026-03-02T04:00:01+00:00") == 3
    assert count_due_before(db, "2026-03-03T04:00:00+00:00") == 3  # the end of tomorrow
