"""The order note files are read in: path order, but a folder's own files before its subfolders."""

from __future__ import annotations

from pathlib import PurePath


def reading_order(path: str) -> tuple[tuple[int, str], ...]:
    """A sort key for note files: path order, but a folder's own files before its subfolders."""
    # So `decks/getting-started.md` is read before `decks/deep-learning-specialization/…`.
    parts = PurePath(path).parts
    return tuple((1, part) for part in parts[:-1]) + ((0, parts[-1]),) if parts else ()
