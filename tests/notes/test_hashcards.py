"""hashcards' `Q:`/`A:` and `C:` blocks: where parts end, ids and tags, brackets and nested deletions."""

from __future__ import annotations

import pytest

from revise.notes.parser import parse
from tests.notes.helpers import FIXTURES, cards_of, messages, parse_folder, sides


def test_q_and_a_over_several_lines_and_paragraphs():
    text = "Q: What does ReLU\ncompute?\nA: max(0, z)\n\nfor every unit.\n\nQ: Next?\nA: Yes.\n"
    cards = cards_of(text)
    assert [(c.front, c.back, c.line) for c in cards] == [
        ("What does ReLU\ncompute?", "max(0, z)\n\nfor every unit.", 1),
        ("Next?", "Yes.", 7),
    ]
    assert cards[0].kind == "basic" and cards[0].ord == 0


@pytest.mark.parametrize("end", ["# Heading\nprose", "---\nprose", "C: a [b]"])
def test_an_answer_ends_at_a_heading_a_rule_or_a_cloze(end):
    cards = cards_of(f"Q: q\nA: a\n\n{end}\n")
    assert cards[0].back == "a"


CARD_PARAGRAPHS = {
    "single line": ("x :: y", [("basic", "x", "y", 0)]),
    "reversed line": ("x ::: y", [("reversed", "x", "y", 0), ("reversed", "y", "x", 1)]),
    "multi-line": ("What?\n?\nThat.", [("basic", "What?", "That.", 0)]),
    "multi-line reversed": ("ATP\n??\nenergy", [("reversed", "ATP", "energy", 0), ("reversed", "energy", "ATP", 1)]),
    "cloze": ("The ==sigmoid== squashes.", [("cloze", "The […] squashes.", "The sigmoid squashes.", 1)]),
    "definition list": ("Bias\n: wrong assumptions", [("basic", "Bias", "wrong assumptions", 0)]),
    "bold-term bullet": ("- **Dropout**: zeroes activations", [("basic", "Dropout", "zeroes activations", 0)]),
}


@pytest.mark.parametrize("name", CARD_PARAGRAPHS)
def test_an_answer_ends_before_a_paragraph_that_is_a_card(name):
    paragraph, expected = CARD_PARAGRAPHS[name]
    text = f"Q: What does ReLU compute?\nA: max(0, z)\n\nfor every unit.\n\n{paragraph}\n\nafter\n"
    assert sides(text) == [("basic", "What does ReLU compute?", "max(0, z)\n\nfor every unit.", 0), *expected]


@pytest.mark.parametrize("name", CARD_PARAGRAPHS)
def test_a_cloze_and_a_question_end_before_a_paragraph_that_is_a_card(name):
    paragraph, expected = CARD_PARAGRAPHS[name]
    cloze = sides(f"C: The [sigmoid]\nsquashes.\n\n{paragraph}\n")
    assert cloze == [("cloze", "The […]\nsquashes.", "The sigmoid\nsquashes.", 1), *expected]
    result = parse(f"Q: What?\n\n{paragraph}\n\nA: stray\n", "n.md", "d")
    assert [(c.kind, c.front, c.back, c.ord) for c in result.cards] == expected
    stray = paragraph.count("\n") + 5
    assert messages(result) == [(1, "'Q:' without an 'A:' after it"), (stray, "'A:' without a 'Q:' before it")]


def test_later_cards_keep_their_own_ids_and_tags_after_a_q_and_a():
    text = "# T\n\nQ: What is ReLU\nA: max(0, z)\n\nSigmoid range :: (0, 1) #act ^sig\n\n- **Dropout**: zeroes activations\n"
    cards = cards_of(text)
    assert [(c.front, c.back, c.line, c.explicit_id, c.tags) for c in cards] == [
        ("What is ReLU", "max(0, z)", 3, None, ()),
        ("Sigmoid range", "(0, 1)", 6, "sig", ("act",)),
        ("Dropout", "zeroes activations", 8, None, ()),
    ]


def test_a_card_takes_the_id_at_its_end():
    text = "Q: What? ^first\nA: That.\n\nmore answer ^last\n"
    assert [(c.back, c.explicit_id) for c in cards_of(text)] == [("That.\n\nmore answer", "last")]


