"""Schedule changes by card id, all or none: what `revise suspend`, `unsuspend` and `forget` apply."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from revise import collection
from revise.errors import ReviseError
from revise.scheduling import Schedule


def change_schedules(db: Database, ids: list[int], change: Callable[[Schedule], Schedule]) -> None:
    """Apply `change` to the schedule of every card in `ids`, all or none (suspend, unsuspend, forget)."""
    missing = collection.missing_card_ids(db, ids)
    if missing:
        raise ReviseError(f"no card with id {missing[0]}")
    with collection.writing(db):
        for card_id in ids:
            schedule = Schedule.from_row(collection.review_card(db, card_id))
            collection.set_schedule(db, card_id, change(schedule).to_row())
