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


def test_any_sqlite_error_is_an_error_naming_the_collection():
    from revise.collection import sqlite_problem as _sqlite_problem

    error = sqlite3.DatabaseError("database disk image is malformed")
    assert _sqlite_problem(error, "c.db") == (
        "c.db: SQLite failed (database disk image is malformed) — the change it was making was not saved; "
        "check the file and its disk, or choose another collection with --collection")
    assert _sqlite_problem(sqlite3.OperationalError("database is locked"), "c.db").startswith(
        "c.db: the collection is locked by another revise")


def test_pow_is_registered_where_sqlite_was_built_without_math_functions():
    import sqlite3

    from revise import collection

    class NoMathConnection:
        """A connection of an SQLite without SQLITE_ENABLE_MATH_FUNCTIONS, as far as pow() goes."""

        registered: list = []

        def execute(self, sql: str):
            raise sqlite3.OperationalError("no such function: pow")

        def create_function(self, name, arguments, function, deterministic=False):
            self.registered.append((name, arguments, function, deterministic))

    connection = NoMathConnection()
    collection.add_missing_functions(connection)
    assert connection.registered == [("pow", 2, collection.sql_pow, True)]
    real = sqlite3.connect(":memory:")
    collection.add_missing_functions(real)
    assert real.execute("SELECT pow(2, 3), pow(2.5, -0.5), pow(NULL, 2)").fetchone() == (8.0, 2.5 ** -0.5, None)


# --- foreign files, read-only opening, older schemas (issue 14, point 1) -----------------------

from tests.collection.safety import LAST_STEP, collection_with_cards, digest, foreign_database, older_collection  # noqa: E402


@pytest.mark.parametrize("read_only", [False, True])
def test_a_foreign_sqlite_database_is_refused_and_left_byte_for_byte(tmp_path, read_only):
    path = foreign_database(tmp_path / "other.sqlite")
    before = digest(path)
    with pytest.raises(ReviseError) as error:
        open_collection(path, read_only=read_only)
    assert str(error.value) == (
        f"{path}: not a revise collection (a SQLite database with tables of its own: people) — nothing was "
        "changed; pass --collection with the path of a revise collection")
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


def test_a_revise_like_database_without_our_migration_record_is_foreign(tmp_path):
    path = tmp_path / "c.db"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE cards (id); CREATE TABLE notes (id); CREATE TABLE _sqlite_migrations "
                       "(id, migration_set, name, applied_at); INSERT INTO _sqlite_migrations VALUES (1, 'other', 'm1', 'x')")
    conn.close()
    with pytest.raises(ReviseError, match="not a revise collection .*_sqlite_migrations, cards, notes"):
        open_collection(path)


def test_an_empty_file_becomes_a_collection_only_when_writing(tmp_path):
    path = tmp_path / "c.db"
    path.touch()
    with pytest.raises(ReviseError, match="there is no collection here yet"):
        open_collection(path, read_only=True)
    assert path.stat().st_size == 0
    assert "cards" in open_collection(path).table_names()


def test_a_missing_collection_is_not_created_by_a_read_only_open(tmp_path):
    with pytest.raises(ReviseError, match="there is no collection here yet — import notes first"):
        open_collection(tmp_path / "none.db", read_only=True)
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_open_cannot_write_and_changes_no_byte(tmp_path):
    path = collection_with_cards(tmp_path / "c.db")
    before = digest(path)
    db = open_collection(path, read_only=True)
    assert db.execute("SELECT count(*) FROM cards").fetchone()[0] == 3
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM cards")
    db.conn.close()
    assert digest(path) == before


def test_an_older_schema_is_read_through_a_migrated_copy_and_the_file_stays_old(tmp_path):
    path = older_collection(tmp_path / "c.db")
    before = digest(path)
    db = open_collection(path, read_only=True)
    assert db.execute("PRAGMA database_list").fetchone()[2] == ""  # in memory
    assert LAST_STEP in {m["name"] for m in db["_sqlite_migrations"].rows}
    assert db.execute("SELECT front FROM cards").fetchall() == [("a",)]
    assert digest(path) == before


def test_a_file_that_was_sqlite_but_is_damaged_says_how_to_restore(tmp_path):
    path = collection_with_cards(tmp_path / "c.db")
    data = bytearray(path.read_bytes())
    data[:16] = b"garbage garbage!"
    path.write_bytes(bytes(data))
    for read_only in (False, True):
        with pytest.raises(ReviseError, match=r"cannot open the collection \(file is not a database\).*"
                           r"`revise backups` lists its backups and `revise restore FILE` puts one back"):
            open_collection(path, read_only=read_only)


def test_a_write_transaction_holds_the_write_lock_from_its_start(db, tmp_path):
    """A read before the first write cannot be overtaken by another process's commit (WAL's stale snapshot)."""
    from revise.collection import writing

    other = sqlite3.connect(tmp_path / "collection.db", timeout=0)
    with writing(db):
        db.execute("SELECT count(*) FROM cards").fetchone()  # no write yet, and the lock is already ours
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO sources (path, root, size, mtime_ns, hash, synced_at) VALUES ('a.md', '.', 1, 1, 'h', 't')")
        with pytest.raises(RuntimeError), writing(db):  # nested: a savepoint, undone alone
            db.execute("INSERT INTO sources (path, root, size, mtime_ns, hash, synced_at) VALUES ('b.md', '.', 1, 1, 'h', 't')")
            raise RuntimeError
    other.execute("BEGIN IMMEDIATE")  # released at the commit
    assert other.execute("SELECT path FROM sources").fetchall() == [("a.md",)]
    other.rollback()
    other.close()
