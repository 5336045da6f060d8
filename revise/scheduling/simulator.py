"""Workload forecasts with fsrs-rs's simulator: the learner's settings, parameters, grades and answer
times → reviews, minutes and cards memorised per day. Pure: the answers are passed in."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from revise.config import Settings
from revise.scheduling.fit_items import LoggedAnswer
from revise.scheduling.fitting import default_parameters

RETENTIONS = (0.70, 0.75, 0.80, 0.85, 0.90, 0.93, 0.95, 0.97)  # the table shown without --retention
MIN_SHARES = 100  # answers before the learner's own grade shares replace the simulator's
MIN_TIMES = 20  # answers of one state and grade before their median time replaces the simulator's
SEED = 2023  # every forecast draws the same answers, so two retentions compare like with like
_STATES = {"new": 0, "learning": 0, "review": 1, "relearning": 2}  # the simulator's rows of costs


@dataclass(frozen=True)
class Workload:
    """A forecast for one desired retention over `days` days."""

    retention: float
    days: int
    reviews_per_day: tuple[int, ...]
    minutes_per_day: tuple[float, ...]
    memorized: float  # the expected number of cards recalled at the end (sum of retrievability)

    @property
    def total_reviews(self) -> int:
        """All reviews over the days (new cards' first answers included)."""
        return sum(self.reviews_per_day)

    @property
    def minutes_per_card(self) -> float:
        """Minutes of study for each card memorised at the end: the price of the retention."""
        return sum(self.minutes_per_day) / self.memorized if self.memorized else float("inf")

    def to_json(self) -> dict:
        """The documented `revise simulate --json` object."""
        return {"retention": self.retention, "days": self.days, "reviews_per_day": list(self.reviews_per_day),
                "minutes_per_day": list(self.minutes_per_day), "total_reviews": self.total_reviews,
                "memorized": round(self.memorized, 1)}


def simulate(settings: Settings, retention: float, days: int, cards: int, answers: list[LoggedAnswer]) -> Workload:
    """Forecast `days` days of studying `cards` cards at `retention`, within the daily limits."""
    from fsrs_rs_python import simulate as run

    found = run(list(settings.parameters or default_parameters()), retention,
                simulator_config(settings, days, cards, answers), SEED)
    reviews = tuple(r + n for r, n in zip(found.review_cnt_per_day, found.learn_cnt_per_day))
    return Workload(retention, days, reviews, tuple(round(c / 60, 1) for c in found.cost_per_day),
                    found.memorized_cnt_per_day[-1])


def simulator_config(settings: Settings, days: int, cards: int, answers: list[LoggedAnswer]):
    """fsrs-rs's SimulatorConfig for these settings, with the learner's grades and times where known."""
    from fsrs_rs_python import default_simulator_config

    config = default_simulator_config()
    config.deck_size, config.learn_span = cards, days
    config.max_cost_perday = float(days * 86400)  # revise limits cards a day, not minutes
    config.max_ivl = float(settings.maximum_interval)
    config.learn_limit, config.review_limit = settings.new_per_day, settings.reviews_per_day
    config.learning_step_count = len(settings.learning_steps)
    config.relearning_step_count = len(settings.relearning_steps)
    config.first_rating_prob = _shares([a.rating for a in answers if a.state == "new"], (1, 2, 3, 4),
                                       config.first_rating_prob)
    config.review_rating_prob = _shares([a.rating for a in answers if a.state == "review" and a.rating > 1],
                                        (2, 3, 4), config.review_rating_prob)
    config.state_rating_costs = _costs(answers, config.state_rating_costs)
    return config


def _shares(ratings: list[int], grades: tuple[int, ...], default: list[float]) -> list[float]:
    """The share of each grade among `ratings`, or `default` with too few of them."""
    if len(ratings) < MIN_SHARES:
        return default
    return [max(1e-3, ratings.count(g) / len(ratings)) for g in grades]  # the simulator refuses a zero


def _costs(answers: list[LoggedAnswer], default: list[list[float]]) -> list[list[float]]:
    """Seconds per answer by state and grade: the learner's median where known, else `default`'s."""
    seconds: dict[tuple[int, int], list[float]] = {}
    for a in answers:
        if a.duration_ms and a.state in _STATES:
            seconds.setdefault((_STATES[a.state], a.rating - 1), []).append(a.duration_ms / 1000)
    return [[statistics.median(seconds[(row, col)]) if len(seconds.get((row, col), ())) >= MIN_TIMES else cost
             for col, cost in enumerate(costs)] for row, costs in enumerate(default)]


def least_work(workloads: list[Workload]) -> Workload:
    """The forecast with the fewest minutes per memorised card."""
    return min(workloads, key=lambda w: w.minutes_per_card)
