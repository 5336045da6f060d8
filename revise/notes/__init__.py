"""Markdown text → parsed cards: the card syntax of every kind. Pure: no I/O, no database."""

from revise.notes.parser import (  # noqa: F401
    ParsedCard,
    ParseWarning,
    ParseResult,
    cloze_front,
    cloze_back,
    tag_name,
    BLANK,
    TEXT,
    OPAQUE,
    HEADING,
    RULE,
    parse,
)
