"""revise.stats.graphs.view: the whole graphs screen, from a real collection, fits 80 and 40 columns."""

from __future__ import annotations

from rich.cells import cell_len

from revise.stats.graphs import render_graphs
from tests.stats.builders import build_cards, rendered
from tests.stats.graphs.test_compute import answers, graphs_of

TITLES = ["Reviews, last 365 days", "True retention, last 365 days", "Review intervals", "Stability",
          "Difficulty", "Retrievability", "Answer buttons, last 365 days", "Hour of day, last 365 days"]


def test_every_graph_in_anki_order_within_the_width(db):
    build_cards(db)
    answers(db)
    for width in (80, 40):
        lines = rendered(render_graphs(graphs_of(db)), width).splitlines()
        assert lines[0].startswith("revise stats · graphs · ")
        assert [line for line in lines if line in TITLES] == TITLES
        assert max(cell_len(line) for line in lines) <= width


def test_an_empty_period_and_deck_say_so(db):
    build_cards(db)
    text = rendered(render_graphs(graphs_of(db, deck="course", days=7)), 40)
    assert "revise stats · graphs · deck course" in text
    assert "no reviews in the last 7 days" in text and "no answers in the period" in text
