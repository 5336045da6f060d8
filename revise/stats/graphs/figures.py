"""The figures of `revise stats --graphs`: frozen dataclasses, and `Graphs.to_json` (the documented --json)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

GRAPH_DAYS = 365  # the default period, as Anki's graphs page reads a year of history
MATURE_DAYS = 21
BUTTON_GROUPS = ("learning", "young", "mature")  # as Anki's Answer Buttons graph groups answers


@dataclass(frozen=True)
class DayAnswers:
    """One study day's answers by the card's state before the answer (young/mature: review state)."""

    day: date
    new: int = 0
    learning: int = 0
    relearning: int = 0
    young: int = 0
    mature: int = 0
    young_passed: int = 0  # young and mature answers other than Again, for true retention
    mature_passed: int = 0
    seconds: float = 0.0

    @property
    def total(self) -> int:
        """Every answer of the day."""
        return self.new + self.learning + self.relearning + self.young + self.mature


@dataclass(frozen=True)
class Distribution:
    """Cards by value (whole days, or a percent bin 0–99) and the distribution's headline figure."""

    counts: tuple[tuple[int, int], ...]  # (value, cards), values ascending
    middle: float | None  # the median (intervals, stability, difficulty) or mean (retrievability)

    @property
    def cards(self) -> int:
        """How many cards the distribution is over."""
        return sum(n for _, n in self.counts)


@dataclass(frozen=True)
class Graphs:
    """Everything `revise stats --graphs` shows, for the `days` study days up to today."""

    now: datetime
    today: date
    deck: str | None
    days: tuple[DayAnswers, ...]  # the period's study days, oldest first
    buttons: dict[str, tuple[int, int, int, int]]  # group → answers per button (Again … Easy)
    hours: tuple[tuple[int, int], ...]  # per local hour 0–23: (answers, passed)
    intervals: Distribution  # review cards' scheduled intervals, days
    stability: Distribution  # rounded days
    difficulty: Distribution  # percent of FSRS's 1–10 scale; middle: median percent
    retrievability: Distribution  # percent now; middle: mean fraction
    recall_sum: float = 0.0  # summed retrievability: the cards you would recall now

    def to_json(self) -> dict[str, Any]:
        """The figures as plain JSON data (documented in docs/stats.md)."""
        return {
            "now": self.now.astimezone(timezone.utc).isoformat(timespec="seconds"),
            "date": self.today.isoformat(), "deck": self.deck, "period_days": len(self.days),
            "reviews": [day_json(d) for d in self.days if d.total],
            "buttons": {g: {"again": b[0], "hard": b[1], "good": b[2], "easy": b[3]} for g, b in self.buttons.items()},
            "hours": [{"hour": h, "reviews": n, "correct": p} for h, (n, p) in enumerate(self.hours)],
            "intervals": _distribution_json(self.intervals, "days", "median_days"),
            "stability": _distribution_json(self.stability, "days", "median_days"),
            "difficulty": _distribution_json(self.difficulty, "percent", "median_percent"),
            "retrievability": {**_distribution_json(self.retrievability, "percent", "average"),
                               "recall_sum": round(self.recall_sum, 2)},
        }


def day_json(day: DayAnswers) -> dict[str, Any]:
    """One study day's answers as `--json` writes them."""
    return {"date": day.day.isoformat(), "new": day.new, "learning": day.learning, "relearning": day.relearning,
            "young": day.young, "mature": day.mature, "young_passed": day.young_passed,
            "mature_passed": day.mature_passed, "seconds": round(day.seconds, 1)}


def _distribution_json(figure: Distribution, unit: str, middle: str) -> dict[str, Any]:
    value = None if figure.middle is None else round(figure.middle, 4)
    return {"cards": figure.cards, middle: value, "counts": [{unit: v, "cards": n} for v, n in figure.counts]}
