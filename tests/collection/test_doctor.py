"""`doctor`: each problem it finds (with what to do), the repairs it makes, and those it refuses to make."""

from __future__ import annotations

import sqlite3

import pytest

from revise.collection.database import open_collection
from revise.collection.doctor import diagnose, pending_steps, repair
from tests.collection.safety import LAST_STEP, collection_with_cards, older_collection


@pytest.fixture
def path(tmp_path):
    return collection_with_cards(tmp_path / "c.db", cards=7)


def damage(path, sql: str) -> None:
    """Change the collection behind revise's back (as a crash, a bad tool or a disk might)."""
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.close()


def kinds(path) -> list[str]:
    return [p.kind for p in diagnose(open_collection(path, read_only=True))]


def test_a_sound_collection_has_no_problem(path):
    assert diagnose(open_collection(path, read_only=True)) == []
    assert pending_steps(path) == []


def test_schedule_fields_out_of_range_are_found_and_mended_safely(path):
    damage(path, "UPDATE cards SET difficulty = 14 WHERE id = 1; UPDATE cards SET state = 'lost' WHERE id = 2;"
                 "UPDATE cards SET state = 'review', due = 'soon', stability = 3 WHERE id = 3;"
                 "UPDATE cards SET reps = -2 WHERE id = 4;")
    db = open_collection(path)
    [problem] = diagnose(db)
    assert (problem.kind, problem.detail, problem.fixable) == (
        "schedule", "4 cards with schedule fields out of range (ids 1, 2, 3, 4)", True)
    assert repair(db, [problem]) == ["reset 2 cards to new", "brought the values of 2 cards into range"]
    assert db.execute("SELECT id, state, difficulty, reps FROM cards WHERE id <= 4").fetchall() == [
        (1, "new", 10.0, 0), (2, "new", None, 0), (3, "new", None, 0), (4, "new", None, 0)]
    assert diagnose(db) == []
    assert db.execute("SELECT count(*) FROM revlog").fetchone()[0] == 1  # history is never touched


def test_orphans_are_reported_with_the_way_out_and_never_deleted(path):
    damage(path, "PRAGMA foreign_keys = OFF; DELETE FROM notes WHERE id = (SELECT note_id FROM cards WHERE id = 2);"
                 "INSERT INTO revlog (card_id, reviewed_at, rating, state) VALUES (999, '2025-01-01T00:00:00+00:00', 3, 'new');")
    db = open_collection(path)
    problems = diagnose(db)
    assert [(p.kind, p.detail, p.fixable) for p in problems] == [
        ("orphan_cards", "1 card whose note is gone (cards ids 2)", False),
        ("orphan_reviews", "1 review of unknown cards (revlog ids 2)", False),
        ("source_counts", "1 source with a wrong card count", True)]  # the card counted no longer counts
    assert problems[0].fix.startswith("kept as they are (deleting them would lose history); restore a backup")
    assert repair(db, problems) == ["recounted the sources' cards"]
    assert db.execute("SELECT count(*) FROM revlog").fetchone()[0] == 2
    assert db.execute("SELECT count(*) FROM cards").fetchone()[0] == 7


def test_derived_tables_out_of_step_are_rebuilt(path):
    damage(path, "DELETE FROM review_facts; UPDATE sources SET cards = 99;")
    db = open_collection(path)
    problems = diagnose(db)
    assert [p.kind for p in problems] == ["review_facts", "source_counts"]
    assert repair(db, problems) == ["rebuilt review_facts from the review log", "recounted the sources' cards"]
    assert db.execute("SELECT count(*) FROM review_facts").fetchone()[0] == 1
    assert db.execute("SELECT cards FROM sources").fetchall() == [(7,)]


def test_imported_files_that_are_gone_are_reported_not_retired(path, tmp_path):
    (tmp_path / "c-notes.md").unlink()
    [problem] = diagnose(open_collection(path, read_only=True))
    assert (problem.kind, problem.detail, problem.fixable) == (
        "missing_sources", f"1 imported file no longer exist: {tmp_path / 'c-notes.md'}", False)
    assert "reconnect the drive" in problem.fix


def test_an_older_schema_is_reported_and_upgraded_by_opening_for_writing(tmp_path):
    path = older_collection(tmp_path / "c.db")
    assert pending_steps(path) == [LAST_STEP]
    [problem] = diagnose(open_collection(path, read_only=True), pending_steps(path))
    assert (problem.kind, problem.fixable) == ("schema", True)
    assert problem.detail == f"the collection's schema is older than this revise's (1 step to apply: {LAST_STEP})"
    open_collection(path).conn.close()
    assert pending_steps(path) == []


def test_a_broken_index_is_found_and_rebuilt(path):
    db = open_collection(path)
    db.conn.execute("PRAGMA writable_schema = ON")  # make notes_key index a different index than its entries
    db.conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX notes_key ON notes(text)' WHERE name = 'notes_key'")
    db.conn.commit()
    db.conn.close()
    db = open_collection(path)
    [problem] = diagnose(db)
    assert (problem.kind, problem.fixable) == ("integrity", True) and "notes_key" in problem.detail
    assert repair(db, [problem]) == ["rebuilt the indexes"]
    assert diagnose(db) == []


def test_damaged_pages_are_an_integrity_problem_whose_way_out_is_a_backup(tmp_path):
    path = collection_with_cards(tmp_path / "c.db", cards=300)
    sqlite3.connect(path).execute("PRAGMA journal_mode = DELETE").close()
    data = bytearray(path.read_bytes())
    data[4096 * 3: 4096 * 3 + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))
    problems = diagnose(open_collection(path, read_only=True))
    assert problems[0].kind == "integrity" and not problems[0].fixable
    assert "`revise restore FILE` puts one back" in problems[0].fix
