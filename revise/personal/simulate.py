"""`revise simulate`: the learner's cards, settings and answers → workload forecasts."""

from __future__ import annotations

from sqlite_utils import Database

from revise.collection.review_log import live_card_count, scheduled_answers
from revise.config import Config
from revise.errors import ReviseError
from revise.scheduling.simulator import RETENTIONS, Workload, simulate


def simulate_workload(db: Database, config: Config, retention: float, days: int, deck: str | None = None) -> Workload:
    """The forecast for one desired retention, for the cards of `deck` (every deck for None)."""
    return workload_table(db, config, (retention,), days, deck)[0]


def workload_table(db: Database, config: Config, retentions: tuple[float, ...] = RETENTIONS, days: int = 365,
                   deck: str | None = None) -> list[Workload]:
    """Forecasts for each of `retentions`, with the same cards, settings and simulated answers."""
    from revise.personal.optimize import answer_histories

    cards = live_card_count(db, deck)
    if not cards:
        where = f"deck '{deck}'" if deck else "the collection"
        raise ReviseError(f"no cards in {where} to simulate: import notes first with `revise import PATH`.")
    settings = config.for_deck(deck) if deck else config.default
    answers = [a for history in answer_histories(scheduled_answers(db, deck)).values() for a in history]
    return [simulate(settings, retention, days, cards, answers) for retention in retentions]
