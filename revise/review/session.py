"""The review loop: next card → show → reveal → grade → store; undo, bury, suspend, edit.

Takes a rich Console, a key source and a clock, so tests need no terminal and no real time.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text
from sqlite_utils import Database

from revise import collection, scheduling
from revise.config import Config
from revise.errors import ReviseError
from revise.notes import tag_name
from revise.render import make_inert
from revise.scheduling import Answer, QueueCard, Schedule
from revise.review.screen import Leech, Summary, answer_part, card_screen, summary_text

# A key source: called with a timeout in seconds (None waits for ever), returns one key, or None
# when the timeout passed first; raises EOFError when input has ended.
KeySource = Callable[[float | None], str | None]
Clock = Callable[[], datetime]

REVEAL_KEYS = {" ", "\n", "\r", ""}
GRADE_KEYS = {"1": 1, "2": 2, "3": 3, "4": 4}
MAX_ANSWER_MS = 60_000  # like Anki: a card left on screen longer counts as one minute
QUIT = "quit"
REDRAW = "redraw"  # a pseudo-key from TerminalKeys: the terminal was resized, or the session resumed after Ctrl-Z
WAIT_REFRESH = 30.0  # seconds between redraws of the "next learning card due in …" countdown


@dataclass(frozen=True)
class Selection:
    """Which cards a session draws from, and its limits."""

    decks: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    cram: bool = False
    limit: int | None = None
    new_limit: int | None = None

    @classmethod
    def from_options(cls, decks: list[str], tags: list[str], paths: list[str], **limits: Any) -> Selection:
        """The selection of `revise review`'s options: `--tag '#relu'` is written as in the notes."""
        return cls(decks=tuple(decks), tags=tuple(tag_name(t) for t in tags), paths=tuple(paths), **limits)


@dataclass
class _Undo:
    """One step the `u` key can take back."""

    card_id: int
    revlog_id: int | None = None  # an answer (restored from revlog.previous)
    previous: dict | None = None  # a bury or suspend (the schedule before)
    siblings: dict[int, str | None] = field(default_factory=dict)
    note_tags: tuple[int, str] | None = None
    again: bool = False
    unqueued: list[QueueCard] = field(default_factory=list)  # buried siblings taken off the queue
    leech: bool = False  # the answer made the card a leech: undoing it takes it off the summary's list


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(timezone.utc)


def editor_command(editor: str, path: str, line: int) -> list[str]:
    """The command that opens `path` at `line`: `EDITOR +LINE FILE` (vi, vim, nano, emacs, micro, kak),
    or `EDITOR --wait -g FILE:LINE` for VS Code (code, codium) and `EDITOR --wait FILE:LINE` for subl."""
    import shlex

    words = shlex.split(editor) or ["vi"]
    name = Path(words[0]).name
    wait = [] if {"-w", "--wait"} & set(words) else ["--wait"]
    if name in ("code", "codium", "code-insiders", "code-oss"):
        return [*words, *wait, "-g", f"{path}:{line}"]
    if name == "subl":
        return [*words, *wait, f"{path}:{line}"]
    return [*words, f"+{line}", path]


def default_editor(path: str, line: int) -> None:
    """Open the card's file at its line in $VISUAL, else $EDITOR, else vi; return when it closes."""
    import subprocess

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        subprocess.run(editor_command(editor, path, line), check=False)
    except OSError as exc:
        raise ReviseError(f"cannot run the editor '{editor}' ({exc}). Set $EDITOR to an editor command.") from exc


