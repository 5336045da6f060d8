"""revise.stats.charts: the heatmap and the forecast as exact text."""

from __future__ import annotations

from datetime import date, timedelta

from revise.stats.charts import Forecast, Heatmap
from tests.stats.builders import rendered


def heatmap_days(counts: list[int], first=date(2026, 3, 2)) -> tuple[tuple[date, int], ...]:
    return tuple((first + timedelta(days=i), n) for i, n in enumerate(counts))


def test_heatmap_levels_are_quarters_of_the_busiest_day():
    heatmap = Heatmap(heatmap_days([0, 1, 2, 3, 4, 5, 6, 7, 8]))
    assert [heatmap.level(n) for n in range(9)] == [0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert Heatmap(heatmap_days([0, 0])).level(0) == 0


def test_heatmap_text_and_a_legend_that_wraps_as_a_whole():
    days = heatmap_days([0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 3])  # Mon 2 Mar to Thu 12 Mar, the busiest day 8
    assert rendered(Heatmap(days), 60) == """\
    Mar
Mon · █
    ░ █
Wed ░ ·
    ▒ ▒
Fri ▒
    ▓
Sun ▓
    less · ░ ▒ ▓ █ more   █ up to 8 a day, ░ from 1
"""
    assert rendered(Heatmap(days), 40).splitlines()[-2:] == ["    less · ░ ▒ ▓ █ more", "    █ up to 8 a day, ░ from 1"]


def test_heatmap_keeps_the_latest_weeks_that_fit():
    days = heatmap_days([1] * 7 * 30 + [2])
    assert rendered(Heatmap(days), 40).splitlines()[:4] == [
        "    only the last 18 weeks fit",
        "    Jun       Jul     Aug       Sep",
        "Mon " + "▒ " * 17 + "█",
        "    " + "▒ " * 16 + "▒",
    ]


FORECAST_DAYS = tuple((date(2026, 3, 18) + timedelta(days=i), n) for i, n in enumerate([16, 0, 3, 8, 1, 0, 0, 2, 0, 5]))


def test_forecast_bars_labels_and_summary():
    assert rendered(Forecast(FORECAST_DAYS), 40) == """\
16 █
   █
   █
   █
   █     █
   █     █           ▄
   █   ▄ █           █
 0 █   █ █ ▄     █   █
   today         25 Mar
due today (with overdue) 16
next 7 days 28 · 10 days 35
"""
    assert rendered(Forecast(FORECAST_DAYS), 80).splitlines()[-1] == "due today (with overdue) 16 · next 7 days 28 · 10 days 35"


def test_forecast_bars_round_to_the_nearest_eighth_and_any_card_shows():
    days = tuple((date(2026, 3, 18) + timedelta(days=i), n) for i, n in enumerate([700, 500, 1, 0, 150]))
    assert rendered(Forecast(days), 40) == """\
700 █
    █
    █ ▆
    █ █
    █ █
    █ █
    █ █     ▆
  0 █ █ ▁   █
    today
due today (with overdue) 700
next 5 days 1,351
"""


def test_forecast_date_labels_that_do_not_fit_are_left_out():
    days = tuple((date(2026, 3, 18) + timedelta(days=i), 1) for i in range(30))
    assert rendered(Forecast(days), 36).splitlines()[8] == "  today  25 Mar        8 Apr  15 Apr"
    assert rendered(Forecast(days), 35).splitlines()[8] == "  today  25 Mar        8 Apr"
    assert rendered(Forecast(days), 80).splitlines()[8] == "  today         25 Mar        1 Apr         8 Apr         15 Apr"


def test_an_empty_forecast_is_one_line():
    empty = tuple((date(2026, 3, 18) + timedelta(days=i), 0) for i in range(30))
    assert rendered(Forecast(empty), 80) == "nothing due in the next 30 days\n"
    assert rendered(Forecast(empty[:1]), 80) == "nothing due today\n"
