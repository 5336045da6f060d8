"""`.apkg` and `.colpkg` → the import model: the package checked and unpacked into memory, its
collection read from a private temporary copy, its notes, cards, history and media converted."""

from __future__ import annotations

import tempfile
from pathlib import Path

from revise.errors import ReviseError
from revise.interop.anki_collection import UNEXPECTED_VALUES, read_collection
from revise.interop.anki_notes import convert_notes
from revise.interop.deck import ImportedDeck
from revise.interop.folder import safe_name
from revise.interop.package import Limits, Package


def read_anki_package(path: Path, limits: Limits = Limits()) -> ImportedDeck:
    """Read an Anki package: every note, card, review and media file it holds."""
    package = Package(path, limits)
    with tempfile.TemporaryDirectory(prefix="revise-anki-") as folder:
        col = read_collection(package.collection(), Path(folder), str(path))
    try:
        notes, warnings = convert_notes(col, lambda name: safe_name(name, "media"))
    except UNEXPECTED_VALUES as exc:
        raise ReviseError(f"{path}: its collection holds values no Anki writes ({type(exc).__name__}: {exc}) "
                          "— export it from Anki again") from None
    deck = ImportedDeck(notes, warnings=warnings)
    missing = 0
    for entry, name in package.media().items():
        data = package.media_file(entry)
        if data is None:
            missing += 1
        else:
            deck.media[safe_name(name, "media")] = data
    if missing:
        deck.warnings.append(f"{missing} media file{'s' * (missing != 1)} listed in the package "
                             "but missing from it")
    return deck
