"""Markdown text → parsed cards: the card syntax of every kind. Pure: no I/O, no database."""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Each public name and the module that holds it, loaded on first use (PEP 562): the review session
# needs `tag_name`, not the parser, whose patterns take a noticeable part of start-up to compile.
_HOMES = {
    "ParsedCard": "cards", "ParseResult": "cards", "ParseWarning": "cards",
    "cloze_back": "cloze", "cloze_front": "cloze", "tag_name": "frontmatter", "parse": "parser",
}
__all__ = list(_HOMES)


def __getattr__(name: str) -> Any:
    """The public name `name`, from its module."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"revise.notes.{_HOMES[name]}"), name)
