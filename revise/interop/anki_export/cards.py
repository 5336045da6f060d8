"""A card's schedule and review log → Anki's `cards` columns and `revlog` rows.

Anki counts a review card's due date in days since the collection's creation (`col.crt`), a learning
card's in Unix seconds and a new card's as its position; its importer shifts the day numbers to the
importing collection, so they only have to be right relative to `crt`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone, tzinfo

from revise.config import Settings
from revise.scheduling import day_bounds, parse_time, study_day

# Anki's card types and queues (rslib/src/card/mod.rs).
TYPES = {"new": 0, "learning": 1, "review": 2, "relearning": 3}
NEW_QUEUE, LEARN_QUEUE, REVIEW_QUEUE, DAY_LEARN_QUEUE, SUSPENDED, BURIED = 0, 1, 2, 3, -1, -3
# Anki's revlog types: by the card's state before the answer; cram is a filtered-deck review, manual a reset.
REVLOG_TYPES = {"new": 0, "learning": 0, "review": 1, "relearning": 2}
CRAM, MANUAL = 3, 4
DEFAULT_EASE = 2500  # permille: Anki's starting ease, shown for cards FSRS schedules


@dataclass(frozen=True)
class Timing:
    """The exported collection's day: its creation (`crt`, a study day's start) and the day's start hour."""

    crt_day: date
    day_start_hour: int
    tz: tzinfo | None
    now: datetime

    @classmethod
    def starting(cls, first: datetime, now: datetime, day_start_hour: int, tz: tzinfo | None = None) -> "Timing":
        """A collection created on the study day of `first` (the earliest due date or review, or now)."""
        return cls(study_day(min(first, now), day_start_hour, tz), day_start_hour, tz, now)

    @property
    def crt(self) -> int:
        """`col.crt`: the creation day's start, in Unix seconds."""
        return int(day_bounds(self.crt_day, self.day_start_hour, self.tz)[0].timestamp())

    def day_number(self, moment: datetime) -> int:
        """The study day of `moment`, counted from the collection's creation."""
        return (study_day(moment, self.day_start_hour, self.tz) - self.crt_day).days

    def is_today(self, moment: datetime) -> bool:
        """Whether `moment` falls before the end of the current study day."""
        return self.day_number(moment) <= self.day_number(self.now)


def new_card_columns(position: int) -> dict:
    """A card that Anki will show as new, at `position` in the new-card order."""
    return {"type": 0, "queue": NEW_QUEUE, "due": position, "ivl": 0, "factor": 0, "reps": 0, "lapses": 0,
            "left": 0, "data": "{}"}


def scheduled_card_columns(card: dict, position: int, timing: Timing, settings: Settings) -> dict:
    """The card's schedule as Anki's columns: type, queue, due, interval, ease, reps, lapses, steps left, FSRS state."""
    state, due = card["state"], parse_time(card["due"])
    last = parse_time(card["last_review"])
    if state == "new" or due is None:
        columns = new_card_columns(position) | {"reps": card["reps"], "lapses": card["lapses"]}
    else:
        columns = {"type": TYPES[state], "reps": card["reps"], "lapses": card["lapses"], "factor": DEFAULT_EASE,
                   "ivl": _interval_days(card, due, last), "left": _steps_left(card, settings),
                   "data": _memory_state(card, last, settings)}
        columns |= _queue_and_due(state, due, timing)
    return columns | {"queue": _hidden_queue(card, timing) or columns["queue"]}


def _queue_and_due(state: str, due: datetime, timing: Timing) -> dict:
    """Review cards are due on a day; learning cards at a second, or on a day once beyond today."""
    if state == "review":
        return {"queue": REVIEW_QUEUE, "due": timing.day_number(due)}
    if timing.is_today(due):
        return {"queue": LEARN_QUEUE, "due": int(due.timestamp())}
    return {"queue": DAY_LEARN_QUEUE, "due": timing.day_number(due)}


def _hidden_queue(card: dict, timing: Timing) -> int | None:
    """Suspended, or buried until a time still to come: the queue Anki hides the card in."""
    if card["suspended"]:
        return SUSPENDED
    buried = parse_time(card["buried_until"])
    return BURIED if buried is not None and buried > timing.now else None


def _interval_days(card: dict, due: datetime, last: datetime | None) -> int:
    """The interval Anki shows: whole days from the last review to the due date (at least 1 for a review)."""
    if last is None:
        return max(1, round(card["stability"] or 1))
    days = round((due - last).total_seconds() / 86400)
    return max(1, days) if card["state"] in ("review", "relearning") else max(0, days)


def _steps_left(card: dict, settings: Settings) -> int:
    """Learning steps still to go (Anki's `left`), for a card in (re)learning."""
    steps = {"learning": settings.learning_steps, "relearning": settings.relearning_steps}.get(card["state"])
    if not steps:
        return 0
    return max(1, len(steps) - (card["step"] or 0))


def _memory_state(card: dict, last: datetime | None, settings: Settings) -> str:
    """`cards.data`: FSRS stability, difficulty, desired retention, decay and the last review's time."""
    if card["stability"] is None or card["difficulty"] is None:
        return "{}"
    data = {"s": round(card["stability"], 4), "d": round(card["difficulty"], 3), "dr": settings.desired_retention}
    if settings.parameters and len(settings.parameters) > 20:
        data["decay"] = round(settings.parameters[20], 4)
    if last is not None:
        data["lrt"] = int(last.timestamp())
    return json.dumps(data, separators=(",", ":"))


def revlog_rows(card_id: int, reviews: list[dict], used_ids: set[int]) -> list[tuple]:
    """A card's answers as revlog rows (id, cid, usn, ease, ivl, lastIvl, factor, time, type), ids unique in `used_ids`."""
    rows, last_interval = [], 0
    for review in reviews:
        moment = parse_time(review["reviewed_at"]) or datetime.fromtimestamp(0, timezone.utc)
        revlog_id = int(moment.timestamp() * 1000)
        while revlog_id in used_ids:  # Anki's revlog ids are milliseconds: answers in the same one move on
            revlog_id += 1
        used_ids.add(revlog_id)
        kind, interval = _revlog_type(review), _revlog_interval(review["interval_days"])
        ease = 0 if kind == MANUAL else review["rating"]
        factor = DEFAULT_EASE if kind in (1, 2) else 0
        rows.append((revlog_id, card_id, 0, ease, interval, last_interval, factor, review["duration_ms"] or 0, kind))
        last_interval = interval if kind != CRAM else last_interval
    return rows


def _revlog_type(review: dict) -> int:
    if review["kind"] == "cram":
        return CRAM
    if review["kind"] == "manual":
        return MANUAL
    return REVLOG_TYPES.get(review["state"], 1)


def _revlog_interval(days: float | None) -> int:
    """Anki's revlog interval: whole days, or negative seconds when under a day."""
    if days is None:
        return 0
    return round(days) if days >= 1 else -round(days * 86400)
