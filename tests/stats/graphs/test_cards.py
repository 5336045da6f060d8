"""revise.stats.graphs renderables (the card distributions) as exact text at 80 and 40 columns."""

from __future__ import annotations

from revise.stats.graphs.cards import day_bins, difficulty_graph, intervals_graph, percent_bins, retrievability_graph
from revise.stats.graphs.figures import Distribution
from tests.stats.builders import rendered

INTERVALS = Distribution(((1, 3), (2, 5), (3, 4), (7, 2), (12, 1), (40, 1)), 2.5)
DIFFICULTY = Distribution(((12, 1), (35, 4), (50, 6), (51, 2), (88, 1)), 47.5)
RECALL = Distribution(((71, 1), (86, 2), (90, 5), (93, 3), (99, 4)), 0.91)


def test_intervals_up_to_the_95th_percentile_at_80_columns():
    assert rendered(intervals_graph(INTERVALS), 80) == """\
16 review cards · median 2.5 d
  0–4 d █████████████████████████████████████████████████████████████████████ 12
  5–9 d ███████████▌                                                           2
10–14 d █████▊                                                                 1
15–19 d                                                                        0
20–24 d                                                                        0
25–29 d                                                                        0
30–34 d                                                                        0
35–39 d                                                                        0
40–44 d █████▊                                                                 1
"""


def test_intervals_up_to_the_95th_percentile_at_40_columns():
    assert rendered(intervals_graph(INTERVALS), 40) == """\
16 review cards · median 2.5 d
  0–4 d █████████████████████████████ 12
  5–9 d ████▉                          2
10–14 d ██▍                            1
15–19 d                                0
20–24 d                                0
25–29 d                                0
30–34 d                                0
35–39 d                                0
40–44 d ██▍                            1
"""


def test_difficulty_in_10_percent_rows_at_80_columns():
    assert rendered(difficulty_graph(DIFFICULTY), 80) == """\
14 cards · median 48%
10–20% ████████▉                                                               1
20–30%                                                                         0
30–40% ███████████████████████████████████▌                                    4
40–50%                                                                         0
50–60% ███████████████████████████████████████████████████████████████████████ 8
60–70%                                                                         0
70–80%                                                                         0
80–90% ████████▉                                                               1
"""


def test_difficulty_in_10_percent_rows_at_40_columns():
    assert rendered(difficulty_graph(DIFFICULTY), 40) == """\
14 cards · median 48%
10–20% ███▉                            1
20–30%                                 0
30–40% ███████████████▌                4
40–50%                                 0
50–60% ███████████████████████████████ 8
60–70%                                 0
70–80%                                 0
80–90% ███▉                            1
"""


def test_retrievability_in_5_percent_rows_at_80_columns():
    assert rendered(retrievability_graph(RECALL, 13.7), 80) == """\
15 cards · average 91% · recall now 14 cards
 70–75% ████████▊                                                              1
 75–80%                                                                        0
 80–85%                                                                        0
 85–90% █████████████████▌                                                     2
 90–95% ██████████████████████████████████████████████████████████████████████ 8
95–100% ███████████████████████████████████                                    4
"""


def test_retrievability_in_5_percent_rows_at_40_columns():
    assert rendered(retrievability_graph(RECALL, 13.7), 40) == """\
15 cards · average 91%
recall now 14 cards
 70–75% ███▊                           1
 75–80%                                0
 80–85%                                0
 85–90% ███████▌                       2
 90–95% ██████████████████████████████ 8
95–100% ███████████████                4
"""


def test_day_bins_put_the_last_5_percent_in_one_row():
    counts = tuple((day, 1) for day in range(100))  # 95 of the 100 cards are below day 95
    bins = day_bins(counts)
    assert bins[0] == ("0–9 d", 10) and bins[-1] == ("90–99 d", 10) and len(bins) == 10
    counts = tuple((day, 1) for day in range(19)) + ((400, 1),)
    assert day_bins(counts)[-1] == ("≥ 20 d", 1) and sum(n for _, n in day_bins(counts)) == 20


def test_percent_bins_widen_when_the_cards_spread():
    assert percent_bins(((91, 2), (99, 1))) == [("90–95%", 2), ("95–100%", 1)]
    assert percent_bins(((3, 1), (99, 1)))[0] == ("0–10%", 1) and len(percent_bins(((3, 1), (99, 1)))) == 10


def test_no_studied_card_says_so():
    assert rendered(intervals_graph(Distribution((), None)), 40) == "no studied cards yet\n"
