"""Markdown text → parsed cards: the card syntax of every kind. Pure: no I/O, no database."""

from revise.notes.cards import ParsedCard, ParseResult, ParseWarning
from revise.notes.cloze import cloze_back, cloze_front
from revise.notes.frontmatter import tag_name
from revise.notes.parser import parse

__all__ = ["ParsedCard", "ParseResult", "ParseWarning", "cloze_back", "cloze_front", "parse", "tag_name"]