def check_selection(db: Database, selection: Selection) -> None:
    """Raise ReviseError if a --deck, --tag or PATH of `selection` names no card, or they have none in common."""
    for deck in selection.decks:
        if not collection.has_cards(db, decks=(deck,)):
            raise ReviseError(f"no cards in deck '{deck}'{_hint(deck, _deck_names(db), 'Decks')}")
    for tag in selection.tags:
        if not collection.has_cards(db, tags=(tag,)):
            raise ReviseError(f"no cards tagged '{tag}'{_hint(tag, collection.tag_names(db), 'Tags')}")
    for path in selection.paths:
        if not collection.has_cards(db, paths=(path,)):
            raise ReviseError(f"no cards in {path}. Cards are written as in the README (Q:/A:, ::, {{{{c1::…}}}}, …).")
    if not collection.has_cards(db, decks=selection.decks, tags=selection.tags, paths=selection.paths):
        raise ReviseError(f"no card is {_described(selection)}. Each alone has cards: choose fewer.")


def _deck_names(db: Database) -> list[str]:
    """Every deck and parent deck (`a::b` makes `a` a deck too): what --deck accepts."""
    names = set()
    for deck in collection.deck_names(db):
        parts = deck.split("::")
        names.update("::".join(parts[: i + 1]) for i in range(len(parts)))
    return sorted(names)


def _hint(wanted: str, names: list[str], kind: str) -> str:
    """`. Did you mean 'X'?` for a near name (names are case-sensitive), else `. Decks: A, B.`."""
    import difflib

    lower = {name.lower(): name for name in names}
    near = [name for name in names if wanted.lower() == name.lower()]
    near += sorted((name for name in names if wanted.lower() in name.lower() and name not in near), key=len)
    near += [lower[n] for n in difflib.get_close_matches(wanted.lower(), list(lower), n=3) if lower[n] not in near]
    if near:
        case = " (names are case-sensitive)" if near[0].lower() == wanted.lower() else ""
        return f"{case}. Did you mean {' or '.join(repr(name) for name in near[:3])}?"
    top = sorted({name.split("::")[0] for name in names})
    shown = ", ".join(top[:8]) + (", …" if len(top) > 8 else "")
    return f". {kind}: {shown}." if top else "."


def _described(selection: Selection) -> str:
    """`in deck 'a' and tagged 'x' or 'y'`: what a selection asks for."""
    def either(values: tuple[str, ...]) -> str:
        return " or ".join(f"'{value}'" for value in values)

    parts = [f"in deck {either(selection.decks)}" if selection.decks else "",
             f"tagged {either(selection.tags)}" if selection.tags else "",
             f"from {either(selection.paths)}" if selection.paths else ""]
    return " and ".join(part for part in parts if part)


def change_schedules(db: Database, ids: list[int], change: Callable[[Schedule], Schedule]) -> None:
    """Apply `change` to the schedule of every card in `ids`, all or none (suspend, unsuspend, forget)."""
    missing = collection.missing_card_ids(db, ids)
    if missing:
        raise ReviseError(f"no card with id {missing[0]}")
    with db.atomic():
        for card_id in ids:
            schedule = Schedule.from_row(collection.review_card(db, card_id))
            collection.set_schedule(db, card_id, change(schedule).to_row())


