"""Colon lists, question bullets and term bullets: exact cards, where they must not fire, and their keys."""

from __future__ import annotations

import pytest

from revise.notes.parser import parse
from tests.notes.helpers import messages

QUESTION_BULLETS = (("question_bullets", True),)
TERM_BULLETS = (("term_bullets", True),)


def found(text: str, settings: tuple = ()) -> list[tuple[str, int, str, str]]:
    return [(c.syntax, c.line, c.front, c.back) for c in parse(text, "n.md", "d", (), settings).cards]


def test_a_list_item_ending_with_a_colon_and_its_nested_list():
    text = (
        "- If your algorithm has a high bias:\n  - Try a bigger network\n  - Train longer\n"
        "    - or a better optimiser\n- If it has a high variance:\n  - More data\n- Training a bigger network never hurts.\n"
    )
    assert found(text) == [
        ("colon list", 1, "If your algorithm has a high bias:",
         "- Try a bigger network\n- Train longer\n  - or a better optimiser"),
        ("colon list", 5, "If it has a high variance:", "- More data"),
    ]


def test_a_paragraph_ending_with_a_colon_and_the_list_attached_to_it():
    text = "Your data is split into three parts:\n- Training set\n- Dev set\n  - for tuning\n- Test set\n"
    assert found(text) == [("colon list", 1, "Your data is split into three parts:",
                             "- Training set\n- Dev set\n  - for tuning\n- Test set")]


def test_a_bold_term_with_a_colon_and_a_list_is_a_colon_list_with_the_term_as_front():
    assert found("- **Learning rate**:\n  - too high: divergence\n") == [
        ("colon list", 1, "Learning rate", "- too high: divergence")]
    assert found("- **Learning rate:**\n  - too high\n") == [("colon list", 1, "Learning rate", "- too high")]


@pytest.mark.parametrize("text", [
    "For example:\n\n- a list after a blank line is not attached\n",
    "The update rule:\n$$\nw := w - \\alpha dw\n$$\n",
    "- Steps:\n- a sibling, not a nested item\n",
    "- Steps:\n",
    "```\nconfig:\n  - a\n```\n",
    "- a :: b:\n  - c\n",
])
def test_colon_lines_without_a_list_under_them_are_no_colon_list(text):
    assert [c for c in found(text) if c[0] == "colon list"] == []
    assert parse(text, "n.md", "d").warnings == [] or text.startswith("- a ::")


def test_a_colon_list_never_takes_an_explicit_card():
    text = "- Facts:\n  - The {{c1::mean}} is subtracted\n  - then scaled\n"
    assert [c[0] for c in found(text)] == [""]
    text = "Rules:\n- ReLU :: max(0, z)\n- tanh :: (-1, 1)\n"
    assert [c[0] for c in found(text)] == ["", ""]


def test_nested_colon_lists_each_make_a_card():
    text = "- Bias and variance:\n  - High variance (overfitting):\n    - Train error: 1%\n    - Dev error: 11%\n"
    assert found(text) == [
        ("colon list", 1, "Bias and variance:", "- High variance (overfitting):\n  - Train error: 1%\n  - Dev error: 11%"),
        ("colon list", 2, "High variance (overfitting):", "- Train error: 1%\n- Dev error: 11%"),
    ]


@pytest.mark.parametrize("front", [
    "Example:", "For example:", "- Best:", "- **Extra**:", "Notations:", "Y may be:", "Lets explain it with an example:",
    "You will go through this:", "Formally we want:", "Finally the cost function will be as following:",
    "For example in a computer vision data:", "We want each pair to differ only in gender. Like:",
])
def test_colon_lines_that_ask_nothing_on_their_own_are_no_card(front):
    # measured on a public course summary: such fronts were most of the colon lists a learner would not keep
    assert found(f"{front}\n  - one point\n  - another point\n") == []


def test_a_colon_list_of_only_images_or_links_is_no_card():
    assert found("Equations of hidden layers:\n- ![](Images/05.png)\n- [slides](https://x.org/a.pdf)\n") == []
    assert found("Equations of hidden layers:\n- ![](Images/05.png)\n- $a = g(z)$\n") == [
        ("colon list", 1, "Equations of hidden layers:", "- ![](Images/05.png)\n- $a = g(z)$")]


def test_colon_lists_can_be_turned_off():
    assert found("---\nrevise: {colon_lists: false}\n---\nParts:\n- a\n- b\n") == []


def test_question_bullets_are_off_by_default_and_opt_in():
    text = "- Why not regularize the bias? In practice it makes little difference.\n  - b is one number\n"
    assert found(text) == []
    assert found(text, QUESTION_BULLETS) == [("question bullet", 1, "Why not regularize the bias?",
                                              "In practice it makes little difference.\n- b is one number")]
    on = "---\nrevise: {question_bullets: true}\n---\n" + text
    assert [c[0] for c in found(on)] == ["question bullet"]


@pytest.mark.parametrize("bullet", [
    "- Why not?",  # nothing after the question
    "- It works. Why? Nobody knows.",  # the question is not the first sentence
    "- Is it? ",
])
def test_bullets_whose_first_sentence_is_no_question_with_more_text_are_no_question_bullet(bullet):
    assert found(bullet + "\n", QUESTION_BULLETS) == []


def test_term_bullets_are_off_by_default_and_opt_in():
    text = "- Training error: 1%\n- Dev error: 11%\n- See https://example.com: a link\n- A long sentence of many words here: no\n"
    assert found(text) == []
    assert found(text, TERM_BULLETS) == [("term bullet", 1, "Training error", "1%"), ("term bullet", 2, "Dev error", "11%")]


def test_a_long_colon_list_is_a_warning_and_still_a_card():
    text = "Layers:\n" + "".join(f"- layer {i}\n" for i in range(41))
    result = parse(text, "n.md", "d")
    assert len(result.cards) == 1
    assert messages(result) == [(1, "colon list with an answer of 41 lines — split it into smaller parts (the card is kept)")]
