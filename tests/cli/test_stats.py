"""`revise stats` through the CLI: screen, --json, --deck, --days and errors."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone

from typer.testing import CliRunner

from revise.cli import app
from revise.collection import open_collection


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def seed(path: str) -> None:
    """Two decks; one card answered a minute ago (the CLI reads the real clock)."""
    now = datetime.now(timezone.utc)
    db = open_collection(path)
    for index, deck in enumerate(["course::week1", "languages"]):
        note = db["notes"].insert({"key": f"k{index}", "kind": "basic", "text": "t", "source": "/n/a.md",
                                   "line": index + 1, "deck": deck, "created_at": iso(now), "updated_at": iso(now)}).last_pk
        db["cards"].insert({"note_id": note, "ord": 0, "front": f"Question {index}", "back": "A",
                            "state": "review", "stability": 3.0, "due": iso(now + timedelta(days=3)),
                            "last_review": iso(now - timedelta(seconds=2)), "lapses": index})
    previous = {"state": "review", "stability": 3.0, "last_review": iso(now - timedelta(days=3)), "due": iso(now)}
    db["revlog"].insert({"card_id": 1, "reviewed_at": iso(now - timedelta(seconds=2)), "rating": 3,
                         "state": "review", "duration_ms": 7000, "kind": "review", "previous": json.dumps(previous)})
    db.conn.close()


def test_stats_json_has_the_documented_fields():
    seed(os.environ["REVISE_COLLECTION"])
    result = CliRunner().invoke(app, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"cards", "today", "streak", "retention", "forecast", "heatmap", "knowledge", "decks", "hardest"}
    assert data["cards"]["young"] == 2 and data["today"]["reviews"] == 1 and data["today"]["seconds"] == 7.0
    assert data["streak"] == {"current": 1, "longest": 1}
    assert data["retention"]["7d"]["reviews"] == 1 and data["retention"]["7d"]["true"] == 1.0
    assert set(data["retention"]) == {"7d", "30d", "365d"}
    assert len(data["forecast"]) == 30 and data["forecast"][3]["due"] + data["forecast"][2]["due"] == 2
    assert data["heatmap"][-1]["reviews"] == 1


def test_stats_screen_and_deck_and_days():
    seed(os.environ["REVISE_COLLECTION"])
    result = CliRunner().invoke(app, ["stats", "--deck", "course", "--days", "14"])
    assert result.exit_code == 0, result.output
    assert "deck course" in result.stdout and "Forecast, next 14 days" in result.stdout
    assert "course " in result.stdout and "  week1 " in result.stdout and "languages" not in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes


def test_stats_unknown_deck_is_an_error():
    seed(os.environ["REVISE_COLLECTION"])
    result = CliRunner().invoke(app, ["stats", "--deck", "nope"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no cards in a deck named 'nope'. Decks: course::week1, languages.")


def test_stats_days_must_be_positive():
    result = CliRunner().invoke(app, ["stats", "--days", "0"])
    assert result.exit_code == 2


def test_stats_on_a_missing_collection_is_an_error_and_creates_nothing():
    result = CliRunner().invoke(app, ["stats"])
    assert result.exit_code == 1 and result.stderr.startswith("Error: no collection at ")
    assert not os.path.exists(os.environ["REVISE_COLLECTION"])


def test_stats_on_an_empty_collection():
    open_collection(os.environ["REVISE_COLLECTION"]).conn.close()
    result = CliRunner().invoke(app, ["stats"])
    assert result.exit_code == 0, result.output
    assert "Today" in result.stdout and "Hardest cards" not in result.stdout


def test_stats_deck_on_an_empty_collection_is_an_error():
    open_collection(os.environ["REVISE_COLLECTION"]).conn.close()
    result = CliRunner().invoke(app, ["stats", "--deck", "nope", "--json"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr == "Error: no cards in a deck named 'nope'. Decks: none yet (run revise import).\n"
    assert result.stdout == ""


def test_stats_days_beyond_a_century_is_an_error():
    open_collection(os.environ["REVISE_COLLECTION"]).conn.close()
    result = CliRunner().invoke(app, ["stats", "--days", "3000000"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr == "Error: --days must be from 1 to 36500 (100 years), not 3000000.\n"


def test_stats_never_prints_the_terminal_codes_of_a_card(tmp_path):
    """Card text reaches the screen with its control characters made visible, never sent raw."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "evil.md").write_text("Q: What \x1b[31mred\x1b[0m\x1b]0;pwned\x07 is this?\nA: x\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(notes)]).exit_code == 0
    assert runner.invoke(app, ["review"], input="\n3\nq\n").exit_code == 0
    db = open_collection(os.environ["REVISE_COLLECTION"])
    db.execute("UPDATE cards SET lapses = 1")  # a hard card, so that the screen lists it
    db.conn.commit()
    db.conn.close()
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "What ␛[31mred␛[0m␛]0;pwned␇ is this?" in result.stdout and "evil.md:1" in result.stdout
