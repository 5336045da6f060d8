"""The session's cards in memory: loaded from today's queue, then taken one at a time, with undone
cards first, learning cards when due, then the main queue (reviews and new)."""

from __future__ import annotations

from collections.abc import Container
from datetime import datetime, tzinfo

from sqlite_utils import Database

from revise import collection, scheduling
from revise.config import Config
from revise.review.selection import Selection
from revise.scheduling import QueueCard, Schedule


class SessionQueue:
    """Where the next card comes from; each card is in at most one place, the one on screen in none."""

    def __init__(self, main: list[QueueCard] | None = None, learning: dict[int, datetime] | None = None) -> None:
        self.main: list[QueueCard] = main or []
        self.learning: dict[int, datetime] = learning or {}  # learning cards of today → due
        self.front: list[QueueCard] = []  # cards to show next, last first (an undone card), each once
        self.came_from: tuple[str, QueueCard | None] = ("", None)  # where the card on screen was taken from

    def next_card(self, now: datetime) -> int | None:
        """An undone card, else the learning card that is due, else the next of the main queue."""
        if self.front:
            self.came_from = ("front", self.front.pop())
            return self.came_from[1].id
        due = [card_id for card_id, when in self.learning.items() if when <= now]
        if due:
            self.came_from = ("learning", None)  # it stays in self.learning until it is answered
            return min(due, key=lambda card_id: self.learning[card_id])
        if self.main:
            self.came_from = ("main", self.main.pop(0))
            return self.came_from[1].id
        return None

    def put_back(self) -> None:
        """Return the card on screen to where it was taken from: it is still due, just not next."""
        origin, card = self.came_from
        if origin == "front":
            self.push_front(card)
        elif origin == "main":
            self.main.insert(0, card)

    def push_front(self, card: QueueCard) -> None:
        """Show `card` next; front holds each card once, so it cannot come back twice."""
        self.front = [c for c in self.front if c.id != card.id]
        self.front.append(card)

    def remove(self, card_id: int) -> None:
        """Take a card out of this session's queues."""
        self.learning.pop(card_id, None)
        self.main = [c for c in self.main if c.id != card_id]
        self.front = [c for c in self.front if c.id != card_id]

    def take_off(self, ids: Container[int]) -> list[QueueCard]:
        """Take the cards of `ids` (buried siblings) off the main queue; returned, for undo."""
        taken = [c for c in self.main if c.id in ids]
        self.main = [c for c in self.main if c.id not in ids]
        return taken

    def restore(self, cards: list[QueueCard]) -> None:
        """Put cards that `take_off` took back at the head of the main queue (undo)."""
        self.main[:0] = cards

    def again_later(self, card: QueueCard) -> None:
        """Cram's Again: see the card once more, a few cards later."""
        self.main.insert(min(3, len(self.main)), card)

    def keep_learning(self, card_id: int, after: Schedule, day_end: datetime) -> None:
        """Keep an answered card coming back today while it is learning, due before `day_end`, and not suspended."""
        if after.state in ("learning", "relearning") and not after.suspended and after.due < day_end:
            self.learning[card_id] = after.due
        else:
            self.learning.pop(card_id, None)

    def counts(self, card_id: int, state: str, now: datetime) -> dict[str, int]:
        """Cards left by kind and in all (`left`), the card on screen (`card_id`, in `state`) included.

        Learning cards count once due within the learn-ahead (as in Anki): one due hours later is not
        part of this sitting, and the session ends rather than wait for it."""
        soon = now + scheduling.LEARN_AHEAD
        states = {c.id: c.schedule.state for c in [*self.main, *self.front]}
        states |= {learning_id: "learning" for learning_id, due in self.learning.items() if due <= soon}
        states[card_id] = state
        states = {key: value.replace("relearning", "learning") for key, value in states.items()}
        counts = {name: sum(value == name for value in states.values()) for name in ("new", "learning", "review")}
        return counts | {"left": len(states)}


def load_queue(db: Database, selection: Selection, config: Config, now: datetime, tz: tzinfo | None) -> SessionQueue:
    """Today's cards of `selection` within the daily limits, in order (when cramming: all of them, due or not).

    Only what today needs is read: the cards due today and, per limit group, its first new cards."""
    if selection.cram:
        rows = collection.review_cards(db, **selection.filters())
        return SessionQueue([queue_card(row) for row in rows[: selection.limit]])
    hour = config.default.day_start_hour
    day_start, day_end = scheduling.day_bounds(scheduling.study_day(now, hour, tz), hour, tz)
    start, end = scheduling.format_time(day_start), scheduling.format_time(day_end)
    answered = collection.answers_between(db, start, end)
    learning = [queue_card(row) for row in collection.due_learning_cards(db, end, **selection.filters())]
    reviews_due = collection.count_due_reviews(db, end, scheduling.format_time(now), **selection.filters())
    reviews = _lowest_recall_reviews(db, selection, config, answered, end, now)
    new_today = 0
    if selection.new_limit is not None:  # --new counts the selection's new cards of today
        new_today = collection.new_cards_answered_between(db, start, end, **selection.filters())
    quotas = scheduling.new_quotas(config, answered, new_limit=selection.new_limit, new_today=new_today)
    new = [card for group, quota in quotas.items()
           for card in _first_new_cards(db, selection, scheduling.group_decks(config, group), quota, now, end)]
    queue = scheduling.build_queue(
        learning + reviews + new, now, config, answered, tz=tz,
        new_limit=selection.new_limit, new_today=new_today, limit=selection.limit, reviews_due=reviews_due,
    )
    return SessionQueue(queue.main, {c.id: c.schedule.due for c in queue.learning})


def _lowest_recall_reviews(
    db: Database, selection: Selection, config: Config, answered: list, day_end: str, now: datetime
) -> list[QueueCard]:
    """The reviews due today that each limit group can still take, those with the lowest recall first."""
    reviews = []
    for group, quota in scheduling.review_quotas(config, answered).items():
        curve = scheduling.forgetting_curve(config.for_deck(group) if group else config.default)
        rows = collection.lowest_recall_reviews(
            db, day_end, scheduling.format_time(now), scheduling.group_decks(config, group), curve,
            limit=quota, **selection.filters(),
        )
        reviews += [queue_card(row) for row in rows]
    return reviews


def _first_new_cards(
    db: Database, selection: Selection, group: tuple[str | None, tuple[str, ...]], quota: int, now: datetime,
    day_end: str,
) -> list[QueueCard]:
    """The first `quota` new cards of a limit group in reading order, one per note, read a page at a time
    (SQLite leaves out the notes with a card due today)."""
    found: list[QueueCard] = []
    taken: set[int] = set()
    offset, page = 0, quota + 20  # a few more than needed: the siblings of new cards are skipped here
    while len(found) < quota:
        rows = collection.new_cards(
            db, scheduling.format_time(now), day_end, group, limit=page, offset=offset, **selection.filters()
        )
        for row in rows:
            if row["note_id"] not in taken and len(found) < quota:
                taken.add(row["note_id"])
                found.append(queue_card(row))
        if len(rows) < page:
            break
        offset, page = offset + page, page * 2
    return found


def queue_card(row: dict) -> QueueCard:
    """A collection row → the card the queue holds (new cards come in reading order)."""
    return QueueCard(
        id=row["id"], note_id=row["note_id"], deck=row["deck"], schedule=Schedule.from_row(row),
        note_order=(row["read_key"], row["position"] or 0, row["line"] or 0, row["ord"]),
    )
