"""`revise review` in a real terminal (tmux, 80x24): the alternate screen, a typed answer's diff, and
Ctrl-C ending with the summary. Skipped where tmux is not installed."""

import os
import shlex
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.tmux import Tmux

pytestmark = pytest.mark.skipif(not shutil.which("tmux"), reason="needs tmux")

REVISE = str(Path(sys.executable).parent / "revise")
DECK = """\
# Basics

Q: What does ReLU compute?
A: $\\max(0, z)$

Q: What range does the sigmoid map into?
A: (0, 1)
"""


def review_window(tmp_path, command):
    """A tmux window that says something, runs `command`, then prints its exit code and stays."""
    script = tmp_path / "run.sh"
    script.write_text(f"echo 'before the session'\n{command}\necho \"EXIT=$?\"\nsleep 600\n")
    env = {**os.environ, "TERM": "xterm-256color", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    env.pop("NO_COLOR", None)
    return Tmux(f"bash {shlex.quote(str(script))}", env)


@pytest.fixture
def deck(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "basics.md").write_text(DECK, encoding="utf-8")
    return folder


@pytest.fixture
def tmux(tmp_path):
    sessions = []

    def start(args):
        sessions.append(review_window(tmp_path, f"{shlex.quote(REVISE)} review {args}"))
        return sessions[-1]

    yield start
    for session in sessions:
        session.close()


def ratings():
    with sqlite3.connect(os.environ["REVISE_COLLECTION"]) as conn:
        return [row[0] for row in conn.execute("SELECT rating FROM revlog ORDER BY id")]


def test_the_session_leaves_the_scrollback_as_it_was_with_the_summary_after_it(tmux, deck):
    term = tmux(shlex.quote(str(deck)))
    first = term.wait_for("What does ReLU compute?")
    assert "before the session" not in first  # the card has the alternate screen to itself
    assert "Imported 2 new cards" in first  # told on the first card's screen
    term.keys("Space")
    term.wait_for("3 Good")
    term.keys("3")
    term.wait_for("What range does the sigmoid")
    term.keys("q")
    after = term.wait_for("EXIT=0")
    everything = term.screen(history=True)
    lines = [line for line in everything.splitlines() if line.strip()]
    assert lines[0] == "before the session" and lines[-1] == "EXIT=0"
    assert "Done: 1 card, again 0%" in after
    assert "What does ReLU" not in everything and "q quit" not in everything  # no card screen left behind
    assert ratings() == [3]


def test_a_typed_answer_is_compared_and_enter_takes_the_suggested_grade(tmux, deck):
    term = tmux(f"--type {shlex.quote(str(deck))}")
    term.wait_for("Enter check · Esc reveal without typing")
    term.keys("max(0,x)", literal=True)
    term.wait_for("› max(0,x)")
    term.keys("Enter")
    shown = term.wait_for("≈ Close")
    lines = shown.splitlines()
    typed = lines.index("typed     max(0,x)")
    assert lines[typed + 1: typed + 4] == ["                ^", "expected  \\max(0, z)", "                  ^"]
    assert "≈ Close (88% alike). Enter: 2 Hard, or 1–4." in shown and "Enter accept · u undo" in shown
    term.keys("Enter")
    term.wait_for("What range does the sigmoid")
    term.keys("Escape")  # reveal without typing: graded by hand
    term.wait_for("(0, 1)")
    term.keys("4")
    term.wait_for("Waiting for it")  # the Hard card comes back in a few minutes
    term.keys("q")
    term.wait_for("EXIT=0")
    assert ratings() == [2, 4]


def test_ctrl_c_ends_with_the_summary_and_exit_130(tmux, deck):
    term = tmux(shlex.quote(str(deck)))
    term.wait_for("What does ReLU compute?")
    term.keys("Space")
    term.wait_for("3 Good")
    term.keys("3")
    term.wait_for("What range does the sigmoid")
    term.keys("C-c")
    shown = term.wait_for("EXIT=130")
    assert "Done: 1 card, again 0%" in shown and "Interrupted." in shown
    assert "What range" not in term.screen(history=True)
    assert ratings() == [3]
