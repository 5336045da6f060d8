"""Simulated learners for benchmarks and tests: a memory that follows known FSRS parameters, studied
day by day with revise's own scheduler (`revise.scheduling.answer`), and the answers it gave.

The learner's true recall is FSRS's forgetting curve under *its* parameters, while the scheduler
plans with the configured ones (the defaults for a new learner), as for a real person; so a fit to
the answers should find parameters near the learner's own.
"""

from __future__ import annotations

import heapq
import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from revise.config import Settings
from revise.scheduling import Schedule, answer, study_day
from revise.scheduling.fit_items import LoggedAnswer

UTC = timezone.utc
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # a Monday, 9 am UTC (study days start at 4 am)


@dataclass(frozen=True)
class Learner:
    """How a simulated person remembers and grades."""

    parameters: tuple[float, ...]  # the FSRS-6 weights their memory follows
    first_ratings: tuple[float, float, float, float] = (0.3, 0.1, 0.5, 0.1)  # a new card's first grade
    passed_ratings: tuple[float, float, float] = (0.1, 0.8, 0.1)  # Hard, Good, Easy when recalled
    hard_when_forgotten: float = 0.0  # the share of forgotten cards they grade Hard (Hard used as a fail)
    seconds: float = 8.0  # per answer
    absent: float = 0.0  # the share of days they do not study (due cards wait, recall drops meanwhile)


def strong_learner(defaults: tuple[float, ...]) -> Learner:
    """A learner whose memory differs strongly from the defaults: initial stabilities 3× longer,
    every lapse far harsher, and a flatter forgetting curve."""
    weights = list(defaults)
    weights[0:4] = [min(100.0, w * 3) for w in weights[0:4]]
    weights[11] = weights[11] * 0.5  # stability after a lapse
    weights[20] = 0.3  # decay
    return Learner(tuple(weights))


def study(learner: Learner, cards: int | list[int], days: int, settings: Settings = Settings(), *,
          seed: int = 7) -> dict[int, list[LoggedAnswer]]:
    """`days` days of daily study of new cards (a count, ids from 1, or the ids): card id → answers in time order."""
    from fsrs_rs_python import FSRS

    rng, memory = random.Random(seed), FSRS(list(learner.parameters))
    schedules = {card: Schedule() for card in (range(1, cards + 1) if isinstance(cards, int) else cards)}
    truth: dict[int, tuple] = {}  # card id → (true memory state, study day of the last answer)
    answers: dict[int, list[LoggedAnswer]] = {card: [] for card in schedules}
    unseen = list(schedules)
    for day in range(days):
        if learner.absent and rng.random() < learner.absent:
            continue
        now = START + timedelta(days=day) + timedelta(minutes=rng.randrange(0, 240))
        end = START.replace(hour=4) + timedelta(days=day + 1)
        due = [(s.due, card) for card, s in schedules.items() if s.due and s.due < end]
        new, unseen = unseen[: settings.new_per_day], unseen[settings.new_per_day:]
        heapq.heapify(due := due + [(now, card) for card in new])
        while due:
            when, card = heapq.heappop(due)
            now = max(now, when) + timedelta(seconds=learner.seconds)
            rating, recalled = _grade(learner, rng, truth.get(card), now)
            # memory follows what happened: a forgotten card graded Hard was still forgotten
            truth[card] = (_next_memory(memory, truth.get(card), rating if recalled else 1, now), now)
            before = schedules[card]
            schedules[card] = answer(card, before, rating, now, settings).after
            answers[card].append(LoggedAnswer(now, rating, before.state, int(learner.seconds * 1000)))
            if schedules[card].due < end:
                heapq.heappush(due, (schedules[card].due, card))
    return {card: found for card, found in answers.items() if found}


def _days(before: datetime, now: datetime) -> int:
    return (study_day(now, 4, UTC) - study_day(before, 4, UTC)).days


def _grade(learner: Learner, rng: random.Random, known: tuple | None, now: datetime) -> tuple[int, bool]:
    """(the learner's grade, whether they recalled): a first grade for a new card, else recalled with
    their true retrievability."""
    if known is None:
        rating = rng.choices((1, 2, 3, 4), learner.first_ratings)[0]
        return rating, rating > 1
    state, last = known
    decay = learner.parameters[20]
    factor = 0.9 ** (-1 / decay) - 1
    recall = (1 + factor * _days(last, now) / state.stability) ** -decay
    if rng.random() < recall:
        return rng.choices((2, 3, 4), learner.passed_ratings)[0], True
    return (2 if rng.random() < learner.hard_when_forgotten else 1), False


def _next_memory(memory, known: tuple | None, rating: int, now: datetime):
    """The learner's true memory state after answering `rating`."""
    state, last = known if known else (None, now)
    following = memory.next_states(state, 0.9, _days(last, now))
    return getattr(following, ("again", "hard", "good", "easy")[rating - 1]).memory


def is_close(a: float, b: float, share: float) -> bool:
    """a within `share` (a fraction) of b."""
    return math.isclose(a, b, rel_tol=share)
