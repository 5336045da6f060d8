"""Opening the collection: the schema in WAL mode, and the clear errors for a newer schema or a file that is not SQLite."""

from __future__ import annotations

import sqlite3

import pytest

from revise.collection.database import open_collection
from revise.errors import ReviseError


def test_open_creates_the_schema_in_wal_mode(tmp_path):
    db = open_collection(tmp_path / "deep" / "c.db")
    assert {"sources", "notes", "cards", "revlog"} <= set(db.table_names())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert "retired" in db["cards"].columns_dict


def test_newer_schema_is_a_clear_error(tmp_path):
    path = tmp_path / "c.db"
    open_collection(path).conn.close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('revise', 'm999_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(ReviseError, match="newer revise .*m999_future.*Upgrade revise"):
        open_collection(path)


def test_a_file_that_is_not_sqlite_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# not a database\n" * 100)
    with pytest.raises(ReviseError, match="cannot open the collection"):
        open_collection(path)
