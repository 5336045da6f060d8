"""Seed corpora for the atheris runs, from real files: the shipped decks and test notes, packages
and plain-text decks written by the real Anki library."""

from __future__ import annotations

import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOTES = [*REPO.glob("decks/**/*.md"), *REPO.glob("tests/fixtures/notes/**/*.md"), *REPO.glob("docs/*.md")]


def write_seeds(corpus: Path) -> None:
    """corpus/<target>/ filled with real inputs for each target."""
    for target in ("parser", "markdown", "text", "anki", "anki_collection", "anki_values"):
        (corpus / target).mkdir(parents=True, exist_ok=True)
    for i, note in enumerate(NOTES):
        data = note.read_bytes()
        (corpus / "parser" / f"{i}.md").write_bytes(data)
        (corpus / "markdown" / f"{i}.md").write_bytes(data)
    with tempfile.TemporaryDirectory() as folder:
        _anki_seeds(Path(folder), corpus)


def _anki_seeds(folder: Path, corpus: Path) -> None:
    """Every kind of package Anki writes, its legacy collection's SQLite bytes, and its text exports."""
    sys.path.insert(0, str(REPO))
    from tests.interop.anki_decks import build_packages, make_collection
    from tests.interop.text.anki_text import export_text

    for name, (path, _) in build_packages(folder).items():
        (corpus / "anki" / f"{name}{path.suffix}").write_bytes(path.read_bytes())
        if name == "legacy":
            with zipfile.ZipFile(path) as archive:
                (corpus / "anki_collection" / "legacy.anki21").write_bytes(archive.read("collection.anki21"))
    home = folder / "text"
    home.mkdir()
    col = make_collection(home)
    for i, options in enumerate(({}, {"with_html": False}, {"with_deck": False, "with_notetype": False, "with_guid": False})):
        out = export_text(col, folder / f"notes{i}.txt", **options)
        # the text target's first byte picks the suffix (.txt, .csv, .tsv)
        for k in range(3):
            (corpus / "text" / f"{i}-{k}").write_bytes(bytes([k]) + out.read_bytes())
    col.close()


if __name__ == "__main__":
    write_seeds(Path(sys.argv[1]))
