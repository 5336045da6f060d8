"""Typed answers: what a card asks to type, and the comparison with the grade it suggests."""

import pytest

from revise.review.checking import MAX_TYPED, Mark, compare, expected_answer, plain_answer


def card(kind, back="", note_text="", ord=0):
    return {"kind": kind, "back": back, "note_text": note_text, "ord": ord}


@pytest.mark.parametrize("markdown, plain", [
    ("max(0, z)", "max(0, z)"),
    ("**Adam** combines $\\beta_1$ and *RMSprop*", "Adam combines \\beta_1 and RMSprop"),
    ("`relu` with x_1 and snake_case_name", "relu with x_1 and snake_case_name"),
    ("[(0, 1)](https://en.wikipedia.org/wiki/Sigmoid)", "(0, 1)"),
    ("a wrapped\nanswer line", "a wrapped answer line"),
    ("\\*not emphasis\\*", "*not emphasis*"),
])
def test_one_line_of_markdown_becomes_the_text_to_type(markdown, plain):
    assert plain_answer(markdown) == plain


@pytest.mark.parametrize("markdown", [
    "- a list\n- of two", "para one\n\npara two", "![diagram](relu.png)", "```\ncode\n```", "> a quote",
    "| a | b |", "", "x" * (MAX_TYPED + 1),
])
def test_blocks_images_and_long_answers_are_not_typed(markdown):
    assert plain_answer(markdown) is None


def test_a_cloze_asks_for_its_own_deletions_joined_as_anki_does():
    note = "{{c1::Paris}} is the capital of {{c2::France}}; {{c1::Berlin}} of Germany."
    assert expected_answer(card("cloze", note_text=note, ord=1)) == "Paris, Berlin"
    assert expected_answer(card("cloze", note_text=note, ord=2)) == "France"
    assert expected_answer(card("basic", back="**max(0, z)**")) == "max(0, z)"
    assert expected_answer(card("reversed", back="epoch")) == "epoch"


def test_case_whitespace_backslashes_and_math_delimiters_do_not_count():
    for typed in ["MAX(0,Z)", "max( 0 , z )", "$\\max(0, z)$", "max(0, z)"]:
        result = compare(typed, "\\max(0, z)")
        assert (result.verdict, result.grade, result.ratio) == ("exact", 3, 1.0), typed


def test_a_typo_is_close_and_suggests_hard():
    result = compare("tahn", "tanh")
    assert (result.verdict, result.grade) == ("close", 2) and result.ratio == 0.75
    assert result.typed == (Mark("tah", "good"), Mark("n", "bad"))
    assert result.expected == (Mark("ta", "good"), Mark("n", "missed"), Mark("h", "good"))


def test_a_wrong_or_empty_answer_suggests_again():
    wrong = compare("sigmoid", "tanh")
    assert (wrong.verdict, wrong.grade) == ("wrong", 1) and wrong.ratio < 0.75
    empty = compare("", "tanh")
    assert (empty.verdict, empty.grade, empty.typed) == ("empty", 1, ())
    assert compare("0.8", "0.9").verdict == "wrong"  # a wrong figure is wrong, however short


def test_spaces_are_kept_for_display_but_never_marked():
    result = compare("max(0,x)", "max(0, z)")
    assert result.expected == (Mark("max(0,", "good"), Mark(" ", "space"), Mark("z", "missed"), Mark(")", "good"))
    assert result.verdict == "close"
