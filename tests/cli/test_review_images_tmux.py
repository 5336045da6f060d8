"""The real `revise review` in a real terminal (tmux, 80×24): a card with an image shows its
placeholder (tmux passes no kitty graphics), `o` runs the image viewer (a shell script standing in
for one, named by $REVISE_IMAGE_VIEWER) and the card stays on screen, a missing image says so; an
Obsidian vault's embeds show the pictures of its attachment folder."""

from __future__ import annotations

import shlex
import shutil
import sys
import time

import pytest

from tests.conftest import REPO
from tests.render.test_images import picture
from tests.tmux import Tmux

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

NOTE = "# Maps\n\nQ: Which country is this?\n![](img/france.png)\nA: France ![](img/flag.png)\n"


def review_in_tmux(tmp_path, folder):
    """`revise review folder` in tmux, its image viewer recording what it opens; (tmux, the record)."""
    viewer, record = tmp_path / "viewer", tmp_path / "viewed.txt"
    viewer.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{record}'\n")
    viewer.chmod(0o755)
    command = ["env", "-u", "REVISE_IMAGES", f"PYTHONPATH={REPO}", f"REVISE_COLLECTION={tmp_path / 'c.db'}",
               f"REVISE_CONFIG={tmp_path / 'config.toml'}", f"REVISE_IMAGE_VIEWER={viewer}",
               sys.executable, "-c", "from revise.cli import app; app()", "review", str(folder)]
    return Tmux(shlex.join(command) + "; sleep 30"), record  # the window stays to show the summary


def test_image_card_in_tmux(tmp_path):
    folder = tmp_path / "maps"
    picture(folder / "img" / "france.png", (640, 480))
    (folder / "maps.md").write_text(NOTE)
    tmux, record = review_in_tmux(tmp_path, folder)
    try:
        warned = tmux.wait_for("Press a key to start reviewing")  # the missing flag, said before the first card
        assert "maps.md:5: image 'img/flag.png' not found" in " ".join(warned.split())  # wrapped at 80 columns
        tmux.keys("Space")
        question = tmux.wait_for("[image: france.png 640×480 — o to open]")
        assert "Which country is this?" in question and "France" not in question
        tmux.keys("o")
        assert "Opened france.png in the image viewer." in tmux.wait_for("Opened")
        deadline = time.monotonic() + 10
        while not record.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert record.read_text().splitlines() == [str(folder / "img" / "france.png")]
        assert "Space reveal" in tmux.screen()  # the card is still the question
        tmux.keys("Space")
        answer = tmux.wait_for("[image missing: img/flag.png]")
        assert "[image: france.png 640×480 — o to open]" in answer and "3 Good" in answer
        tmux.keys("3")
        tmux.keys("q")
        assert "Done: 1 card" in tmux.wait_for("Done:")
    finally:
        tmux.close()


def test_obsidian_embeds_in_tmux(tmp_path):
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    picture(vault / "Attachments" / "Pasted image 20260607073139.png", (1032, 574))  # as Obsidian names a paste
    (vault / "Chapter 5").mkdir()
    (vault / "Chapter 5" / "Ports.md").write_text(
        "#flashcards\n\nWhat does a port identify?::An application on a machine ![[Pasted image 20260607073139.png|599]]\n")
    tmux, record = review_in_tmux(tmp_path, vault / "Chapter 5")
    try:
        tmux.wait_for("What does a port identify?")
        tmux.keys("Space")
        answer = tmux.wait_for("o to open]")
        assert "An application on a machine 🖼" in answer
        assert "[image: Pasted image 20260607073139.png 1032×574 — o to open]" in answer
        tmux.keys("o")
        tmux.wait_for("Opened")
        deadline = time.monotonic() + 10
        while not record.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert record.read_text().splitlines() == [str(vault / "Attachments" / "Pasted image 20260607073139.png")]
        tmux.keys("3")
        tmux.keys("q")
        assert "Done: 1 card" in tmux.wait_for("Done:")
    finally:
        tmux.close()
