"""The files of one sync, step by step: read the changed ones, parse them, match and write, count."""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from sqlite_utils import Database

from revise import collection, identity
from revise.errors import ReviseError
from revise.sources.files import MAX_NOTE_BYTES, decode, default_deck, regular_file_stat, size_warning
from revise.sources.images import missing_image_warnings
from revise.sources.report import COUNTS, FileError, FileResult
from revise.sources.settings import SETTINGS_MARK, FolderSettings, settings_hash
from revise.sources.workers import Parsing, as_notes

if TYPE_CHECKING:  # the parser is imported only when a file has to be parsed
    from revise.notes import ParseWarning


_EXPLICIT_ID, _CARDS = identity.ParsedNote._fields.index("explicit_id"), -1  # fields of a note sent as a plain tuple
_TEXT, _LINE = identity.ParsedNote._fields.index("text"), identity.ParsedNote._fields.index("line")


@dataclass
class _Pending:
    """A changed file, read and decoded, being parsed."""

    file: str
    root: Path
    source: dict


class Batch:
    """The files of one sync: which changed, their parsed notes, and what was written."""

    def __init__(self, remembered: dict[str, dict], now: str, vault_tags: dict[str, tuple[str, ...]],
                 max_note_bytes: int = MAX_NOTE_BYTES) -> None:
        self.remembered = remembered
        self.max_note_bytes = max_note_bytes
        self.skipped: dict[str, ParseWarning] = {}  # files over the size limit: not read, their cards left as they are
        self.now = now
        self.vault_tags = vault_tags  # files in Obsidian vaults: only notes with one of these tags make cards
        # A collection without a single note: every parsed note is new, written as soon as it is parsed.
        self.fresh = False
        self.pending: list[_Pending] = []
        self.parsing = Parsing()  # the pending files' texts, parsed as they are read (when there are many)
        self.settings = FolderSettings()  # the folders' revise.toml files
        self.touched: list[dict] = []  # sources unchanged in content, refreshed (mtime, root)
        self.parsed: dict[str, list[identity.ParsedNote]] = {}  # when fresh, only the notes with explicit ids
        self.cards: dict[str, int] = {}  # each parsed file's cards
        self.warnings: dict[str, list[ParseWarning]] = {}
        self.plan = identity.SyncPlan()
        self.counts = {path: row["cards"] for path, row in remembered.items()}  # live cards per file, kept up to date

    def read(self, file: str, root: Path, errors: list[FileError]) -> None:
        """Stat, read, hash and decode one file, unless size and mtime (or the hash) show it unchanged."""
        old = self.remembered.get(file)
        settings, problem = self.settings.for_file(file, root)
        if problem:  # a broken revise.toml: its notes are left as they are
            self.settings.report(problem, errors)
            return
        # A file with settings, now or when last read, is hashed with them: its size and mtime alone
        # cannot tell that a revise.toml changed.
        quick = not settings and not (old and (old["hash"] or "").endswith(SETTINGS_MARK))
        try:
            stat = regular_file_stat(file)
            if (warning := size_warning(file, stat.st_size, self.max_note_bytes)):
                self.skipped[file] = warning
                return
            if quick and old and (old["size"], old["mtime_ns"], old["root"]) == (stat.st_size, stat.st_mtime_ns, str(root)):
                return
            data = Path(file).read_bytes()
        except OSError as exc:
            errors.append(FileError(file, f"cannot read it ({exc.strerror or exc}) — check that it exists and is readable"))
            return
        except ReviseError as exc:
            errors.append(FileError(file, str(exc)))
            return
        source = dict(path=file, root=str(root), size=stat.st_size, mtime_ns=stat.st_mtime_ns,
                      hash=settings_hash(hashlib.sha256(data).hexdigest(), settings), synced_at=self.now)
        if old and (old["hash"], old["root"]) == (source["hash"], str(root)):
            self.touched.append(source)
            return
        try:
            text = decode(data)
        except ReviseError as exc:
            errors.append(FileError(file, str(exc)))
            return
        self.pending.append(_Pending(file, root, source))
        self.parsing.add((text, file, default_deck(Path(file), root), self.vault_tags.get(file, ()), settings))

    def parse(self, db: Database, tick: Callable[[], None], errors: list[FileError]) -> None:
        """Parse every changed file (in worker processes when there are many) into notes; when fresh,
        write each file's notes as they come, into tables whose indexes are built once at the end."""
        self.fresh = bool(self.pending) and not collection.holds_notes(db)
        with collection.indexes_deferred(db) if self.fresh else contextlib.nullcontext():
            # Fresh: the notes are only written, by position: no need to make them named tuples again.
            for pending, (notes, warnings, error) in zip(self.pending, self.parsing.results(named=not self.fresh)):
                if error:
                    errors.append(FileError(pending.file, error))
                else:
                    self._take(db, pending, notes, warnings)
                tick()

    def close(self) -> None:
        """Stop any parsing still under way (the sync failed or was interrupted)."""
        self.parsing.close()

    def _take(self, db: Database, pending: _Pending, notes: list[identity.ParsedNote], warnings: list[ParseWarning]) -> None:
        """Keep one parsed file's notes for matching, or (fresh) write them now and keep only their ids."""
        file = pending.file
        self.warnings[file] = warnings + missing_image_warnings(file, ((n[_TEXT], n[_LINE]) for n in notes), pending.root)
        self.cards[file] = sum(len(note[_CARDS]) for note in notes)
        if self.fresh:
            collection.insert_notes(db, notes, self.now)
            notes = as_notes([note for note in notes if note[_EXPLICIT_ID]])  # to tell of an id used in two files
        self.parsed[file] = notes

    def write(self, db: Database, gone: list[str]) -> None:
        """Match the parsed notes against the collection and write the result."""
        parsed = dict(self.parsed)
        parsed.update({file: [] for file in gone})
        if self.fresh:  # written already; the collection held no other note to share an id with
            self._warn_shared_ids(parsed, [])
        elif parsed:  # else nothing to match: a sync that parsed nothing reads no note or card
            self._match_and_write(db, parsed)
        collection.save_sources(db, self.touched + [p.source for p in self.pending if p.file in self.cards])
        collection.forget_sources(db, gone)
        self._save_counts(db, gone)

    def _match_and_write(self, db: Database, parsed: dict[str, list[identity.ParsedNote]]) -> None:
        """Plan the parsed files' notes against the records they may match, write the plan, warn of shared ids."""
        notes = [n for ns in parsed.values() for n in ns]
        records = collection.note_records(
            db, list(parsed), [n.key for n in notes], [n.explicit_id for n in notes if n.explicit_id]
        )
        self.plan = identity.plan_sync(parsed, records, self._settled({r.source for r in records} - set(parsed)))
        collection.apply_sync_plan(db, self.plan, self.now)
        ids = [n.explicit_id for n in notes if n.explicit_id]
        self._warn_shared_ids(parsed, collection.explicit_id_places(db, ids) if ids else [])

    def _save_counts(self, db: Database, gone: list[str]) -> None:
        """Store the live cards of every file the write changed, so that no sync has to count them all."""
        # A parsed file now holds exactly its parsed cards (its other notes retired). A file it took
        # notes from without being parsed (a move) is counted in SQL, through the source index.
        counts = dict(self.cards)
        others = {m.record.source for m in self.plan.matches if m.record} - counts.keys() - set(gone) - {None}
        counts.update(dict.fromkeys(others, 0) | collection.active_card_counts(db, sorted(others)))
        collection.save_card_counts(db, counts)
        self.counts.update(counts)

    def _warn_shared_ids(
        self, parsed: dict[str, list[identity.ParsedNote]], elsewhere: list[tuple[str, str, int]]
    ) -> None:
        """A block id in two files: the id no longer tells which card moved where, so say so."""
        shared = identity.shared_ids(parsed, elsewhere)
        if not shared:
            return
        from revise.notes import ParseWarning

        for note, file, line in shared:
            self.warnings[note.file].append(ParseWarning(note.file, note.line, (
                f"id '{note.explicit_id}' is also used at {file}:{line} — give each card its own id "
                "(a card moved between files keeps its history by its id only when the id is unique)")))

    def _settled(self, sources: set[str | None]) -> set[str]:
        """The files among `sources` unchanged on disk since they were last read (so still holding their notes)."""
        settled = set()
        for source in filter(None, sources):
            old = self.remembered.get(source)
            try:
                stat = os.stat(source)
            except OSError:
                continue
            if old and (old["size"], old["mtime_ns"]) == (stat.st_size, stat.st_mtime_ns):
                settled.add(source)
        return settled

    def results(self, files: list[tuple[str, Path]], gone: list[str], failed: set[str]) -> list[FileResult]:
        """Per-file card counts: from the plan for parsed files, from the stored counts for skipped ones."""
        results = {file: FileResult(file) for file, _ in files}
        results.update({file: FileResult(file, gone=True) for file in gone})
        self._count_changes(results)
        for file, warnings in self.warnings.items():
            results[file].parsed = True
            results[file].warnings = warnings
        for file, warning in self.skipped.items():
            results[file].warnings = [warning]
        for file, result in results.items():
            if file not in self.cards and not result.gone:
                result.unchanged = self.counts.get(file, 0)
        return [results[f] for f in sorted(results) if f not in failed]

    def _count_changes(self, results: dict[str, FileResult]) -> None:
        """Add the plan's cards added, updated, moved, unchanged and retired to each file's counts."""
        if self.fresh:  # no plan: every card is new
            for file, cards in self.cards.items():
                results[file].added = cards
            return
        for match in self.plan.matches:
            result = results[match.parsed.file]
            if match.record is None:  # the common case of a first import, kept cheap
                result.added += len(match.parsed.cards)
                continue
            changes = identity.card_changes(match)
            for name in COUNTS:
                setattr(result, name, getattr(result, name) + len(getattr(changes, name)))
        for record in self.plan.retire:
            results[record.source].retired += sum(not gone for _, _, gone in record.cards.values())
