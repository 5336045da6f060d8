"""`revise stats --graphs` through the CLI: real answers from `revise review`, the screen, --json, --deck, --days."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from revise.cli import app

NOTES = """# Activation functions

Q: What does ReLU compute?
A: max(0, z)

Adam combines :: momentum and RMSprop

C: The [sigmoid] squashes z into [(0, 1)].
"""


def reviewed(tmp_path: Path) -> Path:
    """A notes folder answered by the real `revise review`: three cards (the cloze's sibling waits for tomorrow)."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "ml.md").write_text(NOTES)
    keys = "\n1\n\n3\n\n3\nq\n"  # reveal and answer each card: Again, Good, Good
    done = CliRunner().invoke(app, ["review", str(notes)], input=keys)
    assert done.exit_code == 0, done.output
    return notes


def test_graphs_json_counts_the_answers_of_a_real_review(tmp_path):
    reviewed(tmp_path)
    result = CliRunner().invoke(app, ["stats", "--graphs", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"now", "date", "deck", "period_days", "reviews", "buttons", "hours", "intervals",
                         "stability", "difficulty", "retrievability"}
    assert data["period_days"] == 365 and len(data["reviews"]) == 1 and data["reviews"][0]["new"] == 3
    assert data["buttons"]["learning"] == {"again": 1, "hard": 0, "good": 2, "easy": 0}
    assert sum(h["reviews"] for h in data["hours"]) == 3 and sum(h["correct"] for h in data["hours"]) == 2
    assert data["stability"]["cards"] == 3 and data["difficulty"]["cards"] == 3
    assert data["retrievability"]["average"] == 1.0 and data["retrievability"]["recall_sum"] == 3.0


def test_graphs_screen_deck_and_days(tmp_path):
    reviewed(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["stats", "--graphs", "--days", "7"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    for title in ("Reviews, last 7 days", "True retention, last 7 days", "Review intervals", "Stability",
                  "Difficulty", "Retrievability", "Answer buttons, last 7 days", "Hour of day, last 7 days"):
        assert title in result.stdout
    assert "░ new 3 · ▒ learning 0 · ▓ young 0 · █ mature 0" in result.stdout
    assert "Heatmap" not in result.stdout and "Hardest cards" not in result.stdout  # the default screen is apart
    missing = runner.invoke(app, ["stats", "--graphs", "--deck", "nope"])
    assert missing.exit_code == 1 and "Error: no cards in a deck named 'nope'" in missing.output
    assert runner.invoke(app, ["stats", "--graphs", "--days", "0"]).exit_code == 2


def test_graphs_need_a_collection():
    result = CliRunner().invoke(app, ["stats", "--graphs"])
    assert result.exit_code == 1 and "Error: no collection" in result.output
