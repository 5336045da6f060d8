"""The order note files are read in, and its key as SQLite sorts it."""

from __future__ import annotations

import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from revise.collection.database import open_collection
from revise.collection.order import reading_key, reading_order


def test_reading_order_puts_a_folders_own_files_before_its_subfolders():
    paths = ["decks/deep-learning-specialization/2-b.md", "decks/getting-started.md", "decks/deep-learning-specialization/1-a.md", "a.md"]
    assert sorted(paths, key=reading_order) == [
        "a.md", "decks/getting-started.md", "decks/deep-learning-specialization/1-a.md", "decks/deep-learning-specialization/2-b.md",
    ]


@given(st.lists(st.lists(st.sampled_from(["a", "ab", "a.md", "b", "é", "a b", "Z", "a-b"]), min_size=1, max_size=4)))
def test_reading_key_sorts_as_reading_order_does_in_python_and_in_sqlite(parts):
    paths = ["/".join(p) for p in parts] + [""]
    expected = sorted(paths, key=reading_order)
    assert sorted(paths, key=reading_key) == expected
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (path TEXT, key TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(p, reading_key(p)) for p in paths])
    assert [reading_order(p) for p, in conn.execute("SELECT path FROM t ORDER BY key")] == [reading_order(p) for p in expected]


def test_the_migration_gives_existing_notes_their_reading_key(tmp_path):
    from sqlite_utils import Database

    from revise.collection.migrations import migrations

    db = Database(tmp_path / "old.db")
    migrations.apply(db, stop_before="m006_notes_reading_key")  # a collection of revise before read_key
    db.execute("INSERT INTO notes (key, kind, text, source, deck, created_at, updated_at) VALUES"
               " ('k', 'basic', 'q :: a', '/n/sub/b.md', 'd', 'now', 'now')")
    db.conn.commit()
    upgraded = open_collection(tmp_path / "old.db")
    assert upgraded.execute("SELECT read_key FROM notes").fetchone()[0] == reading_key("/n/sub/b.md")
    plan = upgraded.execute("EXPLAIN QUERY PLAN SELECT id FROM notes ORDER BY read_key, position, line").fetchall()
    assert "notes_reading" in str(plan)
