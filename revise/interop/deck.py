"""The format-neutral model every importer returns: notes with their cards and reviews, media, warnings.

Readers (Anki packages, plain-text decks) fill it; `interop.markdown` writes it as our Markdown and
the history is attached to the cards by each note's explicit id and each card's `ord`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

KINDS = ("basic", "reversed", "cloze")


@dataclass(frozen=True)
class ImportedReview:
    """One answer from the other program's history."""

    time: datetime  # UTC, timezone-aware
    rating: int  # 1 Again, 2 Hard, 3 Good, 4 Easy
    duration_ms: int = 0
    kind: str = "review"  # "learn", "review", "relearn" or "filtered" (Anki's revlog types 0–3)


@dataclass
class ImportedCard:
    """One card of a note: ours by `ord` (0 forward, 1 reverse, N for cloze cN)."""

    ord: int
    suspended: bool = False
    buried: bool = False
    due: datetime | None = None  # UTC; None for a new card
    stability: float | None = None  # FSRS memory state, when the source knew it
    difficulty: float | None = None
    reviews: list[ImportedReview] = field(default_factory=list)


@dataclass
class ImportedNote:
    """One note as Markdown: a cloze note's `front` holds its `{{cN::…}}` text and `back` its extra."""

    kind: str  # one of KINDS
    front: str
    back: str
    deck: str  # levels joined by `::`
    id: str  # stable explicit id written into the Markdown, e.g. `anki-<guid>`
    tags: tuple[str, ...] = ()
    cards: list[ImportedCard] = field(default_factory=list)


@dataclass
class ImportedDeck:
    """Everything one package or file held: notes, media files by safe name, and what was lost."""

    notes: list[ImportedNote] = field(default_factory=list)
    media: dict[str, bytes] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
