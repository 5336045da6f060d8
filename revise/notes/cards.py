"""What parsing a note gives: its cards, and warnings for the malformed ones."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ParsedCard:
    """One card found in a note, with where it came from."""

    kind: str  # "basic", "reversed" or "cloze"
    front: str  # Markdown; for a cloze, the text with deletion `ord` hidden as […] or [hint]
    back: str  # Markdown; for a cloze, the full text
    note_text: str  # normalised text of the whole note (cloze in canonical {{cN::…}} form); siblings share it
    ord: int  # 0 forward, 1 reverse, N for cloze number N
    file: str
    line: int  # 1-based first line of the note
    deck: str
    tags: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()  # heading path, outermost first
    explicit_id: str | None = None
    syntax: str = ""  # the summary kind that made it ("question heading", …); "" for explicit syntax


@dataclass(frozen=True)
class ParseWarning:
    """A malformed card: reported with file:line, never fatal."""

    file: str
    line: int
    message: str


@dataclass
class ParseResult:
    """Cards and warnings from one file."""

    cards: list[ParsedCard] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
