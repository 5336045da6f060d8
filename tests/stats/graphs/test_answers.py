"""revise.stats.graphs renderables (answer buttons and hours) as exact text at 80 and 40 columns."""

from __future__ import annotations

from revise.stats.graphs.answers import ButtonsTable, HoursGraph
from tests.stats.builders import rendered

BUTTONS = {"learning": (3, 1, 10, 2), "young": (5, 4, 80, 11), "mature": (1, 0, 20, 4)}
HOURS = tuple([(0, 0)] * 7 + [(12, 11), (30, 27), (25, 20), (8, 8)] + [(0, 0)] * 6 + [(40, 34), (22, 19)] + [(0, 0)] * 5)


def test_buttons_by_card_age_at_80_columns():
    assert rendered(ButtonsTable(BUTTONS), 80) == """\
           Again   Hard    Good    Easy   Correct   Answers
───────────────────────────────────────────────────────────
learning   18.8%   6.2%   62.5%   12.5%     81.2%        16
young       5.0%   4.0%   80.0%   11.0%     95.0%       100
mature      4.0%   0.0%   80.0%   16.0%     96.0%        25
"""


def test_buttons_by_card_age_at_40_columns():
    assert rendered(ButtonsTable(BUTTONS), 40) == """\
           Again   Hard    Good    Easy
───────────────────────────────────────
learning   18.8%   6.2%   62.5%   12.5%
young       5.0%   4.0%   80.0%   11.0%
mature      4.0%   0.0%   80.0%   16.0%
"""


def test_hours_answers_and_correct_share_at_80_columns():
    assert rendered(HoursGraph(HOURS), 80) == """\
  40                                   █
                     ▄                 █
                     █ ▆               █ ▂
                     █ █               █ █
                   ▆ █ █ ▂             █ █
   0               █ █ █ █             █ █
100%                     █
                   ▆ ▄   █
 80%               █ █ ▁ █             ▆ █
     0           6           12          18
bars: answers · below: correct (not Again) · busiest 17:00–18:00
"""


def test_hours_answers_and_correct_share_at_40_columns():
    assert rendered(HoursGraph(HOURS), 40) == """\
  40                  █
             ▄        █
             █▆       █▂
             ██       ██
            ▆██▂      ██
   0        ████      ██
100%           █
            ▆▄ █
 80%        ██▁█      ▆█
     0     6     12    18
bars: answers
below: correct (not Again)
busiest 17:00–18:00
"""
