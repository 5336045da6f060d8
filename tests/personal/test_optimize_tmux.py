"""`revise optimize` in a real terminal (tmux, 80x24): a progress display while it works, gone when it
is done, and the outcome in words wrapped at the window's width. Skipped where tmux is not installed."""

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.tmux import Tmux

pytestmark = pytest.mark.skipif(not shutil.which("tmux"), reason="needs tmux")

REVISE = str(Path(sys.executable).parent / "revise")


def test_progress_while_fitting_then_the_outcome_wrapped_at_words(learned, strong, tmp_path):
    learned({"Biology": (strong, 500, 50)})
    (script := tmp_path / "run.sh").write_text(f"sleep 0.5\n{shlex.quote(REVISE)} optimize\necho \"EXIT=$?\"\nsleep 600\n")
    env = {**os.environ, "TERM": "xterm-256color", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    window = Tmux(f"bash {shlex.quote(str(script))}", env)
    try:
        window.record(drawn := tmp_path / "drawn.txt")
        window.wait_for("EXIT=0", timeout=60)
        time.sleep(0.2)
        sent = drawn.read_text(errors="replace")
        # -J joins the lines the terminal wrapped itself: only revise's own line breaks remain
        screen = subprocess.run(["tmux", "-L", window.socket, "capture-pane", "-p", "-J", "-t", "review"],
                                capture_output=True, text=True, check=True).stdout
    finally:
        window.close()
    assert "Fitting FSRS to your reviews" in sent and re.search(r"Recomputing memory states.* \d+/\d+ cards", sent)
    assert "0/?" not in sent
    lines = screen.rstrip().splitlines()
    assert not any("Recomputing" in line or "Fitting" in line for line in lines)  # the display is transient
    assert lines[0].startswith("All decks: ") and all(len(line) <= 80 for line in lines)  # wrapped at words
    text = " ".join(" ".join(lines).split())
    assert "Saved the fitted parameters: they predict your answers better than the current ones." in text
    assert "Due dates are unchanged" in text and "run `revise optimize --reschedule`" in text
