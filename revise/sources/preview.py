"""What notes would give, without a collection: each file's cards and warnings, read and parsed
exactly as `revise import` reads and parses them (same decks, Obsidian tags and folder settings)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from revise.errors import ReviseError
from revise.sources.files import (MAX_NOTE_BYTES, absolute_path, cannot_look_at, decode, default_deck, markdown_files,
                                  regular_file_stat, size_warning)
from revise.sources.images import missing_image_warnings
from revise.sources.report import FileError
from revise.sources.settings import FolderSettings

if TYPE_CHECKING:
    from revise.notes import ParseResult


def preview_paths(paths: list[str], max_note_bytes: int = MAX_NOTE_BYTES) -> tuple[list[tuple[str, ParseResult]], list[FileError]]:
    """Each Markdown file under `paths` with its parse result, in reading order, and the paths that failed
    (a file over `max_note_bytes` gives no card and a warning)."""
    results: dict[str, ParseResult] = {}
    errors: list[FileError] = []
    settings = FolderSettings()
    for path in paths:
        root = absolute_path(path) if path else None
        problem = cannot_look_at(root) if root else "missing"
        if problem:
            errors.append(FileError(path or "''", "no such file or folder — check the path" if problem == "missing"
                                    else f"cannot read it ({problem}) — check its permissions"))
            continue
        found, unreadable = markdown_files(root)
        errors += [FileError(folder, f"cannot read this folder ({reason}) — check its permissions") for folder, reason in unreadable]
        if os.path.isdir(root) and not found and not unreadable:
            errors.append(FileError(path, "no Markdown (*.md, *.markdown) files in this folder — pass a folder of notes"))
        for file, tags in found.items():
            if file not in results:
                result = _preview_file(file, root, tags, settings, errors, max_note_bytes)
                if result is not None:
                    results[file] = result
    from revise.collection.order import reading_order  # the order `revise cards` lists them in

    return sorted(results.items(), key=lambda item: reading_order(item[0])), errors


def _preview_file(file: str, root: Path, tags: tuple[str, ...], settings: FolderSettings,
                  errors: list[FileError], max_note_bytes: int) -> ParseResult | None:
    """One file read and parsed as an import would; None (and an error) when it cannot be."""
    from revise.notes import ParseResult, parse

    folder_settings, problem = settings.for_file(file, root)
    if problem:
        settings.report(problem, errors)
        return None
    try:
        stat = regular_file_stat(file)
        if (warning := size_warning(file, stat.st_size, max_note_bytes)):
            return ParseResult(warnings=[warning])
        text = decode(Path(file).read_bytes())
    except OSError as exc:
        errors.append(FileError(file, f"cannot read it ({exc.strerror or exc}) — check that it exists and is readable"))
        return None
    except ReviseError as exc:
        errors.append(FileError(file, str(exc)))
        return None
    result = parse(text, file, default_deck(Path(file), root), tags, folder_settings)
    notes = {card.line: card.note_text for card in result.cards}  # siblings share their note's text
    result.warnings += missing_image_warnings(file, ((text, line) for line, text in notes.items()), root)
    return result
