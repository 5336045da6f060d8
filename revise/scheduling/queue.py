"""The day's queue: which cards today's session holds, within the daily limits, in what order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Sequence

from revise.config import Config, Settings
from revise.scheduling.days import next_day_start
from revise.scheduling.schedule import Schedule, retrievability

LEARN_AHEAD = timedelta(minutes=20)  # like Anki: learning cards due this soon may be shown early


@dataclass(frozen=True)
class QueueCard:
    """A candidate for today's session: identity, deck, note order and schedule."""

    id: int
    note_id: int
    deck: str
    schedule: Schedule
    note_order: tuple = ()  # (notes.read_key, position, line, ord): new cards come in this order


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


def new_quotas(
    config: Config, answered: Sequence[tuple[str, str]], *, new_limit: int | None = None, new_today: int = 0
) -> dict[str, int]:
    """How many new cards each limit group ('' the global one, else a deck override) may still bring in today.

    `new_limit` (--new) replaces the global new_per_day, `new_today` of its cards introduced already,
    and caps every group (a deck override's own limit still applies)."""
    done = done_today(config, answered)
    cap = None if new_limit is None else max(0, new_limit - new_today)
    quotas = {}
    for group in ("", *(name for name, _ in config.decks)):
        settings = config.for_deck(group) if group else config.default
        own = max(0, settings.new_per_day - done.get(group, (0, 0))[0])
        quotas[group] = own if cap is None else cap if not group else min(own, cap)
    return quotas


def review_quotas(config: Config, answered: Sequence[tuple[str, str]]) -> dict[str, int]:
    """How many reviews each limit group ('' the global one, else a deck override) may still show today."""
    done = done_today(config, answered)
    return {
        group: max(0, (config.for_deck(group) if group else config.default).reviews_per_day - done.get(group, (0, 0))[1])
        for group in ("", *(name for name, _ in config.decks))
    }


def group_decks(config: Config, group: str) -> tuple[str | None, tuple[str, ...]]:
    """The decks of a limit group: its override's deck (None for the global group, which has every
    deck) and the decks left out, those of the overrides below it."""
    names = tuple(name for name, _ in config.decks)
    if not group:
        return None, names
    return group, tuple(name for name in names if name.startswith(group + "::"))


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
    reviews_due: int | None = None,
) -> Queue:
    """Order today's cards: learning due today; reviews then new (interleaved) within the daily limits.

    `new_limit` (--new) caps the new cards today among `cards`, `new_today` of them introduced
    already, in place of the global new_per_day (a deck override's own limit still applies);
    `limit` (--limit) caps the distinct cards of the session, learning cards included. `reviews_due`
    is how many reviews are due when `cards` holds only those the limits let through (chosen in SQL)."""
    learning, reviews, new = _due_today(cards, now, next_day_start(now, config.default.day_start_hour, tz))
    # Drop new siblings before the limit, so that 20 new cards a day means 20 cards shown.
    new = _one_per_note(new, {c.note_id for c in [*learning, *reviews]})
    due = len(reviews) if reviews_due is None else reviews_due
    reviews, new = _within_limits(reviews, new, now, config, done_today(config, answered), new_limit, due)
    if new_limit is not None:
        new = new[: max(0, new_limit - new_today)]
    main = _one_per_note(interleave(reviews, new), {c.note_id for c in learning})
    if limit is None:
        return Queue(learning, main)
    return _within_session_limit(learning, main, now, limit)


def _due_today(
    cards: Sequence[QueueCard], now: datetime, day_end: datetime
) -> tuple[list[QueueCard], list[QueueCard], list[QueueCard]]:
    """Learning cards (by due) and reviews due before `day_end`, and new cards (in note order); none
    suspended or buried."""
    usable = [c for c in cards if not c.schedule.suspended and not _buried(c.schedule, now)]
    learning = sorted(
        (c for c in usable if c.schedule.state in ("learning", "relearning") and _due_before(c, day_end)),
        key=lambda c: c.schedule.due,
    )
    reviews = [c for c in usable if c.schedule.state == "review" and _due_before(c, day_end)]
    new = sorted((c for c in usable if c.schedule.state == "new"), key=lambda c: c.note_order)
    return learning, reviews, new


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
    done: dict[str, tuple[int, int]], new_limit: int | None, reviews_due: int,
) -> tuple[list[QueueCard], list[QueueCard]]:
    """Cut reviews and new cards to what each limit group still allows today (`reviews_due` of them due)."""
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
    if len(kept_reviews) < reviews_due:  # over the limit: most-forgotten first
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
