"""Parsing note files, in worker processes when there are many (started as soon as enough text has
been read): the pool, its signal mask, the notes' way back, and workers that die with their parent."""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
from collections import deque
from typing import TYPE_CHECKING, Iterator

from revise import identity
from revise.identity import NoteCard, ParsedNote

if TYPE_CHECKING:  # the parser is imported only when a file has to be parsed
    from revise.notes import ParseWarning

# Worker processes cost ~0.1 s to start, and sending the notes back costs a part of parsing them
# (a fifth when they were pickled, a few percent marshalled): measured on 2 cores with pickling,
# they broke even near 3 MB of notes (10k cards) and saved a third at 27 MB.
PARALLEL_MIN_CHARS = 4_000_000
PARALLEL_WORKERS = min(2, os.cpu_count() or 1)
# Chunks of ~15 files of the 1,000-file corpus: small enough that one worker does not finish long
# before the other, large enough that each round trip carries work.
CHUNK_CHARS = PARALLEL_MIN_CHARS // 10

_new = tuple.__new__
ParsedFile = tuple[list[identity.ParsedNote], list["ParseWarning"], str | None]  # notes, warnings, error


def parse_file(text: str, file: str, deck: str, only_tagged: tuple[str, ...] = (), settings: tuple = ()) -> ParsedFile:
    """Parse one file's text into notes (siblings grouped) and warnings; a parser crash is this file's error."""
    from revise.notes import parse

    try:
        result = parse(text, file, deck, only_tagged, settings)
    except Exception as exc:  # a parser bug must not stop the other files, nor show a traceback
        return [], [], f"the parser failed on it ({type(exc).__name__}: {exc}) — please report this with the file"
    return identity.group_notes(result.cards), list(result.warnings), None


def _parse_to_send(text: str, file: str, deck: str, only_tagged: tuple[str, ...] = (), settings: tuple = ()) -> ParsedFile:
    """`parse_file` in a worker: its notes as plain tuples, which marshal (named ones do not pickle fast either)."""
    notes, warnings, error = parse_file(text, file, deck, only_tagged, settings)
    return [(*note[:-1], tuple(map(tuple, note.cards))) for note in notes], warnings, error


def as_notes(notes: list[tuple]) -> list[ParsedNote]:
    """Notes sent back by a worker as plain tuples made notes again (built as group_notes builds them)."""
    return [_new(ParsedNote, (*note[:-1], tuple(_new(NoteCard, card) for card in note[-1]))) for note in notes]


def _received(parsed: ParsedFile) -> ParsedFile:
    notes, warnings, error = parsed
    return as_notes(notes), warnings, error


def parse_files(jobs: list[tuple], workers: int = 1) -> Iterator[ParsedFile]:
    """Parse many (text, file, deck[, only_tagged[, settings]]) jobs, in `workers` processes when more than one; results in job order."""
    parsing = Parsing(workers)
    for job in jobs:
        parsing.add(job)
    return parsing.results()


class Parsing:
    """Jobs parsed in the order they are added: in this process, or in worker processes once there
    are two jobs and PARALLEL_MIN_CHARS of text, which then parse while the rest is still being read."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers  # None: as many as the amount of text pays for
        self.unsent: list[tuple] = []  # the jobs not yet sent to a worker (or all of them, parsing here)
        self.count = self.chars = 0
        self.pool = None
        self.chunks: deque = deque()  # futures of the chunks sent, in job order

    def add(self, job: tuple) -> None:
        """Queue one (text, file, deck[, only_tagged]) job; a worker may start on it at once."""
        self.unsent.append(job)
        self.count += 1
        self.chars += len(job[0])
        if self._parallel():
            self._send(everything=False)

    def results(self, *, named: bool = True) -> Iterator[ParsedFile]:
        """Every job's notes, warnings and error, in the order the jobs were added.

        Not `named`: notes from workers stay plain tuples of the same fields (`as_notes` names them),
        for a caller that only reads them by position, as a first import writes them."""
        if not self._parallel():
            yield from (parse_file(*job) for job in self.unsent)
            return
        self._send(everything=True)
        try:
            while self.chunks:  # each chunk let go once read: a first import has written its notes by then
                chunk = _unpack_chunk(self.chunks.popleft().result())
                yield from map(_received, chunk) if named else chunk
        except BaseException:  # Ctrl-C, SIGTERM, an error, or the caller stopped early: no more chunks
            self.close()
            raise
        self.pool.shutdown()
        self.pool = None

    def close(self) -> None:
        """Stop the workers, if any are still at work (an import that failed or was interrupted)."""
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def _parallel(self) -> bool:
        """Whether the jobs are for worker processes (once true, true for good: jobs only add up)."""
        workers = self.workers if self.workers is not None else self._workers_for_text()
        return self.count >= 2 and workers >= 2

    def _workers_for_text(self) -> int:
        return PARALLEL_WORKERS if self.chars >= PARALLEL_MIN_CHARS else 1

    def _send(self, *, everything: bool) -> None:
        """Send the queued jobs to the workers in chunks of CHUNK_CHARS (the last one smaller, if `everything`)."""
        chunk: list[tuple] = []
        chars = 0
        for job in self.unsent:
            chunk.append(job)
            chars += len(job[0])
            if chars >= CHUNK_CHARS:
                self._submit(chunk)
                chunk, chars = [], 0
        if chunk and everything:
            self._submit(chunk)
            chunk = []
        self.unsent = chunk

    def _submit(self, jobs: list[tuple]) -> None:
        """One chunk to the workers, starting them first if need be."""
        if self.pool is None:
            from concurrent.futures import ProcessPoolExecutor

            workers = self.workers or self._workers_for_text()
            self.pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(os.getpid(), _set_signal_mask()))
        # Workers are born (at the first submit) with SIGINT and SIGTERM blocked, and unblock them once
        # they have their own handlers: a signal in between must not run the parent's handler in a worker.
        mask = _set_signal_mask(block=True)
        try:
            self.chunks.append(self.pool.submit(_parse_chunk, jobs))
        finally:
            _set_signal_mask(mask)


def _parse_chunk(jobs: list[tuple]) -> tuple[bytes, list[tuple[list, str | None]]]:
    """A worker's share: several files, so that each round trip carries enough work.

    The notes travel marshalled (they are tuples of str, int and None only), twice as fast both
    ways as pickled; the few warnings are pickled beside them."""
    parsed = [_parse_to_send(*job) for job in jobs]
    return marshal.dumps([notes for notes, _, _ in parsed]), [(warnings, error) for _, warnings, error in parsed]


def _unpack_chunk(chunk: tuple[bytes, list[tuple[list, str | None]]]) -> list[ParsedFile]:
    """A chunk's results as `_parse_to_send` returned them."""
    notes, rest = chunk
    return [(file_notes, warnings, error) for file_notes, (warnings, error) in zip(marshal.loads(notes), rest)]


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
    """Exit once the parent is gone (where no PR_SET_PDEATHSIG does it for us)."""
    import time

    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