class Session:
    """One review session over the collection `db`."""

    def __init__(
        self,
        db: Database,
        console: Console,
        keys: KeySource,
        *,
        config: Config,
        selection: Selection = Selection(),
        clock: Clock = utc_now,
        tz: tzinfo | None = None,
        edit: Callable[[str, int], None] = default_editor,
        sync: Callable[[list[str]], Any] | None = None,
    ) -> None:
        self.db, self.console, self.keys = db, console, keys
        self.config, self.selection, self.clock, self.tz = config, selection, clock, tz
        self.edit, self.sync = edit, sync
        self.summary = Summary()
        self.undo_stack: list[_Undo] = []
        self.front: list[QueueCard] = []  # cards to show next, last first (an undone card), each once
        self.came_from: tuple[str, QueueCard | None] = ("", None)  # where the card on screen was taken from
        self.learning: dict[int, datetime] = {}  # learning cards of today → due
        self.main: list[QueueCard] = []
        # Messages (undone, buried, a leech, an editor error) for the next screen: in a terminal each
        # screen clears the last, so they are drawn on it; elsewhere they are printed at once.
        self.notices: list[Text] = []
        self.screen_notices: list[Text] = []  # those the card on screen shows
        self.screen_card: int | None = None  # the card they are shown with
        self.drawn = False  # a card or waiting screen was drawn (in a terminal, the summary clears it)

    # --- the loop ---------------------------------------------------------------------------

    def run(self, *, wait_first: str | None = None) -> Summary:
        """Review until the queue is empty, the input ends, or `q`; returns the summary.

        `wait_first`: a line (sync warnings were printed above) after which a terminal waits for a key
        before the first card's screen clears them; `q` then ends the session at once."""
        if wait_first and self.console.is_terminal and not self._start_after(wait_first):
            return self.summary
        if not collection.has_cards(self.db) and not self.selection.paths:
            self.console.print("No cards yet: import your notes with `revise import PATH`.")
            return self.summary
        check_selection(self.db, self.selection)
        started = self.clock()
        self._load_queue(started)
        if not (self.main or self.learning):
            self.console.print("Nothing to review now.")
        try:
            while self._step() != QUIT:
                pass
        except EOFError:
            pass
        self._finish(started)
        return self.summary

    def _start_after(self, message: str) -> bool:
        """Show `message` and wait for a key: False if it was q (or the input ended)."""
        self.console.print(Text(f"{message} Press a key to start reviewing, q to quit.", style="bold"))
        try:
            key = REDRAW
            while key in (REDRAW, None):  # a resize is not an answer
                key = self.keys(None)
            return key != "q"
        except EOFError:
            return False

    def _notify(self, message: str, style: str = "") -> None:
        """Tell the learner something: on the next screen in a terminal, printed at once elsewhere."""
        text = Text(make_inert(message), style=style)
        if self.console.is_terminal:
            self.notices.append(text)
        else:
            self.console.print(text)

    def _step(self) -> str | None:
        now = self.clock()
        card_id = self._next_card(now)
        if card_id is not None:
            return self._review(card_id)
        return self._wait_for_learning(now)

    def _load_queue(self, now: datetime) -> None:
        hour = self.config.default.day_start_hour
        day_start, day_end = scheduling.day_bounds(scheduling.study_day(now, hour, self.tz), hour, self.tz)
        rows = collection.review_cards(
            self.db, **self._filters(), due_before=None if self.selection.cram else scheduling.format_time(day_end)
        )
        cards = [_queue_card(row) for row in rows]
        if self.selection.cram:
            self.main = cards[: self.selection.limit]
            return
        start, end = scheduling.format_time(day_start), scheduling.format_time(day_end)
        new_today = 0
        if self.selection.new_limit is not None:  # --new counts the selection's new cards of today
            new_today = collection.new_cards_answered_between(self.db, start, end, **self._filters())
        queue = scheduling.build_queue(
            cards, now, self.config, collection.answers_between(self.db, start, end), tz=self.tz,
            new_limit=self.selection.new_limit, new_today=new_today, limit=self.selection.limit,
        )
        self.main = queue.main
        self.learning = {c.id: c.schedule.due for c in queue.learning}

    def _filters(self) -> dict[str, tuple[str, ...]]:
        """The selection's decks, tags and paths, as the store's queries take them."""
        return {"decks": self.selection.decks, "tags": self.selection.tags, "paths": self.selection.paths}

    def _next_card(self, now: datetime) -> int | None:
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

    def _put_back(self) -> None:
        """Return the card on screen to where it was taken from: it is still due, just not next."""
        origin, card = self.came_from
        if origin == "front":
            self._push_front(card)
        elif origin == "main":
            self.main.insert(0, card)

    def _push_front(self, card: QueueCard) -> None:
        """Show `card` next; front holds each card once, so it cannot come back twice."""
        self.front = [c for c in self.front if c.id != card.id]
        self.front.append(card)

    def _wait_for_learning(self, now: datetime) -> str | None:
        """Only learning cards left: wait for the next one if it is due within 20 minutes."""
        if not self.learning:
            return QUIT
        next_due = min(self.learning.values())
        if next_due - now > scheduling.LEARN_AHEAD:
            self.summary.learning_later = len(self.learning)
            return QUIT
        local = next_due.astimezone(self.tz).strftime("%H:%M")
        if self.console.is_terminal:
            self.console.clear()
            self.drawn = True
        self.console.print(
            f"{self.summary.answered} done; {len(self.learning)} learning left. "
            f"Next learning card due in {_remaining(next_due - now)} (at {local}).\n"
            "Waiting for it: q quits, u undoes."
        )
        for notice in self.notices:  # kept for the next card's screen too: the learner may have stepped away
            self.console.print(notice)
        # Wake at least every WAIT_REFRESH seconds to redraw the countdown; a REDRAW key redraws too.
        key = self.keys(min(WAIT_REFRESH, max(0.0, (next_due - now).total_seconds())))
        if key == "q":
            return QUIT
        if key == "u":
            self._undo()
        return None

    # --- one card ---------------------------------------------------------------------------

    def _review(self, card_id: int) -> str | None:
        """Show one card until it is graded, buried, suspended, undone or the session quits."""
        row = collection.review_card(self.db, card_id)
        if row is None or row["retired"] or (row["suspended"] and not self.selection.cram):
            if row is not None and row["retired"]:
                self._notify(f"Card {card_id} is no longer in its note (edited away): skipped.", "yellow")
            self._forget_card(card_id)
            return None
        shown = self.clock()
        self._show(row, revealed=False)
        revealed, previews = False, None
        while True:
            key = self.keys(None)
            if key is None:
                continue
            if key == REDRAW:  # resized, or back from Ctrl-Z: the screen is gone or the wrong width
                self._show(row, revealed=revealed, previews=previews)
            if key == "q":
                return QUIT
            if key in REVEAL_KEYS and not revealed:
                revealed, previews = True, self._previews(row)
                self._show(row, revealed=True, previews=previews)
            elif key in GRADE_KEYS and revealed:
                self._answer(row, GRADE_KEYS[key], shown)
                return None
            elif key in ("u", "b", "s", "e"):
                return self._command(key, row)

    def _command(self, key: str, row: dict) -> str | None:
        if key == "u":
            self._put_back()  # shown again after the undone card, or, if it is the undone card, only once
            self._undo()
        elif key == "b":
            self._set_aside(row, buried=True)
        elif key == "s":
            self._set_aside(row, buried=False)
        elif key == "e":
            self._edit(row)
        return None

    def _previews(self, row: dict) -> dict[int, Answer] | None:
        if self.selection.cram:
            return None
        return scheduling.preview(row["id"], Schedule.from_row(row), self.clock(), self.config.for_deck(row["deck"]))

    def _answer(self, row: dict, rating: int, shown: datetime) -> None:
        """Grade, commit (one transaction), then queue the card again if it is still learning today."""
        now = self.clock()
        duration = min(MAX_ANSWER_MS, int((now - shown).total_seconds() * 1000))
        if self.selection.cram:
            step = self._save_cram(row, rating, now, duration)
        else:
            step = self._save_answer(row, rating, now, duration)
        self.undo_stack.append(step)
        self.summary.answered += 1
        self.summary.again += rating == 1

    def _save_answer(self, row: dict, rating: int, now: datetime, duration: int) -> _Undo:
        settings = self.config.for_deck(row["deck"])
        result = scheduling.answer(row["id"], Schedule.from_row(row), rating, now, settings)
        siblings = self._siblings_to_bury(row["id"])
        until = scheduling.format_time(self._day_end(now))
        note_tags = _leech_tags(row) if result.leech else None
        revlog_id = collection.save_answer(
            self.db, row["id"], result.after.to_row(), _log(row, result, now, duration, "review"),
            bury=(list(siblings), until), note_tags=note_tags,
        )
        unqueued = self._after_answer(row["id"], result.after, siblings)
        if result.leech:
            self._tell_leech(row, settings.leech_action)
        old_tags = (row["note_id"], row["tags"]) if note_tags else None
        return _Undo(row["id"], revlog_id, siblings=siblings, note_tags=old_tags, again=rating == 1, unqueued=unqueued,
                     leech=result.leech)

    def _save_cram(self, row: dict, rating: int, now: datetime, duration: int) -> _Undo:
        """Cram: log the answer (kind 'cram', not counted by stats) and leave the schedule alone."""
        schedule = Schedule.from_row(row)
        result = Answer(rating, schedule, schedule, timedelta(0))
        log = _log(row, result, now, duration, "cram") | {"interval_days": None}
        revlog_id = collection.save_answer(self.db, row["id"], schedule.to_row(), log)
        if rating == 1:  # Again: see it once more, a few cards later
            self.main.insert(min(3, len(self.main)), _queue_card(row))
        return _Undo(row["id"], revlog_id, again=rating == 1)

    def _siblings_to_bury(self, card_id: int) -> dict[int, str | None]:
        """Siblings that are new or in review: buried until tomorrow (their buried_until before)."""
        siblings = collection.sibling_cards(self.db, card_id)
        return {s["id"]: s["buried_until"] for s in siblings if s["state"] in ("new", "review")}

    def _after_answer(self, card_id: int, after: Schedule, siblings: dict[int, Any]) -> list[QueueCard]:
        """Take buried siblings off the queue (returned, for undo); keep learning cards coming back."""
        unqueued = [c for c in self.main if c.id in siblings]
        self.main = [c for c in self.main if c.id not in siblings]
        day_end = self._day_end(self.clock())
        if after.state in ("learning", "relearning") and not after.suspended and after.due < day_end:
            self.learning[card_id] = after.due
        else:
            self.learning.pop(card_id, None)
        return unqueued

    def _tell_leech(self, row: dict, action: str) -> None:
        self.summary.leeches.append(Leech(row["id"], _location(row), action == "suspend"))
        what = "suspended it" if action == "suspend" else "kept it in the queue"
        self._notify(
            f"Card {row['id']} is a leech ({row['lapses'] + 1} lapses): tagged 'leech' and {what}. "
            f"Consider rewriting it in {_location(row)}.",
            "bold yellow",
        )

    def _set_aside(self, row: dict, *, buried: bool) -> None:
        """Bury until the next study day, or suspend; both can be undone."""
        schedule = Schedule.from_row(row)
        if buried:
            until = self._day_end(self.clock())
            changed = replace(schedule, buried_until=until)
        else:
            changed = replace(schedule, suspended=True)
        collection.set_schedule(self.db, row["id"], changed.to_row())
        self.undo_stack.append(_Undo(row["id"], previous=schedule.to_row()))
        self._forget_card(row["id"])
        if buried:
            self._notify(f"Buried until {_when(self._day_end(self.clock()), self.clock(), self.tz)}: card {row['id']}.")
        else:
            self._notify(f"Suspended: card {row['id']}.")

    def _day_end(self, now: datetime) -> datetime:
        """When the study day `now` is in ends: buried cards come back then."""
        return scheduling.next_day_start(now, self.config.default.day_start_hour, self.tz)

    def _forget_card(self, card_id: int) -> None:
        """Take a card out of this session's queues."""
        self.learning.pop(card_id, None)
        self.main = [c for c in self.main if c.id != card_id]
        self.front = [c for c in self.front if c.id != card_id]

    def _undo(self) -> None:
        """Take back the last answer, bury or suspend; the card is shown again next."""
        if not self.undo_stack:
            self._notify("Nothing to undo.")
            return
        step = self.undo_stack.pop()
        if step.revlog_id is not None:
            collection.undo_answer(self.db, step.revlog_id, siblings=step.siblings, note_tags=step.note_tags)
            self.summary.answered -= 1
            self.summary.again -= step.again
            if step.leech:
                self.summary.leeches = [leech for leech in self.summary.leeches if leech.card_id != step.card_id]
            self.main[:0] = step.unqueued
        else:
            collection.set_schedule(self.db, step.card_id, step.previous)
        self._forget_card(step.card_id)
        self._push_front(_queue_card(collection.review_card(self.db, step.card_id)))
        self._notify(f"Undone: card {step.card_id}.")

    def _edit(self, row: dict) -> None:
        """Open the card's file at its line in the editor, re-sync that file, show the card again."""
        if not row["source"]:
            self._notify("This card has no source file to edit.", "yellow")
        else:
            try:
                self.edit(row["source"], row["line"] or 1)
            except ReviseError as exc:  # a missing editor should not end the session
                self._notify(f"Error: {exc}", "bold red")
            if self.sync is not None:
                self._tell_sync_problems(self.sync([row["source"]]))
        self._push_front(_queue_card(row))

    def _tell_sync_problems(self, report: Any) -> None:
        """The warnings and errors of re-reading an edited file (a `Q:` left without its `A:`, say)."""
        for error in getattr(report, "errors", []):
            self._notify(f"Error: {error.file}: {error.message}", "bold red")
        for warning in getattr(report, "warnings", []):
            self._notify(f"Warning: {warning.file}:{warning.line}: {warning.message}", "yellow")

    # --- the screen ---------------------------------------------------------------------------

    def _show(self, row: dict, *, revealed: bool, previews: dict[int, Answer] | None = None) -> None:
        """Draw the card; on a terminal the screen is cleared, elsewhere only what is new is printed."""
        counts = self._counts(row)
        if self.console.is_terminal:
            if not revealed:
                self._take_notices(row["id"])
            self.console.clear()
            self.drawn = True
            self.console.print(card_screen(
                row, revealed=revealed, previews=previews, counts=counts, cram=self.selection.cram,
                notices=self.screen_notices, height=self.console.height - 1,  # the cursor's line stays free
            ))
        elif not revealed:
            self.console.print(card_screen(row, revealed=False, counts=counts, cram=self.selection.cram))
        else:
            self.console.print(answer_part(row, previews=previews, counts=counts))

    def _take_notices(self, card_id: int) -> None:
        """The messages since the last screen go on this card's; the same card shown again (after `e`,
        say) keeps those it had, so a leech notice is not wiped by an editor error."""
        if card_id != self.screen_card:
            self.screen_notices, self.screen_card = [], card_id
        self.screen_notices, self.notices = self.screen_notices + self.notices, []

    def _counts(self, row: dict) -> dict[str, int]:
        """Cards left by kind, the card on screen included, and progress.

        Learning cards count once due within the learn-ahead (as in Anki): one due hours later is not
        part of this sitting, and the session ends rather than wait for it."""
        soon = self.clock() + scheduling.LEARN_AHEAD
        states = {c.id: c.schedule.state for c in [*self.main, *self.front]}
        states |= {card_id: "learning" for card_id, due in self.learning.items() if due <= soon}
        states[row["id"]] = row["state"]
        states = {card_id: state.replace("relearning", "learning") for card_id, state in states.items()}
        counts = {name: sum(state == name for state in states.values()) for name in ("new", "learning", "review")}
        return counts | {"done": self.summary.answered, "left": len(states)}

    def _new_per_day(self, new_decks: list[str]) -> int | None:
        """The new cards a day the selection gets (--new, else new_per_day); None if some of its new
        cards (in `new_decks`) are in a deck override, which has limits of its own."""
        if any(scheduling.limit_group(self.config, deck) for deck in new_decks):
            return None
        return self.config.default.new_per_day if self.selection.new_limit is None else self.selection.new_limit

    def _finish(self, started: datetime) -> None:
        now = self.clock()
        self.summary.seconds = (now - started).total_seconds()
        today_end = self._day_end(now)
        tomorrow_end = self._day_end(today_end)  # not + 24 h: a day may have 23 or 25
        # The session's own cards: what else is due in other decks is not this selection's business
        due = {end: collection.count_due_before(self.db, scheduling.format_time(end), **self._filters())
               for end in (today_end, tomorrow_end)}
        self.summary.still_due_today = due[today_end]
        self.summary.due_tomorrow = due[tomorrow_end] - due[today_end]
        new_by_deck = collection.new_cards_by_deck(self.db, **self._filters())
        self.summary.new_left = sum(new_by_deck.values())
        self.summary.new_per_day = self._new_per_day(list(new_by_deck))
        self.summary.cards = len({step.card_id for step in self.undo_stack if step.revlog_id is not None})
        if self.console.is_terminal and self.drawn:
            self.console.clear()  # not the last card with its stale counts above the summary
        for notice in self.notices:  # told after the last screen: nothing clears them now
            self.console.print(notice)
        self.console.print(summary_text(self.summary, cram=self.selection.cram))