def test_bold_bullets_join_an_answer_when_implicit_cards_are_off():
    text = "---\nrevise: {implicit: false}\n---\nQ: Kinds?\nA: Two:\n\n- **L1**: lasso\n- **L2**: ridge\n"
    assert sides(text) == [("basic", "Kinds?", "Two:\n\n- **L1**: lasso\n- **L2**: ridge", 0)]


def test_an_empty_answer_line_takes_the_paragraph_after_it():
    text = "Q: List the PGM minerals.\nA:\n\n- ruthenium\n- rhodium\n\nQ: Euler?\nA: $e^{i\\pi} + 1 = 0$\n"
    assert sides(text) == [
        ("basic", "List the PGM minerals.", "- ruthenium\n- rhodium", 0),
        ("basic", "Euler?", "$e^{i\\pi} + 1 = 0$", 0),
    ]


def test_hashcards_cloze_brackets_skip_images_links_and_escapes():
    text = r"C: The [sigmoid] squashes ![img](s.png) [link](u) \[not] z into [(0, 1)]."
    cards = cards_of(text)
    assert [(c.kind, c.ord, c.front) for c in cards] == [
        ("cloze", 1, r"The […] squashes ![img](s.png) [link](u) \[not] z into (0, 1)."),
        ("cloze", 2, r"The sigmoid squashes ![img](s.png) [link](u) \[not] z into […]."),
    ]
    assert cards[0].back == r"The sigmoid squashes ![img](s.png) [link](u) \[not] z into (0, 1)."
    assert cards[0].note_text == (
        r"The {{c1::sigmoid}} squashes ![img](s.png) [link](u) \[not] z into {{c2::(0, 1)}}."
    )


def test_a_hashcards_cloze_may_hold_brace_clozes_too():
    result = parse("C: The [sigmoid] and {{c1::z}}.\n", "b.md", "d")
    assert [(c.kind, c.ord, c.front, c.back) for c in result.cards] == [
        ("cloze", 1, "The sigmoid and […].", "The sigmoid and z."),  # numbered first, as in a paragraph
        ("cloze", 2, "The […] and z.", "The sigmoid and z."),
    ]
    assert result.warnings == []
    assert sides("C: Only {{c1::z::a letter}} and {{y}} here.") == [
        ("cloze", "Only [a letter] and y here.", "Only z and y here.", 1),
        ("cloze", "Only z and […] here.", "Only z and y here.", 2),
    ]
    # `[…]` inside a `{{…}}` is its text; `==…==` stays a highlight in a `C:` card
    assert sides("C: {{c1::[x]}} and [y] ==hi==") == [
        ("cloze", "[…] and y ==hi==", "[x] and y ==hi==", 1),
        ("cloze", "[x] and […] ==hi==", "[x] and y ==hi==", 2),
    ]


@pytest.mark.parametrize("text", ["C: [a {{c1::b}} c] x", "C: [a] {{c1::x {{c2::y}} }}"])
def test_nested_deletions_in_a_hashcards_cloze_are_a_warning(text):
    result = parse(text, "b.md", "d")
    assert result.cards == []
    assert messages(result) == [
        (1, "nested cloze deletions are not supported: no card from this paragraph; put the deletions side by side")
    ]


@pytest.mark.parametrize("first", ["C: See [yes].", "Q: See?\nA: yes."])
def test_a_nested_cloze_paragraph_ends_a_hashcards_card_and_gets_its_warning(first):
    result = parse(f"{first}\n\nNested {{{{c1::outer {{{{c2::inner}}}} }}}} here.\n\nafter\n", "b.md", "d")
    assert [(c.kind, c.back) for c in result.cards] == [
        ("cloze", "See yes.") if first.startswith("C:") else ("basic", "yes.")
    ]
    line = first.count("\n") + 3
    assert messages(result) == [
        (line, "nested cloze deletions are not supported: no card from this paragraph; put the deletions side by side")
    ]


def test_hashcards_deck_card_counts():
    results = parse_folder(FIXTURES / "hashcards")
    assert {name: len(r.cards) for name, r in results.items()} == {"biology.md": 8, "chemistry.md": 4}
    assert {c.deck for c in results["biology.md"].cards} == {"Cell Biology"}
    assert all(not r.warnings for r in results.values())
    quote = [c for c in results["biology.md"].cards if c.line == 23]
    assert [c.front for c in quote] == [
        "Build something people want in Lisp.\n\n— […], _Hackers and Painters_",
        "Build something people want in Lisp.\n\n— Paul Graham, […]",
    ]
