"""revise.stats.html: the page of a real collection's graphs holds their figures, escapes user text,
says when a graph is empty, and is written whole or not at all."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from revise.errors import ReviseError
from revise.stats.html import page_html, write_page
from revise.stats.html.svg import count_axis, percent_axis
from tests.stats.builders import NOW, add_card, add_review, build_cards
from tests.stats.graphs.test_compute import answers, graphs_of
from tests.stats.html.pages import GRAPHS, assert_same_figures, parse_page


def test_every_graph_once_in_order_with_the_figures_of_the_json(db):
    build_cards(db)
    answers(db)
    graphs = graphs_of(db)
    page = parse_page(page_html(graphs))
    assert_same_figures(page, graphs.to_json())
    assert page.svgs["reviews"]["data-slot-days"] == "1" and page.svgs["reviews"]["data-days"] == "365"
    text = " ".join(page.text)
    for title in ("Reviews, last 365 days", "True retention, last 365 days", "Answer buttons, last 365 days",
                  "new 1", "busiest 10:00–11:00", "Last year"):
        assert title in text


def test_a_long_period_starts_at_the_first_answer_in_bars_of_weeks(db):
    build_cards(db)
    answers(db)  # one of its answers is 400 days old
    card = add_card(db, stability=10, due=NOW + timedelta(days=5), last_review=NOW - timedelta(days=5))
    for week in range(0, 120, 3):  # a review every three weeks back to 840 days ago
        add_review(db, card, NOW - timedelta(weeks=week, hours=1), rating=1 + week % 4, stability=8,
                   last_review=NOW - timedelta(weeks=week + 3), due=NOW - timedelta(weeks=week))
    graphs = graphs_of(db, days=36500)
    page = parse_page(page_html(graphs))
    assert_same_figures(page, graphs.to_json())
    reviews = page.svgs["reviews"]
    assert reviews["data-days"] == "36500" and reviews["data-slot-days"] == "7"
    first = page.marks["reviews"][0][1]
    assert first["from"] <= (NOW - timedelta(weeks=117)).date().isoformat() <= first["to"]  # the oldest answer's bar
    assert page.svgs["retention"]["data-slot-days"] == "14"
    assert any(line.endswith("(the first answer)") for line in page.text)


def test_empty_graphs_say_so_and_user_text_is_escaped(db):
    build_cards(db)
    graphs = replace(graphs_of(db, deck="course", days=7), deck="<b>Física</b> & co")
    page = parse_page(page_html(graphs))
    assert list(page.svgs) == GRAPHS
    text = " ".join(page.text)
    assert "deck <b>Física</b> & co" in text and "b" not in page.tags  # shown as text, never as markup
    for note in ("no reviews in the last 7 days", "no answers of review cards in the last 7 days",
                 "no answers in the period"):
        assert note in text


def test_write_page_replaces_a_file_whole_or_names_what_it_could_not_write(db, tmp_path):
    graphs = graphs_of(db)
    out = tmp_path / "graphs.html"
    out.write_text("older")
    write_page(graphs, out)
    assert list(parse_page(out.read_text()).svgs) == GRAPHS
    assert [p.name for p in tmp_path.iterdir() if "graphs" in p.name] == ["graphs.html"]  # no temporary file left
    with pytest.raises(ReviseError, match=f"cannot write {tmp_path / 'nowhere' / 'x.html'}: No such file or directory"):
        write_page(graphs, tmp_path / "nowhere" / "x.html")


def test_axes_tick_at_round_values():
    assert count_axis(0, "answers").ticks == (0, 1)
    assert count_axis(7, "answers").ticks == (0, 2, 4, 6, 8)
    assert count_axis(1234, "answers").ticks == (0, 250, 500, 750, 1000, 1250)
    assert percent_axis(0.83, "r").ticks == (0.8, 0.85, 0.9, 0.95, 1.0)
    assert percent_axis(0.5, "r").ticks == (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
    assert percent_axis(0, "r").ticks == (0, 0.2, 0.4, 0.6, 0.8, 1.0)
    assert percent_axis(0.83, "r").tick_text(0.85) == "85%" and count_axis(9000, "a").tick_text(8000) == "8,000"
