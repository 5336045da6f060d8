"""Matching re-parsed files against the notes the collection holds (DESIGN.md §4).

Pure: no I/O, no database. The sync (revise/sources) gives `plan_sync` the notes parsed from some files and the
note records that could match them; it returns which parsed note is which record.
"""

from __future__ import annotations

import difflib
from typing import Iterable

from revise.identity.keys import CardChanges, NoteMatch, NoteRecord, ParsedNote, SyncPlan, normalise

# A rewritten question may lose its history, a typo fix never: a typo keeps difflib's ratio above
# 0.9, a rewrite falls well below 0.7 ("What does ReLU compute?" → "Which activation keeps
# positives?" is 0.34). Between the two, the note must also keep its heading and stay near its place.
SIMILAR = 0.9
SIMILAR_NEARBY = 0.7
NEARBY = 3  # notes
# Fuzzy matching compares every new note with every old one; past this many pairs, only old notes
# within FUZZY_WINDOW positions are tried, so a rewritten 5,000-note file stays fast.
MAX_PAIRS = 40_000
FUZZY_WINDOW = 40
_SWAPPABLE_KINDS = {"basic", "reversed"}  # `::` ↔ `:::` keeps the forward card


def plan_sync(
    parsed: dict[str, list[ParsedNote]], records: Iterable[NoteRecord], settled: Iterable[str] = ()
) -> SyncPlan:
    """Match the notes parsed from some files against `records` (the notes of those files, plus any note
    elsewhere sharing a key or explicit id): explicit id, then same key, then similar text in the same
    file; records of those files left over are retired.

    `settled` names files outside `parsed` known to be unchanged: their live notes are still there, so
    a copy of one in a parsed file is a new note, not a move.
    """
    settled = set(settled)
    pool = _Pool(r for r in records if r.retired or r.source not in settled or r.source in parsed)
    found: dict[int, NoteMatch] = {}  # id(parsed note) → match
    every = [note for notes in parsed.values() for note in notes]
    # Each rule runs over every file before the next, and a file's own notes before other files'
    # notes: a copy in one file must not take the note its twin in another file already has.
    for here in (True, False):
        for note in every:
            if note.explicit_id and id(note) not in found and (record := pool.take_explicit(note, here)):
                found[id(note)] = NoteMatch(note, record, "explicit")
    for here in (True, False):
        for note in every:
            if id(note) not in found and (record := pool.take_key(note, here)):
                found[id(note)] = NoteMatch(note, record, _how(note, record))
    for file, notes in parsed.items():
        for note, record in _similar_pairs([n for n in notes if id(n) not in found], pool.active_in(file)):
            pool.claim(record)
            found[id(note)] = NoteMatch(note, record, "edited")
    plan = SyncPlan(matches=[found.get(id(n)) or NoteMatch(n, None, "new") for n in every])
    plan.retire = [r for r in pool.unclaimed_in(parsed) if not r.retired]
    return plan


def shared_ids(
    parsed: dict[str, list[ParsedNote]], elsewhere: Iterable[tuple[str, str, int]]
) -> list[tuple[ParsedNote, str, int]]:
    """Parsed notes whose explicit id a note of another file also has: (note, that file, its line).

    `elsewhere` holds (id, file, line) of the collection's live notes; those of parsed files are
    ignored (the parsed notes are what those files hold now). Of two parsed files, the first keeps
    its id quietly and the later one is told."""
    places: dict[str, list[tuple[str, int]]] = {}
    for explicit_id, file, line in elsewhere:
        if file not in parsed:
            places.setdefault(explicit_id, []).append((file, line or 1))
    for file in sorted(parsed):
        for note in parsed[file]:
            if note.explicit_id:
                places.setdefault(note.explicit_id, []).append((file, note.line))
    shared = []
    for file in sorted(parsed):
        for note in parsed[file]:
            here = places.get(note.explicit_id or "", [])
            first = next((place for place in here if place[0] != file), None)
            if first and here.index(first) < here.index((file, note.line)):
                shared.append((note, *first))
    return shared


def _how(note: ParsedNote, record: NoteRecord) -> str:
    if record.retired:
        return "revived"
    return "same" if record.source == note.file else "moved"


class _Pool:
    """The records not yet claimed by a parsed note, indexed by key, explicit id and file."""

    def __init__(self, records: Iterable[NoteRecord]) -> None:
        self.claimed: set[int] = set()
        self.by_key: dict[str, list[NoteRecord]] = {}
        self.by_explicit: dict[str, list[NoteRecord]] = {}
        self.by_source: dict[str | None, list[NoteRecord]] = {}
        for record in sorted({r.id: r for r in records}.values(), key=lambda r: r.id):
            self.by_key.setdefault(record.key, []).append(record)
            self.by_source.setdefault(record.source, []).append(record)
            if record.explicit_id:
                self.by_explicit.setdefault(record.explicit_id, []).append(record)

    def claim(self, record: NoteRecord) -> NoteRecord:
        self.claimed.add(record.id)
        return record

    def _best(self, note: ParsedNote, candidates: list[NoteRecord], here: bool) -> NoteRecord | None:
        # In the same file: active first, then nearest. Elsewhere: active notes (a move) before
        # retired ones (a return). Ties go to the oldest note.
        free = [r for r in candidates if r.id not in self.claimed and (r.source == note.file) == here]
        if not free:
            return None
        return self.claim(min(free, key=lambda r: (r.retired, abs(r.position - note.position), r.id)))

    def take_explicit(self, note: ParsedNote, here: bool) -> NoteRecord | None:
        candidates = self.by_explicit.get(note.explicit_id or "", [])
        # A block id is unique within a file, not across files: elsewhere it must be unambiguous.
        if not here and len(candidates) > 1:
            return None
        return self._best(note, candidates, here)

    def take_key(self, note: ParsedNote, here: bool) -> NoteRecord | None:
        candidates = self.by_key.get(note.key)
        return self._best(note, candidates, here) if candidates else None  # most new notes: no call

    def active_in(self, file: str) -> list[NoteRecord]:
        return [r for r in self.by_source.get(file, []) if not r.retired and r.id not in self.claimed]

    def unclaimed_in(self, files: Iterable[str]) -> list[NoteRecord]:
        return [r for file in files for r in self.by_source.get(file, []) if r.id not in self.claimed]


