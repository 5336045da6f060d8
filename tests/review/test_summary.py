"""The closing summary, as text: the time, answers and cards, and what tomorrow brings."""

import pytest

from revise.review.summary import Summary, summary_text


@pytest.mark.parametrize("seconds, shown", [(0.4, "0s"), (45, "45s"), (59.6, "1m 00s"), (245, "4m 05s"), (3725, "1h 02m")])
def test_session_time_is_written_as_stats_writes_it(seconds, shown):
    assert summary_text(Summary(answered=2, cards=2, seconds=seconds), cram=True).plain == f"Done: 2 cards, again 0%, {shown}."


def test_summary_tells_answers_and_cards_apart_only_when_they_differ():
    done = [summary_text(Summary(answered=a, cards=c), cram=True).plain.split(",")[0] for a, c in [(1, 1), (5, 5), (23, 18), (0, 0)]]
    assert done == ["Done: 1 card", "Done: 5 cards", "Done: 23 answers to 18 cards", "Done: 0 cards"]


def test_summary_new_cards_tomorrow_within_the_limit():
    def tomorrow(**kw):
        return summary_text(Summary(**kw)).plain.splitlines()[-1]

    assert tomorrow(new_left=478, new_per_day=20) == "Due tomorrow: 0 cards, plus up to 20 new cards (478 not yet studied)."
    assert tomorrow(new_left=3, new_per_day=20, due_tomorrow=1) == "Due tomorrow: 1 card, plus up to 3 new cards (3 not yet studied)."
    assert tomorrow(new_left=478) == "Due tomorrow: 0 cards, plus new cards (478 not yet studied)."  # deck overrides
    assert tomorrow(new_left=478, new_per_day=0) == "Due tomorrow: 0 cards (478 new not yet studied, 0 a day)."
    assert tomorrow(new_left=0, new_per_day=20) == "Due tomorrow: 0 cards."
