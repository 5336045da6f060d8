"""FSRS through py-fsrs: a card's Schedule, grading it (reproducible fuzz), previews, leeches, recall.

(card state, rating, now) → (new state, log entry). Reads no clock itself: `now` is always passed in.
"""

from __future__ import annotations

import json
import random
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Iterator

from revise.config import Settings
from revise.scheduling.days import format_time, parse_time

RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


@dataclass(frozen=True)
class Schedule:
    """A card's schedule, as stored in the cards table (times are aware UTC datetimes)."""

    state: str = "new"
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0
    suspended: bool = False
    buried_until: datetime | None = None

    @classmethod
    def from_row(cls, row: dict) -> "Schedule":
        """Build from a cards row (or revlog.previous JSON): ISO strings become datetimes."""
        return cls(
            state=row.get("state") or "new",
            step=row.get("step"),
            stability=row.get("stability"),
            difficulty=row.get("difficulty"),
            due=parse_time(row.get("due")),
            last_review=parse_time(row.get("last_review")),
            reps=row.get("reps") or 0,
            lapses=row.get("lapses") or 0,
            suspended=bool(row.get("suspended")),
            buried_until=parse_time(row.get("buried_until")),
        )

    def to_row(self) -> dict:
        """The cards-table columns (ISO 8601 UTC strings, suspended as 0/1)."""
        row = asdict(self)
        for key in ("due", "last_review", "buried_until"):
            row[key] = format_time(row[key])
        row["suspended"] = int(self.suspended)
        return row

    def to_json(self) -> str:
        """The JSON kept in revlog.previous (undo and stats restore from it)."""
        return json.dumps(self.to_row(), sort_keys=True)


@dataclass(frozen=True)
class Answer:
    """The outcome of grading a card: its schedule before and after, and whether it became a leech."""

    rating: int
    before: Schedule
    after: Schedule
    interval: timedelta  # after.due - review time
    leech: bool = False

    @property
    def interval_days(self) -> float:
        """The scheduled interval in (fractional) days."""
        return self.interval.total_seconds() / 86400


@lru_cache(maxsize=32)
def fsrs_scheduler(settings: Settings, fuzz: bool | None = None):
    """The py-fsrs Scheduler for `settings` (fuzz defaults to settings.fuzz)."""
    from fsrs import Scheduler
    from fsrs.scheduler import DEFAULT_PARAMETERS

    # load_config has checked every value's range, and the weights with py-fsrs's own check
    return Scheduler(
        parameters=settings.parameters or DEFAULT_PARAMETERS,
        desired_retention=settings.desired_retention,
        learning_steps=tuple(timedelta(minutes=m) for m in settings.learning_steps),
        relearning_steps=tuple(timedelta(minutes=m) for m in settings.relearning_steps),
        maximum_interval=settings.maximum_interval,
        enable_fuzzing=settings.fuzz if fuzz is None else fuzz,
    )


@contextmanager
def seeded_fuzz(seed: str) -> Iterator[None]:
    """Make py-fsrs's fuzz draw from a private Random seeded with `seed`, for this block only.

    py-fsrs draws fuzz from the module-level `random()`; swapping it for the length of one
    review_card call makes the fuzzed interval a function of (card, review count), so the interval
    previewed on a grade key is exactly the one the answer gives.
    """
    import fsrs.scheduler as fsrs_module

    saved = fsrs_module.random
    fsrs_module.random = random.Random(seed).random
    try:
        yield
    finally:
        fsrs_module.random = saved


def to_fsrs_card(card_id: int, schedule: Schedule, now: datetime):
    """Our schedule → a py-fsrs Card (a new card is a Learning card at step 0)."""
    from fsrs import Card, State

    if schedule.state == "new":
        return Card(card_id=card_id, state=State.Learning, step=0, due=now)
    stability, difficulty = schedule.stability, schedule.difficulty
    if stability is None or difficulty is None:
        # a schedule from elsewhere (an Anki import) without FSRS memory: start from its interval
        interval = (schedule.due - schedule.last_review).days if schedule.due and schedule.last_review else 1
        stability, difficulty = stability or max(0.1, float(interval)), difficulty or 5.0
    return Card(
        card_id=card_id,
        state=State[schedule.state.capitalize()],
        step=schedule.step,
        stability=stability,
        difficulty=difficulty,
        due=schedule.due or now,
        last_review=schedule.last_review or (schedule.due or now) - timedelta(days=1),
    )


def answer(card_id: int, schedule: Schedule, rating: int, now: datetime, settings: Settings) -> Answer:
    """Grade a card (1 Again … 4 Easy) at `now`: the new schedule, fuzz seeded by card and review count."""
    from fsrs import Rating

    now = now.astimezone(timezone.utc)
    card = to_fsrs_card(card_id, schedule, now)
    with seeded_fuzz(f"{card_id}:{schedule.reps}"):
        card, _ = fsrs_scheduler(settings).review_card(card, Rating(rating), now)
    lapsed = schedule.state == "review" and rating == 1
    lapses = schedule.lapses + lapsed
    leech = lapsed and is_leech(lapses, settings)
    after = replace(
        schedule,
        state=card.state.name.lower(),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
        reps=schedule.reps + 1,
        lapses=lapses,
        suspended=schedule.suspended or (leech and settings.leech_action == "suspend"),
        buried_until=None,
    )
    return Answer(rating, schedule, after, card.due - now, leech)


def preview(card_id: int, schedule: Schedule, now: datetime, settings: Settings) -> dict[int, Answer]:
    """What each of the four grades would give, exactly as `answer` will apply it."""
    return {rating: answer(card_id, schedule, rating, now, settings) for rating in RATINGS}


def is_leech(lapses: int, settings: Settings) -> bool:
    """Anki's rule: a leech at the threshold, then again every half threshold."""
    threshold = settings.leech_threshold
    if threshold <= 0 or lapses < threshold:
        return False
    return (lapses - threshold) % max(1, threshold // 2) == 0


def forget(schedule: Schedule) -> Schedule:
    """Back to new (history stays in the review log; suspension is kept)."""
    return Schedule(suspended=schedule.suspended)


def retrievability(schedule: Schedule, now: datetime, settings: Settings) -> float:
    """FSRS's predicted probability of recall at `now` (0 for a new card)."""
    if schedule.state == "new" or schedule.stability is None:
        return 0.0
    card = to_fsrs_card(0, schedule, now)
    return fsrs_scheduler(settings).get_card_retrievability(card, now.astimezone(timezone.utc))


def forgetting_curve(settings: Settings) -> tuple[float, float]:
    """(factor, decay) of FSRS's forgetting curve for `settings`: recall = (1 + factor * days / stability) ** decay."""
    from fsrs.scheduler import DEFAULT_PARAMETERS

    decay = -(settings.parameters or DEFAULT_PARAMETERS)[20]
    return 0.9 ** (1 / decay) - 1, decay  # as py-fsrs computes them, to the last bit


def format_interval(interval: timedelta) -> str:
    """A short human interval, Anki style: 1m, 10m, 2h, 8d, 3.5mo, 1.2y."""
    seconds = max(0.0, interval.total_seconds())
    minutes, days = seconds / 60, seconds / 86400
    if minutes < 60:
        return f"{max(1, round(minutes))}m"
    if minutes < 1440:
        return f"{minutes / 60:.1f}h".replace(".0h", "h")
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")
