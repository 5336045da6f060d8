"""What a session draws on its console: card screens, the waiting screen, messages and the summary.

In a terminal the session runs on the alternate screen, each screen clearing the last, so messages
are drawn on the next screen, and the summary comes on the normal screen after it; elsewhere only
what is new is printed, and messages at once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from revise.render import make_inert
from revise.review.checking import Comparison
from revise.review.screen import answer_part, card_screen
from revise.review.summary import Summary, summary_text
from revise.scheduling import Answer

PROMPT = "› "  # the typed answer's line, under the card's screen


class AltScreen:
    """The terminal's alternate screen for a session: entered at its start and left at its end, and
    left meanwhile while the shell (Ctrl-Z) or an editor has the terminal."""

    def __init__(self, console: Console) -> None:
        self.console, self.wanted = console, False

    def enter(self) -> None:
        """Switch to the alternate screen (a terminal only) for the rest of the session."""
        self.wanted = self.console.is_terminal
        self.resume()

    def leave(self) -> None:
        """Back to the normal screen, for good: what was there before the session shows again."""
        self.pause()
        self.wanted = False

    def pause(self) -> None:
        """The normal screen for now (Ctrl-Z, the editor)."""
        if self.wanted:
            self.console.set_alt_screen(False)

    def resume(self) -> None:
        """The alternate screen again, after `pause` (the next draw fills it)."""
        if self.wanted:
            self.console.set_alt_screen(True)


class Display:
    """The console side of one session (`cram`: `cram · N left` for the counts, a summary without what is due)."""

    def __init__(self, console: Console, cram: bool = False, screen: AltScreen | None = None,
                 protocol: str | None = None) -> None:
        self.console, self.cram = console, cram
        self.screen = screen or AltScreen(console)
        self.protocol = protocol  # how images are drawn (kitty, sixel, blocks); None: placeholders
        # Messages (undone, buried, a leech, an editor error) for the next screen
        self.notices: list[Text] = []
        self.screen_notices: list[Text] = []  # those the card on screen shows
        self.screen_card: int | None = None  # the card they are shown with

    def notify(self, message: str, style: str = "") -> None:
        """Tell the learner something: on the next screen in a terminal, printed at once elsewhere."""
        text = Text(make_inert(message), style=style)
        if self.console.is_terminal:
            self.notices.append(text)
        else:
            self.console.print(text)

    @contextmanager
    def session_screen(self) -> Iterator[None]:
        """The alternate screen for the block in a terminal (left however the block ends), so the
        scrollback keeps what was there before and no card screen."""
        self.screen.enter()
        try:
            yield
        finally:
            self.screen.leave()

    def card(self, row: dict, *, revealed: bool, counts: dict[str, int], previews: dict[int, Answer] | None,
             typing: bool = False, comparison: Comparison | None = None) -> None:
        """Draw the card; on a terminal the screen is cleared, elsewhere only what is new is printed."""
        if self.console.is_terminal:
            if not revealed or self.notices:  # revealed: a message from `o`, say
                self._take_notices(row["id"])
            self.console.clear()
            self.console.print(card_screen(
                row, revealed=revealed, previews=previews, counts=counts, cram=self.cram, typing=typing,
                comparison=comparison, notices=self.screen_notices,
                height=self.console.height - 1,  # the cursor's line stays free (for a typed answer too)
                protocol=self.protocol,
            ))
        elif not revealed:
            self.console.print(card_screen(row, revealed=False, counts=counts, cram=self.cram))
        else:
            self.console.print(answer_part(row, previews=previews, counts=counts, comparison=comparison))

    def typed(self, text: str) -> None:
        """The answer being typed, on the line under the screen (its end, if it is wider than that line)."""
        if not self.console.is_terminal:
            return  # the answer came as a line of input: the comparison shows it
        room = self.console.width - cell_len(PROMPT) - 1
        shown = make_inert(text)
        while cell_len(shown) > room:
            shown = shown[1:]
        self.console.file.write(f"\r\x1b[K{PROMPT}{shown}")
        self.console.file.flush()

    def _take_notices(self, card_id: int) -> None:
        """The messages since the last screen go on this card's; the same card shown again (after `e`,
        say) keeps those it had, so a leech notice is not wiped by an editor error."""
        if card_id != self.screen_card:
            self.screen_notices, self.screen_card = [], card_id
        self.screen_notices, self.notices = self.screen_notices + self.notices, []

    def waiting(self, message: str) -> None:
        """The screen while only learning cards are left, none due yet."""
        if self.console.is_terminal:
            self.console.clear()
        self.console.print(message)
        for notice in self.notices:  # kept for the next card's screen too: the learner may have stepped away
            self.console.print(notice)

    def summary(self, summary: Summary) -> None:
        """The closing lines, after the messages still to tell (in a terminal, on the normal screen)."""
        for notice in self.notices:  # told after the last screen: nothing clears them now
            self.console.print(notice)
        self.console.print(summary_text(summary, cram=self.cram))
