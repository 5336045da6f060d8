"""`revise card ID`: one card's text, place, schedule and review history; read-only."""

from __future__ import annotations

import gc
import json
import os
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from revise.cli import app
from tests.interop.exports import make_collection


def card_json(card_id: int) -> dict:
    result = CliRunner().invoke(app, ["card", str(card_id), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_json_has_the_cards_schedule_and_every_review(tmp_path):
    make_collection(tmp_path / "notes", "\n3\n\n1\n\n1\n\n3\n\n3\n\n1\n\n3\n\n3\nq\n")
    conn = sqlite3.connect(tmp_path / "collection.db")
    card_id, = conn.execute("SELECT id FROM cards WHERE front = 'What does ReLU compute?'").fetchone()
    logged = conn.execute("SELECT rating, interval_days FROM revlog WHERE card_id = ? ORDER BY id", [card_id]).fetchall()
    conn.close()
    info = card_json(card_id)
    assert info["front"] == "What does ReLU compute?" and info["deck"] == "Course::Week 1"
    assert info["tags"] == ["course", "activation"] and info["source"].endswith("week1.md") and info["line"] == 6
    assert [(r["rating"], r["interval_days"]) for r in info["reviews"]] == logged
    assert len(logged) >= 1 and {r["type"] for r in info["reviews"]} == {"Learn"}
    assert info["state"] == "learning" and 0 < info["retrievability"] <= 1 and info["reps"] == len(logged)


def test_the_screen_shows_the_facts_and_the_history(tmp_path):
    make_collection(tmp_path / "notes", "\n3\nq\n")  # the first card in reading order: languages.md's
    result = CliRunner().invoke(app, ["card", "1"])
    assert result.exit_code == 0, result.output
    for words in ("chat", "cat", "Languages", "languages.md:5", "Retrievability", "Learn", "Good", "10m"):
        assert words in result.stdout


def test_a_new_card_has_no_reviews_and_no_recall(tmp_path):
    make_collection(tmp_path / "notes")
    info = card_json(2)
    assert info["reviews"] == [] and info["retrievability"] is None and info["state"] == "new"


def test_an_unknown_id_is_an_error_naming_it_and_nothing_is_written(tmp_path):
    make_collection(tmp_path / "notes")
    gc.collect()  # the import's connection closed: its last checkpoint done
    before = files(tmp_path)
    result = CliRunner().invoke(app, ["card", "999"])
    assert result.exit_code == 1 and "Error: no card 999" in result.output
    assert CliRunner().invoke(app, ["card", "1"]).exit_code == 0
    gc.collect()
    after = files(tmp_path)  # reading a WAL database may leave an empty WAL and its index: no data
    assert after["collection.db"] == before["collection.db"] and after.get("collection.db-wal", b"") == b""


def files(folder: Path) -> dict[str, bytes]:
    """The collection's files (with its WAL) and their bytes."""
    return {p.name: p.read_bytes() for p in folder.glob("collection.db*")}


def test_without_a_collection_it_creates_none(tmp_path):
    result = CliRunner().invoke(app, ["card", "1"])
    assert result.exit_code == 1 and "Error: no collection at" in result.output
    assert not Path(os.environ["REVISE_COLLECTION"]).exists()


def test_a_file_that_is_not_a_collection_is_refused(tmp_path):
    (tmp_path / "other.db").write_bytes(b"not sqlite at all" * 100)
    result = CliRunner().invoke(app, ["--collection", str(tmp_path / "other.db"), "card", "1"])
    assert result.exit_code == 1 and "Error:" in result.output and "Traceback" not in result.output
