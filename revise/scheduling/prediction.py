"""Predictions judged as fsrs-rs's `evaluate` judges parameters, so that a predictor which is not a
set of FSRS parameters (the constant rate of bench/scheduling.py) is measured on the same scale.

fsrs-rs (`inference.rs`, `evaluate`) weights the items it is given by recency, 0.25 for the first to
1 for the last (`dataset.rs`, `recency_weighted_fsrs_items`), for both figures: log loss, and
RMSE(bins), whose bins group items by days since the last review, reviews so far and lapses
(`FSRSItem::r_matrix_index`), not by the prediction. Pure but for fsrs-rs's memory states.
"""

from __future__ import annotations

import math

from revise.scheduling.fit_items import FitItem
from revise.scheduling.fitting import Evaluation

EPSILON = 1e-7  # a prediction of exactly 0 or 1 that turns out wrong costs this much, not infinity


def predicted_recall(parameters: tuple[float, ...], items: list[FitItem]) -> list[float]:
    """FSRS's probability of recall of each item's last answer, from the memory state of the ones before."""
    from fsrs_rs_python import FSRS, FSRSItem, FSRSReview

    fsrs, decay = FSRS(list(parameters)), parameters[20]
    factor = 0.9 ** (-1 / decay) - 1
    recall = []
    for item in items:
        stability = fsrs.memory_state(FSRSItem([FSRSReview(r, days) for r, days in item.reviews[:-1]])).stability
        recall.append((1 + factor * item.reviews[-1][1] / stability) ** -decay)
    return recall


def evaluate_predictions(items: list[FitItem], predicted: list[float], recency: bool = True) -> Evaluation:
    """Log loss and RMSE(bins) of `predicted` for `items` (in time order), as fsrs-rs computes them;
    without `recency`, every item counts the same."""
    weights = recency_weights(len(items)) if recency else [1.0] * len(items)
    loss = -sum(w * math.log(max(EPSILON, p if item.recalled else 1 - p))
                for w, p, item in zip(weights, predicted, items)) / sum(weights)
    bins: dict[tuple[int, int, int], list[float]] = {}
    for w, p, item in zip(weights, predicted, items):
        found = bins.setdefault(rmse_bin(item), [0.0, 0.0, 0, 0.0])  # predicted, recalled, count, weight
        found[0] += p
        found[1] += item.recalled
        found[2] += 1
        found[3] += w
    squares = sum((p / n - a / n) ** 2 * w for p, a, n, w in bins.values())
    return Evaluation(loss, math.sqrt(squares / sum(w for *_, w in bins.values())))


def constant_evaluation(rate: float, items: list[FitItem], recency: bool = True) -> Evaluation:
    """The evaluation of predicting the same recall `rate` for every item (the baseline)."""
    return evaluate_predictions(items, [rate] * len(items), recency)


def recency_weights(count: int) -> list[float]:
    """fsrs-rs's weight of each of `count` items in order: 0.25 + 0.75 · (position / last)³."""
    last = max(count - 1, 1)
    return [0.25 + 0.75 * (i / last) ** 3 for i in range(count)]


def rmse_bin(item: FitItem) -> tuple[int, int, int]:
    """fsrs-rs's RMSE(bins) bin of an item: days since the last review, long-term reviews, lapses, each
    on a log scale."""
    days = item.reviews[-1][1]
    length = sum(1 for _, elapsed in item.reviews if elapsed > 0) + 1
    lapses = sum(1 for rating, elapsed in item.reviews[:-1] if rating == 1 and elapsed > 0)
    lapse_bin = _rounded(1.65 * 1.73 ** math.floor(math.log(lapses, 1.73))) if lapses else 0
    return (_rounded(2.48 * 3.62 ** math.floor(math.log(days, 3.62)) * 100),
            _rounded(1.99 * 1.89 ** math.floor(math.log(length, 1.89))), lapse_bin)


def _rounded(value: float) -> int:
    """Rounded half away from zero, as Rust rounds (Python's round() goes to the even neighbour)."""
    return math.floor(value + 0.5)
