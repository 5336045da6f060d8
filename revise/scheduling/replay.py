"""A card's memory state recomputed from its answers with other parameters: the answers replayed
through the scheduler, as an import replays a card's history. Pure: the answers carry their times."""

from __future__ import annotations

from dataclasses import replace

from revise.config import Settings
from revise.scheduling.fit_items import LoggedAnswer, since_last_reset
from revise.scheduling.schedule import Schedule, answer


def replayed(card_id: int, answers: list[LoggedAnswer], settings: Settings) -> Schedule | None:
    """The schedule the card's answers since its last reset give with `settings` (None: no such answers)."""
    kept = since_last_reset(answers)
    if not kept:
        return None
    schedule = Schedule()
    for logged in kept:
        schedule = answer(card_id, schedule, logged.rating, logged.at, settings).after
    return schedule


def with_memory(current: Schedule, replay: Schedule, reschedule: bool = False) -> Schedule:
    """`current` with the replay's stability and difficulty; with `reschedule`, a review card also
    takes the replay's due date (a card in learning keeps its step and due)."""
    changed = replace(current, stability=replay.stability, difficulty=replay.difficulty)
    if reschedule and current.state == "review" and replay.state == "review":
        changed = replace(changed, due=replay.due)
    return changed
