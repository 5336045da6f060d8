"""Reading a typed answer from a key source: a line editor of printable characters, Backspace, Ctrl-U
and Ctrl-W, Enter to submit and Esc to reveal without typing."""

from __future__ import annotations

from collections.abc import Callable

from revise.review.terminal import REDRAW, KeySource

SUBMIT = {"\n", "\r"}
SKIP = {"escape", "\x1b"}  # Esc from a terminal, or a line holding only the Esc character
BACKSPACE = {"\x7f", "\x08"}
CLEAR_LINE, DELETE_WORD = "\x15", "\x17"  # Ctrl-U, Ctrl-W


def read_typed_answer(keys: KeySource, echo: Callable[[str], None], redraw: Callable[[], None]) -> str | None:
    """The answer typed (maybe empty), or None for Esc; `echo` shows the line so far, `redraw` the
    screen after a resize. From a pipe, the next line is the whole answer."""
    if getattr(keys, "whole_lines", False):
        line = _next_key(keys)
        return None if line in SKIP else line
    text = ""
    echo(text)
    while True:
        key = _next_key(keys)
        if key == REDRAW:
            redraw()
        elif key in SUBMIT:
            return text
        elif key in SKIP:
            return None
        else:
            text = edited(text, key)
        echo(text)


def _next_key(keys: KeySource) -> str:
    key = None
    while key is None:  # a timeout is not a key
        key = keys(None)
    return key


def edited(text: str, key: str) -> str:
    """`text` after one key: a printable character added, Backspace, Ctrl-U (all) or Ctrl-W (the last
    word) taken off; any other key (an arrow, a function key) changes nothing."""
    if key in BACKSPACE:
        return text[:-1]
    if key == CLEAR_LINE:
        return ""
    if key == DELETE_WORD:
        return text.rstrip()[: len(text.rstrip()) - len(text.rstrip().split(" ")[-1])]
    if key.isprintable() and not key.startswith("\x1b"):
        return text + key
    return text
