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
