"""Front matter: YAML and TOML, deck and tags, `---` rules that are not front matter, broken ones."""

from __future__ import annotations

import pytest

from revise.notes.parser import parse
from tests.notes.helpers import cards_of


def test_yaml_front_matter_sets_deck_and_tags_and_lines_count_it():
    text = "---\ndeck: ML::Week 1\ntags: [ml, '#exam']\n---\n\na :: b\n"
    card = cards_of(text)[0]
    assert (card.deck, card.tags, card.line) == ("ML::Week 1", ("ml", "exam"), 6)


def test_yaml_tags_as_a_string():
    assert cards_of("---\ntags: stats, revision\n---\na :: b\n")[0].tags == ("stats", "revision")


def test_toml_front_matter_with_plus_fences():
    card = cards_of('+++\ndeck = "Physics"\ntags = ["mech"]\n+++\na :: b\n')[0]
    assert (card.deck, card.tags, card.line) == ("Physics", ("mech",), 5)


def test_hashcards_toml_front_matter_between_dashes():
    card = cards_of('---\nname = "Cell Biology"\n---\n\nQ: What is a cell?\nA: A unit.\n')[0]
    assert (card.deck, card.line) == ("Cell Biology", 5)


def test_yaml_name_is_not_a_deck_and_odd_values_are_ignored():
    text = "---\nname: My note\ntags: [[nested], 3, {a: b}]\ndeck: [x]\nrevise: {headings: true}\n---\n### H\nbody\n\na :: b\n"
    assert [(c.deck, c.tags, c.front) for c in cards_of(text)] == [("inbox", ("3",), "a")]


def test_yaml_alias_bomb_in_front_matter_is_harmless():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefgh":
        bomb += f"{level}: &{level} [" + ", ".join([f"*{chr(ord(level) - 1)}"] * 9) + "]\n"
    bomb += "tags: *h\ndeck: *h\n---\na :: b\n"
    assert [(c.deck, c.tags) for c in cards_of(bomb)] == [("inbox", ())]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("---\nQ: What?\nA: That\n---\n", [("What?", "That", 2)]),
        ("---\nNote: this file is about optimisers\n\nSGD :: stochastic gradient descent\n---\n",
         [("SGD", "stochastic gradient descent", 4)]),
        ("---\nAdam :: momentum\n---\n\nAfter :: rule\n", [("Adam", "momentum", 2), ("After", "rule", 5)]),
        ("---\n- **Dropout**: zeroes\n---\n", [("Dropout", "zeroes", 2)]),
    ],
)
def test_cards_between_two_rules_at_the_top_are_not_front_matter(text, expected):
    result = parse(text, "n.md", "d")
    assert [(c.front, c.back, c.line) for c in result.cards] == expected
    assert result.warnings == [] and {c.deck for c in result.cards} == {"d"}


def test_front_matter_with_a_known_key_stays_front_matter_whatever_it_holds():
    text = "---\ntitle: Optimisers\nsummary: 'Adam :: momentum'\ntags: [opt]\n---\nSGD :: plain\n"
    assert [(c.front, c.tags, c.line) for c in cards_of(text)] == [("SGD", ("opt",), 6)]


def test_yaml_tag_items_with_spaces_are_several_tags():
    text = '---\ntags: [a, "#b", c d, "e,f"]\n---\nx :: y\n'
    assert cards_of(text)[0].tags == ("a", "b", "c", "d", "e", "f")


def test_without_front_matter_the_deck_is_the_default():
    assert cards_of("a :: b", deck="course::week1")[0].deck == "course::week1"


def test_broken_front_matter_is_a_warning_not_a_crash():
    result = parse("---\ndeck: [unclosed\n---\na :: b\n", "n.md", "d")
    assert [(c.deck, c.line) for c in result.cards] == [("d", 4)]
    assert result.warnings[0].line == 1 and "front matter" in result.warnings[0].message


def test_a_rule_at_the_top_is_not_front_matter():
    text = "---\n\nSome prose.\n\na :: b\n"
    assert [(c.front, c.line) for c in cards_of(text)] == [("a", 5)]


def test_unclosed_front_matter_is_a_rule():
    assert [c.line for c in cards_of("---\na :: b\n")] == [2]
