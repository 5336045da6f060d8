"""Cards as the parser makes them, and what a sync does with one file, for the collection's tests."""

from __future__ import annotations

from revise.collection.sync import apply_sync_plan, note_records
from revise.identity import group_notes, plan_sync
from revise.notes import ParsedCard

NOW = "2026-03-01T12:00:00+00:00"


def parsed(front: str, *, kind: str = "basic", ords: tuple[int, ...] = (0,), file: str = "/n/a.md",
           deck: str = "a", tags: tuple[str, ...] = ()) -> list[ParsedCard]:
    return [ParsedCard(kind=kind, front=f"{front} {o}", back="back", note_text=f"{front} :: back", ord=o,
                       file=file, line=1, deck=deck, tags=tags) for o in ords]


def sync(db, file: str, cards: list[ParsedCard], settled: tuple[str, ...] = ()) -> None:
    """What a sync does for one file: group, look up, plan, write."""
    notes = {file: group_notes(cards)}
    keys = [n.key for n in notes[file]]
    plan = plan_sync(notes, note_records(db, [file], keys, []), settled)
    with db.atomic():
        apply_sync_plan(db, plan, NOW)
