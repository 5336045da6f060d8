"""Key sources: `revise review` in a real pseudo-terminal (single keypresses, Ctrl-C, SIGKILL mid-session,
Ctrl-Z, resizing), and one key per line from a pipe."""

import os
import shutil
import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from revise.review.terminal import LineKeys

pexpect = pytest.importorskip("pexpect")

REVISE = str(Path(sys.executable).parent / "revise")
CARDS = 8


@pytest.fixture
def deck(tmp_path):
    folder = tmp_path / "decks"
    folder.mkdir()
    text = "\n".join(f"Q: What is question {i}?\nA: Answer {i}.\n" for i in range(1, CARDS + 1))
    (folder / "numbers.md").write_text(text, encoding="utf-8")
    return folder


def spawn(deck, columns=80, lines=30, fixed_size=True, sigint=signal.SIG_DFL):
    """revise review in a pseudo-terminal; `fixed_size`: COLUMNS and LINES set, as a script might;
    `sigint`: what SIGINT does when it starts (SIG_IGN: as run by a shell without job control)."""
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines)}
    if not fixed_size:  # as in an interactive shell, which sets them without exporting them
        env.pop("COLUMNS"), env.pop("LINES")
    env.pop("NO_COLOR", None)
    return pexpect.spawn(REVISE, ["review", str(deck)], env=env, dimensions=(lines, columns), encoding="utf-8",
                         timeout=20, preexec_fn=lambda: signal.signal(signal.SIGINT, sigint))


def revlog_count():
    with sqlite3.connect(os.environ["REVISE_COLLECTION"]) as conn:
        return conn.execute("SELECT count(*) FROM revlog WHERE kind = 'review'").fetchone()[0]


def answer(child, number):
    """Reveal with one Space and grade Good with one `3`, no Enter."""
    child.expect_exact(f"What is question {number}?")
    child.send(" ")
    child.expect_exact(f"Answer {number}.")
    child.expect(r"3 Good(\x1b\[[0-9;]*m)* 10m")  # the grade is coloured, its interval not
    child.send("3")


def test_single_keypresses_without_enter(deck):
    child = spawn(deck)
    answer(child, 1)
    answer(child, 2)
    child.expect_exact("What is question 3?")
    child.send("u")  # undo the second answer: question 2 comes back
    child.expect_exact("What is question 2?")
    child.send("q")
    child.expect_exact("\x1b[?1049l")  # the session leaves the alternate screen before its summary
    child.expect_exact("Done: 1 card")
    assert "done ·" not in child.before and "question" not in child.before  # no stale counts above it
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert revlog_count() == 1


# Ignored: a shell without job control starts a background job (`pytest &`) with SIGINT ignored,
# and Python keeps it so; the review, which owns the terminal's keys, still ends on Ctrl-C.
@pytest.mark.parametrize("sigint", [signal.SIG_DFL, signal.SIG_IGN], ids=["default", "inherited-ignored"])
def test_ctrl_c_exits_130_and_keeps_answers(deck, sigint):
    child = spawn(deck, sigint=sigint)
    answer(child, 1)
    answer(child, 2)
    child.expect_exact("What is question 3?")
    child.sendintr()
    child.expect_exact("Done: 2 cards")  # the summary, then the exit code says it was interrupted
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert revlog_count() == 2


