"""Note files on disk: finding them under the imported paths (Obsidian vaults read only their
flashcard-tagged notes), telling a gone path from one that cannot be looked at, reading and decoding."""

from __future__ import annotations

import os
import stat as stat_mode
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from revise.config import Settings
from revise.errors import ReviseError
from revise.sources.report import FileError
from revise.sources.walk import FolderWalk, vault_tags

if TYPE_CHECKING:  # the parser is imported only when a file has to be parsed
    from revise.notes import ParseWarning

MAX_NOTE_BYTES = Settings.max_note_size_mb * 2**20  # the default: a note past 10 MB is almost surely not a note

GONE_FOLDER = (
    "this imported folder is gone — reconnect it, or import it from its new place (its cards keep "
    "their history); if you deleted it, run `revise sync --forget-missing`"
)


@dataclass(frozen=True)
class Scan:
    """A path to look at now, and the root its decks are named from."""

    path: Path
    root: Path


def absolute_path(path: Path | str) -> Path:
    """`path` made absolute (with `~` expanded and symlinks resolved), as sources are remembered."""
    # Resolved, so that a folder imported through a symlink is the same source as the folder itself.
    return Path(os.path.realpath(Path(path).expanduser()))


def default_deck(file: Path, root: Path) -> str:
    """A file's deck: its path relative to the imported folder (a file on its own: its stem), `/` → `::`."""
    relative = Path(file.name) if file == root else file.relative_to(root)
    return "::".join(relative.with_suffix("").parts)


# --- finding the files ----------------------------------------------------------------------


def discover(
    scans: list[Scan], remembered: dict[str, dict], errors: list[FileError], must_find: bool,
    missing_ok: bool | Callable[[Path], bool],
) -> tuple[list[tuple[str, Path]], list[str], dict[str, tuple[str, ...]]]:
    """The files to read (path, root), remembered files under the scans that no longer exist, and
    the flashcard tags of the files in Obsidian vaults."""
    files: dict[str, Path] = {}
    gone: list[str] = []
    vault_tags: dict[str, tuple[str, ...]] = {}
    for scan in scans:
        found, unreadable = markdown_files(scan.path)
        errors += [FileError(folder, f"cannot read this folder ({reason}) — check its permissions; "
                             "the cards from it are left as they are") for folder, reason in unreadable]
        if os.path.isdir(scan.path) and not found and must_find and not unreadable:
            errors.append(FileError(str(scan.path), "no Markdown (*.md, *.markdown) files in this folder — pass a folder of notes"))
            continue
        # A whole imported folder missing is more likely unmounted or renamed than deleted:
        # its cards stay as they are, unless the user says otherwise or they have all moved.
        folder_gone = is_gone(scan.path) and str(scan.path) not in remembered
        if folder_gone and not (missing_ok is True or (callable(missing_ok) and missing_ok(scan.path))):
            errors.append(FileError(str(scan.path), GONE_FOLDER))
            continue
        for file, tags in found.items():
            # A file inside two imported folders takes its deck name from the outer one.
            if file not in files or len(scan.root.parts) < len(files[file].parts):
                files[file] = scan.root
            if tags:
                vault_tags[file] = tags
        hidden = [Path(folder) for folder, _ in unreadable]
        gone += [p for p in remembered if is_under(p, scan.path) and p not in files and is_gone(p)
                 and not any(is_under(p, folder) for folder in hidden)]
    return sorted(files.items()), sorted(set(gone)), vault_tags


def markdown_files(path: Path) -> tuple[dict[str, tuple[str, ...]], list[tuple[str, str]]]:
    """The file itself, or every Markdown file under a folder (hidden files and folders skipped,
    symlinks followed once), each with its Obsidian vault's flashcard tags (or none); and the folders
    that could not be read."""
    if not os.path.isdir(path):  # a file, or something else that reading it will report (a pipe, a device)
        return ({str(path): vault_tags(path.parent)} if not is_gone(path) else {}), []
    walk = FolderWalk()
    walk.walk(str(path))
    return dict(sorted(walk.found.items())), walk.unreadable


# --- paths that are gone, or cannot be looked at ------------------------------------------------


def is_gone(path: Path | str) -> bool:
    """Whether a file no longer exists (one that cannot be looked at for lack of permission still does)."""
    return cannot_look_at(path) == "missing"


def cannot_look_at(path: Path | str) -> str | None:
    """None when `path` can be stat'ed; "missing" when it does not exist; else why not (Permission denied)."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def is_under(file: str, folder: Path) -> bool:
    """Whether the path `file` is `folder` or lies inside it (compared as text, as sources are stored)."""
    folder_text = str(folder)
    return file == folder_text or file.startswith(folder_text.rstrip(os.sep) + os.sep)


# --- reading and decoding ---------------------------------------------------------------------


def regular_file_stat(file: str) -> os.stat_result:
    """`os.stat` of a file that reading will not hang on: a named pipe, a device or a folder is an error."""
    stat = os.stat(file)
    if not stat_mode.S_ISREG(stat.st_mode):  # reading a named pipe would wait for a writer forever
        raise ReviseError(f"not a regular file ({_kind_of(stat.st_mode)}) — import Markdown files or folders")
    return stat


def size_warning(file: str, size: int, limit: int) -> ParseWarning | None:
    """The warning for a note file over `limit` bytes (it is skipped unread), else None."""
    if size <= limit:
        return None
    from revise.notes import ParseWarning

    return ParseWarning(file, 1, (
        f"skipped: {size / 2**20:.1f} MB, over the {limit / 2**20:g} MB limit for a note file — split it into "
        "smaller notes, or raise max_note_size_mb in config.toml"))


def _kind_of(mode: int) -> str:
    if stat_mode.S_ISFIFO(mode):
        return "a named pipe"
    if stat_mode.S_ISCHR(mode) or stat_mode.S_ISBLK(mode):
        return "a device"
    return "a socket" if stat_mode.S_ISSOCK(mode) else "a folder" if stat_mode.S_ISDIR(mode) else "not a file"


_OTHER_ENCODINGS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
                    (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))  # byte-order marks


def decode(data: bytes) -> str:
    """Bytes → text: UTF-8 with an optional BOM; binary files and other encodings are errors."""
    for bom, encoding in _OTHER_ENCODINGS:
        if data.startswith(bom):
            raise ReviseError(f"{encoding} text — save it as UTF-8 and import it again")
    if b"\0" in data:
        raise ReviseError("a binary file, not Markdown — import only text notes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReviseError(
            f"not valid UTF-8 (byte {exc.start}) — save it as UTF-8 and import it again"
        ) from None
