"""Where an image link's file is when it is not next to its note: found by name in the Obsidian vault
holding the note, else in the imported folder, as Obsidian finds attachments (`![[pic.png]]` names
a file anywhere in the vault, and its "attachments" folder is often not the note's)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path, PurePosixPath

# The files Obsidian embeds as images (other `![[…]]` embeds are notes, PDFs, sounds: not images)
IMAGE_SUFFIXES = (".avif", ".bmp", ".gif", ".jpeg", ".jpg", ".png", ".svg", ".webp")
_SIZE = re.compile(r"\s*(\d+)(?:\s*x\s*\d+)?\s*")  # `300` or `300x200`: the width Obsidian shows it at
_INDEX_SECONDS = 10.0  # a folder's file names are read again after this, so a picture added meanwhile is found
_indexes: dict[Path, tuple[float, dict[str, list[Path]]]] = {}


def is_image_name(name: str) -> bool:
    """Whether an embed's target names an image, by its extension."""
    return name.strip().lower().endswith(IMAGE_SUFFIXES)


def embed_options(options: str | None) -> tuple[str, int | None]:
    """An embed's text after `|`: its alt text and its width in pixels (`alt|300`, `300`, `300x200`)."""
    parts = re.split(r"\\?\|", options) if options else []
    width = None
    if parts and (size := _SIZE.fullmatch(parts[-1])):
        width = int(size[1]) or None
        parts = parts[:-1]
    return "|".join(parts).strip(), width


def search_folder(note: Path, imported: str | Path | None) -> Path | None:
    """Where a note's links are looked for by name: the Obsidian vault holding the note (the nearest
    folder above it with `.obsidian/`), else the folder it was imported from."""
    for folder in (note.parent, *note.parent.parents):
        if (folder / ".obsidian").is_dir():
            return folder
    return Path(imported) if imported and os.path.isdir(imported) else None


def find_by_name(link: str, root: Path, note_folder: Path | None) -> Path | None:
    """The file under `root` that `link` names, as Obsidian resolves it: the path from `root`, else a
    file whose path ends with the link's (any case), in the note's own folder first, else the one
    fewest folders down. None if there is none."""
    parts = [part for part in PurePosixPath(link.replace("\\", "/")).parts if part not in ("", ".", "/")]
    if not parts or ".." in parts:  # a path up from the note is not a name to look for
        return None
    if (direct := root.joinpath(*parts)).is_file():
        return direct
    wanted = [part.casefold() for part in parts]
    found = [path for path in _files_named(root).get(wanted[-1], [])
             if [part.casefold() for part in path.parts[-len(wanted):]] == wanted and path.is_file()]
    if not found:
        return None
    return min(found, key=lambda path: (path.parent != note_folder, len(path.parts), str(path)))


def _files_named(root: Path) -> dict[str, list[Path]]:
    """Every file under `root` by its case-folded name, hidden folders skipped as Obsidian skips them
    (read once per _INDEX_SECONDS: a review draws a card several times, an import warns of many links)."""
    now = time.monotonic()
    kept = _indexes.get(root)
    if kept and now - kept[0] < _INDEX_SECONDS:
        return kept[1]
    index: dict[str, list[Path]] = {}
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            index.setdefault(name.casefold(), []).append(Path(folder, name))
    _indexes[root] = (now, index)
    return index
