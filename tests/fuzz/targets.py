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
