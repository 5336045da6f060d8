"""`revise optimize` on collections answered by simulated learners: what it saves, keeps and changes."""

import json

import pytest
from typer.testing import CliRunner

from bench.learners import UTC, Learner, study
from revise.cli import app
from revise.config import load_config
from revise.scheduling.fitting import MIN_ITEMS, default_parameters, grading_warnings
from revise.scheduling.optimize import group_items
from tests.personal.helpers import settings_of

runner = CliRunner()


def optimize(*args):
    result = runner.invoke(app, ["optimize", *args])
    assert result.exit_code == 0, result.output
    return result


def schedules(db):
    return {row[0]: row[1:] for row in db.execute("SELECT id, due, stability, difficulty, state FROM cards")}


def test_too_little_history_keeps_the_current_parameters_and_says_why(learned, typical, tmp_path):
    learned({"Spanish": (typical, 40, 6)})
    result = optimize("--json")
    found = json.loads(result.output)
    assert found["saved"] is False and found["fitted"] is None and found["reviews"] < MIN_ITEMS
    assert found["parameters"] == list(default_parameters())
    assert not (tmp_path / "config.toml").exists()
    text = optimize().output
    assert "Kept the current parameters: only" in text and f"at least {MIN_ITEMS}" in text
    assert "Nothing changed. Keep reviewing" in text


def test_fit_is_saved_when_better_and_memory_recomputed_but_due_dates_kept(learned, strong, tmp_path):
    db = learned({"Biology": (strong, 500, 50)})
    before = schedules(db)
    found = json.loads(optimize("--json").output)
    assert found["saved"] is True and found["reviews"] >= MIN_ITEMS and found["cards"] > 100
    assert found["fitted"]["log_loss"] < found["current"]["log_loss"]
    assert len(found["parameters"]) == 21
    assert settings_of(tmp_path / "config.toml").parameters == tuple(found["parameters"])
    after = schedules(db)
    assert {card: row[0] for card, row in after.items()} == {card: row[0] for card, row in before.items()}
    assert sum(after[card][1] != before[card][1] for card in before) > 100  # stabilities recomputed


def test_reschedule_moves_due_dates(learned, strong):
    db = learned({"Biology": (strong, 500, 50)})
    before = schedules(db)
    assert "due dates moved" in optimize("--reschedule").output.replace("due date moved", "due dates moved")
    after = schedules(db)
    moved = [card for card in before if after[card][0] != before[card][0]]
    assert len(moved) > 50
    assert all(before[card][3] == "review" for card in moved)  # learning cards keep their step's due


def test_never_saves_parameters_that_do_not_predict_better(learned, strong, tmp_path):
    db = learned({"Biology": (strong, 500, 50)})
    optimize()
    config = tmp_path / "config.toml"
    saved_text, before = config.read_bytes(), schedules(db)
    found = json.loads(optimize("--json").output)  # the same history: the refit is no better
    assert found["saved"] is False and found["fitted"]["log_loss"] >= found["current"]["log_loss"] - 1e-9
    assert config.read_bytes() == saved_text and schedules(db) == before
    assert "Your current parameters already fit you well" in optimize().output


def test_per_deck_parameters_go_into_the_deck_table_and_keep_the_rest(learned, strong, typical, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('# my settings\nnew_per_day = 20  # plenty\n\n[decks."Biology"]\nnew_per_day = 30\n')
    learned({"Biology": (strong, 400, 50), "Spanish": (typical, 400, 50)})
    found = json.loads(optimize("--json").output)
    assert found["deck"] is None and [d["deck"] for d in found["decks"]] == ["Biology"]
    text = config.read_text()
    assert text.startswith("# my settings\nnew_per_day = 20  # plenty\n") and "new_per_day = 30" in text
    biology, spanish = settings_of(config, "Biology"), settings_of(config, "Spanish")
    assert biology.parameters == tuple(found["decks"][0]["parameters"]) and biology.new_per_day == 30
    assert spanish.parameters == tuple(found["parameters"]) != biology.parameters


def test_deck_option_fits_one_deck_into_its_own_table(learned, strong, typical, tmp_path):
    learned({"Biology": (strong, 400, 50), "Spanish": (typical, 60, 10)})
    found = json.loads(optimize("--deck", "Biology", "--json").output)
    assert found["deck"] == "Biology" and found["saved"] and "decks" not in found
    config = load_config(tmp_path / "config.toml")
    assert config.default.parameters is None and config.for_deck("Biology").parameters == tuple(found["parameters"])
    result = runner.invoke(app, ["optimize", "--deck", "Chemistry"])
    assert result.exit_code == 1 and "no cards in a deck named 'Chemistry'" in result.output


@pytest.mark.parametrize("seed", [0, 1, 7])
@pytest.mark.parametrize("hard_when_forgotten", [0.8, 1.0])
def test_hard_used_as_a_fail_is_named(hard_when_forgotten, seed):
    """Whether the learner sometimes presses Again on a forgotten card or never (then every forgotten
    card is logged as recalled, and only the rarity of Again gives it away)."""
    hard_fails = Learner(default_parameters(), hard_when_forgotten=hard_when_forgotten)
    items, _ = group_items(study(hard_fails, 300, 60, seed=seed), 4, UTC)
    assert any(w.startswith("Hard looks like a failing grade") for w in grading_warnings(items))


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_hard_used_as_a_pass_is_not_named(seed):
    items, _ = group_items(study(Learner(default_parameters()), 300, 60, seed=seed), 4, UTC)
    assert not any(w.startswith("Hard looks") for w in grading_warnings(items))


def test_pass_fail_learner_is_told_it_is_fine():
    pass_fail = Learner(default_parameters(), first_ratings=(0.3, 0, 0.7, 0), passed_ratings=(0, 1, 0))
    items, _ = group_items(study(pass_fail, 300, 40), 4, UTC)
    assert any("you grade pass/fail. That works well" in w for w in grading_warnings(items))
    items, _ = group_items(study(Learner(default_parameters()), 300, 40), 4, UTC)
    assert not any("pass/fail" in w for w in grading_warnings(items))


def test_no_collection_is_an_error():
    result = runner.invoke(app, ["optimize"])
    assert result.exit_code == 1 and "Error: no collection" in result.output

