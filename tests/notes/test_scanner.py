"""The line scanner: never-a-card blocks and spans, comments, ids, tags, headings, tabs, fences."""

from __future__ import annotations

import pytest

from revise.notes.cards import ParseResult
from revise.notes.parser import parse
from tests.notes.helpers import cards_of, sides


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


def test_tabs_as_indentation_and_list_markers():
    text = "-\t**Term**:\tdefinition\n\t-\tdetail\n"
    assert sides(text) == [("basic", "Term", "definition\n- detail", 0)]


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


def test_unclosed_fence_hides_the_rest_without_error():
    assert parse("```\na :: b\n", "n.md", "d") == ParseResult([], [])
