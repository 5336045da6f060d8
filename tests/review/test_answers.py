"""What a session writes and undoes: answers with the interval shown, bury, suspend, siblings,
leeches and cram, each committed at once and taken back by `u`."""

import io
import json
import re
from datetime import timedelta

import pytest
from rich.console import Console

from revise import collection, scheduling
from revise.config import Config
from revise.review.selection import Selection
from revise.review.session import Session
from tests.review.scripted import UTC, START, session, revlog, card, db_source


@pytest.mark.parametrize("rating", [1, 2, 3, 4])
def test_each_grade_gives_the_interval_shown(db, rating):
    _, out, script = session(db, ["", str(rating), "q"])
    shown = dict(re.findall(r"(\d) (?:Again|Hard|Good|Easy) (\S+)", out))[str(rating)]
    [log] = revlog(db)
    first = card(db, log["card_id"])
    assert log["rating"] == rating and log["state"] == "new" and log["kind"] == "review"
    assert log["duration_ms"] == 8000  # from showing the question to the grade key: two keys
    answered_at = scheduling.parse_time(log["reviewed_at"])
    assert scheduling.format_interval(scheduling.parse_time(first["due"]) - answered_at) == shown
    assert first["reps"] == 1 and first["state"] == ("review" if rating == 4 else "learning")
    assert json.loads(log["previous"]) == scheduling.Schedule().to_row()


def test_answer_is_committed_before_the_next_card_shows(db, tmp_path):
    seen = []

    def spy(timeout=None):
        # a second connection sees exactly the answers given so far
        other = collection.open_collection(tmp_path / "collection.db")
        seen.append(other.execute("SELECT count(*) FROM revlog").fetchone()[0])
        return keys.pop(0) if keys else "q"

    keys = ["", "3", "", "3", "q"]
    Session(db, Console(file=io.StringIO()), spy, config=Config(), clock=lambda: START, tz=UTC).run()
    assert seen == [0, 0, 1, 1, 2]


def test_undo_twice_restores_both_cards(db):
    _, out, _ = session(db, ["", "3", "", "4", "u", "u", "q"])
    assert revlog(db) == []
    assert [card(db, i)["state"] for i in (1, 2, 3)] == ["new", "new", "new"]
    assert [card(db, i)["reps"] for i in (1, 2, 3)] == [0, 0, 0]
    assert "Undone: card 2." in out and "Undone: card 1." in out
    # the card undone last is shown again
    assert out.rsplit("Undone: card 1.", 1)[1].splitlines()[4].strip() == "What does ReLU compute?"


def test_undo_restores_from_the_log_after_a_review(db):
    reviewed = scheduling.Schedule(state="review", stability=20.0, difficulty=5.0, due=START - timedelta(days=1),
                                  last_review=START - timedelta(days=21), reps=4, lapses=1)
    collection.set_schedule(db, 2, reviewed.to_row())
    session(db, ["", "1", "u", "q"], selection=Selection(limit=1, new_limit=0))
    assert scheduling.Schedule.from_row(card(db, 2)) == reviewed
    assert revlog(db) == []


def test_bury_until_the_next_study_day(db):
    _, out, _ = session(db, ["b", "", "3", "q"])
    assert card(db, 1)["buried_until"] == "2026-03-03T04:00:00+00:00"
    assert [log["card_id"] for log in revlog(db)] == [2]
    assert "Buried until 04:00 tomorrow: card 1." in out
    assert out.count("What does ReLU compute?") == 1


def test_suspend(db):
    _, out, _ = session(db, ["s", "q"])
    assert card(db, 1)["suspended"] == 1
    assert "Suspended: card 1." in out
    _, out, _ = session(db, ["q"])
    assert "What does ReLU compute?" not in out


def test_siblings_are_buried_when_one_is_answered(notes_db):
    database = notes_db("rev", {"words.md": "epoch ::: one full pass over the training set\n\nbatch ::: a slice of the data\n"})
    notes = {row["id"]: row["note_id"] for row in database.query("SELECT id, note_id FROM cards")}
    summary, out, _ = session(database, ["", "4", "", "4", "q"])
    answered = [log["card_id"] for log in revlog(database)]
    assert len({notes[i] for i in answered}) == 2  # one card of each note
    for card_id in set(notes) - set(answered):
        assert card(database, card_id)["buried_until"] == "2026-03-03T04:00:00+00:00"
    session(database, ["u", "u", "q"])  # a new session cannot undo the old one's answers
    assert len(revlog(database)) == 2


def test_undo_unburies_the_sibling(notes_db):
    database = notes_db("rev", {"words.md": "epoch ::: one full pass over the training set\n\nbatch :: a slice\n"})
    _, out, _ = session(database, ["", "4", "u", "q"])
    assert [row["buried_until"] for row in database.query("SELECT buried_until FROM cards")] == [None] * 3
    assert revlog(database) == []


def test_leech_is_tagged_suspended_and_told(db):
    lapsing = scheduling.Schedule(state="review", stability=3.0, difficulty=8.0, due=START,
                                 last_review=START - timedelta(days=3), reps=20, lapses=7)
    collection.set_schedule(db, 3, lapsing.to_row())
    summary, out, _ = session(db, ["", "1", "q"], selection=Selection(new_limit=0), width=200)
    assert card(db, 3)["suspended"] == 1 and card(db, 3)["lapses"] == 8
    assert "leech" in json.loads(card(db, 3)["tags"])
    assert "Card 3 is a leech (8 lapses): tagged 'leech' and suspended it." in out
    assert [leech.card_id for leech in summary.leeches] == [3]
    assert out.endswith(
        "Leeches found: 1 (tagged 'leech'); consider rewriting it:\n"
        f"  card 3  {db_source(db, 3)}:13  (suspended)\n"
        "Due tomorrow: 0 cards (2 new not yet studied, 0 a day).\n"  # --new 0
    )


def test_undoing_the_leech_answer_takes_it_off_the_summary(db):
    lapsing = scheduling.Schedule(state="review", stability=3.0, difficulty=8.0, due=START,
                                 last_review=START - timedelta(days=3), reps=20, lapses=7)
    collection.set_schedule(db, 3, lapsing.to_row())
    summary, out, _ = session(db, ["", "1", "u", "q"], selection=Selection(new_limit=1))
    assert "Card 3 is a leech" in out and "Undone: card 3." in out
    assert summary.leeches == [] and "Leeches found" not in out
    assert card(db, 3)["suspended"] == 0 and "leech" not in json.loads(card(db, 3)["tags"])


def test_cram_leaves_the_schedule_alone(db):
    before = [card(db, i) for i in (1, 2, 3)]
    summary, out, _ = session(db, ["", "1", "", "3", "", "3", "", "3", "q"], selection=Selection(cram=True))
    assert [card(db, i) for i in (1, 2, 3)] == before
    assert [log["kind"] for log in revlog(db)] == ["cram"] * 4
    assert [log["card_id"] for log in revlog(db)] == [1, 2, 3, 1]  # Again comes back a few cards later
    assert "1 Again   2 Hard   3 Good   4 Easy" in out
