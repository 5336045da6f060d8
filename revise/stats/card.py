"""One card as Anki's Card Info shows it: its text, place, schedule and review history → JSON or a
rich renderable (the figures of `revise card ID`)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from revise.scheduling import format_duration
from revise.stats.text import one_line, percent

# The history's type column, as Anki names its revlog types (by the card's state before the answer).
REVIEW_TYPES = {"new": "Learn", "learning": "Learn", "review": "Review", "relearning": "Relearn"}
RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


@dataclass(frozen=True)
class ReviewEntry:
    """One answer of the card's review log."""

    time: str
    rating: int
    type: str  # Learn | Review | Relearn | Cram | Manual
    interval_days: float | None
    stability: float | None
    difficulty: float | None
    duration_ms: int | None


@dataclass(frozen=True)
class CardInfo:
    """A card's text, deck, tags, source, schedule and review history (times ISO 8601 UTC)."""

    id: int
    kind: str
    front: str
    back: str
    deck: str
    tags: tuple[str, ...]
    source: str | None
    line: int | None
    state: str
    due: str | None
    stability: float | None
    difficulty: float | None
    retrievability: float | None
    reps: int
    lapses: int
    suspended: bool
    retired: bool
    added: str | None
    reviews: tuple[ReviewEntry, ...]

    def to_json(self) -> dict[str, Any]:
        """The stable `revise card --json` object."""
        data = asdict(self)
        data["tags"], data["reviews"] = list(self.tags), [asdict(r) for r in self.reviews]
        return data


def review_type(row: dict) -> str:
    """Anki's name for the kind of answer a revlog row records."""
    if row["kind"] != "review":
        return row["kind"].capitalize()
    return REVIEW_TYPES.get(row["state"], "Review")


def read_card_info(db: Any, card_id: int, now: datetime, config: Any) -> CardInfo | None:
    """Card `card_id` of the collection with its history and its recall probability at `now` (None if unknown)."""
    from revise import collection
    from revise.scheduling import Schedule, retrievability

    row = collection.card_row(db, card_id)
    if row is None:
        return None
    recall = retrievability(Schedule.from_row(row), now, config.for_deck(row["deck"]))
    return card_info(row, collection.card_reviews(db, [card_id]), recall)


def card_info(row: dict, reviews: list[dict], recall: float | None) -> CardInfo:
    """The card info of a `collection.card_row` and its `card_reviews`, with its recall probability now."""
    return CardInfo(
        id=row["id"], kind=row["kind"], front=row["front"], back=row["back"], deck=row["deck"],
        tags=tuple(json.loads(row["tags"] or "[]")), source=row["source"], line=row["line"],
        state=row["state"], due=row["due"], stability=row["stability"], difficulty=row["difficulty"],
        retrievability=None if row["state"] == "new" else recall, reps=row["reps"], lapses=row["lapses"],
        suspended=bool(row["suspended"]), retired=bool(row["retired"]), added=row["created_at"],
        reviews=tuple(_entry(review) for review in reviews),
    )


def _entry(row: dict) -> ReviewEntry:
    return ReviewEntry(
        time=row["reviewed_at"], rating=row["rating"], type=review_type(row), interval_days=row["interval_days"],
        stability=row["stability"], difficulty=row["difficulty"], duration_ms=row["duration_ms"],
    )


class CardInfoView:
    """The card info screen: the front and back, a column of facts, then the review history."""

    def __init__(self, info: CardInfo, tz: Any = None) -> None:
        self.info, self.tz = info, tz

    def __rich_console__(self, console: Any, options: Any):
        from rich.rule import Rule

        from revise.render import card_markdown

        base = Path(self.info.source).parent if self.info.source else None
        yield card_markdown(self.info.front, base)
        yield Rule(style="dim")
        yield card_markdown(self.info.back, base)
        yield ""
        yield self._facts()
        yield ""
        yield self._history() if self.info.reviews else "No reviews yet."

    def _facts(self):
        from rich.table import Table

        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold")  # a long source path wraps whole rather than losing its line number
        for name, value in self._fact_rows():
            table.add_row(name, value)
        return table

    def _fact_rows(self) -> list[tuple[str, str]]:
        info = self.info
        state = info.state + " (suspended)" * info.suspended + " (retired)" * info.retired
        where = f"{info.source}:{info.line}" if info.source else "–"
        rows = [
            ("Card", f"{info.id} ({info.kind})"), ("Deck", one_line(info.deck)),
            ("Tags", one_line(" ".join(info.tags)) or "–"), ("Source", one_line(where)),
            ("Added", self._time(info.added)), ("State", state), ("Due", self._time(info.due)),
            ("Stability", _days(info.stability)), ("Difficulty", _number(info.difficulty)),
            ("Retrievability", percent(info.retrievability)), ("Reviews", str(info.reps)), ("Lapses", str(info.lapses)),
        ]
        return rows

    def _history(self):
        from rich import box
        from rich.table import Table

        table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, show_edge=False)
        for name, justify in (("Time", "left"), ("Type", "left"), ("Rating", "left"),
                              ("Interval", "right"), ("Stability", "right"), ("Took", "right")):
            table.add_column(name, justify=justify, no_wrap=True)
        for review in self.info.reviews:
            table.add_row(
                self._time(review.time), review.type, RATINGS.get(review.rating, str(review.rating)),
                _interval(review.interval_days), _days(review.stability),
                "–" if review.duration_ms is None else format_duration(review.duration_ms / 1000),
            )
        return table

    def _time(self, moment: str | None) -> str:
        """A stored UTC time in the viewer's local time, to the minute."""
        if not moment:
            return "–"
        parsed = datetime.fromisoformat(moment)
        if parsed.tzinfo is None:  # stored without an offset: UTC, as every stored time
            parsed = parsed.replace(tzinfo=timezone.utc)
        return parsed.astimezone(self.tz).strftime("%Y-%m-%d %H:%M")


def _interval(days: float | None) -> str:
    from revise.scheduling import format_interval

    return "–" if days is None else format_interval(timedelta(days=days))


def _days(value: float | None) -> str:
    return "–" if value is None else _interval(value)


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"
