"""Two `revise review` processes and `revise sync`s at once on one collection: every answer given is in
the review log, and no process shows "database is locked" or a traceback."""

from __future__ import annotations

import os
import random
import re
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

CARDS = 12  # per reviewed deck: under the 20 new cards a day, so each session shows them all
REVISE = [sys.executable, "-c", "from revise.cli import app; app()"]


class PipedReview:
    """`revise review ARGS` answering through a pipe: each card revealed, then graded Easy, at a random
    pace; the fronts it answered are kept, in order, once the session has shown the next screen."""

    def __init__(self, args: list[str], seed: int) -> None:
        self.process = subprocess.Popen([*REVISE, "review", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, bufsize=0)
        self.output, self.answered, self.rng = b"", [], random.Random(seed)
        self.changed = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.driver = threading.Thread(target=self._answer_all, daemon=True)
        self.driver.start()

    def _read(self) -> None:
        while chunk := self.process.stdout.read(4096):
            with self.changed:
                self.output += chunk
                self.changed.notify_all()

    def _wait_for(self, pattern: bytes, start: int) -> re.Match | None:
        """The first match of `pattern` in the output after `start`; None once the output ends without one."""
        deadline = time.monotonic() + 60
        with self.changed:
            while not (found := re.compile(pattern).search(self.output, start)):
                if not self.reader.is_alive() or time.monotonic() > deadline:
                    return None
                self.changed.wait(0.1)
            return found

    def _answer_all(self) -> None:
        position = 0
        while shown := self._wait_for(rb"Question (\w+)\?|Done:", position):
            if shown.group(0) == b"Done:":
                return
            front = shown.group(1).decode()
            self._send(b"\n")
            revealed = self._wait_for(rb"Answer " + shown.group(1) + rb"[ .]", shown.end())
            if revealed is None:
                return
            time.sleep(self.rng.uniform(0, 0.04))
            self._send(b"4\n")
            position = revealed.end()
            self.answered.append(front)  # given: it must be in revlog whatever happens next
            time.sleep(self.rng.uniform(0, 0.04))

    def _send(self, line: bytes) -> None:
        try:
            self.process.stdin.write(line)
        except BrokenPipeError:
            pass

    def finish(self) -> tuple[int, str, str]:
        """Wait for the session to end: (exit code, stdout, stderr)."""
        self.driver.join(90)
        self.process.stdin.close()
        stderr = self.process.stderr.read()
        code = self.process.wait(30)
        self.reader.join(10)
        return code, self.output.decode(errors="replace"), stderr.decode(errors="replace")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


def deck_text(deck: str, cards: int, word: str = "") -> str:
    return f"---\ndeck: {deck}\n---\n" + "".join(f"Q: Question {deck}{i}?\nA: Answer {deck}{i}{word}.\n\n" for i in range(cards))


def rewrite(path: Path, text: str) -> None:
    """Write `text`, its mtime moved on a second so that sync sees the change within the same second."""
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


@pytest.fixture
def notes(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    for deck in "AB":
        (folder / f"{deck}.md").write_text(deck_text(deck, CARDS), encoding="utf-8")
    (folder / "C.md").write_text(deck_text("C", 300), encoding="utf-8")  # edited by the syncs: a parse to do
    subprocess.run([*REVISE, "import", str(folder)], check=True, capture_output=True)
    return folder


def run_syncs_while(reviews: list[PipedReview], notes: Path) -> list[tuple[bool, subprocess.CompletedProcess]]:
    """`revise sync` again and again (an edit to two note files before each) until both sessions end:
    (whether a session was still running when it started, its result) for each."""
    done = []
    while len(done) < 3 or any(r.process.poll() is None for r in reviews):
        edit = len(done)
        rewrite(notes / "C.md", deck_text("C", 300 + edit, word=f" v{edit}"))
        rewrite(notes / "A.md", deck_text("A", CARDS, word=f" (edit {edit})"))  # cards under review change
        during = any(r.process.poll() is None for r in reviews)
        done.append((during, subprocess.run([*REVISE, "sync"], capture_output=True, text=True, timeout=60)))
        if len(done) > 40:
            break
    return done


def revlog_fronts(collection: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(collection) as db:
        return db.execute("SELECT c.front, c.reps FROM revlog r JOIN cards c ON c.id = r.card_id "
                          "WHERE r.kind = 'review' ORDER BY r.id").fetchall()


def test_two_reviews_and_syncs_at_once_lose_no_answer(notes, tmp_path):
    reviews = [PipedReview(["--deck", deck], seed) for seed, deck in enumerate("AB")]
    try:
        syncs = run_syncs_while(reviews, notes)
        ended = [review.finish() for review in reviews]
    finally:
        for review in reviews:
            review.kill()
    assert sum(during for during, _ in syncs) >= 2  # the syncs did run while the sessions answered
    for _, result in syncs:
        assert (result.returncode, result.stderr) == (0, ""), result.stderr
    for code, stdout, stderr in ended:
        assert code == 0, stderr
        for text in (stdout, stderr):
            assert "locked" not in text and "Traceback" not in text, text
    answered = [f"Question {front}?" for review in reviews for front in review.answered]
    assert sorted(answered) == sorted(f"Question {d}{i}?" for d in "AB" for i in range(CARDS))
    logged = revlog_fronts(tmp_path / "collection.db")
    assert sorted(front for front, _ in logged) == sorted(answered)
    assert all(reps == 1 for _, reps in logged)  # each answer's schedule kept: no sync wrote an old one back
