"""Cards a separator splits: `::`/`:::` lines, `?`/`??` lines, definition lists."""

from __future__ import annotations

from revise.notes.parser import parse
from tests.notes.helpers import cards_of, messages, sides


def test_single_line_card():
    assert sides("Adam combines :: momentum and RMSprop") == [
        ("basic", "Adam combines", "momentum and RMSprop", 0)
    ]


def test_single_line_reversed_gives_two_siblings():
    cards = cards_of("intro\n\nepoch ::: one full pass over the training set\n")
    assert [(c.kind, c.front, c.back, c.ord, c.line) for c in cards] == [
        ("reversed", "epoch", "one full pass over the training set", 0, 3),
        ("reversed", "one full pass over the training set", "epoch", 1, 3),
    ]
    assert cards[0].note_text == cards[1].note_text


def test_multi_line_card_is_the_paragraph_around_the_question_mark():
    text = "prose\n\nWhat is dropout?\nExplain.\n?\nRandomly zeroes\nactivations.\n\nafter\n"
    cards = cards_of(text)
    assert [(c.front, c.back, c.line) for c in cards] == [
        ("What is dropout?\nExplain.", "Randomly zeroes\nactivations.", 3)
    ]


def test_multi_line_reversed():
    assert sides("ATP\n??\nenergy currency\n") == [
        ("reversed", "ATP", "energy currency", 0),
        ("reversed", "energy currency", "ATP", 1),
    ]


def test_definition_list():
    assert sides("Epoch\n: one pass over the data\n") == [
        ("basic", "Epoch", "one pass over the data", 0)
    ]


def test_definition_list_with_two_terms():
    cards = cards_of("Epoch\n: one pass\nBatch\n: a slice\n: of the data\n")
    assert [(c.front, c.back, c.line) for c in cards] == [
        ("Epoch", "one pass", 1),
        ("Batch", "a slice\nof the data", 3),
    ]


def test_escaped_separator_keeps_the_escape_for_markdown():
    assert sides("C\\:: language :: a systems language") == [
        ("basic", "C\\:: language", "a systems language", 0)
    ]


def test_note_text_is_the_same_for_q_a_and_single_line_forms():
    assert cards_of("Q: a\nA: b\n")[0].note_text == cards_of("a :: b")[0].note_text == "a\n?\nb"


def test_question_mark_with_no_question_and_empty_sides():
    result = parse("?\nanswer\n\nfront ::: \n", "n.md", "d")
    assert result.cards == []
    assert messages(result) == [
        (1, "'?' with no question before it"),
        (4, "':::' with nothing after it"),
    ]
