"""Cloze deletions: numbering, hints, math, escapes, and the sides cloze_front/cloze_back show."""

from __future__ import annotations

import pytest

from revise.notes.cards import ParseResult
from revise.notes.cloze import cloze_back, cloze_front
from revise.notes.parser import parse
from tests.notes.helpers import cards_of, sides


def test_an_escaped_cloze_is_no_card_and_renders_unescaped():
    from io import StringIO

    from rich.console import Console

    from revise.render import card_markdown

    assert parse("Escaped \\{{c1::not}} cloze.\n", "n.md", "d") == ParseResult([], [])
    cards = cards_of("Escaped \\{{c1::not}} and ==yes==.\n")
    assert [(c.front, c.back) for c in cards] == [("Escaped \\{{c1::not}} and […].", "Escaped \\{{c1::not}} and yes.")]
    out = StringIO()
    Console(file=out, width=60).print(card_markdown(cards[0].back))
    assert out.getvalue().strip() == "Escaped {{c1::not}} and yes."


@pytest.mark.parametrize(
    "text, front, back",
    [
        ("In Jinja ==the {{ marker== opens it.", "In Jinja […] opens it.", "In Jinja the {{ marker opens it."),
        ("==x}}y== z", "[…] z", "x}}y z"),
        ("{{c1::a: b::hint}} and {{c2::x}}", "[hint] and x", "a: b and x"),
        ("In Jinja ==the {{{ marker== opens it.", "In Jinja […] opens it.", "In Jinja the {{{ marker opens it."),
    ],
)
def test_braces_and_colons_inside_a_deletion_are_shown_as_written(text, front, back):
    card = cards_of(text)[0]
    assert (card.front, card.back) == (front, back)
    assert cloze_front(card.note_text, card.ord) == front and cloze_back(card.note_text, card.ord) == back


def test_numbered_cloze_with_hint():
    cards = cards_of("The {{c1::sigmoid}} maps into {{c2::(0, 1)::an interval}}.")
    assert [(c.ord, c.front, c.back) for c in cards] == [
        (1, "The […] maps into (0, 1).", "The sigmoid maps into (0, 1)."),
        (2, "The sigmoid maps into [an interval].", "The sigmoid maps into (0, 1)."),
    ]
    assert {c.note_text for c in cards} == {"The {{c1::sigmoid}} maps into {{c2::(0, 1)::an interval}}."}


def test_unnumbered_deletions_each_get_their_own_card_after_numbered_ones():
    cards = cards_of("A {{c2::b}} then {{c}} and ==d== and {{c2::e}}.")
    assert cards[0].note_text == "A {{c2::b}} then {{c3::c}} and {{c4::d}} and {{c2::e}}."
    assert [(c.ord, c.front) for c in cards] == [
        (2, "A […] then c and d and […]."),
        (3, "A b then […] and d and e."),
        (4, "A b then c and […] and e."),
    ]


def test_cloze_around_math_is_a_deletion_math_alone_is_not():
    cards = cards_of("Area is {{c1::$\\pi r^2$}} but $a == b$ and $x{{y}}$ stay.")
    assert [(c.ord, c.front) for c in cards] == [(1, "Area is […] but $a == b$ and $x{{y}}$ stay.")]


def test_highlight_cloze_may_hold_or_end_in_math():
    assert sides("dW has ==the shape of $W$== always.\n==$x^2$== is the square.") == [
        ("cloze", "dW has […] always.\n$x^2$ is the square.", "dW has the shape of $W$ always.\n$x^2$ is the square.", 1),
        ("cloze", "dW has the shape of $W$ always.\n[…] is the square.", "dW has the shape of $W$ always.\n$x^2$ is the square.", 2),
    ]


def test_cloze_front_and_back():
    note = "The {{c1::sigmoid}} maps `{{c1::code}}` into {{c2::(0, 1)::range}} and {{c1::more}}."
    assert cloze_front(note, 1) == "The […] maps `{{c1::code}}` into (0, 1) and […]."
    assert cloze_front(note, 2) == "The sigmoid maps `{{c1::code}}` into [range] and more."
    assert cloze_back(note, 2, ("**", "**")) == (
        "The sigmoid maps `{{c1::code}}` into **(0, 1)** and more."
    )
    assert cloze_back(note, 1) == "The sigmoid maps `{{c1::code}}` into (0, 1) and more."
