"""Writing an imported deck under a folder: safe file names, one Markdown file per deck, the media
beside them, and nothing written unless all of it can be (an existing file with other content is
never overwritten without `force`)."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from revise.errors import ReviseError
from revise.interop.deck import ImportedDeck, ImportedNote
from revise.interop.markdown import check_reads_back, deck_markdown, readable

MEDIA = "media"
_UNSAFE_RE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))})


def safe_name(name: str, fallback: str = "file", limit: int = 100) -> str:
    """`name` as one file name on any system: no separators, control or reserved characters."""
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE_RE.sub("_", name).strip(" .")
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if stem.lower() in _RESERVED or not stem:
        stem = f"{stem}_" if stem else fallback
    ext = ext[:16]
    stem = stem[: limit - len(ext) - 1]
    return f"{stem}.{ext}" if ext else stem


@dataclass
class Written:
    """What writing a deck did, by path relative to its folder."""

    folder: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def deck_files(deck: ImportedDeck) -> dict[str, bytes]:
    """Every file the deck becomes, by relative path: `A/B.md` for deck `A::B`, media under `media/`."""
    by_deck: dict[str, list[ImportedNote]] = {}
    for note in deck.notes:
        by_deck.setdefault(note.deck, []).append(readable(note, deck.warnings))
    files: dict[str, bytes] = {}
    taken: set[str] = set()
    for name, notes in by_deck.items():
        path = _unique(_deck_path(name), taken)
        text = deck_markdown(name, notes)
        check_reads_back(text, path, name, notes)
        files[path] = text.encode("utf-8")
    for name, data in deck.media.items():
        files[f"{MEDIA}/{safe_name(name, 'media')}"] = data
    return files


def _deck_path(deck: str) -> str:
    """The relative path of a deck's file: one folder per parent deck."""
    parts = [safe_name(level.strip(), "deck", 60) for level in deck.split("::")] or ["deck"]
    return "/".join(parts) + ".md"


def _unique(path: str, taken: set[str]) -> str:
    """`path`, or `path (2).md`…: two decks must not share a file (case-insensitive file systems too)."""
    stem, n, candidate = path[:-3], 1, path
    while candidate.casefold() in taken or candidate.casefold() == f"{MEDIA}.md":
        n += 1
        candidate = f"{stem} ({n}).md"
    taken.add(candidate.casefold())
    return candidate


def write_files(folder: Path, files: dict[str, bytes], force: bool = False) -> Written:
    """Write `files` under `folder`, after checking them all: a file there with other content is an
    error (nothing is written) unless `force`."""
    done = Written(folder)
    conflicts: list[str] = []
    for rel, data in files.items():
        target = folder / rel
        if target.is_symlink() or (target.exists() and not target.is_file()):
            conflicts.append(rel)
        elif target.exists():
            if target.read_bytes() == data:
                done.unchanged.append(rel)
            elif not force:
                conflicts.append(rel)
    if conflicts:
        shown = ", ".join(conflicts[:3]) + (f" and {len(conflicts) - 3} more" if len(conflicts) > 3 else "")
        raise ReviseError(f"{folder} already holds other files named {shown} — pass --force to "
                          "overwrite them, or choose another folder with --to DIR")
    for rel, data in files.items():
        if rel not in done.unchanged:
            _write(folder / rel, data)
            done.written.append(rel)
    return done


def _write(target: Path, data: bytes) -> None:
    """Write through a temporary file, so a file is never left half-written."""
    temp = target.with_name(f".{target.name}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(data)
        os.replace(temp, target)
    except OSError as exc:  # a full disk, a folder that cannot be written: the file stays as it was
        temp.unlink(missing_ok=True)
        raise ReviseError(f"cannot write {target}: {exc.strerror or exc} — free some space or check the "
                          "folder's permissions, or choose another folder") from None
