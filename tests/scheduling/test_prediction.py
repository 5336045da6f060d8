"""Predictions judged as fsrs-rs judges parameters: the same figures as its `evaluate` for FSRS's own
predictions, so a constant rate is measured on the same scale."""

import math
from datetime import datetime, timezone

import pytest

from bench.learners import Learner, study
from revise.scheduling.fit_items import FitItem
from revise.scheduling.fitting import default_parameters, evaluate
from revise.scheduling.optimize import group_items
from revise.scheduling.prediction import (constant_evaluation, evaluate_predictions, predicted_recall,
                                          recency_weights, rmse_bin)

AT = datetime(2026, 1, 5, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def items():
    return group_items(study(Learner(default_parameters()), 300, 60), 4, timezone.utc)[0]


@pytest.mark.parametrize("shift", [0.0, 0.3])
def test_fsrs_predictions_give_fsrs_rs_own_figures(items, shift):
    parameters = tuple(w + shift if i in (0, 1, 2, 3) else w for i, w in enumerate(default_parameters()))
    ours = evaluate_predictions(items, predicted_recall(parameters, items))
    theirs = evaluate(parameters, items)
    assert ours.log_loss == pytest.approx(theirs.log_loss, abs=1e-5)
    assert ours.rmse_bins == pytest.approx(theirs.rmse_bins, abs=1e-5)


def test_recent_items_weigh_more_and_unweighted_counts_each_alike(items):
    assert recency_weights(5) == [0.25, 0.25 + 0.75 / 64, 0.25 + 0.75 / 8, 0.25 + 0.75 * 27 / 64, 1.0]
    rate = sum(item.recalled for item in items) / len(items)
    plain = constant_evaluation(rate, items, recency=False)
    recalled = [item.recalled for item in items]
    expected = -sum(math.log(rate if hit else 1 - rate) for hit in recalled) / len(recalled)
    assert plain.log_loss == pytest.approx(expected) != constant_evaluation(rate, items).log_loss


def test_bins_group_by_days_reviews_and_lapses_as_fsrs_rs_does():
    item = FitItem(((3, 0), (3, 1), (1, 3), (3, 1), (3, 10)), AT)
    assert rmse_bin(item) == (898, 7, 2)  # 10 days; 4 long-term reviews + 1; one lapse
    assert rmse_bin(FitItem(((3, 0), (3, 1)), AT)) == (248, 4, 0)
