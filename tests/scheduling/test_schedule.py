"""The FSRS schedule: py-fsrs behind our Schedule, reproducible fuzz, leeches, forgetting, intervals."""

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Card, Rating, Scheduler

from revise.config import Settings
from revise.scheduling.schedule import Schedule, answer, forget, format_interval, is_leech, preview

UTC = timezone.utc
NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
RATINGS = [3, 3, 1, 3, 2, 4, 3, 1, 1, 3, 3]


def run(ratings, settings, card_id=7, start=NOON):
    """Answer `ratings` in turn, each when the card falls due; returns the answers."""
    schedule, now, answers = Schedule(), start, []
    for rating in ratings:
        result = answer(card_id, schedule, rating, now, settings)
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
        shown = preview(11, schedule, now, settings)
        given = answer(11, schedule, rating, now, settings)
        assert shown[rating].interval == given.interval
        assert shown[rating].after == given.after
        schedule, now = given.after, given.after.due


def test_fuzz_is_seeded_by_card_and_review_count():
    settings = Settings()
    long_card = run([3, 3, 3, 3, 3], Settings(fuzz=False))[-1].before  # a card with a long interval
    now = long_card.due
    unfuzzed = answer(1, long_card, 3, now, Settings(fuzz=False)).interval
    intervals = {answer(card_id, long_card, 3, now, settings).interval for card_id in range(40)}
    assert len(intervals) > 1  # fuzz is on: cards differ
    assert all(abs(i - unfuzzed) <= 0.1 * unfuzzed + timedelta(days=1) for i in intervals)
    again = {answer(5, long_card, 3, now, settings).interval for _ in range(5)}
    assert len(again) == 1  # and the same card at the same review count always gets the same


def test_leech_at_threshold_suspends_or_only_tags():
    settings = Settings(leech_threshold=3, relearning_steps=())
    schedule = Schedule(state="review", stability=5.0, difficulty=7.0, due=NOON, last_review=NOON - timedelta(days=5), lapses=2, reps=9)
    lapse = answer(1, schedule, 1, NOON, settings)
    assert lapse.leech and lapse.after.lapses == 3 and lapse.after.suspended
    tag_only = answer(1, schedule, 1, NOON, replace(settings, leech_action="tag"))
    assert tag_only.leech and not tag_only.after.suspended
    assert not answer(1, schedule, 3, NOON, settings).leech
    assert not answer(1, replace(schedule, lapses=1), 1, NOON, settings).leech


@pytest.mark.parametrize("lapses, leech", [(7, False), (8, True), (9, False), (12, True), (16, True)])
def test_leech_again_every_half_threshold(lapses, leech):
    assert is_leech(lapses, Settings()) is leech


def test_forget_goes_back_to_new_keeping_suspension():
    reviewed = run([3, 3], Settings())[-1].after
    assert forget(replace(reviewed, suspended=True)) == Schedule(suspended=True)


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
    assert format_interval(interval) == text


def test_a_review_card_without_fsrs_memory_is_scheduled_from_its_interval():
    imported = Schedule(state="review", due=NOON, last_review=NOON - timedelta(days=20), reps=5)
    result = answer(3, imported, 3, NOON, Settings(fuzz=False))
    assert result.after.state == "review" and result.interval > timedelta(days=20)
    assert result.after.stability is not None and result.after.difficulty is not None
