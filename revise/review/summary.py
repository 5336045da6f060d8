"""The closing lines of a session: what it did (Summary, its leeches) → text. Pure: no database, no clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from rich.text import Text

from revise.render import make_inert
from revise.scheduling import format_duration


class Leech(NamedTuple):
    """A card that became a leech this session, and where to rewrite it."""

    card_id: int
    location: str  # file:line
    suspended: bool


@dataclass
class Summary:
    """What a session did, for the closing lines."""

    answered: int = 0  # answers given
    cards: int = 0  # distinct cards answered (a learning card may be answered several times)
    again: int = 0
    seconds: float = 0.0
    due_tomorrow: int = 0  # due during the next study day
    still_due_today: int = 0
    learning_later: int = 0
    new_left: int = 0  # new cards in the selection not yet studied
    new_per_day: int | None = None  # the new-card limit tomorrow; None when deck overrides set their own
    leeches: list[Leech] = field(default_factory=list)

    @property
    def again_rate(self) -> float:
        """The share of answers that were Again."""
        return self.again / self.answered if self.answered else 0.0


def card_count(count: int) -> str:
    """`1 card`, `2 cards`."""
    return f"{count} card{'s' * (count != 1)}"


def summary_text(summary: Summary, cram: bool = False) -> Text:
    """The closing lines: cards done, again rate, time, leeches to rewrite, and what tomorrow holds."""
    text = Text()
    done = card_count(summary.answered)
    if summary.cards and summary.cards != summary.answered:
        done = f"{summary.answered} answer{'s' * (summary.answered != 1)} to {card_count(summary.cards)}"
    text.append(f"Done: {done}", style="bold")
    text.append(f", again {summary.again_rate:.0%}, {format_duration(summary.seconds)}.")
    lines = _leech_lines(summary.leeches)
    if not cram:
        if summary.still_due_today:
            later = f" ({summary.learning_later} in learning, due later)" if summary.learning_later else ""
            lines.append(f"Still due today: {card_count(summary.still_due_today)}{later}.")
        lines.append(f"Due tomorrow: {card_count(summary.due_tomorrow)}{_new_cards(summary)}.")
    for line in lines:
        text.append("\n" + make_inert(line))
    return text


def _new_cards(summary: Summary) -> str:
    """`, plus up to 20 new cards (478 not yet studied)`: at most the limit, not all that are left."""
    if not summary.new_left:
        return ""
    left = f"{summary.new_left} not yet studied"
    if summary.new_per_day is None:
        return f", plus new cards ({left})"
    if summary.new_per_day == 0:
        return f" ({summary.new_left} new not yet studied, 0 a day)"
    most = min(summary.new_per_day, summary.new_left)
    return f", plus up to {most} new card{'s' * (most != 1)} ({left})"


def _leech_lines(leeches: list[Leech]) -> list[str]:
    """`Leeches found: 2 (tagged 'leech'); consider rewriting them:` and a line for each, with its file:line."""
    if not leeches:
        return []
    them = "it" if len(leeches) == 1 else "them"
    lines = [f"Leeches found: {len(leeches)} (tagged 'leech'); consider rewriting {them}:"]
    for leech in leeches:
        lines.append(f"  card {leech.card_id}  {leech.location}{'  (suspended)' if leech.suspended else ''}")
    return lines
