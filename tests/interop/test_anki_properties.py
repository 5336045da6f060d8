"""Anki packages made by the real `anki` library, damaged under hypothesis: bytes of the package
changed, a well-formed zip around a collection whose bytes are changed (or are any bytes), and a
sound package whose collection has one value of the wrong type or range — read as `revise import`
reads them. Each must be read or refused with a ReviseError (an `Error:`), within the deadline."""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
import traceback
import zipfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from revise.cli import app
from tests.fuzz import targets
from tests.fuzz.test_properties import refused_or_read

# Seconds, not milliseconds: a package is unzipped, its SQLite read and every note converted; a hang fails.
SLOW = settings(deadline=timedelta(seconds=10), suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
PACKAGES = ("current", "legacy", "colpkg", "fsrs")
EDITS = st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.sampled_from(["set", "insert", "delete"]),
                           st.integers(0, 255)), min_size=1, max_size=8)


def edited(data: bytes, edits: list[tuple[float, str, int]]) -> bytes:
    """`data` with each edit applied at its place (a fraction of the length): a byte set, inserted or deleted."""
    out = bytearray(data)
    for where, how, byte in edits:
        at = int(where * len(out)) if out else 0
        if how == "insert" or not out:
            out.insert(at, byte)
        elif how == "set":
            out[at] = byte
        else:
            del out[at]
    return bytes(out)


@settings(SLOW, max_examples=80)
@given(st.sampled_from(PACKAGES), EDITS)
def test_a_real_package_with_bytes_changed_is_read_or_refused(anki_packages, tmp_path, name, edits):
    refused_or_read(targets.import_anki_package, edited(anki_packages[name][0].read_bytes(), edits), tmp_path)


@settings(SLOW, max_examples=60)
@given(st.one_of(EDITS, st.binary(max_size=600)))
def test_a_zip_around_a_damaged_collection_is_read_or_refused(anki_packages, tmp_path, damage):
    with zipfile.ZipFile(anki_packages["legacy"][0]) as package:
        sqlite = package.read(targets.ANKI_COLLECTION)
    data = edited(sqlite, damage) if isinstance(damage, list) else damage
    refused_or_read(targets.import_anki_collection, data, b"{}", tmp_path)


# Values no Anki writes, in any column: other types, out of range, JSON of the wrong shape.
VALUES = st.one_of(
    st.none(), st.integers(-(2**63), 2**63 - 1), st.sampled_from([0, 1, -1, 2, 3, 4, 5, 11, 18, 10**10, 2**62, -(2**62)]),
    st.floats(), st.text(max_size=12), st.binary(max_size=12),
    st.sampled_from(["{}", "[]", "null", '{"1": {}}', '{"1": 5}', '{"s": -1, "d": "x"}', '{"s": 1e308}', "\x1f", "a::b", ""]),
)


def _collection_entry(package: zipfile.ZipFile) -> tuple[str, bytes]:
    """The package's collection entry (the newest format it holds) and its SQLite bytes."""
    import zstandard

    for name in ("collection.anki21b", "collection.anki21", "collection.anki2"):
        if name in package.namelist():
            data = package.read(name)
            return name, zstandard.ZstdDecompressor().decompressobj().decompress(data) if name.endswith("b") else data
    raise AssertionError("no collection in the package Anki wrote")


def _one_value_changed(sqlite: bytes, folder, data) -> bytes:
    """The collection with one column of one row (drawn from `data`) set to a value Anki never writes."""
    path = folder / "edit.sqlite"
    path.write_bytes(sqlite)
    db = sqlite3.connect(path)
    db.create_collation("unicase", lambda a, b: (a.casefold() > b.casefold()) - (a.casefold() < b.casefold()))
    tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")]
    table = data.draw(st.sampled_from(sorted(tables)), label="table")
    column = data.draw(st.sampled_from([c[1] for c in db.execute(f"PRAGMA table_info({table})")]), label="column")
    count = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    offset = data.draw(st.integers(0, max(count - 1, 0)), label="row")
    value = data.draw(VALUES, label="value")
    # every row of a table without rowid (Anki's fields, templates...), one row of the others
    has_rowid = "WITHOUT ROWID" not in db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0].upper()
    where = f" WHERE rowid = (SELECT rowid FROM {table} LIMIT 1 OFFSET {offset})" if has_rowid else ""
    try:
        db.execute(f'UPDATE OR IGNORE {table} SET "{column}" = ?{where}', (value,))
    except sqlite3.IntegrityError:  # SQLite itself refuses it (text as a rowid): not a collection to test
        reject()
    db.commit()
    db.close()
    return path.read_bytes()


def _repackaged(original, entry: str, sqlite: bytes) -> bytes:
    """The package with its collection entry replaced (compressed again as Anki compresses it)."""
    import zstandard

    out = io.BytesIO()
    with zipfile.ZipFile(original) as package, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in package.infolist():
            data = package.read(info)
            if info.filename == entry:
                data = zstandard.ZstdCompressor().compress(sqlite) if entry.endswith("b") else sqlite
            copy.writestr(info.filename, data)
    return out.getvalue()


@settings(SLOW, max_examples=40)  # each a real `revise import` (~0.1 s)
@given(st.sampled_from(PACKAGES), st.data())
def test_a_collection_with_a_value_no_anki_writes_is_imported_or_refused(anki_packages, tmp_path, name, data):
    original, folder = anki_packages[name][0], Path(tempfile.mkdtemp(dir=tmp_path))  # one per example
    with zipfile.ZipFile(original) as package:
        entry, sqlite = _collection_entry(package)
    package_path = folder / f"damaged{original.suffix}"
    package_path.write_bytes(_repackaged(original, entry, _one_value_changed(sqlite, folder, data)))
    collection = ["--collection", str(folder / "c.db")]
    result = CliRunner().invoke(app, [*collection, "import", str(package_path), "--to", str(folder / "out"), "--json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), "".join(
        traceback.format_exception(result.exception))
    if result.exit_code != 0:
        assert "Error:" in result.output, result.output
    else:
        listed = CliRunner().invoke(app, [*collection, "cards", "--json"])
        assert listed.exit_code == 0 and isinstance(json.loads(listed.stdout), list), listed.output
