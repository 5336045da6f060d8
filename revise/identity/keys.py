"""Note keys: a note's kind and normalised text hashed, and a file's cards grouped into notes.

Pure: no I/O, no database. What matching reads and returns (records, matches, plans) is defined here too.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, NamedTuple

if TYPE_CHECKING:  # the parser loads its patterns on import; a no-change sync never needs it
    from revise.notes import ParsedCard


_REVIEW_COMMENT = re.compile(r"<!--\s*SR:.*?-->")
_BLOCK_ID = re.compile(r"\s\^[A-Za-z0-9-]+[ \t]*$", re.MULTILINE)


def normalise(text: str) -> str:
    """Note text as identity sees it: review comments and block ids removed, whitespace folded."""
    # The checks skip the regexes for the many notes without either: import runs this 100k times.
    if "<!--" in text:
        text = _REVIEW_COMMENT.sub("", text)
    if "^" in text:
        text = _BLOCK_ID.sub("", text)
    return " ".join(text.split())


def note_key(kind: str, text: str) -> str:
    """The note's key: a hash of its kind and normalised text."""
    return hashlib.sha256(f"{kind}\0{normalise(text)}".encode()).hexdigest()[:32]


class NoteCard(NamedTuple):
    """One card of a parsed note: the parts the collection stores."""

    ord: int
    front: str
    back: str


class ParsedNote(NamedTuple):
    """The cards of one note in a file: reversed and cloze siblings together.

    A named tuple, not a dataclass, because 100k of them cross from parser processes to the sync
    and tuples pickle several times faster.
    """

    key: str
    kind: str
    text: str
    explicit_id: str | None
    file: str
    line: int
    position: int  # index of the note in its file
    deck: str
    tags: tuple[str, ...]
    headings: tuple[str, ...]
    cards: tuple[NoteCard, ...]


@dataclass(frozen=True)
class NoteRecord:
    """A note the collection holds, with the ords of its cards and their (front, back)."""

    id: int
    key: str
    kind: str
    text: str
    explicit_id: str | None
    source: str | None
    line: int | None
    position: int
    headings: tuple[str, ...]
    retired: bool
    cards: dict[int, tuple[str, str, bool]] = field(default_factory=dict)  # ord → (front, back, retired)
    stored: tuple = ()  # the row as the store holds it, so an unchanged note is not rewritten


@dataclass(frozen=True)
class NoteMatch:
    """A parsed note and the record it is (None: a new note); `how` says why."""

    parsed: ParsedNote
    record: NoteRecord | None
    how: str  # "new", "same", "moved", "revived", "edited" or "explicit"


@dataclass
class SyncPlan:
    """What to write: every parsed note's match, and the records to retire."""

    matches: list[NoteMatch] = field(default_factory=list)
    retire: list[NoteRecord] = field(default_factory=list)


@dataclass(frozen=True)
class CardChanges:
    """Per ord of a matched note: which cards are added, updated, moved, unchanged or retired."""

    added: tuple[int, ...] = ()
    updated: tuple[int, ...] = ()
    moved: tuple[int, ...] = ()
    unchanged: tuple[int, ...] = ()
    retired: tuple[int, ...] = ()


def group_notes(cards: Iterable[ParsedCard]) -> list[ParsedNote]:
    """Group one file's cards into notes by (note_text, kind, explicit_id); a repeated ord starts a duplicate note."""
    groups: list[list[ParsedCard]] = []
    open_group: dict[tuple, tuple[int, set[int]]] = {}  # ident → (index in groups, ords seen)
    for card in cards:
        ident = (card.note_text, card.kind, card.explicit_id)
        entry = open_group.get(ident)
        if entry is None or card.ord in entry[1]:
            entry = open_group[ident] = (len(groups), set())
            groups.append([])
        entry[1].add(card.ord)
        groups[entry[0]].append(card)
    return [_note(group, position) for position, group in enumerate(groups)]


def _note(cards: list[ParsedCard], position: int) -> ParsedNote:
    first = cards[0]
    # Built with tuple.__new__, not the named tuples' keyword-aware constructors: an import makes
    # 100k of each, and this halves their cost.
    if len(cards) == 1:  # most notes: no sort, no generators
        line, note_cards = first.line, (_new(NoteCard, (first.ord, first.front, first.back)),)
    else:
        cards = sorted(cards, key=lambda c: c.ord)
        line = min(c.line for c in cards)
        note_cards = tuple(_new(NoteCard, (c.ord, c.front, c.back)) for c in cards)
    return _new(ParsedNote, (
        note_key(first.kind, first.note_text), first.kind, first.note_text, first.explicit_id, first.file,
        line, position, first.deck, first.tags, first.headings, note_cards,
    ))


_new = tuple.__new__
