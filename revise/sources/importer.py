"""Importing and syncing Markdown files: read, hash, parse, match identities, write in one transaction."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import stat as stat_mode
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from sqlite_utils import Database

from revise import collection, identity
from revise.errors import ReviseError

if TYPE_CHECKING:  # the parser is imported only when a file has to be parsed
    from revise.notes import ParseWarning

MAX_FILE_BYTES = 10 * 1024 * 1024  # a note past 10 MB is almost surely not a note
MARKDOWN_SUFFIXES = (".md", ".markdown")  # compared in lower case: `Notes.MD` is a note too
FLASHCARD_TAGS = ("#flashcards",)  # the Obsidian Spaced Repetition plugin's default
# Worker processes cost ~0.1 s to start and pickling the notes back costs a fifth of parsing them:
# measured on 2 cores, they break even near 3 MB of notes (10k cards) and save a third at 27 MB.
PARALLEL_MIN_CHARS = 4_000_000
PARALLEL_WORKERS = min(2, os.cpu_count() or 1)

Progress = Callable[[int, int], None]  # (steps done, steps in all): each file read, each parsed, the write


@dataclass
class FileResult:
    """What one import did to one file, counted in cards."""

    file: str
    added: int = 0
    updated: int = 0
    moved: int = 0
    retired: int = 0
    unchanged: int = 0
    parsed: bool = False
    gone: bool = False  # the file was remembered but no longer exists: its cards retired or moved away
    warnings: list[ParseWarning] = field(default_factory=list)


@dataclass(frozen=True)
class FileError:
    """A file that could not be imported; the others still were."""

    file: str
    message: str  # "<what> — <what to do>"

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


COUNTS = ("added", "updated", "moved", "retired", "unchanged")


@dataclass
class ImportReport:
    """Per-file results, their totals, and the files that failed."""

    files: list[FileResult] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)

    def total(self, name: str) -> int:
        """The sum of one count ("added", "updated", …) over every file."""
        return sum(getattr(f, name) for f in self.files)

    @property
    def parsed(self) -> int:
        """How many files were parsed (the others were unchanged and skipped)."""
        return sum(f.parsed for f in self.files)

    @property
    def gone(self) -> int:
        """How many remembered files no longer exist (renamed, moved or deleted)."""
        return sum(f.gone for f in self.files)

    @property
    def warnings(self) -> list[ParseWarning]:
        """Every parse warning, file by file."""
        return [w for f in self.files for w in f.warnings]

    def as_json(self) -> dict:
        """The report as the stable `--json` object."""
        data: dict = {name: self.total(name) for name in COUNTS}
        data["parsed"] = self.parsed
        data["gone"] = self.gone
        data["warnings"] = [asdict(w) for w in self.warnings]
        data["errors"] = [asdict(e) for e in self.errors]
        data["files"] = [
            {"file": f.file, **{name: getattr(f, name) for name in COUNTS}, "warnings": len(f.warnings),
             "gone": f.gone}
            for f in self.files
        ]
        return data


@dataclass(frozen=True)
class _Scan:
    """A path to look at now, and the root its decks are named from."""

    path: Path
    root: Path


def import_paths(
    db: Database, paths: list[Path | str], *, progress: Progress | None = None, now: datetime | None = None
) -> ImportReport:
    """Import Markdown files and folders (recursively `*.md`, hidden folders skipped) and remember them as sources."""
    roots = _remembered_roots(db)
    scans, errors = [], []
    for path in paths:
        absolute = absolute_path(path) if str(path) else None  # Path("") would be "."
        problem = _cannot_look_at(absolute) if absolute else "missing"
        if problem == "missing":
            errors.append(FileError(str(path) or "''", "no such file or folder — check the path"))
        elif problem:
            errors.append(FileError(str(path), f"cannot read it ({problem}) — check its permissions and its folder's"))
        else:
            # Inside a folder imported before, decks keep that folder's names (`revise review
            # notes/course/week1.md` must not rename the deck `course::week1`).
            outer = [root for root in roots if absolute.is_relative_to(root)]
            scans.append(_Scan(absolute, min(outer, key=lambda r: len(r.parts)) if outer else absolute))
    return _sync(db, scans, errors, progress, now, must_find=True)


def sync_sources(
    db: Database, paths: list[Path] | None = None, *, progress: Progress | None = None,
    now: datetime | None = None, forget_missing: bool = False,
) -> ImportReport:
    """Re-read the remembered sources (or those under `paths`); files unchanged in size, mtime and hash are not parsed.

    An imported folder that has disappeared is an error unless `forget_missing` (then its cards retire)
    or its cards have all moved elsewhere (then it is forgotten quietly).
    """
    roots = _remembered_roots(db)
    if paths is None:
        scans = [_Scan(root, root) for root in roots]
    else:
        scans = _scans_under(roots, [absolute_path(p) for p in paths])
    scans = sorted(scans, key=lambda s: str(s.path))
    return _sync(db, scans, [], progress, now, must_find=False, forget_missing=forget_missing)


def _remembered_roots(db: Database) -> set[Path]:
    return {Path(row["root"]) for row in collection.source_rows(db).values()}


def absolute_path(path: Path | str) -> Path:
    """`path` made absolute (with `~` expanded and symlinks resolved), as sources are remembered."""
    # Resolved, so that a folder imported through a symlink is the same source as the folder itself.
    return Path(os.path.realpath(Path(path).expanduser()))


def _scans_under(roots: Iterable[Path], paths: list[Path]) -> list[_Scan]:
    """The roots inside `paths`, and the `paths` inside a root (read with that root's deck names)."""
    scans = {}
    for path in paths:
        for root in roots:
            if root == path or root.is_relative_to(path):
                scans[root] = _Scan(root, root)
            elif path.is_relative_to(root):
                scans.setdefault(path, _Scan(path, root))
    return list(scans.values())


def _sync(
    db: Database, scans: list[_Scan], errors: list[FileError], progress: Progress | None,
    now: datetime | None, *, must_find: bool, forget_missing: bool = False,
) -> ImportReport:
    now_iso = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat()
    report = ImportReport(errors=errors)
    with _no_gc(), db.atomic():
        remembered = collection.source_rows(db)
        missing_ok = True if forget_missing else _nothing_left(db, remembered)
        files, gone, vault_tags = _discover(scans, remembered, report.errors, must_find, missing_ok)
        batch = _Batch(remembered, now_iso, vault_tags)
        tick = _Ticker(progress, total=2 * len(files) + 1)  # read each file, parse each file, write
        for file, root in files:
            batch.read(file, root, report.errors)
            tick()
        tick(len(files) - len(batch.pending))  # files that need no parsing
        batch.parse(tick, report.errors)
        batch.write(db, gone)
        if must_find:
            report.errors += _empty_vaults(db, scans, vault_tags)
        report.files = batch.results(db, files, gone, {e.file for e in report.errors})
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
        return not any(n for source, n in counts.items() if source and _is_under(source, folder))

    return check


GONE_FOLDER = (
    "this imported folder is gone — reconnect it, or import it from its new place (its cards keep "
    "their history); if you deleted it, run `revise sync --forget-missing`"
)


def _discover(
    scans: list[_Scan], remembered: dict[str, dict], errors: list[FileError], must_find: bool,
    missing_ok: bool | Callable[[Path], bool],
) -> tuple[list[tuple[str, Path]], list[str], dict[str, tuple[str, ...]]]:
    """The files to read (path, root), remembered files under the scans that no longer exist, and
    the flashcard tags of the files in Obsidian vaults."""
    files: dict[str, Path] = {}
    gone: list[str] = []
    vault_tags: dict[str, tuple[str, ...]] = {}
    for scan in scans:
        found, unreadable = _markdown_files(scan.path)
        errors += [FileError(folder, f"cannot read this folder ({reason}) — check its permissions; "
                             "the cards from it are left as they are") for folder, reason in unreadable]
        if os.path.isdir(scan.path) and not found and must_find and not unreadable:
            errors.append(FileError(str(scan.path), "no Markdown (*.md, *.markdown) files in this folder — pass a folder of notes"))
            continue
        # A whole imported folder missing is more likely unmounted or renamed than deleted:
        # its cards stay as they are, unless the user says otherwise or they have all moved.
        folder_gone = _is_gone(scan.path) and str(scan.path) not in remembered
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
        gone += [p for p in remembered if _is_under(p, scan.path) and p not in files and _is_gone(p)
                 and not any(_is_under(p, folder) for folder in hidden)]
    return sorted(files.items()), sorted(set(gone)), vault_tags


def _empty_vaults(db: Database, scans: list[_Scan], vault_tags: dict[str, tuple[str, ...]]) -> list[FileError]:
    """An imported Obsidian vault that gave no card: say why (only tagged notes count) rather than stay silent."""
    if not vault_tags:
        return []
    counts = collection.active_card_counts(db)
    errors = []
    for scan in scans:
        files = [f for f in vault_tags if _is_under(f, scan.path)]
        if files and not any(counts.get(f) for f in files):
            tags = " or ".join("#" + t.lstrip("#") for t in vault_tags[files[0]])
            errors.append(FileError(str(scan.path), (
                f"no card in this Obsidian vault: as its Spaced Repetition plugin does, revise reads only "
                f"the notes tagged {tags} (or a subtag) — tag the notes that hold your flashcards")))
    return errors


def _is_gone(path: Path | str) -> bool:
    """Whether a file no longer exists (one that cannot be looked at for lack of permission still does)."""
    return _cannot_look_at(path) == "missing"


def _cannot_look_at(path: Path | str) -> str | None:
    """None when `path` can be stat'ed; "missing" when it does not exist; else why not (Permission denied)."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def _is_under(file: str, folder: Path) -> bool:
    folder_text = str(folder)
    return file == folder_text or file.startswith(folder_text.rstrip(os.sep) + os.sep)


def _markdown_files(path: Path) -> tuple[dict[str, tuple[str, ...]], list[tuple[str, str]]]:
    """The file itself, or every Markdown file under a folder (hidden files and folders skipped),
    each with its Obsidian vault's flashcard tags (or none); and the folders that could not be read."""
    if not os.path.isdir(path):  # a file, or something else that reading it will report (a pipe, a device)
        return ({str(path): _vault_tags(path.parent)} if not _is_gone(path) else {}), []
    found: dict[str, tuple[str, ...]] = {}
    unreadable: list[tuple[str, str]] = []
    tags_of = {str(path): _vault_tags(path)}

    def failed(error: OSError) -> None:
        unreadable.append((error.filename or str(path), error.strerror or str(error)))

    for folder, subfolders, names in os.walk(path, onerror=failed):
        tags = tags_of.get(folder)
        if tags is None:  # a subfolder: a vault of its own, or in its parent's
            tags = _own_vault_tags(Path(folder), ".obsidian" in subfolders) or tags_of[os.path.dirname(folder)]
            tags_of[folder] = tags
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in names:
            if name.lower().endswith(MARKDOWN_SUFFIXES) and not name.startswith("."):
                found[os.path.join(folder, name)] = tags
    return dict(sorted(found.items())), unreadable


def _vault_tags(folder: Path) -> tuple[str, ...]:
    """The flashcard tags of the Obsidian vault holding `folder` (a folder with `.obsidian/` in it), or ()."""
    for candidate in (folder, *folder.parents):
        tags = _own_vault_tags(candidate, os.path.isdir(candidate / ".obsidian"))
        if tags:
            return tags
    return ()


def _own_vault_tags(folder: Path, is_vault: bool) -> tuple[str, ...]:
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


def default_deck(file: Path, root: Path) -> str:
    """A file's deck: its path relative to the imported folder (a file on its own: its stem), `/` → `::`."""
    relative = Path(file.name) if file == root else file.relative_to(root)
    return "::".join(relative.with_suffix("").parts)


@dataclass
class _Pending:
    file: str
    root: Path
    text: str
    source: dict


class _Batch:
    """The files of one sync: which changed, their parsed notes, and what was written."""

    def __init__(self, remembered: dict[str, dict], now: str, vault_tags: dict[str, tuple[str, ...]]) -> None:
        self.remembered = remembered
        self.now = now
        self.vault_tags = vault_tags  # files in Obsidian vaults: only notes with one of these tags make cards
        self.pending: list[_Pending] = []
        self.touched: list[dict] = []  # sources unchanged in content, refreshed (mtime, root)
        self.parsed: dict[str, list[identity.ParsedNote]] = {}
        self.warnings: dict[str, list[ParseWarning]] = {}
        self.plan = identity.SyncPlan()

    def read(self, file: str, root: Path, errors: list[FileError]) -> None:
        """Stat, read, hash and decode one file, unless size and mtime (or the hash) show it unchanged."""
        old = self.remembered.get(file)
        try:
            stat = os.stat(file)
            if not stat_mode.S_ISREG(stat.st_mode):  # reading a named pipe would wait for a writer forever
                raise ReviseError(f"not a regular file ({_kind_of(stat.st_mode)}) — import Markdown files or folders")
            if old and (old["size"], old["mtime_ns"], old["root"]) == (stat.st_size, stat.st_mtime_ns, str(root)):
                return
            if stat.st_size > MAX_FILE_BYTES:
                raise ReviseError(f"larger than {MAX_FILE_BYTES // 2**20} MB — split it into smaller notes")
            data = Path(file).read_bytes()
        except OSError as exc:
            errors.append(FileError(file, f"cannot read it ({exc.strerror or exc}) — check that it exists and is readable"))
            return
        except ReviseError as exc:
            errors.append(FileError(file, str(exc)))
            return
        source = dict(path=file, root=str(root), size=stat.st_size, mtime_ns=stat.st_mtime_ns,
                      hash=hashlib.sha256(data).hexdigest(), synced_at=self.now)
        if old and (old["hash"], old["root"]) == (source["hash"], str(root)):
            self.touched.append(source)
            return
        try:
            text = _decode(data)
        except ReviseError as exc:
            errors.append(FileError(file, str(exc)))
            return
        self.pending.append(_Pending(file, root, text, source))

    def parse(self, tick: Callable[[], None], errors: list[FileError]) -> None:
        """Parse every changed file (in worker processes when there are many) into notes."""
        jobs = [(p.text, p.file, default_deck(Path(p.file), p.root), self.vault_tags.get(p.file, ()))
                for p in self.pending]
        for pending, (notes, warnings, error) in zip(self.pending, parse_files(jobs, _workers_for(jobs))):
            if error:
                errors.append(FileError(pending.file, error))
            else:
                self.parsed[pending.file] = notes
                self.warnings[pending.file] = warnings
            tick()

    def write(self, db: Database, gone: list[str]) -> None:
        """Match the parsed notes against the collection and write the result."""
        parsed = dict(self.parsed)
        parsed.update({file: [] for file in gone})
        notes = [n for ns in parsed.values() for n in ns]
        records = collection.note_records(
            db, list(parsed), [n.key for n in notes], [n.explicit_id for n in notes if n.explicit_id]
        )
        self.plan = identity.plan_sync(parsed, records, self._settled({r.source for r in records} - set(parsed)))
        collection.apply_sync_plan(db, self.plan, self.now)
        self._warn_shared_ids(db, parsed, [n.explicit_id for n in notes if n.explicit_id])
        collection.save_sources(db, self.touched + [p.source for p in self.pending if p.file in self.parsed])
        collection.forget_sources(db, gone)

    def _warn_shared_ids(self, db: Database, parsed: dict[str, list[identity.ParsedNote]], ids: list[str]) -> None:
        """A block id in two files: the id no longer tells which card moved where, so say so."""
        if not ids:
            return
        from revise.notes import ParseWarning

        for note, file, line in identity.shared_ids(parsed, collection.explicit_id_places(db, ids)):
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

    def results(
        self, db: Database, files: list[tuple[str, Path]], gone: list[str], failed: set[str]
    ) -> list[FileResult]:
        """Per-file card counts: from the plan for parsed files, from the collection for skipped ones."""
        results = {file: FileResult(file) for file, _ in files}
        results.update({file: FileResult(file, gone=True) for file in gone})
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
        for file, warnings in self.warnings.items():
            results[file].parsed = True
            results[file].warnings = warnings
        skipped = [r for f, r in results.items() if f not in self.parsed and f not in gone]
        counts = collection.active_card_counts(db) if skipped else {}
        for result in skipped:
            result.unchanged = counts.get(result.file, 0)
        return [results[f] for f in sorted(results) if f not in failed]


def _kind_of(mode: int) -> str:
    if stat_mode.S_ISFIFO(mode):
        return "a named pipe"
    if stat_mode.S_ISCHR(mode) or stat_mode.S_ISBLK(mode):
        return "a device"
    return "a socket" if stat_mode.S_ISSOCK(mode) else "a folder" if stat_mode.S_ISDIR(mode) else "not a file"


_OTHER_ENCODINGS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
                    (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))  # byte-order marks


