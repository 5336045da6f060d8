"""The model → our Markdown: each kind reads back through revise.notes as exactly its cards."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revise.interop.markdown import EMPTY, check_reads_back, deck_markdown, sides, tag_word
from revise.notes import parse
from tests.interop.helpers import note

SPECIAL = [
    "plain text",
    "# A heading\n\nbody",
    "line one\n\n---\n\nafter a rule",
    "Paris :: capital",
    "a ::: b",
    "question\n?\nanswer",
    "question\n??\nanswer",
    "Term\n: definition",
    "Q: not a question\nA: not an answer\nC: not a cloze",
    "`code :: here` and $x :: y$ and \\(a == b\\)",
    "```python\nx = {{1: 2}}\n\n# comment\n---\n```",
    "$$\n\\sum_{i} :: x\n$$",
    "see #hashtag and ^block-id",
    "an ==highlight== and a {{c1::cloze}}",
    "<!-- id: evil --> comment",
    "- **Bold**: term bullet\n- **What is it?**",
    "**What is regression?**\n\nA paragraph.",
    "[bracket] and [link](http://x.y/a::b) and ![](media/p.png)",
    "tab\tinside and\ttrailing   ",
    "1. one\n2. two\n\n| a | b |\n|---|---|\n| 1 | 2 |",
]


def _cards(text: str, deck: str = "Deck"):
    result = parse(text, "deck.md", deck)
    assert not result.warnings, result.warnings
    return {(c.explicit_id, c.ord): c for c in result.cards}


@pytest.mark.parametrize("text", SPECIAL)
@pytest.mark.parametrize("kind", ["basic", "reversed"])
def test_special_text_reads_back_as_one_card_per_ord(kind, text):
    n = note(kind, text, "back " + text, tags=("geo::europe", "2023"))
    cards = _cards(deck_markdown("Deck", [n]))
    front, back = sides(n)
    assert set(cards) == ({("anki-n1", 0), ("anki-n1", 1)} if kind == "reversed" else {("anki-n1", 0)})
    assert (cards["anki-n1", 0].front, cards["anki-n1", 0].back) == (front, back)
    assert cards["anki-n1", 0].tags == ("geo/europe", "_2023")


@pytest.mark.parametrize("text", SPECIAL)
def test_cloze_with_special_text_makes_only_its_deletions(text):
    n = note("cloze", "{{c1::Paris}} is in {{c2::France::country}}. " + text, "extra " + text)
    cards = _cards(deck_markdown("A::B", [n]), "A::B")
    assert set(cards) == {("anki-n1", 1), ("anki-n1", 2)}
    assert "[country]" in cards["anki-n1", 2].front and "Paris" in cards["anki-n1", 2].front
    assert cards["anki-n1", 1].deck == "A::B"


def test_plain_sides_are_written_as_they_are():
    n = note("basic", "What is **ReLU**?", "max(0, z)\n\nsecond paragraph")
    card = _cards(deck_markdown("Deck", [n]))["anki-n1", 0]
    assert (card.front, card.back) == ("What is **ReLU**?", "max(0, z)\n\nsecond paragraph")


def test_reversed_side_with_paragraphs_becomes_hard_breaks():
    n = note("reversed", "one\n\ntwo", "- a\n\n- b")
    cards = _cards(deck_markdown("Deck", [n]))
    assert cards["anki-n1", 0].front == "one\\\ntwo"
    assert cards["anki-n1", 1].front == "- a\n- b"


def test_empty_side_gets_a_stand_in():
    cards = _cards(deck_markdown("Deck", [note("basic", "front", "")]))
    assert cards["anki-n1", 0].back == EMPTY


def test_many_notes_in_one_file_keep_their_ids():
    notes = [note("basic", f"q{i}", f"a{i}", id=f"anki-{i}") for i in range(3)]
    notes.append(note("cloze", "{{c1::x}} y", id="anki-c"))
    text = deck_markdown("Deck", notes)
    check_reads_back(text, "deck.md", "Deck", notes)
    assert {k[0] for k in _cards(text)} == {"anki-0", "anki-1", "anki-2", "anki-c"}


def test_tag_words():
    assert tag_word("a::b c") == "a/b_c"
    assert tag_word("42") == "_42"
    assert tag_word("français") == "français"


_TEXT = st.text(st.sampled_from(list("ab :?#=-{}[]^!*_`$\\<>\n|QAC12")), min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(["basic", "reversed"]), front=_TEXT, back=_TEXT)
def test_any_text_reads_back(kind, front, back):
    n = note(kind, front, back)
    text = deck_markdown("Deck", [n])
    check_reads_back(text, "deck.md", "Deck", [n])


@settings(max_examples=200, deadline=None)
@given(body=_TEXT, extra=_TEXT)
def test_any_cloze_text_reads_back(body, extra):
    n = note("cloze", "{{c1::word}} " + body, extra)
    check_reads_back(deck_markdown("Deck", [n]), "deck.md", "Deck", [n])
