"""`revise optimize`: fit each group's parameters, save the better ones, recompute memory states."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Callable

from sqlite_utils import Database

from revise.collection.review_log import card_schedules, save_schedules, scheduled_answers
from revise.collection.database import writing
from revise.config import Config, config_from_text, config_path, config_replaced, with_parameters
from revise.errors import ReviseError
from revise.scheduling import Schedule, parse_time
from revise.scheduling.fit_items import LoggedAnswer
from revise.scheduling.optimize import Fit, Stage, fit_group, group_items
from revise.scheduling.replay import replayed, with_memory

Histories = dict[int, list[LoggedAnswer]]


@dataclass(frozen=True)
class GroupFit:
    """One group's fit: deck None is the whole collection (the global parameters)."""

    deck: str | None
    fit: Fit

    def to_json(self) -> dict:
        """The fit's JSON, with the deck it was for."""
        return {"deck": self.deck, **self.fit.to_json()}


@dataclass(frozen=True)
class Optimized:
    """What `revise optimize` did: each group's fit, the cards changed, where parameters were saved."""

    groups: tuple[GroupFit, ...]
    recomputed: int  # cards whose memory state was recomputed with new parameters
    rescheduled: int  # cards whose due date moved (--reschedule)
    config: Path


def optimize(db: Database, config: Config, *, deck: str | None = None, reschedule: bool = False,
             tz: tzinfo | None = None, stage: Stage = lambda name: None,
             advance: Callable[[int, int], None] = lambda done, total: None) -> Optimized:
    """Fit, save the parameters that predict better, and recompute memory states: all or nothing."""
    stage("Reading your review log")
    histories = answer_histories(scheduled_answers(db, deck))
    groups = tuple(GroupFit(name, _fit(db, config, name, histories if name == deck else None, tz, stage))
                   for name in ([deck] if deck is not None else [None, *(name for name, _ in config.decks)]))
    saved = {group.deck: group.fit.parameters for group in groups if group.fit.saved}
    path = config.path or config_path()
    if not saved and not reschedule:
        return Optimized(groups, 0, 0, path)
    # With nothing better to save, --reschedule still moves due dates to what the parameters in effect
    # give: after a run that saved them and kept due dates, that is what the learner asks for.
    text = with_parameters(path, saved) if saved else None
    after = config_from_text(text, path) if text is not None else config
    schedules = changed_schedules(db, config, after, histories, deck, reschedule, advance)
    save_together(db, {card_id: schedule.to_row() for card_id, (schedule, _) in schedules.items()}, path, text)
    return Optimized(groups, len(schedules), sum(moved for _, moved in schedules.values()), path)


def save_together(db: Database, schedules: dict[int, dict], path: Path, text: str | None) -> None:
    """Write the cards' new schedules and config.toml (unless `text` is None) as one change: when
    either fails, neither is made."""
    if text is None:
        with writing(db):
            save_schedules(db, schedules)
        return
    try:
        _save_then_replace(db, schedules, path, text)
    except ReviseError as exc:
        raise ReviseError(f"{exc}. Nothing was changed: config.toml and the cards are as they were. "
                          "Make the file and its folder writable, then run `revise optimize` again.") from exc


def _save_then_replace(db: Database, schedules: dict[int, dict], path: Path, text: str) -> None:
    # config.toml is written beside the old one first (a full disk or a read-only folder fails there),
    # the schedules are committed, then the file is moved into place. Killed between the last two, the
    # old parameters stay and a re-run fits and saves them again; the other way round (new parameters
    # beside old memory states), a re-run would find nothing better to save and keep stale schedules.
    previous = {row["id"]: Schedule.from_row(row).to_row() for row in card_schedules(db) if row["id"] in schedules}
    committed = False
    try:
        with config_replaced(path, text):
            with writing(db):
                save_schedules(db, schedules)
            committed = True
    except ReviseError:
        if committed:  # the file could not be moved into place: the schedules go back as they were
            with writing(db):
                save_schedules(db, previous)
        raise


def _fit(db: Database, config: Config, deck: str | None, histories: Histories | None, tz: tzinfo | None,
         stage: Stage) -> Fit:
    """The fit of deck `deck`'s cards (every card for None) with the parameters that apply to it now."""
    if histories is None:
        histories = answer_histories(scheduled_answers(db, deck))
    items, cards = group_items(histories, config.default.day_start_hour, tz)
    current = (config.for_deck(deck) if deck is not None else config.default).parameters
    return fit_group(items, cards, current, (lambda name: stage(f"{name} (deck {deck})")) if deck else stage)


def answer_histories(rows: list[tuple]) -> Histories:
    """`scheduled_answers` rows → card id → its answers in time order."""
    histories: Histories = {}
    for card_id, reviewed_at, rating, state, duration in rows:
        histories.setdefault(card_id, []).append(LoggedAnswer(parse_time(reviewed_at), rating, state, duration))
    return histories


def changed_schedules(db: Database, before: Config, after: Config, histories: Histories, deck: str | None,
                      reschedule: bool, advance: Callable[[int, int], None]) -> dict[int, tuple[Schedule, bool]]:
    """card id → (its schedule with the memory state its answers give under `after`, whether its due
    moved), for every card of `deck` whose parameters differ between the two configs (every card of
    `deck` when they are the same config)."""
    rows = [row for row in card_schedules(db, deck)
            if after is before or after.for_deck(row["deck"]).parameters != before.for_deck(row["deck"]).parameters]
    changed: dict[int, tuple[Schedule, bool]] = {}
    for done, row in enumerate(rows, 1):
        current = Schedule.from_row(row)
        replay = replayed(row["id"], histories.get(row["id"], []), after.for_deck(row["deck"]))
        if replay is not None and current.state != "new":
            schedule = with_memory(current, replay, reschedule)
            changed[row["id"]] = (schedule, schedule.due != current.due)
        advance(done, len(rows))
    return changed
