"""What a session draws on its console: card screens, the waiting screen, messages and the summary.

In a terminal each screen clears the last, so messages are drawn on the next screen; elsewhere only
what is new is printed, and messages at once."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from revise.render import make_inert
from revise.review.screen import answer_part, card_screen
from revise.review.summary import Summary, summary_text
from revise.scheduling import Answer


class Display:
    """The console side of one session (`cram`: `cram · N left` for the counts, a summary without what is due)."""

    def __init__(self, console: Console, cram: bool = False, protocol: str | None = None) -> None:
        self.console, self.cram = console, cram
        self.protocol = protocol  # how images are drawn (kitty, sixel, blocks); None: placeholders
        # Messages (undone, buried, a leech, an editor error) for the next screen
        self.notices: list[Text] = []
        self.screen_notices: list[Text] = []  # those the card on screen shows
        self.screen_card: int | None = None  # the card they are shown with
        self.drawn = False  # a card or waiting screen was drawn (in a terminal, the summary clears it)

    def notify(self, message: str, style: str = "") -> None:
        """Tell the learner something: on the next screen in a terminal, printed at once elsewhere."""
        text = Text(make_inert(message), style=style)
        if self.console.is_terminal:
            self.notices.append(text)
        else:
            self.console.print(text)

    def card(self, row: dict, *, revealed: bool, counts: dict[str, int], previews: dict[int, Answer] | None) -> None:
        """Draw the card; on a terminal the screen is cleared, elsewhere only what is new is printed."""
        if self.console.is_terminal:
            if not revealed or self.notices:  # revealed: a message from `o`, say
                self._take_notices(row["id"])
            self._clear()
            self.console.print(card_screen(
                row, revealed=revealed, previews=previews, counts=counts, cram=self.cram,
                notices=self.screen_notices, height=self.console.height - 1,  # the cursor's line stays free
                protocol=self.protocol,
            ))
        elif not revealed:
            self.console.print(card_screen(row, revealed=False, counts=counts, cram=self.cram))
        else:
            self.console.print(answer_part(row, previews=previews, counts=counts))

    def _take_notices(self, card_id: int) -> None:
        """The messages since the last screen go on this card's; the same card shown again (after `e`,
        say) keeps those it had, so a leech notice is not wiped by an editor error."""
        if card_id != self.screen_card:
            self.screen_notices, self.screen_card = [], card_id
        self.screen_notices, self.notices = self.screen_notices + self.notices, []

    def waiting(self, message: str) -> None:
        """The screen while only learning cards are left, none due yet."""
        if self.console.is_terminal:
            self._clear()
        self.console.print(message)
        for notice in self.notices:  # kept for the next card's screen too: the learner may have stepped away
            self.console.print(notice)

    def summary(self, summary: Summary) -> None:
        """The closing lines, after the messages still to tell."""
        if self.console.is_terminal and self.drawn:
            self.console.clear()  # not the last card with its stale counts above the summary
        for notice in self.notices:  # told after the last screen: nothing clears them now
            self.console.print(notice)
        self.console.print(summary_text(summary, cram=self.cram))

    def _clear(self) -> None:
        self.console.clear()
        self.drawn = True
