"""A card's answers → the FSRS items fsrs-rs fits and evaluates, built as Anki builds them. Pure.

Anki's rslib (`scheduler/fsrs/params.rs`, `reviews_for_fsrs`) keeps a card's history from its last
reset to new, counts days between answers by the learner's day boundary, and makes one item per
answer given on a later day than the one before: that answer is what the item predicts, and every
answer before it, same-day learning steps included, is its history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from revise.scheduling.days import study_day


@dataclass(frozen=True)
class LoggedAnswer:
    """One scheduled answer from the review log (kind 'review'; cram is not scheduling)."""

    at: datetime
    rating: int  # 1 Again … 4 Easy
    state: str  # the card's state before the answer ('new' for its first answer, or after a reset)
    duration_ms: int | None = None


@dataclass(frozen=True)
class FitItem:
    """Reviews (rating, days since the answer before) of one card up to an answer it predicts, the last."""

    reviews: tuple[tuple[int, int], ...]
    at: datetime  # when the predicted answer was given (items are split and ordered by it)

    @property
    def recalled(self) -> bool:
        """Whether the predicted answer was a pass (anything but Again)."""
        return self.reviews[-1][0] > 1


def since_last_reset(answers: list[LoggedAnswer]) -> list[LoggedAnswer]:
    """The answers from the last one given to a new card on ([] when the card never started as new)."""
    starts = [i for i, answer in enumerate(answers) if answer.state == "new"]
    return answers[starts[-1]:] if starts else []


def fit_items(answers: list[LoggedAnswer], day_start_hour: int = 4, tz: tzinfo | None = None) -> list[FitItem]:
    """The FSRS items of one card's answers (in time order), days counted as the scheduler counts them."""
    kept = since_last_reset(answers)
    if not kept:  # a history that never started as new (an imported log missing its beginning)
        return []
    days = [study_day(answer.at, day_start_hour, tz).toordinal() for answer in kept]
    reviews = [(answer.rating, day - before) for answer, day, before in zip(kept, days, [days[0], *days])]
    return [
        FitItem(tuple(reviews[: i + 1]), kept[i].at)
        for i in range(1, len(kept))
        if reviews[i][1] > 0
    ]


def to_fsrs_items(items: list[FitItem]) -> list:
    """Our items as fsrs_rs_python.FSRSItem objects."""
    from fsrs_rs_python import FSRSItem, FSRSReview

    return [FSRSItem([FSRSReview(rating, days) for rating, days in item.reviews]) for item in items]
