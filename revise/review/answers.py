"""What a session writes, one Step at a time: answers (review and cram), burying and suspending;
and taking a Step back for `u`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlite_utils import Database

from revise import collection, scheduling
from revise.config import Settings
from revise.scheduling import Answer, QueueCard, Schedule


@dataclass
class Step:
    """One step the `u` key can take back."""

    card_id: int
    revlog_id: int | None = None  # an answer (restored from revlog.previous)
    previous: dict | None = None  # a bury or suspend (the schedule before)
    siblings: dict[int, str | None] = field(default_factory=dict)
    note_tags: tuple[int, str] | None = None
    again: bool = False
    unqueued: list[QueueCard] = field(default_factory=list)  # buried siblings taken off the queue
    leech: bool = False  # the answer made the card a leech: undoing it takes it off the summary's list
    duration_ms: int = 0  # an answer's recorded duration


def save_review(
    db: Database, row: dict, rating: int, now: datetime, duration: int, settings: Settings, bury_until: datetime
) -> tuple[Answer, Step]:
    """Grade the card, bury its siblings until `bury_until` and tag a leech, in one transaction."""
    result = scheduling.answer(row["id"], Schedule.from_row(row), rating, now, settings)
    siblings = _siblings_to_bury(db, row["id"])
    note_tags = _leech_tags(row) if result.leech else None
    revlog_id = collection.save_answer(
        db, row["id"], result.after.to_row(), _log(row, result, now, duration, "review"),
        bury=(list(siblings), scheduling.format_time(bury_until)), note_tags=note_tags,
    )
    old_tags = (row["note_id"], row["tags"]) if note_tags else None
    return result, Step(row["id"], revlog_id, siblings=siblings, note_tags=old_tags, again=rating == 1,
                        leech=result.leech, duration_ms=duration)


def save_cram(db: Database, row: dict, rating: int, now: datetime, duration: int) -> Step:
    """Cram: log the answer (kind 'cram', not counted by stats) and leave the schedule alone."""
    schedule = Schedule.from_row(row)
    result = Answer(rating, schedule, schedule, timedelta(0))
    log = _log(row, result, now, duration, "cram") | {"interval_days": None}
    revlog_id = collection.save_answer(db, row["id"], schedule.to_row(), log)
    return Step(row["id"], revlog_id, again=rating == 1, duration_ms=duration)


def set_aside(db: Database, row: dict, buried_until: datetime | None) -> Step:
    """Bury the card until `buried_until`, or suspend it (None)."""
    schedule = Schedule.from_row(row)
    if buried_until is not None:
        changed = replace(schedule, buried_until=buried_until)
    else:
        changed = replace(schedule, suspended=True)
    collection.set_schedule(db, row["id"], changed.to_row())
    return Step(row["id"], previous=schedule.to_row())


def take_back(db: Database, step: Step) -> None:
    """Undo `step` in the collection: an answer from its log entry, a bury or suspend from the schedule before."""
    if step.revlog_id is not None:
        collection.undo_answer(db, step.revlog_id, siblings=step.siblings, note_tags=step.note_tags)
    else:
        collection.set_schedule(db, step.card_id, step.previous)


def _siblings_to_bury(db: Database, card_id: int) -> dict[int, str | None]:
    """Siblings that are new or in review: buried until tomorrow (their buried_until before)."""
    siblings = collection.sibling_cards(db, card_id)
    return {s["id"]: s["buried_until"] for s in siblings if s["state"] in ("new", "review")}


def _log(row: dict, result: Answer, now: datetime, duration: int, kind: str) -> dict:
    """The revlog row: state and due before, stability/difficulty/interval after, previous schedule."""
    return {
        "card_id": row["id"],
        "reviewed_at": scheduling.format_time(now),
        "rating": result.rating,
        "state": result.before.state,
        "due": scheduling.format_time(result.before.due),
        "stability": result.after.stability,
        "difficulty": result.after.difficulty,
        "interval_days": round(result.interval_days, 6),
        "duration_ms": duration,
        "kind": kind,
        "previous": result.before.to_json(),
    }


def _leech_tags(row: dict) -> tuple[int, str]:
    """The note's tags with `leech` added, as the notes table keeps them (JSON)."""
    tags = json.loads(row["tags"] or "[]")
    return row["note_id"], json.dumps(tags if "leech" in tags else [*tags, "leech"], ensure_ascii=False)
