"""Cloze cards and their warnings: empty, unclosed, nested, too many deletions."""

from __future__ import annotations

import pytest

from revise.notes.parser import parse
from tests.notes.helpers import messages


@pytest.mark.parametrize("text, front, back", [
    ("The {{c1::}} and {{c2::x}}.", "The \\{{c1::}} and […].", "The \\{{c1::}} and x."),
    ("C: The {{c1::::hint}} and [x].", "The \\{{c1::::hint}} and […].", "The \\{{c1::::hint}} and x."),
])
def test_an_empty_deletion_is_text_and_the_others_still_make_cards(text, front, back):
    result = parse(text, "n.md", "d")
    assert [(c.front, c.back) for c in result.cards] == [(front, back)]  # escaped: shown as written
    assert messages(result) == [(1, "empty cloze deletion ignored")]


@pytest.mark.parametrize("text", ["Anki-style {{c1::outer {{c2::inner}} }} nesting.", "See {{c1::a}} and ==b {{c2::c}} d==."])
def test_nested_cloze_deletions_are_a_warning_and_no_card(text):
    result = parse(f"intro\n\n{text}\n\nok :: fine\n", "n.md", "d")
    assert [c.front for c in result.cards] == ["ok"]
    assert messages(result) == [
        (3, "nested cloze deletions are not supported: no card from this paragraph; put the deletions side by side")
    ]


def test_a_warning_does_not_stop_the_rest_of_the_file():
    result = parse("The {{c1::open\n\nok :: fine\n", "n.md", "d")
    assert [c.front for c in result.cards] == ["ok"]
    assert messages(result) == [(1, "unclosed cloze: '{{' without '}}'")]


def test_a_paragraph_with_too_many_deletions_is_bounded():
    line = " ".join(f"=={i}==" for i in range(2000))
    result = parse(line + "\n", "n.md", "d")
    assert len(result.cards) == 1_000_000 // len(result.cards[0].note_text)
    assert messages(result) == [
        (1, f"2000 cloze deletions in one note: only the first {len(result.cards)} become cards; "
            "split the paragraph")
    ]
