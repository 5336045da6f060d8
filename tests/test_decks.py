"""The shipped decks: they parse cleanly, are big enough, use every card syntax, import and render."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from revise.sources import import_paths
from revise.notes import ParsedCard, parse
from revise.render import card_markdown
from revise.collection import deck_counts, list_cards, open_collection

DECKS = Path(__file__).resolve().parents[1] / "decks"
COURSES = sorted((DECKS / "deep-learning-specialization").glob("*.md"))
GETTING_STARTED = DECKS / "getting-started.md"
ALL_FILES = sorted(DECKS.rglob("*.md"))
DECK_FILES = [path for path in ALL_FILES if path.name != "README.md"]
COURSE_TITLES = [
    "1 Neural Networks and Deep Learning",
    "2 Improving Deep Neural Networks",
    "3 Structuring Machine Learning Projects",
    "4 Convolutional Neural Networks",
    "5 Sequence Models",
]


def parsed(path: Path) -> list[ParsedCard]:
    """Parse one shipped file, failing on any warning."""
    result = parse(path.read_text(encoding="utf-8"), str(path), path.stem)
    assert result.warnings == [], f"{path.name}: {result.warnings}"
    return result.cards


def outside_code(text: str) -> list[tuple[int, str]]:
    """(line number, line) pairs outside front matter and fenced code, with inline code blanked out."""
    lines, fence, in_front_matter = [], None, text.startswith("---\n")
    for number, line in enumerate(text.splitlines(), start=1):
        if in_front_matter:
            in_front_matter = not (number > 1 and line == "---")
            continue
        marker = re.match(r"\s*(`{3,}|~{3,})", line)
        if marker and (fence is None or marker.group(1).startswith(fence)):
            fence = None if fence else marker.group(1)
            continue
        if fence is None:
            lines.append((number, re.sub(r"`[^`]*`", "``", line)))
    return lines


def test_one_file_per_course_with_its_deck():
    assert [path.name[0] for path in COURSES] == ["1", "2", "3", "4", "5"]
    for path, title in zip(COURSES, COURSE_TITLES):
        decks = {card.deck for card in parsed(path)}
        assert decks == {f"Deep Learning Specialization::{title}"}


@pytest.mark.parametrize("path", DECK_FILES, ids=lambda p: p.name)
def test_every_card_has_a_front_and_a_back(path):
    cards = parsed(path)
    assert cards
    for card in cards:
        assert card.front.strip() and card.back.strip(), f"{path.name}:{card.line}"
        assert card.front.strip() != card.back.strip(), f"{path.name}:{card.line}"
        assert card.headings, f"{path.name}:{card.line} has no heading path for context"


@pytest.mark.parametrize("path", COURSES, ids=lambda p: p.name)
def test_each_course_has_at_least_60_cards(path):
    assert len(parsed(path)) >= 60


def test_getting_started_is_short():
    assert 15 <= len(parsed(GETTING_STARTED)) <= 25


def test_getting_started_has_heading_section_cards():
    text = GETTING_STARTED.read_text(encoding="utf-8")
    assert "revise: {headings: 3}" in text.split("\n---\n", 1)[0]
    by_front = {card.front: card for card in parsed(GETTING_STARTED)}
    for term in ("Stability", "Difficulty", "Retrievability"):
        card = by_front[term]
        assert card.headings[-1] == "How scheduling works"
    assert by_front["Stability"].back.startswith("The number of days")


def test_the_card_counts_in_the_decks_readme_are_true():
    text = (DECKS / "README.md").read_text(encoding="utf-8")
    stated = dict(re.findall(r"^\| `([^`]+)` \| [^|]+ \| (\d+) \|$", text, re.M))
    assert stated == {str(path.relative_to(DECKS)): str(len(parsed(path))) for path in DECK_FILES}


def test_the_decks_readme_holds_no_cards_and_its_example_parses():
    text = (DECKS / "README.md").read_text(encoding="utf-8")
    assert parse(text, "README.md", "README").cards == []
    example = re.search(r"````markdown\n(.*?)````", text, re.S).group(1)
    result = parse(example, "example.md", "example")
    assert result.warnings == []
    assert {card.kind for card in result.cards} == {"basic", "reversed", "cloze"}
    assert {card.deck for card in result.cards} == {"My notes::Optimisers"}


# Each syntax of DESIGN.md §3: a source line that shows it, and the kind of card it must start
# (a card counts if its note begins on that line or up to `reach` lines above: a multi-line card
# begins at its question, a cloze at its paragraph).
SYNTAXES = {
    "Q:/A:": (r"^Q: ", "basic", 0),
    "C: cloze": (r"^C: .*\[[^\]]+\]", "cloze", 0),
    "single line ::": (r"^(?!C: |Q: |A: ).+\S :: \S", "basic", 0),
    "single line reversed :::": (r"^.+\S ::: \S", "reversed", 0),
    "multi-line ?": (r"^\?$", "basic", 3),
    "multi-line reversed ??": (r"^\?\?$", "reversed", 3),
    "numbered cloze": (r"\{\{c\d+::", "cloze", 2),
    "cloze with a hint": (r"\{\{c\d+::.*?::[^:}]+\}\}", "cloze", 2),
    "unnumbered cloze": (r"\{\{(?!c\d+::)[^}]+\}\}", "cloze", 2),
    "==highlight== cloze": (r"==[^=\s][^=]*==", "cloze", 2),
    "definition list": (r"^: \S", "basic", 1),
    "bold term bullet": (r"^\s*- \*\*[^*]+\*\*\s*(:|—|–| - )", "basic", 0),
}


@pytest.mark.parametrize("name", SYNTAXES)
def test_every_card_syntax_is_used_and_makes_cards(name):
    pattern, kind, reach = SYNTAXES[name]
    found = 0
    for path in DECK_FILES:
        starts = {(card.line, card.kind) for card in parsed(path)}
        for number, line in outside_code(path.read_text(encoding="utf-8")):
            if re.search(pattern, line):
                found += 1
                assert any((number - back, kind) in starts for back in range(reach + 1)), (
                    f"{path.name}:{number}: {name} made no {kind} card: {line!r}"
                )
    assert found, f"no deck uses {name}"


def test_cards_of_every_kind_and_cloze_around_math():
    cards = [card for path in DECK_FILES for card in parsed(path)]
    assert {card.kind for card in cards} == {"basic", "reversed", "cloze"}
    assert any(card.kind == "cloze" and "$" in card.back and "$" not in card.front for card in cards)


def test_the_decks_import_into_a_real_collection(tmp_path):
    expected = {card.deck: 0 for path in DECK_FILES for card in parsed(path)}
    for path in DECK_FILES:
        for card in parsed(path):
            expected[card.deck] += 1
    db = open_collection(tmp_path / "c.db")
    report = import_paths(db, [DECKS])
    assert report.errors == [] and report.warnings == []
    assert report.total("added") == sum(expected.values())  # no two shipped cards share a key
    counts = {row["deck"]: row["cards"] for row in deck_counts(db, "2030-01-01T00:00:00+00:00")}
    assert counts == expected
    assert all(row["front"].strip() and row["back"].strip() for row in list_cards(db))
    assert import_paths(db, [DECKS]).total("added") == 0


def rendered(markdown: str) -> str:
    """What a card side looks like in an 80-column terminal without colour."""
    console = Console(file=io.StringIO(), width=80, color_system=None)
    console.print(card_markdown(markdown))
    return console.file.getvalue()


def card_back(path: Path, needle: str) -> str:
    """The back of the first card in `path` whose back contains `needle`."""
    return next(card.back for card in parsed(path) if needle in card.back)


def test_formula_cards_render_as_readable_unicode():
    sigmoid = rendered(card_back(COURSES[0], r"\sigma(z) = \frac"))
    assert "σ(z) = 1/(1 + e⁻ᶻ)" in sigmoid
    adam = rendered(card_back(COURSES[1], "default $\\beta_2$"))
    assert "β₁ is 0.9" in adam and "β₂ is 0.999" in adam and "ε is 10⁻⁸" in adam
    attention = rendered(card_back(COURSES[4], r"\text{softmax}(\frac{Q K^T}"))
    assert "softmax" in attention and "Kᵀ" in attention and "√dₖ" in attention
    output_size = rendered(card_back(COURSES[3], r"\lfloor"))
    assert "⌊" in output_size and "⌋" in output_size


@pytest.mark.parametrize("path", COURSES, ids=lambda p: p.name)
def test_no_raw_latex_or_markers_reach_the_terminal(path):
    for card in parsed(path):
        for side in (card.front, card.back):
            leftovers = re.findall(r"\\[A-Za-z]+|\$|\{\{|==", rendered(side))
            assert leftovers == [], f"{path.name}:{card.line}: {leftovers} in {side!r}"
