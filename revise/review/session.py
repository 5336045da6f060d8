"""The review loop: next card → show (typed answer) → reveal → grade → store; undo, bury, suspend, edit.
It takes a rich Console, a key source and a clock, so tests need no terminal and no real time."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any

from rich.console import Console
from rich.text import Text
from sqlite_utils import Database

from revise import collection, scheduling
from revise.config import Config
from revise.review.answers import Step, save_cram, save_review
from revise.review.checking import Comparison, compare, expected_answer
from revise.review.display import AltScreen, Display
from revise.review.editor import default_editor
from revise.review.line_editor import read_typed_answer
from revise.review.images import session_protocol
from revise.review.queue import SessionQueue, load_queue, queue_card
from revise.review.selection import Selection, check_selection
from revise.review.steps import SessionSteps
from revise.review.summary import Summary
from revise.review.terminal import REDRAW, KeySource, interrupts_held
from revise.scheduling import Answer, Schedule

Clock = Callable[[], datetime]

REVEAL_KEYS = {" ", "\n", "\r", ""}
GRADE_KEYS = {"1": 1, "2": 2, "3": 3, "4": 4}
ACCEPT_KEYS = {"\n", "\r", ""}  # Enter (an empty line from a pipe) takes a typed answer's suggested grade
QUIT = "quit"  # what a step returns to end the session
WAIT_REFRESH = 30.0  # seconds between redraws of the "next learning card due in …" countdown


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(timezone.utc)


class Session(SessionSteps):
    """One review session over the collection `db`; `type_answers` (--type) asks to type every answer
    that can be typed, as a deck's `type_answers` setting does for its cards; `screen` is the terminal's
    alternate screen, shared with the key source that leaves it on Ctrl-Z."""

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
        type_answers: bool = False,
        screen: AltScreen | None = None,
    ) -> None:
        self.db, self.console, self.keys = db, console, keys
        self.config, self.selection, self.clock, self.tz = config, selection, clock, tz
        self.edit, self.sync, self.type_answers = edit, sync, type_answers
        self.summary = Summary()
        self.undo_stack: list[Step] = []
        self.queue = SessionQueue()  # today's cards, loaded when the session starts
        self.display = Display(console, selection.cram, screen, session_protocol(console, keys))

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
        self.queue = load_queue(self.db, self.selection, self.config, started, self.tz)
        interrupted = None
        if not (self.queue.main or self.queue.learning):
            self.console.print("Nothing to review now.")
        else:
            interrupted = self._loop()
        self._finish(started)
        if interrupted is not None:
            raise interrupted  # after the summary: exit code 130 still says the session was interrupted
        return self.summary

    def _loop(self) -> KeyboardInterrupt | None:
        """The cards, on the alternate screen in a terminal, until q or the end; Ctrl-C (or SIGTERM),
        returned, ends the session with its summary as q does."""
        with self.display.session_screen():
            try:
                while self._step() != QUIT:
                    pass
            except EOFError:
                pass
            except KeyboardInterrupt as interruption:
                return interruption
        return None

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

    def _step(self) -> str | None:
        now = self.clock()
        card_id = self.queue.next_card(now)
        if card_id is not None:
            return self._review(card_id)
        return self._wait_for_learning(now)

    def _wait_for_learning(self, now: datetime) -> str | None:
        """Only learning cards left: wait for the next one if it is due within 20 minutes."""
        learning = self.queue.learning
        if not learning:
            return QUIT
        next_due = min(learning.values())
        if next_due - now > scheduling.LEARN_AHEAD:
            self.summary.learning_later = len(learning)
            return QUIT
        local = next_due.astimezone(self.tz).strftime("%H:%M")
        self.display.waiting(
            f"{self.summary.answered} done; {len(learning)} learning left. "
            f"Next learning card due in {_remaining(next_due - now)} (at {local}).\n"
            "Waiting for it: q quits, u undoes."
        )
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
        row = self._card_to_show(card_id)
        if row is None:
            return None
        shown = self.clock()
        revealed, previews, comparison = False, None, None
        if (expected := self._to_type(row)) is not None:
            typed = self._read_typed(row)
            comparison = None if typed is None else compare(typed, expected)  # Esc: revealed as usual
            revealed, previews = True, self._previews(row)
        self._show(row, revealed=revealed, previews=previews, comparison=comparison)
        while True:
            key = self.keys(None)
            if key is None:
                continue
            if key == REDRAW:  # resized, or back from Ctrl-Z: the screen is gone or the wrong width
                self._show(row, revealed=revealed, previews=previews, comparison=comparison)
            if key == "q":
                return QUIT
            if key in REVEAL_KEYS and not revealed:
                revealed, previews = True, self._previews(row)
                self._show(row, revealed=True, previews=previews)
            elif revealed and (key in GRADE_KEYS or (comparison and key in ACCEPT_KEYS)):
                with interrupts_held():  # the answer is saved and counted, or neither
                    self._answer(row, GRADE_KEYS.get(key) or comparison.grade, shown)
                return None
            elif key == "o":
                self._open_images(row, revealed=revealed, previews=previews)
            elif key in ("u", "b", "s", "e"):
                return self._command(key, row)

    def _to_type(self, row: dict) -> str | None:
        """The answer to type, if answers are typed for this card (--type, its deck's `type_answers`)
        and it has a short one."""
        if self.type_answers or self.config.for_deck(row["deck"]).type_answers:
            return expected_answer(row)
        return None

    def _read_typed(self, row: dict) -> str | None:
        """The answer the learner types under the question (None: Esc, reveal without typing)."""
        def question() -> None:
            self._show(row, revealed=False, typing=True)

        question()
        return read_typed_answer(self.keys, self.display.typed, question)

    def _card_to_show(self, card_id: int) -> dict | None:
        """The card's row, or None (and out of the queue) if it was edited away, or suspended meanwhile."""
        row = collection.review_card(self.db, card_id)
        if row is None or row["retired"] or (row["suspended"] and not self.selection.cram):
            if row is not None and row["retired"]:
                self.display.notify(f"Card {card_id} is no longer in its note (edited away): skipped.", "yellow")
            self.queue.remove(card_id)
            return None
        return row

    def _command(self, key: str, row: dict) -> str | None:
        with interrupts_held():
            if key == "u":
                self.queue.put_back()  # shown again after the undone card, or, if it is the undone card, only once
                self._undo()
            elif key == "b":
                self._set_aside(row, buried=True)
            elif key == "s":
                self._set_aside(row, buried=False)
        if key == "e":
            self._edit(row)
        return None

    def _show(self, row: dict, *, revealed: bool, previews: dict[int, Answer] | None = None,
              typing: bool = False, comparison: Comparison | None = None) -> None:
        counts = self.queue.counts(row["id"], row["state"], self.clock()) | {"done": self.summary.answered}
        self.display.card(row, revealed=revealed, previews=previews, counts=counts, typing=typing, comparison=comparison)

    def _previews(self, row: dict) -> dict[int, Answer] | None:
        if self.selection.cram:
            return None
        return scheduling.preview(row["id"], Schedule.from_row(row), self.clock(), self.config.for_deck(row["deck"]))

    # --- what the keys do -------------------------------------------------------------------

    def _answer(self, row: dict, rating: int, shown: datetime) -> None:
        """Grade, commit (one transaction), then queue the card again if it is still learning today."""
        now = self.clock()
        duration = scheduling.answer_duration_ms(shown, now)
        if self.selection.cram:
            step = save_cram(self.db, row, rating, now, duration)
            if rating == 1:  # Again: see it once more, a few cards later
                self.queue.again_later(queue_card(row))
        else:
            step = self._save_review(row, rating, now, duration)
        self.undo_stack.append(step)
        self.summary.answered += 1
        self.summary.again += rating == 1

    def _save_review(self, row: dict, rating: int, now: datetime, duration: int) -> Step:
        """Save the answer; its siblings leave today's queue and a learning card comes back today."""
        settings = self.config.for_deck(row["deck"])
        result, step = save_review(self.db, row, rating, now, duration, settings, self._day_end(now))
        step.unqueued = self.queue.take_off(step.siblings)
        self.queue.keep_learning(row["id"], result.after, self._day_end(self.clock()))
        if result.leech:
            self._tell_leech(row, settings.leech_action)
        return step

    # --- the end ----------------------------------------------------------------------------

    def _finish(self, started: datetime) -> None:
        """Count what is left for today, tomorrow and among the new cards, then print the summary."""
        now = self.clock()
        # the answers' own time, as stats counts it: not the session's wall clock, which adds waits, undone answers and idling
        self.summary.seconds = scheduling.time_spent(step.duration_ms for step in self.undo_stack if step.revlog_id is not None)
        today_end = self._day_end(now)
        tomorrow_end = self._day_end(today_end)  # not + 24 h: a day may have 23 or 25
        # The session's own cards: what else is due in other decks is not this selection's business
        filters = self.selection.filters()
        due = {end: collection.count_due_before(self.db, scheduling.format_time(end), **filters)
               for end in (today_end, tomorrow_end)}
        self.summary.still_due_today = due[today_end]
        self.summary.due_tomorrow = due[tomorrow_end] - due[today_end]
        if self.config.decks:  # the decks of the new cards say whether an override's limits apply
            new_by_deck = collection.new_cards_by_deck(self.db, **filters)
            self.summary.new_left, new_decks = sum(new_by_deck.values()), list(new_by_deck)
        else:  # a count is cheaper than grouping 100k new cards by deck
            self.summary.new_left, new_decks = collection.count_new_cards(self.db, **filters), []
        self.summary.new_per_day = self._new_per_day(new_decks)
        self.summary.cards = len({step.card_id for step in self.undo_stack if step.revlog_id is not None})
        self.display.summary(self.summary)

    def _new_per_day(self, new_decks: list[str]) -> int | None:
        """The new cards a day the selection gets (--new, else new_per_day); None if some of its new
        cards (in `new_decks`) are in a deck override, which has limits of its own."""
        if any(scheduling.limit_group(self.config, deck) for deck in new_decks):
            return None
        return self.config.default.new_per_day if self.selection.new_limit is None else self.selection.new_limit

    def _day_end(self, now: datetime) -> datetime:
        """When the study day `now` is in ends: buried cards come back then."""
        return scheduling.next_day_start(now, self.config.default.day_start_hour, self.tz)


def _remaining(wait: timedelta) -> str:
    """The wait for the next learning card: `25s` under a minute, else as intervals are shown (`10m`)."""
    seconds = wait.total_seconds()
    return f"{max(1, math.ceil(seconds))}s" if seconds < 60 else scheduling.format_interval(wait)