# --- pure helpers ---------------------------------------------------------------------------


def _remaining(wait: timedelta) -> str:
    """The wait for the next learning card: `25s` under a minute, else as intervals are shown (`10m`)."""
    seconds = wait.total_seconds()
    return f"{max(1, math.ceil(seconds))}s" if seconds < 60 else scheduling.format_interval(wait)


def _queue_card(row: dict) -> QueueCard:
    return QueueCard(
        id=row["id"], note_id=row["note_id"], deck=row["deck"], schedule=Schedule.from_row(row),
        note_order=(collection.reading_order(row["source"] or ""), row["position"] or 0, row["line"] or 0, row["ord"]),
    )


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


def _when(moment: datetime, now: datetime, tz: tzinfo | None) -> str:
    """`04:00 tomorrow`, `04:00 today` (before 4 am), else `04:00 Wed 4 Mar`: a local time said plainly."""
    local, today = moment.astimezone(tz), now.astimezone(tz).date()
    day = {today: "today", today + timedelta(days=1): "tomorrow"}.get(local.date())
    return f"{local:%H:%M} {day or f'{local:%a} {local.day} {local:%b}'}"


def _leech_tags(row: dict) -> tuple[int, str]:
    tags = json.loads(row["tags"] or "[]")
    return row["note_id"], json.dumps(tags if "leech" in tags else [*tags, "leech"], ensure_ascii=False)


