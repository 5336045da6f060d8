"""An imported card's history → our review log rows and its schedule now (pure: `now` is passed in).

The answers are replayed through our FSRS scheduler, which gives each log row the state, due and
memory it had (so stats and undo read them as their own); the schedule then takes what the source
knew for certain: its FSRS memory state when it kept one, its due date, lapses and state."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from revise.config import Settings
from revise.interop.deck import ImportedCard


def card_history(card_id: int, card: ImportedCard, settings: Settings, now: datetime) -> tuple[dict, list[dict]]:
    """(the card's schedule columns, its revlog rows in time order)."""
    from revise.scheduling import Schedule, answer, format_time, next_day_start

    schedule = Schedule()
    logs: list[dict] = []
    for review in sorted(card.reviews, key=lambda r: r.time):
        result = answer(card_id, schedule, review.rating, review.time, settings)
        logs.append({
            "card_id": card_id, "reviewed_at": format_time(review.time), "rating": review.rating,
            "state": schedule.state, "due": format_time(schedule.due),
            "stability": result.after.stability, "difficulty": result.after.difficulty,
            "interval_days": round(result.interval_days, 6), "duration_ms": review.duration_ms,
            "kind": "review", "previous": schedule.to_json(),
        })
        schedule = result.after
    memory = (card.stability, card.difficulty) if card.stability is not None else (schedule.stability, schedule.difficulty)
    final = replace(
        schedule, state=card.state if card.reviews or card.state != "new" else "new",
        step=(schedule.step or 0) if card.state in ("learning", "relearning") else None,
        stability=memory[0], difficulty=memory[1], due=card.due if card.state != "new" else None,
        lapses=card.lapses, suspended=card.suspended,
        buried_until=next_day_start(now, settings.day_start_hour) if card.buried else None,
    )
    return final.to_row(), logs
