"""Backups: through SQLite's backup API, before migrations and the day's first write, 7 daily and 4 weekly kept."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import datetime, timedelta

from revise.collection.backups import backups_dir, daily_backup, list_backups, make_backup, prune
from revise.collection.database import open_collection
from tests.collection.safety import LAST_STEP, collection_with_cards, older_collection

MORNING = datetime(2025, 6, 2, 9, 30)


def names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_backups_live_in_the_user_data_directory_one_folder_per_collection(tmp_path):
    first, second = backups_dir(tmp_path / "a" / "c.db"), backups_dir(tmp_path / "b" / "c.db")
    assert first.parent == tmp_path / "home" / "data" / "revise" / "backups"  # XDG_DATA_HOME, set by conftest
    assert first != second and first.name.startswith("c-") and second.name.startswith("c-")


def test_a_backup_is_a_whole_consistent_collection_in_one_file(tmp_path):
    path = collection_with_cards(tmp_path / "c.db")
    db = open_collection(path)
    written = make_backup(db.conn, path, "manual", now=MORNING)
    assert written == backups_dir(path) / "2025-06-02T093000-manual.db"
    copy = sqlite3.connect(written)
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # no -wal needed beside it
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM cards").fetchone()[0] == 3
    assert names(written.parent) == ["2025-06-02T093000-manual.db"]  # the .partial file was renamed
    again = make_backup(db.conn, path, "manual", now=MORNING)
    assert again.name == "2025-06-02T093000-manual-2.db"


def test_a_backup_taken_while_another_connection_writes_holds_a_committed_state(tmp_path):
    path = collection_with_cards(tmp_path / "c.db", cards=200)
    reader = open_collection(path)
    done, written_rows = threading.Event(), []

    def write() -> None:  # answers committed one by one, as a review session does, on its own connection
        writer = open_collection(path)
        while not done.is_set():
            with writer.conn:
                writer.execute("INSERT INTO revlog (card_id, reviewed_at, rating, state) "
                               "VALUES (1, '2025-01-03T10:00:00+00:00', 3, 'review')")
            written_rows.append(1)

    thread = threading.Thread(target=write)
    thread.start()
    try:
        while len(written_rows) < 20:  # the writer is under way before the first backup
            time.sleep(0.001)
        backups = [make_backup(reader.conn, path, "manual", now=MORNING + timedelta(seconds=i)) for i in range(5)]
    finally:
        done.set()
        thread.join()
    counts = []
    for file in backups:
        copy = sqlite3.connect(file)
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # review_facts follows revlog through triggers in the same transaction: equal in any committed state
        reviews, facts = copy.execute("SELECT (SELECT count(*) FROM revlog WHERE kind = 'review'), "
                                      "(SELECT count(*) FROM review_facts)").fetchone()
        assert reviews == facts
        counts.append(reviews)
    assert counts == sorted(counts) and counts[-1] <= len(written_rows) + 1


def test_the_daily_backup_is_made_once_a_day_and_not_for_an_empty_collection(tmp_path):
    empty = open_collection(tmp_path / "empty.db")
    assert daily_backup(empty.conn, tmp_path / "empty.db", MORNING) is None
    path = collection_with_cards(tmp_path / "c.db")
    db = open_collection(path)
    first = daily_backup(db.conn, path, MORNING)
    assert first.name == "2025-06-02T093000-daily.db"
    assert daily_backup(db.conn, path, MORNING + timedelta(hours=10)) is None
    assert daily_backup(db.conn, path, MORNING + timedelta(days=1)).name == "2025-06-03T093000-daily.db"


def test_a_manual_backup_does_not_count_as_the_day_s_backup(tmp_path):
    path = collection_with_cards(tmp_path / "c.db")
    db = open_collection(path)
    make_backup(db.conn, path, "manual", now=MORNING)
    assert daily_backup(db.conn, path, MORNING + timedelta(minutes=1)) is not None


def test_seven_daily_and_four_weekly_automatic_backups_are_kept_the_others_never_pruned(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    start = datetime(2025, 1, 1, 8)  # a Wednesday; sixty days of backups, two some days
    for day in range(60):
        for hour in (0, 5) if day % 10 == 0 else (0,):
            (folder / f"{(start + timedelta(days=day, hours=hour)).strftime('%Y-%m-%dT%H%M%S')}-daily.db").touch()
    (folder / "2025-01-01T120000-manual.db").touch()
    (folder / "2025-01-01T130000-restore.db").touch()
    (folder / "notes.txt").touch()
    prune(folder)
    kept = names(folder)
    daily = [n for n in kept if n.endswith("-daily.db")]
    assert daily[-7:] == [f"2025-02-{d:02d}T080000-daily.db" for d in range(23, 29)] + ["2025-03-01T080000-daily.db"]
    # before those, the newest of each of four ISO weeks (weeks end on Sundays: Feb 22, 16, 9, 2)
    assert daily[:-7] == ["2025-02-02T080000-daily.db", "2025-02-09T080000-daily.db",
                          "2025-02-16T080000-daily.db", "2025-02-22T080000-daily.db"]
    assert {"2025-01-01T120000-manual.db", "2025-01-01T130000-restore.db", "notes.txt"} <= set(kept)


def test_the_newest_backup_of_a_day_is_the_one_kept(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for stamp in ("2025-06-02T080000-daily", "2025-06-02T120000-migration"):
        (folder / f"{stamp}.db").touch()
    assert [p.name for p in prune(folder)] == ["2025-06-02T080000-daily.db"]


def test_a_migration_is_preceded_by_a_backup_of_the_older_collection(tmp_path):
    path = older_collection(tmp_path / "c.db")
    open_collection(path).conn.close()
    [backup] = list_backups(path)
    assert backup.kind == "migration" and backup.cards == 1 and backup.reviews == 0
    old = sqlite3.connect(backup.path)
    assert LAST_STEP not in {name for name, in old.execute("SELECT name FROM _sqlite_migrations")}  # the step not yet applied
    open_collection(path).conn.close()
    assert len(list_backups(path)) == 1  # an up-to-date collection is not backed up on opening


def test_a_new_collection_is_not_backed_up_when_its_schema_is_created(tmp_path):
    open_collection(tmp_path / "c.db").conn.close()
    assert list_backups(tmp_path / "c.db") == []


def test_backups_are_listed_newest_first_with_their_counts_and_an_unreadable_one_too(tmp_path):
    path = collection_with_cards(tmp_path / "c.db")
    db = open_collection(path)
    make_backup(db.conn, path, "manual", now=MORNING)
    daily_backup(db.conn, path, MORNING + timedelta(hours=1))
    (backups_dir(path) / "2025-06-01T080000-daily.db").write_bytes(b"not sqlite")
    listed = list_backups(path)
    assert [(b.kind, b.taken, b.cards, b.reviews) for b in listed] == [
        ("daily", MORNING + timedelta(hours=1), 3, 1), ("manual", MORNING, 3, 1),
        ("daily", datetime(2025, 6, 1, 8), None, None)]
    assert listed[0].size == listed[0].path.stat().st_size > 0