def _location(row: dict) -> str:
    return f"{row['source']}:{row['line']}" if row["source"] else "its note"


# --- key sources ----------------------------------------------------------------------------


class TerminalKeys:
    """Single keypresses from a terminal in cbreak mode (restored on exit, even on Ctrl-C).

    For the length of the session it also handles job control and resizing: Ctrl-Z gives the shell
    back a normal terminal before stopping, `fg` (SIGCONT) re-enters cbreak mode, and both SIGCONT and
    SIGWINCH make the next call return REDRAW so the screen is drawn again. The old handlers come back
    on exit."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.saved: list | None = None
        self.wanted = False  # cbreak mode is ours: not while paused for the editor
        self.wake: tuple[int, int] | None = None  # a pipe the signal handlers write to
        self.old_handlers: dict[int, Any] = {}

    def __enter__(self) -> "TerminalKeys":
        import termios

        self.saved = termios.tcgetattr(self.fd)
        self._cbreak()
        self._install_handlers()
        return self

    def __exit__(self, *exc: object) -> None:
        self._remove_handlers()
        self._normal()

    def _cbreak(self) -> None:
        import tty

        tty.setcbreak(self.fd)  # keys arrive without Enter; Ctrl-C still raises KeyboardInterrupt
        self.wanted = True

    def _normal(self) -> None:
        import termios

        self.wanted = False
        if self.saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)

    def _install_handlers(self) -> None:
        import signal

        self.wake = os.pipe()
        os.set_blocking(self.wake[1], False)
        handlers = {signal.SIGTSTP: self._on_stop, signal.SIGCONT: self._on_continue, signal.SIGWINCH: self._on_resize}
        try:
            for signum, handler in handlers.items():
                self.old_handlers[signum] = signal.signal(signum, handler)
        except ValueError:  # not the main thread: no job control or resizing, keys still work
            self._remove_handlers()

    def _remove_handlers(self) -> None:
        import signal

        for signum, handler in self.old_handlers.items():
            signal.signal(signum, handler)
        self.old_handlers = {}
        if self.wake:
            for fd in self.wake:
                os.close(fd)
            self.wake = None

    def _on_stop(self, signum: int, frame: object) -> None:
        """Ctrl-Z: the shell gets the terminal as it was (icanon, echo), then the process stops for real."""
        import signal

        ours = self.wanted
        if ours:
            self._normal()
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP)  # stops here until `fg`
        signal.signal(signal.SIGTSTP, self._on_stop)
        if ours:
            self._continue()

    def _on_continue(self, signum: int, frame: object) -> None:
        if self.wanted:  # the shell may have set its own modes while we were stopped
            self._continue()

    def _continue(self) -> None:
        self._cbreak()
        self._redraw()

    def _on_resize(self, signum: int, frame: object) -> None:
        if self.wanted:
            self._redraw()

    def _redraw(self) -> None:
        if self.wake:
            try:
                os.write(self.wake[1], b"r")
            except BlockingIOError:  # the pipe is full: a redraw is already on its way
                pass

    def __call__(self, timeout: float | None = None) -> str | None:
        """One key: a character, REDRAW, or None if `timeout` seconds passed; Ctrl-D ends input."""
        ready = _ready([self.fd, *self.wake[:1]] if self.wake else [self.fd], timeout)
        if self.wake and self.wake[0] in ready:
            os.read(self.wake[0], 4096)
            return REDRAW
        if not ready:
            return None
        data = os.read(self.fd, 1)
        if data in (b"", b"\x04"):
            raise EOFError
        if data == b"\x1b" or data[0] >= 0xC0:  # an escape sequence or a multi-byte character
            while _readable(self.fd, 0.02):
                data += os.read(self.fd, 1)
        return data.decode("utf-8", "replace") if data[0] != 0x1B else "escape"

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Give the terminal back (normal mode) for the length of the block, e.g. for $EDITOR."""
        self._normal()
        try:
            yield
        finally:
            self._cbreak()


