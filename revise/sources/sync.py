"""Importing and syncing note files: find them, read the changed ones, parse, match identities,
write in one transaction, report."""

from __future__ import annotations

import contextlib
import gc
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from sqlite_utils import Database

from revise import collection
from revise.sources.batch import Batch
from revise.sources.files import MAX_NOTE_BYTES, Scan, absolute_path, cannot_look_at, discover, is_under
from revise.errors import ReviseError
from revise.sources.report import FileError, ImportReport

Progress = Callable[[int, int], None]  # (steps done, steps in all): each file read, each parsed, the write


def import_paths(
    db: Database, paths: list[Path | str], *, progress: Progress | None = None, now: datetime | None = None,
    max_note_bytes: int = MAX_NOTE_BYTES,
) -> ImportReport:
    """Import Markdown files and folders (recursively `*.md`, hidden folders skipped) and remember them as
    sources; a file over `max_note_bytes` is skipped with a warning."""
    return _sync(db, lambda roots: _import_scans(paths, roots), progress, now, must_find=True,
                 max_note_bytes=max_note_bytes)


def sync_sources(
    db: Database, paths: list[Path] | None = None, *, progress: Progress | None = None,
    now: datetime | None = None, forget_missing: bool = False, max_note_bytes: int = MAX_NOTE_BYTES,
) -> ImportReport:
    """Re-read the remembered sources (or those under `paths`); files unchanged in size, mtime and hash are not parsed.

    An imported folder that has disappeared is an error unless `forget_missing` (then its cards retire)
    or its cards have all moved elsewhere (then it is forgotten quietly).
    """
    def scans_of(roots: set[Path]) -> tuple[list[Scan], list[FileError]]:
        if paths is None:
            scans = [Scan(root, root) for root in roots]
        else:
            scans = _scans_under(roots, [absolute_path(p) for p in paths])
        return sorted(scans, key=lambda s: str(s.path)), []

    return _sync(db, scans_of, progress, now, must_find=False, forget_missing=forget_missing,
                 max_note_bytes=max_note_bytes)


def _import_scans(paths: list[Path | str], roots: set[Path]) -> tuple[list[Scan], list[FileError]]:
    """What to scan for `revise import PATH…`, and the paths that cannot be imported."""
    scans, errors = [], []
    for path in paths:
        absolute = absolute_path(path) if str(path) else None  # Path("") would be "."
        problem = cannot_look_at(absolute) if absolute else "missing"
        if problem == "missing":
            errors.append(FileError(str(path) or "''", "no such file or folder — check the path"))
        elif problem:
            errors.append(FileError(str(path), f"cannot read it ({problem}) — check its permissions and its folder's"))
        else:
            # Inside a folder imported before, decks keep that folder's names (`revise review
            # notes/course/week1.md` must not rename the deck `course::week1`).
            outer = [root for root in roots if absolute.is_relative_to(root)]
            scans.append(Scan(absolute, min(outer, key=lambda r: len(r.parts)) if outer else absolute))
    return scans, errors


def _roots(remembered: dict[str, dict]) -> set[Path]:
    """The folders (or files) the remembered sources were imported from."""
    return {Path(root) for root in {row["root"] for row in remembered.values()}}


def _scans_under(roots: Iterable[Path], paths: list[Path]) -> list[Scan]:
    """The roots inside `paths`, and the `paths` inside a root (read with that root's deck names)."""
    scans = {}
    for path in paths:
        for root in roots:
            if root == path or root.is_relative_to(path):
                scans[root] = Scan(root, root)
            elif path.is_relative_to(root):
                scans.setdefault(path, Scan(path, root))
    return list(scans.values())


def remove_source(db: Database, path: Path | str, *, now: datetime | None = None) -> ImportReport:
    """Forget an imported path (or the package it was written from): its files' cards retire with their
    history kept, as a deleted file's do, and come back with it if the path is imported again."""
    now_iso = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat()
    with collection.writing(db), contextlib.closing(Batch(collection.source_rows(db), now_iso, {})) as batch:
        root = _remembered_root(db, str(path))
        gone = collection.source_files(db, root)
        batch.write(db, gone)  # what a sync does with files that are gone: their notes retire
        collection.forget_origin(db, root)
        return ImportReport(files=batch.results([], gone, set()))


