"""revise.stats.graphs.compute: the graphs' figures from a real collection's cards and review log."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from revise.config import Config
from revise.errors import ReviseError
from revise.stats.graphs import collect_graphs
from revise.stats.graphs.compute import median
from tests.stats.builders import NOW, UTC, add_card, add_review, build_cards, stats_of

DAY = timedelta(days=1)


def graphs_of(db, tz=UTC, **kwargs):
    return collect_graphs(db, NOW, tz, Config(), **kwargs)


def answers(db):
    """One answer of each kind, two days ago at 10:30 UTC, and some that must not count."""
    card = add_card(db, stability=10, due=NOW + 10 * DAY, last_review=NOW - 2 * DAY)
    at = datetime(2026, 3, 16, 10, 30, tzinfo=UTC)
    add_review(db, card, at, rating=3, state="new")
    add_review(db, card, at + timedelta(minutes=1), rating=1, state="learning")
    add_review(db, card, at + timedelta(minutes=2), rating=2, state="relearning")
    young = dict(state="review", stability=5, last_review=at - 5 * DAY, due=at)  # a 5-day interval
    add_review(db, card, at + timedelta(minutes=3), rating=1, **young)
    add_review(db, card, at + timedelta(minutes=4), rating=4, **young)
    mature = dict(state="review", stability=40, last_review=at - 30 * DAY, due=at)  # 30 days
    add_review(db, card, at + timedelta(minutes=5), rating=3, duration_ms=4000, **mature)
    add_review(db, card, at, rating=3, kind="cram")  # changes no schedule: not counted, as in the heatmap
    add_review(db, card, at, rating=3, kind="manual")
    add_review(db, card, NOW - 400 * DAY, rating=1, **young)  # before the period


def test_answers_by_kind_day_and_button(db):
    answers(db)
    graphs = graphs_of(db)
    assert len(graphs.days) == 365 and graphs.days[-1].day == NOW.date() and graphs.days[-3].day == NOW.date() - 2 * DAY
    day = graphs.days[-3]
    assert (day.new, day.learning, day.relearning, day.young, day.mature) == (1, 1, 1, 2, 1)
    assert (day.young_passed, day.mature_passed) == (1, 1) and day.seconds == 9.0
    assert sum(d.total for d in graphs.days) == 6
    assert graphs.buttons == {"learning": (1, 1, 1, 0), "young": (1, 0, 0, 1), "mature": (0, 0, 1, 0)}
    assert graphs.hours[10] == (6, 4) and sum(n for n, _ in graphs.hours) == 6


def test_hours_are_local_clock_hours(db):
    answers(db)
    berlin = graphs_of(db, tz=ZoneInfo("Europe/Berlin"))  # 10:30 UTC is 11:30 in Berlin in March
    assert berlin.hours[11] == (6, 4) and berlin.hours[10] == (0, 0)


def test_days_choose_the_period(db):
    answers(db)
    assert sum(d.total for d in graphs_of(db, days=2).days) == 0
    assert sum(d.total for d in graphs_of(db, days=3).days) == 6
    assert sum(d.total for d in graphs_of(db, days=500).days) == 7
    with pytest.raises(ReviseError, match="--days must be from 1"):
        graphs_of(db, days=0)


def test_reviews_per_day_agree_with_the_heatmap(db):
    answers(db)
    for days_ago in range(0, 30, 3):
        card = add_card(db, stability=3, due=NOW + DAY, last_review=NOW - days_ago * DAY)
        add_review(db, card, NOW - days_ago * DAY - timedelta(hours=9), state="new")
    graphs, stats = graphs_of(db, days=28), stats_of(db, days=28)
    per_day = {d.day: d.total for d in graphs.days}
    assert all(per_day.get(day, 0) == n for day, n in stats.heatmap if day in per_day)
    assert sum(per_day.values()) == sum(n for day, n in stats.heatmap if day in per_day) > 0


def test_card_distributions_and_recall_match_the_stats_screen(db):
    build_cards(db)
    graphs, stats = graphs_of(db), stats_of(db)
    # review cards, not suspended: 10, 10, 30 and 70 days between their last review and due date
    assert graphs.intervals.counts == ((10, 2), (30, 1), (70, 1)) and graphs.intervals.middle == 20
    assert graphs.stability.counts == ((1, 1), (2, 1), (8, 1), (10, 1), (30, 1), (60, 1))
    assert graphs.retrievability.cards == stats.studied
    assert graphs.recall_sum == pytest.approx(stats.knowledge)
    assert graphs.difficulty.cards == 0 and graphs.difficulty.middle is None  # these cards keep no difficulty


def test_difficulty_as_anki_shows_it(db):
    for difficulty in (1.0, 5.5, 10.0, 7.0):
        card = add_card(db, stability=3, due=NOW + DAY, last_review=NOW)
        db.execute("UPDATE cards SET difficulty = ? WHERE id = ?", [difficulty, card])
    db.conn.commit()
    graphs = graphs_of(db)
    assert graphs.difficulty.counts == ((0, 1), (50, 1), (66, 1), (99, 1))
    assert graphs.difficulty.middle == pytest.approx((6.25 - 1) / 9 * 100)  # median of 5.5 and 7


def test_deck_limits_every_graph(db):
    answers(db)
    add_card(db, deck="other", stability=3, due=NOW + DAY, last_review=NOW)
    assert sum(d.total for d in graphs_of(db, deck="other").days) == 0
    assert graphs_of(db, deck="other").intervals.cards == 1 and graphs_of(db, deck="course").intervals.cards == 1
    with pytest.raises(ReviseError, match="no cards in a deck named 'nope'"):
        graphs_of(db, deck="nope")


def test_median_of_grouped_values():
    assert median([(1, 3), (2, 5), (3, 4), (7, 2), (12, 1), (40, 1)]) == 2.5
    assert median([(5, 1)]) == 5 and median([]) is None and median([(1, 1), (9, 2)]) == 9
