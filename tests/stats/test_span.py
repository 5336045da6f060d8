"""revise.stats.span: study days, their 4 am start, time zones and daylight saving; the days a span covers."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from revise.config import Config, Settings
from revise.stats.compute import collect_stats
from tests.stats.builders import UTC, NOW, add_card, add_review, stats_of


def test_streak_follows_the_4am_day_start(db):
    card = add_card(db, stability=5, due=NOW, last_review=NOW - timedelta(days=5))
    for moment in ["2026-03-01T10:00", "2026-03-02T10:00", "2026-03-03T23:00", "2026-03-04T03:59:59",
                   "2026-03-16T10:00", "2026-03-17T03:30", "2026-03-17T20:00"]:
        add_review(db, card, datetime.fromisoformat(moment).replace(tzinfo=UTC))
    stats = stats_of(db)
    per_day = dict(stats.heatmap)
    assert per_day[date(2026, 3, 3)] == 2  # 03:59:59 on the 4th still belongs to the 3rd
    assert date(2026, 3, 4) not in {d for d, n in stats.heatmap if n}
    assert per_day[date(2026, 3, 16)] == 2 and per_day[date(2026, 3, 17)] == 1
    assert (stats.streak_current, stats.streak_longest) == (2, 3)  # today not studied yet: ends yesterday

    add_review(db, card, datetime(2026, 3, 18, 4, 0, tzinfo=UTC))  # the first second of today
    assert (stats_of(db).streak_current, stats_of(db).streak_longest) == (3, 3)


def test_streak_in_a_local_time_zone(db):
    new_york = ZoneInfo("America/New_York")  # UTC−4 in mid-March
    card = add_card(db, stability=5, due=NOW, last_review=NOW - timedelta(days=5))
    add_review(db, card, datetime(2026, 3, 16, 20, 0, tzinfo=new_york))
    add_review(db, card, datetime(2026, 3, 17, 3, 30, tzinfo=new_york))  # still the 16th
    add_review(db, card, datetime(2026, 3, 18, 3, 59, tzinfo=new_york))  # the 17th
    stats = stats_of(db, tz=new_york)  # NOW is 08:00 on the 18th in New York
    assert stats.today == date(2026, 3, 18)
    assert {d: n for d, n in stats.heatmap if n} == {date(2026, 3, 16): 2, date(2026, 3, 17): 1}
    assert (stats.streak_current, stats.streak_longest) == (2, 2)
    assert stats.reviews_today == 0


@pytest.mark.parametrize("now, reviews, expected", [
    # spring forward, Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST, so that study day is 23 hours
    (datetime(2026, 3, 30, 10, 0, tzinfo=UTC),
     ["2026-03-28T02:30", "2026-03-28T03:30", "2026-03-29T01:30", "2026-03-29T02:30", "2026-03-30T01:59", "2026-03-30T02:00"],
     {date(2026, 3, 27): 1, date(2026, 3, 28): 2, date(2026, 3, 29): 2, date(2026, 3, 30): 1}),
    # fall back, Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET, so that study day is 25 hours
    (datetime(2026, 10, 26, 10, 0, tzinfo=UTC),
     ["2026-10-24T01:30", "2026-10-24T02:30", "2026-10-25T02:30", "2026-10-25T03:00", "2026-10-26T02:59", "2026-10-26T03:00"],
     {date(2026, 10, 23): 1, date(2026, 10, 24): 2, date(2026, 10, 25): 2, date(2026, 10, 26): 1}),
])
def test_study_days_across_a_daylight_saving_change(db, now, reviews, expected):
    berlin = ZoneInfo("Europe/Berlin")
    card = add_card(db, stability=5, due=now, last_review=now - timedelta(days=5))
    for moment in reviews:
        add_review(db, card, datetime.fromisoformat(moment).replace(tzinfo=UTC))
    stats = collect_stats(db, now, berlin, Config())
    assert {d: n for d, n in stats.heatmap if n} == expected
    assert (stats.reviews_today, stats.streak_current, stats.streak_longest) == (1, 4, 4)
    assert [n for _, n in stats.forecast[:2]] == [1, 0]  # due `now`: today, whatever the day's length


def test_heatmap_covers_26_calendar_weeks_ending_today(db):
    stats = stats_of(db)
    first, last = stats.heatmap[0][0], stats.heatmap[-1][0]
    assert first.weekday() == 0 and last == date(2026, 3, 18)
    assert len(stats.heatmap) == 25 * 7 + 3
    assert len(stats_of(db, days=10).heatmap) == 7 + 3  # two weeks


@pytest.mark.parametrize("days, first", [
    (None, date(2025, 9, 22)), (1, date(2026, 3, 16)), (3, date(2026, 3, 16)), (7, date(2026, 3, 9)),
    (10, date(2026, 3, 9)), (11, date(2026, 3, 2)), (17, date(2026, 3, 2)), (18, date(2026, 2, 23)),
])
def test_days_give_whole_calendar_weeks_holding_at_least_that_many_days(days, first):
    from revise.stats.span import make_span

    span = make_span(NOW, UTC, Settings(), days)  # NOW is a Wednesday
    assert span.heatmap_start == first and span.forecast_days == (days or 30)


def test_days_7_on_a_tuesday_shows_nine_days_of_heatmap(db):
    tuesday = NOW - timedelta(days=1)
    heatmap = collect_stats(db, tuesday, UTC, Config(), days=7).heatmap
    assert (heatmap[0][0], heatmap[-1][0], len(heatmap)) == (date(2026, 3, 9), date(2026, 3, 17), 9)
