"""Checking a package before anything is taken out of it: each bad archive is refused by name."""

from __future__ import annotations

import sqlite3
import zipfile

import pytest

from revise.errors import ReviseError
from revise.interop.anki import read_anki_package
from revise.interop.package import Limits, Package
from revise.interop.protobuf import fields


def _zip(path, entries: dict, symlink: str | None = None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = 0o120777 << 16
            archive.writestr(info, "/etc/passwd")
    return path


def _legacy_collection(path, ver: int = 11) -> bytes:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE col (ver, crt, models, decks)")
    db.execute("INSERT INTO col VALUES (?, 0, '{}', '{}')", [ver])
    for table, columns in (("notes", "id, guid, mid, flds, tags"), ("revlog", "id, cid, ease, time, type"),
                           ("cards", "id, nid, did, odid, ord, type, queue, due, odue, ivl, lapses, reps, data")):
        db.execute(f"CREATE TABLE {table} ({columns})")
    db.commit()
    db.close()
    return path.read_bytes()


CASES = {
    "not a zip": (lambda p: p.write_bytes(b"SQLite format 3\0 not a zip"), "not an Anki package"),
    "parent entry": (lambda p: _zip(p, {"../x": b"x", "meta": b"\x08\x02"}), "points outside"),
    "absolute entry": (lambda p: _zip(p, {"/tmp/x": b"x"}), "points outside"),
    "symlink entry": (lambda p: _zip(p, {"meta": b"\x08\x02"}, symlink="media"), "symbolic link"),
    "zip bomb": (lambda p: _zip(p, {"collection.anki21": b"\0" * (40 << 20)}), "zip bomb"),
    "no collection": (lambda p: _zip(p, {"media": b"{}"}), "holds no Anki collection"),
    "unknown meta version": (lambda p: _zip(p, {"meta": b"\x08\x09", "collection.anki2": b""}), "version 9"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_archives_are_refused(tmp_path, case):
    make, message = CASES[case]
    path = tmp_path / "bad.apkg"
    make(path)
    with pytest.raises(ReviseError, match=message) as caught:
        read_anki_package(path)
    assert str(path) in str(caught.value)


def test_truncated_package(tmp_path):
    whole = _zip(tmp_path / "whole.apkg", {"collection.anki21": _legacy_collection(tmp_path / "c.db") * 20})
    cut = tmp_path / "cut.apkg"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(ReviseError, match="cut.apkg is not an Anki package"):
        read_anki_package(cut)


def test_unknown_schema_version(tmp_path):
    path = _zip(tmp_path / "new.apkg", {"collection.anki21": _legacy_collection(tmp_path / "c.db", ver=99)})
    with pytest.raises(ReviseError, match="schema version 99"):
        read_anki_package(path)


def test_total_limit(tmp_path):
    path = _zip(tmp_path / "big.apkg", {"collection.anki21": b"x" * 5000, "0": b"y" * 5000})
    with pytest.raises(ReviseError, match="zip bomb"):
        Package(path, Limits(total=8000))
    assert Package(path, Limits(total=20000)).version == 2


def test_zstd_bomb_inside_a_small_entry(tmp_path):
    import zstandard

    bomb = zstandard.ZstdCompressor().compress(b"\0" * (30 << 20))
    path = _zip(tmp_path / "z.apkg", {"meta": b"\x08\x03", "collection.anki21b": bomb})
    with pytest.raises(ReviseError, match="zip bomb"):
        Package(path, Limits(small=1 << 20, ratio=10)).collection()


def test_protobuf_fields_and_damage():
    assert fields(b"\x08\x03\x12\x02hi") == {1: [3], 2: [b"hi"]}
    with pytest.raises(ReviseError, match="damaged"):
        fields(b"\x12\x05hi", "meta")
