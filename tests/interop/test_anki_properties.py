"""Anki packages made by the real `anki` library, damaged under hypothesis: bytes of the package
changed, a well-formed zip around a collection whose bytes are changed (or are any bytes), and a
sound package whose collection has one value of the wrong type or range — read as `revise import`
reads them. Each must be read or refused with a ReviseError (an `Error:`), within the deadline."""

from __future__ import annotations

import sqlite3
import tempfile
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from revise.errors import ReviseError
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


@settings(SLOW, max_examples=30)  # each a real `revise import` (~0.1 s)
@given(st.sampled_from(PACKAGES), st.tuples(*[st.integers(0, 2**16)] * 3), VALUES)
def test_a_collection_with_a_value_no_anki_writes_is_imported_or_refused(anki_packages, tmp_path, name, picks, value):
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # one per example
    try:
        package = targets.with_one_value(anki_packages[name][0], picks, value, folder)
    except targets.Unstorable:
        reject()
    refused_or_read(targets.import_with_cli, package, folder)


@pytest.mark.parametrize(("table", "column", "value"), [
    ("cards", "lapses", b"ab"), ("cards", "lapses", "three"), ("revlog", "time", "slow"),  # found by atheris (anki_values)
    ("revlog", "time", 1e300), ("cards", "lapses", 2**63 - 1 + 0.0),
])
def test_a_count_holding_text_or_bytes_is_an_error_not_a_bad_card(anki_packages, tmp_path, table, column, value):
    legacy = anki_packages["legacy"][0]
    with zipfile.ZipFile(legacy) as package:
        (tmp_path / "c.sqlite").write_bytes(package.read(targets.ANKI_COLLECTION))
    db = sqlite3.connect(tmp_path / "c.sqlite")
    tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name")]
    columns = [c[1] for c in db.execute(f"PRAGMA table_info({table})")]
    db.close()
    package = targets.with_one_value(legacy, (tables.index(table), columns.index(column), 0), value, tmp_path)
    with pytest.raises(ReviseError, match="values no Anki writes"):
        targets.import_with_cli(package, tmp_path)
