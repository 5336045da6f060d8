"""Time spent: an answer's duration capped as Anki caps it (maximum answer seconds, 60), their sum, and
how the session summary and stats write it."""

from datetime import datetime, timedelta, timezone

import pytest

from revise.scheduling.timing import MAX_ANSWER_MS, answer_duration_ms, format_duration, time_spent

SHOWN = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


def test_an_answer_is_recorded_as_long_as_it_took_up_to_a_minute():
    assert answer_duration_ms(SHOWN, SHOWN + timedelta(seconds=7.25)) == 7250
    assert answer_duration_ms(SHOWN, SHOWN + timedelta(minutes=20)) == MAX_ANSWER_MS == 60_000
    assert answer_duration_ms(SHOWN, SHOWN - timedelta(seconds=1)) == 0  # a clock set back is no negative time


def test_time_spent_sums_recorded_durations_each_capped():
    # an answer imported with a longer record (Anki's cap can be raised) counts as a minute, an unknown one as nothing
    assert time_spent([7250, 120_000, None, 0, 500]) == 67.75
    assert time_spent([]) == 0


@pytest.mark.parametrize("seconds, written", [
    (0.4, "0s"), (59, "59s"), (59.6, "1m 00s"), (61, "1m 01s"), (59 * 60, "59m 00s"), (3599.4, "59m 59s"),
    (3600, "1h 00m"), (61 * 60, "1h 01m"), (25 * 3600, "25h 00m"), (25 * 3600 + 59, "25h 00m"),
])
def test_one_way_of_writing_a_duration(seconds, written):
    assert format_duration(seconds) == written

