"""Restoring a backup: the file is checked, the current collection backed up (or a damaged one moved aside)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from revise.collection.backups import list_backups, make_backup
from revise.collection.database import open_collection
from revise.collection.restore import check_collection_file, restore_collection
from revise.errors import ReviseError
from tests.collection.safety import collection_with_cards, digest, foreign_database, older_collection

NOW = datetime(2025, 6, 2, 9, 30)


def card_count(path) -> int:
    return sqlite3.connect(path).execute("SELECT count(*) FROM cards").fetchone()[0]


@pytest.fixture
def backup(tmp_path):
    """A collection with 3 cards backed up, then changed to 5 cards: (collection, backup)."""
    path = collection_with_cards(tmp_path / "c.db")
    db = open_collection(path)
    written = make_backup(db.conn, path, "manual", now=datetime(2025, 6, 1))
    db.conn.close()
    collection_with_cards(path, cards=5)
    return path, written


def test_restore_puts_the_backup_back_after_backing_up_the_current_collection(backup):
    path, written = backup
    aside = restore_collection(written, path, NOW)
    assert card_count(path) == 3
    assert aside.name == "2025-06-02T093000-restore.db" and card_count(aside) == 5
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {b.kind for b in list_backups(path)} == {"manual", "restore"}


def test_restore_while_another_connection_has_the_collection_open(backup):
    path, written = backup
    other = open_collection(path)
    assert other.execute("SELECT count(*) FROM cards").fetchone()[0] == 5
    restore_collection(written, path, NOW)
    assert other.execute("SELECT count(*) FROM cards").fetchone()[0] == 3  # it sees the restored pages


def test_an_older_backup_is_restored_then_migrated(tmp_path):
    old = older_collection(tmp_path / "old.db")
    before = digest(old)
    restore_collection(old, tmp_path / "c.db", NOW)
    assert "cards" in open_collection(tmp_path / "c.db")["sources"].columns_dict  # the step it lacked
    assert digest(old) == before and card_count(tmp_path / "c.db") == 1


def test_a_damaged_collection_is_moved_aside_not_deleted(backup):
    path, written = backup
    path.write_bytes(b"garbage" * 1000)
    aside = restore_collection(written, path, NOW)
    assert aside == path.with_name("c.db.damaged-2025-06-02T093000")
    assert aside.read_bytes() == b"garbage" * 1000 and card_count(path) == 3


@pytest.mark.parametrize("make, message", [
    (lambda p: p, "no such file"),
    (lambda p: p.touch() or p, "an empty file, not a revise collection"),
    (lambda p: (p.write_text("# notes\n"), p)[1], "cannot open the collection"),
    (foreign_database, "not a revise collection"),
])
def test_a_file_that_is_not_a_sound_collection_is_refused_and_nothing_changes(backup, tmp_path, make, message):
    path, _ = backup
    before = digest(path)
    with pytest.raises(ReviseError, match=message):
        restore_collection(make(tmp_path / "bad.db"), path, NOW)
    assert digest(path) == before and [b.kind for b in list_backups(path)] == ["manual"]


def test_a_backup_with_damaged_pages_is_refused(tmp_path):
    path = collection_with_cards(tmp_path / "c.db", cards=300)
    sqlite3.connect(path).execute("PRAGMA journal_mode = DELETE").close()
    data = bytearray(path.read_bytes())
    data[4096 * 3: 4096 * 3 + 200] = b"\xff" * 200  # a page in the middle
    path.write_bytes(bytes(data))
    with pytest.raises(ReviseError, match="this file is damaged .* choose another backup"):
        check_collection_file(path)


def test_a_foreign_database_is_never_replaced(backup, tmp_path):
    _, written = backup
    other = foreign_database(tmp_path / "other.sqlite")
    before = digest(other)
    with pytest.raises(ReviseError, match="not a revise collection"):
        restore_collection(written, other, NOW)
    assert digest(other) == before


def test_restoring_the_collection_onto_itself_is_refused(backup):
    path, _ = backup
    with pytest.raises(ReviseError, match="this is the collection itself"):
        restore_collection(path, path, NOW)


def test_a_backup_of_another_page_size_is_restored_into_a_wal_collection(backup, tmp_path):
    path, _ = backup
    other = tmp_path / "big-pages.db"
    conn = sqlite3.connect(other)
    conn.executescript("PRAGMA page_size = 8192; CREATE TABLE t (x); DROP TABLE t;")
    conn.close()
    collection_with_cards(other, cards=2)
    restore_collection(other, path, NOW)
    restored = sqlite3.connect(path)
    assert restored.execute("PRAGMA page_size").fetchone()[0] == 8192 and card_count(path) == 2
    assert restored.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
