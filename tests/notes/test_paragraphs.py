"""Paragraph runs: list items and prose as units, quotes and callouts, huge paragraphs."""

from __future__ import annotations

from tests.notes.helpers import cards_of, sides


def test_cloze_in_a_list_item_is_that_item():
    cards = cards_of("- first ==one==\n- plain\n- third {{c1::two}}\n")
    assert [(c.front, c.line) for c in cards] == [("first […]", 1), ("third […]", 3)]


def test_a_huge_paragraph_of_deletions_is_one_note_per_line():
    text = "".join(f"line {i} has a ==deletion {i}== in it and some more words\n" for i in range(3000))
    cards = cards_of(text)
    assert [(c.line, c.front) for c in cards[:2]] == [
        (1, "line 0 has a […] in it and some more words"),
        (2, "line 1 has a […] in it and some more words"),
    ]
    assert len(cards) == 3000


def test_blockquote_and_callout_markers_are_not_card_text():
    text = "> [!note] Remember\n> term :: definition\n"
    assert sides(text) == [("basic", "term", "definition", 0)]