def similarity(a: str, b: str) -> float:
    """How alike two note texts are, 0..1 (difflib's ratio on the normalised texts)."""
    return difflib.SequenceMatcher(None, normalise(a), normalise(b), autojunk=False).ratio()


def is_edit(note: ParsedNote, record: NoteRecord, ratio: float) -> bool:
    """Whether `note` is `record` edited: very similar wording, or similar wording (or the same question) in the same place."""
    if not _kinds_compatible(note.kind, record.kind):
        return False
    if ratio >= SIMILAR:
        return True
    nearby = abs(note.position - record.position) <= NEARBY and _same_heading(note.headings, record.headings)
    return nearby and (ratio >= SIMILAR_NEARBY or _question(note) == _record_question(record) is not None)


def _question(note: ParsedNote) -> str | None:
    """The normalised question of a basic or reversed note (None for a cloze)."""
    if note.kind not in _SWAPPABLE_KINDS or note.cards[0].ord != 0:
        return None
    return normalise(note.cards[0].front)


def _record_question(record: NoteRecord) -> str | None:
    card = record.cards.get(0) if record.kind in _SWAPPABLE_KINDS else None
    return normalise(card[0]) if card else None


def _same_heading(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The same heading path, allowing a typo fixed in a heading too."""
    if a == b:
        return True
    return difflib.SequenceMatcher(None, " / ".join(a), " / ".join(b), autojunk=False).ratio() >= SIMILAR


def _kinds_compatible(a: str, b: str) -> bool:
    return a == b or (a in _SWAPPABLE_KINDS and b in _SWAPPABLE_KINDS)


def _similar_pairs(notes: list[ParsedNote], records: list[NoteRecord]) -> list[tuple[ParsedNote, NoteRecord]]:
    """Pair new notes with old ones of the same file, most similar first, each used once."""
    if not notes or not records:
        return []
    wide = len(notes) * len(records) <= MAX_PAIRS
    texts = {id(note): normalise(note.text) for note in notes}
    # An answer rewritten (or grown by the prose after it) under the same question is an edit too.
    questions = {id(note): _question(note) for note in notes}
    scored = []
    for record in records:
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(normalise(record.text))  # seq2 is the side difflib indexes: index each old note once
        question = _record_question(record)
        for note in notes:
            if not wide and abs(note.position - record.position) > FUZZY_WINDOW:
                continue
            if not _kinds_compatible(note.kind, record.kind):
                continue
            matcher.set_seq1(texts[id(note)])
            # quick_ratio bounds ratio from above: skip the costly ratio when even that is too low.
            if (question is None or questions[id(note)] != question) and (
                matcher.real_quick_ratio() < SIMILAR_NEARBY or matcher.quick_ratio() < SIMILAR_NEARBY
            ):
                continue
            ratio = matcher.ratio()
            if is_edit(note, record, ratio):
                scored.append((-ratio, abs(note.position - record.position), note.position, record.id, note, record))
    pairs, used_notes, used_records = [], set(), set()
    for *_, note, record in sorted(scored, key=lambda s: s[:4]):
        if id(note) not in used_notes and record.id not in used_records:
            used_notes.add(id(note))
            used_records.add(record.id)
            pairs.append((note, record))
    return pairs


def card_changes(match: NoteMatch) -> CardChanges:
    """Which of a matched note's cards are added, updated, moved, unchanged, and which old ords retire."""
    record, parsed = match.record, match.parsed
    if record is None:
        return CardChanges(added=tuple(c.ord for c in parsed.cards))
    added, updated, moved, unchanged = [], [], [], []
    for card in parsed.cards:
        old = record.cards.get(card.ord)
        if old is None or old[2] or match.how == "revived":
            added.append(card.ord)
        elif match.how == "moved" or (match.how == "explicit" and record.source != parsed.file):
            moved.append(card.ord)
        elif (old[0], old[1]) != (card.front, card.back) or match.how == "edited":
            updated.append(card.ord)
        else:
            unchanged.append(card.ord)
    present = {c.ord for c in parsed.cards}
    retired = tuple(o for o, (_, _, gone) in sorted(record.cards.items()) if o not in present and not gone)
    return CardChanges(tuple(added), tuple(updated), tuple(moved), tuple(unchanged), retired)
