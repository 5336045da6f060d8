"""Markdown notes → cards: every syntax of DESIGN.md §3, the never-a-card rules, messy real notes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revise.notes import ParsedCard, ParseResult, cloze_back, cloze_front, parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notes"


def cards_of(text: str, deck: str = "inbox") -> list[ParsedCard]:
    return parse(text, "note.md", deck).cards


def sides(text: str) -> list[tuple[str, str, str, int]]:
    """(kind, front, back, ord) of every card, in order."""
    return [(c.kind, c.front, c.back, c.ord) for c in cards_of(text)]


def messages(result: ParseResult) -> list[tuple[int, str]]:
    return [(w.line, w.message) for w in result.warnings]


# --- explicit cards ---------------------------------------------------------------------------


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


def test_cloze_in_a_list_item_is_that_item():
    cards = cards_of("- first ==one==\n- plain\n- third {{c1::two}}\n")
    assert [(c.front, c.line) for c in cards] == [("first […]", 1), ("third […]", 3)]


def test_cloze_around_math_is_a_deletion_math_alone_is_not():
    cards = cards_of("Area is {{c1::$\\pi r^2$}} but $a == b$ and $x{{y}}$ stay.")
    assert [(c.ord, c.front) for c in cards] == [(1, "Area is […] but $a == b$ and $x{{y}}$ stay.")]



def test_highlight_cloze_may_hold_or_end_in_math():
    assert sides("dW has ==the shape of $W$== always.\n==$x^2$== is the square.") == [
        ("cloze", "dW has […] always.\n$x^2$ is the square.", "dW has the shape of $W$ always.\n$x^2$ is the square.", 1),
        ("cloze", "dW has the shape of $W$ always.\n[…] is the square.", "dW has the shape of $W$ always.\n$x^2$ is the square.", 2),
    ]


def test_cards_come_in_file_order_whatever_their_syntax():
    text = "- **Dropout**: zeroes activations\n- epoch :: one pass\n- **Early stopping**: stop at the dev minimum\n"
    assert [(c.line, c.front) for c in cards_of(text)] == [(1, "Dropout"), (2, "epoch"), (3, "Early stopping")]

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


# --- summary-note cards -------------------------------------------------------------------------


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
    assert parse(text, "n.md", "d") == ParseResult([], [])


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


# --- never a card --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "```\na :: b\nQ: x\nA: y\n```\n",
        "~~~python\n{{c1::x}} ==y==\n~~~\n",
        "para\n\n    a :: b\n    {{c1::x}}\n",
        "use `a :: b` and `{{c1::x}}` and `==y==`\n",
        "<!-- a :: b -->\n",
        "<!--\na :: b\n{{c1::x}}\n-->\n",
        "$a :: b$ and $$c == d$$ and \\(e :: f\\) and \\[g :: h\\]\n",
        "$$\na :: b\n{{c1::x}}\n$$\n",
        "\\[\nx == y\n\\]\n",
        "\\{{not a cloze}} and \\==not== and a \\:: b\n",
        "see http://example.org/a::b and <https://x.org/==y==>\n",
        "| a :: b | ==c== |\n|---|---|\n| **T**: d | x |\n",
        "![alt :: text](img.png)\n\nJust prose, with a colon: and a question?\n",
        "x == y and y == z\n",
    ],
)
def test_never_a_card(text):
    assert parse(text, "n.md", "d") == ParseResult([], [])


def test_escaped_separator_keeps_the_escape_for_markdown():
    assert sides("C\\:: language :: a systems language") == [
        ("basic", "C\\:: language", "a systems language", 0)
    ]


def test_review_comments_and_block_ids_are_not_card_text():
    text = "A :: B <!--SR:!2024-01-01,3,250--> ^abc-1\n\nQ?\n?\nAns\n<!--SR:!2024-01-01,3,250-->\n"
    cards = cards_of(text)
    assert [(c.front, c.back, c.note_text, c.explicit_id) for c in cards] == [
        ("A", "B", "A\n?\nB", "abc-1"),
        ("Q?", "Ans", "Q?\n?\nAns", None),
    ]


def test_explicit_id_comment_and_block_id_on_its_own_line():
    text = "Term :: def <!-- id: card-7 -->\n\nX\n?\nY\n^blk\n"
    assert [c.explicit_id for c in cards_of(text)] == ["card-7", "blk"]


def test_note_text_is_the_same_for_q_a_and_single_line_forms():
    assert cards_of("Q: a\nA: b\n")[0].note_text == cards_of("a :: b")[0].note_text == "a\n?\nb"


# --- deck, tags, headings, lines -------------------------------------------------------------------


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


def test_tags_on_card_lines_and_tag_lines_label_the_file():
    text = "#flashcards/bio\n\nmitochondria :: powerhouse #cells\nmid #inline tag :: kept\n"
    cards = cards_of(text)
    assert [(c.front, c.back, c.tags) for c in cards] == [
        ("mitochondria", "powerhouse", ("flashcards/bio", "cells")),
        ("mid #inline tag", "kept", ("flashcards/bio", "inline")),
    ]


def test_not_tags_code_urls_headings_and_numbers():
    card = cards_of("C# and `#include` and http://x.org/#frag and #1 and &#35; :: b")[0]
    assert card.tags == ()


def test_heading_path_reduces_links_and_skips_empty_headings():
    text = (
        "# [Course](http://x.org)\n## [[Week 2|Second week]] #w2\n### \n#### Deep\na :: b\n"
        "## Next ##\nc :: d\n"
    )
    cards = cards_of(text)
    assert [c.headings for c in cards] == [
        ("Course", "Second week", "Deep"),
        ("Course", "Next"),
    ]


# --- warnings --------------------------------------------------------------------------------------


def test_warnings_name_the_line():
    text = (
        "Q: no answer\n\n# H\n\nQ: also none\nC: nothing here\n\n# H2\n\nlonely ?\n\n"
        "x\n?\n\nThe {{c1::open cloze.\n\nA: stray\n\n::\n\nfront ::\n"
    )
    result = parse(text, "n.md", "d")
    assert result.cards == []
    assert messages(result) == [
        (1, "'Q:' without an 'A:' after it"),
        (5, "'Q:' without an 'A:' after it"),
        (6, "'C:' without any [deletion]"),
        (13, "'?' with no answer after it"),
        (15, "unclosed cloze: '{{' without '}}'"),
        (17, "'A:' without a 'Q:' before it"),
        (19, "'::' with nothing before it"),
        (21, "'::' with nothing after it"),
    ]
    assert all(w.file == "n.md" for w in result.warnings)


def test_question_mark_with_no_question_and_empty_sides():
    result = parse("?\nanswer\n\nfront ::: \n", "n.md", "d")
    assert result.cards == []
    assert messages(result) == [
        (1, "'?' with no question before it"),
        (4, "':::' with nothing after it"),
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


def test_a_huge_paragraph_of_deletions_is_one_note_per_line():
    text = "".join(f"line {i} has a ==deletion {i}== in it and some more words\n" for i in range(3000))
    cards = cards_of(text)
    assert [(c.line, c.front) for c in cards[:2]] == [
        (1, "line 0 has a […] in it and some more words"),
        (2, "line 1 has a […] in it and some more words"),
    ]
    assert len(cards) == 3000


def test_duplicate_cards_in_a_file_are_kept_once():
    result = parse("a :: b\n\na ::: b\n\na :: b\n\na ::: b\n", "n.md", "d")
    assert [(c.line, c.ord) for c in result.cards] == [(1, 0), (3, 0), (3, 1)]
    assert messages(result) == [
        (5, "duplicate card ignored (same as line 1)"),
        (7, "duplicate card ignored (same as line 3)"),
    ]


def test_an_id_used_by_two_notes_of_a_file_is_a_warning():
    result = parse("a :: b ^x\n\nc ::: d ^x\n\n{{c1::e}} {{c2::f}} ^x\n", "n.md", "d")
    assert [c.explicit_id for c in result.cards] == ["x"] * 5
    assert messages(result) == [
        (3, "id 'x' is also used at line 1: give each card its own id"),
        (5, "id 'x' is also used at line 1: give each card its own id"),
    ]


def test_only_notes_with_a_wanted_tag_make_cards():
    wanted = ("#flashcards",)
    assert parse("status:: done\nmood:: 7\n", "n.md", "d", wanted) == ParseResult([], [])
    assert parse("Q: no answer\n", "n.md", "d", wanted) == ParseResult([], [])  # not read: no warning either
    for text in ("#flashcards\n\na :: b\n", "a :: b #flashcards/bio\n", "---\ntags: [Flashcards/Bio]\n---\na :: b\n",
                 "Some #flashcards here.\n\na :: b\n"):
        assert [c.front for c in parse(text, "n.md", "d", wanted).cards] == ["a"], text
    assert parse("`#flashcards` in code\n\na :: b\n#flashcardsx\n", "n.md", "d", wanted).cards == []


def test_blockquote_and_callout_markers_are_not_card_text():
    text = "> [!note] Remember\n> term :: definition\n"
    assert sides(text) == [("basic", "term", "definition", 0)]


# --- cloze_front / cloze_back ---------------------------------------------------------------------


def test_cloze_front_and_back():
    note = "The {{c1::sigmoid}} maps `{{c1::code}}` into {{c2::(0, 1)::range}} and {{c1::more}}."
    assert cloze_front(note, 1) == "The […] maps `{{c1::code}}` into (0, 1) and […]."
    assert cloze_front(note, 2) == "The sigmoid maps `{{c1::code}}` into [range] and more."
    assert cloze_back(note, 2, ("**", "**")) == (
        "The sigmoid maps `{{c1::code}}` into **(0, 1)** and more."
    )
    assert cloze_back(note, 1) == "The sigmoid maps `{{c1::code}}` into (0, 1) and more."


# --- real-world mess -------------------------------------------------------------------------------


def test_crlf_and_bom():
    text = "\ufeff---\r\ndeck: D\r\n---\r\n# H\r\n\r\na :: b\r\n\r\nQ\r\n?\r\nA\r\n"
    cards = cards_of(text)
    assert [(c.front, c.back, c.line, c.deck, c.headings) for c in cards] == [
        ("a", "b", 6, "D", ("H",)),
        ("Q", "A", 8, "D", ("H",)),
    ]


def test_tabs_as_indentation_and_list_markers():
    text = "-\t**Term**:\tdefinition\n\t-\tdetail\n"
    assert sides(text) == [("basic", "Term", "definition\n- detail", 0)]


def test_non_breaking_and_zero_width_spaces():
    text = "\u200b- **Term**:\u00a0definition\u200b\n\nQ:\u00a0question\nA: answer\u2060\n"
    assert sides(text) == [
        ("basic", "Term", "definition", 0),
        ("basic", "question", "answer", 0),
    ]


@pytest.mark.parametrize("width", [1, 2, 4])
def test_lists_nested_with_1_2_or_4_spaces(width):
    pad = " " * width
    text = f"- **A**: one\n{pad}- **B**: two\n{pad}{pad}- detail\n- **C**: three\n"
    assert [(c.front, c.back) for c in cards_of(text)] == [
        ("A", f"one\n- **B**: two\n{pad}- detail"),
        ("B", "two\n- detail"),
        ("C", "three"),
    ]


def test_code_fence_opening_on_a_bullet_line():
    text = "- ```python\n  a :: b\n  {{c1::x}}\n  ```\n- after :: it\n"
    assert sides(text) == [("basic", "after", "it", 0)]


def test_sup_and_escaped_angle_brackets_in_text():
    text = "E = mc<sup>2</sup> :: mass–energy \\<t> equivalence\n"
    assert sides(text) == [("basic", "E = mc<sup>2</sup>", "mass–energy \\<t> equivalence", 0)]


def test_headings_that_are_links_and_empty_headings():
    text = "# [Optimisers](https://x.org/opt)\n##\n## ![icon](i.png) [SGD](#sgd)\nlr :: step size\n"
    assert cards_of(text)[0].headings == ("Optimisers", "icon SGD")


def test_a_dash_rule_that_is_not_front_matter():
    text = "Intro\n\n---\n\nterm :: def\n\n---\n"
    assert [(c.front, c.line) for c in cards_of(text)] == [("term", 5)]


def test_unclosed_front_matter_is_a_rule():
    assert [c.line for c in cards_of("---\na :: b\n")] == [2]


def test_unclosed_fence_hides_the_rest_without_error():
    assert parse("```\na :: b\n", "n.md", "d") == ParseResult([], [])


HOSTILE = {
    "unclosed math": "\\(a " * 20000 + " a :: b",
    "unclosed links": "[a](b " * 20000 + " a :: b",
    "unclosed clozes": "{{a " * 20000 + " ==x==",
    "spaced highlights": "==a " * 20000,
    "unclosed comments": "<!-- a " * 20000,
    "tags mid-line": "x " + "#a " * 20000 + "y :: z",
    "deep nesting": "\n".join("  " * i + f"- **T{i}**: d{i}" for i in range(2000)),
    "many deletions": " ".join(f"=={i}==" for i in range(20000)),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_lines_parse_quickly_and_sanely(name):
    # a quadratic pattern would turn each of these into minutes; the suite would notice
    assert_sane(parse(HOSTILE[name], "n.md", "d"), HOSTILE[name])


# --- fixtures: other tools' own syntaxes give the counts those tools give --------------------------


def parse_folder(folder: Path, only_tagged: tuple[str, ...] = ()) -> dict[str, ParseResult]:
    return {p.name: parse(p.read_text(encoding="utf-8"), p.name, p.stem, only_tagged) for p in sorted(folder.glob("*.md"))}


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


def test_obsidian_vault_card_counts():
    # A vault is read as its Spaced Repetition plugin reads it: only notes tagged #flashcards.
    results = parse_folder(FIXTURES / "obsidian", ("#flashcards",))
    assert {name: len(r.cards) for name, r in results.items()} == {
        "Biology.md": 10, "Chemistry.md": 7, "Daily.md": 0, "Inbox.md": 0, "Unlabelled.md": 0,
    }
    biology = results["Biology.md"].cards
    assert all("SR:" not in c.back and "SR:" not in c.note_text for c in biology)
    assert biology[0].tags == ("biology", "flashcards/biology")
    assert [c.explicit_id for c in biology if c.front == "Ribosome"] == ["ribosome"]
    assert all(not r.warnings for r in results.values())


def test_course_summary_notes():
    results = parse_folder(FIXTURES / "course")
    week3 = results["deep-learning-week3.md"].cards
    assert len(week3) == 12 and len(results["stats-revision.md"].cards) == 11
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


def test_the_benchmark_corpus_holds_exactly_the_cards_asked_for(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from generate_notes import generate

    generate(tmp_path, files=7, cards=503, seed=1)
    results = [parse(p.read_text(encoding="utf-8"), p.name, "d") for p in sorted(tmp_path.rglob("*.md"))]
    assert len(results) == 7
    assert sum(len(r.cards) for r in results) == 503
    assert not any(r.warnings for r in results)
    kinds = {c.kind for r in results for c in r.cards}
    assert kinds == {"basic", "reversed", "cloze"}


# --- properties ------------------------------------------------------------------------------------

FRAGMENTS = [
    "Q: ", "A: ", "C: ", "?", "??", "::", ":::", "{{", "}}", "{{c1::", "{{c2::", "==", "[", "]", "(",
    "!", "\\", "`", "```", "~~~", "$", "$$", "\\(", "\\)", "\\[", "\\]", "<!--", "-->", "<!--SR:x-->",
    "#", "# ", "## ", "#tag", "^id", "---", "+++", "- ", "* ", "1. ", "  ", "    ", "\t", "\n", "\r\n",
    "\n\n", "**", "**T**: ", "__", ": ", "|", "<sup>", "\\<t>", "\u00a0", "\u200b", "\ufeff", "word",
    "deck: x", "tags: [a", "name = \"n\"", "revise: {headings: 2}", "revise: {implicit: false}", "http://",
]


def assert_sane(result: ParseResult, text: str) -> None:
    lines = text.count("\n") + text.count("\r") + 1
    for card in result.cards:
        assert card.front.strip() and card.back.strip(), card
        assert card.note_text.strip() and card.kind in ("basic", "reversed", "cloze")
        assert 1 <= card.line <= lines
        if card.kind == "cloze":  # the review screen re-renders from note_text: it must agree
            assert card.front == cloze_front(card.note_text, card.ord)
            assert card.back == cloze_back(card.note_text, card.ord)
    for warning in result.warnings:
        assert 1 <= warning.line <= lines


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text())
def test_parse_never_raises_on_arbitrary_text(text):
    assert_sane(parse(text, "n.md", "d"), text)


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5)), max_size=40).map("".join))
def test_parse_never_raises_on_markdown_ish_text(text):
    assert_sane(parse(text, "n.md", "d"), text)
