"""The Markdown files under an imported folder: hidden files and folders skipped, symlinks followed
without looping or reading anything twice, each file with its Obsidian vault's flashcard tags."""

from __future__ import annotations

import json
import os
from collections import deque
from pathlib import Path

MARKDOWN_SUFFIXES = (".md", ".markdown")  # compared in lower case: `Notes.MD` is a note too
FLASHCARD_TAGS = ("#flashcards",)  # the Obsidian Spaced Repetition plugin's default

Tags = tuple[str, ...]


class FolderWalk:
    """One walk over an imported folder. Every real folder is read once however many symlinks lead
    to it (a link to a folder already read, such as an ancestor, reads nothing), the symlinked
    folders after the real tree; a file reached by several paths is kept once, under its own path
    rather than a symlink's."""

    def __init__(self) -> None:
        self.found: dict[str, Tags] = {}  # path → its vault's flashcard tags
        self.unreadable: list[tuple[str, str]] = []  # (folder, why)
        self._folders: set[str] = set()  # the real paths of the folders read
        self._files: dict[str, tuple[str, bool]] = {}  # real path → (path kept, whether that is a symlink)

    def walk(self, top: str) -> None:
        """Read `top`, every folder under it, then every symlinked folder found (iteratively: no recursion)."""
        trees: deque[tuple[str, str, Tags]] = deque([(top, os.path.realpath(top), vault_tags(Path(top).parent))])
        while trees:
            stack = [trees.popleft()]
            while stack:
                folder, real, tags = stack.pop()
                if real in self._folders:
                    continue
                self._folders.add(real)
                subfolders, links = self._read(folder, real, tags)
                stack += reversed(subfolders)  # depth first, in name order
                trees += links

    def _read(self, folder: str, real: str, tags: Tags) -> tuple[list, list]:
        """One folder's Markdown files kept; its subfolders and its symlinks to folders, to read next."""
        try:
            with os.scandir(folder) as listing:
                everything = list(listing)
        except OSError as error:
            self.unreadable.append((error.filename or folder, error.strerror or str(error)))
            return [], []
        tags = _own_vault_tags(Path(folder), any(e.name == ".obsidian" and _is_folder(e) for e in everything)) or tags
        entries = sorted((e for e in everything if not e.name.startswith(".")), key=lambda e: e.name)
        subfolders, links = [], []
        for entry in entries:
            if _is_folder(entry):
                if entry.is_symlink():
                    links.append((entry.path, os.path.realpath(entry.path), tags))
                else:
                    subfolders.append((entry.path, os.path.join(real, entry.name), tags))
            elif entry.name.lower().endswith(MARKDOWN_SUFFIXES):
                link = entry.is_symlink()
                self._keep(entry.path, os.path.realpath(entry.path) if link else os.path.join(real, entry.name), link, tags)
        return subfolders, links

    def _keep(self, path: str, real: str, link: bool, tags: Tags) -> None:
        """A file kept, unless it is already kept under its own path, or this path is a second symlink to it."""
        kept = self._files.get(real)
        if kept is not None and (link or not kept[1]):
            return
        if kept is not None:  # a symlink to it was met first: the file's own path wins
            del self.found[kept[0]]
        self._files[real] = (path, link)
        self.found[path] = tags


def _is_folder(entry: os.DirEntry) -> bool:
    """Whether an entry is a folder, or a symlink to one (a symlink that loops onto itself is neither)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def vault_tags(folder: Path) -> Tags:
    """The flashcard tags of the Obsidian vault holding `folder` (a folder with `.obsidian/` in it), or ()."""
    for candidate in (folder, *folder.parents):
        tags = _own_vault_tags(candidate, os.path.isdir(candidate / ".obsidian"))
        if tags:
            return tags
    return ()


def _own_vault_tags(folder: Path, is_vault: bool) -> Tags:
    """A vault's flashcard tags: the Spaced Repetition plugin's setting, else its default."""
    if not is_vault:
        return ()
    settings = folder / ".obsidian" / "plugins" / "obsidian-spaced-repetition" / "data.json"
    try:
        data = json.loads(settings.read_text(encoding="utf-8"))
        data = data.get("settings", data)
        tags = tuple(t for t in data["flashcardTags"] if isinstance(t, str) and t.strip("# "))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return FLASHCARD_TAGS  # no plugin, or settings it would not read either
    return tags or FLASHCARD_TAGS
