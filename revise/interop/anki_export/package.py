"""The `.apkg` zip, as Anki 26.9 writes it: `meta`, the collection, the dummy `collection.anki2`
older Ankis read instead, the media map and the media files.

Current format: `collection.anki21b` (schema 18), media map (protobuf) and media files all
zstd-compressed, `meta` `08 03`. Legacy (`--legacy`): `collection.anki21` (schema 11), a JSON media
map, raw media files, `meta` `08 02`."""

from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
from pathlib import Path

from revise.errors import ReviseError
from revise.interop.anki_export import database, protobuf
from revise.interop.anki_export.cards import new_card_columns
from revise.interop.anki_export.notes import AnkiCard, AnkiNote

# The text of the dummy collection.anki2 Anki puts in every package (one Basic note).
DUMMY_TEXT = "Please update to the latest Anki version, then import the .colpkg/.apkg file again."


def write_package(out: Path, notes: list[AnkiNote], revlog: list[tuple], media: dict[str, Path],
                  crt: int, now: int, legacy: bool = False) -> None:
    """Write the package `out` (through a temporary file beside it: a failed export leaves no half file)."""
    try:
        _write_package(out, notes, revlog, media, crt, now, legacy)
    except OSError as exc:  # a full disk, a folder that cannot be written
        raise ReviseError(f"cannot write {out}: {exc.strerror or exc} — free some space or check the folder's "
                          "permissions, or choose another place; no file was left there") from None


def _write_package(out: Path, notes: list[AnkiNote], revlog: list[tuple], media: dict[str, Path],
                   crt: int, now: int, legacy: bool) -> None:
    schema = database.LEGACY if legacy else database.CURRENT
    with tempfile.TemporaryDirectory() as tmp:
        collection, dummy = Path(tmp) / "collection", Path(tmp) / "dummy"
        database.write_collection(collection, schema, notes, revlog, crt, now)
        database.write_collection(dummy, database.LEGACY, [_dummy_note(now)], [], crt, now)
        partial = out.with_name(f".{out.name}.partial")
        try:
            with zipfile.ZipFile(partial, "w") as archive:
                _write_entries(archive, collection, dummy, media, legacy)
            partial.replace(out)
        finally:
            partial.unlink(missing_ok=True)


def _write_entries(archive: zipfile.ZipFile, collection: Path, dummy: Path, media: dict[str, Path], legacy: bool) -> None:
    """The zip's entries, in the order Anki writes them."""
    version = protobuf.LEGACY_2 if legacy else protobuf.LATEST
    archive.writestr("meta", protobuf.package_metadata(version))
    if legacy:
        archive.write(collection, "collection.anki21", zipfile.ZIP_DEFLATED)
    else:
        archive.writestr("collection.anki21b", _zstd(collection.read_bytes()))
    archive.write(dummy, "collection.anki2")
    entries = []
    for index, (name, path) in enumerate(media.items()):
        data = path.read_bytes()
        entries.append((name, len(data), hashlib.sha1(data).digest()))
        if legacy:
            archive.writestr(str(index), data, zipfile.ZIP_DEFLATED)
        else:
            archive.writestr(str(index), _zstd(data))
    if legacy:
        archive.writestr("media", json.dumps({str(i): name for i, (name, _, _) in enumerate(entries)}))
    else:
        archive.writestr("media", _zstd(protobuf.media_entries(entries)))


def _zstd(data: bytes) -> bytes:
    import zstandard

    return zstandard.ZstdCompressor().compress(data)


def _dummy_note(now: int) -> AnkiNote:
    card = AnkiCard({}, 0, now * 1000, new_card_columns(1))
    note = AnkiNote({}, "Basic", [DUMMY_TEXT, ""], "dummy", [], "Default", [card], now * 1000)
    return note
