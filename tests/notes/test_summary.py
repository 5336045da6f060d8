"""Summary-note cards: bold-term bullets with their sub-bullets, heading sections, `implicit: false`."""

from __future__ import annotations

import pytest

from revise.notes.cards import ParseResult
from revise.notes.parser import parse
from tests.notes.helpers import FIXTURES, cards_of, parse_folder, sides


@pytest.mark.parametrize(
    "bullet",
    [
        "- **Dropout**: randomly zeroes activations",
        "- **Dropout:** randomly zeroes activations",
        "- **Dropout** — randomly zeroes activations",
        "- **Dropout** – randomly zeroes activations",
        "- **Dropout** - randomly zeroes activations",
        "* __Dropout__: randomly zeroes activations",
        "1. **Dropout**: randomly zeroes activations",
    ],
)
def test_bold_term_bullet(bullet):
    assert sides(bullet) == [("basic", "Dropout", "randomly zeroes activations", 0)]


def test_bold_term_bullet_answer_includes_its_sub_bullets():
    text = "- **Adam**: momentum + RMSprop\n    - $\\beta_1 = 0.9$\n        - paper\n- **SGD**: plain\n"
    assert sides(text) == [
        ("basic", "Adam", "momentum + RMSprop\n- $\\beta_1 = 0.9$\n    - paper", 0),
        ("basic", "SGD", "plain", 0),
    ]


def test_a_bold_term_answer_stops_at_the_next_bullet_even_a_code_fence():
    text = "- **Term B**: def B\n- ```python\n  x = 1\n  ```\n- **Term C**: def C\n"
    assert sides(text) == [("basic", "Term B", "def B", 0), ("basic", "Term C", "def C", 0)]
    nested = "- **Term B**: def B\n  - ```python\n    x = 1\n    ```\n- **Term C**: def C\n"
    assert sides(nested)[0] == ("basic", "Term B", "def B\n- ```python\n  x = 1\n  ```", 0)


def test_a_long_list_of_sub_bullets_is_cut_short():
    text = "- **Layers**: kinds\n" + "".join(f"  - kind {i}\n" for i in range(20))
    back = cards_of(text)[0].back
    assert back.splitlines() == ["kinds"] + [f"- kind {i}" for i in range(12)] + ["…"]


def test_bold_term_with_empty_definition_or_no_separator_is_not_a_card():
    text = "- **Learning rate**:\n  - too high\n- **Bold** words in a sentence\n- plain: bullet\n"
    # issue 12: `- **Term**:` with a list after it is a colon list, no longer nothing
    assert [(c.syntax, c.front, c.back) for c in cards_of(text)] == [("colon list", "Learning rate", "- too high")]
    off = "---\nrevise: {colon_lists: false}\n---\n" + text
    assert parse(off, "n.md", "d") == ParseResult([], [])


def test_implicit_false_turns_summary_cards_off():
    text = "---\nrevise: {implicit: false}\n---\n- **Dropout**: zeroes\n- a :: b\n"
    assert sides(text) == [("basic", "a", "b", 0)]


def test_heading_sections_when_asked():
    text = (
        "---\nrevise:\n  headings: 3\n---\n# Activations\n## Squashing\n### Sigmoid\n"
        "Maps to (0, 1).\n\n#### Derivative\n$\\sigma(1-\\sigma)$\n### Tanh\n\n### Empty\n"
        "## Other\ntext\n"
    )
    cards = cards_of(text)
    assert [(c.front, c.back, c.line, c.headings) for c in cards] == [
        ("Sigmoid", "Maps to (0, 1).\n\n#### Derivative\n$\\sigma(1-\\sigma)$", 7,
         ("Activations", "Squashing")),
    ]


def test_heading_sections_from_toml_front_matter_with_explicit_cards_inside():
    text = '+++\n[revise]\nheadings = 2\nimplicit = false\n+++\n## ReLU\nmax(0, z)\n\n- **Leaky**: small slope\n- a :: b\n'
    assert [(c.front, c.back, c.line) for c in cards_of(text)] == [
        ("ReLU", "max(0, z)\n\n- **Leaky**: small slope\n- a :: b", 6),
        ("a", "b", 10),
    ]


def test_heading_sections_are_off_by_default():
    assert cards_of("### Sigmoid\nMaps to (0, 1).\n") == []


@pytest.mark.parametrize("width", [1, 2, 4])
def test_lists_nested_with_1_2_or_4_spaces(width):
    pad = " " * width
    text = f"- **A**: one\n{pad}- **B**: two\n{pad}{pad}- detail\n- **C**: three\n"
    assert [(c.front, c.back) for c in cards_of(text)] == [
        ("A", f"one\n- **B**: two\n{pad}- detail"),
        ("B", "two\n- detail"),
        ("C", "three"),
    ]


def test_course_summary_notes():
    results = parse_folder(FIXTURES / "course")
    week3 = results["deep-learning-week3.md"].cards
    # 12 before issue 12, plus the colon list `- **Learning rate**:` and its sub-bullets
    assert len(week3) == 13 and len(results["stats-revision.md"].cards) == 11
    assert {c.deck for c in week3} == {"Deep Learning::Week 3"}
    adam = next(c for c in week3 if c.front == "Adam")
    assert (adam.back, adam.line, adam.headings, adam.tags) == (
        "momentum + RMSprop, with bias correction for the first steps\n"
        "- default $\\beta_1 = 0.9$, $\\beta_2 = 0.999$, $\\epsilon = 10^{-8}$\n"
        "  - the paper: Kingma & Ba, 2015",
        22,
        ("Week 3: Training deep networks", "Optimisers"),
        ("dl", "week3"),
    )
    assert not any(r.warnings for r in results.values())