def _remembered_root(db: Database, path: str) -> str:
    """The imported path (a source's root) that `path` names, itself or as the package it was written from."""
    wanted = str(absolute_path(path)) if path else ""
    roots = collection.source_roots(db)
    for row in roots:
        if wanted in (row["root"], row["origin"]):
            return row["root"]
    inside = [row["root"] for row in roots if wanted and is_under(wanted, Path(row["root"]))]
    where = (f" (it is inside the source {inside[0]}: remove that one, or delete the file and run `revise sync`)"
             if inside else "")
    raise ReviseError(f"{path or repr(path)}: not a remembered source{where} — `revise sources` lists them")


ScansOf = Callable[[set[Path]], tuple[list[Scan], list[FileError]]]  # the sources' roots → what to scan, errors


def _sync(
    db: Database, scans_of: ScansOf, progress: Progress | None, now: datetime | None, *, must_find: bool,
    forget_missing: bool = False, max_note_bytes: int = MAX_NOTE_BYTES,
) -> ImportReport:
    now_iso = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat()
    with _no_gc(), collection.writing(db), contextlib.ExitStack() as stack:
        remembered = collection.source_rows(db)  # the one read of the sources, inside the transaction
        scans, errors = scans_of(_roots(remembered))
        report = ImportReport(errors=errors)
        missing_ok = True if forget_missing else _nothing_left(db, remembered)
        files, gone, vault_tags = discover(scans, remembered, report.errors, must_find, missing_ok)
        # Closed on the way out, before the rollback of a failure: workers still parsing are stopped.
        batch = stack.enter_context(contextlib.closing(Batch(remembered, now_iso, vault_tags, max_note_bytes)))
        tick = _Ticker(progress, total=2 * len(files) + 1)  # read each file, parse each file, write
        for file, root in files:
            batch.read(file, root, report.errors)
            tick()
        tick(len(files) - len(batch.pending))  # files that need no parsing
        batch.parse(db, tick, report.errors)
        batch.write(db, gone)
        if must_find:
            report.errors += _empty_vaults(db, scans, vault_tags)
            report.empty = _without_cards(scans, batch.counts, vault_tags, report.errors)
        report.files = batch.results(files, gone, {e.file for e in report.errors})
        tick()  # the last call comes after every write, still inside the transaction
    return report


class _Ticker:
    """Counts steps done and reports them to a progress callback."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def __call__(self, steps: int = 1) -> None:
        self.done += steps
        if self.progress:
            self.progress(self.done, self.total)


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cycle collector: an import makes ~10 objects per card and no cycles, and the
    collector's repeated sweeps over them cost a third of the grouping time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _nothing_left(db: Database, remembered: dict[str, dict]) -> Callable[[Path], bool]:
    """Whether no live card comes from under a folder any more (all moved away or retired)."""
    counts: dict[str, int] = {}

    def check(folder: Path) -> bool:
        if not counts:
            counts.update(collection.active_card_counts(db) or {"": 0})
        return not any(n for source, n in counts.items() if source and is_under(source, folder))

    return check


def _without_cards(
    scans: list[Scan], counts: dict[str, int], vault_tags: dict[str, tuple[str, ...]], errors: list[FileError]
) -> list[str]:
    """The imported paths whose files hold no card (an Obsidian vault's own error says why for it)."""
    failed = {error.file for error in errors}
    empty = []
    for scan in scans:
        files = [file for file in counts if is_under(file, scan.path) and file not in failed]
        if files and not any(counts[file] for file in files) and not any(file in vault_tags for file in files):
            empty.append(str(scan.path))
    return empty


def _empty_vaults(db: Database, scans: list[Scan], vault_tags: dict[str, tuple[str, ...]]) -> list[FileError]:
    """An imported Obsidian vault that gave no card: say why (only tagged notes count) rather than stay silent."""
    if not vault_tags:
        return []
    counts = collection.active_card_counts(db, sorted(vault_tags))
    errors = []
    for scan in scans:
        files = [f for f in vault_tags if is_under(f, scan.path)]
        if files and not any(counts.get(f) for f in files):
            tags = " or ".join("#" + t.lstrip("#") for t in vault_tags[files[0]])
            errors.append(FileError(str(scan.path), (
                f"no card in this Obsidian vault: as its Spaced Repetition plugin does, revise reads only "
                f"the notes tagged {tags} (or a subtag) — tag the notes that hold your flashcards, written in a "
                f"card syntax (docs/cards.md: `front::back`, `Q:`/`A:`, clozes); `revise preview` shows what they give")))
    return errors
