"""parse over whole files: file order, warnings, duplicates, tagged notes, messy text, fixtures, properties."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revise.notes.cards import ParseResult
from revise.notes.cloze import cloze_back, cloze_front
from revise.notes.parser import parse
from tests.notes.helpers import FIXTURES, cards_of, messages, parse_folder, sides

# A parse of a few hundred characters takes a millisecond: only a hang or a blow-up trips this.
PARSE_DEADLINE = timedelta(seconds=2)


def test_cards_come_in_file_order_whatever_their_syntax():
    text = "- **Dropout**: zeroes activations\n- epoch :: one pass\n- **Early stopping**: stop at the dev minimum\n"
    assert [(c.line, c.front) for c in cards_of(text)] == [(1, "Dropout"), (2, "epoch"), (3, "Early stopping")]


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


def test_crlf_and_bom():
    text = "\ufeff---\r\ndeck: D\r\n---\r\n# H\r\n\r\na :: b\r\n\r\nQ\r\n?\r\nA\r\n"
    cards = cards_of(text)
    assert [(c.front, c.back, c.line, c.deck, c.headings) for c in cards] == [
        ("a", "b", 6, "D", ("H",)),
        ("Q", "A", 8, "D", ("H",)),
    ]


def test_non_breaking_and_zero_width_spaces():
    text = "\u200b- **Term**:\u00a0definition\u200b\n\nQ:\u00a0question\nA: answer\u2060\n"
    assert sides(text) == [
        ("basic", "Term", "definition", 0),
        ("basic", "question", "answer", 0),
    ]


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


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=PARSE_DEADLINE)
@given(st.text())
def test_parse_never_raises_on_arbitrary_text(text):
    assert_sane(parse(text, "n.md", "d"), text)


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow], deadline=PARSE_DEADLINE)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5)), max_size=40).map("".join))
def test_parse_never_raises_on_markdown_ish_text(text):
    assert_sane(parse(text, "n.md", "d"), text)


SUMMARY_FRAGMENTS = [
    "## Why? ", "### What is it?", "**What is X?**", "**Why? 👶**", "__How?__", "Steps:", "- Parts:",
    "  - ", "    - ", "- Why not? Because ", "- Term: def", "<br/>", "- **T**:", "**T:**", ":\n", "?\n",
]
EVERY_KIND = tuple((key, True) for key in ("question_bullets", "term_bullets"))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=PARSE_DEADLINE)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS + SUMMARY_FRAGMENTS), st.text(max_size=4)), max_size=40).map("".join))
def test_summary_kinds_never_crash_and_never_take_or_split_an_explicit_card(text):
    everything = parse(text, "n.md", "d", (), EVERY_KIND)
    assert_sane(everything, text)
    # The explicit cards (and bold terms) are the same whether the newer summary kinds are on or off.
    older = parse(text, "n.md", "d", (), tuple((k, False) for k in (
        "question_headings", "bold_questions", "colon_lists")))
    kept = [c for c in everything.cards if c.syntax in ("", "bold term")]
    assert [(c.front, c.back, c.line, c.ord) for c in kept] == [(c.front, c.back, c.line, c.ord) for c in older.cards]
