"""The figures of `revise stats`: frozen dataclasses, and `Stats.to_json` (the documented --json)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, timezone
from typing import Any

HEATMAP_WEEKS = 26
FORECAST_DAYS = 30
RETENTION_WINDOWS = (7, 30, 365)  # study days, today included
DECK_RETENTION_DAYS = 30  # the window of the per-deck retention column
HARDEST = 10
MAX_DAYS = 36500  # of forecast and heatmap: a century is plenty, and a few million days overflow `date`
STREAK_YEARS = 20  # how far back the longest streak is looked for


@dataclass(frozen=True)
class Retention:
    """Answers of review-state cards in a window: how many, the share not Again, FSRS's forecast."""

    reviews: int = 0
    passed: int = 0
    predicted_sum: float = 0.0
    predictions: int = 0

    @property
    def true(self) -> float | None:
        """True retention: the share of answers other than Again (None without reviews)."""
        return self.passed / self.reviews if self.reviews else None

    @property
    def predicted(self) -> float | None:
        """FSRS's predicted retention: mean retrievability at review time."""
        return self.predicted_sum / self.predictions if self.predictions else None

    def __add__(self, other: Retention) -> Retention:
        return Retention(
            self.reviews + other.reviews,
            self.passed + other.passed,
            self.predicted_sum + other.predicted_sum,
            self.predictions + other.predictions,
        )

    def to_json(self) -> dict[str, Any]:
        """{true, predicted, reviews}, fractions rounded to 4 places."""
        return {"true": _round(self.true, 4), "predicted": _round(self.predicted, 4), "reviews": self.reviews}


@dataclass(frozen=True)
class WindowRetention:
    """Retention over the last `days` study days, young and mature cards apart."""

    days: int
    young: Retention
    mature: Retention
    unknown: Retention = Retention()  # reviews whose previous interval is not recorded

    @property
    def all(self) -> Retention:
        """Young, mature and unknown together."""
        return self.young + self.mature + self.unknown


@dataclass(frozen=True)
class CardCounts:
    """Cards by kind; new, learning, young, mature, suspended and buried do not overlap."""

    new: int = 0
    learning: int = 0
    young: int = 0
    mature: int = 0
    suspended: int = 0
    buried: int = 0
    leeches: int = 0  # overlaps the others

    @property
    def total(self) -> int:
        """Every card that is not retired."""
        return self.new + self.learning + self.young + self.mature + self.suspended + self.buried


CARD_KINDS = tuple(f.name for f in fields(CardCounts))  # new … buried, then leeches


@dataclass(frozen=True)
class DeckRow:
    """One line of the deck table."""

    deck: str
    cards: int
    due: int  # due by the end of today
    new: int
    retention: Retention  # over the last DECK_RETENTION_DAYS days
    stability: float | None  # mean, days, studied unsuspended cards
    studied: int = 0  # the cards the mean stability is over

    def __add__(self, other: DeckRow) -> DeckRow:
        """Two decks rolled up (under this one's name), as a parent row shows its subdecks."""
        studied = self.studied + other.studied
        total = (self.stability or 0) * self.studied + (other.stability or 0) * other.studied
        return DeckRow(self.deck, self.cards + other.cards, self.due + other.due, self.new + other.new,
                       self.retention + other.retention, total / studied if studied else None, studied)


@dataclass(frozen=True)
class HardCard:
    """One of the hardest cards."""

    card_id: int
    deck: str
    source: str | None
    line: int | None
    front: str
    lapses: int
    retrievability: float | None
    suspended: bool


@dataclass(frozen=True)
class Stats:
    """Everything `revise stats` shows, computed for one moment."""

    now: datetime
    today: date
    deck: str | None
    reviews_today: int
    again_today: int
    new_today: int
    seconds_today: float
    due_now: int
    due_later_today: int
    due_tomorrow: int
    cards: CardCounts
    decks: tuple[DeckRow, ...]
    retention: tuple[WindowRetention, ...]
    desired_retention: float
    streak_current: int
    streak_longest: int
    heatmap: tuple[tuple[date, int], ...]
    forecast: tuple[tuple[date, int], ...]
    knowledge: float
    studied: int  # the cards knowledge is summed over: studied and not suspended
    hardest: tuple[HardCard, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """The figures as plain JSON data (documented in docs/stats.md)."""
        return {
            "now": self.now.astimezone(timezone.utc).isoformat(timespec="seconds"),
            "date": self.today.isoformat(),
            "deck": self.deck,
            "today": {"reviews": self.reviews_today, "again": self.again_today,
                      "new": self.new_today, "seconds": round(self.seconds_today, 1)},
            "due": {"now": self.due_now, "later_today": self.due_later_today, "tomorrow": self.due_tomorrow},
            "cards": {**asdict(self.cards), "total": self.cards.total},
            "decks": [_deck_json(row) for row in self.decks],
            "retention": {f"{w.days}d": _window_json(w) for w in self.retention},
            "desired_retention": self.desired_retention,
            "streak": {"current": self.streak_current, "longest": self.streak_longest},
            "heatmap": [{"date": d.isoformat(), "reviews": n} for d, n in self.heatmap],
            "forecast": [{"date": d.isoformat(), "due": n} for d, n in self.forecast],
            "knowledge": round(self.knowledge, 2),
            "studied": self.studied,
            "hardest": [_hard_json(card) for card in self.hardest],
        }


def _round(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)


def _deck_json(row: DeckRow) -> dict[str, Any]:
    return {"deck": row.deck, "cards": row.cards, "due": row.due, "new": row.new,
            "retention": _round(row.retention.true, 4), "reviews": row.retention.reviews,
            "stability": _round(row.stability, 2), "studied": row.studied}


def _window_json(window: WindowRetention) -> dict[str, Any]:
    return {**window.all.to_json(), "young": window.young.to_json(), "mature": window.mature.to_json()}


def _hard_json(card: HardCard) -> dict[str, Any]:
    return {"card_id": card.card_id, "deck": card.deck, "file": card.source, "line": card.line,
            "front": card.front, "lapses": card.lapses,
            "retrievability": _round(card.retrievability, 4), "suspended": card.suspended}
