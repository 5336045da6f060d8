"""The real `revise review` in a real terminal (tmux, 80×24): a card with an image shows its
placeholder (tmux passes no kitty graphics), `o` runs the image viewer (a shell script standing in
for one, named by $REVISE_IMAGE_VIEWER) and the card stays on screen, a missing image says so."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time

import pytest

from tests.conftest import REPO
from tests.render.test_images import picture

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

NOTE = "# Maps\n\nQ: Which country is this?\n![](img/france.png)\nA: France ![](img/flag.png)\n"


class Tmux:
    """One tmux server of our own (its own socket), one window running the shell command `command`."""

    def __init__(self, command: str) -> None:
        self.socket = f"revise-test-{os.getpid()}-{time.monotonic_ns()}"
        self._tmux("new-session", "-d", "-x", "80", "-y", "24", command)

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True).stdout

    def send(self, key: str) -> None:
        self._tmux("send-keys", "-t", "0", key)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "0")

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never showed; the screen:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def test_image_card_in_tmux(tmp_path):
    folder = tmp_path / "maps"
    picture(folder / "img" / "france.png", (640, 480))
    (folder / "maps.md").write_text(NOTE)
    viewer, record = tmp_path / "viewer", tmp_path / "viewed.txt"
    viewer.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{record}'\n")
    viewer.chmod(0o755)
    command = ["env", "-u", "REVISE_IMAGES", f"PYTHONPATH={REPO}", f"REVISE_COLLECTION={tmp_path / 'c.db'}",
               f"REVISE_CONFIG={tmp_path / 'config.toml'}", f"REVISE_IMAGE_VIEWER={viewer}",
               sys.executable, "-c", "from revise.cli import app; app()", "review", str(folder)]
    tmux = Tmux(shlex.join(command) + "; sleep 30")  # the window stays to show the summary
    try:
        warned = tmux.wait_for("Press a key to start reviewing")  # the missing flag, said before the first card
        assert "maps.md:5: image 'img/flag.png' not found" in " ".join(warned.split())  # wrapped at 80 columns
        tmux.send("Space")
        question = tmux.wait_for("[image: france.png 640×480 — o to open]")
        assert "Which country is this?" in question and "France" not in question
        tmux.send("o")
        assert "Opened france.png in the image viewer." in tmux.wait_for("Opened")
        deadline = time.monotonic() + 10
        while not record.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert record.read_text().splitlines() == [str(folder / "img" / "france.png")]
        assert "Space reveal" in tmux.screen()  # the card is still the question
        tmux.send("Space")
        answer = tmux.wait_for("[image missing: img/flag.png]")
        assert "[image: france.png 640×480 — o to open]" in answer and "3 Good" in answer
        tmux.send("3")
        tmux.send("q")
        assert "Done: 1 card" in tmux.wait_for("Done:")
    finally:
        tmux.close()
