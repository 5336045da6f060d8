"""Fitting FSRS parameters to a learner's items with fsrs-rs, and judging them: log loss, RMSE(bins),
and what the answers say about how the learner grades. Pure: items in, figures out (other predictors
are judged on the same scale in `prediction`)."""

from __future__ import annotations

from dataclasses import dataclass

from revise.scheduling.fit_items import FitItem, to_fsrs_items

# Anki asked for 400 items before it would optimize; fsrs-rs's own floor is lower, and below it
# returns the defaults unchanged, which would read as "fitted, and no better".
MIN_ITEMS = 400
MIN_GRADE_ANSWERS = 20  # answers after a day's Hard, and after a day's Again, before their recall rates are compared
PASS_FAIL_SHARE = 0.02  # Hard and Easy together below this share of answers: a pass/fail learner
# Reviews at 90 % retention fail about one time in ten; Again in under 5 % of them, with Hard pressed
# three times as often, is a learner whose failures go to Hard.
MIN_LATER_REVIEWS, RARE_AGAIN, HARD_PER_AGAIN = 200, 0.05, 3
HARD_MEANS = "Hard means you recalled the answer with effort; when you did not recall it, press Again."


@dataclass(frozen=True)
class Evaluation:
    """How well parameters predict a set of items: log loss and RMSE(bins), lower is better."""

    log_loss: float
    rmse_bins: float

    def better_than(self, other: Evaluation) -> bool:
        """Lower log loss, and RMSE(bins) no higher: never trade one for the other."""
        return self.log_loss < other.log_loss and self.rmse_bins <= other.rmse_bins

    def to_json(self) -> dict:
        """{"log_loss": x, "rmse_bins": y}, to 4 and 5 places."""
        return {"log_loss": round(self.log_loss, 4), "rmse_bins": round(self.rmse_bins, 5)}


def evaluate(parameters: tuple[float, ...], items: list[FitItem]) -> Evaluation:
    """fsrs-rs's evaluation of `parameters` on `items`."""
    from fsrs_rs_python import FSRS

    found = FSRS(list(parameters)).evaluate(to_fsrs_items(items))
    return Evaluation(found.log_loss, found.rmse_bins)


def compute_parameters(items: list[FitItem]) -> tuple[float, ...]:
    """FSRS-6 parameters fitted by fsrs-rs to `items` (in time order), to 4 places as Anki shows them."""
    from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS

    fitted = FSRS(DEFAULT_PARAMETERS).compute_parameters(to_fsrs_items(items))
    return within_bounds(tuple(round(value, 4) for value in fitted))


def within_bounds(parameters: tuple[float, ...]) -> tuple[float, ...]:
    """Each parameter clipped to py-fsrs's bounds (fsrs-rs's own differ in the last digits)."""
    from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

    return tuple(min(max(v, low), high) for v, low, high in zip(parameters, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS))


def default_parameters() -> tuple[float, ...]:
    """py-fsrs's FSRS-6 defaults (the scheduler's, when config.toml sets none)."""
    from fsrs.scheduler import DEFAULT_PARAMETERS

    return tuple(DEFAULT_PARAMETERS)


def grading_warnings(items: list[FitItem]) -> tuple[str, ...]:
    """Plain words on how the learner grades: Hard used as a fail, or (fine) only Again and Good."""
    warnings = [hard] if (hard := _hard_as_fail(items)) else []
    ratings = [rating for item in items for rating, _ in item.reviews[-1:]]
    if ratings and sum(r in (2, 4) for r in ratings) / len(ratings) < PASS_FAIL_SHARE:
        warnings.append(
            "Almost every answer is Again or Good: you grade pass/fail. That works well with FSRS; "
            "Hard and Easy are there if you want them."
        )
    return tuple(warnings)


def _hard_as_fail(items: list[FitItem]) -> str | None:
    """The warning that Hard looks like a failing grade, if the answers say so.

    Two signs, either enough. Cards answered Hard recalled next time less often than cards answered
    Again. Or, in reviews on a later day, Again almost never pressed while Hard is pressed several
    times as often: the first sign alone misses this learner, because their forgotten cards are
    logged as recalled (Hard), which makes Hard look successful."""
    after: dict[int, list[bool]] = {1: [], 2: []}
    for item in items:
        if (grade := _day_grade(item)) in after:
            after[grade].append(item.recalled)
    hard, again = after[2], after[1]
    if len(hard) >= MIN_GRADE_ANSWERS and len(again) >= MIN_GRADE_ANSWERS and _rate(hard) < _rate(again):
        return (
            f"Hard looks like a failing grade: cards you answered Hard were recalled next time {_rate(hard):.0%} "
            f"of the time, less than cards you answered Again ({_rate(again):.0%}). {HARD_MEANS}"
        )
    later = [item.reviews[-1][0] for item in items if item.reviews[-1][1] > 0]
    again_share, hard_share = (later.count(1) / len(later), later.count(2) / len(later)) if later else (0, 0)
    if len(later) >= MIN_LATER_REVIEWS and again_share < RARE_AGAIN and hard_share >= HARD_PER_AGAIN * again_share:
        return (
            f"Hard looks like a failing grade: in reviews you pressed Again {again_share:.0%} of the time and "
            f"Hard {hard_share:.0%}. If you press Hard when you forgot, FSRS takes those cards for remembered "
            f"and shows them too late. {HARD_MEANS}"
        )
    return None


def _day_grade(item: FitItem) -> int:
    """The grade the card got on the study day before the predicted answer: that day's first answer
    (the ones after it the same day are learning steps that follow from it)."""
    starts = [i for i, (_, days) in enumerate(item.reviews[:-1]) if days > 0 or i == 0]
    return item.reviews[starts[-1]][0]


def _rate(hits: list[bool]) -> float:
    return sum(hits) / len(hits)
