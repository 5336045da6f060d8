"""The keys that change a session's course but answer nothing: bury, suspend, undo, edit and open images."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Any

from revise import collection
from revise.errors import ReviseError
from revise.review.answers import set_aside, take_back
from revise.review.queue import queue_card
from revise.review.summary import Leech
from revise.scheduling import Answer


class SessionSteps:
    """`b`, `s`, `u`, `e` and `o` of a Session, and telling a leech (a mixin: it uses the session's db,
    queue, display, summary and undo stack)."""

    def _tell_leech(self, row: dict, action: str) -> None:
        self.summary.leeches.append(Leech(row["id"], _location(row), action == "suspend"))
        what = "suspended it" if action == "suspend" else "kept it in the queue"
        self.display.notify(
            f"Card {row['id']} is a leech ({row['lapses'] + 1} lapses): tagged 'leech' and {what}. "
            f"Consider rewriting it in {_location(row)}.",
            "bold yellow",
        )

    def _set_aside(self, row: dict, *, buried: bool) -> None:
        """Bury until the next study day, or suspend; both can be undone."""
        until = self._day_end(self.clock()) if buried else None
        self.undo_stack.append(set_aside(self.db, row, until))
        self.queue.remove(row["id"])
        if buried:
            self.display.notify(f"Buried until {_when(self._day_end(self.clock()), self.clock(), self.tz)}: "
                                f"card {row['id']}.")
        else:
            self.display.notify(f"Suspended: card {row['id']}.")

    def _undo(self) -> None:
        """Take back the last answer, bury or suspend; the card is shown again next."""
        if not self.undo_stack:
            self.display.notify("Nothing to undo.")
            return
        step = self.undo_stack.pop()
        take_back(self.db, step)
        if step.revlog_id is not None:
            self.summary.answered -= 1
            self.summary.again -= step.again
            if step.leech:
                self.summary.leeches = [leech for leech in self.summary.leeches if leech.card_id != step.card_id]
            self.queue.restore(step.unqueued)
        self.queue.remove(step.card_id)
        self.queue.push_front(queue_card(collection.review_card(self.db, step.card_id)))
        self.display.notify(f"Undone: card {step.card_id}.")

    def _edit(self, row: dict) -> None:
        """Open the card's file at its line in the editor, re-sync that file, show the card again."""
        if not row["source"]:
            self.display.notify("This card has no source file to edit.", "yellow")
        else:
            try:
                self.edit(row["source"], row["line"] or 1)
            except ReviseError as exc:  # a missing editor should not end the session
                self.display.notify(f"Error: {exc}", "bold red")
            if self.sync is not None:
                self._tell_sync_problems(self.sync([row["source"]]))
        self.queue.push_front(queue_card(row))

    def _tell_sync_problems(self, report: Any) -> None:
        """The warnings and errors of re-reading an edited file (a `Q:` left without its `A:`, say)."""
        for error in getattr(report, "errors", []):
            self.display.notify(f"Error: {error.file}: {error.message}", "bold red")
        for warning in getattr(report, "warnings", []):
            self.display.notify(f"Warning: {warning.file}:{warning.line}: {warning.message}", "yellow")

    def _open_images(self, row: dict, *, revealed: bool, previews: dict[int, Answer] | None) -> None:
        """`o`: the images on screen open in the system viewer; the card stays as it is."""
        from revise.review.images import open_images
        from revise.review.screen import shown_images

        self.display.notify(open_images(shown_images(row, revealed=revealed)))
        if self.console.is_terminal:  # the message shows on the redrawn screen
            self._show(row, revealed=revealed, previews=previews)


def _when(moment: datetime, now: datetime, tz: tzinfo | None) -> str:
    """`04:00 tomorrow`, `04:00 today` (before 4 am), else `04:00 Wed 4 Mar`: a local time said plainly."""
    local, today = moment.astimezone(tz), now.astimezone(tz).date()
    day = {today: "today", today + timedelta(days=1): "tomorrow"}.get(local.date())
    return f"{local:%H:%M} {day or f'{local:%a} {local.day} {local:%b}'}"


def _location(row: dict) -> str:
    return f"{row['source']}:{row['line']}" if row["source"] else "its note"