@pytest.mark.parametrize("answers", [1, 3])
def test_sigkill_after_n_answers_loses_nothing(deck, answers):
    child = spawn(deck)
    for number in range(1, answers + 1):
        answer(child, number)
    child.expect_exact(f"What is question {answers + 1}?")  # the next card shows: the answer is committed
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL
    path = os.environ["REVISE_COLLECTION"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM revlog").fetchone()[0] == answers
        assert conn.execute("SELECT count(*) FROM cards WHERE reps = 1").fetchone()[0] == answers


def test_terminal_mode_is_restored(deck, tmp_path):
    """After the session, the shell's terminal is back in canonical mode with echo."""
    script = tmp_path / "run.sh"
    script.write_text(f'"{REVISE}" review "{deck}"\nstty -a | tr " " "\\n" | grep -E "^-?(icanon|echo)$"\n')
    env = {**os.environ, "TERM": "xterm-256color"}
    child = pexpect.spawn("sh", [str(script)], env=env, dimensions=(30, 80), encoding="utf-8", timeout=20)
    child.expect_exact("What is question 1?")
    child.send("q")
    child.expect(pexpect.EOF)
    tail = child.before.split("Done:")[-1]
    assert "icanon" in tail.split() and "echo" in tail.split()
    assert "-icanon" not in tail.split()


def test_sync_warnings_stay_until_a_key_is_pressed(deck):
    (deck / "broken.md").write_text("Q: a question without its answer\n", encoding="utf-8")
    child = spawn(deck)
    child.expect_exact("Warning: ")
    child.expect_exact("1 problem above. Press a key to start reviewing, q to quit.")
    assert child.expect_exact(["What is question 1?", pexpect.TIMEOUT], timeout=1) == 1  # not cleared yet
    child.send("x")
    answer(child, 1)
    child.expect_exact("What is question 2?")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and revlog_count() == 1


def test_resizing_redraws_the_card_at_the_new_width(deck):
    child = spawn(deck, fixed_size=False)
    child.expect_exact("What is question 1?")
    child.expect_exact("0 done")
    child.setwinsize(30, 60)  # the kernel sends SIGWINCH
    child.expect_exact("\x1b[2J")  # the screen is cleared and drawn again
    child.expect(r"\x1b\[2m─{30}\x1b\[0m \x1b\[34mnew 8")  # the counts line now fills 60 columns, not 80
    child.expect_exact("What is question 1?")
    child.send("q")
    child.expect(pexpect.EOF)


def shell(name):
    env = {**os.environ, "TERM": "xterm-256color", "PS1": "PROMPT$ "}
    args = ["--norc", "--noprofile", "-i"] if name == "bash" else ["-i"]
    child = pexpect.spawn(name, args, env=env, dimensions=(30, 80), encoding="utf-8", timeout=20)
    child.expect_exact("PROMPT$ ")
    return child


def stty_modes(child):
    # the marker is spelled differently in the command line, which the terminal echoes
    child.sendline("stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo M$(printf O)DES")
    child.expect(r"[\r\n]((?:-?(?:icanon|echo) )+)MODES")
    modes = child.match.group(1).split()
    child.expect_exact("PROMPT$ ")
    return modes


@pytest.mark.parametrize("name", ["bash", "dash"])
def test_ctrl_z_then_fg_goes_on_with_single_keys(deck, name):
    if not shutil.which(name):
        pytest.skip(f"no {name}")
    child = shell(name)
    child.sendline(f'"{REVISE}" review "{deck}"')
    answer(child, 1)
    child.expect_exact("What is question 2?")
    child.sendcontrol("z")
    child.expect_exact("Stopped")
    child.expect_exact("PROMPT$ ")
    assert stty_modes(child) == ["icanon", "echo"]  # the shell got a normal terminal back
    child.sendline("stty -icanon -echo")  # as a shell may leave it: revise must set its own mode again
    child.expect_exact("PROMPT$ ")
    child.sendline("stty icanon echo; fg")
    answer(child, 2)  # the card is drawn again, and single keys work: no Enter
    child.expect_exact("What is question 3?")
    child.send("q")
    child.expect_exact("Done: 2 cards")
    child.expect_exact("PROMPT$ ")
    assert stty_modes(child) == ["icanon", "echo"]
    child.sendline("exit")
    child.expect(pexpect.EOF)
    assert revlog_count() == 2


def test_terminal_keys_restore_the_signal_handlers_it_replaced():
    import pty
    import termios

    from revise.review.terminal import REDRAW, TerminalKeys

    before = {s: signal.getsignal(s) for s in (signal.SIGTSTP, signal.SIGCONT, signal.SIGWINCH)}
    master, slave = pty.openpty()
    try:
        with TerminalKeys(slave) as keys:
            assert not termios.tcgetattr(slave)[3] & termios.ICANON
            os.kill(os.getpid(), signal.SIGWINCH)
            assert keys(2.0) == REDRAW
            attrs = termios.tcgetattr(slave)
            attrs[3] |= termios.ICANON | termios.ECHO  # what a shell does while the job is stopped
            termios.tcsetattr(slave, termios.TCSANOW, attrs)
            os.kill(os.getpid(), signal.SIGCONT)  # `fg`
            assert keys(2.0) == REDRAW
            assert not termios.tcgetattr(slave)[3] & termios.ICANON
            os.write(master, b"3")
            assert keys(2.0) == "3"
        assert termios.tcgetattr(slave)[3] & termios.ICANON
        assert {s: signal.getsignal(s) for s in before} == before
    finally:
        os.close(master)
        os.close(slave)


def test_line_keys_from_a_pipe():
    read, write = os.pipe()
    os.write(write, b"\n3\n q \nlast")
    keys = LineKeys(os.fdopen(read, "rb", buffering=0))
    assert [keys(None), keys(None), keys(None)] == ["", "3", "q"]
    assert keys(0.05) is None  # "last" has no newline yet and the pipe is still open
    os.close(write)
    assert keys(None) == "last"
    with pytest.raises(EOFError):
        keys(None)


def test_held_interrupts_are_delivered_after_the_block_with_the_handlers_back():
    from revise.review.terminal import interrupts_held

    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    done = []
    with pytest.raises(KeyboardInterrupt):
        with interrupts_held():
            os.kill(os.getpid(), signal.SIGINT)
            os.kill(os.getpid(), signal.SIGTERM)  # only the first one is delivered: one interruption is enough
            done.append("saved")
    assert done == ["saved"]
    assert {s: signal.getsignal(s) for s in before} == before
    with interrupts_held():  # nothing caught: nothing raised
        done.append("again")
    assert done == ["saved", "again"] and {s: signal.getsignal(s) for s in before} == before
