"""A kill harness: a revise command run in a child process and killed with SIGKILL after a random delay,
spread over the time an uninterrupted run takes; then the collection must be sound (`PRAGMA
integrity_check` ok, no foreign key broken), and running the same command again must complete and
leave what an uninterrupted run leaves.

A command is a `Killed`: how to fill its work folder, its arguments, and what its run leaves (counts,
digests) to compare. Every trial starts from a copy of the same prepared folder, at the same path
(the collection remembers its sources by absolute path), with its own $HOME, data and config
directories inside it, so that backups and config.toml are part of what is killed and compared."""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REVISE = (sys.executable, "-c", "from revise.cli import app; app()")
COLLECTION = "collection.db"


@dataclass(frozen=True)
class Killed:
    """One command to kill at random points of its run, and how to judge what it left."""

    name: str
    prepare: Callable[[Path], None]  # fills the work folder: notes, the collection, config.toml
    args: Callable[[Path], list[str]]  # revise's arguments, for the work folder
    outcome: Callable[[Path], object]  # what a completed run left; the re-run after a kill must leave the same
    trials: int
    # What must hold right after a kill (an output file absent or whole), given the prepared folder and
    # the uninterrupted run's outcome.
    check_killed: Callable[[Path, Path, object], None] = lambda work, template, expected: None


@dataclass
class Trials:
    """What the trials of one command did: the uninterrupted run's seconds, each delay, how many were killed."""

    seconds: float
    prepared: float = 0.0  # seconds to prepare the folder
    delays: list[float] = field(default_factory=list)
    killed: int = 0


def environment(work: Path) -> dict[str, str]:
    """The child's environment: its collection, config, $HOME and data directory all inside `work`."""
    home = work / "home"
    return {**os.environ, "REVISE_COLLECTION": str(work / COLLECTION), "REVISE_CONFIG": str(work / "config.toml"),
            "HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
            "COLUMNS": "100"}


def start(work: Path, args: list[str]) -> subprocess.Popen:
    """`revise ARGS` in a child process of its own session (so that any worker it starts can be ended too)."""
    return subprocess.Popen([*REVISE, *args], cwd=work, env=environment(work), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def complete(work: Path, args: list[str]) -> subprocess.CompletedProcess:
    """`revise ARGS` run to its end; an AssertionError with its output if it failed or printed a traceback."""
    done = subprocess.run([*REVISE, *args], cwd=work, env=environment(work), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, f"revise {' '.join(args)}:\n{done.stdout}{done.stderr}"
    return done


def kill_after(work: Path, args: list[str], delay: float) -> bool:
    """Start `revise ARGS`, SIGKILL it after `delay` seconds; whether it was still running then."""
    process = start(work, args)
    time.sleep(delay)
    running = process.poll() is None
    process.send_signal(signal.SIGKILL)
    try:
        process.wait(60)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # any worker process left behind
        except ProcessLookupError:
            pass
    return running and process.returncode == -signal.SIGKILL


def check_sound(collection: Path) -> None:
    """The collection (if the command got as far as making one) passes SQLite's checks."""
    if not collection.exists():
        return
    with contextlib.closing(sqlite3.connect(collection)) as db:  # opening recovers the WAL a killed process left
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def run_trials(command: Killed, base: Path, seed: int = 0) -> Trials:
    """Measure an uninterrupted run, then kill `command.trials` runs at delays spread uniformly over
    its duration (one in each equal slice, seeded), checking each as the module docstring says."""
    work, template = base / "work", base / "template"
    work.mkdir(parents=True)
    began = time.monotonic()
    command.prepare(work)
    shutil.copytree(work, template, symlinks=True)
    started = time.monotonic()
    complete(work, command.args(work))
    trials = Trials(time.monotonic() - started, started - began)
    expected = command.outcome(work)
    rng = random.Random(seed)
    for number in range(command.trials):
        _reset(work, template)
        delay = (number + rng.random()) * trials.seconds / command.trials
        trials.delays.append(delay)
        trials.killed += kill_after(work, command.args(work), delay)
        where = f"{command.name}, killed after {delay:.3f} s"
        try:
            check_sound(work / COLLECTION)
            command.check_killed(work, template, expected)
            complete(work, command.args(work))
            assert command.outcome(work) == expected
        except AssertionError as failed:
            raise AssertionError(f"{where}: {failed}") from None
    return trials


def _reset(work: Path, template: Path) -> None:
    """The work folder as it was prepared: removed and copied again (times kept, so sync sees the same files)."""
    shutil.rmtree(work)
    shutil.copytree(template, work, symlinks=True)


def collection_outcome(work: Path) -> dict | None:
    """Row counts of the collection's tables and a digest of every card's text, deck and schedule state;
    None while there is no collection or it holds nothing yet."""
    if not (work / COLLECTION).exists():
        return None
    with contextlib.closing(sqlite3.connect(work / COLLECTION)) as db:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sources'").fetchone():
            return None
        counts = {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("notes", "cards", "revlog", "sources")}
        counts["retired"] = db.execute("SELECT count(*) FROM cards WHERE retired").fetchone()[0]
        rows = db.execute("SELECT n.deck, c.front, c.back, c.state, c.reps FROM cards c JOIN notes n ON n.id = c.note_id "
                          "ORDER BY 1, 2, 3, 4, 5").fetchall()
    if not any(counts.values()):
        return None
    return counts | {"cards_digest": digest(repr(rows).encode())}


def all_or_nothing(work: Path, template: Path, expected: dict | None) -> None:
    """The collection is as it was prepared, or as the uninterrupted run left it: nothing in between."""
    found = collection_outcome(work)
    assert found in (collection_outcome(template), expected)


def files_outcome(folder: Path, pattern: str = "*.md") -> dict[str, str]:
    """Each file under `folder` matching `pattern` (relative path) → the sha256 of its bytes."""
    return {str(p.relative_to(folder)): digest(p.read_bytes()) for p in sorted(folder.rglob(pattern))}


def digest(data: bytes) -> str:
    """A short sha256 of `data`."""
    return hashlib.sha256(data).hexdigest()[:16]
