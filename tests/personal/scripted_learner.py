"""A learner at the keyboard for a real review session: reveals each card, grades it Good most of the
time (seeded), and lets the clock run on while the session waits for a learning card."""

from __future__ import annotations

import io
import random
from datetime import datetime, timedelta

from rich.console import Console

from revise.config import Config
from revise.review.session import Session


class KeyboardLearner:
    """A key source with its own clock: Space to reveal, then a grade; each key takes 6 seconds."""

    def __init__(self, now: datetime, seed: int = 3, grades=(1, 3, 3, 3, 3, 3, 4)) -> None:
        self.now, self.rng, self.grades, self.revealed = now, random.Random(seed), grades, False

    def clock(self) -> datetime:
        return self.now

    def __call__(self, timeout=None):
        if timeout is not None:  # the session waits for a learning card: that time passes
            self.now += timedelta(seconds=timeout)
            return None
        self.now += timedelta(seconds=6)
        self.revealed = not self.revealed
        return " " if self.revealed else str(self.rng.choice(self.grades))


def study_days(db, config: Config, start: datetime, days: int, tz) -> int:
    """One session a day for `days` days from `start`, each to the end of its queue; returns the answers."""
    answered = 0
    for day in range(days):
        learner = KeyboardLearner(start + timedelta(days=day), seed=day)
        console = Console(file=io.StringIO(), width=80, color_system=None)
        answered += Session(db, console, learner, config=config, clock=learner.clock, tz=tz).run().answered
    return answered
