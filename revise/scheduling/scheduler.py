"""FSRS scheduling: (card state, rating, now) → (new state, log entry); limits, day boundary, queue.

Reads no clock itself: `now` is always passed in.
"""

from __future__ import annotations

import json
import random
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Iterator, Sequence

from revise.config import Config, Settings


def study_day(moment: datetime, day_start_hour: int = 4, tz: tzinfo | None = None) -> date:
    """The study day `moment` belongs to: days start at `day_start_hour` local time (tz, default the system's)."""
    local = moment.astimezone(tz)
    return (local - timedelta(hours=day_start_hour)).date()


def day_bounds(day: date, day_start_hour: int = 4, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """The (start, end) instants of study day `day`, as aware datetimes."""
    # The end is the next date's start hour on the wall clock, not start + 24 h: a day with a
    # daylight-saving change is 23 or 25 hours long.
    return _wall_clock(day, day_start_hour, tz), _wall_clock(day + timedelta(days=1), day_start_hour, tz)


def _wall_clock(day: date, hour: int, tz: tzinfo | None) -> datetime:
    """`hour` o'clock on `day` in `tz`, or in the system zone at the UTC offset it has on that date."""
    moment = datetime(day.year, day.month, day.day, hour)
    return moment.replace(tzinfo=tz) if tz else moment.astimezone()  # astimezone: the offset of that date


# --- FSRS scheduling --------------------------------------------------------------------------

RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
LEARN_AHEAD = timedelta(minutes=20)  # like Anki: learning cards due this soon may be shown early


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


def parse_time(value: str | datetime | None) -> datetime | None:
    """ISO 8601 text → aware UTC datetime (None stays None)."""
    if value is None or isinstance(value, datetime):
        return value
    moment = datetime.fromisoformat(value)
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def format_time(value: datetime | None) -> str | None:
    """Aware datetime → ISO 8601 UTC text, to the second (sorts as text)."""
    if value is None:
        return None
    return value.astimezone(timezone.utc).isoformat(timespec="seconds")


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


# --- the day's queue --------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueCard:
    """A candidate for today's session: identity, deck, note order and schedule."""

    id: int
    note_id: int
    deck: str
    schedule: Schedule
    note_order: tuple = ()  # (reading_order(source), position, line, ord): new cards come in this order


@dataclass
class Queue:
    """Today's session: learning cards (shown when due) and the main queue (reviews and new)."""

    learning: list[QueueCard]
    main: list[QueueCard]


def limit_group(config: Config, deck: str) -> str:
    """The deck override whose daily limits `deck` shares ('' for the global limits)."""
    return config.override_for(deck) or ""


def done_today(config: Config, answered: Sequence[tuple[str, str]]) -> dict[str, tuple[int, int]]:
    """(deck, state before) of today's answers → {limit group: (new introduced, reviews done)}."""
    counts: dict[str, tuple[int, int]] = {}
    for deck, state in answered:
        group = limit_group(config, deck)
        new, reviews = counts.get(group, (0, 0))
        counts[group] = (new + (state == "new"), reviews + (state == "review"))
    return counts


def build_queue(
    cards: Sequence[QueueCard],
    now: datetime,
    config: Config,
    answered: Sequence[tuple[str, str]] = (),
    *,
    tz: tzinfo | None = None,
    new_limit: int | None = None,
    new_today: int = 0,
    limit: int | None = None,
) -> Queue:
    """Order today's cards: learning due today; reviews then new (interleaved) within the daily limits.

    `new_limit` (--new) caps the new cards today among `cards`, `new_today` of them introduced
    already, in place of the global new_per_day (a deck override's own limit still applies);
    `limit` (--limit) caps the distinct cards of the session, learning cards included."""
    day_end = next_day_start(now, config.default.day_start_hour, tz)
    usable = [c for c in cards if not c.schedule.suspended and not _buried(c.schedule, now)]
    learning = sorted(
        (c for c in usable if c.schedule.state in ("learning", "relearning") and _due_before(c, day_end)),
        key=lambda c: c.schedule.due,
    )
    reviews = [c for c in usable if c.schedule.state == "review" and _due_before(c, day_end)]
    new = sorted((c for c in usable if c.schedule.state == "new"), key=lambda c: c.note_order)
    # Drop new siblings before the limit, so that 20 new cards a day means 20 cards shown.
    new = _one_per_note(new, {c.note_id for c in [*learning, *reviews]})
    reviews, new = _within_limits(reviews, new, now, config, done_today(config, answered), new_limit)
    if new_limit is not None:
        new = new[: max(0, new_limit - new_today)]
    main = _one_per_note(interleave(reviews, new), {c.note_id for c in learning})
    if limit is None:
        return Queue(learning, main)
    return _within_session_limit(learning, main, now, limit)


def _within_session_limit(learning: list[QueueCard], main: list[QueueCard], now: datetime, limit: int) -> Queue:
    """The first `limit` distinct cards in the order they will come: learning cards due within the
    learn-ahead, then the main queue, then learning cards due later today."""
    soon = [c for c in learning if c.schedule.due <= now + LEARN_AHEAD]
    later = [c for c in learning if c.schedule.due > now + LEARN_AHEAD]
    kept = {c.id for c in (soon + main + later)[:limit]}
    return Queue([c for c in learning if c.id in kept], [c for c in main if c.id in kept])


def interleave(reviews: list[QueueCard], new: list[QueueCard]) -> list[QueueCard]:
    """Spread new cards evenly among the reviews (Anki's 'mix new cards and reviews')."""
    slots = [((i + 1) / (len(reviews) + 1), 0, c) for i, c in enumerate(reviews)]
    slots += [((i + 1) / (len(new) + 1), 1, c) for i, c in enumerate(new)]
    return [c for _, _, c in sorted(slots, key=lambda slot: slot[:2])]


def _within_limits(
    reviews: list[QueueCard], new: list[QueueCard], now: datetime, config: Config,
    done: dict[str, tuple[int, int]], new_limit: int | None,
) -> tuple[list[QueueCard], list[QueueCard]]:
    """Cut reviews and new cards to what each limit group still allows today."""
    groups: dict[str, tuple[list[QueueCard], list[QueueCard]]] = {}
    for is_new, cards in enumerate((reviews, new)):
        for card in cards:
            groups.setdefault(limit_group(config, card.deck), ([], []))[is_new].append(card)
    kept_reviews: list[QueueCard] = []
    kept_new: list[QueueCard] = []
    for group, (group_reviews, group_new) in groups.items():
        settings = config.for_deck(group) if group else config.default
        new_done, reviews_done = done.get(group, (0, 0))
        kept_reviews += _review_backlog(group_reviews, settings.reviews_per_day - reviews_done, now, settings)
        if group or new_limit is None:  # --new replaces the global limit only
            group_new = group_new[: max(0, settings.new_per_day - new_done)]
        kept_new += group_new
    kept_reviews.sort(key=lambda c: c.schedule.due)
    if len(kept_reviews) < len(reviews):  # over the limit: most-forgotten first
        kept_reviews.sort(key=lambda c: retrievability(c.schedule, now, config.for_deck(c.deck)))
    kept_new.sort(key=lambda c: c.note_order)
    return kept_reviews, kept_new


def _review_backlog(reviews: list[QueueCard], allowed: int, now: datetime, settings: Settings) -> list[QueueCard]:
    """All due reviews if within the limit, else the `allowed` with the lowest retrievability."""
    allowed = max(0, allowed)
    if len(reviews) <= allowed:
        return reviews
    return sorted(reviews, key=lambda c: retrievability(c.schedule, now, settings))[:allowed]


def _one_per_note(cards: list[QueueCard], taken: set[int]) -> list[QueueCard]:
    """Drop siblings: only the first card of each note is shown today."""
    kept = []
    for card in cards:
        if card.note_id not in taken:
            taken.add(card.note_id)
            kept.append(card)
    return kept


def _buried(schedule: Schedule, now: datetime) -> bool:
    return schedule.buried_until is not None and schedule.buried_until > now


def _due_before(card: QueueCard, moment: datetime) -> bool:
    return card.schedule.due is None or card.schedule.due < moment


def next_day_start(now: datetime, day_start_hour: int, tz: tzinfo | None = None) -> datetime:
    """When the study day after the one `now` is in begins (where bury lasts until)."""
    return day_bounds(study_day(now, day_start_hour, tz), day_start_hour, tz)[1]

