"""The scheduler: py-fsrs behind our Schedule, reproducible fuzz, the study day, limits and queue order."""

import os
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from fsrs import Card, Rating, Scheduler

from revise import scheduling
from revise.config import Config, Settings
from revise.scheduling import QueueCard, Schedule

UTC = timezone.utc
NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
RATINGS = [3, 3, 1, 3, 2, 4, 3, 1, 1, 3, 3]


def run(ratings, settings, card_id=7, start=NOON):
    """Answer `ratings` in turn, each when the card falls due; returns the answers."""
    schedule, now, answers = Schedule(), start, []
    for rating in ratings:
        result = scheduling.answer(card_id, schedule, rating, now, settings)
        answers.append(result)
        schedule, now = result.after, result.after.due
    return answers


def test_interval_history_equals_py_fsrs_without_fuzz():
    ours = run(RATINGS, Settings(fuzz=False))
    reference, card, now, expected = Scheduler(enable_fuzzing=False), Card(card_id=7, due=NOON), NOON, []
    for rating in RATINGS:
        card, _ = reference.review_card(card, Rating(rating), now)
        expected.append((card.state.name.lower(), card.due - now, card.stability, card.difficulty))
        now = card.due
    got = [(a.after.state, a.interval, a.after.stability, a.after.difficulty) for a in ours]
    assert got == expected
    assert [a.after.reps for a in ours] == list(range(1, len(RATINGS) + 1))
    # lapses count Again on a card in review only
    assert ours[-1].after.lapses == 2


def test_fuzzed_interval_previewed_is_the_one_applied():
    settings = Settings()
    schedule, now = Schedule(), NOON
    for rating in RATINGS:
        shown = scheduling.preview(11, schedule, now, settings)
        given = scheduling.answer(11, schedule, rating, now, settings)
        assert shown[rating].interval == given.interval
        assert shown[rating].after == given.after
        schedule, now = given.after, given.after.due


def test_fuzz_is_seeded_by_card_and_review_count():
    settings = Settings()
    long_card = run([3, 3, 3, 3, 3], Settings(fuzz=False))[-1].before  # a card with a long interval
    now = long_card.due
    unfuzzed = scheduling.answer(1, long_card, 3, now, Settings(fuzz=False)).interval
    intervals = {scheduling.answer(card_id, long_card, 3, now, settings).interval for card_id in range(40)}
    assert len(intervals) > 1  # fuzz is on: cards differ
    assert all(abs(i - unfuzzed) <= 0.1 * unfuzzed + timedelta(days=1) for i in intervals)
    again = {scheduling.answer(5, long_card, 3, now, settings).interval for _ in range(5)}
    assert len(again) == 1  # and the same card at the same review count always gets the same


def test_study_day_starts_at_4_am():
    assert scheduling.study_day(datetime(2026, 3, 2, 3, 59, tzinfo=UTC), 4, UTC) == date(2026, 3, 1)
    assert scheduling.study_day(datetime(2026, 3, 2, 4, 0, tzinfo=UTC), 4, UTC) == date(2026, 3, 2)
    assert scheduling.next_day_start(datetime(2026, 3, 2, 23, 0, tzinfo=UTC), 4, UTC) == datetime(
        2026, 3, 3, 4, 0, tzinfo=UTC
    )


BERLIN = ZoneInfo("Europe/Berlin")
# 2026's daylight-saving changes in Berlin: 29 March 02:00 CET → 03:00 CEST, 25 October 03:00 CEST → 02:00 CET.
DST_DAYS = [
    (datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN), datetime(2026, 3, 29, 2, 0, tzinfo=UTC)),  # 04:00 CEST
    (datetime(2026, 10, 24, 12, 0, tzinfo=BERLIN), datetime(2026, 10, 25, 3, 0, tzinfo=UTC)),  # 04:00 CET
]


@pytest.mark.parametrize("noon, four_am", DST_DAYS)
def test_next_day_starts_at_4_am_wall_clock_across_a_dst_change(noon, four_am):
    assert scheduling.next_day_start(noon, 4, BERLIN) == four_am
    assert scheduling.next_day_start(noon, 4, BERLIN).astimezone(BERLIN).hour == 4
    start, end = scheduling.day_bounds(noon.date(), 4, BERLIN)
    assert start.astimezone(BERLIN).hour == 4 and end == four_am
    assert scheduling.study_day(four_am, 4, BERLIN) == four_am.astimezone(BERLIN).date()
    assert scheduling.study_day(four_am - timedelta(seconds=1), 4, BERLIN) == noon.date()


