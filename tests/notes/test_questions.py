"""Question headings and bold questions: fronts, backs, lines, heading paths, warnings, and where they must not fire."""

from __future__ import annotations

import pytest

from revise.notes.parser import parse
from tests.notes.helpers import cards_of, messages


def found(text: str, settings: tuple = ()) -> list[tuple[str, int, str, str]]:
    """(syntax, line, front, back) of every card."""
    return [(c.syntax, c.line, c.front, c.back) for c in parse(text, "n.md", "d", (), settings).cards]


def test_question_heading_takes_its_section_up_to_the_next_heading_of_any_level():
    text = (
        "# Course 2\n## Why does batch norm work?\nIt keeps each layer's inputs stable.\n\n"
        "- so later layers adapt less\n\n```python\nbn = BatchNorm()\n```\n### Details\nmore\n"
    )
    cards = cards_of(text)
    assert [(c.syntax, c.line, c.front, c.back, c.headings) for c in cards] == [(
        "question heading", 2, "Why does batch norm work?",
        "It keeps each layer's inputs stable.\n\n- so later layers adapt less\n\n```python\nbn = BatchNorm()\n```",
        ("Course 2",),
    )]


def test_question_heading_tolerates_marks_after_the_question_mark():
    assert found("## What is regression? 👶\nPredicting a number.\n") == [
        ("question heading", 1, "What is regression?", "Predicting a number.")]


@pytest.mark.parametrize("heading", ["## Why deep networks", "## What? Not a question at the end", "## ?"])
def test_headings_that_ask_no_question_are_no_card(heading):
    assert found(f"{heading}\nbody text\n") == []


def test_question_heading_with_no_answer_is_a_warning():
    result = parse("## Why does it work?\n\n## Next\ntext\n", "n.md", "d")
    assert result.cards == []
    assert messages(result) == [(1, "question heading with no answer — write the answer under it, before the next heading")]


def test_a_question_heading_stops_before_an_explicit_card_and_never_takes_it():
    text = "## Why ReLU?\nIt does not saturate.\n\nReLU computes :: max(0, z)\n\nmore prose\n"
    assert found(text) == [
        ("question heading", 1, "Why ReLU?", "It does not saturate."),
        ("", 4, "ReLU computes", "max(0, z)"),
    ]


def test_a_question_heading_followed_by_an_explicit_card_gives_no_card_and_no_warning():
    result = parse("## What is ReLU?\nQ: What is ReLU?\nA: max(0, z)\n", "n.md", "d")
    assert [(c.syntax, c.front, c.back) for c in result.cards] == [("", "What is ReLU?", "max(0, z)")]
    assert result.warnings == []


def test_bold_term_bullets_in_an_answer_stay_cards_but_colon_lists_are_part_of_the_answer():
    text = "## Why batch norm?\n- **Shift**: inputs change less\n- Two effects:\n  - faster\n  - regularises\n"
    assert found(text) == [
        ("question heading", 1, "Why batch norm?",
         "- **Shift**: inputs change less\n- Two effects:\n  - faster\n  - regularises"),
        ("bold term", 2, "Shift", "inputs change less"),
    ]


def test_a_heading_section_card_wins_over_a_question_heading_at_its_level():
    text = "---\nrevise: {headings: 2}\n---\n## Why ReLU?\nno saturation\n"
    assert found(text) == [("heading section", 4, "Why ReLU?", "no saturation")]


def test_bold_questions_take_what_follows_up_to_the_next_one_a_heading_or_a_rule():
    text = (
        "## Linear regression\n\n**What is regression? Which models can you use? 👶**\n\n"
        "Regression predicts a number.\n\n- linear\n- ridge\n\n<br/>\n\n"
        "**What is linear regression? ⭐️**\n\nA linear model.\n\n```\ny = B0 + B1*x1\n```\n\n---\n\nprose after\n"
    )
    assert found(text) == [
        ("bold question", 3, "What is regression? Which models can you use?",
         "Regression predicts a number.\n\n- linear\n- ridge"),
        ("bold question", 12, "What is linear regression?", "A linear model.\n\n```\ny = B0 + B1*x1\n```"),
    ]
    assert cards_of(text)[0].headings == ("Linear regression",)


@pytest.mark.parametrize("line", [
    "**Bold statement.**", "**What is it?** and more text", "- **What is it?**", "**A?** **B?**", "__Why?__ x",
])
def test_lines_that_are_not_only_a_bold_question_are_no_bold_question(line):
    assert [c for c in found(f"{line}\n\nan answer\n") if c[0] == "bold question"] == []


def test_bold_question_with_no_answer_is_a_warning():
    result = parse("**What is a tensor?**\n\n## Next\n", "n.md", "d")
    assert result.cards == []
    assert messages(result) == [(1, "bold question with no answer — write the answer after it")]


def test_a_bold_question_that_is_part_of_an_explicit_card_is_left_to_it():
    text = "**What is a tensor?**\n?\nAn n-dimensional array.\n\nmore prose\n"
    assert found(text) == [("", 1, "**What is a tensor?**", "An n-dimensional array.")]


def test_a_bold_question_answer_ends_before_a_cloze_paragraph():
    text = "**Why normalise inputs?**\n\nFaster descent.\n\nThe {{c1::mean}} is subtracted.\n"
    cards = found(text)
    assert cards[0] == ("bold question", 1, "Why normalise inputs?", "Faster descent.")
    assert [c[0] for c in cards[1:]] == [""]


def test_an_answer_over_40_lines_is_a_warning_and_still_a_card():
    text = "## Why so long?\n" + "".join(f"- point {i}\n" for i in range(45))
    result = parse(text, "n.md", "d")
    assert [(c.front, c.back.count("\n") + 1) for c in result.cards] == [("Why so long?", 45)]
    assert messages(result) == [(1, "question heading with an answer of 45 lines — split it into smaller parts (the card is kept)")]


@pytest.mark.parametrize("key", ["question_headings", "bold_questions"])
def test_each_kind_can_be_turned_off_in_front_matter(key):
    text = f"---\nrevise: {{{key}: false}}\n---\n## Why A?\nbecause\n\n**Why B?**\n\nbecause\n"
    syntax = key[:-1].replace("_", " ")
    assert syntax not in [c[0] for c in found(text)] and len(found(text)) == 1


def test_implicit_false_turns_the_question_kinds_off():
    assert found("---\nrevise: {implicit: false}\n---\n## Why A?\nbecause\n\n**Why B?**\n\nbecause\n") == []


def test_question_kinds_are_off_in_obsidian_vaults_unless_a_setting_turns_them_on():
    text = "#flashcards\n## Why A?\nbecause\n"
    assert parse(text, "n.md", "d", ("#flashcards",)).cards == []
    on = parse(text, "n.md", "d", ("#flashcards",), (("question_headings", True),)).cards
    assert [(c.front, c.back) for c in on] == [("Why A?", "because")]


@pytest.mark.parametrize("answer", ["Answer here", "TODO", "…"])
def test_a_placeholder_answer_is_no_answer(answer):
    result = parse(f"**What is the ranking problem?**\n\n{answer}\n\n**Next?**\n\nyes\n", "n.md", "d")
    assert [c.front for c in result.cards] == ["Next?"]
    assert messages(result) == [(1, "bold question with no answer — write the answer after it")]
