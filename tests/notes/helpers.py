"""Helpers shared by the notes tests: cards of a text, their sides, warnings, a fixtures folder parsed."""

from __future__ import annotations

from pathlib import Path

from revise.notes.cards import ParsedCard, ParseResult
from revise.notes.parser import parse


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notes"


def cards_of(text: str, deck: str = "inbox") -> list[ParsedCard]:
    return parse(text, "note.md", deck).cards


def sides(text: str) -> list[tuple[str, str, str, int]]:
    """(kind, front, back, ord) of every card, in order."""
    return [(c.kind, c.front, c.back, c.ord) for c in cards_of(text)]


def messages(result: ParseResult) -> list[tuple[int, str]]:
    return [(w.line, w.message) for w in result.warnings]


def parse_folder(folder: Path, only_tagged: tuple[str, ...] = ()) -> dict[str, ParseResult]:
    return {p.name: parse(p.read_text(encoding="utf-8"), p.name, p.stem, only_tagged) for p in sorted(folder.glob("*.md"))}