def test_system_zone_uses_the_offset_of_each_date():
    """tz=None reads the system zone: run with TZ=Europe/Berlin in a child (no global patching here)."""
    code = (
        "from datetime import date, datetime, timezone\n"
        "from revise import scheduling\n"
        "for day in (date(2026, 3, 28), date(2026, 10, 24)):\n"
        "    start, end = scheduling.day_bounds(day, 4)\n"
        "    noon = datetime(day.year, day.month, day.day, 11, tzinfo=timezone.utc)\n"
        "    print(start.astimezone(timezone.utc).isoformat(), end.astimezone(timezone.utc).isoformat(),\n"
        "          scheduling.next_day_start(noon, 4).astimezone(timezone.utc).isoformat())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "TZ": "Europe/Berlin"})
    assert done.stdout.split() == [
        "2026-03-28T03:00:00+00:00", "2026-03-29T02:00:00+00:00", "2026-03-29T02:00:00+00:00",  # a 23-hour day
        "2026-10-24T02:00:00+00:00", "2026-10-25T03:00:00+00:00", "2026-10-25T03:00:00+00:00",  # a 25-hour day
    ]


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
    queue = scheduling.build_queue([today, tomorrow], night, Config(), tz=UTC)
    assert [c.id for c in queue.main] == [1]


def test_new_card_limit_counts_cards_introduced_today():
    config = Config(default=Settings(new_per_day=5))
    cards = [new_card(i, i) for i in range(1, 11)]
    queue = scheduling.build_queue(cards, NOON, config, [("d", "new")] * 3, tz=UTC)
    assert [c.id for c in queue.main] == [1, 2]  # 5 a day, 3 already introduced today, in note order
    assert [c.id for c in scheduling.build_queue(cards, NOON, config, tz=UTC, new_limit=7).main] == list(range(1, 8))
    assert scheduling.build_queue(cards, NOON, config, [("d", "new")] * 9, tz=UTC).main == []


def test_review_limit_counts_reviews_done_today():
    config = Config(default=Settings(reviews_per_day=4))
    cards = [review_card(i, NOON - timedelta(days=i)) for i in range(1, 8)]
    queue = scheduling.build_queue(cards, NOON, config, [("d", "review"), ("d", "learning")], tz=UTC)
    assert len(queue.main) == 3  # the learning answer does not count


def test_per_deck_override_has_its_own_limits():
    config = Config(default=Settings(new_per_day=1), decks=(("lang", Settings(new_per_day=3)),))
    cards = [new_card(i, i, deck="lang::fr" if i > 4 else "math") for i in range(1, 9)]
    queue = scheduling.build_queue(cards, NOON, config, [("lang::fr", "new")], tz=UTC)
    assert [c.id for c in queue.main] == [1, 5, 6]


def test_new_option_caps_the_total_with_deck_overrides_too():
    config = Config(default=Settings(new_per_day=20), decks=(("lang", Settings(new_per_day=10)),))
    cards = [new_card(i, i, deck="lang::fr" if i % 2 else "math") for i in range(1, 11)]
    assert [c.id for c in scheduling.build_queue(cards, NOON, config, tz=UTC, new_limit=3).main] == [1, 2, 3]
    # two of the selection's new cards were introduced earlier today: one more
    assert [c.id for c in scheduling.build_queue(cards, NOON, config, tz=UTC, new_limit=3, new_today=2).main] == [1]
    assert scheduling.build_queue(cards, NOON, config, tz=UTC, new_limit=3, new_today=5).main == []
    # --new replaces the global new_per_day, but a deck override's own limit still applies
    strict = Config(default=Settings(new_per_day=2), decks=(("lang", Settings(new_per_day=1)),))
    assert [c.id for c in scheduling.build_queue(cards, NOON, strict, tz=UTC, new_limit=5).main] == [1, 2, 4, 6, 8]


def test_session_limit_counts_learning_cards_first():
    learning = QueueCard(20, 20, "d", Schedule(state="learning", step=1, stability=2.0, difficulty=5.0, due=NOON))
    later = QueueCard(21, 21, "d", Schedule(state="learning", step=1, stability=2.0, difficulty=5.0,
                                             due=NOON + timedelta(hours=3)))
    cards = [learning, later, *(new_card(i, i) for i in range(1, 6))]
    queue = scheduling.build_queue(cards, NOON, Config(), tz=UTC, limit=2)
    assert [c.id for c in queue.learning] == [20] and [c.id for c in queue.main] == [1]
    queue = scheduling.build_queue(cards, NOON, Config(), tz=UTC, limit=0)
    assert queue.learning == [] and queue.main == []
    queue = scheduling.build_queue(cards, NOON, Config(), tz=UTC, limit=7)
    assert [c.id for c in queue.learning] == [20, 21] and len(queue.main) == 5  # the later one comes last


def test_reviews_oldest_due_first_within_the_limit():
    cards = [review_card(1, NOON - timedelta(days=1)), review_card(2, NOON - timedelta(days=5)),
             review_card(3, NOON - timedelta(hours=1))]
    assert [c.id for c in scheduling.build_queue(cards, NOON, Config(), tz=UTC).main] == [2, 1, 3]


def test_backlog_over_the_limit_takes_lowest_retrievability_first():
    config = Config(default=Settings(reviews_per_day=2))
    # card 1: overdue longest but very stable; card 3: barely overdue but fragile
    cards = [
        review_card(1, NOON - timedelta(days=9), stability=300.0, last_review_days=100),
        review_card(2, NOON - timedelta(days=3), stability=5.0, last_review_days=8),
        review_card(3, NOON - timedelta(days=1), stability=1.0, last_review_days=3),
    ]
    r = {c.id: scheduling.retrievability(c.schedule, NOON, Settings()) for c in cards}
    assert r[3] < r[2] < r[1]
    assert [c.id for c in scheduling.build_queue(cards, NOON, config, tz=UTC).main] == [3, 2]


def test_new_cards_are_spread_among_reviews():
    reviews = [review_card(i, NOON - timedelta(days=i)) for i in range(1, 7)]
    new = [new_card(i, i) for i in range(10, 12)]
    order = [c.id for c in scheduling.build_queue(reviews + new, NOON, Config(), tz=UTC).main]
    assert order == [6, 5, 10, 4, 3, 11, 2, 1]


def test_only_one_sibling_a_day():
    cards = [new_card(1, 1, note_id=1), new_card(2, 1, note_id=1), new_card(3, 2, note_id=2)]
    assert [c.id for c in scheduling.build_queue(cards, NOON, Config(), tz=UTC).main] == [1, 3]



def test_siblings_do_not_use_up_the_new_card_limit():
    cards = [new_card(i, i, note_id=100 + i // 2) for i in range(10)]  # five notes of two siblings
    config = Config(default=Settings(new_per_day=4))
    assert [c.id for c in scheduling.build_queue(cards, NOON, config, tz=UTC).main] == [0, 2, 4, 6]

def test_buried_and_suspended_cards_wait():
    buried = replace(new_card(1, 1), schedule=Schedule(buried_until=NOON + timedelta(hours=1)))
    suspended = replace(new_card(2, 2), schedule=Schedule(suspended=True))
    unburied = replace(new_card(3, 3), schedule=Schedule(buried_until=NOON - timedelta(hours=1)))
    assert [c.id for c in scheduling.build_queue([buried, suspended, unburied], NOON, Config(), tz=UTC).main] == [3]


def test_learning_cards_are_kept_apart_ordered_by_due():
    late = QueueCard(1, 1, "d", Schedule(state="learning", step=1, stability=2.0, difficulty=5.0, due=NOON + timedelta(minutes=9)))
    soon = QueueCard(2, 2, "d", Schedule(state="relearning", step=0, stability=2.0, difficulty=5.0, due=NOON))
    queue = scheduling.build_queue([late, soon], NOON, Config(), tz=UTC)
    assert [c.id for c in queue.learning] == [2, 1] and queue.main == []


def test_leech_at_threshold_suspends_or_only_tags():
    settings = Settings(leech_threshold=3, relearning_steps=())
    schedule = Schedule(state="review", stability=5.0, difficulty=7.0, due=NOON, last_review=NOON - timedelta(days=5), lapses=2, reps=9)
    lapse = scheduling.answer(1, schedule, 1, NOON, settings)
    assert lapse.leech and lapse.after.lapses == 3 and lapse.after.suspended
    tag_only = scheduling.answer(1, schedule, 1, NOON, replace(settings, leech_action="tag"))
    assert tag_only.leech and not tag_only.after.suspended
    assert not scheduling.answer(1, schedule, 3, NOON, settings).leech
    assert not scheduling.answer(1, replace(schedule, lapses=1), 1, NOON, settings).leech


@pytest.mark.parametrize("lapses, leech", [(7, False), (8, True), (9, False), (12, True), (16, True)])
def test_leech_again_every_half_threshold(lapses, leech):
    assert scheduling.is_leech(lapses, Settings()) is leech


def test_forget_goes_back_to_new_keeping_suspension():
    reviewed = run([3, 3], Settings())[-1].after
    assert scheduling.forget(replace(reviewed, suspended=True)) == Schedule(suspended=True)


def test_schedule_round_trips_through_a_row_and_json():
    schedule = run([3, 3, 1], Settings())[-1].after
    assert Schedule.from_row(schedule.to_row()) == schedule
    import json

    assert Schedule.from_row(json.loads(schedule.to_json())) == schedule
    assert set(json.loads(schedule.to_json())) == {
        "state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses", "suspended", "buried_until"
    }


@pytest.mark.parametrize(
    "interval, text",
    [(timedelta(seconds=20), "1m"), (timedelta(minutes=10), "10m"), (timedelta(hours=1), "1h"),
     (timedelta(hours=2, minutes=30), "2.5h"), (timedelta(days=8), "8d"), (timedelta(days=45), "1.5mo"),
     (timedelta(days=730), "2y")],
)
def test_format_interval(interval, text):
    assert scheduling.format_interval(interval) == text


def test_a_review_card_without_fsrs_memory_is_scheduled_from_its_interval():
    imported = Schedule(state="review", due=NOON, last_review=NOON - timedelta(days=20), reps=5)
    result = scheduling.answer(3, imported, 3, NOON, Settings(fuzz=False))
    assert result.after.state == "review" and result.interval > timedelta(days=20)
    assert result.after.stability is not None and result.after.difficulty is not None
