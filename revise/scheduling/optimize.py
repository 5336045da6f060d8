"""Fitting one group of cards: their answers → FSRS items → fitted parameters, compared with the
current ones on the same reviews, kept only when they predict better. Pure: no database, no clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from typing import Callable

from revise.scheduling.fit_items import FitItem, LoggedAnswer, fit_items
from revise.scheduling.fitting import (MIN_ITEMS, Evaluation, compute_parameters, default_parameters, evaluate,
                                       grading_warnings)

Stage = Callable[[str], None]  # told the name of each step as it starts (the progress display)


@dataclass(frozen=True)
class Fit:
    """What fitting one group gave: the reviews used, both evaluations, the parameters, and the verdict."""

    reviews: int  # FSRS items: answers on a later study day than the card's answer before
    cards: int
    current: Evaluation | None
    fitted: Evaluation | None
    parameters: tuple[float, ...]  # the fitted ones, or the current ones when there was too little history
    saved: bool
    reason: str  # why the fitted parameters were saved or the current ones kept, in plain words
    warnings: tuple[str, ...] = ()
    defaults: bool = False  # the current parameters are FSRS-6's defaults (config.toml sets none)

    def to_json(self) -> dict:
        """The documented `revise optimize --json` object."""
        return {
            "reviews": self.reviews, "cards": self.cards,
            "current": self.current and self.current.to_json(), "fitted": self.fitted and self.fitted.to_json(),
            "parameters": list(self.parameters), "saved": self.saved, "reason": self.reason,
            "warnings": list(self.warnings),
        }


def group_items(
    histories: dict[int, list[LoggedAnswer]], day_start_hour: int, tz: tzinfo | None
) -> tuple[list[FitItem], int]:
    """Every card's items, in the time order of the answers they predict (as Anki sorts them), and how
    many cards they come from."""
    per_card = [fit_items(answers, day_start_hour, tz) for answers in histories.values()]
    items = sorted((item for card in per_card for item in card), key=lambda item: item.at)
    return items, sum(1 for card in per_card if card)


def fit_group(
    items: list[FitItem], cards: int, current: tuple[float, ...] | None, stage: Stage = lambda name: None
) -> Fit:
    """Fit parameters to `items` (of `cards` cards) and judge them against `current` (None: the
    defaults) on the same items."""
    defaults, current = current is None, current or default_parameters()
    if len(items) < MIN_ITEMS:
        return Fit(len(items), cards, None, None, current, False, _too_few(len(items)), defaults=defaults)
    stage("Fitting FSRS to your reviews")
    fitted_parameters = compute_parameters(items)
    stage("Comparing the fitted parameters with the current ones")
    before, after = evaluate(current, items), evaluate(fitted_parameters, items)
    saved = after.better_than(before)
    reason = ("they predict your answers better than the current ones" if saved
              else "the fitted ones do not predict your answers better")
    return Fit(len(items), cards, before, after, fitted_parameters, saved, reason, grading_warnings(items), defaults)


def _too_few(found: int) -> str:
    return (f"only {found} review{'s' * (found != 1)} can be used (answers on a later day than the card's "
            f"answer before); optimizing needs at least {MIN_ITEMS}")
