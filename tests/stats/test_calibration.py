"""Calibration in `revise stats`: review answers a day or more apart, binned by predicted recall."""

import json

from typer.testing import CliRunner

from bench.learners import Learner, strong_learner, study
from revise.cli import app
from revise.config import Config
from revise.scheduling.fitting import default_parameters
from revise.stats.calibration import read_calibration
from tests.personal.helpers import collection_of, write_answers


def test_bins_of_review_answers_with_counts_predictions_and_recall(tmp_path):
    db, ids = collection_of(tmp_path / "collection.db", tmp_path / "notes", {"Spanish": 200})
    write_answers(db, study(Learner(default_parameters()), ids["Spanish"], 40))
    found = read_calibration(db, Config())
    day_apart = db.execute("SELECT count(*) FROM review_facts WHERE state = 'review' AND elapsed_s >= 86400").fetchone()[0]
    assert sum(n for *_, n in found.bins) == day_apart > 300
    assert [p for p, *_ in found.bins] == sorted(p for p, *_ in found.bins)
    assert all(0 < p < 1 and 0 <= a <= 1 for p, a, _ in found.bins)  # no same-day answer predicted certain
    assert 0 < found.rmse < 0.2
    stats = json.loads(CliRunner().invoke(app, ["stats", "--json"]).output)
    assert stats["calibration"] == found.to_json() and set(stats["calibration"][0]) == {"predicted", "actual", "count"}
    assert "Calibration: predicted against actual recall" in CliRunner().invoke(app, ["stats"]).output


def test_a_learner_far_from_the_defaults_shows_as_a_gap(tmp_path):
    db, ids = collection_of(tmp_path / "collection.db", tmp_path / "notes", {"Biology": 200})
    write_answers(db, study(strong_learner(default_parameters()), ids["Biology"], 40))
    found = read_calibration(db, Config())
    assert sum(n * (a - p) for p, a, n in found.bins) > 0  # remembers better than the defaults predict
