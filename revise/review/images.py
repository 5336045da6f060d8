"""Images in review: which way this terminal can draw them (decided from the environment, never by
asking the terminal, so it cannot hang), and `o`, which opens a card's images in the system viewer."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from revise.errors import ReviseError
from revise.render.images import PROTOCOLS, CardImage

CHOICES = ("auto", "kitty", "sixel", "blocks", "off")
# Terminals that draw sixel images, by $TERM_PROGRAM or the start of $TERM (iTerm2 and WezTerm also
# have protocols of their own that textual-image does not speak; sixel is the one they share)
_SIXEL_PROGRAMS = {"iTerm.app", "WezTerm", "mlterm", "contour"}
_SIXEL_TERMS = ("foot", "mlterm", "contour", "yaft")


def image_protocol(env: Mapping[str, str], interactive: bool) -> str | None:
    """How to draw images: $REVISE_IMAGES (kitty, sixel, blocks, off) if set, else what the terminal
    is known to draw; None (placeholders) when not `interactive`, and inside tmux or screen, which
    do not pass kitty graphics on."""
    chosen = env.get("REVISE_IMAGES", "auto").strip().lower() or "auto"
    if chosen not in CHOICES:
        raise ReviseError(f"REVISE_IMAGES={chosen!r} is not one of {', '.join(CHOICES)} — set one of those, or unset it")
    if not interactive or chosen == "off":
        return None
    if chosen in PROTOCOLS:
        return chosen
    term, program = env.get("TERM", ""), env.get("TERM_PROGRAM", "")
    if env.get("TMUX") or term.startswith(("screen", "tmux")):
        return None
    if term in ("xterm-kitty", "xterm-ghostty") or env.get("KITTY_WINDOW_ID") or program == "ghostty":
        return "kitty"
    if program in _SIXEL_PROGRAMS or term.startswith(_SIXEL_TERMS):
        return "sixel"
    return None


def session_protocol(console: Any, keys: Any) -> str | None:
    """How a review session draws images: only on a terminal that also gives the keys (textual-image
    may ask the terminal its cell size, and the answer comes on the keyboard's input)."""
    from revise.review.terminal import TerminalKeys

    return image_protocol(os.environ, console.is_terminal and isinstance(keys, TerminalKeys))


def viewer_commands(paths: list[str], env: Mapping[str, str], platform: str = sys.platform) -> list[list[str]]:
    """The commands that open `paths`: $REVISE_IMAGE_VIEWER with all of them, else `open` (macOS)
    with all of them, else `xdg-open` once for each (it takes one)."""
    if env.get("REVISE_IMAGE_VIEWER", "").strip():
        return [[*shlex.split(env["REVISE_IMAGE_VIEWER"]), *paths]]
    if platform == "darwin":
        return [["open", *paths]]
    return [["xdg-open", path] for path in paths]


def open_images(images: list[CardImage], env: Mapping[str, str] = os.environ) -> str:
    """Open the card's images in the system viewer, in the background; returns what to tell the learner."""
    targets = [str(image.path) if image.path else image.source for image in images if not image.missing]
    if not images:
        return "This card has no image to open."
    if not targets:
        return f"Cannot open {images[0].source}: the file is missing — fix the link in the note."
    if sys.platform == "win32" and not env.get("REVISE_IMAGE_VIEWER"):
        for target in targets:
            os.startfile(target)  # type: ignore[attr-defined]  # noqa: S606 - the learner's own file
        return _opened(targets)
    for command in viewer_commands(targets, env):
        try:  # its own session: a viewer must not get the review's Ctrl-C, nor write over the screen
            subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
        except OSError as exc:
            return (f"Cannot open the image: {command[0]} did not start ({exc.strerror or exc}) — install "
                    "xdg-utils, or set REVISE_IMAGE_VIEWER to your image viewer's command")
    return _opened(targets)


def _opened(targets: list[str]) -> str:
    names = ", ".join(Path(target).name or target for target in targets)
    return f"Opened {names} in the image viewer."
