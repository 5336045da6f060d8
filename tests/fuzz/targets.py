"""What the fuzzers feed: the parser and every importer, each given bytes or text as a stranger's
file would hold them. A ReviseError is a refusal (the user is told why); anything else is a bug."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".csv", ".tsv")
# Anki package entries: a legacy collection (SQLite, no zstd) and its media list.
ANKI_COLLECTION = "collection.anki21"


def parse_text(text: str) -> None:
    """Our Markdown parser on any text."""
    from revise.notes import parse

    parse(text, "fuzz.md", "Fuzz")


def import_markdown(data: bytes) -> None:
    """A note file's bytes as `revise import` reads them: decoded, then parsed."""
    from revise.errors import ReviseError
    from revise.sources.files import decode

    try:
        text = decode(data)
    except ReviseError:
        return
    parse_text(text)


def import_text_deck(data: bytes, suffix: str, folder: Path) -> None:
    """A plain-text deck (.txt, .csv, .tsv): read, written as Markdown, that Markdown parsed."""
    from revise.interop.text.convert import read_deck

    path = folder / f"deck{suffix}"
    path.write_bytes(data)
    _as_markdown(read_deck(path))


def import_anki_package(data: bytes, folder: Path) -> None:
    """An Anki package (.apkg or .colpkg, any bytes): read, written as Markdown, that Markdown parsed."""
    from revise.interop.anki import read_anki_package

    path = folder / "deck.apkg"
    path.write_bytes(data)
    _as_markdown(read_anki_package(path))


def import_anki_collection(sqlite: bytes, media: bytes, folder: Path) -> None:
    """A well-formed package around a collection of any bytes (the zip layer passes, SQLite's is tested)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(ANKI_COLLECTION, sqlite)
        archive.writestr("media", media)
    import_anki_package(buffer.getvalue(), folder)


def _as_markdown(deck) -> None:
    """The imported deck as the Markdown files import writes (checked to read back), each parsed."""
    from revise.interop.folder import deck_files

    for name, data in deck_files(deck).items():
        if name.endswith(".md"):
            parse_text(data.decode("utf-8"))


# --- one value no Anki writes, in a sound package ------------------------------------------------


class Unstorable(Exception):
    """SQLite itself refuses the value there (text as a rowid): no package to test."""


def with_one_value(package: Path, picks: tuple[int, int, int], value: object, folder: Path) -> Path:
    """A copy of a real package whose collection has one column of one row set to `value`, the table,
    column and row picked by index (modulo their counts); written into `folder`."""
    with zipfile.ZipFile(package) as archive:
        entry, sqlite = _collection_entry(archive)
    path = folder / "edit.sqlite"
    path.write_bytes(sqlite)
    _set_value(path, picks, value)
    out = folder / f"edited{package.suffix}"
    out.write_bytes(_repackaged(package, entry, path.read_bytes()))
    return out


def _set_value(path: Path, picks: tuple[int, int, int], value: object) -> None:
    """One value set in a SQLite file: every row of a table without rowid (Anki's fields...), one row of the others."""
    import sqlite3

    db = sqlite3.connect(path)
    try:
        db.create_collation("unicase", lambda a, b: (a.casefold() > b.casefold()) - (a.casefold() < b.casefold()))
        tables = sorted(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"))
        table, sql = tables[picks[0] % len(tables)]
        columns = [c[1] for c in db.execute(f"PRAGMA table_info({table})")]
        offset = picks[2] % max(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0], 1)
        where = "" if "WITHOUT ROWID" in sql.upper() else f" WHERE rowid = (SELECT rowid FROM {table} LIMIT 1 OFFSET {offset})"
        db.execute(f'UPDATE OR IGNORE {table} SET "{columns[picks[1] % len(columns)]}" = ?{where}', (value,))
        db.commit()
    except (sqlite3.IntegrityError, OverflowError) as exc:
        raise Unstorable(str(exc)) from None
    finally:
        db.close()


def _collection_entry(archive: zipfile.ZipFile) -> tuple[str, bytes]:
    """The package's collection entry (the newest format it holds) and its SQLite bytes."""
    import zstandard

    for name in ("collection.anki21b", ANKI_COLLECTION, "collection.anki2"):
        if name in archive.namelist():
            data = archive.read(name)
            return name, zstandard.ZstdDecompressor().decompressobj().decompress(data) if name.endswith("b") else data
    raise ValueError("no collection in the package")


def _repackaged(package: Path, entry: str, sqlite: bytes) -> bytes:
    """The package with its collection entry replaced (compressed again as Anki compresses it)."""
    import zstandard

    out = io.BytesIO()
    with zipfile.ZipFile(package) as archive, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename == entry:
                data = zstandard.ZstdCompressor().compress(sqlite) if entry.endswith("b") else sqlite
            copy.writestr(info.filename, data)
    return out.getvalue()


def import_with_cli(package: Path, folder: Path) -> None:
    """`revise import PACKAGE --to DIR` into a new collection, then `revise cards`: an exit with an
    `Error:` is a refusal (raised as ReviseError); a traceback is raised as itself."""
    from typer.testing import CliRunner

    from revise.cli import app
    from revise.errors import ReviseError

    collection = ["--collection", str(folder / "c.db")]
    for args in (["import", str(package), "--to", str(folder / "out"), "--json"], ["cards", "--json"]):
        result = CliRunner().invoke(app, [*collection, *args])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        if result.exit_code != 0:
            if "Error:" not in result.output:
                raise AssertionError(f"exit {result.exit_code} without an Error: {result.output}")
            raise ReviseError(result.output.strip())
