"""revise.stats.graphs renderables (reviews and true retention over time) as exact text at 80 and 40 columns."""

from __future__ import annotations

from datetime import date, timedelta

from revise.stats.graphs.figures import DayAnswers
from revise.stats.graphs.over_time import RetentionGraph, ReviewsGraph
from tests.stats.builders import rendered

FIRST = date(2026, 2, 17)
# 30 days that grow busier: i young answers on day i, mature ones after day 20, some new and (re)learning
DAYS = tuple(DayAnswers(FIRST + timedelta(days=i), new=(i % 3) * 2, learning=i % 2, relearning=int(i % 5 == 0),
             young=i, mature=max(0, i - 20), young_passed=int(i * 0.9), mature_passed=max(0, i - 21), seconds=10.0 * i)
             for i in range(30))


def test_reviews_stacked_by_kind_at_80_columns():
    assert rendered(ReviewsGraph(DAYS), 80) == """\
43                                                         ▁ ░
                                                     ▃ ▆ ▄ ▓ ▓
                                                 ▆ ▂ ▓ ▓ ▓ ▓ ▓
                                     ▁   ▁ ▅ ▂ ▇ ▓ ▓ ▓ ▓ ▓ ▓ ▓
                               ▃ ▁ ▃ ░ ▃ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓
                   ▂   ▃ ░ ▂ ▒ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓
       ▁   ▁ ░ ▁ ▇ ░ ▇ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ █
 0 ▁ ▆ ░ ▆ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ ▓ █ █ █ █ █ █ █
   17 Feb 2026                                           today
░ new 60 · ▒ learning 21 · ▓ young 435 · █ mature 45 · days studied 30 of 30
total 561 · 19 a day · 19 a day studied · time 1h 12m · 7.8s an answer
"""


def test_reviews_stacked_by_kind_at_40_columns():
    assert rendered(ReviewsGraph(DAYS), 40) == """\
43                             ▁░
                            ▃▆▄▓▓
                          ▆▂▓▓▓▓▓
                    ▁ ▁▅▂▇▓▓▓▓▓▓▓
                 ▃▁▃░▃▓▓▓▓▓▓▓▓▓▓▓
           ▂ ▃░▂▒▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓
     ▁ ▁░▁▇░▇▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓█
 0 ▁▆░▆▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓███████
   17 Feb 2026              today
░ new 60 · ▒ learning 21 · ▓ young 435
█ mature 45 · days studied 30 of 30
total 561 · 19 a day · 19 a day studied
time 1h 12m · 7.8s an answer
"""


def test_true_retention_bars_and_table_at_80_columns():
    assert rendered(RetentionGraph(DAYS), 80) == """\
100%               ▁ ▂ ▃ ▃     ▁ ▁ ▂ ▂ ▂ ▃ ▃ ▃     ▁ ▁ ▂ ▂ ▂ ▃ ▃
             ▄ ▆ █ █ █ █ █ ▇ █ █ █ █ █ █ █ █ █ ▇ █ █ █ █ █ █ █ █
           █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █
         █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █
         █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █
  0%   ▁ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █ █
     17 Feb 2026                                           today

             Young   Mature     All   Answers
─────────────────────────────────────────────
Today        89.7%    88.9%   89.5%        38
Yesterday    89.3%    87.5%   88.9%        36
Last week    88.5%    83.3%   87.5%       224
Last month   86.9%    80.0%   86.2%       480
"""


def test_true_retention_bars_and_table_at_40_columns():
    assert rendered(RetentionGraph(DAYS), 40) == """\
100%        ▁▂▃▃  ▁▁▂▂▂▃▃▃  ▁▁▂▂▂▃▃
         ▄▆█████▇█████████▇████████
        ███████████████████████████
       ████████████████████████████
       ████████████████████████████
  0%  ▁████████████████████████████
     17 Feb 2026              today

             Young   Mature     All
───────────────────────────────────
Today        89.7%    88.9%   89.5%
Yesterday    89.3%    87.5%   88.9%
Last week    88.5%    83.3%   87.5%
Last month   86.9%    80.0%   86.2%
"""