class LineKeys:
    """Keys from a stream that is not a terminal: each line is one key (an empty line reveals)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        try:
            self.fd: int | None = stream.fileno()
        except (AttributeError, OSError, ValueError):
            self.fd = None  # e.g. a StringIO: read lines, no timeout
        self.buffer = b""

    def __enter__(self) -> "LineKeys":
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def __call__(self, timeout: float | None = None) -> str | None:
        """The next line, stripped ('' reveals); None on timeout; EOFError at the end of input."""
        if self.fd is None:
            line = self.stream.readline()
            if not line:
                raise EOFError
            return line.strip()
        while b"\n" not in self.buffer:
            if not _readable(self.fd, timeout):
                return None
            chunk = os.read(self.fd, 4096)
            if not chunk:
                if not self.buffer:
                    raise EOFError
                self.buffer += b"\n"  # a last line without a newline still counts
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode("utf-8", "replace").strip()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Nothing to give back: the stream is not a terminal."""
        yield


def _readable(fd: int, timeout: float | None) -> bool:
    return bool(_ready([fd], timeout))


def _ready(fds: list[int], timeout: float | None) -> list[int]:
    """Those of `fds` that can be read, waiting at most `timeout` seconds (None: until one can)."""
    import select

    ready, _, _ = select.select(fds, [], [], timeout)
    return ready


def key_source(stream: Any) -> TerminalKeys | LineKeys:
    """Single keys from a terminal, else one key per line (use as a context manager)."""
    try:
        if stream.isatty():
            return TerminalKeys(stream.fileno())
    except (AttributeError, OSError, ValueError):
        pass
    return LineKeys(stream)
