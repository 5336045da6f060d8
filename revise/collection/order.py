"""The order note files are read in: path order, but a folder's own files before its subfolders."""

from __future__ import annotations

from functools import lru_cache
from pathlib import PurePath

# Sorts below every character a file name can hold, so a name sorts before its own extensions.
_SEPARATOR = "\x01"


def reading_order(path: str) -> tuple[tuple[int, str], ...]:
    """A sort key for note files: path order, but a folder's own files before its subfolders."""
    # So `decks/getting-started.md` is read before `decks/deep-learning-specialization/…`.
    parts = PurePath(path).parts
    return tuple((1, part) for part in parts[:-1]) + ((0, parts[-1]),) if parts else ()


@lru_cache(maxsize=4096)
def reading_key(path: str | None) -> str:
    """`reading_order` as one string that sorts the same way, for SQLite to order and index (notes.read_key)."""
    # Each part is its kind digit, its name and a separator: tuple order and string order then agree,
    # as SQLite compares UTF-8 bytes, which keep code-point order.
    return _SEPARATOR.join(f"{kind}{part}" for kind, part in reading_order(path or ""))
