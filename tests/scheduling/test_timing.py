"""Time spent: an answer's duration capped as Anki caps it (maximum answer seconds, 60), and their sum."""

from datetime import datetime, timedelta, timezone

from revise.scheduling.timing import MAX_ANSWER_MS, answer_duration_ms, time_spent

SHOWN = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


def test_an_answer_is_recorded_as_long_as_it_took_up_to_a_minute():
    assert answer_duration_ms(SHOWN, SHOWN + timedelta(seconds=7.25)) == 7250
    assert answer_duration_ms(SHOWN, SHOWN + timedelta(minutes=20)) == MAX_ANSWER_MS == 60_000
    assert answer_duration_ms(SHOWN, SHOWN - timedelta(seconds=1)) == 0  # a clock set back is no negative time


def test_time_spent_sums_recorded_durations_each_capped():
    # an answer imported with a longer record (Anki's cap can be raised) counts as a minute, an unknown one as nothing
    assert time_spent([7250, 120_000, None, 0, 500]) == 67.75
    assert time_spent([]) == 0
