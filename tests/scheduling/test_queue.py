"""The day's queue: what is due today, the daily and session limits, siblings, burying, order."""

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from revise.config import Config, Settings
from revise.scheduling.queue import QueueCard, build_queue
from revise.scheduling.schedule import Schedule, retrievability

UTC = timezone.utc
NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def review_card(card_id, due, stability=10.0, last_review_days=10, note_id=None, deck="d"):
    schedule = Schedule(
        state="review", stability=stability, difficulty=5.0, due=due,
        last_review=due - timedelta(days=last_review_days), reps=3,
    )
    return QueueCard(card_id, note_id or card_id, deck, schedule)


def new_card(card_id, position, note_id=None, deck="d"):
    return QueueCard(card_id, note_id or card_id, deck, Schedule(), ("a.md", position, 0))


def test_review_due_before_the_next_4_am_is_due_today():
    night = datetime(2026, 3, 2, 22, 0, tzinfo=UTC)
    today = review_card(1, datetime(2026, 3, 3, 3, 59, tzinfo=UTC))
    tomorrow = review_card(2, datetime(2026, 3, 3, 4, 0, tzinfo=UTC))
    queue = build_queue([today, tomorrow], night, Config(), tz=UTC)
    assert [c.id for c in queue.main] == [1]


def test_new_card_limit_counts_cards_introduced_today():
    config = Config(default=Settings(new_per_day=5))
    cards = [new_card(i, i) for i in range(1, 11)]
    queue = build_queue(cards, NOON, config, [("d", "new")] * 3, tz=UTC)
    assert [c.id for c in queue.main] == [1, 2]  # 5 a day, 3 already introduced today, in note order
    assert [c.id for c in build_queue(cards, NOON, config, tz=UTC, new_limit=7).main] == list(range(1, 8))
    assert build_queue(cards, NOON, config, [("d", "new")] * 9, tz=UTC).main == []


def test_review_limit_counts_reviews_done_today():
    config = Config(default=Settings(reviews_per_day=4))
    cards = [review_card(i, NOON - timedelta(days=i)) for i in range(1, 8)]
    queue = build_queue(cards, NOON, config, [("d", "review"), ("d", "learning")], tz=UTC)
    assert len(queue.main) == 3  # the learning answer does not count


def test_per_deck_override_has_its_own_limits():
    config = Config(default=Settings(new_per_day=1), decks=(("lang", Settings(new_per_day=3)),))
    cards = [new_card(i, i, deck="lang::fr" if i > 4 else "math") for i in range(1, 9)]
    queue = build_queue(cards, NOON, config, [("lang::fr", "new")], tz=UTC)
    assert [c.id for c in queue.main] == [1, 5, 6]


def test_new_option_caps_the_total_with_deck_overrides_too():
    config = Config(default=Settings(new_per_day=20), decks=(("lang", Settings(new_per_day=10)),))
    cards = [new_card(i, i, deck="lang::fr" if i % 2 else "math") for i in range(1, 11)]
    assert [c.id for c in build_queue(cards, NOON, config, tz=UTC, new_limit=3).main] == [1, 2, 3]
    # two of the selection's new cards were introduced earlier today: one more
    assert [c.id for c in build_queue(cards, NOON, config, tz=UTC, new_limit=3, new_today=2).main] == [1]
    assert build_queue(cards, NOON, config, tz=UTC, new_limit=3, new_today=5).main == []
    # --new replaces the global new_per_day, but a deck override's own limit still applies
    strict = Config(default=Settings(new_per_day=2), decks=(("lang", Settings(new_per_day=1)),))
    assert [c.id for c in build_queue(cards, NOON, strict, tz=UTC, new_limit=5).main] == [1, 2, 4, 6, 8]


