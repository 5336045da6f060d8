"""Parsing note files, in worker processes when there are many: the pool, its signal mask, and
workers that die with their parent."""

from __future__ import annotations

import contextlib
import gc
import os
from typing import TYPE_CHECKING, Iterator

from revise import identity
from revise.identity import NoteCard, ParsedNote

if TYPE_CHECKING:  # the parser is imported only when a file has to be parsed
    from revise.notes import ParseWarning

# Worker processes cost ~0.1 s to start and pickling the notes back costs a fifth of parsing them:
# measured on 2 cores, they break even near 3 MB of notes (10k cards) and save a third at 27 MB.
PARALLEL_MIN_CHARS = 4_000_000
PARALLEL_WORKERS = min(2, os.cpu_count() or 1)

_new = tuple.__new__
ParsedFile = tuple[list[identity.ParsedNote], list["ParseWarning"], str | None]  # notes, warnings, error


def parse_file(text: str, file: str, deck: str, only_tagged: tuple[str, ...] = ()) -> ParsedFile:
    """Parse one file's text into notes (siblings grouped) and warnings; a parser crash is this file's error."""
    from revise.notes import parse

    try:
        result = parse(text, file, deck, only_tagged)
    except Exception as exc:  # a parser bug must not stop the other files, nor show a traceback
        return [], [], f"the parser failed on it ({type(exc).__name__}: {exc}) — please report this with the file"
    return identity.group_notes(result.cards), list(result.warnings), None


def _parse_to_send(text: str, file: str, deck: str, only_tagged: tuple[str, ...] = ()) -> ParsedFile:
    """`parse_file` in a worker: its notes as plain tuples, which pickle in half the time of named ones."""
    notes, warnings, error = parse_file(text, file, deck, only_tagged)
    return [(*note[:-1], tuple(map(tuple, note.cards))) for note in notes], warnings, error


def _received(parsed: ParsedFile) -> ParsedFile:
    """A worker's plain tuples made notes again (built as group_notes builds them)."""
    notes, warnings, error = parsed
    return [_new(ParsedNote, (*note[:-1], tuple(_new(NoteCard, card) for card in note[-1]))) for note in notes], warnings, error


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
        results = pool.map(_parse_to_send, *zip(*jobs), chunksize=max(1, len(jobs) // (workers * 32)))
    finally:
        _set_signal_mask(mask)
    try:
        yield from map(_received, results)
    except BaseException:  # Ctrl-C, SIGTERM, an error, or the caller stopped early: no more chunks
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def workers_for(jobs: list[tuple]) -> int:
    """How many processes should parse these jobs: one, unless there is enough text to pay for more."""
    return PARALLEL_WORKERS if sum(len(job[0]) for job in jobs) >= PARALLEL_MIN_CHARS else 1


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
