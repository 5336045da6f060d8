"""Schedules and answers → Anki's card columns and revlog rows."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from revise.config import Settings
from revise.interop.anki_export.cards import Timing, revlog_rows, scheduled_card_columns

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
TIMING = Timing.starting(NOW - timedelta(days=30), NOW, 4, timezone.utc)


def card(**values):
    base = {"state": "new", "step": None, "stability": None, "difficulty": None, "due": None, "last_review": None,
            "reps": 0, "lapses": 0, "suspended": 0, "buried_until": None}
    return base | values


def test_day_numbers_count_from_the_collections_creation_day():
    assert TIMING.day_number(NOW) == 30 and TIMING.crt == int(datetime(2026, 2, 8, 4, tzinfo=timezone.utc).timestamp())
    assert TIMING.day_number(datetime(2026, 3, 11, 3, 59, tzinfo=timezone.utc)) == 30  # before 4 am: still today


def test_a_review_card_is_due_on_its_day_with_its_interval_and_memory_state():
    row = card(state="review", stability=12.5, difficulty=5.2, due=(NOW + timedelta(days=8)).isoformat(),
               last_review=(NOW - timedelta(days=4)).isoformat(), reps=5, lapses=1)
    columns = scheduled_card_columns(row, 3, TIMING, Settings())
    assert (columns["type"], columns["queue"], columns["due"], columns["ivl"]) == (2, 2, 38, 12)
    assert (columns["reps"], columns["lapses"], columns["factor"]) == (5, 1, 2500)
    assert columns["data"] == '{"s":12.5,"d":5.2,"dr":0.9,"lrt":%d}' % int((NOW - timedelta(days=4)).timestamp())


def test_learning_cards_are_due_at_a_second_today_and_hidden_cards_are_hidden():
    due = NOW + timedelta(minutes=10)
    columns = scheduled_card_columns(card(state="learning", step=1, stability=1.0, difficulty=5.0,
                                          due=due.isoformat(), last_review=NOW.isoformat()), 1, TIMING, Settings())
    assert (columns["type"], columns["queue"], columns["due"], columns["left"]) == (1, 1, int(due.timestamp()), 1)
    assert scheduled_card_columns(card(suspended=1), 4, TIMING, Settings())["queue"] == -1
    buried = card(buried_until=(NOW + timedelta(hours=5)).isoformat())
    assert scheduled_card_columns(buried, 4, TIMING, Settings())["queue"] == -3
    assert scheduled_card_columns(card(), 4, TIMING, Settings())["due"] == 4  # a new card: its position


def test_revlog_rows_carry_type_ease_intervals_and_unique_ids():
    at = NOW.isoformat()
    reviews = [
        {"reviewed_at": at, "rating": 3, "state": "new", "interval_days": 10 / 1440, "duration_ms": 4000, "kind": "review"},
        {"reviewed_at": at, "rating": 1, "state": "review", "interval_days": 3.4, "duration_ms": None, "kind": "review"},
        {"reviewed_at": at, "rating": 4, "state": "review", "interval_days": None, "duration_ms": 900, "kind": "cram"},
    ]
    rows = revlog_rows(7, reviews, set())
    ms = int(NOW.timestamp() * 1000)
    assert rows == [(ms, 7, 0, 3, -600, 0, 0, 4000, 0), (ms + 1, 7, 0, 1, 3, -600, 2500, 0, 1),
                    (ms + 2, 7, 0, 4, 0, 3, 0, 900, 3)]