def test_session_limit_counts_learning_cards_first():
    learning = QueueCard(20, 20, "d", Schedule(state="learning", step=1, stability=2.0, difficulty=5.0, due=NOON))
    later = QueueCard(21, 21, "d", Schedule(state="learning", step=1, stability=2.0, difficulty=5.0,
                                             due=NOON + timedelta(hours=3)))
    cards = [learning, later, *(new_card(i, i) for i in range(1, 6))]
    queue = build_queue(cards, NOON, Config(), tz=UTC, limit=2)
    assert [c.id for c in queue.learning] == [20] and [c.id for c in queue.main] == [1]
    queue = build_queue(cards, NOON, Config(), tz=UTC, limit=0)
    assert queue.learning == [] and queue.main == []
    queue = build_queue(cards, NOON, Config(), tz=UTC, limit=7)
    assert [c.id for c in queue.learning] == [20, 21] and len(queue.main) == 5  # the later one comes last


def test_reviews_oldest_due_first_within_the_limit():
    cards = [review_card(1, NOON - timedelta(days=1)), review_card(2, NOON - timedelta(days=5)),
             review_card(3, NOON - timedelta(hours=1))]
    assert [c.id for c in build_queue(cards, NOON, Config(), tz=UTC).main] == [2, 1, 3]


def test_backlog_over_the_limit_takes_lowest_retrievability_first():
    config = Config(default=Settings(reviews_per_day=2))
    # card 1: overdue longest but very stable; card 3: barely overdue but fragile
    cards = [
        review_card(1, NOON - timedelta(days=9), stability=300.0, last_review_days=100),
        review_card(2, NOON - timedelta(days=3), stability=5.0, last_review_days=8),
        review_card(3, NOON - timedelta(days=1), stability=1.0, last_review_days=3),
    ]
    r = {c.id: retrievability(c.schedule, NOON, Settings()) for c in cards}
    assert r[3] < r[2] < r[1]
    assert [c.id for c in build_queue(cards, NOON, config, tz=UTC).main] == [3, 2]


def test_new_cards_are_spread_among_reviews():
    reviews = [review_card(i, NOON - timedelta(days=i)) for i in range(1, 7)]
    new = [new_card(i, i) for i in range(10, 12)]
    order = [c.id for c in build_queue(reviews + new, NOON, Config(), tz=UTC).main]
    assert order == [6, 5, 10, 4, 3, 11, 2, 1]


def test_only_one_sibling_a_day():
    cards = [new_card(1, 1, note_id=1), new_card(2, 1, note_id=1), new_card(3, 2, note_id=2)]
    assert [c.id for c in build_queue(cards, NOON, Config(), tz=UTC).main] == [1, 3]



def test_siblings_do_not_use_up_the_new_card_limit():
    cards = [new_card(i, i, note_id=100 + i // 2) for i in range(10)]  # five notes of two siblings
    config = Config(default=Settings(new_per_day=4))
    assert [c.id for c in build_queue(cards, NOON, config, tz=UTC).main] == [0, 2, 4, 6]

def test_buried_and_suspended_cards_wait():
    buried = replace(new_card(1, 1), schedule=Schedule(buried_until=NOON + timedelta(hours=1)))
    suspended = replace(new_card(2, 2), schedule=Schedule(suspended=True))
    unburied = replace(new_card(3, 3), schedule=Schedule(buried_until=NOON - timedelta(hours=1)))
    assert [c.id for c in build_queue([buried, suspended, unburied], NOON, Config(), tz=UTC).main] == [3]


def test_learning_cards_are_kept_apart_ordered_by_due():
    late = QueueCard(1, 1, "d", Schedule(state="learning", step=1, stability=2.0, difficulty=5.0, due=NOON + timedelta(minutes=9)))
    soon = QueueCard(2, 2, "d", Schedule(state="relearning", step=0, stability=2.0, difficulty=5.0, due=NOON))
    queue = build_queue([late, soon], NOON, Config(), tz=UTC)
    assert [c.id for c in queue.learning] == [2, 1] and queue.main == []