def _decode(data: bytes) -> str:
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


ParsedFile = tuple[list[identity.ParsedNote], list["ParseWarning"], str | None]  # notes, warnings, error


def parse_file(text: str, file: str, deck: str, only_tagged: tuple[str, ...] = ()) -> ParsedFile:
    """Parse one file's text into notes (siblings grouped) and warnings; a parser crash is this file's error."""
    from revise.notes import parse

    try:
        result = parse(text, file, deck, only_tagged)
    except Exception as exc:  # a parser bug must not stop the other files, nor show a traceback
        return [], [], f"the parser failed on it ({type(exc).__name__}: {exc}) — please report this with the file"
    return identity.group_notes(result.cards), list(result.warnings), None


def parse_files(jobs: list[tuple], workers: int = 1) -> Iterator[ParsedFile]:
    """Parse many (text, file, deck[, only_tagged]) jobs, in `workers` processes when more than one; results in job order."""
    if workers < 2 or len(jobs) < 2:
        yield from (parse_file(*job) for job in jobs)
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(os.getpid(), _set_signal_mask()))
    # Workers are born with SIGINT and SIGTERM blocked, and unblock them once they have their own
    # handlers: a signal in between must not run the parent's handler in a worker.
    mask = _set_signal_mask(block=True)
    try:
        # Small chunks (~15 files of 1,000) keep one worker from finishing long before the other.
        results = pool.map(parse_file, *zip(*jobs), chunksize=max(1, len(jobs) // (workers * 32)))
    finally:
        _set_signal_mask(mask)
    try:
        yield from results
    except BaseException:  # Ctrl-C, SIGTERM, an error, or the caller stopped early: no more chunks
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _set_signal_mask(mask: set | None = None, *, block: bool = False) -> set | None:
    """Block SIGINT and SIGTERM, or set `mask`, or (neither) read the mask; the mask before.
    None where POSIX signal masks do not exist."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        return None
    if block:
        return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    return signal.pthread_sigmask(signal.SIG_SETMASK if mask is not None else signal.SIG_BLOCK, mask or set())


def _start_worker(parent: int, mask: set | None) -> None:
    """A parse worker: no cycle collector, Ctrl-C left to the parent, and death with the parent.

    A worker of a killed import would otherwise wait forever to write its results to a pipe that
    nobody reads (it holds the pipe's other end itself), keeping its memory and the caller's stderr."""
    import signal

    gc.disable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the pool; no traceback per worker
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: the pool stops us with it
    _set_signal_mask(mask)
    with contextlib.suppress(OSError, AttributeError):  # Linux: the kernel kills us when the parent dies
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    import threading

    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()  # elsewhere, poll for it


def _watch_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _workers_for(jobs: list[tuple]) -> int:
    return PARALLEL_WORKERS if sum(len(job[0]) for job in jobs) >= PARALLEL_MIN_CHARS else 1
