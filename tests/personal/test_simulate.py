"""`revise simulate`: forecasts from the learner's cards and answers, monotone in the retention."""

import json

from typer.testing import CliRunner

from revise.cli import app

runner = CliRunner()


def simulate(*args):
    result = runner.invoke(app, ["simulate", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_higher_retention_asks_for_more_reviews(learned, typical):
    learned({"Spanish": (typical, 300, 30)})
    totals = [json.loads(simulate("--retention", str(r), "--days", "180", "--json"))["total_reviews"]
              for r in (0.7, 0.8, 0.9, 0.95)]
    assert totals == sorted(totals) and len(set(totals)) == 4
    found = json.loads(simulate("--retention", "0.9", "--days", "30", "--json"))
    assert set(found) == {"retention", "days", "reviews_per_day", "minutes_per_day", "total_reviews", "memorized"}
    assert len(found["reviews_per_day"]) == len(found["minutes_per_day"]) == 30
    assert found["total_reviews"] == sum(found["reviews_per_day"]) and 0 < found["memorized"] <= 300


def test_the_table_marks_the_least_work_per_card(learned, typical):
    learned({"Spanish": (typical, 200, 20)})
    text = simulate("--days", "90")
    assert text.startswith("Forecast for the next 90 days:")
    assert text.count("← least work per card") == 1 and "70%" in text and "97%" in text
    table = json.loads(simulate("--days", "90", "--json"))
    best = min(table["simulations"], key=lambda s: sum(s["minutes_per_day"]) / s["memorized"])
    assert table["least_work"] == best["retention"]


def test_simulate_needs_cards_and_a_known_deck(learned, typical):
    result = runner.invoke(app, ["simulate"])
    assert result.exit_code == 1 and "Error: no collection" in result.output
    learned({"Spanish": (typical, 20, 2)})
    result = runner.invoke(app, ["simulate", "--deck", "French"])
    assert result.exit_code == 1 and "no cards in a deck named 'French'" in result.output
    assert runner.invoke(app, ["simulate", "--retention", "1.5"]).exit_code == 2
