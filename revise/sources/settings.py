"""A notes folder's `revise.toml`: the summary-card settings (the front matter's `revise:` keys) for
every note under it, so that notes one cannot edit still choose their card kinds. A file's nearest
folders win over outer ones, and its own front matter over them all."""

from __future__ import annotations

import os
from pathlib import Path

from revise.sources.report import FileError

SETTINGS_FILE = "revise.toml"
Settings = tuple[tuple[str, object], ...]  # sorted (key, value) pairs: hashable, and sent to workers as is


class FolderSettings:
    """The settings of each folder read so far (each `revise.toml` is read once per import)."""

    def __init__(self) -> None:
        self.folders: dict[str, tuple[dict, FileError | None]] = {}
        self.reported: set[str] = set()
        self.tops: dict[Path, str] = {}  # each import root's folder (a root may be a file on its own)

    def for_file(self, file: str, root: Path) -> tuple[Settings, FileError | None]:
        """The settings for `file` from the folders between `root` and it, or the error of a broken file."""
        top = self.tops.get(root)
        if top is None:
            top = self.tops[root] = str(root) if os.path.isdir(root) else os.path.dirname(root)
        folders = []
        folder = os.path.dirname(file)
        while True:  # from the file's folder up to the root's
            folders.append(folder)
            if folder == top or os.path.dirname(folder) == folder or not folder.startswith(top):
                break
            folder = os.path.dirname(folder)
        merged: dict = {}
        for folder in reversed(folders):  # outer first: inner folders override
            settings, error = self._folder(folder)
            if error:
                return (), error
            merged.update(settings)
        return tuple(sorted(merged.items())), None

    def _folder(self, folder: str) -> tuple[dict, FileError | None]:
        if folder not in self.folders:
            self.folders[folder] = read_settings(os.path.join(folder, SETTINGS_FILE))
        return self.folders[folder]

    def report(self, error: FileError, errors: list[FileError]) -> None:
        """Add a broken settings file's error once, however many notes it governs."""
        if error.file not in self.reported:
            self.reported.add(error.file)
            errors.append(error)


def read_settings(path: str) -> tuple[dict, FileError | None]:
    """One `revise.toml` (none: no settings): its keys checked, or what is wrong with it."""
    import tomllib

    from revise.notes.settings import setting_problem

    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        return {}, FileError(path, f"cannot read it ({exc.strerror or exc}) — check its permissions; "
                                   "the notes under it were not read")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return {}, FileError(path, f"not valid TOML ({exc}) — fix it; the notes under it were not read")
    for key, value in data.items():
        problem = setting_problem(key, value)
        if problem:
            return {}, FileError(path, f"{problem}; the notes under it were not read")
    return data, None


def settings_hash(content_hash: str, settings: Settings) -> str:
    """A source's stored hash: its content's, and the settings it was parsed with (when it had any).

    A note's cards depend on both, so a changed `revise.toml` makes its notes parse again."""
    if not settings:
        return content_hash
    import hashlib

    return hashlib.sha256(f"{content_hash}\0{settings!r}".encode()).hexdigest() + SETTINGS_MARK


SETTINGS_MARK = "+settings"  # a stored hash that names settings: such a file is always read and hashed
