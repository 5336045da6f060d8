"""revise.stats.tables: the deck tree and the tables at narrow widths, as exact text."""

from __future__ import annotations

import pytest

from revise.stats.figures import DeckRow, Retention, WindowRetention
from revise.stats.tables import DeckTable, RetentionTable
from tests.stats.builders import rendered


def test_deck_tree_rolls_subdecks_up_into_parents():
    from revise.stats.tables import deck_tree

    rows = (
        DeckRow("course", 1, 1, 0, Retention(2, 1), 4.0, 1),
        DeckRow("course::week1", 2, 0, 2, Retention(), None, 0),
        DeckRow("course::week2::extra", 3, 2, 0, Retention(2, 2), 10.0, 3),
        DeckRow("history", 4, 0, 4, Retention(), None, 0),
    )
    tree = [(label, row.cards, row.due, row.new, row.retention.true, row.stability) for label, row in deck_tree(rows)]
    assert tree == [
        ("course", 6, 3, 2, 0.75, (4.0 + 3 * 10.0) / 4),
        ("  week1", 2, 0, 2, None, None),
        ("  week2", 3, 2, 0, 1.0, 10.0),
        ("    extra", 3, 2, 0, 1.0, 10.0),
        ("history", 4, 0, 4, None, None),
    ]


DECKS = (
    DeckRow("Deep Learning Specialization::1 Neural Networks and Deep Learning", 74, 3, 0, Retention(62, 54), 106.9, 74),
    DeckRow("Deep Learning Specialization::5 Sequence Models", 107, 4, 0, Retention(85, 74), 46.0, 107),
    DeckRow("Getting started with revise", 25, 3, 12, Retention(15, 13), 33.4, 13),
)


WINDOWS = (
    WindowRetention(7, Retention(85, 70, 76.5, 85), Retention(41, 39, 36.8, 41)),
    WindowRetention(30, Retention(520, 456, 460.7, 520), Retention(238, 214, 213.7, 238)),
    WindowRetention(365, Retention(2100, 1831, 1829.1, 2100), Retention(768, 682, 689.0, 768), Retention(3, 1)),
)


DECK_TABLES = {
    80: """\
Deck                                    Cards   Due   New   Ret 30d     Stab
────────────────────────────────────────────────────────────────────────────
Deep Learning Specialization              181     7     0     87.1%    70.9d
  1 Neural Networks and Deep Learning      74     3     0     87.1%   106.9d
  5 Sequence Models                       107     4     0     87.1%    46.0d
Getting started with revise                25     3    12     86.7%    33.4d
""",
    60: """\
Deck                    Cards   Due   New   Ret 30d     Stab
────────────────────────────────────────────────────────────
Deep Learning Specia…     181     7     0     87.1%    70.9d
  1 Neural Networks…       74     3     0     87.1%   106.9d
  5 Sequence Models       107     4     0     87.1%    46.0d
Getting started with…      25     3    12     86.7%    33.4d
""",
    40: """\
Deck               Cards   Due   Ret 30d
────────────────────────────────────────
Deep Learning S…     181     7     87.1%
  1 Neural Netw…      74     3     87.1%
  5 Sequence Mo…     107     4     87.1%
Getting started…      25     3     86.7%
""",
}


@pytest.mark.parametrize("width", sorted(DECK_TABLES))
def test_deck_table_drops_columns_and_shortens_names_but_never_cuts_a_figure(width):
    assert rendered(DeckTable(DECKS), width) == DECK_TABLES[width]


RETENTION_ROWS = """\
Last    Reviews    True    FSRS    Young <21d   Mature ≥21d
───────────────────────────────────────────────────────────
7 d         126   86.5%   89.9%   82.4 / 90.0   95.1 / 89.8
30 d        758   88.4%   89.0%   87.7 / 88.6   89.9 / 89.8
365 d     2,871   87.6%   87.8%   87.2 / 87.1   88.8 / 89.7
"""


RETENTION_TABLES = {
    80: RETENTION_ROWS + "Reviews: answers to review-state cards; learning steps are not counted.\n"
                         "True: answers other than Again. FSRS: predicted. Young, Mature: true / FSRS.\n",
    60: RETENTION_ROWS + "Reviews: answers to review-state cards;\nlearning steps are not counted.\n"
                         "True: answers other than Again. FSRS: predicted.\nYoung, Mature: true / FSRS.\n",
    40: """\
Last    Reviews    True    FSRS
───────────────────────────────
7 d         126   86.5%   89.9%
30 d        758   88.4%   89.0%
365 d     2,871   87.6%   87.8%

Last     Young <21d   Mature ≥21d
─────────────────────────────────
7 d     82.4 / 90.0   95.1 / 89.8
30 d    87.7 / 88.6   89.9 / 89.8
365 d   87.2 / 87.1   88.8 / 89.7
Reviews: answers to review-state cards;
learning steps are not counted.
True: answers other than Again.
FSRS: predicted.
Young, Mature: true / FSRS.
""",
}


@pytest.mark.parametrize("width", sorted(RETENTION_TABLES))
def test_retention_table_splits_in_two_when_narrow(width):
    assert rendered(RetentionTable(WINDOWS), width) == RETENTION_TABLES[width]


def test_deck_names_stay_on_one_line_with_their_indentation():
    rows = (DeckRow("a::b::c::a rather long subdeck name", 1, 0, 1, Retention(), None),)
    assert rendered(DeckTable(rows), 40).splitlines()[2:] == [
        "a                     1     0         –",
        "  b                   1     0         –",
        "    c                 1     0         –",
        "      a rather…       1     0         –",
    ]
